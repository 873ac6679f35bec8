import GRDB

extension LedgerDatabase {
    /// The schema, as named migrations. A migration that has shipped is never edited: change the
    /// schema with a new one appended here.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-ledger") { db in
            try db.execute(sql: """
                CREATE TABLE client (
                    id INTEGER PRIMARY KEY,
                    key TEXT NOT NULL UNIQUE,
                    name TEXT,
                    kind TEXT NOT NULL DEFAULT 'business' CHECK (kind IN ('business', 'consumer')),
                    address TEXT
                );
                CREATE TABLE client_identifier (
                    client_id INTEGER NOT NULL REFERENCES client(id) ON DELETE CASCADE,
                    scheme TEXT NOT NULL,
                    value TEXT NOT NULL,
                    PRIMARY KEY (scheme, value)
                ) WITHOUT ROWID;
                CREATE INDEX client_identifier_client ON client_identifier(client_id);
                CREATE INDEX client_identifier_value ON client_identifier(value);

                CREATE TABLE agreement (
                    id INTEGER PRIMARY KEY,
                    client_id INTEGER NOT NULL REFERENCES client(id),
                    reference TEXT NOT NULL,
                    kind_override TEXT CHECK (kind_override IN ('goods', 'services')),
                    UNIQUE (client_id, reference)
                );
                CREATE INDEX agreement_reference ON agreement(reference);

                CREATE TABLE item (
                    id INTEGER PRIMARY KEY,
                    client_id INTEGER NOT NULL REFERENCES client(id),
                    agreement_id INTEGER NOT NULL REFERENCES agreement(id),
                    serial TEXT NOT NULL,
                    gtin TEXT NOT NULL DEFAULT '',
                    name TEXT,
                    raw_scan TEXT,
                    delivered_on TEXT NOT NULL,
                    address TEXT,
                    UNIQUE (serial, gtin)
                );
                CREATE INDEX item_client ON item(client_id);
                CREATE INDEX item_agreement_gtin ON item(agreement_id, gtin);

                CREATE TABLE item_event (
                    id INTEGER PRIMARY KEY,
                    item_id INTEGER NOT NULL REFERENCES item(id),
                    kind TEXT NOT NULL,
                    date TEXT NOT NULL,
                    note TEXT
                );
                CREATE INDEX item_event_item ON item_event(item_id);

                CREATE TABLE document (
                    id INTEGER PRIMARY KEY,
                    kind TEXT NOT NULL CHECK (kind IN ('invoice', 'credit_note')),
                    number TEXT NOT NULL,
                    client_id INTEGER NOT NULL REFERENCES client(id),
                    agreement_id INTEGER REFERENCES agreement(id),
                    issue_date TEXT NOT NULL,
                    stated_due_date TEXT,
                    due_date TEXT NOT NULL,
                    payable_cents INTEGER NOT NULL CHECK (payable_cents >= 0),
                    payment_id TEXT,
                    payment_key TEXT,
                    credited_number TEXT,
                    delivery_address TEXT,
                    file_name TEXT NOT NULL,
                    content_sha256 TEXT NOT NULL,
                    UNIQUE (kind, number)
                );
                CREATE INDEX document_client ON document(client_id);
                CREATE INDEX document_agreement ON document(agreement_id);
                CREATE INDEX document_payment_key ON document(payment_key);

                CREATE TABLE document_line (
                    id INTEGER PRIMARY KEY,
                    document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                    line_ref TEXT NOT NULL,
                    gtin TEXT,
                    sellers_item_id TEXT,
                    name TEXT,
                    quantity TEXT NOT NULL,
                    whole_units INTEGER,
                    amount_cents INTEGER NOT NULL
                );
                CREATE INDEX document_line_document ON document_line(document_id);
                CREATE TABLE line_serial (
                    line_id INTEGER NOT NULL REFERENCES document_line(id) ON DELETE CASCADE,
                    serial TEXT NOT NULL,
                    PRIMARY KEY (line_id, serial)
                ) WITHOUT ROWID;
                CREATE INDEX line_serial_serial ON line_serial(serial);

                CREATE TABLE item_link (
                    item_id INTEGER PRIMARY KEY REFERENCES item(id),
                    line_id INTEGER NOT NULL REFERENCES document_line(id),
                    document_id INTEGER NOT NULL REFERENCES document(id)
                );
                CREATE INDEX item_link_document ON item_link(document_id);

                CREATE TABLE payment (
                    id INTEGER PRIMARY KEY,
                    entry_key TEXT NOT NULL UNIQUE,
                    account_iban TEXT,
                    booking_date TEXT NOT NULL,
                    value_date TEXT,
                    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
                    debtor_name TEXT,
                    debtor_iban TEXT,
                    end_to_end_id TEXT,
                    structured_reference TEXT,
                    remittance TEXT,
                    client_id INTEGER REFERENCES client(id),
                    invoice_id INTEGER REFERENCES document(id),
                    matched_by TEXT,
                    file_name TEXT NOT NULL,
                    file_sha256 TEXT NOT NULL
                );
                CREATE INDEX payment_client ON payment(client_id);
                CREATE INDEX payment_unmatched ON payment(client_id) WHERE client_id IS NULL;

                CREATE TABLE imported_file (
                    sha256 TEXT PRIMARY KEY,
                    file_name TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    imported_at TEXT NOT NULL
                ) WITHOUT ROWID;

                CREATE TABLE event (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    recorded_at TEXT NOT NULL,
                    command TEXT NOT NULL,
                    actor TEXT,
                    action TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    details TEXT NOT NULL,
                    file_name TEXT,
                    file_sha256 TEXT,
                    prev_hash TEXT NOT NULL,
                    hash TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("v2-lookup-speed") { db in
            // Whether a document's own lines bill goods (a GTIN or a serial), kept at write time so
            // the ownership look-up needs no correlated subquery over lines.
            try db.execute(sql: """
                ALTER TABLE document ADD COLUMN bills_goods INTEGER NOT NULL DEFAULT 0;
                UPDATE document SET bills_goods = EXISTS (
                    SELECT 1 FROM document_line l WHERE l.document_id = document.id
                      AND (l.gtin IS NOT NULL OR EXISTS (SELECT 1 FROM line_serial s WHERE s.line_id = l.id)));
                CREATE INDEX document_agreement_goods ON document(agreement_id, bills_goods);
                CREATE INDEX item_link_line ON item_link(line_id);
                CREATE INDEX client_name ON client(name COLLATE NOCASE);
                DROP INDEX item_client;
                CREATE INDEX item_client ON item(client_id, serial, agreement_id, delivered_on);
                CREATE INDEX payment_client_covering ON payment(client_id, booking_date, amount_cents, invoice_id);
                CREATE INDEX document_client_covering ON document(client_id, kind, number, agreement_id, issue_date,
                    due_date, payable_cents, payment_id, credited_number, bills_goods);
                CREATE TABLE payment_token (
                    payment_id INTEGER NOT NULL REFERENCES payment(id) ON DELETE CASCADE,
                    token TEXT NOT NULL,
                    PRIMARY KEY (token, payment_id)
                ) WITHOUT ROWID;
                """)
            let rows = try Row.fetchAll(db, sql: "SELECT id, structured_reference, end_to_end_id, remittance FROM payment")
            for row in rows {
                try Self.recordTokens(paymentID: row["id"], structured: row["structured_reference"],
                                      endToEnd: row["end_to_end_id"], remittance: row["remittance"], in: db)
            }
        }
        migrator.registerMigration("v3-dunning-status-warranty") { db in
            // Letters sent (art. 13.4), the client's insolvency status history (art. 63a/241a/376 Fw),
            // notices to the tax collector (art. 22bis Iw), warranties looked up at the vendor
            // (art. 18), and whether a resale was outside the normal course of business (art. 10.2).
            try db.execute(sql: """
                CREATE TABLE letter (
                    id INTEGER PRIMARY KEY,
                    client_id INTEGER NOT NULL REFERENCES client(id),
                    invoice_id INTEGER NOT NULL REFERENCES document(id),
                    kind TEXT NOT NULL CHECK (kind IN ('reminder-1', 'reminder-2', 'notice-of-default', 'handed-to-collections')),
                    sent_on TEXT NOT NULL,
                    origin TEXT NOT NULL CHECK (origin IN ('titlehold', 'external')),
                    principal_cents INTEGER,
                    interest_cents INTEGER,
                    costs_cents INTEGER,
                    term_ends_on TEXT,
                    file_name TEXT,
                    UNIQUE (invoice_id, kind, sent_on)
                );
                CREATE INDEX letter_client ON letter(client_id, invoice_id, kind, sent_on);

                CREATE TABLE client_status (
                    id INTEGER PRIMARY KEY,
                    client_id INTEGER NOT NULL REFERENCES client(id),
                    status TEXT NOT NULL CHECK (status IN ('normal', 'difficulties', 'bankrupt', 'surseance', 'whoa')),
                    since TEXT NOT NULL,
                    cooling_off_until TEXT,
                    note TEXT,
                    recorded_on TEXT NOT NULL
                );
                CREATE INDEX client_status_client ON client_status(client_id, since);

                CREATE TABLE tax_notice (
                    id INTEGER PRIMARY KEY,
                    client_id INTEGER NOT NULL REFERENCES client(id),
                    sent_on TEXT NOT NULL,
                    note TEXT,
                    UNIQUE (client_id, sent_on)
                );

                CREATE TABLE warranty (
                    id INTEGER PRIMARY KEY,
                    item_id INTEGER NOT NULL REFERENCES item(id),
                    valid_from TEXT,
                    valid_until TEXT NOT NULL,
                    source TEXT NOT NULL,
                    recorded_on TEXT NOT NULL
                );
                CREATE INDEX warranty_item ON warranty(item_id);

                ALTER TABLE item_event ADD COLUMN outside_normal_course INTEGER NOT NULL DEFAULT 0;
                """)
        }
        migrator.registerMigration("v4-client-slices") { db in
            // Each client's ledger slice stored, kept right by triggers and rebuilt at the end of
            // every write (ClientSlice.swift), so `owned` reads one row (issue 2, Speed).
            try db.execute(sql: ClientSlice.schema)
            try ClientSlice.rebuildAll(in: db)
        }
        migrator.registerMigration("v5-pickups") { db in
            // Pickup notices sent to clients and planned visits (art. 10.3, 4.2). A visit keeps the
            // planner's whole visit as JSON, so planning again keeps its id; repossessed items are
            // item events (kind 'repossessed', note 'visit <id>').
            try db.execute(sql: """
                CREATE TABLE pickup_notice (
                    id INTEGER PRIMARY KEY,
                    client_id INTEGER NOT NULL REFERENCES client(id),
                    sent_on TEXT NOT NULL,
                    file_name TEXT,
                    UNIQUE (client_id, sent_on)
                );
                CREATE TABLE pickup_visit (
                    id TEXT PRIMARY KEY,
                    client_id INTEGER NOT NULL REFERENCES client(id),
                    date TEXT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('planned', 'closed')),
                    outcome TEXT CHECK (outcome IN ('all-collected', 'some-not-found', 'access-refused')),
                    closed_on TEXT,
                    note TEXT,
                    plan_json TEXT NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX item_event_repossessed ON item_event(note) WHERE kind = 'repossessed';
                """)
        }
        migrator.registerMigration("v6-access") { db in
            // Users of the service, bearer tokens and sign-in sessions (issue 6, Access). Secrets are
            // stored only as hashes: bcrypt for passwords, SHA-256 for random tokens and session ids.
            try db.execute(sql: """
                CREATE TABLE user_account (
                    name TEXT PRIMARY KEY,
                    role TEXT NOT NULL,
                    password_hash TEXT NOT NULL,
                    created_at TEXT NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE api_token (
                    id INTEGER PRIMARY KEY,
                    token_hash TEXT NOT NULL UNIQUE,
                    user_name TEXT NOT NULL REFERENCES user_account(name) ON DELETE CASCADE,
                    label TEXT,
                    created_at TEXT NOT NULL,
                    revoked_at TEXT
                );
                CREATE TABLE user_session (
                    id_hash TEXT PRIMARY KEY,
                    user_name TEXT NOT NULL REFERENCES user_account(name) ON DELETE CASCADE,
                    expires_at TEXT NOT NULL
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v7-slice-names") { db in
            // Slices of format 2 carry the client's key and name and the references of its items'
            // agreements, so `owned` reads the item and its slice alone (issue 2, Speed); the
            // triggers mark a client when any of these changes, and every slice is built again.
            try db.execute(sql: ClientSlice.namesTriggers)
            try ClientSlice.rebuildAll(in: db)
        }
        migrator.registerMigration("v8-claim-coverage") { db in
            // Slices of format 3 carry the client's claim coverage (`ClaimCoverage`), so `owned`
            // decodes neither the client's other items nor their spans for most questions
            // (issue 2, Speed); every slice is built again.
            try ClientSlice.rebuildAll(in: db)
        }
        migrator.registerMigration("v9-invoice-claim-days") { db in
            // Slices of format 4 carry each invoice's claim days with where its record and history
            // entry start, and their item locator and invoices behind their lengths, so `owned`
            // reads only the invoices its verdict reads (`OwnershipRule.invoicesRead`; issue 2,
            // Speed); every slice is built again.
            try ClientSlice.rebuildAll(in: db)
        }
        migrator.registerMigration("v10-item-serial-covering") { db in
            // Every column `owned` reads of an item (`LookupSQL.itemAndSliceBySerial`) in one index
            // by serial, so the look-up reads the index and the client's slice, not the item's row
            // too (issue 6, Speed: about 2 µs of the service's look-up under load). It costs about
            // 80 bytes per item; the UNIQUE (serial, gtin) index stays, it is the constraint.
            try db.execute(sql: "CREATE INDEX item_serial_lookup ON item(serial, client_id, agreement_id, delivered_on, gtin, name)")
        }
        return migrator
    }
}
