-- Digital goods delivered on payment (issue #19). Kept in step with the other engine's
-- 0025_delivery.sql.

-- What a digital variant delivers once paid: a file the merchant uploaded (kept under
-- DELIVERY_DIR by its content's hash, never under the public /media), a licence key from the
-- variant's pool (licence_keys), or a text/link revealed after payment.
CREATE TABLE variant_deliveries (
    variant_id       BIGINT NOT NULL PRIMARY KEY REFERENCES variants (id) ON DELETE CASCADE,
    kind             TEXT   NOT NULL CHECK (kind IN ('file', 'keys', 'text')),
    file_hash        TEXT,                               -- hex SHA-256 of the file's bytes
    file_name        TEXT,                               -- the name the buyer gets it under
    file_size        BIGINT,                             -- bytes
    text             TEXT,                               -- kind 'text': what is revealed
    protect_content  BIGINT NOT NULL DEFAULT 0,          -- 1: Telegram forbids forwarding and saving
    low_stock_at     BIGINT NOT NULL DEFAULT 5,          -- warn the merchant at this many free keys
    low_stock_warned BIGINT NOT NULL DEFAULT 0,          -- 1: warned since the pool last rose above it
    updated_at       BIGINT NOT NULL,                    -- unix ms
    CHECK (kind <> 'file' OR (file_hash IS NOT NULL AND file_name IS NOT NULL AND file_size IS NOT NULL)),
    CHECK (kind <> 'text' OR text IS NOT NULL)
);

-- A variant's licence-key pool: one row per key, given to one order in the payment's
-- transaction. A key is in a pool once (UNIQUE), and its one order_id column means it can
-- never be given twice; the free keys are the variant's stock.
CREATE TABLE licence_keys (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    variant_id  BIGINT NOT NULL REFERENCES variants (id) ON DELETE CASCADE,
    code        TEXT   NOT NULL,                         -- the key as the merchant uploaded it
    order_id    BIGINT REFERENCES orders (id),           -- the order it was given to, once given
    assigned_at BIGINT,                                  -- unix ms, with order_id
    refunded_at BIGINT,                                  -- unix ms: its order was refunded
    added_at    BIGINT NOT NULL,                         -- unix ms
    UNIQUE (variant_id, code),
    CHECK ((order_id IS NULL) = (assigned_at IS NULL)),
    CHECK (refunded_at IS NULL OR order_id IS NOT NULL)
);
CREATE INDEX licence_keys_by_variant ON licence_keys (variant_id, order_id, id);
CREATE INDEX licence_keys_by_order ON licence_keys (order_id);

-- Files the bot uploaded to Telegram, by content hash: Telegram's file_id, to send the same
-- file again without uploading it.
CREATE TABLE telegram_files (
    content_hash TEXT   NOT NULL PRIMARY KEY,            -- hex SHA-256
    file_id      TEXT   NOT NULL,
    stored_at    BIGINT NOT NULL                         -- unix ms
);
