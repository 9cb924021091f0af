import ArgumentParser
import Assessment
import Glibc
import Terminal

struct CheckKnowledge: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-knowledge",
        abstract: "Validate a knowledge file; print file:line: problem and exit 1 if it is wrong.")

    @Argument(help: ArgumentHelp("The knowledge file (YAML) to validate.", valueName: "file"))
    var file: String

    func run() throws {
        do {
            let knowledge = try KnowledgeFile.load(file)
            print(
                "\(file): ok (\(knowledge.questions.count) questions, \(knowledge.redFlags.count) red flags, "
                    + "\(knowledge.causes.count) causes, \(knowledge.homeCare.count) home care items)")
        } catch let error as KnowledgeError {
            printError(error.description)
            throw ExitCode(1)
        }
    }
}

/// Writes a line to standard error.
func printError(_ line: String) {
    Output.write(line + "\n", to: STDERR_FILENO)
}

/// Unbuffered output: each call is written at once, so that every turn is flushed as it is produced.
enum Output {
    /// Writes all of `text` to `fd`. Returns false when the reader has gone (a closed pipe).
    @discardableResult
    static func write(_ text: String, to fd: Int32 = STDOUT_FILENO) -> Bool {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let count = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return false
            }
            bytes = bytes.dropFirst(count)
        }
        return true
    }

    /// Standard output was closed (`twitchtalk --json | head -1`): stop quietly as other Unix filters do, killed
    /// by SIGPIPE (status 141 in the shell), reading no more input.
    static func closed() -> Never {
        SignalPipe.raiseWithDefaultAction(SIGPIPE)
        exit(128 + SIGPIPE)
    }
}
