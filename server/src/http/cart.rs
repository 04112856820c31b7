//! `GET` and `PUT /api/cart`: the cart the server keeps for the shopper, priced.
//!
//! A save replaces the whole cart (quantities only; the page's last state wins) after the
//! same quantity rules as checkout and a check against the catalog; the answer is the cart as
//! stored, priced from the catalog with totals and a shipping estimate.

use super::auth::Shopper;
use super::checkout::refused;
use super::language::of_shopper;
use super::{ApiError, AppJson, AppState};
use crate::clock::now_ms;
use crate::shop::cart::Cart;
use crate::shop::cart::{check_saveable, tip_choices, view};
use crate::shop::currencies::CurrencyTable;
use crate::shop::invoice::TipPreset;
use app::cart::view::CartView;
use app::i18n::Locale;
use app::orders::CheckoutRequest;
use axum::extract::State;
use axum::Json;

/// `GET /api/cart`.
pub async fn show(
    State(state): State<AppState>,
    Shopper(init_data): Shopper,
) -> Result<Json<CartView>, ApiError> {
    let stored = state.db.cart(init_data.user.id).await?;
    // What was saved passed these rules; a stored cart that no longer does is shown as empty
    // rather than failing the page.
    let cart = Cart::parse_allowing_empty(&stored).unwrap_or_default();
    priced(&state, &cart, of_shopper(&init_data.user)).await.map(Json)
}

/// `PUT /api/cart`: body `{"lines": [{"variant_id": 1, "quantity": 2}]}`.
#[tracing::instrument(skip_all, fields(buyer_id = %shopper.0.user.id))]
pub async fn save(
    State(state): State<AppState>,
    shopper: Shopper,
    AppJson(request): AppJson<CheckoutRequest>,
) -> Result<Json<CartView>, ApiError> {
    let cart = Cart::parse_allowing_empty(&request).map_err(refused)?;
    let (_, products) = state.db.catalog().await?;
    check_saveable(&cart, &products).map_err(refused)?;
    let units_before = state
        .db
        .replace_cart(shopper.0.user.id, cart.lines(), now_ms())
        .await?;
    let units_after = cart.lines().map(|(_, quantity)| quantity).sum();
    state
        .db
        .note_cart_saved(shopper.0.user.id, units_before, units_after);
    priced(&state, &cart, of_shopper(&shopper.0.user)).await.map(Json)
}

/// `cart` priced, its lines named in the shopper's language `lang`.
async fn priced(state: &AppState, cart: &Cart, lang: Locale) -> Result<CartView, ApiError> {
    let products = state.db.products_in(lang).await?;
    let mut shipping = Vec::new();
    for currency in products.iter().map(|p| p.currency) {
        if !shipping.iter().any(|(c, _)| *c == currency) {
            let cheapest = state.db.cheapest_shipping(currency).await?;
            shipping.push((currency, cheapest));
        }
    }
    let cheapest = |currency| {
        shipping
            .iter()
            .find(|(c, _)| *c == currency)
            .and_then(|(_, price)| *price)
    };
    let currencies = CurrencyTable::telegram();
    let mut priced = view(cart, &products, cheapest, currencies);
    if let [total] = priced.totals.as_slice() {
        let preset = state
            .db
            .tip_preset(total.items.currency)
            .await?
            .and_then(|(max, suggested)| TipPreset::parse(max, &suggested));
        if let Some(preset) = preset {
            priced.tips = tip_choices(&priced, &preset, currencies);
        }
    }
    Ok(priced)
}
