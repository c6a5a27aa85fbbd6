import Foundation
import SkillsCore

/// Maps the words formats use to the engine's controlled vocabularies.
enum VocabularyReading {
    /// schema.org `employmentType` values (`FULL_TIME`, `CONTRACTOR`…) and their plain-English forms.
    static func employmentType(_ text: String) -> EmploymentType? {
        let key = normalized(text)
        switch key {
        case "full time", "fulltime", "permanent": return .fullTime
        case "part time", "parttime", "per diem": return .partTime
        case "contractor", "contract", "freelance": return .contract
        case "temporary", "seasonal", "temp": return .temporary
        case "intern", "internship": return .internship
        case "apprenticeship", "apprentice": return .apprenticeship
        default: return nil
        }
    }

    /// Education level named in free text or a credential category.
    static func educationLevel(_ text: String) -> EducationLevel? {
        let key = normalized(text)
        if key.contains("doctor") || key.contains("phd") { return .doctorate }
        if key.contains("master") || key.contains("postgraduate") || key.contains("mba") { return .master }
        if key.contains("bachelor") || key.contains("undergraduate") || key.contains("4 year") { return .bachelor }
        if key.contains("associate") { return .associate }
        if key.contains("certificate") || key.contains("certification") || key.contains("license") { return .postsecondaryCertificate }
        if key.contains("high school") || key.contains("ged") || key.contains("secondary") { return .highSchool }
        if key == "none" || key.contains("no requirement") { return EducationLevel.none }
        return nil
    }

    /// Credential awarded by a program, from CTDL types (`ceterms:Certificate`) or ETPL text.
    static func credentialType(_ text: String) -> CredentialType? {
        let key = normalized(text.replacingOccurrences(of: "ceterms:", with: ""))
        if key.contains("badge") { return .badge }
        if key.contains("licens") { return .license }
        if key.contains("apprentice") { return .apprenticeship }
        if key.contains("associate") { return .associate }
        if key.contains("bachelor") { return .bachelor }
        if key.contains("master") { return .master }
        if key.contains("certif") || key.contains("diploma") || key.contains("credential") { return .certificate }
        return nil
    }

    /// Years of experience from `monthsOfExperience` or text such as "3+ years".
    static func experienceYears(_ value: JSONValue?) -> Int? {
        guard let value else { return nil }
        if let months = value["monthsOfExperience"]?.number { return max(0, min(60, Int((months / 12).rounded()))) }
        guard let text = value.text?.lowercased() else { return nil }
        let scanner = Scanner(string: text)
        while !scanner.isAtEnd {
            if let number = scanner.scanInt(), (0...60).contains(number) {
                let rest = text[scanner.currentIndex...].prefix(12)
                if rest.contains("year") || rest.contains("yr") { return number }
                if rest.contains("month") { return number / 12 }
            } else {
                _ = scanner.scanCharacter()
            }
        }
        return nil
    }

    /// The first O*NET-SOC or SOC code in a text ("15-1252.00 Software Developers" → "15-1252.00").
    static func occupationCode(_ text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        func digit(_ i: Int) -> Bool { i < scalars.count && ("0"..."9").contains(scalars[i]) }
        var i = 0
        while i + 7 <= scalars.count {
            if digit(i), digit(i + 1), scalars[i + 2] == "-", digit(i + 3), digit(i + 4), digit(i + 5), digit(i + 6),
                !(i > 0 && digit(i - 1))
            {
                var code = String(String.UnicodeScalarView(scalars[i..<(i + 7)]))
                if i + 10 <= scalars.count, scalars[i + 7] == ".", digit(i + 8), digit(i + 9) {
                    code = String(String.UnicodeScalarView(scalars[i..<(i + 10)]))
                }
                return code
            }
            i += 1
        }
        return nil
    }

    /// A CIP code in canonical `NN.NNNN` form, from `11.0701`, `110701` or `11.07`.
    static func cipCode(_ text: String) -> String? {
        let digits = text.filter(\.isNumber)
        if text.contains(".") {
            let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ".")
            guard parts.count == 2, let family = Int(parts[0]), parts[1].allSatisfy(\.isNumber) else { return nil }
            let detail = String(parts[1]).padding(toLength: 4, withPad: "0", startingAt: 0)
            return String(format: "%02d.%@", family, detail)
        }
        guard (5...6).contains(digits.count) else { return nil }
        let padded = String(repeating: "0", count: 6 - digits.count) + digits
        return "\(padded.prefix(2)).\(padded.suffix(4))"
    }

    private static func normalized(_ text: String) -> String {
        text.lowercased().replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ")
            .trimmingCharacters(in: .whitespaces)
    }
}
