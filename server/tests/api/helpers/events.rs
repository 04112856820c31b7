//! FIXTURE SETUP for the vouchers' and the door's tests: events made without the organiser's
//! API (built at the same time on another branch). The ticket product and its ticket types
//! (variants) are created through the merchant's catalog API, as any product; the event's
//! details (`events`), its `ticket_types`, its `event_staff` and the attendees of an order
//! (`ticket_attendees`) are written here with SQL, straight into the tables of migration 0019.
//! Everything else — checkout, payment, refunds, the door — goes through the shop's own API.

use super::{FreshDb, TestServer};
use serde_json::{json, Value};
use sqlx::Connection;

/// An event made by [`TestServer::fixture_event`].
#[derive(Clone, Debug)]
pub struct Event {
    /// The event's id (its ticket product's).
    pub id: i64,
    pub name: String,
    /// Its ticket types' variant ids, in the order given.
    pub types: Vec<i64>,
}

/// What an event is made of.
pub struct EventSpec<'a> {
    pub name: &'a str,
    /// Each ticket type: name, price in euro cents, stock.
    pub types: &'a [(&'a str, i64, i64)],
    /// Whether each ticket carries its attendee's name.
    pub named: bool,
}

/// A connection to the test's database, for fixture SQL (either engine).
pub async fn fixture_sql(fresh: &FreshDb) -> sqlx::AnyConnection {
    sqlx::any::install_default_drivers();
    sqlx::AnyConnection::connect(&fresh.url)
        .await
        .expect("the test database opens")
}

impl TestServer {
    /// FIXTURE: a ticket product with `spec.types` made through the catalog API by `admin` (a
    /// session), then its event row and ticket types written with SQL: a week ahead, at the
    /// Old Harbour, capacity 500, on sale.
    pub async fn fixture_event(&self, fresh: &FreshDb, admin: &str, spec: &EventSpec<'_>) -> Event {
        let (_, list) = self.get_json("/api/admin/categories", Some(admin)).await;
        let category = list["categories"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["slug"] == "tickets")
            .expect("the demo's tickets category")["id"]
            .clone();
        let variants: Vec<Value> = spec
            .types
            .iter()
            .map(|(name, price, stock)| json!({ "name": name, "price_minor": price, "stock": stock }))
            .collect();
        let product = json!({ "category_id": category, "name": spec.name, "description": "An evening of music.",
                              "currency": "EUR", "fulfilment": "ticket", "variants": variants });
        let (status, product) = self.post_json("/api/admin/products", &product, Some(admin)).await;
        assert_eq!(status, 201, "{product}");
        let id = product["id"].as_i64().unwrap();
        let types: Vec<i64> = product["variants"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["id"].as_i64().unwrap())
            .collect();
        insert_event(fresh, id, &types, spec.named).await;
        Event {
            id,
            name: spec.name.to_owned(),
            types,
        }
    }
}

async fn insert_event(fresh: &FreshDb, id: i64, types: &[i64], named: bool) {
    let mut conn = fixture_sql(fresh).await;
    let now = now_ms();
    let starts_at = now + 7 * 24 * 3600 * 1000;
    sqlx::query(
        "INSERT INTO events (product_id, starts_at, ends_at, sales_close_at, venue_name, venue_address,
                             map_url, capacity, named_tickets, state, updated_at)
         VALUES ($1, $2, $3, $2, 'Old Harbour', 'Quay 1, Hamburg', NULL, 500, $4, 'on_sale', $5)",
    )
    .bind(id)
    .bind(starts_at)
    .bind(starts_at + 3 * 3600 * 1000)
    .bind(i64::from(named))
    .bind(now)
    .execute(&mut conn)
    .await
    .unwrap();
    for variant in types {
        sqlx::query("INSERT INTO ticket_types (variant_id, product_id, quota, max_per_order) VALUES ($1, $2, NULL, 10)")
            .bind(variant)
            .bind(id)
            .execute(&mut conn)
            .await
            .unwrap();
    }
    conn.close().await.unwrap();
}

/// FIXTURE: names `user` staff of `event`.
pub async fn fixture_staff(fresh: &FreshDb, event: i64, user: i64) {
    let mut conn = fixture_sql(fresh).await;
    sqlx::query("INSERT INTO event_staff (product_id, user_id) VALUES ($1, $2)")
        .bind(event)
        .bind(user)
        .execute(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
}

/// FIXTURE: the attendees of order `order`'s line of `variant`, seat 0, 1, … — unless the
/// checkout wrote them already (where it keeps the attendees it was sent).
pub async fn fixture_attendees(fresh: &FreshDb, order: i64, variant: i64, names: &[&str]) {
    let mut conn = fixture_sql(fresh).await;
    for (seat, name) in names.iter().enumerate() {
        sqlx::query(
            "INSERT INTO ticket_attendees (order_id, variant_id, seat, name) VALUES ($1, $2, $3, $4)
             ON CONFLICT (order_id, variant_id, seat) DO NOTHING",
        )
        .bind(order)
        .bind(variant)
        .bind(seat as i64)
        .bind(*name)
        .execute(&mut conn)
        .await
        .unwrap();
    }
    conn.close().await.unwrap();
}

fn now_ms() -> i64 {
    let since = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap();
    since.as_millis() as i64
}
