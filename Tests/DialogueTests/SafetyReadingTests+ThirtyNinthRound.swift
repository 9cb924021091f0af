import Assessment
import Screening
import Testing

@testable import Dialogue

/// Blind sets bl and bm, first scores, unchanged, on 1c64305 (2026-11-29): together sign recall 493 of 499, 1 of 89
/// conversations that needed a doctor told self-care (bl c61: the weakness is told only at the exercise question,
/// which the opening answered), 2 of 49 benign ones sent to a doctor. Each test failed on 1c64305.
extension SafetyReadingTests {
    /// bl c05: walking down the stairs "because of the soreness" is not when it twitches, and the workout's day is not
    /// when the twitching began.
    @Test func soreAfterALegWorkoutIsNotBoth() {
        let result = Self.play([
            "opening":
                "So I did my first proper leg workout in about a year on Sunday, squats, lunges, the works. Monday I could barely walk down the stairs because of the soreness, and since last night my right thigh has these little ripples under the skin when I sit down."
        ])
        #expect(result.case["moving_and_resting"]?.value != .yesNo(true))
        #expect(!BlindSet.signs(in: result.case).contains("moving_and_resting"))
    }

    /// bm c15: "I thought my hand was weaker at first but … it's totally normal" is asked, not taken.
    @Test func aWeaknessThoughtAndTestedIsAsked() {
        let result = Self.play([
            "opening":
                "I thought my hand was weaker at first but I tested it properly and it's totally normal, it's just a twitch in my palm since friday",
            "other_symptoms": "no, grip is normal, no numbness",
        ])
        #expect(!Self.symptoms(result.case).contains(.weakness))
        #expect(result.advice?.triage == .selfCare)
    }

    @Test func beenMonthsIsMoreThanTwoWeeks() {
        let signs = Self.signs(
            after: "my upper arm twitches, been months honestly, maybe 4", at: "opening", has: "persistent")
        #expect(signs.contains("persistent"))
    }

    @Test(arguments: [
        ("same_place", "always the same, the thumb. My mum's hand wasted away with her condition, mine looks normal"),
        ("opening", "lip twitching since this afternoon. no pain. I did start a new migraine pill yesterday morning"),
    ])
    func whatIsOthersOrAMedicinesPurposeIsNoSign(question: String, answer: String) {
        let signs = Self.signs(after: answer, at: question, has: "none")
        #expect(signs.isDisjoint(with: ["muscle_loss", "headache"]), "\(answer)")
    }
}

/// Blind sets bn and bo, first scores, unchanged, on d35c585 (2026-11-29): together sign recall 487 of 492, no
/// conversation that needed a doctor told self-care, 5 of 50 benign ones sent to a doctor. Three of the five are fixed
/// here; each test failed on d35c585.
extension SafetyReadingTests {
    @Test(arguments: [
        [
            "opening":
                "A couple of years ago I had tingling in my hands from carpal tunnel, that got fixed with surgery. Now I've got a twitch in my right forearm since Wednesday.",
            "other_symptoms": "no, the tingling has never come back, nothing else",
        ],
        [
            "opening":
                "I had the flu two weeks ago, fever and all, but I'm totally recovered now. Since 3 days my right eyelid is twitching.",
            "other_symptoms": "nothing now. the fever was gone a week before this started",
        ],
        [
            "opening":
                "i had a scary twitching thing 5 years ago that turned out to be nothing. now my eyelid twitches since yesterday, that's all"
        ],
    ])
    func whatIsOverIsNotNow(answers: [String: String]) {
        let result = Self.play(answers)
        #expect(result.advice?.triage == .selfCare, "\(answers)")
    }

    /// "went numb last week and hasn't come back": the feeling has not come back, the numbness stays.
    @Test func numbAndNotComeBackIsNumbness() {
        let signs = Self.signs(
            after: "not really, but my right hand went numb last week and hasn't come back", at: "stress",
            has: "numbness")
        #expect(signs.contains("numbness"))
    }
}
