//! The catalog's kept answers (`http::catalog_cache`), on both engines: `GET /api/products` and
//! the rendered `/shop` follow every change of the catalog — made through the shop, by
//! another process on the same database, or by time (an event's end) — each kept answer has an
//! ETag answered with `304`, and comes precompressed. Also the version's triggers: a write to
//! any table the catalog is made of raises it (`storage::catalog::version`).

use crate::helpers::catalog_merchant::patch_json;
use crate::helpers::events::fixture_sql;
use crate::helpers::merchant::start;
use crate::helpers::{FreshDb, TestServer};
use crate::on_both_engines;
use serde_json::{json, Value};
use server::storage::catalog::version::FRESH_FOR;
use server::storage::Db;
use sqlx::Executor;
use std::io::Read;

/// `path` asked as a browser asks it, with `headers`: status, headers and the decoded body.
async fn fetch(
    server: &TestServer,
    path: &str,
    headers: &[(&str, &str)],
) -> (u16, reqwest::header::HeaderMap, String) {
    let client = reqwest::Client::builder().no_gzip().build().unwrap();
    let mut request = client.get(format!("{}{path}", server.base_url));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.unwrap();
    let (status, headers) = (response.status().as_u16(), response.headers().clone());
    let bytes = response.bytes().await.unwrap();
    let mut body = String::new();
    match headers.get("content-encoding").map(|v| v.to_str().unwrap()) {
        Some("br") => brotli::Decompressor::new(&bytes[..], 4096).read_to_string(&mut body),
        Some("gzip") => flate2::read::GzDecoder::new(&bytes[..]).read_to_string(&mut body),
        None => (&bytes[..]).read_to_string(&mut body),
        Some(other) => panic!("unexpected encoding {other}"),
    }
    .unwrap();
    (status, headers, body)
}

fn mug_price(catalog: &str) -> Value {
    let catalog: Value = serde_json::from_str(catalog).unwrap();
    let products = catalog["products"].as_array().unwrap();
    let mug = products.iter().find(|p| p["slug"] == "blue-mug").unwrap();
    mug["price_label"].clone()
}

async fn kept_answers_follow_the_shops_own_changes(fresh: &FreshDb) {
    let (server, admin) = start(fresh).await;
    let (_, variant) = server.product_ids("blue-mug").await;
    let (status, headers, first) = fetch(&server, "/api/products", &[("accept-encoding", "br")]).await;
    assert_eq!(
        (status, headers["content-encoding"].to_str().unwrap()),
        (200, "br")
    );
    assert_eq!(mug_price(&first), json!("24,00 €"));
    let etag = headers["etag"].to_str().unwrap().to_owned();
    assert!(etag.starts_with("W/\""), "{etag}");

    // Asked again with its ETag: 304, nothing sent.
    let (status, headers, body) = fetch(&server, "/api/products", &[("if-none-match", &etag)]).await;
    assert_eq!((status, body.as_str()), (304, ""));
    assert_eq!(headers["etag"].to_str().unwrap(), etag);
    // The same answer in gzip and uncompressed.
    let (_, _, gzipped) = fetch(&server, "/api/products", &[("accept-encoding", "gzip")]).await;
    let (_, _, plain) = fetch(&server, "/api/products", &[]).await;
    assert_eq!((&gzipped, &plain), (&first, &first));

    // The merchant reprices the mug: the very next answers show it, with another ETag.
    let path = format!("/api/admin/variants/{variant}");
    let (status, _) = patch_json(&server, &path, &json!({ "price_minor": 2600 }), &admin).await;
    assert_eq!(status, 200);
    let (status, headers, after) = fetch(&server, "/api/products", &[("if-none-match", &etag)]).await;
    assert_eq!((status, mug_price(&after)), (200, json!("26,00 €")));
    assert_ne!(headers["etag"].to_str().unwrap(), etag);
    let (_, _, page) = fetch(&server, "/shop", &[("accept-encoding", "br")]).await;
    assert!(page.contains("26,00 €") && !page.contains("24,00 €"), "{page}");

    // The page in another language is kept apart.
    let (_, headers, french) = fetch(&server, "/shop?lang=fr", &[("accept-encoding", "gzip")]).await;
    assert_eq!(headers["content-encoding"], "gzip");
    assert!(french.contains(r#"lang="fr""#), "{french}");
    let (_, _, english) = fetch(&server, "/shop", &[]).await;
    assert!(english.contains(r#"lang="en""#));
    server.stop().await;
}
on_both_engines!(
    kept_answers_follow_the_shops_own_changes,
    kept_answers_follow_the_shops_own_changes_on_sqlite,
    kept_answers_follow_the_shops_own_changes_on_postgres
);

async fn a_change_by_another_process_shows_within_the_fresh_time(fresh: &FreshDb) {
    let server = TestServer::start(&fresh.url).await;
    let (_, _, before) = fetch(&server, "/api/products", &[]).await;
    assert_eq!(mug_price(&before), json!("24,00 €"));
    // An operator's shell (or another replica) reprices the mug in the database itself.
    let mut sql = fixture_sql(fresh).await;
    sql.execute(
        "UPDATE variants SET price_minor = 2700 WHERE product_id = (SELECT id FROM products WHERE slug = 'blue-mug')",
    )
    .await
    .unwrap();
    tokio::time::sleep(FRESH_FOR * 2).await;
    let (_, _, after) = fetch(&server, "/api/products", &[]).await;
    assert_eq!(mug_price(&after), json!("27,00 €"));
    let (_, _, page) = fetch(&server, "/shop", &[]).await;
    assert!(page.contains("27,00 €"), "{page}");
    server.stop().await;
}
on_both_engines!(
    a_change_by_another_process_shows_within_the_fresh_time,
    a_change_by_another_process_shows_within_the_fresh_time_on_sqlite,
    a_change_by_another_process_shows_within_the_fresh_time_on_postgres
);

/// Every table the catalog is read from, and a write to each that the triggers must count.
const WRITES: &[(&str, &str)] = &[
    (
        "categories",
        "UPDATE categories SET name = name || '!' WHERE id = (SELECT MIN(id) FROM categories)",
    ),
    (
        "products",
        "UPDATE products SET name = name || '!' WHERE id = (SELECT MIN(id) FROM products)",
    ),
    (
        "variants",
        "UPDATE variants SET stock = stock + 1 WHERE id = (SELECT MIN(id) FROM variants)",
    ),
    (
        "product_photos",
        "DELETE FROM product_photos WHERE id = (SELECT MIN(id) FROM product_photos)",
    ),
    ("product_texts", "DELETE FROM product_texts"),
    ("variant_texts", "DELETE FROM variant_texts"),
    ("category_texts", "DELETE FROM category_texts"),
    ("events", "UPDATE events SET venue_name = venue_name || '!'"),
    (
        "services",
        "UPDATE services SET buffer_minutes = buffer_minutes + 1",
    ),
];

async fn every_catalog_table_raises_the_version(fresh: &FreshDb) {
    let db = Db::connect(&fresh.url).await.unwrap();
    db.seed_demo_catalog().await.unwrap();
    let mut sql = fixture_sql(fresh).await;
    for (table, write) in WRITES {
        let before = db.catalog_version().await.unwrap();
        sql.execute(*write)
            .await
            .unwrap_or_else(|e| panic!("{table}: {e}"));
        tokio::time::sleep(FRESH_FOR * 2).await;
        let after = db.catalog_version().await.unwrap();
        assert!(
            after.0 > before.0,
            "a write to {table} left the version at {before:?}"
        );
    }
    // A table the catalog does not read leaves it.
    let before = db.catalog_version().await.unwrap();
    sql.execute("DELETE FROM admin_languages").await.unwrap();
    tokio::time::sleep(FRESH_FOR * 2).await;
    assert_eq!(db.catalog_version().await.unwrap(), before);
    // The events' clock: the demo's concert leaves the storefront when it ends, and nothing after.
    let ends = db
        .catalog_changes_by_itself_at(0)
        .await
        .unwrap()
        .expect("the demo event");
    assert_eq!(db.catalog_changes_by_itself_at(ends).await.unwrap(), None);
    db.close().await;
}
on_both_engines!(
    every_catalog_table_raises_the_version,
    every_catalog_table_raises_the_version_on_sqlite,
    every_catalog_table_raises_the_version_on_postgres
);

/// The tables the storefront's catalog is read from are exactly those [`WRITES`] covers: the
/// catalog's queries in the server's source name no other.
#[test]
fn the_version_covers_every_table_the_catalog_reads() {
    let sources = [
        include_str!("../../src/storage/catalog/mod.rs"),
        include_str!("../../src/storage/catalog/texts.rs"),
    ];
    let read: std::collections::BTreeSet<&str> = sources
        .iter()
        .flat_map(|source| {
            source
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .collect::<Vec<_>>()
                .windows(2)
                .filter(|w| matches!(w[0], "FROM" | "JOIN"))
                .map(|w| w[1])
                .collect::<Vec<_>>()
        })
        .collect();
    let covered: std::collections::BTreeSet<&str> = WRITES.iter().map(|(table, _)| *table).collect();
    let missing: Vec<_> = read.iter().filter(|t| !covered.contains(*t)).collect();
    assert!(
        missing.is_empty(),
        "tables read by the catalog without a version trigger test: {missing:?}"
    );
}
