import Assessment
import Screening
import Testing

@testable import Dialogue

/// The twelfth round: the classes blind set o missed or misread on its first score (2026-11-29, at 5dfb670: 1 of 40
/// conversations that needed a doctor told self-care, 4 of 24 benign ones sent to a doctor, 9 signs missed). Each
/// class was a miss of that first score; the guards beside them hold what must not change.
extension SafetyReadingTests {
    @Test func aStrangeFeelingInAPartIsAskedAbout() {
        let result = Self.play(["other_symptoms": "just that strange foot feeling"], truth: ["sensation_change"])
        #expect(result.asked.contains(Interview.confirmPrefix + "sensation_change"))
        #expect(Self.symptoms(result.case).contains(.sensationChange))
        #expect(result.advice?.triage == .seeDoctor)
        // Without the sign, the confirmation's "no" keeps it self-care.
        #expect(Self.play(["other_symptoms": "just that strange foot feeling"]).advice?.triage == .selfCare)
    }

    @Test func aSignLookedForAndNotFoundIsDenied() {
        let result = Self.play([
            "other_symptoms": "no. I keep checking for weakness and there isn't any, my strength is normal"
        ])
        #expect(!Self.symptoms(result.case).contains(.weakness))
        #expect(result.advice?.triage == .selfCare)
    }

    @Test func aMuscleJumpingAboutIsAskedNotTakenAsManyPlaces() {
        let opening = "I am 78 years old. My thigh muscle has been jumping about since Tuesday."
        let one = Self.play(["opening": opening])
        #expect(one.asked.contains(Interview.confirmPrefix + "multiple_areas"))
        #expect(one.advice?.triage == .selfCare)
        // Twitching that does move about is still heard, once confirmed.
        let many = Self.play(["opening": opening], truth: ["multiple_areas"])
        #expect(many.advice?.triage == .seeDoctor)
    }

    @Test(arguments: [
        "yeah since the twitch started I've been googling nonstop",
        "yes, I've been working constantly",
    ])
    func howOftenSomethingElseIsDoneIsNotTheTwitching(answer: String) {
        let result = Self.play(["stress": answer])
        #expect(result.case["frequency"]?.value == .frequency(.daily), "\(answer)")
        #expect(result.advice?.triage == .selfCare, "\(answer)")
        // Said of the twitching, it is.
        let constant = Self.play(["stress": "yes, and it's been twitching nonstop since"])
        #expect(constant.case["frequency"]?.value == .frequency(.constant))
    }

    @Test func aMedicineTakenForYearsIsNeitherNewNorTheOnset() {
        let result = Self.play([
            "opening":
                "my eyelid twitches. I'm on levothyroxine for 12 years and an inhaler since childhood, nothing new"
        ])
        #expect(result.case["new_medication"]?.value != .yesNo(true))
        #expect(result.asked.contains("onset"))
        #expect(result.advice?.triage == .selfCare)
        // A medicine started lately still dates the twitching and is new.
        let new = Self.play(["opening": "my left eye twitches, I started taking adderall last month"])
        #expect(new.case["new_medication"]?.value == .yesNo(true))
        #expect(new.case["onset"]?.value == .daysAgo(30))
    }

    @Test(arguments: [
        ["opening": "my wife says I should ask, my arm twitches when I lift stuff and when I'm sat on the sofa too"],
        ["opening": "my finger twitches when I'm typing and when I'm just lying in bed, started this week"],
        ["moving_and_resting": "It happens when I type and also at night in bed"],
        ["sleep": "7 hours. the twitching is there whether I'm up and about or lying in bed"],
        ["exercise": "no, just walking the dog, and even then it twitches, and on the sofa too"],
        ["exercise": "not really. the twitching happens anyway, gym or sofa"],
    ])
    func movingAndRestingInEverydayWordsIsBoth(answers: [String: String]) {
        let result = Self.play(answers)
        #expect(result.case["moving_and_resting"]?.value == .yesNo(true), "\(answers)")
        #expect(result.advice?.triage == .seeDoctor, "\(answers)")
    }

    @Test(arguments: [
        ["moving_and_resting": "I think only at rest, I've been too dizzy to move about much anyway"],
        ["moving_and_resting": "just when walking"],
        ["exercise": "yes, carried a sofa up 4 flights"],
        ["new_condition": "yes, type 2 diabetes last month"],
    ])
    func oneContextOrAnotherWordIsNotBoth(answers: [String: String]) {
        let result = Self.play(answers)
        #expect(result.case["moving_and_resting"]?.value != .yesNo(true), "\(answers)")
    }

    @Test func feelingLikeIMightThrowUpIsNausea() {
        let result = Self.play(
            ["other_symptoms": "a pounding headache and I feel like I might throw up"], truth: ["headache", "nausea"])
        #expect(Self.symptoms(result.case).isSuperset(of: [.headache, .nausea]))
        #expect(!Self.symptoms(result.case).contains(.vomiting))
    }

    @Test func notGreatDoesNotDenyTheSignAfterIt() {
        Self.expectHeard(
            "speech_or_swallowing", in: "not great, and swallowing food is hard sometimes", at: "diet")
    }

    @Test(arguments: [
        ("good", true), ("pretty good", true), ("healthy", true), ("not bad", true), ("fine", true),
        ("not good", false), ("not healthy", false), ("bad", false), ("poor", false), ("unhealthy", false),
    ])
    func aDietInOneWordIsUnderstood(answer: String, balanced: Bool) {
        let result = Self.play(["diet": answer])
        #expect(result.asked.filter { $0 == "diet" }.count == 1, "\(answer)")
        #expect(result.case["diet"]?.value == .yesNo(balanced), "\(answer)")
    }
}

extension SafetyReadingTests {
    @Test(arguments: [
        ["onset": "started sunday. my sister had twitching for months but mine is new"],
        [
            "moving_and_resting":
                "no only when i'm relaxing on the couch. my husband's twitches happen all the time though"
        ],
        ["new_medication": "nope, but my husband just started new pills lol"],
        ["opening": "my friend was diagnosed with a nerve disease and I have an eyelid twitch since yesterday"],
        ["other_symptoms": "none. my brother has the same thing, he also has weakness in his arms"],
    ])
    func whatIsSaidOfSomeoneElseIsNotTheSpeakers(answers: [String: String]) {
        let result = Self.play(answers)
        #expect(result.advice?.triage == .selfCare, "\(answers)")
        #expect(result.case["new_medication"]?.value != .yesNo(true), "\(answers)")
        #expect(result.case["new_condition"]?.value != .yesNo(true), "\(answers)")
        #expect(!Self.symptoms(result.case).contains(.weakness), "\(answers)")
    }

    @Test func theSpeakersOwnWordsAfterSomeoneElsesStillCount() {
        let result = Self.play(
            ["new_medication": "my husband just started new pills, and I started sertraline last week"],
            truth: ["new_medication"])
        #expect(result.advice?.triage == .seeDoctor)
        let reported = Self.play(
            ["opening": "my wife says my right hand looks thinner and it twitches"], truth: ["muscle_loss"])
        #expect(Self.symptoms(reported.case).contains(.muscleLoss))
        #expect(reported.advice?.triage == .seeDoctor)
    }
}

extension SafetyReadingTests {
    @Test(arguments: [
        ["new_condition": "I have had asthma"], ["new_condition": "I have diabetes"],
        ["new_condition": "depression, but I've had that a while"],
        ["new_medication": "Ive been on the same tablets for ten years"],
    ])
    func havingSomethingWithNoWordOfWhenIsAskedNotTakenAsNew(answers: [String: String]) {
        let result = Self.play(answers)
        #expect(result.asked.contains { $0.hasPrefix(Interview.confirmPrefix + "new_") }, "\(answers)")
        #expect(result.advice?.triage == .selfCare, "\(answers)")
    }

    @Test(arguments: [
        ["new_condition": "yes I have diabetes"], ["new_condition": "I have just been told I have diabetes"],
        ["new_medication": "I have a new inhaler"],
    ])
    func havingSomethingNewIsTaken(answers: [String: String]) {
        let result = Self.play(answers)
        #expect(!result.asked.contains { $0.hasPrefix(Interview.confirmPrefix + "new_") }, "\(answers)")
        #expect(result.advice?.triage == .seeDoctor, "\(answers)")
    }
}

extension SafetyReadingTests {
    @Test func someWeeksIsMoreThanTwoWeeks() {
        let result = Self.play(["opening": "Since some weeks, maybe five, my shoulder muscle is moving by itself"])
        #expect(result.advice?.triage == .seeDoctor)
        // "some" before anything else is no number.
        #expect(Self.play(["caffeine": "some coffee"]).case["caffeine"]?.value != .drinksPerDay(3))
        #expect(Self.play(["onset": "some days ago"]).advice?.triage == .selfCare)
    }
}

extension SafetyReadingTests {
    @Test func wakingBecauseItTwitchesIsAtRest() {
        let result = Self.play(["sleep": "badly. i wake up because my leg twitches, and it twitches when I walk too"])
        #expect(result.case["moving_and_resting"]?.value == .yesNo(true))
        // Waking for another reason is not.
        let noise = Self.play(["sleep": "7 hours, I wake up because of noise, and walk the dog early"])
        #expect(noise.case["moving_and_resting"]?.value == .yesNo(false))
    }
}

extension SafetyReadingTests {
    /// Set p c45 and c56, set d d45, set j c37: the sign was told only at "where?", which the opening had answered.
    @Test(arguments: [
        (
            "hi, shoulder twitches on and off",
            "left shoulder, and that shoulder looks flatter and thinner than the right now"
        ),
        ("small twitch in my foot", "left foot, and the sole of that foot feels cold and strange all the time"),
    ])
    func aPartWithoutItsSideIsAskedWhereAndTheAnswerIsHeard(opening: String, whereAnswer: String) {
        let result = Self.play(
            ["opening": opening, "locations": whereAnswer, "other_symptoms": "no, nothing else"],
            truth: ["muscle_loss", "sensation_change"])
        #expect(result.asked.contains("locations"), "\(opening)")
        #expect(result.advice?.triage == .seeDoctor, "\(opening)")
    }

    @Test func theWhereQuestionNamesThePartAndASideAloneAnswersIt() {
        var interview = Interview(knowledge: Self.knowledge, reader: Self.reader)
        _ = interview.start()
        for answer in ["my calf twitches", "no", "3 days ago", "a second"] { _ = interview.received(text: answer) }
        #expect(interview.pendingQuestion?.id == "locations")
        let turn = Turn(interview.received(text: "both"))
        #expect(interview.currentCase["locations"]?.value == .sites([Site(.calf, side: .both)]))
        #expect(turn.ask?.id != "locations")
    }

    @Test(arguments: [
        ("my calf and my thigh twitch", false), ("my calf twitches", true),
        // A place with no sides is asked too, since the round on set s: anywhere else, anything different there?
        ("my neck twitches", true),
        // And, since the round on sets av and aw, one place with its side: anywhere else, anything different?
        ("my left calf twitches", true),
    ])
    func onePlaceIsAskedWhereElse(opening: String, asked: Bool) {
        let result = Self.play(["opening": opening])
        #expect(result.asked.contains("locations") == asked, "\(opening)")
    }

    @Test func theAnswerToWhereKeepsThePlaceTheStoryNamed() {
        let result = Self.play(["opening": "my calf twitches", "locations": "and my thigh too"])
        if case .sites(let sites)? = result.case["locations"]?.value {
            #expect(Set(sites.map(\.part)) == [.calf, .thigh])
        } else {
            Issue.record("no places")
        }
        #expect(result.advice?.triage == .seeDoctor)
    }
}

/// The thirteenth round: blind set p's first score (2026-11-29, at 3bf22a2: 2 of 42 false reassurances, both heard
/// now that "which shoulder?" is asked; 6 of 24 over-triaged; 8 signs missed).
extension SafetyReadingTests {
    @Test(arguments: [
        [
            "other_symptoms":
                "no weakness, no numbness. Dad had weakness in his hands before he was diagnosed but I can grip everything fine"
        ],
        ["other_symptoms": "No. Last month I have flu with fever but it is finish, before the twitch."],
        ["opening": "hi, Ive got diabetes (for 15 yrs) and Im worried because my calf twitches the last few days"],
        ["moving_and_resting": "only at rest, I dont feel it on the ward"],
        ["opening": "my eyelid twitches and my mum has MS so im a bit scared, her legs go numb sometimes"],
        ["other_symptoms": "nothing. I keep checking for weakness and numbness but theres none"],
        ["urgent": "No problem with breathing or swallow."],
    ])
    func benignWordsOfSetPStaySelfCare(answers: [String: String]) {
        let result = Self.play(answers)
        #expect(result.advice?.triage == .selfCare, "\(answers)")
    }

    @Test func everydayAnswersOfSetPAreUnderstood() {
        let result = Self.play(["frequency": "a handful of times a day", "stress": "high, short-staffed"])
        #expect(result.case["frequency"]?.value == .frequency(.daily))
        #expect(result.case["stress"]?.value == .yesNo(true))
        #expect(result.asked.filter { $0 == "frequency" || $0 == "stress" }.count == 2)
    }

    @Test(arguments: [
        ("moving_and_resting", "just that the twitch carries on when Im jogging and when Im sat down after"),
        ("exercise", "a little yoga, and even in yoga the twitch kept going, also when I lie down after"),
    ])
    func exerciseWordsAreMoving(question: String, answer: String) {
        let result = Self.play([question: answer])
        #expect(result.case["moving_and_resting"]?.value == .yesNo(true), "\(answer)")
    }

    @Test func skinThatFeelsDeadIsNumbnessAndAHeavierBarAsksAboutWeakness() {
        Self.expectHeard("numbness", in: "yup, and that patch of skin feels dead when I touch it", at: "same_place")
        let bar = Self.play(
            ["exercise": "went to the gym, the bar felt heavier than normal, maybe im just tired idk"],
            truth: ["weakness"])
        #expect(bar.asked.contains(Interview.confirmPrefix + "weakness"))
        #expect(bar.advice?.triage == .seeDoctor)
    }
}

extension SafetyReadingTests {
    /// Set p's false signs that did not change a triage of its own (each was in the case).
    @Test(arguments: [
        ["opening": "my eyelid twitches, I had the flu a month back with a fever, thats long gone"],
        ["moving_and_resting": "when Im still. When I move it stops"],
        ["new_condition": "Hypothyroidism, but that was 12 years ago"],
        ["other_symptoms": "none, I gave it up years ago because it gave me headaches, havent had one since"],
    ])
    func pastOrAbsentSignsAreNotTaken(answers: [String: String]) {
        let result = Self.play(answers)
        #expect(result.advice?.triage == .selfCare, "\(answers)")
    }

    @Test func feelingLikeVomitingIsNauseaAndAThinnerSideIsNotASecondPlace() {
        let sick = Self.play(
            ["frequency": "few times a day, and I have been feeling like vomiting with it"], truth: ["nausea"])
        #expect(Self.symptoms(sick.case).contains(.nausea))
        #expect(!Self.symptoms(sick.case).contains(.vomiting))
        let thinner = Self.play(
            ["opening": "My shoulder twitches, and the muscle there looks visibly thinner than on the other side"],
            truth: ["muscle_loss"])
        #expect(Self.places(thinner.case) == 1)
        #expect(Self.symptoms(thinner.case).contains(.muscleLoss))
    }
}
