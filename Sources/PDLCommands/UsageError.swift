/// The command line was wrong; the message says how, and never repeats a value that may be
/// personal. Exit status 2.
struct UsageError: Error, Equatable {
    let message: String
    init(_ message: String) { self.message = message }
}
