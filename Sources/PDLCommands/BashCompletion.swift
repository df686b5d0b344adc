/// The bash completion script, `pdl completion bash`: a `_pdl` function for `complete -F`.
struct BashCompletion: CompletionShell {
    let declarations: [CommandDeclaration]

    init(_ declarations: [CommandDeclaration]) { self.declarations = declarations }

    var opening: [String] {
        let names = declarations.map(\.name)
        return [
            "# bash completion for pdl \(PDLVersion.current). Load it with: source <(pdl completion bash)",
            "_pdl() {",
            "    local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"\"",
            "    COMPREPLY=()",
            "    if (( COMP_CWORD > 0 )); then prev=\"${COMP_WORDS[COMP_CWORD-1]}\"; fi",
            "    if (( COMP_CWORD == 1 )); then",
            "        \(offer(names + ["help", "--help", "--version"]))",
            "        return 0",
            "    fi",
            "    case \"${COMP_WORDS[1]}\" in",
            "    help)",
            "        if (( COMP_CWORD == 2 )); then",
            "            \(offer(names))",
            "        fi",
            "        ;;",
        ]
    }

    var closing: [String] { ["    esac", "    return 0", "}", "complete -F _pdl pdl", ""] }

    // Inside double quotes, so a choice such as `;` is only a word.
    func offer(_ words: [String]) -> String {
        "COMPREPLY=( $(compgen -W \"\(words.joined(separator: " "))\" -- \"$cur\") )"
    }

    var offerDirectories: String { "COMPREPLY=( $(compgen -d -- \"$cur\") )" }

    var offerFiles: String { "COMPREPLY=( $(compgen -f -- \"$cur\") )" }

    var stop: String { "return 0" }

    var atFirstArgument: String { "(( COMP_CWORD == 2 ))" }
}
