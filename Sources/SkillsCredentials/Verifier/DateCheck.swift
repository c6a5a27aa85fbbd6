import Foundation
import SkillsCore

/// The validity window check (VCDM 2.0 `validFrom`/`validUntil`, VCDM 1.1 `issuanceDate`/`expirationDate`).
enum DateCheck {
    /// Parses an XML Schema dateTime with a time zone: `YYYY-MM-DDThh:mm:ss[.fff](Z|±hh:mm)`.
    ///
    /// Hand-written because Foundation's ISO 8601 formatter costs more than a signature check.
    static func parse(_ text: String) -> Date? {
        let b = Array(text.utf8)
        func digits(_ at: Int, _ count: Int) -> Int? {
            guard at + count <= b.count else { return nil }
            var v = 0
            for i in at..<at + count {
                guard b[i] >= 0x30 && b[i] <= 0x39 else { return nil }
                v = v * 10 + Int(b[i] - 0x30)
            }
            return v
        }
        guard b.count >= 20, let year = digits(0, 4), b[4] == 0x2D, let month = digits(5, 2), b[7] == 0x2D, let day = digits(8, 2),
              b[10] == 0x54 || b[10] == 0x74, let hour = digits(11, 2), b[13] == 0x3A, let minute = digits(14, 2), b[16] == 0x3A,
              let second = digits(17, 2) else { return nil }
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        var i = 19
        var fraction = 0.0
        if i < b.count, b[i] == 0x2E {
            i += 1
            var scale = 0.1
            let start = i
            while i < b.count, b[i] >= 0x30 && b[i] <= 0x39 { fraction += Double(b[i] - 0x30) * scale; scale /= 10; i += 1 }
            guard i > start else { return nil }
        }
        guard i < b.count else { return nil }
        var offset = 0
        if b[i] == 0x5A || b[i] == 0x7A {
            i += 1
        } else if b[i] == 0x2B || b[i] == 0x2D {
            guard let oh = digits(i + 1, 2), i + 3 < b.count, b[i + 3] == 0x3A, let om = digits(i + 4, 2) else { return nil }
            offset = (oh * 60 + om) * 60 * (b[i] == 0x2B ? 1 : -1)
            i += 6
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        // Days from the civil date (proleptic Gregorian), Howard Hinnant's algorithm.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        let seconds = Double(days * 86_400 + hour * 3600 + minute * 60 + second - offset) + fraction
        return Date(timeIntervalSince1970: seconds)
    }

    static func check(_ credential: JSONObject, now: Date) -> VerificationStep {
        let from = credential["validFrom"] ?? credential["issuanceDate"]
        let until = credential["validUntil"] ?? credential["expirationDate"]
        var notes: [String] = []
        if let from {
            guard let s = from.stringValue, let date = parse(s) else { return VerificationStep(.dates, .failed, "unreadable validFrom/issuanceDate") }
            if date > now { return VerificationStep(.dates, .failed, "not yet valid (valid from \(s))") }
            notes.append("valid from \(s)")
        }
        if let until {
            guard let s = until.stringValue, let date = parse(s) else { return VerificationStep(.dates, .failed, "unreadable validUntil/expirationDate") }
            if date < now { return VerificationStep(.dates, .failed, "expired (valid until \(s))") }
            notes.append("valid until \(s)")
        }
        return VerificationStep(.dates, .passed, notes.isEmpty ? "no validity window" : notes.joined(separator: ", "))
    }
}
