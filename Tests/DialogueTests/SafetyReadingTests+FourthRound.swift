import Assessment
import Testing

@testable import Dialogue

/// The sixth round: the classes blind set h missed on its first score (2026-11-28, at 2877dbc). Each test failed on
/// 2877dbc in at least one of its cases; the other cases are neighbours of the same class.
extension SafetyReadingTests {
    @Test(arguments: [
        (
            "stress", "no stress, I'm retired, I just play bowls. but I've lost a lot of muscle in my hands",
            "muscle_loss"
        ),
        ("exercise", "no, my shoulder looks smaller and that arm has gone weak", "muscle_loss"),
        ("sleep", "7, and my hand looks bonier, like the muscle between thumb and finger has sunk in", "muscle_loss"),
        ("exercise", "no, my legs went to jelly on the stairs twice this week", "weakness"),
        ("caffeine", "not much, water's been coming back up through my nose when I drink", "speech_or_swallowing"),
        ("exercise", "no, I can't pinch the clay properly anymore, that hand just won't do it", "weakness"),
    ])
    func signsInNewWordsAreHeard(question: String, text: String, sign: String) {
        Self.expectHeard(sign, in: text, at: question)
    }

    /// Plays a calm conversation with `text` at `question` (the opening unless it is the opening): the sign must
    /// be in the case (the checklist, or its yes/no question) and the advice must be to see a doctor.
    static func expectHeard(_ sign: String, in text: String, at question: String) {
        var answers = ["opening": "my calf twitches"]
        answers[question] = text
        let result = play(answers, truth: [sign])
        let found = symptoms(result.case).contains { $0.rawValue == sign } || result.case[sign]?.value == .yesNo(true)
        #expect(found, "\(text)")
        #expect(result.advice?.triage == .seeDoctor, "\(text)")
    }

    @Test func hasGoneBeforeAnotherSignDoesNotDenyTheFirst() {
        let result = Self.play(["other_symptoms": "my shoulder looks smaller and that arm has gone weak"])
        #expect(Self.symptoms(result.case).isSuperset(of: [.muscleLoss, .weakness]))
        // Said of the sign itself, it still denies it.
        #expect(Self.symptoms(Self.play(["other_symptoms": "the numbness has gone"]).case).isEmpty)
    }

    @Test(arguments: [
        ("a fortnight or so, maybe a bit more", 15.0), ("around 3 weeks ago. sorry no, 3 days. typo", 3),
        ("maybe 2 weeks, maybe 3", 21),
    ])
    func onsetsWithAMoreACorrectionOrAnAlternative(text: String, days: Double) {
        let result = Self.play(["opening": "my calf twitches", "onset": text])
        #expect(result.case["onset"]?.value == .daysAgo(days), "\(text)")
    }

    @Test func aCorrectionInTheStoryReplacesTheTime() {
        let result = Self.play([
            "opening":
                "I have a twitch under my left eye for 3 weeks now. no wait, sorry, it's more like 10 days, I checked"
        ])
        #expect(result.case["onset"]?.value == .daysAgo(10))
    }

    @Test func firstTimeInYearsIsNotWhenItStarted() {
        let result = Self.play([
            "opening": "Left calf's been twitching since I went back to the gym, first time in about 3 years",
            "onset": "tuesday night",
        ])
        #expect(!Self.redFlags(result).contains("persistent"))
    }

    @Test(arguments: [
        ["opening": "my right hand keeps twitching after i game for a long time. like my fingers jump a little"],
        ["opening": "my hand twitches", "locations": "the back of my left hand, and that hand has gone a bit thin"],
        ["opening": "it keeps twitching", "locations": "only my left calf. my right leg is fine"],
        ["opening": "it keeps twitching", "locations": "my back, between the shoulder blades"],
        ["opening": "my calf twitches", "exercise": "Yes, first spin class in a decade, my thighs are screaming"],
        ["opening": "my calf twitches", "other_symptoms": "Pins and needles in both feet and my hands feel weak"],
    ])
    func onePlaceSaidInMoreWordsIsOnePlace(answers: [String: String]) {
        let result = Self.play(answers)
        #expect(!Self.redFlags(result).contains("multiple_areas"), "\(answers)")
    }

    @Test(arguments: [
        ("a few seconds, but sometimes it doesn't stop", Episode.continuous), ("short", .seconds(1)),
        ("it's not constant, just a few seconds", .seconds(3)),
    ])
    func episodeLengths(text: String, episode: Episode) {
        let result = Self.play(["opening": "my calf twitches", "episode_length": text])
        #expect(result.case["episode_length"]?.value == .episode(episode), "\(text)")
    }

    @Test func aSignThatHasNotComeForAWhileIsNotNow() {
        let result = Self.play(["other_symptoms": "no. I get headaches sometimes but I haven't had one in weeks"])
        #expect(!Self.symptoms(result.case).contains(.headache))
        #expect(result.advice?.triage == .selfCare)
        // Something else not had is not a lapse of the sign.
        let other = Self.play(["opening": "my calf twitches", "sleep": "7, headaches but I havent had any painkillers"])
        #expect(Self.symptoms(other.case).contains(.headache))
    }
}

/// The seventh round: the classes blind set i missed on its first score (2026-11-28, at be6a6de). Each test failed
/// on be6a6de in at least one of its cases.
extension SafetyReadingTests {
    @Test(arguments: [
        (
            "opening", "My right thumb is twitching and I have not the strength to lift the teapot like before.",
            "weakness"
        ),
        (
            "opening", "I have twitching in arm and leg. Also when I drink tea it comes back out from the nose",
            "speech_or_swallowing"
        ),
        ("exercise", "I used to knit but I gave up, the needles keep falling out of my hands", "weakness"),
        ("other_symptoms", "the hand hangs like a dead fish when I try to lift the kettle", "weakness"),
        ("other_symptoms", "ache in the head, every day", "headache"),
        ("diet", "balanced yes, but since the new blood thinner last week the twitch started", "new_medication"),
        (
            "moving_and_resting", "only resting. but my thigh feels like cardboard when I touch it, strange",
            "sensation_change"
        ),
        ("exercise", "no, I can't even walk to the shop without my legs giving out", "weakness"),
        ("other_symptoms", "just that weird not-mine feeling", "sensation_change"),
    ])
    func signsInComparisonsAndLostAbilitiesAreHeard(question: String, text: String, sign: String) {
        Self.expectHeard(sign, in: text, at: question)
    }

    @Test func aChecklistAnsweredItemByItemIsReadItemByItem() {
        let result = Self.play(
            ["other_symptoms": "weakness no, wasting no, numbness no, tingling yes a little in the lips"],
            truth: ["tingling"])
        #expect(Self.symptoms(result.case) == [.tingling])
        #expect(result.advice?.triage == .seeDoctor)
    }

    @Test(arguments: [
        ("every few seconds, literally nonstop", Frequency.constant),
        ("every time, every day, is not stopping", .constant),
        ("a few times a day, not continuous", .daily), ("a few times a day, always at night", .daily),
    ])
    func aRateThatNeverStopsIsConstant(text: String, frequency: Frequency) {
        let result = Self.play(["opening": "my calf twitches", "frequency": text])
        #expect(result.case["frequency"]?.value == .frequency(frequency), "\(text)")
    }

    @Test func anAnswerAfterTheirOwnQuestionIsTaken() {
        let result = Self.play(["opening": "My eye is twitching", "onset": "why you ask? is long time, maybe 2 months"])
        #expect(result.case["onset"]?.value == .daysAgo(60))
        #expect(result.advice?.triage == .seeDoctor)
    }

    @Test(arguments: [
        ["opening": "eyelid twitch. newborn. help", "diet": "whatever I can eat with one hand"],
        [
            "opening":
                "My right calf has been twitching at night for the last four nights. I had pneumonia with a high fever back in 2019 but that's long over."
        ],
        ["opening": "lip twitch (mine, not kid's). kid has had a fever all week so I've been up every night"],
        ["opening": "Did a long ride Sunday, legs were toast. Now my left quad twitches when I'm on the sofa."],
        [
            "opening": "my eye left is twitching since 5 days",
            "stress": "a little, my husband is in the hospital with a broken hip",
        ],
    ])
    func otherPeopleToolsAndThePastStaySelfCare(answers: [String: String]) {
        #expect(Self.play(answers).advice?.triage == .selfCare, "\(answers)")
    }
}
