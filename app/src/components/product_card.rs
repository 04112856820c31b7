//! A product in the catalog grid: photo, name, price and an Add button.

use super::AddToCart;
use crate::catalog::ProductView;
use crate::i18n::td_string;
use crate::language::use_lang;
use leptos::prelude::*;

/// One product card. "Add" puts a unit into the cart without leaving the page; a product with
/// variants shows "Choose" instead, which opens its page to pick one.
#[component]
pub fn ProductCard(product: ProductView) -> impl IntoView {
    let (id, locale) = (product.id, use_lang().now());
    let name = product.name.clone();
    let add = match product.only_variant() {
        Some(only) => view! { <AddToCart id=only.id stock=only.stock name=product.name.clone() text=|l| td_string!(l, add)/> }.into_any(),
        None => view! {
            <a class="button" href=format!("/shop/products/{}", id.0) aria-label=td_string!(locale, choose_label, name = name.clone())>
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
                    <a href=format!("/shop/products/{}", id.0)>{product.name.clone()}</a>
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
