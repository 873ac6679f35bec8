/// Which unpaid claims keep an item the supplier's (art. 10.1 of the terms, art. 3:92(2) BW).
public enum OwnershipScope: String, Sendable, Codable, CaseIterable {
    /// The terms' extended clause (the default): every unpaid goods invoice of the client, and
    /// every goods delivery not invoiced yet, keeps all of the client's delivered items retained.
    case client
    /// Only invoices (and uninvoiced deliveries) under the item's own agreement.
    case agreement
    /// Only the invoice(s) that bill the item itself.
    case invoice
}
