//! Validating the Mini App's `initData`, as Telegram specifies in "Validating data received
//! via the Mini App" (<https://core.telegram.org/bots/webapps#validating-data-received-via-the-mini-app>).
//!
//! Two ways to trust it: [`HmacValidator`] with the bot token (what the shop uses on every
//! request), and [`verify_signature`] with Telegram's Ed25519 public keys, for services that
//! do not hold the token. Both parse the raw query string once into [`Fields`], refusing
//! duplicate keys and fields that would make the data-check-string ambiguous; every rejection
//! has its own [`InitDataError`] variant. Never log initData.

mod fields;
mod signature;
mod user;

pub use fields::Fields;
pub use signature::{verify_signature, TelegramEnv};
pub use user::{WebAppInitData, WebAppUser};

use app::error_code::ErrorCode;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use std::time::Duration;

type HmacSha256 = Hmac<Sha256>;

/// Why initData was refused. Each reason has a stable code for the 401 body.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum InitDataError {
    #[error("initData is missing")]
    Missing,
    #[error("initData has no hash")]
    MissingHash,
    #[error("initData's hash is not 64 hex digits")]
    MalformedHash,
    #[error("initData's hash does not match: it was not signed with this bot's token or was altered")]
    WrongHash,
    #[error("initData repeats the key {0:?}")]
    DuplicateKey(String),
    /// The data-check-string joins fields as `key=value` lines, so a line break in a key or
    /// value, or a `=` in a key, would let one set of fields pass for another.
    #[error("initData has a key with `=` or a line break, or a value with a line break")]
    AmbiguousField,
    #[error("initData has no auth_date")]
    MissingAuthDate,
    #[error("initData's auth_date is not a number")]
    MalformedAuthDate,
    #[error("initData expired: it is older than the allowed age")]
    Expired,
    #[error("initData's auth_date lies in the future")]
    FromTheFuture,
    #[error("initData has no user")]
    MissingUser,
    #[error("initData's user is malformed")]
    MalformedUser,
    #[error("initData has no signature")]
    MissingSignature,
    #[error("initData's signature is not base64url of 64 bytes")]
    MalformedSignature,
    #[error("initData's signature does not verify with Telegram's key")]
    WrongSignature,
}

impl InitDataError {
    /// A stable machine-readable code, e.g. `init_data_expired`.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Missing => ErrorCode::InitDataMissing,
            Self::MissingHash => ErrorCode::InitDataHashMissing,
            Self::MalformedHash => ErrorCode::InitDataHashMalformed,
            Self::WrongHash => ErrorCode::InitDataHashWrong,
            Self::DuplicateKey(_) => ErrorCode::InitDataDuplicateKey,
            Self::AmbiguousField => ErrorCode::InitDataFieldAmbiguous,
            Self::MissingAuthDate => ErrorCode::InitDataAuthDateMissing,
            Self::MalformedAuthDate => ErrorCode::InitDataAuthDateMalformed,
            Self::Expired => ErrorCode::InitDataExpired,
            Self::FromTheFuture => ErrorCode::InitDataFromTheFuture,
            Self::MissingUser => ErrorCode::InitDataUserMissing,
            Self::MalformedUser => ErrorCode::InitDataUserMalformed,
            Self::MissingSignature => ErrorCode::InitDataSignatureMissing,
            Self::MalformedSignature => ErrorCode::InitDataSignatureMalformed,
            Self::WrongSignature => ErrorCode::InitDataSignatureWrong,
        }
    }
}

/// How old initData may be, and how far ahead of our clock its auth_date may lie.
#[derive(Clone, Copy, Debug)]
pub struct Freshness {
    pub max_age: Duration,
    pub max_future_skew: Duration,
}

impl Default for Freshness {
    /// One hour old at most; one minute of clock skew.
    fn default() -> Self {
        Freshness {
            max_age: Duration::from_secs(3600),
            max_future_skew: Duration::from_secs(60),
        }
    }
}

impl Freshness {
    /// Checks `auth_date` (unix seconds) against `now` (unix seconds).
    pub fn check(&self, auth_date: i64, now: i64) -> Result<(), InitDataError> {
        if auth_date > now.saturating_add(self.max_future_skew.as_secs() as i64) {
            return Err(InitDataError::FromTheFuture);
        }
        if now.saturating_sub(auth_date) > self.max_age.as_secs() as i64 {
            return Err(InitDataError::Expired);
        }
        Ok(())
    }
}

/// Validates initData with the bot token. The secret key, HMAC-SHA256("WebAppData", token),
/// is derived once here, so each validation costs a single HMAC over the data-check-string.
#[derive(Clone)]
pub struct HmacValidator {
    /// HMAC-SHA256 keyed with the secret key, ready for a message: cloning it skips hashing
    /// the key's inner and outer pads on every request.
    keyed: HmacSha256,
    freshness: Freshness,
}

impl HmacValidator {
    /// A validator for the bot with `bot_token`.
    pub fn new(bot_token: &str, freshness: Freshness) -> Self {
        let mut mac = HmacSha256::new_from_slice(b"WebAppData").expect("HMAC takes keys of any length");
        mac.update(bot_token.as_bytes());
        let secret_key = mac.finalize().into_bytes();
        HmacValidator {
            keyed: HmacSha256::new_from_slice(&secret_key).expect("32-byte key"),
            freshness,
        }
    }

    /// Parses and verifies `raw` (the query string as the client sent it) at time `now`.
    pub fn validate(&self, raw: &str, now: i64) -> Result<WebAppInitData, InitDataError> {
        let fields = Fields::parse(raw)?;
        let hash = fields.get("hash").ok_or(InitDataError::MissingHash)?;
        let expected = decode_hash(hash)?;
        let mut mac = self.keyed.clone();
        fields.write_check_string(&["hash"], |chunk| mac.update(chunk));
        // verify_slice compares in constant time.
        mac.verify_slice(&expected)
            .map_err(|_| InitDataError::WrongHash)?;
        let verified = WebAppInitData::from_fields(&fields)?;
        self.freshness.check(verified.auth_date, now)?;
        Ok(verified)
    }

    /// Signs `fields` as Telegram would: the hex hash of their data-check-string. Used by the
    /// local Telegram simulator and by tests to make valid initData.
    pub fn sign(&self, fields: &Fields) -> String {
        let mut mac = self.keyed.clone();
        fields.write_check_string(&["hash"], |chunk| mac.update(chunk));
        hex::encode(mac.finalize().into_bytes())
    }
}

impl std::fmt::Debug for HmacValidator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HmacValidator")
            .field("freshness", &self.freshness)
            .finish_non_exhaustive()
    }
}

fn decode_hash(hash: &str) -> Result<[u8; 32], InitDataError> {
    let digits = hash.as_bytes();
    if digits.len() != 64 {
        return Err(InitDataError::MalformedHash);
    }
    let mut bytes = [0u8; 32];
    for (byte, pair) in bytes.iter_mut().zip(digits.chunks_exact(2)) {
        *byte = fields::hex_byte(pair[0], pair[1]).ok_or(InitDataError::MalformedHash)?;
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests;
