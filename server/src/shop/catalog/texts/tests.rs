use super::*;
use crate::shop::catalog::{Slug, Variant};
use crate::shop::kind::ProductKind;
use crate::shop::test_catalog::product;
use app::money::Money;

fn mug() -> Product {
    let mut mug = product(1, 2400, "EUR", 5, ProductKind::Parcel);
    mug.name = "Blue Glazed Mug".into();
    mug.description = "Stoneware, 350 ml".into();
    mug.variants[0].name = "Small".into();
    mug.variants.push(Variant {
        id: VariantId(11),
        name: "Large".into(),
        price: Money::new(2800, mug.currency),
        stock: 2,
        stars_price: None,
    });
    mug
}

fn things() -> Vec<Category> {
    vec![Category {
        slug: Slug::parse("things").unwrap(),
        name: "Home".into(),
    }]
}

fn texts() -> CatalogTexts {
    let name = |t: &str| Name::parse(t).unwrap();
    let variant = |t: &str| VariantName::parse(t).unwrap();
    let mut texts = CatalogTexts::default();
    texts.products.insert(
        ProductId(1),
        vec![
            (
                Locale::zh,
                ProductText::parse("蓝釉马克杯", "炻器，350 毫升").unwrap(),
            ),
            (Locale::fr, ProductText::parse("", "Grès, 350 ml").unwrap()),
        ],
    );
    texts
        .variants
        .insert(VariantId(1), vec![(Locale::zh, variant("小号"))]);
    texts
        .categories
        .insert("things".into(), vec![(Locale::zh, name("家居"))]);
    texts
}

#[test]
fn a_shopper_reads_each_field_in_their_language_where_the_merchant_wrote_one() {
    let (mut categories, mut products) = (things(), vec![mug()]);
    texts().translate(Locale::zh, &mut categories, &mut products);
    assert_eq!(categories[0].name, "家居");
    let mug = &products[0];
    assert_eq!(
        (mug.name.as_str(), mug.description.as_str()),
        ("蓝釉马克杯", "炻器，350 毫升")
    );
    assert_eq!(mug.variants[0].name, "小号");
    assert_eq!(mug.variants[1].name, "Large", "no Chinese name: the shop's own");
}

#[test]
fn a_field_without_a_text_in_the_language_falls_back_to_the_shops_own() {
    let (mut categories, mut products) = (things(), vec![mug()]);
    texts().translate(Locale::fr, &mut categories, &mut products);
    assert_eq!(categories[0].name, "Home");
    let mug = &products[0];
    assert_eq!(mug.name, "Blue Glazed Mug", "the French text has no name");
    assert_eq!(mug.description, "Grès, 350 ml");
    assert_eq!(mug.variants[0].name, "Small");
}

#[test]
fn a_language_without_texts_reads_the_shop_unchanged() {
    let (mut categories, mut products) = (things(), vec![mug()]);
    texts().translate(Locale::ar, &mut categories, &mut products);
    assert_eq!((categories, products), (things(), vec![mug()]));
}

#[test]
fn search_words_are_the_unshown_names_of_every_language_each_once() {
    let (mut categories, mut products) = (things(), vec![mug()]);
    let words = texts().translate(Locale::zh, &mut categories, &mut products);
    let words: Vec<&str> = words[&ProductId(1)].split(' ').collect();
    assert_eq!(
        words,
        ["home", "blue", "glazed", "mug", "small"],
        "each once, in the order met"
    );
    for description in ["stoneware,", "gres,", "ml"] {
        assert!(
            !words.contains(&description),
            "descriptions are searched as shown only"
        );
    }
}

#[test]
fn a_product_without_texts_has_no_search_words() {
    let (mut categories, mut products) = (things(), vec![mug()]);
    let words = CatalogTexts::default().translate(Locale::zh, &mut categories, &mut products);
    assert!(words.is_empty());
}

#[test]
fn blank_fields_are_no_text_and_others_follow_the_shops_own_rules() {
    assert!(ProductText::parse("  ", "").unwrap().is_empty());
    assert_eq!(
        ProductText::parse(&"名".repeat(121), "").unwrap_err().code,
        ErrorCode::BadName
    );
    assert_eq!(
        ProductText::parse("", &"x".repeat(4001)).unwrap_err().code,
        ErrorCode::BadDescription
    );
    assert_eq!(parse_variant_name(" ").unwrap(), None);
    assert_eq!(
        parse_variant_name(&"x".repeat(65)).unwrap_err().code,
        ErrorCode::BadVariantName
    );
}

#[test]
fn only_the_shops_four_languages_are_taken_and_others_are_named() {
    assert_eq!(parse_language("zh").unwrap(), Locale::zh);
    let refused = parse_language("de").unwrap_err();
    assert_eq!(refused.code, ErrorCode::BadLanguage);
    assert!(refused.message.contains("\"de\""), "{}", refused.message);
    assert!(parse_language("ZH").is_err(), "codes are exact");
}
