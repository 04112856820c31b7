-- A product's kind (products.fulfilment: 'parcel', 'appointment', 'ticket', 'digital') loses
-- its CHECK constraint, so a new kind needs no table rebuild: the shop's domain
-- (server/src/shop/kind) is the guard, parsing every stored name and reporting one it does
-- not know as corrupt. Kept in step with ../postgres/0015_product_kinds_unchecked.sql.
--
-- SQLite cannot drop a CHECK, but it can drop a column whose CHECK is the column's own (no
-- index, view, trigger or other constraint names this one): the kinds move to a new column
-- without a CHECK, the old one is dropped, and the new one takes its name, with the same
-- NOT NULL and default.
ALTER TABLE products ADD COLUMN kind TEXT NOT NULL DEFAULT 'parcel';
UPDATE products SET kind = fulfilment;
ALTER TABLE products DROP COLUMN fulfilment;
ALTER TABLE products RENAME COLUMN kind TO fulfilment;
