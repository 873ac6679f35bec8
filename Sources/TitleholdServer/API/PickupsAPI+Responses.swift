import LedgerStore
import TitleholdApp
import TitleholdCore

extension PickupsAPI {

    /// A stored visit: the planned visit, whether it is still planned or closed, and what was collected.
    /// `outcome`, `closed_on` and `note` are null while the visit is planned.
    struct StoredVisitRow: Encodable {
        var visit: PickupVisitReport
        var state: String
        var outcome: String?
        var closedOn: Day?
        var note: String?
        var collected: [String]

        init(_ stored: StoredVisit) {
            visit = PickupVisitReport(stored.visit); state = stored.state.rawValue; outcome = stored.outcome?.rawValue
            closedOn = stored.closedOn; note = stored.note; collected = stored.collected.sorted()
        }

        enum CodingKeys: String, CodingKey {
            case id, client, clientId, date, start, end, technician, address, serials, valueCents
            case state, outcome, closedOn, note, collected
        }

        /// Flat: the visit's fields beside the state, as one object.
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(visit.id, forKey: .id)
            try c.encode(visit.client, forKey: .client)
            try c.encode(visit.clientId, forKey: .clientId)
            try c.encode(visit.date, forKey: .date)
            try c.encode(visit.start, forKey: .start)
            try c.encode(visit.end, forKey: .end)
            try c.encode(visit.technician, forKey: .technician)
            try c.encode(visit.address, forKey: .address)
            try c.encode(visit.serials, forKey: .serials)
            try c.encode(visit.valueCents, forKey: .valueCents)
            try c.encode(state, forKey: .state)
            try c.encode(outcome, forKey: .outcome)
            try c.encode(closedOn, forKey: .closedOn)
            try c.encode(note, forKey: .note)
            try c.encode(collected, forKey: .collected)
        }
    }

    /// What `POST /api/pickups/plan` made: the visits (as the CLI's `--json`), and what the CLI
    /// prints besides — changes against the previous plan, clients needing a notice first, sites
    /// not placed, items held back.
    struct PlanResponse: Encodable {
        var from: Day
        var through: Day
        var visits: [PickupVisitReport]
        var changes: [String]
        var needsNotice: [NeedsNotice]
        var unplaced: [String]
        var heldBack: [HeldBack]

        struct NeedsNotice: Encodable {
            var clientId: Int64
            var client: String
            var serials: [String]
            var valueCents: Int64
        }

        struct HeldBack: Encodable {
            var serial: String
            var client: String
            var reason: String
        }

        init(_ outcome: PickupService.Outcome) {
            let plan = outcome.plan
            from = plan.from; through = plan.through
            visits = plan.visits.map(PickupVisitReport.init)
            changes = plan.changes.map(\.description)
            needsNotice = plan.needsNotice.map {
                NeedsNotice(clientId: $0.clientID, client: $0.clientName, serials: $0.serials, valueCents: $0.valueAtRisk.value)
            }
            unplaced = plan.unplaced.map(\.description)
            heldBack = outcome.heldBack.map { HeldBack(serial: $0.flag.item.serial, client: $0.flag.clientKey, reason: $0.reason) }
        }
    }
}
