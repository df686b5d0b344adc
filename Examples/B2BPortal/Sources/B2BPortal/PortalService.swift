import Foundation
import PersonalDataLedger
import PersonalDataLedgerReports

/// `B2BPortal --serve`: the portal as a running service, fed by the portal's front end one
/// request per line on standard input, each answered by one line on standard output.
///
/// Requests, one JSON object per line, with exactly one of these fields:
///
/// ```
/// {"register": {"id": "b2b:nordlys-foto:rep-1", "company": "Nordlys Foto AS", "name": "Kari Nordmann",
///               "email": "kari@nordlysfoto.example.no", "phone": "+47 912 34 567"}}
/// {"link": {"representative": "b2b:nordlys-foto:rep-1", "customer": "customer:10001"}}
/// {"report": {"representative": "b2b:nordlys-foto:rep-1"}}
/// ```
///
/// Answers: `{"facts": [sequence numbers]}` for a write, `{"report": "the letter"}` for a report,
/// and `{"rule": …, "message": …}` when the ledger refuses (nothing was recorded), the store
/// fails (`store.CODE`), or the line is not such a request (`request`). No answer holds a personal
/// value the request did not ask for, and no error message holds one at all.
struct PortalService: Sendable {
    let portal: Portal
    let language: Language

    /// What a line of input asks for.
    enum Command {
        case register(Representative)
        case link(representative: SubjectID, customer: SubjectID)
        case report(SubjectID)
    }

    /// A line of input, as JSON.
    struct Request: Decodable {
        struct Link: Decodable {
            var representative: SubjectID
            var customer: SubjectID
        }
        struct Report: Decodable {
            var representative: SubjectID
        }
        var register: Representative?
        var link: Link?
        var report: Report?
    }

    /// The answer to a write.
    struct Recorded: Encodable {
        var facts: [UInt64]
    }

    /// The answer to a report request.
    struct Letter: Encodable {
        var report: String
    }

    /// The answer to a request that changed nothing: the rule and what to do.
    struct Refusal: Encodable {
        var rule: String
        var message: String
    }

    /// Answers one line of input; every failure is an answer, so the service keeps running.
    ///
    /// A line that is not valid UTF-8 is refused (rule `invalidUTF8`), never read with
    /// replacement characters.
    func answer(_ bytes: [UInt8]) async -> String {
        guard let line = String(validating: bytes, as: UTF8.self) else {
            return encode(
                Refusal(
                    rule: "invalidUTF8",
                    message:
                        "The line is not valid UTF-8; nothing was recorded. Send UTF-8 text, one JSON object per line."
                ))
        }
        return await answer(line)
    }

    /// The answer to a line longer than ``InputLines/maximumLength``, which was skipped unread
    /// (rule `lineTooLong`).
    func refuseTooLongLine() -> String {
        encode(
            Refusal(
                rule: "lineTooLong",
                message:
                    "The line is longer than \(InputLines.maximumLength >> 20) MiB, so it was skipped unread; nothing was "
                    + "recorded. Send one JSON object per line."))
    }

    /// Answers one line of input; every failure is an answer, so the service keeps running.
    func answer(_ line: String) async -> String {
        do {
            switch try Self.decode(line) {
            case .register(let representative):
                return encode(Recorded(facts: try await portal.register(representative).map(\.sequence)))
            case .link(let representative, let customer):
                let fact = try await portal.link(representative, toWebshopCustomer: customer)
                return encode(Recorded(facts: [fact.sequence]))
            case .report(let representative):
                return encode(
                    Letter(report: try await portal.answerAccessRequest(from: representative, in: language)))
            }
        } catch let refusal as Refusal {
            return encode(refusal)
        } catch let error as LedgerError {
            return encode(Refusal(rule: error.rule.name, message: error.message))
        } catch let error as LedgerStoreError {
            return encode(Refusal(rule: "store.\(error.code)", message: error.message))
        } catch {
            return encode(
                Refusal(
                    rule: "internal",
                    message: "\(type(of: error)) failed; no details are given because they may hold personal data."))
        }
    }

    /// Reads a request; a line that is not one is refused naming the field, never its value.
    static func decode(_ line: String) throws -> Command {
        let request: Request
        do {
            request = try JSONDecoder().decode(Request.self, from: Data(line.utf8))
        } catch let error as DecodingError {
            throw Refusal(
                rule: "request",
                message: "The line is not a request the portal takes\(error.fieldPath); send one JSON object per line.")
        }
        switch (request.register, request.link, request.report) {
        case (let representative?, nil, nil): return .register(representative)
        case (nil, let link?, nil): return .link(representative: link.representative, customer: link.customer)
        case (nil, nil, let report?): return .report(report.representative)
        default:
            throw Refusal(
                rule: "request", message: "A request has exactly one of the fields register, link and report.")
        }
    }

    private func encode(_ answer: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // These types always encode.
        return String(decoding: try! encoder.encode(answer), as: UTF8.self)
    }
}

extension PortalService.Refusal: Error {}

extension DecodingError {
    /// " (at field a.b)" for errors at a field, "" otherwise.
    fileprivate var fieldPath: String {
        let path: [any CodingKey]
        switch self {
        case .keyNotFound(let key, let context): path = context.codingPath + [key]
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            path = context.codingPath
        @unknown default: path = []
        }
        return path.isEmpty ? "" : " (at field \(path.map(\.stringValue).joined(separator: ".")))"
    }
}
