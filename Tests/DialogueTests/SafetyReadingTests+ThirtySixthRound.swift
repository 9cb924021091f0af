import Assessment
import Screening
import Testing

@testable import Dialogue

/// Blind sets bd and be, first scores, unchanged, on ce0d6dc (2026-11-29): together sign recall 534 of 538, no
/// conversation that needed a doctor told self-care, 3 of 48 benign ones sent to a doctor. The three over-triaged and
/// the misses and false signs of the two sets; each test failed on ce0d6dc.
extension SafetyReadingTests {
    /// bd c68: "my wife keeps asking if I'm weaker but I'm not" denies the weakness.
    @Test func weakerButImNotIsNoWeakness() {
        let result = Self.play([
            "opening":
                "my wife keeps asking if I'm weaker but I'm not, I lift the same as always. small twitch in my tricep since monday"
        ])
        #expect(!Self.symptoms(result.case).contains(.weakness))
        #expect(result.advice?.triage == .selfCare)
    }

    /// "but I'm not sure", "but I'm not worried": the sign stays.
    @Test(arguments: ["I feel weaker but I'm not sure", "my hand is weak but I'm not worried"])
    func butImNotFollowedByMoreKeepsTheSign(opening: String) {
        let result = Self.play(["opening": opening + ". my hand twitches"], truth: ["weakness"])
        #expect(BlindSet.signs(in: result.case).contains("weakness"), "\(opening)")
    }

    /// be c02: "same on both sides" compares strength; it names no second place.
    @Test func sameOnBothSidesIsNoSecondPlace() {
        let result = Self.play([
            "opening": "my right calf has been twitching since the weekend",
            "other_symptoms": "no weakness, I even tested with calf raises, same on both sides. no numbness either",
        ])
        #expect(!BlindSet.signs(in: result.case).contains("multiple_areas"))
        #expect(result.advice?.triage == .selfCare)
    }

    /// be c06: a vitamin taken the whole pregnancy is not new; "way more reps than normal" asks nothing.
    @Test func aVitaminTakenTheWholePregnancyIsNotNew() {
        let result = Self.play([
            "opening": "new mum here, my eye has been twitching for like 5 days",
            "new_medication": "just the prenatal vitamin ive been taking the whole pregnancy",
        ])
        #expect(result.case["new_medication"]?.value != .yesNo(true))
        #expect(result.advice?.triage == .selfCare)
    }

    @Test func moreThanNormalIsNoQuestion() {
        let result = Self.play([
            "opening": "small twitch in my right tricep since monday",
            "exercise": "did a new arm workout saturday, way more reps than normal",
        ])
        #expect(result.asked.filter { $0 == "exercise" }.count == 1, "\(result.asked)")
    }

    /// "Only thing new is I'm dropping stuff": "new … dropping" is not new eye drops.
    @Test func droppingStuffIsWeaknessNotDrops() {
        let signs = Self.signs(
            after: "Nope. Only thing new is I'm dropping stuff all the time", at: "new_medication", has: "weakness")
        #expect(signs.contains("weakness"))
        #expect(!signs.contains("new_medication"))
    }

    @Test(arguments: [
        (
            "opening", "my doctor put my antidepressant dose up 10 days ago, since then my calf twitches",
            "new_medication"
        ),
        ("new_condition", "ne, nothing. only sick stomach and vomit", "nausea"),
    ])
    func everydayWordsOfBdAndBe(question: String, answer: String, sign: String) {
        #expect(Self.signs(after: answer, at: question, has: sign).contains(sign), "\(answer)")
    }

    /// "Breathing is okay", "Swallowing okay" answer the emergency screen no.
    @Test(arguments: [
        "Breathing is okay, although I've been nauseous all morning", "Breathing is okay. Swallowing okay.",
    ])
    func breathingIsOkayIsNoEmergency(answer: String) {
        #expect(Self.play(["urgent": answer]).advice?.triage != .emergency, "\(answer)")
    }

    @Test(arguments: [
        "breathing is okay but swallowing is hard", "swallowing is fine but I can't breathe properly",
        "swallowing okay, breathing not so much",
    ])
    func okayForOneAndTroubleWithTheOtherIsAnEmergency(answer: String) {
        #expect(Self.play(["urgent": answer]).advice?.triage == .emergency, "\(answer)")
    }

    /// Places of another sign said alongside the twitching are not where it twitches.
    @Test(arguments: [
        ("same_place", "it is always in the same place, the thumb. but my hand is weaker now, I drop cups"),
        ("sleep", "6, but my foot goes numb at night since the twitching started"),
    ])
    func placesOfOtherSignsAddNoPlace(question: String, answer: String) {
        let result = Self.play(["opening": "my right thumb twitches", "locations": "just the thumb", question: answer])
        #expect(!BlindSet.signs(in: result.case).contains("multiple_areas"), "\(answer)")
    }

    /// Gym plurals are both sides, as every plural part is ("my quads twitch after leg day"); "both my quads" too. (On
    /// the blind sets this over-triages; the review of the fifth session found that reading them as one place loses
    /// "quads and hamstrings" said to "which thigh?".)
    @Test func muscleGroupPluralsAreBothSides() {
        let both = Self.play(["opening": "both my quads twitch after leg day"], truth: ["multiple_areas"])
        #expect(BlindSet.signs(in: both.case).contains("multiple_areas"))
        let plural = Self.play(["opening": "my quads and hamstrings twitch after leg day"], truth: ["multiple_areas"])
        #expect(BlindSet.signs(in: plural.case).contains("multiple_areas"))
    }

    @Test func switchedToDecafIsNoMedicine() {
        let signs = Self.signs(
            after: "I switched to decaf. my mouth feels tingly though", at: "stress", has: "tingling")
        #expect(!signs.contains("new_medication"))
        #expect(signs.contains("tingling"))
    }

    @Test func beenCarryingBoxesIsNotWhenItTwitches() {
        let result = Self.play([
            "opening":
                "Moved house last week, been carrying boxes all day, and now my right bicep twitches every evening when I sit down"
        ])
        #expect(result.case["moving_and_resting"]?.value != .yesNo(true))
    }
}
