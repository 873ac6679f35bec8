import ArgumentParser
import LedgerStore
import TitleholdApp
import TitleholdCore

extension ItemEvent.Kind: ExpressibleByArgument {}

extension Items {
    /// `titlehold items event SERIAL KIND`: something that happened to an item after delivery.
    struct Event: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record what happened to a delivered item: returned, incorporated, resold, pledged or waived.",
            discussion: """
                incorporated: became part of another good; title is lost (art. 5:14 BW).
                resold: sold on by the client; in its normal course of business title passes to the buyer (art. 3:86 BW). \
                With --outside-normal-course it is a breach of art. 10.2 and title is not given up.
                pledged: encumbered by the client, a breach of art. 10.2.
                waived: the supplier gives up its retention of title (art. 3:92(3) BW).
                returned: the item came back to the supplier. (Repossession is recorded by `pickups scan`.)
                """)
        @Argument(help: "The item's serial.") var serial: String
        @Argument(help: "returned, incorporated, resold, pledged or waived.") var kind: ItemEvent.Kind
        @Option(name: .long, help: "When it happened, YYYY-MM-DD (default: today).", transform: parseDay) var date: Day?
        @Option(name: .long, help: "A note for the record (who reported it, to whom it was sold...).") var note: String?
        @Flag(name: .long, help: "For resold: the sale was outside the client's normal course of business (art. 10.2).")
        var outsideNormalCourse = false
        @OptionGroup var ledger: LedgerOptions

        func validate() throws {
            if kind == .repossessed {
                throw ValidationError("a repossession is recorded at the door with `titlehold pickups scan`, not here")
            }
            if outsideNormalCourse && kind != .resold {
                throw ValidationError("--outside-normal-course goes with resold only")
            }
        }

        func run() throws {
            let event = ItemEvent(kind: kind, date: date ?? BusinessClock.today(), note: note,
                                  outsideNormalCourse: outsideNormalCourse)
            try userFacing {
                try ledger.open().recordItemEvent(serial: serial, event, context: ChangeContext(command: "items event"))
            }
            var line = "recorded: \(serial) \(kind.rawValue) on \(event.date)"
            if event.breachesArticle10_2 { line += " — a breach of art. 10.2 (selling or encumbering goods under retention of title)" }
            print(line)
        }
    }
}
