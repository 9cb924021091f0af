import Assessment
import Screening
import Testing

@testable import Dialogue

/// The round on blind set s: the classes it missed or misread on its first score (2026-11-29, at 9547ed2: sign recall
/// 264 of 273, 3 of 44 conversations that needed a doctor told self-care, 3 of 24 benign ones sent to a doctor). Each
/// test failed on the code of that first score; the guards beside them hold what must not change.
extension SafetyReadingTests {
    @Test func aPlaceWithNoSidesIsAskedAboutAndWhatIsToldThereIsHeard() {
        let result = Self.play(
            [
                "opening": "weird twitch in my upper back, under the shoulder blade",
                "locations":
                    "left shoulder blade, and the skin over that area feels strange, like it's cold all the time",
            ], truth: ["sensation_change"])
        #expect(result.asked.contains("locations"))
        #expect(Self.symptoms(result.case).contains(.sensationChange))
        #expect(result.case["frequency"]?.value != .frequency(.constant))
        #expect(result.advice?.triage == .seeDoctor)
    }

    @Test(arguments: [
        ("my neck twitches since yesterday", "no", BodyPart.neck),
        ("my neck twitches since yesterday", "nope, just there", BodyPart.neck),
        ("hi, my shoulder twitches since 3 days", "no", BodyPart.shoulder),
        ("hi, my shoulder twitches since 3 days", "not sure", BodyPart.shoulder),
    ])
    func nowhereElseKeepsThePlaceAndIsAskedOnce(opening: String, answer: String, part: BodyPart) {
        let result = Self.play(["opening": opening, "locations": answer])
        #expect(result.asked.filter { $0 == "locations" }.count == 1, "\(opening) / \(answer)")
        guard case .sites(let sites)? = result.case["locations"]?.value else {
            Issue.record("no place for \(opening) / \(answer)")
            return
        }
        #expect(sites.map(\.part) == [part], "\(opening) / \(answer)")
        #expect(result.advice?.triage == .selfCare, "\(opening) / \(answer)")
    }

    @Test func whatWasDoneOnceIsNotRecentExercise() {
        let result = Self.play(
            [
                "opening":
                    "Hi there. Just a small twitch in my right thigh since the weekend. I'm 58, fit, used to hike a lot.",
                "exercise": "No, I had to cut my hike short on Sunday because my right leg kept buckling going uphill",
            ], truth: ["weakness"])
        #expect(result.asked.contains("exercise"))
        #expect(result.advice?.triage == .seeDoctor)
    }

    @Test(arguments: [
        [
            "opening":
                "For about two months I have small twitches in my right upper arm and I think the arm is not so strong like before."
        ],
        [
            "opening":
                "little twitch at the corner of my mouth, maybe 2 days, and when I drink, water dribbles out that side now"
        ],
    ])
    func weaknessInEverydayWordsIsHeard(answers: [String: String]) {
        let result = Self.play(answers, truth: ["weakness"])
        #expect(Self.symptoms(result.case).contains(.weakness), "\(answers)")
        #expect(result.advice?.triage == .seeDoctor, "\(answers)")
    }

    @Test func goingOnThreeWeeksIsTheOnset() {
        let result = Self.play(["opening": "my right calf twitches, it's been going on 3 weeks"])
        #expect(result.case["onset"]?.value == .daysAgo(21))
        #expect(result.advice?.triage == .seeDoctor)
    }

    @Test func aTwitchThatHasNotStoppedInAMonthIsContinuous() {
        let result = Self.play([
            "new_condition": "nope, healthy as a horse, except this twitch hasn't stopped in a month"
        ])
        #expect(result.advice?.triage == .seeDoctor)
    }

    @Test func sickToMyStomachIsNauseaNotVomiting() {
        let result = Self.play(
            ["diet": "a bit, normal stuff. I have been sick to my stomach this week though"], truth: ["nausea"])
        #expect(Self.symptoms(result.case).contains(.nausea))
        #expect(!Self.symptoms(result.case).contains(.vomiting))
    }

    @Test func tryingToSleepAndOnMyFeetIsBoth() {
        let result = Self.play([
            "sleep": "maybe 5 hours. My leg twitches when I'm trying to sleep and also when I'm on my feet all day"
        ])
        #expect(result.case["moving_and_resting"]?.value == .yesNo(true))
        #expect(result.case["frequency"]?.value != .frequency(.constant))
    }

    @Test(arguments: [
        "I'm a chef, I'm on my feet 14 hours and my calf jumps when I lie down after",
        "I'm a nurse working nights and for the last 3 days my foot has been twitching when I try to sleep in the day",
    ])
    func aJobOnYourFeetIsNotTwitchingWhenMoving(opening: String) {
        let result = Self.play(["opening": opening])
        #expect(result.case["moving_and_resting"]?.value != .yesNo(true), "\(opening)")
    }

    @Test(arguments: [
        "my left eyelid twitch is back, had the same thing last year and it went away on its own",
        "years ago I had twitching for a while and it went away. this new one in my left eyelid started Tuesday",
    ])
    func aPastBoutThatWentAwayIsNotTheOnset(opening: String) {
        let result = Self.play(["opening": opening])
        #expect(result.advice?.triage == .selfCare, "\(opening)")
        // Twitching that has not gone away for two months still is the onset.
        let long = Self.play(["frequency": "on and off but it hasn't gone away for a good 2 months"])
        #expect(long.advice?.triage == .seeDoctor)
    }

    @Test(arguments: [
        "left forearm. my right forearm used to twitch when I was a kid but that's irrelevant",
        "bicep, right side, and that bicep is noticeably smaller than the left now",
    ])
    func aPlaceLongAgoOrComparedWithIsNotAnotherPlace(answer: String) {
        let result = Self.play(["opening": "hi, something has been twitching for 3 days", "locations": answer])
        guard case .sites(let sites)? = result.case["locations"]?.value else {
            Issue.record("no places for \(answer)")
            return
        }
        #expect(Site.places(in: sites) == 1, "\(answer)")
    }

    @Test func whenAWifeGetsHersIsNotWhenYouDo() {
        let result = Self.play([
            "moving_and_resting": "resting. my wife gets hers when she's moving around but that's her"
        ])
        #expect(result.case["moving_and_resting"]?.value == .yesNo(false))
    }

    @Test func aFeverBeforeTheTwitchingIsNotOneSinceButAMedicineBeforeItIs() {
        let fever = Self.play(["other_symptoms": "had a fever a month ago before this began, gone now"])
        #expect(!Self.symptoms(fever.case).contains(.fever))
        let medicine = Self.play(
            [
                "stress": "yes, i actually started propranolol for anxiety the week before this started"
            ], truth: ["new_medication"])
        #expect(medicine.advice?.triage == .seeDoctor)
    }

    @Test func nothingDiagnosedIsNo() {
        let result = Self.play(["new_condition": "I have a check-up next week, nothing diagnosed"])
        #expect(result.case["new_condition"]?.value == .yesNo(false))
    }

    @Test func aMedicineForMigrainesIsNotAHeadache() {
        let result = Self.play([
            "new_medication": "No. But I did start a new med for migraines, and the twitching came after"
        ])
        #expect(!Self.symptoms(result.case).contains(.headache))
        #expect(result.case["new_medication"]?.value == .yesNo(true))
    }

    @Test func anxiousAllTheTimeIsNotConstantTwitching() {
        let result = Self.play(["stress": "Honestly I'm anxious all the time about this twitch"])
        #expect(result.case["frequency"]?.value != .frequency(.constant))
        #expect(result.advice?.triage == .selfCare)
    }

    @Test func aSignThatNeverCameBackIsNotNoted() {
        let result = Self.play(["other_symptoms": "No, the tingling never came back. Nothing else."])
        #expect(!Self.symptoms(result.case).contains(.tingling))
        // A hand that went numb and has not come back is numb.
        let numb = Self.play(["stress": "not really, but my right hand went numb last week and hasn't come back"])
        #expect(Self.symptoms(numb.case).contains(.numbness))
    }
}
