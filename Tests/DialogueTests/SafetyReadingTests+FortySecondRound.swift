import Assessment
import Screening
import Testing

@testable import Dialogue

/// Misses of blind sets bv and bw (first scores on 5f4d346, 2026-11-30), fixed in the eighth session. Each test of a
/// sign failed on 5f4d346; each has counter-tests in the same words without the sign. ("no appetite lately due to
/// nausea" is left: "due to" as a terminator let "no other symptoms due to the twitching such as weakness" through.)
extension SafetyReadingTests {
    /// bw c50, c54 (told self-care on 5f4d346), and the utterances of bv and bw read as no sign.
    @Test(arguments: [
        (
            "exercise",
            "no, I tried to go up to the 3rd floor and my right leg just wouldn't push me up the stairs like normal",
            "weakness"
        ),
        (
            "same_place", "yes and the bicep looks deflated compared to my right, I used to have them even",
            "muscle_loss"
        ),
        ("other_symptoms", "nope. my thumb muscle looks like it's melting away though", "muscle_loss"),
        ("locations", "my left hand, that hand doesn't grip like before", "weakness"),
        ("other_symptoms", "no, my legs aren't strong enough for stairs right now", "weakness"),
        ("episode_length", "short. my forehead has been aching since it started", "headache"),
        ("moving_and_resting", "yes, moving and still", "moving_and_resting"),
    ])
    func missesOfSetsBVAndBW(question: String, answer: String, sign: String) {
        let result = Self.play(
            ["opening": "my left calf keeps twitching since 3 days", question: answer], truth: [sign])
        #expect(BlindSet.signs(in: result.case).contains(sign), "\(answer)")
        #expect(result.advice?.triage != .selfCare, "\(answer)")
    }

    /// The counter-tests: the same words denied, or said of something else, are no sign.
    @Test(arguments: [
        ("other_symptoms", "no forehead pain", "headache"),
        ("other_symptoms", "no, my legs are strong enough", "weakness"),
        ("exercise", "the stress is melting away with yoga", "muscle_loss"),
        ("other_symptoms", "I feel a bit deflated about it all", "muscle_loss"),
        ("diet", "no appetite due to stress", "nausea"),
        ("other_symptoms", "no weakness due to anything I can tell", "weakness"),
        // Found by the review of this round: "due to" ending a denial's scope, gaps that swallowed a "not", and
        // everyday "not strong enough" (now asked, and answered no here).
        ("other_symptoms", "no other symptoms due to the twitching such as weakness, numbness or tingling", "weakness"),
        ("other_symptoms", "it's not due to any weakness or numbness", "numbness"),
        ("other_symptoms", "my forehead doesn't hurt", "headache"),
        ("other_symptoms", "my forehead isn't hurting", "headache"),
        ("other_symptoms", "my muscle is not melting away", "muscle_loss"),
        ("caffeine", "my coffee wasn't strong enough so I had three", "weakness"),
        ("new_medication", "the painkillers weren't strong enough so I got stronger ones", "weakness"),
        ("other_symptoms", "the jar lid doesn't grip properly, nothing else", "weakness"),
        ("moving_and_resting", "only when resting", "moving_and_resting"),
    ])
    func theSameWordsWithoutTheSign(question: String, answer: String, sign: String) {
        let result = Self.play(["opening": "my left calf keeps twitching since 3 days", question: answer])
        #expect(!BlindSet.signs(in: result.case).contains(sign), "\(answer)")
    }
}
