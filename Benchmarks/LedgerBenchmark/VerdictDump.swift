import Foundation
import LedgerStore
import TitleholdApp
import TitleholdCore

/// `--dump-verdicts PATH`: the full `owned` report (JSON, one a line) for the sampled serials on
/// several dates around the evaluation date, so two builds of the store and rule can be diffed
/// for the same answers (a speed change must not change one).
enum VerdictDump {
    static func write(path: String, ledgerPath: String, serials: [String], at: Day) throws {
        let ledger = try LedgerDatabase.open(path: ledgerPath)
        let dates = [at.adding(days: -730), at.adding(days: -180), at.adding(days: -30), at, at.adding(days: 400), at.adding(days: 2200)]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var out = Data()
        for scope in OwnershipScope.allCases {
            let service = OwnershipService(ledger: ledger, scope: scope)
            for serial in serials {
                for day in dates {
                    out.append(try encoder.encode(try service.report(serial: serial, on: day)))
                    out.append(0x0A)
                }
            }
        }
        try out.write(to: URL(fileURLWithPath: path))
    }
}
