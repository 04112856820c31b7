//! Black-box tests of the merchant's catalog API under `/api/admin/`: categories, products and
//! their variants as the storefront then shows them, archiving (gone from the catalog, carts
//! and checkout, kept in past orders), stock adjustments with their history, and photos
//! uploaded, checked by their bytes and served from `/media`.

mod common;

use common::shopper::ADA;
use common::{FreshDb, TestServer};
use serde_json::{json, Value};

/// Camille runs the shop in these tests.
const CAMILLE: i64 = 1003;

/// The shop with Camille as its admin and photos kept in `uploads`.
async fn shop(fresh: &FreshDb, uploads: &tempfile::TempDir) -> TestServer {
    let dir = uploads.path().to_str().unwrap().to_owned();
    TestServer::start_with(&fresh.url, &[("ADMIN_USER_IDS", "1003"), ("UPLOAD_DIR", &dir)]).await
}

async fn patch_json(server: &TestServer, path: &str, body: &Value, init_data: &str) -> (u16, Value) {
    let url = format!("{}{path}", server.base_url);
    let response = server
        .client
        .patch(url)
        .json(body)
        .header("authorization", format!("tma {init_data}"))
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.json().await.unwrap_or(Value::Null))
}

async fn delete(server: &TestServer, path: &str, init_data: &str) -> (u16, Value) {
    let url = format!("{}{path}", server.base_url);
    let request = server.client.delete(url).header("authorization", format!("tma {init_data}"));
    let response = request.send().await.unwrap();
    (response.status().as_u16(), response.json().await.unwrap_or(Value::Null))
}

/// The storefront's product with `slug`, if it shows one.
async fn on_sale(server: &TestServer, slug: &str) -> Option<Value> {
    let (_, catalog) = server.get_json("/api/products", None).await;
    catalog["products"].as_array().unwrap().iter().find(|p| p["slug"] == slug).cloned()
}

fn code(answer: &(u16, Value)) -> (u16, Option<&str>) {
    (answer.0, answer.1["error"]["code"].as_str())
}

#[tokio::test]
async fn the_merchant_edits_the_catalog_on_sqlite() {
    catalog_editing(&FreshDb::sqlite()).await;
}

#[tokio::test]
async fn the_merchant_edits_the_catalog_on_postgres() {
    let fresh = FreshDb::postgres().await;
    catalog_editing(&fresh).await;
    fresh.remove().await;
}

async fn catalog_editing(fresh: &FreshDb) {
    let uploads = tempfile::tempdir().unwrap();
    let server = shop(fresh, &uploads).await;
    let admin = server.launch(CAMILLE).await;

    let (status, tea) = server.post_json("/api/admin/categories", &json!({ "name": "Tea Things" }), Some(&admin)).await;
    assert_eq!(status, 201, "{tea}");
    assert_eq!((&tea["slug"], &tea["products"]), (&json!("tea-things"), &json!(0)));
    let again = server.post_json("/api/admin/categories", &json!({ "name": "Tea things!" }), Some(&admin)).await;
    assert_eq!(code(&again), (409, Some("slug_taken")));
    let (_, cups) = server
        .post_json("/api/admin/categories", &json!({ "name": "Cups", "slug": "cups", "position": 99 }), Some(&admin))
        .await;
    let taken = patch_json(&server, &format!("/api/admin/categories/{}", cups["id"]), &json!({ "slug": "tea-things" }), &admin).await;
    assert_eq!(code(&taken), (409, Some("slug_taken")), "a unique violation on update");
    let (status, renamed) = patch_json(&server, &format!("/api/admin/categories/{}", cups["id"]), &json!({ "name": "Cups & Mugs" }), &admin).await;
    assert_eq!((status, &renamed["name"], &renamed["slug"]), (200, &json!("Cups & Mugs"), &json!("cups")));

    let new_tea = json!({
        "category_id": tea["id"], "name": "Green Tea", "description": "Sencha from Shizuoka", "currency": "EUR",
        "variants": [{ "name": "50 g", "price_minor": 1250, "stock": 5 }, { "name": "100 g", "price_minor": 2200, "stock": 0 }]
    });
    let (status, product) = server.post_json("/api/admin/products", &new_tea, Some(&admin)).await;
    assert_eq!(status, 201, "{product}");
    assert_eq!((&product["slug"], &product["archived"]), (&json!("green-tea"), &json!(false)));
    assert_eq!(product["photo"], json!({ "url": "/products/placeholder.svg", "width": 600, "height": 600, "alt": "" }));
    assert_eq!(product["variants"][0]["price_label"], "12,50 €");
    assert_eq!(product["variants"][1]["name"], "100 g");
    let id = product["id"].as_i64().unwrap();
    let (small, large) = (product["variants"][0]["id"].as_i64().unwrap(), product["variants"][1]["id"].as_i64().unwrap());
    let shown = on_sale(&server, "green-tea").await.expect("on sale at once");
    assert_eq!(shown["variants"].as_array().unwrap().len(), 2);
    assert_eq!(shown["category"], "tea-things");
    let (_, categories) = server.get_json("/api/admin/categories", Some(&admin)).await;
    let listed = categories["categories"].as_array().unwrap().iter().find(|c| c["id"] == tea["id"]).cloned();
    assert_eq!(listed.unwrap()["products"], 1);
    let duplicate = server.post_json("/api/admin/products", &new_tea, Some(&admin)).await;
    assert_eq!(code(&duplicate), (409, Some("slug_taken")));

    for (change, expected) in [
        (json!({ "variants": [{ "name": "", "price_minor": 0, "stock": 1 }] }), "bad_price_minor"),
        (json!({ "currency": "ABC" }), "bad_currency"),
        (json!({ "variants": [] }), "bad_variants"),
        (json!({ "variants": [{ "name": "S", "price_minor": 100, "stock": 1 }, { "name": "S", "price_minor": 100, "stock": 1 }] }), "bad_variant_name"),
        (json!({ "variants": [{ "name": "", "price_minor": 100, "stock": 1_000_001 }] }), "bad_stock"),
        (json!({ "name": " " }), "bad_name"),
        (json!({ "category_id": 999_999 }), "bad_category_id"),
    ] {
        let mut body = new_tea.clone();
        body["slug"] = json!("another-tea");
        body.as_object_mut().unwrap().extend(change.as_object().unwrap().clone());
        let answer = server.post_json("/api/admin/products", &body, Some(&admin)).await;
        assert_eq!(code(&answer), (422, Some(expected)), "{change}");
    }

    let path = format!("/api/admin/products/{id}");
    let (status, edited) = patch_json(&server, &path, &json!({ "name": "Sencha", "currency": "EUR" }), &admin).await;
    assert_eq!((status, &edited["name"], &edited["slug"]), (200, &json!("Sencha"), &json!("green-tea")), "{edited}");
    assert_eq!(code(&patch_json(&server, &path, &json!({ "currency": "USD" }), &admin).await), (422, Some("currency_fixed")));
    assert_eq!(code(&patch_json(&server, "/api/admin/products/999999", &json!({ "name": "X" }), &admin).await), (404, Some("product_not_found")));
    let (status, repriced) = patch_json(&server, &format!("/api/admin/variants/{small}"), &json!({ "price_minor": 1300 }), &admin).await;
    assert_eq!((status, &repriced["variants"][0]["price_label"]), (200, &json!("13,00 €")), "{repriced}");
    let unnamed = patch_json(&server, &format!("/api/admin/variants/{small}"), &json!({ "name": "" }), &admin).await;
    assert_eq!(code(&unnamed), (422, Some("bad_variant_name")));

    let variants = format!("/api/admin/products/{id}/variants");
    let (status, three) = server.post_json(&variants, &json!({ "name": "250 g", "price_minor": 5000, "stock": 2 }), Some(&admin)).await;
    assert_eq!(status, 201, "{three}");
    let added = three["variants"][2]["id"].as_i64().unwrap();
    let (_, history) = server.get_json(&format!("/api/admin/variants/{added}/stock"), Some(&admin)).await;
    assert_eq!((&history["stock"], &history["movements"][0]["reason"]), (&json!(2), &json!("initial stock")));
    let same_name = server.post_json(&variants, &json!({ "name": "250 g", "price_minor": 5000, "stock": 0 }), Some(&admin)).await;
    assert_eq!(code(&same_name), (409, Some("variant_name_taken")));
    let (status, two) = delete(&server, &format!("/api/admin/variants/{added}"), &admin).await;
    assert_eq!((status, two["variants"].as_array().unwrap().len()), (200, 2));

    stock_adjustments(&server, &admin, small).await;
    archiving(&server, &admin, id, small, large, &tea).await;
    server.stop().await;
}

async fn stock_adjustments(server: &TestServer, admin: &str, variant: i64) {
    let path = format!("/api/admin/variants/{variant}/stock");
    let (status, taken) = server.post_json(&path, &json!({ "delta": -2, "reason": "broken in transit" }), Some(admin)).await;
    assert_eq!((status, &taken["stock"]), (200, &json!(3)), "{taken}");
    assert_eq!(taken["movement"]["stock_after"], 3);
    let below = server.post_json(&path, &json!({ "delta": -4, "reason": "recount" }), Some(admin)).await;
    assert_eq!(code(&below), (409, Some("stock_negative")));
    let zero = server.post_json(&path, &json!({ "delta": 0, "reason": "recount" }), Some(admin)).await;
    assert_eq!(code(&zero), (422, Some("bad_delta")));
    let no_reason = server.post_json(&path, &json!({ "delta": 1, "reason": "" }), Some(admin)).await;
    assert_eq!(code(&no_reason), (422, Some("bad_reason")));
    let (status, history) = server.get_json(&path, Some(admin)).await;
    assert_eq!((status, &history["stock"]), (200, &json!(3)), "{history}");
    let movements: Vec<(i64, i64, &str)> = history["movements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["delta"].as_i64().unwrap(), m["stock_after"].as_i64().unwrap(), m["reason"].as_str().unwrap()))
        .collect();
    assert_eq!(movements, [(-2, 3, "broken in transit"), (5, 5, "initial stock")], "newest first");
    assert_eq!(history["movements"][0]["admin_id"], CAMILLE);
    let unknown = server.get_json("/api/admin/variants/999999/stock", Some(admin)).await;
    assert_eq!(code(&unknown), (404, Some("variant_not_found")));
}

async fn archiving(server: &TestServer, admin: &str, id: i64, small: i64, large: i64, tea: &Value) {
    let ada = server.launch(ADA).await;
    let line = json!({ "lines": [{ "variant_id": small, "quantity": 1 }] });
    let (status, order) = server.post_json("/api/checkout", &line, Some(&ada)).await;
    assert_eq!(status, 200, "{order}");
    let ordered = delete(server, &format!("/api/admin/variants/{small}"), admin).await;
    assert_eq!(code(&ordered), (409, Some("variant_ordered")));
    let (status, _) = delete(server, &format!("/api/admin/variants/{large}"), admin).await;
    assert_eq!(status, 200);
    let last = delete(server, &format!("/api/admin/variants/{small}"), admin).await;
    assert!(matches!(code(&last), (409, Some("variant_ordered" | "last_variant"))));
    let (status, _) = server.put_json("/api/cart", &line, Some(&ada)).await;
    assert_eq!(status, 200);

    let (status, archived) = server.post_json(&format!("/api/admin/products/{id}/archive"), &json!({}), Some(admin)).await;
    assert_eq!((status, &archived["archived"]), (200, &json!(true)), "{archived}");
    assert!(on_sale(server, "green-tea").await.is_none(), "gone from the storefront");
    let html = server.get("/shop").await.text().await.unwrap();
    assert!(!html.contains("Sencha from Shizuoka"), "gone from the rendered catalog");
    let refused = server.post_json("/api/checkout", &line, Some(&ada)).await;
    assert_eq!(code(&refused), (422, Some("unknown_variant")));
    let (_, cart) = server.get_json("/api/cart", Some(&ada)).await;
    assert_eq!(cart["lines"], json!([]), "{cart}");
    let past = server.order(&ada, order["order_id"].as_i64().unwrap()).await;
    assert_eq!(past["lines"][0]["name"], "Sencha (50 g)");
    let listed = |query: &'static str| async move {
        let (_, list) = server.get_json(&format!("/api/admin/products{query}"), Some(admin)).await;
        list["products"].as_array().unwrap().iter().any(|p| p["id"] == id)
    };
    assert_eq!((listed("").await, listed("?archived=true").await, listed("?archived=all").await), (false, true, true));
    let bad = server.get_json("/api/admin/products?archived=maybe", Some(admin)).await;
    assert_eq!(code(&bad), (422, Some("bad_archived")));

    let category = format!("/api/admin/categories/{}", tea["id"]);
    assert_eq!(code(&delete(server, &category, admin).await), (409, Some("category_not_empty")));
    let (_, empty) = server.post_json("/api/admin/categories", &json!({ "name": "Empty" }), Some(admin)).await;
    let empty = format!("/api/admin/categories/{}", empty["id"]);
    assert_eq!(delete(server, &empty, admin).await.0, 204);
    assert_eq!(code(&delete(server, &empty, admin).await), (404, Some("category_not_found")));

    let (status, back) = server.post_json(&format!("/api/admin/products/{id}/unarchive"), &json!({}), Some(admin)).await;
    assert_eq!((status, &back["archived"]), (200, &json!(false)));
    assert!(on_sale(server, "green-tea").await.is_some(), "back on sale");
}

#[tokio::test]
async fn photos_are_checked_stored_once_and_served_immutable_on_sqlite() {
    photos(&FreshDb::sqlite()).await;
}

#[tokio::test]
async fn photos_are_checked_stored_once_and_served_immutable_on_postgres() {
    let fresh = FreshDb::postgres().await;
    photos(&fresh).await;
    fresh.remove().await;
}

async fn photos(fresh: &FreshDb) {
    let uploads = tempfile::tempdir().unwrap();
    let server = shop(fresh, &uploads).await;
    let admin = server.launch(CAMILLE).await;
    let (_, category) = server.post_json("/api/admin/categories", &json!({ "name": "Prints" }), Some(&admin)).await;
    let new = json!({ "category_id": category["id"], "name": "Poster", "description": "", "currency": "XTR",
                      "variants": [{ "name": "", "price_minor": 50, "stock": 3 }] });
    let (status, product) = server.post_json("/api/admin/products", &new, Some(&admin)).await;
    assert_eq!((status, &product["variants"][0]["price_label"], &product["fulfilment"]), (201, &json!("⭐ 50"), &json!("digital")));
    let photos = format!("/api/admin/products/{}/photos", product["id"]);
    let png = tiny_png(3, 2);

    let (status, main) = upload(&server, &photos, &admin, &[("photo", "p.png", &png)]).await;
    assert_eq!(status, 201, "{main}");
    let url = main["photo"]["url"].as_str().unwrap().to_owned();
    assert!(url.starts_with("/media/") && url.ends_with(".png") && url.len() == "/media/".len() + 64 + 4, "{url}");
    assert_eq!((&main["photo"]["width"], &main["photo"]["height"]), (&json!(3), &json!(2)));
    assert_eq!(on_sale(&server, "poster").await.unwrap()["photo"]["url"], url.as_str());
    let served = server.get(&url).await;
    assert_eq!(served.status(), 200);
    let headers = served.headers().clone();
    assert_eq!(headers["content-type"], "image/png");
    assert_eq!(headers["cache-control"], "public, max-age=31536000, immutable");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(served.bytes().await.unwrap().as_ref(), png.as_slice());

    let fields: &[(&str, &str, &[u8])] = &[("alt", "", b"The poster, rolled"), ("photo", "x.png", &png)];
    let (status, gallery) = upload(&server, &photos, &admin, fields).await;
    assert_eq!(status, 201, "{gallery}");
    assert_eq!(gallery["photo"]["url"], url.as_str(), "the main photo stays");
    assert_eq!(gallery["photos"][0]["url"], url.as_str(), "one file per content");
    assert_eq!(gallery["photos"][0]["alt"], "The poster, rolled");
    assert_eq!(std::fs::read_dir(uploads.path()).unwrap().count(), 1, "no temporary files left");
    let other = tiny_png(1, 1);
    let (_, replaced) = upload(&server, &photos, &admin, &[("role", "", b"main"), ("photo", "y.png", &other)]).await;
    assert_eq!((&replaced["photo"]["width"], replaced["photos"].as_array().unwrap().len()), (&json!(1), 1));

    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#;
    for disguised in [&svg[..], b"plain text, named like a photo"] {
        let answer = upload(&server, &photos, &admin, &[("photo", "photo.png", disguised)]).await;
        assert_eq!(code(&answer), (415, Some("unsupported_image")));
    }
    let mut huge = tiny_png(4, 4);
    huge.resize(5 * 1024 * 1024 + 1, 0);
    assert_eq!(code(&upload(&server, &photos, &admin, &[("photo", "big.png", &huge)]).await), (413, Some("image_too_large")));
    let no_size = upload(&server, &photos, &admin, &[("photo", "zero.png", &tiny_png(0, 2))]).await;
    assert_eq!(code(&no_size), (422, Some("bad_image")));
    let no_file = upload(&server, &photos, &admin, &[("alt", "", b"nothing")]).await;
    assert_eq!(code(&no_file), (422, Some("bad_photo")));

    for missing in ["/media/not-a-photo.png".to_owned(), format!("/media/{}.png", "0".repeat(64)), format!("{url}.svg")] {
        let response = server.get(&missing).await;
        assert_eq!(response.status(), 404, "{missing}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"]["code"], "not_found");
    }

    let photo = format!("{photos}/{}", gallery["photos"][0]["id"]);
    let (status, after) = delete(&server, &photo, &admin).await;
    assert_eq!((status, after["photos"].as_array().unwrap().len()), (200, 0));
    assert_eq!(code(&delete(&server, &photo, &admin).await), (404, Some("photo_not_found")));
    server.stop().await;
}

#[tokio::test]
async fn the_catalog_api_is_closed_to_everyone_but_the_shops_admins() {
    let fresh = FreshDb::sqlite();
    let uploads = tempfile::tempdir().unwrap();
    let server = shop(&fresh, &uploads).await;
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
        assert_eq!(code(&answer), (403, Some("not_an_admin")), "{path}");
    }
    assert_eq!(code(&patch_json(&server, "/api/admin/variants/1", &json!({}), &ada).await).0, 403);
    assert_eq!(code(&delete(&server, "/api/admin/categories/1", &ada).await).0, 403);
    let photo = upload(&server, "/api/admin/products/1/photos", &ada, &[("photo", "p.png", &tiny_png(1, 1))]).await;
    assert_eq!(code(&photo), (403, Some("not_an_admin")));
    assert_eq!(std::fs::read_dir(uploads.path()).map_or(0, |d| d.count()), 0, "nothing stored");
    server.stop().await;
}

/// Posts a multipart form: `(name, file name or "" for a text field, content)`.
async fn upload(server: &TestServer, path: &str, init_data: &str, fields: &[(&str, &str, &[u8])]) -> (u16, Value) {
    const BOUNDARY: &str = "shop-test-boundary-7d1f";
    let mut body = Vec::new();
    for (name, file, content) in fields {
        body.extend(format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"").as_bytes());
        if !file.is_empty() {
            body.extend(format!("; filename=\"{file}\"\r\nContent-Type: image/png").as_bytes());
        }
        body.extend(b"\r\n\r\n");
        body.extend(*content);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{BOUNDARY}--\r\n").as_bytes());
    let response = server
        .client
        .post(format!("{}{path}", server.base_url))
        .header("authorization", format!("tma {init_data}"))
        .header("content-type", format!("multipart/form-data; boundary={BOUNDARY}"))
        .body(body)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.json().await.unwrap_or(Value::Null))
}

/// A real PNG of `width`×`height` white pixels: signature, header, one stored (uncompressed)
/// zlib block of scanlines, end; with their CRCs and checksum.
fn tiny_png(width: u32, height: u32) -> Vec<u8> {
    fn chunk(png: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        png.extend((data.len() as u32).to_be_bytes());
        let start = png.len();
        png.extend(kind);
        png.extend(data);
        let crc = crc32(&png[start..]);
        png.extend(crc.to_be_bytes());
    }
    let mut header = Vec::new();
    header.extend(width.to_be_bytes());
    header.extend(height.to_be_bytes());
    header.extend([8, 0, 0, 0, 0]); // 8-bit greyscale
    let raw: Vec<u8> = (0..height).flat_map(|_| std::iter::once(0).chain(std::iter::repeat_n(255, width as usize))).collect();
    let mut zlib = vec![0x78, 0x01, 1];
    zlib.extend((raw.len() as u16).to_le_bytes());
    zlib.extend((!(raw.len() as u16)).to_le_bytes());
    zlib.extend(&raw);
    zlib.extend(adler32(&raw).to_be_bytes());
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut png, b"IHDR", &header);
    chunk(&mut png, b"IDAT", &zlib);
    chunk(&mut png, b"IEND", &[]);
    png
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

fn adler32(bytes: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in bytes {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    (b << 16) | a
}
