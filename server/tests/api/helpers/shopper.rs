//! A shopper and Telegram, as black-box tests play them: initData from the simulator's launch
//! endpoint, the JSON API, and the fake Telegram's payment sheet and chats.

use super::{wait_until, TestServer, PATIENCE};
use serde_json::{json, Value};
use server::simulator::telegram::FakeTelegram;
use server::telegram::init_data::{Fields, Freshness, HmacValidator};

/// The simulator's test users.
pub const ADA: i64 = 1001;
pub const WEI: i64 = 1002;

impl TestServer {
    /// The public catalog's product with `slug`, as `GET /api/products` shows it.
    pub async fn catalog_product(&self, slug: &str) -> Value {
        let (_, catalog) = self.get_json("/api/products", None).await;
        catalog["products"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["slug"] == slug)
            .unwrap_or_else(|| panic!("no product {slug}"))
            .clone()
    }

    /// The catalog product `slug`'s id and its first variant's id.
    pub async fn product_ids(&self, slug: &str) -> (i64, i64) {
        let product = self.catalog_product(slug).await;
        (
            product["id"].as_i64().unwrap(),
            product["variants"][0]["id"].as_i64().unwrap(),
        )
    }

    /// The simulator's fake Telegram, as the payment sheet and the chats reach it.
    pub fn telegram(&self) -> Telegram<'_> {
        Telegram {
            server: self,
            base: format!("{}/simulator/telegram", self.base_url),
        }
    }

    /// `POST base_url + path` with a JSON body; the status and the JSON answer.
    pub async fn post_json(&self, path: &str, body: &Value, init_data: Option<&str>) -> (u16, Value) {
        let mut request = self.client.post(format!("{}{path}", self.base_url)).json(body);
        if let Some(init_data) = init_data {
            request = request.header("authorization", super::authorization(init_data));
        }
        let response = request.send().await.expect("request reaches the server");
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    /// `PUT base_url + path` with a JSON body; the status and the JSON answer.
    pub async fn put_json(&self, path: &str, body: &Value, init_data: Option<&str>) -> (u16, Value) {
        let mut request = self.client.put(format!("{}{path}", self.base_url)).json(body);
        if let Some(init_data) = init_data {
            request = request.header("authorization", super::authorization(init_data));
        }
        let response = request.send().await.expect("request reaches the server");
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    /// `GET base_url + path` as a shopper; the status and the JSON answer.
    pub async fn get_json(&self, path: &str, init_data: Option<&str>) -> (u16, Value) {
        let mut request = self.client.get(format!("{}{path}", self.base_url));
        if let Some(init_data) = init_data {
            request = request.header("authorization", super::authorization(init_data));
        }
        let response = request.send().await.expect("request reaches the server");
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    /// Signed initData for a test user, from the sandbox simulator's launch endpoint.
    pub async fn launch(&self, user: i64) -> String {
        let (status, body) = self
            .get_json(&format!("/simulator/launch?user={user}"), None)
            .await;
        assert_eq!(status, 200, "{body}");
        let url = body["url"].as_str().unwrap();
        let fragment = url.split_once('#').unwrap().1;
        form_urlencoded::parse(fragment.as_bytes())
            .find(|(k, _)| k == "tgWebAppData")
            .map(|(_, v)| v.into_owned())
            .expect("launch parameters carry initData")
    }

    /// The id of the first variant of the product with `slug` (what a cart line names; for a
    /// product without options its only one), and that variant's stock.
    pub async fn product(&self, slug: &str) -> (i64, i64) {
        let (_, catalog) = self.get_json("/api/products", None).await;
        let product = catalog["products"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["slug"] == slug)
            .unwrap_or_else(|| panic!("no product {slug}"));
        (
            product["variants"][0]["id"].as_i64().unwrap(),
            product["variants"][0]["stock"].as_i64().unwrap(),
        )
    }

    /// Checks out `quantity` of `slug`; the status and the answer.
    pub async fn checkout(&self, init_data: &str, slug: &str, quantity: i64) -> (u16, Value) {
        let (id, _) = self.product(slug).await;
        let body = json!({ "lines": [{ "variant_id": id, "quantity": quantity }] });
        self.post_json("/api/checkout", &body, Some(init_data)).await
    }

    /// The order as its buyer sees it.
    pub async fn order(&self, init_data: &str, id: i64) -> Value {
        let (status, body) = self.get_json(&format!("/api/orders/{id}"), Some(init_data)).await;
        assert_eq!(status, 200, "{body}");
        body
    }

    /// Waits until the order has `status` (moved by the expiry sweep or by an update from
    /// Telegram), and returns it as its buyer sees it.
    pub async fn wait_for_status(&self, init_data: &str, id: i64, status: &str) -> Value {
        let what = format!("order {id} to become {status}");
        wait_until(PATIENCE, &what, async || {
            let order = self.order(init_data, id).await;
            if order["status"] == status {
                Ok(order)
            } else {
                Err(order["status"].clone())
            }
        })
        .await
    }
}

/// initData for `user` signed with the bot's `token` as Telegram signs it, for a shop with a
/// real bot token (the sandbox's launch endpoint signs with its own).
pub fn signed_init_data(token: &str, user: i64) -> String {
    signed_init_data_in(token, user, None)
}

/// As [`signed_init_data`], for a user whose Telegram speaks `language_code` (e.g. `fr`).
pub fn signed_init_data_in(token: &str, user: i64, language_code: Option<&str>) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let mut user = json!({ "id": user, "first_name": "Ada" });
    if let Some(code) = language_code {
        user["language_code"] = json!(code);
    }
    let user = user.to_string();
    let pairs = vec![
        ("auth_date".to_owned(), now.to_string()),
        ("user".to_owned(), user),
    ];
    let mut fields = Fields::from_pairs(pairs).unwrap();
    let hash = HmacValidator::new(token, Freshness::default()).sign(&fields);
    fields.set("hash", hash).unwrap();
    fields.to_query()
}

/// Serves the project's fake Telegram on 127.0.0.1:<free port> as a Bot API of its own (what
/// `TELEGRAM_API_URL` names for a shop with a real bot token); returns its base URL.
pub async fn serve_fake_telegram(telegram: &FakeTelegram) -> String {
    serve_bot_api(telegram.router()).await
}

/// Serves `bot_api` (routes `/bot<token>/<method>`, e.g. a fake Telegram's wrapped in a layer)
/// on 127.0.0.1:<free port> under `/tg`; returns that base URL.
pub async fn serve_bot_api(bot_api: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/tg", listener.local_addr().unwrap());
    let app = axum::Router::new().nest("/tg", bot_api);
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    base
}

/// The invoice slug in `https://t.me/$<slug>`.
pub fn slug(checkout: &Value) -> String {
    let link = checkout["invoice_link"].as_str().expect("an invoice link");
    link.strip_prefix("https://t.me/$")
        .expect("Telegram's invoice link form")
        .to_owned()
}

/// A German address for the payment sheet.
pub fn german_address() -> Value {
    json!({ "country_code": "DE", "state": "", "city": "Berlin", "street_line1": "Unter den Linden 1",
            "street_line2": "", "post_code": "10117" })
}

/// A fake Telegram reached over HTTP at `base`: the sandbox's (ending in `/simulator/telegram`)
/// or one served on a port of its own ([`serve_bot_api`]).
pub struct Telegram<'a> {
    pub server: &'a TestServer,
    pub base: String,
}

impl Telegram<'_> {
    /// Asks the bot for shipping options to `address`.
    pub async fn shipping(&self, slug: &str, user: i64, address: Value) -> Value {
        let url = format!("{}/invoices/{slug}/shipping", self.base);
        let response = self
            .server
            .client
            .post(url)
            .json(&json!({ "user_id": user, "shipping_address": address }));
        response.send().await.unwrap().json().await.unwrap()
    }

    /// The invoice as the bot created it (createInvoiceLink's parameters).
    pub async fn invoice(&self, slug: &str) -> Value {
        self.get(&format!("/invoices/{slug}")).await
    }

    /// Presses Pay in the payment sheet; the sheet's outcome.
    pub async fn pay(&self, slug: &str, body: Value) -> Value {
        let url = format!("{}/invoices/{slug}/pay", self.base);
        let response = self.server.client.post(url).json(&body).send().await.unwrap();
        assert!(response.status().is_success(), "{:?}", response.text().await);
        response.json().await.unwrap()
    }

    /// The bot's messages in a chat.
    pub async fn chat(&self, chat_id: i64) -> Vec<Value> {
        self.get(&format!("/chats/{chat_id}"))
            .await
            .as_array()
            .unwrap()
            .clone()
    }

    /// `GET <fake Telegram>/<path>` as JSON: its own pages (`/invoices/…`, `/answers`) and
    /// Bot API methods (`/bot<token>/getMe`).
    pub async fn get(&self, path: &str) -> Value {
        let url = format!("{}{path}", self.base);
        let response = self.server.client.get(url).send().await.unwrap();
        response.json().await.unwrap()
    }

    /// Waits until the chat has `count` messages (the outbox sends after the commit).
    pub async fn wait_for_messages(&self, chat_id: i64, count: usize) -> Vec<Value> {
        let what = format!("chat {chat_id} to get {count} messages");
        wait_until(PATIENCE, &what, async || {
            let messages = self.chat(chat_id).await;
            if messages.len() >= count {
                Ok(messages)
            } else {
                Err(messages)
            }
        })
        .await
    }

    /// `user` writes `text` to the bot in their private chat (an update the shop receives).
    pub async fn write(&self, user: i64, text: &str) {
        let url = format!("{}/chats/{user}/messages", self.base);
        let body = serde_json::json!({ "text": text });
        let response = self.server.client.post(url).json(&body).send().await.unwrap();
        assert!(response.status().is_success(), "{:?}", response.text().await);
    }

    /// The bot's answers to queries, oldest first.
    pub async fn answers(&self) -> Vec<Value> {
        self.get("/answers").await.as_array().unwrap().clone()
    }
}
