//! Black-box tests of the merchant's ways in: the bot's /admin command, the one-time sign-in
//! link for a desktop browser, the session cookie it sets and the CSRF token that changes on a
//! cookie session must carry; the session reads the admin page in the browser's language at
//! sign-in.

use crate::helpers::merchant::CAMILLE;
use crate::helpers::shopper::ADA;
use crate::helpers::{wait_until, FreshDb, TestServer, PATIENCE};
use app::identity::ChatId;
use serde_json::{json, Value};

#[tokio::test]
async fn an_admin_signs_in_with_a_one_time_link_on_sqlite() {
    sign_in(&FreshDb::sqlite()).await;
}

#[tokio::test]
async fn an_admin_signs_in_with_a_one_time_link_on_postgres() {
    let fresh = FreshDb::postgres().await;
    sign_in(&fresh).await;
}

async fn sign_in(fresh: &FreshDb) {
    let server = TestServer::start_with(&fresh.url, &[("ADMIN_USER_IDS", "1003")]).await;
    server.wait_for_webhook().await;
    let browser = Browser::new(&server);
    let (link, token) = the_bot_sends_a_link_the_outbox_does_not_keep(&server).await;
    the_link_opens_an_uncached_sign_in_page(&browser, &link).await;
    let cookie = signs_in_once_with_a_strict_session_cookie(&browser, &token).await;
    let csrf = the_session_reads_the_orders(&browser, &cookie).await;
    a_change_needs_the_sessions_csrf_token(&browser, &cookie, &csrf).await;
    logging_out_ends_the_session(&browser, &cookie, &csrf).await;
    server.stop().await;
}

/// The sign-in link and its token.
async fn the_bot_sends_a_link_the_outbox_does_not_keep(server: &TestServer) -> (String, String) {
    let link = ask_for_link(server).await;
    let token = link.split_once("token=").unwrap().1.to_owned();
    // Once Telegram has the message, the outbox keeps no readable link.
    let kept = wait_until(PATIENCE, "the sign-in link's message to be sent", async || {
        let kept = server.db.sent_messages(ChatId(CAMILLE)).await.unwrap();
        if kept.iter().any(|m| m.contains("removed once sent")) {
            Ok(kept)
        } else {
            Err(kept)
        }
    })
    .await;
    assert!(kept.iter().all(|m| !m.contains(&token)), "{kept:?}");
    (link, token)
}

async fn the_link_opens_an_uncached_sign_in_page(browser: &Browser<'_>, link: &str) {
    let page = browser.get(link, None).await;
    assert_eq!(page.status(), 200);
    assert_eq!(page.headers()["cache-control"], "no-store");
    assert!(page
        .text()
        .await
        .unwrap()
        .contains(r#"<button type="submit">Sign in</button>"#));
}

/// The session cookie, `shop_admin=…`.
async fn signs_in_once_with_a_strict_session_cookie(browser: &Browser<'_>, token: &str) -> String {
    let signed_in = browser.sign_in(token).await;
    assert_eq!(signed_in.status(), 303);
    assert_eq!(signed_in.headers()["location"], "/admin");
    let set_cookie = signed_in.headers()["set-cookie"].to_str().unwrap().to_owned();
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=43200"] {
        assert!(set_cookie.contains(attribute), "{set_cookie}");
    }
    assert!(
        !set_cookie.contains("Secure"),
        "served over plain HTTP: {set_cookie}"
    );
    let cookie = set_cookie.split(';').next().unwrap().to_owned();
    assert!(cookie.starts_with("shop_admin="), "{cookie}");
    // The browser's language (French, below) is kept for the session beside it.
    let language = signed_in
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|value| value.to_str().unwrap().split(';').next().unwrap().to_owned())
        .find(|cookie| cookie.starts_with("shop_admin_lang="));
    assert_eq!(language.as_deref(), Some("shop_admin_lang=fr"));
    let cookie = format!("{cookie}; shop_admin_lang=fr");

    // The link worked once.
    assert_eq!(browser.sign_in(token).await.status(), 401);
    cookie
}

/// The session's CSRF token.
async fn the_session_reads_the_orders(browser: &Browser<'_>, cookie: &str) -> String {
    let (status, session) = browser.json("GET", "/api/admin/session", cookie, None).await;
    assert_eq!(status, 200, "{session}");
    assert_eq!(
        (session["user_id"].as_i64(), session["via"].as_str()),
        (Some(CAMILLE), Some("session"))
    );
    assert_eq!(session["language"], "fr", "{session}");
    let texts = session["texts"].as_str().unwrap();
    assert!(texts.starts_with("/admin/texts/fr."), "{texts}");
    let csrf = session["csrf_token"].as_str().unwrap().to_owned();
    let (status, orders) = browser.json("GET", "/api/admin/orders", cookie, None).await;
    assert_eq!((status, orders["total"].as_i64()), (200, Some(0)), "{orders}");
    csrf
}

async fn a_change_needs_the_sessions_csrf_token(browser: &Browser<'_>, cookie: &str, csrf: &str) {
    // A change without the session's CSRF token is refused; with it, it goes through.
    let ship = "/api/admin/orders/999/ship";
    let (status, refused) = browser.json("POST", ship, cookie, None).await;
    assert_eq!(
        (status, refused["error"]["code"].as_str()),
        (403, Some("csrf_token_invalid"))
    );
    let (status, _) = browser.json("POST", ship, cookie, Some("not-the-token")).await;
    assert_eq!(status, 403);
    let (status, missing) = browser.json("POST", ship, cookie, Some(csrf)).await;
    assert_eq!(
        (status, missing["error"]["code"].as_str()),
        (404, Some("order_not_found"))
    );
}

async fn logging_out_ends_the_session(browser: &Browser<'_>, cookie: &str, csrf: &str) {
    let (status, _) = browser
        .json("POST", "/api/admin/logout", cookie, Some(csrf))
        .await;
    assert_eq!(status, 204);
    let (status, ended) = browser.json("GET", "/api/admin/orders", cookie, None).await;
    assert_eq!(
        (status, ended["error"]["code"].as_str()),
        (401, Some("session_ended"))
    );
}

#[tokio::test]
async fn the_admin_command_answers_admins_only_and_links_are_checked() {
    let fresh = FreshDb::sqlite();
    let server = TestServer::start_with(&fresh.url, &[("ADMIN_USER_IDS", "1003")]).await;
    server.wait_for_webhook().await;
    let telegram = server.telegram();

    write(&server, ADA, "/admin").await;
    let answer = &telegram.wait_for_messages(ADA, 1).await[0];
    assert_eq!(answer["text"], "This command is for the shop's admins.");
    assert!(answer.get("reply_markup").is_none_or(Value::is_null), "{answer}");

    write(&server, CAMILLE, "/admin").await;
    let menu = &telegram.wait_for_messages(CAMILLE, 1).await[0];
    let buttons = &menu["reply_markup"]["inline_keyboard"];
    let app = buttons[0][0]["web_app"]["url"].as_str().unwrap();
    assert_eq!(app, format!("{}/admin", server.base_url));
    // The admin page opens as a Mini App in the simulator.
    let (status, launch) = server
        .get_json("/simulator/launch?user=1003&path=/admin", None)
        .await;
    assert_eq!(status, 200, "{launch}");
    assert!(launch["url"]
        .as_str()
        .unwrap()
        .starts_with("/admin#tgWebAppData="));

    let browser = Browser::new(&server);
    for token in ["", "garbage", &"A".repeat(43)] {
        let status = browser.sign_in(token).await.status();
        assert!([400, 401].contains(&status.as_u16()), "{token:?}: {status}");
    }
    let page = browser
        .get(&format!("{}/admin/login?token=nope", server.base_url), None)
        .await;
    assert_eq!(page.status(), 400);
    server.stop().await;
}

#[tokio::test]
async fn a_link_of_someone_no_longer_an_admin_opens_nothing() {
    let fresh = FreshDb::sqlite();
    let first = TestServer::start_with(&fresh.url, &[("ADMIN_USER_IDS", "1003")]).await;
    first.wait_for_webhook().await;
    let link = ask_for_link(&first).await;
    first.stop().await;
    // The merchant removed Camille from ADMIN_USER_IDS and restarted the shop.
    let server = TestServer::start_with(&fresh.url, &[("ADMIN_USER_IDS", "1001")]).await;
    let token = link.split_once("token=").unwrap().1;
    assert_eq!(Browser::new(&server).sign_in(token).await.status(), 401);
    server.stop().await;
}

/// Camille writes /admin to the bot; the sign-in link from its answer.
async fn ask_for_link(server: &TestServer) -> String {
    write(server, CAMILLE, "/admin").await;
    let menu = &server.telegram().wait_for_messages(CAMILLE, 1).await[0];
    let link = menu["reply_markup"]["inline_keyboard"][1][0]["url"]
        .as_str()
        .unwrap();
    assert!(
        link.starts_with(&format!("{}/admin/login?token=", server.base_url)),
        "{link}"
    );
    link.to_owned()
}

/// `user` writes `text` to the bot in the simulator.
async fn write(server: &TestServer, user: i64, text: &str) {
    let path = format!("/simulator/telegram/chats/{user}/messages");
    let (status, body) = server.post_json(&path, &json!({ "text": text }), None).await;
    assert_eq!(status, 200, "{body}");
}

/// A desktop browser: sends its cookie by hand and does not follow redirects.
struct Browser<'a> {
    server: &'a TestServer,
    client: reqwest::Client,
}

impl<'a> Browser<'a> {
    fn new(server: &'a TestServer) -> Self {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        Browser { server, client }
    }

    async fn get(&self, url: &str, cookie: Option<&str>) -> reqwest::Response {
        let mut request = self.client.get(url);
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        request.send().await.unwrap()
    }

    /// Submits the sign-in page's form.
    async fn sign_in(&self, token: &str) -> reqwest::Response {
        let body = form_urlencoded::Serializer::new(String::new())
            .append_pair("token", token)
            .finish();
        self.client
            .post(format!("{}/admin/login", self.server.base_url))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept-language", "fr-FR,fr;q=0.9,en;q=0.8")
            .body(body)
            .send()
            .await
            .unwrap()
    }

    /// A JSON request with the session cookie and, when given, the CSRF token.
    async fn json(&self, method: &str, path: &str, cookie: &str, csrf: Option<&str>) -> (u16, Value) {
        let url = format!("{}{path}", self.server.base_url);
        let mut request = self
            .client
            .request(method.parse().unwrap(), url)
            .header("cookie", format!("shop_lang=en; {cookie}"));
        if let Some(csrf) = csrf {
            request = request.header("x-csrf-token", csrf);
        }
        if method != "GET" {
            request = request.json(&json!({}));
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }
}

#[tokio::test]
async fn in_sandbox_mode_without_admin_ids_the_simulators_camille_runs_the_shop() {
    let fresh = FreshDb::sqlite();
    let server = TestServer::start(&fresh.url).await;
    let camille = server.admin_session(CAMILLE).await;
    let (status, session) = server.get_json("/api/admin/session", Some(&camille)).await;
    assert_eq!(
        (status, session["via"].as_str()),
        (200, Some("telegram")),
        "{session}"
    );
    assert!(session["csrf_token"].is_null());
    let ada = server.launch(ADA).await;
    let (status, refused) = server
        .post_json("/api/admin/session", &json!({}), Some(&ada))
        .await;
    assert_eq!(
        (status, refused["error"]["code"].as_str()),
        (403, Some("not_an_admin"))
    );
    server.stop().await;
}
