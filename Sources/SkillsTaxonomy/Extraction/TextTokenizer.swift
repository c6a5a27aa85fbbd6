/// Splits text into ``TextToken``s with the normalisation both labels and texts get: case
/// folding, punctuation and hyphens as separators ("problem-solving" = "problem solving"),
/// possessive "'s" dropped, articles dropped, tech-name symbols kept inside tokens (`C++`,
/// `C#`, `.NET`, `Node.js`, `R&D`), and the ``LightStemmer``.
///
/// Works on UTF-8 bytes in one pass; offsets are counted in Unicode scalars. Invalid bytes
/// (only possible through ``tokenize(utf8:into:)``) count as one replacement scalar each.
enum TextTokenizer {
    /// Words longer than this (in bytes) are hashed as they are, without stemming.
    static let maximumStemmedLength = 64

    static func tokenize(_ text: String, into tokens: inout [TextToken]) {
        var text = text
        text.withUTF8 { tokenize(utf8: $0, into: &tokens) }
    }

    static func tokenize(utf8 bytes: UnsafeBufferPointer<UInt8>, into tokens: inout [TextToken]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maximumStemmedLength) { buffer in
            var scanner = Scanner(bytes: bytes, word: buffer)
            scanner.run(into: &tokens)
        }
    }

    /// FNV-1a over the bytes of a normalised word.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h
    }

    static let articleHashes: (UInt64, UInt64, UInt64) = {
        func h(_ word: String) -> UInt64 {
            var word = word
            return word.withUTF8 { hash($0) }
        }
        return (h("a"), h("an"), h("the"))
    }()
}

/// The state of one tokenisation pass.
private struct Scanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let word: UnsafeMutableBufferPointer<UInt8>

    var length = 0  // bytes in the current token
    var runningHash: UInt64 = 0xcbf2_9ce4_8422_2325
    var start = -1  // scalar offset of the current token, -1 when outside a token
    var letters = 0
    var uppers = 0
    var flags: TokenFlags = []
    var pendingBreak = true
    var pendingSentence = true
    let articles = TextTokenizer.articleHashes

    init(bytes: UnsafeBufferPointer<UInt8>, word: UnsafeMutableBufferPointer<UInt8>) {
        self.bytes = bytes
        self.word = word
    }

    mutating func run(into tokens: inout [TextToken]) {
        var i = 0
        var scalar = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                // Each ASCII byte is one scalar; a possessive "'s" consumes two at once.
                let consumed = ascii(b, at: i, scalar: scalar, tokens: &tokens)
                i += consumed
                scalar += consumed
                continue
            }
            let (value, width) = decode(at: i)
            unicode(value, at: i, width: width, scalar: scalar, tokens: &tokens)
            i += width
            scalar += 1
        }
        finish(at: scalar, into: &tokens)
    }

    /// Handles one ASCII byte; returns how many bytes it consumed.
    private mutating func ascii(_ b: UInt8, at i: Int, scalar: Int, tokens: inout [TextToken]) -> Int {
        let next: UInt8 = i + 1 < bytes.count ? bytes[i + 1] : 0x20
        switch b {
        case 0x61...0x7A: append(b, scalar: scalar, letter: true, upper: false)
        case 0x41...0x5A: append(b + 32, scalar: scalar, letter: true, upper: true)
        case 0x30...0x39:
            append(b, scalar: scalar, letter: false, upper: false)
            flags.insert(.digit)
        case UInt8(ascii: "+") where start >= 0 && !isAlnum(next):
            append(b, scalar: scalar, letter: false, upper: false)
            flags.insert(.symbol)
        case UInt8(ascii: "#") where start >= 0 && letters > 0 && !isAlnum(next):
            append(b, scalar: scalar, letter: false, upper: false)
            flags.insert(.symbol)
        case UInt8(ascii: ".") where start >= 0 && isAlnum(next):
            append(b, scalar: scalar, letter: false, upper: false)
            flags.insert(.symbol)
        case UInt8(ascii: ".") where start < 0 && isLetter(next) && (i == 0 || isSoftSeparator(bytes[i - 1])):
            append(b, scalar: scalar, letter: false, upper: false)  // .NET
            flags.insert(.symbol)
        case UInt8(ascii: "&") where start >= 0 && i > 0 && isLetter(bytes[i - 1]) && isLetter(next):
            append(b, scalar: scalar, letter: false, upper: false)  // R&D, AT&T
            flags.insert(.symbol)
        case UInt8(ascii: "'") where next == UInt8(ascii: "s") || next == UInt8(ascii: "S"):
            finish(at: scalar, into: &tokens)
            let after: UInt8 = i + 2 < bytes.count ? bytes[i + 2] : 0x20
            if !isAlnum(after) { return 2 }  // possessive: customer's → customer
        case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ";"),
            0x0A, 0x0D:
            finish(at: scalar, into: &tokens)
            pendingBreak = true
            pendingSentence = true
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
            UInt8(ascii: "}"), UInt8(ascii: "\""), UInt8(ascii: "|"), UInt8(ascii: "*"):
            finish(at: scalar, into: &tokens)
            pendingBreak = true
        default:
            finish(at: scalar, into: &tokens)  // space, comma, hyphen, slash and the rest
        }
        return 1
    }

    private mutating func unicode(_ value: UInt32, at i: Int, width: Int, scalar: Int, tokens: inout [TextToken]) {
        switch value {
        case 0x2010...0x2015, 0x00A0, 0x2000...0x200B, 0x202F, 0x3000, 0x2018, 0x2019:
            finish(at: scalar, into: &tokens)
        case 0x201C, 0x201D, 0x2022, 0x00B7, 0x25AA, 0x25CF, 0x2023, 0x2043, 0x00AB, 0x00BB:
            finish(at: scalar, into: &tokens)
            pendingBreak = true
        case 0x2026, 0x3002:
            finish(at: scalar, into: &tokens)
            pendingBreak = true
            pendingSentence = true
        default:
            guard let s = Unicode.Scalar(value), s.properties.isAlphabetic || s.properties.numericType != nil else {
                finish(at: scalar, into: &tokens)
                return
            }
            let upper = s.properties.isUppercase
            if upper {
                for b in s.properties.lowercaseMapping.utf8 { appendByte(b) }
                noteCharacter(scalar: scalar, letter: true, upper: true)
            } else {
                for k in 0..<width { appendByte(bytes[i + k]) }
                noteCharacter(scalar: scalar, letter: s.properties.isAlphabetic, upper: false)
            }
        }
    }

    private mutating func append(_ b: UInt8, scalar: Int, letter: Bool, upper: Bool) {
        appendByte(b)
        noteCharacter(scalar: scalar, letter: letter, upper: upper)
    }

    private mutating func appendByte(_ b: UInt8) {
        if length < word.count { word[length] = b }
        length += 1
        runningHash = (runningHash ^ UInt64(b)) &* 0x0000_0100_0000_01B3
    }

    private mutating func noteCharacter(scalar: Int, letter: Bool, upper: Bool) {
        if start < 0 {
            start = scalar
            if upper { flags.insert(.capitalized) }
        }
        if letter { letters += 1 }
        if upper { uppers += 1 }
    }

    private mutating func finish(at scalar: Int, into tokens: inout [TextToken]) {
        guard start >= 0 else { return }
        defer {
            length = 0
            runningHash = 0xcbf2_9ce4_8422_2325
            start = -1
            letters = 0
            uppers = 0
            flags = []
        }
        var hash = runningHash
        let acronym = letters > 1 && letters <= 4 && uppers == letters
        if length <= word.count && !acronym {
            // Short acronyms are not stemmed: "ETCS" is not the plural of "etc".
            let stemmed = LightStemmer.stem(word, count: length)
            hash = TextTokenizer.hash(UnsafeBufferPointer(rebasing: word[0..<stemmed]))
        }
        if hash == articles.0 || hash == articles.1 || hash == articles.2 { return }
        var tokenFlags = flags
        if letters > 0 && uppers == letters { tokenFlags.insert(.allUpper) }
        if pendingBreak { tokenFlags.insert(.breakBefore) }
        if pendingSentence { tokenFlags.insert(.sentenceStart) }
        pendingBreak = false
        pendingSentence = false
        tokens.append(
            TextToken(hash: hash, surface: runningHash, start: start, end: scalar, flags: tokenFlags, letters: letters))
    }

    /// Decodes the scalar starting at `i`; malformed input yields U+FFFD over one byte.
    private func decode(at i: Int) -> (UInt32, Int) {
        let b = bytes[i]
        let width: Int
        var value: UInt32
        switch b {
        case 0xC2...0xDF: width = 2; value = UInt32(b & 0x1F)
        case 0xE0...0xEF: width = 3; value = UInt32(b & 0x0F)
        case 0xF0...0xF4: width = 4; value = UInt32(b & 0x07)
        default: return (0xFFFD, 1)
        }
        guard i + width <= bytes.count else { return (0xFFFD, 1) }
        for k in 1..<width {
            let c = bytes[i + k]
            guard c & 0xC0 == 0x80 else { return (0xFFFD, 1) }
            value = value << 6 | UInt32(c & 0x3F)
        }
        return (value, width)
    }

    private func isLetter(_ b: UInt8) -> Bool { (0x61...0x7A).contains(b | 0x20) }
    private func isAlnum(_ b: UInt8) -> Bool { isLetter(b) || (0x30...0x39).contains(b) }
    private func isSoftSeparator(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == UInt8(ascii: ",") || b == UInt8(ascii: "(")
            || b == UInt8(ascii: "/") || b == UInt8(ascii: "-") || b == UInt8(ascii: ":")
    }
}
