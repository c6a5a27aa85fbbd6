/// Arguments of one command, parsed against its declared ``OptionSpec``s.
///
/// Accepts `--name value`, `--name=value`, flags, `--` to end options, and positionals anywhere.
struct ParsedArguments: Sendable {
    private(set) var flags: Set<String> = []
    private(set) var values: [String: [String]] = [:]
    private(set) var positionals: [String] = []

    init(_ arguments: [String], options: [OptionSpec]) throws {
        let specs = Dictionary(options.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if optionsEnded || !argument.hasPrefix("--") || argument == "-" {
                positionals.append(argument)
                continue
            }
            if argument == "--" {
                optionsEnded = true
                continue
            }
            var name = String(argument.dropFirst(2))
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            guard let spec = specs[name] else {
                throw CLIError.usage("unknown option --\(name)")
            }
            if spec.valueName == nil {
                if inlineValue != nil { throw CLIError.usage("--\(name) takes no value") }
                flags.insert(name)
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else {
                guard index < arguments.count else { throw CLIError.usage("--\(name) needs a value") }
                value = arguments[index]
                index += 1
            }
            if !spec.repeatable, values[name] != nil { throw CLIError.usage("--\(name) given twice") }
            values[name, default: []].append(value)
        }
    }

    func flag(_ name: String) -> Bool { flags.contains(name) }

    /// The last value of an option.
    func value(_ name: String) -> String? { values[name]?.last }

    /// Every value of a repeatable option.
    func allValues(_ name: String) -> [String] { values[name] ?? [] }

    /// An integer option within `range`, or `nil` when absent.
    func int(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = value(name) else { return nil }
        guard let number = Int(text), range.contains(number) else {
            throw CLIError.usage("--\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), got '\(text)'")
        }
        return number
    }

    /// A decimal option, or `nil` when absent.
    func double(_ name: String) throws -> Double? {
        guard let text = value(name) else { return nil }
        guard let number = Double(text), number.isFinite else {
            throw CLIError.usage("--\(name) must be a number, got '\(text)'")
        }
        return number
    }

    /// Fails when more than `max` positionals were given.
    func positionals(max: Int) throws -> [String] {
        if positionals.count > max {
            throw CLIError.usage("unexpected argument '\(positionals[max])'")
        }
        return positionals
    }
}
