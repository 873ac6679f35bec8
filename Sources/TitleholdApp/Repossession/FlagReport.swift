import TitleholdCore

/// One line of `titlehold flags --json`: an item eligible for repossession (art. 10.3).
/// `blocked_until` is the first day the pickup may take place when a block with an end applies,
/// and null when nothing blocks it — or when a block has no end yet (see `blocks`, `is_blocked`).
public struct FlagReport: Sendable, Encodable {
    public var serial: String
    public var client: String
    public var clientName: String?
    public var at: Day
    public var eligible: Bool
    public var isBlocked: Bool
    public var blockedUntil: Day?
    public var mayPickUp: Bool
    public var blocks: [RepossessionFlag.Block]
    public var breaches: [RepossessionReason]
    public var reasons: [RepossessionReason]

    private enum CodingKeys: String, CodingKey {
        case serial, client, clientName, at, eligible, isBlocked, blockedUntil, mayPickUp, blocks, breaches, reasons
    }

    public init(_ flag: ItemFlag) {
        serial = flag.item.serial
        client = flag.clientKey; clientName = flag.clientName
        at = flag.flag.asOf
        eligible = flag.flag.eligible; isBlocked = flag.flag.isBlocked; blockedUntil = flag.flag.blockedUntil
        mayPickUp = flag.flag.mayPickUp
        blocks = flag.flag.blocks; breaches = flag.flag.breaches; reasons = flag.flag.reasons
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(serial, forKey: .serial)
        try c.encode(client, forKey: .client)
        try c.encodeIfPresent(clientName, forKey: .clientName)
        try c.encode(at, forKey: .at)
        try c.encode(eligible, forKey: .eligible)
        try c.encode(isBlocked, forKey: .isBlocked)
        try c.encode(blockedUntil, forKey: .blockedUntil)  // null, not left out
        try c.encode(mayPickUp, forKey: .mayPickUp)
        try c.encode(blocks, forKey: .blocks)
        try c.encode(breaches, forKey: .breaches)
        try c.encode(reasons, forKey: .reasons)
    }

    /// Plain text, grouped by client: the client's reasons once, then each item with its blocks.
    public static func text(_ reports: [FlagReport]) -> String {
        var blocks: [String] = []
        var byClient: [(String, [FlagReport])] = []
        for report in reports {
            if let last = byClient.indices.last, byClient[last].0 == report.client { byClient[last].1.append(report) } else {
                byClient.append((report.client, [report]))
            }
        }
        for (client, items) in byClient {
            let name = items[0].clientName.map { " (\($0))" } ?? ""
            var lines = ["\(client)\(name): \(items.count) item(s) eligible for repossession on \(items[0].at) (art. 10.3)"]
            var seen = Set<String>()
            for item in items {
                for reason in item.reasons where seen.insert(reason.text).inserted {
                    lines.append("  - \(reason.text) [art. \(reason.article)]")
                }
            }
            for item in items {
                var line = "  \(item.serial)"
                if item.mayPickUp { line += ": may be picked up" } else {
                    line += ": BLOCKED" + (item.blockedUntil.map { ", pickup allowed from \($0)" } ?? "")
                }
                lines.append(line)
                for block in item.blocks { lines.append("      blocked: \(block.text) [art. \(block.article)]") }
                for breach in item.breaches { lines.append("      breach: \(breach.text) [art. \(breach.article)]") }
            }
            blocks.append(lines.joined(separator: "\n"))
        }
        return blocks.joined(separator: "\n\n")
    }
}

// MARK: JSON without `Encodable` (issue 4, Speed)

/// The same bytes as `encode(to:)` through `CompactJSONEncoder`, keys in sorted order;
/// `FlagReportJSONTests` compares the two with Foundation's `JSONEncoder`.
extension FlagReport: JSONWritable {
    public func writeJSON(to json: inout JSONWriter) {
        json.beginObject()
        json.key("at"); json.day(at)
        json.key("blocked_until"); json.day(orNull: blockedUntil)
        json.key("blocks"); json.beginArray()
        for block in blocks { block.writeJSON(to: &json) }
        json.endArray()
        json.key("breaches"); json.beginArray()
        for breach in breaches { breach.writeJSON(to: &json) }
        json.endArray()
        json.key("client"); json.string(client)
        json.member("client_name", ifPresent: clientName) { $0.string($1) }
        json.key("eligible"); json.bool(eligible)
        json.key("is_blocked"); json.bool(isBlocked)
        json.key("may_pick_up"); json.bool(mayPickUp)
        json.key("reasons"); json.beginArray()
        for reason in reasons { reason.writeJSON(to: &json) }
        json.endArray()
        json.key("serial"); json.string(serial)
        json.endObject()
    }
}

extension RepossessionReason {
    /// As its synthesized `Encodable` conformance writes it (nil members left out), keys sorted.
    func writeJSON(to json: inout JSONWriter) {
        json.beginObject()
        json.key("article"); json.string(article)
        json.member("date", ifPresent: date) { $0.day($1) }
        json.member("invoice_number", ifPresent: invoiceNumber) { $0.string($1) }
        json.key("kind"); json.string(kind.rawValue)
        json.key("text"); json.string(text)
        json.endObject()
    }
}

extension RepossessionFlag.Block {
    /// As its synthesized `Encodable` conformance writes it (nil `until` left out), keys sorted.
    func writeJSON(to json: inout JSONWriter) {
        json.beginObject()
        json.key("article"); json.string(article)
        json.key("kind"); json.string(kind.rawValue)
        json.key("text"); json.string(text)
        json.member("until", ifPresent: until) { $0.day($1) }
        json.endObject()
    }
}
