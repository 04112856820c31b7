//! The storefront's first page: the catalog by category. The MainButton leads to the cart.

use crate::cart::Cart;
use crate::catalog::Catalog;
use crate::components::{ProductCard, TopBar, WithCatalog};
use crate::deep_link::{first_follow, DeepLink};
use crate::telegram::Telegram;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

/// The catalog, rendered on the server from the database and hydrated in the browser.
#[component]
pub fn Storefront() -> impl IntoView {
    let telegram = Telegram::expect();
    offer_cart(false);
    let follow = use_navigate();
    // A link like t.me/<bot>?startapp=p_3 opens the Mini App here with the start parameter.
    Effect::new(move |_| {
        let Some(launch) = telegram.launch.get() else {
            return;
        };
        let link = launch.start_param.as_deref().and_then(DeepLink::parse);
        if let Some(link) = link.filter(|_| first_follow()) {
            let replace = NavigateOptions {
                replace: true,
                ..Default::default()
            };
            follow(&link.path(), replace);
        }
    });

    view! {
        <TopBar title="Shop"/>
        <WithCatalog loading="Loading the shop…" render=|catalog| view! { <CatalogSections catalog/> }/>
    }
}

/// While browsing (storefront, product pages): the MainButton shows the cart's count and leads
/// to the cart, leaving asks for confirmation while the cart holds items, and the BackButton
/// shows when `back` is set (its press is the page's to handle).
pub(super) fn offer_cart(back: bool) {
    let (telegram, cart) = (Telegram::expect(), Cart::expect());
    Effect::new(move |_| {
        let count = cart.item_count();
        telegram.back_button(back);
        telegram.main_button((count > 0).then(|| format!("View cart · {count}")).as_deref());
        telegram.closing_confirmation(count > 0);
    });
    let navigate = use_navigate();
    Effect::watch(
        move || telegram.main_button_presses(),
        move |_, _, _| navigate("/shop/cart", Default::default()),
        false,
    );
}

/// One section per category, each a grid of product cards.
#[component]
fn CatalogSections(catalog: Catalog) -> impl IntoView {
    if catalog.products.is_empty() {
        return view! { <p class="notice">"Nothing for sale yet. Please come back soon."</p> }.into_any();
    }
    catalog
        .categories
        .iter()
        .map(|category| {
            let products: Vec<_> = catalog.in_category(&category.slug).cloned().collect();
            let heading_id = format!("category-{}", category.slug);
            let labelled_by = heading_id.clone();
            view! {
                <section class="category" aria-labelledby=labelled_by>
                    <h2 id=heading_id class="category__title">{category.name.clone()}</h2>
                    <div class="product-grid">
                        {products.into_iter().map(|product| view! { <ProductCard product/> }).collect_view()}
                    </div>
                </section>
            }
        })
        .collect_view()
        .into_any()
}
