//! The merchant's JSON API under `/api/admin/`: closed to everyone but the Telegram users in
//! `ADMIN_USER_IDS`, who prove who they are with the Mini App's initData
//! (`Authorization: tma …`, checked as for shoppers); no initData is 401, someone else's 403.
//!
//! Orders: the list with filters and paging, and the merchant's moves — shipped (with an
//! optional note such as a tracking number), delivered, cancelled before payment — each told
//! to the buyer by the bot in the transaction that makes it; and refunds: Stars through
//! `refundStarPayment` (the order turns refunded when Telegram's `refunded_payment` arrives,
//! through the same update handler as any refund), card payments recorded with the payment
//! provider's reference, because the Bot API cannot refund them.

use super::auth::Shopper;
use super::{ApiError, AppState};
use crate::shop::order::OrderEvent;
use crate::storage::merchant::{Moved, OrderFilter};
use crate::storage::now_ms;
use crate::telegram::init_data::VerifiedInitData;
use crate::telegram::updates::messages;
use app::orders::{OrderId, OrderStatus, OrderSummary, OrderView};
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

/// Routes under `/api/admin`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/orders", get(orders))
        .route("/orders/{id}", get(order))
        .route("/webhook", get(webhook))
        .route("/orders/{id}/ship", post(ship))
        .route("/orders/{id}/deliver", post(deliver))
        .route("/orders/{id}/cancel", post(cancel))
        .route("/orders/{id}/refund", post(refund))
}

/// A request from one of the shop's admins.
#[derive(Debug)]
pub struct Admin(pub VerifiedInitData);

impl FromRequestParts<AppState> for Admin {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let Shopper(init_data) = Shopper::from_request_parts(parts, state).await?;
        if !state.admins.contains(&init_data.user.id) {
            tracing::warn!(
                user_id = init_data.user.id,
                "refused a non-admin on the admin API"
            );
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "not_an_admin",
                "this Telegram account is not one of the shop's admins",
            ));
        }
        Ok(Admin(init_data))
    }
}

/// `GET /api/admin/orders` query: `status`, `from` / `to` (unix ms, created), `q` (an order
/// id or a buyer's Telegram id), `page` (from 1), `per_page` (1–100, default 20).
#[derive(Debug, Deserialize)]
pub struct ListQuery {
    status: Option<String>,
    from: Option<i64>,
    to: Option<i64>,
    q: Option<String>,
    page: Option<i64>,
    per_page: Option<i64>,
}

impl ListQuery {
    fn filter(self) -> Result<OrderFilter, ApiError> {
        let bad = |code, message: &str| Err(ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, code, message));
        let status = match self.status.as_deref().filter(|s| !s.is_empty()) {
            None => None,
            Some(text) => match OrderStatus::parse(text) {
                Some(status) => Some(status),
                None => return bad("bad_status", "status is not an order status"),
            },
        };
        let id = match self.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
            None => None,
            Some(q) => match q.trim_start_matches('#').parse::<i64>() {
                Ok(id) => Some(id),
                Err(_) => return bad("bad_search", "search by an order id or a buyer's Telegram id"),
            },
        };
        let (page, per_page) = (self.page.unwrap_or(1), self.per_page.unwrap_or(20));
        if page < 1 || !(1..=100).contains(&per_page) {
            return bad("bad_page", "page starts at 1 and per_page is between 1 and 100");
        }
        Ok(OrderFilter {
            status,
            from: self.from,
            to: self.to,
            id,
            page,
            per_page,
        })
    }
}

/// One row of the merchant's order list.
#[derive(Debug, Serialize)]
pub struct AdminOrderRow {
    #[serde(flatten)]
    order: OrderSummary,
    buyer_id: i64,
}

/// `GET /api/admin/orders`'s answer.
#[derive(Debug, Serialize)]
pub struct OrderList {
    orders: Vec<AdminOrderRow>,
    total: i64,
    page: i64,
    per_page: i64,
}

async fn orders(
    State(state): State<AppState>,
    _admin: Admin,
    query: Result<Query<ListQuery>, QueryRejection>,
) -> Result<Json<OrderList>, ApiError> {
    let Query(query) = query.map_err(|e| ApiError::bad_request("query_malformed", e.body_text()))?;
    let filter = query.filter()?;
    let found = state
        .db
        .merchant_orders(&filter)
        .await
        .map_err(|e| ApiError::unavailable(&e))?;
    let orders = found
        .orders
        .iter()
        .map(|(order, buyer_id)| AdminOrderRow {
            order: order.summary(),
            buyer_id: *buyer_id,
        })
        .collect();
    Ok(Json(OrderList {
        orders,
        total: found.total,
        page: filter.page,
        per_page: filter.per_page,
    }))
}

/// `GET /api/admin/orders/{id}`: the order as its buyer sees it, plus who the buyer is, the
/// shipping option chosen and the provider's charge id.
#[derive(Debug, Serialize)]
pub struct AdminOrder {
    #[serde(flatten)]
    order: OrderView,
    buyer_id: i64,
    shipping_option_id: Option<String>,
    provider_charge_id: Option<String>,
}

async fn order(
    State(state): State<AppState>,
    _admin: Admin,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Json<AdminOrder>, ApiError> {
    let Path(id) = id.map_err(|_| ApiError::bad_request("order_id_malformed", "an order id is a number"))?;
    let not_found = || {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "order_not_found",
            format!("there is no order {id}"),
        )
    };
    let order = state
        .db
        .order(OrderId(id))
        .await
        .map_err(|e| ApiError::unavailable(&e))?
        .ok_or_else(not_found)?;
    let more = state
        .db
        .back_office(OrderId(id))
        .await
        .map_err(|e| ApiError::unavailable(&e))?
        .ok_or_else(not_found)?;
    Ok(Json(AdminOrder {
        order: order.view(),
        buyer_id: more.buyer_id,
        shipping_option_id: more.shipping_option_id,
        provider_charge_id: more.provider_charge_id,
    }))
}

/// `GET /api/admin/webhook`: Telegram's getWebhookInfo (the URL it delivers to, updates
/// waiting, the last delivery error), for the merchant's health panel.
async fn webhook(
    State(state): State<AppState>,
    _admin: Admin,
) -> Result<Json<crate::telegram::bot_api::WebhookInfo>, ApiError> {
    let info = state
        .bot
        .api
        .call(&crate::telegram::bot_api::GetWebhookInfo {})
        .await
        .map_err(|error| {
            tracing::warn!(%error, "getWebhookInfo failed");
            ApiError::new(
                StatusCode::BAD_GATEWAY,
                "telegram_unavailable",
                format!("Telegram did not answer: {error}"),
            )
        })?;
    Ok(Json(info))
}

/// `POST /api/admin/orders/{id}/ship` body: an optional note for the buyer.
#[derive(Debug, Default, Deserialize)]
pub struct ShipBody {
    note: Option<String>,
}

async fn ship(
    State(state): State<AppState>,
    admin: Admin,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Json<ShipBody>, JsonRejection>,
) -> Result<Json<OrderView>, ApiError> {
    let note = match body {
        Ok(Json(body)) => body.note,
        Err(JsonRejection::MissingJsonContentType(_)) => None,
        Err(e) => return Err(ApiError::bad_request("body_malformed", e.body_text())),
    };
    if note.as_deref().is_some_and(|n| n.chars().count() > 500) {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "note_too_long",
            "a note has at most 500 characters",
        ));
    }
    let url = state.bot.shop_url.clone();
    let message = move |order: &_| messages::shipped(&url, order, note.as_deref());
    make_move(&state, &admin, id, OrderEvent::Ship, message).await
}

async fn deliver(
    State(state): State<AppState>,
    admin: Admin,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Json<OrderView>, ApiError> {
    let url = state.bot.shop_url.clone();
    make_move(&state, &admin, id, OrderEvent::Deliver, move |order: &_| {
        messages::delivered(&url, order)
    })
    .await
}

async fn cancel(
    State(state): State<AppState>,
    admin: Admin,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Json<OrderView>, ApiError> {
    make_move(&state, &admin, id, OrderEvent::Cancel, messages::cancelled).await
}

/// `POST /api/admin/orders/{id}/refund` body: for card payments, the provider's refund reference.
#[derive(Debug, Default, Deserialize)]
pub struct RefundBody {
    reference: Option<String>,
}

/// `POST /api/admin/orders/{id}/refund`'s answer for Stars: asked of Telegram, which confirms
/// with a `refunded_payment` update.
#[derive(Debug, Serialize)]
pub struct RefundRequested {
    order_id: OrderId,
    status: &'static str,
}

async fn refund(
    State(state): State<AppState>,
    admin: Admin,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Json<RefundBody>, JsonRejection>,
) -> Result<axum::response::Response, ApiError> {
    use axum::response::IntoResponse;
    let Path(id) = id.map_err(|_| ApiError::bad_request("order_id_malformed", "an order id is a number"))?;
    let reference = match body {
        Ok(Json(body)) => body
            .reference
            .map(|r| r.trim().to_owned())
            .filter(|r| !r.is_empty()),
        Err(JsonRejection::MissingJsonContentType(_)) => None,
        Err(e) => return Err(ApiError::bad_request("body_malformed", e.body_text())),
    };
    let order = state
        .db
        .order(OrderId(id))
        .await
        .map_err(|e| ApiError::unavailable(&e))?
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::NOT_FOUND,
                "order_not_found",
                format!("there is no order {id}"),
            )
        })?;
    let charge = match (
        crate::shop::order::apply(order.status, OrderEvent::Refund),
        &order.charge_id,
    ) {
        (Ok(_), Some(charge)) => charge.clone(),
        _ => {
            let why = format!("an order that is {} cannot be refunded", order.status.as_str());
            return Err(ApiError::new(StatusCode::CONFLICT, "illegal_transition", why));
        }
    };
    if !order.currency.is_stars() {
        let Some(reference) = reference else {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "reference_missing",
                "Telegram cannot refund card payments: refund it with the payment provider, then record the provider's reference here",
            ));
        };
        let notice = |order: &_, paid| messages::refund_notice(order, paid);
        let moved = state
            .db
            .merchant_refund(OrderId(id), &reference, notice, now_ms())
            .await;
        let moved = moved.map_err(|e| ApiError::unavailable(&e))?;
        return answer_move(&state, &admin, id, OrderEvent::Refund, moved).map(IntoResponse::into_response);
    }
    let request = crate::telegram::bot_api::RefundStarPayment {
        user_id: order.buyer_id,
        telegram_payment_charge_id: charge,
    };
    if let Err(error) = state.bot.api.call(&request).await {
        tracing::error!(%error, order_id = id, "Telegram refused the Stars refund");
        return Err(ApiError::new(
            StatusCode::BAD_GATEWAY,
            "telegram_refused",
            format!("Telegram did not refund: {error}"),
        ));
    }
    tracing::info!(
        order_id = id,
        admin_id = admin.0.user.id,
        "an admin refunded Stars"
    );
    let answer = RefundRequested {
        order_id: OrderId(id),
        status: "refund_requested",
    };
    Ok((StatusCode::ACCEPTED, Json(answer)).into_response())
}

/// Moves the order and answers it as it now is; 404 for no such order, 409 when its status
/// does not allow the move.
async fn make_move(
    state: &AppState,
    admin: &Admin,
    id: Result<Path<i64>, PathRejection>,
    event: OrderEvent,
    message: impl FnOnce(&crate::storage::orders::OrderRecord) -> String,
) -> Result<Json<OrderView>, ApiError> {
    let Path(id) = id.map_err(|_| ApiError::bad_request("order_id_malformed", "an order id is a number"))?;
    let moved = state
        .db
        .merchant_move(OrderId(id), event, message, now_ms())
        .await
        .map_err(|e| ApiError::unavailable(&e))?;
    answer_move(state, admin, id, event, moved)
}

/// The answer to a move: the order as it now is, 404 or 409.
fn answer_move(
    state: &AppState,
    admin: &Admin,
    id: i64,
    event: OrderEvent,
    moved: Moved,
) -> Result<Json<OrderView>, ApiError> {
    match moved {
        Moved::Done(order) => {
            state.bot.outbox.notify_one();
            tracing::info!(
                order_id = id,
                admin_id = admin.0.user.id,
                ?event,
                "an admin moved an order"
            );
            Ok(Json(order.view()))
        }
        Moved::NoSuchOrder => Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "order_not_found",
            format!("there is no order {id}"),
        )),
        Moved::Refused(illegal) => Err(ApiError::new(
            StatusCode::CONFLICT,
            "illegal_transition",
            illegal.to_string(),
        )),
    }
}
