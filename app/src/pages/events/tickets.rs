//! `/shop/events/tickets`: the shopper's tickets to upcoming events (`GET /api/tickets`),
//! each a QR code to show at the door.

use super::load::{load, Loaded};
use super::voucher::Vouchers;
use crate::components::TopBar;
use crate::events::VoucherView;
use crate::i18n::td_string;
use crate::language::use_lang;
use leptos::prelude::*;

/// The shopper's tickets.
#[component]
pub fn TicketsPage() -> impl IntoView {
    super::back_to("/shop/events");
    let locale = use_lang().now();
    let loaded = load::<Vec<VoucherView>>(|| "/api/tickets".into(), true);
    view! {
        <TopBar title=|l| td_string!(l, tickets_title)/>
        {move || match loaded.get() {
            Loaded::Loading => view! { <p class="notice">{td_string!(locale, loading_tickets)}</p> }.into_any(),
            Loaded::Failed(text) => view! { <p class="notice notice--error" role="alert">{text}</p> }.into_any(),
            Loaded::Ready(vouchers) if vouchers.is_empty() => view! {
                <p class="notice" data-testid="no-tickets">{td_string!(locale, no_tickets)}" "<a href="/shop/events">{td_string!(locale, all_events)}</a></p>
            }
            .into_any(),
            Loaded::Ready(vouchers) => view! { <Vouchers vouchers/> }.into_any(),
        }}
    }
}
