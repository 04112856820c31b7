//! The shopper's endpoints: who they are, the catalog, the cart, promo previews, checkout and
//! their orders; on the way they make the orders the merchant's endpoints then show.

use super::{Caller, NONE};
use crate::helpers::shopper::{slug, ADA};
use crate::helpers::TestServer;
use app::cart::view::CartView;
use app::catalog::Catalog;
use app::error_code::ErrorCode;
use app::identity::{Launch, UserId};
use app::orders::{
    CheckoutLine, CheckoutRequest, CheckoutResponse, OrderStatus, OrderSummary, OrderView, PromoPreview,
};
use reqwest::Method;
use serde_json::json;

/// Orders the shopper made: paid by card, paid in Stars twice, unpaid in Stars.
pub(super) struct Orders {
    pub(super) card: i64,
    pub(super) stars: [i64; 2],
    pub(super) unpaid: i64,
}

/// The shopper's endpoints, which also make the orders the merchant's then show.
pub(super) async fn shopper(server: &TestServer, ada: &Caller<'_>) -> Orders {
    let catalog = knows_who_ada_is_and_reads_the_catalog(ada).await;
    saves_her_cart_and_previews_a_promo(ada, &catalog).await;
    let orders = checks_out_and_pays_by_card_and_in_stars(server, ada, &catalog).await;
    lists_and_shows_her_orders(ada, orders.card).await;
    orders
}

/// A cart of one of `product`'s first variant, with `promo` if given.
fn cart(catalog: &Catalog, product: &str, promo: Option<&str>) -> CheckoutRequest {
    let product = catalog.products.iter().find(|p| p.slug == product).unwrap();
    CheckoutRequest {
        lines: vec![CheckoutLine {
            variant_id: product.variants[0].id,
            quantity: 1,
            attendees: Vec::new(),
            appointment: None,
        }],
        promo_code: promo.map(str::to_owned),
        tip_minor: None,
        pay_in_stars: false,
    }
}

async fn knows_who_ada_is_and_reads_the_catalog(ada: &Caller<'_>) -> Catalog {
    let launch: Launch = ada.get("/api/me").await;
    assert_eq!(launch.me.user.id, UserId(ADA));
    ada.get("/api/products").await
}

async fn saves_her_cart_and_previews_a_promo(ada: &Caller<'_>, catalog: &Catalog) {
    let saved: CartView = ada
        .call(
            Method::PUT,
            "/api/cart",
            Some(&cart(catalog, "pottery-workshop", None)),
            200,
        )
        .await;
    assert_eq!(saved.lines.len(), 1);
    let _: CartView = ada.get("/api/cart").await;
    let preview: PromoPreview = ada
        .call(
            Method::POST,
            "/api/promo",
            Some(&cart(catalog, "pottery-workshop", Some("welcome10"))),
            200,
        )
        .await;
    assert_eq!(preview.code, "WELCOME10");
    ada.refused(
        Method::POST,
        "/api/promo",
        Some(&cart(catalog, "pottery-workshop", None)),
        400,
        ErrorCode::PromoMissing,
    )
    .await;
}

/// The order's id and its invoice's slug.
async fn checkout(ada: &Caller<'_>, catalog: &Catalog, product: &str) -> (i64, String) {
    let answer: CheckoutResponse = ada
        .call(
            Method::POST,
            "/api/checkout",
            Some(&cart(catalog, product, None)),
            200,
        )
        .await;
    let link = json!({ "invoice_link": answer.invoice_link });
    (answer.order_id.0, slug(&link))
}

/// One order paid by card, two paid in Stars, one left unpaid.
async fn checks_out_and_pays_by_card_and_in_stars(
    server: &TestServer,
    ada: &Caller<'_>,
    catalog: &Catalog,
) -> Orders {
    let telegram = server.telegram();
    let (card, invoice) = checkout(ada, catalog, "pottery-workshop").await;
    let info = json!({ "name": "Ada Lovelace", "email": "ada@example.org" });
    let paid = telegram
        .pay(&invoice, json!({ "user_id": ADA, "order_info": info }))
        .await;
    assert_eq!(paid["status"], "paid");
    let mut stars = [0; 2];
    for id in &mut stars {
        let (order, invoice) = checkout(ada, catalog, "wallpaper-pack").await;
        assert_eq!(
            telegram.pay(&invoice, json!({ "user_id": ADA })).await["status"],
            "paid"
        );
        *id = order;
    }
    let (unpaid, _) = checkout(ada, catalog, "sticker-pack").await;
    Orders { card, stars, unpaid }
}

async fn lists_and_shows_her_orders(ada: &Caller<'_>, card: i64) {
    let summaries: Vec<OrderSummary> = ada.get("/api/orders").await;
    assert_eq!(summaries.len(), 4);
    let order: OrderView = ada.get(&format!("/api/orders/{card}")).await;
    assert_eq!(order.status, OrderStatus::Paid);
    ada.refused(
        Method::GET,
        "/api/orders/x",
        NONE,
        400,
        ErrorCode::OrderIdMalformed,
    )
    .await;
}
