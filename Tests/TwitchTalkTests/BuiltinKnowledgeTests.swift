import Foundation
import Testing

/// The knowledge compiled into the binary at build time is the knowledge file: every transcript in Dialogues/ gives
/// the same JSON turns with the built-in knowledge as with `--knowledge Sources/Assessment/knowledge.yaml` read at
/// run time. A stale or lossy compilation fails here.
@Suite struct BuiltinKnowledgeTests {
    @Test func builtInKnowledgeIsTheKnowledgeFile() throws {
        let file = Binary.root.appendingPathComponent("Sources/Assessment/knowledge.yaml").path
        let dialogues = try FileManager.default.contentsOfDirectory(
            at: Binary.root.appendingPathComponent("Dialogues"), includingPropertiesForKeys: nil
        ).filter { $0.pathExtension == "txt" }
        #expect(!dialogues.isEmpty)
        for dialogue in dialogues {
            let typed = try String(contentsOf: dialogue, encoding: .utf8).split(separator: "\n")
                .filter { $0.hasPrefix("> ") }.map { String($0.dropFirst(2)) }
            let builtIn = try Binary.run(["--json", "--today", "2026-11-27"], lines: typed)
            let read = try Binary.run(["--json", "--today", "2026-11-27", "--knowledge", file], lines: typed)
            #expect(builtIn.text == read.text, "\(dialogue.lastPathComponent)")
            #expect(builtIn.status == read.status)
        }
    }
}
