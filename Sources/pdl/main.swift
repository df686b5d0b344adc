import Foundation
import PDLCommands

exit(await PDLCommandLine.run(Array(CommandLine.arguments.dropFirst())))
