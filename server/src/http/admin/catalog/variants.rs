//! The merchant's variants: added to a product, renamed, repriced or moved, deleted while no
//! order names them. Their stock changes only by adjustments (`stock.rs`).

use super::{answer, new_variant, no_product, refused};
use crate::clock::now_ms;
use crate::http::admin::{invalid, not_found, Admin};
use crate::http::{ApiError, AppJson, AppPath, AppState};
use crate::shop::catalog::input::{parse_position, parse_price, parse_stars_price, VariantName};
use crate::shop::currencies::CurrencyTable;
use crate::shop::invalid::Invalid;
use crate::shop::kind::ProductKind;
use crate::shop::subscriptions::Plan;
use crate::storage::catalog::variants::VariantChange;
use app::admin_api::{AdminProduct, CreateVariant, UpdateVariant};
use app::catalog::{ProductId, VariantId};
use app::error_code::ErrorCode;
use app::money::Money;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

/// `404 variant_not_found`.
pub(super) fn no_variant(id: VariantId) -> ApiError {
    not_found(ErrorCode::VariantNotFound, "variant", id.0)
}

/// `POST /api/admin/products/{id}/variants`: 201 with the product.
pub(super) async fn create(
    State(state): State<AppState>,
    admin: Admin,
    AppPath(id): AppPath<ProductId>,
    AppJson(request): AppJson<CreateVariant>,
) -> Result<(StatusCode, Json<AdminProduct>), ApiError> {
    let Json(product) = answer(&state, id).await?;
    if product.fulfilment == ProductKind::Subscription.as_str() {
        return Err(invalid(Invalid::new(
            ErrorCode::SubscriptionOneVariant,
            "a subscription has exactly one variant: its monthly price",
        )));
    }
    listed_price_allowed(&product).map_err(invalid)?;
    let new = new_variant(&request, product.currency).map_err(invalid)?;
    let added = state.db.add_variant(id, &new, admin.id, now_ms()).await?;
    added.map_err(|r| refused(r, no_product(id)))?;
    Ok((StatusCode::CREATED, answer(&state, id).await?))
}

/// `PATCH /api/admin/variants/{id}`: the product with the variant changed.
pub(super) async fn update(
    State(state): State<AppState>,
    _admin: Admin,
    AppPath(id): AppPath<VariantId>,
    AppJson(request): AppJson<UpdateVariant>,
) -> Result<Json<AdminProduct>, ApiError> {
    let owner = state.db.variant_owner(id).await?;
    let Json(product) = answer(&state, owner.ok_or_else(|| no_variant(id))?).await?;
    let change = variant_change(&request, &product).map_err(invalid)?;
    let updated = state.db.update_variant(id, &change).await?;
    answer(&state, updated.map_err(|r| refused(r, no_variant(id)))?).await
}

/// A variant's changes as sent, parsed for its `product`.
fn variant_change(request: &UpdateVariant, product: &AdminProduct) -> Result<VariantChange, Invalid> {
    let currency = product.currency;
    if request.price_minor.is_some() {
        listed_price_allowed(product)?;
    }
    let subscription = product.fulfilment == ProductKind::Subscription.as_str();
    if let (true, Some(minor)) = (subscription, request.price_minor) {
        Plan::price(&Money::new(minor, currency))?;
    }
    Ok(VariantChange {
        name: request.name.as_deref().map(VariantName::parse).transpose()?,
        price: request
            .price_minor
            .map(|minor| parse_price(minor, currency, CurrencyTable::telegram()))
            .transpose()?,
        stars_price: match request.stars_price {
            Some(Some(stars)) => Some(Some(parse_stars_price(stars, currency)?)),
            Some(None) => Some(None),
            None => None,
        },
        position: request.position.map(parse_position).transpose()?,
    })
}

/// Refuses a new listed price on `product` when its kind takes Stars only and it is listed in
/// a fiat currency (stored before the rule): only its variants' Stars prices may change.
fn listed_price_allowed(product: &AdminProduct) -> Result<(), crate::shop::invalid::Invalid> {
    match ProductKind::parse(&product.fulfilment) {
        Some(kind) => kind.check_listed_in(product.currency),
        None => Ok(()),
    }
}

/// `DELETE /api/admin/variants/{id}`: the product without it.
pub(super) async fn remove(
    State(state): State<AppState>,
    _admin: Admin,
    AppPath(id): AppPath<VariantId>,
) -> Result<Json<AdminProduct>, ApiError> {
    let deleted = state.db.delete_variant(id).await?;
    answer(&state, deleted.map_err(|r| refused(r, no_variant(id)))?).await
}
