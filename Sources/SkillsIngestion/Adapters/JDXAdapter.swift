import SkillsCore

/// HR Open JDX `JobPosting` (the Job Data Exchange schema used by US workforce systems).
///
/// The job fields follow schema.org (JDX builds on it) and are read the same way; skills come from
/// the `AnnotatedDefinedTerm` lists `competencies`, `skills`, `knowledge` and `abilities`, and the
/// occupation from `occupationCategories` (O*NET-SOC `termCode`). Terms marked preferred
/// (`preferredCompetencies`, or an `importance`/`requirementLevel` of "preferred") count as preferred.
public struct JDXAdapter: IngestAdapter {
    public let format = IngestFormat.jdx

    public init() {}

    public func drafts(from document: JSONValue, context: IngestContext) throws(IngestError) -> [EntityDraft] {
        guard var draft = try JobPostingAdapter().drafts(from: document, context: context).first,
            case .job(var job) = draft.entity
        else { throw .missing("title") }
        if job.occupationCode == nil {
            job.occupationCode = JobPostingAdapter.occupationCode(document["occupationCategories"])
        }
        for key in ["competencies", "knowledge", "abilities", "requiredCompetencies"] {
            draft.skills += Self.terms(document[key], required: true)
        }
        draft.skills += Self.terms(document["preferredCompetencies"], required: false)
        for key in ["requiredCredentials", "preferredCredentials", "minimumCredentials"] {
            if let text = document[key]?.text { draft.texts.append(text) }
        }
        draft.entity = .job(job)
        return [draft]
    }

    /// `AnnotatedDefinedTerm`s (or plain strings); a term may downgrade itself to preferred.
    static func terms(_ value: JSONValue?, required: Bool) -> [SkillReference] {
        guard let value else { return [] }
        return value.asArray.flatMap { item -> [SkillReference] in
            let level = item.first("requirementLevel", "importance")?.text?.lowercased()
            let isRequired = required && level != "preferred" && level != "optional"
            let importance: Float = isRequired ? 1 : 0.5
            return JobPostingAdapter.skillReferences(item, required: isRequired, importance: importance)
        }
    }
}
