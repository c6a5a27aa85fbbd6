/// Why a taxonomy could not be loaded, imported or extended, with the file and line at fault.
///
/// `description` is the message to show an operator, e.g.
/// `skills.tsv:12: expected 6 tab-separated fields, found 5`.
public struct TaxonomyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, coarsely, for callers that branch on it.
    public enum Kind: String, Sendable, Equatable {
        /// A required file is absent or unreadable.
        case missingFile
        /// A header lacks a required column.
        case missingColumn
        /// A row has the wrong shape (field count, quoting, encoding).
        case malformedRow
        /// A field holds a value outside its domain (unknown type, bad number).
        case invalidValue
        /// Two rows define the same id.
        case duplicateID
        /// A row refers to an id that does not exist.
        case unknownReference
        /// An archive could not be read.
        case archive
    }

    public var kind: Kind
    /// The file name (or archive member) at fault, when known.
    public var file: String?
    /// The 1-based line number at fault, when known.
    public var line: Int?
    public var message: String

    public init(_ kind: Kind, file: String? = nil, line: Int? = nil, _ message: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        switch (file, line) {
        case let (file?, line?): "\(file):\(line): \(message)"
        case let (file?, nil): "\(file): \(message)"
        default: message
        }
    }
}
