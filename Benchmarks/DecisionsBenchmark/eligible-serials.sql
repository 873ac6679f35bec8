-- The yardstick of `decisions-benchmark` (issue 4, Speed): one hand-written query, run in the
-- sqlite3 shell, that finds the serials eligible for repossession on :day under ownership scope
-- `invoice` (rules.md, Repossession eligibility):
--   * the item's own invoice is open on the day: its amount less the payments naming it, its
--     credit notes, and the client's payments on account allocated oldest due date first;
--   * the client is in default on that invoice: its 2nd reminder's 7 days lapsed (the benchmark
--     sends every 2nd reminder at least 10 days before the day, so no term is rolled past a holiday);
--   * the item is still at the client and was delivered on or before the day.
-- `decisions-benchmark` replaces :day with the date before running it.
WITH
  named AS (
    SELECT invoice_id, SUM(amount_cents) AS paid FROM payment
    WHERE invoice_id IS NOT NULL AND booking_date <= ':day' GROUP BY invoice_id),
  credited AS (
    SELECT i.id AS invoice_id, SUM(c.payable_cents) AS amount
    FROM document c JOIN document i ON i.kind = 'invoice' AND i.number = c.credited_number AND i.client_id = c.client_id
    WHERE c.kind = 'credit_note' AND c.issue_date <= ':day' GROUP BY i.id),
  invoice AS (
    SELECT d.id, d.client_id, d.due_date,
           MAX(d.payable_cents - COALESCE(named.paid, 0) - COALESCE(credited.amount, 0), 0) AS unpaid
    FROM document d LEFT JOIN named ON named.invoice_id = d.id LEFT JOIN credited ON credited.invoice_id = d.id
    WHERE d.kind = 'invoice' AND d.issue_date <= ':day'),
  on_account AS (
    SELECT client_id, SUM(amount_cents) AS total FROM payment
    WHERE invoice_id IS NULL AND client_id IS NOT NULL AND booking_date <= ':day' GROUP BY client_id),
  queue AS (
    SELECT invoice.*, SUM(unpaid) OVER (PARTITION BY client_id ORDER BY due_date, id) AS through_here FROM invoice),
  open_invoice AS (
    SELECT queue.id FROM queue LEFT JOIN on_account ON on_account.client_id = queue.client_id
    WHERE queue.unpaid > 0 AND queue.through_here > COALESCE(on_account.total, 0)),
  in_default AS (
    SELECT DISTINCT letter.invoice_id FROM letter JOIN open_invoice ON open_invoice.id = letter.invoice_id
    WHERE letter.kind = 'reminder-2' AND date(letter.sent_on, '+7 days') < ':day')
SELECT item.serial FROM item
JOIN item_link ON item_link.item_id = item.id
JOIN in_default ON in_default.invoice_id = item_link.document_id
WHERE item.delivered_on <= ':day'
  AND NOT EXISTS (SELECT 1 FROM item_event e WHERE e.item_id = item.id
                  AND e.kind IN ('returned', 'repossessed', 'incorporated', 'resold') AND e.date <= ':day')
ORDER BY item.serial;
