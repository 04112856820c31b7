//! Black-box tests of several payment providers: each currency's invoice carries its own
//! provider token (`PAYMENT_PROVIDER_TOKENS`), other fiat currencies the default
//! (`PAYMENT_PROVIDER_TOKEN`), a currency no provider takes is refused clearly; the order
//! records which provider took it, and a test-mode provider is labelled as such on the admin
//! order, the orders list, the CSV export, the dashboard and the merchant's sale note.

use super::SECRET;
use crate::helpers::merchant::CAMILLE;
use crate::helpers::shopper::{german_address, slug, ADA, WEI};
use crate::helpers::{authorization, FreshDb, TestServer};
use serde_json::{json, Value};

const EUR_TOKEN: &str = "284685063:TEST:eur-secret";
const USD_TOKEN: &str = "350862534:LIVE:usd-secret";
const DEFAULT_TOKEN: &str = "1877036958:LIVE:default-secret";

#[tokio::test]
async fn each_currency_is_invoiced_through_its_provider_on_sqlite() {
    providers(&FreshDb::sqlite()).await;
}

#[tokio::test]
async fn each_currency_is_invoiced_through_its_provider_on_postgres() {
    providers(&FreshDb::postgres().await).await;
}

#[tokio::test]
async fn a_currency_without_a_provider_is_refused_on_sqlite() {
    no_provider(&FreshDb::sqlite()).await;
}

#[tokio::test]
async fn a_currency_without_a_provider_is_refused_on_postgres() {
    no_provider(&FreshDb::postgres().await).await;
}

async fn providers(fresh: &FreshDb) {
    let tokens = format!("EUR:Stripe={EUR_TOKEN}, USD:{USD_TOKEN}");
    let vars = [
        ("WEBHOOK_SECRET", SECRET),
        ("ADMIN_USER_IDS", "1003"),
        ("PAYMENT_PROVIDER_TOKENS", tokens.as_str()),
        ("PAYMENT_PROVIDER_TOKEN", DEFAULT_TOKEN),
    ];
    let server = TestServer::start_with(&fresh.url, &vars).await;
    server.wait_for_webhook().await;
    let admin = server.admin_session(CAMILLE).await;
    let category = a_category(&server, &admin).await;
    for (name, currency) in [("Brooklyn Tote", "USD"), ("London Umbrella", "GBP")] {
        a_product(&server, &admin, &category, name, currency).await;
    }
    let (ada, wei) = (server.launch(ADA).await, server.launch(WEI).await);
    let eur = invoiced_with(&server, &ada, "blue-mug", EUR_TOKEN).await;
    pays_the_mug(&server, &ada, &eur).await;
    let order_id = eur["order_id"].as_i64().unwrap();
    the_merchant_sees_stripe_in_test_mode(&server, &admin, order_id).await;
    let usd = invoiced_with(&server, &wei, "brooklyn-tote", USD_TOKEN).await;
    let path = format!("/api/admin/orders/{}", usd["order_id"]);
    let (_, order) = server.get_json(&path, Some(&admin)).await;
    assert_eq!(
        order["payment_provider"],
        json!({ "name": "provider 350862534", "test": false }),
        "an unnamed live provider: {order}"
    );
    invoiced_with(&server, &wei, "london-umbrella", DEFAULT_TOKEN).await;
    let stars = invoiced_with(&server, &wei, "wallpaper-pack", "").await;
    let path = format!("/api/admin/orders/{}", stars["order_id"]);
    let (_, order) = server.get_json(&path, Some(&admin)).await;
    assert_eq!(
        order.get("payment_provider"),
        None,
        "Stars take no provider: {order}"
    );
    server.stop().await;
}

/// A shop with a EUR provider only (no default): a USD cart is refused, naming the problem.
async fn no_provider(fresh: &FreshDb) {
    let tokens = format!("EUR:{EUR_TOKEN}");
    let vars = [
        ("WEBHOOK_SECRET", SECRET),
        ("ADMIN_USER_IDS", "1003"),
        ("PAYMENT_PROVIDER_TOKENS", tokens.as_str()),
    ];
    let server = TestServer::start_with(&fresh.url, &vars).await;
    server.wait_for_webhook().await;
    let admin = server.admin_session(CAMILLE).await;
    let category = a_category(&server, &admin).await;
    a_product(&server, &admin, &category, "Brooklyn Tote", "USD").await;
    let ada = server.launch(ADA).await;
    let (_, stock) = server.product("brooklyn-tote").await;
    let (status, body) = server.checkout(&ada, "brooklyn-tote", 1).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (503, Some("no_payment_provider")),
        "{body}"
    );
    assert!(
        body["error"]["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{body}"
    );
    assert_eq!(
        server.product("brooklyn-tote").await.1,
        stock,
        "nothing is reserved"
    );
    invoiced_with(&server, &ada, "blue-mug", EUR_TOKEN).await;
    server.stop().await;
}

async fn a_category(server: &TestServer, admin: &str) -> Value {
    let body = json!({ "name": "Travel" });
    let (status, category) = server
        .post_json("/api/admin/categories", &body, Some(admin))
        .await;
    assert_eq!(status, 201, "{category}");
    category["id"].clone()
}

async fn a_product(server: &TestServer, admin: &str, category: &Value, name: &str, currency: &str) {
    let body = json!({ "category_id": category, "name": name, "currency": currency,
        "variants": [{ "name": "", "price_minor": 2500, "stock": 5 }] });
    let (status, product) = server.post_json("/api/admin/products", &body, Some(admin)).await;
    assert_eq!(status, 201, "{product}");
}

/// Checks out one `product` as `buyer`: its invoice carries `token`.
async fn invoiced_with(server: &TestServer, buyer: &str, product: &str, token: &str) -> Value {
    let (status, checkout) = server.checkout(buyer, product, 1).await;
    assert_eq!(status, 200, "{product}: {checkout}");
    let invoice = server.telegram().invoice(&slug(&checkout)).await;
    assert_eq!(
        invoice["provider_token"].as_str().unwrap_or(""),
        token,
        "{product}: {invoice}"
    );
    checkout
}

async fn pays_the_mug(server: &TestServer, ada: &str, checkout: &Value) {
    let tg = server.telegram();
    let slug = slug(checkout);
    let quote = tg.shipping(&slug, ADA, german_address()).await;
    assert_eq!(quote["ok"], true, "{quote}");
    let info = json!({ "name": "Ada Lovelace", "shipping_address": german_address() });
    let body = json!({ "user_id": ADA, "shipping_option_id": "standard", "order_info": info });
    assert_eq!(tg.pay(&slug, body).await["status"], "paid");
    let order_id = checkout["order_id"].as_i64().unwrap();
    server.wait_for_status(ada, order_id, "paid").await;
}

/// The paid EUR order went through Stripe in test mode, and every screen says so.
async fn the_merchant_sees_stripe_in_test_mode(server: &TestServer, admin: &str, order_id: i64) {
    let stripe = json!({ "name": "Stripe", "test": true });
    let (_, order) = server
        .get_json(&format!("/api/admin/orders/{order_id}"), Some(admin))
        .await;
    assert_eq!(order["payment_provider"], stripe, "{order}");
    let (_, list) = server.get_json("/api/admin/orders", Some(admin)).await;
    let row = list["orders"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == order_id);
    assert_eq!(row.unwrap()["payment_provider"], stripe, "{list}");
    let csv = server
        .client
        .get(format!("{}/api/admin/orders.csv", server.base_url))
        .header("Authorization", authorization(admin))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let header = csv.lines().next().unwrap();
    assert!(header.ends_with(",payment_provider,provider_mode"), "{header}");
    let line = csv
        .lines()
        .find(|l| l.starts_with(&format!("{order_id},")))
        .unwrap();
    assert!(line.ends_with(",Stripe,test"), "{line}");
    let (_, dashboard) = server.get_json("/api/admin/dashboard", Some(admin)).await;
    assert_eq!(
        dashboard["test_providers"],
        json!([{ "name": "Stripe", "currency": "EUR" }]),
        "{dashboard}"
    );
    let note = server.telegram().wait_for_messages(CAMILLE, 1).await;
    let sale = note
        .iter()
        .find_map(|m| m["text"].as_str().filter(|t| t.starts_with("Nouvelle vente")));
    // Camille reads Telegram in French: the note is hers.
    assert!(
        sale.is_some_and(
            |t| t.contains(&format!("commande n° {order_id} ")) && t.contains("Paiement de TEST via Stripe")
        ),
        "{note:?}"
    );
    for secret in ["eur-secret", "usd-secret", "default-secret"] {
        assert!(!order.to_string().contains(secret) && !csv.contains(secret));
    }
}
