import Foundation
import Testing

/// Runs the built `twitchtalk` binary, as a person or a script would.
enum Binary {
    /// The binary beside the test bundle (`.build/debug/twitchtalk`), or `$TWITCHTALK_BIN`.
    static var url: URL {
        if let path = ProcessInfo.processInfo.environment["TWITCHTALK_BIN"] { return URL(fileURLWithPath: path) }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("twitchtalk")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: ".build/debug/twitchtalk")
    }

    /// The package's top folder.
    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    struct Result {
        var status: Int32
        var output: Data
        var error: Data
        var text: String { String(decoding: output, as: UTF8.self) }
        var errorText: String { String(decoding: error, as: UTF8.self) }
    }

    /// Runs the binary with `arguments`, writing `input` to its standard input, and waits at most `timeout` seconds.
    static func run(_ arguments: [String], input: Data = Data(), timeout: TimeInterval = 30) throws -> Result {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let writer = Thread {
            try? stdin.fileHandleForWriting.write(contentsOf: input)
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let output = LockedData()
        let errors = LockedData()
        let outReader = Thread { output.set(readAll(stdout.fileHandleForReading)) }
        let errReader = Thread { errors.set(readAll(stderr.fileHandleForReading)) }
        outReader.start()
        errReader.start()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
        if process.isRunning {
            process.terminate()
            Issue.record("twitchtalk \(arguments) did not finish within \(timeout) s")
        }
        process.waitUntilExit()
        while !(output.isSet && errors.isSet) { Thread.sleep(forTimeInterval: 0.002) }
        return Result(status: process.terminationStatus, output: output.value, error: errors.value)
    }

    /// Runs the binary with lines of input.
    /// Everything until end of file; a read interrupted by a signal (EINTR, seen under load) is tried again, where
    /// `readDataToEndOfFile()` traps.
    static func readAll(_ handle: FileHandle) -> Data {
        var data = Data()
        var failures = 0
        while failures < 100 {
            do {
                guard let chunk = try handle.read(upToCount: 65_536), !chunk.isEmpty else { return data }
                data.append(chunk)
            } catch {
                failures += 1
            }
        }
        return data
    }

    static func run(_ arguments: [String], lines: [String]) throws -> Result {
        try run(arguments, input: Data(lines.map { $0 + "\n" }.joined().utf8))
    }
}

/// Data filled in by another thread.
final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?

    func set(_ data: Data) { lock.withLock { self.data = data } }
    var isSet: Bool { lock.withLock { data != nil } }
    var value: Data { lock.withLock { data ?? Data() } }
}
