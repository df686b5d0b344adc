import PDLCommands
import Testing

@Suite struct CommandHelpTests {
    /// The commands that render reports and take `--language en|nb`.
    @Test(arguments: ["report", "ropa", "breach", "demo"])
    func reportCommandsAnswerHelp(_ command: String) async {
        #expect(await PDLCommandLine.run([command, "--help"]) == 0)
    }
}
