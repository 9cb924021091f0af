import Assessment
import Screening
import Testing

@testable import Dialogue

/// The tenth round: the classes blind set m missed or misread on its first score (2026-11-28, at 274b1a4: 9 of 24
/// benign conversations over-triaged). Each test failed on 274b1a4 in at least one of its cases.
extension SafetyReadingTests {
    /// The onset a played conversation ends with, in days.
    static func onset(_ answers: [String: String]) -> Double? {
        if case .daysAgo(let days)? = play(answers).case["onset"]?.value { return days }
        return nil
    }

    @Test(arguments: [
        "My right eye keeps twitching, just under the eye. Had a baby 6 weeks ago so I'm running on empty.",
        "my thumb twitches, I had carpal tunnel but it was operated in 2015 and has been fine since",
        "My dad died of ALS four years ago so when my calf started twitching 10 days ago I panicked.",
    ])
    func theTimeOfAnotherEventIsNotWhenItBegan(opening: String) {
        let result = Self.play(["opening": opening, "onset": "10 days ago"])
        #expect(result.case["onset"]?.value == .daysAgo(10), "\(opening)")
        #expect(result.advice?.triage == .selfCare, "\(opening)")
    }

    @Test func anEventThatDatesTheTwitchingStillDatesIt() {
        // "since" ties the twitching to the event: its time is the onset.
        #expect(Self.onset(["opening": "my hand twitches since I was ill with the flu last month"]) == 30)
        #expect(
            Self.onset([
                "opening": "I was diagnosed with type 1 diabetes three weeks ago and since then my big toe twitches"
            ]) == 21)
    }

    @Test func aTwitchThatCameBackStartsWhenItCameBack() {
        let opening =
            "had eye twitching last year for a week during exams, went away. now its back since yesterday"
        #expect(Self.onset(["opening": opening]) == 1)
        #expect(
            Self.onset(["onset": "i had it once years ago for a day, but this time it started on monday"]) ?? 99 < 7)
        // "again" without a gap is not a new start.
        #expect(Self.onset(["onset": "3 weeks ago, and again today"]) == 21)
    }

    @Test func notFeelingTheTwitchIsNotNumbness() {
        let result = Self.play([
            "moving_and_resting": "Only when I am resting. When I walk I don't feel it.",
            "other_symptoms": "No. No weakness, I walk my two miles every morning as usual. No numbness.",
        ])
        #expect(Self.symptoms(result.case).isEmpty)
        #expect(result.advice?.triage == .selfCare)
        // A hand that cannot feel touch is still numbness.
        Self.expectHeard("numbness", in: "I can't feel it when I touch my fingers", at: "other_symptoms")
    }

    @Test func aSignOfSomeoneElseIsNotTheSpeakers() {
        let aunt = Self.play([
            "opening":
                "my right upper eyelid twitches. My aunt had MS and she started with numbness in her legs, but I don't have anything like that."
        ])
        #expect(!Self.symptoms(aunt.case).contains(.numbness))
        #expect(aunt.advice?.triage == .selfCare)
        let dad = Self.play(["urgent": "no, but my dad had trouble swallowing at the end of his ALS"])
        #expect(dad.case["urgent"]?.value == .yesNo(false))
        #expect(dad.advice?.triage == .selfCare)
        // Trouble of the speaker's own is still yes.
        let own = Self.play(["urgent": "my dad is typing this, I have trouble swallowing"])
        #expect(own.case["urgent"]?.value == .yesNo(true))
    }

    @Test func aSignAffirmedAndDeniedInOneMessageIsAsked() {
        let text =
            "my friend had the same and it turned out to be a pinched nerve with numbness. I don't have any numbness myself."
        let result = Self.play(["opening": "my thumb twitches. " + text])
        #expect(result.asked.contains("confirm_numbness"))
        #expect(!Self.symptoms(result.case).contains(.numbness))
        let yes = Self.play(["opening": "my thumb twitches. " + text], truth: ["numbness"])
        #expect(Self.symptoms(yes.case).contains(.numbness))
    }

    @Test func placesOfSomeoneElseAreNotTheSpeakers() {
        let result = Self.play([
            "opening": "my eyelid twitches",
            "locations": "It's only in my left eyelid. My husband has twitching all over but that's him",
            "sleep": "6 hours. my husband snores and has leg twitches at night",
        ])
        guard case .sites(let sites)? = result.case["locations"]?.value else {
            Issue.record("no place read")
            return
        }
        #expect(Site.places(in: sites) == 1, "\(sites)")
        #expect(result.advice?.triage == .selfCare)
        // What they saw of the speaker stays the speaker's.
        let seen = BodySites.read(Story.maskingOthers(Screening.tokens("my wife says my calf and my arm twitch")))
        guard case .value(.sites(let seenSites)) = seen else {
            Issue.record("no place read")
            return
        }
        #expect(Site.places(in: seenSites) == 2)
    }

    @Test func theAbsAndAFingerOnAHandAreOnePlace() {
        let abs = Self.play(["opening": "my stomach muscle twitches, the abs, right side"])
        #expect(abs.advice?.triage == .selfCare)
        let finger = BodySites.read(Screening.tokens("Finger, middle one, on the right hand"))
        #expect(finger == .value(.sites([Site(.finger, side: .right)])))
        // A left leg and a right calf stay two places.
        guard case .value(.sites(let legs)) = BodySites.read(Screening.tokens("left leg and right calf")) else {
            Issue.record("no place read")
            return
        }
        #expect(Site.places(in: legs) == 2)
    }

    @Test(arguments: [
        "Not both, really. It comes when I'm sitting and tense, never on my walks.",
        "I mostly notice it sitting at the computer. Never noticed it while walking.",
        "Mostly when I sit down to feed the baby, I don't notice it when I'm moving about",
    ])
    func oneSituationExcludingTheOtherIsNotBoth(answer: String) {
        let result = Self.play(["moving_and_resting": answer])
        #expect(result.case["moving_and_resting"]?.value == .yesNo(false), "\(answer)")
    }

    @Test(arguments: [
        ("opening", "My left leg twitches when I walk and when I lie down, both", "moving_and_resting"),
        ("diet", "I try to, I'm vegetarian. they found I'm low on B12 last week, that's new", "new_condition"),
    ])
    func signsOfSetMAreHeard(question: String, text: String, sign: String) {
        Self.expectHeard(sign, in: text, at: question)
    }

    @Test(arguments: [
        ("episode_length", "honestly it never fully stops, it's there the whole day"),
        ("episode_length", "it goes on for hours at a time"),
        ("frequency", "on and off but it hasn't gone away for a good 2 months"),
    ])
    func continuousOrLongTwitchingIsPersistent(question: String, text: String) {
        let result = Self.play(["opening": "my calf twitches", "onset": "3 days ago", question: text])
        #expect(result.advice?.triage == .seeDoctor, "\(text)")
    }

    @Test func aHedgedSecondPlaceIsAskedAndTheFirstIsKept() {
        let answers = [
            "opening": "I have a twitch", "locations": "in the eyelid, and I think maybe also my leg? not sure",
        ]
        let result = Self.play(answers)
        #expect(result.asked.contains("confirm_multiple_areas"))
        #expect(result.case["locations"]?.value == .sites([Site(.eyelid)]))
        #expect(result.advice?.triage == .selfCare)
        #expect(Self.play(answers, truth: ["multiple_areas"]).advice?.triage == .seeDoctor)
        // Two places said outright stay two places.
        let both = Self.play(["opening": "I have a twitch", "locations": "left calf and right calf?"])
        #expect(!both.asked.contains("confirm_multiple_areas"))
        #expect(both.advice?.triage == .seeDoctor)
    }

    @Test func aSymptomThatWentAwayIsAskedNotTaken() {
        let result = Self.play([
            "other_symptoms": "I had a headache last month but it went away before the twitching started"
        ])
        #expect(result.asked.contains("confirm_headache"))
        #expect(result.advice?.triage == .selfCare)
    }
}
