import Assessment
import Dialogue

/// The Unix-socket server (issue 4). Placeholder until it lands.
public enum Server {
    public static let isAvailable = false
}
