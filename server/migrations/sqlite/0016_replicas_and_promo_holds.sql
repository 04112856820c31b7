-- Two things several replicas on one database need. Kept in step with
-- ../postgres/0016_replicas_and_promo_holds.sql.
--
-- A promo code's use is now counted when its order is created, like the order's stock, with
-- one conditional UPDATE against max_uses, and given back when the unpaid order expires or is
-- cancelled: counting at payment could not refuse anything (money taken is a fact), so
-- concurrent payments went past max_uses. promo_held says whether an order's use is counted.
-- Paid orders were counted at payment; an order awaiting payment from before this migration
-- holds none, and takes one at its pre-checkout query (or at payment, if it gets that far).
ALTER TABLE orders ADD COLUMN promo_held BIGINT NOT NULL DEFAULT 0;  -- 1: counted in promo_codes.uses
UPDATE orders SET promo_held = 1
 WHERE promo_code IS NOT NULL AND status IN ('paid', 'shipped', 'delivered', 'refunded');

-- Leases: work only one replica may do at a time (long polling getUpdates), held by one
-- replica until expires_at and renewed while it lives; a dead holder's lease lapses.
CREATE TABLE leases (
    name       TEXT   PRIMARY KEY,  -- the work, e.g. 'telegram_polling'
    holder     TEXT   NOT NULL,     -- the replica holding it (random per process)
    expires_at BIGINT NOT NULL      -- unix ms
);
