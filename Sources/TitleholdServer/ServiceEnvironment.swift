import Foundation
import LedgerStore
import Logging
import TitleholdApp
import TitleholdCore

/// What every route works with: the ledger, the rule book, the templates, the clock. Built once
/// when the service starts; every page and endpoint calls the same services the CLI does.
public struct ServiceEnvironment: Sendable {
    public var ledger: LedgerDatabase
    public var rules: RuleBook
    public var print: PrintShop
    public var warranty: WarrantyService
    public var scope: OwnershipScope
    /// Today in Europe/Amsterdam (injected, so tests can fix the day).
    public var today: @Sendable () -> Day
    public var logger: Logger
    /// The live intake sessions (API, event streams, USB scanners bound to sessions).
    public var intake: LiveIntakeHub
    /// The Prometheus registry `/metrics` shows.
    public var metrics: ServiceMetrics
    /// Whether `/metrics` is open to anyone who reaches the port (else it needs the admin role).
    public var metricsOpen: Bool
    /// Adds `GET /bench/hello` (the speed benchmark's baseline); off in production.
    public var benchRoutes: Bool
    /// Where letters sent through the service are written (the `letters_dir` setting).
    public var lettersDirectory: URL

    public init(ledger: LedgerDatabase, rules: RuleBook, print: PrintShop, warranty: WarrantyService, scope: OwnershipScope,
                today: @escaping @Sendable () -> Day, logger: Logger, metrics: ServiceMetrics = ServiceMetrics(),
                intake: LiveIntakeHub? = nil, metricsOpen: Bool = false, benchRoutes: Bool = false,
                lettersDirectory: URL = URL(fileURLWithPath: "letters")) {
        self.ledger = ledger; self.rules = rules; self.print = print; self.warranty = warranty; self.scope = scope
        self.today = today; self.logger = logger
        self.metrics = metrics
        self.intake = intake ?? LiveIntakeHub(ledger: ledger, metrics: metrics, logger: logger)
        self.metricsOpen = metricsOpen; self.benchRoutes = benchRoutes; self.lettersDirectory = lettersDirectory
    }

    /// Loads the rule book, templates and catalog from `Resources/` for the ledger at `ledger`.
    public static func load(ledger: LedgerDatabase, scope: OwnershipScope, logger: Logger) throws -> ServiceEnvironment {
        ServiceEnvironment(ledger: ledger, rules: try RuleBook.load(), print: try PrintShop.load(),
                           warranty: try WarrantyService.load(window: nil), scope: scope,
                           today: { BusinessClock.today() }, logger: logger)
    }
}
