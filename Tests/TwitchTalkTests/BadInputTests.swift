import Foundation
import Testing

/// Untrusted bytes on standard input: a clear reply or a clean exit, never a crash, a hang or a raw control
/// character on the output.
@Suite struct BadInputTests {
    static let escape = UInt8(0x1B)

    func expectClean(_ result: Binary.Result, _ what: String) {
        // 0: the interview finished; 3: the input ended before it did (see the README's exit statuses).
        #expect([0, 3].contains(result.status), "\(what): exit \(result.status), stderr: \(result.errorText)")
        #expect(!result.output.contains(Self.escape), "\(what): an escape byte reached the output")
        #expect(!result.output.contains(0), "\(what): a NUL byte reached the output")
        #expect(result.errorText.isEmpty, "\(what): \(result.errorText)")
    }

    @Test func emptyLinesAreAskedAgain() throws {
        let result = try Binary.run([], lines: ["", "   ", ""])
        expectClean(result, "empty lines")
        let asked = result.text.components(separatedBy: "What's going on?").count - 1
        #expect(asked == 4)
    }

    @Test func aOneMegabyteLineGetsAClearReply() throws {
        let line = String(repeating: "twitch ", count: 150_000)
        let result = try Binary.run([], lines: [line, "my eyelid twitches"])
        expectClean(result, "1 MB line")
        #expect(result.text.contains("too long"))
        #expect(result.output.count < 10_000)
        #expect(result.text.contains("trouble breathing or swallowing"))
    }

    @Test func aBadTodayIsRefusedClearly() throws {
        let result = try Binary.run(["--today", "2026-13-01"], lines: ["my eyelid twitches"])
        #expect(result.status != 0)
        #expect(result.errorText.contains("YYYY-MM-DD"))
        let good = try Binary.run(["--today", "2026-11-27"], lines: ["my eye has twitched since Monday"])
        expectClean(good, "--today")
        #expect(good.text.contains("Got it: eyelid, 4 days ago."))
    }

    @Test func invalidUTF8IsReadAsReplacementCharacters() throws {
        var input = Data("my eyelid ".utf8)
        input.append(contentsOf: [0xFF, 0xFE, 0xC3, 0x28, 0x0A])
        input.append(contentsOf: [0x80, 0x81, 0x0A])
        let result = try Binary.run(["--transcript"], input: input)
        expectClean(result, "invalid UTF-8")
        #expect(result.text.contains("> my eyelid \u{FFFD}\u{FFFD}\u{FFFD}("))
    }

    @Test func nulBytesAreShownEscaped() throws {
        let result = try Binary.run(["--transcript"], input: Data("my\u{0}eyelid\n\u{0}\u{0}\n".utf8))
        expectClean(result, "NUL bytes")
        #expect(result.text.contains("> my\\u{0}eyelid"))
    }

    @Test func escapeSequencesAreNeverEchoedRaw() throws {
        let typed = "\u{1B}[2J\u{1B}[31mred\u{1B}]0;title\u{7}\u{8}\u{7F}"
        for arguments in [["--transcript"], ["--json"], []] {
            let result = try Binary.run(arguments, lines: [typed, "/summary", "yes"])
            expectClean(result, "escape sequences with \(arguments)")
        }
        let transcript = try Binary.run(["--transcript"], lines: [typed, "/summary"])
        #expect(transcript.text.contains("\\u{1B}[2J"))
    }

    @Test func endOfInputMidQuestionEndsCleanly() throws {
        for arguments in [[], ["--json"], ["--transcript"]] {
            let result = try Binary.run(arguments, input: Data("my calf twitches\n".utf8))
            expectClean(result, "EOF with \(arguments)")
        }
        let noNewline = try Binary.run([], input: Data("my calf twitches".utf8))
        expectClean(noNewline, "EOF without a newline")
        #expect(noNewline.text.contains("trouble breathing or swallowing"))
        let nothing = try Binary.run([], input: Data())
        expectClean(nothing, "no input at all")
        #expect(nothing.text.contains("What's going on?"))
    }

    @Test func jsonModeWritesOneObjectPerTurnAndTheFirstBeforeInput() throws {
        let result = try Binary.run(["--json"], lines: ["my calf twitches", "/why", "/nonsense"])
        expectClean(result, "json")
        let objects = result.text.split(separator: "\n").map { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }
        #expect(objects.count == 4)
        #expect(objects.allSatisfy { $0 != nil })
        #expect((objects.first??["ask"] as? [String: Any])?["id"] as? String == "opening")
        #expect(objects.first??["done"] as? Bool == false)
    }

    @Test func unknownKnowledgeFileIsAClearError() throws {
        let result = try Binary.run(["--knowledge", "/nonexistent/knowledge.yaml"])
        #expect(result.status == 1)
        #expect(result.errorText.contains("Cannot read the knowledge file /nonexistent/knowledge.yaml"))
        #expect(!result.errorText.contains("Usage"))
    }

    @Test func checkKnowledgeReportsFileAndLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("twitchtalk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = Binary.root.appendingPathComponent("Sources/Assessment/knowledge.yaml")
        let ok = try Binary.run(["check-knowledge", good.path])
        #expect(ok.status == 0)
        #expect(ok.text.contains("ok (17 questions, 9 red flags, 12 causes"))
        let bad = folder.appendingPathComponent("bad.yaml")
        try "version: 1\nsources: {}\nquestions: 3\n".write(to: bad, atomically: true, encoding: .utf8)
        let refused = try Binary.run(["check-knowledge", bad.path])
        #expect(refused.status == 1)
        #expect(refused.errorText == "\(bad.path):3: questions must be a list\n")
    }
}
