//! The merchant's texts in the shopper's language (issue #20): the demo catalog read in
//! Chinese and French, with a field the merchant left untranslated falling back to the shop's
//! own; search in any language the merchant wrote; a cart, an invoice and the order named in
//! the buyer's Telegram language; the server-rendered storefront; and the merchant's texts API
//! (set, clear, refusals, closed to shoppers). On SQLite and PostgreSQL.

use crate::helpers::catalog_merchant::{code, shop, CAMILLE};
use crate::helpers::merchant::send;
use crate::helpers::shopper::{slug, ADA, WEI};
use crate::helpers::{FreshDb, TestServer};
use serde_json::{json, Value};

crate::on_both_engines!(
    shoppers_read_the_catalog_in_their_language,
    shoppers_read_the_catalog_in_their_language_on_sqlite,
    shoppers_read_the_catalog_in_their_language_on_postgres
);

crate::on_both_engines!(
    the_merchant_writes_texts_per_language,
    the_merchant_writes_texts_per_language_on_sqlite,
    the_merchant_writes_texts_per_language_on_postgres
);

async fn catalog(server: &TestServer, query: &str) -> Value {
    let (status, catalog) = server.get_json(&format!("/api/products{query}"), None).await;
    assert_eq!(status, 200, "{catalog}");
    catalog
}

fn product<'a>(catalog: &'a Value, slug: &str) -> &'a Value {
    let products = catalog["products"].as_array().unwrap();
    products.iter().find(|p| p["slug"] == slug).unwrap()
}

fn category<'a>(catalog: &'a Value, slug: &str) -> &'a str {
    let categories = catalog["categories"].as_array().unwrap();
    categories.iter().find(|c| c["slug"] == slug).unwrap()["name"]
        .as_str()
        .unwrap()
}

async fn shoppers_read_the_catalog_in_their_language(fresh: &FreshDb) {
    let server = TestServer::start(&fresh.url).await;
    let zh = catalog(&server, "?lang=zh").await;
    let mug = product(&zh, "blue-mug");
    assert_eq!(mug["name"], "蓝釉马克杯");
    assert!(mug["description"].as_str().unwrap().starts_with("拉坯成型"));
    assert_eq!(
        mug["photo"]["alt"], "蓝釉马克杯",
        "the main photo is described by its name"
    );
    assert_eq!(category(&zh, "handmade"), "手工制品");
    assert_eq!(product(&zh, "haircut")["variants"][0]["name"], "初级造型师");
    // Search words: the shop's own texts the Chinese shopper no longer sees, folded.
    let words = mug["search_words"].as_str().unwrap();
    assert!(words.split(' ').any(|w| w == "mug"), "{words}");
    assert!(words.split(' ').any(|w| w == "tasse"), "{words}");

    let fr = catalog(&server, "?lang=fr").await;
    assert_eq!(product(&fr, "blue-mug")["name"], "Tasse émaillée bleue");
    assert_eq!(category(&fr, "tickets"), "Billets d'événements");
    let en = catalog(&server, "").await;
    assert_eq!(product(&en, "blue-mug")["name"], "Blue Glazed Mug");
    assert_eq!(category(&en, "handmade"), "Handmade");
    // Accept-Language when the URL names none, as the page does.
    let response = server
        .client
        .get(format!("{}/api/products", server.base_url))
        .header("accept-language", "ar-EG,ar;q=0.9")
        .send()
        .await
        .unwrap();
    let ar: Value = response.json().await.unwrap();
    assert_eq!(product(&ar, "blue-mug")["name"], "كوب مزجج أزرق");

    // The event and salon pages' lists speak the page's language too.
    let (_, services) = server.get_json("/api/services?lang=fr", None).await;
    let names: Vec<&str> = services
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Coupe et coiffage (45 min)"), "{names:?}");
    let (_, events) = server.get_json("/api/events?lang=zh", None).await;
    assert_eq!(events[0]["name"], "爵士之夜门票", "{events}");

    cart_invoice_and_order_in_chinese(&server).await;
    server_rendered_storefront_in_chinese(&server).await;
    server.stop().await;
}

/// Wei's Telegram speaks Chinese: her cart, her invoice and her order name the mug in Chinese,
/// whatever the page asked; Ada's (English) cart names it in English.
async fn cart_invoice_and_order_in_chinese(server: &TestServer) {
    let (mug, _) = server.product("blue-mug").await;
    let wei = server.launch(WEI).await;
    let lines = json!({ "lines": [{ "variant_id": mug, "quantity": 1 }] });
    let (status, cart) = server.put_json("/api/cart", &lines, Some(&wei)).await;
    assert_eq!(status, 200, "{cart}");
    assert_eq!(cart["lines"][0]["name"], "蓝釉马克杯");
    let (_, cart) = server.get_json("/api/cart", Some(&wei)).await;
    assert_eq!(cart["lines"][0]["name"], "蓝釉马克杯");
    let ada = server.launch(ADA).await;
    let (_, cart) = server.put_json("/api/cart", &lines, Some(&ada)).await;
    assert_eq!(cart["lines"][0]["name"], "Blue Glazed Mug");

    let (status, checkout) = server.checkout(&wei, "blue-mug", 1).await;
    assert_eq!(status, 200, "{checkout}");
    let invoice = server.telegram().invoice(&slug(&checkout)).await;
    assert!(
        invoice["description"].as_str().unwrap().contains("蓝釉马克杯"),
        "{invoice}"
    );
    let order = server.order(&wei, checkout["order_id"].as_i64().unwrap()).await;
    assert_eq!(
        order["lines"][0]["name"], "蓝釉马克杯",
        "the order keeps the name as bought"
    );
}

/// `/shop?lang=zh` renders the Chinese catalog; its search finds the mug in Chinese, and in
/// English too.
async fn server_rendered_storefront_in_chinese(server: &TestServer) {
    let html = server.get("/shop?lang=zh").await.text().await.unwrap();
    assert!(html.contains("蓝釉马克杯"), "no Chinese mug");
    assert!(html.contains("手工制品"));
    assert!(
        !html.contains(">Blue Glazed Mug<"),
        "the English name is not shown"
    );
    for query in ["%E9%A9%AC%E5%85%8B%E6%9D%AF", "mug"] {
        let html = server
            .get(&format!("/shop?lang=zh&q={query}"))
            .await
            .text()
            .await
            .unwrap();
        let cards: Vec<&str> = html
            .split(r#"data-testid="product-card" data-slug=""#)
            .skip(1)
            .filter_map(|card| card.split('"').next())
            .collect();
        assert_eq!(cards, ["blue-mug"], "search {query} finds the mug alone");
    }
}

async fn the_merchant_writes_texts_per_language(fresh: &FreshDb) {
    let uploads = tempfile::tempdir().unwrap();
    let server = shop(fresh, &uploads).await;
    let admin = server.admin_session(CAMILLE).await;
    let (_, bowl) = server
        .get_json("/api/admin/products?archived=false", Some(&admin))
        .await;
    let bowl = bowl["products"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["slug"] == "olive-bowl")
        .unwrap()
        .clone();
    let id = bowl["id"].as_i64().unwrap();
    let path = format!("/api/admin/products/{id}/texts");

    // The demo's texts, every language listed, English blank.
    let (status, texts) = server.get_json(&path, Some(&admin)).await;
    assert_eq!(status, 200, "{texts}");
    let langs: Vec<&str> = texts["product"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["lang"].as_str().unwrap())
        .collect();
    assert_eq!(langs, ["en", "zh", "fr", "ar"]);
    assert_eq!(texts["product"][1]["name"], "橄榄木碗");
    assert_eq!(texts["product"][0]["name"], "");

    // Chinese only, with a name and no description: French shoppers fall back to the shop's own.
    let set = json!({ "product": [{ "lang": "zh", "name": "  木碗  ", "description": "" }] });
    let (status, texts) = send(&server, "PUT", &path, set, &admin).await;
    assert_eq!(status, 200, "{texts}");
    assert_eq!(texts["product"][1]["name"], "木碗", "trimmed");
    assert_eq!(texts["product"][2]["name"], "", "French was left out: cleared");
    let zh = catalog(&server, "?lang=zh").await;
    assert_eq!(product(&zh, "olive-bowl")["name"], "木碗");
    assert_eq!(
        product(&zh, "olive-bowl")["description"],
        bowl["description"],
        "no Chinese description"
    );
    let fr = catalog(&server, "?lang=fr").await;
    assert_eq!(product(&fr, "olive-bowl")["name"], "Olive Wood Bowl");
    // Search in the language entered, from a catalog in another.
    let en = catalog(&server, "?lang=en").await;
    let words: Vec<&str> = product(&en, "olive-bowl")["search_words"]
        .as_str()
        .unwrap()
        .split(' ')
        .collect();
    assert!(
        words.contains(&"木碗") && words.contains(&"手工制品"),
        "{words:?}"
    );
    assert!(!words.contains(&"olive"), "shown already");

    refusals(&server, &admin, id, &path).await;
    variant_and_category_texts(&server, &admin).await;

    // Cleared: every shopper reads the shop's own.
    let (status, _) = send(&server, "PUT", &path, json!({ "product": [] }), &admin).await;
    assert_eq!(status, 200);
    assert_eq!(
        product(&catalog(&server, "?lang=zh").await, "olive-bowl")["name"],
        "Olive Wood Bowl"
    );
    let zh = catalog(&server, "?lang=zh").await;
    let words = product(&zh, "olive-bowl")["search_words"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        !words.contains("木碗") && words.contains("handmade"),
        "the category's texts only: {words}"
    );

    closed_to_shoppers(&server, &path).await;
    server.stop().await;
}

async fn refusals(server: &TestServer, admin: &str, id: i64, path: &str) {
    let put = async |body: Value| send(server, "PUT", path, body, admin).await;
    let answer = put(json!({ "product": [{ "lang": "de", "name": "Schale" }] })).await;
    assert_eq!(code(&answer), (422, Some("bad_language")));
    assert!(
        answer.1["error"]["message"].as_str().unwrap().contains("\"de\""),
        "{}",
        answer.1
    );
    let twice = json!({ "product": [{ "lang": "zh", "name": "碗" }, { "lang": "zh", "name": "木碗" }] });
    assert_eq!(code(&put(twice).await), (422, Some("bad_language")));
    let long = json!({ "product": [{ "lang": "fr", "name": "x".repeat(121) }] });
    let answer = put(long).await;
    assert_eq!(code(&answer), (422, Some("bad_name")));
    assert!(
        answer.1["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("product[fr]"),
        "{}",
        answer.1
    );
    let long = json!({ "product": [{ "lang": "fr", "description": "x".repeat(4001) }] });
    assert_eq!(code(&put(long).await), (422, Some("bad_description")));
    let line_break = json!({ "product": [{ "lang": "ar", "name": "a\nb" }] });
    assert_eq!(code(&put(line_break).await), (422, Some("bad_name")));
    // The bowl's only variant has no name to translate; another product's variant is not its.
    let (only, _) = server.product("olive-bowl").await;
    let unnamed = json!({ "product": [], "variants": [{ "variant_id": only, "names": [{ "lang": "zh", "text": "碗" }] }] });
    assert_eq!(code(&put(unnamed).await), (422, Some("bad_variant_name")));
    let (other, _) = server.product("blue-mug").await;
    let foreign = json!({ "product": [], "variants": [{ "variant_id": other, "names": [] }] });
    assert_eq!(code(&put(foreign).await), (422, Some("bad_variants")));
    let missing = send(
        server,
        "PUT",
        "/api/admin/products/999999/texts",
        json!({ "product": [] }),
        admin,
    )
    .await;
    assert_eq!(code(&missing), (404, Some("product_not_found")));
    let malformed = put(json!({ "product": "zh" })).await;
    assert_eq!(code(&malformed), (400, Some("body_malformed")));
    // Nothing refused was kept.
    let (_, texts) = server.get_json(path, Some(admin)).await;
    assert_eq!(texts["product"][1]["name"], "木碗", "product {id} unchanged");
}

async fn variant_and_category_texts(server: &TestServer, admin: &str) {
    let (_, products) = server
        .get_json("/api/admin/products?archived=false", Some(admin))
        .await;
    let jazz = products["products"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["slug"] == "jazz-night")
        .unwrap()
        .clone();
    let path = format!("/api/admin/products/{}/texts", jazz["id"]);
    let (_, texts) = server.get_json(&path, Some(admin)).await;
    assert_eq!(
        texts["variants"].as_array().unwrap().len(),
        3,
        "every variant is listed"
    );
    let standing = jazz["variants"][0]["id"].as_i64().unwrap();
    let body = json!({
        "product": [{ "lang": "fr", "name": "Soirée jazz" }],
        "variants": [{ "variant_id": standing, "names": [{ "lang": "fr", "text": "Debout au bar" }, { "lang": "zh", "text": " " }] }],
    });
    let (status, texts) = send(server, "PUT", &path, body, admin).await;
    assert_eq!(status, 200, "{texts}");
    let fr = catalog(server, "?lang=fr").await;
    let jazz = product(&fr, "jazz-night");
    assert_eq!(jazz["variants"][0]["name"], "Debout au bar");
    assert_eq!(jazz["variants"][1]["name"], "Seated", "left out: the shop's own");
    let zh = catalog(server, "?lang=zh").await;
    assert_eq!(
        product(&zh, "jazz-night")["variants"][0]["name"],
        "Standing",
        "blank: the shop's own"
    );
    assert_eq!(product(&zh, "jazz-night")["name"], "Jazz Night Ticket");

    let (_, categories) = server.get_json("/api/admin/categories", Some(admin)).await;
    let tickets = categories["categories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["slug"] == "tickets")
        .unwrap()["id"]
        .clone();
    let path = format!("/api/admin/categories/{tickets}/texts");
    let (status, names) = server.get_json(&path, Some(admin)).await;
    assert_eq!(status, 200, "{names}");
    assert_eq!(names["names"][1], json!({ "lang": "zh", "text": "活动门票" }));
    let body = json!({ "names": [{ "lang": "zh", "text": "门票" }, { "lang": "en", "text": "Tickets" }] });
    let (status, _) = send(server, "PUT", &path, body, admin).await;
    assert_eq!(status, 200);
    assert_eq!(category(&catalog(server, "?lang=zh").await, "tickets"), "门票");
    assert_eq!(category(&catalog(server, "?lang=en").await, "tickets"), "Tickets");
    assert_eq!(
        category(&catalog(server, "?lang=fr").await, "tickets"),
        "Event tickets",
        "cleared"
    );
    let bad = json!({ "names": [{ "lang": "xx", "text": "?" }] });
    assert_eq!(
        code(&send(server, "PUT", &path, bad, admin).await),
        (422, Some("bad_language"))
    );
    let missing = send(
        server,
        "GET",
        "/api/admin/categories/999999/texts",
        Value::Null,
        admin,
    )
    .await;
    assert_eq!(code(&missing), (404, Some("category_not_found")));
}

async fn closed_to_shoppers(server: &TestServer, path: &str) {
    // A shopper's initData is no key to the merchant's API.
    let ada = server.launch(ADA).await;
    let body = json!({ "product": [{ "lang": "zh", "name": "偷偷" }] });
    for credential in [None, Some(ada.as_str())] {
        let answer = server.get_json(path, credential).await;
        assert_eq!(
            code(&answer),
            (401, Some("admin_session_required")),
            "{credential:?}"
        );
        let answer = server.put_json(path, &body, credential).await;
        assert_eq!(
            code(&answer),
            (401, Some("admin_session_required")),
            "{credential:?}"
        );
        let answer = server.get_json("/api/admin/categories/1/texts", credential).await;
        assert_eq!(code(&answer), (401, Some("admin_session_required")));
    }
    let zh = catalog(server, "?lang=zh").await;
    assert_eq!(
        product(&zh, "olive-bowl")["name"],
        "Olive Wood Bowl",
        "nothing was written"
    );
}
