//! The Telegram language each admin last gave (`admin_languages`): written when they send the
//! bot `/admin` or open the admin Mini App, read — with the merchant's chosen language, which
//! wins — to write the bot's messages to the merchant in their language.
//! Must not: decide which language a message is in (`crate::shop::settings::MerchantReaders`).

use crate::shop::settings::{MerchantReaders, ShopSettings};
use crate::storage::telegram::updates::UpdateTx;
use crate::storage::{Db, StorageError};
use app::identity::UserId;
use sqlx::Row;

impl Db {
    /// Remembers `admin`'s Telegram `language_code` (an empty one changes nothing).
    pub async fn record_admin_language(
        &self,
        admin: UserId,
        code: &str,
        now: i64,
    ) -> Result<(), StorageError> {
        let mut conn = self.pool().acquire().await?;
        record_on(&mut conn, admin, code, now).await
    }

    /// Who reads the merchant's messages, and in which language (see [`MerchantReaders`]).
    pub async fn merchant_readers(
        &self,
        shop: &ShopSettings,
        admins: &[UserId],
    ) -> Result<MerchantReaders, StorageError> {
        let mut conn = self.pool().acquire().await?;
        readers_on(&mut conn, shop, admins).await
    }
}

impl UpdateTx {
    /// Remembers `admin`'s Telegram `language_code`, in the update's transaction.
    pub async fn record_admin_language(
        &mut self,
        admin: UserId,
        code: &str,
        now: i64,
    ) -> Result<(), StorageError> {
        record_on(self.connection(), admin, code, now).await
    }

    /// Who reads the merchant's messages, and in which language, read in the transaction.
    pub async fn merchant_readers(
        &mut self,
        shop: &ShopSettings,
        admins: &[UserId],
    ) -> Result<MerchantReaders, StorageError> {
        readers_on(self.connection(), shop, admins).await
    }
}

async fn record_on(
    conn: &mut sqlx::AnyConnection,
    admin: UserId,
    code: &str,
    now: i64,
) -> Result<(), StorageError> {
    if code.is_empty() {
        return Ok(());
    }
    sqlx::query(
        "INSERT INTO admin_languages (admin_id, language_code, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (admin_id) DO UPDATE SET language_code = excluded.language_code, updated_at = excluded.updated_at",
    )
    .bind(admin.0)
    .bind(code)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

async fn readers_on(
    conn: &mut sqlx::AnyConnection,
    shop: &ShopSettings,
    admins: &[UserId],
) -> Result<MerchantReaders, StorageError> {
    let rows = sqlx::query("SELECT admin_id, language_code FROM admin_languages")
        .fetch_all(conn)
        .await?;
    let known = rows
        .iter()
        .map(|row| {
            let code: String = row.try_get("language_code")?;
            Ok((
                UserId(row.try_get("admin_id")?),
                app::language::for_language_code(&code),
            ))
        })
        .collect::<Result<Vec<_>, StorageError>>()?;
    Ok(MerchantReaders::new(shop, admins, &known))
}
