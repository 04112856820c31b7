//! The merchant's categories: listed with how many products on sale each holds, created,
//! renamed or moved, and deleted once empty (archived products count: they still belong to it).

use crate::shop::catalog::input::{CategoryId, Name};
use crate::shop::catalog::merchant::CategoryRecord;
use crate::shop::catalog::Slug;
use crate::storage::catalog::merchant::{
    is_foreign_key_violation, is_unique_violation, CatalogConflict, Change, Outcome,
};
use crate::storage::{Db, StorageError};
use sqlx::any::AnyRow;
use sqlx::Row;

/// A category to create; without a position it goes last.
pub struct NewCategory {
    pub name: Name,
    pub slug: Slug,
    pub position: Option<i64>,
}

macro_rules! category_columns {
    () => {
        "SELECT c.id, c.slug, c.name, c.position,
            (SELECT COUNT(*) FROM products p WHERE p.category_id = c.id AND p.archived_at IS NULL) AS products
         FROM categories c "
    };
}

impl Db {
    /// Every category in display order.
    pub async fn admin_categories(&self) -> Result<Vec<CategoryRecord>, StorageError> {
        let rows = sqlx::query(concat!(category_columns!(), "ORDER BY c.position, c.id"))
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(category_from_row).collect()
    }

    /// Category `id`, if there is one.
    pub async fn admin_category(&self, id: CategoryId) -> Result<Option<CategoryRecord>, StorageError> {
        let row = sqlx::query(concat!(category_columns!(), "WHERE c.id = $1"))
            .bind(id.0)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(category_from_row).transpose()
    }

    /// Creates a category, last unless given a position; refused if its slug is taken.
    pub async fn create_category(&self, new: &NewCategory) -> Result<Outcome<CategoryId>, StorageError> {
        let id: Option<(i64,)> = sqlx::query_as(
            "INSERT INTO categories (slug, name, position)
             VALUES ($1, $2, COALESCE($3, (SELECT COALESCE(MAX(position), -1) + 1 FROM categories)))
             ON CONFLICT (slug) DO NOTHING RETURNING id",
        )
        .bind(new.slug.as_str())
        .bind(new.name.as_str())
        .bind(new.position)
        .fetch_optional(self.pool())
        .await?;
        Ok(id.map(|(id,)| CategoryId(id)).ok_or(CatalogConflict::SlugTaken))
    }

    /// Changes a category's name, slug or position.
    pub async fn update_category(
        &self,
        id: CategoryId,
        change: &Change,
    ) -> Result<Outcome<()>, StorageError> {
        let updated = sqlx::query(
            "UPDATE categories SET name = COALESCE($1, name), slug = COALESCE($2, slug),
                                   position = COALESCE($3, position)
             WHERE id = $4",
        )
        .bind(change.name.as_ref().map(|n| n.as_str().to_owned()))
        .bind(change.slug.as_ref().map(|s| s.as_str().to_owned()))
        .bind(change.position)
        .bind(id.0)
        .execute(self.pool())
        .await;
        match updated {
            Ok(done) if done.rows_affected() == 1 => Ok(Ok(())),
            Ok(_) => Ok(Err(CatalogConflict::NotFound)),
            Err(e) if is_unique_violation(&e) => Ok(Err(CatalogConflict::SlugTaken)),
            Err(e) => Err(e.into()),
        }
    }

    /// Deletes a category that holds no product, archived or not, decided by the delete itself.
    pub async fn delete_category(&self, id: CategoryId) -> Result<Outcome<()>, StorageError> {
        let deleted = sqlx::query(
            "DELETE FROM categories WHERE id = $1
             AND NOT EXISTS (SELECT 1 FROM products WHERE category_id = $1)",
        )
        .bind(id.0)
        .execute(self.pool())
        .await;
        match deleted {
            Ok(done) if done.rows_affected() == 1 => Ok(Ok(())),
            Ok(_) => match self.admin_category(id).await? {
                Some(_) => Ok(Err(CatalogConflict::CategoryNotEmpty)),
                None => Ok(Err(CatalogConflict::NotFound)),
            },
            // A product added to it in the meantime.
            Err(e) if is_foreign_key_violation(&e) => Ok(Err(CatalogConflict::CategoryNotEmpty)),
            Err(e) => Err(e.into()),
        }
    }
}

fn category_from_row(row: &AnyRow) -> Result<CategoryRecord, StorageError> {
    Ok(CategoryRecord {
        id: CategoryId(row.try_get("id")?),
        slug: row.try_get("slug")?,
        name: row.try_get("name")?,
        position: row.try_get("position")?,
        products: row.try_get("products")?,
    })
}
