//! The merchant's catalog under `/api/admin/`: categories, products, variants, their stock,
//! photos, digital deliveries and texts in the shoppers' languages, one module each. Every answer about a product is the whole
//! [`AdminProduct`] as it now is ([`answer`]), so the page redraws from one shape.
//!
//! Input is parsed into `crate::shop::catalog::input` types (422 `bad_<field>`); what only the
//! database can decide comes back as a storage [`CatalogConflict`] (404, 409), answered by
//! [`refused`].

use super::{invalid, not_found, ApiError, AppState};
use crate::shop::catalog::input::{parse_price, parse_stars_price, parse_stock, Invalid, VariantName};
use crate::shop::catalog::merchant::ProductRecord;
use crate::shop::catalog::PhotoRef;
use crate::shop::currencies::CurrencyTable;
use crate::storage::catalog::merchant::CatalogConflict;
use crate::storage::catalog::variants::NewVariant;
use app::admin_api::{AdminPhoto, AdminProduct, AdminVariant, CreateVariant, MainPhoto};
use app::catalog::ProductId;
use app::error_code::ErrorCode;
use app::money::{Currency, Money};
use axum::http::StatusCode;
use axum::routing::{delete, get, patch, post};
use axum::{Json, Router};

mod categories;
pub mod deliveries;
pub mod files;
mod photos;
mod products;
mod stock;
mod texts;
mod variants;

/// The catalog's routes, merged into `/api/admin`.
pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/categories", get(categories::list).post(categories::create))
        .route(
            "/categories/{id}",
            patch(categories::update).delete(categories::remove),
        )
        .route(
            "/categories/{id}/texts",
            get(texts::category).put(texts::set_category),
        )
        .route("/products", get(products::list).post(products::create))
        .route("/products/{id}", get(products::one).patch(products::update))
        .route(
            "/products/{id}/texts",
            get(texts::product).put(texts::set_product),
        )
        .route("/products/{id}/archive", post(products::archive))
        .route("/products/{id}/unarchive", post(products::unarchive))
        .route("/products/{id}/variants", post(variants::create))
        .route("/variants/{id}", patch(variants::update).delete(variants::remove))
        .route("/variants/{id}/stock", get(stock::history).post(stock::adjust))
        .route(
            "/variants/{id}/delivery",
            get(deliveries::show).put(deliveries::set),
        )
        .route("/variants/{id}/delivery/file", deliveries::file_route())
        .route("/variants/{id}/delivery/keys", post(deliveries::add_keys))
        .route("/products/{id}/photos", photos::upload_route())
        .route("/products/{id}/photos/{photo_id}", delete(photos::remove))
}

/// A product record as the merchant's API shows it, prices formatted.
fn admin_product(product: ProductRecord, currencies: &CurrencyTable) -> AdminProduct {
    let main = product.photo;
    let variant_currency = product.currency;
    let cards_refused = product
        .kind
        .check_listed_in(product.currency)
        .err()
        .map(|why| why.message);
    AdminProduct {
        cards_refused: cards_refused.clone(),
        id: product.id,
        slug: product.slug,
        category_id: product.category_id,
        name: product.name,
        description: product.description,
        currency: product.currency,
        fulfilment: product.kind.as_str().to_owned(),
        position: product.position,
        archived: product.archived,
        photo: MainPhoto {
            url: main.url,
            width: main.width,
            height: main.height,
            alt: main.alt,
        },
        photos: product
            .photos
            .into_iter()
            .map(|(id, p): (_, PhotoRef)| AdminPhoto {
                id,
                url: p.url,
                width: p.width,
                height: p.height,
                alt: p.alt,
            })
            .collect(),
        variants: product
            .variants
            .into_iter()
            .map(|v| AdminVariant {
                id: v.id,
                name: v.name,
                price_label: currencies.format(Money::new(v.price_minor, variant_currency)),
                price_minor: v.price_minor,
                stars_label: v
                    .stars_price
                    .map(|stars| currencies.format(Money::new(stars, Currency::STARS))),
                stars_price: v.stars_price,
                needs_stars_price: cards_refused.is_some() && v.stars_price.is_none(),
                stock: v.stock,
                position: v.position,
            })
            .collect(),
    }
}

/// A refused write as its answer; `not_found` for [`CatalogConflict::NotFound`].
pub(in crate::http::admin) fn refused(refusal: CatalogConflict, not_found: ApiError) -> ApiError {
    let conflict = |code, message: &str| ApiError::new(StatusCode::CONFLICT, code, message);
    match refusal {
        CatalogConflict::NotFound => not_found,
        CatalogConflict::SlugTaken => conflict(ErrorCode::SlugTaken, "another one already has this slug"),
        CatalogConflict::NoSuchCategory => ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::BadCategoryId,
            "category_id: there is no such category",
        ),
        CatalogConflict::CategoryNotEmpty => conflict(
            ErrorCode::CategoryNotEmpty,
            "move or delete its products first (archived ones too)",
        ),
        CatalogConflict::VariantNameTaken => conflict(
            ErrorCode::VariantNameTaken,
            "the product has a variant of that name",
        ),
        CatalogConflict::UnnamedVariant => invalid(crate::shop::catalog::input::unnamed_variant()),
        CatalogConflict::VariantOrdered => conflict(
            ErrorCode::VariantOrdered,
            "orders name this variant; it cannot be deleted",
        ),
        CatalogConflict::LastVariant => {
            conflict(ErrorCode::LastVariant, "a product keeps at least one variant")
        }
        CatalogConflict::StockNegative { stock } => ApiError::new(
            StatusCode::CONFLICT,
            ErrorCode::StockNegative,
            format!("only {stock} in stock: the stock cannot go below zero"),
        ),
    }
}

/// `404 product_not_found`.
fn no_product(id: ProductId) -> ApiError {
    not_found(ErrorCode::ProductNotFound, "product", id.0)
}

/// Product `id` as it now is, or 404.
async fn answer(state: &AppState, id: ProductId) -> Result<Json<AdminProduct>, ApiError> {
    let product = state.db.admin_product(id).await?.ok_or_else(|| no_product(id))?;
    Ok(Json(admin_product(product, CurrencyTable::telegram())))
}

/// A new variant as sent, parsed for a product priced in `currency`.
pub(in crate::http::admin) fn new_variant(
    variant: &CreateVariant,
    currency: Currency,
) -> Result<NewVariant, Invalid> {
    Ok(NewVariant {
        name: VariantName::parse(&variant.name)?,
        price: parse_price(variant.price_minor, currency, CurrencyTable::telegram())?,
        stock: parse_stock(variant.stock)?,
        stars_price: variant
            .stars_price
            .map(|stars| parse_stars_price(stars, currency))
            .transpose()?,
    })
}
