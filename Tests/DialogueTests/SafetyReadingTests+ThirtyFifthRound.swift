import Assessment
import Screening
import Testing

@testable import Dialogue

/// The two false reassurances of blind set bb, first score, unchanged, on f336d41 (2026-11-29): sign recall 246 of
/// 253, 2 of 39 conversations that needed a doctor told self-care, 2 of 25 benign ones sent to a doctor. Each test
/// failed on f336d41.
extension SafetyReadingTests {
    @Test func notRightNowIsNoCorrection() {
        let result = Self.play(
            [
                "opening": "my tongue twitches a bit since monday",
                "urgent":
                    "no not right now. but on wednesday at dinner i had trouble getting food down twice, it felt stuck",
            ], truth: ["speech_or_swallowing"])
        #expect(result.case["onset"]?.value == .daysAgo(4))
        #expect(result.advice?.triage == .seeDoctor)
        #expect(BlindSet.signs(in: result.case).contains("speech_or_swallowing"))
    }

    @Test func translatingForAGrandfatherReadsHisSigns() {
        let result = Self.play([
            "opening":
                "My grandfather is 88. His left thigh twitches for about ten days. I am his grandson, translating for him.",
            "other_symptoms":
                "He say the thigh became thin compared to other side, and he cannot stand up from chair without hands now.",
        ])
        #expect(result.advice?.triage == .seeDoctor)
        #expect(Self.symptoms(result.case).contains(.muscleLoss))
    }
}

/// From the review of this session's reader changes (2026-11-29): each test failed on 0a2a609.
extension SafetyReadingTests {
    @Test(arguments: [
        ("urgent", "swallowing is not ok"), ("urgent", "breathing fine, swallowing not alright"),
        ("urgent", "I can't swallow properly at the moment, had tonsillitis last month, all gone now"),
    ])
    func troubleSaidNotOkIsStillTrouble(question: String, answer: String) {
        #expect(Self.play([question: answer]).advice?.triage == .emergency, "\(answer)")
    }

    @Test(arguments: [
        ["opening": "my right thigh twitches", "same_place": "yes, but once it was in my left arm"],
        ["opening": "my right thigh twitches", "locations": "right thigh, left calf"],
    ])
    func anotherPlaceNamedWithTheNotedOneCounts(answers: [String: String]) {
        let result = Self.play(answers, truth: ["multiple_areas"])
        #expect(BlindSet.signs(in: result.case).contains("multiple_areas"), "\(answers)")
    }
}

extension SafetyReadingTests {
    /// The words removed as "whom it is for" are phrases that say a message is written for someone else.
    @Test func whoForPhrasesSayWritingForAnother() {
        for phrase in Understanding.Reader.whoForPhrases {
            let tokens = phrase.split(separator: " ").map(String.init)
            #expect(Understanding.Reader.writesForAnother.occurs(in: tokens), "\(phrase)")
        }
    }
}
