//! A product in the catalog grid: photo, name, price and an Add button.

use super::AddToCart;
use crate::catalog::{ProductPage, ProductView};
use crate::i18n::td_string;
use crate::language::use_lang;
use leptos::prelude::*;

/// One product card. "Add" puts a unit into the cart without leaving the page; a product with
/// variants, or an event's tickets, shows "Choose" instead, which opens its page to pick; a
/// salon service shows "Book", which opens its booking page.
#[component]
pub fn ProductCard(product: ProductView) -> impl IntoView {
    let (href, locale) = (product.href(), use_lang().now());
    let name = product.name.clone();
    // An event's tickets are chosen on its page, even of a single type (a name per ticket).
    let single = product
        .only_variant()
        .filter(|_| product.page == ProductPage::Product);
    let add = match single {
        Some(only) => view! { <AddToCart id=only.id stock=only.stock name=product.name.clone() text=|l| td_string!(l, add)/> }.into_any(),
        None if product.page == ProductPage::Service => view! {
            <a class="button" href=href.clone() aria-label=td_string!(locale, book_label, name = name.clone())>
                {td_string!(locale, book)}
            </a>
        }
        .into_any(),
        None => view! {
            <a class="button" href=href.clone() aria-label=td_string!(locale, choose_label, name = name.clone())>
                {if product.stock > 0 { td_string!(locale, choose) } else { td_string!(locale, sold_out) }}
            </a>
        }
        .into_any(),
    };
    let price = product.price_label.clone();
    view! {
        <article class="product-card" data-testid="product-card" data-slug=product.slug.clone()>
            <img
                class="product-card__photo"
                src=product.photo.url
                width=product.photo.width
                height=product.photo.height
                alt=product.photo.alt
                loading="lazy"
                decoding="async"
            />
            <div class="product-card__body">
                <h3 class="product-card__name">
                    <a href=href>{product.name.clone()}</a>
                </h3>
                <p class="product-card__price">
                    {match product.price_varies {
                        true => td_string!(locale, from_price, price = crate::language::ltr(locale, &price)),
                        false => crate::language::ltr(locale, &price),
                    }}
                </p>
                {add}
            </div>
        </article>
    }
}
