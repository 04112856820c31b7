//! The merchant's texts in the shoppers' languages (`product_texts`, `variant_texts`,
//! `category_texts`): read all at once for the storefront, which puts the catalog into the
//! shopper's language ([`Db::catalog_in`]), and per product or category for the merchant's
//! page, which replaces them whole. The fallback rule is the domain's
//! ([`crate::shop::catalog::texts`]); nothing here chooses a text.

use super::merchant::{lock_product, CatalogConflict, Outcome};
use crate::shop::catalog::input::{CategoryId, Description, Name, VariantName};
use crate::shop::catalog::texts::{parse_language, CatalogTexts, ProductText, ProductTexts, SearchWords};
use crate::shop::catalog::{Category, Product};
use crate::storage::{Db, StorageError};
use app::catalog::{ProductId, VariantId};
use app::i18n::Locale;
use leptos_i18n::Locale as _;
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

impl Db {
    /// The catalog as [`Db::catalog`] reads it, in `lang` field by field, with each product's
    /// search words in the merchant's other languages.
    #[tracing::instrument(skip_all, fields(lang = lang.as_str()))]
    pub async fn catalog_in(
        &self,
        lang: Locale,
    ) -> Result<(Vec<Category>, Vec<Product>, SearchWords), StorageError> {
        let (mut categories, mut products) = self.catalog().await?;
        let words = self
            .catalog_texts()
            .await?
            .translate(lang, &mut categories, &mut products);
        Ok((categories, products, words))
    }

    /// The products on sale as [`Db::catalog`] reads them, in `lang` (for carts and checkout).
    pub async fn products_in(&self, lang: Locale) -> Result<Vec<Product>, StorageError> {
        Ok(self.catalog_in(lang).await?.1)
    }

    /// Every text of the catalog in the merchant's languages.
    pub async fn catalog_texts(&self) -> Result<CatalogTexts, StorageError> {
        let mut texts = CatalogTexts::default();
        let rows = sqlx::query("SELECT product_id, lang, name, description FROM product_texts")
            .fetch_all(self.pool())
            .await?;
        for row in &rows {
            let id = ProductId(row.try_get("product_id")?);
            texts
                .products
                .entry(id)
                .or_default()
                .push((lang(row)?, product_text(row)?));
        }
        let rows = sqlx::query("SELECT variant_id, lang, name FROM variant_texts")
            .fetch_all(self.pool())
            .await?;
        for row in &rows {
            let id = VariantId(row.try_get("variant_id")?);
            texts
                .variants
                .entry(id)
                .or_default()
                .push((lang(row)?, variant_name(row)?));
        }
        let rows = sqlx::query(
            "SELECT c.slug, t.lang, t.name FROM category_texts t JOIN categories c ON c.id = t.category_id",
        )
        .fetch_all(self.pool())
        .await?;
        for row in &rows {
            let slug: String = row.try_get("slug")?;
            texts
                .categories
                .entry(slug)
                .or_default()
                .push((lang(row)?, name(row)?));
        }
        Ok(texts)
    }

    /// Product `id`'s texts and its variants' (every variant, in display order, with or
    /// without texts); `None` without such a product.
    pub async fn product_texts(&self, id: ProductId) -> Result<Option<ProductTexts>, StorageError> {
        let exists: Option<(i64,)> = sqlx::query_as("SELECT id FROM products WHERE id = $1")
            .bind(id.0)
            .fetch_optional(self.pool())
            .await?;
        if exists.is_none() {
            return Ok(None);
        }
        let rows = sqlx::query("SELECT lang, name, description FROM product_texts WHERE product_id = $1")
            .bind(id.0)
            .fetch_all(self.pool())
            .await?;
        let product = rows
            .iter()
            .map(|row| Ok((lang(row)?, product_text(row)?)))
            .collect::<Result<_, StorageError>>()?;
        let rows = sqlx::query(
            "SELECT v.id, t.lang, t.name FROM variants v
             LEFT JOIN variant_texts t ON t.variant_id = v.id
             WHERE v.product_id = $1 ORDER BY v.position, v.id",
        )
        .bind(id.0)
        .fetch_all(self.pool())
        .await?;
        let mut variants: Vec<(VariantId, Vec<(Locale, VariantName)>)> = Vec::new();
        for row in &rows {
            let variant = VariantId(row.try_get("id")?);
            if variants.last().is_none_or(|(last, _)| *last != variant) {
                variants.push((variant, Vec::new()));
            }
            if row.try_get::<Option<String>, _>("lang")?.is_some() {
                let texts = &mut variants.last_mut().expect("pushed above").1;
                texts.push((lang(row)?, variant_name(row)?));
            }
        }
        Ok(Some(ProductTexts { product, variants }))
    }

    /// Replaces product `id`'s texts and its variants' with `texts` (a variant left out has
    /// none). Refused as not found without such a product, or when a variant is not its.
    pub async fn set_product_texts(
        &self,
        id: ProductId,
        texts: &ProductTexts,
    ) -> Result<Outcome<()>, StorageError> {
        let mut tx = self.write_tx().await?;
        if !lock_product(&mut tx, id).await? {
            return Ok(Err(CatalogConflict::NotFound));
        }
        let ids: Vec<(i64,)> = sqlx::query_as("SELECT id FROM variants WHERE product_id = $1")
            .bind(id.0)
            .fetch_all(&mut *tx)
            .await?;
        if !texts.variants.iter().all(|(v, _)| ids.contains(&(v.0,))) {
            return Ok(Err(CatalogConflict::NotFound));
        }
        sqlx::query("DELETE FROM product_texts WHERE product_id = $1")
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "DELETE FROM variant_texts WHERE variant_id IN (SELECT id FROM variants WHERE product_id = $1)",
        )
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
        for (lang, text) in texts.product.iter().filter(|(_, t)| !t.is_empty()) {
            sqlx::query(
                "INSERT INTO product_texts (product_id, lang, name, description) VALUES ($1, $2, $3, $4)",
            )
            .bind(id.0)
            .bind(lang.as_str())
            .bind(text.name.as_ref().map_or("", Name::as_str))
            .bind(text.description.as_ref().map_or("", Description::as_str))
            .execute(&mut *tx)
            .await?;
        }
        for (variant, names) in &texts.variants {
            insert_names(
                &mut tx,
                VARIANT_NAME,
                variant.0,
                names.iter().map(|(l, n)| (*l, n.as_str())),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(Ok(()))
    }

    /// Category `id`'s names in the merchant's languages; `None` without such a category.
    pub async fn category_texts(&self, id: CategoryId) -> Result<Option<Vec<(Locale, Name)>>, StorageError> {
        let rows = sqlx::query(
            "SELECT t.lang, t.name FROM categories c LEFT JOIN category_texts t ON t.category_id = c.id
             WHERE c.id = $1",
        )
        .bind(id.0)
        .fetch_all(self.pool())
        .await?;
        if rows.is_empty() {
            return Ok(None);
        }
        let mut names = Vec::new();
        for row in rows
            .iter()
            .filter(|row| row.try_get::<Option<String>, _>("lang").ok().flatten().is_some())
        {
            names.push((lang(row)?, name(row)?));
        }
        Ok(Some(names))
    }

    /// Replaces category `id`'s names in the merchant's languages with `names`.
    pub async fn set_category_texts(
        &self,
        id: CategoryId,
        names: &[(Locale, Name)],
    ) -> Result<Outcome<()>, StorageError> {
        let mut tx = self.write_tx().await?;
        let found = sqlx::query("UPDATE categories SET position = position WHERE id = $1")
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        if found.rows_affected() != 1 {
            return Ok(Err(CatalogConflict::NotFound));
        }
        sqlx::query("DELETE FROM category_texts WHERE category_id = $1")
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        insert_names(
            &mut tx,
            CATEGORY_NAME,
            id.0,
            names.iter().map(|(l, n)| (*l, n.as_str())),
        )
        .await?;
        tx.commit().await?;
        Ok(Ok(()))
    }
}

const VARIANT_NAME: &str = "INSERT INTO variant_texts (variant_id, lang, name) VALUES ($1, $2, $3)";
const CATEGORY_NAME: &str = "INSERT INTO category_texts (category_id, lang, name) VALUES ($1, $2, $3)";

/// Inserts one name per language for `id` with `insert` ([`VARIANT_NAME`] or [`CATEGORY_NAME`]).
async fn insert_names<'a>(
    tx: &mut Transaction<'static, Any>,
    insert: &'static str,
    id: i64,
    names: impl Iterator<Item = (Locale, &'a str)>,
) -> Result<(), StorageError> {
    for (lang, name) in names {
        sqlx::query(insert)
            .bind(id)
            .bind(lang.as_str())
            .bind(name)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

fn lang(row: &AnyRow) -> Result<Locale, StorageError> {
    let code: String = row.try_get("lang")?;
    parse_language(&code).map_err(|e| super::corrupt("text language", e))
}

/// A stored text passes the rules it was written under, or the row is corrupt.
fn product_text(row: &AnyRow) -> Result<ProductText, StorageError> {
    let (name, description): (String, String) = (row.try_get("name")?, row.try_get("description")?);
    ProductText::parse(&name, &description).map_err(|e| super::corrupt("product text", e))
}

fn variant_name(row: &AnyRow) -> Result<VariantName, StorageError> {
    let name: String = row.try_get("name")?;
    VariantName::parse(&name).map_err(|e| super::corrupt("variant text", e))
}

fn name(row: &AnyRow) -> Result<Name, StorageError> {
    let name: String = row.try_get("name")?;
    Name::parse(&name).map_err(|e| super::corrupt("category text", e))
}
