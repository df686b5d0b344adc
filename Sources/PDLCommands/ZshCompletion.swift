/// The zsh completion script, `pdl completion zsh`: a `_pdl` function for `compdef`, to put in a
/// directory of `fpath` as `_pdl` or to `source`.
struct ZshCompletion {
    let declarations: [CommandDeclaration]

    init(_ declarations: [CommandDeclaration]) { self.declarations = declarations }

    var script: String {
        let names = declarations.map(\.name)
        var lines = [
            "#compdef pdl",
            "# zsh completion for pdl \(PDLVersion.current): pdl completion zsh > ~/.zfunc/_pdl",
            "_pdl() {",
            "    local cur=\"${words[CURRENT]}\" prev=\"${words[CURRENT-1]}\"",
            "    if (( CURRENT == 2 )); then",
            "        compadd -- \(names.joined(separator: " ")) help --help --version",
            "        return",
            "    fi",
            "    case \"${words[2]}\" in",
            "    help)",
            "        (( CURRENT == 3 )) && compadd -- \(names.joined(separator: " "))",
            "        ;;",
        ]
        for declaration in declarations {
            lines += commandCase(CompletionWords(declaration: declaration))
        }
        lines += [
            "    esac",
            "}",
            "if [[ \"${zsh_eval_context[-1]}\" == loadautofunc ]]; then",
            "    _pdl \"$@\"",
            "else",
            "    compdef _pdl pdl",
            "fi",
            "",
        ]
        return lines.joined(separator: "\n")
    }

    private func commandCase(_ words: CompletionWords) -> [String] {
        var lines = ["    \(words.declaration.name))"]
        let values = words.values
        if !values.isEmpty {
            lines.append("        case \"$prev\" in")
            for (option, completion) in values {
                let reply: String =
                    switch completion {
                    case .choices(let choices):
                        // Quoted: a choice such as `;` (a CSV delimiter) would end the command.
                        "compadd -- \(choices.map(Self.singleQuoted).joined(separator: " "))"
                    case .directories: "_files -/"
                    case .files: "_files"
                    case .none: ":"
                    }
                lines.append("        \(option)) \(reply); return ;;")
            }
            lines.append("        esac")
        }
        let options = "compadd -- \(words.options.joined(separator: " "))"
        lines.append("        if [[ \"$cur\" == -* ]]; then \(options); return; fi")
        if !words.subcommands.isEmpty {
            lines.append(
                "        if (( CURRENT == 3 )); then compadd -- \(words.subcommands.joined(separator: " ")); return; fi"
            )
        } else if !words.argumentChoices.isEmpty {
            lines.append(
                "        if (( CURRENT == 3 )); then compadd -- \(words.argumentChoices.joined(separator: " ")); return; fi"
            )
        } else if words.takesFile {
            lines.append("        _files; return")
        }
        lines.append("        \(options)")
        lines.append("        ;;")
        return lines
    }

    /// `text` in single quotes for zsh, with any single quote in it written as `'\''`.
    static func singleQuoted(_ text: String) -> String {
        "'" + text.replacing("'", with: "'\\''") + "'"
    }
}
