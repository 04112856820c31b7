//! Black-box tests of the bot's profile: at start-up the shop sets its description and short
//! description in English (everyone's default) and in each language it speaks, naming the
//! shop, as the simulator's Telegram records them (checked against the spec as every
//! request); renaming the shop renames it there too.

use crate::helpers::merchant::start;
use crate::helpers::{wait_until, FreshDb, TestServer, PATIENCE};
use serde_json::{json, Value};

#[tokio::test]
async fn the_bot_describes_the_shop_in_each_language_on_sqlite() {
    profile(&FreshDb::sqlite()).await;
}

#[tokio::test]
async fn the_bot_describes_the_shop_in_each_language_on_postgres() {
    profile(&FreshDb::postgres().await).await;
}

async fn profile(fresh: &FreshDb) {
    let (server, admin) = start(fresh).await;
    let (_, settings) = server.get_json("/api/admin/settings", Some(&admin)).await;
    let name = settings["shop"]["name"]
        .as_str()
        .expect("the shop's name")
        .to_owned();
    let first = described_as(&server, &name).await;
    let (en, fr) = (&first[""]["description"], &first["fr"]["description"]);
    assert!(en.as_str().unwrap().starts_with("Welcome to"), "{first}");
    assert_ne!(en, fr, "French is French");
    let rename = json!({ "name": "Maison Lumière", "currency": "EUR" });
    let (status, _) = server
        .put_json("/api/admin/settings/shop", &rename, Some(&admin))
        .await;
    assert_eq!(status, 200);
    described_as(&server, "Maison Lumière").await;
    server.stop().await;
}

/// Waits until the bot's description and short description name `shop` in every language
/// the shop speaks; the profile as the simulator holds it.
async fn described_as(server: &TestServer, shop: &str) -> Value {
    let what = format!("the bot's profile to name {shop}");
    wait_until(PATIENCE, &what, async || {
        let info: Value = server
            .get("/simulator/telegram/webhook")
            .await
            .json()
            .await
            .unwrap();
        let profile = &info["profile"];
        let names_it = |language: &str| {
            ["description", "short_description"].iter().all(|field| {
                profile[language][field]
                    .as_str()
                    .is_some_and(|t| t.contains(shop))
            })
        };
        match ["", "fr", "zh", "ar"].into_iter().all(names_it) {
            true => Ok(profile.clone()),
            false => Err(profile.clone()),
        }
    })
    .await
}
