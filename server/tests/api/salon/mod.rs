//! Black-box tests of the salon (issue #18), each on SQLite and PostgreSQL: the admin API's
//! round trips and refusals, strangers kept out (`admin`), the free times and date strip
//! against hand-worked calendars in Europe/Paris (`slots`), services marked in the catalog to
//! open their booking page (`catalog`), booking at checkout, payment, the client's changes
//! (`booking`), the bot's confirmation and reminders (`reminders`), and the salon's day, moves,
//! cancellations, outcomes and desk (`day`), booking real appointments through checkout and the
//! fake payment sheet ([`Calendar`]).
//!
//! The shop's clock is the real one, so the calendars are set on a Tuesday one to two weeks
//! ahead ([`tuesday_ahead`]): inside the default 60-day horizon, past the 2-hour notice, and
//! never a daylight-saving day (those fall on Sundays).

mod admin;
mod booking;
mod catalog;
mod day;
mod reminders;
mod slots;

use crate::events::Shop;
use crate::helpers::FreshDb;
use app::admin_api::{AdminStaff, CreateStaff, HoursRange, SaveService, ServiceStaff, WeeklyHoursBody};
use jiff::civil::{Date, Weekday};
use jiff::ToSpan;
use serde_json::{json, Value};

/// The salon: a shop with a bot token of the tests' own against the fake Telegram (so tests
/// sign initData for any client), in Europe/Paris, with Camille's session.
pub struct Salon {
    pub shop: Shop,
}

impl std::ops::Deref for Salon {
    type Target = Shop;

    fn deref(&self) -> &Shop {
        &self.shop
    }
}

impl Salon {
    /// A shop in Europe/Paris.
    pub async fn start(db: &FreshDb) -> Salon {
        Self::start_with(db, &[]).await
    }

    /// As [`Salon::start`], with `extra` variables.
    pub async fn start_with(db: &FreshDb, extra: &[(&str, &str)]) -> Salon {
        let salon = Salon {
            shop: Shop::start_with(db, extra).await,
        };
        let shop = json!({ "name": "Salon Camille", "currency": "EUR", "time_zone": "Europe/Paris" });
        let (status, answer) = salon.admin("PUT", "/api/admin/settings/shop", shop).await;
        assert_eq!(status, 200, "{answer}");
        salon
    }

    /// A new staff member working `ranges` (`(ISO weekday, start, end)`).
    pub async fn staff(&self, name: &str, ranges: &[(u8, &str, &str)]) -> i64 {
        let body = CreateStaff {
            name: name.into(),
            photo_url: None,
            telegram_user_id: None,
        };
        let (status, created) = self.admin("POST", "/api/admin/salon/staff", json!(body)).await;
        assert_eq!(status, 201, "{created}");
        let id = created["id"].as_i64().unwrap();
        let week = WeeklyHoursBody {
            ranges: ranges
                .iter()
                .map(|&(weekday, start, end)| HoursRange {
                    weekday,
                    start: start.into(),
                    end: end.into(),
                })
                .collect(),
        };
        let path = format!("/api/admin/salon/staff/{id}/hours");
        let (status, saved) = self.admin("PUT", &path, json!(week)).await;
        assert_eq!(status, 200, "{saved}");
        let saved: AdminStaff = serde_json::from_value(saved).unwrap();
        assert_eq!(saved.hours.len(), ranges.len());
        id
    }

    /// The demo product with `slug`: its id and its variants' ids by name.
    pub async fn product(&self, slug: &str) -> (i64, Vec<(String, i64)>) {
        let (_, list) = self.admin("GET", "/api/admin/products", Value::Null).await;
        let product = list["products"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["slug"] == slug)
            .unwrap_or_else(|| panic!("no {slug} in {list}"))
            .clone();
        let variants = product["variants"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| (v["name"].as_str().unwrap().to_owned(), v["id"].as_i64().unwrap()))
            .collect();
        (product["id"].as_i64().unwrap(), variants)
    }

    /// Makes product `id` a service of `duration` + `buffer` minutes by `staff` (staff, variant).
    pub async fn service(&self, id: i64, duration: i64, buffer: i64, staff: &[(i64, i64)]) -> (u16, Value) {
        let body = SaveService {
            duration_minutes: duration,
            buffer_minutes: buffer,
            staff: staff
                .iter()
                .map(|&(staff_id, variant)| ServiceStaff {
                    staff_id,
                    variant_id: app::catalog::VariantId(variant),
                })
                .collect(),
        };
        self.admin("PUT", &format!("/api/admin/salon/services/{id}"), json!(body))
            .await
    }

    pub async fn stop(self) {
        self.shop.stop().await;
    }
}

/// The first Tuesday at least 8 days after today in Paris.
pub fn tuesday_ahead() -> Date {
    let paris = jiff::tz::TimeZone::get("Europe/Paris").unwrap();
    let today = jiff::Timestamp::now().to_zoned(paris).date();
    let mut date = today.checked_add(8.days()).unwrap();
    while date.weekday() != Weekday::Tuesday {
        date = date.tomorrow().unwrap();
    }
    date
}

/// `date` at `HH:MM` in Paris, in unix milliseconds.
pub fn paris(date: Date, time: &str) -> i64 {
    let time: jiff::civil::Time = time.parse().unwrap();
    let zone = jiff::tz::TimeZone::get("Europe/Paris").unwrap();
    zone.to_timestamp(date.to_datetime(time))
        .unwrap()
        .as_millisecond()
}

/// The calendar of `booking`'s header — Anna (senior stylist) works Tuesday 09:00–12:30 and
/// 13:30–18:00, Malik (junior) 11:00–14:00; the haircut takes 45 minutes and 15 of buffer — on
/// [`tuesday_ahead`], and what the tests book with.
pub struct Calendar {
    pub salon: Salon,
    pub day: Date,
    pub haircut: i64,
    pub senior: i64,
    pub junior: i64,
    pub anna: i64,
    pub malik: i64,
}

impl Calendar {
    pub async fn start(db: &FreshDb, extra: &[(&str, &str)]) -> Calendar {
        let salon = Salon::start_with(db, extra).await;
        let anna = salon
            .staff("Anna", &[(2, "09:00", "12:30"), (2, "13:30", "18:00")])
            .await;
        let malik = salon.staff("Malik", &[(2, "11:00", "14:00")]).await;
        let (haircut, variants) = salon.product("haircut").await;
        let variant = |name: &str| variants.iter().find(|(n, _)| n == name).unwrap().1;
        let (senior, junior) = (variant("Senior stylist"), variant("Junior stylist"));
        let (status, saved) = salon
            .service(haircut, 45, 15, &[(anna, senior), (malik, junior)])
            .await;
        assert_eq!(status, 200, "{saved}");
        Calendar {
            salon,
            day: tuesday_ahead(),
            haircut,
            senior,
            junior,
            anna,
            malik,
        }
    }

    pub fn at(&self, time: &str) -> i64 {
        paris(self.day, time)
    }

    /// Checks out `variant` at `time` with `staff` (None: anyone) as `user`.
    pub async fn book(&self, user: i64, variant: i64, time: &str, staff: Option<i64>) -> (u16, Value) {
        self.book_line(
            user,
            json!({ "variant_id": variant, "quantity": 1,
            "appointment": { "starts_at": self.at(time), "staff": staff } }),
        )
        .await
    }

    pub async fn book_line(&self, user: i64, line: Value) -> (u16, Value) {
        let body = json!({ "lines": [line] });
        self.salon
            .server
            .post_json("/api/checkout", &body, Some(&self.salon.buyer(user)))
            .await
    }

    /// Anna's free times that day.
    pub async fn annas_times(&self) -> Vec<String> {
        let path = format!(
            "/api/services/{}/slots?date={}&staff={}",
            self.haircut, self.day, self.anna
        );
        let (status, answer) = self.salon.server.get_json(&path, None).await;
        assert_eq!(status, 200, "{answer}");
        answer["slots"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["time"].as_str().unwrap().to_owned())
            .collect()
    }

    /// The appointments as stored: (staff, start, status), in id order.
    pub async fn appointments(&self) -> Vec<(i64, i64, String)> {
        sqlx::query_as("SELECT staff_id, starts_at, status FROM appointments ORDER BY id")
            .fetch_all(&self.salon.pool().await)
            .await
            .unwrap()
    }

    /// The variant's stock as the merchant sees it.
    pub async fn stock(&self, variant: i64) -> i64 {
        let (_, list) = self.salon.admin("GET", "/api/admin/products", Value::Null).await;
        list["products"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|p| p["variants"].as_array().unwrap().iter())
            .find(|v| v["id"] == variant)
            .and_then(|v| v["stock"].as_i64())
            .unwrap()
    }
}
