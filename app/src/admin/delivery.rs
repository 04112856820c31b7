//! What a digital product's variants deliver once paid, on the product's page (admin chunk):
//! per variant, a file (upload, its name and size, the `protect_content` toggle), a licence-key
//! pool (paste keys one per line: how many were added and how many were duplicates, the free
//! and given keys — each given key with its order, "refunded" once revoked — and the low-stock
//! level) or a text/link; all through `/api/admin/variants/{id}/delivery`.

use super::action::{load, show, Act, Refusal};
use super::api;
use crate::admin::texts::{t, tf};
use crate::admin_api::{AdminDelivery, AdminProduct, GivenKey, KeysAdded, SetDelivery, UploadKeys};
use leptos::html;
use leptos::prelude::*;

/// The "Delivery" card of a digital product: one editor per variant.
#[component]
pub(crate) fn Deliveries(current: RwSignal<AdminProduct>) -> impl IntoView {
    view! {
        <section class="admin-card" aria-labelledby="delivery-title" data-testid="delivery">
            <h2 id="delivery-title">{t("Delivery")}</h2>
            <p class="admin-note">{t("What the buyer gets once the order is paid: the bot sends it, and the order page keeps it.")}</p>
            {move || current.get().variants.into_iter().map(|variant| {
                let (id, name) = (variant.id.0, variant.name);
                let loaded = load::<AdminDelivery>(move || format!("/api/admin/variants/{id}/delivery"));
                view! {
                    <div class="admin-variant" data-testid=format!("delivery-{id}")>
                        <h3>{if name.is_empty() { t("The product").to_owned() } else { name }}</h3>
                        {show(loaded, |delivery| view! { <Editor delivery/> })}
                    </div>
                }
            }).collect_view()}
        </section>
    }
}

#[component]
fn Editor(delivery: AdminDelivery) -> impl IntoView {
    let current = RwSignal::new(delivery);
    view! {
        <p class="admin-note" data-testid="delivers">{move || current.with(describe)}</p>
        <Options current/>
        <UploadFile current/>
        <AddKeys current/>
        <SetText current/>
        {move || {
            let given = current.with(|d| d.given.clone());
            (!given.is_empty()).then(|| view! { <GivenKeys given/> })
        }}
    }
}

/// What the variant delivers now, as a sentence.
fn describe(delivery: &AdminDelivery) -> String {
    match delivery.kind.as_str() {
        "file" => tf!(
            "Delivers the file {name} ({size}).",
            name = delivery.file_name.as_deref().unwrap_or("?"),
            size = size(delivery.file_size.unwrap_or(0))
        ),
        "keys" => tf!(
            "Delivers a licence key: {free} free (you are warned at {low}), {given} given.",
            free = delivery.free_keys,
            low = delivery.low_stock_at,
            given = delivery.given.len()
        ),
        "text" => tf!(
            "Reveals this text: {text}",
            text = delivery.text.as_deref().unwrap_or("")
        ),
        _ => t("Delivers nothing yet: upload a file, paste licence keys or write a text below.").into(),
    }
}

/// A size in bytes as people read it: `812 bytes`, `14.2 KB`, `3.5 MB`.
fn size(bytes: i64) -> String {
    match bytes {
        b if b < 1_000 => tf!("{b} bytes", b = b),
        b if b < 1_000_000 => format!("{:.1} KB", b as f64 / 1_000.0),
        b => format!("{:.1} MB", b as f64 / 1_000_000.0),
    }
}

fn path(current: RwSignal<AdminDelivery>, tail: &str) -> String {
    format!(
        "/api/admin/variants/{}/delivery{tail}",
        current.with_untracked(|d| d.variant_id.0)
    )
}

/// `protect_content` (Telegram forbids saving and forwarding what the bot sends) and the
/// low-stock level of a key pool.
#[component]
fn Options(current: RwSignal<AdminDelivery>) -> impl IntoView {
    let act = Act::new();
    let protect = RwSignal::new(current.with_untracked(|d| d.protect_content));
    let low = RwSignal::new(current.with_untracked(|d| d.low_stock_at.to_string()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(low_stock_at) = low.get_untracked().trim().parse::<i64>() else {
            return act.refuse(t("The low-stock level is a whole number of keys, such as 5."));
        };
        let body = SetDelivery {
            text: None,
            protect_content: Some(protect.get_untracked()),
            low_stock_at: Some(low_stock_at),
        };
        let path = path(current, "");
        act.run(
            move |auth| async move { api::send::<AdminDelivery>(&auth, "PUT", &path, Some(&body)).await },
            move |d| current.set(d),
        );
    };
    view! {
        <form class="admin-form admin-form--row" on:submit=submit aria-label=t("Delivery options")>
            <label><input type="checkbox" bind:checked=protect/>{t(" Protect the content (no saving or forwarding in Telegram)")}</label>
            <label>{t("Warn when free keys fall to")} <input type="number" min="0" step="1" bind:value=low/></label>
            <button type="submit" class="admin-button" disabled=move || act.busy.get()>{t("Save options")}</button>
            <Refusal act/>
        </form>
    }
}

#[component]
fn UploadFile(current: RwSignal<AdminDelivery>) -> impl IntoView {
    let act = Act::new();
    let form = NodeRef::<html::Form>::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let path = path(current, "/file");
        act.run(
            move |auth| async move { api::upload::<AdminDelivery>(&auth, &path, form).await },
            move |d| {
                if let Some(form) = form.get_untracked() {
                    form.reset();
                }
                current.set(d);
            },
        );
    };
    view! {
        <form class="admin-form admin-form--row" node_ref=form on:submit=submit aria-label=t("Upload the file to deliver")>
            <label>{t("File to deliver (at most 50 MB)")} <input type="file" name="file" required/></label>
            <button type="submit" class="admin-button" disabled=move || act.busy.get()>{t("Upload file")}</button>
            <Refusal act/>
        </form>
    }
}

#[component]
fn AddKeys(current: RwSignal<AdminDelivery>) -> impl IntoView {
    let act = Act::new();
    let keys = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        outcome.set(None);
        let body = UploadKeys {
            keys: keys.get_untracked(),
        };
        if body.keys.trim().is_empty() {
            return act.refuse(t("Paste at least one licence key, one per line."));
        }
        let path = path(current, "/keys");
        act.run(
            move |auth| async move { api::send::<KeysAdded>(&auth, "POST", &path, Some(&body)).await },
            move |added| {
                outcome.set(Some(tf!(
                    "Added {added} keys; {duplicates} duplicates skipped.",
                    added = added.added,
                    duplicates = added.duplicates
                )));
                keys.set(String::new());
                current.set(added.delivery);
            },
        );
    };
    view! {
        <form class="admin-form" on:submit=submit aria-label=t("Add licence keys")>
            <label>{t("Licence keys, one per line")} <textarea rows="4" bind:value=keys></textarea></label>
            <button type="submit" class="admin-button" disabled=move || act.busy.get()>{t("Add keys")}</button>
            {move || outcome.get().map(|text| view! { <p class="admin-note" role="status" data-testid="keys-added">{text}</p> })}
            <Refusal act/>
        </form>
    }
}

#[component]
fn SetText(current: RwSignal<AdminDelivery>) -> impl IntoView {
    let act = Act::new();
    let text = RwSignal::new(current.with_untracked(|d| d.text.clone().unwrap_or_default()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = SetDelivery {
            text: Some(text.get_untracked()),
            ..SetDelivery::default()
        };
        if text.get_untracked().trim().is_empty() {
            return act.refuse(t("Write the text or link the buyer gets."));
        }
        let path = path(current, "");
        act.run(
            move |auth| async move { api::send::<AdminDelivery>(&auth, "PUT", &path, Some(&body)).await },
            move |d| current.set(d),
        );
    };
    view! {
        <form class="admin-form" on:submit=submit aria-label=t("Deliver a text or link")>
            <label>{t("Text or link revealed after payment")} <textarea rows="2" bind:value=text></textarea></label>
            <button type="submit" class="admin-button" disabled=move || act.busy.get()>{t("Save text")}</button>
            <Refusal act/>
        </form>
    }
}

/// The keys given so far, newest first, each with its order; revoked ones say "refunded".
#[component]
fn GivenKeys(given: Vec<GivenKey>) -> impl IntoView {
    view! {
        <table class="admin-table" data-testid="given-keys">
            <thead><tr><th>{t("Key")}</th><th>{t("Order")}</th><th>{t("State")}</th></tr></thead>
            <tbody>
                {given.into_iter().map(|key| {
                    let order = key.order_id.0;
                    view! {
                        <tr>
                            <td><code>{key.key}</code></td>
                            <td><a href=format!("/admin/orders/{order}")>{format!("#{order}")}</a></td>
                            <td>{if key.refunded_at.is_some() { t("refunded") } else { t("given") }}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[cfg(test)]
mod tests {
    use super::size;

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size(812), "812 bytes");
        assert_eq!(size(14_200), "14.2 KB");
        assert_eq!(size(3_500_000), "3.5 MB");
    }
}
