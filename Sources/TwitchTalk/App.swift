import ArgumentParser
import Assessment
import BuiltinKnowledge
import Dispatch
import Foundation

/// The entry point: parses the command line and runs the command, synchronously on the main thread when it is
/// synchronous (the chat, so that a start creates no threads and no Swift concurrency runtime work); only the
/// asynchronous commands (`serve`, `load-test`) run in a task, with the main thread serving the main queue.
@main
enum Main {
    static func main() {
        var command: any ParsableCommand
        do {
            command = try App.parseAsRoot()
        } catch {
            App.exit(withError: error)
        }
        if let asynchronous = command as? any AsyncParsableCommand {
            let moved = Moved(command: asynchronous)
            Task {
                var command = moved.command
                do {
                    try await command.run()
                    App.exit()
                } catch {
                    App.exit(withError: error)
                }
            }
            dispatchMain()
        }
        do {
            try command.run()
        } catch {
            App.exit(withError: error)
        }
    }

    /// A command handed to the task that runs it; the main thread never touches it again.
    private struct Moved: @unchecked Sendable {
        var command: any AsyncParsableCommand
    }
}

struct App: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "twitchtalk",
        abstract: "A conversational guide to muscle twitching. It is not a diagnosis.",
        discussion: """
            TwitchTalk asks about your twitching one question at a time, then says whether to see a doctor \
            (and which answer made it say so), which everyday causes fit, and what to do at home. \
            Without a subcommand it is the chat, and takes the options below.
            """ + "\n\n" + ChatHelp.discussion,
        version: "0.1.0",
        subcommands: [
            Chat.self, CheckKnowledge.self, Bench.self, BenchUnderstanding.self, Serve.self, LoadTest.self,
            QuestionnaireCommand.self,
        ]
    )

    /// The chat's options, at the top level: `twitchtalk --json` is `twitchtalk chat --json`.
    @OptionGroup var chat: ChatOptions

    func run() throws {
        try chat.run()
    }
}

/// Options shared by every command that loads the knowledge base.
struct KnowledgeOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Load questions and rules from this knowledge file instead of the built-in one.",
            valueName: "file"))
    var knowledge: String?

    /// The knowledge to use: the file given, or the built-in one.
    func load() throws -> Knowledge {
        guard let path = knowledge else { return Knowledge.builtin }
        return try KnowledgeFile.load(path)
    }
}

enum KnowledgeFile {
    /// Reads and validates the knowledge file at `path`.
    static func load(_ path: String) throws -> Knowledge {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw UserError(
                "Cannot read the knowledge file \(path). Check the path, or leave out --knowledge to use the built-in one."
            )
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw KnowledgeError(file: path, line: 1, message: "the file is not valid UTF-8")
        }
        return try Knowledge(yaml: text, file: path)
    }
}

extension KnowledgeError: LocalizedError {
    public var errorDescription: String? { description }
}

/// An error the user can fix, said in one sentence; exits 1 without printing the usage.
struct UserError: Error, CustomStringConvertible, LocalizedError {
    var description: String
    init(_ description: String) { self.description = description }
    var errorDescription: String? { description }
}
