import Assessment
import Screening

/// A labelled corpus of messages and the parts of the case each must (and must not) yield, and its scoring:
/// accuracy per field and red flags missed. Used by the tests and by `twitchtalk bench-understanding`.
///
/// One item a line: `PENDING[@YYYY-MM-DD] | TEXT | EXPECTED`, where PENDING is the question being asked
/// (`opening` for a first message), the date is "today" for relative dates, and EXPECTED is `;`-separated
/// `field=value` (must yield) and `!field` (must not fill). Values: days (`onset`), seconds or `continuous`
/// (`episode_length`), a frequency name, sites (`left eyelid, both calf, all_over`), symptoms (`none` or
/// `weakness+tingling`), numbers (`caffeine`, `sleep`), `yes`/`no`, `unknown` (recorded as unknown), and the
/// pseudo-fields `confirm` (signs the safety reading asks to confirm, `weakness+numbness`), `side` (a side alone, as a correction) and `topic` (the id of the answer to the person's own
/// question). Any other field the message fills counts as wrong. `#` starts a comment line.
public enum UnderstandingCorpus {
    public struct Item: Hashable, Sendable {
        public var line: Int
        public var pending: String
        public var today: CalendarDate?
        public var text: String
        public var expected: [String: String]
        public var absent: [String]
    }

    /// A field that came out wrong.
    public struct Miss: Hashable, Sendable {
        public var line: Int
        public var field: String
        public var expected: String
        public var got: String
    }

    public struct Score: Hashable, Sendable {
        /// Right and scored fields, by field.
        public var fields: [String: (right: Int, total: Int)] = [:]
        public var misses: [Miss] = []
        /// Red flags the expected case raises and the understood one does not, as `line: flag`.
        public var redFlagsMissed: [String] = []
        public var items = 0

        public var right: Int { fields.values.map(\.right).reduce(0, +) }
        public var total: Int { fields.values.map(\.total).reduce(0, +) }
        public var accuracy: Double { total == 0 ? 0 : Double(right) / Double(total) }

        public static func == (lhs: Score, rhs: Score) -> Bool {
            lhs.misses == rhs.misses && lhs.redFlagsMissed == rhs.redFlagsMissed && lhs.items == rhs.items
                && lhs.right == rhs.right && lhs.total == rhs.total
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(misses)
            hasher.combine(items)
        }

        mutating func count(_ field: String, right: Bool) {
            var entry = fields[field] ?? (0, 0)
            entry.total += 1
            if right { entry.right += 1 }
            fields[field] = entry
        }
    }

    /// The items of `text`; lines that cannot be read are returned as errors (`line: problem`).
    public static func parse(_ text: String) -> (items: [Item], errors: [String]) {
        var items: [Item] = []
        var errors: [String] = []
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(rawLine).trimmingSpaces
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: "|", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
            guard parts.count == 3 else {
                errors.append("\(offset + 1): expected PENDING | TEXT | EXPECTED")
                continue
            }
            let head = parts[0].split(separator: "@").map(String.init)
            var today: CalendarDate?
            if head.count == 2 {
                guard let date = CalendarDate(parsing: head[1]) else {
                    errors.append("\(offset + 1): bad date \(head[1])")
                    continue
                }
                today = date
            }
            var expected: [String: String] = [:]
            var absent: [String] = []
            for field in parts[2].split(separator: ";").map({ String($0).trimmingSpaces }) where !field.isEmpty {
                if field.hasPrefix("!") {
                    absent.append(String(field.dropFirst()))
                } else if let equals = field.firstIndex(of: "=") {
                    expected[String(field[..<equals]).trimmingSpaces] =
                        String(field[field.index(after: equals)...])
                        .trimmingSpaces
                } else {
                    errors.append("\(offset + 1): expected field=value or !field, got \(field)")
                }
            }
            items.append(
                Item(
                    line: offset + 1, pending: head[0], today: today, text: parts[1], expected: expected,
                    absent: absent))
        }
        return (items, errors)
    }

    /// What `item`'s text yields, field by field, as corpus values.
    public static func understand(_ item: Item, knowledge: Knowledge, reader: Understanding.Reader) -> [String: String]
    {
        let pending = knowledge.question(item.pending)
        let understood = reader.read(item.text, pending: pending, today: item.today)
        var result: [String: String] = [:]
        for (id, value) in understood.values { result[id] = format(value) }
        if let pending, pending.kind != .text {
            switch understood.pending {
            case .value(let value)?: result[pending.id] = format(value)
            case .unknown?: result[pending.id] = "unknown"
            case .unclear?, nil: break
            }
        }
        // What the safety reading takes at once, and what it asks to confirm (`confirm=weakness+numbness`).
        var symptoms: Set<Symptom> = []
        if case .symptoms(let named)? = understood.values["other_symptoms"] { symptoms = named }
        if let pending, pending.kind == .symptoms, case .value(.symptoms(let named))? = understood.pending {
            symptoms.formUnion(named)
        }
        var confirm: [String] = []
        for mention in understood.mentions {
            guard let sign = knowledge.signs.first(where: { $0.id == mention.sign }) else { continue }
            let affirmedToo = understood.mentions.contains { $0.sign == mention.sign && $0.affirms }
            if mention.needsConfirmation, !affirmedToo, !confirm.contains(sign.id) { confirm.append(sign.id) }
            guard mention.affirms else { continue }
            switch sign.effect {
            case .symptom(let symptom):
                symptoms.insert(symptom)
                result["other_symptoms"] = format(.symptoms(symptoms))
            case .answer(let id, let yes):
                result[id] = yes ? "yes" : "no"
            }
        }
        confirm.removeAll { id in
            guard case .answer(let question, let yes)? = knowledge.signs.first(where: { $0.id == id })?.effect
            else {
                return false
            }
            return result[question] == (yes ? "yes" : "no")
        }
        if !confirm.isEmpty { result["confirm"] = confirm.sorted().joined(separator: "+") }
        if let side = understood.side { result["side"] = side.rawValue }
        if let topic = understood.topic { result["topic"] = topic }
        return result
    }

    /// Scores `items`.
    public static func evaluate(_ items: [Item], knowledge: Knowledge) -> Score {
        let reader = Understanding.Reader(knowledge: knowledge)
        var score = Score()
        score.items = items.count
        for item in items {
            let got = understand(item, knowledge: knowledge, reader: reader)
            for (field, want) in item.expected.sorted(by: { $0.key < $1.key }) {
                let right = got[field].map { matches($0, want, field: field, knowledge: knowledge) } ?? false
                score.count(field, right: right)
                if !right {
                    score.misses.append(Miss(line: item.line, field: field, expected: want, got: got[field] ?? "-"))
                }
            }
            for field in item.absent {
                score.count(field, right: got[field] == nil)
                if let value = got[field] {
                    score.misses.append(Miss(line: item.line, field: field, expected: "-", got: value))
                }
            }
            for (field, value) in got.sorted(by: { $0.key < $1.key })
            where item.expected[field] == nil && !item.absent.contains(field) {
                score.count(field, right: false)
                score.misses.append(Miss(line: item.line, field: field, expected: "-", got: value))
            }
            let expectedCase = caseOf(item.expected, knowledge: knowledge)
            let gotCase = caseOf(got, knowledge: knowledge)
            for rule in [knowledge.emergency] + knowledge.redFlags {
                guard let when = rule.when, when.evaluate(expectedCase).matches else { continue }
                if !when.evaluate(gotCase).matches { score.redFlagsMissed.append("\(item.line): \(rule.id)") }
            }
        }
        return score
    }

    // MARK: Values

    /// A value as the corpus writes it.
    public static func format(_ value: Value) -> String {
        switch value {
        case .text(let text): return text
        case .yesNo(let yes): return yes ? "yes" : "no"
        case .daysAgo(let days): return number(days)
        case .episode(.continuous): return "continuous"
        case .episode(.seconds(let seconds)): return number(seconds)
        case .frequency(let frequency): return frequency.rawValue
        case .sites(let sites):
            return sites.map { site in (site.side.map { $0.rawValue + " " } ?? "") + site.part.rawValue }
                .joined(separator: ", ")
        case .symptoms(let symptoms):
            let names = Symptom.allCases.filter(symptoms.contains).map(\.rawValue)
            return names.isEmpty ? "none" : names.joined(separator: "+")
        case .drinksPerDay(let drinks): return number(drinks)
        case .hours(let hours): return number(hours)
        }
    }

    static func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? "\(Int(rounded))" : "\(rounded)"
    }

    /// Whether `got` is `want`: numbers within 5%, sites and symptoms in any order.
    public static func matches(_ got: String, _ want: String, field: String, knowledge: Knowledge) -> Bool {
        if got == want { return true }
        if let a = Double(got), let b = Double(want) { return abs(a - b) <= 0.01 + 0.05 * abs(b) }
        switch knowledge.question(field)?.kind {
        case .sites?, .symptoms?:
            let split: (String) -> Set<String> = { text in
                Set(text.split(whereSeparator: { $0 == "," || $0 == "+" }).map { String($0).trimmingSpaces })
            }
            return split(got) == split(want)
        case .text?, .yesNo?, .daysAgo?, .episode?, .frequency?, .drinksPerDay?, .hours?, nil:
            return false
        }
    }

    /// The value a corpus string stands for, as an answer to `question`.
    static func value(_ text: String, for question: Question) -> Value? {
        switch question.kind {
        case .text: return .text(text)
        case .yesNo: return text == "yes" ? .yesNo(true) : text == "no" ? .yesNo(false) : nil
        case .daysAgo: return Double(text).map(Value.daysAgo)
        case .episode: return text == "continuous" ? .episode(.continuous) : Double(text).map { .episode(.seconds($0)) }
        case .frequency: return Frequency(rawValue: text).map(Value.frequency)
        case .sites:
            var sites: [Site] = []
            for part in text.split(separator: ",").map({ String($0).trimmingSpaces }) {
                let words = part.split(separator: " ").map(String.init)
                guard let name = words.last, let body = BodyPart(rawValue: name) else { return nil }
                sites.append(Site(body, side: words.count > 1 ? Side(rawValue: words[0]) : nil))
            }
            return .sites(sites)
        case .symptoms:
            if text == "none" { return .symptoms([]) }
            return .symptoms(Set(text.split(separator: "+").compactMap { Symptom(rawValue: String($0)) }))
        case .drinksPerDay: return Double(text).map(Value.drinksPerDay)
        case .hours: return Double(text).map(Value.hours)
        }
    }

    static func caseOf(_ fields: [String: String], knowledge: Knowledge) -> Case {
        var result = Case()
        for (id, text) in fields {
            guard let question = knowledge.question(id) else { continue }
            result[id] = Answer(said: text, value: value(text, for: question))
        }
        return result
    }
}
