//! Seeds the demo catalog into a database that has never had one.
//!
//! "Never" is recorded in `shop_meta`, in the same transaction as the seed, so a merchant who
//! later deletes every demo product does not get them back on restart, and two replicas
//! starting together on one PostgreSQL seed it once (the second waits on the first's key). The
//! demo's texts in the other languages have a key of their own, so a database seeded before
//! them gets them once too.

use super::{Db, StorageError};
use crate::clock::now_ms;
use crate::shop::appointments::hours::TimeOfDay;
use crate::shop::demo::texts;
use crate::shop::demo::{
    event_starts_at, DemoProduct, DemoVariant, CATEGORIES, EURO_TIPS, EVENT, PHOTO_SIZE, PRODUCTS,
    PROMO_CODES, SERVICES, SHIPPING, STAFF, SUBSCRIPTION_CHATS,
};

const SEEDED_KEY: &str = "demo_catalog_seeded_at";
/// When the demo's texts in the other languages were added: with the catalog, or on the first
/// start after issue #20 in a database seeded before it.
const TEXTS_SEEDED_KEY: &str = "demo_texts_seeded_at";

impl Db {
    /// Seeds the demo catalog unless this database was seeded before or already has products.
    /// Returns whether it seeded.
    #[tracing::instrument(skip_all)]
    pub async fn seed_demo_catalog(&self) -> Result<bool, StorageError> {
        let mut tx = self.pool().begin().await?;
        let claimed =
            sqlx::query("INSERT INTO shop_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING")
                .bind(SEEDED_KEY)
                .bind(now_ms().to_string())
                .execute(&mut *tx)
                .await?
                .rows_affected();
        let (existing,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM products")
            .fetch_one(&mut *tx)
            .await?;
        if claimed == 0 || existing > 0 {
            insert_demo_texts(&mut tx).await?;
            tx.commit().await?;
            return Ok(false);
        }
        for (position, category) in CATEGORIES.iter().enumerate() {
            sqlx::query("INSERT INTO categories (slug, name, position) VALUES ($1, $2, $3)")
                .bind(category.slug)
                .bind(category.name)
                .bind(position as i64)
                .execute(&mut *tx)
                .await?;
        }
        for (position, product) in PRODUCTS.iter().enumerate() {
            insert_product(&mut tx, product, position as i64).await?;
            insert_photos(&mut tx, product).await?;
        }
        // Every product's first variant first, so in a new database variant n is product n's
        // first (as 0006_variants.sql numbers them in an old one); then the other options.
        for (first, rest) in [(true, false), (false, true)] {
            for product in PRODUCTS {
                for (position, variant) in product.variants.iter().enumerate() {
                    if (position == 0 && first) || (position > 0 && rest) {
                        insert_variant(&mut tx, product.slug, variant, position as i64).await?;
                    }
                }
            }
        }
        for (slug, chat_id) in SUBSCRIPTION_CHATS {
            sqlx::query(
                "INSERT INTO subscription_plans (product_id, chat_id)
                 SELECT id, $2 FROM products WHERE slug = $1",
            )
            .bind(*slug)
            .bind(*chat_id)
            .execute(&mut *tx)
            .await?;
        }
        insert_shipping_and_tips(&mut tx).await?;
        insert_event(&mut tx).await?;
        insert_salon(&mut tx).await?;
        insert_demo_texts(&mut tx).await?;
        tx.commit().await?;
        Ok(true)
    }
}

/// The demo catalog's texts in Chinese, French and Arabic, once per database, for the demo
/// products, variants and categories still there under their demo names: a merchant's own
/// renamed product never gets the demo's translations.
async fn insert_demo_texts(tx: &mut sqlx::Transaction<'_, sqlx::Any>) -> Result<(), StorageError> {
    let claimed =
        sqlx::query("INSERT INTO shop_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING")
            .bind(TEXTS_SEEDED_KEY)
            .bind(now_ms().to_string())
            .execute(&mut **tx)
            .await?
            .rows_affected();
    if claimed == 0 {
        return Ok(());
    }
    for category in CATEGORIES {
        let Some((_, names)) = texts::CATEGORIES.iter().find(|(slug, _)| *slug == category.slug) else {
            continue;
        };
        for (lang, name) in texts::LANGUAGES.iter().zip(names) {
            sqlx::query(
                "INSERT INTO category_texts (category_id, lang, name)
                 SELECT id, $3, $4 FROM categories WHERE slug = $1 AND name = $2",
            )
            .bind(category.slug)
            .bind(category.name)
            .bind(*lang)
            .bind(*name)
            .execute(&mut **tx)
            .await?;
        }
    }
    for product in PRODUCTS {
        let Some(text) = texts::PRODUCTS.iter().find(|t| t.slug == product.slug) else {
            continue;
        };
        for (i, lang) in texts::LANGUAGES.iter().enumerate() {
            sqlx::query(
                "INSERT INTO product_texts (product_id, lang, name, description)
                 SELECT id, $3, $4, $5 FROM products WHERE slug = $1 AND name = $2",
            )
            .bind(product.slug)
            .bind(product.name)
            .bind(*lang)
            .bind(text.names[i])
            .bind(text.descriptions[i])
            .execute(&mut **tx)
            .await?;
            for (own, names) in text.variants {
                sqlx::query(
                    "INSERT INTO variant_texts (variant_id, lang, name)
                     SELECT v.id, $3, $4 FROM variants v JOIN products p ON p.id = v.product_id
                     WHERE p.slug = $1 AND v.name = $2",
                )
                .bind(product.slug)
                .bind(*own)
                .bind(*lang)
                .bind(names[i])
                .execute(&mut **tx)
                .await?;
            }
        }
    }
    Ok(())
}

async fn insert_product(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    product: &DemoProduct,
    position: i64,
) -> Result<(), StorageError> {
    sqlx::query(
        "INSERT INTO products (category_id, slug, name, description, currency,
                               photo_url, photo_width, photo_height, position, created_at, fulfilment)
         VALUES ((SELECT id FROM categories WHERE slug = $1), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(product.category)
    .bind(product.slug)
    .bind(product.name)
    .bind(product.description)
    .bind(product.currency)
    .bind(product.photo_url())
    .bind(i64::from(PHOTO_SIZE))
    .bind(i64::from(PHOTO_SIZE))
    .bind(position)
    .bind(now_ms())
    .bind(product.kind.as_str())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The product's photos after its main one; a database seeded before galleries has none.
async fn insert_photos(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    product: &DemoProduct,
) -> Result<(), StorageError> {
    for (position, (url, alt)) in (1_i64..).zip(product.extra_photos()) {
        sqlx::query(
            "INSERT INTO product_photos (product_id, position, url, width, height, alt)
             VALUES ((SELECT id FROM products WHERE slug = $1), $2, $3, $4, $5, $6)",
        )
        .bind(product.slug)
        .bind(position)
        .bind(url)
        .bind(i64::from(PHOTO_SIZE))
        .bind(i64::from(PHOTO_SIZE))
        .bind(alt)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

async fn insert_variant(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    product_slug: &str,
    (name, price_minor, stock): &DemoVariant,
    position: i64,
) -> Result<(), StorageError> {
    sqlx::query(
        "INSERT INTO variants (product_id, name, price_minor, stock, position)
         VALUES ((SELECT id FROM products WHERE slug = $1), $2, $3, $4, $5)",
    )
    .bind(product_slug)
    .bind(*name)
    .bind(*price_minor)
    .bind(*stock)
    .bind(position)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

async fn insert_shipping_and_tips(tx: &mut sqlx::Transaction<'_, sqlx::Any>) -> Result<(), StorageError> {
    for (position, (id, countries, title, price_minor)) in SHIPPING.iter().enumerate() {
        for country in *countries {
            sqlx::query(
                "INSERT INTO shipping_options (id, country_code, title, price_minor, currency, position)
                 VALUES ($1, $2, $3, $4, 'EUR', $5)",
            )
            .bind(*id)
            .bind(*country)
            .bind(*title)
            .bind(*price_minor)
            .bind(position as i64)
            .execute(&mut **tx)
            .await?;
        }
    }
    for (code, percent, amount, min_items, max_uses) in PROMO_CODES {
        sqlx::query(
            "INSERT INTO promo_codes (code, percent_off, amount_off_minor, currency, min_items_minor, max_uses, created_at)
             VALUES ($1, $2, $3, 'EUR', $4, $5, $6)",
        )
        .bind(*code)
        .bind(*percent)
        .bind(*amount)
        .bind(*min_items)
        .bind(*max_uses)
        .bind(now_ms())
        .execute(&mut **tx)
        .await?;
    }
    sqlx::query("INSERT INTO tip_presets (currency, max_tip_minor, suggested) VALUES ('EUR', $1, $2)")
        .bind(EURO_TIPS.0)
        .bind(EURO_TIPS.1)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The demo event's details and its ticket types' rules (see [`EVENT`]).
async fn insert_event(tx: &mut sqlx::Transaction<'_, sqlx::Any>) -> Result<(), StorageError> {
    let now = now_ms();
    let starts_at = event_starts_at(now);
    sqlx::query(
        "INSERT INTO events (product_id, starts_at, ends_at, sales_close_at, venue_name, venue_address,
                             map_url, capacity, named_tickets, state, updated_at)
         VALUES ((SELECT id FROM products WHERE slug = $1), $2, $3, $2, $4, $5, $6, $7, $8, 'on_sale', $9)",
    )
    .bind(EVENT.slug)
    .bind(starts_at)
    .bind(starts_at + EVENT.lasts_hours * 3_600_000)
    .bind(EVENT.venue_name)
    .bind(EVENT.venue_address)
    .bind(EVENT.map_url)
    .bind(EVENT.capacity)
    .bind(i64::from(EVENT.named_tickets))
    .bind(now)
    .execute(&mut **tx)
    .await?;
    for (name, quota, max_per_order) in EVENT.ticket_types {
        sqlx::query(
            "INSERT INTO ticket_types (variant_id, product_id, quota, max_per_order)
             SELECT v.id, p.id, $3, $4 FROM variants v JOIN products p ON p.id = v.product_id
             WHERE p.slug = $1 AND v.name = $2",
        )
        .bind(EVENT.slug)
        .bind(*name)
        .bind(*quota)
        .bind(*max_per_order)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// The demo salon: its staff with their weekly hours, and its services with who performs
/// them at which price (see [`STAFF`] and [`SERVICES`]).
async fn insert_salon(tx: &mut sqlx::Transaction<'_, sqlx::Any>) -> Result<(), StorageError> {
    let now = now_ms();
    for staff in STAFF {
        sqlx::query("INSERT INTO staff (name, created_at) VALUES ($1, $2)")
            .bind(staff.name)
            .bind(now)
            .execute(&mut **tx)
            .await?;
        for (weekday, start, end) in staff.hours {
            let minute = |typed: &str| {
                TimeOfDay::parse(typed)
                    .map(TimeOfDay::minutes)
                    .map_err(|e| StorageError::Corrupt {
                        what: "the demo salon's hours",
                        detail: e.to_string(),
                    })
            };
            sqlx::query(
                "INSERT INTO staff_hours (staff_id, weekday, start_minute, end_minute)
                 VALUES ((SELECT id FROM staff WHERE name = $1), $2, $3, $4)",
            )
            .bind(staff.name)
            .bind(i64::from(*weekday))
            .bind(minute(start)?)
            .bind(minute(end)?)
            .execute(&mut **tx)
            .await?;
        }
    }
    for service in SERVICES {
        sqlx::query(
            "INSERT INTO services (product_id, duration_minutes, buffer_minutes, updated_at)
             VALUES ((SELECT id FROM products WHERE slug = $1), $2, $3, $4)",
        )
        .bind(service.product)
        .bind(service.duration_minutes)
        .bind(service.buffer_minutes)
        .bind(now)
        .execute(&mut **tx)
        .await?;
        for (staff, variant) in service.staff {
            sqlx::query(
                "INSERT INTO service_staff (product_id, staff_id, variant_id)
                 SELECT p.id, (SELECT id FROM staff WHERE name = $2), v.id
                 FROM variants v JOIN products p ON p.id = v.product_id
                 WHERE p.slug = $1 AND v.name = $3",
            )
            .bind(service.product)
            .bind(*staff)
            .bind(*variant)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}
