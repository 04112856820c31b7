//! The public JSON API under `/api` (documented in README.md).

use super::auth::Shopper;
use super::language::RequestLang;
use super::{ApiError, AppState};
use crate::shop::funnel::FunnelEvent;
use app::catalog::Catalog;
use app::identity::{Launch, Me};
use axum::extract::OriginalUri;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};

/// Routes under `/api`; unknown paths answer a JSON 404, not the HTML page.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/products", get(products))
        .route("/events", get(super::events::list))
        .route("/events/{id}", get(super::events::page))
        .route("/services", get(super::services::list))
        .route("/services/{id}/dates", get(super::services::dates))
        .route("/services/{id}/slots", get(super::services::slots))
        .route("/me", get(me))
        .route("/cart", get(super::cart::show).put(super::cart::save))
        .route("/checkout", axum::routing::post(super::checkout::checkout))
        .route("/promo", axum::routing::post(super::promo::preview))
        .route("/orders", get(super::orders::list))
        .route("/orders/{id}", get(super::orders::order))
        .route("/downloads/{token}", get(super::downloads::download))
        .route(
            "/appointments/{id}/cancel",
            axum::routing::post(super::appointments::cancel),
        )
        .route(
            "/appointments/{id}/reschedule",
            axum::routing::post(super::appointments::reschedule),
        )
        .route(
            "/subscriptions",
            get(super::subscriptions::list).post(super::subscriptions::subscribe),
        )
        .route(
            "/subscriptions/{id}/renewal",
            axum::routing::post(super::subscriptions::renewal),
        )
        .route("/products/{id}/share", axum::routing::post(super::share::share))
        .route("/tickets", get(super::tickets::tickets))
        .nest("/door", super::door::router())
        .nest("/admin", super::admin::router())
        .fallback(|OriginalUri(uri): OriginalUri| async move { ApiError::no_such_endpoint(uri.path()) })
}

/// `GET /api/products[?lang=zh]`: the catalog, categories first, products in display order,
/// in the language asked for ([`RequestLang`]) wherever the merchant wrote texts in it.
async fn products(
    State(state): State<AppState>,
    RequestLang(lang): RequestLang,
) -> Result<Json<Catalog>, ApiError> {
    Ok(Json(state.shop.load_catalog(lang).await?))
}

/// `GET /api/me`: the verified Telegram user and the start parameter, from initData, and the
/// shop's name. The storefront asks it on every launch: the funnel counts it as opening the
/// shop, except for the shop's admins (the admin page asks it too).
async fn me(State(state): State<AppState>, Shopper(init_data): Shopper) -> Result<Json<Launch>, ApiError> {
    if !state.admins.contains(&init_data.user.id) {
        state.db.note_funnel(FunnelEvent::Opened, init_data.user.id);
    }
    let shop = state.db.shop_settings().await?;
    Ok(Json(Launch {
        me: Me {
            user: init_data.user,
            start_param: init_data.start_param,
        },
        shop_name: shop.name.as_str().to_owned(),
    }))
}
