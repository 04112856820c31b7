//! Black-box tests of a shop with a real bot token and no public URL: it long-polls the
//! Bot API (here the project's fake Telegram on its own port) through the same update
//! handler, and refunds Stars through refundStarPayment.

use crate::helpers::shopper::{serve_fake_telegram, signed_init_data, slug, Telegram, ADA};
use crate::helpers::{FreshDb, TestServer};
use serde_json::{json, Value};
use server::simulator::telegram::FakeTelegram;

const TOKEN: &str = "777000:POLLING-TEST-TOKEN";

async fn bot_api(server: &TestServer, base: &str, method: &str, params: Value) -> Value {
    let url = format!("{base}/bot{TOKEN}/{method}");
    server
        .client
        .post(url)
        .json(&params)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_polling_shop_sells_for_stars_and_records_the_refund() {
    let telegram = FakeTelegram::new(TOKEN);
    let base = serve_fake_telegram(&telegram).await;
    let db = FreshDb::sqlite();
    let server = TestServer::start_with(&db.url, &[("BOT_TOKEN", TOKEN), ("TELEGRAM_API_URL", &base)]).await;
    let tg = Telegram {
        server: &server,
        base: base.clone(),
    };
    let ada = signed_init_data(TOKEN, ADA);

    let (status, checkout) = server.checkout(&ada, "recipe-ebook", 1).await;
    assert_eq!(status, 200, "{checkout}");
    let order_id = checkout["order_id"].as_i64().unwrap();
    let sheet = tg.pay(&slug(&checkout), json!({ "user_id": ADA })).await;
    assert_eq!(sheet["status"], "paid", "{sheet}");
    let charge = sheet["telegram_payment_charge_id"].as_str().unwrap().to_owned();
    server.wait_for_status(&ada, order_id, "paid").await;
    tg.wait_for_messages(ADA, 1).await;

    let refund = json!({ "user_id": ADA, "telegram_payment_charge_id": charge });
    assert_eq!(
        bot_api(&server, &base, "refundStarPayment", refund.clone()).await["ok"],
        true
    );
    server.wait_for_status(&ada, order_id, "refunded").await;
    // The receipt, the sticker pack's link, then the refund notice.
    let notice = &tg.wait_for_messages(ADA, 3).await[2];
    assert!(notice["text"].as_str().unwrap().contains("refunded"), "{notice}");
    let again = bot_api(&server, &base, "refundStarPayment", refund).await;
    assert_eq!(again["ok"], false, "a charge is refunded once");
    server.stop().await;
}

#[tokio::test]
async fn fiat_checkout_without_a_payment_provider_says_so() {
    let telegram = FakeTelegram::new(TOKEN);
    let base = serve_fake_telegram(&telegram).await;
    let db = FreshDb::sqlite();
    let server = TestServer::start_with(&db.url, &[("BOT_TOKEN", TOKEN), ("TELEGRAM_API_URL", &base)]).await;
    let (status, body) = server
        .checkout(&signed_init_data(TOKEN, ADA), "blue-mug", 1)
        .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (503, Some("no_payment_provider"))
    );
    server.stop().await;
}

#[tokio::test]
async fn a_checkout_telegram_cannot_invoice_is_cancelled_and_holds_no_stock() {
    // A Bot API that is not there: nothing listens on the port once its listener is dropped.
    let gone = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", listener.local_addr().unwrap())
    };
    let db = FreshDb::sqlite();
    let vars = [
        ("BOT_TOKEN", TOKEN),
        ("TELEGRAM_API_URL", gone.as_str()),
        ("PAYMENT_PROVIDER_TOKEN", "1:TEST:prov"),
    ];
    let server = TestServer::start_with(&db.url, &vars).await;
    let ada = signed_init_data(TOKEN, ADA);
    let (_, stock) = server.product("blue-mug").await;
    let (status, body) = server.checkout(&ada, "blue-mug", 2).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (502, Some("telegram_unavailable"))
    );
    assert_eq!(
        body["error"]["message"],
        "Telegram could not create the invoice; please try again"
    );
    assert_eq!(
        server.product("blue-mug").await.1,
        stock,
        "the stock is given back"
    );
    let (_, orders) = server.get_json("/api/orders", Some(&ada)).await;
    assert_eq!(orders[0]["status"], "cancelled", "{orders}");
    server.stop().await;
}

#[tokio::test]
async fn start_gets_a_button_into_the_shop_with_the_start_parameter() {
    let telegram = FakeTelegram::new(TOKEN);
    let base = serve_fake_telegram(&telegram).await;
    let db = FreshDb::sqlite();
    let vars = [
        ("BOT_TOKEN", TOKEN),
        ("TELEGRAM_API_URL", base.as_str()),
        ("PAYMENT_PROVIDER_TOKEN", "1:TEST:prov"),
    ];
    let server = TestServer::start_with(&db.url, &vars).await;
    telegram.queue_message(ADA, "/start p_3").await;
    let tg = Telegram {
        server: &server,
        base,
    };
    let welcome = &tg.wait_for_messages(ADA, 1).await[0];
    let url = welcome["reply_markup"]["inline_keyboard"][0][0]["web_app"]["url"]
        .as_str()
        .unwrap();
    assert!(url.ends_with("/shop?startapp=p_3"), "{url}");
    server.stop().await;
}
