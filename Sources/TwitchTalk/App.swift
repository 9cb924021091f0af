import ArgumentParser
import Assessment
import Foundation

@main
struct App: AsyncParsableCommand {
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

    func run() async throws {
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
        guard let path = knowledge else { return try Knowledge.builtin() }
        return try KnowledgeFile.load(path)
    }
}

extension Knowledge {
    /// The knowledge built into the binary: `Sources/Assessment/knowledge.yaml`, read and validated by the same
    /// loader as `--knowledge` when the binary was built (see the CompileKnowledge plugin), and decoded here from
    /// the JSON it was compiled to, which is much faster than parsing the YAML at every start.
    static func builtin() throws -> Knowledge {
        try JSONDecoder().decode(Knowledge.self, from: Data(BuiltinKnowledge.json.utf8))
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
