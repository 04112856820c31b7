//! `GET /api/admin/dashboard?days=30`: how the shop is doing — takings per day for each
//! currency (every day of the period, for a chart), orders per status, the best sellers, and
//! the sales funnel (distinct buyers who opened the shop, added to the cart, checked out, paid).

use super::Admin;
use crate::clock::now_ms;
use crate::http::{ApiError, AppState};
use crate::shop::currencies::CurrencyTable;
use crate::shop::funnel::Funnel;
use crate::storage::figures::dashboard::DayTakings;
use app::money::{Currency, Money};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

const DAY_MS: i64 = 86_400_000;

/// The query: how many days back, today included (1–366, default 30).
#[derive(Debug, Deserialize)]
pub struct DashboardQuery {
    days: Option<i64>,
}

/// The dashboard's figures.
#[derive(Debug, Serialize)]
pub struct Dashboard {
    days: i64,
    /// One series per currency with takings in the period, oldest day first.
    revenue: Vec<Series>,
    orders_by_status: BTreeMap<String, i64>,
    top_products: Vec<Seller>,
    /// The shop's currency (`PUT /api/admin/settings/shop`), the UI's default for totals.
    currency: String,
    funnel: Funnel,
}

#[derive(Debug, Serialize)]
struct Series {
    currency: String,
    total_label: String,
    days: Vec<Day>,
}

#[derive(Debug, Serialize)]
struct Day {
    /// `YYYY-MM-DD`, UTC.
    day: String,
    minor: i64,
    label: String,
}

#[derive(Debug, Serialize)]
struct Seller {
    product_id: i64,
    name: String,
    units: i64,
}

pub(super) async fn dashboard(
    State(state): State<AppState>,
    _admin: Admin,
    query: Result<Query<DashboardQuery>, QueryRejection>,
) -> Result<Json<Dashboard>, ApiError> {
    let Query(query) = query.map_err(|e| ApiError::bad_request("query_malformed", e.body_text()))?;
    let days = query.days.unwrap_or(30);
    if !(1..=366).contains(&days) {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "bad_days",
            "days is between 1 and 366",
        ));
    }
    let unavailable = |e: crate::storage::StorageError| ApiError::unavailable(&e);
    let first_day = now_ms().div_euclid(DAY_MS) - (days - 1);
    let takings = state
        .db
        .takings_by_day(first_day * DAY_MS)
        .await
        .map_err(unavailable)?;
    let orders_by_status = state
        .db
        .orders_by_status()
        .await
        .map_err(unavailable)?
        .into_iter()
        .collect();
    let top = state.db.top_products(5).await.map_err(unavailable)?;
    let funnel = state.db.funnel(first_day * DAY_MS).await.map_err(unavailable)?;
    let currency = state.db.shop_settings().await.map_err(unavailable)?.currency;
    let top_products = top
        .into_iter()
        .map(|t| Seller {
            product_id: t.product_id,
            name: t.name,
            units: t.units,
        })
        .collect();
    Ok(Json(Dashboard {
        days,
        revenue: series(&takings, first_day, days),
        orders_by_status,
        top_products,
        currency: currency.as_str().to_owned(),
        funnel,
    }))
}

/// Every day from `first_day` for `days` days, per currency that took money, zero where
/// nothing was sold.
fn series(takings: &[DayTakings], first_day: i64, days: i64) -> Vec<Series> {
    let currencies = CurrencyTable::telegram();
    let mut by_currency: BTreeMap<&str, BTreeMap<i64, i64>> = BTreeMap::new();
    for t in takings {
        *by_currency
            .entry(&t.currency)
            .or_default()
            .entry(t.day)
            .or_default() += t.minor;
    }
    by_currency
        .into_iter()
        .filter_map(|(code, per_day)| {
            let currency = Currency::parse(code).ok()?;
            let days: Vec<Day> = (first_day..first_day + days)
                .map(|day| {
                    let minor = per_day.get(&day).copied().unwrap_or(0);
                    let date = app::iso_utc(day * DAY_MS)[..10].to_owned();
                    Day {
                        day: date,
                        minor,
                        label: currencies.format(Money::new(minor, currency)),
                    }
                })
                .collect();
            let total = Money::new(per_day.values().sum(), currency);
            Some(Series {
                currency: code.to_owned(),
                total_label: currencies.format(total),
                days,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_day_of_the_period_is_in_the_series_with_zeros_between_sales() {
        let takings = [
            DayTakings {
                day: 20_000,
                currency: "EUR".into(),
                minor: 2400,
            },
            DayTakings {
                day: 20_002,
                currency: "EUR".into(),
                minor: 100,
            },
            DayTakings {
                day: 20_002,
                currency: "XTR".into(),
                minor: 50,
            },
        ];
        let series = series(&takings, 20_000, 3);
        assert_eq!(series.len(), 2);
        let euros: Vec<i64> = series[0].days.iter().map(|d| d.minor).collect();
        assert_eq!(euros, [2400, 0, 100]);
        assert_eq!(series[0].days[0].day, "2024-10-04");
        assert_eq!(series[0].total_label, "25,00 €");
        assert_eq!(series[1].days[2].label, "⭐ 50");
    }
}
