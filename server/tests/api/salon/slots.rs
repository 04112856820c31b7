//! Free times against hand-worked calendars, in Europe/Paris with the default rules (60 days
//! ahead, 2 hours' notice, a 15-minute step): Anna works Tue 09:00–12:30 and 13:30–18:00 and
//! the haircut takes 45 minutes and 15 of buffer, so a morning start ends by 12:30 (last
//! 11:45) and an afternoon one by 18:00 (last 17:15), the buffers running past closing. A
//! blocked time and a day off remove slots; "anyone" merges Anna with Malik; the date strip
//! lists the dates with any.

use super::{paris, tuesday_ahead, Salon};
use crate::helpers::merchant::refused;
use crate::helpers::FreshDb;
use jiff::ToSpan;
use serde_json::{json, Value};

crate::on_both_engines!(
    free_times,
    free_times_follow_hours_blocked_times_days_off_and_staff_on_sqlite,
    free_times_follow_hours_blocked_times_days_off_and_staff_on_postgres
);

async fn free_times(db: &FreshDb) {
    let salon = Salon::start(db).await;
    let anna = salon
        .staff("Anna", &[(2, "09:00", "12:30"), (2, "13:30", "18:00")])
        .await;
    let (haircut, variants) = salon.product("haircut").await;
    let variant = |name: &str| variants.iter().find(|(n, _)| n == name).unwrap().1;
    let (status, saved) = salon
        .service(haircut, 45, 15, &[(anna, variant("Senior stylist"))])
        .await;
    assert_eq!(status, 200, "{saved}");
    let day = tuesday_ahead();
    let slots = |staff: Option<i64>| {
        let staff = staff.map(|id| format!("&staff={id}")).unwrap_or_default();
        format!("/api/services/{haircut}/slots?date={day}{staff}")
    };

    let morning = [
        "09:00", "09:15", "09:30", "09:45", "10:00", "10:15", "10:30", "10:45", "11:00", "11:15", "11:30",
        "11:45",
    ];
    let early_afternoon = ["13:30", "13:45", "14:00", "14:15"];
    let middle = ["14:30", "14:45", "15:00", "15:15", "15:30", "15:45"];
    let late_afternoon = ["16:00", "16:15", "16:30", "16:45", "17:00", "17:15"];
    let whole_day: Vec<&str> = [&morning[..], &early_afternoon, &middle, &late_afternoon].concat();
    let answer = get(&salon, &slots(Some(anna))).await;
    assert_eq!(times(&answer), whole_day);
    assert_eq!(answer["time_zone"], "Europe/Paris");
    assert_eq!(answer["slots"][0]["starts_at"], paris(day, "09:00"));
    assert_eq!(answer["slots"][0]["staff"], json!([anna]));

    // A blocked 15:00–16:00: a 45-minute service ends by 15:00 or starts from 16:00.
    let path = format!("/api/admin/salon/staff/{anna}/blocked");
    let block =
        json!({ "starts_at": paris(day, "15:00"), "ends_at": paris(day, "16:00"), "reason": "training" });
    let (status, blocked) = salon.admin("POST", &path, block).await;
    assert_eq!(status, 200, "{blocked}");
    let without_block: Vec<&str> = [&morning[..], &early_afternoon, &late_afternoon].concat();
    assert_eq!(times(&get(&salon, &slots(Some(anna))).await), without_block);
    let id = blocked["blocked"][0]["id"].as_i64().unwrap();
    salon.admin("DELETE", &format!("{path}/{id}"), Value::Null).await;

    // Malik works 11:00–14:00: anyone merges them, naming both where both are free.
    let malik = salon.staff("Malik", &[(2, "11:00", "14:00")]).await;
    let staff = [
        (anna, variant("Senior stylist")),
        (malik, variant("Junior stylist")),
    ];
    let (status, _) = salon.service(haircut, 45, 15, &staff).await;
    assert_eq!(status, 200);
    let anyone = get(&salon, &slots(None)).await;
    let both = |time: &str| -> Vec<i64> {
        let at = ["11:00", "11:15", "11:30", "11:45"].contains(&time);
        let anna_only = morning.contains(&time) || time >= "13:30";
        match (at, anna_only) {
            (true, _) => vec![anna, malik],
            (false, true) => vec![anna],
            (false, false) => vec![malik],
        }
    };
    let malik_only = ["12:00", "12:15", "12:30", "12:45", "13:00", "13:15"];
    let mut expected: Vec<&str> = [
        &morning[..],
        &malik_only,
        &early_afternoon,
        &middle,
        &late_afternoon,
    ]
    .concat();
    expected.sort();
    assert_eq!(times(&anyone), expected);
    for slot in anyone["slots"].as_array().unwrap() {
        let time = slot["time"].as_str().unwrap();
        assert_eq!(slot["staff"], json!(both(time)), "{time}");
    }
    assert_eq!(
        times(&get(&salon, &slots(Some(malik))).await),
        [&morning[8..], &malik_only].concat()
    );

    // The services list shows who performs the haircut at which price.
    let (_, services) = salon.server.get_json("/api/services", None).await;
    let listed = services
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == haircut)
        .unwrap();
    assert_eq!(listed["duration_minutes"], 45);
    assert_eq!(listed["price_varies"], true);
    let names: Vec<&str> = listed["staff"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Anna", "Malik"]);

    // Anna's day off: none of hers that day, so the strip skips it for her but keeps the next
    // Tuesday; for anyone, Malik still works it.
    let path = format!("/api/admin/salon/staff/{anna}/days-off");
    salon
        .admin("POST", &path, json!({ "date": day.to_string() }))
        .await;
    assert!(times(&get(&salon, &slots(Some(anna))).await).is_empty());
    let strip = get(&salon, &format!("/api/services/{haircut}/dates?staff={anna}")).await;
    let dates: Vec<&str> = strip["dates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap())
        .collect();
    let next = day.checked_add(7.days()).unwrap().to_string();
    assert!(!dates.contains(&day.to_string().as_str()), "{dates:?}");
    assert!(dates.contains(&next.as_str()), "{dates:?}");
    for date in &dates {
        let date: jiff::civil::Date = date.parse().unwrap();
        assert_eq!(date.weekday(), jiff::civil::Weekday::Tuesday, "{dates:?}");
    }
    let strip = get(&salon, &format!("/api/services/{haircut}/dates")).await;
    assert!(
        strip["dates"]
            .as_array()
            .unwrap()
            .contains(&json!(day.to_string())),
        "{strip}"
    );

    // Questions the API refuses.
    let answer = salon
        .server
        .get_json(&format!("/api/services/{haircut}/slots?date=tuesday"), None)
        .await;
    assert_eq!(refused(&answer), (400, Some("bad_date")));
    let answer = salon
        .server
        .get_json(
            &format!("/api/services/{haircut}/slots?date={day}&staff=999999"),
            None,
        )
        .await;
    assert_eq!(refused(&answer), (404, Some("staff_not_found")));
    let (blue_mug, _) = salon.product("blue-mug").await;
    let answer = salon
        .server
        .get_json(&format!("/api/services/{blue_mug}/dates"), None)
        .await;
    assert_eq!(refused(&answer), (404, Some("service_not_found")));
    salon.stop().await;
}

async fn get(salon: &Salon, path: &str) -> Value {
    let (status, answer) = salon.server.get_json(path, None).await;
    assert_eq!(status, 200, "{path}: {answer}");
    answer
}

fn times(answer: &Value) -> Vec<&str> {
    answer["slots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["time"].as_str().unwrap())
        .collect()
}

crate::on_both_engines!(
    the_demo_salon,
    a_new_shop_offers_the_demo_salon_s_haircut_with_free_times_on_sqlite,
    a_new_shop_offers_the_demo_salon_s_haircut_with_free_times_on_postgres
);

/// A merchant's first start: the demo's haircut is a service Anna and Malik perform at their
/// own prices, with free dates ahead and free times on the first of them.
async fn the_demo_salon(db: &FreshDb) {
    let salon = Salon::start(db).await;
    let (_, services) = salon.server.get_json("/api/services", None).await;
    let haircut = services
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Haircut & Styling (45 min)")
        .unwrap_or_else(|| panic!("{services}"));
    let staff: Vec<(&str, &str)> = haircut["staff"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["name"].as_str().unwrap(), s["price_label"].as_str().unwrap()))
        .collect();
    assert_eq!(staff, [("Anna", "48,00 €"), ("Malik", "35,00 €")], "{haircut}");
    let id = &haircut["id"];
    let strip = get(&salon, &format!("/api/services/{id}/dates")).await;
    let first = strip["dates"][0].as_str().unwrap_or_else(|| panic!("{strip}"));
    let day = get(&salon, &format!("/api/services/{id}/slots?date={first}")).await;
    assert!(!times(&day).is_empty(), "{day}");
    salon.stop().await;
}
