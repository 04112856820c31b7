//! The salon's admin API: staff created, changed, archived; a week of hours, days off and
//! blocked times round-tripped; services made of appointment products; the booking rules;
//! each refusal with its code; strangers kept out.

use super::{paris, tuesday_ahead, Salon};
use crate::helpers::merchant::{refused, send};
use crate::helpers::FreshDb;
use serde_json::{json, Value};

crate::on_both_engines!(
    managed,
    the_salon_manages_staff_services_and_rules_on_sqlite,
    the_salon_manages_staff_services_and_rules_on_postgres
);

async fn managed(db: &FreshDb) {
    let salon = Salon::start(db).await;
    let anna = staff_round_trip(&salon).await;
    calendar_round_trip(&salon, anna).await;
    services_round_trip(&salon, anna).await;
    rules_round_trip(&salon).await;
    strangers_are_kept_out(&salon, anna).await;
    salon.stop().await;
}

async fn staff_round_trip(salon: &Salon) -> i64 {
    let body =
        json!({ "name": " Anna ", "photo_url": "https://example.org/anna.jpg", "telegram_user_id": 4242 });
    let (status, anna) = salon.admin("POST", "/api/admin/salon/staff", body).await;
    assert_eq!(status, 201, "{anna}");
    assert_eq!(anna["name"], "Anna");
    let id = anna["id"].as_i64().unwrap();
    for (body, code) in [
        (json!({ "name": "" }), "staff_invalid"),
        (
            json!({ "name": "Anna", "photo_url": "javascript:alert(1)" }),
            "staff_invalid",
        ),
        (json!({ "name": "Anna", "telegram_user_id": -1 }), "staff_invalid"),
    ] {
        let answer = salon.admin("POST", "/api/admin/salon/staff", body).await;
        assert_eq!(refused(&answer), (422, Some(code)), "{answer:?}");
    }
    let path = format!("/api/admin/salon/staff/{id}");
    let (status, changed) = salon
        .admin("PATCH", &path, json!({ "photo_url": null, "name": "Anna K." }))
        .await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(
        (changed["name"].as_str(), &changed["photo_url"]),
        (Some("Anna K."), &Value::Null)
    );
    assert_eq!(changed["telegram_user_id"], 4242, "absent keeps it");
    let (status, archived) = salon.admin("POST", &format!("{path}/archive"), Value::Null).await;
    assert_eq!((status, &archived["archived"]), (200, &json!(true)));
    let (status, back) = salon.admin("PATCH", &path, json!({ "archived": false })).await;
    assert_eq!((status, &back["archived"]), (200, &json!(false)));
    let answer = salon
        .admin("GET", "/api/admin/salon/staff/999999", Value::Null)
        .await;
    assert_eq!(refused(&answer), (404, Some("staff_not_found")));
    let (_, list) = salon.admin("GET", "/api/admin/salon/staff", Value::Null).await;
    assert!(
        list["staff"].as_array().unwrap().iter().any(|s| s["id"] == id),
        "{list}"
    );
    id
}

async fn calendar_round_trip(salon: &Salon, anna: i64) {
    let path = format!("/api/admin/salon/staff/{anna}");
    let week = json!({ "ranges": [
        { "weekday": 2, "start": "13:30", "end": "18:00" },
        { "weekday": 2, "start": "09:00", "end": "12:30" },
        { "weekday": 5, "start": "22:00", "end": "02:00" },
    ] });
    let (status, saved) = salon.admin("PUT", &format!("{path}/hours"), week).await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!(
        saved["hours"],
        json!([
            { "weekday": 2, "start": "09:00", "end": "12:30" },
            { "weekday": 2, "start": "13:30", "end": "18:00" },
            { "weekday": 5, "start": "22:00", "end": "02:00" },
        ])
    );
    for ranges in [
        json!([{ "weekday": 2, "start": "09:00", "end": "12:30" }, { "weekday": 2, "start": "12:00", "end": "13:00" }]),
        json!([{ "weekday": 2, "start": "09:07", "end": "12:30" }]),
        json!([{ "weekday": 8, "start": "09:00", "end": "12:30" }]),
        json!([{ "weekday": 2, "start": "9:00", "end": "12:30" }]),
        json!([{ "weekday": 2, "start": "09:00", "end": "09:00" }]),
    ] {
        let answer = salon
            .admin("PUT", &format!("{path}/hours"), json!({ "ranges": ranges }))
            .await;
        assert_eq!(refused(&answer), (422, Some("working_hours_invalid")), "{ranges}");
    }
    let day = tuesday_ahead();
    let (status, off) = salon
        .admin(
            "POST",
            &format!("{path}/days-off"),
            json!({ "date": day.to_string() }),
        )
        .await;
    assert_eq!((status, &off["days_off"]), (200, &json!([day.to_string()])));
    let answer = salon
        .admin(
            "POST",
            &format!("{path}/days-off"),
            json!({ "date": "next tuesday" }),
        )
        .await;
    assert_eq!(refused(&answer), (422, Some("working_hours_invalid")));
    let (status, on) = salon
        .admin("DELETE", &format!("{path}/days-off/{day}"), Value::Null)
        .await;
    assert_eq!((status, &on["days_off"]), (200, &json!([])));
    let lunch =
        json!({ "starts_at": paris(day, "12:00"), "ends_at": paris(day, "13:00"), "reason": "dentist" });
    let (status, blocked) = salon.admin("POST", &format!("{path}/blocked"), lunch).await;
    assert_eq!(status, 200, "{blocked}");
    assert_eq!(blocked["blocked"][0]["reason"], "dentist");
    let backwards = json!({ "starts_at": paris(day, "13:00"), "ends_at": paris(day, "12:00") });
    let answer = salon.admin("POST", &format!("{path}/blocked"), backwards).await;
    assert_eq!(refused(&answer), (422, Some("working_hours_invalid")));
    let blocked_id = blocked["blocked"][0]["id"].as_i64().unwrap();
    let (status, freed) = salon
        .admin("DELETE", &format!("{path}/blocked/{blocked_id}"), Value::Null)
        .await;
    assert_eq!((status, &freed["blocked"]), (200, &json!([])));
    let answer = salon
        .admin("DELETE", &format!("{path}/blocked/{blocked_id}"), Value::Null)
        .await;
    assert_eq!(refused(&answer), (404, Some("blocked_time_not_found")));
    let answer = salon
        .admin(
            "PUT",
            "/api/admin/salon/staff/999999/hours",
            json!({ "ranges": [] }),
        )
        .await;
    assert_eq!(refused(&answer), (404, Some("staff_not_found")));
}

async fn services_round_trip(salon: &Salon, anna: i64) {
    let (haircut, variants) = salon.product("haircut").await;
    let senior = variants
        .iter()
        .find(|(name, _)| name == "Senior stylist")
        .unwrap()
        .1;
    let (status, saved) = salon.service(haircut, 45, 15, &[(anna, senior)]).await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!(
        (
            saved["duration_minutes"].as_i64(),
            saved["buffer_minutes"].as_i64()
        ),
        (Some(45), Some(15))
    );
    assert_eq!(
        saved["staff"],
        json!([{ "staff_id": anna, "variant_id": senior }])
    );
    let (_, manicure_variants) = salon.product("manicure").await;
    let (parcel, parcel_variants) = salon.product("blue-mug").await;
    let cases = [
        (
            salon.service(haircut, 47, 15, &[(anna, senior)]).await,
            422,
            "service_length_invalid",
        ),
        (
            salon.service(haircut, 45, 300, &[(anna, senior)]).await,
            422,
            "service_length_invalid",
        ),
        (
            salon.service(haircut, 45, 15, &[(999_999, senior)]).await,
            422,
            "staff_not_found",
        ),
        (
            salon
                .service(haircut, 45, 15, &[(anna, manicure_variants[0].1)])
                .await,
            422,
            "variant_not_of_service",
        ),
        (
            salon
                .service(parcel, 45, 15, &[(anna, parcel_variants[0].1)])
                .await,
            422,
            "not_an_appointment_product",
        ),
        (
            salon.service(999_999, 45, 15, &[]).await,
            404,
            "product_not_found",
        ),
    ];
    for (answer, status, code) in cases {
        assert_eq!(refused(&answer), (status, Some(code)), "{answer:?}");
    }
    // An appointment product the salon has not made a service (the demo's two are).
    let (_, haircut_product) = salon
        .admin("GET", &format!("/api/admin/products/{haircut}"), Value::Null)
        .await;
    let (status, beard_trim) = salon
        .admin(
            "POST",
            "/api/admin/products",
            json!({ "category_id": haircut_product["category_id"], "name": "Beard Trim", "currency": "EUR",
                    "fulfilment": "appointment", "variants": [{ "name": "", "price_minor": 1500, "stock": 10 }] }),
        )
        .await;
    assert_eq!(status, 201, "{beard_trim}");
    let path = format!("/api/admin/salon/services/{}", beard_trim["id"]);
    let answer = salon
        .admin("PATCH", &path, json!({ "duration_minutes": 60 }))
        .await;
    assert_eq!(refused(&answer), (404, Some("service_not_found")));
    let path = format!("/api/admin/salon/services/{haircut}");
    let (status, patched) = salon.admin("PATCH", &path, json!({ "buffer_minutes": 10 })).await;
    assert_eq!(status, 200, "{patched}");
    assert_eq!(
        (
            patched["duration_minutes"].as_i64(),
            patched["buffer_minutes"].as_i64()
        ),
        (Some(45), Some(10))
    );
    let (_, list) = salon.admin("GET", "/api/admin/salon/services", Value::Null).await;
    let listed = list["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["product_id"] == haircut);
    assert_eq!(
        listed.map(|s| s["buffer_minutes"].clone()),
        Some(json!(10)),
        "{list}"
    );
}

async fn rules_round_trip(salon: &Salon) {
    let (status, rules) = salon.admin("GET", "/api/admin/salon/rules", Value::Null).await;
    assert_eq!(status, 200);
    assert_eq!(
        rules,
        json!({ "horizon_days": 60, "min_notice_minutes": 120, "step_minutes": 15,
                "self_service_minutes": 1440, "refund_cancellations": true })
    );
    let (status, saved) = salon
        .admin(
            "PUT",
            "/api/admin/salon/rules",
            json!({ "step_minutes": 30, "refund_cancellations": false }),
        )
        .await;
    assert_eq!(status, 200, "{saved}");
    let (_, read) = salon.admin("GET", "/api/admin/salon/rules", Value::Null).await;
    assert_eq!(
        (read["step_minutes"].as_i64(), &read["refund_cancellations"]),
        (Some(30), &json!(false))
    );
    assert_eq!(read["horizon_days"], 60, "absent takes its default");
    for body in [
        json!({ "horizon_days": 0 }),
        json!({ "step_minutes": 7 }),
        json!({ "min_notice_minutes": -1 }),
        json!({ "horizon_days": 1, "min_notice_minutes": 1440 }),
    ] {
        let answer = salon.admin("PUT", "/api/admin/salon/rules", body.clone()).await;
        assert_eq!(refused(&answer), (422, Some("booking_rules_invalid")), "{body}");
    }
    let (status, _) = salon.admin("PUT", "/api/admin/salon/rules", json!({})).await;
    assert_eq!(status, 200, "back to the defaults");
}

async fn strangers_are_kept_out(salon: &Salon, anna: i64) {
    let ada = salon.buyer(1001);
    let path = format!("/api/admin/salon/staff/{anna}/archive");
    for (method, path) in [
        ("GET", "/api/admin/salon/staff"),
        ("POST", path.as_str()),
        ("PUT", "/api/admin/salon/rules"),
        ("GET", "/api/admin/salon/services"),
    ] {
        let answer = send(&salon.server, method, path, json!({}), &ada).await;
        assert!(matches!(answer.0, 401 | 403), "{method} {path}: {answer:?}");
    }
    let (_, anna) = salon
        .admin("GET", &format!("/api/admin/salon/staff/{anna}"), Value::Null)
        .await;
    assert_eq!(anna["archived"], false);
}
