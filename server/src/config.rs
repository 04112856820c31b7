//! Configuration from environment variables (and an optional `.env` file, read by `main`).
//!
//! Owns parsing and defaults; every variable is documented in `.env.example`. Secrets are kept
//! in [`Secret`], whose `Debug` never prints them, so a logged `Config` leaks nothing.

use app::identity::UserId;
use std::fmt;

mod providers;
pub use providers::{PaymentProviders, ProviderToken};

/// Where the shop keeps its data when `DATABASE_URL` is not set: a SQLite file.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/shop.db";
/// Where uploaded product photos are kept when `UPLOAD_DIR` is not set.
pub const DEFAULT_UPLOAD_DIR: &str = "data/uploads";
/// Where digital goods' files are kept unless `DELIVERY_DIR` says otherwise: never served as is.
pub const DEFAULT_DELIVERY_DIR: &str = "data/deliveries";
/// The real Bot API; a simulator or Telegram's test environment can stand in for it.
pub const DEFAULT_TELEGRAM_API_URL: &str = "https://api.telegram.org";

/// The shop's settings, parsed once at start-up.
#[derive(Clone, Debug)]
pub struct Config {
    /// `DATABASE_URL`: `sqlite://…` (embedded default) or `postgres://…`.
    pub database_url: Secret,
    /// Whether a real bot (`BOT_TOKEN`) or the local simulator (`SANDBOX=1`) is Telegram.
    pub mode: Mode,
    /// `WEBHOOK_SECRET`: the secret Telegram sends in `X-Telegram-Bot-Api-Secret-Token`.
    pub webhook_secret: Option<Secret>,
    /// `PUBLIC_URL`: the https origin Telegram reaches the shop at.
    pub public_url: Option<String>,
    /// `TELEGRAM_API_URL`: the Bot API's base URL.
    pub telegram_api_url: String,
    /// `PAYMENT_PROVIDER_TOKENS` and `PAYMENT_PROVIDER_TOKEN`: the payment providers' tokens
    /// for fiat invoices, per currency and by default.
    pub payment_providers: PaymentProviders,
    /// `ADMIN_USER_IDS`: Telegram user ids allowed on the admin page.
    pub admin_user_ids: Vec<UserId>,
    /// `INIT_DATA_MAX_AGE_SECS`: how old a Mini App's initData may be (default one hour).
    pub init_data_max_age: std::time::Duration,
    /// `ORDER_RESERVATION_SECS`: how long checkout holds stock for an unpaid order (15 min).
    pub order_reservation: std::time::Duration,
    /// `UPLOAD_DIR`: the directory product photos uploaded by the merchant are kept in.
    pub upload_dir: std::path::PathBuf,
    /// `DELIVERY_DIR`: the directory digital goods' files are kept in, outside `UPLOAD_DIR`'s
    /// public `/media`: served only through signed download links.
    pub delivery_dir: std::path::PathBuf,
    /// `DOWNLOAD_LINK_SECS`: how long a download link on the order page works (one hour).
    pub download_link_ttl: std::time::Duration,
    /// `DOWNLOAD_SECRET`: what download links are signed with; by default derived from the
    /// bot token (set it to rotate the links, or to keep them across a sandbox's restarts).
    pub download_secret: Option<Secret>,
    /// `RATE_LIMIT_CHECKOUT`: checkouts one buyer may start (default `5/6s`).
    pub checkout_rate_limit: RateLimit,
    /// `RATE_LIMIT_PROMO`: promo-code previews one buyer may ask for (default `10/2s`).
    pub promo_rate_limit: RateLimit,
    /// How long a client may take and how many the shop serves at once (not from the
    /// environment: [`Limits::default`]; tests shorten them).
    pub limits: Limits,
    /// `METRICS_ADDR`: where `GET /metrics` is served (e.g. `127.0.0.1:9100`); none: nowhere.
    pub metrics_addr: Option<std::net::SocketAddr>,
}

/// A per-buyer rate limit, written `<burst>/<seconds>s`: `5/6s` lets a buyer make 5 requests
/// at once, then one more every 6 seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimit {
    pub burst: u32,
    pub every: std::time::Duration,
}

impl RateLimit {
    /// Parses `<burst>/<seconds>s`, both positive whole numbers.
    fn parse(variable: &'static str, text: &str) -> Result<Self, ConfigError> {
        let invalid = || {
            ConfigError::invalid(
                variable,
                format!("{text:?} is not <burst>/<seconds>s, e.g. 5/6s (5 at once, then one every 6 s)"),
            )
        };
        let (burst, every) = text.split_once('/').ok_or_else(invalid)?;
        let burst = burst
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|b| *b > 0)
            .ok_or_else(invalid)?;
        let secs = every.trim().strip_suffix('s').ok_or_else(invalid)?;
        let secs = secs.parse::<u64>().ok().filter(|s| *s > 0).ok_or_else(invalid)?;
        Ok(RateLimit {
            burst,
            every: std::time::Duration::from_secs(secs),
        })
    }
}

/// What a slow or greedy client may hold of the server. A client that sends its headers, a
/// body or waits for an answer slower than this is cut off, so idle sockets cannot pile up
/// (slowloris); beyond the caps new connections wait in the kernel's queue and new requests
/// are refused with `503 busy`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// From the connection's first byte (or the end of the previous request) to the end of the
    /// request's headers.
    pub header_read: std::time::Duration,
    /// Between two pieces of a request body.
    pub body_idle: std::time::Duration,
    /// For a handler to answer (the simulator's longest poll is 25 s).
    pub request: std::time::Duration,
    /// Open connections.
    pub max_connections: usize,
    /// Requests being handled at once.
    pub max_in_flight: usize,
}

impl Default for Limits {
    fn default() -> Self {
        use std::time::Duration;
        Limits {
            header_read: Duration::from_secs(10),
            body_idle: Duration::from_secs(10),
            request: Duration::from_secs(30),
            max_connections: 1024,
            max_in_flight: 256,
        }
    }
}

/// Who plays Telegram. There is no default: a shop with neither a token nor `SANDBOX=1` does
/// not start, so an empty `BOT_TOKEN=` can never open the simulator to the internet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    /// `BOT_TOKEN`: the real Telegram (or whatever `TELEGRAM_API_URL` names).
    Telegram(BotToken),
    /// `SANDBOX=1`: the local simulator stands in for Telegram, signs launch data with a random
    /// token and makes its Camille the merchant. Anyone who reaches it can become the merchant
    /// and mark orders paid, so it serves loopback only and never with a `PUBLIC_URL`.
    Sandbox,
}

impl Mode {
    /// Whether the simulator stands in for Telegram.
    pub fn is_sandbox(&self) -> bool {
        matches!(self, Mode::Sandbox)
    }
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

/// A variable that is unusable, alone or with others. Start-up stops with this message.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ConfigError {
    /// The variable to change.
    pub variable: &'static str,
    /// What is wrong and how to fix it, naming every variable involved.
    pub message: String,
}

impl ConfigError {
    fn invalid(variable: &'static str, reason: impl Into<String>) -> Self {
        ConfigError {
            variable,
            message: format!("{variable} is invalid: {}", reason.into()),
        }
    }

    /// A setting that cannot stand as the others are; `message` says why and what to change.
    pub fn conflict(variable: &'static str, message: impl Into<String>) -> Self {
        ConfigError {
            variable,
            message: message.into(),
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
        let public_url = get("PUBLIC_URL")
            .map(|u| parse_url("PUBLIC_URL", &u, Scheme::Https))
            .transpose()?;
        let mode = parse_mode(
            get("BOT_TOKEN").map(|t| BotToken::parse(&t)).transpose()?,
            get("SANDBOX").map(|s| parse_switch("SANDBOX", &s)).transpose()?,
            public_url.is_some(),
        )?;
        Ok(Config {
            database_url: Secret::new(get("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.into())),
            mode,
            webhook_secret: get("WEBHOOK_SECRET")
                .map(|s| parse_webhook_secret(&s))
                .transpose()?,
            public_url,
            telegram_api_url: parse_url(
                "TELEGRAM_API_URL",
                &get("TELEGRAM_API_URL").unwrap_or_else(|| DEFAULT_TELEGRAM_API_URL.into()),
                Scheme::HttpsOrLoopbackHttp,
            )?,
            payment_providers: PaymentProviders::parse(
                get("PAYMENT_PROVIDER_TOKEN").as_deref(),
                get("PAYMENT_PROVIDER_TOKENS").as_deref(),
            )?,
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
            delivery_dir: get("DELIVERY_DIR")
                .unwrap_or_else(|| DEFAULT_DELIVERY_DIR.into())
                .into(),
            download_link_ttl: get("DOWNLOAD_LINK_SECS")
                .map(|secs| parse_seconds("DOWNLOAD_LINK_SECS", &secs))
                .transpose()?
                .unwrap_or(std::time::Duration::from_secs(3600)),
            download_secret: get("DOWNLOAD_SECRET").map(Secret::new),
            limits: Limits::default(),
            checkout_rate_limit: RateLimit::parse(
                "RATE_LIMIT_CHECKOUT",
                &get("RATE_LIMIT_CHECKOUT").unwrap_or_else(|| "5/6s".into()),
            )?,
            promo_rate_limit: RateLimit::parse(
                "RATE_LIMIT_PROMO",
                &get("RATE_LIMIT_PROMO").unwrap_or_else(|| "10/2s".into()),
            )?,
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

/// The real bot or the simulator: exactly one of `BOT_TOKEN` and `SANDBOX=1`, and the
/// simulator never behind a public URL.
fn parse_mode(token: Option<BotToken>, sandbox: Option<bool>, public_url: bool) -> Result<Mode, ConfigError> {
    match (token, sandbox.unwrap_or(false)) {
        (Some(_), true) => Err(ConfigError::conflict(
            "SANDBOX",
            "BOT_TOKEN and SANDBOX=1 are both set: unset SANDBOX to run the real bot, or BOT_TOKEN to try the shop with the local simulator",
        )),
        (Some(token), false) => Ok(Mode::Telegram(token)),
        (None, true) if public_url => Err(ConfigError::conflict(
            "SANDBOX",
            "SANDBOX=1 with PUBLIC_URL set: the simulator lets anyone become the merchant and mark orders paid, so it never runs at a public URL; set BOT_TOKEN and unset SANDBOX to deploy",
        )),
        (None, true) => Ok(Mode::Sandbox),
        (None, false) => Err(ConfigError::conflict(
            "BOT_TOKEN",
            "BOT_TOKEN is not set and SANDBOX is not 1: set BOT_TOKEN to the token from @BotFather to run the shop, or SANDBOX=1 to try it locally with the Telegram simulator",
        )),
    }
}

/// `1`/`true`/`yes` or `0`/`false`/`no`.
fn parse_switch(variable: &'static str, value: &str) -> Result<bool, ConfigError> {
    match value.to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" => Ok(true),
        "0" | "false" | "no" => Ok(false),
        _ => Err(ConfigError::invalid(variable, format!("{value:?} is not 1 or 0"))),
    }
}

/// The shortest `WEBHOOK_SECRET` taken: 32 characters of Telegram's 64-letter alphabet are 192
/// bits, beyond guessing; the one derived from the token when it is unset has 64.
pub const MIN_WEBHOOK_SECRET_LEN: usize = 32;

/// Telegram allows up to 256 characters of `A-Z a-z 0-9 _ -` for a webhook secret token; we
/// ask for at least [`MIN_WEBHOOK_SECRET_LEN`].
fn parse_webhook_secret(secret: &str) -> Result<Secret, ConfigError> {
    let allowed = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'-';
    if !(MIN_WEBHOOK_SECRET_LEN..=256).contains(&secret.len()) || !secret.bytes().all(allowed) {
        return Err(ConfigError::invalid(
            "WEBHOOK_SECRET",
            format!("use {MIN_WEBHOOK_SECRET_LEN}-256 characters of A-Z, a-z, 0-9, _ and - (e.g. openssl rand -hex 32)"),
        ));
    }
    Ok(Secret::new(secret))
}

/// Which schemes a URL may have.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scheme {
    /// What Telegram must reach.
    Https,
    /// What the shop calls with its bot token: plain http only to this machine (a local Bot
    /// API server or the simulator), so the token never crosses a network in clear.
    HttpsOrLoopbackHttp,
}

/// An http(s) base URL without a trailing slash.
fn parse_url(variable: &'static str, url: &str, scheme: Scheme) -> Result<String, ConfigError> {
    let (given, rest) = url.split_once("://").unwrap_or(("", ""));
    let host = host_of(rest);
    let scheme_ok = match (given, scheme) {
        ("https", _) => true,
        ("http", Scheme::HttpsOrLoopbackHttp) => is_loopback_host(host),
        _ => false,
    };
    if !scheme_ok || host.is_empty() || url.contains(char::is_whitespace) {
        let expected = match scheme {
            Scheme::Https => "an https:// URL",
            Scheme::HttpsOrLoopbackHttp => {
                "an https:// URL (http:// only on this machine: localhost, 127.0.0.1, [::1])"
            }
        };
        return Err(ConfigError::invalid(variable, format!("expected {expected}")));
    }
    Ok(url.trim_end_matches('/').to_owned())
}

/// The host of `host[:port][/path]`, brackets kept for IPv6 (`[::1]`); no user info taken.
fn host_of(rest: &str) -> &str {
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.contains('@') {
        return "";
    }
    match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().map_or("", |h| &authority[..h.len() + 2]),
        None => authority.split(':').next().unwrap_or(""),
    }
}

fn is_loopback_host(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || bare.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
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
