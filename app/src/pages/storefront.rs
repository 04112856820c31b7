//! The storefront's first page: the catalog by category, with a search box and category
//! chips that keep their state in the URL (`/shop?q=…&category=…`). The MainButton leads to
//! the cart.

use crate::cart::Cart;
use crate::catalog::Catalog;
use crate::components::{ProductCard, TopBar, WithCatalog};
use crate::deep_link::{first_follow, DeepLink};
use crate::i18n::{td_string, Locale};
use crate::language::is_one;
use crate::language::use_lang;
use crate::search::Browse;
use crate::telegram::Telegram;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

/// The catalog, rendered on the server from the database and hydrated in the browser.
#[component]
pub fn Storefront() -> impl IntoView {
    let (telegram, locale) = (Telegram::expect(), use_lang().now());
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
        <TopBar title=|l| td_string!(l, shop_title)/>
        <nav class="chips">
            <a class="chip" href="/shop/events">{td_string!(locale, events_title)}</a>
            <a class="chip" href="/shop/events/tickets">{td_string!(locale, tickets_title)}</a>
        </nav>
        <WithCatalog loading=|l| td_string!(l, loading_shop) render=|catalog| view! { <Browsing catalog/> }/>
    }
}

/// While browsing (storefront, product pages): the MainButton shows the cart's count and leads
/// to the cart, leaving asks for confirmation while the cart holds items, and the BackButton
/// shows when `back` is set (its press is the page's to handle).
pub(super) fn offer_cart(back: bool) {
    let (telegram, cart, locale) = (Telegram::expect(), Cart::expect(), use_lang().now());
    Effect::new(move |_| {
        let count = cart.item_count();
        telegram.back_button(back);
        telegram.main_button(
            (count > 0)
                .then(|| td_string!(locale, view_cart, count))
                .as_deref(),
        );
        telegram.closing_confirmation(count > 0);
    });
    let navigate = use_navigate();
    Effect::watch(
        move || telegram.main_button_presses(),
        move |_, _, _| navigate("/shop/cart", Default::default()),
        false,
    );
}

/// The search box, the category chips and the products they select.
#[component]
fn Browsing(catalog: Catalog) -> impl IntoView {
    let locale = use_lang().now();
    if catalog.products.is_empty() {
        return view! { <p class="notice">{td_string!(locale, nothing_for_sale)}</p> }.into_any();
    }
    let query = use_query_map();
    let browse = Memo::new(move |_| query.with(|q| Browse::new(q.get_str("q"), q.get_str("category"))));
    let navigate = use_navigate();
    // Each keystroke replaces the address rather than adding to history, so the BackButton
    // leaves the search instead of stepping back through it letter by letter.
    let search = move |text: String| {
        let category = browse.with_untracked(|b| b.category.clone());
        let href = Browse::new(Some(&text), None).href(category.as_deref());
        navigate(
            &href,
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    };
    let typed = browse.with_untracked(|b| b.text.clone());
    let chips = catalog.categories.clone();
    let catalog = StoredValue::new(catalog);
    view! {
        <form class="search" role="search" action="/shop" method="get" on:submit=|ev| ev.prevent_default()>
            <input
                class="search__input"
                type="search"
                name="q"
                placeholder=td_string!(locale, search_placeholder).to_owned()
                aria-label=td_string!(locale, search_placeholder).to_owned()
                autocomplete="off"
                enterkeyhint="search"
                value=typed
                on:input=move |ev| search(event_target_value(&ev))
            />
        </form>
        <nav class="chips" aria-label=td_string!(locale, categories_label).to_owned()>
            <a
                class="chip"
                href=move || browse.with(|b| b.href(None))
                aria-current=move || browse.with(|b| b.category.is_none()).then_some("page")
            >
                {td_string!(locale, all_categories)}
            </a>
            {chips
                .into_iter()
                .map(|category| {
                    let slug = category.slug;
                    let here = slug.clone();
                    view! {
                        <a
                            class="chip"
                            href=move || browse.with(|b| b.href(Some(&slug)))
                            aria-current=move || {
                                browse.with(|b| b.category.as_deref() == Some(here.as_str())).then_some("page")
                            }
                        >
                            {category.name}
                        </a>
                    }
                })
                .collect_view()}
        </nav>
        {move || catalog.with_value(|catalog| browse.with(|browse| sections(catalog, browse, locale)))}
    }
    .into_any()
}

/// One section per category with products that match, each a grid of product cards; or why
/// nothing shows.
fn sections(catalog: &Catalog, browse: &Browse, locale: Locale) -> AnyView {
    let sections = browse.sections(catalog);
    if sections.is_empty() {
        let what = if browse.text.is_empty() {
            td_string!(locale, nothing_here).to_owned()
        } else {
            td_string!(locale, nothing_matches, text = &browse.text)
        };
        return view! {
            <p class="notice" role="status" data-testid="no-results">
                {what}" "<a href="/shop">{td_string!(locale, show_all)}</a>
            </p>
        }
        .into_any();
    }
    let count: usize = sections.iter().map(|(_, products)| products.len()).sum();
    let status = (!browse.is_everything()).then(|| {
        let text = match is_one(locale, count as u64) {
            true => td_string!(locale, results_1).to_owned(),
            false => td_string!(locale, results_n, count),
        };
        view! { <p class="results" role="status" data-testid="result-count">{text}</p> }
    });
    let sections = sections
        .into_iter()
        .map(|(category, products)| {
            let heading_id = format!("category-{}", category.slug);
            let labelled_by = heading_id.clone();
            let products: Vec<_> = products.into_iter().cloned().collect();
            view! {
                <section class="category" aria-labelledby=labelled_by>
                    <h2 id=heading_id class="category__title">{category.name.clone()}</h2>
                    <div class="product-grid">
                        {products.into_iter().map(|product| view! { <ProductCard product/> }).collect_view()}
                    </div>
                </section>
            }
        })
        .collect_view();
    view! { {status} {sections} }.into_any()
}
