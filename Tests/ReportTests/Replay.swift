import Assessment
import Dialogue
import Foundation
import Report

/// Conversations replayed in process, as the front ends run them.
enum Replay {
    static let knowledge: Knowledge = {
        do { return try Knowledge.embedded() } catch { fatalError("the built-in knowledge does not load: \(error)") }
    }()

    /// The day the golden transcripts are read against (a Friday), as in `scripts/record-dialogues`.
    static let today = CalendarDate(year: 2026, month: 11, day: 27)!

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The interview after `lines`, started as every front end starts it.
    static func interview(_ lines: [String], knowledge: Knowledge = knowledge) -> Interview {
        var interview = Interview(knowledge: knowledge, today: today)
        _ = interview.start()
        for line in lines { _ = interview.received(text: line) }
        return interview
    }

    static func visit(_ lines: [String], knowledge: Knowledge = knowledge) -> Visit {
        Visit(interview(lines, knowledge: knowledge))
    }

    /// The user lines (`> `) of a transcript in `Dialogues/`.
    static func typed(dialogue name: String) throws -> [String] {
        let url = root.appendingPathComponent("Dialogues").appendingPathComponent(name + ".txt")
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { $0.hasPrefix("> ") }.map { String($0.dropFirst(2)) }
    }
}
