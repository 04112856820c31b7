//! Signed download links: a token naming an order, a variant and an expiry, with an
//! HMAC-SHA256 over them under the server's secret, checked in constant time. The order page
//! gets a fresh one each time it is shown; the download endpoint answers only while the token
//! is unexpired and its order still paid. Never a Bot API `getFile` URL, which holds the bot
//! token.
//!
//! Written `<order>.<variant>.<expires unix secs>.<base64url signature>`.

use app::catalog::VariantId;
use app::orders::OrderId;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// How long a download link works by default.
pub const DEFAULT_TTL_SECS: i64 = 3600;

/// The server's key for download links.
#[derive(Clone)]
pub struct DownloadKey([u8; 32]);

impl std::fmt::Debug for DownloadKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DownloadKey(…)")
    }
}

impl DownloadKey {
    /// The key derived from a server secret (the bot token): stable across restarts and shared
    /// by replicas of one bot, unguessable without the secret.
    pub fn derive(secret: &str) -> Self {
        let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key");
        mac.update(b"shop download links");
        DownloadKey(mac.finalize().into_bytes().into())
    }

    fn mac(&self, payload: &str) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes any key");
        mac.update(payload.as_bytes());
        mac
    }
}

/// What a download link grants: order `order`'s delivery of `variant`, until `expires_at`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DownloadToken {
    pub order: OrderId,
    pub variant: VariantId,
    /// Unix seconds.
    pub expires_at: i64,
}

/// Why a token is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error("the download link is malformed or was not signed by this shop")]
    Invalid,
    #[error("the download link has expired: open the order again for a fresh one")]
    Expired,
}

impl DownloadToken {
    fn payload(&self) -> String {
        format!("{}.{}.{}", self.order.0, self.variant.0, self.expires_at)
    }

    /// The token as a URL path segment.
    pub fn sign(&self, key: &DownloadKey) -> String {
        let payload = self.payload();
        let signature = key.mac(&payload).finalize().into_bytes();
        format!("{payload}.{}", URL_SAFE_NO_PAD.encode(signature))
    }

    /// The token `text` names, if this shop signed it (compared in constant time) and it has
    /// not expired at `now` (unix seconds).
    pub fn verify(text: &str, key: &DownloadKey, now: i64) -> Result<Self, TokenError> {
        let (payload, signature) = text.rsplit_once('.').ok_or(TokenError::Invalid)?;
        let signature = URL_SAFE_NO_PAD
            .decode(signature)
            .map_err(|_| TokenError::Invalid)?;
        key.mac(payload)
            .verify_slice(&signature)
            .map_err(|_| TokenError::Invalid)?;
        let mut parts = payload.split('.').map(str::parse::<i64>);
        let (Some(Ok(order)), Some(Ok(variant)), Some(Ok(expires_at)), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(TokenError::Invalid);
        };
        let token = DownloadToken {
            order: OrderId(order),
            variant: VariantId(variant),
            expires_at,
        };
        match now < expires_at {
            true => Ok(token),
            false => Err(TokenError::Expired),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(expires_at: i64) -> DownloadToken {
        DownloadToken {
            order: OrderId(12),
            variant: VariantId(34),
            expires_at,
        }
    }

    #[test]
    fn a_signed_token_reads_back_until_it_expires() {
        let key = DownloadKey::derive("123:secret");
        let signed = token(1_000).sign(&key);
        assert!(signed.starts_with("12.34.1000."));
        assert_eq!(DownloadToken::verify(&signed, &key, 999), Ok(token(1_000)));
        assert_eq!(
            DownloadToken::verify(&signed, &key, 1_000),
            Err(TokenError::Expired)
        );
    }

    #[test]
    fn another_shops_or_a_tampered_token_is_refused() {
        let key = DownloadKey::derive("123:secret");
        let other = DownloadKey::derive("456:secret");
        let signed = token(1_000).sign(&key);
        assert_eq!(
            DownloadToken::verify(&signed, &other, 0),
            Err(TokenError::Invalid)
        );
        let longer = signed.replacen("12.34.1000", "12.34.9000", 1);
        assert_eq!(DownloadToken::verify(&longer, &key, 0), Err(TokenError::Invalid));
        let other_order = signed.replacen("12.", "13.", 1);
        assert_eq!(
            DownloadToken::verify(&other_order, &key, 0),
            Err(TokenError::Invalid)
        );
    }

    #[test]
    fn malformed_tokens_are_refused() {
        let key = DownloadKey::derive("123:secret");
        for bad in ["", "12.34", "a.b.c.d", "12.34.1000.!!!", "12.34.1000.5.sig"] {
            assert_eq!(
                DownloadToken::verify(bad, &key, 0),
                Err(TokenError::Invalid),
                "{bad}"
            );
        }
    }
}
