//! The server's implementation of the UI's [`ShopService`] contract: the catalog the
//! storefront page renders, read from storage and formatted by the domain's currency rules.

use crate::shop::catalog::Product;
use crate::shop::currencies::CurrencyTable;
use crate::shop::kind::ProductKind;
use crate::storage::Db;
use app::api::{ShopError, ShopService};
use app::catalog::{Catalog, CategoryView, ProductId, ProductPage, ProductView};
use app::i18n::Locale;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, OnceLock};

/// The shop as the UI's server functions reach it: storage plus the domain rules.
pub struct ShopBackend {
    db: Db,
    currencies: &'static CurrencyTable,
    /// The bot's username, once the bot learned it.
    bot_username: Arc<OnceLock<String>>,
}

impl ShopBackend {
    /// A backend over `db`, formatting prices with Telegram's currency table.
    pub fn new(db: Db, bot_username: Arc<OnceLock<String>>) -> Self {
        ShopBackend {
            db,
            currencies: CurrencyTable::telegram(),
            bot_username,
        }
    }

    /// The catalog view shared by the storefront page and `GET /api/products`, in `lang`
    /// wherever the merchant wrote texts in it (the shop's own texts elsewhere).
    pub async fn load_catalog(&self, lang: Locale) -> Result<Catalog, crate::storage::StorageError> {
        Ok(self.on_sale(lang).await?.0)
    }

    /// The catalog view in `lang`, and the products it shows as the domain knows them (in its
    /// order, their texts in `lang`).
    pub async fn on_sale(
        &self,
        lang: Locale,
    ) -> Result<(Catalog, Vec<Product>), crate::storage::StorageError> {
        let (categories, mut products, mut search_words) = self.db.catalog_in(lang).await?;
        // An event's product is bought on the event's page, and leaves with the event (past
        // or cancelled).
        let (event_ends, now) = (self.db.events_shown_until().await?, crate::clock::now_ms());
        products.retain(|p| event_ends.get(&p.id).is_none_or(|&ends| ends > now));
        // A salon service is booked on its page: a time and who, not a unit in the cart.
        let services: HashSet<ProductId> = self.db.service_ids().await?.into_iter().collect();
        let view = |product: &Product| ProductView {
            page: page(product, &event_ends, &services),
            search_words: search_words.remove(&product.id).unwrap_or_default(),
            ..product.view(self.currencies)
        };
        let catalog = Catalog {
            categories: categories
                .into_iter()
                .map(|c| CategoryView {
                    slug: c.slug.as_str().to_owned(),
                    name: c.name,
                })
                .collect(),
            products: products.iter().map(view).collect(),
            bot_link: self.bot_username.get().map(|name| format!("https://t.me/{name}")),
        };
        Ok((catalog, products))
    }
}

/// Where `product` is chosen and bought: an event's page for an event's tickets, a service's
/// booking page for an appointment product the salon made a service, a subscription's own page
/// with Subscribe, else its own page.
fn page(product: &Product, events: &HashMap<ProductId, i64>, services: &HashSet<ProductId>) -> ProductPage {
    if events.contains_key(&product.id) {
        ProductPage::Event
    } else if product.kind == ProductKind::Appointment && services.contains(&product.id) {
        ProductPage::Service
    } else if product.kind == ProductKind::Subscription {
        ProductPage::Subscription
    } else {
        ProductPage::Product
    }
}

#[async_trait::async_trait]
impl ShopService for ShopBackend {
    #[tracing::instrument(skip_all)]
    async fn catalog(&self, lang: Locale) -> Result<Catalog, ShopError> {
        self.load_catalog(lang).await.map_err(|error| {
            tracing::error!(%error, "could not load the catalog");
            ShopError::Unavailable
        })
    }
}
