-- Events and their tickets (issue #17). An event is a product of kind 'ticket' with the
-- details below; its ticket types are the product's variants (price, Stars price; stock is the
-- quota, or as much as the capacity when the type has none). A paid ticket becomes a voucher:
-- a secret shown as a QR code and checked at the door, exactly once. Vouchers are shared with
-- appointments (later), so they name an order line, not an event alone.
-- Kept in step with ../postgres/0019_events_and_vouchers.sql.

-- The shop's IANA time zone, in which events (and later appointments) are set and shown; and
-- the Mini App's short name, for links such as https://t.me/<bot>/<short name>?startapp=e_1
-- (NULL: not set; publishing an event asks for it).
ALTER TABLE shop_settings ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';
ALTER TABLE shop_settings ADD COLUMN mini_app_short_name TEXT;

CREATE TABLE events (
    product_id     BIGINT PRIMARY KEY REFERENCES products (id),  -- the 'ticket' product it is
    starts_at      BIGINT NOT NULL,                             -- unix ms, UTC
    ends_at        BIGINT CHECK (ends_at IS NULL OR ends_at > starts_at),
    sales_close_at BIGINT NOT NULL,                             -- tickets are sold until then
    venue_name     TEXT   NOT NULL,
    venue_address  TEXT   NOT NULL,
    map_url        TEXT,                                        -- https:// only
    capacity       BIGINT NOT NULL CHECK (capacity > 0),        -- tickets of all types together
    named_tickets  BIGINT NOT NULL DEFAULT 0,                   -- 1: a name per ticket
    state          TEXT   NOT NULL DEFAULT 'on_sale'
                       CHECK (state IN ('on_sale', 'sales_closed', 'cancelled')),
    updated_at     BIGINT NOT NULL
);
CREATE INDEX events_by_start ON events (starts_at);

-- A ticket type's rules beyond its variant: NULL quota means only the capacity limits it.
CREATE TABLE ticket_types (
    variant_id    BIGINT PRIMARY KEY REFERENCES variants (id),
    product_id    BIGINT NOT NULL REFERENCES events (product_id),
    quota         BIGINT CHECK (quota IS NULL OR quota >= 0),
    max_per_order BIGINT NOT NULL DEFAULT 10 CHECK (max_per_order > 0)
);

-- The attendee named on each ticket of an order line, when the event asks for names; seat
-- counts 0..quantity-1 within the line. Written at checkout with the order.
CREATE TABLE ticket_attendees (
    order_id   BIGINT NOT NULL REFERENCES orders (id),
    variant_id BIGINT NOT NULL REFERENCES variants (id),
    seat       BIGINT NOT NULL CHECK (seat >= 0),
    name       TEXT   NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
    PRIMARY KEY (order_id, variant_id, seat)
);

-- Telegram users who may scan an event's tickets (the shop's admins always may).
CREATE TABLE event_staff (
    product_id BIGINT NOT NULL REFERENCES events (product_id),
    user_id    BIGINT NOT NULL,
    PRIMARY KEY (product_id, user_id)
);

-- One voucher per unit of a paid ticket line, issued in the payment's transaction.
CREATE TABLE vouchers (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    code           TEXT   NOT NULL UNIQUE,          -- the secret (>= 128 bits), no look-alike characters
    order_id       BIGINT NOT NULL REFERENCES orders (id),
    variant_id     BIGINT NOT NULL REFERENCES variants (id),
    product_id     BIGINT NOT NULL REFERENCES products (id),  -- the event (later: the service)
    seat           BIGINT NOT NULL CHECK (seat >= 0),
    attendee       TEXT,
    status         TEXT   NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'checked_in', 'revoked')),
    issued_at      BIGINT NOT NULL,
    checked_in_at  BIGINT,
    checked_in_by  BIGINT,                          -- Telegram user id of the door staff
    revoked_at     BIGINT,
    UNIQUE (order_id, variant_id, seat)
);
CREATE INDEX vouchers_by_product ON vouchers (product_id, status);

-- Each scan's answer by its nonce, so a retried request gets the same answer.
CREATE TABLE check_ins (
    nonce      TEXT   PRIMARY KEY,
    voucher_id BIGINT REFERENCES vouchers (id),
    scanned_by BIGINT NOT NULL,
    answer     TEXT   NOT NULL,                     -- the CheckInResult, JSON
    created_at BIGINT NOT NULL
);

-- The shop's Ed25519 key, which signs its vouchers; made on first start (one row).
CREATE TABLE shop_keys (
    id          BIGINT PRIMARY KEY CHECK (id = 1),
    secret_key  BLOB  NOT NULL,                    -- 32 bytes
    public_key  BLOB  NOT NULL,                    -- 32 bytes
    created_at  BIGINT NOT NULL
);
