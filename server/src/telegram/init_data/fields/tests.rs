//! The hand-written splitter and decoder against `form_urlencoded`, the reference for how
//! browsers decode a query string.

use super::{Fields, InitDataError};
use proptest::prelude::*;

/// What `form_urlencoded` makes of `raw`, sorted by key; refused as `Fields` refuses it.
fn reference(raw: &str) -> Result<Vec<(String, String)>, InitDataError> {
    let mut pairs: Vec<(String, String)> = form_urlencoded::parse(raw.as_bytes()).into_owned().collect();
    if pairs
        .iter()
        .any(|(k, v)| k.contains(['=', '\n']) || v.contains('\n'))
    {
        return Err(InitDataError::AmbiguousField);
    }
    pairs.sort();
    match pairs.windows(2).find(|w| w[0].0 == w[1].0) {
        Some(twice) => Err(InitDataError::DuplicateKey(twice[0].0.clone())),
        None => Ok(pairs),
    }
}

fn pairs_of(fields: &Fields) -> Vec<(String, String)> {
    fields.iter().map(|(k, v)| (k.to_owned(), v.to_owned())).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Any mix of separators, escapes (valid, invalid, dangling, non-UTF-8) and text.
    #[test]
    fn decodes_like_form_urlencoded(raw in r"([a-c=&+%\n]|%[0-9A-Fa-f]{2}|%0[aA]|%3[dD]|%E2%AD%90|%[0-9A-Fa-f]|%zz|€|[0-9a-z_]{1,12}){1,60}") {
        match (Fields::parse(&raw), reference(&raw)) {
            (Ok(fields), Ok(expected)) => prop_assert_eq!(pairs_of(&fields), expected),
            (Err(got), Err(expected)) if got == expected => {}
            (Err(InitDataError::Missing), _) if raw.trim().is_empty() => {}
            (got, expected) => prop_assert!(false, "{raw:?}: got {got:?}, expected {expected:?}"),
        }
    }

    /// Whatever the values, signing data and parsing what a client would send gives them back;
    /// a value with a line break is refused from the start.
    #[test]
    fn round_trips_through_a_query_string(values in proptest::collection::vec(any::<String>(), 1..6)) {
        let pairs: Vec<(String, String)> =
            values.into_iter().enumerate().map(|(i, v)| (format!("key{i}"), v)).collect();
        let Ok(fields) = Fields::from_pairs(pairs.clone()) else {
            prop_assert!(pairs.iter().any(|(_, v)| v.contains('\n')));
            return Ok(());
        };
        let parsed = Fields::parse(&fields.to_query()).unwrap();
        prop_assert_eq!(pairs_of(&parsed), pairs);
    }

    /// The data-check-string, fed in whatever slices, is the sorted `key=value` lines without
    /// the excluded keys, also after `set` moved a value away from its key.
    #[test]
    fn check_string_is_the_sorted_lines_without_the_excluded(
        raw in r"([a-e]{1,2}(=[a-z%0-9=+]{0,6})?&){1,8}",
        replaced in proptest::option::of("[a-e]{1,2}"),
    ) {
        let Ok(mut fields) = Fields::parse(&raw) else { return Ok(()) };
        if let Some(key) = replaced {
            fields.set(&key, "new=value").unwrap();
        }
        let mut fed = Vec::new();
        fields.write_check_string(&["a", "c"], |slice| fed.extend_from_slice(slice));
        let expected: Vec<String> = pairs_of(&fields)
            .into_iter()
            .filter(|(k, _)| k != "a" && k != "c")
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        prop_assert_eq!(String::from_utf8(fed).unwrap(), expected.join("\n"));
    }
}

#[test]
fn percent_escapes_and_plus_signs_decode_like_a_browser_form() {
    let fields = Fields::parse("a=x+y%2Bz&b=%E2%AD%90&c=100%25&d=50%&e=%zz&plain=ok").unwrap();
    assert_eq!(fields.get("a"), Some("x y+z"));
    assert_eq!(fields.get("b"), Some("⭐"));
    assert_eq!(fields.get("c"), Some("100%"));
    assert_eq!(fields.get("d"), Some("50%"), "a dangling % stays as it is");
    assert_eq!(fields.get("e"), Some("%zz"), "an invalid escape stays as it is");
    assert_eq!(fields.get("plain"), Some("ok"));
}

#[test]
fn empty_pairs_are_skipped_and_a_second_equals_sign_belongs_to_the_value() {
    let fields = Fields::parse("&&a=b=c&&flag&").unwrap();
    assert_eq!(
        pairs_of(&fields),
        [("a".into(), "b=c".into()), ("flag".into(), String::new())]
    );
}

#[test]
fn an_escape_split_across_key_and_value_is_not_utf8_and_is_replaced() {
    // "é" is %C3%A9: its two bytes either side of the `=` are each invalid on their own.
    let fields = Fields::parse("k%C3=%A9v&x=%C3%A9").unwrap();
    assert_eq!(fields.get("k\u{FFFD}"), Some("\u{FFFD}v"));
    assert_eq!(fields.get("x"), Some("é"));
}

#[test]
fn set_replaces_or_inserts_in_key_order() {
    let mut fields = Fields::parse("b=2&d=4").unwrap();
    fields.set("d", "four").unwrap();
    fields.set("a", "1").unwrap();
    fields.set("c", "3").unwrap();
    assert_eq!(fields.to_query(), "a=1&b=2&c=3&d=four");
}

#[test]
fn keys_with_an_equals_sign_or_a_line_break_are_refused() {
    for raw in ["a%3Db=1", "a%3db=1&c=2", "a%0Ab=1", "a%0ab", "x=1&a\nb=1"] {
        assert_eq!(Fields::parse(raw), Err(InitDataError::AmbiguousField), "{raw:?}");
    }
}

#[test]
fn values_with_a_line_break_are_refused_but_an_equals_sign_is_fine() {
    for raw in ["a=1%0Ab=2", "a=%0a", "a=1\nb=2", "x=1&a=%0D%0A"] {
        assert_eq!(Fields::parse(raw), Err(InitDataError::AmbiguousField), "{raw:?}");
    }
    assert_eq!(Fields::parse("a=b%3Dc=d").unwrap().get("a"), Some("b=c=d"));
    assert_eq!(Fields::parse("a=b%0Dc").unwrap().get("a"), Some("b\rc"));
}

#[test]
fn fields_built_or_set_by_hand_are_held_to_the_same_rule() {
    let pairs = |k: &str, v: &str| vec![(k.to_owned(), v.to_owned())];
    for (key, value) in [("a=b", "1"), ("a\nb", "1"), ("a", "1\nb=2")] {
        assert_eq!(
            Fields::from_pairs(pairs(key, value)),
            Err(InitDataError::AmbiguousField)
        );
        let mut fields = Fields::parse("z=1").unwrap();
        assert_eq!(fields.set(key, value), Err(InitDataError::AmbiguousField));
        assert_eq!(fields, Fields::parse("z=1").unwrap(), "left as it was");
    }
}
