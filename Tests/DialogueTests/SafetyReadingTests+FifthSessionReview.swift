import Assessment
import Screening
import Testing

@testable import Dialogue

/// From the review of the fifth session's reader changes (2026-11-29): each answer lost its sign on b9a8a60 (the
/// person was told self-care) and kept it on ce0d6dc.
extension SafetyReadingTests {
    @Test(arguments: [
        ("other_symptoms", "i dont feel it much in my fingertips anymore", "numbness"),
        ("other_symptoms", "no. the numbness hasnt been gone since", "numbness"),
        ("other_symptoms", "the tingling in my hand hasnt been gone for a single day", "tingling"),
        ("other_symptoms", "my toes are numb and the feeling has been gone for days", "numbness"),
        ("other_symptoms", "my grip has been gone for a month", "weakness"),
        ("other_symptoms", "everyone says im imagining the weakness but im not", "weakness"),
        ("other_symptoms", "my left leg feels weak but im not, like, panicking", "weakness"),
        ("other_symptoms", "my foot is numb and my reflexes are intact", "numbness"),
        ("other_symptoms", "my feet are falling asleep all the time", "numbness"),
        ("other_symptoms", "my arm is always falling asleep", "numbness"),
        ("other_symptoms", "i was sick with it twice this morning", "vomiting"),
        ("moving_and_resting", "its been twitching as i walk and as i sit", "moving_and_resting"),
    ])
    func reviewedLossesOfTheFifthSession(question: String, answer: String, sign: String) {
        let result = Self.play(
            ["opening": "my left calf keeps twitching since 3 days", question: answer], truth: [sign])
        #expect(BlindSet.signs(in: result.case).contains(sign), "\(answer)")
        #expect(result.advice?.triage != .selfCare, "\(answer)")
    }

    @Test(arguments: ["on my toes and my calf", "quads and hamstrings"])
    func placesTheReviewFoundLost(locations: String) {
        let result = Self.play(
            ["opening": "twitching after leg day since 3 days", "locations": locations], truth: ["multiple_areas"])
        #expect(BlindSet.signs(in: result.case).contains("multiple_areas"), "\(locations)")
    }
}
