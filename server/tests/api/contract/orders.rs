//! The merchant's orders: the list, the detail, the dashboard, the export and every move.

use super::shopper::Orders;
use super::{Caller, NONE};
use app::admin_api::{AdminOrder, Dashboard, OrderList, Refund, RefundRequested, Ship, WebhookInfo};
use app::error_code::ErrorCode;
use app::orders::{OrderStatus, OrderView};
use reqwest::Method;

/// The list, the detail, the dashboard, the export and every move.
pub(super) async fn admin_orders(admin: &Caller<'_>, orders: &Orders) {
    lists_and_filters_the_orders(admin).await;
    shows_one_order_and_exports_them(admin, orders.card).await;
    the_dashboard_and_the_webhook(admin).await;
    let [shipped, refunded] = orders.stars;
    ships_and_delivers(admin, shipped).await;
    cancels_the_unpaid_order(admin, orders.unpaid).await;
    refunds_in_stars_and_by_card(admin, refunded, orders.card).await;
}

fn path(id: i64, action: &str) -> String {
    format!("/api/admin/orders/{id}/{action}")
}

async fn lists_and_filters_the_orders(admin: &Caller<'_>) {
    let list: OrderList = admin.get("/api/admin/orders").await;
    assert_eq!(list.total, 4);
    let _: OrderList = admin.get("/api/admin/orders?status=paid&per_page=2&page=2").await;
    admin
        .refused(
            Method::GET,
            "/api/admin/orders?status=lost",
            NONE,
            422,
            ErrorCode::BadStatus,
        )
        .await;
    admin
        .refused(
            Method::GET,
            "/api/admin/orders?page=x",
            NONE,
            400,
            ErrorCode::QueryMalformed,
        )
        .await;
}

async fn shows_one_order_and_exports_them(admin: &Caller<'_>, card_id: i64) {
    let card: AdminOrder = admin.get(&format!("/api/admin/orders/{card_id}")).await;
    assert!(card.provider_charge_id.is_some(), "{card:?}");
    admin
        .refused(
            Method::GET,
            "/api/admin/orders/999999",
            NONE,
            404,
            ErrorCode::OrderNotFound,
        )
        .await;
    let (status, csv) = admin.send(Method::GET, "/api/admin/orders.csv", NONE).await;
    assert_eq!(status, 200);
    assert!(csv.starts_with("order_id,created_at,status"), "{csv}");
}

async fn the_dashboard_and_the_webhook(admin: &Caller<'_>) {
    let dashboard: Dashboard = admin.get("/api/admin/dashboard?days=30").await;
    assert_eq!(dashboard.funnel.paid, 1, "{dashboard:?}");
    assert!(!dashboard.revenue.is_empty());
    admin
        .refused(
            Method::GET,
            "/api/admin/dashboard?days=0",
            NONE,
            422,
            ErrorCode::BadDays,
        )
        .await;
    let _: WebhookInfo = admin.get("/api/admin/webhook").await;
}

async fn ships_and_delivers(admin: &Caller<'_>, shipped: i64) {
    let note = Ship {
        note: Some("Tracking: DHL 0042".into()),
    };
    let order: OrderView = admin
        .call(Method::POST, &path(shipped, "ship"), Some(&note), 200)
        .await;
    assert_eq!(order.status, OrderStatus::Shipped);
    admin
        .refused(
            Method::POST,
            &path(shipped, "ship"),
            Some(&Ship::default()),
            409,
            ErrorCode::IllegalTransition,
        )
        .await;
    let order: OrderView = admin
        .call(Method::POST, &path(shipped, "deliver"), NONE, 200)
        .await;
    assert_eq!(order.status, OrderStatus::Delivered);
}

async fn cancels_the_unpaid_order(admin: &Caller<'_>, unpaid: i64) {
    let order: OrderView = admin.call(Method::POST, &path(unpaid, "cancel"), NONE, 200).await;
    assert_eq!(order.status, OrderStatus::Cancelled);
}

/// A Stars order is refunded through Telegram (asynchronously); a card order needs the
/// reference of the refund the merchant made at the provider.
async fn refunds_in_stars_and_by_card(admin: &Caller<'_>, refunded: i64, card: i64) {
    let requested: RefundRequested = admin
        .call(Method::POST, &path(refunded, "refund"), NONE, 202)
        .await;
    assert_eq!(requested.status, "refund_requested");
    admin
        .refused(
            Method::POST,
            &path(card, "refund"),
            Some(&Refund::default()),
            422,
            ErrorCode::ReferenceMissing,
        )
        .await;
    let reference = Refund {
        reference: Some("re_3PzQ".into()),
    };
    let order: OrderView = admin
        .call(Method::POST, &path(card, "refund"), Some(&reference), 200)
        .await;
    assert_eq!(order.status, OrderStatus::Refunded);
}
