import Assessment
import Screening

/// What was understood from one answer to one question.
public enum Reading: Hashable, Sendable {
    /// The answer gave a value.
    case value(Value)
    /// The person does not know ("I don't know", "not sure", "no idea"); recorded as unknown, never guessed.
    case unknown
    /// The answer could not be understood; the question is asked again with an example.
    case unclear
}
