import Testing

@testable import Assessment

/// The rules core, case by case.
@Suite struct RulesTests {
    let knowledge = try! Knowledge.embedded()

    static func answers(_ values: [String: Value?]) -> Case {
        var result = Case()
        for (question, value) in values {
            result[question] = Answer(said: "said for \(question)", value: value)
        }
        return result
    }

    /// A calm case: nothing points to a doctor.
    static let calm: [String: Value?] = [
        "opening": .text("my eyelid twitches"), "urgent": .yesNo(false), "onset": .daysAgo(3),
        "episode_length": .episode(.seconds(2)), "locations": .sites([Site(.eyelid, side: .left)]),
        "same_place": .yesNo(true), "frequency": .frequency(.daily), "moving_and_resting": .yesNo(false),
        "other_symptoms": .symptoms([]), "new_medication": .yesNo(false), "new_condition": .yesNo(false),
        "stress": .yesNo(false), "caffeine": .drinksPerDay(1), "sleep": .hours(8), "hydration": .yesNo(true),
        "diet": .yesNo(true), "exercise": .yesNo(false),
    ]

    static func calm(with changes: [String: Value?]) -> Case {
        answers(calm.merging(changes) { $1 })
    }

    @Test func calmCaseIsSelfCareWithNoFlagsOrCauses() {
        let advice = knowledge.advice(for: Self.answers(Self.calm))
        #expect(advice.triage == .selfCare)
        #expect(advice.redFlags.isEmpty)
        #expect(advice.causes.isEmpty)
        #expect(advice.doctorMayDo.isEmpty)
        #expect(advice.watchFor != nil)
        #expect(advice.homeCare.map(\.id) == ["exercise_daily", "compress", "massage"])
        #expect(!advice.disclaimer.isEmpty)
    }

    /// (answers changed from the calm case, the red flags expected, the question named as the reason).
    static let redFlagCases: [([String: Value?], [String], String)] = [
        (["onset": .daysAgo(21)], ["persistent"], "onset"),
        (["onset": .daysAgo(14)], [], "onset"),
        (["episode_length": .episode(.continuous)], ["persistent"], "episode_length"),
        (["frequency": .frequency(.constant)], ["persistent"], "frequency"),
        (["moving_and_resting": .yesNo(true)], ["moving_and_resting"], "moving_and_resting"),
        (["locations": .sites([Site(.arm), Site(.leg)])], ["multiple_areas"], "locations"),
        (["locations": .sites([Site(.calf, side: .both)])], ["multiple_areas"], "locations"),
        (["locations": .sites([Site(.allOver)])], ["multiple_areas"], "locations"),
        (["locations": .sites([Site(.eyelid, side: .left), Site(.eyelid)])], [], "locations"),
        (["other_symptoms": .symptoms([.weakness])], ["weakness_or_muscle_loss"], "other_symptoms"),
        (["other_symptoms": .symptoms([.muscleLoss])], ["weakness_or_muscle_loss"], "other_symptoms"),
        (["other_symptoms": .symptoms([.tingling])], ["sensation_change"], "other_symptoms"),
        (["other_symptoms": .symptoms([.numbness])], ["sensation_change"], "other_symptoms"),
        (["new_medication": .yesNo(true)], ["new_medication"], "new_medication"),
        (["new_condition": .yesNo(true)], ["new_condition"], "new_condition"),
        (["other_symptoms": .symptoms([.vomiting])], ["fever_headache_nausea"], "other_symptoms"),
        (["other_symptoms": .symptoms([.fever, .headache])], ["fever_headache_nausea"], "other_symptoms"),
        (["other_symptoms": .symptoms([.soreness])], [], "other_symptoms"),
        (["onset": nil], [], "onset"),
    ]

    @Test(arguments: redFlagCases)
    func redFlag(change: ([String: Value?], [String], String)) {
        let advice = knowledge.advice(for: Self.calm(with: change.0))
        #expect(advice.redFlags.map(\.id) == change.1)
        #expect(advice.triage == (change.1.isEmpty ? .selfCare : .seeDoctor))
        for flag in advice.redFlags {
            #expect(flag.because.map(\.question) == [change.2])
            #expect(flag.because.first?.said == "said for \(change.2)")
            #expect(flag.sources.first?.contains("When to see the doctor") == true)
        }
        if !change.1.isEmpty { #expect(!advice.doctorMayDo.isEmpty) }
    }

    /// (answers changed from the calm case, the causes expected).
    static let causeCases: [([String: Value?], Set<String>)] = [
        (["stress": .yesNo(true)], ["stress"]),
        (["caffeine": .drinksPerDay(5)], ["caffeine"]),
        (["caffeine": .drinksPerDay(3)], []),
        (["sleep": .hours(5.5)], ["sleep"]),
        (["sleep": .hours(7)], []),
        (["hydration": .yesNo(false)], ["dehydration"]),
        (["diet": .yesNo(false)], ["nutrition"]),
        (["exercise": .yesNo(true)], ["exercise"]),
        (["new_medication": .yesNo(true)], ["medication"]),
        (["other_symptoms": .symptoms([.weakness])], ["nervous_system"]),
        (["new_condition": .yesNo(true)], []),
        (["other_symptoms": .symptoms([.numbness])], ["nerve_damage"]),
        (
            ["other_symptoms": .symptoms([.tingling]), "locations": .sites([Site(.forearm, side: .right)])],
            ["pinched_nerve", "nerve_damage"]
        ),
        (
            ["other_symptoms": .symptoms([.tingling]), "locations": .sites([Site(.eyelid, side: .right)])],
            ["nerve_damage"]
        ),
        (["stress": nil, "sleep": nil, "caffeine": nil], []),
    ]

    @Test(arguments: causeCases)
    func cause(change: ([String: Value?], Set<String>)) {
        let advice = knowledge.advice(for: Self.calm(with: change.0))
        #expect(Set(advice.causes.map(\.id)) == change.1)
        for cause in advice.causes {
            #expect(!cause.because.isEmpty)
            #expect(cause.name != nil)
            #expect(cause.because.allSatisfy { change.0.keys.contains($0.question) })
        }
    }

    @Test func emergencyStopsEverythingElse() {
        let advice = knowledge.advice(for: Self.answers(["opening": .text("help"), "urgent": .yesNo(true)]))
        #expect(advice.triage == .emergency)
        #expect(advice.redFlags.map(\.id) == ["breathing_or_swallowing"])
        #expect(advice.redFlags.first?.because.map(\.question) == ["urgent"])
        #expect(advice.emergency.count == 2)
        #expect(advice.causes.isEmpty)
        #expect(advice.redFlags.first?.sources.count == 2)
    }

    @Test func unknownUrgentIsNotAnEmergency() {
        let advice = knowledge.advice(for: Self.answers(["urgent": nil]))
        #expect(advice.triage == .selfCare)
    }

    @Test func domsAdviceNeedsExerciseAndSoreness() {
        let both = knowledge.advice(
            for: Self.calm(with: ["exercise": .yesNo(true), "other_symptoms": .symptoms([.soreness])]))
        #expect(both.homeCare.contains { $0.id == "doms" })
        #expect(both.homeCare.first { $0.id == "doms" }?.because.map(\.question) == ["exercise", "other_symptoms"])
        let exerciseOnly = knowledge.advice(for: Self.calm(with: ["exercise": .yesNo(true)]))
        #expect(!exerciseOnly.homeCare.contains { $0.id == "doms" })
    }

    @Test func manyFlagsAreAllNamedWithTheirOwnReasons() {
        let advice = knowledge.advice(
            for: Self.calm(with: [
                "onset": .daysAgo(60), "other_symptoms": .symptoms([.weakness, .numbness, .nausea]),
                "moving_and_resting": .yesNo(true),
            ]))
        #expect(
            advice.redFlags.map(\.id) == [
                "persistent", "moving_and_resting", "weakness_or_muscle_loss", "sensation_change",
                "fever_headache_nausea",
            ])
        #expect(advice.triage == .seeDoctor)
    }

    @Test func tellDoctorListsAnswersInQuestionOrderAndSaysUnknown() {
        let answers = Self.answers(["onset": .daysAgo(2), "sleep": nil, "urgent": .yesNo(false)])
        #expect(
            knowledge.summary(of: answers) == [
                "Trouble breathing or swallowing now: said for urgent", "When it started: said for onset",
                "Hours of sleep a night: not known",
            ])
        #expect(
            knowledge.advice(for: answers).tellDoctor == [
                "Trouble breathing or swallowing now: said for urgent", "When it started: said for onset",
            ])
        let tired = Self.answers(["onset": .daysAgo(2), "sleep": .hours(4), "stress": .yesNo(false)])
        #expect(
            knowledge.advice(for: tired).tellDoctor == [
                "When it started: said for onset", "Hours of sleep a night: said for sleep",
            ])
    }

    @Test func unknownAnswersToRedFlagQuestionsAreNamed() {
        let advice = knowledge.advice(for: Self.calm(with: ["onset": nil, "stress": nil, "other_symptoms": nil]))
        #expect(advice.notKnown.map(\.question) == ["onset", "other_symptoms"])
        #expect(advice.triage == .selfCare)
        #expect(knowledge.advice(for: Self.answers(Self.calm)).notKnown.isEmpty)
    }

    @Test func placesCountSidesAndParts() {
        #expect(Site.places(in: [Site(.calf, side: .both)]) == 2)
        #expect(Site.places(in: [Site(.calf, side: .left), Site(.calf, side: .right)]) == 2)
        #expect(Site.places(in: [Site(.calf, side: .left), Site(.calf, side: .left)]) == 1)
        #expect(Site.places(in: [Site(.eyelid), Site(.thumb)]) == 2)
        #expect(Site.places(in: []) == 0)
        #expect(Site.places(in: [Site(.allOver)]) > 2)
    }

    @Test func displayEscapesControlCharactersAndCutsLongText() {
        #expect(Display.safe("a\u{1B}[31mb\u{0}c") == "a\\u{1B}[31mb\\u{0}c")
        #expect(Display.safe(String(repeating: "x", count: 500)).count == Display.shownLength + 1)
        #expect(Display.safe("left eyelid") == "left eyelid")
        #expect(Display.safe("a\u{202E}b\u{2066}c") == "a\\u{202E}b\\u{2066}c", "bidirectional overrides")
        #expect(Display.safe(String(repeating: "x", count: 500), limit: nil).count == 500)
    }
}

/// `Condition.holds(in:)`, the interview's quick check, agrees with `evaluate(_:)` on every condition of the
/// knowledge file, over cases that change one or two answers of the calm case at a time.
@Suite struct ConditionHoldsTests {
    let knowledge = try! Knowledge.embedded()

    static let changes: [[String: Value?]] = [
        [:], ["urgent": .yesNo(true)], ["onset": .daysAgo(30)], ["episode_length": .episode(.continuous)],
        ["locations": .sites([Site(.calf, side: .left), Site(.calf, side: .right)])], ["same_place": .yesNo(false)],
        ["frequency": .frequency(.constant)], ["moving_and_resting": .yesNo(true)],
        ["other_symptoms": .symptoms([.weakness, .numbness])], ["other_symptoms": .symptoms([.soreness])],
        ["new_medication": .yesNo(true)], ["new_condition": .yesNo(true)], ["stress": .yesNo(true)],
        ["caffeine": .drinksPerDay(6)], ["sleep": .hours(4)], ["hydration": .yesNo(false)], ["diet": .yesNo(false)],
        ["exercise": .yesNo(true)], ["urgent": nil, "onset": nil], ["caffeine": nil, "sleep": .hours(9)],
        ["stress": .yesNo(true), "sleep": .hours(5)],
    ]

    @Test func holdsAgreesWithEvaluate() {
        var conditions = knowledge.questions.compactMap(\.skipWhen)
        for rule in [knowledge.emergency] + knowledge.redFlags + knowledge.causes + knowledge.homeCare
            + knowledge.doctor
        {
            if let when = rule.when { conditions.append(when) }
        }
        #expect(conditions.count > 10)
        var matched = 0
        for change in Self.changes {
            let `case` = RulesTests.calm(with: change)
            for condition in conditions {
                let expected = condition.evaluate(`case`).matches
                #expect(condition.holds(in: `case`) == expected, "\(condition) on \(change)")
                if expected { matched += 1 }
            }
        }
        // Both outcomes are exercised.
        #expect(matched > 0)
        #expect(matched < Self.changes.count * conditions.count)
    }
}
