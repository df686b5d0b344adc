import PersonalDataLedger
import PersonalDataLedgerFileStore
import PersonalDataLedgerReports
/// A command line split into positional arguments, options with values and flags, checked
/// against what the command accepts.
struct ParsedArguments {
    var positionals: [String] = []
    var options: [String: String] = [:]
    var flags: Set<String> = []

    /// Parses `arguments` for a command that takes `options` (with a value) and `flags`.
    init(_ arguments: [String], options allowedOptions: Set<String>, flags allowedFlags: Set<String>) throws(UsageError)
    {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--" {
                positionals += arguments[index...]
                break
            }
            guard argument.hasPrefix("--") else {
                positionals.append(argument)
                continue
            }
            var name = String(argument.dropFirst(2))
            var value: String?
            if let equals = name.firstIndex(of: "=") {
                value = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if allowedFlags.contains(name) {
                guard value == nil else { throw UsageError("--\(name) takes no value.") }
                flags.insert(name)
            } else if allowedOptions.contains(name) {
                if value == nil {
                    guard index < arguments.count else { throw UsageError("--\(name) needs a value.") }
                    value = arguments[index]
                    index += 1
                }
                options[name] = value
            } else {
                throw UsageError("Unknown option --\(name).")
            }
        }
    }

    /// The value of `option`, if one of `choices`.
    func choice(_ option: String, in choices: [String], default fallback: String) throws(UsageError) -> String {
        let value = options[option] ?? fallback
        guard choices.contains(value) else {
            throw UsageError("--\(option) must be one of: \(choices.joined(separator: ", ")).")
        }
        return value
    }
}

/// The command line was wrong; the message says how. Exit status 2.
struct UsageError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
