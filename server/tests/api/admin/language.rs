//! The admin page's language: the Mini App's session answers in the admin's Telegram language
//! (initData's `language_code`), English for a language the page is not written in, and names
//! the translations' file, which the server serves under a content-hashed name, cached for
//! good; any other name is 404. (The computer's sign-in keeps the browser's language:
//! `sign_in`.) Runs on both engines.

use crate::helpers::{FreshDb, TestServer};
use serde_json::{json, Value};
use server::telegram::init_data::{Fields, Freshness, HmacValidator};

const TOKEN: &str = "123456:TEST-TOKEN";
const ADMIN: i64 = 4242;

/// Fresh initData for the admin, whose Telegram language is `language`.
fn init_data(language: &str) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let user = json!({ "id": ADMIN, "first_name": "Wei", "language_code": language }).to_string();
    let pairs = vec![
        ("auth_date".to_owned(), now.to_string()),
        ("user".to_owned(), user),
    ];
    let fields = Fields::from_pairs(pairs).unwrap();
    let hash = HmacValidator::new(TOKEN, Freshness::default()).sign(&fields);
    format!("{}&hash={hash}", fields.to_query())
}

/// The session the Mini App opens for an admin whose Telegram language is `language`.
async fn open_session(server: &TestServer, language: &str) -> Value {
    let response = server
        .client
        .post(format!("{}/api/admin/session", server.base_url))
        .header("authorization", format!("tma {}", init_data(language)))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

crate::on_both_engines!(
    admin_language,
    the_admin_page_speaks_the_admins_telegram_language_on_sqlite,
    the_admin_page_speaks_the_admins_telegram_language_on_postgres
);

async fn admin_language(fresh: &FreshDb) {
    let admin_ids = ADMIN.to_string();
    let server = TestServer::start_with(
        &fresh.url,
        &[("BOT_TOKEN", TOKEN), ("ADMIN_USER_IDS", admin_ids.as_str())],
    )
    .await;

    let chinese = open_session(&server, "zh-hans").await;
    assert_eq!(chinese["language"], "zh", "{chinese}");
    let url = chinese["texts"].as_str().unwrap().to_owned();
    assert!(
        url.starts_with("/admin/texts/zh.") && url.ends_with(".json"),
        "{url}"
    );

    let texts = server
        .client
        .get(format!("{}{url}", server.base_url))
        .send()
        .await
        .unwrap();
    assert_eq!(texts.status(), 200);
    assert_eq!(
        texts.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert!(texts.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    let texts: Value = texts.json().await.unwrap();
    assert_eq!(texts["Orders"], "订单");
    assert_eq!(
        texts["Page {current} of {pages}"],
        "第 {current} 页，共 {pages} 页"
    );

    let arabic = open_session(&server, "ar").await;
    assert_eq!(arabic["language"], "ar");
    assert!(arabic["texts"].as_str().unwrap().starts_with("/admin/texts/ar."));

    // English, and a language the page is not written in, need no file.
    for language in ["en", "de"] {
        let session = open_session(&server, language).await;
        assert_eq!(
            (&session["language"], &session["texts"]),
            (&json!("en"), &Value::Null)
        );
    }

    // Only the current name of a file is served.
    let stale = url.replace(&url[url.len() - 21..url.len() - 5], "0000000000000000");
    for path in [
        stale.as_str(),
        "/admin/texts/en.json",
        "/admin/texts/zh.json",
        "/admin/texts/xx",
    ] {
        let answer = server
            .client
            .get(format!("{}{path}", server.base_url))
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 404, "{path}");
    }
    server.stop().await;
}
