-- The catalog. Money is integer minor units plus a currency code; times are unix
-- milliseconds in UTC. Kept in step with ../postgres/0001_catalog.sql.

-- Categories, shown in ascending `position`.
CREATE TABLE categories (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    slug     TEXT    NOT NULL UNIQUE,            -- stable URL-safe name
    name     TEXT    NOT NULL,                   -- shown to shoppers
    position BIGINT  NOT NULL DEFAULT 0
);

-- Products for sale.
CREATE TABLE products (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    category_id  BIGINT  NOT NULL REFERENCES categories (id),
    slug         TEXT    NOT NULL UNIQUE,
    name         TEXT    NOT NULL,
    description  TEXT    NOT NULL,
    price_minor  BIGINT  NOT NULL CHECK (price_minor > 0),      -- smallest unit of `currency`
    currency     TEXT    NOT NULL CHECK (length(currency) = 3), -- e.g. EUR, or XTR for Stars
    stock        BIGINT  NOT NULL CHECK (stock >= 0),           -- units that can still be sold
    photo_url    TEXT    NOT NULL,                              -- path under public/, e.g. /products/x.svg
    photo_width  BIGINT  NOT NULL CHECK (photo_width > 0),
    photo_height BIGINT  NOT NULL CHECK (photo_height > 0),
    position     BIGINT  NOT NULL DEFAULT 0,                    -- order within the category
    created_at   BIGINT  NOT NULL                               -- unix ms, UTC
);
CREATE INDEX products_by_category ON products (category_id, position);

-- One-off facts about this database, e.g. that the demo catalog was seeded.
CREATE TABLE shop_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
