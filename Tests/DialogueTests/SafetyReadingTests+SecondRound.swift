import Assessment
import Testing

@testable import Dialogue
@testable import Screening

/// The second round of safety reading: the classes the blind sets a, b and c still missed on 2026-11-27. Each test
/// failed on main at c03bae5, or (the benign ones about "not mine" and "a new program") on a draft of this round.
extension SafetyReadingTests {
    static func redFlags(_ result: (case: Assessment.Case, advice: Advice?, asked: [String])) -> Set<String> {
        Set(result.advice?.redFlags.map(\.id) ?? [])
    }

    // Inflections and filler words.

    @Test(arguments: [
        ("my legs buckle on the stairs", Symptom.weakness),
        ("my right leg drags when I walk", .weakness),
        ("fingers feel like they've gone to sleep", .numbness),
        ("my temperature went up", .fever),
        ("my thumb muscle has sort of flattened", .muscleLoss),
    ])
    func everydayWordsInAnotherAnswerAreSigns(text: String, symptom: Symptom) {
        let result = Self.play(["sleep": "7 or so, but \(text)"], truth: [symptom.rawValue])
        #expect(Self.symptoms(result.case).contains(symptom), "\(text)")
        #expect(result.advice?.triage == .seeDoctor, "\(text)")
    }

    @Test func aStemMatchesEveryInflection() {
        #expect(Screening.stem("buckle") == Screening.stem("buckles"))
        #expect(Screening.stem("buckled") == Screening.stem("buckling"))
        #expect(Screening.stem("drags") == Screening.stem("dragging"))
        #expect(Screening.stem("numbness") == "numbness")
        #expect(Screening.stem("falls") == Screening.stem("falling"))
    }

    // Several places.

    @Test(arguments: [
        ("locations", "Right upper arm, and occasionally the left one too"),
        ("same_place", "it jumps from place to place"),
        ("same_place", "no, it switches between my two eyes"),
        ("episode_length", "a few secs. sometimes i feel it in both arms at the same time"),
    ])
    func severalPlacesSaidInEverydayWordsAreTheRedFlag(question: String, text: String) {
        let result = Self.play(["opening": "it keeps twitching", question: text], truth: ["multiple_areas"])
        #expect(Self.redFlags(result).contains("multiple_areas"), "\(text)")
    }

    @Test func mostlyTheSamePlaceIsAskedAbout() {
        let yes = Self.play(["same_place": "mostly"], truth: ["multiple_areas"])
        #expect(yes.asked.contains("confirm_multiple_areas"))
        #expect(Self.redFlags(yes).contains("multiple_areas"))
        let no = Self.play(["same_place": "mostly"])
        #expect(no.advice?.triage == .selfCare)
    }

    @Test func aPlaceTakenBackInTheSameMessageIsNotTwoPlaces() {
        let result = Self.play([
            "opening": "ran a marathon on sunday and now both my quads are... no wait just the right one, its twitching"
        ])
        #expect(!Self.redFlags(result).contains("multiple_areas"))
        #expect(result.case["locations"]?.value == .sites([Site(.thigh, side: .right)]))
    }

    // Benign words that looked like signs.

    @Test(arguments: [
        ["other_symptoms": "no. my youngest had a fever last week but I'm fine"],
        ["exercise": "lifting boxes all day, extra shifts this week"],
        ["new_medication": "just creatine, been on it for a year"],
        ["new_condition": "no, the lupus is my mum's not mine, I've been tested and I'm fine"],
        ["opening": "my bicep has been twitching since i started a new program on sunday"],
        ["opening": "My left eye has been twitching non-stop, well not non-stop but a lot"],
    ])
    func benignAnswersStaySelfCare(answers: [String: String]) {
        let result = Self.play(answers)
        #expect(result.advice?.triage == .selfCare, "\(answers)")
    }

    // Blind set d, after its first score: swallowing in everyday words, right now, at another question.

    @Test(arguments: [
        ("other_symptoms", "it's getting worse as we talk, I can't get my own spit down right now"),
        ("hydration", "I'm trying to sip water right now but it won't go down, I keep coughing it back up"),
    ])
    func swallowingRightNowInEverydayWordsIsAnEmergency(question: String, text: String) {
        let result = Self.play([question: text], truth: ["emergency"])
        #expect(result.asked.contains("confirm_emergency"), "\(text)")
        #expect(result.advice?.triage == .emergency, "\(text)")
    }

    @Test(arguments: [
        "I notice it sitting still in lectures, never when I'm walking about",
        "When I'm knitting, not otherwise.",
    ])
    func aSituationSaidNotToBeOneIsNotBoth(text: String) {
        let result = Self.play(["moving_and_resting": text])
        #expect(result.case["moving_and_resting"]?.value == .yesNo(false), "\(text)")
    }

    @Test func twoWeeksOrMoreIsMoreThanTwoWeeks() {
        let result = Self.play(["onset": "2 weeks or more"])
        #expect(Self.redFlags(result).contains("persistent"))
        let exactly = Self.play(["onset": "for the past 14 days"])
        #expect(!Self.redFlags(exactly).contains("persistent"))
    }

    @Test func muscleFeverInAStoryIsNotAFever() {
        let result = Self.play([
            "opening": "my quad has been twitching since my marathon, my club calls it muscle fever"
        ])
        #expect(!Self.symptoms(result.case).contains(.fever))
    }

    @Test(arguments: [
        ("right calf and the other one", [Site(.calf, side: .both)]),
        ("my left eye, sometimes the other eye", [Site(.eyelid, side: .both)]),
        ("my calf and my other calf", [Site(.calf, side: .both)]),
        ("left calf, and now the right ones", [Site(.calf, side: .both)]),
        ("both calves, wait, just the left one", [Site(.calf, side: .left)]),
    ])
    func theOtherOneIsTheOppositeSide(text: String, sites: [Site]) {
        #expect(BodySites.read(Screening.tokens(text)) == .value(.sites(sites)), "\(text)")
    }
}
