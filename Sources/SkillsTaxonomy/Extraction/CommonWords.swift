/// General English and job-advert words that are too generic to identify a narrow skill on their own.
///
/// Used by the extractor's guards: a one-word *alternative* label that is a common word is not
/// used at all ("design" is an alternative label of "think creatively", "data" of "statistics"),
/// a one-word *preferred* label that is a common word scores lower ("communication"), and a
/// capitalised product name that is also a common word ("Go", "LESS", "Access") is matched only
/// with its capitalisation and in technical context. The list is deliberately hand-written and
/// general; operators extend it with ``ExtractionOptions/extraCommonWords``.
public enum CommonWords {
    /// Lower-case words.
    public static let english: Set<String> = [
        // function words and everyday vocabulary
        "a", "about", "above", "access", "act", "action", "add", "after", "again", "age", "air", "all", "also",
        "an", "and", "any", "apply", "area", "art", "as", "ask", "at", "back", "bad", "base", "be", "best",
        "better", "big", "bit", "board", "body", "book", "box", "break", "bring", "build", "business", "but",
        "by", "call", "can", "care", "case", "cash", "cell", "chain", "change", "check", "chef", "class",
        "clean", "clear", "close", "code", "cold", "come", "common", "company", "content", "control", "core",
        "cost", "could", "course", "cover", "create", "culture", "current", "cut", "daily", "data", "day",
        "deal", "design", "detail", "develop", "development", "did", "do", "door", "down", "draw", "drive",
        "each", "early", "easy", "edge", "effect", "end", "energy", "engine", "engineering", "enjoy", "even",
        "event", "every", "eye", "fact", "fair", "fast", "feel", "field", "file", "fill", "find", "fine",
        "fire", "first", "fit", "fix", "flow", "focus", "follow", "food", "for", "form", "frame", "free",
        "from", "front", "full", "fun", "game", "gate", "general", "get", "give", "go", "good", "great",
        "ground", "group", "grow", "guide", "hand", "have", "head", "health", "help", "high", "history",
        "hold", "home", "hot", "how", "idea", "if", "image", "impact", "in", "into", "is", "it", "item",
        "job", "join", "just", "keep", "key", "kind", "know", "land", "language", "large", "last", "lead",
        "learn", "less", "level", "life", "light", "like", "line", "link", "list", "live", "local", "logic",
        "long", "look", "lot", "love", "low", "mail", "main", "make", "man", "management", "map", "mark",
        "market", "master", "matter", "may", "mean", "meet", "member", "message", "method", "mind", "mobile",
        "model", "money", "more", "most", "move", "much", "must", "name", "need", "net", "network", "new",
        "next", "nice", "note", "now", "number", "of", "off", "office", "on", "one", "only", "open", "order",
        "other", "our", "out", "over", "own", "page", "paint", "part", "pass", "path", "pay", "people", "pick",
        "place", "plan", "play", "plus", "point", "post", "power", "practice", "present", "press", "price",
        "process", "product", "program", "project", "public", "puppet", "pure", "put", "quality", "quick",
        "range", "rate", "reach", "read", "real", "record", "report", "research", "rest", "result", "review",
        "right", "rise", "risk", "road", "role", "room", "root", "rule", "run", "safe", "safety", "sale",
        "save", "say", "scale", "see", "sell", "send", "serve", "service", "set", "shape", "share", "shell",
        "ship", "shop", "short", "show", "side", "sign", "simple", "site", "size", "skill", "slack", "small",
        "smart", "so", "social", "solution", "solve", "sound", "source", "space", "speak", "speed", "spring",
        "staff", "stage", "standard", "start", "state", "stay", "step", "stock", "store", "story", "strong",
        "study", "style", "success", "support", "sure", "swift", "system", "table", "take", "talk", "target",
        "task", "teach", "team", "tech", "technology", "test", "text", "than", "that", "the", "their", "them",
        "then", "there", "these", "they", "thing", "think", "this", "time", "to", "tool", "top", "total",
        "touch", "track", "trade", "train", "training", "travel", "true", "trust", "try", "turn", "type",
        "under", "unit", "up", "us", "use", "user", "value", "view", "vision", "visit", "voice", "want",
        "watch", "water", "way", "we", "web", "well", "what", "when", "where", "which", "while", "who",
        "whole", "why", "will", "win", "with", "word", "work", "world", "write", "year", "yes", "you", "your",
        // verbs that open task statements
        "adapt", "analyze", "analyse", "assess", "assist", "coordinate", "determine", "direct", "ensure", "evaluate",
        "explain", "identify", "inspect", "maintain", "monitor", "operate", "perform", "prepare", "provide",
        "recommend", "reflect", "evolve", "compass", "act", "it", "clock", "track", "notes", "forms", "sketch",
        // generic in job adverts
        "ability", "analysis", "analytics", "communication", "communications", "english", "experience",
        "knowledge", "leadership", "marketing", "operations", "planning", "programming", "sales", "security",
        "software", "teamwork", "testing", "writing",
    ]
}
