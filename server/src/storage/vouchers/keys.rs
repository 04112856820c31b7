//! The shop's Ed25519 key in `shop_keys` (one row): made on the first start, read on every
//! start after. Replicas starting together on one empty database agree on one key: each
//! offers its own (`INSERT … ON CONFLICT DO NOTHING`), then all read back the one kept.

use crate::shop::vouchers::ShopKey;
use crate::storage::catalog::corrupt;
use crate::storage::{Db, StorageError};

impl Db {
    /// The shop's signing key: the one kept, or `offered` kept now if there was none.
    pub async fn shop_key(&self, offered: &ShopKey, now: i64) -> Result<ShopKey, StorageError> {
        sqlx::query(
            "INSERT INTO shop_keys (id, secret_key, public_key, created_at) VALUES (1, $1, $2, $3)
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(offered.secret().to_vec())
        .bind(offered.public().bytes().to_vec())
        .bind(now)
        .execute(self.pool())
        .await?;
        let (secret, public): (Vec<u8>, Vec<u8>) =
            sqlx::query_as("SELECT secret_key, public_key FROM shop_keys WHERE id = 1")
                .fetch_one(self.pool())
                .await?;
        let secret: [u8; 32] = secret
            .try_into()
            .map_err(|_| corrupt("shop key", "the secret is not 32 bytes"))?;
        let key = ShopKey::from_secret(secret);
        if key.public().bytes().as_slice() != public.as_slice() {
            return Err(corrupt("shop key", "the public key is not the secret's"));
        }
        Ok(key)
    }
}
