import Foundation

/// Operator additions to the shipped taxonomy, read from a small text file at load time
/// (`Config/taxonomy-extensions.txt`), so a deployment can add skills, aliases, acronyms and
/// blocked phrases without rebuilding `Taxonomies/`.
///
/// One directive per line; blank lines and lines starting with `#` are ignored:
///
///     skill   custom:swiftui technology = SwiftUI | Swift UI     # new skill: id, type = label | aliases
///     alias   onet-tech:postgresql = Postgres | psql             # more labels for an existing skill
///     acronym K8s = onet-tech:kubernetes                         # acronym = skill id | skill id
///     block   team player                                        # never report this phrase
///
/// New skill ids must start with `custom:`. Errors name the file and line.
public struct TaxonomyExtensions: Sendable, Equatable {
    public struct NewSkill: Sendable, Equatable {
        public var id: String
        public var type: SkillType
        public var label: String
        public var aliases: [String]
        public var line: Int
    }

    public struct Alias: Sendable, Equatable {
        public var skillID: String
        public var labels: [String]
        public var line: Int
    }

    public struct Acronym: Sendable, Equatable {
        public var acronym: String
        public var skillIDs: [String]
        public var line: Int
    }

    /// Name used in errors.
    public var file: String
    public var skills: [NewSkill] = []
    public var aliases: [Alias] = []
    public var acronyms: [Acronym] = []
    /// Blocked phrases, lower-cased with single spaces.
    public var blockedPhrases: [String] = []

    /// Reads and validates the syntax of an extension file (references are checked by ``apply(to:)``).
    public static func load(contentsOf url: URL) throws -> TaxonomyExtensions {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw TaxonomyError(.missingFile, file: url.lastPathComponent, "cannot read \(url.path)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw TaxonomyError(.malformedRow, file: url.lastPathComponent, "not valid UTF-8")
        }
        return try TaxonomyExtensions(parsing: text, file: url.lastPathComponent)
    }

    public init(parsing text: String, file: String = "taxonomy-extensions.txt") throws {
        self.file = file
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            try parse(line, number: lineNumber)
        }
    }

    private mutating func parse(_ line: String, number: Int) throws {
        func fail(_ message: String) -> TaxonomyError {
            TaxonomyError(.malformedRow, file: file, line: number, message)
        }
        let directive = line.prefix { !$0.isWhitespace }
        let rest = line.dropFirst(directive.count).trimmingCharacters(in: .whitespaces)
        if directive == "block" {
            let phrase = Self.normalizedPhrase(rest)
            guard !phrase.isEmpty else { throw fail("block needs a phrase") }
            blockedPhrases.append(phrase)
            return
        }
        guard let equals = rest.range(of: "=") else {
            guard ["skill", "alias", "acronym"].contains(directive) else {
                throw fail("unknown directive \"\(directive)\" (expected skill, alias, acronym or block)")
            }
            throw fail("\(directive) needs \"=\" followed by its values")
        }
        let head = rest[..<equals.lowerBound].split(whereSeparator: \.isWhitespace).map(String.init)
        let values = rest[equals.upperBound...].split(separator: "|")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !values.isEmpty else { throw fail("nothing after \"=\"") }
        switch directive {
        case "skill":
            guard head.count == 2 else { throw fail("expected: skill custom:<slug> <type> = <label> | <alias>…") }
            guard head[0].hasPrefix("custom:"), head[0].count > "custom:".count else {
                throw fail("new skill id \"\(head[0])\" must start with custom:")
            }
            guard let type = SkillType(rawValue: head[1]) else {
                throw fail("unknown type \"\(head[1])\" (expected skill, knowledge or technology)")
            }
            skills.append(NewSkill(id: head[0], type: type, label: values[0], aliases: Array(values.dropFirst()), line: number))
        case "alias":
            guard head.count == 1 else { throw fail("expected: alias <skill id> = <label> | <label>…") }
            aliases.append(Alias(skillID: head[0], labels: values, line: number))
        case "acronym":
            guard head.count == 1 else { throw fail("expected: acronym <ACRONYM> = <skill id> | <skill id>…") }
            acronyms.append(Acronym(acronym: head[0], skillIDs: values, line: number))
        default:
            throw fail("unknown directive \"\(directive)\" (expected skill, alias, acronym or block)")
        }
    }

    /// Adds the extensions to `taxonomy`; an unknown or duplicate skill id is an error naming its line.
    public func apply(to taxonomy: inout Taxonomy) throws {
        for skill in skills {
            guard taxonomy.index(of: skill.id) == nil else {
                throw TaxonomyError(.duplicateID, file: file, line: skill.line, "skill \(skill.id) already exists")
            }
            try taxonomy.append(Skill(id: skill.id, label: skill.label, altLabels: skill.aliases, type: skill.type))
        }
        for alias in aliases {
            guard let index = taxonomy.index(of: alias.skillID) else {
                throw TaxonomyError(.unknownReference, file: file, line: alias.line, "unknown skill \(alias.skillID)")
            }
            for label in alias.labels { taxonomy.addAltLabel(label, to: index) }
        }
        for acronym in acronyms {
            var targets: [SkillIndex] = []
            for id in acronym.skillIDs {
                guard let index = taxonomy.index(of: id) else {
                    throw TaxonomyError(.unknownReference, file: file, line: acronym.line, "unknown skill \(id)")
                }
                targets.append(index)
            }
            taxonomy.acronyms[acronym.acronym, default: []].append(contentsOf: targets)
        }
        taxonomy.blockedPhrases.formUnion(blockedPhrases)
    }

    /// Lower-cased, whitespace runs collapsed to one space, trimmed.
    static func normalizedPhrase(_ text: some StringProtocol) -> String {
        text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
