//! Storage tests: the same checks on SQLite and on PostgreSQL, each on a fresh database.

mod kind_migration;

use crate::helpers::FreshDb;
use app::identity::UserId;
use server::shop::demo;
use server::storage::{Backend, Db};
use sqlx::Connection;

async fn migrated_database_is_seeded_once(fresh: &FreshDb) {
    let db = Db::connect(&fresh.url).await.expect("connects and migrates");
    assert!(db.seed_demo_catalog().await.unwrap(), "first start seeds");
    assert!(!db.seed_demo_catalog().await.unwrap(), "second start does not");
    let (categories, products) = db.catalog().await.unwrap();
    assert_eq!(categories.len(), demo::CATEGORIES.len());
    assert_eq!(products.len(), demo::PRODUCTS.len());
    db.close().await;

    // A restart runs the migrations again (a no-op) and keeps the data.
    let again = Db::connect(&fresh.url).await.unwrap();
    assert!(!again.seed_demo_catalog().await.unwrap());
    assert_eq!(again.catalog().await.unwrap().1.len(), demo::PRODUCTS.len());
    again.close().await;
}

async fn catalog_keeps_money_and_order(fresh: &FreshDb) {
    let db = Db::connect(&fresh.url).await.unwrap();
    db.seed_demo_catalog().await.unwrap();
    let (categories, products) = db.catalog().await.unwrap();
    let category_order: Vec<_> = categories.iter().map(|c| c.slug.as_str()).collect();
    assert_eq!(
        category_order,
        demo::CATEGORIES.iter().map(|c| c.slug).collect::<Vec<_>>()
    );
    for (stored, seeded) in products.iter().zip(demo::PRODUCTS) {
        assert_eq!(stored.slug.as_str(), seeded.slug);
        assert_eq!(stored.currency.as_str(), seeded.currency);
        let variants: Vec<_> = stored
            .variants
            .iter()
            .map(|v| (v.name.as_str(), v.price.minor, v.stock))
            .collect();
        assert_eq!(variants, seeded.variants, "{}", seeded.slug);
        assert_eq!(stored.photo.url, seeded.photo_url());
    }
    db.close().await;
}

async fn seeded_catalog_carries_the_gallery_photos(fresh: &FreshDb) {
    let db = Db::connect(&fresh.url).await.unwrap();
    db.seed_demo_catalog().await.unwrap();
    let (_, products) = db.catalog().await.unwrap();
    let photos = |slug: &str| -> Vec<(String, u32, u32, String)> {
        let product = products.iter().find(|p| p.slug.as_str() == slug).unwrap();
        product
            .photos
            .iter()
            .map(|p| (p.url.clone(), p.width, p.height, p.alt.clone()))
            .collect()
    };
    let seeded = |slug: &str| -> Vec<(String, u32, u32, String)> {
        let product = demo::PRODUCTS.iter().find(|p| p.slug == slug).unwrap();
        let size = demo::PHOTO_SIZE;
        product
            .extra_photos()
            .map(|(url, alt)| (url, size, size, alt.to_owned()))
            .collect()
    };
    let mug = photos("blue-mug");
    let urls: Vec<_> = mug.iter().map(|p| p.0.as_str()).collect();
    assert_eq!(
        urls,
        ["/products/blue-mug-2.svg", "/products/blue-mug-3.svg"],
        "in gallery order"
    );
    assert_eq!(mug, seeded("blue-mug"), "sizes and alt texts as seeded");
    assert_eq!(photos("linen-scarf"), seeded("linen-scarf"));
    assert!(
        photos("olive-bowl").is_empty(),
        "a product without further photos has none"
    );
    db.close().await;
}

#[tokio::test]
async fn sqlite_seeded_catalog_carries_the_gallery_photos() {
    seeded_catalog_carries_the_gallery_photos(&FreshDb::sqlite()).await;
}

#[tokio::test]
async fn postgres_seeded_catalog_carries_the_gallery_photos() {
    let fresh = FreshDb::postgres().await;
    seeded_catalog_carries_the_gallery_photos(&fresh).await;
}

#[tokio::test]
async fn sqlite_database_is_migrated_and_seeded_once() {
    let fresh = FreshDb::sqlite();
    migrated_database_is_seeded_once(&fresh).await;
}

#[tokio::test]
async fn postgres_database_is_migrated_and_seeded_once() {
    let fresh = FreshDb::postgres().await;
    migrated_database_is_seeded_once(&fresh).await;
}

#[tokio::test]
async fn sqlite_catalog_keeps_money_and_order() {
    catalog_keeps_money_and_order(&FreshDb::sqlite()).await;
}

#[tokio::test]
async fn postgres_catalog_keeps_money_and_order() {
    let fresh = FreshDb::postgres().await;
    catalog_keeps_money_and_order(&fresh).await;
}

#[tokio::test]
async fn sqlite_commits_are_durable_wal_with_full_sync() {
    let fresh = FreshDb::sqlite();
    let db = Db::connect(&fresh.url).await.unwrap();
    assert_eq!(db.backend(), Backend::Sqlite);
    db.close().await;
    // journal_mode=WAL is stored in the file; a plain connection sees it.
    let mut conn = sqlx::SqliteConnection::connect(&fresh.url).await.unwrap();
    let (mode,): (String,) = sqlx::query_as("PRAGMA journal_mode")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(mode, "wal");
}

#[tokio::test]
async fn sqlite_pool_connections_use_full_sync() {
    let fresh = FreshDb::sqlite();
    let db = Db::connect(&fresh.url).await.unwrap();
    // 2 = FULL: a WAL commit is fsynced before it is acknowledged.
    assert_eq!(db.sqlite_synchronous().await.unwrap(), Some(2));
    db.close().await;
}

#[tokio::test]
async fn two_replicas_starting_together_seed_postgres_once() {
    let fresh = FreshDb::postgres().await;
    let (a, b) = tokio::join!(Db::connect(&fresh.url), Db::connect(&fresh.url));
    let (a, b) = (a.unwrap(), b.unwrap());
    let (seeded_a, seeded_b) = tokio::join!(a.seed_demo_catalog(), b.seed_demo_catalog());
    assert!(seeded_a.unwrap() ^ seeded_b.unwrap(), "exactly one replica seeds");
    assert_eq!(a.catalog().await.unwrap().1.len(), demo::PRODUCTS.len());
    a.close().await;
    b.close().await;
}

#[tokio::test]
async fn a_broken_database_url_fails_loudly() {
    let error = Db::connect("postgres://nobody@127.0.0.1:1/none")
        .await
        .unwrap_err();
    assert!(error.to_string().contains("could not connect"), "{error}");
    assert!(Db::connect("mysql://localhost/shop").await.is_err());
}

#[tokio::test]
async fn a_tampered_migration_history_stops_the_start() {
    let fresh = FreshDb::sqlite();
    Db::connect(&fresh.url).await.unwrap().close().await;
    let mut conn = sqlx::SqliteConnection::connect(&fresh.url).await.unwrap();
    sqlx::query("UPDATE _sqlx_migrations SET checksum = x'00'")
        .execute(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    let error = Db::connect(&fresh.url).await.unwrap_err();
    assert!(error.to_string().contains("migration"), "{error}");
}

async fn carts_are_kept_per_buyer_and_replaced_whole(fresh: &FreshDb) {
    use app::catalog::VariantId;
    let db = Db::connect(&fresh.url).await.unwrap();
    db.seed_demo_catalog().await.unwrap();
    let (_, products) = db.catalog().await.unwrap();
    let (mug, scarf) = (products[0].variants[0].id, products[1].variants[0].id);
    db.replace_cart(UserId(7), [(mug, 2), (scarf, 1)].into_iter(), 1)
        .await
        .unwrap();
    db.replace_cart(UserId(8), [(mug, 5)].into_iter(), 1)
        .await
        .unwrap();
    db.replace_cart(UserId(7), [(scarf, 3)].into_iter(), 2)
        .await
        .unwrap();
    let lines = |request: app::orders::CheckoutRequest| -> Vec<(VariantId, i64)> {
        request.lines.iter().map(|l| (l.variant_id, l.quantity)).collect()
    };
    assert_eq!(
        lines(db.cart(UserId(7)).await.unwrap()),
        [(scarf, 3)],
        "the second save replaced the first"
    );
    assert_eq!(
        lines(db.cart(UserId(8)).await.unwrap()),
        [(mug, 5)],
        "another buyer's cart is untouched"
    );
    assert!(db.cart(UserId(9)).await.unwrap().lines.is_empty());
    db.replace_cart(UserId(7), std::iter::empty(), 3).await.unwrap();
    assert!(db.cart(UserId(7)).await.unwrap().lines.is_empty());
    let eur = app::money::Currency::parse("EUR").unwrap();
    let cheapest = demo::SHIPPING.iter().map(|s| s.3).min(); // the demo ships in euros
    assert_eq!(db.cheapest_shipping(eur).await.unwrap(), cheapest);
    let nothing = app::money::Currency::parse("JPY").unwrap();
    assert_eq!(db.cheapest_shipping(nothing).await.unwrap(), None);
    db.close().await;
}

#[tokio::test]
async fn sqlite_carts_are_kept_per_buyer_and_replaced_whole() {
    carts_are_kept_per_buyer_and_replaced_whole(&FreshDb::sqlite()).await;
}

#[tokio::test]
async fn postgres_carts_are_kept_per_buyer_and_replaced_whole() {
    let fresh = FreshDb::postgres().await;
    carts_are_kept_per_buyer_and_replaced_whole(&fresh).await;
}
