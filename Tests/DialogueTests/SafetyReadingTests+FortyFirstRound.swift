import Assessment
import Screening
import Testing

@testable import Dialogue

/// Over-triage of blind sets br and bs (first scores on 8894773, 2026-11-29), fixed in the seventh session. Each test
/// failed on eac9672; each narrowing has a counter-test in the same words saying the sign is there, which passed on
/// eac9672 and still passes.
extension SafetyReadingTests {
    /// bs c07, br c09: a past illness said to be over is not a fever now.
    @Test(arguments: [
        "I had glandular fever in spring, completely over it now, and this week my left calf has started twitching",
        "twitching in my cheek. had a nasty cold last week with a temperature but thats totally cleared up now",
        "I had a fever in spring. my calf twitches",
        "my calf twitches, I had a fever last summer",
    ])
    func aFeverThatIsOverIsNotNow(opening: String) {
        let result = Self.play(["opening": opening, "onset": "3 days ago"])
        #expect(!BlindSet.signs(in: result.case).contains("fever"), "\(opening)")
    }

    /// The counter-tests: the same words with the fever now, or another sign now, keep it.
    @Test(arguments: [
        ("I had a fever in the summer and I have one again now, my calf twitches", "fever"),
        ("I have glandular fever right now and my calf twitches", "fever"),
        ("I had a fever, completely over it now, but my hand went numb this week and my calf twitches", "numbness"),
        ("in the summer I had a fever and now I have numbness in my hand, my calf twitches", "numbness"),
        ("my hand has been numb since last winter and my calf twitches", "numbness"),
        ("my calf twitches and I've had a fever since last week", "fever"),
    ])
    func aSignNowBesideAPastIllnessIsKept(opening: String, sign: String) {
        let result = Self.play(["opening": opening, "onset": "3 days ago"], truth: [sign])
        #expect(BlindSet.signs(in: result.case).contains(sign), "\(opening)")
    }

    /// bs c66: "told me years ago I had anemia": the time inside the phrase's gap makes the diagnosis an old one, so it
    /// is asked (and here answered no).
    @Test func aDiagnosisOfYearsAgoIsAsked() {
        let result = Self.play([
            "opening":
                "My left calf twitches. My doctor told me years ago I had anemia but it was treated and my last bloods were normal.",
            "onset": "3 days ago",
        ])
        #expect(!BlindSet.signs(in: result.case).contains("new_condition"))
        #expect(result.asked.contains("confirm_new_condition") || result.asked.contains("new_condition"))
    }

    @Test(arguments: [
        "my calf twitches, my doctor told me last week I have anemia",
        "my calf twitches, they told me I had anemia",
    ])
    func aDiagnosisToldLatelyIsTaken(opening: String) {
        let result = Self.play(["opening": opening, "onset": "3 days ago"], truth: ["new_condition"])
        #expect(BlindSet.signs(in: result.case).contains("new_condition"), "\(opening)")
    }

    /// bs c05: the time of an old operation is not when the twitching began.
    @Test func anOldOperationDoesNotDateTheTwitching() {
        let result = Self.play([
            "opening":
                "I am 72 years old and have noticed a small twitch in my left upper arm. I had a hip replacement six years ago but have been well since."
        ])
        #expect(!BlindSet.signs(in: result.case).contains("persistent"))
        #expect(result.asked.contains("onset"))
    }

    @Test func anOldOperationThenALongTwitchIsPersistent() {
        let result = Self.play([
            "opening": "I had a hip replacement six years ago, and the twitching in my arm started 5 weeks ago"
        ])
        #expect(BlindSet.signs(in: result.case).contains("persistent"))
    }

    /// bs c05: "No, I am breathing comfortably." answers the emergency question at once (it was asked three times and
    /// noted unknown).
    @Test(arguments: ["No, I am breathing comfortably.", "no, breathing easily, swallowing fine"])
    func breathingComfortablyIsANo(answer: String) {
        let result = Self.play(["opening": "my left calf twitches since 3 days", "urgent": answer])
        #expect(result.asked.filter { $0 == "urgent" }.count == 1, "\(answer)")
        #expect(result.case["urgent"]?.value == .yesNo(false), "\(answer)")
    }

    @Test(arguments: ["not breathing comfortably right now", "I can't breathe easily at the moment"])
    func notBreathingComfortablyIsTroubleBreathing(answer: String) {
        let result = Self.play(
            ["opening": "my left calf twitches since 3 days", "urgent": answer], truth: ["speech_or_swallowing"])
        #expect(result.advice?.triage == .emergency, "\(answer)")
    }

    /// bs c20: "I can smile on both sides" is what the face can do, not a second place.
    @Test func smilingOnBothSidesIsNoPlace() {
        let result = Self.play([
            "opening":
                "Last few days my left cheek has been twitching, just under the eye. My face looks normal in the mirror, I can smile on both sides, talk fine."
        ])
        #expect(!BlindSet.signs(in: result.case).contains("multiple_areas"))
    }

    @Test(arguments: [
        "my cheek twitches on both sides when I smile, since 3 days",
        "my left cheek twitches, and when I smile both sides twitch, since 3 days",
        "my cheeks twitch, both sides, I can smile fine, since 3 days",
    ])
    func twitchingOnBothSidesIsSeveralPlaces(opening: String) {
        let result = Self.play(["opening": opening], truth: ["multiple_areas"])
        #expect(BlindSet.signs(in: result.case).contains("multiple_areas"), "\(opening)")
    }
}

/// From the review of this round (2026-11-29): each lost its sign on 1898f7f and kept it on eac9672, or (the breathing
/// ones said back) lost it on both.
extension SafetyReadingTests {
    @Test(arguments: [
        "2 months ago when I got my hip replaced", "it started 5 weeks ago when I had my hernia repaired",
        "started 3 months ago during my mono", "I had mono 6 weeks ago and that's when it started",
        "6 weeks ago with mono", "2 months ago I got my hip replaced and it started then",
        "it began 3 weeks ago when I replaced my coffee with energy drinks",
        "my hip replacement was 2 months ago and it started then",
    ])
    func anOperationBesideTheTwitchingsTimeKeepsIt(answer: String) {
        let signs = Self.signs(
            after: answer, at: "onset", has: "persistent", opening: "my left calf keeps twitching")
        #expect(signs.contains("persistent"), "\(answer)")
    }

    @Test(arguments: [
        "both sides of my face when I smile", "on both sides of my chin when I whistle",
        "my left eye, and both sides when I smile", "I smile and either side of my face goes", "both sides if I smile",
        "my smile muscles on both sides",
    ])
    func bothSidesWhenSmilingIsSeveralPlaces(answer: String) {
        let signs = Self.signs(
            after: answer, at: "locations", has: "multiple_areas", opening: "my face keeps twitching since 3 days")
        #expect(signs.contains("multiple_areas"), "\(answer)")
    }

    @Test(arguments: [
        "breathing comfortably? no", "am I breathing easily? not at all", "breathing fine? no", "breathing ok? no",
        "swallowing ok? no", "breathing fine? no, it's not good", "breathing ok? no, it's a real struggle",
    ])
    func breathingFineSaidBackAndDeniedIsTrouble(answer: String) {
        let result = Self.play(
            ["opening": "my left calf twitches since 3 days", "urgent": answer], truth: ["speech_or_swallowing"])
        #expect(result.advice?.triage == .emergency, "\(answer)")
    }

    /// The counter-test: a no that goes on to say it is fine is no trouble.
    @Test(arguments: [
        "breathing fine? no problems", "swallowing ok? no, all good", "breathing ok? no trouble at all",
        "breathing fine? no, no problems",
    ])
    func breathingFineSaidBackWithNoProblemsIsNoTrouble(answer: String) {
        let result = Self.play(["opening": "my left calf twitches since 3 days", "urgent": answer])
        #expect(result.advice?.triage != .emergency, "\(answer)")
        #expect(result.case["urgent"]?.value == .yesNo(false), "\(answer)")
    }
}
