import Assessment
import Screening
import Testing

@testable import Dialogue

/// The round on blind sets ad and ae, both scored first, unchanged, on a017dfe (2026-11-29): ad, sign recall 252 of
/// 260, no conversation that needed a doctor told self-care, 3 of 26 benign ones sent to a doctor; ae, 254 of 256,
/// 1 of 39, none. Each test failed on that commit; the guards beside them hold what must not change.
extension SafetyReadingTests {
    @Test func coldFeelingWarmIsAChangeInFeeling() {
        let result = Self.play(
            ["hydration": "yes, lots. weirdly cold water feels warm on my right hand since this started"],
            truth: ["sensation_change"])
        #expect(Self.symptoms(result.case).contains(.sensationChange))
    }

    @Test(arguments: [
        ["moving_and_resting": "When I sit and watch TV. Walking, no."],
        ["opening": "My thumb's got a twitch since Friday. My son has epilepsy so I'm a bit twitchy about it"],
        ["opening": "bro my bicep is jumping like there's an alien in it lmao. started after chest and back day"],
    ])
    func oneContextOrOnePlaceStaysSelfCare(answers: [String: String]) {
        let result = Self.play(answers)
        #expect(result.advice?.triage == .selfCare, "\(answers)")
    }

    @Test(arguments: [
        ["moving_and_resting": "when moving too yes, even when I'm writing it jumps"],
        ["same_place": "yes, and the twitching doesn't stop when I'm walking around either, it's not only when I sit"],
    ])
    func movingTooIsBoth(answers: [String: String]) {
        let result = Self.play(answers, truth: ["moving_and_resting"])
        #expect(result.case["moving_and_resting"]?.value == .yesNo(true), "\(answers)")
    }

    @Test func aPlaceNearbyAddedWithTooIsAnotherPlace() {
        let result = Self.play(
            ["opening": "my eye twitches", "same_place": "it was always my eye but the last two days my lip too"],
            truth: ["multiple_areas"])
        #expect(result.advice?.triage == .seeDoctor)
        // "too" said of another sign adds no place.
        let numb = Self.play(
            ["opening": "my lower lip twitches", "same_place": "yeah same, lower lip. it goes numb sometimes too"],
            truth: ["numbness"])
        #expect(!BlindSet.signs(in: numb.case).contains("multiple_areas"))
    }

    @Test(arguments: [
        ("onset", "It started about a week ago, not long after I got told I have type 2 diabetes", "new_condition"),
        ("moving_and_resting", "both. and I think my arm muscle shrank a bit, maybe?", "muscle_loss"),
        ("new_medication", "i switched birth control brands a week before this started", "new_medication"),
        ("frequency", "on and off all day, since I started the new asthma spray", "new_medication"),
        ("opening", "feels like water trickling on my skin where it twitches, very odd", "sensation_change"),
    ])
    func yetMoreEverydayWordsForSigns(question: String, answer: String, sign: String) {
        #expect(Self.signs(after: answer, at: question, has: sign).contains(sign), "\(answer)")
    }
}
