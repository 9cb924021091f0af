import Assessment
import Screening
import Testing

@testable import Dialogue

/// The round on blind set r: the classes it missed or misread on its first score (2026-11-29, at 8326aa6: sign recall
/// 261 of 269, no conversation that needed a doctor told self-care, 3 of 24 benign ones sent to a doctor). Each test
/// failed on the code of that first score; the guards beside them hold what must not change.
extension SafetyReadingTests {
    @Test(arguments: ["Right now? no.", "right now? no, not at all"])
    func rightNowSaidBackIsNotAYes(answer: String) {
        let result = Self.play(["urgent": answer])
        #expect(result.case["urgent"]?.value == .yesNo(false), "\(answer)")
        #expect(result.advice?.triage == .selfCare, "\(answer)")
        // "Right" alone still agrees.
        #expect(Self.play(["urgent": "right"]).advice?.triage == .emergency)
    }

    @Test func speechSaidInEverydayWordsNowIsAnEmergency() {
        let result = Self.play(["urgent": "i can not talk good right now, words come out wrong"])
        #expect(result.advice?.triage == .emergency)
    }

    @Test func aPhraseThatOnlySuggestsGivesWayToOneStatedOutright() {
        let mentions = Self.reader.read("my words come out wrong", pending: nil, today: Self.today).mentions
        #expect(mentions.contains { $0.sign == "speech" && $0.assertion == .present })
        // Said at the emergency question, it answers it: not asked again.
        let result = Self.play(["urgent": "my words come out wrong"])
        #expect(result.asked.filter { $0 == "urgent" }.count == 1)
        #expect(result.advice?.triage == .emergency)
    }

    @Test func talkingThatWasHardIsASignToSeeADoctor() {
        let result = Self.play(
            ["urgent": "last week I had a few days where talking was hard, but now its fine"],
            truth: ["speech_or_swallowing"])
        #expect(Self.symptoms(result.case).contains(.speechOrSwallowing))
        #expect(result.advice?.triage == .seeDoctor)
    }

    @Test(arguments: [
        ["onset": "sunday. been feeling pukey since then too"],
        ["frequency": "often, and I get sick in my stomach with it"],
        ["opening": "ive got a twitchy left eyelid and i feel like puking"],
    ])
    func nauseaInEverydayWordsIsHeard(answers: [String: String]) {
        let result = Self.play(answers, truth: ["nausea"])
        #expect(Self.symptoms(result.case).contains(.nausea), "\(answers)")
        #expect(!Self.symptoms(result.case).contains(.vomiting), "\(answers)")
        #expect(result.advice?.triage == .seeDoctor, "\(answers)")
    }

    @Test func aPartThatDoesNotFeelLikeYourOwnIsAChangeInFeeling() {
        let result = Self.play(
            ["other_symptoms": "my arm doesnt feel like my own arm, hard to explain"], truth: ["sensation_change"])
        #expect(Self.symptoms(result.case).contains(.sensationChange))
        #expect(result.advice?.triage == .seeDoctor)
    }

    @Test func twitchingThatHasNotStoppedIsConstant() {
        let result = Self.play(["frequency": "It twitches every few seconds and has not stopped since yesterday"])
        #expect(result.case["frequency"]?.value == .frequency(.constant))
        #expect(result.advice?.triage == .seeDoctor)
    }

    @Test func itThatWontStopIsTheTwitching() {
        let result = Self.play(["stress": "I am anxious because it wont stop, its been constant for a month"])
        #expect(result.advice?.triage == .seeDoctor)
        // Constant stress is not constant twitching.
        #expect(Self.play(["stress": "yes, constant stress at work"]).advice?.triage == .selfCare)
    }

    @Test func workoutsAndTheDeskAreBoth() {
        let result = Self.play(["moving_and_resting": "during workouts and also sitting at my desk"])
        #expect(result.case["moving_and_resting"]?.value == .yesNo(true))
    }

    @Test(arguments: [
        "It happens when Im resting. When Im walking, no.",
        "mostly resting. but tbh my legs are weaker when i walk now",
    ])
    func oneSituationAnsweredNoOrAnotherSignsIsNotBoth(answer: String) {
        let result = Self.play(["moving_and_resting": answer], truth: ["weakness"])
        #expect(result.case["moving_and_resting"]?.value != .yesNo(true), "\(answer)")
    }

    @Test(arguments: [
        "No, the thyroid was diagnosed in 2009.",
        "i have diabetes for 20 years, nothing new",
    ])
    func aConditionHadForYearsIsNotNew(answer: String) {
        let result = Self.play(["new_condition": answer])
        #expect(result.case["new_condition"]?.value != .yesNo(true), "\(answer)")
        #expect(result.advice?.triage == .selfCare, "\(answer)")
        // Diagnosed this year, it is new.
        let new = Self.play(["new_condition": "yes, diagnosed in October with lupus"])
        #expect(new.advice?.triage == .seeDoctor)
    }

    @Test func aNumbBrainIsNotNumbness() {
        let result = Self.play([
            "opening": "my left eyebrow twitches lol, started wednesday. my brain is numb from work but otherwise fine"
        ])
        #expect(!Self.symptoms(result.case).contains(.numbness))
        #expect(result.advice?.triage == .selfCare)
    }

    @Test(arguments: ["started the gym monday, and now my triceps twitch", "my biceps twitches since the gym"])
    func aMuscleWhoseNameEndsInSIsOnePlace(opening: String) {
        let result = Self.play(["opening": opening])
        #expect(result.asked.contains("locations"), "\(opening)")
        #expect(result.advice?.triage == .selfCare, "\(opening)")
    }

    @Test(arguments: [
        "my left forearm, and the fingers of that hand are numb",
        "right eyelid, and the right side of my forehead feels tingly",
    ])
    func whereAnotherSignIsIsNotWhereItTwitches(answer: String) {
        let result = Self.play(["opening": "hi, something has been twitching for 3 days", "locations": answer])
        guard case .sites(let sites)? = result.case["locations"]?.value else {
            Issue.record("no places for \(answer)")
            return
        }
        #expect(Site.places(in: sites) == 1, "\(answer)")
        #expect(result.advice?.triage == .seeDoctor, "\(answer)")
    }

    @Test func legsGoneNumbAreNumbNotWeak() {
        let result = Self.play(["sleep": "6 hours, but I wake up because my legs have gone numb"])
        #expect(Self.symptoms(result.case).contains(.numbness))
        #expect(!Self.symptoms(result.case).contains(.weakness))
    }

    @Test func whatAGirlfriendHadIsNotTheOnset() {
        let result = Self.play([
            "opening":
                "so my left calf is twitching and my gf had the same thing last year and her doctor said it was magnesium lol"
        ])
        #expect(result.asked.contains("onset"))
        #expect(result.advice?.triage == .selfCare)
    }
}
