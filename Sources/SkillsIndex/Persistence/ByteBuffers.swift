import Foundation

/// Appends little-endian values to a byte array (the snapshot file's encoding).
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func write<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func write(_ value: Float) { write(value.bitPattern) }
    mutating func write(_ value: Double) { write(value.bitPattern) }
    mutating func write(_ value: Bool) { write(UInt8(value ? 1 : 0)) }

    mutating func write(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            write(UInt32(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func write(_ value: Date) { write(value.timeIntervalSinceReferenceDate) }

    /// A presence byte, then the value if there is one.
    mutating func write<T>(_ value: T?, _ body: (inout ByteWriter, T) -> Void) {
        write(value != nil)
        if let value { body(&self, value) }
    }

    /// A count, then each element.
    mutating func write<S: Collection>(_ values: S, _ body: (inout ByteWriter, S.Element) -> Void) {
        write(UInt32(values.count))
        for value in values { body(&self, value) }
    }

    /// Raw bytes of a trivial array (fixed-width elements), preceded by the element count.
    mutating func writeArray<T: BitwiseCopyable>(_ values: [T]) {
        write(UInt64(values.count))
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }
}

/// Reads what ``ByteWriter`` wrote, throwing on anything out of bounds or out of range, so a
/// truncated or damaged file is an error rather than a crash.
struct ByteReader {
    let buffer: UnsafeRawBufferPointer
    var offset = 0

    init(_ buffer: UnsafeRawBufferPointer) {
        self.buffer = buffer
    }

    var isAtEnd: Bool { offset == buffer.count }

    private mutating func take(_ count: Int) throws(IndexError) -> Int {
        guard count >= 0, count <= buffer.count - offset else { throw .invalidSnapshot("truncated at byte \(offset)") }
        defer { offset += count }
        return offset
    }

    mutating func read<T: FixedWidthInteger>(_: T.Type = T.self) throws(IndexError) -> T {
        let at = try take(MemoryLayout<T>.size)
        return T(littleEndian: buffer.loadUnaligned(fromByteOffset: at, as: T.self))
    }

    mutating func readFloat() throws(IndexError) -> Float { Float(bitPattern: try read(UInt32.self)) }
    mutating func readDouble() throws(IndexError) -> Double { Double(bitPattern: try read(UInt64.self)) }
    mutating func readDate() throws(IndexError) -> Date { Date(timeIntervalSinceReferenceDate: try readDouble()) }

    mutating func readBool() throws(IndexError) -> Bool {
        switch try read(UInt8.self) {
        case 0: return false
        case 1: return true
        case let other: throw .invalidSnapshot("byte \(offset - 1): \(other) is not a boolean")
        }
    }

    mutating func readString() throws(IndexError) -> String {
        let count = Int(try read(UInt32.self))
        let at = try take(count)
        return String(decoding: UnsafeRawBufferPointer(rebasing: buffer[at..<(at + count)]), as: UTF8.self)
    }

    mutating func readOptional<T>(_ body: (inout ByteReader) throws(IndexError) -> T) throws(IndexError) -> T? {
        try readBool() ? try body(&self) : nil
    }

    mutating func readList<T>(_ body: (inout ByteReader) throws(IndexError) -> T) throws(IndexError) -> [T] {
        let count = Int(try read(UInt32.self))
        // Every element takes at least one byte: a count beyond the rest of the file is damage.
        guard count <= buffer.count - offset else { throw .invalidSnapshot("byte \(offset): list of \(count) exceeds the file") }
        var out: [T] = []
        out.reserveCapacity(count)
        for _ in 0..<count { out.append(try body(&self)) }
        return out
    }

    /// An enum stored as its position in `allCases`.
    mutating func readCase<T: CaseIterable>(_: T.Type) throws(IndexError) -> T where T.AllCases == [T] {
        let index = Int(try read(UInt8.self))
        guard index < T.allCases.count else { throw .invalidSnapshot("byte \(offset - 1): \(index) is not a \(T.self)") }
        return T.allCases[index]
    }

    /// The bytes of an array written by ``ByteWriter/writeArray(_:)``, in place (possibly
    /// unaligned), and its element count: for arrays that are copied elsewhere piecewise.
    mutating func readArrayBytes<T: BitwiseCopyable>(_: T.Type) throws(IndexError) -> (bytes: UnsafeRawBufferPointer, count: Int) {
        let count = Int(try read(UInt64.self))
        guard count >= 0, count <= (buffer.count - offset) / max(1, MemoryLayout<T>.stride) else {
            throw .invalidSnapshot("byte \(offset): array of \(count) exceeds the file")
        }
        let at = try take(count * MemoryLayout<T>.stride)
        return (UnsafeRawBufferPointer(rebasing: buffer[at..<(at + count * MemoryLayout<T>.stride)]), count)
    }

    mutating func readArray<T: BitwiseCopyable>(_: T.Type) throws(IndexError) -> [T] {
        let (bytes, count) = try readArrayBytes(T.self)
        return [T](unsafeUninitializedCapacity: count) { out, initialized in
            UnsafeMutableRawBufferPointer(out).copyMemory(from: bytes)
            initialized = count
        }
    }
}

extension ByteWriter {
    /// An enum as its position in `allCases`.
    mutating func writeCase<T: CaseIterable & Equatable>(_ value: T) where T.AllCases == [T] {
        write(UInt8(T.allCases.firstIndex(of: value)!))
    }
}
