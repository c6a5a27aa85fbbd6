/// Decodes a chunked request body (RFC 9112 §7.1), trailers skipped.
enum ChunkedBody {
    enum Outcome {
        case incomplete
        case complete(body: [UInt8], end: Int)
        case failure(HTTPError)
    }

    static func decode(_ buf: UnsafeBufferPointer<UInt8>, from start: Int, maxBodyBytes: Int, maxTrailerBytes: Int) -> Outcome {
        var pos = start
        var body: [UInt8] = []
        let maxSizeLine = 1024
        while true {
            guard let line = buf.firstLF(from: pos) else {
                return buf.count - pos > maxSizeLine ? .failure(.badRequest("Chunk size line too long.")) : .incomplete
            }
            var size = 0
            var i = pos
            while i < line.contentEnd, let digit = RequestTarget.hexValue(buf[i]) {
                guard i - pos < 15 else { return .failure(.bodyTooLarge(limit: maxBodyBytes)) }
                size = size << 4 | Int(digit)
                i += 1
            }
            guard i > pos, i == line.contentEnd || buf[i] == UInt8(ascii: ";") || buf[i] == .space || buf[i] == .tab else {
                return .failure(.badRequest("Invalid chunk size."))
            }
            if body.count + size > maxBodyBytes { return .failure(.bodyTooLarge(limit: maxBodyBytes)) }
            pos = line.next
            if size == 0 { break }
            guard buf.count - pos >= size + 1 else { return .incomplete }
            body.append(contentsOf: UnsafeBufferPointer(rebasing: buf[pos..<(pos + size)]))
            pos += size
            // The chunk data ends with CRLF (a bare LF is tolerated).
            if buf[pos] == .cr {
                guard buf.count - pos >= 2 else { return .incomplete }
                pos += 1
            }
            guard buf[pos] == .lf else { return .failure(.badRequest("Chunk data not followed by CRLF.")) }
            pos += 1
        }
        // Trailer section: skipped up to the empty line.
        let trailerStart = pos
        while true {
            guard let line = buf.firstLF(from: pos) else {
                return buf.count - trailerStart > maxTrailerBytes ? .failure(.headersTooLarge("Trailer section too large.")) : .incomplete
            }
            if line.next - trailerStart > maxTrailerBytes { return .failure(.headersTooLarge("Trailer section too large.")) }
            let isEmpty = line.contentEnd == pos
            pos = line.next
            if isEmpty { break }
        }
        return .complete(body: body, end: pos)
    }
}
