//! The merchant's texts in the shoppers' languages: a product's name, description and variant
//! names, and a category's name, per language (`GET`/`PUT /api/admin/products/{id}/texts`,
//! `/api/admin/categories/{id}/texts`). A blank field is no text: shoppers of that language
//! read the shop's own, shown as the field's placeholder. Saving sends every field at once.
//!
//! Its texts are in the merchant's language ([`super::texts`]).

use super::action::{load, show, Act, Refusal};
use super::api;
use super::texts::{t, tf};
use crate::admin_api::{AdminProduct, CategoryTexts, LangText, ProductText, ProductTexts, VariantTexts};
use leptos::prelude::*;

/// A language's name, in that language too, as the merchant's page lists it.
fn language_name(code: &str) -> &'static str {
    match code {
        "en" => t("English"),
        "zh" => t("Chinese · 中文"),
        "fr" => t("French · Français"),
        "ar" => t("Arabic · العربية"),
        _ => t("Other"),
    }
}

fn variant_label(name: &str) -> String {
    tf!("Variant “{name}”", name = name)
}

/// One language's fields as typed.
#[derive(Clone, Copy)]
struct LanguageFields {
    lang: &'static str,
    name: RwSignal<String>,
    description: RwSignal<String>,
}

/// A variant's names as typed, one per language.
#[derive(Clone)]
struct VariantFields {
    variant: VariantTexts,
    /// Its own name, the placeholder.
    own: String,
    names: Vec<(&'static str, RwSignal<String>)>,
}

fn language_code(lang: &str) -> &'static str {
    ["en", "zh", "fr", "ar"]
        .into_iter()
        .find(|l| *l == lang)
        .unwrap_or("en")
}

fn name_signals(names: &[LangText]) -> Vec<(&'static str, RwSignal<String>)> {
    names
        .iter()
        .map(|n| (language_code(&n.lang), RwSignal::new(n.text.clone())))
        .collect()
}

fn typed(names: &[(&'static str, RwSignal<String>)]) -> Vec<LangText> {
    names
        .iter()
        .map(|(lang, text)| LangText {
            lang: (*lang).to_owned(),
            text: text.get_untracked(),
        })
        .collect()
}

/// The product page's card of texts per language.
#[component]
pub(crate) fn ProductTextsCard(current: RwSignal<AdminProduct>) -> impl IntoView {
    let id = current.with_untracked(|p| p.id.0);
    // Loaded again when a variant is added or removed above (not on every edit, which would
    // drop translations typed and not yet saved).
    let variant_ids =
        Memo::new(move |_| current.with(|p| p.variants.iter().map(|v| v.id).collect::<Vec<_>>()));
    let texts = load::<ProductTexts>(move || {
        variant_ids.track();
        format!("/api/admin/products/{id}/texts")
    });
    view! {
        <section class="admin-card" aria-labelledby="texts-title" data-testid="product-texts">
            <h2 id="texts-title">{t("Texts in other languages")}</h2>
            <p class="admin-note">{t("Shoppers read the product in their Telegram language. Blank fields show the shop's own text (the placeholder).")}</p>
            {show(texts, move |texts| view! { <ProductTextsForm texts current/> })}
        </section>
    }
}

#[component]
fn ProductTextsForm(texts: ProductTexts, current: RwSignal<AdminProduct>) -> impl IntoView {
    let product = current.get_untracked();
    let languages: Vec<LanguageFields> = texts
        .product
        .iter()
        .map(|t| LanguageFields {
            lang: language_code(&t.lang),
            name: RwSignal::new(t.name.clone()),
            description: RwSignal::new(t.description.clone()),
        })
        .collect();
    // The only, unnamed variant has no name to translate.
    let variants: Vec<VariantFields> = texts
        .variants
        .iter()
        .filter_map(|v| {
            let own = product
                .variants
                .iter()
                .find(|p| p.id == v.variant_id)?
                .name
                .clone();
            (!own.is_empty()).then(|| VariantFields {
                variant: v.clone(),
                own,
                names: name_signals(&v.names),
            })
        })
        .collect();
    let (save, saved) = (Act::new(), RwSignal::new(false));
    let path = format!("/api/admin/products/{}/texts", product.id.0);
    let submit = {
        let (languages, variants) = (languages.clone(), variants.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let body = ProductTexts {
                product: languages
                    .iter()
                    .map(|l| ProductText {
                        lang: l.lang.to_owned(),
                        name: l.name.get_untracked(),
                        description: l.description.get_untracked(),
                    })
                    .collect(),
                variants: variants
                    .iter()
                    .map(|v| VariantTexts {
                        variant_id: v.variant.variant_id,
                        names: typed(&v.names),
                    })
                    .collect(),
            };
            let path = path.clone();
            saved.set(false);
            save.run(
                move |auth| async move { api::send::<ProductTexts>(&auth, "PUT", &path, Some(&body)).await },
                move |_| saved.set(true),
            );
        }
    };
    let (own_name, own_description) = (product.name.clone(), product.description.clone());
    view! {
        <form class="admin-form" on:submit=submit aria-label=t("Texts in other languages")>
            {languages.into_iter().map(|l| {
                let variants = variants.clone();
                let dir = if l.lang == "ar" { "rtl" } else { "auto" };
                view! {
                    <fieldset class="admin-texts" data-testid=format!("texts-{}", l.lang) lang=l.lang dir=dir>
                        <legend>{language_name(l.lang)}</legend>
                        <label>{t("Name")} <input type="text" maxlength="120" placeholder=own_name.clone() bind:value=l.name/></label>
                        <label>{t("Description")} <textarea rows="3" maxlength="4000" placeholder=own_description.clone() bind:value=l.description></textarea></label>
                        {variants.into_iter().filter_map(|v| {
                            let (_, text) = *v.names.iter().find(|(lang, _)| *lang == l.lang)?;
                            Some(view! {
                                <label>{variant_label(&v.own)} <input type="text" maxlength="64" placeholder=v.own.clone() bind:value=text/></label>
                            })
                        }).collect_view()}
                    </fieldset>
                }
            }).collect_view()}
            <button type="submit" class="admin-button" disabled=move || save.busy.get()>{t("Save texts")}</button>
            {move || saved.get().then(|| view! { <p class="admin-note" role="status">{t("Saved.")}</p> })}
            <Refusal act=save/>
        </form>
    }
}

/// A category's names per language, folded under its row.
#[component]
pub(crate) fn CategoryTextsRow(id: i64, own: String) -> impl IntoView {
    let texts = load::<CategoryTexts>(move || format!("/api/admin/categories/{id}/texts"));
    view! {
        <details class="admin-texts" data-testid=format!("category-texts-{id}")>
            <summary>{t("Names in other languages")}</summary>
            {show(texts, move |texts| view! { <CategoryTextsForm id own=own.clone() texts/> })}
        </details>
    }
}

#[component]
fn CategoryTextsForm(id: i64, own: String, texts: CategoryTexts) -> impl IntoView {
    let names = name_signals(&texts.names);
    let (save, saved) = (Act::new(), RwSignal::new(false));
    let submit = {
        let names = names.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let body = CategoryTexts { names: typed(&names) };
            let path = format!("/api/admin/categories/{id}/texts");
            saved.set(false);
            save.run(
                move |auth| async move { api::send::<CategoryTexts>(&auth, "PUT", &path, Some(&body)).await },
                move |_| saved.set(true),
            );
        }
    };
    view! {
        <form class="admin-form admin-form--row" on:submit=submit aria-label=t("Names in other languages")>
            {names.into_iter().map(|(lang, text)| view! {
                <label lang=lang>{language_name(lang)} <input type="text" maxlength="120" placeholder=own.clone() bind:value=text/></label>
            }).collect_view()}
            <button type="submit" class="admin-button" disabled=move || save.busy.get()>{t("Save names")}</button>
            {move || saved.get().then(|| view! { <span class="admin-note" role="status">{t("Saved.")}</span> })}
            <Refusal act=save/>
        </form>
    }
}
