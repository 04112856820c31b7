//! Black-box tests of the merchant's product photos: uploaded as multipart forms, checked by
//! their bytes (SVG and disguised text refused, size limits), stored once per content and
//! served from `/media` as immutable.

use crate::helpers::catalog_merchant::{code, delete, on_sale, shop, tiny_png, upload, CAMILLE};
use crate::helpers::{FreshDb, TestServer};
use serde_json::{json, Value};
use tempfile::TempDir;

#[tokio::test]
async fn photos_are_checked_stored_once_and_served_immutable_on_sqlite() {
    photos(&FreshDb::sqlite()).await;
}

#[tokio::test]
async fn photos_are_checked_stored_once_and_served_immutable_on_postgres() {
    let fresh = FreshDb::postgres().await;
    photos(&fresh).await;
}

async fn photos(fresh: &FreshDb) {
    let uploads = tempfile::tempdir().unwrap();
    let server = shop(fresh, &uploads).await;
    let admin = server.admin_session(CAMILLE).await;
    let photos = creates_a_poster_sold_in_stars(&server, &admin).await;
    let png = tiny_png(3, 2);
    let url = the_first_photo_is_the_main_one_served_immutable(&server, &admin, &photos, &png).await;
    let gallery = the_same_bytes_are_stored_once(&server, &admin, &photos, &png, &url, &uploads).await;
    a_new_main_photo_replaces_the_old_one(&server, &admin, &photos).await;
    refuses_disguised_huge_sizeless_and_missing_files(&server, &admin, &photos).await;
    unknown_media_are_not_found(&server, &url).await;
    deletes_a_gallery_photo_once(&server, &admin, &photos, &gallery).await;
    server.stop().await;
}

/// A poster sold in Stars; the path its photos are uploaded to.
async fn creates_a_poster_sold_in_stars(server: &TestServer, admin: &str) -> String {
    let (_, category) = server
        .post_json("/api/admin/categories", &json!({ "name": "Prints" }), Some(admin))
        .await;
    let new = json!({ "category_id": category["id"], "name": "Poster", "description": "", "currency": "XTR",
                      "variants": [{ "name": "", "price_minor": 50, "stock": 3 }] });
    let (status, product) = server.post_json("/api/admin/products", &new, Some(admin)).await;
    assert_eq!(
        (
            status,
            &product["variants"][0]["price_label"],
            &product["fulfilment"]
        ),
        (201, &json!("⭐ 50"), &json!("digital"))
    );
    let photos = format!("/api/admin/products/{}/photos", product["id"]);
    photos
}

/// The photo's URL under `/media`.
async fn the_first_photo_is_the_main_one_served_immutable(
    server: &TestServer,
    admin: &str,
    photos: &str,
    png: &[u8],
) -> String {
    let (status, main) = upload(server, photos, admin, &[("photo", "p.png", png)]).await;
    assert_eq!(status, 201, "{main}");
    let url = main["photo"]["url"].as_str().unwrap().to_owned();
    assert!(
        url.starts_with("/media/") && url.ends_with(".png") && url.len() == "/media/".len() + 64 + 4,
        "{url}"
    );
    assert_eq!(
        (&main["photo"]["width"], &main["photo"]["height"]),
        (&json!(3), &json!(2))
    );
    assert_eq!(
        on_sale(server, "poster").await.unwrap()["photo"]["url"],
        url.as_str()
    );
    let served = server.get(&url).await;
    assert_eq!(served.status(), 200);
    let headers = served.headers().clone();
    assert_eq!(headers["content-type"], "image/png");
    assert_eq!(headers["cache-control"], "public, max-age=31536000, immutable");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(served.bytes().await.unwrap().as_ref(), png);
    url
}

/// The product's answer once the same bytes are uploaded again to its gallery.
async fn the_same_bytes_are_stored_once(
    server: &TestServer,
    admin: &str,
    photos: &str,
    png: &[u8],
    url: &str,
    uploads: &TempDir,
) -> Value {
    let fields: &[(&str, &str, &[u8])] = &[("alt", "", b"The poster, rolled"), ("photo", "x.png", png)];
    let (status, gallery) = upload(server, photos, admin, fields).await;
    assert_eq!(status, 201, "{gallery}");
    assert_eq!(gallery["photo"]["url"], url, "the main photo stays");
    assert_eq!(gallery["photos"][0]["url"], url, "one file per content");
    assert_eq!(gallery["photos"][0]["alt"], "The poster, rolled");
    assert_eq!(
        std::fs::read_dir(uploads.path()).unwrap().count(),
        1,
        "no temporary files left"
    );
    gallery
}

async fn a_new_main_photo_replaces_the_old_one(server: &TestServer, admin: &str, photos: &str) {
    let other = tiny_png(1, 1);
    let (_, replaced) = upload(
        server,
        photos,
        admin,
        &[("role", "", b"main"), ("photo", "y.png", &other)],
    )
    .await;
    assert_eq!(
        (
            &replaced["photo"]["width"],
            replaced["photos"].as_array().unwrap().len()
        ),
        (&json!(1), 1)
    );
}

async fn refuses_disguised_huge_sizeless_and_missing_files(server: &TestServer, admin: &str, photos: &str) {
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#;
    for disguised in [&svg[..], b"plain text, named like a photo"] {
        let answer = upload(server, photos, admin, &[("photo", "photo.png", disguised)]).await;
        assert_eq!(code(&answer), (415, Some("unsupported_image")));
    }
    let mut huge = tiny_png(4, 4);
    huge.resize(5 * 1024 * 1024 + 1, 0);
    assert_eq!(
        code(&upload(server, photos, admin, &[("photo", "big.png", &huge)]).await),
        (413, Some("image_too_large"))
    );
    let no_size = upload(server, photos, admin, &[("photo", "zero.png", &tiny_png(0, 2))]).await;
    assert_eq!(code(&no_size), (422, Some("bad_image")));
    let no_file = upload(server, photos, admin, &[("alt", "", b"nothing")]).await;
    assert_eq!(code(&no_file), (422, Some("bad_photo")));
}

async fn unknown_media_are_not_found(server: &TestServer, url: &str) {
    for missing in [
        "/media/not-a-photo.png".to_owned(),
        format!("/media/{}.png", "0".repeat(64)),
        format!("{url}.svg"),
    ] {
        let response = server.get(&missing).await;
        assert_eq!(response.status(), 404, "{missing}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"]["code"], "not_found");
    }
}

async fn deletes_a_gallery_photo_once(server: &TestServer, admin: &str, photos: &str, gallery: &Value) {
    let photo = format!("{photos}/{}", gallery["photos"][0]["id"]);
    let (status, after) = delete(server, &photo, admin).await;
    assert_eq!((status, after["photos"].as_array().unwrap().len()), (200, 0));
    assert_eq!(
        code(&delete(server, &photo, admin).await),
        (404, Some("photo_not_found"))
    );
}
