import Foundation

/// Which live-entity blobs a scan reads (skip what the caller does not need: it is faster).
public struct ScanFields: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    public static let document = ScanFields(rawValue: 1)
    public static let profile = ScanFields(rawValue: 2)
    public static let vector = ScanFields(rawValue: 4)
    public static let all: ScanFields = [.document, .profile, .vector]
}

/// One row of ``EntityStore/scan(kind:fields:_:)``; unrequested blobs are `nil`.
public struct ScannedEntity: Sendable {
    public var id: String
    public var document: Data?
    public var profile: Data?
    public var vector: Data?
    public var expiresAt: Date?
    public var updatedAt: Date
}

/// One row of ``EntityStore/scanBuffers(kind:fields:_:)``: the blobs as SQLite's own buffers,
/// valid only during the call (copy what you keep). Saves an allocation per blob per row when the
/// caller copies straight into its own arrays (index and vector rebuild on restart).
public struct ScanRowView {
    let statement: SQLiteStatement

    public var id: String { statement.text(0) }
    public var document: UnsafeRawBufferPointer? { statement.blobBuffer(1) }
    public var profile: UnsafeRawBufferPointer? { statement.blobBuffer(2) }
    public var vector: UnsafeRawBufferPointer? { statement.blobBuffer(3) }
    public var expiresAt: Date? { Timestamp.date(statement.optionalInt64(4)) }
    public var updatedAt: Date { Timestamp.date(statement.int64(5)) }
}
