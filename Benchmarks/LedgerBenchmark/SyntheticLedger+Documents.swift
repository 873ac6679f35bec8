import Foundation
import Importers
import LedgerStore
import TitleholdCore

/// The synthetic ledger as the values the real write paths take: `Delivery` for `deliver`,
/// `ImportedDocument` (what `UBLReader` would produce) for `importDocuments`, and
/// `StatementEntry` (what `CAMT053Reader` would produce) for `importPayments`.
extension SyntheticLedger {
    static let supplier = ImportedDocument.Party(
        name: "Titlehold Supplier B.V.", legalID: .init(scheme: "0106", value: "99887766"),
        endpointID: .init(scheme: "0106", value: "99887766"), vatIDs: ["NL999988877B01"], address: "Leverweg 1, 3511 AA Utrecht")
    static let supplierIBAN = "NL02SUPP0123456789"

    func delivery(ofItem k: Int) -> Delivery {
        let j = invoice(ofItem: k)
        let product = catalogIndex(ofItem: k)
        return Delivery(client: kvk(ofClient: client(ofInvoice: j)), agreement: orderReference(ofInvoice: j),
                        serial: serial(ofItem: k), gtin: Self.catalog.gtins[product], name: Self.catalog.name(of: product),
                        date: deliveryDate(ofItem: k))
    }

    func document(ofInvoice j: Int) -> ParsedFile<ImportedDocument> {
        let c = client(ofInvoice: j)
        let kvk = kvk(ofClient: c)
        let buyer = ImportedDocument.Party(
            name: name(ofClient: c), legalID: .init(scheme: "0106", value: kvk), partyIDs: [],
            endpointID: .init(scheme: "0106", value: kvk), vatIDs: ["NL\(kvk)0B01"], address: "Klantstraat \(c % 500 + 1), Amsterdam")
        let lines = lines(ofInvoice: j).enumerated().map { n, line in
            ImportedDocument.Line(
                id: String(n + 1), gtin: Self.catalog.gtins[line.catalog], sellersItemID: "SKU-\(line.catalog)",
                name: Self.catalog.name(of: line.catalog), quantity: String(line.items.count), wholeUnits: line.items.count,
                lineExtension: Cents(Self.catalog.price(of: line.catalog).value * Int64(line.items.count)),
                serials: billsSerials(j) ? line.items.map { serial(ofItem: $0) } : [])
        }
        let number = invoiceNumber(j)
        var doc = ImportedDocument(
            kind: .invoice, number: number, issueDate: issueDate(ofInvoice: j), dueDate: dueDate(ofInvoice: j), currency: "EUR",
            payable: payable(ofInvoice: j), paymentID: paymentID(ofInvoice: j), orderReference: orderReference(ofInvoice: j),
            contractReference: nil, billingReferences: [], seller: Self.supplier, buyer: buyer, deliveryAddress: nil, lines: lines)
        doc.typeCode = "380"
        // Each document stands for one UBL file; its identity is its (unique) number.
        return ParsedFile(fileName: "\(number).xml", sha256: sha256Hex(Data(("ubl:" + number).utf8)), content: doc)
    }

    /// One payment to make: for which invoice, which of its payments, and when it is booked.
    struct PaymentPlan {
        var invoice: Int32
        var part: Int8
        var bookingDate: Int32
    }

    /// All payments, in booking order (as bank statements deliver them).
    func paymentPlans() -> [PaymentPlan] {
        var plans: [PaymentPlan] = []
        plans.reserveCapacity(payments)
        for j in 0..<invoices {
            let due = dueDate(ofInvoice: j)
            switch paymentPattern(j) {
            case 6, 7:
                plans.append(PaymentPlan(invoice: Int32(j), part: 1, bookingDate: Int32(due.adding(days: -3).ordinal)))
                plans.append(PaymentPlan(invoice: Int32(j), part: 2, bookingDate: Int32(due.adding(days: 10).ordinal)))
            case 8, 9:
                plans.append(PaymentPlan(invoice: Int32(j), part: 0, bookingDate: Int32(due.adding(days: 15).ordinal)))
            default:
                plans.append(PaymentPlan(invoice: Int32(j), part: 1, bookingDate: Int32(due.adding(days: -(j % 7)).ordinal)))
            }
        }
        plans.sort { ($0.bookingDate, $0.invoice, $0.part) < ($1.bookingDate, $1.invoice, $1.part) }
        return plans
    }

    func entry(_ plan: PaymentPlan, index: Int, position: Int) -> StatementEntry {
        let j = Int(plan.invoice)
        let c = client(ofInvoice: j)
        let total = payable(ofInvoice: j).value
        let amount: Int64
        var structured: [String] = []
        var unstructured: [String] = []
        switch (paymentPattern(j), plan.part) {
        case (6, _), (7, _):
            amount = plan.part == 1 ? total / 2 : total - total / 2
            unstructured = ["Factuur \(invoiceNumber(j)) deel \(plan.part)/2"]
        case (8, _), (9, _):
            amount = total / 2
            unstructured = ["Betaling op rekening"]
        default:
            amount = total
            structured = [paymentID(ofInvoice: j)]
        }
        let day = Day(ordinal: Int(plan.bookingDate))
        return StatementEntry(
            accountIBAN: Self.supplierIBAN, statementID: "STMT-\(day)", isCredit: true, isReversal: false, amount: Cents(amount),
            currency: "EUR", bookingDate: day, valueDate: day, bankReference: "BANKREF\(index)", endToEndID: nil,
            structuredReferences: structured, unstructured: unstructured, debtorName: name(ofClient: c),
            debtorIBAN: iban(ofClient: c), position: position)
    }

    /// One camt.053 "file" of payments.
    func statement(_ plans: ArraySlice<PaymentPlan>, number: Int) -> ParsedFile<[StatementEntry]> {
        let entries = plans.enumerated().map { n, plan in entry(plan, index: plans.startIndex + n, position: n + 1) }
        return ParsedFile(fileName: "statement-\(number).xml", sha256: sha256Hex(Data("camt053:\(number)".utf8)), content: entries)
    }
}
