import Documents
import Foundation
import LedgerStore
import TitleholdCore

/// A dunning letter written and recorded by `titlehold letters send`.
public struct WrittenLetter: Sendable, Encodable {
    public var client: String
    public var step: String
    public var invoices: [String]
    public var sentOn: Day
    public var termEndsOn: Day
    public var totalCents: Int64
    public var costsCents: Int64
    public var html: String
    public var text: String
}

/// Writes the dunning letters that are due on a day (art. 13.4): per client, one letter per step
/// covering all its invoices that have reached that step — so a client gets one letter, unless
/// its invoices are at different steps. The costs on a letter are computed on the sum of its
/// invoices' principals (art. 6:96(7) BW). The letters are written first, then recorded as sent
/// in one transaction; if recording fails, the files written are removed again.
public struct LetterService: Sendable {
    public var rules: RuleBook
    public var print: PrintShop

    public init(rules: RuleBook, print: PrintShop) { self.rules = rules; self.print = print }

    /// A letter to write: its model for the templates, and what to record per invoice.
    struct Draft {
        var model: DunningLetterModel
        var records: [SentLetter]
        var clientKey: String
    }

    /// `context` names who sent them in the event log (the CLI command, or the API user).
    public func send(ledger: LedgerDatabase, on date: Day, into directory: URL,
                     context: ChangeContext = ChangeContext(command: "letters send")) throws -> [WrittenLetter] {
        let files = try ledger.clientFiles()
        let dunning = DunningService(rules: rules)
        var drafts: [Draft] = []
        for file in files where !file.ledger.invoices.isEmpty {
            drafts += try self.drafts(for: file, invoices: dunning.evaluate(file, on: date), on: date)
        }
        guard !drafts.isEmpty else { return [] }
        var folder = try LetterFolder(directory)
        var written: [WrittenLetter] = []
        do {
            for draft in drafts {
                let rendered: RenderedLetter
                do { rendered = try print.letters.render(draft.model) } catch { throw RuleBookError(error.description) }
                let (html, text) = try folder.write(rendered)
                written.append(WrittenLetter(
                    client: draft.clientKey, step: draft.model.step.rawValue, invoices: draft.model.invoices.map(\.number),
                    sentOn: date, termEndsOn: draft.model.termEndsOn,
                    totalCents: (draft.model.totalDue + draft.model.costsCents).value, costsCents: draft.model.costsCents.value,
                    html: html.path, text: text.path))
            }
            let records = zip(drafts, written).flatMap { draft, letter in
                draft.records.map { var r = $0; r.fileName = URL(fileURLWithPath: letter.html).lastPathComponent; return r }
            }
            try ledger.recordLetters(records, context: context)
        } catch {
            folder.removeWritten()
            throw error
        }
        return written
    }

    /// The letters one client is due on `date`.
    func drafts(for file: ClientFile, invoices: [InvoiceDunning], on date: Day) throws -> [Draft] {
        let due = invoices.filter { $0.status.mayTakeNextStep && $0.status.nextStep?.action != .handToCollections }
        var byStep: [(LetterStep, [InvoiceDunning])] = []
        for step in [LetterStep.reminder1, .reminder2, .noticeOfDefault] {
            let group = due.filter { $0.status.nextStep.map { LetterStep($0.action.letterKind) } == step }
            if !group.isEmpty { byStep.append((step, group)) }
        }
        let isConsumer = file.ledger.clientKind == .consumer
        return byStep.map { step, group in
            let days: Int
            var termStart = date
            switch step {
            case .reminder1:
                days = rules.dunning.reminder1TermDays
                // To a consumer the 14 days run from the day after receipt (art. 6:96(6) BW).
                if isConsumer { termStart = date.adding(days: rules.dunning.assumedPostalDays) }
            case .reminder2: days = rules.dunning.reminder2TermDays
            case .noticeOfDefault: days = rules.dunning.noticeTermDays
            }
            let termEnds = rules.statutoryCalendar.termEnd(after: termStart, days: days)
            let costs = CollectionCosts.assess(
                clientKind: file.ledger.clientKind, principals: group.map(\.open),
                dueDate: group.map(\.invoice.dueDate).max() ?? date, fourteenDayLetterSentOn: nil,
                calendar: rules.statutoryCalendar, settings: rules.dunning)
            let previousKind: DunningLetter.Kind? = step == .reminder2 ? .reminder1 : step == .noticeOfDefault ? .reminder2 : nil
            let previous = previousKind.flatMap { kind in
                group.flatMap { file.ledger.letters[$0.invoice.id] ?? [] }.filter { $0.kind == kind }.map(\.sentOn).max()
            }
            let model = DunningLetterModel(
                step: step, sentOn: date,
                client: LetterClient(name: file.name ?? file.key, addressLines: ClientFileLetterhead.addressLines(file.address),
                                     debtorNumber: file.key, kvkNumber: file.key.count == 8 && file.key.allSatisfy(\.isNumber) ? file.key : nil),
                invoices: group.map {
                    DunningLetterModel.Invoice(number: $0.invoice.number, issueDate: $0.invoice.issueDate,
                                               dueDate: $0.invoice.dueDate, openCents: $0.open, interestCents: $0.interestOwed,
                                               paymentReference: $0.invoice.paymentID ?? $0.invoice.number)
                },
                costsCents: costs.amount, termDays: days, termEndsOn: termEnds, isConsumer: isConsumer,
                previousLetterSentOn: previous)
            let records = group.map {
                SentLetter(invoice: $0.invoice.number, kind: step.dunningKind, sentOn: date, origin: .titlehold,
                           principal: $0.open, interest: $0.interestOwed, costs: costs.amount, termEndsOn: termEnds)
            }
            return Draft(model: model, records: records, clientKey: file.key)
        }
    }
}
