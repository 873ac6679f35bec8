import LedgerStore

/// The statements `OwnershipService.report(serial:on:)` runs, taken from the store itself
/// (`LookupSQL`), so the profile times exactly what `owned` runs.
enum ClientLedgerQueries {
    struct Query {
        var name: String
        var sql: String
        /// Whether the argument is the serial (else the client id).
        var bySerial = false
    }

    static let all: [Query] = LookupSQL.ownedStatements.enumerated().map { index, statement in
        Query(name: statement.name, sql: statement.sql, bySerial: index == 0)
    }
}
