//! The merchant's settings (`shop_settings`, one row: the shop's name and currency, the chat
//! told about sales, the units one buyer may reserve of a variant, the time zone of events,
//! the Mini App's short name, the language the bot writes to the merchant in) and tip presets
//! (`tip_presets`).
//!
//! The settings are read wherever they apply — the storefront's launch, the dashboard, and
//! inside an update's transaction for the bot's messages — so a change applies to the next
//! sale without a restart. Must not: decide what a valid setting is (`crate::shop::settings`).
//! The shipping rates the merchant sets are in [`shipping`], the support contact and privacy
//! policy in [`policies`], the admins' Telegram languages in [`languages`].

pub mod languages;
pub mod policies;
pub mod shipping;

use crate::shop::events::TimeZone;
use crate::shop::invoice::TipPreset;
use crate::shop::settings::{
    language_code, merchant_language, stored_suggestions, MiniAppShortName, ShopName, ShopSettings, UnitCap,
};
use crate::storage::catalog::corrupt;
use crate::storage::telegram::updates::UpdateTx;
use crate::storage::{Db, StorageError};
use app::i18n::Locale;
use app::identity::ChatId;
use app::money::Currency;
use sqlx::Row;

const SELECT: &str =
    "SELECT name, currency, notification_chat_id, max_units_per_variant, time_zone, mini_app_short_name, language
     FROM shop_settings WHERE id = 1";

// One row, created by whichever setting is saved first; the other columns then take the
// defaults, bound by the caller.
macro_rules! upsert {
    ($set:literal) => {
        concat!(
            "INSERT INTO shop_settings (id, name, currency, notification_chat_id, updated_at)
             VALUES (1, $1, $2, $3, $4) ON CONFLICT (id) DO UPDATE SET ",
            $set,
            ", updated_at = excluded.updated_at"
        )
    };
}

impl Db {
    /// The shop's settings, or the defaults while none were saved.
    pub async fn shop_settings(&self) -> Result<ShopSettings, StorageError> {
        let mut conn = self.pool().acquire().await?;
        settings_on(&mut conn).await
    }

    /// Saves the shop's name and currency.
    pub async fn save_shop(&self, name: &ShopName, currency: Currency, now: i64) -> Result<(), StorageError> {
        sqlx::query(upsert!("name = excluded.name, currency = excluded.currency"))
            .bind(name.as_str())
            .bind(currency.as_str())
            .bind(ShopSettings::default().notification_chat_id.map(|chat| chat.0))
            .bind(now)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Saves the time zone events are set in and the Mini App's short name (`None`: not set).
    pub async fn save_event_settings(
        &self,
        time_zone: &TimeZone,
        short_name: Option<&MiniAppShortName>,
        now: i64,
    ) -> Result<(), StorageError> {
        let defaults = ShopSettings::default();
        sqlx::query(
            "INSERT INTO shop_settings (id, name, currency, notification_chat_id, time_zone, mini_app_short_name, updated_at)
             VALUES (1, $1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO UPDATE
             SET time_zone = excluded.time_zone, mini_app_short_name = excluded.mini_app_short_name,
                 updated_at = excluded.updated_at",
        )
        .bind(defaults.name.as_str())
        .bind(defaults.currency.as_str())
        .bind(defaults.notification_chat_id.map(|chat| chat.0))
        .bind(time_zone.name())
        .bind(short_name.map(MiniAppShortName::as_str))
        .bind(now)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Saves the chat told about sales; `None` tells each admin again.
    pub async fn save_notification_chat(
        &self,
        chat_id: Option<ChatId>,
        now: i64,
    ) -> Result<(), StorageError> {
        let defaults = ShopSettings::default();
        sqlx::query(upsert!("notification_chat_id = excluded.notification_chat_id"))
            .bind(defaults.name.as_str())
            .bind(defaults.currency.as_str())
            .bind(chat_id.map(|chat| chat.0))
            .bind(now)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Saves the units of one variant one buyer may reserve.
    pub async fn save_max_units_per_variant(&self, cap: UnitCap, now: i64) -> Result<(), StorageError> {
        let defaults = ShopSettings::default();
        sqlx::query(
            "INSERT INTO shop_settings (id, name, currency, notification_chat_id, max_units_per_variant, updated_at)
             VALUES (1, $1, $2, $3, $4, $5) ON CONFLICT (id) DO UPDATE
             SET max_units_per_variant = excluded.max_units_per_variant, updated_at = excluded.updated_at",
        )
        .bind(defaults.name.as_str())
        .bind(defaults.currency.as_str())
        .bind(defaults.notification_chat_id.map(|chat| chat.0))
        .bind(cap.get())
        .bind(now)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Saves the language the bot writes to the merchant in; `None` follows each admin's
    /// Telegram language.
    pub async fn save_merchant_language(
        &self,
        language: Option<Locale>,
        now: i64,
    ) -> Result<(), StorageError> {
        let defaults = ShopSettings::default();
        sqlx::query(
            "INSERT INTO shop_settings (id, name, currency, notification_chat_id, language, updated_at)
             VALUES (1, $1, $2, $3, $4, $5) ON CONFLICT (id) DO UPDATE
             SET language = excluded.language, updated_at = excluded.updated_at",
        )
        .bind(defaults.name.as_str())
        .bind(defaults.currency.as_str())
        .bind(defaults.notification_chat_id.map(|chat| chat.0))
        .bind(language.map(language_code))
        .bind(now)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Every currency's tip preset, by currency code.
    pub async fn tip_presets(&self) -> Result<Vec<(Currency, TipPreset)>, StorageError> {
        let rows =
            sqlx::query("SELECT currency, max_tip_minor, suggested FROM tip_presets ORDER BY currency")
                .fetch_all(self.pool())
                .await?;
        rows.iter()
            .map(|row| {
                let code: String = row.try_get("currency")?;
                let currency = Currency::parse(&code).map_err(|e| corrupt("currency", e))?;
                let suggested: String = row.try_get("suggested")?;
                let preset = TipPreset::parse(row.try_get("max_tip_minor")?, &suggested)
                    .ok_or_else(|| corrupt("tip preset", &code))?;
                Ok((currency, preset))
            })
            .collect()
    }

    /// Sets the tips offered in `currency`, replacing any before.
    pub async fn save_tip_preset(&self, currency: Currency, preset: &TipPreset) -> Result<(), StorageError> {
        sqlx::query(
            "INSERT INTO tip_presets (currency, max_tip_minor, suggested) VALUES ($1, $2, $3)
             ON CONFLICT (currency) DO UPDATE SET max_tip_minor = excluded.max_tip_minor,
                                                  suggested = excluded.suggested",
        )
        .bind(currency.as_str())
        .bind(preset.max_tip_minor)
        .bind(stored_suggestions(preset))
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Stops offering tips in `currency`. False when none were offered.
    pub async fn delete_tip_preset(&self, currency: Currency) -> Result<bool, StorageError> {
        let deleted = sqlx::query("DELETE FROM tip_presets WHERE currency = $1")
            .bind(currency.as_str())
            .execute(self.pool())
            .await?
            .rows_affected();
        Ok(deleted == 1)
    }
}

impl UpdateTx {
    /// The shop's settings, read inside the update's transaction.
    pub async fn shop_settings(&mut self) -> Result<ShopSettings, StorageError> {
        settings_on(self.connection()).await
    }
}

async fn settings_on(conn: &mut sqlx::AnyConnection) -> Result<ShopSettings, StorageError> {
    let Some(row) = sqlx::query(SELECT).fetch_optional(conn).await? else {
        return Ok(ShopSettings::default());
    };
    let name: String = row.try_get("name")?;
    let currency: String = row.try_get("currency")?;
    Ok(ShopSettings {
        name: ShopName::parse(&name).map_err(|e| corrupt("shop name", e))?,
        currency: Currency::parse(&currency).map_err(|e| corrupt("currency", e))?,
        notification_chat_id: row.try_get::<Option<i64>, _>("notification_chat_id")?.map(ChatId),
        max_units_per_variant: UnitCap::parse(row.try_get("max_units_per_variant")?)
            .map_err(|e| corrupt("max units per variant", e))?,
        time_zone: TimeZone::parse(&row.try_get::<String, _>("time_zone")?)
            .map_err(|e| corrupt("time zone", e))?,
        mini_app_short_name: row
            .try_get::<Option<String>, _>("mini_app_short_name")?
            .map(|name| MiniAppShortName::parse(&name).map_err(|e| corrupt("Mini App short name", e)))
            .transpose()?,
        language: row
            .try_get::<Option<String>, _>("language")?
            .map(|code| {
                merchant_language(Some(&code))
                    .map_err(|e| corrupt("merchant language", e))?
                    .ok_or_else(|| corrupt("merchant language", "empty"))
            })
            .transpose()?,
    })
}
