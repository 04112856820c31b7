//! The organiser's API: an event created with its ticket types and read back, the input it
//! refuses (each with its code), a change of details and of a ticket type's rules (never below
//! what is sold and held), the door staff, the settings events need, strangers kept out, and
//! the storefront's list that past events leave.

use super::{event, now, Created, Shop, DAY, STANDING};
use crate::helpers::merchant::refused;
use crate::helpers::FreshDb;
use serde_json::{json, Value};

crate::on_both_engines!(
    organised,
    the_organiser_creates_changes_and_staffs_events_on_sqlite,
    the_organiser_creates_changes_and_staffs_events_on_postgres
);

async fn organised(db: &FreshDb) {
    let shop = Shop::start(db).await;
    let category = shop.category().await;
    bad_input_is_refused_with_its_code(&shop, category).await;
    let created = created_and_listed(&shop, category).await;
    details_and_rules_change(&shop, &created).await;
    staff_is_replaced(&shop, &created).await;
    settings_for_events(&shop).await;
    past_events_leave_the_storefront(&shop, category).await;
    strangers_are_kept_out(&shop, &created).await;
    shop.stop().await;
}

async fn bad_input_is_refused_with_its_code(shop: &Shop, category: i64) {
    let good = || event(category, "Refused Night", 10, false, &[STANDING]);
    let cases: Vec<(&str, Value, &str)> = vec![
        ("capacity", json!(0), "bad_capacity"),
        ("capacity", json!(1_000_001), "bad_capacity"),
        ("starts_at", json!(5), "bad_event_times"),
        ("ends_at", json!(now()), "bad_event_times"),
        ("sales_close_at", json!(now() + 30 * DAY), "bad_event_times"),
        (
            "venue",
            json!({ "name": "", "address": "Somewhere 1" }),
            "bad_venue",
        ),
        (
            "venue",
            json!({ "name": "Hall", "address": "Somewhere 1", "map_url": "http://maps.example/x" }),
            "bad_map_url",
        ),
        (
            "venue",
            json!({ "name": "Hall", "address": "Somewhere 1", "map_url": "javascript:alert(1)" }),
            "bad_map_url",
        ),
        ("ticket_types", json!([]), "bad_ticket_types"),
        (
            "ticket_types",
            json!([{ "name": "A", "price_minor": 100, "quota": -1 }]),
            "bad_quota",
        ),
        (
            "ticket_types",
            json!([{ "name": "A", "price_minor": 100, "max_per_order": 0 }]),
            "bad_max_per_order",
        ),
        (
            "ticket_types",
            json!([{ "name": "", "price_minor": 100 }]),
            "bad_ticket_types",
        ),
        (
            "ticket_types",
            json!([{ "name": "A", "price_minor": 0 }]),
            "bad_price_minor",
        ),
        ("name", json!(""), "bad_name"),
        ("currency", json!("EURO"), "bad_currency"),
    ];
    for (field, value, code) in cases {
        let mut body = good();
        body[field] = value.clone();
        let answer = shop.admin("POST", "/api/admin/events", body).await;
        assert_eq!(
            refused(&answer),
            (422, Some(code)),
            "{field} = {value}: {}",
            answer.1
        );
    }
    let mut body = good();
    body["category_id"] = json!(999_999);
    let answer = shop.admin("POST", "/api/admin/events", body).await;
    assert_eq!(refused(&answer), (422, Some("bad_category_id")), "{}", answer.1);
}

async fn created_and_listed(shop: &Shop, category: i64) -> Created {
    let body = event(
        category,
        "Organised Night",
        30,
        true,
        &[
            ("Standing", 1800, Some(90), None, None),
            ("VIP", 6500, None, Some(4), Some(2)),
        ],
    );
    let created = shop.create(body.clone()).await;
    let (id, answer) = (created.id, &created.answer);
    assert_eq!(answer["state"], "on_sale");
    assert_eq!(
        answer["sales_close_at"], body["starts_at"],
        "sales close at the start by default"
    );
    assert_eq!(answer["time_zone"], "UTC");
    assert_eq!(answer["capacity"], 30);
    assert_eq!(answer["named_tickets"], true);
    let tiers: Vec<(String, Value, i64)> = answer["ticket_types"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["name"].as_str().unwrap().to_owned(),
                t["quota"].clone(),
                t["max_per_order"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        tiers,
        vec![
            ("Standing".to_owned(), Value::Null, 10),
            ("VIP".to_owned(), json!(4), 2)
        ]
    );
    assert_eq!(answer["ticket_types"][0]["stars_label"], "⭐ 90", "{answer}");
    let again = shop.create(body).await;
    assert_ne!(again.id, id, "a second event of the same name is its own");
    let (status, list) = shop.admin("GET", "/api/admin/events", json!(null)).await;
    assert_eq!(status, 200);
    assert!(list["events"].as_array().unwrap().iter().any(|e| e["id"] == id));
    let (status, page) = shop.server.get_json(&format!("/api/events/{id}"), None).await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(page["summary"]["from_price_label"], "18,00 €");
    assert_eq!(page["summary"]["price_varies"], true);
    assert_eq!(page["named_tickets"], true);
    assert_eq!(page["ticket_types"][1]["available"], 4);
    assert_eq!(page["ticket_types"][0]["available"], 30);
    assert_eq!(
        page["summary"]["venue"]["map_url"],
        "https://www.openstreetmap.org/?mlat=53.54"
    );
    created
}

async fn details_and_rules_change(shop: &Shop, created: &Created) {
    let id = created.id;
    let [standing, vip] = created.types[..] else {
        panic!()
    };
    let path = format!("/api/admin/events/{id}");
    let starts = created.answer["starts_at"].as_i64().unwrap() + DAY;
    let change =
        json!({ "starts_at": starts, "capacity": 10, "venue": { "name": "New Hall", "address": "Elbe 2" } });
    let (status, changed) = shop.admin("PATCH", &path, change).await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(
        (changed["starts_at"].as_i64(), changed["sales_close_at"].as_i64()),
        (Some(starts), Some(starts))
    );
    assert_eq!(
        (changed["capacity"].as_i64(), changed["venue"]["name"].as_str()),
        (Some(10), Some("New Hall"))
    );
    let answer = shop.admin("PATCH", &path, json!({ "ends_at": starts - 1 })).await;
    assert_eq!(refused(&answer), (422, Some("bad_event_times")));
    let answer = shop.admin("PATCH", &path, json!({ "capacity": 0 })).await;
    assert_eq!(refused(&answer), (422, Some("bad_capacity")));

    let (status, answer) = shop.checkout(2001, &[(vip, 2, &["Ada", "Wei"])], false).await;
    assert_eq!(status, 200, "{answer}");
    let (_, answer) = shop
        .checkout(
            2002,
            &[(standing, 9, &["A", "B", "C", "D", "E", "F", "G", "H", "I"])],
            false,
        )
        .await;
    assert_eq!(
        answer["error"]["code"], "sold_out",
        "8 of 10 left once 2 are held: {answer}"
    );
    let rules = format!("/api/admin/events/{id}/ticket-types/{vip}");
    let answer = shop
        .admin("PUT", &rules, json!({ "quota": 1, "max_per_order": 2 }))
        .await;
    assert_eq!(
        refused(&answer),
        (409, Some("below_sold")),
        "2 VIP tickets are held"
    );
    let answer = shop.admin("PATCH", &path, json!({ "capacity": 1 })).await;
    assert_eq!(refused(&answer), (409, Some("below_sold")));
    let (status, ruled) = shop
        .admin("PUT", &rules, json!({ "quota": 2, "max_per_order": 1 }))
        .await;
    assert_eq!(status, 200, "{ruled}");
    assert_eq!(
        (
            ruled["ticket_types"][1]["quota"].as_i64(),
            ruled["ticket_types"][1]["held"].as_i64()
        ),
        (Some(2), Some(2))
    );
    let answer = shop
        .admin("PUT", &rules, json!({ "quota": 2, "max_per_order": 100 }))
        .await;
    assert_eq!(refused(&answer), (422, Some("bad_max_per_order")));
    let answer = shop
        .admin(
            "PUT",
            &format!("/api/admin/events/{id}/ticket-types/999999"),
            json!({ "quota": null, "max_per_order": 1 }),
        )
        .await;
    assert_eq!(refused(&answer), (404, Some("ticket_type_not_found")));
    let answer = shop
        .admin("PATCH", "/api/admin/events/999999", json!({ "capacity": 5 }))
        .await;
    assert_eq!(refused(&answer), (404, Some("event_not_found")));
}

async fn staff_is_replaced(shop: &Shop, created: &Created) {
    let path = format!("/api/admin/events/{}/staff", created.id);
    let (status, staff) = shop
        .admin("PUT", &path, json!({ "staff": [3003, 3001, 3003] }))
        .await;
    assert_eq!((status, staff), (200, json!({ "staff": [3001, 3003] })));
    let (_, event) = shop
        .admin("GET", &format!("/api/admin/events/{}", created.id), json!(null))
        .await;
    assert_eq!(event["staff"], json!([3001, 3003]));
    let (status, staff) = shop.admin("PUT", &path, json!({ "staff": [3002] })).await;
    assert_eq!((status, staff), (200, json!({ "staff": [3002] })));
    let answer = shop.admin("PUT", &path, json!({ "staff": [-5] })).await;
    assert_eq!(refused(&answer), (422, Some("bad_staff")));
    let answer = shop
        .admin("PUT", "/api/admin/events/999999/staff", json!({ "staff": [] }))
        .await;
    assert_eq!(refused(&answer), (404, Some("event_not_found")));
}

async fn settings_for_events(shop: &Shop) {
    let path = "/api/admin/settings/shop";
    let body = json!({ "name": "Harbour Tickets", "currency": "EUR", "time_zone": "Europe/Berlin", "mini_app_short_name": "tickets_app" });
    let (status, saved) = shop.admin("PUT", path, body).await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!(
        (saved["time_zone"].as_str(), saved["mini_app_short_name"].as_str()),
        (Some("Europe/Berlin"), Some("tickets_app"))
    );
    let (_, kept) = shop
        .admin(
            "PUT",
            path,
            json!({ "name": "Harbour Tickets", "currency": "EUR" }),
        )
        .await;
    assert_eq!(kept["time_zone"], "Europe/Berlin", "absent keeps it: {kept}");
    assert_eq!(kept["mini_app_short_name"], "tickets_app");
    for (field, bad, code) in [
        ("time_zone", "Mars/Olympus", "bad_time_zone"),
        ("mini_app_short_name", "no", "bad_mini_app_short_name"),
        ("mini_app_short_name", "has space", "bad_mini_app_short_name"),
    ] {
        let mut body = json!({ "name": "Harbour Tickets", "currency": "EUR" });
        body[field] = json!(bad);
        let answer = shop.admin("PUT", path, body).await;
        assert_eq!(refused(&answer), (422, Some(code)), "{field} {bad}");
    }
    let (_, settings) = shop.admin("GET", "/api/admin/settings", json!(null)).await;
    assert_eq!(settings["shop"]["time_zone"], "Europe/Berlin");
    let (_, list) = shop.server.get_json("/api/events", None).await;
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .all(|e| e["time_zone"] == "Europe/Berlin"),
        "{list}"
    );
}

async fn past_events_leave_the_storefront(shop: &Shop, category: i64) {
    let id = shop
        .create_event(category, "Soon Over", 10, false, &[STANDING])
        .await
        .id;
    let listed = |list: &Value| list.as_array().unwrap().iter().any(|e| e["id"] == id);
    let (_, list) = shop.server.get_json("/api/events", None).await;
    assert!(listed(&list));
    let (status, _) = shop
        .admin(
            "PATCH",
            &format!("/api/admin/events/{id}"),
            json!({ "starts_at": now() - DAY }),
        )
        .await;
    assert_eq!(status, 200, "a started event without an end is past");
    let (_, list) = shop.server.get_json("/api/events", None).await;
    assert!(!listed(&list), "{list}");
    let (status, page) = shop.server.get_json(&format!("/api/events/{id}"), None).await;
    assert_eq!(
        (status, page["error"]["code"].as_str()),
        (404, Some("event_not_found"))
    );
    let (status, _) = shop
        .admin(
            "PATCH",
            &format!("/api/admin/events/{id}"),
            json!({ "ends_at": now() + DAY }),
        )
        .await;
    assert_eq!(status, 200);
    let (_, list) = shop.server.get_json("/api/events", None).await;
    assert!(listed(&list), "started but not ended: still on");
    let (_, ids) = shop.server.get_json("/api/products", None).await;
    let pottery = ids["products"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["slug"] == "pottery-workshop")
        .unwrap();
    let (status, page) = shop
        .server
        .get_json(&format!("/api/events/{}", pottery["id"]), None)
        .await;
    assert_eq!(
        (status, page["error"]["code"].as_str()),
        (404, Some("event_not_found")),
        "not an event"
    );
    let (_, page) = shop.server.get_json("/api/events/nope", None).await;
    assert_eq!(page["error"]["code"], "id_malformed");
}

async fn strangers_are_kept_out(shop: &Shop, created: &Created) {
    let ada = shop.buyer(1001);
    let path = format!("/api/admin/events/{}/cancel", created.id);
    let answer = crate::helpers::merchant::send(&shop.server, "POST", &path, json!(null), &ada).await;
    assert!(matches!(answer.0, 401 | 403), "{answer:?}");
    let answer =
        crate::helpers::merchant::send(&shop.server, "GET", "/api/admin/events", json!(null), &ada).await;
    assert!(matches!(answer.0, 401 | 403), "{answer:?}");
    assert_eq!(shop.event(created.id).await["state"], "on_sale");
}
