import Assessment

/// The knowledge base written as Swift source: the initializers that build the same `Knowledge` value, so that the
/// binary starts with it compiled in (no YAML, no JSON, no `Codable` at start).
///
/// Each list item is its own function, so that no one expression is large for the type checker. The functions run
/// once, at start, and are compiled without optimisation (`@_optimize(none)`): optimising the sign with the medicine
/// names (thousands of nested array literals) took about 30 minutes of a release build. Dictionaries and
/// sets are written in sorted order, so that the output is the same at every build. `BuiltinKnowledgeTests` checks
/// that the compiled value equals the knowledge file read at run time, field by field.
enum SwiftSource {
    static func file(_ knowledge: Knowledge, from input: String) -> String {
        var functions: [String] = []
        /// Adds a function that returns `body` as a `type`, and returns the call.
        func function(_ name: String, _ type: String, _ body: String) -> String {
            functions.append("    @_optimize(none)\n    static func \(name)() -> \(type) {\n        \(body)\n    }")
            return "\(name)()"
        }
        func list(_ name: String, _ type: String, _ items: [String]) -> String {
            let calls = items.enumerated().map { function("\(name)\($0.offset)", type, $0.element) }
            return array(calls)
        }

        let sources = function(
            "sources", "[String: Source]",
            dictionary(
                knowledge.sources.sorted { $0.key < $1.key }.map { (literal($0.key), source($0.value)) }))
        let questions = list("question", "Question", knowledge.questions.map(question))
        let emergency = function("emergency", "Rule", rule(knowledge.emergency))
        let redFlags = list("redFlag", "Rule", knowledge.redFlags.map(rule))
        let causes = list("cause", "Rule", knowledge.causes.map(rule))
        let homeCare = list("homeCare", "Rule", knowledge.homeCare.map(rule))
        let doctor = list("doctor", "Rule", knowledge.doctor.map(rule))
        let answers = list("answer", "Knowledge.Answer", knowledge.answers.map(answer))
        let dispositions = function(
            "dispositions", "[Urgency: Disposition]",
            dictionary(
                knowledge.dispositions.sorted { $0.key.rawValue < $1.key.rawValue }.map {
                    (enumCase($0.key), disposition($0.value))
                }))
        let messages = function(
            "messages", "Messages",
            "Messages("
                + dictionary(
                    knowledge.messages.texts.sorted { $0.key.rawValue < $1.key.rawValue }.map {
                        (enumCase($0.key), literal($0.value))
                    }) + ")")
        let signs = list("sign", "Sign", knowledge.signs.map(sign))
        let cues = function("assertionCues", "AssertionCues", assertionCues(knowledge.assertionCues))

        let value = """
            Knowledge(
                        sources: \(sources), questions: \(questions), emergency: \(emergency),
                        emergencyAdvice: \(array(knowledge.emergencyAdvice.map(literal))),
                        redFlags: \(redFlags), causes: \(causes), homeCare: \(homeCare), doctor: \(doctor),
                        answers: \(answers), dispositions: \(dispositions),
                        withinDaysWhenFlagsAtLeast: \(optional(knowledge.withinDaysWhenFlagsAtLeast.map { "\($0)" })),
                        comeBackAfterDays: \(knowledge.comeBackAfterDays), messages: \(messages), signs: \(signs),
                        assertionCues: \(cues))
            """
        return """
            // Generated at build time by KnowledgeCompiler from \(input.split(separator: "/").last ?? ""); do not edit.
            import Assessment

            /// The knowledge base, read and validated from the knowledge file when the binary was built.
            enum CompiledKnowledge {
                static let knowledge = \(value)

            \(functions.joined(separator: "\n\n"))
            }

            """
    }

    // MARK: Values

    static func question(_ question: Question) -> String {
        "Question(id: \(literal(question.id)), label: \(literal(question.label)), forDoctor: \(question.forDoctor), "
            + "kind: \(enumCase(question.kind)), text: \(literal(question.text)), "
            + "example: \(literal(question.example)), why: \(literal(question.why)), "
            + "source: \(literal(question.source)), choices: \(array(question.choices.map(literal))), "
            + "phrases: \(dictionary(question.phrases.sorted { $0.key < $1.key }.map { (literal($0.key), value($0.value)) })), "
            + "skipWhen: \(optional(question.skipWhen.map(condition))), "
            + "ifUnsure: \(optional(question.ifUnsure.map(literal))), "
            + "readBack: \(optional(question.readBack.map { "Question.ReadBack(yes: \(literal($0.yes)), no: \(literal($0.no)))" })))"
    }

    static func rule(_ rule: Rule) -> String {
        "Rule(id: \(literal(rule.id)), name: \(optional(rule.name.map(literal))), text: \(literal(rule.text)), "
            + "source: \(literal(rule.source)), alsoSource: \(optional(rule.alsoSource.map(literal))), "
            + "when: \(optional(rule.when.map(condition))), urgency: \(optional(rule.urgency.map(enumCase))), "
            + "ifUnknown: \(optional(rule.ifUnknown.map(literal))))"
    }

    static func source(_ source: Source) -> String {
        "Source(id: \(literal(source.id)), title: \(literal(source.title)))"
    }

    static func answer(_ answer: Knowledge.Answer) -> String {
        "Knowledge.Answer(id: \(literal(answer.id)), asks: \(array(answer.asks.map(literal))), "
            + "text: \(literal(answer.text)), source: \(literal(answer.source)), "
            + "alsoSource: \(optional(answer.alsoSource.map(literal))))"
    }

    static func disposition(_ disposition: Disposition) -> String {
        "Disposition(urgency: \(enumCase(disposition.urgency)), headline: \(literal(disposition.headline)), "
            + "action: \(literal(disposition.action)), sources: \(array(disposition.sources.map(literal))))"
    }

    static func sign(_ sign: Sign) -> String {
        let effect =
            switch sign.effect {
            case .symptom(let symptom): "Sign.Effect.symptom(\(enumCase(symptom)))"
            case .answer(let question, let yes): "Sign.Effect.answer(question: \(literal(question)), yes: \(yes))"
            }
        let phrases = sign.phrases.map {
            "Sign.Phrase(words: \(array($0.words.map(literal))), suggestsOnly: \($0.suggestsOnly)"
                + ($0.combined ? ", combined: true)" : ")")
        }
        return "Sign(id: \(literal(sign.id)), effect: \(effect), urgent: \(sign.urgent), "
            + "noted: \(literal(sign.noted)), confirm: \(literal(sign.confirm)), phrases: \(array(phrases)), source: \(literal(sign.source)), "
            + "alsoSource: \(optional(sign.alsoSource.map(literal))))"
    }

    static func assertionCues(_ cues: AssertionCues) -> String {
        let terms = dictionary(
            cues.terms.sorted { $0.key.rawValue < $1.key.rawValue }.map {
                (enumCase($0.key), array($0.value.map(literal)))
            })
        return "AssertionCues(terms: \(terms), source: \(literal(cues.source)), "
            + "alsoSource: \(optional(cues.alsoSource.map(literal))))"
    }

    static func condition(_ condition: Condition) -> String {
        switch condition {
        case .all(let parts): "Condition.all(\(array(parts.map(Self.condition))))"
        case .any(let parts): "Condition.any(\(array(parts.map(Self.condition))))"
        case .test(let question, let test): "Condition.test(question: \(literal(question)), \(Self.test(test)))"
        }
    }

    static func test(_ test: Condition.Test) -> String {
        switch test {
        case .isYes(let yes): "Condition.Test.isYes(\(yes))"
        case .isContinuous: "Condition.Test.isContinuous"
        case .isFrequency(let frequency): "Condition.Test.isFrequency(\(enumCase(frequency)))"
        case .moreThan(let number): "Condition.Test.moreThan(\(Self.number(number)))"
        case .lessThan(let number): "Condition.Test.lessThan(\(Self.number(number)))"
        case .atLeast(let number): "Condition.Test.atLeast(\(Self.number(number)))"
        case .includesAny(let symptoms): "Condition.Test.includesAny(\(set(symptoms)))"
        case .includesNone(let symptoms): "Condition.Test.includesNone(\(set(symptoms)))"
        case .names(let kind, let terms):
            "Condition.Test.names(kind: \(literal(kind)), terms: \(array(terms.map(literal))))"
        case .placesAtLeast(let count): "Condition.Test.placesAtLeast(\(count))"
        case .inRegions(let regions): "Condition.Test.inRegions(\(set(regions)))"
        }
    }

    static func value(_ value: Value) -> String {
        switch value {
        case .text(let text): "Value.text(\(literal(text)))"
        case .yesNo(let yes): "Value.yesNo(\(yes))"
        case .daysAgo(let days): "Value.daysAgo(\(number(days)))"
        case .episode(.continuous): "Value.episode(Episode.continuous)"
        case .episode(.seconds(let seconds)): "Value.episode(Episode.seconds(\(number(seconds))))"
        case .frequency(let frequency): "Value.frequency(\(enumCase(frequency)))"
        case .sites(let sites):
            "Value.sites("
                + array(sites.map { "Site(\(enumCase($0.part)), side: \(optional($0.side.map(enumCase))))" }) + ")"
        case .symptoms(let symptoms): "Value.symptoms(\(set(symptoms)))"
        case .drinksPerDay(let drinks): "Value.drinksPerDay(\(number(drinks)))"
        case .hours(let hours): "Value.hours(\(number(hours)))"
        }
    }

    // MARK: Literals

    /// A Swift string literal that holds `text` exactly.
    static func literal(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
                result += "\\u{\(String(scalar.value, radix: 16))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// A Double literal that reads back as the same value.
    static func number(_ number: Double) -> String {
        if number == .infinity { return "Double.infinity" }
        if number == -.infinity { return "-Double.infinity" }
        return "\(number)"
    }

    /// A case of a string-backed enum, written by its full Swift name (`Assessment.Urgency.gpRoutine`).
    static func enumCase<T: RawRepresentable<String>>(_ value: T) -> String {
        "\(String(reflecting: T.self)).\(name(value))"
    }

    /// The Swift name of a case, which may differ from its raw value (`gpRoutine` for "gp_routine").
    static func name(_ value: some RawRepresentable<String>) -> String {
        "\(value)"
    }

    static func set<T: RawRepresentable<String> & Hashable>(_ values: Set<T>) -> String {
        var items: [String] = []
        for value in values.sorted(by: { $0.rawValue < $1.rawValue }) { items.append(enumCase(value)) }
        return "Set<\(String(reflecting: T.self))>(" + array(items) + ")"
    }

    static func array(_ items: [String]) -> String {
        "[" + items.joined(separator: ", ") + "]"
    }

    static func dictionary(_ pairs: [(String, String)]) -> String {
        pairs.isEmpty ? "[:]" : "[" + pairs.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "]"
    }

    static func optional(_ value: String?) -> String {
        value ?? "nil"
    }
}
