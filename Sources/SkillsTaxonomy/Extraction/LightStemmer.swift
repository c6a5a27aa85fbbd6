/// A light English suffix stripper applied identically to labels and text, so that inflected
/// forms meet: "tests"/"testing"/"tested" → "test", "solve"/"solving" → "solv",
/// "management" → "manag", "technologies" → "technology".
///
/// It is deliberately conservative (a subset of Porter's step 1 plus "-ment" and a final "e"):
/// it only has to make both sides agree, not produce linguistic stems. Words shorter than four
/// letters and words with digits or symbols (`c++`, `node.js`, `s3`) are left alone.
enum LightStemmer {
    /// Stems the ASCII lower-case word in `word[0..<count]` in place and returns the new count.
    static func stem(_ word: UnsafeMutableBufferPointer<UInt8>, count: Int) -> Int {
        guard count >= 4 else { return count }
        for i in 0..<count where !(0x61...0x7A).contains(word[i]) { return count }
        var n = count
        func ends(_ suffix: StaticString) -> Bool {
            let length = suffix.utf8CodeUnitCount
            guard n > length else { return false }
            let s = suffix.utf8Start
            for k in 0..<length where word[n - length + k] != s[k] { return false }
            return true
        }
        func hasVowel(_ upTo: Int) -> Bool {
            for i in 0..<upTo where isVowel(word[i]) { return true }
            return false
        }
        // Plurals.
        if ends("ies"), n > 4 {
            n -= 2
            word[n - 1] = 0x79  // y
        } else if ends("sses") {
            n -= 2
        } else if ends("s"), !ends("ss"), !ends("us"), !ends("is") {
            n -= 1
        }
        // Inflections.
        var stripped = false
        if ends("ing"), n - 3 >= 3, hasVowel(n - 3) {
            n -= 3
            stripped = true
        } else if ends("ed"), n - 2 >= 4, hasVowel(n - 2) {  // not embed → emb
            n -= 2
            stripped = true
        } else if ends("ment"), n - 4 >= 4 {
            n -= 4
        }
        if stripped, n >= 2, word[n - 1] == word[n - 2], !isVowel(word[n - 1]),
            word[n - 1] != 0x6C, word[n - 1] != 0x73, word[n - 1] != 0x7A
        {
            n -= 1  // running → run, programming → program (not l, s, z: install, pass, buzz)
        }
        if n >= 4, word[n - 1] == 0x65 {  // final e: manage → manag, matching managing → manag
            n -= 1
        }
        return n
    }

    private static func isVowel(_ c: UInt8) -> Bool {
        c == 0x61 || c == 0x65 || c == 0x69 || c == 0x6F || c == 0x75
    }
}
