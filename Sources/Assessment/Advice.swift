/// How urgently to act.
public enum Triage: String, CaseIterable, Hashable, Sendable, Comparable {
    case selfCare = "self_care"
    case seeDoctor = "see_doctor"
    case emergency

    public static func < (lhs: Triage, rhs: Triage) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// An answer that made a rule apply.
public struct Reason: Hashable, Sendable, CustomStringConvertible {
    /// The question id.
    public var question: String
    /// The question's short label ("When it started").
    public var label: String
    /// What the person said, made safe to show.
    public var said: String

    public init(question: String, label: String, said: String) {
        self.question = question
        self.label = label
        self.said = said
    }

    /// `question: "said"`.
    public var description: String { "\(question): \"\(said)\"" }
}

/// One item of advice with its reasons: a red flag, a cause, a piece of home care or a doctor's step.
public struct Finding: Hashable, Sendable {
    public var id: String
    /// A short name (causes).
    public var name: String?
    public var text: String
    /// The answers that made the rule apply; empty for advice that always applies.
    public var because: [Reason]
    /// The titles of the sources the rule comes from.
    public var sources: [String]

    public init(id: String, name: String? = nil, text: String, because: [Reason], sources: [String]) {
        self.id = id
        self.name = name
        self.text = text
        self.because = because
        self.sources = sources
    }
}

/// The advice for a case: a value, computed by `Knowledge.advice(for:)`.
public struct Advice: Hashable, Sendable {
    public var triage: Triage
    /// One sentence that says what to do.
    public var headline: String
    /// What to do now in an emergency.
    public var emergency: [String]
    public var redFlags: [Finding]
    public var causes: [Finding]
    /// Home care, tailored to the answers.
    public var homeCare: [Finding]
    /// Lines to tell the doctor: the answers, labelled.
    public var tellDoctor: [String]
    /// What the doctor may do, when the advice is to see one.
    public var doctorMayDo: [Finding]
    /// Questions the red flags read whose answers were not known, so those signs could not be checked.
    public var notKnown: [Reason]
    /// When to see a doctor after all (self care only).
    public var watchFor: String?
    public var disclaimer: String
}
