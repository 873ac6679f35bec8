import Documents
import Foundation
import LedgerStore
import TitleholdCore

/// Plans pickups of eligible items (art. 10.3) inside the working calendar (art. 4.2), writes the
/// pickup notices, and keeps the plan in the ledger so that planning again keeps visit ids and
/// reports what changed.
public struct PickupService: Sendable {
    public var rules: RuleBook
    public var scope: OwnershipScope

    public init(rules: RuleBook, scope: OwnershipScope) { self.rules = rules; self.scope = scope }

    /// Eligible items that cannot be planned yet: a block without an end (the tax collector was not notified).
    public struct HeldBack: Sendable {
        public var flag: ItemFlag
        public var reason: String
    }

    /// A plan made and stored, with what was held back.
    public struct Outcome: Sendable {
        public var plan: PickupPlan
        public var heldBack: [HeldBack]
    }

    /// Plans `days` calendar days from `from` and stores the plan (replacing the planned visits).
    /// `context` names who planned in the event log (the CLI command, or the API user).
    public func plan(ledger: LedgerDatabase, from: Day, days: Int,
                     context: ChangeContext = ChangeContext(command: "pickups plan")) throws -> Outcome {
        let (candidates, heldBack, _) = try self.candidates(ledger: ledger, on: from)
        let previous = try ledger.visits(plannedOnly: true).map(\.visit)
        var plan = PickupPlanner.plan(candidates: candidates, previous: previous, from: from, days: days,
                                      calendar: rules.pickupCalendar, settings: rules.pickups)
        // A new visit to a site visited before on the same day would take the closed visit's id:
        // give it a suffix so both stay on record.
        let taken = Set(try ledger.visits().filter { $0.state == .closed }.map(\.visit.id))
        for index in plan.visits.indices where taken.contains(plan.visits[index].id) {
            let old = plan.visits[index].id
            var n = 2
            while taken.contains("\(old)-\(n)") { n += 1 }
            plan.visits[index].id = "\(old)-\(n)"
            for c in plan.changes.indices where plan.changes[c].visitID == old { plan.changes[c].visitID = "\(old)-\(n)" }
        }
        try ledger.replacePlannedVisits(plan.visits, context: context)
        return Outcome(plan: plan, heldBack: heldBack)
    }

    /// One candidate per client site from the eligible items on `date`, with the client's latest
    /// notice; also the flags they come from.
    func candidates(ledger: LedgerDatabase, on date: Day) throws -> ([PickupCandidate], [HeldBack], [ItemFlag]) {
        let flags = try FlagService(rules: rules, scope: scope).flags(in: ledger, on: date)
        let whereabouts = try ledger.whereabouts(items: flags.map(\.item.id))
        let notices = try ledger.pickupNotices(through: date)
        var heldBack: [HeldBack] = []
        var candidates: [PickupCandidate] = []
        var index: [String: Int] = [:]
        for flag in flags {
            if flag.flag.isBlocked, flag.flag.blockedUntil == nil {
                heldBack.append(HeldBack(flag: flag, reason: flag.flag.blocks.map(\.text).joined(separator: "; ")))
                continue
            }
            let place = whereabouts[flag.item.id]
            let address = place?.address ?? "address unknown: ask \(flag.clientName ?? flag.clientKey)"
            let item = PickupCandidate.Item(serial: flag.item.serial, description: place.map(Self.describe) ?? flag.item.serial,
                                            value: flag.item.value ?? .zero)
            let key = "\(flag.clientID)\u{1F}\(address)"
            if let at = index[key] {
                candidates[at].items.append(item)
                candidates[at].blockedUntil = max(candidates[at].blockedUntil, flag.flag.lastBlockedDay)
                candidates[at].inDefaultSince = min(candidates[at].inDefaultSince, flag.inDefaultSince)
            } else {
                index[key] = candidates.count
                candidates.append(PickupCandidate(
                    clientID: flag.clientID, clientName: flag.clientName ?? flag.clientKey, siteAddress: address, items: [item],
                    inDefaultSince: flag.inDefaultSince, noticeSentOn: notices[flag.clientID],
                    blockedUntil: flag.flag.isBlocked ? flag.flag.lastBlockedDay : nil))
            }
        }
        return (candidates, heldBack, flags)
    }

    static func describe(_ place: ItemWhereabouts) -> String {
        [place.name, place.gtin.map { "GTIN \($0)" }].compactMap { $0 }.joined(separator: ", ").nonEmpty ?? place.serial
    }

    /// Writes a pickup notice (art. 10.3) to every client with plannable items and no notice yet,
    /// and records them as sent on `date`. Returns the files written.
    public func sendNotices(ledger: LedgerDatabase, on date: Day, print: PrintShop, into directory: URL,
                            context: ChangeContext = ChangeContext(command: "pickups notices")) throws -> [URL] {
        let (candidates, _, flags) = try self.candidates(ledger: ledger, on: date)
        let files = Dictionary(try ledger.clientFiles(ids: Array(Set(candidates.map(\.clientID)))).map { ($0.id, $0) },
                               uniquingKeysWith: { a, _ in a })
        var records: [(clientID: Int64, sentOn: Day, fileName: String)] = []
        let byClient = Dictionary(grouping: candidates.filter { $0.noticeSentOn == nil }, by: \.clientID)
        guard !byClient.isEmpty else { return [] }
        var folder = try LetterFolder(directory)
        do {
            for (clientID, sites) in byClient.sorted(by: { $0.key < $1.key }) {
                guard let file = files[clientID] else { continue }
                var earliest = PickupPlanner.earliestVisit(afterNoticeOn: date, calendar: rules.pickupCalendar, settings: rules.pickups)
                if let blocked = sites.compactMap(\.blockedUntil).max() {
                    earliest = rules.pickupCalendar.nextWorkingDay(onOrAfter: max(earliest, blocked.adding(days: 1)))
                }
                var seen = Set<String>()
                let clauses = flags.filter { $0.clientID == clientID }.flatMap(\.flag.reasons)
                    .filter { seen.insert($0.text).inserted }
                    .map { PickupNoticeModel.Clause(article: $0.article, text: $0.text) }
                let model = PickupNoticeModel(
                    client: LetterClient(name: file.name ?? file.key, addressLines: ClientFileLetterhead.addressLines(file.address),
                                         debtorNumber: file.key),
                    items: sites.flatMap(\.items).map { PickupNoticeModel.Item(serial: $0.serial, description: $0.description) },
                    earliestPickupOn: earliest, noticeDate: date, clauses: clauses,
                    siteLines: sites.count == 1 && sites[0].siteAddress != file.address
                        ? ClientFileLetterhead.addressLines(sites[0].siteAddress) : [])
                let letter = try print.letters.render(model)
                _ = try folder.write(letter)
                records.append((clientID, date, letter.suggestedFileName + ".html"))
            }
            try ledger.recordPickupNotices(records, context: context)
        } catch {
            folder.removeWritten()
            throw error
        }
        return folder.written
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}

private func max(_ a: Day?, _ b: Day?) -> Day? {
    switch (a, b) {
    case let (a?, b?): return Swift.max(a, b)
    default: return a ?? b
    }
}

private func min(_ a: Day?, _ b: Day?) -> Day? {
    switch (a, b) {
    case let (a?, b?): return Swift.min(a, b)
    default: return a ?? b
    }
}
