-- The catalog's version (issue #21): a counter raised in the same transaction as every write
-- to a table the storefront's catalog is made of, by triggers, whoever writes (this shop,
-- another replica, an operator's shell). The server keeps the catalog's answers (`GET
-- /api/products`, the rendered `/shop`) while the version it read them at is still the
-- database's (`storage::catalog::version`). Kept in step with the other engine's
-- 0032_catalog_version.sql: a table the catalog starts reading needs its triggers here too
-- (the test `catalog::version` writes each one).

CREATE TABLE catalog_version (
    id      SMALLINT PRIMARY KEY CHECK (id = 1),
    version BIGINT  NOT NULL              -- raised by one or more per write
);
INSERT INTO catalog_version (id, version) VALUES (1, 0);

-- Once per statement (PostgreSQL can; SQLite's triggers run per row).
CREATE FUNCTION catalog_version_raise() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE catalog_version SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END
$$;

DO $$
DECLARE
    tbl TEXT;
BEGIN
    FOREACH tbl IN ARRAY ARRAY['categories', 'products', 'variants', 'product_photos', 'product_texts',
                               'variant_texts', 'category_texts', 'events', 'services'] LOOP
        EXECUTE format('CREATE TRIGGER catalog_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
                        FOR EACH STATEMENT EXECUTE FUNCTION catalog_version_raise()', tbl);
    END LOOP;
END
$$;
