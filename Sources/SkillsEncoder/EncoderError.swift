/// Why the sentence encoder could not be loaded or run.
///
/// `kind` is for code (`.modelMissing` means: log one warning and run lexical-only); `message` is for
/// people and names the file and what was wrong with it.
public struct EncoderError: Error, Equatable, CustomStringConvertible, Sendable {
    /// What went wrong, for code to switch on.
    public enum Kind: Equatable, Sendable {
        /// The model directory or one of its required files does not exist (the path is the missing one).
        case modelMissing(path: String)
        /// A safetensors file is truncated, has a malformed header or offsets outside the file.
        case corruptWeights
        /// A tensor the model needs is absent from the weights file.
        case missingTensor
        /// A tensor has the wrong dtype or shape for the model configuration.
        case wrongShape
        /// The vocabulary is absent, empty or lacks a required special token.
        case invalidVocabulary
        /// `config.json`, the pooling config or an `EncoderConfiguration` value is unusable.
        case invalidConfiguration
        /// A `LabelEmbeddings` cache file is truncated or malformed.
        case corruptCache
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The model directory or a required file in it is absent.
    public static func modelMissing(_ path: String) -> EncoderError {
        EncoderError(.modelMissing(path: path), "sentence encoder model file not found: \(path) (run scripts/fetch-model.sh)")
    }

    public var description: String { message }
}
