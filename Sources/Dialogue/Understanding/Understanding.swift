import Assessment

/// Understands the answer to the question being asked. Pure and deterministic.
public enum Understanding {
    /// Reads `text` as an answer of `kind`.
    ///
    /// - Parameter phrases: phrases particular to the question, tried before the general reading of `kind`,
    ///   for example `"both": .yesNo(true)` for "Does it happen both when moving and resting?". Keys are
    ///   lower-case words; a phrase matches when the answer contains it as whole words (longest first).
    public static func read(_ text: String, as kind: AnswerKind, phrases: [String: Value] = [:]) -> Reading {
        .unclear  // Placeholder until the understanding lands.
    }
}
