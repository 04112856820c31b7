-- Payments trusted as far as they match: a successful_payment whose buyer, currency or total
-- is not its order's is recorded in the ledger but leaves the order unpaid and flagged here
-- for the merchant; and the update ids kept for deduplication are pruned after 48 hours
-- (payments deduplicate on their charge id, which never repeats).
-- Kept in step with ../sqlite/0018_payment_trust.sql.

-- Why the money reported for this order is not its payment, as the merchant reads it;
-- NULL: nothing to look at.
ALTER TABLE orders ADD COLUMN payment_mismatch TEXT;

-- The pruning deletes by age.
CREATE INDEX telegram_updates_by_age ON telegram_updates (received_at);
