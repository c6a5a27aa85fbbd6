import Foundation
import SkillsCore
import SkillsEngine

/// `skillmatch vectors`: loads the engine's skill vectors (building and caching them when needed),
/// prints where they came from and what each part of the start cost, and the related skills of the
/// skills named.
struct VectorsCommand: Command {
    static let path = ["vectors"]
    static let abstract = "show the skill vectors in use, start-up costs, and related skills of SKILL..."
    static let synopsis = "[--count N] [SKILL...]"
    static let discussion = """
        Opens the engine the way serve does (engine.skillVectors, $SKILLMATCH_SKILL_VECTORS,
        $SKILLMATCH_MODEL_DIR): the first run builds and caches the vectors under <data dir>/vectors.
        SKILL is a taxonomy id or a preferred/alternative label. Exit 65 for an unknown skill.
        """
    static let options: [OptionSpec] = [.value("count", "N", "related skills printed per skill (default 10)")]

    let skills: [String]
    let count: Int

    init(_ arguments: ParsedArguments) throws {
        skills = try arguments.positionals(max: 1000)
        count = try arguments.int("count", in: 1...100) ?? 10
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let engine = try EngineLoader.open(context)
        context.print(engine.startup.summary)
        for name in skills {
            guard let skill = engine.skillIndex(named: name) else { throw CLIError(code: .dataError, message: "unknown skill '\(name)'") }
            context.print("\(engine.label(skill)) (\(engine.taxonomy[skill].id)):")
            for related in engine.similarity.related(to: skill).prefix(count) {
                let cosine = (try? engine.skillVectors.vectors.similarity(skill, related.id)) ?? 0
                context.print(String(format: "  %.3f  %@  (cosine %.3f, hierarchy %.2f)", related.score, engine.label(related.id), cosine,
                                     engine.similarity.hierarchyCredit(skill, related.id)))
            }
        }
        return .success
    }
}
