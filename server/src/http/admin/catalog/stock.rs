//! A variant's stock: changed only by adjustments with a reason, each kept as a movement
//! with the admin's id; the history is those movements, newest first.

use super::refused;
use super::variants::no_variant;
use crate::clock::now_ms;
use crate::http::admin::{invalid, Admin};
use crate::http::{ApiError, AppJson, AppPath, AppState};
use crate::shop::catalog::input::StockAdjustment;
use crate::shop::catalog::merchant;
use app::admin_api::{AdjustStock, Adjusted, StockHistory, StockMovement};
use app::catalog::VariantId;
use axum::extract::State;
use axum::Json;

/// `POST /api/admin/variants/{id}/stock`: the stock now and the movement.
pub(super) async fn adjust(
    State(state): State<AppState>,
    admin: Admin,
    AppPath(id): AppPath<VariantId>,
    AppJson(request): AppJson<AdjustStock>,
) -> Result<Json<Adjusted>, ApiError> {
    let adjustment = StockAdjustment::parse(request.delta, &request.reason).map_err(invalid)?;
    let adjusted = state.db.adjust_stock(id, &adjustment, admin.id, now_ms()).await?;
    let movement = adjusted.map_err(|r| refused(r, no_variant(id)))?;
    tracing::info!(
        variant_id = id.0,
        admin_id = %admin.id,
        delta = movement.delta,
        "an admin adjusted stock"
    );
    Ok(Json(Adjusted {
        stock: movement.stock_after,
        movement: shown(movement),
    }))
}

/// `GET /api/admin/variants/{id}/stock`: the stock and its movements, newest first.
pub(super) async fn history(
    State(state): State<AppState>,
    _admin: Admin,
    AppPath(id): AppPath<VariantId>,
) -> Result<Json<StockHistory>, ApiError> {
    let (stock, movements) = state.db.stock_history(id).await?.ok_or_else(|| no_variant(id))?;
    Ok(Json(StockHistory {
        stock,
        movements: movements.into_iter().map(shown).collect(),
    }))
}

fn shown(movement: merchant::StockMovement) -> StockMovement {
    StockMovement {
        id: movement.id,
        delta: movement.delta,
        stock_after: movement.stock_after,
        reason: movement.reason,
        admin_id: movement.admin_id,
        created_at: movement.created_at,
    }
}
