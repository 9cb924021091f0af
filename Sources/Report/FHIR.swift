import Assessment
import Dialogue

/// The FHIR R4 export: the knowledge file's questions as a `Questionnaire`, and a conversation as a
/// `QuestionnaireResponse` that refers to it by canonical URL and version.
public enum FHIR {
    /// The canonical URL of the Questionnaire.
    public static let questionnaireURL = FHIRCodes.base + "/Questionnaire/muscle-twitching"
    static let unitExtension = "http://hl7.org/fhir/StructureDefinition/questionnaire-unit"
    static let absentExtension = "http://hl7.org/fhir/StructureDefinition/data-absent-reason"

    /// The knowledge file's questions as a FHIR R4 Questionnaire: one item per question (`linkId` = question id),
    /// answer options for choices, units for numbers, and `enableWhen` where a `skip_when` can be expressed.
    public static func questionnaire(_ knowledge: Knowledge) -> JSONValue {
        let items = knowledge.questions.map { item($0, knowledge) }
        return .object([
            ("resourceType", .string("Questionnaire")),
            ("id", .string("muscle-twitching")),
            ("url", .string(questionnaireURL)),
            ("version", .string(version(items))),
            ("name", .string("TwitchTalkMuscleTwitching")),
            ("title", .string("TwitchTalk: muscle twitching")),
            ("status", .string("active")),
            ("subjectType", .array([.string("Patient")])),
            (
                "description",
                .string(
                    "The questions TwitchTalk asks about muscle twitching, from its knowledge file. "
                        + "Answers are the person's own; TwitchTalk does not diagnose.")
            ),
            ("item", .array(items)),
        ])
    }

    /// `url|version`, as a QuestionnaireResponse refers to the Questionnaire.
    public static func canonical(_ knowledge: Knowledge) -> String {
        let items = knowledge.questions.map { item($0, knowledge) }
        return questionnaireURL + "|" + version(items)
    }

    /// A version that changes whenever the items change: a 64-bit FNV-1a digest of their JSON, in hex.
    static func version(_ items: [JSONValue]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in JSONValue.array(items).text(pretty: false).utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    // MARK: Questionnaire items

    static func item(_ question: Question, _ knowledge: Knowledge) -> JSONValue {
        var members: [(String, JSONValue)] = [("linkId", .string(question.id))]
        if let unit = FHIRCodes.unit(question.kind), question.kind != .episode {
            members.append(("extension", .array([unitExtension(unit)])))
        }
        members.append(("text", .string(question.text)))
        switch question.kind {
        case .text: members.append(("type", .string("text")))
        case .yesNo: members.append(("type", .string("boolean")))
        case .daysAgo, .drinksPerDay, .hours: members.append(("type", .string("quantity")))
        case .episode: members.append(("type", .string("group")))
        case .frequency, .sites, .symptoms: members.append(("type", .string("choice")))
        }
        if let skip = question.skipWhen, let (conditions, behavior) = enableWhen(negating: skip, knowledge) {
            members.append(("enableWhen", .array(conditions)))
            if let behavior { members.append(("enableBehavior", .string(behavior))) }
        }
        switch question.kind {
        case .text, .yesNo, .daysAgo, .drinksPerDay, .hours:
            break
        case .episode:
            members.append(
                (
                    "item",
                    .array([
                        .object([
                            ("linkId", .string(question.id + ".seconds")),
                            ("extension", .array([unitExtension(("s", "seconds"))])),
                            ("text", .string("Seconds each twitch lasts")),
                            ("type", .string("quantity")),
                        ]),
                        .object([
                            ("linkId", .string(question.id + ".continuous")),
                            ("text", .string("Continuous, without a break")),
                            ("type", .string("boolean")),
                        ]),
                    ])
                ))
        case .frequency:
            members.append(("answerOption", options(Frequency.allCases.map(FHIRCodes.coding))))
        case .sites:
            members.append(("repeats", .bool(true)))
            members.append(("answerOption", options(BodyPart.allCases.map(FHIRCodes.coding))))
            members.append(
                (
                    "item",
                    .array([
                        .object([
                            ("linkId", .string(question.id + ".side")),
                            ("text", .string("Side")),
                            ("type", .string("choice")),
                            ("answerOption", options(Side.allCases.map(FHIRCodes.coding))),
                        ])
                    ])
                ))
        case .symptoms:
            members.append(("repeats", .bool(true)))
            members.append(
                ("answerOption", options([FHIRCodes.noSymptoms] + Symptom.allCases.map(FHIRCodes.coding))))
        }
        return .object(members)
    }

    private static func options(_ codings: [FHIRCodes.Coding]) -> JSONValue {
        .array(codings.map { .object([("valueCoding", $0.json)]) })
    }

    private static func unitExtension(_ unit: (code: String, unit: String)) -> JSONValue {
        .object([
            ("url", .string(unitExtension)),
            ("valueCoding", FHIRCodes.Coding(system: FHIRCodes.ucum, code: unit.code, display: unit.unit).json),
        ])
    }

    /// `enableWhen` for "ask unless `skip`": the negation of the condition, when each part is one test that FHIR
    /// can compare. Counting places, regions and "includes any" on a repeating answer cannot be expressed; such a
    /// question is left always enabled (TwitchTalk itself still skips it).
    static func enableWhen(negating skip: Condition, _ knowledge: Knowledge) -> ([JSONValue], String?)? {
        switch skip {
        case .test(let id, let test):
            return negated(id, test, knowledge).map { ([$0], nil) }
        case .all(let parts), .any(let parts):
            var conditions: [JSONValue] = []
            for part in parts {
                guard case .test(let id, let test) = part, let condition = negated(id, test, knowledge) else {
                    return nil
                }
                conditions.append(condition)
            }
            guard !conditions.isEmpty else { return nil }
            let behavior: String
            switch skip {
            case .all: behavior = "any"
            case .any, .test: behavior = "all"
            }
            return (conditions, conditions.count > 1 ? behavior : nil)
        }
    }

    private static func negated(_ id: String, _ test: Condition.Test, _ knowledge: Knowledge) -> JSONValue? {
        guard let question = knowledge.question(id) else { return nil }
        func condition(_ linkId: String, _ op: String, _ answer: (String, JSONValue)) -> JSONValue {
            .object([("question", .string(linkId)), ("operator", .string(op)), answer])
        }
        func quantity(_ op: String, _ number: Double) -> JSONValue? {
            guard let unit = FHIRCodes.unit(question.kind), number.isFinite else { return nil }
            let linkId = question.kind == .episode ? id + ".seconds" : id
            return condition(linkId, op, ("answerQuantity", quantityJSON(number, unit)))
        }
        switch test {
        case .isYes(let yes):
            guard question.kind == .yesNo else { return nil }
            return condition(id, "!=", ("answerBoolean", .bool(yes)))
        case .isContinuous:
            guard question.kind == .episode else { return nil }
            return condition(id + ".continuous", "!=", ("answerBoolean", .bool(true)))
        case .isFrequency(let frequency):
            guard question.kind == .frequency else { return nil }
            return condition(id, "!=", ("answerCoding", FHIRCodes.coding(frequency).json))
        case .moreThan(let number): return quantity("<=", number)
        case .lessThan(let number): return quantity(">=", number)
        case .atLeast(let number): return quantity("<", number)
        case .includesAny, .includesNone, .names, .placesAtLeast, .inRegions: return nil
        }
    }

    static func quantityJSON(_ number: Double, _ unit: (code: String, unit: String)) -> JSONValue {
        .object([
            ("value", .number(number)), ("unit", .string(unit.unit)), ("system", .string(FHIRCodes.ucum)),
            ("code", .string(unit.code)),
        ])
    }
}

extension Visit {
    /// The conversation as a FHIR R4 QuestionnaireResponse: every answered question as an item with a typed answer
    /// (an answer not known has none, and says why with the data-absent-reason extension); `completed` once the
    /// advice was given, `in-progress` before.
    public var questionnaireResponse: JSONValue {
        var members: [(String, JSONValue)] = [
            ("resourceType", .string("QuestionnaireResponse")),
            ("questionnaire", .string(FHIR.canonical(knowledge))),
            ("status", .string(isFinished ? "completed" : "in-progress")),
        ]
        if let date { members.append(("authored", .string(date.description))) }
        let items = knowledge.questions.compactMap { question in
            `case`[question.id].map { responseItem(question, $0) }
        }
        if !items.isEmpty { members.append(("item", .array(items))) }
        return .object(members)
    }

    private func responseItem(_ question: Question, _ answer: Answer) -> JSONValue {
        let head: [(String, JSONValue)] = [("linkId", .string(question.id)), ("text", .string(question.text))]
        guard let value = answer.value, value.kind == question.kind, let body = Self.body(question, value) else {
            let absent = JSONValue.object([
                ("url", .string(FHIR.absentExtension)), ("valueCode", .string("asked-unknown")),
            ])
            return .object([("linkId", .string(question.id)), ("extension", .array([absent]))] + head.dropFirst())
        }
        return .object(head + [body])
    }

    /// The typed answers of one item (`answer`), or its nested items (`item`) for a group.
    private static func body(_ question: Question, _ value: Value) -> (String, JSONValue)? {
        func answers(_ values: [JSONValue]) -> (String, JSONValue) { ("answer", .array(values)) }
        func one(_ key: String, _ value: JSONValue) -> JSONValue { .object([(key, value)]) }
        func quantity(_ number: Double) -> (String, JSONValue)? {
            guard number.isFinite, let unit = FHIRCodes.unit(question.kind) else { return nil }
            return answers([one("valueQuantity", FHIR.quantityJSON(number, unit))])
        }
        switch value {
        case .text(let text):
            let words = Display.safe(text, limit: nil)
            return words.isEmpty ? nil : answers([one("valueString", .string(words))])
        case .yesNo(let yes): return answers([one("valueBoolean", .bool(yes))])
        case .daysAgo(let days): return quantity(days)
        case .drinksPerDay(let drinks): return quantity(drinks)
        case .hours(let hours): return quantity(hours)
        case .frequency(let frequency): return answers([one("valueCoding", FHIRCodes.coding(frequency).json)])
        case .episode(let episode):
            let continuous = JSONValue.object([
                ("linkId", .string(question.id + ".continuous")), ("text", .string("Continuous, without a break")),
                ("answer", .array([one("valueBoolean", .bool(episode == .continuous))])),
            ])
            switch episode {
            case .continuous:
                return ("item", .array([continuous]))
            case .seconds(let seconds):
                guard seconds.isFinite else { return nil }
                let timed = JSONValue.object([
                    ("linkId", .string(question.id + ".seconds")), ("text", .string("Seconds each twitch lasts")),
                    ("answer", .array([one("valueQuantity", FHIR.quantityJSON(seconds, ("s", "seconds")))])),
                ])
                return ("item", .array([timed, continuous]))
            }
        case .sites(let sites):
            guard !sites.isEmpty else { return nil }
            return answers(
                sites.map { site in
                    var answer: [(String, JSONValue)] = [("valueCoding", FHIRCodes.coding(site.part).json)]
                    if let side = site.side {
                        answer.append(
                            (
                                "item",
                                .array([
                                    .object([
                                        ("linkId", .string(question.id + ".side")), ("text", .string("Side")),
                                        ("answer", .array([one("valueCoding", FHIRCodes.coding(side).json)])),
                                    ])
                                ])
                            ))
                    }
                    return .object(answer)
                })
        case .symptoms(let symptoms):
            let named = Symptom.allCases.filter(symptoms.contains).map(FHIRCodes.coding)
            return answers((named.isEmpty ? [FHIRCodes.noSymptoms] : named).map { one("valueCoding", $0.json) })
        }
    }
}
