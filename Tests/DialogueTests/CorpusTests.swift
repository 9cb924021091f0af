import Assessment
import Foundation
import Testing

@testable import Dialogue

/// The labelled corpus of messages (`Corpus/utterances.txt`): at least 400 utterances, at least 95% of fields
/// right, no red flag missed, and no miss beyond the documented known misses (`Corpus/known-misses.txt`).
@Suite struct CorpusTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")
    static let knowledge = try! Knowledge.embedded()

    static func load() throws -> [UnderstandingCorpus.Item] {
        let text = try String(contentsOf: folder.appendingPathComponent("utterances.txt"), encoding: .utf8)
        let (items, errors) = UnderstandingCorpus.parse(text)
        #expect(errors.isEmpty, "\(errors)")
        return items
    }

    /// `LINE FIELD` pairs that are allowed to be wrong, one a line, each with a comment saying why.
    static func knownMisses() throws -> Set<String> {
        let text = try String(contentsOf: folder.appendingPathComponent("known-misses.txt"), encoding: .utf8)
        return Set(
            text.split(separator: "\n").map { $0.split(separator: "#").first.map(String.init) ?? "" }
                .map { $0.split(separator: " ").prefix(2).joined(separator: " ") }.filter { !$0.isEmpty })
    }

    @Test func theCorpusIsLargeAndWellFormed() throws {
        let items = try Self.load()
        #expect(items.count >= 400)
        for item in items {
            #expect(Self.knowledge.question(item.pending) != nil, "line \(item.line): unknown question \(item.pending)")
            for field in Array(item.expected.keys) + item.absent
            where field != "side" && field != "topic" && field != "confirm" {
                #expect(Self.knowledge.question(field) != nil, "line \(item.line): unknown field \(field)")
            }
        }
    }

    @Test func accuracyIsAtLeast95PercentWithNoRedFlagMissed() throws {
        let score = UnderstandingCorpus.evaluate(try Self.load(), knowledge: Self.knowledge)
        #expect(score.accuracy >= 0.95, "accuracy \(score.accuracy)")
        #expect(score.redFlagsMissed.isEmpty, "\(score.redFlagsMissed)")
        let known = try Self.knownMisses()
        for miss in score.misses where !known.contains("\(miss.line) \(miss.field)") {
            Issue.record("line \(miss.line) \(miss.field): expected \(miss.expected), got \(miss.got)")
        }
    }

    @Test func calendarDatesKnowTheirWeekday() {
        #expect(CalendarDate(parsing: "2026-11-27")?.weekday == 5)
        #expect(CalendarDate(parsing: "2026-03-02")?.weekday == 1)
        #expect(CalendarDate(parsing: "2024-02-29")?.weekday == 4)
        #expect(CalendarDate(parsing: "2025-02-29") == nil)
        #expect(CalendarDate(parsing: "garbage") == nil)
        let a = CalendarDate(year: 2026, month: 1, day: 1)!
        let b = CalendarDate(year: 2025, month: 12, day: 25)!
        #expect(a.days(since: b) == 7)
    }
}
