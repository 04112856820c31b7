//! Paying for a checkout request, shared by the cart and an event's page: asking the server
//! for the order and its invoice (`POST /api/checkout`), opening Telegram's payment sheet,
//! answering the sheet when it closes (the order page then tells what the server recorded),
//! and what the shopper is told on the way. Lives in the lazy chunks of those pages.

use crate::api::Refusal;
use crate::i18n::{td_string, Locale};
use crate::orders::{CheckoutRequest, OrderId};
use crate::telegram::{Haptic, Telegram};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// Where paying stands.
// Built in the browser only; server rendering shows the idle state.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Paying {
    Idle,
    /// The server is creating the order and its invoice.
    CreatingInvoice,
    /// Telegram's payment sheet is open for this order and invoice slug.
    SheetOpen(OrderId, String),
    /// Something to tell the shopper.
    Notice(Notice),
}

/// What paying has to tell the shopper.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Notice {
    OutsideTelegram,
    /// A named ticket without its attendee's name.
    NamesMissing,
    NotStarted(Refusal),
    Failed,
    /// The sheet closed unpaid; the page says what the shopper still has.
    Cancelled,
}

impl Notice {
    /// The notice in `locale`; `cancelled` is the page's own words for a sheet closed unpaid
    /// ("Your cart is still here", "Your tickets are still chosen").
    fn text(&self, locale: Locale, cancelled: fn(Locale) -> &'static str) -> String {
        match self {
            Notice::OutsideTelegram => td_string!(locale, open_to_pay).to_owned(),
            Notice::NamesMissing => td_string!(locale, names_missing).to_owned(),
            Notice::NotStarted(why) => td_string!(locale, pay_start_failed, why = why.text(locale)),
            Notice::Failed => td_string!(locale, payment_failed).to_owned(),
            Notice::Cancelled => cancelled(locale).to_owned(),
        }
    }
}

/// The notice paying stands at, if any, as an alert.
#[component]
pub(super) fn PayNotice(paying: RwSignal<Paying>, cancelled: fn(Locale) -> &'static str) -> impl IntoView {
    let locale = crate::language::use_lang().now();
    move || match paying.get() {
        Paying::Notice(notice) => Some(view! {
            <p class="notice notice--alert" role="alert" data-testid="pay-notice">{notice.text(locale, cancelled)}</p>
        }),
        _ => None,
    }
}

/// Asks the server for an order and invoice for `request` and opens Telegram's payment
/// sheet on it; outside Telegram (no initData), or while an invoice is being made, nothing
/// is asked.
pub(super) fn open_invoice(telegram: Telegram, paying: RwSignal<Paying>, request: &CheckoutRequest) {
    if paying.get_untracked() == Paying::CreatingInvoice {
        return;
    }
    let Some(init_data) = telegram.launch.get_untracked().and_then(|l| l.init_data) else {
        paying.set(Paying::Notice(Notice::OutsideTelegram));
        return;
    };
    telegram.haptic(Haptic::Tap);
    paying.set(Paying::CreatingInvoice);
    let request = serde_json::to_string(request).unwrap_or_default();
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(async move {
        let answer = crate::telegram::bridge::post_with_init_data("/api/checkout", &request, &init_data)
            .await
            .and_then(|body| {
                serde_json::from_str::<crate::orders::CheckoutResponse>(&body).map_err(Refusal::from)
            });
        let opened = answer.and_then(|checkout| {
            let slug = crate::orders::invoice_slug(&checkout.invoice_link)
                .ok_or_else(|| Refusal {
                    code: Some(const { crate::error_code::ErrorCode::InvoiceLinkBad.as_str() }.into()),
                    message: "Telegram sent an invoice link this app cannot open".into(),
                })?
                .to_owned();
            telegram.open_invoice(&slug);
            Ok(Paying::SheetOpen(checkout.order_id, slug))
        });
        paying.set(opened.unwrap_or_else(|why: Refusal| {
            telegram.haptic(Haptic::Error);
            Paying::Notice(Notice::NotStarted(why))
        }));
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (request, init_data);
}

/// Answers Telegram's payment sheet closing on the invoice paying opened: paid (then `paid`
/// runs) or pending leads to the order page; failed or cancelled is told on this page.
pub(super) fn answer_sheet(telegram: Telegram, paying: RwSignal<Paying>, paid: impl Fn() + 'static) {
    let navigate = use_navigate();
    Effect::watch(
        move || telegram.invoice_closed.get(),
        move |closed, _, _| {
            let Some((slug, status)) = closed else { return };
            let Paying::SheetOpen(order_id, open) = paying.get_untracked() else {
                return;
            };
            if &open != slug {
                return;
            }
            match status.as_str() {
                "paid" | "pending" => {
                    if status == "paid" {
                        telegram.haptic(Haptic::Success);
                        paid();
                    }
                    paying.set(Paying::Idle);
                    navigate(&format!("/shop/orders/{order_id}"), Default::default());
                }
                "failed" => {
                    telegram.haptic(Haptic::Error);
                    paying.set(Paying::Notice(Notice::Failed));
                }
                _ => paying.set(Paying::Notice(Notice::Cancelled)),
            }
        },
        false,
    );
}
