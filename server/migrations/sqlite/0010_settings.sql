-- The merchant's settings, changed through the admin API: the shop's name and currency and the
-- chat told about sales. One row (id 1); without it the shop is "Shop" selling in euros and
-- sale notes go to every ADMIN_USER_IDS user. Shipping rates, tip presets and promo codes keep
-- their own tables (0002, 0007). Kept in step with ../postgres/0010_settings.sql.
CREATE TABLE shop_settings (
    id                   BIGINT PRIMARY KEY CHECK (id = 1),          -- the one row
    name                 TEXT   NOT NULL
                             CHECK (length(name) BETWEEN 1 AND 64),  -- in the bot's messages and the storefront
    currency             TEXT   NOT NULL CHECK (length(currency) = 3), -- default for new products and dashboard totals
    notification_chat_id BIGINT,                                     -- Telegram chat told about sales; NULL: each admin
    updated_at           BIGINT NOT NULL                             -- unix ms, UTC
);
