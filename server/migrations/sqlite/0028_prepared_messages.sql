-- Messages prepared with savePreparedInlineMessage for a Mini App user's "Send to a chat": one
-- per user and product, used again until Telegram's expiry while what would be prepared is the
-- same (request_hash), so tapping twice does not prepare twice. Kept in step with
-- ../postgres/0028_prepared_messages.sql.
CREATE TABLE prepared_messages (
    user_id      BIGINT NOT NULL,   -- the Telegram user who may send it
    product_id   BIGINT NOT NULL,   -- the product it offers (no foreign key: a stale row is only skipped)
    request_hash TEXT   NOT NULL,   -- SHA-256 (hex) of the savePreparedInlineMessage request: a new price, photo or language prepares anew
    prepared_id  TEXT   NOT NULL,   -- PreparedInlineMessage.id, for web_app_send_prepared_message
    expires_at   BIGINT NOT NULL,   -- PreparedInlineMessage.expiration_date, unix ms
    PRIMARY KEY (user_id, product_id)
);
