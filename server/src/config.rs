//! Configuration from environment variables (and an optional `.env` file, read by `main`).
//!
//! Owns parsing and defaults; every variable is documented in `.env.example`. Secrets are kept
//! in [`Secret`], whose `Debug` never prints them, so a logged `Config` leaks nothing.

use app::identity::UserId;
use std::fmt;

/// Where the shop keeps its data when `DATABASE_URL` is not set: a SQLite file.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/shop.db";
/// Where uploaded product photos are kept when `UPLOAD_DIR` is not set.
pub const DEFAULT_UPLOAD_DIR: &str = "data/uploads";
/// The real Bot API; a simulator or Telegram's test environment can stand in for it.
pub const DEFAULT_TELEGRAM_API_URL: &str = "https://api.telegram.org";

/// The shop's settings, parsed once at start-up.
#[derive(Clone, Debug)]
pub struct Config {
    /// `DATABASE_URL`: `sqlite://…` (embedded default) or `postgres://…`.
    pub database_url: Secret,
    /// `BOT_TOKEN`: the bot's token from @BotFather; none means sandbox mode.
    pub bot_token: Option<BotToken>,
    /// `WEBHOOK_SECRET`: the secret Telegram sends in `X-Telegram-Bot-Api-Secret-Token`.
    pub webhook_secret: Option<Secret>,
    /// `PUBLIC_URL`: the https origin Telegram reaches the shop at.
    pub public_url: Option<String>,
    /// `TELEGRAM_API_URL`: the Bot API's base URL.
    pub telegram_api_url: String,
    /// `PAYMENT_PROVIDER_TOKEN`: the payment provider's token for fiat invoices.
    pub payment_provider_token: Option<Secret>,
    /// `ADMIN_USER_IDS`: Telegram user ids allowed on the admin page.
    pub admin_user_ids: Vec<UserId>,
    /// `INIT_DATA_MAX_AGE_SECS`: how old a Mini App's initData may be (default one hour).
    pub init_data_max_age: std::time::Duration,
    /// `ORDER_RESERVATION_SECS`: how long checkout holds stock for an unpaid order (15 min).
    pub order_reservation: std::time::Duration,
    /// `UPLOAD_DIR`: the directory product photos uploaded by the merchant are kept in.
    pub upload_dir: std::path::PathBuf,
    /// `METRICS_ADDR`: where `GET /metrics` is served (e.g. `127.0.0.1:9100`); none: nowhere.
    pub metrics_addr: Option<std::net::SocketAddr>,
}

/// A configuration value that must not appear in logs.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }
    /// The secret itself, for the one place that needs it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

/// A bot token as @BotFather issues it: `<bot id>:<secret part>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BotToken {
    bot_id: i64,
    token: Secret,
}

impl BotToken {
    /// A random token for sandbox mode, when no real bot is configured: the local Telegram
    /// simulator signs launch data with it, and nothing outside this process knows it.
    pub fn sandbox() -> Self {
        let mut bytes = [0u8; 28];
        getrandom::fill(&mut bytes).expect("the OS random source works");
        let bot_id = 1_000_000 + i64::from(u32::from_le_bytes([bytes[0], bytes[1], bytes[2], 0]));
        let secret = hex::encode(&bytes[4..]);
        BotToken::parse(&format!("{bot_id}:{secret}")).expect("a well-formed token")
    }

    /// Parses `123456:ABC…`; the id must be a positive number and the rest non-empty.
    pub fn parse(token: &str) -> Result<Self, ConfigError> {
        let invalid =
            || ConfigError::invalid("BOT_TOKEN", "expected <bot id>:<secret> as issued by @BotFather");
        let (id, rest) = token.split_once(':').ok_or_else(invalid)?;
        let bot_id = id.parse::<i64>().ok().filter(|id| *id > 0).ok_or_else(invalid)?;
        let well_formed = !rest.is_empty()
            && rest
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if !well_formed {
            return Err(invalid());
        }
        Ok(BotToken {
            bot_id,
            token: Secret::new(token),
        })
    }
    /// The bot's numeric id (the part before the colon).
    pub fn bot_id(&self) -> i64 {
        self.bot_id
    }
    /// The whole token.
    pub fn secret(&self) -> &Secret {
        &self.token
    }
}

/// A variable that is set but unusable. Start-up stops with this message.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("{variable} is invalid: {reason}")]
pub struct ConfigError {
    pub variable: &'static str,
    pub reason: String,
}

impl ConfigError {
    fn invalid(variable: &'static str, reason: impl Into<String>) -> Self {
        ConfigError {
            variable,
            reason: reason.into(),
        }
    }
}

impl Config {
    /// Reads the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads variables through `lookup`; empty values count as unset.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get = |name: &str| {
            lookup(name)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        Ok(Config {
            database_url: Secret::new(get("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.into())),
            bot_token: get("BOT_TOKEN").map(|t| BotToken::parse(&t)).transpose()?,
            webhook_secret: get("WEBHOOK_SECRET")
                .map(|s| parse_webhook_secret(&s))
                .transpose()?,
            public_url: get("PUBLIC_URL")
                .map(|u| parse_url("PUBLIC_URL", &u, true))
                .transpose()?,
            telegram_api_url: parse_url(
                "TELEGRAM_API_URL",
                &get("TELEGRAM_API_URL").unwrap_or_else(|| DEFAULT_TELEGRAM_API_URL.into()),
                false,
            )?,
            payment_provider_token: get("PAYMENT_PROVIDER_TOKEN").map(Secret::new),
            admin_user_ids: get("ADMIN_USER_IDS")
                .map(|ids| parse_user_ids(&ids))
                .transpose()?
                .unwrap_or_default(),
            init_data_max_age: get("INIT_DATA_MAX_AGE_SECS")
                .map(|secs| parse_seconds("INIT_DATA_MAX_AGE_SECS", &secs))
                .transpose()?
                .unwrap_or(std::time::Duration::from_secs(3600)),
            order_reservation: get("ORDER_RESERVATION_SECS")
                .map(|secs| parse_seconds("ORDER_RESERVATION_SECS", &secs))
                .transpose()?
                .unwrap_or(std::time::Duration::from_secs(15 * 60)),
            upload_dir: get("UPLOAD_DIR")
                .unwrap_or_else(|| DEFAULT_UPLOAD_DIR.into())
                .into(),
            metrics_addr: get("METRICS_ADDR")
                .map(|addr| {
                    addr.parse().map_err(|_| {
                        ConfigError::invalid(
                            "METRICS_ADDR",
                            format!("{addr:?} is not an address like 127.0.0.1:9100"),
                        )
                    })
                })
                .transpose()?,
        })
    }
}

/// Telegram allows 1–256 characters of `A-Z a-z 0-9 _ -` for a webhook secret token.
fn parse_webhook_secret(secret: &str) -> Result<Secret, ConfigError> {
    let allowed = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'-';
    if secret.len() > 256 || !secret.bytes().all(allowed) {
        return Err(ConfigError::invalid(
            "WEBHOOK_SECRET",
            "use 1-256 characters of A-Z, a-z, 0-9, _ and -",
        ));
    }
    Ok(Secret::new(secret))
}

/// An http(s) base URL without a trailing slash; `https_only` for what Telegram must reach.
fn parse_url(variable: &'static str, url: &str, https_only: bool) -> Result<String, ConfigError> {
    let scheme_ok = url.starts_with("https://") || (!https_only && url.starts_with("http://"));
    let host = url.split_once("://").map(|(_, rest)| rest).unwrap_or("");
    if !scheme_ok || host.is_empty() || url.contains(char::is_whitespace) {
        let expected = if https_only {
            "an https:// URL"
        } else {
            "an http:// or https:// URL"
        };
        return Err(ConfigError::invalid(variable, format!("expected {expected}")));
    }
    Ok(url.trim_end_matches('/').to_owned())
}

/// A positive whole number of seconds.
fn parse_seconds(variable: &'static str, secs: &str) -> Result<std::time::Duration, ConfigError> {
    match secs.parse::<u64>() {
        Ok(secs) if secs > 0 => Ok(std::time::Duration::from_secs(secs)),
        _ => Err(ConfigError::invalid(
            variable,
            format!("{secs:?} is not a positive number of seconds"),
        )),
    }
}

/// A comma-separated list of Telegram user ids, e.g. `12345,67890`.
fn parse_user_ids(ids: &str) -> Result<Vec<UserId>, ConfigError> {
    ids.split(',')
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(|id| {
            id.parse::<i64>()
                .ok()
                .filter(|id| *id > 0)
                .map(UserId)
                .ok_or_else(|| {
                    ConfigError::invalid("ADMIN_USER_IDS", format!("{id:?} is not a Telegram user id"))
                })
        })
        .collect()
}

#[cfg(test)]
mod tests;
