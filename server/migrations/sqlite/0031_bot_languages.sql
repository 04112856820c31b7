-- The bot's messages to the merchant in their language (issue #20). Kept in step with the
-- other engine's 0031_bot_languages.sql.

-- The language the merchant chose for the bot's messages to them: 'en', 'zh', 'fr' or 'ar';
-- NULL follows each admin's Telegram language (admin_languages).
ALTER TABLE shop_settings ADD COLUMN language TEXT CHECK (language IN ('en', 'zh', 'fr', 'ar'));

-- The Telegram language_code each admin last gave (their /admin command or the admin Mini
-- App's initData), for the messages they read while the merchant chose no language.
CREATE TABLE admin_languages (
    admin_id      BIGINT PRIMARY KEY,   -- the admin's Telegram user id
    language_code TEXT   NOT NULL,      -- e.g. 'zh-hans', as Telegram gave it
    updated_at    BIGINT NOT NULL       -- unix ms, UTC
);
