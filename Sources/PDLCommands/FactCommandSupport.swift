import PersonalDataLedger

/// The value of a required option of `pdl command`, or a usage error naming it.
func requiredOption(_ option: String, of parsed: ParsedArguments, command: String) throws(UsageError) -> String {
    guard let value = parsed.options[option], !value.isEmpty else {
        throw UsageError("pdl \(command) needs --\(option).")
    }
    return value
}

/// The actor of a command that records: `--actor`, else `pdl`.
func recordingActor(_ parsed: ParsedArguments) -> ActorID {
    ActorID(parsed.options["actor"] ?? "pdl")
}
