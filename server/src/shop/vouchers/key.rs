//! The shop's Ed25519 key, which signs the text of its vouchers' QR codes so that a door device
//! without the network can still tell a genuine ticket from a forged one. Made from the OS
//! random source on the shop's first start and kept by storage; its public half is published
//! (`GET /api/door/key`) for those devices. Must not: do I/O beyond the OS random source.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};

/// The shop's signing key. Its `Debug` shows the public half only.
#[derive(Clone)]
pub struct ShopKey(SigningKey);

impl ShopKey {
    /// A new key from the OS random source.
    pub fn generate() -> Self {
        let mut secret = [0u8; 32];
        getrandom::fill(&mut secret).expect("the OS random source works");
        ShopKey::from_secret(secret)
    }

    /// The key whose 32-byte secret storage kept.
    pub fn from_secret(secret: [u8; 32]) -> Self {
        ShopKey(SigningKey::from_bytes(&secret))
    }

    /// The 32-byte secret, for storage only.
    pub fn secret(&self) -> [u8; 32] {
        self.0.to_bytes()
    }

    /// The public half.
    pub fn public(&self) -> PublicKey {
        PublicKey(self.0.verifying_key())
    }

    /// The Ed25519 signature of `message`.
    pub(super) fn sign(&self, message: &[u8]) -> Signature {
        self.0.sign(message)
    }
}

impl std::fmt::Debug for ShopKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ShopKey(public {})", self.public().base64url())
    }
}

/// The public half of the shop's key: what a door device checks signatures with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PublicKey(VerifyingKey);

impl PublicKey {
    /// The 32 bytes of the key.
    pub fn bytes(&self) -> [u8; 32] {
        self.0.to_bytes()
    }

    /// The 32 bytes in URL-safe base64 without padding (43 characters), as published.
    pub fn base64url(&self) -> String {
        URL_SAFE_NO_PAD.encode(self.bytes())
    }

    /// Whether `signature` is this key's over `message` (the strict check: no malleable or
    /// small-order forms).
    pub(super) fn verifies(&self, message: &[u8], signature: &Signature) -> bool {
        self.0.verify_strict(message, signature).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_comes_back_whole_from_its_secret() {
        let key = ShopKey::generate();
        let again = ShopKey::from_secret(key.secret());
        assert_eq!(again.public(), key.public());
        let signature = again.sign(b"message");
        assert!(key.public().verifies(b"message", &signature));
        assert!(!key.public().verifies(b"massage", &signature));
    }

    #[test]
    fn keys_differ_and_their_debug_shows_no_secret() {
        let (one, other) = (ShopKey::generate(), ShopKey::generate());
        assert_ne!(one.public(), other.public());
        let shown = format!("{one:?}");
        assert!(shown.contains(&one.public().base64url()), "{shown}");
        assert!(!shown.contains(&URL_SAFE_NO_PAD.encode(one.secret())), "{shown}");
        assert_eq!(one.public().base64url().len(), 43);
    }
}
