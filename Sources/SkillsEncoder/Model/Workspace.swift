/// Work buffers for one forward pass, reused across batches and grown only when a batch holds more
/// tokens than any before it, so the hot loop never allocates.
///
/// Not thread-safe: one workspace per concurrent forward pass (`SentenceEncoder` guards its own).
final class Workspace {
    private(set) var tokenCapacity = 0
    private(set) var hidden: UnsafeMutablePointer<Float>  // T × H, the running hidden state
    private(set) var qkv: UnsafeMutablePointer<Float>  // T × 3H
    private(set) var context: UnsafeMutablePointer<Float>  // T × H, attention output before projection
    private(set) var projected: UnsafeMutablePointer<Float>  // T × H
    private(set) var intermediate: UnsafeMutablePointer<Float>  // T × I
    let scores: UnsafeMutablePointer<Float>  // L × L for one head of one text

    let hiddenSize: Int
    let intermediateSize: Int

    init(config: BertConfig, maxSequenceLength: Int) {
        hiddenSize = config.hiddenSize
        intermediateSize = config.intermediateSize
        scores = .allocate(capacity: maxSequenceLength * maxSequenceLength)
        hidden = .allocate(capacity: 0)
        qkv = .allocate(capacity: 0)
        context = .allocate(capacity: 0)
        projected = .allocate(capacity: 0)
        intermediate = .allocate(capacity: 0)
    }

    /// Makes room for `tokens` tokens (rounded up so small growth steps do not reallocate each time).
    func reserve(tokens: Int) {
        guard tokens > tokenCapacity else { return }
        let capacity = max(tokens, tokenCapacity * 3 / 2, 256)
        release()
        hidden = .allocate(capacity: capacity * hiddenSize)
        qkv = .allocate(capacity: capacity * hiddenSize * 3)
        context = .allocate(capacity: capacity * hiddenSize)
        projected = .allocate(capacity: capacity * hiddenSize)
        intermediate = .allocate(capacity: capacity * intermediateSize)
        tokenCapacity = capacity
    }

    private func release() {
        hidden.deallocate()
        qkv.deallocate()
        context.deallocate()
        projected.deallocate()
        intermediate.deallocate()
    }

    deinit {
        release()
        scores.deallocate()
    }
}
