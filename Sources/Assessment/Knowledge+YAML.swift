import Synchronization
import Yams

/// One YAML parse at a time (see `Knowledge.init(yaml:file:)`).
private let yamlLock = Mutex(())

/// A problem in a knowledge file, with the place it was found.
public struct KnowledgeError: Error, CustomStringConvertible, Equatable, Sendable {
    public var file: String
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`, as compilers print it.
    public var description: String { "\(file):\(line): \(message)" }
}

extension Knowledge {
    /// The text of the knowledge file built into the binary.
    public static var embeddedText: String {
        String(decoding: PackageResources.knowledge_yaml, as: UTF8.self)
    }

    /// The knowledge built into the binary, parsed once.
    public static func embedded() throws(KnowledgeError) -> Knowledge {
        try embeddedKnowledge.get()
    }

    private static let embeddedKnowledge = Result { () throws(KnowledgeError) -> Knowledge in
        try Knowledge(yaml: embeddedText, file: "knowledge.yaml")
    }

    /// Parses and validates a knowledge file.
    ///
    /// - Parameters:
    ///   - yaml: the file's text.
    ///   - file: the name used in errors.
    /// - Throws: `KnowledgeError` naming the line of the first problem.
    public init(yaml: String, file: String) throws(KnowledgeError) {
        // Yams resolves tags with Foundation's NSRegularExpression, which crashed here when several threads parsed
        // at once (the test suites do): one parse at a time.
        self = try yamlLock.withLock { _ throws(KnowledgeError) -> Knowledge in
            var reader = KnowledgeReader(file: file)
            return try reader.read(yaml)
        }
    }
}

/// Reads a knowledge file node by node, so that every error can name its line.
struct KnowledgeReader {
    let file: String
    private var sourceIDs: Set<String> = []
    private var questionKinds: [String: AnswerKind] = [:]
    /// Names of diagnoses by kind (`autoimmune`), for `names_any`.
    private var conditionNames: [String: [String]] = [:]

    init(file: String) {
        self.file = file
    }

    func fail(_ node: Node?, _ message: String) -> KnowledgeError {
        KnowledgeError(file: file, line: node?.mark?.line ?? 1, message: message)
    }

    mutating func read(_ yaml: String) throws(KnowledgeError) -> Knowledge {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else { throw fail(nil, "the file is empty") }
            root = node
        } catch let error as KnowledgeError {
            throw error
        } catch let error as YamlError {
            throw syntaxError(error)
        } catch {
            throw fail(nil, "cannot read YAML: \(error)")
        }
        let top = try mapping(root, "the top level")
        try allowKeys(
            top,
            [
                "version", "sources", "questions", "emergency", "red_flags", "causes", "home_care", "doctor",
                "answers", "messages", "dispositions", "condition_names", "signs", "assertion",
            ],
            in: "the top level")
        let version = try scalar(top, "version", in: "the top level")
        guard version.value == "1" else { throw fail(version.node, "unsupported version \(version.value); expected 1") }

        let sources = try readSources(top)
        let questions = try readQuestions(top)
        try readConditionNames(top)
        let emergencyNode = try required(top, "emergency", in: "the top level")
        let emergency = try rule(emergencyNode, in: "the emergency screen", extraKeys: ["advice", "if_unknown"])
        guard emergency.when != nil else { throw fail(emergencyNode, "the emergency screen needs a `when` condition") }
        let emergencyAdvice = try strings(
            try required(try mapping(emergencyNode, "emergency"), "advice", in: "emergency"))
        let redFlags = try rules(top, "red_flags", needsCondition: true, needsUrgency: true)
        let causes = try rules(top, "causes", needsCondition: true, needsName: true)
        let homeCare = try rules(top, "home_care", needsCondition: false)
        let doctor = try rules(top, "doctor", needsCondition: false, needsID: false)
        let answers = try readAnswers(top)
        let messages = try readMessages(top)
        var knowledge = Knowledge(
            sources: sources, questions: questions, emergency: emergency, emergencyAdvice: emergencyAdvice,
            redFlags: redFlags, causes: causes, homeCare: homeCare, doctor: doctor, answers: answers,
            messages: messages)
        try readDispositions(top, into: &knowledge)
        knowledge.signs = try readSigns(top)
        if let node = top["assertion"] { knowledge.assertionCues = try readAssertion(node) }
        try checkQuestionSchema(top, questions)
        return knowledge
    }

    private func syntaxError(_ error: YamlError) -> KnowledgeError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return KnowledgeError(file: file, line: mark.line, message: "YAML syntax: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return KnowledgeError(
                file: file, line: context.mark.line,
                message: "duplicate key \(duplicates.joined(separator: ", "))")
        case .reader(let problem, _, _, _):
            return KnowledgeError(file: file, line: 1, message: "cannot read the file: \(problem)")
        case .no, .memory, .writer, .emitter, .representer, .dataCouldNotBeDecoded:
            return KnowledgeError(file: file, line: 1, message: "cannot read YAML: \(error)")
        }
    }

    // MARK: Sections

    private mutating func readSources(_ top: Node.Mapping) throws(KnowledgeError) -> [String: Source] {
        let node = try required(top, "sources", in: "the top level")
        var sources: [String: Source] = [:]
        for (key, value) in try mapping(node, "sources") {
            let id = try identifier(key)
            let fields = try mapping(value, "source \(id)")
            try allowKeys(fields, ["title"], in: "source \(id)")
            sources[id] = Source(id: id, title: try scalar(fields, "title", in: "source \(id)").value)
        }
        sourceIDs = Set(sources.keys)
        return sources
    }

    private mutating func readQuestions(_ top: Node.Mapping) throws(KnowledgeError) -> [Question] {
        let list = try sequence(try required(top, "questions", in: "the top level"), "questions")
        guard !list.isEmpty else { throw fail(top["questions"], "there must be at least one question") }
        var questions: [Question] = []
        for node in list {
            let fields = try mapping(node, "a question")
            let idField = try scalar(fields, "id", in: "a question")
            let id = try identifier(idField.node)
            let what = "question \(id)"
            try allowKeys(
                fields,
                [
                    "id", "label", "for_doctor", "kind", "text", "example", "why", "source", "choices", "phrases",
                    "skip_when", "if_unsure", "read_back",
                ],
                in: what)
            guard questionKinds[id] == nil else { throw fail(idField.node, "question \(id) is defined twice") }
            let kindField = try scalar(fields, "kind", in: what)
            guard let kind = AnswerKind(rawValue: kindField.value) else {
                throw fail(
                    kindField.node,
                    "unknown kind \"\(kindField.value)\" for \(what); expected one of "
                        + AnswerKind.allCases.map(\.rawValue).joined(separator: ", "))
            }
            var phrases: [String: Value] = [:]
            if let phraseNode = fields["phrases"] {
                guard kind == .yesNo else { throw fail(phraseNode, "phrases are only supported for yes_no questions") }
                for (key, value) in try mapping(phraseNode, "phrases of \(what)") {
                    guard let phrase = key.string, !phrase.isEmpty else { throw fail(key, "a phrase must be text") }
                    phrases[phrase.lowercased()] = .yesNo(try yesNo(value))
                }
            }
            let skipWhen: Condition?
            if let node = fields["skip_when"] {
                skipWhen = try condition(node, in: "skip_when of \(what)")
            } else {
                skipWhen = nil
            }
            questions.append(
                Question(
                    id: id, label: try scalar(fields, "label", in: what).value,
                    forDoctor: try fields["for_doctor"].map { node throws(KnowledgeError) in try yesNo(node) } ?? false,
                    kind: kind,
                    text: try scalar(fields, "text", in: what).value,
                    example: try scalar(fields, "example", in: what).value,
                    why: try scalar(fields, "why", in: what).value,
                    source: try sourceReference(fields, "source", in: what)!,
                    choices: try fields["choices"].map { node throws(KnowledgeError) in try strings(node) } ?? [],
                    phrases: phrases, skipWhen: skipWhen, ifUnsure: try optionalScalar(fields, "if_unsure", in: what),
                    readBack: try readBack(fields, kind: kind, in: what)))
            questionKinds[id] = kind
            if let skipWhen {
                try checkQuestions(of: skipWhen, asked: questions.dropLast().map(\.id), node: fields["skip_when"])
            }
        }
        return questions
    }

    private func readBack(
        _ fields: Node.Mapping, kind: AnswerKind, in what: String
    ) throws(KnowledgeError) -> Question.ReadBack? {
        guard let node = fields["read_back"] else { return nil }
        guard kind == .yesNo else { throw fail(node, "read_back is only supported for yes_no questions") }
        let texts = try mapping(node, "read_back of \(what)")
        try allowKeys(texts, ["yes", "no"], in: "read_back of \(what)")
        return Question.ReadBack(
            yes: try scalar(texts, "yes", in: "read_back of \(what)").value,
            no: try scalar(texts, "no", in: "read_back of \(what)").value)
    }

    /// The question ids the code relies on, with their kinds: renaming one in the file is an error here, not a
    /// sign silently switched off.
    static let requiredQuestions: [(id: String, kind: AnswerKind)] = [
        ("opening", .text), ("urgent", .yesNo), ("onset", .daysAgo), ("episode_length", .episode),
        ("locations", .sites), ("same_place", .yesNo), ("frequency", .frequency), ("moving_and_resting", .yesNo),
        ("other_symptoms", .symptoms), ("new_medication", .yesNo), ("new_condition", .yesNo), ("stress", .yesNo),
        ("caffeine", .drinksPerDay), ("sleep", .hours), ("hydration", .yesNo), ("diet", .yesNo), ("exercise", .yesNo),
    ]

    private func checkQuestionSchema(_ top: Node.Mapping, _ questions: [Question]) throws(KnowledgeError) {
        for (id, kind) in Self.requiredQuestions {
            guard let question = questions.first(where: { $0.id == id }) else {
                throw fail(
                    top["questions"],
                    "the questions must include \(id) (of kind \(kind.rawValue)): the reader relies on it")
            }
            guard question.kind == kind else {
                throw fail(
                    top["questions"], "question \(id) must be of kind \(kind.rawValue), not \(question.kind.rawValue)")
            }
        }
    }

    /// The signs read in every message (optional).
    private func readSigns(_ top: Node.Mapping) throws(KnowledgeError) -> [Sign] {
        guard let node = top["signs"] else { return [] }
        var signs: [Sign] = []
        var ids: Set<String> = []
        for (index, item) in try sequence(node, "signs").enumerated() {
            let what = "signs item \(index + 1)"
            let fields = try mapping(item, what)
            try allowKeys(
                fields,
                [
                    "id", "symptom", "answer", "value", "urgent", "noted", "confirm", "source", "also_source",
                    "phrases",
                    "combinations",
                ],
                in: what)
            let id = try identifier(try scalar(fields, "id", in: what).node)
            guard ids.insert(id).inserted else { throw fail(item, "signs has \(id) twice") }
            let name = "sign \(id)"
            let effect: Sign.Effect
            switch (fields["symptom"], fields["answer"]) {
            case (let symptomNode?, nil):
                guard let text = symptomNode.string, let symptom = Symptom(rawValue: text) else {
                    throw fail(
                        symptomNode,
                        "unknown symptom for \(name); expected one of "
                            + Symptom.allCases.map(\.rawValue).joined(separator: ", "))
                }
                effect = .symptom(symptom)
            case (nil, let answerNode?):
                guard let question = answerNode.string, questionKinds[question] == .yesNo else {
                    throw fail(answerNode, "`answer` of \(name) must name a yes_no question")
                }
                var yes = true
                if let valueNode = fields["value"] {
                    guard let text = valueNode.string, text == "yes" || text == "no" else {
                        throw fail(valueNode, "`value` of \(name) must be yes or no")
                    }
                    yes = text == "yes"
                }
                effect = .answer(question: question, yes: yes)
            case (nil, nil), (_?, _?):
                throw fail(item, "\(name) needs exactly one of `symptom` or `answer`")
            }
            let texts = try strings(try required(fields, "phrases", in: name))
            var combined: [String] = []
            // `combinations`: every phrase of `first` with every phrase of `then`, up to three words apart, only
            // suggests the sign ("cant * lift" reads "I can't even lift the kettle" as a possible weakness).
            if let combinationsNode = fields["combinations"] {
                for (number, combination) in try sequence(combinationsNode, "combinations of \(name)").enumerated() {
                    let part = "combinations item \(number + 1) of \(name)"
                    let pair = try mapping(combination, part)
                    try allowKeys(pair, ["first", "then"], in: part)
                    let firsts = try strings(try required(pair, "first", in: part))
                    let thens = try strings(try required(pair, "then", in: part))
                    for text in firsts + thens where text.hasPrefix("?") || text.contains("*") {
                        throw fail(
                            combination, "\"\(text)\" in \(part) must be plain words: a combination only suggests")
                    }
                    for first in firsts { for then in thens { combined.append("\(first) * \(then)") } }
                }
            }
            var phrases: [Sign.Phrase] = []
            let written = Set(texts.map { $0.hasPrefix("?") ? String($0.dropFirst()) : $0 })
            // A pair that is already a phrase of the sign keeps that phrase's own standing.
            for (number, text) in (texts + combined.filter { !written.contains($0) }.map { "?" + $0 }).enumerated() {
                let suggests = text.hasPrefix("?")
                let words = (suggests ? String(text.dropFirst()) : text).lowercased().split(separator: " ").map(
                    String.init)
                guard let first = words.first, first != "*", words.last != "*",
                    words.allSatisfy({
                        $0 == "*"
                            || $0.unicodeScalars.allSatisfy {
                                ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
                            }
                    })
                else {
                    throw fail(
                        fields["phrases"],
                        "phrase \"\(text)\" of \(name) must be lower-case words (letters and digits, no apostrophes), with `*` only between words"
                    )
                }
                phrases.append(Sign.Phrase(words: words, suggestsOnly: suggests, combined: number >= texts.count))
            }
            guard !phrases.isEmpty else { throw fail(fields["phrases"], "\(name) needs at least one phrase") }
            signs.append(
                Sign(
                    id: id, effect: effect,
                    urgent: try fields["urgent"].map { node throws(KnowledgeError) in try yesNo(node) } ?? false,
                    noted: try scalar(fields, "noted", in: name).value,
                    confirm: try scalar(fields, "confirm", in: name).value, phrases: phrases,
                    source: try sourceReference(fields, "source", in: name)!,
                    alsoSource: try sourceReference(fields, "also_source", in: name, required: false)))
        }
        return signs
    }

    /// The assertion cues (NegEx and ConText trigger terms).
    private func readAssertion(_ node: Node) throws(KnowledgeError) -> AssertionCues {
        let fields = try mapping(node, "assertion")
        try allowKeys(
            fields, ["source", "also_source"] + AssertionCues.Category.allCases.map(\.rawValue), in: "assertion")
        var terms: [AssertionCues.Category: [String]] = [:]
        for category in AssertionCues.Category.allCases {
            guard let list = fields[category.rawValue] else { continue }
            terms[category] = try strings(list).map { $0.lowercased() }
        }
        return AssertionCues(
            terms: terms, source: try sourceReference(fields, "source", in: "assertion")!,
            alsoSource: try sourceReference(fields, "also_source", in: "assertion", required: false))
    }

    private func checkQuestions(of condition: Condition, asked: [String], node: Node?) throws(KnowledgeError) {
        for id in condition.questions where !asked.contains(id) {
            throw fail(node, "skip_when reads question \(id), which is not asked before this one")
        }
    }

    private mutating func rules(
        _ top: Node.Mapping, _ key: String, needsCondition: Bool, needsName: Bool = false, needsID: Bool = true,
        needsUrgency: Bool = false
    ) throws(KnowledgeError) -> [Rule] {
        var rules: [Rule] = []
        var ids: Set<String> = []
        for (index, node) in try sequence(try required(top, key, in: "the top level"), key).enumerated() {
            let what = "\(key) item \(index + 1)"
            var rule = try rule(
                node, in: what, extraKeys: needsUrgency ? ["urgency", "if_unknown"] : [], needsID: needsID)
            if needsUrgency {
                let fields = try mapping(node, what)
                let field = try scalar(fields, "urgency", in: "\(key) \(rule.id)")
                let allowed: [Urgency] = [.gpRoutine, .gpWithinDays]
                guard let urgency = Urgency(rawValue: field.value), allowed.contains(urgency) else {
                    throw fail(
                        field.node,
                        "unknown urgency \"\(field.value)\" for \(key) \(rule.id); expected one of "
                            + allowed.map(\.rawValue).joined(separator: ", "))
                }
                rule.urgency = urgency
            }
            if !needsID { rule.id = "\(key)-\(index + 1)" }
            guard ids.insert(rule.id).inserted else { throw fail(node, "\(key) has \(rule.id) twice") }
            if needsCondition, rule.when == nil { throw fail(node, "\(key) \(rule.id) needs a `when` condition") }
            if needsName, rule.name == nil { throw fail(node, "\(key) \(rule.id) needs a `name`") }
            rules.append(rule)
        }
        return rules
    }

    private mutating func rule(
        _ node: Node, in what: String, extraKeys: [String] = [], needsID: Bool = true
    ) throws(KnowledgeError) -> Rule {
        let fields = try mapping(node, what)
        try allowKeys(fields, ["id", "name", "text", "source", "also_source", "when"] + extraKeys, in: what)
        let id = needsID ? try identifier(try scalar(fields, "id", in: what).node) : ""
        let name = what + (id.isEmpty ? "" : " (\(id))")
        return Rule(
            id: id,
            name: try optionalScalar(fields, "name", in: name),
            text: try scalar(fields, "text", in: name).value,
            source: try sourceReference(fields, "source", in: name)!,
            alsoSource: try sourceReference(fields, "also_source", in: name, required: false),
            when: try fields["when"].map { node throws(KnowledgeError) in try condition(node, in: name) },
            urgency: nil,
            ifUnknown: try optionalScalar(fields, "if_unknown", in: name))
    }

    /// `condition_names`: kind → `source` and `names` (lower-case diagnoses), read by `names_any`.
    private mutating func readConditionNames(_ top: Node.Mapping) throws(KnowledgeError) {
        guard let node = top["condition_names"] else { return }
        for (key, value) in try mapping(node, "condition_names") {
            let kind = try identifier(key)
            let what = "condition_names \(kind)"
            let fields = try mapping(value, what)
            try allowKeys(fields, ["source", "also_source", "names"], in: what)
            _ = try sourceReference(fields, "source", in: what)
            _ = try sourceReference(fields, "also_source", in: what, required: false)
            let names = try strings(try required(fields, "names", in: what))
            guard !names.isEmpty else { throw fail(fields["names"], "\(what) needs at least one name") }
            conditionNames[kind] = names.map { $0.lowercased() }
        }
    }

    /// `dispositions`: one per urgency, each with `headline`, `action` and `source`.
    private func readDispositions(_ top: Node.Mapping, into knowledge: inout Knowledge) throws(KnowledgeError) {
        let node = try required(top, "dispositions", in: "the top level")
        let fields = try mapping(node, "dispositions")
        try allowKeys(fields, Urgency.allCases.map(\.rawValue), in: "dispositions")
        for urgency in Urgency.allCases {
            let what = "disposition \(urgency.rawValue)"
            let item = try mapping(try required(fields, urgency.rawValue, in: "dispositions"), what)
            var keys = ["headline", "action", "source", "also_source"]
            switch urgency {
            case .gpWithinDays: keys.append("when_flags_at_least")
            case .selfCare: keys.append("come_back_after_days")
            case .gpRoutine, .emergency: break
            }
            try allowKeys(item, keys, in: what)
            let sources = [
                try sourceReference(item, "source", in: what),
                try sourceReference(item, "also_source", in: what, required: false),
            ].compactMap { $0 }
            knowledge.dispositions[urgency] = Disposition(
                urgency: urgency, headline: try scalar(item, "headline", in: what).value,
                action: try scalar(item, "action", in: what).value, sources: sources.map(knowledge.sourceTitle))
            if let count = item["when_flags_at_least"] {
                let value = try number(count)
                guard value >= 1, value <= 100, value.rounded() == value else {
                    throw fail(count, "when_flags_at_least must be a whole number from 1 to 100")
                }
                knowledge.withinDaysWhenFlagsAtLeast = Int(value)
            }
            if let days = item["come_back_after_days"] {
                let value = try number(days)
                guard value >= 1, value <= 365, value.rounded() == value else {
                    throw fail(days, "come_back_after_days must be a whole number from 1 to 365")
                }
                knowledge.comeBackAfterDays = Int(value)
            }
        }
    }

    private func readMessages(_ top: Node.Mapping) throws(KnowledgeError) -> Messages {
        let node = try required(top, "messages", in: "the top level")
        let fields = try mapping(node, "messages")
        try allowKeys(fields, Messages.Key.allCases.map(\.rawValue), in: "messages")
        var texts: [Messages.Key: String] = [:]
        for key in Messages.Key.allCases {
            if key.isOptional, fields[key.rawValue] == nil { continue }
            texts[key] = try scalar(fields, key.rawValue, in: "messages").value
        }
        return Messages(texts)
    }

    /// Answers to the person's own questions (optional): `id`, `asks` (phrases), `text`, `source`.
    private mutating func readAnswers(_ top: Node.Mapping) throws(KnowledgeError) -> [Knowledge.Answer] {
        guard let node = top["answers"] else { return [] }
        var answers: [Knowledge.Answer] = []
        var ids: Set<String> = []
        for (index, item) in try sequence(node, "answers").enumerated() {
            let what = "answers item \(index + 1)"
            let fields = try mapping(item, what)
            try allowKeys(fields, ["id", "asks", "text", "source", "also_source"], in: what)
            let id = try identifier(try scalar(fields, "id", in: what).node)
            guard ids.insert(id).inserted else { throw fail(item, "answers has \(id) twice") }
            let name = "\(what) (\(id))"
            let asks = try strings(try required(fields, "asks", in: name))
            guard !asks.isEmpty else { throw fail(fields["asks"], "\(name) needs at least one phrase in `asks`") }
            answers.append(
                Knowledge.Answer(
                    id: id, asks: asks.map { $0.lowercased() }, text: try scalar(fields, "text", in: name).value,
                    source: try sourceReference(fields, "source", in: name)!,
                    alsoSource: try sourceReference(fields, "also_source", in: name, required: false)))
        }
        return answers
    }

    // MARK: Conditions

    private func condition(_ node: Node, in what: String) throws(KnowledgeError) -> Condition {
        let fields = try mapping(node, "a condition in \(what)")
        if let all = fields["all"] {
            try allowKeys(fields, ["all"], in: "a condition in \(what)")
            return .all(try conditions(all, in: what))
        }
        if let any = fields["any"] {
            try allowKeys(fields, ["any"], in: "a condition in \(what)")
            return .any(try conditions(any, in: what))
        }
        let testKeys = [
            "is", "more_than", "less_than", "at_least", "includes_any", "includes_none", "names_any",
            "places_at_least", "in_regions",
        ]
        try allowKeys(fields, ["question"] + testKeys, in: "a condition in \(what)")
        let question = try scalar(fields, "question", in: "a condition in \(what)")
        guard let kind = questionKinds[question.value] else {
            throw fail(question.node, "\(what) reads question \(question.value), which is not defined")
        }
        let present = testKeys.filter { fields[$0] != nil }
        guard present.count == 1, let key = present.first, let value = fields[key] else {
            throw fail(
                node, "a condition in \(what) needs exactly one test of: \(testKeys.joined(separator: ", "))")
        }
        let test = try self.test(key, value, kind: kind)
        guard test.kinds.contains(kind) else {
            throw fail(value, "`\(key)` cannot test question \(question.value), whose kind is \(kind.rawValue)")
        }
        return .test(question: question.value, test)
    }

    private func conditions(_ node: Node, in what: String) throws(KnowledgeError) -> [Condition] {
        let list = try sequence(node, "a condition list in \(what)")
        guard !list.isEmpty else { throw fail(node, "a condition list in \(what) is empty") }
        var result: [Condition] = []
        for item in list { result.append(try condition(item, in: what)) }
        return result
    }

    private func test(_ key: String, _ value: Node, kind: AnswerKind) throws(KnowledgeError) -> Condition.Test {
        switch key {
        case "is":
            switch kind {
            case .yesNo: return .isYes(try yesNo(value))
            case .episode:
                guard value.string == "continuous" else { throw fail(value, "an episode can only be `continuous`") }
                return .isContinuous
            case .frequency:
                guard let text = value.string, let frequency = Frequency(rawValue: text) else {
                    throw fail(
                        value,
                        "unknown frequency; expected one of "
                            + Frequency.allCases.map(\.rawValue).joined(separator: ", "))
                }
                return .isFrequency(frequency)
            case .text, .daysAgo, .sites, .symptoms, .drinksPerDay, .hours:
                throw fail(value, "`is` cannot test a question of kind \(kind.rawValue)")
            }
        case "more_than": return .moreThan(try number(value))
        case "less_than": return .lessThan(try number(value))
        case "at_least": return .atLeast(try number(value))
        case "places_at_least":
            let count = try number(value)
            guard count >= 0, count <= 1000, count.rounded() == count else {
                throw fail(value, "places_at_least must be a whole number from 0 to 1000")
            }
            return .placesAtLeast(Int(count))
        case "includes_any": return .includesAny(try names(value, of: Symptom.self, "symptom"))
        case "includes_none": return .includesNone(try names(value, of: Symptom.self, "symptom"))
        case "names_any":
            let kinds = try strings(value)
            var terms: [String] = []
            for kind in kinds {
                guard let names = conditionNames[kind] else {
                    throw fail(
                        value,
                        "unknown kind of diagnosis \(kind); expected one of "
                            + conditionNames.keys.sorted().joined(separator: ", ") + " (see `condition_names`)")
                }
                terms += names
                // And the names of that kind in the WordNet vocabulary (Lexicon/conditions.tsv).
                terms += Lexicon.embedded.conditions.filter { $0.value.rawValue == kind }.map(\.key).sorted()
            }
            return .names(kind: kinds.joined(separator: ","), terms: terms)
        case "in_regions": return .inRegions(try names(value, of: BodyRegion.self, "region"))
        default: throw fail(value, "unknown test \(key)")
        }
    }

    /// A list of names of an enumeration's cases (`[weakness, muscle_loss]`).
    private func names<Name: RawRepresentable<String> & CaseIterable & Hashable>(
        _ node: Node, of type: Name.Type, _ what: String
    ) throws(KnowledgeError) -> Set<Name> {
        var result: Set<Name> = []
        for text in try strings(node) {
            guard let name = Name(rawValue: text) else {
                throw fail(
                    node,
                    "unknown \(what) \(text); expected one of "
                        + Name.allCases.map(\.rawValue).joined(separator: ", "))
            }
            result.insert(name)
        }
        return result
    }

    // MARK: Nodes

    private func mapping(_ node: Node, _ what: String) throws(KnowledgeError) -> Node.Mapping {
        guard let mapping = node.mapping else { throw fail(node, "\(what) must be a mapping of keys to values") }
        return mapping
    }

    private func sequence(_ node: Node, _ what: String) throws(KnowledgeError) -> [Node] {
        guard let sequence = node.sequence else { throw fail(node, "\(what) must be a list") }
        return Array(sequence)
    }

    private func required(_ fields: Node.Mapping, _ key: String, in what: String) throws(KnowledgeError) -> Node {
        guard let node = fields[key] else { throw fail(.mapping(fields), "\(what) is missing `\(key)`") }
        return node
    }

    private func scalar(
        _ fields: Node.Mapping, _ key: String, in what: String
    ) throws(KnowledgeError) -> (value: String, node: Node) {
        let node = try required(fields, key, in: what)
        guard let text = node.scalar?.string, !text.isEmpty else {
            throw fail(node, "`\(key)` of \(what) must be non-empty text")
        }
        return (text, node)
    }

    private func optionalScalar(_ fields: Node.Mapping, _ key: String, in what: String) throws(KnowledgeError)
        -> String?
    {
        guard fields[key] != nil else { return nil }
        return try scalar(fields, key, in: what).value
    }

    private func strings(_ node: Node) throws(KnowledgeError) -> [String] {
        var result: [String] = []
        for item in try sequence(node, "this") {
            guard let text = item.scalar?.string, !text.isEmpty else { throw fail(item, "expected non-empty text") }
            result.append(text)
        }
        return result
    }

    private func number(_ node: Node) throws(KnowledgeError) -> Double {
        guard let text = node.scalar?.string, let number = Double(text), number.isFinite else {
            throw fail(node, "expected a number")
        }
        return number
    }

    private func yesNo(_ node: Node) throws(KnowledgeError) -> Bool {
        switch node.scalar?.string {
        case "yes"?, "true"?: return true
        case "no"?, "false"?: return false
        default: throw fail(node, "expected yes or no")
        }
    }

    private func identifier(_ node: Node) throws(KnowledgeError) -> String {
        guard let text = node.scalar?.string, !text.isEmpty,
            text.unicodeScalars.allSatisfy({
                ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
            })
        else {
            throw fail(node, "an id must be lower-case letters, digits, `_` or `-`")
        }
        return text
    }

    private func sourceReference(
        _ fields: Node.Mapping, _ key: String, in what: String, required: Bool = true
    ) throws(KnowledgeError) -> String? {
        guard required || fields[key] != nil else { return nil }
        let field = try scalar(fields, key, in: what)
        guard sourceIDs.contains(field.value) else {
            throw fail(field.node, "\(what) cites source \(field.value), which is not listed under `sources`")
        }
        return field.value
    }

    private func allowKeys(_ fields: Node.Mapping, _ allowed: [String], in what: String) throws(KnowledgeError) {
        for key in fields.keys {
            guard let name = key.string, allowed.contains(name) else {
                throw fail(
                    key,
                    "unknown key `\(key.string ?? "?")` in \(what); expected one of \(allowed.joined(separator: ", "))")
            }
        }
    }
}
