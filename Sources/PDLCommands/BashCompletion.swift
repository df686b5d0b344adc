/// The bash completion script, `pdl completion bash`: a `_pdl` function for `complete -F`.
struct BashCompletion {
    let declarations: [CommandDeclaration]

    init(_ declarations: [CommandDeclaration]) { self.declarations = declarations }

    var script: String {
        let names = declarations.map(\.name)
        var lines = [
            "# bash completion for pdl \(PDLVersion.current). Load it with: source <(pdl completion bash)",
            "_pdl() {",
            "    local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"\"",
            "    COMPREPLY=()",
            "    if (( COMP_CWORD > 0 )); then prev=\"${COMP_WORDS[COMP_CWORD-1]}\"; fi",
            "    if (( COMP_CWORD == 1 )); then",
            "        COMPREPLY=( $(compgen -W \"\(names.joined(separator: " ")) help --help --version\" -- \"$cur\") )",
            "        return 0",
            "    fi",
            "    case \"${COMP_WORDS[1]}\" in",
            "    help)",
            "        if (( COMP_CWORD == 2 )); then",
            "            COMPREPLY=( $(compgen -W \"\(names.joined(separator: " "))\" -- \"$cur\") )",
            "        fi",
            "        ;;",
        ]
        for declaration in declarations {
            lines += commandCase(CompletionWords(declaration: declaration))
        }
        lines += [
            "    esac",
            "    return 0",
            "}",
            "complete -F _pdl pdl",
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
                        "COMPREPLY=( $(compgen -W \"\(choices.joined(separator: " "))\" -- \"$cur\") )"
                    case .directories: "COMPREPLY=( $(compgen -d -- \"$cur\") )"
                    case .files: "COMPREPLY=( $(compgen -f -- \"$cur\") )"
                    case .none: ":"
                    }
                lines.append("        \(option)) \(reply); return 0 ;;")
            }
            lines.append("        esac")
        }
        let options = "COMPREPLY=( $(compgen -W \"\(words.options.joined(separator: " "))\" -- \"$cur\") )"
        lines.append("        if [[ \"$cur\" == -* ]]; then \(options); return 0; fi")
        if !words.subcommands.isEmpty {
            lines.append(
                "        if (( COMP_CWORD == 2 )); then "
                    + "COMPREPLY=( $(compgen -W \"\(words.subcommands.joined(separator: " "))\" -- \"$cur\") ); return 0; fi"
            )
        } else if !words.argumentChoices.isEmpty {
            lines.append(
                "        if (( COMP_CWORD == 2 )); then "
                    + "COMPREPLY=( $(compgen -W \"\(words.argumentChoices.joined(separator: " "))\" -- \"$cur\") ); "
                    + "return 0; fi")
        } else if words.takesFile {
            lines.append("        COMPREPLY=( $(compgen -f -- \"$cur\") ); return 0")
        }
        lines.append("        \(options)")
        lines.append("        ;;")
        return lines
    }
}
