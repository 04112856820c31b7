//! The merchant's products: listed (on sale, archived or both), created with their variants
//! and the placeholder photo, edited (the currency stays what it was created in), archived
//! (gone from the storefront, carts and checkout; kept in past orders) and put back on sale.

use super::{admin_product, answer, new_variant, no_product, refused};
use crate::clock::now_ms;
use crate::http::admin::{invalid, not_found, Admin};
use crate::http::{ApiError, AppJson, AppPath, AppQuery, AppState};
use crate::shop::catalog::input::{
    check_variant_names, parse_currency, parse_position, parse_slug, slug_from, Description, Invalid, Name,
};
use crate::shop::currencies::CurrencyTable;
use crate::shop::kind::ProductKind;
use crate::shop::subscriptions::{no_granted_chat, Plan};
use crate::storage::catalog::merchant::{Archived, Change};
use crate::storage::catalog::products::NewProduct;
use app::admin_api::{AdminProduct, CreateProduct, ProductList, ProductsQuery, UpdateProduct};
use app::catalog::{CategoryId, ProductId};
use app::error_code::ErrorCode;
use app::money::Money;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

/// `GET /api/admin/products?archived=false|true|all`.
pub(super) async fn list(
    State(state): State<AppState>,
    _admin: Admin,
    AppQuery(query): AppQuery<ProductsQuery>,
) -> Result<Json<ProductList>, ApiError> {
    let archived = match query.archived.as_deref().unwrap_or("false") {
        "false" => Archived::No,
        "true" => Archived::Only,
        "all" => Archived::Both,
        _ => {
            return Err(invalid(Invalid::new(
                ErrorCode::BadArchived,
                "archived is false, true or all",
            )))
        }
    };
    let products = state.db.admin_products(archived).await?;
    let currencies = CurrencyTable::telegram();
    let products = products
        .into_iter()
        .map(|p| admin_product(p, currencies))
        .collect();
    Ok(Json(ProductList { products }))
}

/// `GET /api/admin/products/{id}`.
pub(super) async fn one(
    State(state): State<AppState>,
    _admin: Admin,
    AppPath(id): AppPath<ProductId>,
) -> Result<Json<AdminProduct>, ApiError> {
    answer(&state, id).await
}

/// A new product as sent, parsed.
fn new_product(request: &CreateProduct) -> Result<NewProduct, Invalid> {
    let name = Name::parse(&request.name)?;
    let currency = parse_currency(&request.currency, CurrencyTable::telegram())?;
    let kind = ProductKind::parse_input(request.fulfilment.as_deref(), currency)?;
    // A subscription's own rules first: its refusal says what Telegram allows it.
    let grants_chat_id = match kind {
        ProductKind::Subscription => {
            let prices: Vec<_> = (request.variants.iter())
                .map(|v| Money::new(v.price_minor, currency))
                .collect();
            Some(Plan::parse(&prices, request.grants_chat_id)?.chat_id)
        }
        _ => no_granted_chat(request.grants_chat_id).map(|()| None)?,
    };
    kind.check_listed_in(currency)?;
    let variants = request
        .variants
        .iter()
        .map(|v| new_variant(v, currency))
        .collect::<Result<Vec<_>, _>>()?;
    check_variant_names(variants.iter().map(|v| &v.name))?;
    Ok(NewProduct {
        category_id: CategoryId(request.category_id),
        slug: match &request.slug {
            Some(slug) => parse_slug(slug)?,
            None => slug_from(&name)?,
        },
        name,
        description: Description::parse(&request.description)?,
        currency,
        kind,
        grants_chat_id,
        variants,
    })
}

/// `POST /api/admin/products`: 201 with the product.
pub(super) async fn create(
    State(state): State<AppState>,
    admin: Admin,
    AppJson(request): AppJson<CreateProduct>,
) -> Result<(StatusCode, Json<AdminProduct>), ApiError> {
    let new = new_product(&request).map_err(invalid)?;
    let no_category = || not_found(ErrorCode::CategoryNotFound, "category", new.category_id.0);
    let id = state
        .db
        .create_product(&new, admin.id, now_ms())
        .await?
        .map_err(|r| refused(r, no_category()))?;
    tracing::info!(
        product_id = id.0,
        admin_id = %admin.id,
        "an admin created a product"
    );
    Ok((StatusCode::CREATED, answer(&state, id).await?))
}

/// A product's changes as sent, parsed for `product` (whose currency is checked by the caller).
fn change(request: &UpdateProduct, product: &AdminProduct) -> Result<Change, Invalid> {
    Ok(Change {
        kind: request
            .fulfilment
            .as_deref()
            .map(|named| new_kind(named, product))
            .transpose()?,
        category_id: request.category_id.map(CategoryId),
        name: request.name.as_deref().map(Name::parse).transpose()?,
        slug: request.slug.as_deref().map(parse_slug).transpose()?,
        description: request
            .description
            .as_deref()
            .map(Description::parse)
            .transpose()?,
        position: request.position.map(parse_position).transpose()?,
    })
}

/// The kind `named` for `product`: the one it has, or a switch between parcel and digital
/// (appointments and tickets belong to the salon's services and the events, which made them)
/// that its currency allows (a digital product is priced in Stars).
fn new_kind(named: &str, product: &AdminProduct) -> Result<ProductKind, Invalid> {
    let kind = ProductKind::parse_input(Some(named), product.currency)?;
    if kind.as_str() == product.fulfilment {
        return Ok(kind);
    }
    let switchable = |kind: ProductKind| matches!(kind, ProductKind::Parcel | ProductKind::Digital);
    let current = ProductKind::parse(&product.fulfilment);
    if !switchable(kind) || !current.is_some_and(switchable) {
        return Err(Invalid::new(
            ErrorCode::BadFulfilment,
            "fulfilment: only parcels and digital products change kind; appointments and tickets \
             stay what their service or event made them",
        ));
    }
    kind.check_listed_in(product.currency)?;
    Ok(kind)
}

/// `PATCH /api/admin/products/{id}`.
pub(super) async fn update(
    State(state): State<AppState>,
    _admin: Admin,
    AppPath(id): AppPath<ProductId>,
    AppJson(request): AppJson<UpdateProduct>,
) -> Result<Json<AdminProduct>, ApiError> {
    let Json(product) = answer(&state, id).await?;
    let change = change(&request, &product).map_err(invalid)?;
    if let Some(currency) = &request.currency {
        if currency.trim() != product.currency.as_str() {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::CurrencyFixed,
                "currency: a product keeps the currency it was created in",
            ));
        }
    }
    let updated = state.db.update_product(id, &change).await?;
    updated.map_err(|r| refused(r, no_product(id)))?;
    answer(&state, id).await
}

/// `POST /api/admin/products/{id}/archive`.
pub(super) async fn archive(
    State(state): State<AppState>,
    admin: Admin,
    AppPath(id): AppPath<ProductId>,
) -> Result<Json<AdminProduct>, ApiError> {
    set_archived(state, admin, id, true).await
}

/// `POST /api/admin/products/{id}/unarchive`.
pub(super) async fn unarchive(
    State(state): State<AppState>,
    admin: Admin,
    AppPath(id): AppPath<ProductId>,
) -> Result<Json<AdminProduct>, ApiError> {
    set_archived(state, admin, id, false).await
}

async fn set_archived(
    state: AppState,
    admin: Admin,
    id: ProductId,
    archived: bool,
) -> Result<Json<AdminProduct>, ApiError> {
    let at = archived.then(now_ms);
    if !state.db.set_archived(id, at).await? {
        return Err(no_product(id));
    }
    tracing::info!(
        product_id = id.0,
        admin_id = %admin.id,
        archived,
        "an admin archived or restored a product"
    );
    answer(&state, id).await
}
