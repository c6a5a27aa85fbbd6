import Foundation

/// The BERT "basic tokenizer" for uncased models: cleans text, isolates CJK ideographs, strips
/// accents, lower-cases, then splits on whitespace and around punctuation.
///
/// Follows the order of the reference fast tokenizer (clean → CJK → strip accents → lower-case →
/// split); each step works on Unicode scalars, as the reference works on `char`s.
public enum BertNormalizer {
    /// The words of `text` as arrays of Unicode scalar values, ready for WordPiece.
    public static func words(_ text: String) -> [[UInt32]] {
        // 1. Clean: drop NUL, U+FFFD and control/format characters; map whitespace to a space.
        //    2. Surround CJK ideographs with spaces.
        var cleaned = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value == 0 || value == 0xFFFD || isControl(scalar) { continue }
            if isWhitespace(scalar) {
                cleaned.append(" ")
            } else if isCJK(value) {
                cleaned.append(" ")
                cleaned.append(scalar)
                cleaned.append(" ")
            } else {
                cleaned.append(scalar)
            }
        }
        // 3. Strip accents: canonical decomposition, then drop non-spacing marks.
        // 4. Lower-case each scalar on its own (full mapping, no context), as the reference does.
        let decomposed = String(cleaned).decomposedStringWithCanonicalMapping
        var lowered: [UInt32] = []
        lowered.reserveCapacity(decomposed.unicodeScalars.count)
        for scalar in decomposed.unicodeScalars where scalar.properties.generalCategory != .nonspacingMark {
            if scalar.isASCII {
                let v = scalar.value
                lowered.append((65...90).contains(v) ? v + 32 : v)
            } else if scalar.properties.changesWhenLowercased {
                lowered.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars.map(\.value))
            } else {
                lowered.append(scalar.value)
            }
        }
        // 5. Split on whitespace and isolate each punctuation character.
        var words: [[UInt32]] = []
        var current: [UInt32] = []
        for value in lowered {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if scalar.properties.isWhitespace {
                if !current.isEmpty { words.append(current); current.removeAll(keepingCapacity: true) }
            } else if isPunctuation(scalar) {
                if !current.isEmpty { words.append(current); current.removeAll(keepingCapacity: true) }
                words.append([value])
            } else {
                current.append(value)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\t", "\n", "\r", " ": return true
        default: return scalar.properties.isWhitespace
        }
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\t", "\n", "\r": return false
        default:
            switch scalar.properties.generalCategory {
            // Unassigned code points are kept (they become [UNK]), as in the reference.
            case .control, .format, .privateUse, .surrogate: return true
            default: return false
            }
        }
    }

    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if (33...47).contains(v) || (58...64).contains(v) || (91...96).contains(v) || (123...126).contains(v) {
            return true
        }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    /// The CJK Unified Ideographs blocks the reference treats as single-character words.
    static func isCJK(_ v: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x20000...0x2A6DF).contains(v)
            || (0x2A700...0x2B73F).contains(v) || (0x2B740...0x2B81F).contains(v) || (0x2B820...0x2CEAF).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0x2F800...0x2FA1F).contains(v)
    }
}
