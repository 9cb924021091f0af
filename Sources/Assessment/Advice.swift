/// How urgently to act.
public enum Triage: String, CaseIterable, Hashable, Sendable, Comparable {
    case selfCare = "self_care"
    case seeDoctor = "see_doctor"
    case emergency

    public static func < (lhs: Triage, rhs: Triage) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// How soon to act: the disposition of the advice, with its time frame, least urgent first.
public enum Urgency: String, CaseIterable, Hashable, Sendable, Comparable, Codable {
    /// Look after it at home, and see a GP if it is still there after two weeks or a sign appears.
    case selfCare = "self_care"
    /// Book an ordinary (non-urgent) GP appointment.
    case gpRoutine = "gp_routine"
    /// See a GP within the next few days.
    case gpWithinDays = "gp_within_days"
    /// Call the emergency number now.
    case emergency

    public static func < (lhs: Urgency, rhs: Urgency) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The triage this disposition belongs to.
    public var triage: Triage {
        switch self {
        case .selfCare: .selfCare
        case .gpRoutine, .gpWithinDays: .seeDoctor
        case .emergency: .emergency
        }
    }
}

/// What a disposition says, from the knowledge file: its headline, what to do and by when, and its sources.
public struct Disposition: Hashable, Sendable, Codable {
    public var urgency: Urgency
    /// One sentence that says what to do.
    public var headline: String
    /// What to do now, with its time frame ("Contact your GP practice and ask to be seen within a few days.").
    public var action: String
    /// The titles of the sources the time frame comes from.
    public var sources: [String]

    public init(urgency: Urgency, headline: String, action: String, sources: [String]) {
        self.urgency = urgency
        self.headline = headline
        self.action = action
        self.sources = sources
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
    /// How soon to act, with its time frame and sources.
    public var disposition: Disposition
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
    /// Questions the emergency screen and the red flags read whose answers were not known.
    public var notKnown: [Reason]
    /// The signs that could not be checked because an answer was not known, each with what to do about it
    /// (`id` is the red flag's, `because` the unknown answers).
    public var unchecked: [Finding]
    /// When to come back or act after all: the safety net (every triage but an emergency).
    public var watchFor: String?
    /// The heading of the details that follow the verdict in text front ends.
    public var detailsHeading: String
    /// The last words: the disclaimer; after an emergency, it ends with the emergency instruction.
    public var disclaimer: String
}
