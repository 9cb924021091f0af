extension Knowledge {
    /// The rules core: the advice for a case. Pure: the same case always gives the same advice.
    ///
    /// - Parameters:
    ///   - case: the answers.
    ///   - dayName: names the day so many days from today ("11 December"), when the shell passed a date in;
    ///     without it, the safety net says "in 11 days".
    public func advice(for case: Case, dayName: ((Int) -> String)? = nil) -> Advice {
        let emergencyHit = self.emergency.when?.evaluate(`case`) ?? (matches: false, because: [])
        if emergencyHit.matches {
            let disposition = self.disposition(.emergency)
            return Advice(
                triage: .emergency, disposition: disposition, headline: disposition.headline,
                emergency: emergencyAdvice,
                redFlags: [finding(emergency, because: emergencyHit.because, in: `case`)], causes: [], homeCare: [],
                tellDoctor: summary(of: `case`), doctorMayDo: [], notKnown: [], unchecked: [], watchFor: nil,
                detailsHeading: messages[.adviceDetails],
                disclaimer: messages[.emergencyEnd])
        }
        let redFlags = findings(redFlags, in: `case`)
        let causes = findings(causes, in: `case`)
        let urgency = self.urgency(of: redFlags)
        let disposition = self.disposition(urgency)
        let unchecked = self.unchecked(in: `case`, raised: Set(redFlags.map(\.id)))
        let cited = Set((redFlags + causes).flatMap { $0.because.map(\.question) })
        let headline =
            urgency == .selfCare && !unchecked.isEmpty ? messages[.uncheckedHeadline] : disposition.headline
        return Advice(
            triage: urgency.triage,
            disposition: disposition,
            headline: headline,
            emergency: [],
            redFlags: redFlags,
            causes: causes,
            homeCare: findings(homeCare, in: `case`),
            tellDoctor: summary(of: `case`) { $0.forDoctor || cited.contains($0.id) },
            doctorMayDo: urgency == .selfCare ? [] : findings(doctor, in: `case`),
            notKnown: notKnown(in: `case`),
            unchecked: unchecked,
            watchFor: urgency == .selfCare ? comeBack(`case`, dayName: dayName) : messages[.seeDoctorWatch],
            detailsHeading: messages[.adviceDetails],
            disclaimer: messages[.disclaimer])
    }

    /// The disposition for `urgency`; a knowledge file always has all four (the loader checks).
    public func disposition(_ urgency: Urgency) -> Disposition {
        dispositions[urgency] ?? Disposition(urgency: urgency, headline: urgency.rawValue, action: "", sources: [])
    }

    /// The most urgent of the red flags' urgencies; enough flags together make it "within a few days".
    private func urgency(of raised: [Finding]) -> Urgency {
        guard !raised.isEmpty else { return .selfCare }
        if let count = withinDaysWhenFlagsAtLeast, raised.count >= count { return .gpWithinDays }
        let ids = Set(raised.map(\.id))
        return redFlags.filter { ids.contains($0.id) }.compactMap(\.urgency).max() ?? .gpWithinDays
    }

    /// The safety net of self care: when to see a GP after all, with a date when today is known.
    private func comeBack(_ case: Case, dayName: ((Int) -> String)?) -> String {
        let span = Self.spoken(days: comeBackAfterDays)
        let when: String
        if case .daysAgo(let days)? = `case`["onset"]?.value, days.isFinite, days >= 0 {
            let left = max(0, comeBackAfterDays - Int(days.rounded()))
            if let dayName {
                when = "after \(dayName(left)) (\(span) after it started)"
            } else {
                when =
                    left == 0
                    ? "after today (\(span) after it started)"
                    : "in \(left) day\(left == 1 ? "" : "s") (\(span) after it started)"
            }
        } else {
            when = "\(span) after it started"
        }
        return messages[.comeBack].replacingFirst("{when}", with: when)
    }

    /// "two weeks", "10 days".
    static func spoken(days: Int) -> String {
        let words = [1: "one", 2: "two", 3: "three", 4: "four"]
        if days % 7 == 0, let word = words[days / 7] { return word + (days == 7 ? " week" : " weeks") }
        return "\(days) days"
    }

    /// The labelled answers of a case, in question order ("When it started: 3 days ago"), for a summary or the
    /// doctor; `including` picks the questions.
    public func summary(of case: Case, including: (Question) -> Bool = { _ in true }) -> [String] {
        questions.compactMap { question in
            guard including(question), let answer = `case`[question.id] else {
                return nil
            }
            return "\(question.label): \(answer.value == nil ? "not known" : Display.safe(answer.said))"
        }
    }

    /// The questions that the emergency screen and the red flags read and whose answers were not known, in
    /// question order.
    private func notKnown(in case: Case) -> [Reason] {
        let read = Set(([emergency] + redFlags).compactMap(\.when).flatMap(\.questions))
        return questions.compactMap { question in
            guard read.contains(question.id), let answer = `case`[question.id], answer.value == nil else { return nil }
            return Reason(question: question.id, label: question.label, said: Display.safe(answer.said))
        }
    }

    /// The emergency screen and the red flags that did not apply but read an answer that was not known: signs
    /// that could not be checked, each with what to do about it.
    private func unchecked(in case: Case, raised: Set<String>) -> [Finding] {
        ([emergency] + redFlags).compactMap { rule in
            guard !raised.contains(rule.id), let condition = rule.when else { return nil }
            let unknown = condition.questions.filter { `case`[$0] != nil && `case`[$0]?.value == nil }
            guard !unknown.isEmpty else { return nil }
            var seen: Set<String> = []
            let reasons = unknown.compactMap { id -> Reason? in
                guard seen.insert(id).inserted, let answer = `case`[id] else { return nil }
                return Reason(question: id, label: question(id)?.label ?? id, said: Display.safe(answer.said))
            }
            return Finding(
                id: rule.id, text: rule.ifUnknown ?? rule.text, because: reasons,
                sources: ([rule.source] + (rule.alsoSource.map { [$0] } ?? [])).map(sourceTitle))
        }
    }

    private func findings(_ rules: [Rule], in case: Case) -> [Finding] {
        rules.compactMap { rule in
            guard let condition = rule.when else { return finding(rule, because: [], in: `case`) }
            let result = condition.evaluate(`case`)
            return result.matches ? finding(rule, because: result.because, in: `case`) : nil
        }
    }

    private func finding(_ rule: Rule, because questions: [String], in case: Case) -> Finding {
        var seen: Set<String> = []
        let reasons = questions.compactMap { id -> Reason? in
            guard seen.insert(id).inserted, let answer = `case`[id] else { return nil }
            return Reason(question: id, label: question(id)?.label ?? id, said: Display.safe(answer.said))
        }
        return Finding(
            id: rule.id, name: rule.name, text: rule.text, because: reasons,
            sources: ([rule.source] + (rule.alsoSource.map { [$0] } ?? [])).map(sourceTitle))
    }
}

/// Making untrusted text safe to show.
public enum Display {
    /// The most characters of a person's answer that are shown back.
    public static let shownLength = 200

    /// `text` with control characters, escape sequences and bidirectional overrides shown escaped (`\u{1B}`),
    /// cut to `limit` characters (followed by "…") when a limit is given.
    public static func safe(_ text: String, limit: Int? = shownLength) -> String {
        var result = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if let limit, count == limit {
                result += "…"
                break
            }
            count += 1
            if isUnsafe(scalar) {
                result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// C0 and C1 controls, DEL, line and paragraph separators, and bidirectional overrides and isolates.
    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value <= 0x1F || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029
            || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
    }
}

extension String {
    /// The text with the first `placeholder` replaced by `text`; without it, the text followed by `text`.
    func replacingFirst(_ placeholder: String, with text: String) -> String {
        guard let range = firstRange(of: placeholder) else { return self + " " + text }
        return replacingCharacters(in: range, with: text)
    }
}
