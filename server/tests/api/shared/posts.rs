//! The merchant's posts: a single-chat post into the channel carries the product's deep link,
//! which a forwarded copy shows instead of Pay and `/start` answers with a button opening the
//! product; posts are for admins only, and bad requests are refused naming the problem.

use super::{post, sandbox, sim_post, CHANNEL, GROUP};
use crate::helpers::merchant::{refused, send};
use crate::helpers::shopper::ADA;
use crate::helpers::FreshDb;
use crate::on_both_engines;
use serde_json::json;

async fn a_single_chat_post_links_forwarded_copies_to_the_bot(db: &FreshDb) {
    let (server, admin) = sandbox(db).await;
    let tg = server.telegram();
    let (mug, _) = server.product_ids("blue-mug").await;
    let (status, posted) = post(&server, &admin, mug, json!("@shop_news"), false).await;
    assert_eq!(status, 201, "{posted}");
    let start = format!("p_{mug}");
    assert_eq!(posted["start_parameter"], start.as_str());
    assert_eq!(
        (posted["chat_id"].as_i64(), posted["multi_chat"].as_bool()),
        (Some(CHANNEL), Some(false))
    );
    let message = tg.chat(CHANNEL).await.pop().expect("the invoice in the channel");
    assert_eq!(message["invoice"]["start_parameter"], start.as_str());
    assert_eq!(message["message_id"], posted["message_id"]);

    let forward = json!({ "from_chat_id": CHANNEL, "message_id": message["message_id"] });
    let (status, copy) = sim_post(&server, &format!("/chats/{GROUP}/forward"), forward).await;
    assert_eq!(status, 200, "{copy}");
    assert!(
        copy.get("sim_invoice").is_none(),
        "a forwarded single-chat invoice has no Pay button: {copy}"
    );
    let link = copy["reply_markup"]["inline_keyboard"][0][0]["url"]
        .as_str()
        .unwrap();
    assert!(link.ends_with(&format!("?start={start}")), "{link}");

    tg.write(ADA, &format!("/start {start}")).await;
    let welcome = &tg.wait_for_messages(ADA, 1).await[0];
    let url = welcome["reply_markup"]["inline_keyboard"][0][0]["web_app"]["url"]
        .as_str()
        .unwrap();
    assert!(
        url.ends_with(&format!("?startapp={start}")),
        "/start opens the product: {url}"
    );

    // A multi-chat post's forwarded copy keeps its Pay button.
    let (status, multi) = post(&server, &admin, mug, json!(CHANNEL), true).await;
    assert_eq!(status, 201, "{multi}");
    let forward = json!({ "from_chat_id": CHANNEL, "message_id": multi["message_id"] });
    let (_, copy) = sim_post(&server, &format!("/chats/{GROUP}/forward"), forward).await;
    assert!(copy["sim_invoice"].is_string(), "{copy}");
    let (_, list) = server.get_json("/api/admin/posts", Some(&admin)).await;
    assert_eq!(list["posts"].as_array().unwrap().len(), 2, "{list}");
    assert_eq!(list["posts"][0]["id"], multi["id"], "newest first");
    server.stop().await;
}

on_both_engines!(
    a_single_chat_post_links_forwarded_copies_to_the_bot,
    a_single_chat_post_on_sqlite,
    a_single_chat_post_on_postgres
);

#[tokio::test]
async fn posts_are_for_admins_and_bad_requests_are_named() {
    let db = FreshDb::sqlite();
    let (server, admin) = sandbox(&db).await;
    let (mug, _) = server.product_ids("blue-mug").await;
    let ada = server.launch(ADA).await;
    let body = json!({ "product_id": mug, "chat_id": GROUP, "multi_chat": true });
    assert_eq!(
        server.post_json("/api/admin/posts", &body, Some(&ada)).await.0,
        401
    );
    assert_eq!(server.get_json("/api/admin/posts", Some(&ada)).await.0, 401);

    let answer = post(&server, &admin, 999_999, json!(GROUP), true).await;
    assert_eq!(refused(&answer), (422, Some("unknown_variant")), "{answer:?}");
    let answer = post(&server, &admin, mug, json!(ADA), true).await;
    assert_eq!(
        refused(&answer),
        (422, Some("not_a_group_or_channel")),
        "{answer:?}"
    );
    let answer = post(&server, &admin, mug, json!(-1_009_999_999_999_i64), true).await;
    assert_eq!(refused(&answer), (422, Some("bad_chat")), "{answer:?}");
    let answer = post(&server, &admin, mug, json!("shop news"), true).await;
    assert_eq!(refused(&answer), (422, Some("bad_chat")), "{answer:?}");
    let (options, _) = server.product_ids("recipe-ebook").await;
    let answer = post(&server, &admin, options, json!(GROUP), true).await;
    assert_eq!(refused(&answer), (422, Some("not_shareable")), "{answer:?}");
    assert!(
        answer.1["error"]["message"]
            .as_str()
            .unwrap()
            .contains("several options"),
        "{answer:?}"
    );
    let body = json!({ "product_id": mug, "chat_id": GROUP });
    let answer = send(&server, "POST", "/api/admin/posts", body, &admin).await;
    assert_eq!(
        refused(&answer),
        (400, Some("body_malformed")),
        "multi_chat is required: {answer:?}"
    );
    assert!(
        server.telegram().chat(GROUP).await.is_empty(),
        "nothing was posted"
    );
    let (_, list) = server.get_json("/api/admin/posts", Some(&admin)).await;
    assert_eq!(list["posts"], json!([]), "refused posts are not kept");
    server.stop().await;
}
