//! "Send to a chat": `POST /api/products/{id}/share` prepares, for the shopper whose initData
//! signs the request, a message offering the product (its invoice, or a card that opens it)
//! with Telegram's `savePreparedInlineMessage`, and answers `{id, expires_at}` for the app to
//! hand to Telegram (`web_app_send_prepared_message`). A product not on sale is 404.

use super::auth::Shopper;
use super::{ApiError, AppPath, AppState};
use crate::service::share;
use crate::telegram::offer::Shelf;
use app::catalog::ProductId;
use app::share::PreparedMessage;
use axum::extract::State;
use axum::Json;

/// `POST /api/products/{id}/share`.
#[tracing::instrument(skip_all, fields(product_id = id))]
pub(super) async fn share(
    State(state): State<AppState>,
    Shopper(init_data): Shopper,
    AppPath(id): AppPath<i64>,
) -> Result<Json<PreparedMessage>, ApiError> {
    let bot = &state.bot;
    let links = crate::telegram::offer::links(&state.db, &bot.shop_url, bot.username.get().cloned()).await?;
    let language = init_data.user.language_code.as_deref().unwrap_or_default();
    let shelf = Shelf::new(language, links, bot.payment_providers.clone());
    let now = crate::clock::now_ms();
    let prepared = share::prepare(
        &state.shop,
        &state.db,
        &bot.api,
        &shelf,
        &init_data.user,
        ProductId(id),
        now,
    )
    .await?;
    Ok(Json(prepared))
}
