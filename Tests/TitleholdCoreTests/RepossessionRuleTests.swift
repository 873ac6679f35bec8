import Foundation
import Testing
@testable import TitleholdCore

/// Repossession eligibility (art. 10.3) and its blocks (63a/241a/376 Fw, 22bis Iw), per article,
/// on ledgers run through the real ownership rule and dunning timeline.
@Suite struct RepossessionRuleTests {
    /// The 1st reminder on the day after the due date 2026-03-31, the 2nd after its 14 days: the
    /// 2nd reminder's 7 days end on Thursday 2026-04-23, so the client is in default from 2026-04-24.
    static let defaultLetters = [DunningLetter(kind: .reminder1, sentOn: d("2026-04-01")),
                                 DunningLetter(kind: .reminder2, sentOn: d("2026-04-16"))]
    static let inDefaultFrom = "2026-04-24"

    /// A client ledger plus its letters, evaluated for one item the way the service does.
    struct Client {
        var b = LedgerBuilder()
        var letters: [Int64: [DunningLetter]] = [:]

        var ledger: ClientLedger {
            var ledger = b.ledger
            ledger.letters = letters
            return ledger
        }

        func flag(_ serial: String, on date: String, scope: OwnershipScope = .client,
                  status: ClientStatusHistory = ClientStatusHistory(), notices: [String] = [],
                  value: Int64 = 0) -> RepossessionFlag {
            guard let item = b.items.first(where: { $0.serial == serial }) else {
                Issue.record("no item \(serial)")
                return RepossessionFlag(serial: serial, itemID: 0, asOf: d(date), eligible: false, blocks: [],
                                        breaches: [], reasons: [])
            }
            let c = RepossessionCase(item: item, in: ledger, on: d(date), ownershipRule: OwnershipRule(scope: scope),
                                     clientStatus: status, taxNotices: notices.map(d), retainedValueOnPremises: Cents(value))
            return RepossessionRule.evaluate(c, on: d(date))
        }
    }

    /// One goods invoice F-10 (due 2026-03-31) billing item S1; in default from 2026-04-24 when `inDefault`.
    static func oneItem(inDefault: Bool = true, events: [ItemEvent] = []) -> Client {
        var c = Client()
        c.b.invoice(10, "F-10", agreement: 1, issued: "2026-03-01", due: "2026-03-31", cents: 5_000_00)
        c.b.item(1, "S1", agreement: 1, delivered: "2026-03-01", invoices: [10], events: events)
        if inDefault { c.letters[10] = defaultLetters }
        return c
    }

    static func statuses(_ steps: [(ClientStatus, String, String?)]) -> ClientStatusHistory {
        do {
            return try ClientStatusHistory(validating: steps.map {
                .init(status: $0.0, since: d($0.1), coolingOffUntil: $0.2.map(d), recordedOn: d($0.1))
            })
        } catch {
            Issue.record("invalid history: \(error)")
            return ClientStatusHistory()
        }
    }

    // MARK: Art. 10.3, condition 3: default or payment difficulties

    struct StatusCase: CustomTestStringConvertible, Sendable {
        let name: String
        let status: ClientStatus?
        let eligible: Bool
        var testDescription: String { name }
    }

    /// F-10 is overdue but no reminder's term lapsed: only the client's status can make S1 eligible.
    @Test(arguments: [
        StatusCase(name: "a client without a recorded status and nothing in default is not eligible", status: nil, eligible: false),
        StatusCase(name: "a normal client with nothing in default is not eligible", status: .normal, eligible: false),
        StatusCase(name: "a client flagged as heading for difficulties is eligible", status: .difficulties, eligible: true),
        StatusCase(name: "a bankrupt client is eligible", status: .bankrupt, eligible: true),
        StatusCase(name: "a client in surseance is eligible", status: .surseance, eligible: true),
        StatusCase(name: "a client in a WHOA composition is eligible", status: .whoa, eligible: true),
    ])
    func eachClientStatus(_ c: StatusCase) {
        let client = Self.oneItem(inDefault: false)
        let history = c.status.map { Self.statuses([($0, "2026-04-01", nil)]) } ?? ClientStatusHistory()
        let flag = client.flag("S1", on: "2026-05-04", status: history)
        #expect(flag.eligible == c.eligible)
        #expect(!flag.isBlocked)
        #expect(flag.reasons.contains { $0.kind == .owned && $0.invoiceNumber == "F-10" && $0.article == "10.1" })
        if c.eligible {
            let reason = flag.reasons.first { $0.kind == .clientStatus }
            #expect(reason?.article == "10.3")
            #expect(reason?.date == d("2026-04-01"))
            #expect(reason?.text.contains(c.status?.label ?? "-") == true)
            #expect(flag.reasons.contains { $0.kind == .access && $0.article == "10.3" })
        } else {
            let reason = flag.reasons.first { $0.kind == .noGround }
            #expect(reason?.article == "10.3")
            #expect(reason?.text.contains("F-10: overdue, no reminder sent") == true)
        }
        #expect(flag.reasons.allSatisfy { !$0.article.isEmpty })
    }

    @Test func aStatusRecordedAfterTheDateDoesNotCount() {
        let flag = Self.oneItem(inDefault: false)
            .flag("S1", on: "2026-05-04", status: Self.statuses([(.bankrupt, "2026-05-05", nil)]))
        #expect(!flag.eligible)
    }

    @Test func defaultNamesTheInvoiceItsDefaultDayAndTheLetters() {
        let flag = Self.oneItem().flag("S1", on: "2026-05-04")
        #expect(flag.eligible)
        #expect(flag.mayPickUp)
        let reason = flag.reasons.first { $0.kind == .inDefault }
        #expect(reason?.invoiceNumber == "F-10")
        #expect(reason?.date == d(Self.inDefaultFrom))
        #expect(reason?.article == "10.3, 13.4")
        #expect(reason?.text.contains("since \(Self.inDefaultFrom)") == true)
        let steps = flag.reasons.filter { $0.kind == .dunning }.map(\.text)
        #expect(steps.contains { $0.contains("1st reminder sent 2026-04-01") })
        #expect(steps.contains { $0.contains("2nd reminder sent 2026-04-16") && $0.contains("ends 2026-04-23") })
        #expect(flag.reasons.contains { $0.kind == .taxNoticeNotNeeded && $0.article == "22bis Iw" })
    }

    /// The 2nd reminder's 7 days end on 2026-04-23: on that day the client is not in default yet.
    @Test(arguments: [("2026-04-23", false), ("2026-04-24", true)])
    func defaultStartsTheDayAfterTheSecondRemindersTerm(date: String, eligible: Bool) {
        #expect(Self.oneItem().flag("S1", on: date).eligible == eligible)
    }

    @Test func aLapsedNoticeOfDefaultAloneIsDefault() {
        var client = Self.oneItem(inDefault: false)
        client.letters[10] = [DunningLetter(kind: .noticeOfDefault, sentOn: d("2026-04-02"))]
        // 14 days end on Thursday 2026-04-16: in default from the 17th.
        #expect(!client.flag("S1", on: "2026-04-16").eligible)
        let flag = client.flag("S1", on: "2026-04-17")
        #expect(flag.eligible)
        #expect(flag.reasons.contains { $0.kind == .dunning && $0.article == "6:82 BW" })
    }

    @Test func paymentAfterDefaultEndsEligibility() {
        var client = Self.oneItem()
        client.b.pay(1, on: "2026-05-01", cents: 5_000_00, naming: 10)
        let flag = client.flag("S1", on: "2026-05-04")
        #expect(!flag.eligible)
        #expect(flag.reasons.contains { $0.kind == .notOwned && $0.article == "3:92(3) BW" })
    }

    // MARK: Art. 10.1 scope with art. 10.3

    /// F-10 (agreement 1) bills S1 and is paid; F-11 (agreement 2) bills S2 and is in default.
    static func paidItemBesideDefault() -> Client {
        var c = Client()
        c.b.invoice(10, "F-10", agreement: 1, issued: "2026-03-01", due: "2026-03-31", cents: 1_000_00)
        c.b.invoice(11, "F-11", agreement: 2, issued: "2026-03-01", due: "2026-03-31", cents: 2_000_00)
        c.b.item(1, "S1", agreement: 1, delivered: "2026-03-01", invoices: [10])
        c.b.item(2, "S2", agreement: 2, delivered: "2026-03-01", invoices: [11])
        c.b.pay(1, on: "2026-03-20", cents: 1_000_00, naming: 10)
        c.letters[11] = defaultLetters
        return c
    }

    struct ScopeCase: CustomTestStringConvertible, Sendable {
        let name: String
        let scope: OwnershipScope
        let eligible: Bool
        let owned: Bool
        let inScope: [String]
        var testDescription: String { name }
    }

    @Test(arguments: [
        ScopeCase(name: "a paid item of a client with another goods invoice in default is eligible (scope client)",
                  scope: .client, eligible: true, owned: true, inScope: ["F-10", "F-11"]),
        ScopeCase(name: "under scope agreement the other agreement's default neither retains nor counts",
                  scope: .agreement, eligible: false, owned: false, inScope: ["F-10"]),
        ScopeCase(name: "under scope invoice only the item's own paid invoice counts",
                  scope: .invoice, eligible: false, owned: false, inScope: ["F-10"]),
    ])
    func paidItemBesideAnotherGoodsInvoiceInDefault(_ c: ScopeCase) {
        let client = Self.paidItemBesideDefault()
        let flag = client.flag("S1", on: "2026-05-04", scope: c.scope)
        #expect(flag.eligible == c.eligible)
        #expect(flag.reasons.contains { $0.kind == .owned } == c.owned)
        #expect(flag.reasons.contains { $0.kind == .inDefault && $0.invoiceNumber == "F-11" } == c.eligible)
        if c.owned { #expect(flag.reasons.contains { $0.kind == .owned && $0.invoiceNumber == "F-11" }) }
        guard let item = client.b.items.first else { return }
        let scoped = OwnershipRule(scope: c.scope).invoicesInScope(for: item, in: client.ledger, on: d("2026-05-04"))
        #expect(scoped.map(\.number) == c.inScope)
    }

    /// F-10 (agreement 1) bills S1 and is overdue without default; F-11 (agreement 2) is in default.
    @Test(arguments: [
        (OwnershipScope.client, true),
        (.agreement, false),
        (.invoice, false),
    ])
    func aNarrowerScopeLeavesAnotherAgreementsDefaultOut(scope: OwnershipScope, eligible: Bool) {
        var client = Self.paidItemBesideDefault()
        client.b.payments = []
        let flag = client.flag("S1", on: "2026-05-04", scope: scope)
        // F-10 is open under every scope: the supplier owns S1 either way.
        #expect(flag.reasons.contains { $0.kind == .owned && $0.invoiceNumber == "F-10" })
        #expect(flag.eligible == eligible)
        if !eligible { #expect(flag.reasons.contains { $0.kind == .noGround }) }
    }

    @Test func aServicesInvoiceInDefaultDoesNotMakeGoodsEligible() {
        var client = Self.oneItem(inDefault: false)
        client.b.invoice(20, "SUP-1", agreement: 9, goods: false, issued: "2026-03-01", due: "2026-03-31", cents: 300_00)
        client.letters[20] = Self.defaultLetters
        let flag = client.flag("S1", on: "2026-05-04")
        #expect(!flag.eligible)
        #expect(!flag.reasons.contains { $0.invoiceNumber == "SUP-1" })
        guard let item = client.b.items.first else { return }
        #expect(OwnershipRule().invoicesInScope(for: item, in: client.ledger, on: d("2026-05-04")).map(\.number) == ["F-10"])
    }

    @Test func aServicesInvoiceBillingTheItemItselfIsInScope() {
        var client = Self.oneItem(inDefault: false)
        client.b.invoice(20, "INST-1", agreement: 1, goods: false, issued: "2026-03-01", due: "2026-03-31", cents: 300_00)
        client.b.items[0].invoiceIDs.append(20)
        client.letters[20] = Self.defaultLetters
        #expect(client.flag("S1", on: "2026-05-04", scope: .invoice).eligible)
    }

    @Test func anInvoiceIssuedAfterTheDateIsNotInScope() {
        var client = Self.oneItem()
        client.b.invoice(12, "F-12", agreement: 1, issued: "2026-06-01", due: "2026-07-01", cents: 100_00)
        guard let item = client.b.items.first else { return }
        #expect(OwnershipRule().invoicesInScope(for: item, in: client.ledger, on: d("2026-05-04")).map(\.number) == ["F-10"])
    }

    // MARK: Art. 10.2 / 10.3 condition 2: item events

    struct EventCase: CustomTestStringConvertible, Sendable {
        let name: String
        let event: ItemEvent?
        let eligible: Bool
        let owned: Bool
        /// The article of the not-at-client reason, nil when the item is at the client.
        let goneArticle: String?
        let breach: Bool
        var testDescription: String { name }
    }

    @Test(arguments: [
        EventCase(name: "no event: at the client and eligible", event: nil, eligible: true, owned: true,
                  goneArticle: nil, breach: false),
        EventCase(name: "returned: no longer at the client",
                  event: ItemEvent(kind: .returned, date: d("2026-04-28")), eligible: false, owned: true,
                  goneArticle: "10.3", breach: false),
        EventCase(name: "repossessed already: not eligible again",
                  event: ItemEvent(kind: .repossessed, date: d("2026-04-28")), eligible: false, owned: true,
                  goneArticle: "10.3", breach: false),
        EventCase(name: "incorporated into another good: title lost and gone",
                  event: ItemEvent(kind: .incorporated, date: d("2026-04-28")), eligible: false, owned: false,
                  goneArticle: "5:14 BW", breach: false),
        EventCase(name: "resold in the normal course: title passed to the buyer",
                  event: ItemEvent(kind: .resold, date: d("2026-04-28")), eligible: false, owned: false,
                  goneArticle: "3:86 BW", breach: false),
        EventCase(name: "resold outside the normal course: a breach, still owned, but not at the client",
                  event: ItemEvent(kind: .resold, date: d("2026-04-28"), note: "sold to a broker", outsideNormalCourse: true),
                  eligible: false, owned: true, goneArticle: "10.2", breach: true),
        EventCase(name: "pledged: a breach, still at the client and eligible",
                  event: ItemEvent(kind: .pledged, date: d("2026-04-28"), note: "to the bank"), eligible: true,
                  owned: true, goneArticle: nil, breach: true),
        EventCase(name: "waived: the client owns it",
                  event: ItemEvent(kind: .waived, date: d("2026-04-28")), eligible: false, owned: false,
                  goneArticle: nil, breach: false),
        EventCase(name: "an event after the date does not count yet",
                  event: ItemEvent(kind: .returned, date: d("2026-05-05")), eligible: true, owned: true,
                  goneArticle: nil, breach: false),
    ])
    func eachItemEvent(_ c: EventCase) {
        let flag = Self.oneItem(events: c.event.map { [$0] } ?? []).flag("S1", on: "2026-05-04")
        #expect(flag.eligible == c.eligible)
        #expect(flag.reasons.contains { $0.kind == .owned } == c.owned)
        #expect(flag.reasons.contains { $0.kind == .notOwned } == !c.owned)
        let gone = flag.reasons.first { $0.kind == .notAtClient }
        #expect(gone?.article == c.goneArticle)
        #expect(flag.reasons.contains { $0.kind == .atClient } == (c.goneArticle == nil))
        #expect(flag.breaches.count == (c.breach ? 1 : 0))
        if c.breach {
            #expect(flag.breaches[0].article == "10.2")
            #expect(flag.breaches[0].date == d("2026-04-28"))
            if let note = c.event?.note { #expect(flag.breaches[0].text.contains(note)) }
        }
    }

    @Test func notDeliveredYetIsNotEligible() {
        var client = Self.oneItem()
        client.b.items[0].deliveredOn = d("2026-05-10")
        let flag = client.flag("S1", on: "2026-05-04")
        #expect(!flag.eligible)
        #expect(flag.reasons.contains { $0.kind == .notAtClient && $0.date == d("2026-05-10") })
    }

    // MARK: Art. 63a / 241a / 376 Fw: cooling-off

    struct CoolingCase: CustomTestStringConvertible, Sendable {
        let name: String
        let steps: [(ClientStatus, String, String?)]
        let on: String
        let blockedUntil: String?
        let article: String?
        var testDescription: String { name }
    }

    @Test(arguments: [
        CoolingCase(name: "cooling-off start: blocked from the judgment day until the day after it ends",
                    steps: [(.bankrupt, "2026-03-02", "2026-05-01")], on: "2026-03-02",
                    blockedUntil: "2026-05-02", article: "63a Fw"),
        CoolingCase(name: "cooling-off on its last day still blocks",
                    steps: [(.bankrupt, "2026-03-02", "2026-05-01")], on: "2026-05-01",
                    blockedUntil: "2026-05-02", article: "63a Fw"),
        CoolingCase(name: "cooling-off end: the day after, the pickup is free",
                    steps: [(.bankrupt, "2026-03-02", "2026-05-01")], on: "2026-05-02", blockedUntil: nil, article: nil),
        CoolingCase(name: "cooling-off extension moves the block",
                    steps: [(.bankrupt, "2026-03-02", "2026-05-01"), (.bankrupt, "2026-04-20", "2026-07-01")],
                    on: "2026-05-04", blockedUntil: "2026-07-02", article: "63a Fw"),
        CoolingCase(name: "surseance cooling-off blocks under 241a",
                    steps: [(.surseance, "2026-03-02", "2026-04-30")], on: "2026-04-01",
                    blockedUntil: "2026-05-01", article: "241a Fw"),
        CoolingCase(name: "WHOA cooling-off of 8 months blocks under 376",
                    steps: [(.whoa, "2026-03-02", "2026-07-01"), (.whoa, "2026-06-01", "2026-11-01")],
                    on: "2026-10-01", blockedUntil: "2026-11-02", article: "376 Fw"),
    ])
    func coolingOff(_ c: CoolingCase) {
        // F-10 overdue without default: the status alone makes S1 eligible.
        let flag = Self.oneItem(inDefault: false).flag("S1", on: c.on, status: Self.statuses(c.steps))
        #expect(flag.eligible)
        #expect(flag.isBlocked == (c.blockedUntil != nil))
        #expect(flag.blockedUntil == c.blockedUntil.map(d))
        #expect(flag.lastBlockedDay == c.blockedUntil.map { d($0).adding(days: -1) })
        #expect(flag.blocks.first?.kind == (c.article == nil ? nil : RepossessionFlag.Block.Kind.coolingOff))
        #expect(flag.blocks.first?.article == c.article)
        if let article = c.article {
            #expect(flag.reasons.contains { $0.kind == .coolingOff && $0.article == article && $0.text.contains("permission") })
        } else {
            #expect(flag.reasons.contains { $0.kind == .coolingOffEnded && $0.text.contains("2026-05-01") })
        }
    }

    @Test func aCoolingOffAlsoBlocksAClientInDefault() {
        let flag = Self.oneItem().flag("S1", on: "2026-05-04", status: Self.statuses([(.bankrupt, "2026-05-01", "2026-06-30")]))
        #expect(flag.eligible)
        #expect(flag.blockedUntil == d("2026-07-01"))
        #expect(flag.reasons.contains { $0.kind == .inDefault })
        #expect(flag.reasons.contains { $0.kind == .clientStatus })
    }

    // MARK: Art. 22bis Iw: notice to the tax collector

    struct TaxCase: CustomTestStringConvertible, Sendable {
        let name: String
        let value: Int64
        let notices: [String]
        let on: String
        let blocked: Bool
        let blockedUntil: String?
        let kind: RepossessionFlag.Block.Kind?
        var testDescription: String { name }
    }

    /// Notice D = Monday 2026-05-04: the four weeks run through D+28 = 2026-06-01, the pickup may
    /// happen from D+29 = 2026-06-02 and until D+56 = 2026-06-29 without a new notice.
    @Test(arguments: [
        TaxCase(name: "EUR 9,999.99 on the premises needs no notice", value: 999_999, notices: [], on: "2026-05-04",
                blocked: false, blockedUntil: nil, kind: nil),
        TaxCase(name: "EUR 10,000.00 on the premises without a notice is blocked with no end date", value: 1_000_000,
                notices: [], on: "2026-05-04", blocked: true, blockedUntil: nil, kind: .taxNoticeMissing),
        TaxCase(name: "notice sent on the day itself blocks until D+29", value: 1_000_000, notices: ["2026-05-04"],
                on: "2026-05-04", blocked: true, blockedUntil: "2026-06-02", kind: .taxNotice),
        TaxCase(name: "on D+28 the four weeks have not passed yet", value: 1_000_000, notices: ["2026-05-04"],
                on: "2026-06-01", blocked: true, blockedUntil: "2026-06-02", kind: .taxNotice),
        TaxCase(name: "on D+29 the four weeks have passed", value: 1_000_000, notices: ["2026-05-04"],
                on: "2026-06-02", blocked: false, blockedUntil: nil, kind: nil),
        TaxCase(name: "on D+56 the notice still serves", value: 1_000_000, notices: ["2026-05-04"],
                on: "2026-06-29", blocked: false, blockedUntil: nil, kind: nil),
        TaxCase(name: "on D+57 the notice lapsed: notify again", value: 1_000_000, notices: ["2026-05-04"],
                on: "2026-06-30", blocked: true, blockedUntil: nil, kind: .taxNoticeMissing),
        TaxCase(name: "a notice sent after the date does not count", value: 1_000_000, notices: ["2026-05-05"],
                on: "2026-05-04", blocked: true, blockedUntil: nil, kind: .taxNoticeMissing),
        TaxCase(name: "the latest notice counts", value: 2_500_000, notices: ["2026-03-02", "2026-05-04"],
                on: "2026-05-10", blocked: true, blockedUntil: "2026-06-02", kind: .taxNotice),
    ])
    func taxCollectorNotice(_ c: TaxCase) {
        let flag = Self.oneItem().flag("S1", on: c.on, notices: c.notices, value: c.value)
        #expect(flag.eligible)
        #expect(flag.isBlocked == c.blocked)
        #expect(flag.blockedUntil == c.blockedUntil.map(d))
        #expect(flag.blocks.map(\.kind) == (c.kind.map { [$0] } ?? []))
        #expect(flag.blocks.allSatisfy { $0.article == "22bis Iw" })
        let expectedReason: RepossessionReason.Kind = c.value < 1_000_000 ? .taxNoticeNotNeeded
            : (c.kind == .taxNoticeMissing ? .taxNoticeMissing : .taxNotice)
        #expect(flag.reasons.contains { $0.kind == expectedReason && $0.article == "22bis Iw" })
    }

    /// 22bis(18) Iw: the notice is needed during a cooling-off period too; the latest block decides.
    @Test(arguments: [
        ([String](), nil as String?, 2),
        (["2026-04-01"], "2026-06-01", 1),  // the notice's four weeks passed on 04-29: only the cooling-off blocks
        (["2026-05-20"], "2026-06-18", 2),  // cooling-off ends first: the notice decides
    ])
    func coolingOffAndTaxNoticeTogether(notices: [String], blockedUntil: String?, blocks: Int) {
        let flag = Self.oneItem().flag("S1", on: "2026-05-20", status: Self.statuses([(.bankrupt, "2026-04-01", "2026-05-31")]),
                                       notices: notices, value: 1_500_000)
        #expect(flag.eligible)
        #expect(flag.isBlocked)
        #expect(flag.blocks.count == blocks)
        #expect(flag.blockedUntil == blockedUntil.map(d))
    }

    @Test func aFlagThatIsNotEligibleHasNoBlocks() {
        let flag = Self.oneItem(inDefault: false).flag("S1", on: "2026-05-04", notices: [], value: 5_000_000)
        #expect(!flag.eligible)
        #expect(flag.blocks.isEmpty)
        #expect(!flag.isBlocked)
        #expect(!flag.mayPickUp)
    }

    // MARK: JSON (`titlehold flags --json`)

    @Test func jsonKeepsANullBlockedUntilAndEveryReasonsArticle() throws {
        let flag = Self.oneItem().flag("S1", on: "2026-05-04", value: 1_000_000)
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let object = try JSONSerialization.jsonObject(with: encoder.encode(flag)) as? [String: Any]
        #expect(object?["serial"] as? String == "S1")
        #expect(object?["eligible"] as? Bool == true)
        #expect(object?["is_blocked"] as? Bool == true)
        #expect(object?["blocked_until"] is NSNull)
        let reasons = object?["reasons"] as? [[String: Any]] ?? []
        #expect(!reasons.isEmpty)
        #expect(reasons.allSatisfy { ($0["article"] as? String)?.isEmpty == false })

        let free = Self.oneItem().flag("S1", on: "2026-05-04", notices: ["2026-04-01"], value: 1_000_000)
        let freeObject = try JSONSerialization.jsonObject(with: encoder.encode(free)) as? [String: Any]
        #expect(freeObject?["blocked_until"] is NSNull)
        #expect(freeObject?["may_pick_up"] as? Bool == true)
        let blocked = Self.oneItem().flag("S1", on: "2026-05-04", notices: ["2026-05-04"], value: 1_000_000)
        let blockedObject = try JSONSerialization.jsonObject(with: encoder.encode(blocked)) as? [String: Any]
        #expect(blockedObject?["blocked_until"] as? String == "2026-06-02")
    }
}
