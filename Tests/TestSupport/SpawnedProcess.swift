import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A child process started with `posix_spawn`, for the tests that run `pdl` and other programs.
///
/// Not Foundation's `Process`: on Linux its `run()` crashes now and then with a bad pointer
/// dereference while it lists `/proc/self/fd` (a 256-byte copy of each short directory entry,
/// swiftlang/swift-corelibs-foundation#5472, in Swift 6.3.1), which a suite that starts hundreds of
/// `pdl` runs beside open files hits. The child gets only standard input, output and error:
/// every other descriptor is closed in it, as `Process` does.
struct SpawnedProcess {
    /// The child's process id.
    let pid: pid_t

    /// How a child ended.
    enum Termination: Equatable {
        case exited(Int32)
        case signalled(Int32)

        /// The exit status, or 128 + the signal, as a shell reports it.
        var status: Int32 {
            switch self {
            case .exited(let status): status
            case .signalled(let signal): 128 + signal
            }
        }
    }

    struct SpawnError: Error, CustomStringConvertible {
        var executable: String
        var code: Int32
        var description: String { "posix_spawn \(executable) failed: \(String(cString: strerror(code)))" }
    }

    /// Starts `executable` with `arguments` and `environment` (this process's when `nil`) in
    /// `directory`, its standard input, output and error on the given descriptors (this
    /// process's when `nil`).
    static func start(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
        directory: String? = nil, standardInput: Int32? = nil, standardOutput: Int32? = nil,
        standardError: Int32? = nil
    ) throws -> SpawnedProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (descriptor, target) in [(standardInput, 0), (standardOutput, 1), (standardError, 2)] {
            if let descriptor { posix_spawn_file_actions_adddup2(&actions, descriptor, Int32(target)) }
        }
        GNUFileActions.closeFrom(&actions, 3)
        if let directory { GNUFileActions.changeDirectory(&actions, directory) }

        let environment = environment ?? ProcessInfo.processInfo.environment
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard code == 0 else { throw SpawnError(executable: executable, code: code) }
        return SpawnedProcess(pid: pid)
    }

    /// Waits for the child to end.
    func wait() -> Termination {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        // The <sys/wait.h> macros, which Swift does not import.
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
    }
}

/// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34) and `…_addchdir_np` (2.29), which
/// Swift's Glibc module does not declare (they need `_GNU_SOURCE`): looked up by name.
private enum GNUFileActions {
    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private typealias ChangeDirectory =
        @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    private static func symbol<T>(_ name: String, as type: T.Type) -> T {
        guard let address = dlsym(dlopen(nil, RTLD_NOW), name) else {
            fatalError("\(name) is missing: the tests need glibc 2.34 or later")
        }
        return unsafeBitCast(address, to: type)
    }

    /// Closes every descriptor from `lowest` up in the child.
    static func closeFrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ lowest: Int32) {
        _ = symbol("posix_spawn_file_actions_addclosefrom_np", as: CloseFrom.self)(actions, lowest)
    }

    /// Makes `directory` the child's working directory.
    static func changeDirectory(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ directory: String) {
        _ = directory.withCString {
            symbol("posix_spawn_file_actions_addchdir_np", as: ChangeDirectory.self)(actions, $0)
        }
    }
}
