extension Knowledge {
    /// The rules core: the advice for a case. Pure: the same case always gives the same advice.
    public func advice(for case: Case) -> Advice {
        let emergencyHit = self.emergency.when?.evaluate(`case`) ?? (matches: false, because: [])
        if emergencyHit.matches {
            return Advice(
                triage: .emergency, headline: messages[.triageEmergency], emergency: emergencyAdvice,
                redFlags: [finding(emergency, because: emergencyHit.because, in: `case`)], causes: [], homeCare: [],
                tellDoctor: summary(of: `case`), doctorMayDo: [], notKnown: [], watchFor: nil,
                disclaimer: messages[.disclaimer])
        }
        let redFlags = findings(redFlags, in: `case`)
        let causes = findings(causes, in: `case`)
        let triage: Triage = redFlags.isEmpty ? .selfCare : .seeDoctor
        let cited = Set((redFlags + causes).flatMap { $0.because.map(\.question) })
        return Advice(
            triage: triage,
            headline: triage == .selfCare ? messages[.triageSelfCare] : messages[.triageSeeDoctor],
            emergency: [],
            redFlags: redFlags,
            causes: causes,
            homeCare: findings(homeCare, in: `case`),
            tellDoctor: summary(of: `case`) { $0.forDoctor || cited.contains($0.id) },
            doctorMayDo: triage == .selfCare ? [] : findings(doctor, in: `case`),
            notKnown: notKnown(in: `case`),
            watchFor: triage == .selfCare ? messages[.selfCareWatch] : nil,
            disclaimer: messages[.disclaimer])
    }

    /// The labelled answers of a case, in question order ("When it started: 3 days ago"), for a summary or the
    /// doctor; `including` picks the questions.
    public func summary(of case: Case, including: (Question) -> Bool = { _ in true }) -> [String] {
        questions.compactMap { question in
            guard question.id != emergencyQuestion, including(question), let answer = `case`[question.id] else {
                return nil
            }
            return "\(question.label): \(answer.value == nil ? "not known" : Display.safe(answer.said))"
        }
    }

    /// The questions that red flags read and whose answers were not known, in question order.
    private func notKnown(in case: Case) -> [Reason] {
        let read = Set(redFlags.compactMap(\.when).flatMap(\.questions))
        return questions.compactMap { question in
            guard read.contains(question.id), let answer = `case`[question.id], answer.value == nil else { return nil }
            return Reason(question: question.id, label: question.label, said: Display.safe(answer.said))
        }
    }

    /// The question the emergency screen reads; its answer is not repeated in summaries.
    private var emergencyQuestion: String? { emergency.when?.questions.first }

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
