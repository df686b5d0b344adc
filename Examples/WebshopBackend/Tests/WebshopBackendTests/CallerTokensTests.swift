import Foundation
import Testing

@testable import WebshopBackend

/// The operator's token lines: each rule broken is refused, naming the entry and the rule, and
/// never the token.
@Suite struct CallerTokensTests {
    static let token = "f3a1c9e07b2d4e6f8a0b1c2d3e4f5a6b7c8d9e0f"

    @Test func linesWithCommentsBlanksAndCommasAreRead() throws {
        let tokens = try CallerTokens(
            lines: "# the webshop\n\nservice checkout \(Self.token)\n,dpo dpo-desk \(Self.token.uppercased())",
            source: "test")
        #expect(tokens.all == [Caller(name: "checkout", role: .service), Caller(name: "dpo-desk", role: .dpo)])
    }

    @Test(
        arguments: [
            ("service checkout", "three fields"),
            ("admin root \(token)", "role must be one of service, dpo"),
            ("service Check-Out \(token)", "a-z, 0-9"),
            ("service checkout short-token", "at least 32"),
            ("service checkout \(token)\nservice checkout \(token.uppercased())", "named twice"),
            ("service checkout \(token)\ndpo dpo-desk \(token)", "also another caller's"),
            ("# nobody\n", "names no caller"),
        ])
    func aLineThatBreaksARuleIsRefused(lines: String, rule: String) {
        #expect {
            try CallerTokens(lines: lines, source: "test")
        } throws: { error in
            guard let message = (error as? CallerTokens.InvalidTokens)?.message else { return false }
            return message.contains(rule) && !message.contains(Self.token) && !message.contains(Self.token.uppercased())
        }
    }

    @Test func aTokenFileOthersMayReadIsRefused() throws {
        let path = NSTemporaryDirectory() + "/webshop-tokens-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("service checkout \(Self.token)\n".utf8).write(to: URL(filePath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        #expect(throws: CallerTokens.InvalidTokens.self) { try CallerTokens(file: path) }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        #expect(try CallerTokens(file: path).all == [Caller(name: "checkout", role: .service)])
    }

    /// `--tokens-file` wins over `WEBSHOP_TOKENS_FILE`, which wins over `WEBSHOP_TOKENS`.
    @Test func theTokensComeFromTheOptionsThenTheEnvironment() throws {
        let environment = ["WEBSHOP_TOKENS_FILE": "/etc/webshop/tokens", "WEBSHOP_TOKENS": "service a \(Self.token)"]
        #expect(try Options(["--tokens-file", "/t"], environment: environment).tokensFile == "/t")
        #expect(try Options([], environment: environment).tokensFile == "/etc/webshop/tokens")
        let fromVariable = try Options([], environment: ["WEBSHOP_TOKENS": "service a \(Self.token)"])
        #expect(try fromVariable.callerTokens().all == [Caller(name: "a", role: .service)])
        #expect(throws: CallerTokens.InvalidTokens.self) { try Options([]).callerTokens() }
    }
}
