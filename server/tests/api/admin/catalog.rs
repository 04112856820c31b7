//! Black-box tests of the merchant's catalog API under `/api/admin/`: categories, products and
//! their variants as the storefront then shows them, archiving (gone from the catalog, carts
//! and checkout, kept in past orders), stock adjustments with their history, and who gets in.

mod archiving;
mod steps;

use crate::helpers::catalog_merchant::{code, delete, patch_json, shop, tiny_png, upload, CAMILLE};
use crate::helpers::shopper::ADA;
use crate::helpers::FreshDb;
use archiving::archiving;
use serde_json::json;
use steps::{
    adds_and_deletes_a_variant, creates_a_product_on_sale_at_once, creates_and_renames_categories,
    edits_the_product_and_its_variants, refuses_invalid_products, stock_adjustments, GreenTea,
};

#[tokio::test]
async fn the_merchant_edits_the_catalog_on_sqlite() {
    catalog_editing(&FreshDb::sqlite()).await;
}

#[tokio::test]
async fn the_merchant_edits_the_catalog_on_postgres() {
    let fresh = FreshDb::postgres().await;
    catalog_editing(&fresh).await;
}

async fn catalog_editing(fresh: &FreshDb) {
    let uploads = tempfile::tempdir().unwrap();
    let server = shop(fresh, &uploads).await;
    let admin = server.admin_session(CAMILLE).await;

    let tea = creates_and_renames_categories(&server, &admin).await;
    let GreenTea { id, small, large } = creates_a_product_on_sale_at_once(&server, &admin, &tea).await;
    refuses_invalid_products(&server, &admin, &tea).await;
    edits_the_product_and_its_variants(&server, &admin, id, small).await;
    adds_and_deletes_a_variant(&server, &admin, id).await;
    stock_adjustments(&server, &admin, small).await;
    archiving(&server, &admin, id, small, large, &tea).await;
    server.stop().await;
}

#[tokio::test]
async fn the_catalog_api_is_closed_to_everyone_but_the_shops_admins() {
    let fresh = FreshDb::sqlite();
    let uploads = tempfile::tempdir().unwrap();
    let server = shop(&fresh, &uploads).await;
    // A shopper's initData is no key to the admin API (only to POST /api/admin/session,
    // which refuses her: see mini_app_session).
    let ada = server.launch(ADA).await;
    let (status, _) = server.get_json("/api/admin/categories", None).await;
    assert_eq!(status, 401);
    for (get, path) in [
        (true, "/api/admin/categories"),
        (true, "/api/admin/products"),
        (true, "/api/admin/products/1"),
        (true, "/api/admin/variants/1/stock"),
        (false, "/api/admin/categories"),
        (false, "/api/admin/products"),
        (false, "/api/admin/products/1/archive"),
        (false, "/api/admin/products/1/variants"),
        (false, "/api/admin/variants/1/stock"),
    ] {
        let answer = match get {
            true => server.get_json(path, Some(&ada)).await,
            false => server.post_json(path, &json!({}), Some(&ada)).await,
        };
        assert_eq!(code(&answer), (401, Some("admin_session_required")), "{path}");
    }
    assert_eq!(
        code(&patch_json(&server, "/api/admin/variants/1", &json!({}), &ada).await).0,
        401
    );
    assert_eq!(
        code(&delete(&server, "/api/admin/categories/1", &ada).await).0,
        401
    );
    let photo = upload(
        &server,
        "/api/admin/products/1/photos",
        &ada,
        &[("photo", "p.png", &tiny_png(1, 1))],
    )
    .await;
    assert_eq!(code(&photo), (401, Some("admin_session_required")));
    assert_eq!(
        std::fs::read_dir(uploads.path()).map_or(0, |d| d.count()),
        0,
        "nothing stored"
    );
    server.stop().await;
}
