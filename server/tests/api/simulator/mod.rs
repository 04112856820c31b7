//! Black-box tests of the local Telegram simulator: present in sandbox mode only, and its
//! launch data is signed so that the shop's own initData check accepts it. Its Bot API
//! stand-in's channel and photo methods: [`channels`].

mod channels;

use crate::helpers::{FreshDb, TestServer};
use serde_json::Value;

/// The initData inside a launch URL's fragment.
fn init_data_of(url: &str) -> String {
    let fragment = url.split_once('#').unwrap().1;
    form_urlencoded::parse(fragment.as_bytes())
        .find(|(k, _)| k == "tgWebAppData")
        .unwrap()
        .1
        .into_owned()
}

#[tokio::test]
async fn without_a_bot_token_the_home_page_is_the_simulator() {
    let fresh = FreshDb::sqlite();
    let server = TestServer::start(&fresh.url).await;
    let html = server.get("/").await.text().await.unwrap();
    assert!(html.contains("Telegram simulator") && html.contains(r#"data-testid="sim-app""#));
    for user in server::simulator::TEST_USERS {
        assert!(
            html.contains(user.first_name),
            "test user {} offered",
            user.first_name
        );
    }
    assert_eq!(server.get("/simulator/simulator.js").await.status(), 200);
    server.stop().await;
}

#[tokio::test]
async fn launch_data_from_the_simulator_passes_the_shops_check() {
    let fresh = FreshDb::sqlite();
    let server = TestServer::start(&fresh.url).await;
    let launch: Value = server
        .get("/simulator/launch?user=1003&theme=dark&start_param=p_2")
        .await
        .json()
        .await
        .unwrap();
    let url = launch["url"].as_str().unwrap();
    assert!(
        url.starts_with("/shop#")
            && url.contains("tgWebAppPlatform=weba")
            && url.contains("tgWebAppStartParam=p_2")
    );
    assert_eq!(launch["theme_params"]["bg_color"], "#212121");
    let (_, me) = server.get_json("/api/me", Some(&init_data_of(url))).await;
    assert_eq!(me["user"]["first_name"], "Camille");
    assert_eq!(me["user"]["language_code"], "fr");
    assert_eq!(me["start_param"], "p_2");
    server.stop().await;
}

#[tokio::test]
async fn unknown_users_and_malformed_launch_queries_get_json_errors() {
    let fresh = FreshDb::sqlite();
    let server = TestServer::start(&fresh.url).await;
    let response = server.get("/simulator/launch?user=9").await;
    assert_eq!(response.status(), 404);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "unknown_test_user");
    let response = server.get("/simulator/launch?user=ada&theme=sepia").await;
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "invalid_query");
    assert!(
        body["error"]["message"].as_str().unwrap().contains("user"),
        "{body}"
    );
    server.stop().await;
}

#[tokio::test]
async fn with_a_real_bot_token_the_simulator_does_not_exist() {
    let fresh = FreshDb::sqlite();
    let server = TestServer::start_with(&fresh.url, &[("BOT_TOKEN", "123456:REAL-LOOKING-TOKEN")]).await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let home = client.get(format!("{}/", server.base_url)).send().await.unwrap();
    assert_eq!(home.status(), 303);
    assert_eq!(home.headers()["location"], "/shop");
    assert_eq!(server.get("/simulator/launch?user=1001").await.status(), 404);
    assert_eq!(server.get("/simulator/simulator.js").await.status(), 404);
    assert_eq!(server.get("/simulator/channel.js").await.status(), 404);
    assert_eq!(server.get("/simulator/telegram/channels").await.status(), 404);
    server.stop().await;
}

#[tokio::test]
async fn a_link_opened_in_a_channel_launches_with_its_start_param_and_chat_type() {
    let fresh = FreshDb::sqlite();
    let server = TestServer::start(&fresh.url).await;
    let launch: Value = server
        .get("/simulator/launch?user=1001&start_param=e_7&chat_type=channel")
        .await
        .json()
        .await
        .unwrap();
    let url = launch["url"].as_str().unwrap();
    assert!(url.contains("tgWebAppStartParam=e_7"), "{url}");
    let init_data = init_data_of(url);
    let fields: Vec<(String, String)> = form_urlencoded::parse(init_data.as_bytes())
        .into_owned()
        .collect();
    let field = |name: &str| fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    assert_eq!(field("chat_type"), Some("channel"));
    assert_eq!(field("start_param"), Some("e_7"));
    let me = server
        .client
        .get(format!("{}/api/me", server.base_url))
        .header("authorization", format!("tma {init_data}"))
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200, "the shop accepts the signature");
    let me: Value = me.json().await.unwrap();
    assert_eq!(me["start_param"], "e_7");
    let refused = server.get("/simulator/launch?user=1001&chat_type=forum").await;
    assert_eq!(refused.status(), 400);
    server.stop().await;
}

#[tokio::test]
async fn the_simulator_page_carries_the_channel_view_and_the_scanner() {
    let fresh = FreshDb::sqlite();
    let server = TestServer::start(&fresh.url).await;
    let html = server.get("/").await.text().await.unwrap();
    assert!(
        html.contains(r#"data-bot="sandbox_shop_bot""#),
        "the bot's username for t.me links"
    );
    assert!(
        html.contains(r#"data-testid="sim-scanner""#) && html.contains(r#"data-testid="sim-channel-posts""#)
    );
    let script = server.get("/simulator/channel.js").await;
    assert_eq!(script.status(), 200);
    assert_eq!(script.headers()["content-type"], "text/javascript");
    let simulator = server.get("/simulator/simulator.js").await.text().await.unwrap();
    for event in [
        "web_app_open_scan_qr_popup",
        "web_app_close_scan_qr_popup",
        "qr_text_received",
        "scan_qr_popup_closed",
    ] {
        assert!(simulator.contains(event), "the client speaks {event}");
    }
    let channels: Value = server
        .get("/simulator/telegram/channels")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(channels["bot_username"], "sandbox_shop_bot");
    assert_eq!(channels["chats"][0]["username"], "shop_news");
    server.stop().await;
}
