-- Orders, their payments, and the Telegram updates that moved them. Money is integer minor
-- units plus a currency code; times are unix milliseconds in UTC. Kept in step with
-- ../postgres/0002_orders.sql.

-- How a product reaches its buyer; decides what the invoice asks for (address, phone, email).
ALTER TABLE products ADD COLUMN fulfilment TEXT NOT NULL DEFAULT 'parcel'
    CHECK (fulfilment IN ('parcel', 'appointment', 'ticket', 'digital'));
UPDATE products SET fulfilment = CASE
    (SELECT slug FROM categories c WHERE c.id = products.category_id)
    WHEN 'appointments' THEN 'appointment' WHEN 'tickets' THEN 'ticket'
    WHEN 'digital' THEN 'digital' ELSE 'parcel' END;

-- One order per checkout. Its stock is taken from products.stock at checkout (a reservation)
-- and given back if it expires or is cancelled unpaid.
CREATE TABLE orders (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    buyer_id           BIGINT  NOT NULL,                 -- Telegram user id (also their private chat)
    status             TEXT    NOT NULL CHECK (status IN ('awaiting_payment', 'paid', 'shipped',
                           'delivered', 'cancelled', 'refunded', 'expired')),
    currency           TEXT    NOT NULL CHECK (length(currency) = 3),
    items_minor        BIGINT  NOT NULL CHECK (items_minor > 0),   -- sum of the lines
    shipping_minor     BIGINT  NOT NULL DEFAULT 0,                 -- the chosen option's price
    tip_minor          BIGINT  NOT NULL DEFAULT 0,
    max_tip_minor      BIGINT  NOT NULL DEFAULT 0,                 -- offered in the invoice
    needs_shipping     BIGINT  NOT NULL DEFAULT 0,                 -- 1: is_flexible invoice
    shipping_option_id TEXT,
    order_info         TEXT,                                       -- Telegram's OrderInfo, JSON
    invoice_link       TEXT,
    reserved           BIGINT  NOT NULL DEFAULT 1,   -- 1 while the lines' stock is held for it
    stock_short        BIGINT  NOT NULL DEFAULT 0,   -- 1: paid after its stock was sold elsewhere
    created_at         BIGINT  NOT NULL,
    expires_at         BIGINT  NOT NULL,             -- the reservation holds until then
    paid_at            BIGINT,
    updated_at         BIGINT  NOT NULL
);
CREATE INDEX orders_by_buyer ON orders (buyer_id, id);
CREATE INDEX orders_expiring ON orders (status, expires_at);

-- The priced lines of an order, fixed at checkout.
CREATE TABLE order_lines (
    order_id   BIGINT NOT NULL REFERENCES orders (id),
    product_id BIGINT NOT NULL REFERENCES products (id),
    name       TEXT   NOT NULL,                      -- as it was when ordered
    unit_minor BIGINT NOT NULL CHECK (unit_minor > 0),
    quantity   BIGINT NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, product_id)
);

-- The ledger: every charge and refund Telegram reported, each charge id once.
CREATE TABLE payments (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id           BIGINT  REFERENCES orders (id),   -- NULL if the payload named no order
    kind               TEXT    NOT NULL CHECK (kind IN ('charge', 'refund')),
    telegram_charge_id TEXT    NOT NULL,
    provider_charge_id TEXT,
    currency           TEXT    NOT NULL,
    amount_minor       BIGINT  NOT NULL,
    created_at         BIGINT  NOT NULL,
    UNIQUE (kind, telegram_charge_id)
);

-- Every Telegram update handled, recorded in the transaction of its effect, so a redelivered
-- update has no second effect. `answer` keeps what a query was answered, to answer it again.
CREATE TABLE telegram_updates (
    update_id   BIGINT PRIMARY KEY,
    kind        TEXT   NOT NULL,
    answer      TEXT,
    received_at BIGINT NOT NULL
);

-- Where the shop ships, and for how much: options offered per destination country
-- (ISO 3166-1 alpha-2, or '*' for everywhere else).
CREATE TABLE shipping_options (
    id           TEXT   NOT NULL,
    country_code TEXT   NOT NULL,
    title        TEXT   NOT NULL,
    price_minor  BIGINT NOT NULL CHECK (price_minor >= 0),
    currency     TEXT   NOT NULL CHECK (length(currency) = 3),
    position     BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (country_code, id)
);

-- Tips offered in fiat invoices, per currency (Stars take no tips).
CREATE TABLE tip_presets (
    currency      TEXT   PRIMARY KEY CHECK (length(currency) = 3),
    max_tip_minor BIGINT NOT NULL CHECK (max_tip_minor > 0),
    suggested     TEXT   NOT NULL                   -- up to 4 amounts, comma-separated, ascending
);

-- Bot messages to send, written in the transaction of what caused them and sent afterwards,
-- so a receipt is neither lost on a crash nor sent twice for one payment.
CREATE TABLE outbox (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id    BIGINT  NOT NULL,
    request    TEXT    NOT NULL,                    -- sendMessage parameters, JSON
    attempts   BIGINT  NOT NULL DEFAULT 0,
    claimed_until BIGINT,                           -- a sender holds it until then (replicas)
    created_at BIGINT  NOT NULL,
    sent_at    BIGINT
);
CREATE INDEX outbox_unsent ON outbox (sent_at, id);
