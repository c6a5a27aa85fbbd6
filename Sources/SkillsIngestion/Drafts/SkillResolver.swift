/// Matches what documents say about skills to the taxonomy.
///
/// Ingestion is written against this protocol so adapters and their tests need no taxonomy; the
/// engine implements it with the shipped taxonomy and the extractor.
public protocol SkillResolver: Sendable {
    /// The taxonomy skill an explicit reference names (by id/URI, code, label or alias), if any.
    func resolve(_ reference: SkillReference) -> Int32?
    /// Skills found in free text, with a confidence in 0…1.
    func extract(_ text: String) -> [(skill: Int32, confidence: Double)]
}
