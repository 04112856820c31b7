//! The merchant's catalog under `/api/admin/`: categories (`categories.rs`), products (`products.rs`),
//! variants and their stock (`variants.rs`) and photos (`photos.rs`). Every answer about a
//! product is the whole [`AdminProduct`] as it now is, so the page redraws from one shape.
//!
//! Input is parsed into `crate::shop::catalog::input` types (422 `bad_<field>`); what only the
//! database can decide comes back as a storage [`Refusal`] (404, 409).

use super::{categories, photos, products, variants};
use super::{invalid, not_found};
use crate::http::{ApiError, AppState};
use crate::shop::catalog::input::{
    parse_price, parse_stars_price, parse_stock, CategoryId, Invalid, PhotoId, VariantName,
};
use crate::shop::catalog::PhotoRef;
use crate::shop::currencies::CurrencyTable;
use crate::storage::catalog::merchant::{ProductRecord, Refusal};
use crate::storage::catalog::variants::NewVariant;
use app::catalog::{ProductId, VariantId};
use app::money::{Currency, Money};
use axum::http::StatusCode;
use axum::routing::{delete, get, patch, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

/// The catalog's routes, merged into `/api/admin`.
pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/categories", get(categories::list).post(categories::create))
        .route(
            "/categories/{id}",
            patch(categories::update).delete(categories::remove),
        )
        .route("/products", get(products::list).post(products::create))
        .route("/products/{id}", get(products::one).patch(products::update))
        .route("/products/{id}/archive", post(products::archive))
        .route("/products/{id}/unarchive", post(products::unarchive))
        .route("/products/{id}/variants", post(variants::create))
        .route("/variants/{id}", patch(variants::update).delete(variants::remove))
        .route(
            "/variants/{id}/stock",
            get(variants::history).post(variants::adjust),
        )
        .route("/products/{id}/photos", photos::upload_route())
        .route("/products/{id}/photos/{photo_id}", delete(photos::remove))
}

/// A product as the merchant edits it: `photos` is the gallery after the main `photo`.
#[derive(Debug, Serialize)]
pub struct AdminProduct {
    id: ProductId,
    slug: String,
    category_id: CategoryId,
    name: String,
    description: String,
    currency: Currency,
    fulfilment: &'static str,
    position: i64,
    archived: bool,
    photo: AdminPhoto,
    photos: Vec<AdminPhoto>,
    variants: Vec<AdminVariant>,
}

/// A photo; the main one has no id (it is replaced, not deleted).
#[derive(Debug, Serialize)]
pub struct AdminPhoto {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<PhotoId>,
    url: String,
    width: u32,
    height: u32,
    alt: String,
}

/// A variant with its price as the storefront shows it.
#[derive(Debug, Serialize)]
pub struct AdminVariant {
    id: VariantId,
    name: String,
    price_minor: i64,
    price_label: String,
    /// Whole Stars, for a variant of a fiat product that also takes Stars.
    stars_price: Option<i64>,
    /// `stars_price` formatted, e.g. `⭐ 250`.
    stars_label: Option<String>,
    stock: i64,
    position: i64,
}

impl AdminProduct {
    /// What all its variants are priced in.
    pub(super) fn currency(&self) -> Currency {
        self.currency
    }

    /// True until a main photo is uploaded.
    pub(super) fn shows_placeholder(&self) -> bool {
        self.photo.url == crate::shop::catalog::photo::PLACEHOLDER.0
    }

    pub(super) fn from_record(product: ProductRecord, currencies: &CurrencyTable) -> Self {
        let photo = |id, p: PhotoRef| AdminPhoto {
            id,
            url: p.url,
            width: p.width,
            height: p.height,
            alt: p.alt,
        };
        AdminProduct {
            id: product.id,
            slug: product.slug,
            category_id: product.category_id,
            name: product.name,
            description: product.description,
            currency: product.currency,
            fulfilment: product.kind.as_str(),
            position: product.position,
            archived: product.archived,
            photo: photo(None, product.photo),
            photos: product
                .photos
                .into_iter()
                .map(|(id, p)| photo(Some(id), p))
                .collect(),
            variants: product
                .variants
                .into_iter()
                .map(|v| AdminVariant {
                    id: v.id,
                    name: v.name,
                    price_label: currencies.format(Money::new(v.price_minor, product.currency)),
                    price_minor: v.price_minor,
                    stars_label: v
                        .stars_price
                        .map(|stars| currencies.format(Money::new(stars, Currency::STARS))),
                    stars_price: v.stars_price,
                    stock: v.stock,
                    position: v.position,
                })
                .collect(),
        }
    }
}

/// Deserializes a field that is present, so `Option<Option<T>>` with `#[serde(default)]` tells
/// an absent field (`None`) from `null` (`Some(None)`).
pub(super) fn present<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}

/// A refused write as its answer; `not_found` for [`Refusal::NotFound`].
pub(super) fn refused(refusal: Refusal, not_found: ApiError) -> ApiError {
    let conflict = |code, message: &str| ApiError::new(StatusCode::CONFLICT, code, message);
    match refusal {
        Refusal::NotFound => not_found,
        Refusal::SlugTaken => conflict("slug_taken", "another one already has this slug"),
        Refusal::NoSuchCategory => ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "bad_category_id",
            "category_id: there is no such category",
        ),
        Refusal::CategoryNotEmpty => conflict(
            "category_not_empty",
            "move or delete its products first (archived ones too)",
        ),
        Refusal::VariantNameTaken => conflict("variant_name_taken", "the product has a variant of that name"),
        Refusal::UnnamedVariant => invalid(crate::shop::catalog::input::unnamed_variant()),
        Refusal::VariantOrdered => conflict(
            "variant_ordered",
            "orders name this variant; it cannot be deleted",
        ),
        Refusal::LastVariant => conflict("last_variant", "a product keeps at least one variant"),
        Refusal::StockNegative { stock } => ApiError::new(
            StatusCode::CONFLICT,
            "stock_negative",
            format!("only {stock} in stock: the stock cannot go below zero"),
        ),
    }
}

pub(super) fn no_product(id: ProductId) -> ApiError {
    not_found("product_not_found", "product", id.0)
}

/// Product `id` as it now is, or 404.
pub(super) async fn answer(state: &AppState, id: ProductId) -> Result<Json<AdminProduct>, ApiError> {
    let product = state
        .db
        .admin_product(id)
        .await
        .map_err(|e| ApiError::unavailable(&e))?
        .ok_or_else(|| no_product(id))?;
    Ok(Json(AdminProduct::from_record(
        product,
        CurrencyTable::telegram(),
    )))
}

/// A new variant as sent: `{"name", "price_minor", "stock", "stars_price"}`; `stars_price`
/// (whole Stars) is optional, absent or null for card payments only.
#[derive(Debug, Deserialize)]
pub struct VariantBody {
    #[serde(default)]
    pub(super) name: String,
    pub(super) price_minor: i64,
    #[serde(default)]
    pub(super) stock: i64,
    #[serde(default)]
    pub(super) stars_price: Option<i64>,
}

impl VariantBody {
    pub(super) fn parse(&self, currency: Currency) -> Result<NewVariant, Invalid> {
        Ok(NewVariant {
            name: VariantName::parse(&self.name)?,
            price: parse_price(self.price_minor, currency, CurrencyTable::telegram())?,
            stock: parse_stock(self.stock)?,
            stars_price: self
                .stars_price
                .map(|stars| parse_stars_price(stars, currency))
                .transpose()?,
        })
    }
}
