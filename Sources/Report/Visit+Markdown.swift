import Assessment
import Dialogue

extension Visit {
    /// The questions a doctor asks first, in the article's order ("Diagnosing muscle twitching").
    static let doctorQuestions = [
        "onset", "episode_length", "locations", "same_place", "frequency", "moving_and_resting",
    ]
    /// Everyday habits that the causes read.
    static let habitQuestions = ["stress", "caffeine", "sleep", "hydration", "diet", "exercise"]
    /// The person's own words; shown last, as they said them.
    static let openingQuestion = "opening"

    /// The visit summary in Markdown, readable as plain text: the doctor's questions first, then the signs asked
    /// about, the other answers and habits, the outcome with its reasons, the person's own words and the disclaimer.
    public var markdown: String {
        var lines = ["# Muscle twitching: visit summary", ""]
        lines.append(
            (date.map { "\($0). " } ?? "")
                + "Written by TwitchTalk from the answers the person gave, for their doctor. It is not a diagnosis.")
        if advice?.triage == .emergency {
            lines += [
                "",
                "**Emergency:** trouble breathing or swallowing was reported. The interview stopped there; the other "
                    + "questions were not asked.",
            ]
        } else if !isFinished {
            let missing = unanswered.map { $0.label.lowercased() }
            lines += [
                "",
                "**Not finished:** the interview was left before the advice"
                    + (missing.isEmpty ? "." : "; not answered: \(missing.joined(separator: ", "))."),
            ]
        }

        let grouped = Set(Self.doctorQuestions + Self.habitQuestions + [Self.openingQuestion])
        section("When, where and how", Self.doctorQuestions.compactMap(answerLine), into: &lines)
        section("Signs a doctor should know about", signLines, into: &lines)
        let others = knowledge.questions.filter { !grouped.contains($0.id) }.map(\.id).compactMap(answerLine)
        section("Other answers", others, into: &lines)
        section("Habits", Self.habitQuestions.compactMap(answerLine), into: &lines)
        section("Outcome", outcomeLines, into: &lines)
        if let opening = `case`[Self.openingQuestion], !opening.said.isEmpty {
            section("In their own words", ["> " + Self.escaped(opening.said, limit: 800)], into: &lines)
        }
        lines += ["", "---", "", advice?.disclaimer ?? knowledge.messages[.disclaimer]]
        return lines.joined(separator: "\n") + "\n"
    }

    private func section(_ title: String, _ body: [String], into lines: inout [String]) {
        guard !body.isEmpty else { return }
        lines += ["", "## \(title)"] + body
    }

    /// `- **Label:** value (said: "words")`, or nothing when the question was not answered.
    private func answerLine(_ id: String) -> String? {
        guard let (question, answer) = answer(id) else { return nil }
        let label =
            question.id == knowledge.emergency.when?.questions.first
            ? "\(question.label) (emergency screen)"
            : question.label
        guard let value = answer.value else {
            return "- **\(label):** not known" + Self.said(answer.said, unlike: "")
        }
        let shown = Self.shown(id, value)
        let passing = isUnaskedChecklist(question) ? " (said in passing; the checklist was not asked)" : ""
        return "- **\(label):** \(Self.escaped(shown))" + Self.said(answer.said, unlike: shown) + passing
    }

    /// ` (said: "words")` when the words say more than what was understood shows ("6" beside "6 a day" does not).
    private static func said(_ words: String, unlike shown: String) -> String {
        let plain = words.lowercased().filter { $0.isLetter || $0.isNumber }
        guard !plain.isEmpty, !shown.lowercased().filter({ $0.isLetter || $0.isNumber }).contains(plain) else {
            return ""
        }
        return " (said: \"\(escaped(words))\")"
    }

    /// A value in plain words, as a doctor would note it.
    static func shown(_ id: String, _ value: Value) -> String {
        switch value {
        case .yesNo(let yes): yes ? "yes" : "no"
        case .symptoms(let symptoms): symptoms.isEmpty ? "none of those asked about" : Interview.describe(id, value)
        case .hours: Interview.said(id, value)
        case .drinksPerDay: Interview.said(id, value) + " a day"
        case .text, .daysAgo, .episode, .frequency, .sites: Interview.describe(id, value)
        }
    }

    // MARK: Signs

    /// Whether a sign (a red flag) was found, ruled out, not known or not asked, with the answers that tell.
    enum SignState: Hashable {
        case present([Reason])
        case absent
        case notKnown([Reason])
        case notAsked
    }

    func state(of rule: Rule) -> SignState {
        guard let condition = rule.when else { return .notAsked }
        let result = condition.evaluate(`case`)
        if result.matches { return .present(reasons(result.because)) }
        let read = condition.questions
        let unknown = read.filter { `case`[$0] != nil && `case`[$0]?.value == nil }
        if !unknown.isEmpty { return .notKnown(reasons(unknown)) }
        if read.contains(where: { `case`[$0] == nil }) { return .notAsked }
        // Symptoms said in passing do not rule the others out: the checklist itself was not asked.
        if read.contains(where: { knowledge.question($0).map(isUnaskedChecklist) ?? false }) { return .notAsked }
        return .absent
    }

    private func reasons(_ ids: [String]) -> [Reason] {
        var seen: Set<String> = []
        return ids.compactMap { id in
            guard seen.insert(id).inserted, let (question, answer) = answer(id) else { return nil }
            return Reason(question: id, label: question.label, said: answer.said)
        }
    }

    private var signLines: [String] {
        let states = knowledge.redFlags.map { ($0, state(of: $0)) }
        if states.allSatisfy({ $0.1 == .notAsked }) {
            return isFinished || !`case`.isEmpty ? ["Not asked."] : []
        }
        // Signs not asked (the interview ended early) are named one by one only when there are few.
        let notAsked = states.filter { $0.1 == .notAsked }.count
        var lines = states.compactMap { rule, state -> String? in
            switch state {
            case .present(let reasons): "- **Yes:** \(rule.text)\(Self.because(reasons))"
            case .absent: "- No: \(rule.text)"
            case .notKnown(let reasons): "- **Not known:** \(rule.text)\(Self.because(reasons))"
            case .notAsked: notAsked > 2 ? nil : "- Not asked: \(rule.text)"
            }
        }
        if notAsked > 2 {
            lines.append("- Not asked: \(notAsked) other signs; the interview ended before their questions.")
        }
        return lines
    }

    private static func because(_ reasons: [Reason]) -> String {
        guard !reasons.isEmpty else { return "" }
        return " (" + reasons.map { "\($0.label): \"\(escaped($0.said))\"" }.joined(separator: "; ") + ")"
    }

    // MARK: Outcome

    private var outcomeLines: [String] {
        guard let advice else {
            var lines = ["No advice: the interview was not finished."]
            let found = knowledge.advice(for: `case`).redFlags
            if !found.isEmpty {
                lines += ["", "Signs already found:"] + found.map { "- \($0.text)\(Self.because($0.because))" }
            }
            return lines
        }
        var lines = ["**\(Self.triageWords(advice.triage)).** \(advice.headline)"]
        // The signs found are listed above with their answers; other reasons (the emergency screen) are given here.
        let signs = Set(knowledge.redFlags.map(\.id))
        let others = advice.redFlags.filter { !signs.contains($0.id) }
        if others.isEmpty, advice.redFlags.contains(where: { signs.contains($0.id) }) {
            // In the headline's paragraph, so that a summary with many signs still fits one page.
            lines.append("Why: the signs marked **Yes** above.")
        }
        if !advice.unchecked.isEmpty {
            lines +=
                ["", "Could not be checked (an answer was not known):"]
                + advice.unchecked.map { "- \($0.text)\(Self.because($0.because))" }
        }
        if !advice.emergency.isEmpty { lines += ["", "Right now:"] + advice.emergency.map { "- \($0)" } }
        if !others.isEmpty {
            lines += ["", "Why:"] + others.map { "- \($0.text)\(Self.because($0.because))" }
        }
        if !advice.causes.isEmpty {
            lines +=
                ["", "Causes that may fit the answers:"]
                + advice.causes.map { "- \($0.name ?? $0.id)\(Self.because($0.because))" }
        }
        // The safety net when the advice is self-care; after see-a-doctor it only tells the person what to do
        // until the visit, which this summary is for.
        if advice.triage == .selfCare, let watchFor = advice.watchFor { lines += ["", watchFor] }
        return lines
    }

    static func triageWords(_ triage: Triage) -> String {
        switch triage {
        case .emergency: "Emergency care now"
        case .seeDoctor: "See a doctor"
        case .selfCare: "Self-care"
        }
    }

    // MARK: Safety

    /// The person's words made safe to print and to render as Markdown: control characters shown escaped, cut to
    /// `limit` characters, and Markdown's special characters escaped so that they show as typed.
    static func escaped(_ text: String, limit: Int? = Display.shownLength) -> String {
        var out = ""
        for character in Display.safe(text, limit: limit) {
            if "\\`*_[]<>#|~".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
