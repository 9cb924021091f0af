import Assessment
import Screening
import Testing

@testable import Dialogue

/// The round on blind set u: the classes it missed or misread on its first score (2026-11-29, at 9a8441d: sign recall
/// 261 of 265, 1 of 42 conversations that needed a doctor told self-care, 2 of 24 benign ones sent to a doctor). Each
/// test failed on the code of that first score; the guards beside them hold what must not change.
extension SafetyReadingTests {
    @Test func aHikingTripIsNotTripping() {
        let result = Self.play([
            "opening":
                "the arch of my left foot twitches, like a little worm moving under the skin haha. started after a hiking trip"
        ])
        #expect(!Self.symptoms(result.case).contains(.weakness))
        #expect(result.advice?.triage == .selfCare)
    }

    @Test func numbnessThatAllWentAwayYearsAgoIsNotNoted() {
        let result = Self.play([
            "opening":
                "my left eyelid has been fluttering since Saturday. I had a stroke scare in 2009 with some numbness in my hand but that all went away years ago."
        ])
        #expect(!Self.symptoms(result.case).contains(.numbness))
        #expect(result.advice?.triage == .selfCare)
        // Nor numbness that "sorted itself out long ago", after a comma.
        let sorted = Self.play([
            "opening":
                "calf twitch on the left. had nerve trouble years ago after a back op, numbness in my leg, but that sorted itself out long ago"
        ])
        #expect(!Self.symptoms(sorted.case).contains(.numbness))
    }

    @Test func notManagingTheUsualWeightsAsksAboutWeakness() {
        let result = Self.play(
            [
                "exercise":
                    "No. I tried my usual weights at the gym on Monday but couldn't press the dumbbell with my left arm"
            ], truth: ["weakness"])
        #expect(result.asked.contains(Interview.confirmPrefix + "weakness"))
        #expect(result.advice?.triage == .seeDoctor)
    }

    @Test func holdingACupAndRestingIsBoth() {
        let result = Self.play([
            "caffeine": "2, but my arm twitches both when I'm holding the cup and when it's just resting"
        ])
        #expect(result.case["moving_and_resting"]?.value == .yesNo(true))
    }

    @Test func aDenialBeforeACommaDoesNotReachASignAfterOtherWords() {
        let result = Self.play(
            ["hydration": "probably not enough tbh, swallowing has been hard on and off so I avoid drinking"],
            truth: ["speech_or_swallowing"])
        #expect(Self.symptoms(result.case).contains(.speechOrSwallowing))
        #expect(result.advice?.triage == .seeDoctor)
        // A denied list still goes on after a sign.
        let list = Self.play(["other_symptoms": "no weakness, numbness or tingling"])
        #expect(list.advice?.triage == .selfCare)
    }

    @Test func anAppetiteSuppressantStartedIsANewMedicine() {
        let result = Self.play(
            [
                "diet":
                    "Yes mostly. Oh, I also started an appetite suppressant 10 days ago, the twitching started a few days after"
            ],
            truth: ["new_medication"])
        #expect(result.case["new_medication"]?.value == .yesNo(true))
    }

    // Guards from the review of the rounds on sets r to u: a cue never silently drops a sign said to be there.

    @Test(arguments: [
        ("other_symptoms", "My legs went weak and haven't fully recovered", "weakness"),
        ("other_symptoms", "my foot went numb and the feeling never came back", "numbness"),
        ("new_medication", "No, on BP pills for years, but the GP put me on amitriptyline last week", "new_medication"),
        ("other_symptoms", "I don't have weakness in my arms, numbness or tingling", "numbness"),
    ])
    func aSignSaidWithALapseOrALongStandingWordIsAskedNotDropped(question: String, text: String, sign: String) {
        let result = Self.play([question: text], truth: [sign])
        #expect(result.advice?.triage == .seeDoctor, "\(text)")
    }

    @Test func elsewhereTooIsNotNowhereElse() {
        let result = Self.play([
            "opening": "my neck twitches since yesterday", "locations": "Yes, in other places too, just less often",
        ])
        // Not taken as "only there": asked again (the neck the story named stays noted).
        #expect(result.asked.filter { $0 == "locations" }.count > 1)
    }

    @Test func usedToItIsNotLongAgo() {
        let result = Self.play(["opening": "I'm so used to my left eyelid twitching, it's been 3 days"])
        #expect(result.case["locations"]?.value == .sites([Site(.eyelid, side: .left)]))
    }

    @Test func aPlaceThatAlsoFeelsNumbIsStillAPlace() {
        let result = Self.play([
            "opening": "hi, something has been twitching for 3 days",
            "locations": "Right thigh. Also my left calf, which feels a bit numb",
        ])
        guard case .sites(let sites)? = result.case["locations"]?.value else {
            Issue.record("no places")
            return
        }
        #expect(Site.places(in: sites) == 2)
    }
}
