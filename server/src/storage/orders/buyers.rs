//! Buyers as Telegram last described them at checkout: their name and @username, for the
//! merchant's order list, search and order detail, and their language, for the bot's
//! messages (read with the order: `OrderRecord::buyer_language`).

use crate::shop::order::BuyerName;
use crate::storage::{Db, StorageError};
use app::identity::UserId;
use sqlx::Row;

impl BuyerName {
    /// What initData's user is called: first and last name, and @username.
    pub fn of(user: &app::identity::WebAppUser) -> Self {
        BuyerName {
            name: match &user.last_name {
                Some(last) => format!("{} {last}", user.first_name),
                None => user.first_name.clone(),
            },
            username: user.username.clone().unwrap_or_default(),
            language_code: user.language_code.clone().unwrap_or_default(),
        }
    }
}

impl Db {
    /// What buyer `id` is called, if a checkout of theirs recorded it.
    pub async fn buyer_name(&self, id: UserId) -> Result<Option<BuyerName>, StorageError> {
        let row = sqlx::query("SELECT name, username, language_code FROM buyers WHERE id = $1")
            .bind(id.0)
            .fetch_optional(self.pool())
            .await?;
        row.map(|row| {
            Ok(BuyerName {
                name: row.try_get("name")?,
                username: row.try_get("username")?,
                language_code: row.try_get("language_code")?,
            })
        })
        .transpose()
    }
}

/// Records (or refreshes) on `conn` what Telegram says buyer `id` is called: in the
/// transaction of the order that learnt it.
pub(in crate::storage) async fn remember(
    conn: &mut sqlx::AnyConnection,
    id: UserId,
    buyer: &BuyerName,
    now: i64,
) -> Result<(), StorageError> {
    sqlx::query(
        "INSERT INTO buyers (id, name, username, language_code, updated_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, username = excluded.username,
                                        language_code = excluded.language_code,
                                        updated_at = excluded.updated_at",
    )
    .bind(id.0)
    .bind(&buyer.name)
    .bind(&buyer.username)
    .bind(&buyer.language_code)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// `text` as a LIKE pattern that matches it anywhere, lower-cased, with `%`, `_` and `\`
/// taken literally (the query says `ESCAPE '\'`).
pub(in crate::storage) fn contains_pattern(text: &str) -> String {
    let mut pattern = String::from("%");
    for c in text.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

#[cfg(test)]
mod tests {
    use super::contains_pattern;

    #[test]
    fn search_text_is_matched_literally_anywhere() {
        assert_eq!(contains_pattern("Ada"), "%ada%");
        assert_eq!(contains_pattern("50%_off\\"), "%50\\%\\_off\\\\%");
    }
}
