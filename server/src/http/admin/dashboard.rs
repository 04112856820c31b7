//! `GET /api/admin/dashboard?days=30`: how the shop is doing — takings per day for each
//! currency (every day of the period, for a chart), orders per status, the best sellers, and
//! the sales funnel (distinct buyers who opened the shop, added to the cart, checked out, paid),
//! and the payment providers in test mode.

use super::{Admin, ApiError, AppState};
use crate::clock::now_ms;
use crate::http::AppQuery;
use crate::shop::currencies::CurrencyTable;
use crate::shop::figures::DayTakings;
use app::admin_api::{Dashboard, DashboardQuery, Day, Funnel, Seller, Series, TestProvider};
use app::error_code::ErrorCode;
use app::money::{Currency, Money};
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use std::collections::BTreeMap;

const DAY_MS: i64 = 86_400_000;

/// `GET /api/admin/dashboard?days=30` (1–366 days, today included).
pub(super) async fn dashboard(
    State(state): State<AppState>,
    _admin: Admin,
    AppQuery(query): AppQuery<DashboardQuery>,
) -> Result<Json<Dashboard>, ApiError> {
    let days = query.days.unwrap_or(30);
    if !(1..=366).contains(&days) {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::BadDays,
            "days is between 1 and 366",
        ));
    }
    let db = &state.db;
    let first_day = now_ms().div_euclid(DAY_MS) - (days - 1);
    let takings = db.takings_by_day(first_day * DAY_MS).await?;
    let orders_by_status = db.orders_by_status().await?.into_iter().collect();
    let top = db.top_products(5).await?;
    let funnel = db.funnel(first_day * DAY_MS).await?;
    let currency = db.shop_settings().await?.currency;
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
        funnel: Funnel {
            opened: funnel.opened,
            added_to_cart: funnel.added_to_cart,
            invoice_created: funnel.invoice_created,
            paid: funnel.paid,
        },
        test_providers: test_providers(&state.bot.payment_providers),
    }))
}

/// The configured providers in test mode, for the dashboard's banner.
fn test_providers(providers: &crate::config::PaymentProviders) -> Vec<TestProvider> {
    providers
        .in_test_mode()
        .into_iter()
        .map(|(currency, provider)| TestProvider {
            name: provider.name.to_string(),
            currency: currency.map(|c| c.as_str().to_owned()),
        })
        .collect()
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
