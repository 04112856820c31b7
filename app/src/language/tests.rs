use super::*;

#[test]
fn telegram_language_codes_choose_the_locale() {
    assert_eq!(for_language_code("en"), Locale::en);
    assert_eq!(for_language_code("zh-hans"), Locale::zh);
    assert_eq!(for_language_code("zh-hant"), Locale::zh);
    assert_eq!(for_language_code("fr-CA"), Locale::fr);
    assert_eq!(for_language_code("AR"), Locale::ar);
}

#[test]
fn other_languages_fall_back_to_english() {
    for code in ["de", "pt-br", "", "x", "arabic"] {
        assert_eq!(for_language_code(code), Locale::en, "{code:?}");
    }
}

#[test]
fn the_language_code_is_read_from_the_user_in_init_data() {
    let user = r#"{"id":1,"first_name":"Layla","language_code":"ar"}"#;
    let init_data = form_urlencoded::Serializer::new(String::new())
        .append_pair("query_id", "AA")
        .append_pair("user", user)
        .append_pair("hash", "ab")
        .finish();
    assert_eq!(language_code(&init_data).as_deref(), Some("ar"));
    assert_eq!(language_code("user=%7B%22id%22%3A1%7D&hash=ab"), None);
    assert_eq!(language_code("user=not-json"), None);
    assert_eq!(language_code(""), None);
}

#[test]
fn the_cookie_remembers_a_language_we_speak() {
    assert_eq!(from_cookie("a=1; shop_lang=ar; b=2"), Some(Locale::ar));
    assert_eq!(from_cookie("shop_lang=zh"), Some(Locale::zh));
    assert_eq!(from_cookie("shop_lang=de"), None);
    assert_eq!(from_cookie("other_lang=fr"), None);
    assert_eq!(from_cookie(""), None);
}

#[test]
fn the_url_can_name_the_language() {
    assert_eq!(from_query("?lang=ar"), Some(Locale::ar));
    assert_eq!(from_query("q=mug&lang=fr"), Some(Locale::fr));
    assert_eq!(from_query("?lang=de"), None);
    assert_eq!(from_query(""), None);
    assert_eq!(with_lang("?q=blue+mug&lang=en", Locale::ar), "q=blue+mug&lang=ar");
    assert_eq!(with_lang("", Locale::zh), "lang=zh");
}

#[test]
fn accept_language_gives_the_first_language_we_speak() {
    assert_eq!(from_accept_language("fr-FR,fr;q=0.9,en;q=0.8"), Some(Locale::fr));
    assert_eq!(from_accept_language("de-DE,de;q=0.9,ar;q=0.8"), Some(Locale::ar));
    assert_eq!(from_accept_language("en-US,en;q=0.9,zh;q=0.8"), Some(Locale::en));
    assert_eq!(from_accept_language("de,pt"), None);
    assert_eq!(from_accept_language(""), None);
}

#[test]
fn only_french_counts_zero_as_one() {
    assert!(is_one(Locale::en, 1) && !is_one(Locale::en, 0) && !is_one(Locale::en, 2));
    assert!(is_one(Locale::fr, 0) && is_one(Locale::fr, 1) && !is_one(Locale::fr, 2));
    assert!(is_one(Locale::ar, 1) && !is_one(Locale::ar, 11));
}

#[test]
fn lists_are_joined_with_the_last_item_apart() {
    let and = |first: &str, last: &str| format!("{first} and {last}");
    let items = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
    assert_eq!(join_list(&items(&[]), ", ", and), "");
    assert_eq!(join_list(&items(&["A"]), ", ", and), "A");
    assert_eq!(join_list(&items(&["A", "B", "C"]), ", ", and), "A, B and C");
}

#[test]
fn amounts_in_right_to_left_sentences_keep_their_own_order() {
    assert_eq!(ltr(Locale::ar, "24,00 €"), "\u{2066}24,00 €\u{2069}");
    assert_eq!(ltr(Locale::en, "24,00 €"), "24,00 €");
    assert_eq!(ltr(Locale::zh, "⭐ 50"), "⭐ 50");
}
