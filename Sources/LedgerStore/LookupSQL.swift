/// The statements behind `owned`: the look-up of an item by serial and the reads that build its
/// client's `ClientLedger`. One place, so the store runs them and the benchmark's profile times
/// exactly these.
public enum LookupSQL {
    static let itemColumns = """
        item.id, item.serial, item.gtin, item.name, item.delivered_on, item.client_id, client.key,
        client.name AS client_name, client.kind AS client_kind, item.agreement_id, agreement.reference
        """

    public static let itemBySerial = """
        SELECT \(itemColumns) FROM item JOIN client ON client.id = item.client_id
        JOIN agreement ON agreement.id = item.agreement_id WHERE item.serial = ?
        """

    /// `itemBySerial` with the client's stored ledger slice (`ClientSlice`; NULL when none is
    /// stored): the look-up on the pool, when no look-up connection is free or a slice is missing
    /// (it joins the client and agreement, so it answers without the slice's header). The columns
    /// are read by position.
    public static let itemWithSliceBySerial = """
        SELECT \(itemColumns), client_slice.data FROM item JOIN client ON client.id = item.client_id
        JOIN agreement ON agreement.id = item.agreement_id LEFT JOIN client_slice ON client_slice.client_id = item.client_id
        WHERE item.serial = ?
        """

    /// The item by serial with its client's stored ledger slice (NULL when none is stored), and
    /// nothing else: the slice carries the client's key and name and the agreements' references
    /// (`ClientSliceHeader`), so no other table is joined. What `owned` reads on its look-up
    /// connections (`LookupConnections`); the columns are read by position.
    public static let itemAndSliceBySerial = """
        SELECT item.id, item.serial, item.gtin, item.name, item.delivered_on, item.client_id, item.agreement_id,
        client_slice.data FROM item LEFT JOIN client_slice ON client_slice.client_id = item.client_id
        WHERE item.serial = ?
        """

    /// The agreements a client's items were delivered under, for its slice's header.
    static let agreementsOfClientItems = """
        SELECT DISTINCT agreement.id, agreement.reference FROM item JOIN agreement ON agreement.id = item.agreement_id
        WHERE item.client_id = ? ORDER BY agreement.id
        """

    public static let clientKind = "SELECT kind FROM client WHERE id = ?"

    /// An invoice is a goods invoice when its agreement is of kind goods (set by hand, or inferred:
    /// it has delivered items or documents whose lines carry a GTIN or serial), or, without an
    /// agreement, when its own lines bill goods or items are linked to it (art. 10.1; rules.md, Ownership).
    public static let documentsOfClient = """
        SELECT d.id, d.kind, d.number, d.agreement_id, d.issue_date, d.due_date, d.payable_cents, d.payment_id,
               d.credited_number,
               CASE
                 WHEN a.kind_override IS NOT NULL THEN a.kind_override = 'goods'
                 WHEN d.agreement_id IS NOT NULL THEN
                   EXISTS (SELECT 1 FROM item WHERE item.agreement_id = d.agreement_id)
                   OR EXISTS (SELECT 1 FROM document d2 WHERE d2.agreement_id = d.agreement_id AND d2.bills_goods)
                 ELSE d.bills_goods OR EXISTS (SELECT 1 FROM item_link k WHERE k.document_id = d.id)
               END AS is_goods
        FROM document d LEFT JOIN agreement a ON a.id = d.agreement_id
        WHERE d.client_id = ?
        """

    public static let paymentsOfClient = "SELECT id, booking_date, amount_cents, invoice_id FROM payment WHERE client_id = ?"

    /// Items with the invoice each is linked to (an item has at most one link) and the linked
    /// line's price per unit.
    public static let itemsOfClient = """
        SELECT item.id, item.serial, item.agreement_id, item.delivered_on, item_link.document_id,
               document_line.amount_cents / MAX(COALESCE(document_line.whole_units, 1), 1) AS value_cents
        FROM item LEFT JOIN item_link ON item_link.item_id = item.id
        LEFT JOIN document_line ON document_line.id = item_link.line_id
        WHERE item.client_id = ?
        """

    public static let itemEventsOfClient = """
        SELECT item_event.item_id, item_event.kind, item_event.date, item_event.note, item_event.outside_normal_course
        FROM item_event JOIN item ON item.id = item_event.item_id WHERE item.client_id = ?
        """

    /// Dunning letters recorded for the client's invoices (art. 13.4).
    public static let lettersOfClient = "SELECT invoice_id, kind, sent_on FROM letter WHERE client_id = ?"

    /// The statements that rebuild a client's slice from its rows (a look-up runs them only when
    /// no slice is stored), by name, for profiling; the first takes the serial, the others the client id.
    public static let ownedStatements: [(name: String, sql: String)] = [
        ("item by serial", itemBySerial), ("documents of client", documentsOfClient),
        ("payments of client", paymentsOfClient), ("items of client with links", itemsOfClient),
        ("item events of client", itemEventsOfClient), ("letters of client", lettersOfClient),
    ]
}
