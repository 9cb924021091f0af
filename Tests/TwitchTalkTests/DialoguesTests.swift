import Foundation
import Testing

/// The golden conversations in `Dialogues/`, replayed through the built binary and compared exactly.
///
/// A file is a transcript: `#` lines describe it, `> ` lines are what the person typed, every other line is the
/// assistant's reply, verbatim. After an intended change, `scripts/record-dialogues` writes them anew.
@Suite struct DialoguesTests {
    static var files: [URL] {
        let folder = Binary.root.appendingPathComponent("Dialogues")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".txt") }.sorted().map { folder.appendingPathComponent($0) }
    }

    /// The day relative dates are read against, as in `scripts/record-dialogues` (a Friday).
    static let today = "2026-11-27"

    @Test func thereAreAtLeastTwentyFive() {
        #expect(Self.files.count >= 25)
    }

    @Test(arguments: files)
    func replaysExactly(file: URL) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let transcript = lines.filter { !$0.hasPrefix("#") }
        let typed = transcript.filter { $0.hasPrefix("> ") }.map { String($0.dropFirst(2)) }
        #expect(!typed.isEmpty, "\(file.lastPathComponent) has no user lines")
        let result = try Binary.run(["--transcript", "--today", Self.today], lines: typed)
        #expect([0, 3].contains(result.status))  // 3: the transcript ends before the interview does
        let expected = transcript.joined(separator: "\n")
        let actual = result.text
        if actual != expected {
            let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let got = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let index =
                zip(want, got).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(want.count, got.count)
            Issue.record(
                """
                \(file.lastPathComponent) differs at transcript line \(index + 1):
                  expected: \(index < want.count ? String(want[index]) : "<end>")
                  actual:   \(index < got.count ? String(got[index]) : "<end>")
                Run scripts/record-dialogues if the change is intended.
                """)
        }
    }
}
