//! Migration 0015 on both engines: products keep their kind across it, and afterwards
//! `products.fulfilment` has no CHECK, so the domain's parse is the guard (a name no kind
//! answers to reads back as corrupt) while NOT NULL and the default stay.

use crate::helpers::FreshDb;
use server::shop::kind::ProductKind;
use server::storage::{Backend, Db, StorageError};
use sqlx::{AnyConnection, Connection};

/// The kinds 0014's CHECK lists (`subscription` came after 0015 dropped it).
const UP_TO_0014: [ProductKind; 4] = [
    ProductKind::Parcel,
    ProductKind::Appointment,
    ProductKind::Ticket,
    ProductKind::Digital,
];

/// A connection of the test's own, for what the shop itself would never write.
async fn connect(fresh: &FreshDb) -> AnyConnection {
    sqlx::any::install_default_drivers();
    let url = match Backend::of(&fresh.url).unwrap() {
        Backend::Sqlite => format!("{}?mode=rwc", fresh.url),
        Backend::Postgres => fresh.url.clone(),
    };
    AnyConnection::connect(&url).await.unwrap()
}

/// Inserts product `slug` (with one variant) in category `things`; `fulfilment` is the
/// column's SQL value, or `None` to leave it to its default.
async fn insert_product(
    conn: &mut AnyConnection,
    slug: &str,
    fulfilment: Option<&str>,
) -> Result<(), sqlx::Error> {
    let (column, value) = match fulfilment {
        Some(value) => (", fulfilment", format!(", {value}")),
        None => ("", String::new()),
    };
    let sql = format!(
        "INSERT INTO products (category_id, slug, name, description, currency, photo_url, photo_width,
                               photo_height, position, created_at{column})
         VALUES ((SELECT id FROM categories WHERE slug = 'things'), $1, $1, '', 'EUR', '/x.svg', 1, 1, 0, 0{value})"
    );
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(slug)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO variants (product_id, name, price_minor, stock, position)
         SELECT id, '', 2400, 5, 0 FROM products WHERE slug = $1",
    )
    .bind(slug)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

fn slug(kind: ProductKind) -> String {
    format!("a-{}", kind.as_str())
}

async fn products_keep_their_kind_across_0015_and_its_check_is_gone(fresh: &FreshDb) {
    stores_every_kind_up_to_0014_whose_check_refuses_others(fresh).await;
    let db = runs_0015_and_every_product_keeps_its_kind(fresh).await;
    let conn = the_default_and_not_null_stay(fresh, &db).await;
    any_name_is_taken_and_the_domains_parse_is_the_guard(conn, &db).await;
    db.close().await;
}

/// Migrates up to 0014 and stores a product of every kind; the CHECK refuses any other name.
async fn stores_every_kind_up_to_0014_whose_check_refuses_others(fresh: &FreshDb) {
    let mut conn = connect(fresh).await;
    let migrator = match Backend::of(&fresh.url).unwrap() {
        Backend::Sqlite => sqlx::migrate!("./migrations/sqlite"),
        Backend::Postgres => sqlx::migrate!("./migrations/postgres"),
    };
    migrator.run_to(14, &mut conn).await.expect("migrates up to 0014");
    sqlx::query("INSERT INTO categories (slug, name, position) VALUES ('things', 'Things', 0)")
        .execute(&mut conn)
        .await
        .unwrap();
    for kind in UP_TO_0014 {
        let stored = format!("'{}'", kind.as_str());
        insert_product(&mut conn, &slug(kind), Some(&stored))
            .await
            .unwrap();
    }
    assert!(
        insert_product(&mut conn, "a-voucher", Some("'voucher'"))
            .await
            .is_err(),
        "before 0015 the CHECK refuses a kind it does not list"
    );
    conn.close().await.unwrap();
}

/// Runs 0015 (by connecting the shop's own way) and reads every kind back.
async fn runs_0015_and_every_product_keeps_its_kind(fresh: &FreshDb) -> Db {
    let db = Db::connect(&fresh.url).await.expect("runs 0015");
    let (_, products) = db.catalog().await.unwrap();
    let kinds: Vec<(String, ProductKind)> = products
        .iter()
        .map(|p| (p.slug.as_str().to_owned(), p.kind))
        .collect();
    assert_eq!(kinds, UP_TO_0014.map(|kind| (slug(kind), kind)));
    db
}

/// The test's own connection, kept open for the next step.
async fn the_default_and_not_null_stay(fresh: &FreshDb, db: &Db) -> AnyConnection {
    let mut conn = connect(fresh).await;
    insert_product(&mut conn, "a-default", None).await.unwrap();
    let (_, products) = db.catalog().await.unwrap();
    assert_eq!(
        products.last().unwrap().kind,
        ProductKind::Parcel,
        "the default stays"
    );
    assert!(
        insert_product(&mut conn, "a-null", Some("NULL")).await.is_err(),
        "NOT NULL stays"
    );
    conn
}

async fn any_name_is_taken_and_the_domains_parse_is_the_guard(mut conn: AnyConnection, db: &Db) {
    insert_product(&mut conn, "a-voucher", Some("'voucher'"))
        .await
        .expect("after 0015 the column takes any name");
    let read = db.catalog().await;
    assert!(
        matches!(
            read,
            Err(StorageError::Corrupt {
                what: "fulfilment",
                ..
            })
        ),
        "the domain's parse is the guard: {read:?}"
    );
    conn.close().await.unwrap();
}

#[tokio::test]
async fn sqlite_products_keep_their_kind_across_0015_and_its_check_is_gone() {
    products_keep_their_kind_across_0015_and_its_check_is_gone(&FreshDb::sqlite()).await;
}

#[tokio::test]
async fn postgres_products_keep_their_kind_across_0015_and_its_check_is_gone() {
    let fresh = FreshDb::postgres().await;
    products_keep_their_kind_across_0015_and_its_check_is_gone(&fresh).await;
}
