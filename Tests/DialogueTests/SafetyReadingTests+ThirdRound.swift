import Assessment
import Testing

@testable import Dialogue

/// The third round of safety reading: the classes blind set e missed on its first score (2026-11-27, at 1de472d).
/// Each test failed on 1de472d.
extension SafetyReadingTests {
    // Emergencies said in new words.

    @Test func aHedgedNoWithTightnessAtTheEmergencyQuestionAsksAgain() {
        let result = Self.play(
            ["urgent": "I don't think so, just feel a bit tight"], truth: ["speech_or_swallowing", "emergency"])
        #expect(result.asked.filter { $0 == "urgent" }.count >= 2 || result.asked.contains("confirm_breathing"))
        #expect(result.advice?.triage != .selfCare)
        // Said plainly, the same answer is a no.
        #expect(Self.play(["urgent": "I don't think so"]).advice?.triage == .selfCare)
    }

    @Test func harderToBreatheNowIsAnEmergencyAtAnyQuestion() {
        let result = Self.play(
            ["other_symptoms": "actually it's getting harder to breathe as I'm typing this, I can't get a full breath"],
            truth: ["emergency", "speech_or_swallowing"])
        #expect(result.asked.contains("confirm_" + Interview.emergencyCheck))
        #expect(result.advice?.triage == .emergency)
    }

    @Test(arguments: [
        ("other_symptoms", "Not at this moment, though food has been catching in my throat for a couple of weeks"),
        ("diet", "soft stuff mostly, bread keeps catching in my throat"),
    ])
    func foodCatchingInTheThroatIsTroubleSwallowing(question: String, text: String) {
        let result = Self.play([question: text], truth: ["speech_or_swallowing"])
        #expect(Self.symptoms(result.case).contains(.speechOrSwallowing), "\(text)")
        #expect(result.advice?.triage != .selfCare, "\(text)")
    }

    // A degree is not a denial; "normal" is.

    @Test func aDegreeAfterASymptomIsNotNone() {
        let result = Self.play(["other_symptoms": "head is paining in evening, not too much"])
        #expect(Self.symptoms(result.case).contains(.headache))
        #expect(result.advice?.triage == .seeDoctor)
    }

    @Test func aFunctionSaidToBeNormalIsNotASign() {
        let result = Self.play(["other_symptoms": "None. Sensation normal, power normal (yes I checked myself lol)"])
        #expect(Self.symptoms(result.case).isEmpty)
        #expect(result.advice?.triage == .selfCare)
    }

    // Everyday words.

    @Test(arguments: [
        ("I'm struggling to do up my buttons with my right hand", "weakness"),
        ("I'm not moving much anyway because my legs don't hold me up well", "weakness"),
        ("my thigh muscle has gone all floppy and thin", "muscle_loss"),
    ])
    func everydayWordsAreAskedAbout(text: String, sign: String) {
        let result = Self.play(["sleep": "7, \(text)"], truth: [sign])
        #expect(result.advice?.triage == .seeDoctor, "\(text)")
    }

    @Test func aDiagnosisToldAsTheNewsIsANewCondition() {
        let result = Self.play(["opening": "I was told last month I have MS and now my thigh twitches"])
        #expect(result.case["new_condition"]?.value == .yesNo(true))
    }

    // Dates by holidays, and hedged times.

    @Test(arguments: [
        ("since halloween", 27.0), ("Bonfire night, I remember because I was watching the fireworks", 22),
        ("since Easter", 236), ("Thanksgiving, so yesterday", 1), ("around christmas", 337),
        ("honestly I can't remember, ages ago", 60),
    ])
    func onsetByAHolidayOrHedged(text: String, days: Double) {
        let result = Self.play(["opening": "my calf twitches", "onset": text])
        #expect(result.case["onset"]?.value == .daysAgo(days), "\(text)")
    }

    @Test func holidaysFallOnTheirDays() {
        #expect(Dates.Holiday.easter.date(in: 2024) == CalendarDate(year: 2024, month: 3, day: 31))
        #expect(Dates.Holiday.easter.date(in: 2025) == CalendarDate(year: 2025, month: 4, day: 20))
        #expect(Dates.Holiday.easter.date(in: 2026) == CalendarDate(year: 2026, month: 4, day: 5))
        #expect(Dates.Holiday.weekday(4, of: 11, nth: 4).date(in: 2025) == CalendarDate(year: 2025, month: 11, day: 27))
        #expect(Dates.Holiday.weekday(4, of: 11, nth: 4).date(in: 2026) == CalendarDate(year: 2026, month: 11, day: 26))
    }

    @Test func firstTimeInAgesIsNotWhenItStarted() {
        let result = Self.play([
            "opening": "right forearm twitching since I went bouldering on the weekend, first time in ages"
        ])
        #expect(result.advice?.triage == .selfCare)
        if case .daysAgo(let days)? = result.case["onset"]?.value { #expect(days < 14) }
    }

    // Places.

    @Test func aPartOnALargerPartIsOnePlace() {
        let result = Self.play(["opening": "calf on me left leg is twitching since the weekend"])
        #expect(result.case["locations"]?.value == .sites([Site(.calf, side: .left)]))
        #expect(result.advice?.triage == .selfCare)
    }

    @Test func aSideSaidToBeFineIsNotAPlace() {
        let result = Self.play([
            "opening": "it keeps twitching", "locations": "Just my right calf. The left one's fine",
        ])
        #expect(result.case["locations"]?.value == .sites([Site(.calf, side: .right)]))
    }

    @Test func thinnerThanTheOtherOneIsNotASecondPlace() {
        let result = Self.play([
            "opening":
                "I've noticed a little flicker in my upper arm, and the arm looks a bit thinner than the other one"
        ])
        #expect(!Self.redFlags(result).contains("multiple_areas"))
    }

    // Moving and resting.

    @Test func atNightAndWhenWalkingIsBoth() {
        let result = Self.play([
            "opening":
                "For about three weeks I've had twitching in my left calf, mostly at night but also when I'm out walking"
        ])
        #expect(result.case["moving_and_resting"]?.value == .yesNo(true))
    }

    @Test func afterRunningIsNotWhileMoving() {
        let result = Self.play(["opening": "my left calf twitches after running, especially at night"])
        #expect(result.case["moving_and_resting"]?.value != .yesNo(true))
    }

    @Test func noMatterWhatIAmDoingIsBoth() {
        let result = Self.play(["moving_and_resting": "it happens no matter what I'm doing"])
        #expect(result.case["moving_and_resting"]?.value == .yesNo(true))
    }
}

/// The fourth round: the classes blind set f missed on its first score (2026-11-27, at 690162f). Each test failed
/// on 690162f.
extension SafetyReadingTests {
    @Test(arguments: [
        (
            "exercise", "no, but funny thing, my right hand keeps letting go of the spanner, cant grip it like normal",
            "weakness"
        ),
        ("sleep", "6, and my head's been pounding every single day this week", "headache"),
        (
            "other_symptoms", "the skin on that thigh feels like it's sunburnt but there's no sunburn",
            "sensation_change"
        ),
    ])
    func signsSaidInPassingAreHeard(question: String, text: String, sign: String) {
        let result = Self.play(["opening": "my thigh twitches", question: text], truth: [sign])
        #expect(result.advice?.triage == .seeDoctor, "\(text)")
    }

    @Test func likeNormalIsNotADenial() {
        let result = Self.play(["other_symptoms": "I can't grip like normal"], truth: ["weakness"])
        #expect(Self.symptoms(result.case).contains(.weakness))
    }

    @Test(arguments: [
        ["opening": "Eyelid's been twitching a few days. Up half the night wi a sick cow."],
        ["opening": "ran the marathon sunday and now my right hamstring keeps twitching. legs generally wrecked"],
        ["caffeine": "3 flat whites, weak ones"],
    ])
    func benignWordsStaySelfCare(answers: [String: String]) {
        let result = Self.play(answers)
        #expect(result.advice?.triage == .selfCare, "\(answers)")
    }
}

/// The fifth round: the classes blind set g missed on its first score (2026-11-27, at 17c209f). Each test failed on
/// 17c209f.
extension SafetyReadingTests {
    @Test(arguments: [
        (
            "exercise",
            "no, I've gone off walking because my right foot flops and scuffs the pavement, I tripped twice",
            "weakness"
        ),
        ("caffeine", "2 cups, but I've been bringing up my dinner most nights this week", "vomiting"),
        ("urgent", "I'm breathing ok, I've just been chundering all morning", "vomiting"),
        (
            "moving_and_resting", "just resting. I keep having coughing fits when I eat, food going the wrong way",
            "speech_or_swallowing"
        ),
        ("sleep", "eight, but I wake up with my hand all dead", "numbness"),
    ])
    func moreSignsSaidInPassingAreHeard(question: String, text: String, sign: String) {
        let result = Self.play(["opening": "my calf twitches", question: text], truth: [sign])
        #expect(result.advice?.triage == .seeDoctor, "\(text)")
    }

    @Test(arguments: [
        ("oh lord, since before Labor Day", 81.0), ("since the clocks went back", 33), ("since Memorial Day", 186),
    ])
    func moreHolidays(text: String, days: Double) {
        let result = Self.play(["opening": "my calf twitches", "onset": text])
        #expect(result.case["onset"]?.value == .daysAgo(days), "\(text)")
    }

    @Test func ayeIsYesAndEverywhereWithoutTwitchingIsNoPlace() {
        let result = Self.play([
            "opening": "Wee twitch in my eyelid since the weekend", "same_place": "aye",
            "stress": "roadworks everywhere so aye",
        ])
        #expect(result.case["same_place"]?.value == .yesNo(true))
        #expect(result.case["stress"]?.value == .yesNo(true))
        #expect(result.advice?.triage == .selfCare)
    }

    @Test func neverSwitchesOffIsContinuous() {
        let result = Self.play(["opening": "my calf twitches", "episode_length": "it basically never switches off"])
        #expect(result.case["episode_length"]?.value == .episode(.continuous))
    }
}
