/// When a rule applies, in terms of the answers in a case.
public indirect enum Condition: Hashable, Sendable, Codable {
    case all([Condition])
    case any([Condition])
    case test(question: String, Test)

    /// A test of one answer.
    public enum Test: Hashable, Sendable, Codable {
        /// A yes/no answer is this.
        case isYes(Bool)
        /// The episode is continuous.
        case isContinuous
        /// The frequency is this.
        case isFrequency(Frequency)
        /// A number (days, drinks, hours) is above this.
        case moreThan(Double)
        /// A number is below this.
        case lessThan(Double)
        /// A number is this or above.
        case atLeast(Double)
        /// The symptoms include one of these.
        case includesAny(Set<Symptom>)
        /// The symptoms are known and include none of these.
        case includesNone(Set<Symptom>)
        /// A "yes" whose words name one of these terms (lower-case, whole words): a diagnosis of a kind, named
        /// by the kind (`autoimmune`) and its vocabulary.
        case names(kind: String, terms: [String])
        /// The sites count this many places or more (a "both" side counts twice, "all over" counts as many).
        case placesAtLeast(Int)
        /// A site lies in one of these regions.
        case inRegions(Set<BodyRegion>)

        /// The answer kinds the test can be applied to.
        public var kinds: Set<AnswerKind> {
            switch self {
            case .isYes, .names: [.yesNo]
            case .isContinuous: [.episode]
            case .isFrequency: [.frequency]
            case .moreThan, .lessThan, .atLeast: [.daysAgo, .drinksPerDay, .hours, .episode]
            case .includesAny, .includesNone: [.symptoms]
            case .placesAtLeast, .inRegions: [.sites]
            }
        }

        /// Whether `value` passes the test.
        public func matches(_ value: Value) -> Bool {
            switch (self, value) {
            case (.isYes(let wanted), .yesNo(let said)): return wanted == said
            case (.isContinuous, .episode(let episode)): return episode == .continuous
            case (.isFrequency(let wanted), .frequency(let said)): return wanted == said
            case (.moreThan(let limit), _): return value.number.map { $0 > limit } ?? false
            case (.lessThan(let limit), _): return value.number.map { $0 < limit } ?? false
            case (.atLeast(let limit), _): return value.number.map { $0 >= limit } ?? false
            case (.includesAny(let wanted), .symptoms(let said)): return !wanted.isDisjoint(with: said)
            case (.includesNone(let unwanted), .symptoms(let said)): return unwanted.isDisjoint(with: said)
            case (.names, .yesNo(let yes)): return yes
            case (.placesAtLeast(let count), .sites(let sites)): return Site.places(in: sites) >= count
            case (.inRegions(let regions), .sites(let sites)):
                return sites.contains { regions.contains($0.part.region) }
            case (.isYes, _), (.isContinuous, _), (.isFrequency, _), (.includesAny, _), (.includesNone, _),
                (.names, _), (.placesAtLeast, _), (.inRegions, _):
                return false
            }
        }
    }

    /// The questions the condition reads.
    public var questions: [String] {
        switch self {
        case .all(let parts), .any(let parts): parts.flatMap(\.questions)
        case .test(let question, _): [question]
        }
    }

    /// Whether the case satisfies the condition (``evaluate(_:)`` without the reasons, and without allocating).
    public func holds(in case: Case) -> Bool {
        switch self {
        case .all(let parts):
            for part in parts where !part.holds(in: `case`) { return false }
            return true
        case .any(let parts):
            for part in parts where part.holds(in: `case`) { return true }
            return false
        case .test(let question, let test):
            guard let answer = `case`.answers[question], let value = answer.value, test.matches(value) else {
                return false
            }
            if case .names(_, let terms) = test { return Self.words(of: answer.said, include: terms) }
            return true
        }
    }

    /// Whether the case satisfies the condition, and the questions whose answers made it so.
    public func evaluate(_ case: Case) -> (matches: Bool, because: [String]) {
        switch self {
        case .all(let parts):
            var because: [String] = []
            for part in parts {
                let result = part.evaluate(`case`)
                guard result.matches else { return (false, []) }
                because.append(contentsOf: result.because)
            }
            return (true, because)
        case .any(let parts):
            var matched = false
            var because: [String] = []
            for part in parts {
                let result = part.evaluate(`case`)
                if result.matches {
                    matched = true
                    because.append(contentsOf: result.because)
                }
            }
            return (matched, because)
        case .test(let question, let test):
            guard let answer = `case`.answers[question], let value = answer.value, test.matches(value) else {
                return (false, [])
            }
            if case .names(_, let terms) = test, !Self.words(of: answer.said, include: terms) { return (false, []) }
            // The absence of a sign is a condition of the advice, not a reason to give it.
            if case .includesNone = test { return (true, []) }
            return (true, [question])
        }
    }
}

extension Condition {
    /// Whether `text` contains one of `terms` as whole words, ignoring case and punctuation ("Graves' disease"
    /// contains "graves disease").
    static func words(of text: String, include terms: [String]) -> Bool {
        let padded = " " + normalized(text) + " "
        return terms.contains { padded.contains(" " + normalized($0) + " ") }
    }

    /// Lower-case letters and digits, everything else (apostrophes too) one space.
    static func normalized(_ text: String) -> String {
        var result = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                result.append(character)
            } else if !result.isEmpty, result.last != " " {
                result.append(" ")
            }
        }
        return result.last == " " ? String(result.dropLast()) : result
    }
}

extension Value {
    /// The number a numeric answer holds: days, drinks, hours, or seconds of an episode.
    public var number: Double? {
        switch self {
        case .daysAgo(let n), .drinksPerDay(let n), .hours(let n): n
        case .episode(.seconds(let n)): n
        case .episode(.continuous): .infinity
        case .text, .yesNo, .frequency, .sites, .symptoms: nil
        }
    }
}

extension Site {
    /// How many places the sites count: "both" counts twice, "all over" counts as many.
    public static func places(in sites: [Site]) -> Int {
        var sides: [BodyPart: Set<Side>] = [:]
        for site in sites {
            if site.part == .allOver { return Int.max }
            switch site.side {
            case .left?: sides[site.part, default: []].insert(.left)
            case .right?: sides[site.part, default: []].insert(.right)
            case .both?: sides[site.part, default: []].formUnion([.left, .right])
            case nil: sides[site.part, default: []].formUnion([])
            }
        }
        return sides.values.reduce(0) { $0 + max($1.count, 1) }
    }
}
