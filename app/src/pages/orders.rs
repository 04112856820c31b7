//! `/shop/orders`: the shopper's own orders, newest first, each leading to its page. Loaded in
//! the browser with the shopper's initData (the server cannot know who opens the page before
//! the wasm reads the launch parameters).

use crate::api::Refusal;
use crate::components::{Moment, TopBar};
use crate::i18n::{td_string, Locale};
use crate::language::use_lang;
use crate::orders::OrderSummary;
use crate::telegram::Telegram;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// What a page loading the shopper's own data knows.
// Built in the browser only; server rendering shows the loading state.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Mine<T> {
    Loading,
    Ready(T),
    Problem(Problem),
}

/// Why a page of the shopper's own data shows none.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Problem {
    OutsideTelegram,
    NoSuchOrder,
    Refused(Refusal),
}

impl Problem {
    pub(super) fn text(&self, locale: Locale) -> String {
        match self {
            Problem::OutsideTelegram => td_string!(locale, open_for_orders).to_owned(),
            Problem::NoSuchOrder => td_string!(locale, no_such_order).to_owned(),
            Problem::Refused(why) => why.text(locale),
        }
    }
}

/// Runs `load(init_data)` once the launch parameters are known, or says why it cannot.
pub(super) fn when_signed_in<T: Send + Sync + 'static>(
    loaded: RwSignal<Mine<T>>,
    load: impl Fn(String) + 'static,
) {
    let telegram = Telegram::expect();
    Effect::new(move |_| match telegram.launch.get() {
        None => {}
        Some(launch) => match launch.init_data {
            Some(init_data) => load(init_data),
            None => loaded.set(Mine::Problem(Problem::OutsideTelegram)),
        },
    });
}

/// `GET path` as the shopper, read as JSON.
#[cfg(feature = "hydrate")]
pub(super) async fn get_mine<T: serde::de::DeserializeOwned>(path: &str, init_data: &str) -> Mine<T> {
    match crate::telegram::bridge::get_with_init_data(path, init_data)
        .await
        .and_then(|body| serde_json::from_str::<T>(&body).map_err(Refusal::from))
    {
        Ok(value) => Mine::Ready(value),
        Err(why) => Mine::Problem(Problem::Refused(why)),
    }
}

/// The BackButton returns to the storefront; the MainButton is not used here.
pub(super) fn back_to_shop() {
    let telegram = Telegram::expect();
    Effect::new(move |_| {
        telegram.main_button(None);
        telegram.back_button(true);
        telegram.closing_confirmation(false);
    });
    let navigate = use_navigate();
    Effect::watch(
        move || telegram.back_button_presses(),
        move |_, _, _| navigate("/shop", Default::default()),
        false,
    );
}

/// `/shop/orders`.
#[component]
pub fn OrdersPage() -> impl IntoView {
    back_to_shop();
    let locale = use_lang().now();
    let loaded = RwSignal::new(Mine::<Vec<OrderSummary>>::Loading);
    when_signed_in(loaded, move |init_data| {
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move { loaded.set(get_mine("/api/orders", &init_data).await) });
        #[cfg(not(feature = "hydrate"))]
        let _ = init_data;
    });
    view! {
        <TopBar title=|l| td_string!(l, orders_title)/>
        {move || match loaded.get() {
            Mine::Loading => view! { <p class="notice">{td_string!(locale, loading_orders)}</p> }.into_any(),
            Mine::Problem(problem) => {
                view! { <p class="notice notice--error" role="alert">{problem.text(locale)}</p> }.into_any()
            }
            Mine::Ready(orders) if orders.is_empty() => view! {
                <p class="notice" data-testid="no-orders">{td_string!(locale, no_orders)}<a href="/shop">{td_string!(locale, start_shopping)}</a></p>
            }
            .into_any(),
            Mine::Ready(orders) => view! {
                <ol class="order-list" data-testid="order-list">
                    {orders.into_iter().map(|order| view! { <OrderRow order/> }).collect_view()}
                </ol>
            }
            .into_any(),
        }}
        <p class="notice"><a href="/shop/subscriptions" data-testid="subscriptions-link">{td_string!(locale, subscriptions_title)}</a></p>
    }
}

#[component]
fn OrderRow(order: OrderSummary) -> impl IntoView {
    let locale = use_lang().now();
    let (first, count) = (order.first_item, order.item_count);
    let what = match count {
        1 => first.clone(),
        count => td_string!(locale, order_more_items, first = &first, count),
    };
    let status = order.status;
    view! {
        <li>
            <a class="order-row" href=format!("/shop/orders/{}", order.id) data-testid="order-row">
                <span class="order-row__title">{td_string!(locale, order_number, id = order.id)}</span>
                <span class=format!("order-status order-status--{}", status.as_str())>{move || status.label(locale)}</span>
                <span class="order-row__what">{what}</span>
                <span class="order-row__total"><bdi dir="ltr">{order.total_label}</bdi></span>
                <span class="order-row__when"><Moment ms=order.created_at/></span>
            </a>
        </li>
    }
}
