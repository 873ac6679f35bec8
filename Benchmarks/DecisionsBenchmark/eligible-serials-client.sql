-- The yardstick of `decisions-benchmark` (issue 4, Speed) for the default `titlehold flags`: one
-- hand-written query, run in the sqlite3 shell, that finds the serials eligible for repossession
-- on :day under ownership scope `client` (art. 10.1 with the extended clause of 3:92(2) BW;
-- rules.md, Ownership and Repossession eligibility), as `FlagService` does with that scope:
--   * it reads the clients `flags` reads: a 2nd reminder or notice of default sent by the day, or
--     a status other than normal in force on the day (the latest entry by since, id);
--   * an invoice is a goods invoice as in `LookupSQL.documentsOfClient`. Its amount is paid by the
--     credit notes naming it (same client, by number) and the client's payments naming it (an
--     invoice of the same client issued by the day), in date order with credit notes first on a
--     day; its claim closes the day these reach its amount (a zero invoice on its issue date, as
--     `PaymentAllocation` does: nothing is owed). A payment naming one of the client's invoices that is
--     not issued by the day waits for it (a credit). The client's other payments are on account: their running
--     total (booking date, id) pays what is still open oldest due first (due date, issue date,
--     number) and closes an invoice's claim on the booking day it reaches the invoice's place in
--     that queue;
--   * a price claim is time-barred (3:307 BW; 7:28 BW for a consumer's goods invoice) 5 (2) years
--     after the day after its due date, or after the day after its last written demand (a letter
--     other than a hand-over to collections, sent after the due date), 29 February + n years
--     being 28 February as in `Day.adding(years:)`; once barred its claim is closed and no one is
--     in default on it; `flags` counts no acknowledgements;
--   * the client is in default on a goods invoice that is open on the day and not barred when a
--     2nd reminder sent after the first 1st reminder's 14 days (16 to a consumer: 2 days' post)
--     has had its 7 days, or a notice of default sent after the due date its 14 days, before the
--     day; or it is in payment difficulties (its status);
--   * under scope `client` an item stays the supplier's until a day, from its delivery through the
--     day, on which none of its client's claims is open: no goods invoice issued by the day (open
--     from its issue date until it closes) and no item delivered by the day and not returned or
--     repossessed (open from its delivery until its invoice is issued, if by the day). So the
--     supplier still owns an item when some claim is open on the day and the item was delivered
--     on or after the first day of the unbroken run of open claims that reaches the day
--     (`retained.since`); a waiver on or before the day passes title;
--   * the item is still at the client: delivered by the day, no return, repossession,
--     incorporation or resale on or before it.
-- Simplifications, which the benchmark ledger guarantees:
--   * terms are counted in calendar days, never moved past a weekend or holiday (art. 1 and 2
--     Atw), with the default 14-day notice of default (no TITLEHOLD_NOTICE_TERM_DAYS): the
--     benchmark sends each 2nd reminder 21 days after the 1st and at least 18 days before the
--     day, and no notices of default. (On a day up to 4 days after a 2nd reminder's 7 days end on
--     a weekend or holiday the query lists that client's items a few days early.)
--   * payments on account never meet an invoice that a payment naming it or a credit note also
--     pays, never find nothing open (an excess would stay a credit), and invoices fall due in the
--     order they are issued (all 30 days after issue), so allocating the day's totals in one
--     oldest-due-first queue gives what allocating each payment on its booking day gives;
--   * an item's own invoice is a goods invoice (no agreement is marked services-only), so the
--     client's goods invoices are the whole scope of each of its items;
--   * no written demand comes after an earlier limitation period had already run out, which
--     would not interrupt it again (3:319 BW).
-- `decisions-benchmark` replaces :day with the date before running it.
WITH
  status_now AS (
    SELECT client_id, status FROM (
      SELECT client_id, status, ROW_NUMBER() OVER (PARTITION BY client_id ORDER BY since DESC, id DESC) AS latest
      FROM client_status WHERE since <= ':day')
    WHERE latest = 1),
  candidate AS (
    SELECT client_id FROM letter WHERE kind IN ('reminder-2', 'notice-of-default') AND sent_on <= ':day'
    UNION SELECT client_id FROM status_now WHERE status <> 'normal'),
  invoice AS (
    SELECT d.id, d.client_id, d.number, d.issue_date, d.due_date, d.payable_cents AS payable, c.kind AS client_kind,
           CASE
             WHEN a.kind_override IS NOT NULL THEN a.kind_override = 'goods'
             WHEN d.agreement_id IS NOT NULL THEN
               EXISTS (SELECT 1 FROM item WHERE item.agreement_id = d.agreement_id)
               OR EXISTS (SELECT 1 FROM document d2 WHERE d2.agreement_id = d.agreement_id AND d2.bills_goods)
             ELSE d.bills_goods OR EXISTS (SELECT 1 FROM item_link k WHERE k.document_id = d.id)
           END AS is_goods
    FROM candidate CROSS JOIN document d ON d.client_id = candidate.client_id AND d.kind = 'invoice' AND d.issue_date <= ':day'
    JOIN client c ON c.id = candidate.client_id
    LEFT JOIN agreement a ON a.id = d.agreement_id),
  named AS (
    SELECT invoice.id AS invoice_id, invoice.payable, n.day, n.is_credit, n.amount,
           SUM(n.amount) OVER (PARTITION BY invoice.id ORDER BY n.day, n.is_credit DESC, n.tiebreak
                               ROWS UNBOUNDED PRECEDING) AS running
    FROM invoice JOIN (
      SELECT cn.client_id, cn.credited_number AS number, NULL AS invoice_id, cn.issue_date AS day, 1 AS is_credit,
             cn.number AS tiebreak, cn.payable_cents AS amount
      FROM candidate JOIN document cn ON cn.client_id = candidate.client_id
      WHERE cn.kind = 'credit_note' AND cn.issue_date <= ':day'
      UNION ALL
      SELECT p.client_id, NULL, p.invoice_id, p.booking_date, 0, p.id, p.amount_cents
      FROM candidate JOIN payment p ON p.client_id = candidate.client_id
      WHERE p.invoice_id IS NOT NULL AND p.booking_date <= ':day'
    ) n ON n.client_id = invoice.client_id AND (n.invoice_id = invoice.id OR n.number = invoice.number)),
  named_total AS (
    SELECT invoice_id, SUM(amount) AS total,
           MIN(CASE WHEN running >= payable AND (is_credit OR running - amount < payable) THEN day END) AS settled_on
    FROM named GROUP BY invoice_id),
  queue AS (
    SELECT invoice.*, MAX(invoice.payable - COALESCE(named_total.total, 0), 0) AS unpaid, named_total.settled_on AS named_settled_on,
           SUM(MAX(invoice.payable - COALESCE(named_total.total, 0), 0)) OVER (
             PARTITION BY invoice.client_id ORDER BY invoice.due_date, invoice.issue_date, invoice.number
             ROWS UNBOUNDED PRECEDING) AS through_here
    FROM invoice LEFT JOIN named_total ON named_total.invoice_id = invoice.id),
  on_account AS (
    SELECT p.client_id, p.booking_date,
           SUM(p.amount_cents) OVER (PARTITION BY p.client_id ORDER BY p.booking_date, p.id ROWS UNBOUNDED PRECEDING) AS running
    FROM candidate JOIN payment p ON p.client_id = candidate.client_id
    WHERE p.booking_date <= ':day'
      AND NOT EXISTS (SELECT 1 FROM document i WHERE i.id = p.invoice_id AND i.kind = 'invoice'
                      AND i.client_id = p.client_id)),
  settled AS (
    SELECT queue.*,
           CASE WHEN payable <= 0 THEN issue_date WHEN unpaid = 0 THEN named_settled_on
                ELSE (SELECT MIN(o.booking_date) FROM on_account o
                      WHERE o.client_id = queue.client_id AND o.running >= queue.through_here) END AS settled_on,
           date(COALESCE((SELECT MAX(l.sent_on) FROM letter l
                          WHERE l.client_id = queue.client_id AND l.invoice_id = queue.id
                            AND l.kind <> 'handed-to-collections' AND l.sent_on > queue.due_date), queue.due_date),
                '+1 day') AS period_from,
           CASE WHEN client_kind = 'consumer' AND is_goods THEN 2 ELSE 5 END AS years,
           (SELECT MIN(r1.sent_on) FROM letter r1
            WHERE r1.client_id = queue.client_id AND r1.invoice_id = queue.id AND r1.kind = 'reminder-1'
              AND r1.sent_on > queue.due_date) AS first_reminder
    FROM queue),
  claim_state AS (
    SELECT settled.*,
           CASE WHEN substr(period_from, 6) = '02-29' THEN date(period_from, '-1 day', '+' || years || ' years')
                ELSE date(period_from, '+' || years || ' years') END AS barred_on
    FROM settled),
  in_default AS (
    SELECT DISTINCT s.client_id FROM claim_state s
    WHERE s.is_goods AND s.unpaid > 0 AND s.settled_on IS NULL AND s.barred_on > ':day'
      AND (EXISTS (SELECT 1 FROM letter r2
                   WHERE r2.client_id = s.client_id AND r2.invoice_id = s.id AND r2.kind = 'reminder-2'
                     AND r2.sent_on > date(s.first_reminder, CASE WHEN s.client_kind = 'consumer' THEN '+16 days' ELSE '+14 days' END)
                     AND date(r2.sent_on, '+7 days') < ':day')
        OR EXISTS (SELECT 1 FROM letter n
                   WHERE n.client_id = s.client_id AND n.invoice_id = s.id AND n.kind = 'notice-of-default'
                     AND n.sent_on > s.due_date AND date(n.sent_on, '+14 days') < ':day'))),
  grounded AS (
    SELECT client_id FROM in_default
    UNION SELECT client_id FROM status_now WHERE status <> 'normal'),
  claim AS (
    SELECT s.client_id, s.issue_date AS opened,
           CASE WHEN s.barred_on <= ':day' AND (s.settled_on IS NULL OR s.barred_on < s.settled_on) THEN s.barred_on
                ELSE s.settled_on END AS closed
    FROM grounded JOIN claim_state s ON s.client_id = grounded.client_id
    WHERE s.is_goods
    UNION ALL
    SELECT item.client_id, item.delivered_on, d.issue_date
    FROM grounded CROSS JOIN item ON item.client_id = grounded.client_id
    LEFT JOIN item_link k ON k.item_id = item.id
    LEFT JOIN document d ON d.id = k.document_id AND d.kind = 'invoice' AND d.client_id = item.client_id AND d.issue_date <= ':day'
    WHERE item.delivered_on <= ':day'
      AND NOT EXISTS (SELECT 1 FROM item_event e WHERE e.item_id = item.id
                      AND e.kind IN ('returned', 'repossessed') AND e.date <= ':day')),
  reach AS (
    SELECT client_id, opened, closed,
           MAX(closed) OVER (PARTITION BY client_id ORDER BY opened ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reached
    FROM (SELECT client_id, opened, COALESCE(closed, '9999-12-31') AS closed FROM claim
          WHERE closed IS NULL OR closed > opened)),
  retained AS (
    SELECT client_id, MAX(CASE WHEN reached IS NULL OR reached < opened THEN opened END) AS since
    FROM reach GROUP BY client_id HAVING MAX(closed) = '9999-12-31')
SELECT item.serial FROM retained
CROSS JOIN item ON item.client_id = retained.client_id
WHERE item.delivered_on >= retained.since AND item.delivered_on <= ':day'
  AND NOT EXISTS (SELECT 1 FROM item_event e WHERE e.item_id = item.id
                  AND e.kind IN ('returned', 'repossessed', 'incorporated', 'resold', 'waived') AND e.date <= ':day')
ORDER BY item.serial;
