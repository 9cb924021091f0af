import Assessment

/// Everything the assistant says in one turn, gathered from the interview's actions: what the JSON front
/// ends write as one object and what the text front ends print.
public struct Turn: Hashable, Sendable {
    /// Sentences to show, in order.
    public var say: [String]
    /// The question now waiting for an answer.
    public var ask: Prompt?
    /// The advice, when the interview has finished.
    public var advice: Advice?
    /// The case the advice is for.
    public var `case`: Case?
    /// Whether the conversation is over: advice given, or ended.
    public var done: Bool
    /// Whether the person ended the conversation (`/quit`).
    public var ended: Bool

    /// Gathers `actions` into one turn. When a question was asked twice in one turn, the last one counts.
    public init(_ actions: [Interview.Action]) {
        say = []
        done = false
        ended = false
        for action in actions {
            switch action {
            case .say(let text): say.append(text)
            case .ask(let prompt): ask = prompt
            case .advise(let advice, let `case`):
                self.advice = advice
                self.case = `case`
                done = true
            case .end:
                ended = true
                done = true
            }
        }
        if done { ask = nil }
    }
}
