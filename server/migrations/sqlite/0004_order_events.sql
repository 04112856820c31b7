-- Each order's timeline: every status it entered, and when, written in the transaction that
-- moved it. Kept in step with ../postgres/0004_order_events.sql.
CREATE TABLE order_events (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id BIGINT  NOT NULL REFERENCES orders (id),
    status   TEXT    NOT NULL CHECK (status IN ('awaiting_payment', 'paid', 'shipped',
                 'delivered', 'cancelled', 'refunded', 'expired')),
    at       BIGINT  NOT NULL                     -- unix ms, UTC
);
CREATE INDEX order_events_by_order ON order_events (order_id, id);

-- Orders made before the timeline existed: what their columns still tell.
INSERT INTO order_events (order_id, status, at)
    SELECT id, 'awaiting_payment', created_at FROM orders ORDER BY id;
INSERT INTO order_events (order_id, status, at)
    SELECT id, 'paid', paid_at FROM orders WHERE paid_at IS NOT NULL ORDER BY id;
INSERT INTO order_events (order_id, status, at)
    SELECT id, status, updated_at FROM orders
    WHERE status NOT IN ('awaiting_payment', 'paid') ORDER BY id;
