//! Telegram's third-party validation: the Ed25519 `signature` field, checked with Telegram's
//! public key over `"<bot_id>:WebAppData\n"` plus the sorted fields without `hash` and
//! `signature` (<https://core.telegram.org/bots/webapps#validating-data-for-third-party-use>).

use super::{Fields, Freshness, InitDataError, WebAppInitData};
use base64::Engine;
use ed25519_dalek::{Signature, VerifyingKey};

/// Which Telegram signed the data: production, or the test environment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TelegramEnv {
    Production,
    Test,
}

impl TelegramEnv {
    /// Telegram's published Ed25519 public key for this environment.
    fn public_key(self) -> [u8; 32] {
        let hex_key = match self {
            TelegramEnv::Production => "e7bf03a2fa4602af4580703d88dda5bb59f32ed8b02a56c187fe7d34caed242d",
            TelegramEnv::Test => "40055058a4ee38156a06562e52eece92a771bcd8346a8c4615cb7376eddf72ec",
        };
        let mut key = [0u8; 32];
        hex::decode_to_slice(hex_key, &mut key).expect("the published keys are 32 hex bytes");
        key
    }
}

/// Verifies initData's Ed25519 signature for `bot_id`, then its freshness unless
/// `freshness` is `None` (for archived data).
pub fn verify_signature(
    raw: &str,
    bot_id: i64,
    env: TelegramEnv,
    freshness: Option<&Freshness>,
    now: i64,
) -> Result<WebAppInitData, InitDataError> {
    let fields = Fields::parse(raw)?;
    let encoded = fields.get("signature").ok_or(InitDataError::MissingSignature)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(encoded.trim_end_matches('='))
        .map_err(|_| InitDataError::MalformedSignature)?;
    let signature = Signature::from_slice(&bytes).map_err(|_| InitDataError::MalformedSignature)?;
    let key = VerifyingKey::from_bytes(&env.public_key()).expect("Telegram's keys are valid points");
    let mut message = format!("{bot_id}:WebAppData\n").into_bytes();
    fields.write_check_string(&["hash", "signature"], |chunk| message.extend_from_slice(chunk));
    key.verify_strict(&message, &signature)
        .map_err(|_| InitDataError::WrongSignature)?;
    let verified = WebAppInitData::from_fields(&fields)?;
    if let Some(freshness) = freshness {
        freshness.check(verified.auth_date, now)?;
    }
    Ok(verified)
}
