//! The support contact and privacy policy the merchant set (`shop_policies`, one row), read by
//! the admin API, the `/privacy` page and inside an update's transaction for `/paysupport` and
//! `/privacy`. Must not: decide what a valid contact or policy is
//! (`crate::shop::settings::policies`).

use crate::shop::settings::policies::{Policies, PrivacyPolicy, SupportContact};
use crate::storage::catalog::corrupt;
use crate::storage::telegram::updates::UpdateTx;
use crate::storage::{Db, StorageError};

impl Db {
    /// The merchant's policies (defaults while none were saved).
    pub async fn policies(&self) -> Result<Policies, StorageError> {
        let mut conn = self.pool().acquire().await?;
        policies_on(&mut conn).await
    }

    /// Saves both policies (`None`: back to the default).
    pub async fn save_policies(&self, policies: &Policies, now: i64) -> Result<(), StorageError> {
        sqlx::query(
            "INSERT INTO shop_policies (id, support_contact, privacy_policy, updated_at)
             VALUES (1, $1, $2, $3) ON CONFLICT (id) DO UPDATE
             SET support_contact = excluded.support_contact, privacy_policy = excluded.privacy_policy,
                 updated_at = excluded.updated_at",
        )
        .bind(policies.support_contact.as_ref().map(|c| c.as_str().to_owned()))
        .bind(policies.privacy_policy.as_ref().map(|p| p.as_str().to_owned()))
        .bind(now)
        .execute(self.pool())
        .await?;
        Ok(())
    }
}

impl UpdateTx {
    /// The merchant's policies, read inside the update's transaction.
    pub async fn policies(&mut self) -> Result<Policies, StorageError> {
        policies_on(self.connection()).await
    }
}

async fn policies_on(conn: &mut sqlx::AnyConnection) -> Result<Policies, StorageError> {
    let row: Option<(Option<String>, Option<String>)> =
        sqlx::query_as("SELECT support_contact, privacy_policy FROM shop_policies WHERE id = 1")
            .fetch_optional(conn)
            .await?;
    let Some((contact, policy)) = row else {
        return Ok(Policies::default());
    };
    Ok(Policies {
        support_contact: contact
            .map(|c| SupportContact::parse(&c).map_err(|e| corrupt("support contact", e)))
            .transpose()?,
        privacy_policy: policy
            .map(|p| PrivacyPolicy::parse(&p).map_err(|e| corrupt("privacy policy", e)))
            .transpose()?,
    })
}
