//! A product's own page (`/shop/products/:id`): the photos, the variants to pick from
//! (each with its own price and stock; a sold-out one can be picked to see so, not added),
//! price, stock, description, Add (Subscribe for a Stars subscription), Send to a chat (a
//! message Telegram sends for the shopper, `super::send`) and Share. Deep links `startapp=p_<id>` land here. The
//! MainButton leads to the cart as on the storefront; the BackButton returns to the storefront.

use crate::catalog::{Catalog, Photo, ProductId, ProductPage, ProductView, VariantView};
use crate::components::{AddToCart, TopBar, WithCatalog};
use crate::i18n::{td_string, Locale};
use crate::language::use_lang;
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
        <TopBar title=|l| td_string!(l, shop_title)/>
        <WithCatalog loading=|l| td_string!(l, loading_product) render=move |catalog| view! { <Found catalog id/> }/>
    }
}

/// The product, or a notice that there is none.
#[component]
fn Found(catalog: Catalog, id: Option<i64>) -> impl IntoView {
    let locale = use_lang().now();
    let product = id.and_then(|id| catalog.products.into_iter().find(|p| p.id == ProductId(id)));
    match product {
        // An event's tickets are chosen on the event's page, a service's time on its booking
        // page (a link from before it had one).
        Some(product) if !matches!(product.page, ProductPage::Product | ProductPage::Subscription) => {
            let options = leptos_router::NavigateOptions {
                replace: true,
                ..Default::default()
            };
            view! { <leptos_router::components::Redirect path=product.href() options/> }.into_any()
        }
        Some(product) => {
            let share = catalog.bot_link.map(|bot| {
                let start = crate::deep_link::DeepLink::Product(product.id).start_param();
                format!("{bot}?startapp={start}")
            });
            view! { <Detail product share/> }.into_any()
        }
        None => view! {
            <p class="notice notice--error" role="alert">{td_string!(locale, not_in_shop)}</p>
            <p class="notice"><a href="/shop">{td_string!(locale, see_everything)}</a></p>
        }
        .into_any(),
    }
}

#[component]
fn Detail(product: ProductView, share: Option<String>) -> impl IntoView {
    let locale = use_lang().now();
    let first = product.variants.iter().position(|v| v.stock > 0).unwrap_or(0);
    let chosen = RwSignal::new(first);
    let variants = StoredValue::new(product.variants.clone());
    let variant = move || variants.with_value(|all| all.get(chosen.get()).cloned());
    let name = product.name.clone();
    let subscription = product.page == ProductPage::Subscription;
    let picker =
        (product.variants.len() > 1).then(|| view! { <Picker variants=product.variants.clone() chosen/> });
    view! {
        <article class="product" data-testid="product" data-slug=product.slug.clone()>
            <Gallery photos=product.gallery().to_vec() name=product.name.clone()/>
            <h2 class="product__name">{product.name.clone()}</h2>
            {picker}
            {move || variant().map(|v| {
                let stock = v.stock;
                let text: fn(Locale) -> &'static str = match v.name.is_empty() {
                    true => |l| td_string!(l, add_to_cart),
                    false => |l| td_string!(l, add_this_to_cart),
                };
                let label = crate::catalog::line_name(&name, &v.name);
                view! {
                    <p class="product__price" data-testid="product-price"><bdi dir="ltr">{v.price_label}</bdi></p>
                    <p class="product__stock" data-testid="product-stock" class:product__stock--out=stock <= 0>{move || availability(stock, locale)}</p>
                    {match subscription {
                        // Paid alone, monthly: subscribed to, never put in the cart.
                        true => view! { <super::subscriptions::Subscribe variant=v.id/> }.into_any(),
                        false => view! { <AddToCart id=v.id stock name=label text/> }.into_any(),
                    }}
                }
            })}
            <p class="product__description">{product.description}</p>
            <div class="product__share">
                <super::send::SendToChat product=product.id/>
                {share.map(|link| view! { <Share link name=product.name.clone()/> })}
            </div>
        </article>
    }
}

/// The product's photos. One is shown as the page always showed it; more make a strip the
/// shopper swipes through a photo at a time, which is CSS scroll snap alone (style/main.css):
/// no code runs for it. The first photo loads at once, the others as the strip nears them.
#[component]
fn Gallery(mut photos: Vec<Photo>, name: String) -> impl IntoView {
    let locale = use_lang().now();
    if photos.len() == 1 {
        let only = photos.remove(0);
        return view! {
            <img class="product__photo" src=only.url width=only.width height=only.height alt=only.alt decoding="async"/>
        }
        .into_any();
    }
    let label = td_string!(locale, photos_label, name = &name);
    view! {
        <div class="gallery" role="group" aria-label=label tabindex="0" data-testid="gallery">
            {photos
                .into_iter()
                .enumerate()
                .map(|(index, photo)| view! {
                    <img
                        class="gallery__photo"
                        src=photo.url
                        width=photo.width
                        height=photo.height
                        alt=photo.alt
                        loading=(index > 0).then_some("lazy")
                        decoding="async"
                        data-testid="gallery-photo"
                    />
                })
                .collect_view()}
        </div>
    }
    .into_any()
}

/// Shares the product's deep link to a chat through Telegram's share picker.
#[component]
fn Share(link: String, name: String) -> impl IntoView {
    let (telegram, locale) = (Telegram::expect(), use_lang().now());
    let share = move |_| {
        telegram.haptic(crate::telegram::Haptic::Tap);
        telegram.share(&link, &name);
    };
    view! {
        <button class="button button--secondary" on:click=share>{td_string!(locale, share)}</button>
    }
}

/// The variants as radio buttons, each with its price; sold-out ones say so.
#[component]
fn Picker(variants: Vec<VariantView>, chosen: RwSignal<usize>) -> impl IntoView {
    let locale = use_lang().now();
    view! {
        <fieldset class="variants" data-testid="variants">
            <legend class="variants__legend">{td_string!(locale, options)}</legend>
            {variants
                .into_iter()
                .enumerate()
                .map(|(index, v)| {
                    let price = v.price_label;
                    view! {
                    <label class="variant" class:variant--out=v.stock <= 0>
                        <input
                            type="radio"
                            name="variant"
                            value=v.id.0
                            prop:checked=move || chosen.get() == index
                            on:change=move |_| chosen.set(index)
                        />
                        <span class="variant__name">{v.name}</span>
                        <span class="variant__price">{match v.stock > 0 {
                            true => crate::language::ltr(locale, &price),
                            false => td_string!(locale, sold_out).to_owned(),
                        }}</span>
                    </label>
                }})
                .collect_view()}
        </fieldset>
    }
}

/// "In stock", "Only 3 left" or "Sold out", in `locale`.
fn availability(stock: i64, locale: Locale) -> String {
    match stock {
        ..=0 => td_string!(locale, sold_out).to_owned(),
        count @ 1..=FEW_LEFT => td_string!(locale, only_left, count),
        _ => td_string!(locale, in_stock).to_owned(),
    }
}
