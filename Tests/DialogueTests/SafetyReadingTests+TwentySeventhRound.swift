import Assessment
import Screening
import Testing

@testable import Dialogue

/// The round on blind sets al and am after their first scores (9ef67da, 2026-11-29): al, sign recall 254 of 259, 1 of
/// 42 conversations that needed a doctor told self-care, 1 of 24 benign ones sent to a doctor; am, 259 of 263, none
/// of 41, 4 of 26. Each test failed on 52edf67; the guards beside them hold what must not change.
extension SafetyReadingTests {
    @Test(arguments: [
        // A place named with the yes to "always in the same place?" is that place again.
        ["same_place": "yes, always left thigh"],
        ["same_place": "honestly yes, only my calf"],
        // "did arms": the workout, not a second place; "both calves were fine": past, and fine.
        ["opening": "bro my bicep is twitching like crazy, did arms yesterday"],
        ["opening": "both my calves were fine but now the left one is doing little jumpy twitches after a marathon"],
    ])
    func benignCasesOfSetsALAndAM(answers: [String: String]) {
        let result = Self.play(answers)
        #expect(result.advice?.triage == .selfCare, "\(answers)")
        #expect(!BlindSet.signs(in: result.case).contains("multiple_areas"), "\(answers)")
    }

    @Test(arguments: [
        ("same_place", "yes, and my arm too"),
        ("same_place", "yes, in my thumb and my foot"),
        ("same_place", "no, it moves between my calf and my arm"),
    ])
    func anotherPlaceAtSamePlaceStillCounts(question: String, answer: String) {
        #expect(Self.signs(after: answer, at: question, has: "multiple_areas").contains("multiple_areas"), "\(answer)")
    }

    @Test func notSureItIsTheGymLeavesExerciseToBeAsked() {
        let result = Self.play(["opening": "twitch in my right thigh and I'm not sure it's just the gym"])
        #expect(result.asked.contains("exercise"))
        let denied = Self.play(["opening": "twitch in my right thigh, I haven't been to the gym"])
        #expect(denied.case["exercise"]?.value == .yesNo(false))
    }
}
