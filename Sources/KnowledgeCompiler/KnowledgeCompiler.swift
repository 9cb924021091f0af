import Assessment
import Foundation

/// `KnowledgeCompiler KNOWLEDGE.yaml OUTPUT.swift`: reads and validates the knowledge file with the loader that
/// `--knowledge` uses, and writes it as Swift source that builds the same value (see `SwiftSource`), so that the
/// binary starts with the knowledge compiled in: no YAML parsed, no JSON decoded. Run at build time by the
/// CompileKnowledge plugin; a wrong knowledge file stops the build with `file:line: problem`.
@main
enum KnowledgeCompiler {
    static func main() {
        let arguments = CommandLine.arguments
        guard arguments.count == 3 else {
            fail("usage: KnowledgeCompiler KNOWLEDGE.yaml OUTPUT.swift")
        }
        let (input, output) = (arguments[1], arguments[2])
        guard let data = FileManager.default.contents(atPath: input) else { fail("\(input): cannot read the file") }
        guard let text = String(data: data, encoding: .utf8) else { fail("\(input):1: the file is not valid UTF-8") }
        do {
            let knowledge = try Knowledge(yaml: text, file: input)
            try SwiftSource.file(knowledge, from: input).write(toFile: output, atomically: true, encoding: .utf8)
        } catch let error as KnowledgeError {
            fail("\(error.file):\(error.line): error: \(error.message)")
        } catch {
            fail("\(input): error: \(error)")
        }
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        exit(1)
    }
}
