import ArgumentParser
import Barcode
import LedgerStore
import TitleholdApp
import TitleholdCore

/// `titlehold deliver`: record one delivered item.
struct Deliver: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record one delivered item: which client got which serial, on which date, under which order.")

    @Option(name: .long, help: "The client (KvK number, debtor number or other identifier); created when unknown.")
    var client: String
    @Option(name: .long, help: "The order, quote or contract number; created when unknown.") var agreement: String
    @Option(name: .long, help: "The item's serial number.") var serial: String
    @Option(name: .long, help: "The product's GTIN (EAN/UPC); its check digit is verified.") var gtin: String?
    @Option(name: .long, help: "A description of the item.") var name: String?
    @Option(name: .long, help: "Delivery date, YYYY-MM-DD (default: today in Europe/Amsterdam).", transform: parseDay)
    var date: Day?
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let gtin {
            do { _ = try GTIN(gtin) } catch { throw ValidationError("--gtin: \(error.message)") }
        }
    }

    func run() throws {
        let database = try ledger.open()
        let delivery = Delivery(client: client, agreement: agreement, serial: serial,
                                gtin: gtin.flatMap { try? GTIN($0).gtin14 }, name: name, date: date ?? BusinessClock.today())
        let outcome = try userFacing { try database.deliver(delivery, context: ChangeContext(command: "deliver")) }
        switch outcome {
        case .recorded:
            if output.json { try printJSON(DeliveryResult(serial: delivery.serial, status: "recorded", deliveredOn: delivery.date)) }
            else { print("recorded: \(delivery.serial) delivered to \(client) under \(agreement) on \(delivery.date)") }
        case .alreadyDelivered(_, let on):
            if output.json { try printJSON(DeliveryResult(serial: delivery.serial, status: "already_delivered", deliveredOn: on)) }
            else { print("already recorded: \(delivery.serial) was delivered to \(client) on \(on); nothing changed") }
        }
    }

    struct DeliveryResult: Encodable { var serial: String; var status: String; var deliveredOn: Day }
}
