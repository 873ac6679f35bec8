import GRDB
import LedgerStore
import TitleholdApp
import TitleholdCore

/// Where an in-process `owned` spends its time: the store read it makes (item and stored client
/// slice), the rule, the report; beside it the rebuild of the slice from its rows (what a look-up
/// without a stored slice does), with each of its statements prepared per call and cached.
struct OwnedProfile {
    struct Step {
        var name: String
        var latencies: Latencies
        var note: String
    }

    var steps: [Step] = []
    /// Counts beside the steps, as (name, value, note).
    var counts: [(String, String, String)] = []
    var plans: [(String, [String])] = []
    var rowsPerClient: [(String, Double)] = []

    static func measure(path: String, serials: [String], at: Day, limit: Int = 2_000) throws -> OwnedProfile {
        var profile = OwnedProfile()
        let serials = Array(serials.prefix(limit))
        let ledger = try LedgerDatabase.open(path: path)
        let items = try serials.map { serial -> ItemRecord in
            guard let item = try ledger.items(serial: serial).first else { throw BenchmarkError("no item \(serial)") }
            return item
        }

        // The store API, step by step.
        var lookups = Latencies(), ownershipLookups = Latencies()
        var itemsBySerial = Latencies(), clientLedgers = Latencies(), storedSlices = Latencies()
        var rule = Latencies(), report = Latencies()
        var ledgers: [ClientLedger] = []
        var stored = 0
        // One untimed pass first, so that neither timed pass is the first to touch the pages.
        for serial in serials { _ = try ledger.ownershipLookup(serial: serial, on: at) }
        var found: [OwnershipLookup] = []
        for serial in serials { found.append(try ownershipLookups.measure { try ledger.ownershipLookup(serial: serial, on: at) }) }
        // The two steps after the read, as `OwnershipService.report(serial:on:)` takes them.
        var spansRule = Latencies(), spansReport = Latencies(), spansJSON = Latencies()
        for lookup in found {
            guard let item = lookup.items.first, let clientLedger = lookup.ledger, let coverage = lookup.coverage,
                  let history = lookup.history, let delivered = clientLedger.items.first else { continue }
            let verdict = spansRule.measure {
                OwnershipRule(scope: .client).verdict(for: delivered, in: clientLedger, coverage: coverage, history: history,
                                                      deliveries: lookup.deliveries, serial: { lookup.serials?.serial(at: $0) ?? "" },
                                                      on: at)
            }
            let answer = spansReport.measure { OwnershipReport(item: item, verdict: verdict, at: at, scope: .client, events: delivered.events) }
            // What the service adds per answer before the HTTP layer (`APIRequest.respond`).
            _ = spansJSON.measure {
                var json = JSONWriter(capacity: JSONWriter.answerCapacity)
                answer.writeJSON(to: &json)
                return json.bytes.count
            }
        }
        for serial in serials { _ = try lookups.measure { try ledger.lookup(serial: serial) } }
        for (serial, item) in zip(serials, items) {
            _ = try itemsBySerial.measure { try ledger.items(serial: serial) }
            ledgers.append(try clientLedgers.measure { try ledger.clientLedger(clientID: item.clientID) })
            if try storedSlices.measure({ try ledger.storedClientLedger(clientID: item.clientID) }) != nil { stored += 1 }
        }
        let ownershipRule = OwnershipRule(scope: .client)
        var verdicts: [OwnershipVerdict] = []
        for (item, clientLedger) in zip(items, ledgers) {
            let delivered = clientLedger.items.first { $0.id == item.id }
                ?? ClientLedger.DeliveredItem(id: item.id, serial: item.serial, agreementID: item.agreementID,
                                              deliveredOn: item.deliveredOn, invoiceIDs: [])
            verdicts.append(rule.measure { ownershipRule.verdict(for: delivered, in: clientLedger, on: at) })
        }
        var textLength = 0
        for (item, verdict) in zip(items, verdicts) {
            textLength += report.measure { OwnershipReport(item: item, verdict: verdict, at: at, scope: .client).text.count }
        }
        profile.steps.append(Step(name: "LedgerDatabase.ownershipLookup(serial:on:)", latencies: ownershipLookups,
                                  note: "what report(serial:on:) reads under scope client: item + stored slice, one statement on the look-up connection, the other items as delivery spans (after one untimed pass)"))
        // The look-ups that also read the delivery spans (the item stays the supplier's while
        // another delivery is uninvoiced), apart: they are the slow part of the tail.
        var withSpans = Latencies(), withoutSpans = Latencies()
        for (lookup, ns) in zip(found, ownershipLookups.nanoseconds) {
            if lookup.deliveries != nil { withSpans.record(ns) } else { withoutSpans.record(ns) }
        }
        profile.steps.append(Step(name: "  of which without the spans", latencies: withoutSpans, note: "\(withoutSpans.count) look-ups"))
        profile.steps.append(Step(name: "  of which with the spans", latencies: withSpans, note: "\(withSpans.count) look-ups"))
        profile.steps.append(Step(name: "  then OwnershipRule.verdict, claim coverage", latencies: spansRule,
                                  note: "the rule on what ownershipLookup read (\(spansRule.count) of \(found.count) with the coverage, \(found.filter { $0.deliveries != nil }.count) with spans too), in memory"))
        profile.steps.append(Step(name: "  then OwnershipReport.init", latencies: spansReport, note: "the report of that verdict, in memory"))
        profile.steps.append(Step(name: "  then its JSON (the service's answer)", latencies: spansJSON,
                                  note: "OwnershipReport.writeJSON into a JSONWriter, as GET /api/items/{serial} writes it"))
        // How many of its client's invoices each question read (`OwnershipRule.invoicesRead`).
        let pairs = zip(found, ledgers).filter { $0.0.coverage != nil }
        let read = pairs.map { $0.0.ledger?.invoices.count ?? 0 }, all = pairs.map { $0.1.invoices.count }
        let allRead = zip(read, all).filter { $0 == $1 }.count
        profile.counts.append(("  invoices read per question",
                               "\(String(format1: Double(read.reduce(0, +)) / Double(max(1, read.count)))) of "
                               + "\(String(format1: Double(all.reduce(0, +)) / Double(max(1, all.count))))",
                               "on average, of the client's; all of them in \(allRead) of \(pairs.count) questions (OwnershipRule.invoicesRead)"))
        profile.steps.append(Step(name: "LedgerDatabase.lookup(serial:)", latencies: lookups,
                                  note: "the same statement with the client's items decoded in full (other scopes, the look-up page)"))
        profile.steps.append(Step(name: "  LedgerDatabase.items(serial:)", latencies: itemsBySerial, note: "alone, in its own read transaction"))
        profile.steps.append(Step(name: "  LedgerDatabase.storedClientLedger(clientID:)", latencies: storedSlices,
                                  note: "alone, in its own read transaction: fetch the slice blob + decode (\(stored) of \(items.count) stored)"))
        profile.steps.append(Step(name: "  LedgerDatabase.clientLedger(clientID:)", latencies: clientLedgers,
                                  note: "the slice rebuilt from the rows (6 statements), as a look-up does only without a stored slice"))
        profile.steps.append(Step(name: "OwnershipRule.verdict (scope client)", latencies: rule, note: "in memory"))
        profile.steps.append(Step(name: "OwnershipReport init + .text", latencies: report, note: "in memory"))

        let n = Double(max(ledgers.count, 1))
        profile.rowsPerClient = [
            ("invoices", Double(ledgers.reduce(0) { $0 + $1.invoices.count }) / n),
            ("payments", Double(ledgers.reduce(0) { $0 + $1.payments.count }) / n),
            ("items", Double(ledgers.reduce(0) { $0 + $1.items.count }) / n),
            ("item links", Double(ledgers.reduce(0) { $0 + $1.items.reduce(0) { $0 + $1.invoiceIDs.count } }) / n),
        ]
        try profile.measureStatements(path: path, serials: serials, items: items)
        return profile
    }

    /// All statements of one `owned`, from GRDB's statement cache, in one read transaction per serial.
    private func allStatements(_ pool: DatabasePool, _ serials: [String], _ items: [ItemRecord]) throws -> Latencies {
        func run(_ serial: String, _ item: ItemRecord) throws -> Int {
            try pool.read { db in
                var rows = 0
                for query in ClientLedgerQueries.all {
                    let argument: StatementArguments = query.bySerial ? [serial] : [item.clientID]
                    rows += try Row.fetchAll(try db.cachedStatement(sql: query.sql), arguments: argument).count
                }
                return rows
            }
        }
        for (serial, item) in zip(serials, items) { _ = try run(serial, item) }
        var latencies = Latencies(capacity: serials.count)
        for (serial, item) in zip(serials, items) { _ = try latencies.measure { try run(serial, item) } }
        return latencies
    }

    /// Each statement on its own, on a GRDB pool over the same file (the store's configuration).
    private mutating func measureStatements(path: String, serials: [String], items: [ItemRecord]) throws {
        var config = Configuration()
        config.foreignKeysEnabled = true
        let pool = try DatabasePool(path: path, configuration: config)
        var emptyRead = Latencies()
        for _ in serials { try emptyRead.measure { try pool.read { _ in } } }
        steps.append(Step(name: "DatabasePool.read { } (empty)", latencies: emptyRead,
                          note: "GRDB read: take a reader, BEGIN DEFERRED, COMMIT"))
        for query in ClientLedgerQueries.all {
            var prepared = Latencies(), cached = Latencies(), prepareOnly = Latencies()
            try pool.read { db in
                let arguments: [StatementArguments] = zip(serials, items).map { serial, item in
                    query.bySerial ? [serial] : [item.clientID]
                }
                // One untimed pass first, so no timed pass is the first to touch the data.
                for argument in arguments { _ = try Row.fetchAll(try db.cachedStatement(sql: query.sql), arguments: argument) }
                for argument in arguments { _ = try prepared.measure { try Row.fetchAll(db, sql: query.sql, arguments: argument) } }
                for argument in arguments {
                    _ = try cached.measure { try Row.fetchAll(try db.cachedStatement(sql: query.sql), arguments: argument) }
                }
                for _ in arguments { _ = try prepareOnly.measure { try db.makeStatement(sql: query.sql) } }
                let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + query.sql,
                                            arguments: query.bySerial ? [serials[0]] : [items[0].clientID])
                plans.append((query.name, plan.map { "\($0["detail"] as String? ?? "")" }))
            }
            steps.append(Step(name: "  SQL \(query.name)", latencies: cached,
                              note: "from GRDB's statement cache; prepared per call: \(prepared.summary); prepare alone: \(prepareOnly.summary)"))
        }
        steps.append(Step(name: "all 7 store statements, cached, one read", latencies: try allStatements(pool, serials, items),
                          note: "the store's statements alone (no Swift values built), cached, in one read transaction"))
        var mapped = config
        mapped.prepareDatabase { db in
            try db.execute(sql: "PRAGMA mmap_size = 4294967296")
            try db.execute(sql: "PRAGMA cache_size = -262144")
        }
        let mappedPool = try DatabasePool(path: path, configuration: mapped)
        steps.append(Step(name: "  same, mmap_size 4 GiB + cache_size 256 MiB", latencies: try allStatements(mappedPool, serials, items),
                          note: "page reads from the mapping / a larger page cache instead of pread"))
    }
}
