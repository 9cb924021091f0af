import Assessment
import Testing

@testable import Dialogue

/// Safety reading (issue 8): each class of failure found by the blind evaluation, as a whole conversation.
/// Every test here failed on the reader before the Screening module.
@Suite struct SafetyReadingTests {
    static let knowledge = try! Knowledge.embedded()
    static let reader = Understanding.Reader(knowledge: knowledge)
    static let today = CalendarDate(year: 2026, month: 11, day: 27)!

    /// Calm answers, by question id.
    static let calm: [String: String] = BlindSet.neutral.merging(["opening": "my left eyelid keeps twitching"]) {
        _, new in new
    }

    /// Plays a conversation: `answers` override the calm ones; confirmations are answered from `truth`.
    static func play(
        _ answers: [String: String], truth: Set<String> = []
    ) -> (case: Assessment.Case, advice: Advice?, asked: [String]) {
        var asked: [String] = []
        let played = BlindSet.play(knowledge: knowledge, reader: reader, today: today) { prompt, _ in
            asked.append(prompt.id)
            if let confirmed = BlindSet.confirmation(prompt, truth: truth, knowledge: knowledge) { return confirmed }
            // "Which calf is it?" after a story named one: a side alone, adding no place of its own.
            if prompt.id == "locations", answers["locations"] == nil,
                prompt.text != knowledge.question("locations")?.text
            {
                return BlindSet.asksElsewhere(prompt, knowledge: knowledge) ? "no" : "left"
            }
            return answers[prompt.id] ?? calm[prompt.id] ?? "not sure"
        }
        return (case: played.case, advice: played.advice, asked: asked)
    }

    /// The signs a case ends with when `answer` is said at `question` by a person who has `sign` (confirming
    /// questions answered from it), after `opening` when one is given.
    static func signs(after answer: String, at question: String, has sign: String, opening: String? = nil) -> Set<
        String
    > {
        var answers = [question: answer]
        if let opening, question != "opening" { answers["opening"] = opening }
        return BlindSet.signs(in: play(answers, truth: [sign]).case)
    }

    static func symptoms(_ case: Assessment.Case) -> Set<Symptom> {
        if case .symptoms(let symptoms)? = `case`["other_symptoms"]?.value { return symptoms }
        return []
    }

    @Test func calmConversationStaysSelfCare() {
        let result = Self.play([:])
        #expect(result.advice?.triage == .selfCare)
    }

    // 1. A sign told in the answer to another question.

    @Test func aSignInAnotherAnswerIsTaken() {
        let result = Self.play(["stress": "no, not really, but my right hand has gone numb since last week"])
        #expect(Self.symptoms(result.case).contains(.numbness))
        #expect(result.advice?.triage == .seeDoctor)
    }

    @Test func breathingMentionedLaterAsksAboutRightNow() {
        let result = Self.play(
            ["sleep": "7 hours, but I keep waking up short of breath"], truth: ["speech_or_swallowing"])
        #expect(result.asked.contains("confirm_emergency"))
        #expect(Self.symptoms(result.case).contains(.speechOrSwallowing))
        #expect(result.advice?.triage == .seeDoctor)
    }

    @Test func breathingMentionedLaterIsAnEmergencyWhenItIsNow() {
        let result = Self.play(["diet": "yes but honestly I'm struggling to breathe"], truth: ["emergency"])
        #expect(result.advice?.triage == .emergency)
    }

    // 2. The emergency screen.

    @Test(arguments: [
        "no trouble breathing, but I can't swallow properly", "my throat feels tight", "I'm choking on my own spit",
    ])
    func plainStatementsAtTheEmergencyScreenAreYes(answer: String) {
        #expect(Self.play(["urgent": answer]).advice?.triage == .emergency)
    }

    @Test func notNowAtTheEmergencyScreenIsADoctorSign() {
        let result = Self.play(["urgent": "no, but sometimes food goes down the wrong way"])
        #expect(result.case["urgent"]?.value == .yesNo(false))
        #expect(result.advice?.triage == .seeDoctor)
    }

    @Test func emergencyAnswersAreReadBack() {
        var interview = Interview(knowledge: Self.knowledge, reader: Self.reader)
        _ = interview.start()
        _ = interview.received(text: "my eyelid twitches")
        let turn = Turn(interview.received(text: "no"))
        #expect(turn.say.contains("No trouble breathing or swallowing right now."))
    }

    // 3. The first "no" or "not sure" does not decide the whole answer.

    @Test func aPossibleSignIsConfirmed() {
        let result = Self.play(["other_symptoms": "not sure, my hand might be weaker"], truth: ["weakness"])
        #expect(result.asked.contains("confirm_weakness"))
        #expect(Self.symptoms(result.case).contains(.weakness))
    }

    @Test func aPossibleSignRuledOutStaysSelfCare() {
        let result = Self.play(["other_symptoms": "not sure, my hand might be weaker"], truth: [])
        #expect(result.asked.contains("confirm_weakness"))
        #expect(!Self.symptoms(result.case).contains(.weakness))
    }

    @Test func nothingNewExceptAMedicineIsYes() {
        let result = Self.play([
            "new_medication": "nothing new except the doctor put me on salbutamol two weeks ago"
        ])
        #expect(result.case["new_medication"]?.value == .yesNo(true))
    }

    @Test func fineNoMedsIsNo() {
        #expect(Self.play(["new_medication": "I'm fine, no meds"]).case["new_medication"]?.value == .yesNo(false))
    }

    @Test func notSureGetsAConcreteFollowUp() {
        var interview = Interview(knowledge: Self.knowledge, reader: Self.reader)
        _ = interview.start()
        for answer in [
            "my eyelid twitches", "no", "3 days ago", "a second", "left", "yes", "a few times a day",
            "only when resting",
        ] {
            _ = interview.received(text: answer)
        }
        #expect(interview.pendingQuestion?.id == "other_symptoms")
        let turn = Turn(interview.received(text: "not sure"))
        #expect(turn.ask?.id == "other_symptoms")
        #expect(turn.ask?.text.contains("gripping a jar") == true)
    }

    // 4. Everyday words.

    @Test(arguments: [
        ("my leg gives way", Symptom.weakness), ("legs like jelly", .weakness), ("I keep dropping my keys", .weakness),
        ("food keeps going down the wrong way", .speechOrSwallowing),
        ("my speech is a bit slurred", .speechOrSwallowing),
        ("my hand has gone dead", .numbness), ("pins and needles in my foot", .tingling),
    ])
    func everydayWordsAreSigns(text: String, symptom: Symptom) {
        let result = Self.play(["stress": "a bit, and \(text)"], truth: ["weakness", "speech_or_swallowing"])
        #expect(Self.symptoms(result.case).contains(symptom), "\(text)")
        #expect(result.advice?.triage != .selfCare, "\(text)")
    }

    @Test func aConditionNamedAtItsQuestionIsYes() {
        #expect(Self.play(["new_condition": "lupus, in October"]).case["new_condition"]?.value == .yesNo(true))
    }

    @Test func aMedicineNamedAloneIsANewMedicine() {
        #expect(
            Self.play(["new_medication": "lithium, about 3 weeks ago"]).case["new_medication"]?.value == .yesNo(true))
    }

    // 5. Typos only for words that are not English.

    @Test(arguments: ["my skin is dry", "oh heck", "my head is in a spin", "I switched jobs"])
    func realWordsAreNotCorrectedIntoPlaces(text: String) {
        let result = Self.play(["opening": "my left eyelid twitches", "stress": "yes, \(text)"])
        #expect(result.case["locations"]?.value == .sites([Site(.eyelid, side: .left)]), "\(text)")
        #expect(result.advice?.triage == .selfCare, "\(text)")
    }

    @Test func theBottomLidIsTheEyelid() {
        let result = Self.play(["opening": "my bottom lid twitches"])
        // Which eyelid is asked; the answer ("left") says which.
        #expect(result.case["locations"]?.value == .sites([Site(.eyelid, side: .left)]))
    }

    @Test func aPlaceFromTheStoryCanBeCorrected() {
        let result = Self.play(["opening": "my bottom twitches", "onset": "not my buttock, my lower eyelid"])
        #expect(result.case["locations"]?.value == .sites([Site(.eyelid, side: .left)]))
    }

    // 6. Question phrases do not fight.

    @Test func bothWhenMovingAndWhenRestingIsYes() {
        let result = Self.play(["moving_and_resting": "both when moving and when resting"])
        #expect(result.case["moving_and_resting"]?.value == .yesNo(true))
    }

    @Test func onlyWhenSittingStillIsNo() {
        let result = Self.play(["moving_and_resting": "only when I'm sitting still"])
        #expect(result.case["moving_and_resting"]?.value == .yesNo(false))
    }

    // 7. Durations.

    @Test(arguments: [
        "it got much worse this week but I first noticed it back in the summer", "since the summer", "since 2024",
        "for ages", "just over 2 weeks ago",
    ])
    func longOnsetsAreMoreThanTwoWeeks(answer: String) {
        let result = Self.play(["opening": "my eyelid twitches", "onset": answer])
        guard case .daysAgo(let days)? = result.case["onset"]?.value else {
            Issue.record("onset not read from \(answer)")
            return
        }
        #expect(days > 14, "\(answer)")
    }

    @Test func neverReallyStopsIsContinuous() {
        let result = Self.play(["episode_length": "it never really stops"])
        #expect(result.case["episode_length"]?.value == .episode(.continuous))
    }

    // 8. No loops.

    @Test func theSameUnclearAnswerEndsAsUnknownOnEveryQuestion() {
        for question in Self.knowledge.questions where question.id != "opening" {
            let result = Self.play([question.id: "purple monkey dishwasher"])
            #expect(result.advice != nil, "\(question.id) looped")
            #expect(result.asked.filter { $0 == question.id }.count <= Interview.maximumAttempts + 1, "\(question.id)")
        }
    }

    @Test func aSignRepeatedInAnUnclearAnswerDoesNotLoop() {
        let text = "I try but water keeps going down the wrong way and I end up coughing"
        let result = Self.play(["hydration": text], truth: ["speech_or_swallowing"])
        #expect(result.advice?.triage == .seeDoctor)
        #expect(result.asked.count < 40)
    }

    @Test func aCorrectionThatAlsoAnswersDoesBoth() {
        let result = Self.play([
            "opening": "my eyelid twitches since 3 days",
            "frequency": "sorry, it started 3 weeks ago, and it happens a few times a day",
        ])
        #expect(result.case["onset"]?.value == .daysAgo(21))
        #expect(result.case["frequency"]?.value == .frequency(.daily))
    }

    @Test func myWholeLeftSideIsSeveralPlaces() {
        let result = Self.play(["opening": "it keeps twitching", "locations": "my whole left side"])
        #expect(result.advice?.redFlags.contains { $0.id == "multiple_areas" } == true)
    }

    // The screening only raises urgency.

    @Test func appendingAnAffirmedSignNeverLowersTheTriage() {
        let base = Self.play([:]).advice?.triage ?? .selfCare
        for sign in Self.knowledge.signs {
            for phrase in sign.phrases where !phrase.suggestsOnly {
                let text = phrase.words.map { $0 == "*" ? "my" : $0 }.joined(separator: " ")
                let result = Self.play(["diet": "yes, and \(text)"])
                #expect((result.advice?.triage ?? .selfCare) >= base, "\(sign.id): \(text)")
                #expect(result.advice?.triage != .selfCare, "\(sign.id): \(text)")
            }
        }
    }
}
