//! The cart page: what the shopper picked, priced by the server, with quantities to change,
//! totals and a shipping estimate; then a summary of what will be paid and what Telegram will
//! ask for; then paying. The MainButton goes from the cart to the summary ("Checkout"), and
//! from the summary asks the server for an invoice (it prices the cart itself) and opens
//! Telegram's payment sheet ("Pay …"); when the sheet closes, the order page shows the order
//! as the server recorded it. The BackButton returns from the summary to the cart, and from
//! the cart to the catalog.

use super::paying::{PayNotice, Paying};
use crate::cart::view::CartLineView;
use crate::cart::{Cart, Saved};
use crate::components::TopBar;
use crate::i18n::{td_string, Locale};
use crate::language::ltr;
use crate::language::use_lang;
use crate::telegram::Telegram;
use buttons::{answer_buttons, show_buttons, start_paying};
use leptos::prelude::*;
use summary::{Choices, Summary};

mod buttons;
mod summary;
mod tip;

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
        <PayNotice paying cancelled=|l| td_string!(l, payment_cancelled)/>
        <p class="notice"><a href="/shop">{td_string!(locale, back_to_shop)}</a></p>
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
