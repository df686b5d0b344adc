/// A command line parsed against a ``CommandDeclaration``: the subcommand, the positional
/// arguments after it, the values of options and the flags given.
struct ParsedArguments: Sendable, Equatable {
    /// The subcommand named (or the default one), for a command that has subcommands.
    var subcommand: String?
    var positionals: [String] = []
    /// The value of every single-value option given.
    var options: [String: String] = [:]
    /// The values of every repeatable option given, split on commas.
    var repeated: [String: [String]] = [:]
    var flags: Set<String> = []

    /// Parses `arguments` (those after the command's name) for `declaration`, refusing unknown
    /// options, missing values, a flag given a value, an option given twice, a value outside an
    /// option's choices, and missing or extra positional arguments.
    init(_ arguments: [String], for declaration: CommandDeclaration) throws(UsageError) {
        var given: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--" {
                given += arguments[index...]
                break
            }
            guard argument.hasPrefix("-"), argument != "-" else {
                given.append(argument)
                continue
            }
            guard argument.hasPrefix("--") else {
                // Only the name: the rest may be a value typed in the wrong place.
                throw UsageError("Unknown option \(argument.prefix(2)); pdl \(declaration.name) has only long options.")
            }
            var name = String(argument.dropFirst(2))
            var value: String?
            if let equals = name.firstIndex(of: "=") {
                value = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            guard let option = declaration.option(named: name) else {
                // Named only when it looks like an option's name: it may be a value typed in its place.
                let looksLikeAName =
                    name.count <= 30 && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
                throw UsageError("Unknown option\(looksLikeAName ? " --\(name)" : "") for pdl \(declaration.name).")
            }
            if option.kind == .flag {
                guard value == nil else { throw UsageError("--\(name) takes no value.") }
                guard flags.insert(name).inserted else { throw UsageError("--\(name) was given more than once.") }
                continue
            }
            if value == nil {
                guard index < arguments.count, !arguments[index].hasPrefix("--") else {
                    throw UsageError("--\(name) needs a value (\(option.synopsis)).")
                }
                value = arguments[index]
                index += 1
            }
            guard let value else { continue }
            if option.kind == .repeatedValue {
                repeated[name, default: []] += value.split(separator: ",").map(String.init).filter { !$0.isEmpty }
            } else if option.kind == .repeatedWholeValue {
                repeated[name, default: []].append(value)
            } else {
                guard options.updateValue(value, forKey: name) == nil else {
                    throw UsageError("--\(name) was given more than once; it takes one value.")
                }
            }
            if !option.choices.isEmpty, !option.choices.contains(value) {
                throw UsageError("--\(name) must be one of: \(option.choices.joined(separator: ", ")).")
            }
        }
        var arguments = declaration.arguments
        var usage = "pdl \(declaration.name)"
        if !declaration.subcommands.isEmpty {
            let names = declaration.subcommands.map(\.name)
            let chosen: String
            if let first = given.first, declaration.subcommand(named: first) != nil {
                chosen = first
                given.removeFirst()
            } else if given.isEmpty, let fallback = declaration.defaultSubcommand {
                chosen = fallback
            } else if given.isEmpty {
                throw UsageError("pdl \(declaration.name) needs a subcommand: \(names.joined(separator: ", ")).")
            } else {
                throw UsageError(
                    "Unknown subcommand for pdl \(declaration.name); it takes \(names.joined(separator: ", ")).")
            }
            subcommand = chosen
            arguments = declaration.subcommand(named: chosen)?.arguments ?? []
            usage += " \(chosen)"
        }
        let required = arguments.filter { !$0.isOptional }
        if given.count < required.count {
            let missing = required[given.count...].map(\.name).joined(separator: " ")
            throw UsageError("\(usage) needs \(missing).")
        }
        if given.count > arguments.count {
            throw UsageError(
                arguments.isEmpty
                    ? "\(usage) takes no arguments."
                    : "\(usage) takes \(arguments.map(\.synopsis).joined(separator: " ")), not \(given.count) arguments."
            )
        }
        for (argument, value) in zip(arguments, given) where !argument.choices.isEmpty {
            guard argument.choices.contains(value) else {
                throw UsageError("\(argument.name) must be one of: \(argument.choices.joined(separator: ", ")).")
            }
        }
        positionals = given
    }

    /// The values of a repeatable option, in the order given; empty when it was not given.
    func values(_ option: String) -> [String] { repeated[option] ?? [] }

    /// The value of `option`, or `fallback` when it was not given, if one of `choices`.
    func choice(_ option: String, in choices: [String], default fallback: String) throws(UsageError) -> String {
        let value = options[option] ?? fallback
        guard choices.contains(value) else {
            throw UsageError("--\(option) must be one of: \(choices.joined(separator: ", ")).")
        }
        return value
    }
}
