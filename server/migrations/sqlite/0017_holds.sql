-- What one shopper may hold (issue #16): at most one order awaiting payment each, so a new
-- checkout replaces the buyer's previous unpaid order; a cap on the units one buyer may reserve
-- of a variant; and the shared state of the per-buyer rate limits on checkout and the promo
-- preview, kept in the database so every replica of the shop counts the same hits.
-- Kept in step with ../postgres/0017_holds.sql.

-- The units of one variant one buyer may reserve in an order (the merchant's setting).
ALTER TABLE shop_settings ADD COLUMN max_units_per_variant BIGINT NOT NULL DEFAULT 10
    CHECK (max_units_per_variant BETWEEN 1 AND 1000);

-- The order that replaced this unpaid one when its buyer checked out again; NULL: none. A
-- replaced order is refused at pre-checkout, and still paid if Telegram charges it anyway.
ALTER TABLE orders ADD COLUMN replaced_by BIGINT REFERENCES orders (id);

-- Rate limits as a generic cell rate algorithm (GCRA): one row per limited thing and buyer.
CREATE TABLE rate_limits (
    key     TEXT   PRIMARY KEY,  -- what is limited and for whom, e.g. 'checkout:1001'
    tat     BIGINT NOT NULL,     -- unix ms, the theoretical arrival time; past: a full burst
    allowed BIGINT NOT NULL      -- 1: the last hit was let through, 0: it was refused
);
