-- The merchant's desktop sign-in: one-time links the bot's /admin command hands out, and the
-- sessions they open. Only SHA-256 hashes of the secrets are kept, so a copy of the database
-- opens no session. Kept in step with ../postgres/0012_admin_sessions.sql.

-- A sign-in link: valid until expires_at, and only once.
CREATE TABLE admin_login_links (
    token_hash TEXT   PRIMARY KEY,        -- hex SHA-256 of the token in the link
    admin_id   BIGINT NOT NULL,           -- the Telegram user who asked for it with /admin
    created_at BIGINT NOT NULL,           -- unix ms, UTC
    expires_at BIGINT NOT NULL,           -- unix ms; the link is refused from then on
    used_at    BIGINT                     -- unix ms of the sign-in; NULL: not used yet
);

-- A signed-in browser: the cookie holds the session token, requests that change anything
-- also send csrf_token in X-CSRF-Token.
CREATE TABLE admin_sessions (
    token_hash TEXT   PRIMARY KEY,        -- hex SHA-256 of the cookie's token
    admin_id   BIGINT NOT NULL,           -- the Telegram user signed in
    csrf_token TEXT   NOT NULL,           -- random; the page reads it from /api/admin/session
    created_at BIGINT NOT NULL,           -- unix ms, UTC
    expires_at BIGINT NOT NULL            -- unix ms; signed out from then on
);
CREATE INDEX admin_sessions_by_expiry ON admin_sessions (expires_at);

-- A bot message carrying a secret (the sign-in link) has its text replaced once Telegram has
-- it, so the link does not stay readable in the outbox.
ALTER TABLE outbox ADD COLUMN secret BIGINT NOT NULL DEFAULT 0;  -- 1: scrub the request when sent
