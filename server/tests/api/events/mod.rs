//! Black-box tests of events (issue #17), each on SQLite and PostgreSQL: tickets within their
//! quotas and the event's capacity under 200 concurrent buyers, sales closing, attendees'
//! names and the per-order maximum (`checkout`); the organiser's API, its validation, staff,
//! settings and the storefront's list (`organiser`); cancelling with refunds (`cancel`); and
//! publishing to a channel (`publish`).
//!
//! The shop runs with a bot token of the tests' own against the project's fake Telegram on
//! its own port (so the tests sign initData for any user), wrapped in [`Channels`]: the
//! channels the bot may or may not post in, and the posts it made there.

mod cancel;
mod catalog;
mod checkout;
mod organiser;
mod publish;

use crate::helpers::merchant::CAMILLE;
use crate::helpers::shopper::{serve_bot_api, signed_init_data, slug, Telegram};
use crate::helpers::{FreshDb, TestServer};
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};
use server::simulator::telegram::FakeTelegram;
use std::sync::{Arc, Mutex};

pub const TOKEN: &str = "777017:EVENTS-TEST-TOKEN";
/// A channel where the bot is an administrator that may post.
pub const CHANNEL: &str = "@jazz_lovers";
pub const CHANNEL_ID: i64 = -1_001_700_000_017;
/// A channel where the bot is a plain member.
pub const NOT_ADMIN: &str = "@bot_is_member";
/// A chat Telegram does not know.
pub const UNKNOWN_CHAT: &str = "@no_such_chat";
/// Days in unix milliseconds.
pub const DAY: i64 = 86_400_000;

/// The shop and what the tests need around it.
pub struct Shop {
    pub server: TestServer,
    pub base: String,
    /// Camille's admin session.
    pub admin: String,
    pub channels: Channels,
    _telegram: FakeTelegram,
    /// The shop's database, for what its API does not show.
    pub db_url: String,
    /// Where uploaded photos go (`UPLOAD_DIR`), removed with the shop.
    _uploads: tempfile::TempDir,
}

/// The channel methods the fake Telegram leaves to the tests: getChatMember answered by
/// [`CHANNEL`], [`NOT_ADMIN`] and [`UNKNOWN_CHAT`], and the posts made there (sendPhoto's
/// multipart fields, with the photo's size; sendMessage's parameters).
#[derive(Clone, Default)]
pub struct Channels {
    pub posts: Arc<Mutex<Vec<(String, Value)>>>,
}

impl Shop {
    /// A shop on `db` with Camille as its admin and a card payment provider.
    pub async fn start(db: &FreshDb) -> Shop {
        Self::start_with(db, &[]).await
    }

    /// As [`Shop::start`], with `extra` variables.
    pub async fn start_with(db: &FreshDb, extra: &[(&str, &str)]) -> Shop {
        let telegram = FakeTelegram::new(TOKEN);
        let channels = Channels::default();
        let router = telegram.router().layer(axum::middleware::from_fn_with_state(
            channels.clone(),
            channel_methods,
        ));
        let base = serve_bot_api(router).await;
        let uploads = tempfile::tempdir().unwrap();
        let upload_dir = uploads.path().to_str().unwrap().to_owned();
        let mut vars = vec![
            ("UPLOAD_DIR", upload_dir.as_str()),
            ("BOT_TOKEN", TOKEN),
            ("TELEGRAM_API_URL", base.as_str()),
            ("PAYMENT_PROVIDER_TOKEN", "1:TEST:events-provider"),
            ("ADMIN_USER_IDS", "1003"),
        ];
        vars.extend_from_slice(extra);
        let server = TestServer::start_with(&db.url, &vars).await;
        let admin = server.admin_session_with(&signed_init_data(TOKEN, CAMILLE)).await;
        Shop {
            server,
            base,
            admin,
            channels,
            _telegram: telegram,
            db_url: db.url.clone(),
            _uploads: uploads,
        }
    }

    /// A connection pool of the test's own on the shop's database.
    pub async fn pool(&self) -> sqlx::AnyPool {
        sqlx::any::install_default_drivers();
        sqlx::any::AnyPoolOptions::new()
            .max_connections(1)
            .connect(&self.db_url)
            .await
            .unwrap()
    }

    /// initData of Telegram user `user`.
    pub fn buyer(&self, user: i64) -> String {
        signed_init_data(TOKEN, user)
    }

    /// The fake Telegram's payment sheets and chats.
    pub fn tg(&self) -> Telegram<'_> {
        Telegram {
            server: &self.server,
            base: self.base.clone(),
        }
    }

    /// `method path` with `body` as Camille.
    pub async fn admin(&self, method: &str, path: &str, body: Value) -> (u16, Value) {
        crate::helpers::merchant::send(&self.server, method, path, body, &self.admin).await
    }

    /// Creates an event from `body` (see [`event`]).
    pub async fn create(&self, body: Value) -> Created {
        let (status, answer) = self.admin("POST", "/api/admin/events", body).await;
        assert_eq!(status, 201, "{answer}");
        Created {
            id: answer["id"].as_i64().unwrap(),
            types: types(&answer),
            answer,
        }
    }

    /// Creates the event [`event`] makes of these, the setup most tests start from.
    pub async fn create_event(
        &self,
        category: i64,
        name: &str,
        capacity: i64,
        named: bool,
        ticket_types: &[TicketTypeSpec<'_>],
    ) -> Created {
        self.create(event(category, name, capacity, named, ticket_types))
            .await
    }

    /// The event as the organiser sees it.
    pub async fn event(&self, id: i64) -> Value {
        let (status, event) = self
            .admin("GET", &format!("/api/admin/events/{id}"), json!(null))
            .await;
        assert_eq!(status, 200, "{event}");
        event
    }

    /// Checks out `lines` (`[(variant, quantity, names)]`) as `user`, in euros or in Stars.
    pub async fn checkout(&self, user: i64, lines: &[(i64, i64, &[&str])], stars: bool) -> (u16, Value) {
        let lines: Vec<Value> = lines
            .iter()
            .map(|(variant, quantity, names)| json!({ "variant_id": variant, "quantity": quantity, "attendees": names }))
            .collect();
        let body = json!({ "lines": lines, "pay_in_stars": stars });
        self.server
            .post_json("/api/checkout", &body, Some(&self.buyer(user)))
            .await
    }

    /// Presses Pay for checkout `answer` as `user` in the fake payment sheet; its outcome.
    pub async fn sheet(&self, user: i64, answer: &Value) -> Value {
        let info = json!({ "name": "Ada Lovelace", "email": "ada@example.org" });
        self.tg()
            .pay(&slug(answer), json!({ "user_id": user, "order_info": info }))
            .await
    }

    /// Pays checkout `answer` as `user` in the fake payment sheet; waits until it is paid.
    pub async fn pay(&self, user: i64, answer: &Value) {
        let sheet = self.sheet(user, answer).await;
        assert_eq!(sheet["status"], "paid", "{sheet}");
        let id = answer["order_id"].as_i64().unwrap();
        self.server.wait_for_status(&self.buyer(user), id, "paid").await;
    }

    /// The id of the first category (where new events go).
    pub async fn category(&self) -> i64 {
        let (_, list) = self.admin("GET", "/api/admin/categories", json!(null)).await;
        list["categories"][0]["id"].as_i64().unwrap()
    }

    pub async fn stop(self) {
        self.server.stop().await;
    }
}

/// Unix milliseconds now.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

/// A ticket type to create: `(name, price in cents, Stars price, quota, max per order)`.
pub type TicketTypeSpec<'a> = (&'a str, i64, Option<i64>, Option<i64>, Option<i64>);

/// The plainest ticket type: 15,00 €, no Stars price, no quota, the default maximum per order.
pub const STANDING: TicketTypeSpec<'static> = ("Standing", 1500, None, None, None);

/// An event the organiser created: its id, its ticket types' variant ids in order, and the
/// whole answer.
pub struct Created {
    pub id: i64,
    pub types: Vec<i64>,
    pub answer: Value,
}

/// A `POST /api/admin/events` body: `name` in `category`, starting in a week, with
/// `capacity` and `ticket_types` (`[(name, price, stars, quota, max per order)]`).
pub fn event(
    category: i64,
    name: &str,
    capacity: i64,
    named: bool,
    ticket_types: &[TicketTypeSpec<'_>],
) -> Value {
    let types: Vec<Value> = ticket_types
        .iter()
        .map(|(name, price, stars, quota, max)| {
            json!({ "name": name, "price_minor": price, "stars_price": stars, "quota": quota, "max_per_order": max })
        })
        .collect();
    json!({
        "category_id": category,
        "name": name,
        "description": "An evening of <b>jazz</b> & friends.",
        "currency": "EUR",
        "starts_at": now() + 7 * DAY,
        "venue": { "name": "Old Harbour Hall", "address": "Hafenstraße 1, Hamburg",
                   "map_url": "https://www.openstreetmap.org/?mlat=53.54" },
        "capacity": capacity,
        "named_tickets": named,
        "ticket_types": types,
    })
}

/// The ticket types' variant ids of an organiser's event, in order.
fn types(event: &Value) -> Vec<i64> {
    event["ticket_types"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["variant_id"].as_i64().unwrap())
        .collect()
}

/// The fake Telegram's side of channels: see [`Channels`].
async fn channel_methods(State(channels): State<Channels>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let method = path.rsplit('/').next().unwrap_or_default().to_owned();
    match method.as_str() {
        "getChatMember" => {
            let params = json_params(request).await;
            chat_member(&params["chat_id"])
        }
        "sendPhoto" => {
            let mut form = Multipart::from_request(request, &()).await.unwrap();
            let mut fields = serde_json::Map::new();
            while let Some(field) = form.next_field().await.unwrap() {
                let name = field.name().unwrap_or_default().to_owned();
                let file = field.file_name().map(str::to_owned);
                let bytes = field.bytes().await.unwrap();
                let value = match file {
                    Some(file) => json!({ "file_name": file, "bytes": bytes.len() }),
                    None => Value::String(String::from_utf8_lossy(&bytes).into_owned()),
                };
                fields.insert(name, value);
            }
            let params = Value::Object(fields);
            channels.posts.lock().unwrap().push((method, params));
            posted()
        }
        "sendMessage" => {
            let (parts, body) = request.into_parts();
            let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap();
            let params: Value = serde_json::from_slice(&bytes).unwrap_or_default();
            if params["chat_id"] == CHANNEL {
                channels.posts.lock().unwrap().push((method, params));
                return posted();
            }
            next.run(Request::from_parts(parts, axum::body::Body::from(bytes)))
                .await
        }
        _ => next.run(request).await,
    }
}

async fn json_params(request: Request) -> Value {
    let bytes = axum::body::to_bytes(request.into_body(), usize::MAX)
        .await
        .unwrap();
    serde_json::from_slice(&bytes).unwrap_or_default()
}

/// getChatMember's answer for the bot in `chat`.
fn chat_member(chat: &Value) -> Response {
    let status = match chat.as_str() {
        Some(CHANNEL) => "administrator",
        Some(NOT_ADMIN) => "member",
        _ => {
            let refused =
                json!({ "ok": false, "error_code": 400, "description": "Bad Request: chat not found" });
            return (axum::http::StatusCode::BAD_REQUEST, axum::Json(refused)).into_response();
        }
    };
    let member = json!({ "status": status, "user": { "id": 777017, "is_bot": true, "first_name": "Shop" },
                         "can_post_messages": status == "administrator" });
    axum::Json(json!({ "ok": true, "result": member })).into_response()
}

fn posted() -> Response {
    let message = json!({ "message_id": 42, "date": 1, "chat": { "id": CHANNEL_ID, "type": "channel" } });
    axum::Json(json!({ "ok": true, "result": message })).into_response()
}
