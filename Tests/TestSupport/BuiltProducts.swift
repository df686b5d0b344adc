import Foundation

/// The executables `swift build` put beside the test bundle (`pdl`, `ledger-crash-writer`),
/// found without `/proc/self/exe`, so it works on every platform and with `--scratch-path`.
///
/// Looks in the directory of the running test binary (`CommandLine.arguments[0]`), of the test
/// bundle (macOS runs it inside `xctest`), and last in `.build/debug` of the package root found
/// by walking up from this file.
enum BuiltProducts {
    /// The executable `name`; the first candidate directory that holds it.
    static func executable(_ name: String, filePath: String = #filePath) -> URL {
        let candidates = directories(filePath: filePath).map { $0.appending(path: name) }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    /// Where built products may be, most likely first.
    static func directories(filePath: String = #filePath) -> [URL] {
        let working = URL(filePath: FileManager.default.currentDirectoryPath, directoryHint: .isDirectory)
        var directories: [URL] = []
        if let program = CommandLine.arguments.first, !program.isEmpty {
            var url = URL(filePath: program, relativeTo: working).standardizedFileURL
            url = url.resolvingSymlinksInPath()
            // Inside a bundle (`X.xctest/Contents/MacOS/X`) the products sit beside the bundle.
            while url.pathComponents.count > 1 {
                url = url.deletingLastPathComponent()
                if !url.path.contains(".xctest") { break }
            }
            directories.append(url)
        }
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            directories.append(bundle.bundleURL.deletingLastPathComponent())
        }
        directories.append(Bundle.main.bundleURL)
        // Tests/TestSupport/BuiltProducts.swift → the package root.
        let root = URL(filePath: filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        directories.append(root.appending(path: ".build/debug"))
        return directories
    }
}
