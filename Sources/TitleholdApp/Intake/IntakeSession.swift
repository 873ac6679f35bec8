import Barcode

/// The intake session at a delivery, as a state machine with no I/O: each scan goes in, one
/// action comes out, and the shell carries it out (writes the delivery, says it on screen).
///
/// - A product barcode (GTIN/EAN) followed by a serial barcode is one item; a barcode that
///   carries both (GS1 (01)+(21), a Lenovo `1S` label, an ISO 15434 record with S or 1S) is one
///   item on its own. A serial without a product before it is an item without a GTIN.
/// - Control barcodes let the technician work without a keyboard. Their text starts with
///   `TH:` so that no product or serial barcode is mistaken for one (decision):
///   `TH:ORDER:<reference>` switches to another agreement or order, `TH:UNDO` undoes the last
///   item, `TH:END` ends the session. `ControlSheet` prints them.
public struct IntakeSession: Sendable {
    public enum Action: Sendable, Equatable {
        /// Record this item (durably) before acknowledging it.
        case deliver(serial: String, gtin: String?, raw: String, agreement: String)
        /// A product was scanned; the next serial belongs to it. `replaced` is a product scanned
        /// before it that never got a serial.
        case awaitSerial(gtin: String, replaced: String?)
        case switchAgreement(String)
        /// Undo the last item recorded in this session.
        case undo
        case end
        case reject(String)
    }

    public static let controlPrefix = "TH:"
    public private(set) var agreement: String
    public private(set) var pendingProduct: String?
    let options: Barcode.Options

    public init(agreement: String, options: Barcode.Options = Barcode.Options()) {
        self.agreement = agreement
        self.options = options
    }

    public mutating func handle(_ text: String) -> Action {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines.subtracting(.init(charactersIn: "\u{1D}")))
        if let control = Self.control(in: trimmed) { return apply(control) }
        guard !trimmed.isEmpty else { return .reject("empty scan") }
        let scan = Barcode.interpret(trimmed, options: options)
        switch scan.kind {
        case .invalid(let error):
            return .reject("not a usable barcode: \(error.message)")
        case .other:
            return .reject("neither a product nor a serial barcode: \(trimmed)")
        case .product:
            guard let gtin = scan.gtin else {
                return .reject("a part number without a GTIN cannot identify the product: \(trimmed)")
            }
            let replaced = pendingProduct
            pendingProduct = gtin
            return .awaitSerial(gtin: gtin, replaced: replaced)
        case .serial:
            guard let serial = scan.serial, !serial.isEmpty else { return .reject("no serial in \(trimmed)") }
            let gtin = pendingProduct
            pendingProduct = nil
            return .deliver(serial: serial, gtin: gtin, raw: trimmed, agreement: agreement)
        case .productAndSerial:
            guard let serial = scan.serial, !serial.isEmpty else { return .reject("no serial in \(trimmed)") }
            pendingProduct = nil
            return .deliver(serial: serial, gtin: scan.gtin, raw: trimmed, agreement: agreement)
        }
    }

    enum Control: Equatable { case agreement(String), undo, end, unknown(String) }

    /// A control barcode's meaning; a leading AIM symbology identifier (`]C0`) is ignored. Text
    /// with the prefix that is no known control is refused, never recorded as a serial.
    static func control(in text: String) -> Control? {
        var body = Substring(text)
        if body.hasPrefix("]"), body.count >= 3 { body = body.dropFirst(3) }
        guard body.uppercased().hasPrefix(controlPrefix) else { return nil }
        let rest = body.dropFirst(controlPrefix.count)
        switch rest.uppercased() {
        case "UNDO": return .undo
        case "END": return .end
        default:
            guard rest.uppercased().hasPrefix("ORDER:") else { return .unknown(String(body)) }
            let reference = rest.dropFirst("ORDER:".count).trimmingCharacters(in: .whitespaces)
            return reference.isEmpty ? .unknown(String(body)) : .agreement(reference)
        }
    }

    private mutating func apply(_ control: Control) -> Action {
        switch control {
        case .agreement(let reference):
            agreement = reference
            pendingProduct = nil
            return .switchAgreement(reference)
        case .undo:
            pendingProduct = nil
            return .undo
        case .end:
            return .end
        case .unknown(let text):
            return .reject("unknown control barcode \(text): use TH:ORDER:<reference>, TH:UNDO or TH:END")
        }
    }
}

import Foundation
