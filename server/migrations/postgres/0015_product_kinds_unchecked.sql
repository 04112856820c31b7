-- A product's kind (products.fulfilment: 'parcel', 'appointment', 'ticket', 'digital') loses
-- its CHECK constraint, so a new kind needs no table rebuild: the shop's domain
-- (server/src/shop/kind) is the guard, parsing every stored name and reporting one it does
-- not know as corrupt. Kept in step with ../sqlite/0015_product_kinds_unchecked.sql.
--
-- 0002 declared the CHECK inline, so PostgreSQL named it (products_fulfilment_check by its
-- convention); rather than trust the name, every CHECK on this column alone is dropped.
DO $$
DECLARE
    check_name text;
BEGIN
    FOR check_name IN
        SELECT c.conname
        FROM pg_constraint c
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        WHERE c.conrelid = 'products'::regclass
          AND c.contype = 'c'
          AND cardinality(c.conkey) = 1
          AND a.attname = 'fulfilment'
    LOOP
        EXECUTE format('ALTER TABLE products DROP CONSTRAINT %I', check_name);
    END LOOP;
END
$$;
