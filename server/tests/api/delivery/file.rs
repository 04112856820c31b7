//! A file delivered once: the merchant uploads the e-book's file (the size limit and an empty
//! file refused with JSON), Ada pays, the bot sends it with `sendDocument` (protected, as the
//! merchant asked); Telegram redelivering the payment — under its update id or another, and
//! after a restart — sends nothing more; Wei's copy goes by the file id Telegram gave the
//! first. The order page's signed link downloads the file for its buyer only, an expired link
//! is refused, and a refund revokes it (410 with JSON).

use super::{payment, refund, variant};
use crate::helpers::catalog_merchant::upload;
use crate::helpers::events::fixture_sql;
use crate::helpers::merchant::{refused, send, CAMILLE};
use crate::helpers::shopper::{ADA, WEI};
use crate::helpers::{wait_until, FreshDb, TestServer, PATIENCE};
use serde_json::{json, Value};
use server::shop::delivery::token::{DownloadKey, DownloadToken};

const SECRET: &str = "test-webhook-secret-0123456789abcdef";
const DOWNLOAD_SECRET: &str = "test-download-secret";
const BOOK: &[u8] = b"Chapter 1. Bread.\nFlour, water, salt, time.\n";

crate::on_both_engines!(
    a_file_is_delivered_once,
    a_file_is_delivered_once_on_sqlite,
    a_file_is_delivered_once_on_postgres
);

async fn start(fresh: &FreshDb, files: &tempfile::TempDir) -> TestServer {
    let dir = files.path().to_str().unwrap();
    let vars = [
        ("WEBHOOK_SECRET", SECRET),
        ("ADMIN_USER_IDS", "1003"),
        ("DELIVERY_DIR", dir),
        ("DOWNLOAD_SECRET", DOWNLOAD_SECRET),
    ];
    let server = TestServer::start_with(&fresh.url, &vars).await;
    server.wait_for_webhook().await;
    server
}

async fn deliver(server: &TestServer, update: &Value) {
    assert_eq!(server.deliver_update(SECRET, update).await, Some(200));
}

async fn a_file_is_delivered_once(fresh: &FreshDb) {
    let files = tempfile::tempdir().unwrap();
    let server = start(fresh, &files).await;
    let admin = server.admin_session(CAMILLE).await;
    let book = variant(&server, "recipe-ebook", 0).await;
    merchant_uploads_the_book(&server, &admin, book, &files).await;

    let ada = server.launch(ADA).await;
    let ada_order = buy(&server, &ada).await;
    deliver(&server, &payment(7001, ADA, ada_order, 250, "stxBOOK1")).await;
    let first = document_in(&server, ADA).await;
    assert_eq!(first["document"]["file_name"], "recipes.txt", "{first}");
    assert_eq!(
        first["has_protected_content"], true,
        "protected as the merchant asked"
    );
    let file_id = first["document"]["file_id"].as_str().unwrap().to_owned();
    let file_url = format!("/simulator/telegram/files/{file_id}");
    assert_eq!(server.get(&file_url).await.bytes().await.unwrap(), BOOK);

    // Telegram redelivers: the same update, and the same charge under another update id.
    deliver(&server, &payment(7001, ADA, ada_order, 250, "stxBOOK1")).await;
    deliver(&server, &payment(7002, ADA, ada_order, 250, "stxBOOK1")).await;

    let wei = server.launch(WEI).await;
    let wei_order = buy(&server, &wei).await;
    deliver(&server, &payment(7003, WEI, wei_order, 250, "stxBOOK2")).await;
    let second = document_in(&server, WEI).await;
    assert_eq!(
        second["document"]["file_id"],
        file_id.as_str(),
        "resent by its file id"
    );

    downloads_for_the_buyer_only(&server, &ada, &wei, ada_order).await;
    server.stop().await;

    let server = start(fresh, &files).await;
    deliver(&server, &payment(7001, ADA, ada_order, 250, "stxBOOK1")).await;
    deliver(&server, &payment(7004, ADA, ada_order, 250, "stxBOOK1")).await;
    assert_eq!(
        queued_deliveries(fresh, ADA).await,
        1,
        "one delivery for Ada, ever"
    );
    assert_eq!(queued_deliveries(fresh, WEI).await, 1);
    assert!(
        server
            .telegram()
            .chat(ADA)
            .await
            .iter()
            .all(|m| m.get("document").is_none()),
        "nothing resent after the restart"
    );
    let ada = server.launch(ADA).await;
    expired_and_refunded_links_are_refused(&server, &ada, ada_order).await;
    server.stop().await;
}

/// The merchant's uploads: refused when too large or empty, then the book, protected.
async fn merchant_uploads_the_book(server: &TestServer, admin: &str, book: i64, files: &tempfile::TempDir) {
    let path = format!("/api/admin/variants/{book}/delivery/file");
    let huge = vec![b'x'; 50 * 1024 * 1024 + 1];
    let too_large = upload(server, &path, admin, &[("file", "huge.bin", &huge)]).await;
    assert_eq!(refused(&too_large), (413, Some("delivery_file_too_large")));
    let empty = upload(server, &path, admin, &[("file", "empty.txt", b"")]).await;
    assert_eq!(refused(&empty), (422, Some("bad_delivery_file")));
    let (mug, _) = server.product("blue-mug").await;
    let mug_path = format!("/api/admin/variants/{mug}/delivery/file");
    let not_digital = upload(server, &mug_path, admin, &[("file", "a.txt", BOOK)]).await;
    assert_eq!(refused(&not_digital), (422, Some("not_digital")));

    let (status, delivery) = upload(server, &path, admin, &[("file", "recipes.txt", BOOK)]).await;
    assert_eq!(status, 201, "{delivery}");
    assert_eq!(delivery["kind"], "file");
    assert_eq!(delivery["file_size"], BOOK.len());
    let options = json!({ "protect_content": true });
    let set = send(
        server,
        "PUT",
        &format!("/api/admin/variants/{book}/delivery"),
        options,
        admin,
    )
    .await;
    assert_eq!(set.0, 200, "{}", set.1);
    assert_eq!(set.1["protect_content"], true);
    let hash = server::shop::delivery::file::content_hash(BOOK);
    assert!(
        files.path().join(hash).exists(),
        "kept by its hash outside /media"
    );
}

/// One e-book in Stars; the order's id.
async fn buy(server: &TestServer, buyer: &str) -> i64 {
    let (status, checkout) = server.checkout(buyer, "recipe-ebook", 1).await;
    assert_eq!(status, 200, "{checkout}");
    checkout["order_id"].as_i64().unwrap()
}

/// The first document the bot sent `chat`, once the outbox sent it.
async fn document_in(server: &TestServer, chat: i64) -> Value {
    wait_until(PATIENCE, "the bot to send the e-book", async || {
        let messages = server.telegram().chat(chat).await;
        let documents: Vec<_> = messages.iter().filter(|m| m.get("document").is_some()).collect();
        match documents.as_slice() {
            [one] => Ok((*one).clone()),
            _ => Err(messages.clone()),
        }
    })
    .await
}

/// Deliveries ever queued for `chat` (sent or not), read from the outbox.
async fn queued_deliveries(fresh: &FreshDb, chat: i64) -> i64 {
    let mut conn = fixture_sql(fresh).await;
    let (count,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM outbox WHERE chat_id = $1 AND request LIKE '%\"delivery\"%'")
            .bind(chat)
            .fetch_one(&mut conn)
            .await
            .unwrap();
    count
}

/// The order page's file link downloads the book for Ada; Wei cannot see her order.
async fn downloads_for_the_buyer_only(server: &TestServer, ada: &str, wei: &str, order: i64) {
    let view = server.order(ada, order).await;
    let item = &view["deliveries"][0]["item"];
    assert_eq!(item["kind"], "file", "{view}");
    assert_eq!(item["file_name"], "recipes.txt");
    let url = item["url"].as_str().unwrap();
    assert!(url.starts_with("/api/downloads/"), "{url}");
    let response = server.get(url).await;
    assert_eq!(response.status(), 200);
    let disposition = response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        disposition.starts_with("attachment; filename=\"recipes.txt\""),
        "{disposition}"
    );
    assert_eq!(response.bytes().await.unwrap(), BOOK);
    let (status, _) = server.get_json(&format!("/api/orders/{order}"), Some(wei)).await;
    assert_eq!(status, 404, "another shopper's order does not exist");
    let forged = url.replacen(&format!("/api/downloads/{order}."), "/api/downloads/999.", 1);
    let (status, body) = server.get_json(&forged, None).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (404, Some("download_invalid"))
    );
}

/// A link past its expiry (signed as the server signs) is 410; after a refund the order's
/// fresh link is too, and the order page offers nothing.
async fn expired_and_refunded_links_are_refused(server: &TestServer, ada: &str, order: i64) {
    let view = server.order(ada, order).await;
    let url = view["deliveries"][0]["item"]["url"].as_str().unwrap().to_owned();
    assert_eq!(
        server.get(&url).await.status(),
        200,
        "a link still works after a restart"
    );
    let variant = view["deliveries"][0]["variant_id"].as_i64().unwrap();
    let expired = DownloadToken {
        order: app::orders::OrderId(order),
        variant: app::catalog::VariantId(variant),
        expires_at: server::clock::now_secs() - 1,
    }
    .sign(&DownloadKey::derive(DOWNLOAD_SECRET));
    let (status, body) = server.get_json(&format!("/api/downloads/{expired}"), None).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (410, Some("download_expired"))
    );

    deliver(server, &refund(7010, ADA, order, 250, "stxBOOK1")).await;
    server.wait_for_status(ada, order, "refunded").await;
    let (status, body) = server.get_json(&url, None).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (410, Some("download_revoked")),
        "{body}"
    );
    // The order page says what was revoked, and offers no link any more.
    let view = server.order(ada, order).await;
    assert_eq!(
        view["deliveries"][0]["item"],
        json!({"kind": "revoked"}),
        "{view}"
    );
    assert_eq!(view["deliveries"].as_array().map(Vec::len), Some(1), "{view}");
}
