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

        /// Reads `/name` (case-insensitive, surrounding spaces ignored).
        public init?(parsing text: some StringProtocol) {
            let trimmed = text.drop { $0 == " " || $0 == "\t" }
            guard trimmed.first == "/" else { return nil }
            let name = trimmed.dropFirst().prefix { $0 != " " && $0 != "\t" }.lowercased()
            self.init(rawValue: name)
        }
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
    private var state: State = .idle
    /// The answers in the order given, so that `/back` can undo the last one.
    private var history: [(question: String, answer: Answer)] = []
    /// The case so far.
    public private(set) var currentCase = Case()

    public init(knowledge: Knowledge) {
        self.knowledge = knowledge
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

    /// The user lines answered so far, in order.
    public var answeredQuestions: [String] { history.map(\.question) }

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

    /// A line the person typed: a command (`/back`) or an answer to the pending question.
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
            return [.say(knowledge.messages[.finished])]
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
                return [.say("\(question.why) (Source: \(knowledge.sourceTitle(question.source)))")] + reask()
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
            history = []
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
            return [
                .say(
                    "That message is too long for me (over \(Self.maximumAnswerLength) characters). Please answer in a sentence or two."
                )
            ]
                + reask()
        }
        let trimmed = text.trimmingSpaces
        if trimmed.isEmpty {
            return [.say(reprompt(question))] + reask()
        }
        switch Understanding.read(trimmed, as: question.kind, phrases: question.phrases) {
        case .value(let value):
            record(question, Answer(said: trimmed, value: value))
            return next()
        case .unknown:
            record(question, Answer(said: trimmed, value: nil))
            return [.say(knowledge.messages[.notedUnknown])] + next()
        case .unclear:
            if attempts + 1 >= Self.maximumAttempts {
                record(question, Answer(said: trimmed, value: nil))
                return [.say(knowledge.messages[.gaveUp])] + next()
            }
            state = .asking(question, attempts: attempts + 1)
            return [.say(reprompt(question))] + reask()
        }
    }

    private mutating func record(_ question: Question, _ answer: Answer) {
        history.append((question.id, answer))
        currentCase[question.id] = answer
    }

    private mutating func back() -> [Action] {
        guard let last = history.popLast() else {
            return [.say(knowledge.messages[.backNothing])] + reask()
        }
        currentCase[last.question] = nil
        switch state {
        case .ended:
            history.append(last)
            currentCase[last.question] = last.answer
            return [.end]
        case .idle, .asking, .finished:
            guard let question = knowledge.question(last.question) else { return next() }
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
        guard let question = remainingQuestions.first else {
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
    private var remainingQuestions: [Question] {
        knowledge.questions.filter { question in
            currentCase[question.id] == nil && !(question.skipWhen?.evaluate(currentCase).matches ?? false)
        }
    }

    private func prompt(for question: Question) -> Prompt {
        let remaining = remainingQuestions
        let pendingCount = remaining.contains(question) ? remaining.count : remaining.count + 1
        return Prompt(
            id: question.id, text: question.text, choices: question.choices, number: history.count + 1,
            total: history.count + pendingCount)
    }

    private func reprompt(_ question: Question) -> String {
        knowledge.messages[.reprompt].replacingExample(with: question.example)
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

    func replacingExample(with example: String) -> String {
        guard let range = range(of: "{example}") else { return self }
        return replacingCharacters(in: range, with: example)
    }
}
