import Foundation

/// Where the ledger database lives when `--db` is not given: `$TITLEHOLD_DB`, else
/// `$XDG_DATA_HOME/titlehold/titlehold.sqlite`, else `~/.local/share/titlehold/titlehold.sqlite`
/// (the XDG default for `XDG_DATA_HOME`).
public enum LedgerLocation {
    public static func resolve(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let db = environment["TITLEHOLD_DB"], !db.isEmpty { return db }
        let dataHome: String
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
            dataHome = xdg
        } else {
            let home = environment["HOME"] ?? NSHomeDirectory()
            dataHome = home + "/.local/share"
        }
        return dataHome + "/titlehold/titlehold.sqlite"
    }
}
