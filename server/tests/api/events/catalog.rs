//! An event's product in the storefront's catalog (`GET /api/products`, which the page
//! renders too): marked to open the event's page, where tickets are chosen (dates, venue, a
//! name per ticket), rather than the product page and the cart; and gone once the event is
//! past, as from the list of events.

use super::{now, Shop, DAY, STANDING};
use crate::helpers::FreshDb;
use serde_json::{json, Value};

crate::on_both_engines!(
    events_in_the_catalog,
    an_event_in_the_catalog_opens_its_page_and_leaves_when_past_on_sqlite,
    an_event_in_the_catalog_opens_its_page_and_leaves_when_past_on_postgres
);

async fn events_in_the_catalog(db: &FreshDb) {
    let shop = Shop::start(db).await;
    let category = shop.category().await;
    let id = shop
        .create_event(category, "Late Set", 50, true, &[STANDING])
        .await
        .id;
    let product = |catalog: &Value, id: i64| {
        catalog["products"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == id)
            .cloned()
    };
    let (status, catalog) = shop.server.get_json("/api/products", None).await;
    assert_eq!(status, 200);
    let late_set = product(&catalog, id).expect("an upcoming event is in the catalog");
    assert_eq!(late_set["page"], "event", "{late_set}");
    let pottery = catalog["products"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["slug"] == "pottery-workshop")
        .unwrap();
    assert_eq!(pottery["page"], "product", "not an event: its own page");

    let (status, _) = shop
        .admin(
            "PATCH",
            &format!("/api/admin/events/{id}"),
            json!({ "starts_at": now() - DAY }),
        )
        .await;
    assert_eq!(status, 200);
    let (_, catalog) = shop.server.get_json("/api/products", None).await;
    assert_eq!(product(&catalog, id), None, "a past event leaves the catalog");
    assert!(product(&catalog, pottery["id"].as_i64().unwrap()).is_some());
    shop.stop().await;
}
