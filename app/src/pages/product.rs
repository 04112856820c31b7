//! A product's own page (`/shop/products/:id`): the large photo, price, stock, description and
//! Add. Deep links `startapp=p_<id>` land here. The MainButton leads to the cart as on the
//! storefront; the BackButton returns to the storefront.

use crate::catalog::{Catalog, ProductId, ProductView};
use crate::components::{AddToCart, TopBar, WithCatalog};
use crate::telegram::Telegram;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

/// How few units left make the page say so.
const FEW_LEFT: i64 = 5;

/// `/shop/products/:id`.
#[component]
pub fn ProductPage() -> impl IntoView {
    let telegram = Telegram::expect();
    super::storefront::offer_cart(true);
    let navigate = use_navigate();
    Effect::watch(
        move || telegram.back_button_presses(),
        move |_, _, _| navigate("/shop", Default::default()),
        false,
    );
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));

    view! {
        <TopBar title="Shop"/>
        <WithCatalog loading="Loading the product…" render=move |catalog| view! { <Found catalog id/> }/>
    }
}

/// The product, or a notice that there is none.
#[component]
fn Found(catalog: Catalog, id: Option<i64>) -> impl IntoView {
    let product = id.and_then(|id| catalog.products.into_iter().find(|p| p.id == ProductId(id)));
    match product {
        Some(product) => view! { <Detail product/> }.into_any(),
        None => view! {
            <p class="notice notice--error" role="alert">"This product is not in the shop (any more)."</p>
            <p class="notice"><a href="/shop">"See everything in the shop"</a></p>
        }
        .into_any(),
    }
}

#[component]
fn Detail(product: ProductView) -> impl IntoView {
    let stock = product.stock;
    let availability = match stock {
        ..=0 => "Sold out".to_owned(),
        left @ 1..=FEW_LEFT => format!("Only {left} left"),
        _ => "In stock".to_owned(),
    };
    view! {
        <article class="product" data-testid="product" data-slug=product.slug.clone()>
            <img
                class="product__photo"
                src=product.photo.url
                width=product.photo.width
                height=product.photo.height
                alt=product.photo.alt
                decoding="async"
            />
            <h2 class="product__name">{product.name.clone()}</h2>
            <p class="product__price" data-testid="product-price">{product.price_label}</p>
            <p class="product__stock" data-testid="product-stock" class:product__stock--out=stock <= 0>{availability}</p>
            <AddToCart id=product.id stock name=product.name text="Add to cart"/>
            <p class="product__description">{product.description}</p>
        </article>
    }
}
