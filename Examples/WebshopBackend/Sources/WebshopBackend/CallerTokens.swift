import Crypto
import Foundation

/// The bearer token of each caller, as the operator gives them: one caller a line,
/// `ROLE NAME TOKEN` — `service checkout 3b0c…` or `dpo dpo-desk 9f1e…` — with `#` comments and
/// blank lines allowed.
///
/// Only a SHA-256 digest of each token is kept. A presented token is digested and compared with
/// every caller's digest in constant time, without stopping at a match, so neither the time an
/// answer takes nor its content tells how much of a guess was right. No message here ever holds
/// a token.
struct CallerTokens: Sendable {
    /// A token file or variable that breaks a rule: the line and the rule, never the token.
    struct InvalidTokens: Error, Equatable {
        var message: String
    }

    /// The fewest characters a token may have: 32 hex digits are 128 random bits.
    static let minimumTokenLength = 32

    private let callers: [(digest: [UInt8], caller: Caller)]

    /// The callers, in the order given.
    var all: [Caller] { callers.map(\.caller) }

    /// Reads `ROLE NAME TOKEN` lines; `source` names where they came from in error messages.
    init(lines text: String, source: String) throws {
        var callers: [(digest: [UInt8], caller: Caller)] = []
        var names: Set<String> = []
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "," }
        for (number, line) in lines.enumerated() {
            let fields = line.split(whereSeparator: \.isWhitespace)
            guard let first = fields.first, !first.hasPrefix("#") else { continue }
            let at = "\(source), entry \(number + 1)"
            guard fields.count == 3 else {
                throw InvalidTokens(message: "\(at): write ROLE NAME TOKEN, three fields separated by spaces.")
            }
            guard let role = Caller.Role(rawValue: String(fields[0])) else {
                throw InvalidTokens(
                    message:
                        "\(at): the role must be one of \(Caller.Role.allCases.map(\.rawValue).joined(separator: ", "))."
                )
            }
            let name = String(fields[1])
            guard !name.isEmpty,
                name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || "._-".contains($0)) })
            else {
                throw InvalidTokens(message: "\(at): a caller's name uses a-z, 0-9, '.', '_' and '-' only.")
            }
            guard names.insert(name).inserted else {
                throw InvalidTokens(message: "\(at): the caller '\(name)' is named twice; give each caller one token.")
            }
            let token = fields[2]
            guard token.count >= Self.minimumTokenLength, token.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
                throw InvalidTokens(
                    message:
                        "\(at): a token needs at least \(Self.minimumTokenLength) printable ASCII characters (make one with 'openssl rand -hex 32')."
                )
            }
            let digest = Array(SHA256.hash(data: Data(token.utf8)))
            guard !callers.contains(where: { $0.digest == digest }) else {
                throw InvalidTokens(message: "\(at): this token is also another caller's; give each caller its own.")
            }
            callers.append((digest, Caller(name: name, role: role)))
        }
        guard !callers.isEmpty else {
            throw InvalidTokens(message: "\(source) names no caller: give at least one ROLE NAME TOKEN line.")
        }
        self.callers = callers
    }

    /// Reads the token file at `path`, which only its owner may read or write (mode 0600 or 0400).
    init(file path: String) throws {
        let attributes: [FileAttributeKey: Any]
        let text: String
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw InvalidTokens(message: "The token file \(path) cannot be read as UTF-8 text.")
        }
        if let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 != 0 {
            throw InvalidTokens(
                message:
                    "The token file \(path) is readable by others (mode \(String(mode, radix: 8))); run chmod 600 on it."
            )
        }
        try self.init(lines: text, source: "the token file \(path)")
    }

    /// The caller whose token this is, or `nil` when none is.
    ///
    /// Every caller's digest is compared, each over all its bytes, whatever matched before.
    func caller(presenting token: String) -> Caller? {
        let digest = Array(SHA256.hash(data: Data(token.utf8)))
        var found: Caller?
        for entry in callers {
            var difference: UInt8 = 0
            for (a, b) in zip(entry.digest, digest) { difference |= a ^ b }
            if difference == 0 { found = entry.caller }
        }
        return found
    }
}
