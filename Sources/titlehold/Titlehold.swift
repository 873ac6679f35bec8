import ArgumentParser

/// `titlehold`: the supplier's ledger of delivered hardware under retention of title.
@main
struct Titlehold: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "titlehold",
        abstract: "Track delivered hardware that stays the supplier's until paid (retention of title, art. 10).",
        subcommands: [
            Demo.self, Deliver.self, Intake.self, Import.self, Owned.self, Items.self, Payments.self, Agreements.self,
            Clients.self, Warranty.self, Dunning.self, Interest.self, Letters.self, Flags.self, Pickups.self, Serve.self, Audit.self,
            Users.self, Tokens.self,
        ])
}
