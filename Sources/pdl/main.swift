import Foundation
import PDLCommands

exit(await PDLCommandLine.runWithProcessArguments())
