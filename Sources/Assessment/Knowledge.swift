/// Everything the assistant asks and advises: questions, rules and texts, loaded from the knowledge file.
public struct Knowledge: Hashable, Sendable, Codable {
    /// The sources that rules cite, by id.
    public var sources: [String: Source]
    /// The questions, in the order they are asked.
    public var questions: [Question]
    /// The emergency screen: when it matches, the interview stops at once.
    public var emergency: Rule
    /// What to say when the emergency screen matches.
    public var emergencyAdvice: [String]
    /// The signs that mean "see a doctor".
    public var redFlags: [Rule]
    /// Causes and the answers that point to them.
    public var causes: [Rule]
    /// What to do at home; rules without a condition always apply.
    public var homeCare: [Rule]
    /// What the doctor may do.
    public var doctor: [Rule]
    /// Answers to the person's own questions ("Is this ALS?"), each from a source.
    public var answers: [Answer] = []
    /// What each disposition says and the source of its time frame; every `Urgency` has one.
    public var dispositions: [Urgency: Disposition] = [:]
    /// How many red flags together make any see-a-doctor advice "within a few days" (our choice); `nil`: never.
    public var withinDaysWhenFlagsAtLeast: Int?
    /// Self care: after how many days from the start a twitch that is still there should be seen by a GP.
    public var comeBackAfterDays: Int = 14
    /// The assistant's fixed sentences.
    public var messages: Messages
    /// The signs read in every message (empty in a file without `signs`).
    public var signs: [Sign] = []
    /// The cues that set how a sign is said.
    public var assertionCues = AssertionCues(terms: [:], source: "")

    public init(
        sources: [String: Source], questions: [Question], emergency: Rule, emergencyAdvice: [String],
        redFlags: [Rule], causes: [Rule], homeCare: [Rule], doctor: [Rule], answers: [Answer] = [],
        dispositions: [Urgency: Disposition] = [:], withinDaysWhenFlagsAtLeast: Int? = nil,
        comeBackAfterDays: Int = 14, messages: Messages, signs: [Sign] = [],
        assertionCues: AssertionCues = AssertionCues(terms: [:], source: "")
    ) {
        self.sources = sources
        self.questions = questions
        self.emergency = emergency
        self.emergencyAdvice = emergencyAdvice
        self.redFlags = redFlags
        self.causes = causes
        self.homeCare = homeCare
        self.doctor = doctor
        self.answers = answers
        self.dispositions = dispositions
        self.withinDaysWhenFlagsAtLeast = withinDaysWhenFlagsAtLeast
        self.comeBackAfterDays = comeBackAfterDays
        self.messages = messages
        self.signs = signs
        self.assertionCues = assertionCues
    }

    /// The question with `id`, if there is one.
    public func question(_ id: String) -> Question? {
        questions.first { $0.id == id }
    }

    /// The human title of the source `id`, or the id itself.
    public func sourceTitle(_ id: String) -> String {
        sources[id]?.title ?? id
    }
}

extension Knowledge {
    /// One answer to a question the person may ask.
    public struct Answer: Hashable, Sendable, Codable {
        public var id: String
        /// Lower-case phrases that show the person asks this ("als", "difference between").
        public var asks: [String]
        public var text: String
        public var source: String
        public var alsoSource: String?

        public init(id: String, asks: [String], text: String, source: String, alsoSource: String? = nil) {
            self.id = id
            self.asks = asks
            self.text = text
            self.source = source
            self.alsoSource = alsoSource
        }
    }
}

/// A reference that backs a question or a rule.
public struct Source: Hashable, Sendable, Codable {
    public var id: String
    public var title: String

    public init(id: String, title: String) {
        self.id = id
        self.title = title
    }
}

/// One question of the interview.
public struct Question: Hashable, Sendable, Codable {
    /// The public id, used in JSON and by the socket protocol (for example `onset`).
    public var id: String
    /// A short label for summaries ("When it started").
    public var label: String
    /// Whether the answer is always worth telling a doctor (the doctor's own questions); other answers are
    /// told when a rule cites them.
    public var forDoctor: Bool
    /// How its answers are understood.
    public var kind: AnswerKind
    /// What is asked.
    public var text: String
    /// An example answer, given when an answer is not understood.
    public var example: String
    /// Why it is asked, for `/why`.
    public var why: String
    /// The source that makes the question worth asking.
    public var source: String
    /// Suggested answers, for completion and chat buttons.
    public var choices: [String]
    /// Phrases particular to this question and what they mean.
    public var phrases: [String: Value]
    /// When the question is not asked.
    public var skipWhen: Condition?
    /// The concrete follow-up asked once when the answer is "not sure".
    public var ifUnsure: String?
    /// What a yes and a no are read back as ("No trouble breathing or swallowing right now.").
    public var readBack: ReadBack? = nil

    public init(
        id: String, label: String, forDoctor: Bool, kind: AnswerKind, text: String, example: String, why: String,
        source: String, choices: [String], phrases: [String: Value] = [:], skipWhen: Condition? = nil,
        ifUnsure: String? = nil, readBack: ReadBack? = nil
    ) {
        self.id = id
        self.label = label
        self.forDoctor = forDoctor
        self.kind = kind
        self.text = text
        self.example = example
        self.why = why
        self.source = source
        self.choices = choices
        self.phrases = phrases
        self.skipWhen = skipWhen
        self.ifUnsure = ifUnsure
        self.readBack = readBack
    }

    /// What a yes and a no to a yes/no question are read back as.
    public struct ReadBack: Hashable, Sendable, Codable {
        public var yes: String
        public var no: String

        public init(yes: String, no: String) {
            self.yes = yes
            self.no = no
        }
    }
}

/// A rule: an item of advice and the condition that triggers it.
public struct Rule: Hashable, Sendable, Codable {
    public var id: String
    /// A short name, for causes.
    public var name: String?
    public var text: String
    /// The source the rule comes from.
    public var source: String
    /// A second source, when a fact comes from elsewhere.
    public var alsoSource: String?
    /// When the rule applies; `nil` means always.
    public var when: Condition?
    /// How soon a doctor should see it (red flags).
    public var urgency: Urgency?
    /// What to do when the sign could not be checked because an answer was not known (red flags, emergency).
    public var ifUnknown: String?

    public init(
        id: String, name: String? = nil, text: String, source: String, alsoSource: String? = nil,
        when: Condition? = nil, urgency: Urgency? = nil, ifUnknown: String? = nil
    ) {
        self.id = id
        self.name = name
        self.text = text
        self.source = source
        self.alsoSource = alsoSource
        self.when = when
        self.urgency = urgency
        self.ifUnknown = ifUnknown
    }
}

/// The assistant's fixed sentences, by key.
public struct Messages: Hashable, Sendable, Codable {
    /// The keys every knowledge file must define.
    public enum Key: String, CaseIterable, Sendable, Codable {
        case greeting, disclaimer, reprompt
        case gaveUp = "gave_up"
        case notedUnknown = "noted_unknown"
        case emergencyStop = "emergency_stop"
        case help
        case backNothing = "back_nothing"
        case summaryEmpty = "summary_empty"
        case restarted, goodbye, finished
        case unknownCommand = "unknown_command"
        case understood
        case changed
        case cannotAnswer = "cannot_answer"
        case tooLong = "too_long"
        case uncheckedHeadline = "unchecked_headline"
        case comeBack = "come_back"
        case seeDoctorWatch = "see_doctor_watch"
        case emergencyEnd = "emergency_end"
        case adviceDetails = "advice_details"
        case adviceNotYet = "advice_not_yet"
        case notedSigns = "noted_signs"
        case notedPossible = "noted_possible"
        case confirmEmergency = "confirm_emergency"
        case confirmWhy = "confirm_why"
        case readBackSymptoms = "read_back_symptoms"
        case readBackNoSymptoms = "read_back_no_symptoms"
        case confirmRest = "confirm_rest"
        case whereSide = "where_side"
        case whereElse = "where_else"
        case forAnother = "for_another"
        case confirmLonger = "confirm_longer"
        case notedLonger = "noted_longer"

        /// Keys added after version 1 was first written: a knowledge file may leave them out.
        public var isOptional: Bool {
            switch self {
            case .understood, .changed, .cannotAnswer, .tooLong, .uncheckedHeadline, .comeBack, .seeDoctorWatch,
                .emergencyEnd, .adviceDetails, .adviceNotYet, .notedSigns, .notedPossible, .confirmEmergency,
                .confirmWhy, .readBackSymptoms, .readBackNoSymptoms, .confirmRest, .whereSide, .whereElse, .forAnother,
                .confirmLonger, .notedLonger:
                true
            case .greeting, .disclaimer, .reprompt, .gaveUp, .notedUnknown, .emergencyStop, .help, .backNothing,
                .summaryEmpty, .restarted, .goodbye, .finished, .unknownCommand:
                false
            }
        }

        /// What an optional key says when the file leaves it out.
        var fallback: String {
            switch self {
            case .understood: "Got it: {list}."
            case .changed: "Got it, I've changed that: {list}."
            case .cannotAnswer: "I can't answer that; a doctor can."
            case .tooLong:
                "That message is too long for me (over {limit} characters). Please answer in a sentence or two."
            case .uncheckedHeadline:
                "I couldn't check every sign, so I can't say that nothing needs a doctor."
            case .comeBack:
                "If it is still there {when}, or if you notice weakness, numbness or twitching in other places, see a GP."
            case .seeDoctorWatch:
                "Until then, if you get trouble breathing, swallowing or speaking, call your local emergency number now."
            case .emergencyEnd: "This is not a diagnosis, and it cannot wait: call your local emergency number now."
            case .adviceDetails: "The details (type /advice to see all of this again):"
            case .adviceNotYet: "I'll give my advice once I've asked my questions."
            case .notedSigns: "I've noted {list}. If I got that wrong, just tell me."
            case .notedPossible: "I'll note {list} as possible, so that a doctor can check."
            case .confirmEmergency:
                "You mentioned trouble breathing, swallowing or speaking. Is that happening right now?"
            case .confirmWhy:
                "You said something that may mean {sign}; whether you have it decides if a doctor should look."
            case .readBackSymptoms: "Noted: {list}."
            case .readBackNoSymptoms: "Noted: none of the other symptoms."
            case .confirmRest:
                "And weakness, loss of muscle, numbness or tingling, or a change in feeling: any of these?"
            case .whereSide:
                "Which {part} is it: left, right or both? And is it anywhere else, or does anything there look or feel different?"
            case .whereElse:
                "Is it only in your {part}, or anywhere else too? And does anything there look or feel different?"
            case .confirmLonger: "Has it been more than two weeks since you first noticed the twitching?"
            case .notedLonger: "I've noted that it started more than two weeks ago."
            case .forAnother:
                "You're writing for someone else: when I ask about \"you\", please answer for them."
            case .greeting, .disclaimer, .reprompt, .gaveUp, .notedUnknown, .emergencyStop, .help, .backNothing,
                .summaryEmpty, .restarted, .goodbye, .finished, .unknownCommand:
                rawValue
            }
        }
    }

    /// The sentences the file gives (the others are the keys' fallbacks).
    public private(set) var texts: [Key: String]

    public init(_ texts: [Key: String]) {
        self.texts = texts
    }

    public subscript(key: Key) -> String {
        texts[key] ?? key.fallback
    }
}
