-- The catalog's version (issue #21): a counter raised in the same transaction as every write
-- to a table the storefront's catalog is made of, by triggers, whoever writes (this shop,
-- another replica, an operator's shell). The server keeps the catalog's answers (`GET
-- /api/products`, the rendered `/shop`) while the version it read them at is still the
-- database's (`storage::catalog::version`). Kept in step with the other engine's
-- 0032_catalog_version.sql: a table the catalog starts reading needs its triggers here too
-- (the test `catalog::version` writes each one).

CREATE TABLE catalog_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT  NOT NULL              -- raised by one or more per write
);
INSERT INTO catalog_version (id, version) VALUES (1, 0);

CREATE TRIGGER catalog_version_categories_insert AFTER INSERT ON categories
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER catalog_version_categories_update AFTER UPDATE ON categories
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER catalog_version_categories_delete AFTER DELETE ON categories
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER catalog_version_products_insert AFTER INSERT ON products
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER catalog_version_products_update AFTER UPDATE ON products
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER catalog_version_products_delete AFTER DELETE ON products
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER catalog_version_variants_insert AFTER INSERT ON variants
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER catalog_version_variants_update AFTER UPDATE ON variants
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER catalog_version_variants_delete AFTER DELETE ON variants
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER catalog_version_product_photos_insert AFTER INSERT ON product_photos
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER catalog_version_product_photos_update AFTER UPDATE ON product_photos
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER catalog_version_product_photos_delete AFTER DELETE ON product_photos
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER catalog_version_product_texts_insert AFTER INSERT ON product_texts
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER catalog_version_product_texts_update AFTER UPDATE ON product_texts
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER catalog_version_product_texts_delete AFTER DELETE ON product_texts
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER catalog_version_variant_texts_insert AFTER INSERT ON variant_texts
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER catalog_version_variant_texts_update AFTER UPDATE ON variant_texts
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER catalog_version_variant_texts_delete AFTER DELETE ON variant_texts
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER catalog_version_category_texts_insert AFTER INSERT ON category_texts
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER catalog_version_category_texts_update AFTER UPDATE ON category_texts
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER catalog_version_category_texts_delete AFTER DELETE ON category_texts
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER catalog_version_events_insert AFTER INSERT ON events
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER catalog_version_events_update AFTER UPDATE ON events
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER catalog_version_events_delete AFTER DELETE ON events
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER catalog_version_services_insert AFTER INSERT ON services
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER catalog_version_services_update AFTER UPDATE ON services
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER catalog_version_services_delete AFTER DELETE ON services
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
