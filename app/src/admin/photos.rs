//! A product's photos: upload (`multipart/form-data` from the form itself, field `photo`,
//! optional `alt` and `role`) and delete; both answer the product.

use super::action::{Act, Refusal};
use super::api;
use crate::admin::texts::{t, tf};
use crate::admin_api::{AdminPhoto, AdminProduct};
use crate::catalog::ProductId;
use leptos::html;
use leptos::prelude::*;

/// The photos card of a product's page.
#[component]
pub(crate) fn Photos(current: RwSignal<AdminProduct>) -> impl IntoView {
    view! {
        <section class="admin-card" aria-labelledby="photos-title" data-testid="photos">
            <h2 id="photos-title">{t("Photos")}</h2>
            {move || current.with(|p| {
                let main = p.photo.clone();
                view! {
                    <figure class="admin-photo" data-testid="main-photo">
                        <img src=main.url alt=main.alt width=main.width height=main.height loading="lazy"/>
                        <figcaption>{t("Main photo")}</figcaption>
                    </figure>
                }
            })}
            <ul class="admin-photos">
                {move || {
                    let product = current.get();
                    product.photos.into_iter().map(|photo| view! { <PhotoItem product_id=product.id photo current/> }).collect_view()
                }}
            </ul>
            <Upload current/>
        </section>
    }
}

#[component]
fn PhotoItem(product_id: ProductId, photo: AdminPhoto, current: RwSignal<AdminProduct>) -> impl IntoView {
    let act = Act::new();
    let path = format!("/api/admin/products/{}/photos/{}", product_id.0, photo.id.0);
    let remove = move |_| {
        let path = path.clone();
        act.run(
            move |auth| async move { api::send::<AdminProduct>(&auth, "DELETE", &path, None::<&()>).await },
            move |p| current.set(p),
        );
    };
    let label = tf!(
        "Delete photo {name}",
        name = if photo.alt.is_empty() {
            photo.id.0.to_string()
        } else {
            photo.alt.clone()
        }
    );
    view! {
        <li class="admin-photo" data-testid=format!("photo-{}", photo.id.0)>
            <img src=photo.url alt=photo.alt.clone() width=photo.width height=photo.height loading="lazy"/>
            <button type="button" class="admin-button admin-button--danger" aria-label=label on:click=remove disabled=move || act.busy.get()>
                {t("Delete photo")}
            </button>
            <Refusal act/>
        </li>
    }
}

#[component]
fn Upload(current: RwSignal<AdminProduct>) -> impl IntoView {
    let act = Act::new();
    let form = NodeRef::<html::Form>::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let path = format!(
            "/api/admin/products/{}/photos",
            current.with_untracked(|p| p.id.0)
        );
        act.run(
            move |auth| async move { api::upload::<AdminProduct>(&auth, &path, form).await },
            move |p| {
                if let Some(form) = form.get_untracked() {
                    form.reset();
                }
                current.set(p);
            },
        );
    };
    view! {
        <form class="admin-form admin-form--row" node_ref=form on:submit=submit aria-label=t("Upload a photo")>
            <label>{t("Photo file")} <input type="file" name="photo" accept="image/jpeg,image/png,image/webp" required/></label>
            <label>{t("Alt text")} <input type="text" name="alt"/></label>
            <label>{t("Use as")}
                <select name="role">
                    <option value="">{t("Main photo while there is none, else gallery")}</option>
                    <option value="gallery">{t("Gallery photo")}</option>
                    <option value="main">{t("Main photo")}</option>
                </select>
            </label>
            <button type="submit" class="admin-button" disabled=move || act.busy.get()>{t("Upload photo")}</button>
            <Refusal act/>
        </form>
    }
}
