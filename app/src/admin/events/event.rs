//! `/admin/events/:id`: an event as the organiser runs it. Its sales and check-ins per ticket
//! type are asked again every few seconds while the page is open (live counts at the door);
//! the forms keep what the organiser is typing meanwhile. Every change answers the event as
//! it now is, which the page then shows.

use super::super::action::{load, show, Act, Refusal};
use super::super::api;
use super::super::shell::Admin;
use super::super::zoned;
use super::fields::{Particulars, ParticularsInputs};
use super::state_text;
use crate::admin::texts::{t, tf};
use crate::admin_api::AdminEvent;
use leptos::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// How often the open page asks for the counts again.
const LIVE_EVERY_MS: u32 = 3_000;

/// `/admin/events/:id` (`GET /api/admin/events/{id}`).
#[component]
pub(crate) fn EventPage(id: i64) -> impl IntoView {
    let event = load::<AdminEvent>(move || format!("/api/admin/events/{id}"));
    view! {
        <p><a href="/admin/events">{t("← All events")}</a></p>
        {show(event, move |event| view! { <Running event/> })}
    }
}

/// Asks for the event again every [`LIVE_EVERY_MS`] until the page closes, and shows it when
/// it changed.
fn keep_live(current: RwSignal<AdminEvent>) {
    if cfg!(not(feature = "hydrate")) {
        return;
    }
    let admin = Admin::expect();
    let open = Arc::new(AtomicBool::new(true));
    on_cleanup({
        let open = open.clone();
        move || open.store(false, Ordering::Relaxed)
    });
    let path = format!("/api/admin/events/{}", current.with_untracked(|e| e.id.0));
    leptos::task::spawn_local(async move {
        loop {
            api::sleep(LIVE_EVERY_MS).await;
            if !open.load(Ordering::Relaxed) {
                return;
            }
            let Ok(event) = api::get::<AdminEvent>(&admin.auth(), &path).await else {
                continue;
            };
            let changed = current.try_with_untracked(|shown| shown != &event);
            if open.load(Ordering::Relaxed) && changed == Some(true) {
                current.set(event);
            }
        }
    });
}

#[component]
fn Running(event: AdminEvent) -> impl IntoView {
    let product = format!("/admin/products/{}", event.id.0);
    let current = RwSignal::new(event);
    keep_live(current);
    let zone = Signal::derive(move || current.with(|e| e.time_zone.clone()));
    let state = Memo::new(move |_| current.with(|e| e.state.clone()));
    view! {
        <h1 class="admin-title">{move || current.with(|e| e.name.clone())}</h1>
        <p class="admin-note">
            <span data-testid="event-state" data-state=move || state.get()>{move || state_text(&state.get())}</span>
            " · "{move || current.with(|e| tf!("starts {when} ({zone})", when = zoned::show(e.starts_at, &e.time_zone), zone = e.time_zone))}
        </p>
        <p class="admin-note">
            {t("An event is a product: its photo, name, description and its ticket types' names and prices are edited on ")}
            <a href=product data-testid="event-product-link">{t("its product page")}</a>"."
        </p>
        <super::ticket_types::Sales current/>
        <Details current zone/>
        <SalesActions current/>
        <super::staff::DoorStaff current/>
        <super::publish::Publish current/>
    }
}

/// Times, venue, capacity and named tickets (`PATCH /api/admin/events/{id}`).
#[component]
fn Details(current: RwSignal<AdminEvent>, zone: Signal<String>) -> impl IntoView {
    let save = Act::new();
    let fields = current.with_untracked(Particulars::of);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = match fields.read(&zone.get_untracked()) {
            Ok(read) => read.update(),
            Err(why) => return save.refuse(why),
        };
        let path = format!("/api/admin/events/{}", current.with_untracked(|e| e.id.0));
        save.run(
            move |auth| async move { api::send::<AdminEvent>(&auth, "PATCH", &path, Some(&body)).await },
            move |event| {
                fields.show(&event);
                current.set(event);
            },
        );
    };
    view! {
        <form class="admin-form admin-card" on:submit=submit aria-label=t("Event details") data-testid="event-details">
            <h2>{t("Details")}</h2>
            <ParticularsInputs fields zone/>
            <button type="submit" class="admin-button" disabled=move || save.busy.get()>{t("Save details")}</button>
            <Refusal act=save/>
        </form>
    }
}

/// "Close sales" (`POST …/close-sales`) and "Cancel event" (`POST …/cancel`), the latter
/// after the organiser confirms that every paid ticket is refunded.
#[component]
fn SalesActions(current: RwSignal<AdminEvent>) -> impl IntoView {
    let (close, cancel) = (Act::new(), Act::new());
    let confirming = RwSignal::new(false);
    let post = move |act: Act, what: &'static str| {
        let path = format!("/api/admin/events/{}/{what}", current.with_untracked(|e| e.id.0));
        act.run(
            move |auth| async move { api::send::<AdminEvent>(&auth, "POST", &path, None::<&()>).await },
            move |event| {
                confirming.set(false);
                current.set(event);
            },
        );
    };
    let state = Memo::new(move |_| current.with(|e| e.state.clone()));
    let busy = move || close.busy.get() || cancel.busy.get();
    view! {
        <section class="admin-card admin-action" aria-labelledby="sales-actions-title" data-testid="event-actions">
            <h2 id="sales-actions-title">{t("Sales")}</h2>
            {move || match state.get().as_str() {
                "cancelled" => view! { <p class="admin-note">{t("Cancelled: every paid ticket was refunded.")}</p> }.into_any(),
                on_sale => view! {
                    {(on_sale == "on_sale").then(|| view! {
                        <button type="button" class="admin-button" on:click=move |_| post(close, "close-sales") disabled=busy>{t("Close sales")}</button>
                    })}
                    <button type="button" class="admin-button admin-button--danger" on:click=move |_| confirming.set(true)
                        disabled=busy hidden=move || confirming.get()>{t("Cancel event")}</button>
                }.into_any(),
            }}
            {move || confirming.get().then(|| view! {
                <div role="alertdialog" aria-labelledby="cancel-warning" data-testid="cancel-confirmation">
                    <p id="cancel-warning" class="admin-error">
                        {t("Cancelling closes sales for good, revokes every ticket and refunds every paid ticket (Stars through Telegram; card payments are recorded for you to refund with the provider). Each buyer is told by the bot.")}
                    </p>
                    <button type="button" class="admin-button admin-button--danger" on:click=move |_| post(cancel, "cancel") disabled=busy>{t("Yes, cancel the event and refund")}</button>
                    <button type="button" class="admin-button admin-button--quiet" on:click=move |_| confirming.set(false) disabled=busy>{t("Keep the event")}</button>
                </div>
            })}
            <Refusal act=close/>
            <Refusal act=cancel/>
        </section>
    }
}
