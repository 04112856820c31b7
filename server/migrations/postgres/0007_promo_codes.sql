-- Promo codes: a percentage or a fixed amount off the items, with an optional currency, minimum,
-- number of uses and validity window. Shown as a negative line in card invoices; Stars take
-- none (their invoices have one line). A use is counted when an order with the code is paid,
-- in the payment's transaction. Kept in step with ../sqlite/0007_promo_codes.sql.
CREATE TABLE promo_codes (
    code             TEXT    PRIMARY KEY,               -- upper case: A-Z, 0-9, '_' and '-'
    percent_off      BIGINT  CHECK (percent_off BETWEEN 1 AND 100),
    amount_off_minor BIGINT  CHECK (amount_off_minor > 0),
    currency         TEXT    CHECK (length(currency) = 3), -- the carts it applies to; NULL: any
    min_items_minor  BIGINT  NOT NULL DEFAULT 0,        -- in `currency`
    max_uses         BIGINT  CHECK (max_uses > 0),      -- NULL: no limit
    uses             BIGINT  NOT NULL DEFAULT 0,
    starts_at        BIGINT,                            -- unix ms; NULL: at once
    expires_at       BIGINT,                            -- unix ms; NULL: never
    active           BIGINT  NOT NULL DEFAULT 1,
    created_at       BIGINT  NOT NULL,
    CHECK ((percent_off IS NULL) <> (amount_off_minor IS NULL)),
    CHECK (currency IS NOT NULL OR (amount_off_minor IS NULL AND min_items_minor = 0))
);

ALTER TABLE orders ADD COLUMN discount_minor BIGINT NOT NULL DEFAULT 0;  -- off items_minor
ALTER TABLE orders ADD COLUMN promo_code TEXT;
