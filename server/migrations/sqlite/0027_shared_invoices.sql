-- Shared invoices (issue #20): invoices that name a product, not an order, posted by the
-- merchant into a group or channel (or shared from the Mini App, or inline), which anyone may
-- pay; each payment's pre-checkout query makes its own order. Kept in step with the other
-- engine's 0027_shared_invoices.sql.

-- An admin's post of a shared invoice (sendInvoice); its invoice payload is
-- 'buy:<variant_id>:post<id>'.
CREATE TABLE posts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id     BIGINT  NOT NULL CHECK (chat_id < 0),    -- the group's or channel's Telegram chat id
    chat_title  TEXT    NOT NULL,                        -- its title when posted, for the merchant
    message_id  BIGINT,                                  -- Telegram's id of the invoice message, once sent
    product_id  BIGINT  NOT NULL,                        -- no foreign keys: a post outlives its product
    variant_id  BIGINT  NOT NULL,
    multi_chat  BIGINT  NOT NULL CHECK (multi_chat IN (0, 1)), -- 1: forwarded copies keep their Pay button
    posted_by   BIGINT  NOT NULL,                        -- the admin's Telegram user id
    created_at  BIGINT  NOT NULL                         -- unix ms
);

-- Where an order was sold: NULL for a checkout in the Mini App's cart; for a shared invoice's
-- payment the payload's source: 'app' (shared from the Mini App), 'inline', 'post<posts.id>'.
ALTER TABLE orders ADD COLUMN source TEXT;
CREATE INDEX orders_by_source ON orders (buyer_id, source, status);
