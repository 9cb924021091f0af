import Assessment
import Testing

@testable import Dialogue

/// The advice inside the conversation (issue 9): the date of the safety net, `/advice`, a correction after an
/// emergency, and a verdict that comes first.
@Suite struct AdviceDialogueTests {
    static let knowledge = InterviewTests.knowledge
    static let friday = CalendarDate(year: 2026, month: 11, day: 27)!

    func finished(_ answers: [(String, String)], today: CalendarDate? = friday) -> (Interview, Turn) {
        var interview = Interview(knowledge: Self.knowledge, today: today)
        _ = interview.start()
        var last = Turn([])
        for (_, answer) in answers { last = Turn(interview.received(text: answer)) }
        return (interview, last)
    }

    @Test func datesAreCountedAcrossMonthsAndYears() {
        #expect(Self.friday.adding(days: 11)?.description == "2026-12-08")
        #expect(Self.friday.adding(days: 35)?.description == "2027-01-01")
        #expect(CalendarDate(year: 2028, month: 2, day: 28)!.adding(days: 1)?.description == "2028-02-29")
        #expect(Self.friday.adding(days: -27)?.description == "2026-10-31")
        #expect(Self.friday.adding(days: 11)?.spoken == "Tuesday 8 December")
        #expect(Self.friday.adding(days: Int.max) == nil)
    }

    @Test func selfCareNamesTheDayToComeBack() throws {
        let (_, turn) = finished(InterviewTests.calm)
        let advice = try #require(turn.advice)
        #expect(advice.triage == .selfCare)
        #expect(
            advice.watchFor
                == "If it is still there after Tuesday 8 December (two weeks after it started), or if you notice "
                + "weakness, numbness or twitching in other places, see a GP.")
    }

    @Test func withoutTodayTheSafetyNetCountsDays() throws {
        let (_, turn) = finished(InterviewTests.calm, today: nil)
        #expect(try #require(turn.advice?.watchFor).contains("in 11 days (two weeks after it started)"))
    }

    @Test func adviceShowsTheWholeAdviceAgain() {
        var (interview, last) = finished(InterviewTests.calm)
        let again = Turn(interview.received(text: "/advice"))
        #expect(again.advice == last.advice)
        #expect(again.done)
        last = Turn(interview.received(text: "/ADVICE "))
        #expect(last.advice == again.advice)
    }

    @Test func adviceBeforeTheEndSaysSoAndAsksAgain() {
        var interview = Interview(knowledge: Self.knowledge)
        _ = interview.start()
        _ = interview.received(text: "my calf twitches")
        let turn = Turn(interview.received(text: "/advice"))
        #expect(turn.say == [Self.knowledge.messages[.adviceNotYet]])
        #expect(turn.ask?.id == "urgent")
        #expect(turn.advice == nil)
    }

    @Test func aCorrectionAfterAnEmergencyIsHandledLikeAnyCorrection() {
        var interview = Interview(knowledge: Self.knowledge)
        _ = interview.start()
        _ = interview.received(text: "my arm twitches")
        #expect(Turn(interview.received(text: "yes")).advice?.triage == .emergency)
        let turn = Turn(interview.received(text: "sorry, I meant no"))
        #expect(turn.say == ["Got it, I've changed that: trouble breathing or swallowing now: no."])
        #expect(turn.ask?.id == "onset", "the interview goes on")
        #expect(!turn.done)
        #expect(interview.currentCase["urgent"]?.value == .yesNo(false))
        let undo = Turn(interview.received(text: "/back"))
        #expect(undo.advice?.triage == .emergency, "/back undoes the correction")
    }

    @Test func theEmergencyAdviceEndsWithTheEmergencyInstruction() throws {
        var interview = Interview(knowledge: Self.knowledge)
        _ = interview.start()
        _ = interview.received(text: "my arm twitches")
        let advice = try #require(Turn(interview.received(text: "yes")).advice)
        let last = try #require(advice.lines.last)
        #expect(last.hasSuffix(Self.knowledge.messages[.emergencyEnd]))
        #expect(!last.hasSuffix("see a doctor."))
    }

    @Test func plainAdviceHasNoDecoratedHeadings() throws {
        let (_, calm) = finished(InterviewTests.calm)
        let lines = try #require(calm.advice).lines
        #expect(!lines.contains { $0.hasPrefix("==") })
        #expect(lines[1] == calm.advice?.headline)
    }

    @Test func theVerdictComesBeforeTheDetails() throws {
        let answers = InterviewTests.calm.map { (id, answer) in
            switch id {
            case "onset": (id, "2 months ago")
            case "moving_and_resting": (id, "both")
            case "other_symptoms": (id, "weakness, numbness and nausea")
            default: (id, answer)
            }
        }
        let advice = try #require(finished(answers).1.advice)
        let lines = advice.lines
        let details = try #require(lines.firstIndex(of: advice.detailsHeading))
        let verdict = lines[..<details].joined(separator: "\n")
        #expect(verdict.contains(advice.headline))
        #expect(verdict.contains("Why (3 of 5 signs; all are below):"))
        #expect(verdict.contains(advice.disposition.action))
        #expect(!verdict.contains("What to tell the doctor"))
        #expect(lines[details...].contains("What to tell the doctor:"))
    }
}
