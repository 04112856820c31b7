//! Takings per day as an SVG bar chart, with the same figures as a table for screen readers
//! and for reading exact amounts.
//!
//! Drawn by hand rather than with a chart crate (plotters + plotters-canvas): a canvas is
//! painted once, after mount, in colours fixed at that moment, so it would neither follow
//! Telegram's theme variables (`theme_changed` arrives at any time) nor appear in the
//! server-rendered page, and it says nothing to a screen reader; the crate would also add a
//! large dependency (and its float formatting) to this chunk for thirty rectangles. SVG bars
//! take their colour from CSS, scale with the page and are rendered on the server too.

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
    let best = series.days.iter().max_by_key(|d| d.minor).filter(|d| d.minor > 0);
    let summary = match best {
        Some(best) => format!(
            "{}: {} in {} days, best day {} with {}",
            series.currency,
            series.total_label,
            series.days.len(),
            best.day,
            best.label
        ),
        None => format!("{}: nothing taken in {} days", series.currency, series.days.len()),
    };
    let first = series.days.first().map(|d| d.day.clone()).unwrap_or_default();
    let last = series.days.last().map(|d| d.day.clone()).unwrap_or_default();
    let bars = series.days.iter().zip(heights).enumerate().map(|(i, (day, h))| {
        view! {
            <rect class="admin-chart__bar" x={i * 10 + 1} y={100 - h} width="8" height=h>
                <title>{format!("{}: {}", day.day, day.label)}</title>
            </rect>
        }
    });
    view! {
        <figure class="admin-chart" data-testid="revenue-chart" data-currency=series.currency.clone()>
            <figcaption>{format!("Revenue in {}: ", series.currency)}<strong>{series.total_label.clone()}</strong></figcaption>
            <svg viewBox=format!("0 0 {width} 100") preserveAspectRatio="none" role="img" aria-label=summary>
                {bars.collect_view()}
            </svg>
            <p class="admin-chart__axis"><span>{first}</span><span>{last}</span></p>
            <details>
                <summary>"Revenue by day (table)"</summary>
                <table class="admin-table">
                    <thead><tr><th scope="col">"Day"</th><th scope="col">"Revenue"</th></tr></thead>
                    <tbody>
                        {series.days.into_iter().map(|d| view! { <tr><td>{d.day}</td><td>{d.label}</td></tr> }).collect_view()}
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
