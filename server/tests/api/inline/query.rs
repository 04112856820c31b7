//! `@<bot> …` typed in a chat, as the simulator delivers it and shows the bot's answer.

use super::*;
use crate::helpers::shopper::{ADA, WEI};

crate::on_both_engines!(
    answered,
    an_inline_query_is_answered_with_spec_valid_invoices_and_cards_in_the_users_language_on_sqlite,
    an_inline_query_is_answered_with_spec_valid_invoices_and_cards_in_the_users_language_on_postgres
);

crate::on_both_engines!(
    paged,
    an_empty_inline_query_lists_every_product_a_page_at_a_time_on_sqlite,
    an_empty_inline_query_lists_every_product_a_page_at_a_time_on_postgres
);

/// The bot's answer to `user`'s `query` from `offset`: the query's id and the answer
/// (answerInlineQuery's parameters, which the simulator checked against the spec).
async fn ask(server: &TestServer, user: i64, query: &str, offset: &str) -> (String, Value) {
    let body = json!({ "user_id": user, "query": query, "offset": offset, "chat_type": "supergroup" });
    let (status, answered) = sim_post(server, "/inline/queries", body).await;
    assert_eq!(status, 200, "{answered}");
    let id = answered["query_id"].as_str().unwrap().to_owned();
    (id, answered["answer"].clone())
}

async fn answered(db: &FreshDb) {
    let server = sandbox(db).await;
    let (mug, mug_variant) = server.product_ids("blue-mug").await;
    let (haircut, _) = server.product_ids("haircut").await;

    // "MUG" finds the mug (case ignored), as an invoice anyone in the chat can pay.
    let (query_id, answer) = ask(&server, ADA, "MUG", "").await;
    assert_eq!(ids(&answer["results"]), [format!("p{mug}")]);
    assert_eq!(
        (answer["cache_time"].as_i64(), answer["is_personal"].as_bool()),
        (Some(30), Some(true))
    );
    assert_eq!(answer["next_offset"], "");
    let result = &answer["results"][0];
    assert_valid_result(result);
    assert_eq!(result["title"], "Blue Glazed Mug");
    assert_eq!(result["description"], "24,00 € · Pay right here in the chat");
    let invoice = &result["input_message_content"];
    assert_eq!(invoice["payload"], format!("buy:{mug_variant}:inline"));
    assert_eq!(
        (
            invoice["currency"].as_str(),
            invoice["prices"][0]["amount"].as_i64()
        ),
        (Some("EUR"), Some(2400))
    );
    assert_eq!(
        (
            invoice["need_shipping_address"].as_bool(),
            invoice["is_flexible"].as_bool()
        ),
        (Some(true), Some(true))
    );
    assert!(invoice["provider_token"].as_str().is_some_and(|t| !t.is_empty()));

    // Chosen in the group, it is Ada's message there, sent via the bot, an invoice to pay.
    let choice = json!({ "chat_id": GROUP, "result_id": format!("p{mug}") });
    let (status, message) = sim_post(&server, &format!("/inline/queries/{query_id}/choose"), choice).await;
    assert_eq!(status, 200, "{message}");
    assert_eq!(
        (
            message["from"]["id"].as_i64(),
            message["via_bot"]["is_bot"].as_bool()
        ),
        (Some(ADA), Some(true))
    );
    assert_eq!(message["invoice"]["total_amount"], 2400);
    let slug = message["simulator_invoice"].as_str().unwrap();
    let payable = server.telegram().invoice(slug).await;
    assert_eq!(payable["payload"], format!("buy:{mug_variant}:inline"));
    let (_, posts) = sim_get(&server, &format!("/chats/{GROUP}")).await;
    assert!(
        posts
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["simulator_invoice"] == slug),
        "{posts}"
    );

    // A haircut needs a time: a card whose button opens it in the Mini App; in Chinese for Wei.
    let (_, answer) = ask(&server, WEI, "haircut", "").await;
    assert_eq!(ids(&answer["results"]), [format!("p{haircut}")]);
    let card = &answer["results"][0];
    assert_valid_result(card);
    assert!(
        card["description"]
            .as_str()
            .unwrap()
            .ends_with("请在商店中选择规格"),
        "{card}"
    );
    let button = &card["reply_markup"]["inline_keyboard"][0][0];
    assert_eq!(button["text"], "在商店中打开");
    let url = button["url"].as_str().unwrap();
    assert!(url.starts_with("https://t.me/sandbox_shop_bot"), "{url}");
    assert!(url.ends_with(&format!("?startapp=p_{haircut}")), "{url}");
    let text = card["input_message_content"]["message_text"].as_str().unwrap();
    assert!(text.starts_with("剪发造型（45 分钟）\n"), "{text}"); // the demo catalog speaks Chinese to Wei

    // Every word must match; nothing matches nothing.
    let (_, answer) = ask(&server, ADA, "blue mug", "").await;
    assert_eq!(ids(&answer["results"]), [format!("p{mug}")]);
    let (_, answer) = ask(&server, ADA, "mug haircut", "").await;
    assert_eq!(answer["results"], json!([]));
    server.stop().await;
}

async fn paged(db: &FreshDb) {
    let server = sandbox(db).await;
    let (_, catalog) = server.get_json("/api/products", None).await;
    let all: Vec<String> = catalog["products"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| format!("p{}", p["id"]))
        .collect();
    assert!(all.len() > 10, "the demo has more than a page: {}", all.len());

    let (mut seen, mut offset, mut pages) = (Vec::new(), String::new(), 0);
    loop {
        let (_, answer) = ask(&server, ADA, "", &offset).await;
        let results = &answer["results"];
        assert!(results.as_array().unwrap().len() <= 10);
        results.as_array().unwrap().iter().for_each(assert_valid_result);
        seen.extend(ids(results));
        pages += 1;
        offset = answer["next_offset"].as_str().unwrap().to_owned();
        if offset.is_empty() {
            break;
        }
        assert!(pages < 10, "pages never end");
    }
    assert_eq!(seen, all, "every product once, in the storefront's order");
    assert_eq!(pages, all.len().div_ceil(10));
    server.stop().await;
}
