//! A ticket as its holder shows it at the door: a large QR code on the theme's background
//! with its short code under it, and the event, date, ticket type, attendee and status. The
//! QR code is the server's SVG (drawn in `currentColor`, so it takes the theme's text colour),
//! put as it is into a sized box. Shared by the tickets page and the order page.

use super::browser::date_in;
use crate::events::{VoucherStatus, VoucherView};
use crate::i18n::{td_string, Locale};
use crate::language::use_lang;
use leptos::prelude::*;

/// The vouchers of an order or of the shopper, one card each.
#[component]
pub fn Vouchers(vouchers: Vec<VoucherView>) -> impl IntoView {
    view! {
        <leptos_meta::Stylesheet id="events-css" href="/events.css"/>
        <ul class="vouchers" data-testid="vouchers">
            {vouchers.into_iter().map(|voucher| view! { <VoucherCard voucher/> }).collect_view()}
        </ul>
    }
}

#[component]
fn VoucherCard(voucher: VoucherView) -> impl IntoView {
    let locale = use_lang().now();
    let when = date_in(voucher.starts_at, &voucher.time_zone, locale, true);
    let status = status_attr(voucher.status);
    let code = voucher.code.clone();
    let what = match voucher.attendee {
        Some(attendee) => format!("{} · {attendee}", voucher.ticket_type),
        None => voucher.ticket_type,
    };
    view! {
        <li class="voucher" data-testid="voucher" data-status=status data-code=code>
            <div class="voucher__qr" role="img" aria-label=code.clone()
                inner_html=voucher.qr_svg></div>
            <p class="voucher__code" data-testid="voucher-code"><bdi dir="ltr">{voucher.code}</bdi></p>
            <p class="voucher__event">{voucher.event_name}</p>
            <p class="voucher__when"><time datetime=crate::iso_utc(voucher.starts_at)>{when}</time></p>
            <p class="voucher__what" data-testid="voucher-what">{what}</p>
            <p class=format!("voucher__status voucher__status--{status}")>{status_text(locale, voucher.status)}</p>
        </li>
    }
}

fn status_attr(status: VoucherStatus) -> &'static str {
    match status {
        VoucherStatus::Valid => "valid",
        VoucherStatus::CheckedIn => "checked_in",
        VoucherStatus::Revoked => "revoked",
    }
}

fn status_text(locale: Locale, status: VoucherStatus) -> &'static str {
    match status {
        VoucherStatus::Valid => td_string!(locale, ticket_valid),
        VoucherStatus::CheckedIn => td_string!(locale, ticket_checked_in),
        VoucherStatus::Revoked => td_string!(locale, ticket_revoked),
    }
}
