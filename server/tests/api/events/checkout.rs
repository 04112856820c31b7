//! Tickets at checkout: quotas and the event's capacity hold under 200 concurrent buyers
//! (paid and held tickets counted), sales close at their time and by the organiser, each
//! ticket of a named event carries one attendee name, and a ticket type's per-order maximum.

use super::{event, now, Shop, STANDING};
use crate::helpers::FreshDb;
use futures::future::join_all;
use serde_json::{json, Value};

crate::on_both_engines!(
    quotas_and_capacity,
    two_hundred_buyers_never_pass_a_quota_or_the_capacity_on_sqlite,
    two_hundred_buyers_never_pass_a_quota_or_the_capacity_on_postgres
);

crate::on_both_engines!(
    lapsed,
    a_lapsed_order_takes_its_tickets_again_only_within_the_capacity_and_while_on_sale_on_sqlite,
    a_lapsed_order_takes_its_tickets_again_only_within_the_capacity_and_while_on_sale_on_postgres
);

crate::on_both_engines!(
    sales_and_names,
    sales_close_and_named_tickets_take_one_name_each_on_sqlite,
    sales_close_and_named_tickets_take_one_name_each_on_postgres
);

/// `count` buyers from user `first` each check out one ticket of `variant_of(i)` at once; the
/// answers, in buyer order.
async fn rush(shop: &Shop, first: i64, count: i64, variant_of: impl Fn(i64) -> i64) -> Vec<(u16, Value)> {
    let attempts = (0..count).map(|i| {
        let variant = variant_of(i);
        async move { shop.checkout(first + i, &[(variant, 1, &[])], false).await }
    });
    join_all(attempts).await
}

fn won(results: &[(u16, Value)]) -> Vec<usize> {
    results
        .iter()
        .enumerate()
        .filter(|(_, (status, _))| *status == 200)
        .map(|(i, _)| i)
        .collect()
}

async fn quotas_and_capacity(db: &FreshDb) {
    let shop = Shop::start(db).await;
    let category = shop.category().await;
    a_quota_holds(&shop, category).await;
    the_capacity_holds_over_the_quotas(&shop, category).await;
    shop.stop().await;
}

/// 200 buyers for the 10 seats of a type with a quota, in a hall of 100: exactly 10 get one.
async fn a_quota_holds(shop: &Shop, category: i64) {
    let seats = ("Seated", 2800, None, Some(10), None);
    let created = shop
        .create_event(category, "Quota Night", 100, false, &[seats])
        .await;
    let seated = created.types[0];
    let results = rush(shop, 5001, 200, |_| seated).await;
    let won = won(&results);
    assert_eq!(won.len(), 10, "exactly the quota is held");
    let sold_out = results
        .iter()
        .filter(|(s, b)| *s == 409 && b["error"]["code"] == "sold_out")
        .count();
    assert_eq!(sold_out, 190, "everyone else is told it sold out");
    let event = shop.event(created.id).await;
    assert_eq!(
        (event["held"].as_i64(), event["sold"].as_i64()),
        (Some(10), Some(0))
    );
    let (_, page) = shop
        .server
        .get_json(&format!("/api/events/{}", created.id), None)
        .await;
    assert_eq!(page["ticket_types"][0]["available"], 0, "{page}");
    assert_eq!(page["summary"]["availability"], "sold_out", "{page}");
}

/// 200 buyers, half for a type with a quota of 10 and half for one without, in a hall of 25:
/// exactly 25 get one, at most 10 of them seated; paying some keeps the count.
async fn the_capacity_holds_over_the_quotas(shop: &Shop, category: i64) {
    let types = [
        ("Seated", 2800, None, Some(10), None),
        ("Standing", 1800, None, None, None),
    ];
    let created = shop
        .create_event(category, "Capacity Night", 25, false, &types)
        .await;
    let id = created.id;
    let [seated, standing] = created.types[..] else {
        panic!()
    };
    let results = rush(shop, 6001, 200, |i| if i % 2 == 0 { seated } else { standing }).await;
    let won = won(&results);
    assert_eq!(won.len(), 25, "exactly the capacity is held");
    let seats = won.iter().filter(|i| *i % 2 == 0).count();
    assert!(seats <= 10, "{seats} seats held over a quota of 10");
    for i in won.iter().take(5) {
        shop.pay(6001 + *i as i64, &results[*i].1).await;
    }
    let event = shop.event(id).await;
    assert_eq!(
        (event["sold"].as_i64(), event["held"].as_i64()),
        (Some(5), Some(20)),
        "{event}"
    );
    let by_type: Vec<i64> = event["ticket_types"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["sold"].as_i64().unwrap() + t["held"].as_i64().unwrap())
        .collect();
    assert_eq!(by_type, vec![seats as i64, 25 - seats as i64]);
    let (status, answer) = shop.checkout(7000, &[(standing, 1, &[])], false).await;
    assert_eq!(
        (status, answer["error"]["code"].as_str()),
        (409, Some("sold_out")),
        "{answer}"
    );
    let (_, list) = shop.server.get_json("/api/events", None).await;
    let listed = list.as_array().unwrap().iter().find(|e| e["id"] == id).unwrap();
    assert_eq!(listed["availability"], "sold_out", "{listed}");
}

async fn sales_and_names(db: &FreshDb) {
    let shop = Shop::start(db).await;
    let category = shop.category().await;
    sales_close_at_their_time(&shop, category).await;
    the_organiser_closes_sales(&shop, category).await;
    named_tickets_take_one_name_each(&shop, category).await;
    shop.stop().await;
}

async fn sales_close_at_their_time(shop: &Shop, category: i64) {
    let mut body = event(category, "Closed Early", 50, false, &[STANDING]);
    body["sales_close_at"] = json!(now() - 1000);
    let created = shop.create(body).await;
    assert_eq!(created.answer["state"], "sales_closed", "{}", created.answer);
    let (status, answer) = shop.checkout(1001, &[(created.types[0], 1, &[])], false).await;
    assert_eq!(
        (status, answer["error"]["code"].as_str()),
        (409, Some("sales_closed")),
        "{answer}"
    );
    assert!(
        answer["error"]["message"]
            .as_str()
            .unwrap()
            .contains("Closed Early"),
        "{answer}"
    );
    let (_, page) = shop
        .server
        .get_json(&format!("/api/events/{}", created.id), None)
        .await;
    assert_eq!(page["summary"]["availability"], "sales_closed", "{page}");
}

async fn the_organiser_closes_sales(shop: &Shop, category: i64) {
    let limited = ("Standing", 1500, None, Some(5), Some(2));
    let created = shop
        .create_event(category, "Closing Night", 50, false, &[limited])
        .await;
    let (id, standing) = (created.id, created.types[0]);
    let (status, answer) = shop.checkout(1002, &[(standing, 3, &[])], false).await;
    assert_eq!(
        (status, answer["error"]["code"].as_str()),
        (422, Some("over_max_per_order")),
        "{answer}"
    );
    assert_eq!(shop.checkout(1002, &[(standing, 2, &[])], false).await.0, 200);
    let (status, closed) = shop
        .admin(
            "POST",
            &format!("/api/admin/events/{id}/close-sales"),
            json!(null),
        )
        .await;
    assert_eq!(
        (status, closed["state"].as_str()),
        (200, Some("sales_closed")),
        "{closed}"
    );
    assert_eq!(closed["held"], 2, "orders awaiting payment keep their tickets");
    let (status, answer) = shop.checkout(1004, &[(standing, 1, &[])], false).await;
    assert_eq!(
        (status, answer["error"]["code"].as_str()),
        (409, Some("sales_closed")),
        "{answer}"
    );
}

async fn named_tickets_take_one_name_each(shop: &Shop, category: i64) {
    let seats = ("Seated", 2800, None, Some(20), None);
    let created = shop
        .create_event(category, "Named Night", 50, true, &[seats])
        .await;
    let seated = created.types[0];
    let long = "x".repeat(65);
    let refusals: [&[&str]; 4] = [&[], &["Ada"], &["Ada", "  "], &["Ada", &long]];
    for names in refusals {
        let (status, answer) = shop.checkout(1005, &[(seated, 2, names)], false).await;
        assert_eq!(
            (status, answer["error"]["code"].as_str()),
            (422, Some("attendee_names_required")),
            "{names:?}: {answer}"
        );
    }
    let (status, answer) = shop
        .checkout(
            1005,
            &[(seated, 2, &["Ada Lovelace", " Charles Babbage "])],
            false,
        )
        .await;
    assert_eq!(status, 200, "{answer}");
    let order = answer["order_id"].as_i64().unwrap();
    let names: Vec<(i64, String)> =
        sqlx::query_as("SELECT seat, name FROM ticket_attendees WHERE order_id = $1 ORDER BY seat")
            .bind(order)
            .fetch_all(&shop.pool().await)
            .await
            .unwrap();
    assert_eq!(
        names,
        vec![(0, "Ada Lovelace".to_owned()), (1, "Charles Babbage".to_owned())]
    );

    let unnamed = shop
        .create_event(category, "Unnamed Night", 50, false, &[STANDING])
        .await;
    let (status, answer) = shop
        .checkout(1006, &[(unnamed.types[0], 1, &["Ada"])], false)
        .await;
    assert_eq!(
        (status, answer["error"]["code"].as_str()),
        (422, Some("attendee_names_required")),
        "names for unnamed tickets: {answer}"
    );
}

/// Orders whose reservation lapsed, paid for later: the pre-checkout takes their tickets
/// again only if the event's capacity still has room and its sales are open.
async fn lapsed(db: &FreshDb) {
    let shop = Shop::start_with(db, &[("ORDER_RESERVATION_SECS", "1")]).await;
    let category = shop.category().await;
    let small = shop
        .create_event(category, "Small Room", 2, false, &[STANDING])
        .await;
    let standing = small.types[0];
    let (_, ada) = shop.checkout(4001, &[(standing, 2, &[])], false).await;
    let ada_order = ada["order_id"].as_i64().unwrap();
    shop.server
        .wait_for_status(&shop.buyer(4001), ada_order, "expired")
        .await;
    let (status, wei) = shop.checkout(4002, &[(standing, 2, &[])], false).await;
    assert_eq!(status, 200, "the lapsed tickets came back: {wei}");
    shop.pay(4002, &wei).await;
    let sheet = shop.sheet(4001, &ada).await;
    assert_eq!(sheet["status"], "refused", "the room is full: {sheet}");
    assert_eq!(
        shop.server.order(&shop.buyer(4001), ada_order).await["status"],
        "expired"
    );
    let counted = shop.event(small.id).await;
    assert_eq!(
        (counted["sold"].as_i64(), counted["held"].as_i64()),
        (Some(2), Some(0)),
        "{counted}"
    );

    let closing = shop
        .create_event(category, "Closing Room", 20, false, &[STANDING])
        .await;
    let (_, chen) = shop.checkout(4003, &[(closing.types[0], 1, &[])], false).await;
    let chen_order = chen["order_id"].as_i64().unwrap();
    shop.server
        .wait_for_status(&shop.buyer(4003), chen_order, "expired")
        .await;
    let path = format!("/api/admin/events/{}/close-sales", closing.id);
    assert_eq!(shop.admin("POST", &path, json!(null)).await.0, 200);
    let sheet = shop.sheet(4003, &chen).await;
    assert_eq!(sheet["status"], "refused", "sales closed meanwhile: {sheet}");
    shop.stop().await;
}
