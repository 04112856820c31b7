-- Variants: what a shopper actually picks and buys (a size, a colour, an appointment slot, a
-- ticket tier), each with its own price and stock. Every product has at least one; a product
-- without options has one variant with an empty name. Price and stock move here from
-- products; carts and order lines name the variant. Kept in step with ../postgres/0006_variants.sql.

CREATE TABLE variants (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    product_id  BIGINT  NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    name        TEXT    NOT NULL,                          -- e.g. "Large", '' for the only one
    price_minor BIGINT  NOT NULL CHECK (price_minor > 0),  -- in the product's currency
    stock       BIGINT  NOT NULL CHECK (stock >= 0),       -- units that can still be sold
    position    BIGINT  NOT NULL DEFAULT 0                 -- order on the product page
);
CREATE INDEX variants_by_product ON variants (product_id, position);

-- Each existing product becomes its own only variant, with the same id, so saved carts and
-- past order lines keep pointing at what they meant.
INSERT INTO variants (id, product_id, name, price_minor, stock, position)
    SELECT id, id, '', price_minor, stock, 0 FROM products;

ALTER TABLE products DROP COLUMN price_minor;
ALTER TABLE products DROP COLUMN stock;

CREATE TABLE cart_lines_new (
    buyer_id   BIGINT NOT NULL,                      -- Telegram user id
    variant_id BIGINT NOT NULL REFERENCES variants (id) ON DELETE CASCADE,
    quantity   BIGINT NOT NULL CHECK (quantity BETWEEN 1 AND 99),
    updated_at BIGINT NOT NULL,                      -- unix ms, UTC
    PRIMARY KEY (buyer_id, variant_id)
);
INSERT INTO cart_lines_new (buyer_id, variant_id, quantity, updated_at)
    SELECT buyer_id, product_id, quantity, updated_at FROM cart_lines;
DROP TABLE cart_lines;
ALTER TABLE cart_lines_new RENAME TO cart_lines;

-- Order lines keep the product too, for reports by product.
CREATE TABLE order_lines_new (
    order_id   BIGINT NOT NULL REFERENCES orders (id),
    product_id BIGINT NOT NULL REFERENCES products (id),
    variant_id BIGINT NOT NULL REFERENCES variants (id),
    name       TEXT   NOT NULL,                      -- product and variant as they were when ordered
    unit_minor BIGINT NOT NULL CHECK (unit_minor > 0),
    quantity   BIGINT NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, variant_id)
);
INSERT INTO order_lines_new (order_id, product_id, variant_id, name, unit_minor, quantity)
    SELECT order_id, product_id, product_id, name, unit_minor, quantity FROM order_lines;
DROP TABLE order_lines;
ALTER TABLE order_lines_new RENAME TO order_lines;
