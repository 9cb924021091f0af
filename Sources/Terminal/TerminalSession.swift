import Assessment
import Dialogue

/// The terminal front end (issue 3). Placeholder until it lands: the executable falls back to piped mode.
public enum TerminalSession {
    public static let isAvailable = false
}
