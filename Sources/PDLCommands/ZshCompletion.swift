/// The zsh completion script, `pdl completion zsh`: a `_pdl` function for `compdef`, to put in a
/// directory of `fpath` as `_pdl` or to `source`.
struct ZshCompletion: CompletionShell {
    let declarations: [CommandDeclaration]

    init(_ declarations: [CommandDeclaration]) { self.declarations = declarations }

    var opening: [String] {
        let names = declarations.map(\.name)
        return [
            "#compdef pdl",
            "# zsh completion for pdl \(PDLVersion.current): pdl completion zsh > ~/.zfunc/_pdl",
            "_pdl() {",
            "    local cur=\"${words[CURRENT]}\" prev=\"${words[CURRENT-1]}\"",
            "    if (( CURRENT == 2 )); then",
            "        \(offer(names + ["help", "--help", "--version"]))",
            "        return",
            "    fi",
            "    case \"${words[2]}\" in",
            "    help)",
            "        (( CURRENT == 3 )) && \(offer(names))",
            "        ;;",
        ]
    }

    var closing: [String] {
        [
            "    esac",
            "}",
            "if [[ \"${zsh_eval_context[-1]}\" == loadautofunc ]]; then",
            "    _pdl \"$@\"",
            "else",
            "    compdef _pdl pdl",
            "fi",
            "",
        ]
    }

    // Each word quoted: a choice such as `;` (a CSV delimiter) would end the command.
    func offer(_ words: [String]) -> String {
        "compadd -- " + words.map(Self.singleQuoted).joined(separator: " ")
    }

    var offerDirectories: String { "_files -/" }

    var offerFiles: String { "_files" }

    var stop: String { "return" }

    var atFirstArgument: String { "(( CURRENT == 3 ))" }

    /// `text` in single quotes for zsh, with any single quote in it written as `'\''`.
    static func singleQuoted(_ text: String) -> String {
        "'" + text.replacing("'", with: "'\\''") + "'"
    }
}
