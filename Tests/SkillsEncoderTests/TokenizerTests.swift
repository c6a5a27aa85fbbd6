import Testing
import SkillsTestSupport

@testable import SkillsEncoder

/// WordPiece on a small vocabulary: lower-casing, accent stripping, punctuation and CJK splitting,
/// `##` continuations, `[UNK]` for uncoverable or over-long words, special tokens written in text,
/// cleaning of control characters, and truncation.
struct TokenizerTests {
    let tokenizer: WordPieceTokenizer

    init() throws {
        tokenizer = try WordPieceTokenizer(vocabulary: Vocabulary(tokens: TinyModel.vocabulary), maxSequenceLength: 12)
    }

    private func tokens(_ text: String) -> [String] {
        tokenizer.tokenize(text).ids.map { tokenizer.vocabulary.tokens[Int($0)] }
    }

    @Test func wordPiecesAndPunctuation() {
        #expect(tokens("Keeps HVAC systems running!") == ["[CLS]", "keep", "##s", "hvac", "system", "##s", "run", "##ning", "!", "[SEP]"])
        #expect(tokens("care,patient.") == ["[CLS]", "care", ",", "patient", ".", "[SEP]"])
        #expect(tokens("Unable JavaScript") == ["[CLS]", "un", "##able", "java", "##script", "[SEP]"])
    }

    @Test func unknownWords() {
        #expect(tokens("zzz nurse") == ["[CLS]", "[UNK]", "nurse", "[SEP]"])
        #expect(tokens("hvacx") == ["[CLS]", "[UNK]", "[SEP]"])  // "##x" is not in the vocabulary
        #expect(tokens(String(repeating: "a", count: 101)) == ["[CLS]", "[UNK]", "[SEP]"])
    }

    @Test func unicodeNormalisation() {
        #expect(tokens("É") == ["[CLS]", "e", "[SEP]"])  // NFD, drop the accent, lower-case
        #expect(tokens("e\u{301}") == ["[CLS]", "e", "[SEP]"])
        #expect(tokens("中文") == ["[CLS]", "中", "文", "[SEP]"])
        // Control and format characters vanish (joining the words), whitespace separates.
        #expect(tokens("the\u{0}\u{7}\u{200D}hvac") == ["[CLS]", "[UNK]", "[SEP]"])
        #expect(tokens("nurse\u{200B}care") == ["[CLS]", "[UNK]", "[SEP]"])
        #expect(tokens("the\tnurse\u{3000}care") == ["[CLS]", "the", "nurse", "care", "[SEP]"])
    }

    @Test func specialTokensInText() {
        #expect(tokens("nurse [SEP] care [MASK]") == ["[CLS]", "nurse", "[SEP]", "care", "[MASK]", "[SEP]"])
        // Matched case-sensitively on raw text only: "[sep]" is three ordinary words.
        #expect(tokens("[sep]") == ["[CLS]", "[UNK]", "[UNK]", "[UNK]", "[SEP]"])
    }

    @Test func truncationKeepsTheBudget() {
        let ids = tokenizer.tokenize(String(repeating: "the nurse ", count: 50)).ids
        #expect(ids.count == 12)
        #expect(ids.first == tokenizer.vocabulary.classifierID)
        #expect(ids.last == tokenizer.vocabulary.separatorID)
        #expect(tokenizer.tokenize("").ids == [tokenizer.vocabulary.classifierID, tokenizer.vocabulary.separatorID])
    }
}
