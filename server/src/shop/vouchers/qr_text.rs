//! The text of a voucher's QR code, signed by the shop:
//!
//! ```text
//! T1.<event id>.<code>.<signature>
//! ```
//!
//! - `T1`: this format, version 1;
//! - `<event id>`: the event's id in decimal, no sign or leading zero (`42`);
//! - `<code>`: the voucher's code, 28 symbols, no dashes ([`super::VoucherCode`]);
//! - `<signature>`: the shop's Ed25519 signature (64 bytes) in RFC 4648 base32, upper case,
//!   without padding (103 characters), over the UTF-8 message
//!   `tg-shop voucher T1\n<event id>\n<code>` — the domain prefix keeps it from being taken
//!   for any other signature of the shop's key.
//!
//! Upper-case letters, digits and dots only: QR's compact alphanumeric mode holds it (about
//! 140 characters, a version-7 code at level M), and it looks nothing like JSON. A door device
//! that lost the network checks the signature with the shop's public key (`GET /api/door/key`)
//! and the event id it scans for; the server's check stays the authority.
//!
//! Must not: do I/O.

use super::key::{PublicKey, ShopKey};
use super::VoucherCode;
use app::events::EventId;
use data_encoding::BASE32_NOPAD;
use ed25519_dalek::Signature;

/// The format's tag, first in the text.
const TAG: &str = "T1";
/// No text longer than this is read at all.
const MAX_TEXT: usize = 256;

/// What the signature covers: the domain prefix, the event and the code.
fn message(event: EventId, code: &VoucherCode) -> Vec<u8> {
    format!("tg-shop voucher {TAG}\n{}\n{}", event.0, code.as_str()).into_bytes()
}

/// The QR text of voucher `code` for `event`, signed with `key`.
pub fn qr_text(key: &ShopKey, event: EventId, code: &VoucherCode) -> String {
    let signature = key.sign(&message(event, code));
    format!(
        "{TAG}.{}.{}.{}",
        event.0,
        code.as_str(),
        BASE32_NOPAD.encode(&signature.to_bytes())
    )
}

/// A code as the door read it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Presented {
    /// A QR code's text whose signature is the shop's: the voucher of `code`, for `event`.
    Signed { event: EventId, code: VoucherCode },
    /// A short code typed (or a QR code holding only the short code): the server looks it up.
    Typed(VoucherCode),
}

impl Presented {
    /// The code presented.
    pub fn code(&self) -> &VoucherCode {
        match self {
            Presented::Signed { code, .. } | Presented::Typed(code) => code,
        }
    }

    /// The event the signature names, for a signed text.
    pub fn signed_for(&self) -> Option<EventId> {
        match self {
            Presented::Signed { event, .. } => Some(*event),
            Presented::Typed(_) => None,
        }
    }
}

/// Reads what the scanner read or the staff typed: a signed QR text checked with `key`, or a
/// short code. `None` for anything else, including a QR text whose signature is not the shop's
/// over exactly its event and code (forged or altered).
pub fn read(text: &str, key: &PublicKey) -> Option<Presented> {
    let text = text.trim();
    if text.len() > MAX_TEXT {
        return None;
    }
    let upper = text.to_ascii_uppercase();
    match upper.strip_prefix(TAG).and_then(|rest| rest.strip_prefix('.')) {
        Some(signed) => read_signed(signed, key),
        None => VoucherCode::parse(text).map(Presented::Typed),
    }
}

fn read_signed(text: &str, key: &PublicKey) -> Option<Presented> {
    let mut parts = text.split('.');
    let (event, code, signature) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let event = parse_event_id(event)?;
    let code = VoucherCode::parse(code).filter(|parsed| parsed.as_str() == code)?;
    let bytes: [u8; 64] = BASE32_NOPAD.decode(signature.as_bytes()).ok()?.try_into().ok()?;
    key.verifies(&message(event, &code), &Signature::from_bytes(&bytes))
        .then_some(Presented::Signed { event, code })
}

/// A positive id in decimal, written one way only (no sign, no leading zero).
fn parse_event_id(text: &str) -> Option<EventId> {
    let canonical = !text.is_empty() && !text.starts_with('0') && text.bytes().all(|b| b.is_ascii_digit());
    canonical
        .then(|| text.parse::<i64>().ok())
        .flatten()
        .map(app::catalog::ProductId)
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::catalog::ProductId;

    fn sample() -> (ShopKey, VoucherCode, String) {
        let key = ShopKey::generate();
        let code = VoucherCode::generate();
        let text = qr_text(&key, ProductId(42), &code);
        (key, code, text)
    }

    #[test]
    fn a_signed_text_reads_back_as_its_event_and_code() {
        let (key, code, text) = sample();
        assert!(text.starts_with(&format!("T1.42.{}.", code.as_str())), "{text}");
        assert_eq!(
            read(&text, &key.public()),
            Some(Presented::Signed {
                event: ProductId(42),
                code
            })
        );
    }

    #[test]
    fn the_text_is_compact_and_nothing_like_json() {
        let (_, _, text) = sample();
        assert!(text.len() <= 140, "{}", text.len());
        let alphanumeric = |c: char| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '.';
        assert!(text.chars().all(alphanumeric), "{text}");
    }

    #[test]
    fn a_short_code_reads_as_typed() {
        let (key, code, _) = sample();
        assert_eq!(
            read(&code.grouped().to_lowercase(), &key.public()),
            Some(Presented::Typed(code.clone()))
        );
        assert_eq!(read(code.as_str(), &key.public()).unwrap().signed_for(), None);
    }

    #[test]
    fn lower_case_and_surrounding_space_are_read_too() {
        let (key, code, text) = sample();
        let read_back = read(&format!("  {}\n", text.to_lowercase()), &key.public());
        assert_eq!(read_back.map(|p| p.code().clone()), Some(code));
    }

    #[test]
    fn another_key_s_signature_is_refused() {
        let (_, _, text) = sample();
        assert_eq!(read(&text, &ShopKey::generate().public()), None);
    }

    #[test]
    fn an_altered_event_code_or_signature_is_refused() {
        let (key, code, text) = sample();
        let signature = text.rsplit('.').next().unwrap().to_owned();
        let other_code = VoucherCode::generate();
        let flipped = {
            let mut bytes = signature.clone().into_bytes();
            bytes[10] = if bytes[10] == b'A' { b'B' } else { b'A' };
            String::from_utf8(bytes).unwrap()
        };
        for altered in [
            format!("T1.43.{}.{signature}", code.as_str()),
            format!("T1.042.{}.{signature}", code.as_str()),
            format!("T1.+42.{}.{signature}", code.as_str()),
            format!("T1.42.{}.{signature}", other_code.as_str()),
            format!("T1.42.{}.{signature}", code.grouped()),
            format!("T1.42.{}.{flipped}", code.as_str()),
            format!("T1.42.{}.{}", code.as_str(), &signature[..102]),
            format!("T1.42.{}.{signature}A", code.as_str()),
            format!("T1.42.{}.{signature}.", code.as_str()),
            format!("T2.42.{}.{signature}", code.as_str()),
            format!("T1.42.{}", code.as_str()),
            text.replace('.', ":"),
            format!("{{\"code\":\"{}\"}}", code.as_str()),
            "T1.".repeat(100),
        ] {
            assert_eq!(read(&altered, &key.public()), None, "{altered}");
        }
    }

    #[test]
    fn a_forged_signature_of_the_right_shape_is_refused() {
        let (key, code, _) = sample();
        let forged = format!("T1.42.{}.{}", code.as_str(), BASE32_NOPAD.encode(&[7u8; 64]));
        assert_eq!(read(&forged, &key.public()), None);
        let zeros = format!("T1.42.{}.{}", code.as_str(), BASE32_NOPAD.encode(&[0u8; 64]));
        assert_eq!(read(&zeros, &key.public()), None);
    }
}
