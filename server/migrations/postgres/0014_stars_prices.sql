-- A second price in Telegram Stars for variants of fiat-priced products, so a creator selling
-- digital goods can take a card payment or Stars for the same item. The shop alone decides
-- which applies: checkout with pay_in_stars prices every line here and invoices in XTR.
-- Existing rows keep NULL (Stars not accepted). Kept in step with ../sqlite/0014_stars_prices.sql.
ALTER TABLE variants
    ADD COLUMN stars_price BIGINT NULL CHECK (stars_price > 0);  -- whole Stars; NULL = card only
