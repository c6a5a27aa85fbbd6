import Foundation
import SkillsCore

/// The validity window check (VCDM 2.0 `validFrom`/`validUntil`, VCDM 1.1 `issuanceDate`/`expirationDate`).
enum DateCheck {
    /// Parses an XML Schema dateTime with a time zone (fractional seconds allowed).
    static func parse(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        if let d = plain.date(from: text) { return d }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
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
