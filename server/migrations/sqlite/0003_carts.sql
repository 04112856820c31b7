-- Carts kept on the server per Telegram user, so a cart survives closing the Mini App.
-- Quantities only: prices come from the catalog whenever the cart is shown or checked out.
-- Kept in step with ../postgres/0003_carts.sql.
CREATE TABLE cart_lines (
    buyer_id   BIGINT NOT NULL,                      -- Telegram user id
    product_id BIGINT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    quantity   BIGINT NOT NULL CHECK (quantity BETWEEN 1 AND 99),
    updated_at BIGINT NOT NULL,                      -- unix ms, UTC
    PRIMARY KEY (buyer_id, product_id)
);
