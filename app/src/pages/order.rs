//! An order's page: its status as the server recorded it from Telegram's payment updates —
//! never what the payment sheet said. While the order awaits payment the page asks again
//! every second for a while, since Telegram's update may arrive just after the sheet closes.

#[cfg(feature = "hydrate")]
use crate::orders::OrderStatus;
use crate::orders::OrderView;
use crate::telegram::Telegram;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

/// What the page knows about the order.
// Built in the browser only; server rendering shows the loading state.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
#[derive(Clone, Debug, PartialEq)]
enum Loaded {
    Loading,
    Order(OrderView),
    Problem(String),
}

/// `/shop/orders/:id`.
#[component]
pub fn OrderPage() -> impl IntoView {
    let telegram = Telegram::expect();
    let params = use_params_map();
    let order_id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let loaded = RwSignal::new(Loaded::Loading);
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
    Effect::new(move |_| {
        let init_data = telegram.launch.get().and_then(|l| l.init_data);
        match (order_id(), init_data) {
            (None, _) => loaded.set(Loaded::Problem("There is no such order.".into())),
            (Some(_), None) if telegram.launch.get().is_some() => loaded.set(Loaded::Problem(
                "Open the shop from Telegram to see your orders.".into(),
            )),
            (Some(id), Some(init_data)) => follow(id, init_data, loaded),
            _ => {}
        }
    });

    view! {
        <header class="top-bar"><h1 class="top-bar__title">"Your order"</h1></header>
        {move || match loaded.get() {
            Loaded::Loading => view! { <p class="notice">"Loading your order…"</p> }.into_any(),
            Loaded::Problem(text) => view! { <p class="notice notice--error" role="alert">{text}</p> }.into_any(),
            Loaded::Order(order) => view! { <OrderDetail order/> }.into_any(),
        }}
        <p class="notice"><a href="/shop">"Back to the shop"</a></p>
    }
}

/// Loads the order, and loads it again while it awaits payment (up to 30 times).
fn follow(id: i64, init_data: String, loaded: RwSignal<Loaded>) {
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(async move {
        for _ in 0..30 {
            let answer =
                crate::telegram::bridge::get_with_init_data(&format!("/api/orders/{id}"), &init_data)
                    .await
                    .and_then(|body| serde_json::from_str::<OrderView>(&body).map_err(|e| e.to_string()));
            let waiting = matches!(&answer, Ok(order) if order.status == OrderStatus::AwaitingPayment);
            loaded.set(match answer {
                Ok(order) => Loaded::Order(order),
                Err(why) => Loaded::Problem(why),
            });
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
    let status_class = format!("order-status order-status--{}", order.status.as_str());
    view! {
        <section class="order" data-testid="order">
            <h2 class="order__title">{format!("Order #{}", order.id)}</h2>
            <p class=status_class data-testid="order-status" data-status=order.status.as_str()>
                {order.status.label()}
            </p>
            <ul class="cart-lines">
                {order
                    .lines
                    .into_iter()
                    .map(|line| view! {
                        <li class="cart-line">
                            <span class="cart-line__name">{line.name}</span>
                            <span class="cart-line__quantity">{format!("× {}", line.quantity)}</span>
                        </li>
                    })
                    .collect_view()}
            </ul>
            <p class="order__total">"Total: " <strong data-testid="order-total">{order.total_label}</strong></p>
        </section>
    }
}
