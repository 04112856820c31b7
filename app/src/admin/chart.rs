//! Takings per day as an SVG bar chart, with the same figures as a table for screen readers
//! and for reading exact amounts.
//!
//! Drawn by hand rather than with a chart crate (plotters + plotters-canvas): a canvas is
//! painted once, after mount, in colours fixed at that moment, so it would neither follow
//! Telegram's theme variables (`theme_changed` arrives at any time) nor appear in the
//! server-rendered page, and it says nothing to a screen reader; the crate would also add a
//! large dependency (and its float formatting) to this chunk for thirty rectangles. SVG bars
//! take their colour from CSS, scale with the page and are rendered on the server too.

use super::formats::{day, money};
use crate::admin::texts::{t, tf};
use crate::admin_api::Series;
use leptos::prelude::*;

/// Bar heights in a 0–100 box, in whole units (no float formatting in the page).
pub(crate) fn bar_heights(minor: &[i64]) -> Vec<i64> {
    let max = minor.iter().copied().max().unwrap_or(0).max(1);
    minor
        .iter()
        .map(|&m| (i128::from(m.max(0)) * 100 / i128::from(max)) as i64)
        .collect()
}

/// One currency's takings per day: bars, the period's ends and best day, and a table.
#[component]
pub(crate) fn RevenueChart(series: Series) -> impl IntoView {
    let minor: Vec<i64> = series.days.iter().map(|d| d.minor).collect();
    let heights = bar_heights(&minor);
    let width = series.days.len() * 10;
    let currency = series.currency.clone();
    let amount = |d: &crate::admin_api::Day| money(d.minor, &currency, &d.label);
    let total_minor = series.days.iter().map(|d| d.minor).sum::<i64>();
    let total = money(total_minor, &currency, &series.total_label);
    let best = series.days.iter().max_by_key(|d| d.minor).filter(|d| d.minor > 0);
    let summary = match best {
        Some(best) => tf!(
            "{currency}: {total} in {days} days, best day {day} with {amount}",
            currency = currency,
            total = total,
            days = series.days.len(),
            day = day(&best.day),
            amount = amount(best)
        ),
        None => tf!(
            "{currency}: nothing taken in {days} days",
            currency = currency,
            days = series.days.len()
        ),
    };
    let first = series.days.first().map(|d| day(&d.day)).unwrap_or_default();
    let last = series.days.last().map(|d| day(&d.day)).unwrap_or_default();
    let rows: Vec<(String, String)> = series.days.iter().map(|d| (day(&d.day), amount(d))).collect();
    let bars = rows
        .clone()
        .into_iter()
        .zip(heights)
        .enumerate()
        .map(|(i, ((day, amount), h))| {
            view! {
                <rect class="admin-chart__bar" x={i * 10 + 1} y={100 - h} width="8" height=h>
                    <title>{format!("{day}: {amount}")}</title>
                </rect>
            }
        });
    view! {
        <figure class="admin-chart" data-testid="revenue-chart" data-currency=series.currency.clone()>
            <figcaption>{tf!("Revenue in {currency}: ", currency = series.currency)}<strong>{total}</strong></figcaption>
            <svg viewBox=format!("0 0 {width} 100") preserveAspectRatio="none" role="img" aria-label=summary>
                {bars.collect_view()}
            </svg>
            <p class="admin-chart__axis"><span>{first}</span><span>{last}</span></p>
            <details>
                <summary>{t("Revenue by day (table)")}</summary>
                <table class="admin-table">
                    <thead><tr><th scope="col">{t("Day")}</th><th scope="col">{t("Revenue")}</th></tr></thead>
                    <tbody>
                        {rows.into_iter().map(|(day, amount)| view! { <tr><td>{day}</td><td>{amount}</td></tr> }).collect_view()}
                    </tbody>
                </table>
            </details>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::bar_heights;

    #[test]
    fn the_best_day_fills_the_chart_and_the_others_scale_to_it() {
        assert_eq!(bar_heights(&[0, 250, 1000, 500]), vec![0, 25, 100, 50]);
    }

    #[test]
    fn a_period_without_takings_has_flat_bars() {
        assert_eq!(bar_heights(&[0, 0]), vec![0, 0]);
        assert_eq!(bar_heights(&[]), Vec::<i64>::new());
    }
}
