import Foundation

/// `--store DIR` (a directory that does not exist yet, or is empty), `--facts N` (about how many
/// facts), `--seed S`, `--concurrency C` (subjects recorded at once, so the store commits them in
/// groups).
struct FixtureOptions {
    var store = ""
    var facts = 100_000
    var seed: UInt64 = 12
    var concurrency = 256

    init(_ arguments: ArraySlice<String>) {
        var arguments = arguments
        while let name = arguments.popFirst() {
            if name == "--help" || name == "-h" {
                print(Self.usageLine)
                exit(0)
            }
            guard let value = arguments.popFirst() else { Self.usage("\(name) needs a value.") }
            switch name {
            case "--store": store = value
            case "--facts": facts = Int(value) ?? { Self.usage("--facts needs a whole number.") }()
            case "--seed": seed = UInt64(value) ?? { Self.usage("--seed needs a whole number.") }()
            case "--concurrency":
                concurrency = Int(value) ?? { Self.usage("--concurrency needs a whole number.") }()
            default: Self.usage("Unknown option \(name).")
            }
        }
        if store.isEmpty { Self.usage("--store DIR is required.") }
        if facts < 1 || concurrency < 1 { Self.usage("--facts and --concurrency must be at least 1.") }
    }

    static let usageLine = "Usage: ledger-fixture --store DIR [--facts N] [--seed S] [--concurrency C]"

    static func usage(_ problem: String) -> Never {
        FileHandle.standardError.write(Data("ledger-fixture: \(problem)\n\(usageLine)\n".utf8))
        exit(64)
    }
}
