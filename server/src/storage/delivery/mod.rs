//! Digital deliveries as stored: each digital variant's delivery (`variant_deliveries`), its
//! licence-key pool (`licence_keys`: a key given to one order in the payment's transaction,
//! never twice — one `order_id` per key row, each key once per pool), and Telegram's file ids
//! of the files the bot uploaded (`telegram_files`). What a paid order delivers is read back
//! for its buyer ([`Db::order_deliveries`]) and revoked with a refund ([`revoke_keys`]).
//!
//! Must not: decide what is delivered to whom (`crate::telegram::updates::delivery` does) or
//! touch the files themselves.

mod keys;

pub(in crate::storage) use keys::revoke_keys;
pub use keys::{KeysUpload, LowPool};

use crate::shop::delivery::file::CheckedFile;
use crate::shop::delivery::{Delivered, DeliveredItem, Delivery, StoredFile, VariantDelivery};
use crate::shop::kind::ProductKind;
use crate::storage::catalog::corrupt;
use crate::storage::{Db, StorageError};
use app::admin_api::{AdminDelivery, GivenKey};
use app::catalog::VariantId;
use app::orders::OrderId;
use sqlx::any::AnyRow;
use sqlx::Row;

/// The most given keys the admin page lists.
const GIVEN_LISTED: i64 = 200;

/// What a variant is, for the delivery endpoints: absent, not digital, or digital.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VariantKind {
    Missing,
    Other,
    Digital,
}

const DELIVERY_COLUMNS: &str =
    "variant_id, kind, file_hash, file_name, file_size, text, protect_content, low_stock_at";

fn delivery_from_row(row: &AnyRow) -> Result<VariantDelivery, StorageError> {
    let kind: String = row.try_get("kind")?;
    let delivery = match kind.as_str() {
        "file" => Delivery::File(StoredFile {
            hash: row.try_get("file_hash")?,
            file_name: row.try_get("file_name")?,
            size: row.try_get("file_size")?,
        }),
        "keys" => Delivery::Keys,
        "text" => Delivery::Text(row.try_get("text")?),
        other => return Err(corrupt("delivery kind", other)),
    };
    Ok(VariantDelivery {
        variant_id: VariantId(row.try_get("variant_id")?),
        delivery,
        protect_content: row.try_get::<i64, _>("protect_content")? == 1,
        low_stock_at: row.try_get("low_stock_at")?,
    })
}

/// Sets variant `variant`'s delivery kind and its columns on `conn`, keeping its options.
async fn upsert(
    conn: &mut sqlx::AnyConnection,
    variant: VariantId,
    delivery: &Delivery,
    now: i64,
) -> Result<(), StorageError> {
    let (kind, file, text) = match delivery {
        Delivery::File(file) => ("file", Some(file), None),
        Delivery::Keys => ("keys", None, None),
        Delivery::Text(text) => ("text", None, Some(text.as_str())),
    };
    sqlx::query(
        "INSERT INTO variant_deliveries (variant_id, kind, file_hash, file_name, file_size, text, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (variant_id) DO UPDATE SET kind = excluded.kind, file_hash = excluded.file_hash,
             file_name = excluded.file_name, file_size = excluded.file_size, text = excluded.text,
             updated_at = excluded.updated_at",
    )
    .bind(variant.0)
    .bind(kind)
    .bind(file.map(|f| f.hash.clone()))
    .bind(file.map(|f| f.file_name.clone()))
    .bind(file.map(|f| f.size))
    .bind(text)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

impl Db {
    /// Whether variant `variant` exists and is a digital product's.
    pub async fn variant_kind(&self, variant: VariantId) -> Result<VariantKind, StorageError> {
        let row: Option<(String,)> = sqlx::query_as(
            "SELECT p.fulfilment FROM variants v JOIN products p ON p.id = v.product_id WHERE v.id = $1",
        )
        .bind(variant.0)
        .fetch_optional(self.pool())
        .await?;
        Ok(match row {
            None => VariantKind::Missing,
            Some((kind,)) if ProductKind::parse(&kind) == Some(ProductKind::Digital) => VariantKind::Digital,
            Some(_) => VariantKind::Other,
        })
    }

    /// Variant `variant`'s delivery, if the merchant set one.
    pub async fn variant_delivery(
        &self,
        variant: VariantId,
    ) -> Result<Option<VariantDelivery>, StorageError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {DELIVERY_COLUMNS} FROM variant_deliveries WHERE variant_id = $1"
        )))
        .bind(variant.0)
        .fetch_optional(self.pool())
        .await?;
        row.as_ref().map(delivery_from_row).transpose()
    }

    /// Makes variant `variant` deliver `file` (already written under `DELIVERY_DIR`).
    #[tracing::instrument(skip_all, fields(variant_id = variant.0))]
    pub async fn set_delivery_file(
        &self,
        variant: VariantId,
        file: &CheckedFile,
        now: i64,
    ) -> Result<(), StorageError> {
        let mut conn = self.pool().acquire().await?;
        let stored = StoredFile {
            hash: file.hash.clone(),
            file_name: file.file_name.clone(),
            size: file.size,
        };
        upsert(&mut conn, variant, &Delivery::File(stored), now).await
    }

    /// Makes variant `variant` reveal `text` after payment.
    pub async fn set_delivery_text(
        &self,
        variant: VariantId,
        text: &str,
        now: i64,
    ) -> Result<(), StorageError> {
        let mut conn = self.pool().acquire().await?;
        upsert(&mut conn, variant, &Delivery::Text(text.to_owned()), now).await
    }

    /// Sets a delivery's options; false when the variant has no delivery yet.
    pub async fn set_delivery_options(
        &self,
        variant: VariantId,
        protect_content: Option<bool>,
        low_stock_at: Option<i64>,
        now: i64,
    ) -> Result<bool, StorageError> {
        let updated = sqlx::query(
            "UPDATE variant_deliveries SET protect_content = COALESCE($2, protect_content),
                 low_stock_at = COALESCE($3, low_stock_at), updated_at = $4 WHERE variant_id = $1",
        )
        .bind(variant.0)
        .bind(protect_content.map(i64::from))
        .bind(low_stock_at)
        .bind(now)
        .execute(self.pool())
        .await?
        .rows_affected();
        Ok(updated == 1)
    }

    /// Variant `variant`'s delivery as the admin page shows it, with its key pool.
    pub async fn admin_delivery(&self, variant: VariantId) -> Result<AdminDelivery, StorageError> {
        let mut answer = AdminDelivery {
            variant_id: variant,
            kind: "none".into(),
            file_name: None,
            file_size: None,
            text: None,
            protect_content: false,
            low_stock_at: 5,
            free_keys: 0,
            given: Vec::new(),
        };
        if let Some(delivery) = self.variant_delivery(variant).await? {
            answer.protect_content = delivery.protect_content;
            answer.low_stock_at = delivery.low_stock_at;
            answer.kind = match delivery.delivery {
                Delivery::File(file) => {
                    answer.file_name = Some(file.file_name);
                    answer.file_size = Some(file.size);
                    "file".into()
                }
                Delivery::Keys => "keys".into(),
                Delivery::Text(text) => {
                    answer.text = Some(text);
                    "text".into()
                }
            };
        }
        let (free,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM licence_keys WHERE variant_id = $1 AND order_id IS NULL")
                .bind(variant.0)
                .fetch_one(self.pool())
                .await?;
        answer.free_keys = free;
        let rows = sqlx::query(
            "SELECT code, order_id, assigned_at, refunded_at FROM licence_keys
             WHERE variant_id = $1 AND order_id IS NOT NULL ORDER BY assigned_at DESC, id DESC LIMIT $2",
        )
        .bind(variant.0)
        .bind(GIVEN_LISTED)
        .fetch_all(self.pool())
        .await?;
        answer.given = rows
            .iter()
            .map(|row| {
                Ok(GivenKey {
                    key: row.try_get("code")?,
                    order_id: OrderId(row.try_get("order_id")?),
                    assigned_at: row.try_get("assigned_at")?,
                    refunded_at: row.try_get("refunded_at")?,
                })
            })
            .collect::<Result<_, StorageError>>()?;
        Ok(answer)
    }

    /// What paid order `order` delivers, line by line: its files, the keys it was given, its
    /// texts.
    pub async fn order_deliveries(&self, order: OrderId) -> Result<Vec<Delivered>, StorageError> {
        let mut conn = self.pool().acquire().await?;
        order_deliveries(&mut conn, order).await
    }

    /// Telegram's file id for the file with `hash`, once the bot uploaded it.
    pub async fn telegram_file_id(&self, hash: &str) -> Result<Option<String>, StorageError> {
        let row: Option<(String,)> =
            sqlx::query_as("SELECT file_id FROM telegram_files WHERE content_hash = $1")
                .bind(hash)
                .fetch_optional(self.pool())
                .await?;
        Ok(row.map(|(id,)| id))
    }

    /// Keeps Telegram's file id for the file with `hash` (the first one kept stays).
    pub async fn store_telegram_file_id(
        &self,
        hash: &str,
        file_id: &str,
        now: i64,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "INSERT INTO telegram_files (content_hash, file_id, stored_at) VALUES ($1, $2, $3)
             ON CONFLICT (content_hash) DO NOTHING",
        )
        .bind(hash)
        .bind(file_id)
        .bind(now)
        .execute(self.pool())
        .await?;
        Ok(())
    }
}

impl Db {
    /// Makes every variant of the product with `slug` deliver `file` (already written under
    /// `DELIVERY_DIR`), or reveal `text`: the demo catalog's deliveries. Returns how many
    /// variants it set.
    pub async fn set_product_delivery(
        &self,
        slug: &str,
        delivery: &Delivery,
        now: i64,
    ) -> Result<usize, StorageError> {
        let variants: Vec<(i64,)> = sqlx::query_as(
            "SELECT v.id FROM variants v JOIN products p ON p.id = v.product_id WHERE p.slug = $1",
        )
        .bind(slug)
        .fetch_all(self.pool())
        .await?;
        let mut conn = self.pool().acquire().await?;
        for (id,) in &variants {
            upsert(&mut conn, VariantId(*id), delivery, now).await?;
        }
        Ok(variants.len())
    }
}

/// Order `order`'s deliveries on `conn`: one per digital line whose variant has a delivery.
pub(in crate::storage) async fn order_deliveries(
    conn: &mut sqlx::AnyConnection,
    order: OrderId,
) -> Result<Vec<Delivered>, StorageError> {
    let rows = sqlx::query(
        "SELECT l.name AS line_name, d.variant_id, d.kind, d.file_hash, d.file_name, d.file_size, d.text,
                d.protect_content, d.low_stock_at
         FROM order_lines l JOIN variant_deliveries d ON d.variant_id = l.variant_id
         WHERE l.order_id = $1 ORDER BY l.variant_id",
    )
    .bind(order.0)
    .fetch_all(&mut *conn)
    .await?;
    let mut delivered = Vec::with_capacity(rows.len());
    for row in &rows {
        let delivery = delivery_from_row(row)?;
        let what = match delivery.delivery {
            Delivery::File(file) => DeliveredItem::File(file),
            Delivery::Text(text) => DeliveredItem::Text(text),
            Delivery::Keys => keys::given(conn, order, delivery.variant_id).await?,
        };
        delivered.push(Delivered {
            order_id: order,
            variant_id: delivery.variant_id,
            name: row.try_get("line_name")?,
            protect_content: delivery.protect_content,
            what,
        });
    }
    Ok(delivered)
}
