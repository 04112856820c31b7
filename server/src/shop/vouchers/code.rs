//! A voucher's code: the secret that is the ticket. 28 symbols drawn uniformly from the OS
//! random source out of an alphabet of 30 with no look-alike characters (no `0`/`O`, `1`/`I`/`L`,
//! nor `U`, which reads as `V`): 28 × log2(30) ≈ 137 bits, so codes cannot be guessed. Shown in
//! groups of four (`7K3M-QX9P-…`); a code typed at the door is read leniently (any case, dashes
//! and spaces anywhere).
//!
//! Never JSON, never anything but these symbols: Telegram's iOS scanner stumbles on QR text
//! that looks like JSON. Must not: do I/O beyond the OS random source.

/// The symbols of a code, in their order as digits of a base-30 number.
pub const ALPHABET: &[u8; 30] = b"23456789ABCDEFGHJKMNPQRSTVWXYZ";
/// How many symbols a code has.
pub const LENGTH: usize = 28;
/// How many symbols are shown together between dashes.
const GROUP: usize = 4;

/// A voucher's code, in its canonical form: [`LENGTH`] symbols of [`ALPHABET`], no dashes.
/// Its `Debug` shows the first group only: the code is a secret.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct VoucherCode(String);

impl VoucherCode {
    /// A new code from the OS random source.
    pub fn generate() -> Self {
        let mut symbols = String::with_capacity(LENGTH);
        let mut bytes = [0u8; 64];
        while symbols.len() < LENGTH {
            getrandom::fill(&mut bytes).expect("the OS random source works");
            symbols.extend(uniform_symbols(&bytes).take(LENGTH - symbols.len()));
        }
        VoucherCode(symbols)
    }

    /// A code as typed or as stored: letters in any case, dashes and white space anywhere.
    /// `None` unless exactly [`LENGTH`] symbols of [`ALPHABET`] remain.
    pub fn parse(typed: &str) -> Option<Self> {
        if typed.len() > 4 * LENGTH {
            return None;
        }
        let symbols: String = typed
            .chars()
            .filter(|c| *c != '-' && !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let known = symbols.bytes().all(|b| ALPHABET.contains(&b));
        (known && symbols.len() == LENGTH).then_some(VoucherCode(symbols))
    }

    /// The canonical form, as storage keeps it and the signature covers it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The code as people read and type it: groups of four joined by dashes.
    pub fn grouped(&self) -> String {
        let groups: Vec<&str> = self
            .0
            .as_bytes()
            .chunks(GROUP)
            .map(|group| std::str::from_utf8(group).expect("the alphabet is ASCII"))
            .collect();
        groups.join("-")
    }
}

impl std::fmt::Debug for VoucherCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "VoucherCode({}-…)", &self.0[..GROUP])
    }
}

/// The symbols `bytes` give without bias: a byte below 240 (8 × 30) picks `byte % 30`, any
/// other is skipped, so each symbol is equally likely.
fn uniform_symbols(bytes: &[u8]) -> impl Iterator<Item = char> + '_ {
    const LIMIT: u8 = (256 / ALPHABET.len() * ALPHABET.len()) as u8;
    bytes
        .iter()
        .filter(|b| **b < LIMIT)
        .map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn the_alphabet_has_no_look_alikes_and_no_repeats() {
        for look_alike in b"0O1ILU" {
            assert!(!ALPHABET.contains(look_alike), "{}", char::from(*look_alike));
        }
        let distinct: HashSet<u8> = ALPHABET.iter().copied().collect();
        assert_eq!(distinct.len(), ALPHABET.len());
    }

    #[test]
    fn a_code_carries_at_least_128_bits() {
        let bits = LENGTH as f64 * (ALPHABET.len() as f64).log2();
        assert!(bits >= 128.0, "{bits}");
    }

    #[test]
    fn generated_codes_are_well_formed_and_differ() {
        let codes: HashSet<String> = (0..1000)
            .map(|_| VoucherCode::generate())
            .inspect(|code| assert_eq!(VoucherCode::parse(code.as_str()).as_ref(), Some(code)))
            .map(|code| code.as_str().to_owned())
            .collect();
        assert_eq!(codes.len(), 1000);
    }

    #[test]
    fn every_symbol_turns_up_and_none_other() {
        let seen: HashSet<char> = (0..200)
            .flat_map(|_| VoucherCode::generate().as_str().chars().collect::<Vec<_>>())
            .collect();
        assert_eq!(seen.len(), ALPHABET.len());
    }

    #[test]
    fn bytes_past_the_last_whole_round_of_the_alphabet_are_skipped() {
        let picked: String = uniform_symbols(&[0, 29, 30, 239, 240, 255]).collect();
        assert_eq!(picked, "2Z2Z");
    }

    #[test]
    fn a_code_is_shown_in_groups_of_four() {
        let code = VoucherCode::parse("23456789ABCDEFGHJKMNPQRSTVWX").unwrap();
        assert_eq!(code.grouped(), "2345-6789-ABCD-EFGH-JKMN-PQRS-TVWX");
        assert_eq!(format!("{code:?}"), "VoucherCode(2345-…)");
    }

    #[test]
    fn typed_codes_are_read_in_any_case_with_dashes_and_spaces() {
        let code = VoucherCode::parse("23456789ABCDEFGHJKMNPQRSTVWX").unwrap();
        for typed in [
            "2345-6789-ABCD-EFGH-JKMN-PQRS-TVWX",
            "2345 6789 abcd efgh jkmn pqrs tvwx",
            " 23456789abcdEFGHjkmnPQRStvwx\n",
            "2345--6789-ABCD-EFGH-JKMN-PQRS-TVWX",
        ] {
            assert_eq!(VoucherCode::parse(typed).as_ref(), Some(&code), "{typed:?}");
        }
    }

    #[test]
    fn anything_else_is_no_code() {
        for typed in [
            "",
            "2345-6789-ABCD-EFGH-JKMN-PQRS-TVW",
            "2345-6789-ABCD-EFGH-JKMN-PQRS-TVWXY",
            "0345-6789-ABCD-EFGH-JKMN-PQRS-TVWX",
            "O345-6789-ABCD-EFGH-JKMN-PQRS-TVWX",
            "U345-6789-ABCD-EFGH-JKMN-PQRS-TVWX",
            "2345_6789_ABCD_EFGH_JKMN_PQRS_TVWX",
            "{\"code\":\"23456789ABCDEFGHJKMNPQRSTVWX\"}",
            "２345-6789-ABCD-EFGH-JKMN-PQRS-TVWX",
        ] {
            assert_eq!(VoucherCode::parse(typed), None, "{typed:?}");
        }
    }
}
