import Foundation
import Hummingbird
import LedgerStore
import TitleholdApp
import TitleholdCore

/// Uploads of e-invoices (UBL 2.1) and bank statements (camt.053): the body is the XML file itself.
/// They go through the same path as `titlehold import` (`FileImport` then `importDocuments` /
/// `importPayments`), so the event log records the file name and SHA-256 and each upload is one
/// transaction. Role: finance.
enum ImportsAPI {
    static let xmlTypes: Set<String> = ["application/xml", "text/xml"]

    static func register(on router: Router<ServerContext>, _ env: ServiceEnvironment) {
        // POST /api/invoices?name=FILE.xml: a UBL invoice or credit note.
        router.post("/api/invoices") { request, context in
            let principal = try context.require(.finance)
            let data = try await APIRequest.upload(request, context, accepting: xmlTypes)
            let parsed = try FileImport.invoice(named: try fileName(request), data: data)
            let outcomes = try env.ledger.importDocuments([parsed], context: APIRequest.change("POST /api/invoices", principal))
            return try respond(outcomes, sha256: parsed.sha256, context)
        }

        // POST /api/payments?name=FILE.xml: the credit entries of a camt.053 statement.
        router.post("/api/payments") { request, context in
            let principal = try context.require(.finance)
            let data = try await APIRequest.upload(request, context, accepting: xmlTypes)
            let parsed = try FileImport.statement(named: try fileName(request), data: data)
            let outcomes = try env.ledger.importPayments([parsed], context: APIRequest.change("POST /api/payments", principal))
            return try respond(outcomes, sha256: parsed.sha256, context)
        }

        // GET /api/payments/unmatched: `titlehold payments unmatched --json`.
        router.get("/api/payments/unmatched") { _, context in
            _ = try context.require(.finance)
            return try APIRequest.respond(try env.ledger.unmatchedPayments().map(UnmatchedPaymentRow.init), context)
        }
    }

    /// The file name for the event log: `?name=`, else `upload.xml`; a path is cut to its last part.
    static func fileName(_ request: Request) throws -> String {
        guard let given = APIRequest.query(request, "name") else { return "upload.xml" }
        let name = given.split(separator: "/").last.map(String.init) ?? given
        guard name.count <= 255, !name.contains(where: { $0.isNewline }), name != "..", name != "." else {
            throw HTTPError(.badRequest, message: "query parameter 'name' must be a plain file name of at most 255 characters")
        }
        return name
    }

    /// 201 when the file was recorded, 200 when the same file (same SHA-256) was imported before.
    static func respond(_ outcomes: [ImportOutcome], sha256: String, _ context: ServerContext) throws -> Response {
        guard let outcome = outcomes.first else { throw HTTPError(.internalServerError, message: "the import reported nothing") }
        let row = ImportOutcomeRow(file: outcome.fileName, status: outcome.status.rawValue, summary: outcome.summary, sha256: sha256)
        return try APIRequest.respond(row, status: outcome.status == .imported ? .created : .ok, context)
    }

    /// One imported file, as `titlehold import ... --json` prints it, with the file's SHA-256.
    struct ImportOutcomeRow: Encodable {
        var file: String
        var status: String
        var summary: String
        var sha256: String
    }

    /// One unmatched payment, as `titlehold payments unmatched --json` prints it.
    struct UnmatchedPaymentRow: Encodable {
        var id: Int64
        var bookingDate: Day
        var amountCents: Int64
        var debtorName: String?
        var debtorIban: String?
        var remittance: String?
        var file: String

        init(_ payment: UnmatchedPayment) {
            id = payment.id; bookingDate = payment.bookingDate; amountCents = payment.amount.value
            debtorName = payment.debtorName; debtorIban = payment.debtorIBAN; remittance = payment.remittance
            file = payment.fileName
        }
    }
}
