// ledger-fixture: makes a realistic webshop ledger of about N facts that `pdl` opens, through the
// public `Ledger` API (every write validated), for measuring the whole-ledger commands:
//
//   swift run -c release --package-path Benchmarks ledger-fixture --store /tmp/ledger-1m --facts 1000000
//
// Seeded and deterministic in what it records (the same subjects, values, dates and choices);
// the order in which concurrent subjects' facts land differs from run to run.
import Foundation
import PersonalDataLedger
import PersonalDataLedgerFileStore

let options = FixtureOptions(CommandLine.arguments.dropFirst())
let started = Date()
let facts = try await FixtureWriter(options: options).run()
let seconds = Date().timeIntervalSince(started)
print("Recorded \(facts) facts in \(options.store) in \(Int(seconds)) s (\(Int(Double(facts) / seconds)) facts/s).")
