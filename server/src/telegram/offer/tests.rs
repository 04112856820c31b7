use super::*;
use crate::shop::kind::ProductKind;
use crate::shop::test_catalog::{catalog, product};
use crate::telegram::bot_api::spec::BotApiSpec;

fn links() -> ProductLinks {
    ProductLinks {
        bot_username: Some("shop_bot".into()),
        short_name: Some("store".into()),
        shop_url: "https://shop.example/shop".into(),
    }
}

fn shelf(language: &str) -> Shelf {
    Shelf::new(language, links(), PaymentProviders::sandbox())
}

fn article(result: InlineQueryResult) -> InlineQueryResultArticle {
    let json = serde_json::to_value(&result).unwrap();
    assert_eq!(json["type"], "article");
    assert!(
        BotApiSpec::get().is_valid("InlineQueryResultArticle", &json),
        "{json}"
    );
    let InlineQueryResult::Article(article) = result;
    article
}

#[test]
fn a_product_sold_as_it_is_is_an_invoice_naming_it_and_where_it_was_shared() {
    let mug = &catalog()[0];
    let result = article(shelf("en").result(mug, SaleSource::Inline));
    assert_eq!(result.id, "p1");
    assert_eq!(result.title, "Thing 1");
    assert_eq!(
        result.description.as_deref(),
        Some("24,00 € · Pay right here in the chat")
    );
    assert_eq!(
        result.thumbnail_url.as_deref(),
        Some("https://shop.example/x.svg")
    );
    assert_eq!(result.reply_markup, None);
    let InputMessageContent::Invoice(invoice) = result.input_message_content else {
        panic!("an invoice");
    };
    assert_eq!(invoice.payload, "buy:1:inline");
    assert_eq!(
        invoice.provider_token.as_deref(),
        Some("1:TEST:SANDBOX-PROVIDER-TOKEN")
    );
    assert_eq!(invoice.need_shipping_address, Some(true));
}

#[test]
fn a_stars_invoice_carries_an_empty_provider_token() {
    let stars = &catalog()[2];
    let result = article(shelf("en").result(stars, SaleSource::App));
    let InputMessageContent::Invoice(invoice) = result.input_message_content else {
        panic!("an invoice");
    };
    assert_eq!(
        (invoice.currency.as_str(), invoice.provider_token.as_deref()),
        ("XTR", Some(""))
    );
    assert_eq!(invoice.payload, "buy:3:app");
}

#[test]
fn a_product_with_options_is_a_card_opening_it_in_the_mini_app_in_the_users_language() {
    let options = &catalog()[5];
    let result = article(shelf("fr-FR").result(options, SaleSource::Inline));
    let button = &result.reply_markup.as_ref().unwrap().inline_keyboard[0][0];
    assert_eq!(button.text, "Ouvrir dans la boutique");
    assert_eq!(
        button.url.as_deref(),
        Some("https://t.me/shop_bot/store?startapp=p_6")
    );
    assert_eq!(
        result.description.as_deref(),
        Some("à partir de 10,00 € · Choisissez vos options dans la boutique")
    );
    let InputMessageContent::Text(card) = result.input_message_content else {
        panic!("a card");
    };
    assert!(
        card.message_text.starts_with("Thing 6\nà partir de 10,00 €"),
        "{}",
        card.message_text
    );
}

#[test]
fn a_time_a_sold_out_product_or_no_card_payments_make_a_card() {
    let appointment = &catalog()[1];
    let sold_out = product(7, 2400, "EUR", 0, ProductKind::Parcel);
    let mug = &catalog()[0];
    let no_cards = Shelf::new("zh", links(), PaymentProviders::default());
    for (shelf, product) in [
        (shelf("en"), appointment),
        (shelf("en"), &sold_out),
        (no_cards, mug),
    ] {
        let result = article(shelf.result(product, SaleSource::Inline));
        assert!(
            matches!(result.input_message_content, InputMessageContent::Text(_)),
            "{}",
            product.name
        );
    }
    let card =
        article(Shelf::new("zh", links(), PaymentProviders::default()).result(mug, SaleSource::Inline));
    assert_eq!(
        card.reply_markup.unwrap().inline_keyboard[0][0].text,
        "在商店中打开"
    );
}

#[test]
fn links_open_the_named_mini_app_or_the_bots_main_one() {
    let mut links = links();
    assert_eq!(
        links.product(ProductId(3)),
        "https://t.me/shop_bot/store?startapp=p_3"
    );
    links.short_name = None;
    assert_eq!(links.product(ProductId(3)), "https://t.me/shop_bot?startapp=p_3");
    links.bot_username = None;
    assert_eq!(
        links.product(ProductId(3)),
        "https://shop.example/shop/products/3"
    );
}
