import Barcode
import Foundation
import Logging
import ScannerDriver
import ServiceLifecycle
import TitleholdApp
import TitleholdCore
import TitleholdResources

/// Reads every USB scanner plugged in, now or later (hotplug), and hands each scan to the live
/// intake hub: to the session the scanner is bound to, or as a control barcode opening one
/// (see `LiveIntakeHub`). Decodes with the same `ScannerDecoders` as `titlehold intake`.
///
/// On graceful shutdown the watcher stops (transfers cancelled, interfaces released); reports
/// already read are still handed to the hub before this service returns, and the hub (stopped
/// after this service) commits or refuses each.
struct ScannerService: Service {
    let hub: LiveIntakeHub
    let layout: KeyboardLayout
    let suffix: String
    let today: @Sendable () -> Day
    let logger: Logger

    func run() async throws {
        let table = try ScannerTable.load(from: ResourceLocator.url("scanners/scanners.tsv"))
        let context: USBContext
        do { context = try USBContext() } catch {
            logger.warning("USB is not available; scanners are not read (set scanners = off to silence this)",
                           metadata: ["error": "\(error)"])
            return
        }
        let (watcher, stream) = ScannerWatcher.stream(context: context, matcher: ScannerMatcher(table: table, selectors: []))
        do { try watcher.start() } catch {
            logger.warning("cannot watch USB scanners; scanners are not read", metadata: ["error": "\(error)"])
            context.close()
            return
        }
        logger.info("watching USB scanners", metadata: ["hotplug": "\(context.supportsHotplug)"])
        var decoders = ScannerDecoders(layout: layout, suffix: suffix)
        await withGracefulShutdownHandler {
            for await event in stream {
                await handle(decoders.handle(event), watcher: watcher, decoders: decoders)
            }
        } onGracefulShutdown: {
            watcher.stop()  // finishes the stream once the last report is in it
        }
        watcher.stop()
        context.close()
        logger.info("scanner watcher stopped")
    }

    private func handle(_ output: ScannerDecoders.Output, watcher: ScannerWatcher, decoders: ScannerDecoders) async {
        switch output {
        case .attached(let name, let vidPid):
            logger.info("scanner attached", metadata: ["scanner": "\(name)", "usb_id": "\(vidPid)"])
            await hub.scannerAttached(name)
        case .detached(let name, let reason):
            logger.info("scanner detached", metadata: ["scanner": "\(name)", "reason": "\(reason)"])
            await hub.scannerDetached(name)
        case .failed(let name, let error):
            logger.error("scanner could not be read", metadata: ["scanner": "\(name)", "error": "\(error)"])
        case .scan(let name, let text):
            if let ack = await hub.scannerScan(text, scanner: name, today: today), ack.status == "accepted" {
                decoders.acknowledge(name, on: watcher)
            }
        case .rejected(let name, let reason):
            await hub.scannerRejected(reason, scanner: name)
        case .nothing:
            break
        }
    }
}

/// Ends every live intake session when the service stops (after the scanner watcher, before
/// the HTTP server, so that open event streams end and the server can close its connections).
struct IntakeHubService: Service {
    let hub: LiveIntakeHub

    func run() async throws {
        try? await gracefulShutdown()
        await hub.shutdown()
    }
}
