//! `GET /api/tickets`: the shopper's tickets for events not over yet, soonest first, each with
//! its QR code (the shop-signed text, as SVG) and short code — what they show at the door.
//! Revoked tickets (refunded, or their event cancelled) are left out; the order page still
//! shows them as revoked.

use super::auth::Shopper;
use super::{ApiError, AppState};
use crate::clock::now_ms;
use crate::shop::vouchers::STILL_ON_MS;
use app::events::VoucherView;
use axum::extract::State;
use axum::Json;

/// `GET /api/tickets`.
pub async fn tickets(
    State(state): State<AppState>,
    Shopper(init_data): Shopper,
) -> Result<Json<Vec<VoucherView>>, ApiError> {
    let vouchers = state
        .db
        .buyer_tickets(init_data.user.id, now_ms() - STILL_ON_MS)
        .await?;
    let key = &state.voucher_key;
    Ok(Json(vouchers.iter().map(|v| v.view(key)).collect()))
}
