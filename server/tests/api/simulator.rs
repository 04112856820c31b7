//! Black-box tests of the local Telegram simulator: present in sandbox mode only, and its
//! launch data is signed so that the shop's own initData check accepts it.

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
    let me: Value = server
        .client
        .get(format!("{}/api/me", server.base_url))
        .header("authorization", format!("tma {}", init_data_of(url)))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
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
    server.stop().await;
}
