//! The merchant's desktop sign-in, as rules: the random tokens of one-time links and sessions,
//! how long each lives, and the hash under which storage keeps them.
//!
//! A token is 32 bytes from the OS random source, written URL-safe base64 (43 characters);
//! only its SHA-256 is stored, so reading the database opens no session. Must not: do I/O.

use app::identity::UserId;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};
use std::time::Duration;

/// How long a sign-in link from /admin can be used (once).
pub const LINK_LIFETIME: Duration = Duration::from_secs(10 * 60);
/// How long a browser stays signed in after using a link.
pub const SESSION_LIFETIME: Duration = Duration::from_secs(12 * 60 * 60);

/// A secret token: a sign-in link's, a session cookie's, or a session's CSRF token.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    /// A new random token.
    pub fn generate() -> Self {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).expect("the OS random source works");
        Token(URL_SAFE_NO_PAD.encode(bytes))
    }

    /// A token as a link or cookie carries it, if it has a token's shape.
    pub fn parse(text: &str) -> Option<Self> {
        let bytes = URL_SAFE_NO_PAD.decode(text.trim()).ok()?;
        (bytes.len() == 32).then(|| Token(URL_SAFE_NO_PAD.encode(bytes)))
    }

    /// The token as it goes into a link, a cookie or a page.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Hex SHA-256 of the token: how storage knows it.
    pub fn hash(&self) -> String {
        hex::encode(Sha256::digest(self.0.as_bytes()))
    }
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token([redacted])")
    }
}

/// `duration` in milliseconds, as storage keeps times.
pub fn millis(duration: Duration) -> i64 {
    i64::try_from(duration.as_millis()).unwrap_or(i64::MAX)
}

/// A signed-in browser.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AdminSession {
    pub admin_id: UserId,
    /// Sent back by the page in `X-CSRF-Token` with every request that changes something.
    pub csrf_token: String,
    pub expires_at: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_tokens_differ_and_parse_back() {
        let (a, b) = (Token::generate(), Token::generate());
        assert_ne!(a, b);
        assert_eq!(a.expose().len(), 43);
        assert_eq!(Token::parse(a.expose()), Some(a.clone()));
        assert_eq!(a.hash().len(), 64);
        assert_ne!(a.hash(), b.hash());
    }

    #[test]
    fn things_that_are_not_tokens_are_refused() {
        for text in [
            "",
            "abc",
            "not a token at all, definitely not one!!!!!",
            &"A".repeat(44),
        ] {
            assert_eq!(Token::parse(text), None, "{text:?}");
        }
    }

    #[test]
    fn a_token_never_shows_in_debug_output() {
        let token = Token::generate();
        assert!(!format!("{token:?}").contains(token.expose()));
    }
}
