/// BM25 and field constants of the text index, and request limits.
public struct IndexConfiguration: Sendable, Hashable, Codable {
    /// BM25 term-frequency saturation.
    public var k1: Float = 1.2
    /// BM25 length normalisation.
    public var b: Float = 0.75
    /// Multiplier of a title occurrence relative to a body occurrence.
    public var titleBoost: Float = 2.0
    public var bodyBoost: Float = 1.0
    /// Number of skills in the taxonomy; skill indices outside `0..<skillCount` are refused.
    public var skillCount: Int = 20_000
    /// Largest `limit` a search accepts.
    public var maximumLimit: Int = 1_000

    public init() {}

    /// Throws for the first out-of-range constant.
    public func validate() throws(IndexError) {
        if !(k1 > 0 && k1.isFinite) { throw .invalidConfiguration("k1", "must be > 0, got \(k1)") }
        if !(0...1).contains(b) { throw .invalidConfiguration("b", "must be within 0...1, got \(b)") }
        if !(titleBoost >= 0 && bodyBoost >= 0 && titleBoost + bodyBoost > 0) {
            throw .invalidConfiguration("titleBoost/bodyBoost", "must be >= 0 and not both 0")
        }
        if skillCount <= 0 { throw .invalidConfiguration("skillCount", "must be > 0, got \(skillCount)") }
        if maximumLimit <= 0 { throw .invalidConfiguration("maximumLimit", "must be > 0, got \(maximumLimit)") }
    }
}
