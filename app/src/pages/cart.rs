//! The cart page: what the shopper picked, priced by the server, with quantities to change,
//! totals and a shipping estimate; then a summary of what will be paid and what Telegram will
//! ask for; then paying. The MainButton goes from the cart to the summary ("Checkout"), and
//! from the summary asks the server for an invoice (it prices the cart itself) and opens
//! Telegram's payment sheet ("Pay …"); when the sheet closes, the order page shows the order
//! as the server recorded it. The BackButton returns from the summary to the cart, and from
//! the cart to the catalog.

use crate::api::Refusal;
use crate::cart::view::CartLineView;
use crate::cart::{Cart, Saved};
use crate::components::TopBar;
use crate::i18n::{td_string, Locale};
use crate::language::use_lang;
use crate::language::{is_one, ltr};
use crate::orders::OrderId;
use crate::telegram::{Haptic, Telegram};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use summary::{pay_label, Choices, Summary};

mod summary;
mod tip;

/// Where paying stands.
// Built in the browser only; server rendering shows the idle state.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
#[derive(Clone, Debug, PartialEq, Eq)]
enum Paying {
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
enum Notice {
    OutsideTelegram,
    NotStarted(Refusal),
    Failed,
    Cancelled,
}

impl Notice {
    fn text(&self, locale: Locale) -> String {
        match self {
            Notice::OutsideTelegram => td_string!(locale, open_to_pay).to_owned(),
            Notice::NotStarted(why) => td_string!(locale, pay_start_failed, why = why.text(locale)),
            Notice::Failed => td_string!(locale, payment_failed).to_owned(),
            Notice::Cancelled => td_string!(locale, payment_cancelled).to_owned(),
        }
    }
}

/// Lists the cart's lines and pays for them.
#[component]
pub fn CartPage() -> impl IntoView {
    let (telegram, cart, locale) = (Telegram::expect(), Cart::expect(), use_lang().now());
    let paying = RwSignal::new(Paying::Idle);
    let reviewing = RwSignal::new(false);
    let choices = Choices::new();
    // A code and a tip are chosen for the cart as the summary shows it; back in the cart it may change.
    Effect::new(move |_| {
        if !reviewing.get() {
            choices.clear();
        }
    });
    show_buttons(telegram, cart, paying, reviewing, choices, locale);
    answer_buttons(telegram, cart, paying, reviewing, choices);

    let pay_in_stars = Callback::new(move |()| start_paying(telegram, cart, paying, choices, true));
    view! {
        <TopBar title=|l| td_string!(l, cart_title)/>
        {move || match reviewing.get() {
            true => view! { <Summary reviewing choices pay_in_stars/> }.into_any(),
            false => view! { <CartContents/> }.into_any(),
        }}
        {move || cart.problem.get().map(|problem| view! { <p class="notice notice--alert" role="alert">{problem.text(locale)}</p> })}
        {move || match paying.get() {
            Paying::Notice(notice) => Some(view! {
                <p class="notice notice--alert" role="alert" data-testid="pay-notice">{notice.text(locale)}</p>
            }),
            _ => None,
        }}
        <p class="notice"><a href="/shop">{td_string!(locale, back_to_shop)}</a></p>
    }
}

/// What Telegram's buttons show while the cart page is open: the MainButton's caption ("Checkout",
/// or on the summary what will be paid; busy while the invoice is made), the BackButton, and
/// the closing confirmation while the cart holds items.
fn show_buttons(
    telegram: Telegram,
    cart: Cart,
    paying: RwSignal<Paying>,
    reviewing: RwSignal<bool>,
    choices: Choices,
    locale: Locale,
) {
    Effect::new(move |_| {
        let count = cart.item_count();
        let label = match (count, reviewing.get()) {
            (0, _) => None,
            (_, true) => Some(pay_label(
                &cart.saved(),
                choices.promo.get().as_ref(),
                choices.tip.get(),
                locale,
            )),
            (_, false) if is_one(locale, count.into()) => Some(td_string!(locale, checkout_1).to_owned()),
            (_, false) => Some(td_string!(locale, checkout_n, count)),
        };
        match (paying.get(), label) {
            (Paying::CreatingInvoice, Some(label)) => telegram.main_button_busy(&label),
            (_, label) => telegram.main_button(label.as_deref()),
        }
        telegram.back_button(true);
        telegram.closing_confirmation(count > 0);
    });
}

/// What the buttons do: Back leaves the summary for the cart, or the cart for the storefront;
/// the MainButton opens the summary, then pays; a closed payment sheet is answered.
fn answer_buttons(
    telegram: Telegram,
    cart: Cart,
    paying: RwSignal<Paying>,
    reviewing: RwSignal<bool>,
    choices: Choices,
) {
    let navigate = use_navigate();
    let back = navigate.clone();
    Effect::watch(
        move || telegram.back_button_presses(),
        move |_, _, _| match reviewing.get_untracked() {
            true => reviewing.set(false),
            false => back("/shop", Default::default()),
        },
        false,
    );
    Effect::watch(
        move || telegram.main_button_presses(),
        move |_, _, _| match reviewing.get_untracked() {
            true => start_paying(telegram, cart, paying, choices, false),
            false if cart.item_count() > 0 => {
                telegram.haptic(Haptic::Tap);
                paying.set(Paying::Idle);
                reviewing.set(true);
            }
            false => {}
        },
        false,
    );
    Effect::watch(
        move || telegram.invoice_closed.get(),
        move |closed, _, _| {
            if let Some((slug, status)) = closed {
                sheet_closed(telegram, cart, paying, slug.clone(), status.clone(), &navigate);
            }
        },
        false,
    );
}

/// MainButton (card or the cart's own currency) or "Pay … with Telegram Stars" (`in_stars`)
/// pressed on the summary: ask the server for an invoice and open it.
fn start_paying(telegram: Telegram, cart: Cart, paying: RwSignal<Paying>, choices: Choices, in_stars: bool) {
    if cart.item_count() == 0 || paying.get_untracked() == Paying::CreatingInvoice {
        return;
    }
    let init_data = telegram.launch.get_untracked().and_then(|l| l.init_data);
    let Some(init_data) = init_data else {
        paying.set(Paying::Notice(Notice::OutsideTelegram));
        return;
    };
    telegram.haptic(Haptic::Tap);
    paying.set(Paying::CreatingInvoice);
    let request = choices.request(cart, &cart.saved_untracked(), in_stars);
    let request = serde_json::to_string(&request).unwrap_or_default();
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

/// The payment sheet closed: the order page tells what the server recorded.
fn sheet_closed(
    telegram: Telegram,
    cart: Cart,
    paying: RwSignal<Paying>,
    slug: String,
    status: String,
    navigate: &impl Fn(&str, leptos_router::NavigateOptions),
) {
    let Paying::SheetOpen(order_id, open) = paying.get_untracked() else {
        return;
    };
    if open != slug {
        return;
    }
    match status.as_str() {
        "paid" | "pending" => {
            if status == "paid" {
                telegram.haptic(Haptic::Success);
                cart.clear();
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
}

/// The cart as the server priced it: quantities to change, totals, the shipping estimate.
#[component]
fn CartContents() -> impl IntoView {
    let (cart, locale) = (Cart::expect(), use_lang().now());
    move || match cart.saved() {
        Saved::Loading => {
            view! { <p class="notice" data-testid="cart-loading">{td_string!(locale, loading_cart)}</p> }
                .into_any()
        }
        Saved::Priced(priced) => {
            let lines: Vec<_> = priced
                .lines
                .into_iter()
                .filter(|l| cart.quantity(l.variant_id) > 0)
                .collect();
            if lines.is_empty() {
                return view! { <p class="notice" data-testid="cart-empty">{td_string!(locale, cart_empty)}</p> }
                    .into_any();
            }
            let mixed = priced.totals.len() > 1;
            view! {
                <ul class="cart-lines" data-testid="cart-lines">
                    {lines.into_iter().map(|line| view! { <CartLine line/> }).collect_view()}
                </ul>
                <dl class="cart-totals">
                    {priced.totals.into_iter().map(|total| view! {
                        <dt>{td_string!(locale, items)}</dt>
                        <dd data-testid="cart-total"><bdi dir="ltr">{total.label}</bdi></dd>
                    }).collect_view()}
                    {priced.shipping_from.map(|from| view! {
                        <dt>{td_string!(locale, shipping)}</dt>
                        <dd data-testid="cart-shipping">{td_string!(locale, shipping_when_paying, price = ltr(locale, &from))}</dd>
                    })}
                </dl>
                {mixed.then(|| view! {
                    <p class="notice notice--alert" role="alert">
                        {td_string!(locale, mixed_currencies)}
                    </p>
                })}
            }
            .into_any()
        }
    }
}

/// One line: name, unit price, − quantity +, line total, Remove.
#[component]
fn CartLine(line: CartLineView) -> impl IntoView {
    let (cart, locale) = (Cart::expect(), use_lang().now());
    let (id, stock, name) = (line.variant_id, line.stock, line.name);
    let quantity = move || cart.quantity(id);
    let less = move |_: leptos::ev::MouseEvent| cart.set_quantity(id, quantity().saturating_sub(1));
    let more = move |_: leptos::ev::MouseEvent| cart.set_quantity(id, quantity() + 1);
    let remove = move |_: leptos::ev::MouseEvent| cart.set_quantity(id, 0);
    let at_stock = move || i64::from(quantity()) >= stock;
    let short = (stock < line.quantity).then(|| match stock {
        0 => td_string!(locale, line_sold_out).to_owned(),
        count => td_string!(locale, line_only_left, count),
    });
    let label_name = name.clone();
    let named = move |text: fn(Locale, &str) -> String| {
        let name = label_name.clone();
        move || text(locale, &name)
    };
    view! {
        <li class="cart-line" data-testid="cart-line">
            <span class="cart-line__name">{name.clone()}</span>
            <span class="cart-line__unit"><bdi dir="ltr">{line.unit_label}</bdi></span>
            <span class="stepper">
                <button class="stepper__button" aria-label=named(|l, name| td_string!(l, one_less, name)) on:click=less>"−"</button>
                <output class="stepper__value" aria-label=named(|l, name| td_string!(l, quantity_of, name))>{quantity}</output>
                <button class="stepper__button" aria-label=named(|l, name| td_string!(l, one_more, name)) disabled=at_stock on:click=more>"+"</button>
            </span>
            <span class="cart-line__total"><bdi dir="ltr">{line.line_label}</bdi></span>
            <button class="cart-line__remove" aria-label=named(|l, name| td_string!(l, remove_label, name)) on:click=remove>
                {td_string!(locale, remove)}
            </button>
            {short.map(|text| view! { <p class="cart-line__problem" role="alert">{text}</p> })}
        </li>
    }
}
