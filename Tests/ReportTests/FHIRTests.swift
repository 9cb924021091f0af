import Assessment
import Dialogue
import Foundation
import Report
import Testing

/// The FHIR export: the Questionnaire from the knowledge file, and typed answers in the QuestionnaireResponse.
/// (Its validity against the FHIR R4B models is checked by `Tests/Integration/test_report.py`.)
@Suite struct FHIRTests {
    static let benign = [
        "my left eyelid keeps twitching", "no", "3 days ago", "a few seconds", "no, just there", "yes",
        "a few times a day",
        "only when resting", "none", "no", "no", "no", "4 cups of coffee", "six hrs", "yes", "yes", "no",
    ]

    static func items(_ resource: JSONValue) -> [JSONValue] {
        guard case .array(let items)? = resource["item"] else { return [] }
        return items
    }

    static func item(_ resource: JSONValue, _ linkId: String) -> JSONValue? {
        items(resource).first { $0["linkId"] == .string(linkId) }
    }

    static func answers(_ item: JSONValue?) -> [JSONValue] {
        guard case .array(let answers)? = item?["answer"] else { return [] }
        return answers
    }

    @Test func theQuestionnaireHasOneItemPerQuestionWithItsTypeInOrder() {
        let questionnaire = FHIR.questionnaire(Replay.knowledge)
        #expect(questionnaire["resourceType"] == .string("Questionnaire"))
        #expect(questionnaire["url"] == .string(FHIR.questionnaireURL))
        let items = Self.items(questionnaire)
        #expect(items.map { $0["linkId"] } == Replay.knowledge.questions.map { .string($0.id) })
        let types = Dictionary(
            uniqueKeysWithValues: items.map { item -> (String, JSONValue?) in
                guard case .string(let id)? = item["linkId"] else { return ("", nil) }
                return (id, item["type"])
            })
        #expect(types["opening"] == .string("text"))
        #expect(types["urgent"] == .string("boolean"))
        #expect(types["onset"] == .string("quantity"))
        #expect(types["episode_length"] == .string("group"))
        #expect(types["locations"] == .string("choice"))
        #expect(types["frequency"] == .string("choice"))
        #expect(types["other_symptoms"] == .string("choice"))
        #expect(types["caffeine"] == .string("quantity"))
        #expect(types["sleep"] == .string("quantity"))
    }

    @Test func choicesBecomeAnswerOptionsWithCodes() {
        let questionnaire = FHIR.questionnaire(Replay.knowledge)
        let sites = Self.item(questionnaire, "locations")
        guard case .array(let options)? = sites?["answerOption"] else {
            Issue.record("locations has no answerOption")
            return
        }
        #expect(options.count == BodyPart.allCases.count)
        let calf = FHIRCodes.coding(.calf)
        #expect(calf.system == FHIRCodes.snomed && calf.code == "53840002")
        #expect(sites?["repeats"] == .bool(true))
        let frequency = Self.item(questionnaire, "frequency")
        guard case .array(let frequencies)? = frequency?["answerOption"] else {
            Issue.record("frequency has no answerOption")
            return
        }
        #expect(frequencies.count == Frequency.allCases.count)
    }

    @Test func aSkipThatFHIRCanCompareBecomesEnableWhen() throws {
        var knowledge = Replay.knowledge
        let index = try #require(knowledge.questions.firstIndex { $0.id == "exercise" })
        knowledge.questions[index].skipWhen = .test(question: "stress", .isYes(true))
        let sleep = try #require(knowledge.questions.firstIndex { $0.id == "sleep" })
        knowledge.questions[sleep].skipWhen = .any([
            .test(question: "caffeine", .atLeast(10)), .test(question: "frequency", .isFrequency(.constant)),
        ])
        let questionnaire = FHIR.questionnaire(knowledge)
        let exercise = Self.item(questionnaire, "exercise")
        #expect(
            exercise?["enableWhen"]
                == .array([
                    .object([
                        ("question", .string("stress")), ("operator", .string("!=")), ("answerBoolean", .bool(true)),
                    ])
                ]))
        #expect(exercise?["enableBehavior"] == nil)
        let sleepItem = Self.item(questionnaire, "sleep")
        #expect(sleepItem?["enableBehavior"] == .string("all"))
        guard case .array(let conditions)? = sleepItem?["enableWhen"] else {
            Issue.record("sleep has no enableWhen")
            return
        }
        #expect(conditions.first?["operator"] == .string("<"))
        #expect(conditions.first?["answerQuantity"]?["code"] == .string("{drink}/d"))
    }

    @Test func aSkipThatFHIRCannotCompareIsLeftOut() {
        // `same_place` is skipped for two or more places: a count FHIR's enableWhen cannot express.
        let questionnaire = FHIR.questionnaire(Replay.knowledge)
        #expect(Self.item(questionnaire, "same_place")?["enableWhen"] == nil)
    }

    @Test func theResponseRefersToThisQuestionnaireVersion() {
        let questionnaire = FHIR.questionnaire(Replay.knowledge)
        guard case .string(let url)? = questionnaire["url"], case .string(let version)? = questionnaire["version"]
        else {
            Issue.record("no url or version")
            return
        }
        let response = Replay.visit(Self.benign).questionnaireResponse
        #expect(response["questionnaire"] == .string(url + "|" + version))
        var changed = Replay.knowledge
        changed.questions[1].text += " Please say."
        #expect(FHIR.canonical(changed) != url + "|" + version)
    }

    @Test func answersAreTyped() {
        let response = Replay.visit(Self.benign).questionnaireResponse
        #expect(response["status"] == .string("completed"))
        #expect(response["authored"] == .string("2026-11-27"))
        #expect(
            Self.answers(Self.item(response, "opening")).first?["valueString"]
                == .string("my left eyelid keeps twitching"))
        #expect(Self.answers(Self.item(response, "urgent")).first?["valueBoolean"] == .bool(false))
        #expect(Self.answers(Self.item(response, "same_place")).first?["valueBoolean"] == .bool(true))
        let onset = Self.answers(Self.item(response, "onset")).first?["valueQuantity"]
        #expect(onset?["value"] == .number(3))
        #expect(onset?["code"] == .string("d"))
        #expect(onset?["system"] == .string("http://unitsofmeasure.org"))
        let caffeine = Self.answers(Self.item(response, "caffeine")).first?["valueQuantity"]
        #expect(caffeine?["value"] == .number(4))
        #expect(caffeine?["code"] == .string("{drink}/d"))
        #expect(Self.answers(Self.item(response, "sleep")).first?["valueQuantity"]?["code"] == .string("h"))
        let site = Self.answers(Self.item(response, "locations")).first
        #expect(site?["valueCoding"]?["code"] == .string("80243003"))
        guard case .array(let side)? = site?["item"] else {
            Issue.record("no side")
            return
        }
        #expect(Self.answers(side.first).first?["valueCoding"]?["code"] == .string("7771000"))
        #expect(Self.answers(Self.item(response, "other_symptoms")).first?["valueCoding"]?["code"] == .string("none"))
        #expect(Self.answers(Self.item(response, "frequency")).first?["valueCoding"]?["code"] == .string("daily"))
        guard case .array(let episode)? = Self.item(response, "episode_length")?["item"] else {
            Issue.record("no episode items")
            return
        }
        #expect(Self.answers(episode.first).first?["valueQuantity"]?["code"] == .string("s"))
        #expect(Self.answers(episode.last).first?["valueBoolean"] == .bool(false))
    }

    @Test func symptomsAreCodedOnePerAnswer() {
        let response = Replay.visit([
            "my calf twitches", "no", "3 days ago", "a few seconds", "yes", "a few times a day", "only when resting",
            "numbness and headaches",
        ]).questionnaireResponse
        let codes = Self.answers(Self.item(response, "other_symptoms")).map { $0["valueCoding"]?["code"] }
        #expect(codes == [.string("44077006"), .string("25064002")])
    }

    @Test func anUnknownAnswerHasNoValueAndSaysWhy() {
        let response = Replay.visit(["my left eyelid keeps twitching", "no", "not sure"]).questionnaireResponse
        let onset = Self.item(response, "onset")
        #expect(onset?["answer"] == nil)
        guard case .array(let extensions)? = onset?["extension"] else {
            Issue.record("no data-absent-reason")
            return
        }
        #expect(extensions.first?["valueCode"] == .string("asked-unknown"))
        #expect(response["status"] == .string("in-progress"))
    }

    @Test func onlyAnsweredQuestionsAppear() {
        let response = Replay.visit(["my left eyelid keeps twitching"]).questionnaireResponse
        #expect(Self.items(response).compactMap { $0["linkId"] } == [.string("opening"), .string("locations")])
    }

    @Test func anEmergencyIsCompletedWithTheScreenAnswered() throws {
        let response = Replay.visit(try Replay.typed(dialogue: "02-emergency-trouble-breathing")).questionnaireResponse
        #expect(response["status"] == .string("completed"))
        #expect(Self.answers(Self.item(response, "urgent")).first?["valueBoolean"] == .bool(true))
    }

    @Test func controlCharactersNeverReachTheJSON() {
        let response = Replay.visit(["my eye \u{1B}[2J twitches\u{0}"]).questionnaireResponse
        let text = response.text(pretty: true)
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(text.contains("twitches"))
    }

    @Test func numbersAndStringsAreWrittenAsJSON() {
        let value = JSONValue.object([
            ("a", .number(3)), ("b", .number(2.5)), ("c", .string("q\"\\\u{1}")), ("d", .array([])), ("e", .null),
        ])
        #expect(value.text(pretty: false) == #"{"a":3,"b":2.5,"c":"q\"\\\u0001","d":[],"e":null}"#)
    }
}
