-- Who the buyers are, as Telegram last described them at checkout (initData's user), so the
-- merchant can find orders by a buyer's name and see whom an order is for. Orders placed
-- before this table existed have no row here. Kept in step with ../sqlite/0013_buyers.sql.
CREATE TABLE buyers (
    id         BIGINT PRIMARY KEY,          -- Telegram user id (orders.buyer_id)
    name       TEXT   NOT NULL,             -- first and last name, as one text
    username   TEXT   NOT NULL DEFAULT '',  -- @username without the @; '' when they have none
    updated_at BIGINT NOT NULL              -- unix ms, UTC, of the checkout that wrote it
);
