-- What Telegram asks of every bot that takes payments: how buyers reach the merchant about a
-- payment (/paysupport) and the shop's privacy policy (/privacy, the Mini App's privacy page).
-- One row (id 1), written by the admin API; without it, or with a NULL column, the shop uses
-- its defaults (the merchants are told of a /paysupport; a policy naming the shop). Kept in
-- step with ../sqlite/0024_policies.sql.
CREATE TABLE shop_policies (
    id              BIGINT PRIMARY KEY CHECK (id = 1),                          -- the one row
    support_contact TEXT CHECK (length(support_contact) BETWEEN 1 AND 200),    -- e.g. @ada_support, an email; NULL: default
    privacy_policy  TEXT CHECK (length(privacy_policy) BETWEEN 1 AND 3500),    -- the merchant's text; NULL: default
    updated_at      BIGINT NOT NULL                                             -- unix ms, UTC
);
