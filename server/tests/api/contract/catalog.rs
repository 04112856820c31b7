//! The merchant's catalog: categories, products, variants, stock and photos.

use super::{decoded, Caller, NONE};
use crate::helpers::catalog_merchant::{tiny_png, upload};
use crate::helpers::TestServer;
use app::admin_api::{
    AdjustStock, Adjusted, AdminCategory, AdminProduct, CategoryFields, CategoryList, CreateProduct,
    CreateVariant, ProductList, StockHistory, UpdateProduct, UpdateVariant,
};
use app::error_code::ErrorCode;
use reqwest::Method;
use serde_json::json;

/// Categories, products, variants and stock; the product made on the way.
pub(super) async fn admin_catalog(admin: &Caller<'_>) -> AdminProduct {
    let category = makes_and_moves_a_category(admin).await;
    let product = makes_a_product_in_it(admin, &category).await;
    lists_shows_edits_and_archives_the_product(admin, &product).await;
    let (product, blue) = adds_renames_and_deletes_a_variant(admin, &product).await;
    adjusts_the_stock_and_refuses_it_negative(admin, blue).await;
    product
}

fn fields(name: &str) -> CategoryFields {
    CategoryFields {
        name: Some(name.into()),
        ..CategoryFields::default()
    }
}

fn category_path(category: &AdminCategory) -> String {
    format!("/api/admin/categories/{}", category.id.0)
}

async fn makes_and_moves_a_category(admin: &Caller<'_>) -> AdminCategory {
    let _: CategoryList = admin.get("/api/admin/categories").await;
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
    let category: AdminCategory = admin
        .call(Method::PATCH, &category_path(&category), Some(&moved), 200)
        .await;
    assert_eq!(category.position, 7);
    category
}

/// The product made in the category, which then cannot be deleted while an empty one can.
async fn makes_a_product_in_it(admin: &Caller<'_>, category: &AdminCategory) -> AdminProduct {
    let new = CreateProduct {
        category_id: category.id.0,
        name: "Contract Mug".into(),
        slug: None,
        description: String::new(),
        currency: "EUR".into(),
        fulfilment: None,
        grants_chat_id: None,
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
            &category_path(category),
            NONE,
            409,
            ErrorCode::CategoryNotEmpty,
        )
        .await;
    let empty: AdminCategory = admin
        .call(Method::POST, "/api/admin/categories", Some(&fields("Empty")), 201)
        .await;
    admin.no_content(Method::DELETE, &category_path(&empty)).await;
    product
}

async fn lists_shows_edits_and_archives_the_product(admin: &Caller<'_>, product: &AdminProduct) {
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
}

/// The product with its first variant only, and that variant's id (Blue).
async fn adds_renames_and_deletes_a_variant(
    admin: &Caller<'_>,
    product: &AdminProduct,
) -> (AdminProduct, i64) {
    let path = format!("/api/admin/products/{}", product.id.0);
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
    (product, blue)
}

async fn adjusts_the_stock_and_refuses_it_negative(admin: &Caller<'_>, blue: i64) {
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
}

/// A main photo, a gallery photo, and the gallery photo deleted.
pub(super) async fn admin_photos(server: &TestServer, admin: &Caller<'_>, product: &AdminProduct) {
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
