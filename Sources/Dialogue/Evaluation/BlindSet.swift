import Assessment

/// Blind evaluation sets: utterances and whole conversations labelled with the signs they carry, written by
/// someone who had not seen the reader, and their scoring. The headline figures are sign recall (a sign in the
/// text ends up in the case, or is confirmed by a question), false reassurance (a conversation that needed a doctor
/// or emergency care ended in self-care) and over-triage (a benign conversation sent to a doctor).
///
/// Utterances, one a line: `PENDING | TEXT | SIGNS`, where SIGNS is `none` or comma-separated sign names, each
/// possibly prefixed by `?` (hedged). Conversations, blocks:
///
///     === c01
///     expect: self_care | doctor | emergency
///     truth: none | weakness, numbness
///     opening: …
///     urgent: …          (one line for every question id)
///
/// A conversation is played against the interview: each question is answered with its line (asked again, the
/// same line is said again), a confirmation question about a sign (`confirm_…`) is answered from `truth`.
public enum BlindSet {
    /// The signs a set is labelled with.
    public static let signs: [String] = [
        "emergency", "speech_or_swallowing", "weakness", "muscle_loss", "numbness", "tingling", "sensation_change",
        "fever", "headache", "nausea", "vomiting", "new_medication", "new_condition", "multiple_areas",
        "moving_and_resting", "persistent",
    ]

    public struct Utterance: Hashable, Sendable {
        public var line: Int
        public var pending: String
        public var text: String
        /// The signs, hedged or not.
        public var signs: Set<String>
        public var hedged: Set<String>
    }

    public struct Conversation: Hashable, Sendable {
        public var line: Int
        public var name: String
        public var expect: Triage
        public var truth: Set<String>
        public var answers: [String: String]
    }

    // MARK: Parsing

    public static func parseUtterances(_ text: String) -> (items: [Utterance], errors: [String]) {
        var items: [Utterance] = []
        var errors: [String] = []
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw).trimmingSpaces
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: "|", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
            guard parts.count == 3 else {
                errors.append("\(offset + 1): expected PENDING | TEXT | SIGNS")
                continue
            }
            var signs: Set<String> = []
            var hedged: Set<String> = []
            var bad = false
            for label in parts[2].split(separator: ",").map({ String($0).trimmingSpaces }) where label != "none" {
                let name = label.hasPrefix("?") ? String(label.dropFirst()) : label
                guard Self.signs.contains(name) else {
                    errors.append("\(offset + 1): unknown sign \(label)")
                    bad = true
                    continue
                }
                signs.insert(name)
                if label.hasPrefix("?") { hedged.insert(name) }
            }
            if bad { continue }
            items.append(Utterance(line: offset + 1, pending: parts[0], text: parts[1], signs: signs, hedged: hedged))
        }
        return (items, errors)
    }

    public static func parseConversations(_ text: String) -> (items: [Conversation], errors: [String]) {
        var items: [Conversation] = []
        var errors: [String] = []
        var current: Conversation?
        func finish() {
            if let current { items.append(current) }
            current = nil
        }
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw).trimmingSpaces
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("===") {
                finish()
                current = Conversation(
                    line: offset + 1, name: String(line.dropFirst(3)).trimmingSpaces, expect: .selfCare, truth: [],
                    answers: [:])
                continue
            }
            guard current != nil, let colon = line.firstIndex(of: ":") else {
                errors.append("\(offset + 1): expected KEY: VALUE inside a === block")
                continue
            }
            let key = String(line[..<colon]).trimmingSpaces
            let value = String(line[line.index(after: colon)...]).trimmingSpaces
            switch key {
            case "expect":
                switch value {
                case "self_care": current?.expect = .selfCare
                case "doctor": current?.expect = .seeDoctor
                case "emergency": current?.expect = .emergency
                default: errors.append("\(offset + 1): expect must be self_care, doctor or emergency")
                }
            case "truth":
                for name in value.split(separator: ",").map({ String($0).trimmingSpaces }) where name != "none" {
                    let bare = name.hasPrefix("?") ? String(name.dropFirst()) : name
                    if signs.contains(bare) {
                        current?.truth.insert(bare)
                    } else {
                        errors.append("\(offset + 1): unknown sign \(name)")
                    }
                }
            default:
                current?.answers[key] = value
            }
        }
        finish()
        return (items, errors)
    }

    // MARK: Scoring

    public struct Score: Hashable, Sendable {
        /// Signs labelled, and found (in the case or confirmed by a question).
        public var signs = 0
        public var recalled = 0
        /// `line: sign` of each sign missed.
        public var missedSigns: [String] = []
        /// Signs in the case that the utterance did not carry, as `line: sign`.
        public var falseSigns: [String] = []
        public var utterances = 0

        public var conversations = 0
        /// Conversations that needed a doctor or emergency care.
        public var needed = 0
        /// Of those, the ones that ended in self-care.
        public var falseReassurance: [String] = []
        public var emergencies = 0
        /// Emergencies that did not end as emergencies.
        public var missedEmergency: [String] = []
        public var benign = 0
        /// Benign conversations sent to a doctor or emergency care.
        public var overTriage: [String] = []
        /// Conversations that did not end within the turn limit.
        public var loops: [String] = []

        public init() {}
    }

    /// Neutral answers that carry no sign, used to bring an utterance's question up.
    static let neutral: [String: String] = [
        "opening": "I have a twitch", "urgent": "no", "onset": "3 days ago", "episode_length": "a few seconds",
        "locations": "left eyelid", "same_place": "yes", "frequency": "a few times a day",
        "moving_and_resting": "only when resting", "other_symptoms": "none", "new_medication": "no",
        "new_condition": "no", "stress": "no", "caffeine": "1", "sleep": "8", "hydration": "yes", "diet": "yes",
        "exercise": "no",
    ]

    /// The turn limit of one played conversation.
    static let maximumTurns = 80

    /// Plays `answer` against a new interview until it ends; returns the case, the advice and whether it ended.
    static func play(
        knowledge: Knowledge, reader: Understanding.Reader, today: CalendarDate, trace: ((String) -> Void)? = nil,
        answer: (_ prompt: Prompt, _ times: Int) -> String
    ) -> (case: Case, advice: Advice?, finished: Bool) {
        var interview = Interview(knowledge: knowledge, reader: reader, today: today)
        var actions = interview.start()
        var asked: [String: Int] = [:]
        for _ in 0..<maximumTurns {
            var prompt: Prompt?
            for action in actions {
                switch action {
                case .ask(let question):
                    prompt = question
                    trace?("? [\(question.id)] \(question.text)")
                case .advise(let advice, let result): return (result, advice, true)
                case .end: return (interview.currentCase, interview.advice, true)
                case .say(let text): trace?("  " + text)
                }
            }
            guard let prompt else { return (interview.currentCase, interview.advice, interview.isDone) }
            let times = asked[prompt.id, default: 0]
            asked[prompt.id] = times + 1
            let text = answer(prompt, times)
            trace?("> " + text)
            actions = interview.received(text: text)
        }
        return (interview.currentCase, interview.advice, false)
    }

    /// The answer to a confirmation question about `sign` (`confirm_weakness`), from the signs the person has.
    static func confirmation(_ prompt: Prompt, truth: Set<String>, knowledge: Knowledge) -> String? {
        guard prompt.id.hasPrefix(Interview.confirmPrefix) else { return nil }
        let id = String(prompt.id.dropFirst(Interview.confirmPrefix.count))
        if id == Interview.restOfChecklist {
            // "And weakness, loss of muscle, numbness or tingling, or a change in feeling?": the ones the person has.
            let words: [(String, String)] = [
                ("weakness", "weakness"), ("muscle_loss", "loss of muscle"), ("numbness", "numbness"),
                ("tingling", "tingling"), ("sensation_change", "a change in feeling"),
            ]
            let had = words.filter { truth.contains($0.0) }.map(\.1)
            return had.isEmpty ? "no" : had.joined(separator: " and ")
        }
        let label: String
        if id == Interview.emergencyCheck {
            label = "emergency"
        } else if id == Interview.longerCheck {
            // "More than two weeks?": the twitching is persistent.
            label = "persistent"
        } else if let sign = knowledge.signs.first(where: { $0.id == id }) {
            switch sign.effect {
            case .symptom(let symptom): label = symptom.rawValue
            // The signs that answer a question are named as the labels are: new_medication, multiple_areas.
            case .answer: label = sign.id
            }
        } else {
            label = id
        }
        return truth.contains(label) ? "yes" : "no"
    }

    /// The signs a case carries.
    public static func signs(in case: Case) -> Set<String> {
        var found: Set<String> = []
        if case .yesNo(true)? = `case`["urgent"]?.value { found.insert("emergency") }
        if case .symptoms(let symptoms)? = `case`["other_symptoms"]?.value {
            for symptom in symptoms where symptom != .soreness { found.insert(symptom.rawValue) }
        }
        for id in ["new_medication", "new_condition", "moving_and_resting"] {
            if case .yesNo(true)? = `case`[id]?.value { found.insert(id) }
        }
        if case .sites(let sites)? = `case`["locations"]?.value, Site.places(in: sites) >= 2 {
            found.insert("multiple_areas")
        }
        // "Not always in the same place" is the same red flag (see `multiple_areas` in the knowledge file).
        if case .yesNo(false)? = `case`["same_place"]?.value { found.insert("multiple_areas") }
        var persistent = false
        if case .daysAgo(let days)? = `case`["onset"]?.value, days > 14 { persistent = true }
        if case .episode(.continuous)? = `case`["episode_length"]?.value { persistent = true }
        if case .frequency(.constant)? = `case`["frequency"]?.value { persistent = true }
        if persistent { found.insert("persistent") }
        return found
    }

    /// Whether `sign` counts as found in `found`: an emergency also counts for trouble speaking or swallowing.
    static func recalls(_ sign: String, in found: Set<String>) -> Bool {
        found.contains(sign) || (sign == "speech_or_swallowing" && found.contains("emergency"))
    }

    /// Whether `prompt` asks whether a place with no sides is anywhere else (the `where_else` message).
    public static func asksElsewhere(_ prompt: Prompt, knowledge: Knowledge) -> Bool {
        let message = knowledge.messages[.whereElse]
        let opening = message.range(of: "{part}").map { String(message[..<$0.lowerBound]) } ?? message
        return prompt.id == "locations" && !opening.isEmpty && prompt.text.hasPrefix(opening)
    }

    public static func evaluate(
        utterances: [Utterance], conversations: [Conversation], knowledge: Knowledge, today: CalendarDate,
        trace: ((String) -> Void)? = nil
    ) -> Score {
        let reader = Understanding.Reader(knowledge: knowledge)
        var score = Score()
        for item in utterances {
            score.utterances += 1
            var said = false
            let played = play(knowledge: knowledge, reader: reader, today: today) { prompt, times in
                if let confirmed = confirmation(prompt, truth: item.signs, knowledge: knowledge) { return confirmed }
                if prompt.id == item.pending, !said {
                    said = true
                    return item.text
                }
                if prompt.id == "urgent", item.signs.contains("emergency") { return "yes" }
                // "Which calf is it?" after the utterance named one: a side alone adds no place of its own; "is it
                // anywhere else?" after a place with no sides: no.
                if prompt.id == "locations", said { return asksElsewhere(prompt, knowledge: knowledge) ? "no" : "left" }
                return neutral[prompt.id] ?? "not sure"
            }
            let found = signs(in: played.case)
            for sign in item.signs.sorted() {
                score.signs += 1
                if recalls(sign, in: found) {
                    score.recalled += 1
                } else {
                    score.missedSigns.append("\(item.line): \(sign)")
                }
            }
            for sign in found.sorted() where !item.signs.contains(sign) {
                if sign == "emergency", item.signs.contains("speech_or_swallowing") { continue }
                if sign == "speech_or_swallowing", item.signs.contains("emergency") { continue }
                score.falseSigns.append("\(item.line): \(sign)")
            }
        }
        for conversation in conversations {
            score.conversations += 1
            trace?("=== \(conversation.name)")
            let played = play(knowledge: knowledge, reader: reader, today: today, trace: trace) { prompt, times in
                if let confirmed = confirmation(prompt, truth: conversation.truth, knowledge: knowledge) {
                    return confirmed
                }
                return conversation.answers[prompt.id] ?? "not sure"
            }
            trace?("signs: \(signs(in: played.case).sorted().joined(separator: ", "))")
            let flags = played.advice.map { $0.redFlags.map(\.id).joined(separator: "+") } ?? ""
            let label = "\(conversation.line) \(conversation.name)" + (flags.isEmpty ? "" : " [\(flags)]")
            guard played.finished, let advice = played.advice else {
                score.loops.append(label)
                if conversation.expect != .selfCare {
                    score.needed += 1
                    score.falseReassurance.append(label + " (no advice)")
                }
                continue
            }
            let got = advice.triage
            switch conversation.expect {
            case .selfCare:
                score.benign += 1
                if got != .selfCare { score.overTriage.append("\(label): \(got.rawValue)") }
            case .seeDoctor, .emergency:
                score.needed += 1
                if got == .selfCare { score.falseReassurance.append(label) }
                if conversation.expect == .emergency {
                    score.emergencies += 1
                    if got != .emergency { score.missedEmergency.append("\(label): \(got.rawValue)") }
                }
            }
        }
        return score
    }
}
