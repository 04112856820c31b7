-- The merchant's catalog editing: a product can be archived (gone from the storefront, carts
-- and checkout, kept for past orders), the main photo gets alt text like the gallery's, and
-- every stock change the merchant makes by hand is kept as history, written in the
-- transaction that changes the stock. Kept in step with ../postgres/0009_admin_catalog.sql.

ALTER TABLE products ADD COLUMN archived_at BIGINT;                 -- unix ms; NULL: on sale
ALTER TABLE products ADD COLUMN photo_alt TEXT NOT NULL DEFAULT ''; -- '' = the product's name

-- Two variants of one product never share a name (the shopper could not tell them apart).
CREATE UNIQUE INDEX variants_name_per_product ON variants (product_id, name);

CREATE TABLE stock_movements (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    variant_id  BIGINT  NOT NULL REFERENCES variants (id) ON DELETE CASCADE,
    delta       BIGINT  NOT NULL CHECK (delta <> 0),       -- units added (+) or taken away (-)
    stock_after BIGINT  NOT NULL CHECK (stock_after >= 0), -- the variant's stock right after
    reason      TEXT    NOT NULL,                          -- the merchant's words, 1-200 chars
    admin_id    BIGINT  NOT NULL,                          -- Telegram user id of the admin
    created_at  BIGINT  NOT NULL                           -- unix ms, UTC
);
CREATE INDEX stock_movements_by_variant ON stock_movements (variant_id, id);
