import Assessment

/// The dialogue state machine: one conversation about muscle twitching.
///
/// Each event (`start()`, `received(text:)`, `command(_:)`) is a mutating function that returns the actions
/// the shell must carry out: say something, ask a question, give advice, end. It does no I/O, reads no
/// clock and draws no random numbers, so the same lines always give the same conversation.
public struct Interview: Sendable {
    /// What the shell must do.
    public enum Action: Hashable, Sendable {
        /// Show a sentence.
        case say(String)
        /// Ask a question and wait for the answer.
        case ask(Prompt)
        /// Give the advice for the case; the interview is finished (`/back` and `/restart` still work).
        case advise(Advice, Case)
        /// The conversation is over: save what needs saving and stop.
        case end
    }

    /// The commands a person can type, in every front end.
    public enum Command: String, CaseIterable, Hashable, Sendable {
        case help, back, why, summary, restart, quit

        /// Reads `/name` (case-insensitive, surrounding spaces ignored); `/q` and `/exit` are `/quit`.
        public init?(parsing text: some StringProtocol) {
            let trimmed = text.drop { $0 == " " || $0 == "\t" }
            guard trimmed.first == "/" else { return nil }
            let name = trimmed.dropFirst().prefix { $0 != " " && $0 != "\t" }.lowercased()
            self.init(rawValue: Self.aliases[name] ?? name)
        }

        /// Other names REPL users type for a command.
        public static let aliases = ["q": "quit", "exit": "quit"]
    }

    private enum State: Hashable, Sendable {
        case idle
        case asking(Question, attempts: Int)
        case finished(Advice)
        case ended
    }

    /// The longest answer, in characters, that is read; a longer line is refused with a clear reply.
    public static let maximumAnswerLength = 4096
    /// How many unclear answers to one question before it is recorded as unknown.
    public static let maximumAttempts = 3

    public let knowledge: Knowledge
    /// Today's date, passed in by the shell (never read from a clock here); relative dates such as "since Monday"
    /// are read against it, and are unclear without it.
    public var today: CalendarDate?
    private let reader: Understanding.Reader
    private var state: State = .idle
    /// What each message changed, in order, so that `/back` can undo the last one.
    private var steps: [Step] = []
    /// The case so far.
    public private(set) var currentCase = Case()

    /// One change to the case: the question and its answer before.
    private struct Change: Hashable, Sendable {
        var id: String
        var before: Answer?
    }

    /// What one message changed, and the question that was pending when it came.
    private struct Step: Hashable, Sendable {
        var asked: String?
        var changes: [Change]
    }

    /// A new conversation.
    ///
    /// - Parameters:
    ///   - knowledge: the questions and rules.
    ///   - reader: the free-text reader made from the same `knowledge`; pass one to share it between many
    ///     conversations (making one builds its vocabulary). `nil` makes one.
    ///   - today: the date relative dates are read against ("since Monday"); `nil` leaves them unclear.
    public init(knowledge: Knowledge, reader: Understanding.Reader? = nil, today: CalendarDate? = nil) {
        self.knowledge = knowledge
        self.today = today
        self.reader = reader ?? Understanding.Reader(knowledge: knowledge)
    }

    /// The question waiting for an answer, if any.
    public var pendingQuestion: Prompt? {
        switch state {
        case .asking(let question, _): prompt(for: question)
        case .idle, .finished, .ended: nil
        }
    }

    /// The advice, once the interview is finished.
    public var advice: Advice? {
        switch state {
        case .finished(let advice): advice
        case .idle, .asking, .ended: nil
        }
    }

    /// Whether the conversation is over (advice given or ended).
    public var isDone: Bool {
        switch state {
        case .finished, .ended: true
        case .idle, .asking: false
        }
    }

    /// The questions answered so far, in the order they were first answered.
    public var answeredQuestions: [String] { steps.flatMap { $0.changes.filter { $0.before == nil }.map(\.id) } }

    // MARK: Events

    /// Starts the conversation: the greeting and the first question. Starting again re-asks the pending question.
    public mutating func start() -> [Action] {
        switch state {
        case .idle:
            return [.say(knowledge.messages[.greeting])] + next()
        case .asking(let question, _):
            return [.ask(prompt(for: question))]
        case .finished(let advice):
            return [.advise(advice, currentCase)]
        case .ended:
            return [.end]
        }
    }

    /// A line the person typed on `date`: relative dates in it are read against that date.
    public mutating func received(text: String, on date: CalendarDate) -> [Action] {
        today = date
        return received(text: text)
    }

    /// A line the person typed: a command (`/back`), an answer to the pending question, a story that answers
    /// several, a correction, or a question of their own.
    public mutating func received(text: String) -> [Action] {
        if let command = Command(parsing: text.prefix(64)) { return self.command(command) }
        if text.first == "/" || text.drop(while: { $0 == " " }).first == "/" {
            return [.say(knowledge.messages[.unknownCommand])] + reask()
        }
        switch state {
        case .idle:
            return start() + received(text: text)
        case .asking(let question, let attempts):
            return answer(question, attempts: attempts, text: text)
        case .finished:
            return afterAdvice(text)
        case .ended:
            return [.end]
        }
    }

    /// A command, typed as `/name`.
    public mutating func command(_ command: Command) -> [Action] {
        switch command {
        case .help:
            return [.say(knowledge.messages[.help])] + reask()
        case .why:
            switch state {
            case .asking(let question, _):
                return [.say(why(question))] + reask()
            case .idle, .finished, .ended:
                return [.say(knowledge.messages[.help])] + reask()
            }
        case .summary:
            let lines = knowledge.summary(of: currentCase)
            let summary = lines.isEmpty ? [knowledge.messages[.summaryEmpty]] : lines
            return summary.map(Action.say) + reask()
        case .back:
            return back()
        case .restart:
            steps = []
            currentCase = Case()
            state = .idle
            return [.say(knowledge.messages[.restarted])] + start()
        case .quit:
            state = .ended
            return [.say(knowledge.messages[.goodbye]), .end]
        }
    }

    // MARK: Transitions

    private mutating func answer(_ question: Question, attempts: Int, text: String) -> [Action] {
        if text.unicodeScalars.count > Self.maximumAnswerLength {
            let limit = String(Self.maximumAnswerLength)
            return [.say(knowledge.messages[.tooLong].filling("{limit}", with: limit))] + reask()
        }
        let trimmed = text.trimmingSpaces
        if trimmed.isEmpty {
            return [.say(reprompt(question))] + reask()
        }
        let understood = reader.read(trimmed, pending: question, today: today)
        var step = Step(asked: question.id, changes: [])
        var says: [Action] = []
        if question.kind == .text {
            // The opening: kept as said, and read as a story.
            if case .value(let value) = understood.pending {
                set(question.id, Answer(said: trimmed, value: value), in: &step)
            }
            says += taken(understood, in: &step, correcting: false)
            says += reply(to: understood, asking: question)
            steps.append(step)
            return says + next()
        }
        says += taken(understood, in: &step, correcting: true)
        let tookSomething = !step.changes.isEmpty
        says += reply(to: understood, asking: question)
        switch understood.pending {
        case .value(let value)?:
            set(question.id, Answer(said: trimmed, value: value), in: &step)
            steps.append(step)
            return says + next()
        case .unknown?:
            set(question.id, Answer(said: trimmed, value: nil), in: &step)
            steps.append(step)
            return says + [.say(knowledge.messages[.notedUnknown])] + next()
        case .unclear?, nil:
            if tookSomething || understood.isQuestion || understood.topic != nil || understood.pending == nil {
                if !step.changes.isEmpty { steps.append(step) }
                // A correction that changed nothing ("the left one" with several places): say so by asking again.
                return (says.isEmpty ? [.say(reprompt(question))] : says) + next()
            }
            if attempts + 1 >= Self.maximumAttempts {
                set(question.id, Answer(said: trimmed, value: nil), in: &step)
                steps.append(step)
                return [.say(knowledge.messages[.gaveUp])] + next()
            }
            state = .asking(question, attempts: attempts + 1)
            return [.say(reprompt(question))] + reask()
        }
    }

    /// A message after the advice: a correction recomputes the advice and shows it again; a question is answered.
    private mutating func afterAdvice(_ text: String) -> [Action] {
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty, trimmed.unicodeScalars.count <= Self.maximumAnswerLength else {
            return [.say(knowledge.messages[.finished])]
        }
        var understood = reader.read(trimmed, pending: nil, today: today)
        understood.corrects = true
        var step = Step(asked: nil, changes: [])
        let says = taken(understood, in: &step, correcting: true) + reply(to: understood, asking: nil)
        if step.changes.isEmpty {
            return says.isEmpty ? [.say(knowledge.messages[.finished])] : says
        }
        steps.append(step)
        return says + next()
    }

    /// Takes in what the message fills and corrects; says what was taken.
    private mutating func taken(_ understood: Understood, in step: inout Step, correcting: Bool) -> [Action] {
        var added: [String] = []
        var changed: [String] = []
        // Most answers fill only the question asked: skip ordering the questions when nothing else was read.
        let questions = understood.values.isEmpty ? [] : Self.readBackOrder(knowledge.questions)
        for question in questions {
            guard let value = understood.values[question.id], value.kind == question.kind else { continue }
            let answer = Answer(said: Self.said(question.id, value), value: value)
            if let before = currentCase[question.id] {
                guard correcting, understood.corrects, before.value != value else { continue }
                set(question.id, answer, in: &step)
                changed.append("\(question.label.lowercased()): \(answer.said)")
            } else {
                set(question.id, answer, in: &step)
                added.append(Self.describe(question.id, value))
            }
        }
        if correcting, let side = understood.side, let before = currentCase["locations"],
            case .sites(var sites)? = before.value, sites.count == 1, sites[0].side != side, sites[0].part != .allOver
        {
            sites[0].side = side
            let answer = Answer(said: Self.describe("locations", .sites(sites)), value: .sites(sites))
            set("locations", answer, in: &step)
            changed.append("\(knowledge.question("locations")?.label.lowercased() ?? "where"): \(answer.said)")
        }
        var says: [Action] = []
        if !changed.isEmpty {
            says.append(.say(knowledge.messages[.changed].filling("{list}", with: changed.joined(separator: "; "))))
        }
        if !added.isEmpty {
            says.append(.say(knowledge.messages[.understood].filling("{list}", with: added.joined(separator: ", "))))
        }
        return says
    }

    /// The questions in the order a read-back names them: where, when, how often, how long first.
    static func readBackOrder(_ questions: [Question]) -> [Question] {
        let first = ["locations", "onset", "frequency", "episode_length"]
        return first.compactMap { id in questions.first { $0.id == id } } + questions.filter { !first.contains($0.id) }
    }

    /// The answer to the person's own question, if they asked one.
    private func reply(to understood: Understood, asking question: Question?) -> [Action] {
        if let topic = understood.topic {
            if topic == Understanding.Reader.whyTopic {
                if let question { return [.say(why(question))] }
                return [.say(knowledge.messages[.cannotAnswer])]
            }
            if let answer = knowledge.answers.first(where: { $0.id == topic }) {
                var sources = knowledge.sourceTitle(answer.source)
                if let also = answer.alsoSource { sources += "; " + knowledge.sourceTitle(also) }
                return [.say("\(answer.text) (Source: \(sources))")]
            }
        }
        return understood.isQuestion ? [.say(knowledge.messages[.cannotAnswer])] : []
    }

    private func why(_ question: Question) -> String {
        "\(question.why) (Source: \(knowledge.sourceTitle(question.source)))"
    }

    private mutating func set(_ id: String, _ answer: Answer, in step: inout Step) {
        if !step.changes.contains(where: { $0.id == id }) {
            step.changes.append(Change(id: id, before: currentCase[id]))
        }
        currentCase[id] = answer
    }

    private mutating func back() -> [Action] {
        guard let last = steps.popLast() else {
            return [.say(knowledge.messages[.backNothing])] + reask()
        }
        switch state {
        case .ended:
            steps.append(last)
            return [.end]
        case .idle, .asking, .finished:
            for change in last.changes.reversed() { currentCase[change.id] = change.before }
            guard let asked = last.asked, let question = knowledge.question(asked) else { return next() }
            state = .asking(question, attempts: 0)
            return [.ask(prompt(for: question))]
        }
    }

    /// Moves to the next question to ask, or to the advice.
    private mutating func next() -> [Action] {
        if knowledge.emergency.when?.evaluate(currentCase).matches ?? false {
            let advice = knowledge.advice(for: currentCase)
            state = .finished(advice)
            return [.say(knowledge.messages[.emergencyStop]), .advise(advice, currentCase)]
        }
        guard let question = knowledge.questions.first(where: isRemaining) else {
            let advice = knowledge.advice(for: currentCase)
            state = .finished(advice)
            return [.advise(advice, currentCase)]
        }
        state = .asking(question, attempts: 0)
        return [.ask(prompt(for: question))]
    }

    private func reask() -> [Action] {
        switch state {
        case .asking(let question, _): [.ask(prompt(for: question))]
        case .finished(let advice): [.advise(advice, currentCase)]
        case .idle: []
        case .ended: [.end]
        }
    }

    /// The questions still to ask, given the answers so far.
    /// Whether `question` is still to be asked, given the answers so far.
    private func isRemaining(_ question: Question) -> Bool {
        currentCase[question.id] == nil && !(question.skipWhen?.evaluate(currentCase).matches ?? false)
    }

    private func prompt(for question: Question) -> Prompt {
        // Questions count as asked when the person answered them; parts filled from a story are not questions.
        let asked = Set(steps.compactMap(\.asked)).filter { $0 != question.id && currentCase[$0] != nil }.count
        let later = knowledge.questions.count { $0.id != question.id && isRemaining($0) }
        return Prompt(
            id: question.id, text: question.text, choices: question.choices, number: asked + 1,
            total: asked + 1 + later)
    }

    private func reprompt(_ question: Question) -> String {
        knowledge.messages[.reprompt].filling("{example}", with: question.example)
    }
}

/// A question as asked: what a front end shows.
public struct Prompt: Hashable, Sendable {
    /// The question id (`onset`).
    public var id: String
    public var text: String
    /// Suggested answers, for completion or buttons.
    public var choices: [String]
    /// Which question this is, counting from 1.
    public var number: Int
    /// About how many questions there are in all, given the answers so far.
    public var total: Int
}

extension String {
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }

    /// The message with `placeholder` replaced by `text`; without the placeholder, the message followed by `text`.
    func filling(_ placeholder: String, with text: String) -> String {
        guard let range = range(of: placeholder) else { return self + " " + text }
        return replacingCharacters(in: range, with: text)
    }
}
