/// The answer to one question: what the person said and what was understood.
public struct Answer: Hashable, Sendable {
    /// The words as the person typed them.
    public var said: String
    /// The value understood, or `nil` when the person did not know (or the answer stayed unclear).
    public var value: Value?

    public init(said: String, value: Value?) {
        self.said = said
        self.value = value
    }
}

/// The structured case: the answers given so far, by question id.
public struct Case: Hashable, Sendable {
    /// Answers by question id.
    public var answers: [String: Answer]

    public init(answers: [String: Answer] = [:]) {
        self.answers = answers
    }

    public subscript(question: String) -> Answer? {
        get { answers[question] }
        set { answers[question] = newValue }
    }

    public var isEmpty: Bool { answers.isEmpty }
}
