-- Several payment providers (issue #20): which provider's token an order's invoice was sent
-- with, so the merchant sees who took each card payment. Never the token itself, which stays
-- in the configuration. Kept in step with the other engine's 0029_payment_providers.sql.

-- The provider's name as configured (PAYMENT_PROVIDER_TOKENS=EUR:Stripe=…), or
-- 'provider <id>' after the number its token starts with; NULL for Stars and older orders.
ALTER TABLE orders ADD COLUMN provider_name TEXT;
-- 'live', or 'test' for a test-mode token (…:TEST:…: no money moves); NULL with provider_name.
ALTER TABLE orders ADD COLUMN provider_mode TEXT CHECK (provider_mode IN ('live', 'test'));
