import Assessment
import Screening
import Testing

@testable import Dialogue

/// Blind sets bp and bq, first scores, unchanged, on 903deb0 (2026-11-29): together sign recall 489 of 492, no
/// conversation that needed a doctor told self-care, 2 of 51 benign ones sent to a doctor. Each test failed on
/// 903deb0 (the counter-tests, which say the sign is there in the same words, passed on it and still pass).
extension SafetyReadingTests {
    /// bp 83, bq 78, and a corpus line: trouble getting pills or food down is trouble swallowing.
    @Test(arguments: [
        ("urgent", "not now, it comes and goes, sometimes it's hard to get my pills down"),
        ("urgent", "no, though yesterday at lunch I had real trouble getting my sandwich down, it kept sticking"),
        ("other_symptoms", "its been hard to get my tablets down this week"),
    ])
    func gettingPillsOrFoodDownIsSwallowing(question: String, answer: String) {
        let result = Self.play(
            ["opening": "my left calf keeps twitching since 3 days", question: answer],
            truth: ["speech_or_swallowing"])
        #expect(BlindSet.signs(in: result.case).contains("speech_or_swallowing"), "\(answer)")
        #expect(result.advice?.triage != .selfCare, "\(answer)")
    }

    @Test func gettingMyWeightDownIsNoSign() {
        let signs = Self.signs(
            after: "a bit, I'm trying to get my weight down and work is mad", at: "stress", has: "none",
            opening: "my left calf keeps twitching since 3 days")
        #expect(!signs.contains("speech_or_swallowing"))
    }

    /// bq c10: a place the story named "just above my left knee" is said more exactly by "left thigh, just above the
    /// knee"; it is one place.
    @Test func aPlaceSaidMoreExactlyIsOnePlace() {
        let result = Self.play([
            "opening":
                "for the last couple of days there's been a little flicker in the muscle just above my left knee",
            "locations": "Left thigh, just above the knee on the outside.",
        ])
        #expect(!BlindSet.signs(in: result.case).contains("multiple_areas"))
    }

    /// The same words with another place joined are two places.
    @Test func aPlaceJoinedToTheLandmarkIsAnother() {
        let result = Self.play(
            [
                "opening": "a little flicker in the muscle just above my left knee since 2 days",
                "locations": "Left thigh, just above the knee, and my right calf too",
            ], truth: ["multiple_areas"])
        #expect(BlindSet.signs(in: result.case).contains("multiple_areas"))
    }

    /// bq 156 and corpus lines: "same spot" said first answers "always in the same place?" (what is said of someone else
    /// aside); a "never" that says how
    /// long it lasts is not a no.
    @Test(arguments: [
        "same spot, and it never goes away, it's there all the time",
        "it never goes away, it's there all the time",
        "same place. my wife's twitches move around but mine don't",
    ])
    func samePlaceSaidFirstIsOnePlace(answer: String) {
        let signs = Self.signs(
            after: answer, at: "same_place", has: "none", opening: "my left calf keeps twitching since 3 days")
        #expect(!signs.contains("multiple_areas"), "\(answer)")
    }

    /// The counter-tests: a no to the same question in the same words is still several places.
    @Test(arguments: [
        "no it moves around", "same spot? no, it moves", "no it moves, and it never stops",
        "no. it never goes away though, and it jumps to my arm", "never, it jumps from my arm to my leg",
        "same spot, no wait, it moves around",
    ])
    func movingAroundIsStillSeveralPlaces(answer: String) {
        let signs = Self.signs(
            after: answer, at: "same_place", has: "multiple_areas", opening: "my left calf keeps twitching since 3 days"
        )
        #expect(signs.contains("multiple_areas"), "\(answer)")
    }

    /// bp 140: "the right is fine" is not another place; "the right is twitching too" is.
    @Test func theOtherSideSaidFineIsNoPlace() {
        let fine = Self.signs(
            after: "the calf. only the left. the right is fine", at: "locations", has: "none",
            opening: "my calf keeps twitching since 3 days")
        #expect(!fine.contains("multiple_areas"))
        let too = Self.signs(
            after: "left calf and the right is twitching too", at: "locations", has: "multiple_areas",
            opening: "my calf keeps twitching since 3 days")
        #expect(too.contains("multiple_areas"))
    }
}

/// From the review of this round (2026-11-29): each answer lost its sign on 3fe04cf and kept it on 903deb0, or (the
/// last two groups) lost it on both.
extension SafetyReadingTests {
    @Test(arguments: [
        ("my left knee twitches", "my right thigh, above the knee"),
        ("my left knee twitches", "right calf, below the knee"),
        ("my left knee twitches", "not only there, my thigh just above the knee twitches separately"),
        ("my left knee twitches", "left calf, under the right knee"),
        ("my left shoulder twitches", "right upper arm, near the shoulder"),
        ("my right calf twitches", "my left thigh, above the calf"),
        ("my right calf twitches", "no, elsewhere: my left foot, below the calf"),
    ])
    func aPlaceBesideAnotherSideIsAnotherPlace(opening: String, locations: String) {
        let result = Self.play(
            ["opening": opening + " since 4 days", "locations": locations], truth: ["multiple_areas"])
        #expect(BlindSet.signs(in: result.case).contains("multiple_areas"), "\(locations)")
    }

    @Test(arguments: [
        "same place no", "same spot no", "same spot not really", "same area no", "same side no", "one spot no",
        "same muscle no, different ones", "the same place no, it changes",
        "same place no it jumps between my calf and my thigh", "it never settles, it goes from one place to another",
        "same spot, no, it moves", "same place, but it jumps around",
    ])
    func samePlaceWordsThenNoIsSeveralPlaces(answer: String) {
        let signs = Self.signs(
            after: answer, at: "same_place", has: "multiple_areas", opening: "my left calf keeps twitching since 3 days"
        )
        #expect(signs.contains("multiple_areas"), "\(answer)")
    }

    @Test(arguments: ["left calf and the right is not fine", "left calf and the right isn't fine"])
    func theOtherSideNotFineIsAnotherPlace(locations: String) {
        let signs = Self.signs(
            after: locations, at: "locations", has: "multiple_areas", opening: "my calf keeps twitching since 3 days")
        #expect(signs.contains("multiple_areas"), "\(locations)")
    }

    @Test(arguments: ["I'm not able to get my food down properly", "not getting my food down very well lately"])
    func notGettingFoodDownIsSwallowing(answer: String) {
        let result = Self.play(
            ["opening": "my left calf keeps twitching since 3 days", "other_symptoms": answer],
            truth: ["speech_or_swallowing"])
        #expect(BlindSet.signs(in: result.case).contains("speech_or_swallowing"), "\(answer)")
    }
}
