-- The merchant's own texts in the shopper's language (issue #20): a product's name and
-- description, a variant's name and a category's name may be given per language. The columns
-- of products, variants and categories stay the shop's own texts, written in the shop's
-- language, and are what a shopper reads for any field without a text in their language.
-- A row holds one language's texts of one thing; '' in a column means "none in this
-- language" (that field falls back), and a row whose texts are all '' is not kept.
-- Kept in step with ../sqlite/0030_catalog_texts.sql.

CREATE TABLE product_texts (
    product_id  BIGINT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    lang        TEXT   NOT NULL CHECK (lang IN ('en', 'zh', 'fr', 'ar')), -- the shop's languages
    name        TEXT   NOT NULL DEFAULT '',   -- 1-120 characters on one line, or '' for none
    description TEXT   NOT NULL DEFAULT '',   -- up to 4000 characters, or '' for none
    PRIMARY KEY (product_id, lang)
);

CREATE TABLE variant_texts (
    variant_id BIGINT NOT NULL REFERENCES variants (id) ON DELETE CASCADE,
    lang       TEXT   NOT NULL CHECK (lang IN ('en', 'zh', 'fr', 'ar')),
    name       TEXT   NOT NULL,               -- up to 64 characters on one line, never ''
    PRIMARY KEY (variant_id, lang)
);

CREATE TABLE category_texts (
    category_id BIGINT NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
    lang        TEXT   NOT NULL CHECK (lang IN ('en', 'zh', 'fr', 'ar')),
    name        TEXT   NOT NULL,              -- 1-120 characters on one line
    PRIMARY KEY (category_id, lang)
);
