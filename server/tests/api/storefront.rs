//! Black-box tests: the real server on a free port with a fresh database, spoken to over HTTP.

use crate::helpers::{wait_until, FreshDb, TestServer, PATIENCE};
use serde_json::Value;

#[tokio::test]
async fn healthz_reports_the_database_answering() {
    let fresh = FreshDb::sqlite();
    let server = TestServer::start(&fresh.url).await;
    let response = server.get("/healthz").await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body, serde_json::json!({"status": "ok", "database": "ok"}));
    server.stop().await;
}

#[tokio::test]
async fn products_api_lists_the_seeded_catalog() {
    let fresh = FreshDb::sqlite();
    let server = TestServer::start(&fresh.url).await;
    let response = server.get("/api/products").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/json");
    let catalog: app::catalog::Catalog = response.json().await.unwrap();
    assert_eq!(catalog.products.len(), server::shop::demo::PRODUCTS.len());
    assert!(catalog.categories.len() >= 3);
    let mug = catalog.products.iter().find(|p| p.slug == "blue-mug").unwrap();
    assert_eq!((mug.price.minor, mug.price.currency.as_str()), (2400, "EUR"));
    assert_eq!(mug.price_label, "24,00 €");
    let stars = catalog
        .products
        .iter()
        .find(|p| p.slug == "wallpaper-pack")
        .unwrap();
    assert_eq!(stars.price_label, "⭐ 50");
    server.stop().await;
}

#[tokio::test]
async fn products_api_answers_each_products_gallery_main_photo_first() {
    let fresh = FreshDb::sqlite();
    let server = TestServer::start(&fresh.url).await;
    let catalog: Value = server.get("/api/products").await.json().await.unwrap();
    let product = |slug: &str| -> Value {
        let products = catalog["products"].as_array().unwrap();
        products.iter().find(|p| p["slug"] == slug).unwrap().clone()
    };
    let mug = product("blue-mug");
    let photos = mug["photos"].as_array().expect("photos is a list");
    assert_eq!(photos.len(), 3, "{photos:?}");
    assert_eq!(photos[0], mug["photo"], "the main photo first");
    assert_eq!(photos[0]["alt"], "Blue Glazed Mug");
    assert_eq!(photos[1]["url"], "/products/blue-mug-2.svg");
    assert_eq!(photos[2]["url"], "/products/blue-mug-3.svg");
    for photo in photos {
        assert_eq!(
            (photo["width"].as_u64(), photo["height"].as_u64()),
            (Some(600), Some(600))
        );
        assert!(!photo["alt"].as_str().unwrap().is_empty(), "{photo}");
    }
    let bowl = product("olive-bowl");
    assert_eq!(
        bowl["photos"],
        serde_json::json!([bowl["photo"]]),
        "one photo, the main one"
    );

    // The page renders them on the server: a strip for the mug, a plain photo for the bowl.
    let page = |product: &Value| format!("/shop/products/{}", product["id"]);
    let html = server.get(&page(&mug)).await.text().await.unwrap();
    assert!(
        html.contains(r#"aria-label="Photos of Blue Glazed Mug""#),
        "{html}"
    );
    assert_eq!(html.matches(r#"data-testid="gallery-photo""#).count(), 3);
    assert_eq!(html.matches(r#"loading="lazy""#).count(), 2, "all but the first");
    let html = server.get(&page(&bowl)).await.text().await.unwrap();
    assert!(html.contains(r#"class="product__photo""#) && !html.contains(r#"data-testid="gallery""#));
    server.stop().await;
}

#[tokio::test]
async fn the_catalog_carries_the_bots_link_for_sharing_once_getme_answered() {
    let fresh = FreshDb::sqlite();
    let server = TestServer::start(&fresh.url).await;
    let link = wait_until(PATIENCE, "the catalog to carry the bot's link", async || {
        let catalog: app::catalog::Catalog = server.get("/api/products").await.json().await.unwrap();
        catalog.bot_link.ok_or("no bot_link")
    })
    .await;
    // The sandbox's getMe names the bot sandbox_shop_bot.
    assert_eq!(link, "https://t.me/sandbox_shop_bot");
    server.stop().await;
}

#[tokio::test]
async fn the_storefront_page_is_rendered_from_the_database() {
    let fresh = FreshDb::sqlite();
    let server = TestServer::start(&fresh.url).await;
    let response = server.get("/shop").await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    for product in server::shop::demo::PRODUCTS {
        assert!(
            html.contains(&product.name.replace('&', "&amp;")),
            "page lacks {}",
            product.name
        );
    }
    assert!(
        html.contains(r#"href="/pkg/shop.js""#) && html.contains("application/wasm"),
        "hydration scripts missing"
    );
    assert!(
        !html.contains("Loading the shop"),
        "the catalog is in the first HTML, not streamed in later"
    );
    assert!(html.contains(r#"data-testid="cart-badge""#));
    server.stop().await;
}

#[tokio::test]
async fn the_storefront_works_on_postgres_too() {
    let fresh = FreshDb::postgres().await;
    let server = TestServer::start(&fresh.url).await;
    assert_eq!(server.get("/healthz").await.status(), 200);
    let html = server.get("/shop").await.text().await.unwrap();
    assert!(html.contains("Blue Glazed Mug"));
    server.stop().await;
}

#[tokio::test]
async fn unknown_api_paths_get_a_json_404() {
    let fresh = FreshDb::sqlite();
    let server = TestServer::start(&fresh.url).await;
    let response = server.get("/api/nope").await;
    assert_eq!(response.status(), 404);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "not_found");
    assert!(body["error"]["message"].as_str().unwrap().contains("/api/nope"));
    server.stop().await;
}

#[tokio::test]
async fn unknown_pages_get_a_404_page() {
    let fresh = FreshDb::sqlite();
    let server = TestServer::start(&fresh.url).await;
    let response = server.get("/no/such/page").await;
    assert_eq!(response.status(), 404);
    assert!(response.text().await.unwrap().contains("Page not found"));
    server.stop().await;
}

#[tokio::test]
async fn responses_are_compressed_when_the_client_accepts_it() {
    let fresh = FreshDb::sqlite();
    let server = TestServer::start(&fresh.url).await;
    let raw = reqwest::Client::builder().no_gzip().build().unwrap();
    let response = raw
        .get(format!("{}/api/products", server.base_url))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["content-encoding"], "gzip");
    server.stop().await;
}

#[tokio::test]
async fn health_turns_503_when_the_database_is_gone() {
    let fresh = FreshDb::postgres().await;
    let server = TestServer::start(&fresh.url).await;
    fresh.remove().await; // drops the database under the running server
    let response = server.get("/healthz").await;
    assert_eq!(response.status(), 503);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["database"], "error");
    server.stop().await;
}

#[tokio::test]
async fn pages_may_be_framed_by_telegram_only_and_no_answer_is_sniffed() {
    let fresh = FreshDb::sqlite();
    let server = TestServer::start(&fresh.url).await;
    for path in ["/shop", "/admin"] {
        let response = server.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        let headers = response.headers();
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        let policy = headers["content-security-policy"].to_str().unwrap();
        assert_eq!(
            policy,
            "frame-ancestors 'self' https://web.telegram.org https://webk.telegram.org \
             https://webz.telegram.org; object-src 'none'; base-uri 'self'",
            "{path}"
        );
    }
    // Every other answer is not sniffed either; the sign-in page keeps its stricter policy.
    for path in ["/api/products", "/healthz", "/api/nowhere"] {
        let response = server.get(path).await;
        assert_eq!(response.headers()["x-content-type-options"], "nosniff", "{path}");
    }
    let sign_in = server.get("/admin/login?token=x").await;
    assert!(sign_in.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("frame-ancestors 'none'"));
    server.stop().await;
}
