/// What a completion script says differently in each shell; ``script`` puts the pieces together
/// the same way for every shell, from the commands' declarations.
protocol CompletionShell {
    /// The commands the script completes.
    var declarations: [CommandDeclaration] { get }
    /// The lines before the commands' cases: the function's start, the command names as the first
    /// word, `help COMMAND`, and the opening of the case on the command's name.
    var opening: [String] { get }
    /// The lines after the commands' cases, ending with the line that registers the function.
    var closing: [String] { get }
    /// The statement that offers `words` for the word being completed.
    func offer(_ words: [String]) -> String
    /// The statement that offers directories.
    var offerDirectories: String { get }
    /// The statement that offers files.
    var offerFiles: String { get }
    /// The statement that ends the function once something was offered.
    var stop: String { get }
    /// The condition that the word being completed is the command's first argument.
    var atFirstArgument: String { get }
}

extension CompletionShell {
    /// The whole script.
    var script: String {
        let cases = declarations.flatMap { commandCase(CompletionWords(declaration: $0)) }
        return (opening + cases + closing).joined(separator: "\n")
    }

    private func commandCase(_ words: CompletionWords) -> [String] {
        var lines = ["    \(words.declaration.name))"]
        let values = words.values
        if !values.isEmpty {
            lines.append("        case \"$prev\" in")
            for (option, completion) in values {
                let reply: String =
                    switch completion {
                    case .choices(let choices): offer(choices)
                    case .directories: offerDirectories
                    case .files: offerFiles
                    case .none: ":"
                    }
                lines.append("        \(option)) \(reply); \(stop) ;;")
            }
            lines.append("        esac")
        }
        let options = offer(words.options)
        lines.append("        if [[ \"$cur\" == -* ]]; then \(options); \(stop); fi")
        if !words.subcommands.isEmpty {
            lines.append("        if \(atFirstArgument); then \(offer(words.subcommands)); \(stop); fi")
        } else if !words.argumentChoices.isEmpty {
            lines.append("        if \(atFirstArgument); then \(offer(words.argumentChoices)); \(stop); fi")
        } else if words.takesFile {
            lines.append("        \(offerFiles); \(stop)")
        }
        lines.append("        \(options)")
        lines.append("        ;;")
        return lines
    }
}
