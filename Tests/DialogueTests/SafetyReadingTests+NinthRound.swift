import Assessment
import Screening
import Testing

@testable import Dialogue

/// The eleventh round: the classes blind set n missed or misread on its first score (2026-11-28, at b78dd71: 3 of 48
/// conversations that needed a doctor told self-care, 3 of 24 benign ones sent to a doctor). Each class was a miss of
/// that first score; the guards beside them ("none" is not asked again) hold what must not change.
extension SafetyReadingTests {
    /// How many places a played conversation ends with.
    static func places(_ case: Assessment.Case) -> Int {
        if case .sites(let sites)? = `case`["locations"]?.value { return Site.places(in: sites) }
        return 0
    }

    static let restOfChecklist = Interview.confirmPrefix + Interview.restOfChecklist

    @Test(arguments: ["no fever no headache", "no fever, no headache", "no fever or nausea, just tired"])
    func aChecklistAnswerThatDeniesOnlyOtherSymptomsAsksTheRest(answer: String) {
        // The person's burning skin was said only where the interview did not ask (the opening named the place).
        let burning = Self.play(["other_symptoms": answer], truth: ["sensation_change"])
        #expect(burning.asked.contains(Self.restOfChecklist), "\(answer)")
        #expect(Self.symptoms(burning.case).contains(.sensationChange), "\(answer)")
        #expect(burning.advice?.triage == .seeDoctor, "\(answer)")
        // Nothing else: it stays self-care, and "no" answers the whole checklist.
        let calm = Self.play(["other_symptoms": answer])
        #expect(calm.asked.contains(Self.restOfChecklist), "\(answer)")
        #expect(calm.case["other_symptoms"]?.value == .symptoms([]), "\(answer)")
        #expect(calm.advice?.triage == .selfCare, "\(answer)")
    }

    @Test(arguments: ["none", "no", "no weakness or numbness", "No. Nothing else", "nope, no fever"])
    func aChecklistAnswerThatCoversItIsNotAskedAgain(answer: String) {
        let result = Self.play(["other_symptoms": answer])
        #expect(!result.asked.contains(Self.restOfChecklist), "\(answer)")
        #expect(result.advice?.triage == .selfCare, "\(answer)")
    }

    @Test func notSureToTheRestOfTheChecklistIsUnknownNotNo() {
        var answers = Self.calm
        answers["other_symptoms"] = "no fever, no headache"
        answers[Self.restOfChecklist] = "not sure"
        let played = BlindSet.play(knowledge: Self.knowledge, reader: Self.reader, today: Self.today) { prompt, _ in
            answers[prompt.id] ?? "not sure"
        }
        #expect(played.case["other_symptoms"] != nil)
        #expect(played.case["other_symptoms"]?.value == nil)
        #expect(played.advice?.triage != .selfCare || played.advice?.notKnown.isEmpty == false)
    }

    @Test func aLegThatHasGivenWayIsWeakness() {
        let result = Self.play(
            ["urgent": "no. but my right leg has given way a couple of times this week, I nearly fell"],
            truth: ["weakness"])
        #expect(Self.symptoms(result.case).contains(.weakness))
        #expect(result.advice?.triage == .seeDoctor)
        Self.expectHeard(
            "weakness", in: "not really, but climbing the stairs has become really hard for my legs",
            at: "other_symptoms")
    }

    @Test func aPastSymptomSaidAgainAfterItWasRuledOutDoesNotLoop() {
        let answer = "No. I had a bad fever back in March but that cleared up months before any of this."
        let result = Self.play([
            "other_symptoms": answer,
            "new_medication": "No. I had antibiotics in March for that fever but finished them months ago.",
        ])
        #expect(result.asked.filter { $0 == "other_symptoms" }.count <= 2)
        #expect(result.case["other_symptoms"]?.value == .symptoms([]))
        #expect(result.advice?.triage == .selfCare)
    }

    @Test func aSymptomLongGoneIsNotTaken() {
        let result = Self.play([
            "opening":
                "my right shoulder twitches since the weekend. I had numbness in that arm years ago after a car accident but it went away completely",
            "other_symptoms": "no, nothing now. the old numbness is long gone",
        ])
        #expect(!Self.symptoms(result.case).contains(.numbness))
        #expect(result.advice?.triage == .selfCare)
    }

    @Test(arguments: [
        "My cheek keeps twitching under my right eye. I have a 3 week old baby so I'm running on nothing",
        "got diagnosed with type 1 diabetes 10 days ago and now the toes on my right foot twitch",
    ])
    func aPartThatSaysWhereIsOnePlace(opening: String) {
        let result = Self.play(["opening": opening])
        #expect(Self.places(result.case) == 1, "\(opening)")
    }

    @Test func thatHandIsThePlaceAlreadyNamed() {
        let result = Self.play(
            ["locations": "right forearm, and that hand feels weaker when i grip", "opening": "I have a twitch"],
            truth: ["weakness"])
        #expect(Self.places(result.case) == 1)
        #expect(Self.symptoms(result.case).contains(.weakness))
        // Two places said outright are still two.
        let two = Self.play(["locations": "right forearm, and my left calf", "opening": "I have a twitch"])
        #expect(Self.places(two.case) == 2)
    }

    @Test func aDiagnosisLongAgoIsAskedNotTaken() {
        let result = Self.play(["new_condition": "I was diagnosed with depression 15 years ago"])
        #expect(result.asked.contains("confirm_new_condition"))
        #expect(result.case["new_condition"]?.value != .yesNo(true))
        #expect(result.advice?.triage == .selfCare)
    }

    @Test func aTwitchThatHasNotStoppedOnceIsContinuous() {
        let result = Self.play(["onset": "about ten days, but it hasn't stopped once since then"])
        #expect(result.advice?.triage == .seeDoctor)
    }

    @Test func aTwitchThatWentAwayAndThisOneStartsAnew() {
        let opening = "years ago I had a twitch in my eye that went away. this one in my leg started 3 days ago"
        #expect(Self.onset(["opening": opening]) == 3)
    }

    @Test(arguments: [
        ["urgent": "no. but I've been feeling like throwing up all day"],
        ["same_place": "same place each time. and i feel sick all the time since this began"],
        ["opening": "Hiya, twitching under my right eye, had a migraine all day too"],
    ])
    func howLongAnotherSymptomLastsIsNotTheTwitching(answers: [String: String]) {
        let result = Self.play(answers, truth: ["nausea", "headache"])
        #expect(result.case["frequency"]?.value != .frequency(.constant), "\(answers)")
        #expect(result.asked.contains("frequency"), "\(answers)")
        // The twitching's own "all day long" still counts ("all day" alone in a story is asked: TwentyEighthRound).
        #expect(
            Self.play(["stress": "yes, and it twitches all day long"]).case["frequency"]?.value
                == .frequency(.constant))
    }

    @Test(arguments: [
        ["new_condition": "I've had asthma since I was a kid, nothing new"],
        ["new_condition": "I've had it for years"],
        ["new_medication": "ventolin, but I've had it forever"],
    ])
    func somethingLongStandingIsAskedNotTakenAsNew(answers: [String: String]) {
        let result = Self.play(answers)
        #expect(result.asked.contains { $0.hasPrefix(Interview.confirmPrefix + "new_") }, "\(answers)")
        #expect(result.advice?.triage == .selfCare, "\(answers)")
        // A new one said to be new is still taken.
        let new = Self.play(["new_condition": "yes, I was diagnosed with lupus last month"])
        #expect(new.case["new_condition"]?.value == .yesNo(true))
    }

    @Test func twitchingThatWakesAndWalksIsBoth() {
        let result = Self.play([
            "sleep": "around 7 hours. twitching wakes me up and it carries on when I get up and walk to the loo"
        ])
        #expect(result.case["moving_and_resting"]?.value == .yesNo(true))
    }

    @Test func aRelaxedMuscleIsNotACalmMind() {
        let result = Self.play([
            "moving_and_resting": "only when my face is relaxed, not when talking or eating",
            "stress": "yes, a lot at work",
        ])
        #expect(result.asked.contains("stress"))
        #expect(result.case["stress"]?.value == .yesNo(true))
        #expect(result.case["moving_and_resting"]?.value == .yesNo(false))
    }
}
