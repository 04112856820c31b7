-- Stars subscriptions (issue #19): a monthly membership of a private channel or group, paid in
-- Telegram Stars and renewed by Telegram every 30 days. Kept in step with the other engine's
-- 0026_subscriptions.sql.

-- What a subscription product (fulfilment 'subscription') grants: the chat its subscribers join.
CREATE TABLE subscription_plans (
    product_id BIGINT PRIMARY KEY REFERENCES products (id),
    chat_id    BIGINT NOT NULL CHECK (chat_id < 0)   -- the channel's or group's Telegram chat id
);

-- One subscription per checkout; its invoice payload is 'sub:<id>'.
CREATE TABLE subscriptions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    buyer_id    BIGINT  NOT NULL,                        -- the subscriber's Telegram user id
    language    TEXT    NOT NULL DEFAULT '',             -- their language_code at checkout, for the bot
    product_id  BIGINT  NOT NULL REFERENCES products (id),
    name        TEXT    NOT NULL,                        -- the product's name at checkout
    chat_id     BIGINT  NOT NULL,                        -- the chat it grants, as at checkout
    price_stars BIGINT  NOT NULL CHECK (price_stars > 0 AND price_stars <= 10000),
    status      TEXT    NOT NULL CHECK (status IN ('pending', 'active', 'lapsed')),
    renews      BIGINT  NOT NULL DEFAULT 1,              -- 0 once renewal was cancelled
    expires_at  BIGINT,                                  -- end of the paid period, unix ms
    charge_id   TEXT,                                    -- the last charge's telegram_payment_charge_id
    failed_at   BIGINT,                                  -- when Telegram last said a renewal failed
    created_at  BIGINT  NOT NULL,
    updated_at  BIGINT  NOT NULL
);
CREATE INDEX subscriptions_by_buyer ON subscriptions (buyer_id);
CREATE INDEX subscriptions_by_expiry ON subscriptions (status, expires_at);
