//! Licence keys as the merchant uploads them: one per line, trimmed, empty lines skipped,
//! each key once however often it is pasted. A key is 1-200 printable characters.

/// The longest key taken.
pub const MAX_KEY_CHARS: usize = 200;
/// The most keys one upload takes.
pub const MAX_KEYS: usize = 100_000;

/// Why an upload of keys is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum KeysError {
    #[error("keys: send at least one key, one per line")]
    None,
    #[error("keys: line {line} is longer than 200 characters or holds control characters")]
    BadKey { line: usize },
    #[error("keys: at most 100000 keys at once")]
    TooMany,
}

/// The distinct keys in `text`, in the order first given.
pub fn parse_keys(text: &str) -> Result<Vec<String>, KeysError> {
    let mut seen = std::collections::HashSet::new();
    let mut keys = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let key = line.trim();
        if key.is_empty() {
            continue;
        }
        if key.chars().count() > MAX_KEY_CHARS || key.chars().any(char::is_control) {
            return Err(KeysError::BadKey { line: index + 1 });
        }
        if seen.insert(key) {
            keys.push(key.to_owned());
        }
    }
    match keys.len() {
        0 => Err(KeysError::None),
        n if n > MAX_KEYS => Err(KeysError::TooMany),
        _ => Ok(keys),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_one_per_line_trimmed_and_deduplicated() {
        let keys = parse_keys("AAAA-1111\n\n  BBBB-2222 \r\nAAAA-1111\n").unwrap();
        assert_eq!(keys, ["AAAA-1111", "BBBB-2222"]);
    }

    #[test]
    fn an_upload_without_keys_is_refused() {
        assert_eq!(parse_keys("\n  \n"), Err(KeysError::None));
    }

    #[test]
    fn overlong_or_control_keys_name_their_line() {
        let long = format!("ok\n{}", "x".repeat(201));
        assert_eq!(parse_keys(&long), Err(KeysError::BadKey { line: 2 }));
        assert_eq!(parse_keys("a\u{7}b"), Err(KeysError::BadKey { line: 1 }));
    }
}
