//! A product offered in a chat, as the inline result that sells it: an invoice anyone there can
//! pay (`InputInvoiceMessageContent`, the domain's [`SharedInvoice`]) when the product needs no
//! choice first, else a card whose button opens the product in the Mini App
//! (`https://t.me/<bot>/<short name>?startapp=p_<id>`). The bot's inline answers
//! (`super::updates::inline`) and the Mini App's "Send to a chat" (`crate::service::share`)
//! both offer products this way, in the user's language (`inline_*` texts).
//!
//! Must not: decide which products a shared invoice can sell, or what it holds — that is
//! `crate::shop::shared_invoice`'s.

use super::bot_api::{
    InlineKeyboardMarkup, InlineQueryResult, InlineQueryResultArticle, InputInvoiceMessageContent,
    InputMessageContent, InputTextMessageContent,
};
use crate::config::PaymentProviders;
use crate::shop::catalog::Product;
use crate::shop::currencies::CurrencyTable;
use crate::shop::shared_invoice::{SaleSource, SharedInvoice};
use app::catalog::ProductId;
use app::i18n::{td_string, Locale};

/// Where a product opens in the Mini App, from a button in any chat (a `url` button: a
/// `web_app` button works in private chats only).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProductLinks {
    /// The bot's @username, once getMe told it.
    pub bot_username: Option<String>,
    /// The Mini App's short name (a shop setting): `t.me/<bot>/<short name>` opens that Mini
    /// App; without it, `t.me/<bot>?startapp=…` opens the bot's main Mini App.
    pub short_name: Option<String>,
    /// The storefront's URL (`https://shop.example/shop`), for a bot whose username is not
    /// known yet.
    pub shop_url: String,
}

impl ProductLinks {
    /// The link that opens product `id` in the Mini App.
    pub fn product(&self, id: ProductId) -> String {
        match (&self.bot_username, &self.short_name) {
            (Some(bot), Some(app)) => format!("https://t.me/{bot}/{app}?startapp=p_{}", id.0),
            (Some(bot), None) => format!("https://t.me/{bot}?startapp=p_{}", id.0),
            (None, _) => format!("{}/products/{}", self.shop_url.trim_end_matches('/'), id.0),
        }
    }
}

/// What offering products needs: the user's language, where the shop is, and the payment
/// provider's token for card invoices.
pub struct Shelf {
    pub locale: Locale,
    /// The shop's public origin (`https://shop.example`), which serves the photos.
    pub origin: String,
    pub links: ProductLinks,
    /// The fiat payment providers' tokens, per currency; without one for a product's currency,
    /// only Stars invoices are offered and
    /// card-priced products are offered as cards.
    pub providers: PaymentProviders,
    pub currencies: &'static CurrencyTable,
}

impl Shelf {
    /// The shelf for a user whose Telegram speaks `language_code`, of the shop whose
    /// storefront is at `links.shop_url` (`<origin>/shop`).
    pub fn new(language_code: &str, links: ProductLinks, providers: PaymentProviders) -> Self {
        let shop = links.shop_url.trim_end_matches('/');
        Shelf {
            locale: app::language::for_language_code(language_code),
            origin: shop.strip_suffix("/shop").unwrap_or(shop).to_owned(),
            links,
            providers,
            currencies: CurrencyTable::telegram(),
        }
    }
    /// The result offering `product`, shared from `source`: its invoice, or its card.
    pub fn result(&self, product: &Product, source: SaleSource) -> InlineQueryResult {
        let invoice = SharedInvoice::for_variant(product, source, &self.origin, self.currencies)
            .ok()
            .filter(|_| product.stock() > 0)
            .and_then(|invoice| self.invoice_content(&invoice));
        let article = match invoice {
            Some(content) => InlineQueryResultArticle {
                description: Some(self.summary(product, td_string!(self.locale, inline_pay_here))),
                input_message_content: InputMessageContent::Invoice(Box::new(content)),
                ..self.article(product)
            },
            None => InlineQueryResultArticle {
                description: Some(self.summary(product, td_string!(self.locale, inline_choose))),
                input_message_content: InputMessageContent::Text(InputTextMessageContent {
                    message_text: self.card_text(product),
                    parse_mode: None,
                }),
                reply_markup: Some(InlineKeyboardMarkup::url_button(
                    td_string!(self.locale, inline_open),
                    self.links.product(product.id),
                )),
                ..self.article(product)
            },
        };
        InlineQueryResult::Article(article)
    }

    /// The invoice's content, unless it is charged by card and the shop takes no cards.
    fn invoice_content(&self, invoice: &SharedInvoice) -> Option<InputInvoiceMessageContent> {
        let token = match invoice.currency.is_stars() {
            true => "",
            false => self.providers.provider_for(invoice.currency)?.expose(),
        };
        Some(InputInvoiceMessageContent::for_shared(invoice, token))
    }

    /// The parts every result of `product` shares: id, title, thumbnail.
    fn article(&self, product: &Product) -> InlineQueryResultArticle {
        let photo = &product.photo;
        let thumbnail = match photo.url.starts_with('/') {
            true => format!("{}{}", self.origin.trim_end_matches('/'), photo.url),
            false => photo.url.clone(),
        };
        InlineQueryResultArticle {
            id: format!("p{}", product.id.0),
            title: product.name.clone(),
            thumbnail_url: Some(thumbnail),
            thumbnail_width: Some(i64::from(photo.width)),
            thumbnail_height: Some(i64::from(photo.height)),
            ..InlineQueryResultArticle::default()
        }
    }

    /// "24,00 € · Pay right here in the chat", or "from 35,00 € · …" when its variants differ.
    fn summary(&self, product: &Product, what: &str) -> String {
        format!("{} · {what}", self.price(product))
    }

    fn price(&self, product: &Product) -> String {
        let lowest = product.from_price();
        let price = self.currencies.format(lowest);
        match product.variants.iter().any(|v| v.price != lowest) {
            true => td_string!(self.locale, from_price, price).to_string(),
            false => price,
        }
    }

    /// The card's message: name, price and description, then what to do.
    fn card_text(&self, product: &Product) -> String {
        let mut text = format!("{}\n{}", product.name, self.price(product));
        let description = product.description.trim();
        if !description.is_empty() {
            text.push_str("\n\n");
            text.extend(description.chars().take(3000));
        }
        text.push_str("\n\n");
        text.push_str(td_string!(self.locale, inline_choose));
        text
    }
}

/// Where the shop's products open, as the bot knows it now.
pub async fn links(
    db: &crate::storage::Db,
    shop_url: &str,
    bot_username: Option<String>,
) -> Result<ProductLinks, crate::storage::StorageError> {
    let settings = db.shop_settings().await?;
    Ok(ProductLinks {
        bot_username,
        short_name: settings.mini_app_short_name.map(|name| name.as_str().to_owned()),
        shop_url: shop_url.to_owned(),
    })
}

#[cfg(test)]
mod tests;
