/// How the sentence encoder runs. Every field has a default; `validate(maxPositions:)` checks it
/// against the model.
public struct EncoderConfiguration: Equatable, Sendable {
    /// Token budget per text, `[CLS]` and `[SEP]` included; longer texts are truncated.
    /// `nil` takes the model's `sentence_bert_config.json` value (256 for all-MiniLM-L6-v2).
    public var maxSequenceLength: Int?
    /// Texts per forward pass. Texts are sorted by length first so a batch holds similar lengths.
    public var batchSize: Int
    /// OpenBLAS threads to set when the encoder is created; `nil` leaves the process setting alone.
    public var threads: Int?

    public init(maxSequenceLength: Int? = nil, batchSize: Int = 32, threads: Int? = nil) {
        self.maxSequenceLength = maxSequenceLength
        self.batchSize = batchSize
        self.threads = threads
    }

    /// Throws `.invalidConfiguration` naming the bad field.
    public func validate(maxPositions: Int) throws {
        if let length = maxSequenceLength, !(2...maxPositions).contains(length) {
            throw EncoderError(.invalidConfiguration, "maxSequenceLength \(length) must be in 2...\(maxPositions)")
        }
        guard (1...4096).contains(batchSize) else {
            throw EncoderError(.invalidConfiguration, "batchSize \(batchSize) must be in 1...4096")
        }
        if let threads, !(1...256).contains(threads) {
            throw EncoderError(.invalidConfiguration, "threads \(threads) must be in 1...256")
        }
    }
}
