//! `/admin/orders/:id`: an order's lines, buyer, delivery, payment ids and timeline, and the
//! merchant's moves its status allows — shipped (with a note), delivered, cancelled,
//! refunded. A Stars refund is Telegram's to confirm: the page asks again every second for a
//! while until the order is refunded.

use super::action::{load, show, Act, Loaded, Refusal};
use super::api;
use super::provider::ProviderName;
use crate::admin::formats::Moment;
use crate::admin::texts::{t, tf};
use crate::admin_api::{AdminOrder, Refund, Ship, SoldWhere};
use crate::orders::OrderStatus;
use leptos::prelude::*;

/// Where a shared invoice sold the order, in the page's language.
fn sold_where(place: SoldWhere) -> String {
    match place {
        SoldWhere::App => t("Sold through a share from the Mini App.").to_owned(),
        SoldWhere::Inline => t("Sold through inline mode.").to_owned(),
        SoldWhere::Post { chat: Some(chat), .. } => tf!("Sold by the post in {chat}.", chat = chat),
        SoldWhere::Post { post_id, chat: None } => tf!("Sold by post #{post}.", post = post_id),
    }
}

/// A move the merchant can make on an order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Move {
    Ship,
    Deliver,
    Cancel,
    Refund,
}

/// The moves an order's status allows (the server's `shop::order::apply`).
pub(crate) fn moves(status: OrderStatus) -> &'static [Move] {
    match status {
        OrderStatus::AwaitingPayment => &[Move::Cancel],
        OrderStatus::Paid => &[Move::Ship, Move::Refund],
        OrderStatus::Shipped => &[Move::Deliver, Move::Refund],
        OrderStatus::Delivered => &[Move::Refund],
        _ => &[],
    }
}

/// `/admin/orders/:id`.
#[component]
pub(crate) fn OrderPage(id: i64) -> impl IntoView {
    let order = load::<AdminOrder>(move || format!("/api/admin/orders/{id}"));
    view! {
        <p><a href="/admin/orders">{t("← All orders")}</a></p>
        {show(order, move |o| view! { <OrderDetail order=o loaded=order/> })}
    }
}

#[component]
fn OrderDetail(order: AdminOrder, loaded: Loaded<AdminOrder>) -> impl IntoView {
    let o = order.order;
    let status = o.status;
    view! {
        <h1 class="admin-title">{tf!("Order #{id}", id = o.id)}</h1>
        <p class=format!("order-status order-status--{}", status.as_str()) data-testid="admin-order-status" data-status=status.as_str()>
            {super::texts::state(status.as_str())}
        </p>
        {order.sold_where.map(|place| view! {
            <p class="admin-note" data-testid="admin-order-sold-where">{sold_where(place)}</p>
        })}
        {order.payment_mismatch.map(|why| view! {
            <p class="admin-error" role="alert" data-testid="admin-payment-mismatch">
                {tf!("A payment does not match this order: {why}. It was not marked paid; refund or settle it by hand.", why = why)}
            </p>
        })}
        <section class="admin-card admin-actions" aria-label=t("Actions") data-testid="order-actions">
            {moves(status).iter().map(|m| match m {
                Move::Ship => view! { <ShipForm id=o.id.0 loaded/> }.into_any(),
                Move::Deliver => view! { <Simple id=o.id.0 loaded action="deliver" text=t("Mark delivered")/> }.into_any(),
                Move::Cancel => view! { <Simple id=o.id.0 loaded action="cancel" text=t("Cancel order")/> }.into_any(),
                Move::Refund => view! { <RefundForm id=o.id.0 stars=o.total.currency.is_stars() loaded/> }.into_any(),
            }).collect_view()}
            {moves(status).is_empty().then(|| view! { <p class="admin-note">{t("No moves are left for this order.")}</p> })}
        </section>
        <section class="admin-card" aria-labelledby="lines-title">
            <h2 id="lines-title">{t("Lines")}</h2>
            <table class="admin-table">
                <thead><tr><th scope="col">{t("Item")}</th><th scope="col">{t("Quantity")}</th><th scope="col">{t("Unit price")}</th><th scope="col">{t("Total")}</th></tr></thead>
                <tbody>{o.lines.into_iter().map(|l| view! {
                    <tr><td>{l.name}</td><td>{l.quantity}</td><td>{l.unit_price_label}</td><td>{l.total_label}</td></tr>
                }).collect_view()}</tbody>
            </table>
            <dl class="admin-facts">
                <dt>{t("Items")}</dt><dd>{o.items_total_label}</dd>
                {o.discount.map(|(code, off)| view! { <dt>{tf!("Promo {code}", code = code)}</dt><dd>{off}</dd> })}
                <dt>{t("Shipping")}</dt><dd>{o.shipping_label}{order.shipping_option_id.map(|s| format!(" ({s})"))}</dd>
                <dt>{t("Tip")}</dt><dd>{o.tip_label}</dd>
                <dt>{t("Total")}</dt><dd data-testid="admin-order-total">{o.total_label}</dd>
            </dl>
        </section>
        <section class="admin-card" aria-labelledby="buyer-title">
            <h2 id="buyer-title">{t("Buyer and payment")}</h2>
            <dl class="admin-facts">
                <dt>{t("Buyer")}</dt>
                <dd data-testid="admin-order-buyer">
                    {order.buyer_name}{(!order.buyer_username.is_empty()).then(|| format!(" @{}", order.buyer_username))}
                    {tf!(" (Telegram id {id})", id = order.buyer_id)}
                </dd>
                <dt>{t("Created")}</dt><dd><Moment ms=o.created_at/></dd>
                <dt>{t("Telegram charge id")}</dt><dd><code>{o.charge_id.unwrap_or_else(|| "–".into())}</code></dd>
                <dt>{t("Payment provider")}</dt><dd><ProviderName provider=order.payment_provider/></dd>
                <dt>{t("Provider charge id")}</dt><dd><code>{order.provider_charge_id.unwrap_or_else(|| "–".into())}</code></dd>
                <dt>{t("Shipping address")}</dt>
                <dd><address>{o.delivery.into_iter().map(|line| view! { <span class="admin-line">{line}</span> }).collect_view()}</address></dd>
            </dl>
        </section>
        <section class="admin-card" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{t("Timeline")}</h2>
            <ol class="timeline" data-testid="admin-timeline">{o.timeline.into_iter().map(|step| view! {
                <li class="timeline__step" data-status=step.status.as_str()>
                    <span class="timeline__label">{super::texts::state(step.status.as_str())}</span>
                    <span class="timeline__when"><Moment ms=step.at/></span>
                </li>
            }).collect_view()}</ol>
        </section>
    }
}

/// A move without a body: `POST /api/admin/orders/{id}/{action}`.
#[component]
fn Simple(id: i64, loaded: Loaded<AdminOrder>, action: &'static str, text: &'static str) -> impl IntoView {
    let act = Act::new();
    let path = format!("/api/admin/orders/{id}/{action}");
    let go = move |_| {
        let path = path.clone();
        act.run(move |auth| async move { api::send::<serde::de::IgnoredAny>(&auth, "POST", &path, None::<&()>).await }, move |_| loaded.refetch())
    };
    view! {
        <div class="admin-action">
            <button type="button" class="admin-button" on:click=go disabled=move || act.busy.get()>{text}</button>
            <Refusal act/>
        </div>
    }
}

/// "Mark shipped", with an optional note for the buyer (a tracking number).
#[component]
fn ShipForm(id: i64, loaded: Loaded<AdminOrder>) -> impl IntoView {
    let (act, note) = (Act::new(), RwSignal::new(String::new()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let note = Some(note.get_untracked().trim().to_owned()).filter(|n| !n.is_empty());
        let path = format!("/api/admin/orders/{id}/ship");
        act.run(
            move |auth| async move {
                api::send::<serde::de::IgnoredAny>(&auth, "POST", &path, Some(&Ship { note })).await
            },
            move |_| loaded.refetch(),
        );
    };
    view! {
        <form class="admin-form admin-action" on:submit=submit>
            <label>{t("Tracking note (optional)")} <input type="text" name="note" maxlength="500" bind:value=note/></label>
            <button type="submit" class="admin-button" disabled=move || act.busy.get()>{t("Mark shipped")}</button>
            <Refusal act/>
        </form>
    }
}

/// "Refund": card payments with the provider's reference, Stars through Telegram (202, then
/// the page waits up to 15 s for Telegram's confirmation).
#[component]
fn RefundForm(id: i64, stars: bool, loaded: Loaded<AdminOrder>) -> impl IntoView {
    let (act, reference, note) = (
        Act::new(),
        RwSignal::new(String::new()),
        RwSignal::new(None::<&'static str>),
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = (!stars).then(|| Refund {
            reference: Some(reference.get_untracked().trim().to_owned()),
        });
        act.run(
            move |auth| refund(auth, id, body, note),
            move |_| loaded.refetch(),
        );
    };
    view! {
        <form class="admin-form admin-action" on:submit=submit>
            {(!stars).then(|| view! {
                <label>{t("Provider refund reference")} <input type="text" name="reference" required bind:value=reference/></label>
            })}
            <button type="submit" class="admin-button admin-button--danger" disabled=move || act.busy.get()>{t("Refund")}</button>
            {move || note.get().map(|n| view! { <p class="admin-note" role="status" data-testid="refund-note">{n}</p> })}
            <Refusal act/>
        </form>
    }
}

async fn refund(
    auth: api::Auth,
    id: i64,
    body: Option<Refund>,
    note: RwSignal<Option<&'static str>>,
) -> Result<(), api::Failure> {
    let path = format!("/api/admin/orders/{id}/refund");
    let payload = body.map(|b| api::Payload::Json(serde_json::to_string(&b).unwrap_or_default()));
    let (status, _) = api::call(&auth, "POST", &path, payload).await?;
    if status != 202 {
        return Ok(());
    }
    note.set(Some(t(
        "Refund requested; the order turns refunded when Telegram confirms.",
    )));
    for _ in 0..15 {
        api::sleep(1_000).await;
        let order = api::get::<AdminOrder>(&auth, &format!("/api/admin/orders/{id}")).await?;
        if order.order.status == OrderStatus::Refunded {
            note.set(None);
            return Ok(());
        }
    }
    note.set(Some(t(
        "Telegram has not confirmed the refund yet: look again in a while.",
    )));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_moves_the_status_allows_are_offered() {
        assert_eq!(moves(OrderStatus::AwaitingPayment), &[Move::Cancel]);
        assert_eq!(moves(OrderStatus::Paid), &[Move::Ship, Move::Refund]);
        assert_eq!(moves(OrderStatus::Shipped), &[Move::Deliver, Move::Refund]);
        assert_eq!(moves(OrderStatus::Delivered), &[Move::Refund]);
        for done in [
            OrderStatus::Cancelled,
            OrderStatus::Refunded,
            OrderStatus::Expired,
        ] {
            assert!(moves(done).is_empty());
        }
    }
}
