import Assessment
import Screening
import Testing

@testable import Dialogue

/// The round on blind set x: the classes it missed or misread on its first score (2026-11-29, at 280e7a1: sign recall
/// 290 of 293, no conversation that needed a doctor told self-care, 2 of 25 benign ones sent to a doctor). Each test
/// failed on the code of that first score; the guards beside them hold what must not change.
extension SafetyReadingTests {
    @Test func bothSidesComparedAreNotTwoPlaces() {
        let result = Self.play([
            "opening": "I have a twitch in my left calf since last thursday",
            "other_symptoms": "no weakness, I did calf raises to check and both sides are the same. no numbness",
        ])
        #expect(result.advice?.triage == .selfCare)
        // Twitching on both sides still is.
        let both = Self.play(["opening": "I have a twitch in both sides of my neck"])
        #expect(both.advice?.triage != .selfCare)
    }

    @Test func theBottomOfAnEyeIsNotAButtock() {
        let result = Self.play(["opening": "my eye keeps twitching", "locations": "right eye bottom"])
        #expect(result.advice?.triage == .selfCare)
    }

    @Test func twitchesGoingOnForAMonthArePersistent() {
        let result = Self.play(
            ["episode_length": "Each one is short but they have been going on for a month now"], truth: ["persistent"])
        #expect(result.advice?.triage == .seeDoctor)
    }

    @Test func somethingTheDoctorSaidIsAsked() {
        let result = Self.play(
            [
                "new_condition":
                    "i think the doctor said something about my liver last week but i didnt really understand"
            ], truth: ["new_condition"])
        #expect(result.asked.contains("confirm_new_condition"))
        #expect(result.case["new_condition"]?.value == .yesNo(true))
    }

    @Test func aClauseOnTheTwitchingDecidesBoth() {
        let result = Self.play([
            "exercise": "not really, just walking the dog, and the twitch goes on while I walk and when I sit after"
        ])
        #expect(result.case["moving_and_resting"]?.value == .yesNo(true))
    }

    @Test(arguments: [
        "hi, so my calf has this little flicker under the skin, like a worm moving, mostly at night when im in bed",
        "my calf twitches, and the twitch moves between my legs and arms at night",
    ])
    func theTwitchMovingIsNotThePersonMoving(opening: String) {
        let result = Self.play(["opening": opening])
        #expect(result.case["moving_and_resting"]?.value != .yesNo(true), "\(opening)")
    }

    @Test func aFeverThatIsAllGoodNowIsNotTaken() {
        let result = Self.play([
            "opening": "I had a nasty flu with high fever 2 months ago, all good now, but this week my eyelid twitches"
        ])
        #expect(result.advice?.triage == .selfCare)
    }
}
