//! The wire contract, end to end: for every endpoint of the merchant's API (and the
//! shopper's), what the real server answers is decoded with the `app` type the pages read it
//! with, and that type must encode back to the very same JSON — so it neither drops a field
//! the server sends nor expects one the server does not. Requests go out as `app`'s request
//! types, so the server must accept what the pages send. Refusals decode as `app`'s
//! `ErrorBody`, whose code must be one of `ErrorCode`'s. Runs on SQLite and PostgreSQL.
//!
//! Also here: the webhook drops (200) a body that passes the secret but is no update.

use crate::helpers::catalog_merchant::{tiny_png, upload};
use crate::helpers::merchant::CAMILLE;
use crate::helpers::shopper::{slug, ADA};
use crate::helpers::{FreshDb, TestServer};
use app::admin_api::{
    AdjustStock, Adjusted, AdminCategory, AdminOrder, AdminProduct, CategoryFields, CategoryList,
    CreateProduct, CreatePromo, CreateVariant, Dashboard, Notifications, OrderList, ProductList, PromoCode,
    PromoCodes, RateTerms, Refund, RefundRequested, SaveTips, Session, Settings, Ship, ShippingRate,
    ShippingRates, Shop, SignedInVia, StockHistory, TipPreset, TipPresets, UpdateProduct, UpdatePromo,
    UpdateVariant, WebhookInfo,
};
use app::api::ErrorBody;
use app::cart::view::CartView;
use app::catalog::Catalog;
use app::error_code::ErrorCode;
use app::identity::Launch;
use app::identity::{ChatId, UserId};
use app::orders::{
    CheckoutLine, CheckoutRequest, CheckoutResponse, OrderStatus, OrderSummary, OrderView, PromoPreview,
};
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

const SECRET: &str = "contract-webhook-secret";

crate::on_both_engines!(
    contract,
    every_answer_reads_as_the_apps_type_on_sqlite,
    every_answer_reads_as_the_apps_type_on_postgres
);

/// No request body.
const NONE: Option<&()> = None;

/// `sent` read as `T`, which must encode back to exactly `sent`.
fn decoded<T: DeserializeOwned + Serialize>(sent: Value, what: &str) -> T {
    let name = std::any::type_name::<T>();
    let typed: T = serde_json::from_value(sent.clone())
        .unwrap_or_else(|e| panic!("{what}: the app cannot read the answer as {name}: {e}\n{sent:#}"));
    let again = serde_json::to_value(&typed).unwrap();
    assert_eq!(
        again, sent,
        "{what}: {name} does not hold exactly the fields the server sends"
    );
    typed
}

/// A Telegram user calling the API with their initData.
struct Caller<'a> {
    server: &'a TestServer,
    init_data: String,
}

impl Caller<'_> {
    /// `method path` with `body`; the status and the raw answer.
    async fn send(&self, method: Method, path: &str, body: Option<&impl Serialize>) -> (u16, String) {
        let url = format!("{}{path}", self.server.base_url);
        let mut request = self
            .server
            .client
            .request(method, url)
            .header("authorization", format!("tma {}", self.init_data));
        if let Some(body) = body {
            request = request.json(body);
        }
        let response = request.send().await.expect("the server answers");
        (response.status().as_u16(), response.text().await.unwrap())
    }

    /// `method path` with `body`, answered with `status` and a `T`.
    async fn call<T: DeserializeOwned + Serialize>(
        &self,
        method: Method,
        path: &str,
        body: Option<&impl Serialize>,
        status: u16,
    ) -> T {
        let what = format!("{method} {path}");
        let (answered, text) = self.send(method, path, body).await;
        assert_eq!(answered, status, "{what}: {text}");
        let sent = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{what}: not JSON ({e}): {text}"));
        decoded(sent, &what)
    }

    async fn get<T: DeserializeOwned + Serialize>(&self, path: &str) -> T {
        self.call(Method::GET, path, NONE, 200).await
    }

    /// `method path` refused with `status` and `code`.
    async fn refused(
        &self,
        method: Method,
        path: &str,
        body: Option<&impl Serialize>,
        status: u16,
        code: ErrorCode,
    ) {
        let refusal: ErrorBody = self.call(method, path, body, status).await;
        assert_eq!(refusal.error.code, code, "{path}: {}", refusal.error.message);
    }

    /// `method path` answered 204 without a body.
    async fn no_content(&self, method: Method, path: &str) {
        let (status, text) = self.send(method, path, NONE).await;
        assert_eq!((status, text.as_str()), (204, ""), "{path}");
    }
}

async fn contract(fresh: &FreshDb) {
    let uploads = tempfile::tempdir().unwrap();
    let dir = uploads.path().to_str().unwrap().to_owned();
    let vars = [
        ("ADMIN_USER_IDS", "1003"),
        ("UPLOAD_DIR", dir.as_str()),
        ("WEBHOOK_SECRET", SECRET),
    ];
    let server = TestServer::start_with(&fresh.url, &vars).await;
    server.wait_for_webhook().await;
    let ada = Caller {
        server: &server,
        init_data: server.launch(ADA).await,
    };
    let admin = Caller {
        server: &server,
        init_data: server.launch(CAMILLE).await,
    };
    let orders = shopper(&server, &ada).await;
    admin_orders(&admin, &orders).await;
    let product = admin_catalog(&admin).await;
    admin_photos(&server, &admin, &product).await;
    admin_settings(&admin).await;
    admin_session(&admin).await;
    webhook(&server).await;
    server.stop().await;
}

/// Orders the shopper made: paid by card, paid in Stars twice, unpaid in Stars.
struct Orders {
    card: i64,
    stars: [i64; 2],
    unpaid: i64,
}

/// The shopper's endpoints, which also make the orders the merchant's then show.
async fn shopper(server: &TestServer, ada: &Caller<'_>) -> Orders {
    let launch: Launch = ada.get("/api/me").await;
    assert_eq!(launch.me.user.id, UserId(ADA));
    let catalog: Catalog = ada.get("/api/products").await;
    let variant = |name: &str| {
        let product = catalog.products.iter().find(|p| p.slug == name).unwrap();
        product.variants[0].id
    };
    let cart = |product: &str, promo: Option<&str>| CheckoutRequest {
        lines: vec![CheckoutLine {
            variant_id: variant(product),
            quantity: 1,
        }],
        promo_code: promo.map(str::to_owned),
        tip_minor: None,
        pay_in_stars: false,
    };
    let saved: CartView = ada
        .call(
            Method::PUT,
            "/api/cart",
            Some(&cart("pottery-workshop", None)),
            200,
        )
        .await;
    assert_eq!(saved.lines.len(), 1);
    let _: CartView = ada.get("/api/cart").await;
    let preview: PromoPreview = ada
        .call(
            Method::POST,
            "/api/promo",
            Some(&cart("pottery-workshop", Some("welcome10"))),
            200,
        )
        .await;
    assert_eq!(preview.code, "WELCOME10");
    ada.refused(
        Method::POST,
        "/api/promo",
        Some(&cart("pottery-workshop", None)),
        400,
        ErrorCode::PromoMissing,
    )
    .await;

    let checkout = |product: &'static str| async move {
        let answer: CheckoutResponse = ada
            .call(Method::POST, "/api/checkout", Some(&cart(product, None)), 200)
            .await;
        let link = json!({ "invoice_link": answer.invoice_link });
        (answer.order_id.0, slug(&link))
    };
    let telegram = server.telegram();
    let (card, invoice) = checkout("pottery-workshop").await;
    let info = json!({ "name": "Ada Lovelace", "email": "ada@example.org" });
    let paid = telegram
        .pay(&invoice, json!({ "user_id": ADA, "order_info": info }))
        .await;
    assert_eq!(paid["status"], "paid");
    let mut stars = [0; 2];
    for id in &mut stars {
        let (order, invoice) = checkout("wallpaper-pack").await;
        assert_eq!(
            telegram.pay(&invoice, json!({ "user_id": ADA })).await["status"],
            "paid"
        );
        *id = order;
    }
    let (unpaid, _) = checkout("sticker-pack").await;

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
    Orders { card, stars, unpaid }
}

/// The list, the detail, the dashboard, the export and every move.
async fn admin_orders(admin: &Caller<'_>, orders: &Orders) {
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
    let card: AdminOrder = admin.get(&format!("/api/admin/orders/{}", orders.card)).await;
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

    let [shipped, refunded] = orders.stars;
    let note = Ship {
        note: Some("Tracking: DHL 0042".into()),
    };
    let path = |id: i64, action: &str| format!("/api/admin/orders/{id}/{action}");
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
    let order: OrderView = admin
        .call(Method::POST, &path(orders.unpaid, "cancel"), NONE, 200)
        .await;
    assert_eq!(order.status, OrderStatus::Cancelled);
    let requested: RefundRequested = admin
        .call(Method::POST, &path(refunded, "refund"), NONE, 202)
        .await;
    assert_eq!(requested.status, "refund_requested");
    admin
        .refused(
            Method::POST,
            &path(orders.card, "refund"),
            Some(&Refund::default()),
            422,
            ErrorCode::ReferenceMissing,
        )
        .await;
    let reference = Refund {
        reference: Some("re_3PzQ".into()),
    };
    let order: OrderView = admin
        .call(Method::POST, &path(orders.card, "refund"), Some(&reference), 200)
        .await;
    assert_eq!(order.status, OrderStatus::Refunded);
}

/// Categories, products, variants and stock; the product made on the way.
async fn admin_catalog(admin: &Caller<'_>) -> AdminProduct {
    let _: CategoryList = admin.get("/api/admin/categories").await;
    let fields = |name: &str| CategoryFields {
        name: Some(name.into()),
        ..CategoryFields::default()
    };
    let category: AdminCategory = admin
        .call(
            Method::POST,
            "/api/admin/categories",
            Some(&fields("Contracts")),
            201,
        )
        .await;
    let moved = CategoryFields {
        position: Some(7),
        ..CategoryFields::default()
    };
    let category_path = format!("/api/admin/categories/{}", category.id.0);
    let category: AdminCategory = admin.call(Method::PATCH, &category_path, Some(&moved), 200).await;
    assert_eq!(category.position, 7);

    let new = CreateProduct {
        category_id: category.id.0,
        name: "Contract Mug".into(),
        slug: None,
        description: String::new(),
        currency: "EUR".into(),
        fulfilment: None,
        variants: vec![CreateVariant {
            name: "Blue".into(),
            price_minor: 1250,
            stock: 3,
            stars_price: Some(250),
        }],
    };
    let product: AdminProduct = admin
        .call(Method::POST, "/api/admin/products", Some(&new), 201)
        .await;
    assert_eq!(product.variants[0].stars_label.as_deref(), Some("⭐ 250"));
    admin
        .refused(
            Method::POST,
            "/api/admin/products",
            Some(&json!({ "name": 1 })),
            400,
            ErrorCode::BodyMalformed,
        )
        .await;
    admin
        .refused(
            Method::DELETE,
            &category_path,
            NONE,
            409,
            ErrorCode::CategoryNotEmpty,
        )
        .await;
    let empty: AdminCategory = admin
        .call(Method::POST, "/api/admin/categories", Some(&fields("Empty")), 201)
        .await;
    admin
        .no_content(Method::DELETE, &format!("/api/admin/categories/{}", empty.id.0))
        .await;

    let _: ProductList = admin.get("/api/admin/products?archived=all").await;
    admin
        .refused(
            Method::GET,
            "/api/admin/products?archived=maybe",
            NONE,
            422,
            ErrorCode::BadArchived,
        )
        .await;
    let path = format!("/api/admin/products/{}", product.id.0);
    let _: AdminProduct = admin.get(&path).await;
    admin
        .refused(
            Method::GET,
            "/api/admin/products/x",
            NONE,
            400,
            ErrorCode::IdMalformed,
        )
        .await;
    let described = UpdateProduct {
        description: Some("Holds tea".into()),
        ..UpdateProduct::default()
    };
    let _: AdminProduct = admin.call(Method::PATCH, &path, Some(&described), 200).await;
    for action in ["archive", "unarchive"] {
        let _: AdminProduct = admin
            .call(Method::POST, &format!("{path}/{action}"), NONE, 200)
            .await;
    }

    let red = CreateVariant {
        name: "Red".into(),
        price_minor: 1300,
        stock: 1,
        stars_price: Some(260),
    };
    let product: AdminProduct = admin
        .call(Method::POST, &format!("{path}/variants"), Some(&red), 201)
        .await;
    let (blue, red) = (product.variants[0].id.0, product.variants[1].id.0);
    let renamed = UpdateVariant {
        name: Some("Crimson".into()),
        stars_price: Some(None),
        ..UpdateVariant::default()
    };
    let product: AdminProduct = admin
        .call(
            Method::PATCH,
            &format!("/api/admin/variants/{red}"),
            Some(&renamed),
            200,
        )
        .await;
    assert_eq!(
        product.variants[1].stars_price, None,
        "null removes the Stars price"
    );
    let product: AdminProduct = admin
        .call(Method::DELETE, &format!("/api/admin/variants/{red}"), NONE, 200)
        .await;
    assert_eq!(product.variants.len(), 1);

    let stock = format!("/api/admin/variants/{blue}/stock");
    let recount = AdjustStock {
        delta: 2,
        reason: "recount".into(),
    };
    let adjusted: Adjusted = admin.call(Method::POST, &stock, Some(&recount), 200).await;
    assert_eq!(adjusted.stock, 5);
    let history: StockHistory = admin.get(&stock).await;
    assert_eq!(history.movements.len(), 2, "created with 3, then +2");
    let too_many = AdjustStock {
        delta: -50,
        reason: "lost".into(),
    };
    admin
        .refused(
            Method::POST,
            &stock,
            Some(&too_many),
            409,
            ErrorCode::StockNegative,
        )
        .await;
    product
}

/// A main photo, a gallery photo, and the gallery photo deleted.
async fn admin_photos(server: &TestServer, admin: &Caller<'_>, product: &AdminProduct) {
    let path = format!("/api/admin/products/{}/photos", product.id.0);
    let png = tiny_png(3, 2);
    let mut uploaded = None;
    for alt in ["Main", "Gallery"] {
        let (status, answer) = upload(
            server,
            &path,
            &admin.init_data,
            &[("photo", "p.png", &png), ("alt", "", alt.as_bytes())],
        )
        .await;
        assert_eq!(status, 201, "{answer}");
        uploaded = Some(decoded::<AdminProduct>(answer, "POST photos"));
    }
    let product = uploaded.unwrap();
    assert_eq!(product.photo.alt, "Main");
    let gallery = product
        .photos
        .last()
        .expect("the second upload joins the gallery");
    let _: AdminProduct = admin
        .call(Method::DELETE, &format!("{path}/{}", gallery.id.0), NONE, 200)
        .await;
    admin
        .refused(
            Method::DELETE,
            &format!("{path}/{}", gallery.id.0),
            NONE,
            404,
            ErrorCode::PhotoNotFound,
        )
        .await;
}

/// Everything under settings: the shop, notifications, tips, shipping rates, promo codes.
async fn admin_settings(admin: &Caller<'_>) {
    let settings: Settings = admin.get("/api/admin/settings").await;
    assert!(!settings.shipping.is_empty() && !settings.tips.is_empty() && !settings.promo_codes.is_empty());
    let shop = Shop {
        name: "Contract Shop".into(),
        currency: "eur".into(),
    };
    let saved: Shop = admin
        .call(Method::PUT, "/api/admin/settings/shop", Some(&shop), 200)
        .await;
    assert_eq!(saved.currency, "EUR");
    let group = Notifications {
        chat_id: Some(ChatId(-100_500_600)),
    };
    let _: Notifications = admin
        .call(
            Method::PUT,
            "/api/admin/settings/notifications",
            Some(&group),
            200,
        )
        .await;

    let _: TipPresets = admin.get("/api/admin/tips").await;
    let tips = SaveTips {
        max_tip_minor: 500,
        suggested: vec![100, 200],
    };
    let _: TipPreset = admin
        .call(Method::PUT, "/api/admin/tips/USD", Some(&tips), 200)
        .await;
    admin
        .refused(
            Method::PUT,
            "/api/admin/tips/XTR",
            Some(&tips),
            422,
            ErrorCode::BadCurrency,
        )
        .await;
    admin.no_content(Method::DELETE, "/api/admin/tips/USD").await;

    let _: ShippingRates = admin.get("/api/admin/shipping").await;
    let terms = RateTerms {
        title: "Courier".into(),
        price_minor: 900,
        currency: "EUR".into(),
        position: 3,
    };
    let rate = ShippingRate {
        country_code: "FR".into(),
        id: "courier".into(),
        terms: terms.clone(),
    };
    let _: ShippingRate = admin
        .call(Method::POST, "/api/admin/shipping", Some(&rate), 201)
        .await;
    admin
        .refused(
            Method::POST,
            "/api/admin/shipping",
            Some(&rate),
            409,
            ErrorCode::ShippingRateExists,
        )
        .await;
    let dearer = RateTerms {
        price_minor: 1100,
        ..terms
    };
    let changed: ShippingRate = admin
        .call(Method::PUT, "/api/admin/shipping/FR/courier", Some(&dearer), 200)
        .await;
    assert_eq!(changed.terms.price_minor, 1100);
    admin
        .no_content(Method::DELETE, "/api/admin/shipping/FR/courier")
        .await;

    let _: PromoCodes = admin.get("/api/admin/promo-codes").await;
    let spring = CreatePromo {
        code: "SPRING".into(),
        percent_off: None,
        amount_off_minor: Some(300),
        currency: Some("EUR".into()),
        min_items_minor: 0,
        max_uses: Some(10),
        starts_at: None,
        expires_at: None,
        active: true,
    };
    let _: PromoCode = admin
        .call(Method::POST, "/api/admin/promo-codes", Some(&spring), 201)
        .await;
    let unlimited = UpdatePromo {
        max_uses: Some(None),
        ..UpdatePromo::default()
    };
    let promo: PromoCode = admin
        .call(
            Method::PATCH,
            "/api/admin/promo-codes/SPRING",
            Some(&unlimited),
            200,
        )
        .await;
    assert_eq!(promo.max_uses, None);
    admin
        .refused(
            Method::PATCH,
            "/api/admin/promo-codes/NOPE",
            Some(&UpdatePromo::default()),
            404,
            ErrorCode::PromoNotFound,
        )
        .await;
}

/// Who is signed in, signing out, and an endpoint the API does not have.
async fn admin_session(admin: &Caller<'_>) {
    let session: Session = admin.get("/api/admin/session").await;
    assert_eq!(
        (session.user_id, session.via, session.csrf_token),
        (UserId(CAMILLE), SignedInVia::Telegram, None)
    );
    admin.no_content(Method::POST, "/api/admin/logout").await;
    admin
        .refused(Method::GET, "/api/admin/nowhere", NONE, 404, ErrorCode::NotFound)
        .await;
    let stranger = Caller {
        server: admin.server,
        init_data: admin.server.launch(ADA).await,
    };
    stranger
        .refused(
            Method::GET,
            "/api/admin/session",
            NONE,
            403,
            ErrorCode::NotAnAdmin,
        )
        .await;
}

/// The webhook: a wrong secret is refused; with the secret, a body that is no update is
/// dropped with 200 (Telegram would otherwise redeliver it for a day), and updates are taken.
async fn webhook(server: &TestServer) {
    let post = |secret: &'static str, body: &'static str| {
        server
            .client
            .post(format!("{}/telegram/webhook", server.base_url))
            .header("x-telegram-bot-api-secret-token", secret)
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    let wrong = post("wrong", "{}").await.unwrap();
    assert_eq!(wrong.status(), 401);
    let refusal: ErrorBody = decoded(wrong.json().await.unwrap(), "POST /telegram/webhook");
    assert_eq!(refusal.error.code, ErrorCode::WebhookSecretWrong);
    for undecodable in ["not json", r#"{"update_id": "seven"}"#, "[]"] {
        let response = post(SECRET, undecodable).await.unwrap();
        assert_eq!(response.status(), 200, "{undecodable}");
    }
    let update = r#"{"update_id": 90001, "message": {"message_id": 1, "date": 1, "chat": {"id": 1, "type": "private"}, "text": "hi"}}"#;
    assert_eq!(post(SECRET, update).await.unwrap().status(), 200);
}
