import TitleholdCore

/// The shape of the synthetic ledger (issue "The ledger", section Speed): for `items` delivered
/// items, `items / 50` clients, `items / 4` invoices and `items * 3 / 10` payments — at 1,000,000
/// items that is 20,000 clients, 250,000 invoices and 300,000 payments.
///
/// Everything is a pure function of an index and the seed, so a run is reproducible and nothing
/// but the counts has to be kept in memory:
/// - invoice `j` belongs to client `j % clients`, under its own order `PO-…` (one agreement per
///   invoice), and bills the consecutive items `itemRange(ofInvoice: j)` (4 on average);
/// - its items come in pairs of one GTIN, one invoice line per pair (quantity 2); one invoice in ten
///   also lists the serials on its lines (`cac:ItemInstance/cbc:SerialID`);
/// - items are delivered 0–3 days before their invoice is issued; issue dates spread evenly over
///   two years from 2023-01-02; every invoice states a due date 30 days after issue;
/// - payments per invoice by `paymentPattern(j)` (0–9): 0–5 one full payment quoting the payment id
///   as structured reference; 6–7 two halves naming the invoice number in the remittance text; 8–9
///   one payment of half the amount on account (no reference: matched by the payer's IBAN, known
///   from the client's earlier payments, and allocated by art. 6:43(2) BW). That is 1.2 payments
///   per invoice. The pattern rotates per client, so every client pays in all three ways.
struct SyntheticLedger {
    let items: Int
    let clients: Int
    let invoices: Int
    let seed: UInt64

    static let start = Day(year: 2023, month: 1, day: 2) ?? Day(ordinal: 19359)
    static let spanDays = 730
    static let catalog = GTINCatalog(count: 200)

    init(items: Int, seed: UInt64) {
        self.items = max(items, 4)
        self.clients = max(1, self.items / 50)
        self.invoices = max(1, self.items / 4)
        self.seed = seed
    }

    /// The number of payments the plan produces (1.2 per invoice).
    var payments: Int { (0..<invoices).reduce(0) { $0 + Self.paymentsPer(pattern: paymentPattern($1)) } }

    /// The last day anything happens (the last payment on account is booked 45 days after the last issue date).
    var lastDay: Day { issueDate(ofInvoice: invoices - 1).adding(days: 45) }

    // MARK: Clients

    func client(ofInvoice j: Int) -> Int { j % clients }
    /// An 8-digit KvK number, so `deliver`'s handle and the invoice's `PartyLegalEntity` (scheme 0106) find one client.
    func kvk(ofClient c: Int) -> String { String(10_000_000 + c) }
    func name(ofClient c: Int) -> String { "Synthetic Client \(c) B.V." }
    func iban(ofClient c: Int) -> String { "NL91BANK0" + zeroPadded(c, 9) }

    // MARK: Invoices and items

    func itemRange(ofInvoice j: Int) -> Range<Int> { (j * items / invoices)..<((j + 1) * items / invoices) }
    func invoice(ofItem k: Int) -> Int { ((k + 1) * invoices - 1) / items }
    func invoiceNumber(_ j: Int) -> String { "F" + zeroPadded(j, 9) }
    func orderReference(ofInvoice j: Int) -> String { "PO-" + zeroPadded(j, 9) }
    /// A 16-digit Dutch payment reference ("betalingskenmerk"), as printed on the invoice.
    func paymentID(ofInvoice j: Int) -> String { "70" + zeroPadded(j, 14) }
    func issueDate(ofInvoice j: Int) -> Day { Self.start.adding(days: j * Self.spanDays / invoices) }
    func dueDate(ofInvoice j: Int) -> Day { issueDate(ofInvoice: j).adding(days: 30) }
    func billsSerials(_ j: Int) -> Bool { (j + 3 * (j / clients)) % 10 == 7 }

    /// Which way invoice `j` is paid (see the type's comment). `j % 10` alone would tie the way to
    /// the client (client `c` has the invoices `c`, `c + clients`, … and `clients` is usually a
    /// multiple of 10); adding the client's invoice count so far rotates it. Each run of 10
    /// consecutive invoices of one round still takes every pattern once, so there are 1.2 payments per invoice.
    func paymentPattern(_ j: Int) -> Int { (j + j / clients) % 10 }

    /// The serial of item `k`: "SN" and 16 hex digits of a bijective mix of `k`, so serials are
    /// unique, look random and arrive in no particular index order (as real vendors' serials do).
    func serial(ofItem k: Int) -> String {
        let hex = String(mix(UInt64(k) ^ seed), radix: 16, uppercase: true)
        return "SN" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Line `l` of invoice `j` bills the items at positions `2l` and `2l+1` of the invoice; its GTIN
    /// differs from the invoice's other lines.
    func catalogIndex(invoice j: Int, line l: Int) -> Int { (j &* 7 &+ l) % Self.catalog.count }
    func catalogIndex(ofItem k: Int) -> Int {
        let j = invoice(ofItem: k)
        return catalogIndex(invoice: j, line: (k - itemRange(ofInvoice: j).lowerBound) / 2)
    }
    func deliveryDate(ofItem k: Int) -> Day {
        let j = invoice(ofItem: k)
        return issueDate(ofInvoice: j).adding(days: -(j % 4))
    }

    /// The invoice's lines: (catalog index, item range) per line.
    func lines(ofInvoice j: Int) -> [(catalog: Int, items: Range<Int>)] {
        let range = itemRange(ofInvoice: j)
        return stride(from: range.lowerBound, to: range.upperBound, by: 2).enumerated().map { l, first in
            (catalogIndex(invoice: j, line: l), first..<min(first + 2, range.upperBound))
        }
    }

    func payable(ofInvoice j: Int) -> Cents {
        Cents(lines(ofInvoice: j).reduce(Int64(0)) { $0 + Self.catalog.price(of: $1.catalog).value * Int64($1.items.count) })
    }

    // MARK: Payments

    static func paymentsPer(pattern: Int) -> Int { pattern == 6 || pattern == 7 ? 2 : 1 }

    private func zeroPadded(_ value: Int, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// SplitMix64's finaliser: a bijection on 64-bit integers.
    private func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A small product catalog: valid GTIN-13s (with their check digit), a name and a unit price each.
struct GTINCatalog {
    let gtins: [String]
    let count: Int

    init(count: Int) {
        self.count = count
        gtins = (0..<count).map { i in
            let body = "871234" + String(100_000 + i)   // 12 digits: a Dutch prefix and a product number
            let digits = body.compactMap { $0.wholeNumberValue }
            // GS1 check digit: weights 3 and 1 from the right, over the 12 body digits.
            let sum = digits.reversed().enumerated().reduce(0) { $0 + $1.element * ($1.offset % 2 == 0 ? 3 : 1) }
            return body + String((10 - sum % 10) % 10)
        }
    }

    func name(of i: Int) -> String { ["Laptop", "Monitor", "Docking station", "Switch", "Access point"][i % 5] + " model \(i)" }
    func price(of i: Int) -> Cents { Cents(Int64(19_900 + (i * 3_733) % 180_000)) }
}
