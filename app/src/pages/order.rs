//! An order's page: its status and timeline as the server recorded them from Telegram's
//! payment updates — never what the payment sheet said — its appointments (on the salon's
//! clock, [`super::services::appointment`]), its receipt, the tickets and vouchers it issued
//! (QR codes, [`super::events::voucher`]), what it delivers digitally ([`super::delivery`]), and "Buy again" ("Book again" for appointments,
//! which leads to the service's booking page). While
//! the order awaits payment the page asks again every second for a while, since Telegram's
//! update may arrive just after the sheet closes.

use super::orders::{back_to_shop, when_signed_in, Mine, Problem};
use super::services::appointment::Changes;
use crate::cart::Cart;
use crate::components::{Moment, TopBar};
use crate::i18n::td_string;
use crate::language::use_lang;
#[cfg(feature = "hydrate")]
use crate::orders::OrderStatus;
use crate::orders::{OrderStep, OrderView, ReceiptLine};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

/// `/shop/orders/:id`.
#[component]
pub fn OrderPage() -> impl IntoView {
    back_to_shop();
    let locale = use_lang().now();
    let params = use_params_map();
    let loaded = RwSignal::new(Mine::<OrderView>::Loading);
    let order_id = move || params.with_untracked(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    // The appointment cards cancel through the page: it says how it went and loads the order again.
    let init_data = StoredValue::new(String::new());
    let changes = Changes {
        order: order_id().unwrap_or_default(),
        init_data,
        outcome: RwSignal::new(None),
        reload: Callback::new(move |()| {
            if let Some(id) = order_id() {
                follow(id, init_data.get_value(), loaded);
            }
        }),
    };
    provide_context(changes);
    when_signed_in(loaded, move |init_data| {
        changes.init_data.set_value(init_data.clone());
        match order_id() {
            Some(id) => follow(id, init_data, loaded),
            None => loaded.set(Mine::Problem(Problem::NoSuchOrder)),
        }
    });

    view! {
        <TopBar title=|l| td_string!(l, order_title)/>
        {move || changes.outcome.get().map(|text| view! {
            <p class="notice" role="status" data-testid="appointment-outcome">{text}</p>
        })}
        {move || match loaded.get() {
            Mine::Loading => view! { <p class="notice">{td_string!(locale, loading_order)}</p> }.into_any(),
            Mine::Problem(problem) => {
                view! { <p class="notice notice--error" role="alert">{problem.text(locale)}</p> }.into_any()
            }
            Mine::Ready(order) => view! { <OrderDetail order/> }.into_any(),
        }}
        <p class="notice"><a href="/shop/orders">{td_string!(locale, all_orders)}</a></p>
    }
}

/// Loads the order, and loads it again while it awaits payment (up to 30 times).
fn follow(id: i64, init_data: String, loaded: RwSignal<Mine<OrderView>>) {
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(async move {
        let path = format!("/api/orders/{id}");
        for _ in 0..30 {
            let answer = super::orders::get_mine::<OrderView>(&path, &init_data).await;
            let waiting =
                matches!(&answer, Mine::Ready(order) if order.status == OrderStatus::AwaitingPayment);
            loaded.set(answer);
            if !waiting {
                return;
            }
            gloo_timers::future::TimeoutFuture::new(1_000).await;
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (id, init_data, loaded);
}

#[component]
fn OrderDetail(order: OrderView) -> impl IntoView {
    let locale = use_lang().now();
    let (id, status) = (order.id, order.status);
    let status_class = format!("order-status order-status--{}", order.status.as_str());
    let awaiting = order.status == crate::orders::OrderStatus::AwaitingPayment;
    let again: Vec<_> = order
        .lines
        .iter()
        .map(|line| (line.variant_id, u32::try_from(line.quantity).unwrap_or(0)))
        .collect();
    let (cart, navigate) = (Cart::expect(), use_navigate());
    let buy_again = move |_| {
        cart.add_again(&again);
        navigate("/shop/cart", Default::default());
    };
    let stars = order.total.currency.is_stars();
    // An appointment's voucher is shown at the salon's desk, not at a door.
    let booked = !order.appointments.is_empty();
    let book_again = order
        .appointments
        .first()
        .map(|appointment| format!("/shop/services/{}", appointment.service_id.0));
    view! {
        <section class="order" data-testid="order">
            <h2 class="order__title">{td_string!(locale, order_number, id)}</h2>
            <p class=status_class data-testid="order-status" data-status=order.status.as_str()>
                {status.label(locale)}
            </p>
            {(!order.appointments.is_empty()).then(|| view! {
                <h3 class="order__heading">{td_string!(locale, appointments_title)}</h3>
                <super::services::appointment::Appointments appointments=order.appointments/>
            })}
            <h3 class="order__heading">{td_string!(locale, progress)}</h3>
            <Timeline steps=order.timeline/>
            {awaiting.then(|| view! {
                <p class="order__note">{td_string!(locale, reserved_until)}<Moment ms=order.expires_at/></p>
            })}
            <h3 class="order__heading">{td_string!(locale, receipt)}</h3>
            <Receipt
                lines=order.lines
                items_total=order.items_total_label
                discount=order.discount
                shipping=(order.shipping.minor > 0).then_some(order.shipping_label)
                tip=(order.tip.minor > 0).then_some(order.tip_label)
                total=order.total_label
            />
            {order.charge_id.map(|charge| view! {
                <p class="order__note" data-testid="payment">
                    {match stars {
                        true => td_string!(locale, paid_with_stars),
                        false => td_string!(locale, paid_with_card),
                    }}
                    <code class="order__charge">{charge}</code>
                </p>
            })}
            {(!order.vouchers.is_empty()).then(|| view! {
                <h3 class="order__heading">{match booked {
                    true => td_string!(locale, vouchers_title),
                    false => td_string!(locale, tickets_title),
                }}</h3>
                <super::events::voucher::Vouchers vouchers=order.vouchers/>
            })}
            <super::delivery::Deliveries deliveries=order.deliveries/>
            {(!order.delivery.is_empty()).then(|| view! {
                <h3 class="order__heading">{td_string!(locale, delivery_details)}</h3>
                <address class="order__delivery" data-testid="delivery">
                    {order.delivery.into_iter().map(|line| view! { <span>{line}</span> }).collect_view()}
                </address>
            })}
            {(!awaiting).then(move || match book_again {
                // A service is booked again on its page, where a time is chosen anew.
                Some(href) => view! {
                    <a class="button order__again" href=href data-testid="book-again">{td_string!(locale, book_again)}</a>
                }
                .into_any(),
                None => view! {
                    <button class="button order__again" type="button" on:click=buy_again>{td_string!(locale, buy_again)}</button>
                }
                .into_any(),
            })}
        </section>
    }
}

/// The statuses the order went through, each with its time in the shopper's locale.
#[component]
fn Timeline(steps: Vec<OrderStep>) -> impl IntoView {
    let locale = use_lang().now();
    view! {
        <ol class="timeline" data-testid="timeline">
            {steps
                .into_iter()
                .map(|step| view! {
                    <li class="timeline__step" data-status=step.status.as_str()>
                        <span class="timeline__label">{step.status.label(locale)}</span>
                        <span class="timeline__when"><Moment ms=step.at/></span>
                    </li>
                })
                .collect_view()}
        </ol>
    }
}

/// The receipt: every line, then the items' total, a promo code's discount, shipping and tip
/// when there were any, and the total, each as the server formatted it.
#[component]
fn Receipt(
    lines: Vec<ReceiptLine>,
    items_total: String,
    discount: Option<(String, String)>,
    shipping: Option<String>,
    tip: Option<String>,
    total: String,
) -> impl IntoView {
    let locale = use_lang().now();
    view! {
        <ul class="cart-lines" data-testid="receipt">
            {lines
                .into_iter()
                .map(|line| view! {
                    <li class="cart-line">
                        <span class="cart-line__name">{line.name}</span>
                        <span class="cart-line__total"><bdi dir="ltr">{line.total_label}</bdi></span>
                        <span class="cart-line__unit-count">{line.quantity}" × "<bdi dir="ltr">{line.unit_price_label}</bdi></span>
                    </li>
                })
                .collect_view()}
        </ul>
        <dl class="cart-totals">
            <dt>{td_string!(locale, items)}</dt>
            <dd><bdi dir="ltr">{items_total}</bdi></dd>
            {discount.map(|(code, off)| view! {
                <dt>{td_string!(locale, promo_line, code = &code)}</dt>
                <dd data-testid="order-discount"><bdi dir="ltr">{off}</bdi></dd>
            })}
            {shipping.map(|shipping| view! { <dt>{td_string!(locale, shipping)}</dt><dd><bdi dir="ltr">{shipping}</bdi></dd> })}
            {tip.map(|tip| view! { <dt>{td_string!(locale, tip_line)}</dt><dd><bdi dir="ltr">{tip}</bdi></dd> })}
            <dt>{td_string!(locale, total)}</dt>
            <dd data-testid="order-total"><bdi dir="ltr">{total}</bdi></dd>
        </dl>
    }
}
