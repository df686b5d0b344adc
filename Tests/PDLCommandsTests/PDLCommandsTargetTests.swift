import Testing

// Keeps the PDLCommandsTests target buildable until the command parser's tests land here.
@testable import PDLCommands
