/// How the answer to a question is understood, and so what kind of value it fills.
public enum AnswerKind: String, CaseIterable, Hashable, Sendable, Codable {
    /// Free text, kept as said (the opening).
    case text
    /// Yes or no.
    case yesNo = "yes_no"
    /// How long ago something started, in days.
    case daysAgo = "days_ago"
    /// How long one twitch lasts, or "continuous".
    case episode
    /// How often it happens.
    case frequency
    /// One or more body sites.
    case sites
    /// A checklist of other symptoms; the empty set means "none".
    case symptoms
    /// Drinks (cups, cans) a day.
    case drinksPerDay = "drinks_per_day"
    /// Hours a night.
    case hours
}

/// A value understood from an answer.
public enum Value: Hashable, Sendable, Codable {
    case text(String)
    case yesNo(Bool)
    case daysAgo(Double)
    case episode(Episode)
    case frequency(Frequency)
    case sites([Site])
    case symptoms(Set<Symptom>)
    case drinksPerDay(Double)
    case hours(Double)

    /// The kind of answer this value fills.
    public var kind: AnswerKind {
        switch self {
        case .text: .text
        case .yesNo: .yesNo
        case .daysAgo: .daysAgo
        case .episode: .episode
        case .frequency: .frequency
        case .sites: .sites
        case .symptoms: .symptoms
        case .drinksPerDay: .drinksPerDay
        case .hours: .hours
        }
    }
}

/// How long one twitch lasts.
public enum Episode: Hashable, Sendable, Codable {
    case seconds(Double)
    case continuous
}

/// How often twitching happens, from most to least often.
public enum Frequency: String, CaseIterable, Hashable, Sendable, Comparable, Codable {
    /// All the time, without a break.
    case constant
    /// Several times an hour or more often ("every few minutes").
    case hourly
    /// Once to several times a day.
    case daily
    /// Once to several times a week.
    case weekly
    /// Less than once a week.
    case occasional

    public static func < (lhs: Frequency, rhs: Frequency) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A side of the body.
public enum Side: String, CaseIterable, Hashable, Sendable, Codable {
    case left, right, both
}

/// A part of the body where twitching can be felt.
public enum BodyPart: String, CaseIterable, Hashable, Sendable, Codable {
    case eyelid, face, lip, jaw, tongue, neck
    case shoulder, upperArm = "upper_arm", forearm, arm, hand, finger, thumb
    case chest, back, abdomen, hip, buttock
    case thigh, knee, leg, calf, shin, foot, toe
    /// "All over", "everywhere", "my whole body".
    case allOver = "all_over"

    /// Whether the body has this part on each side (a left and a right).
    public var isPaired: Bool {
        switch self {
        case .eyelid, .shoulder, .upperArm, .forearm, .arm, .hand, .finger, .thumb, .hip, .buttock, .thigh, .knee,
            .leg, .calf, .shin, .foot, .toe:
            true
        case .face, .lip, .jaw, .tongue, .neck, .chest, .back, .abdomen, .allOver: false
        }
    }

    /// The larger region the part belongs to.
    public var region: BodyRegion {
        switch self {
        case .eyelid, .face, .lip, .jaw, .tongue: .head
        case .neck: .neck
        case .shoulder, .upperArm, .forearm, .arm, .hand, .finger, .thumb: .arm
        case .chest, .back, .abdomen, .hip, .buttock: .trunk
        case .thigh, .knee, .leg, .calf, .shin, .foot, .toe: .leg
        case .allOver: .everywhere
        }
    }
}

/// A region of the body, coarser than a part.
public enum BodyRegion: String, CaseIterable, Hashable, Sendable, Codable {
    case head, neck, arm, trunk, leg, everywhere
}

/// A body part, with a side when the person named one ("left eyelid", "both calves").
public struct Site: Hashable, Sendable, Decodable {  // Encodable in Case+JSON.swift
    public var part: BodyPart
    public var side: Side?

    public init(_ part: BodyPart, side: Side? = nil) {
        self.part = part
        self.side = side
    }
}

/// A symptom of the `other_symptoms` checklist.
public enum Symptom: String, CaseIterable, Hashable, Sendable, Codable {
    case weakness
    case muscleLoss = "muscle_loss"
    case numbness
    case tingling
    case sensationChange = "sensation_change"
    case fever
    case headache
    case nausea
    case vomiting
    /// Trouble speaking, swallowing or breathing that is not happening right now.
    case speechOrSwallowing = "speech_or_swallowing"
    case soreness
}
