import Assessment
import Foundation

/// `KnowledgeCompiler KNOWLEDGE.yaml OUTPUT.swift`: reads and validates the knowledge file with the loader that
/// `--knowledge` uses, and writes it as Swift source holding the knowledge encoded as JSON, for
/// `Knowledge.builtin()` to decode at start (much faster than parsing the YAML). Run at build time by the
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
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let json = String(decoding: try encoder.encode(knowledge), as: UTF8.self)
            try source(json: json, from: input).write(toFile: output, atomically: true, encoding: .utf8)
        } catch let error as KnowledgeError {
            fail("\(error.file):\(error.line): error: \(error.message)")
        } catch {
            fail("\(input): error: \(error)")
        }
    }

    /// Swift source that holds `json` in a raw string literal, with enough `#` that nothing in it ends the literal.
    static func source(json: String, from input: String) -> String {
        var longest = 0
        var run = 0
        for character in json {
            run = character == "#" ? run + 1 : 0
            longest = max(longest, run)
        }
        let hashes = String(repeating: "#", count: longest + 1)
        return """
            // Generated at build time by KnowledgeCompiler from \((input as NSString).lastPathComponent); do not edit.
            enum BuiltinKnowledge {
                /// The knowledge base, validated and encoded as JSON (decoded by `Knowledge.builtin()`).
                static let json = \(hashes)"\(json)"\(hashes)
            }

            """
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        exit(1)
    }
}
