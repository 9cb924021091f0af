import Assessment
import Dialogue
import Foundation
import Report
import Testing

/// The visit summary: golden files for a few Dialogues, and the properties every summary must have.
///
/// After an intended change, `RECORD_REPORTS=1 swift test --filter ReportTests` writes the golden files anew;
/// review them with `git diff Tests/ReportTests/Golden`.
@Suite struct MarkdownTests {
    static let goldens = [
        "01-eyelid-coffee-and-short-sleep", "02-emergency-trouble-breathing", "18-dont-know", "24-quit",
        "30-many-flags", "31-story-opening",
    ]

    @Test(arguments: goldens)
    func matchesGolden(name: String) throws {
        let markdown = Replay.visit(try Replay.typed(dialogue: name)).markdown
        let url = Replay.root.appendingPathComponent("Tests/ReportTests/Golden/\(name).md")
        if ProcessInfo.processInfo.environment["RECORD_REPORTS"] == "1" {
            try markdown.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(markdown == expected, "\(name).md differs; if intended, record again (see MarkdownTests)")
    }

    /// A typical summary fits one printed page: at most 60 lines once wrapped at 80 columns.
    @Test(arguments: ["01-eyelid-coffee-and-short-sleep", "30-many-flags", "31-story-opening"])
    func fitsOnePage(name: String) throws {
        let markdown = Replay.visit(try Replay.typed(dialogue: name)).markdown
        let printed = markdown.split(separator: "\n", omittingEmptySubsequences: false)
            .reduce(0) { $0 + max(1, ($1.count + 79) / 80) }
        #expect(printed <= 60, "\(name) takes \(printed) printed lines")
    }

    @Test func doctorsQuestionsComeFirstInTheArticlesOrder() throws {
        let markdown = Replay.visit(try Replay.typed(dialogue: "01-eyelid-coffee-and-short-sleep")).markdown
        let labels = [
            "When it started", "How long each twitch lasts", "Where", "Always in the same place", "How often",
            "Both when moving and resting", "Signs a doctor should know about", "Trouble breathing or swallowing",
            "Other symptoms", "Started after a new medication", "Stress or anxiety", "Caffeinated drinks a day",
            "## Outcome", "## In their own words", "This is not a diagnosis",
        ]
        let positions = labels.map { markdown.range(of: $0)?.lowerBound }
        #expect(!positions.contains(nil), "missing: \(zip(labels, positions).filter { $0.1 == nil }.map(\.0))")
        let found = positions.compactMap { $0 }
        #expect(found == found.sorted())
    }

    @Test func everyAnswerIsThereWithWhatWasUnderstoodAndTheWords() {
        let markdown = Replay.visit([
            "my left eyelid keeps twitching", "no", "since the 20th", "a few seconds", "yes", "a few times a day",
        ]).markdown
        #expect(markdown.contains("- **When it started:** 7 days ago (said: \"since the 20th\")"))
        #expect(markdown.contains("- **Where:** left eyelid\n"))
        #expect(markdown.contains("- **Trouble breathing or swallowing now (emergency screen):** no\n"))
    }

    @Test func unknownAnswersAreNotKnownAndTheirSignsSaySo() {
        let markdown = Replay.visit(["my left eyelid keeps twitching", "no", "3 days ago", "not sure"]).markdown
        #expect(markdown.contains("- **How long each twitch lasts:** not known (said: \"not sure\")"))
        #expect(
            markdown.contains(
                "- **Not known:** The twitching is continuous or has lasted a long time (more than two weeks). "
                    + "(How long each twitch lasts: \"not sure\")"))
    }

    @Test func anUnfinishedInterviewGivesNoAdviceButNamesSignsAlreadyFound() {
        let markdown = Replay.visit(["my calf twitches", "no", "3 weeks ago"]).markdown
        #expect(markdown.contains("**Not finished:** the interview was left before the advice; not answered: "))
        #expect(markdown.contains("No advice: the interview was not finished."))
        #expect(markdown.contains("Signs already found:\n- The twitching is continuous or has lasted a long time"))
        #expect(!markdown.contains("Self-care"))
        #expect(!markdown.contains("Nothing you told me needs a doctor"))
    }

    @Test func anEmergencySaysSoAtTheTop() throws {
        let markdown = Replay.visit(try Replay.typed(dialogue: "02-emergency-trouble-breathing")).markdown
        let lines = markdown.split(separator: "\n").map(String.init)
        #expect(lines.prefix(5).contains { $0.hasPrefix("**Emergency:**") })
        #expect(markdown.contains("**Emergency care now.**"))
        #expect(markdown.contains("Right now:\n- Trouble breathing or swallowing needs help now."))
    }

    @Test func theWordsCannotChangeTheTerminalOrTheMarkdown() {
        let opening = "**bold** <b>x</b> [link](http://x) # \u{1B}[31mred \u{202E}evil"
        let markdown = Replay.visit([opening]).markdown
        #expect(!markdown.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
        #expect(markdown.contains("> \\*\\*bold\\*\\* \\<b\\>x\\</b\\> \\[link\\](http://x) \\# \\\\u{1B}\\[31mred"))
    }

    @Test func aVeryLongStoryIsCut() {
        let markdown = Replay.visit([String(repeating: "twitch ", count: 500)]).markdown
        let quoted = markdown.split(separator: "\n").first { $0.hasPrefix("> ") } ?? ""
        #expect(quoted.count <= 803)
        #expect(quoted.hasSuffix("…"))
    }

    /// The interview's confirming questions (`confirm_weakness`) are not knowledge questions: the report has no item
    /// for them, and the sign they confirm is under its own question.
    @Test func confirmingQuestionsAreNotItems() throws {
        let visit = Replay.visit(try Replay.typed(dialogue: "41-possible-sign-confirmed"))
        #expect(!visit.markdown.contains("confirm_"))
        #expect(!visit.questionnaireResponse.text(pretty: false).contains("confirm_"))
        #expect(visit.markdown.contains("- **Yes:** It comes with weakness or loss of muscle."))
    }
}

@Suite struct ChecklistTests {
    /// The emergency stops the interview before the symptom checklist; a symptom said in the story is a Yes, but the
    /// other symptom signs were not asked, never "No".
    @Test func symptomsSaidInPassingRuleNothingOut() throws {
        let markdown = Replay.visit(try Replay.typed(dialogue: "02-emergency-trouble-breathing")).markdown
        #expect(!markdown.contains("- No: It comes with weakness or loss of muscle."))
        #expect(!markdown.contains("- No: It comes with fever, headache, nausea or vomiting."))
        #expect(markdown.contains("(said in passing; the checklist was not asked)"))
    }

    @Test func anAskedChecklistRulesTheOthersOut() throws {
        let markdown = Replay.visit(try Replay.typed(dialogue: "30-many-flags")).markdown
        #expect(markdown.contains("- No: It comes with weakness or loss of muscle."))
        #expect(!markdown.contains("said in passing"))
    }
}
