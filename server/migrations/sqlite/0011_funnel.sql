-- The first steps of the sales funnel, once per buyer and UTC day: opening the shop (the
-- storefront asks GET /api/me on every launch) and adding to the cart (a PUT /api/cart that
-- raises the cart's units). The later steps are read from orders (created, paid). A second
-- event of a kind on one day is ignored (INSERT … ON CONFLICT DO NOTHING).
-- Kept in step with ../postgres/0011_funnel.sql.
CREATE TABLE funnel_events (
    kind     TEXT   NOT NULL CHECK (kind IN ('opened', 'added_to_cart')), -- the step
    buyer_id BIGINT NOT NULL,                 -- Telegram user id
    day      BIGINT NOT NULL,                 -- days since 1970-01-01, UTC
    at       BIGINT NOT NULL,                 -- unix ms, UTC: the day's first such event
    PRIMARY KEY (kind, day, buyer_id)
);
