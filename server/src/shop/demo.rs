//! The demo catalog seeded into an empty database on first start, so a new merchant sees a
//! working shop at once. It covers the shops this project is for: handicrafts shipped as
//! parcels, salon appointments, event tickets (priced in euros), digital goods and a monthly
//! membership (in Stars). Its texts in Chinese, French and Arabic are [`texts`].

pub mod texts;

use super::kind::ProductKind;

/// A demo category: slug and name.
pub struct DemoCategory {
    pub slug: &'static str,
    pub name: &'static str,
}

/// A demo product; its photo is `public/products/<slug>.svg`, 600×600.
pub struct DemoProduct {
    pub category: &'static str,
    pub slug: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    pub currency: &'static str,
    /// Its kind: a parcel, an appointment, a ticket or digital goods.
    pub kind: ProductKind,
    /// At least one; a product without options has one with an empty name.
    pub variants: &'static [DemoVariant],
    /// Further photos for its page's gallery, after the main one; often none.
    pub photos: &'static [DemoPhoto],
}

/// A demo variant: `(name, price in minor units, stock)`.
pub type DemoVariant = (&'static str, i64, i64);

/// A further demo photo: `(file in public/products/, alt text)`, 600×600 as the main one.
pub type DemoPhoto = (&'static str, &'static str);

impl DemoProduct {
    /// Where the product's photo is served from.
    pub fn photo_url(&self) -> String {
        format!("/products/{}.svg", self.slug)
    }

    /// Where its further photos are served from, with their alt texts, in gallery order.
    pub fn extra_photos(&self) -> impl Iterator<Item = (String, &'static str)> + '_ {
        self.photos
            .iter()
            .map(|(file, alt)| (format!("/products/{file}"), *alt))
    }
}

/// Every demo photo is drawn at this size.
pub const PHOTO_SIZE: u32 = 600;

pub const CATEGORIES: &[DemoCategory] = &[
    DemoCategory {
        slug: "handmade",
        name: "Handmade",
    },
    DemoCategory {
        slug: "appointments",
        name: "Salon appointments",
    },
    DemoCategory {
        slug: "tickets",
        name: "Event tickets",
    },
    DemoCategory {
        slug: "digital",
        name: "Digital goods",
    },
];

pub const PRODUCTS: &[DemoProduct] = &[
    DemoProduct {
        category: "handmade",
        slug: "blue-mug",
        name: "Blue Glazed Mug",
        description:
            "Wheel-thrown stoneware mug with a deep blue glaze, 350 ml. Each one is a little different.",
        currency: "EUR",
        kind: ProductKind::Parcel,
        variants: &[("", 2400, 12)],
        photos: &[
            ("blue-mug-2.svg", "The mug from above, showing the glaze"),
            (
                "blue-mug-3.svg",
                "The mug upside down: its unglazed foot and the potter's stamp",
            ),
        ],
    },
    DemoProduct {
        category: "handmade",
        slug: "linen-scarf",
        name: "Hand-Woven Linen Scarf",
        description: "Soft natural linen woven on a wooden loom, 180 × 40 cm.",
        currency: "EUR",
        kind: ProductKind::Parcel,
        variants: &[("", 4500, 6)],
        photos: &[("linen-scarf-2.svg", "The weave up close, with the knotted fringe")],
    },
    DemoProduct {
        category: "handmade",
        slug: "olive-bowl",
        name: "Olive Wood Bowl",
        description: "Carved from a single piece of olive wood and finished with food-safe oil, Ø 18 cm.",
        currency: "EUR",
        kind: ProductKind::Parcel,
        variants: &[("", 3850, 4)],
        photos: &[],
    },
    DemoProduct {
        category: "appointments",
        slug: "haircut",
        name: "Haircut & Styling (45 min)",
        description:
            "Wash, cut and styling with one of our stylists: pick who, the day and the time, then pay.",
        currency: "EUR",
        kind: ProductKind::Appointment,
        variants: &[("Junior stylist", 3500, 20), ("Senior stylist", 4800, 8)],
        photos: &[],
    },
    DemoProduct {
        category: "appointments",
        slug: "manicure",
        name: "Gel Manicure (60 min)",
        description: "Shaping, cuticle care and a long-lasting gel colour of your choice.",
        currency: "EUR",
        kind: ProductKind::Appointment,
        variants: &[("", 3000, 15)],
        photos: &[],
    },
    DemoProduct {
        category: "tickets",
        slug: "jazz-night",
        name: "Jazz Night Ticket",
        description: "Friday's jazz night at the Old Harbour hall. Doors open at 19:00.",
        currency: "EUR",
        kind: ProductKind::Ticket,
        variants: &[
            ("Standing", 1800, 120),
            ("Seated", 2800, 40),
            ("VIP table", 6500, 0),
        ],
        photos: &[],
    },
    DemoProduct {
        category: "tickets",
        slug: "pottery-workshop",
        name: "Pottery Workshop Seat",
        description: "Three hours at the wheel with clay, glazes and firing included. Ten seats per session.",
        currency: "EUR",
        kind: ProductKind::Ticket,
        variants: &[("", 5500, 10)],
        photos: &[],
    },
    DemoProduct {
        category: "digital",
        slug: "wallpaper-pack",
        name: "Wallpaper Pack",
        description: "Twelve hand-painted phone wallpapers in high resolution.",
        currency: "XTR",
        kind: ProductKind::Digital,
        variants: &[("", 50, 1000)],
        photos: &[],
    },
    DemoProduct {
        category: "digital",
        slug: "sticker-pack",
        name: "Animated Sticker Pack",
        description: "Twenty animated stickers of our studio cat, ready for Telegram.",
        currency: "XTR",
        kind: ProductKind::Digital,
        variants: &[("", 120, 1000)],
        photos: &[],
    },
    DemoProduct {
        category: "digital",
        slug: "recipe-ebook",
        name: "Recipe E-book",
        description: "Forty family recipes with photos, as EPUB and PDF.",
        currency: "XTR",
        kind: ProductKind::Digital,
        variants: &[("EPUB and PDF", 250, 1000), ("With video lessons", 600, 1000)],
        photos: &[],
    },
    DemoProduct {
        category: "digital",
        slug: "makers-club",
        name: "Makers' Club",
        description: "A monthly membership of our private channel: new patterns, studio news and live sessions. Renewed every 30 days; cancel any time.",
        currency: "XTR",
        kind: ProductKind::Subscription,
        variants: &[("Monthly", 150, 1000)],
        photos: &[],
    },
];

/// The chat each demo subscription grants, by product slug: the simulator's private channel
/// "Makers' Club" (`crate::simulator::telegram`'s chats).
pub const SUBSCRIPTION_CHATS: &[(&str, i64)] = &[("makers-club", -1_001_000_000_003)];

/// A demo shipping option: `(id, countries, title, price in euro cents)`.
pub type DemoShipping = (&'static str, &'static [&'static str], &'static str, i64);

/// Where the demo handicraft shop ships parcels; everywhere else is refused at checkout.
pub const SHIPPING: &[DemoShipping] = &[
    (
        "standard",
        &["DE", "AT", "NL", "BE", "FR", "IT", "ES"],
        "Standard parcel (3–5 days)",
        490,
    ),
    (
        "express",
        &["DE", "AT", "NL", "BE", "FR", "IT", "ES"],
        "Express parcel (1–2 days)",
        1290,
    ),
    (
        "international",
        &["GB", "CH", "US", "CA"],
        "International parcel (7–14 days)",
        1900,
    ),
];

/// Tips offered in euro invoices: at most €10, suggested €1, €2 and €5.
pub const EURO_TIPS: (i64, &str) = (1000, "100,200,500");

/// The demo's event: a ticket product's details and its types' rules, by variant name.
pub struct DemoEvent {
    /// The `ticket` product it is.
    pub slug: &'static str,
    /// How long after the seed it starts, and lasts.
    pub starts_in_days: i64,
    pub lasts_hours: i64,
    pub venue_name: &'static str,
    pub venue_address: &'static str,
    pub map_url: &'static str,
    pub capacity: i64,
    pub named_tickets: bool,
    /// `(variant name, quota, max per order)`; the quotas equal the variants' seeded stock.
    pub ticket_types: &'static [(&'static str, Option<i64>, i64)],
}

/// The jazz night, three weeks after the shop's first start: its standing places and seats
/// each have a quota, which together exceed the hall's capacity (so the capacity, not only a
/// quota, can sell it out); the VIP tables are sold out; each ticket names its attendee.
pub const EVENT: DemoEvent = DemoEvent {
    slug: "jazz-night",
    starts_in_days: 21,
    lasts_hours: 4,
    venue_name: "Old Harbour Hall",
    venue_address: "Hafenstraße 1, 20459 Hamburg",
    map_url: "https://www.openstreetmap.org/search?query=Hamburg%20Hafen",
    capacity: 150,
    named_tickets: true,
    ticket_types: &[
        ("Standing", Some(120), 10),
        ("Seated", Some(40), 6),
        ("VIP table", Some(0), 4),
    ],
};

/// When the demo event starts if the shop was seeded at `now` (unix ms): `starts_in_days`
/// later, on the hour of 20:00 UTC.
pub fn event_starts_at(now: i64) -> i64 {
    const DAY: i64 = 86_400_000;
    (now / DAY + EVENT.starts_in_days) * DAY + 20 * 3_600_000
}

/// A demo staff member of the salon: their name and weekly hours, `(ISO weekday, "HH:MM",
/// "HH:MM")` in the shop's time zone (parsed by [`crate::shop::appointments::hours`]).
pub struct DemoStaff {
    pub name: &'static str,
    pub hours: &'static [(i8, &'static str, &'static str)],
}

/// A demo service: an `appointment` product's slug, how long it takes and the buffer after
/// it (minutes), and who performs it at which of its variants' prices.
pub struct DemoService {
    pub product: &'static str,
    pub duration_minutes: i64,
    pub buffer_minutes: i64,
    /// `(staff name, variant name)`.
    pub staff: &'static [(&'static str, &'static str)],
}

/// Anna (the senior stylist) works Tuesday to Saturday with a lunch hour; Malik (the junior)
/// Wednesday to Saturday, later in the day.
pub const STAFF: &[DemoStaff] = &[
    DemoStaff {
        name: "Anna",
        hours: &[
            (2, "09:00", "12:30"),
            (2, "13:30", "18:00"),
            (3, "09:00", "12:30"),
            (3, "13:30", "18:00"),
            (4, "09:00", "12:30"),
            (4, "13:30", "18:00"),
            (5, "09:00", "12:30"),
            (5, "13:30", "18:00"),
            (6, "09:00", "14:00"),
        ],
    },
    DemoStaff {
        name: "Malik",
        hours: &[
            (3, "11:00", "14:00"),
            (3, "15:00", "20:00"),
            (4, "11:00", "14:00"),
            (4, "15:00", "20:00"),
            (5, "11:00", "14:00"),
            (5, "15:00", "20:00"),
            (6, "10:00", "16:00"),
        ],
    },
];

/// The haircut (Anna at the senior stylist's price, Malik at the junior's) and the manicure
/// (both, at its one price).
pub const SERVICES: &[DemoService] = &[
    DemoService {
        product: "haircut",
        duration_minutes: 45,
        buffer_minutes: 15,
        staff: &[("Anna", "Senior stylist"), ("Malik", "Junior stylist")],
    },
    DemoService {
        product: "manicure",
        duration_minutes: 60,
        buffer_minutes: 0,
        staff: &[("Anna", ""), ("Malik", "")],
    },
];

/// Demo promo codes, in euros: `(code, percent off, amount off, minimum items, uses)`.
pub type DemoPromo = (&'static str, Option<i64>, Option<i64>, i64, Option<i64>);

/// WELCOME10 takes 10 % off; FIVEOFF takes €5 off items from €30, for the first 100 orders.
pub const PROMO_CODES: &[DemoPromo] = &[
    ("WELCOME10", Some(10), None, 0, None),
    ("FIVEOFF", None, Some(500), 3000, Some(100)),
];

/// What the demo's digital goods deliver once paid: the e-book's file (both its variants), as
/// `(product slug, file name, content)`.
pub const EBOOK_FILE: (&str, &str, &str) = (
    "recipe-ebook",
    "family-recipes.txt",
    "FORTY FAMILY RECIPES\n\n\
     1. Grandmother's lentil soup\n\
     Soften an onion, a carrot and a celery stick in olive oil. Add 200 g of red lentils, a litre\n\
     of stock and a bay leaf; simmer 25 minutes, season, and finish with lemon juice.\n\n\
     2. Sunday apple cake\n\
     Beat 3 eggs with 150 g of sugar, fold in 200 g of flour, 100 g of melted butter and a\n\
     teaspoon of baking powder; cover with sliced apples and bake 40 minutes at 180 °C.\n\n\
     (A demo file delivered by the shop's bot after payment.)\n",
);

/// The demo sticker pack's delivery: a link revealed after payment, as `(product slug, text)`.
pub const STICKER_LINK: (&str, &str) = (
    "sticker-pack",
    "Add the stickers to Telegram: https://t.me/addstickers/StudioCatDemo",
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shop::catalog::Slug;
    use crate::shop::currencies::CurrencyTable;
    use app::money::Currency;

    #[test]
    fn the_demo_catalog_is_large_enough_to_show_off() {
        assert!(PRODUCTS.len() >= 8 && CATEGORIES.len() >= 3);
        for category in CATEGORIES {
            assert!(
                PRODUCTS.iter().any(|p| p.category == category.slug),
                "{} is empty",
                category.slug
            );
        }
        assert!(PRODUCTS.iter().any(|p| p.currency == "XTR") && PRODUCTS.iter().any(|p| p.currency != "XTR"));
        assert!(PRODUCTS.iter().any(|p| p.photos.len() >= 2), "a gallery to show");
    }

    #[test]
    fn the_demo_salon_has_valid_hours_and_each_service_is_an_appointment_with_its_staff_prices() {
        use crate::shop::appointments::hours::WeeklyHours;
        for staff in STAFF {
            let week: Vec<_> = staff
                .hours
                .iter()
                .map(|(day, start, end)| {
                    (
                        jiff::civil::Weekday::from_monday_one_offset(*day).unwrap(),
                        *start,
                        *end,
                    )
                })
                .collect();
            WeeklyHours::parse(&week).unwrap_or_else(|e| panic!("{}: {e}", staff.name));
        }
        for service in SERVICES {
            let product = PRODUCTS.iter().find(|p| p.slug == service.product).unwrap();
            assert_eq!(product.kind, ProductKind::Appointment, "{}", service.product);
            for (name, variant) in service.staff {
                assert!(STAFF.iter().any(|s| s.name == *name), "{name}");
                assert!(product.variants.iter().any(|v| v.0 == *variant), "{variant}");
            }
        }
    }

    #[test]
    fn every_demo_price_is_one_telegram_accepts() {
        let table = CurrencyTable::telegram();
        for product in PRODUCTS {
            let currency = Currency::parse(product.currency).unwrap();
            assert!(table.accepts(currency), "{}", product.slug);
            assert!(!product.variants.is_empty(), "{}", product.slug);
            for (_, price_minor, stock) in product.variants {
                assert!(*stock >= 0, "{}", product.slug);
                if let Some(rules) = table.rules(currency) {
                    assert!(
                        (rules.min_amount..=rules.max_amount).contains(price_minor),
                        "{}",
                        product.slug
                    );
                }
            }
            Slug::parse(product.slug).unwrap();
            assert!(
                CATEGORIES.iter().any(|c| c.slug == product.category),
                "{}",
                product.slug
            );
        }
    }

    #[test]
    fn the_demo_sells_every_kind_and_prices_in_stars_only_what_stars_may_pay() {
        use crate::shop::kind::Payment;
        for kind in ProductKind::ALL {
            assert!(PRODUCTS.iter().any(|p| p.kind == kind), "no {kind:?}");
        }
        for product in PRODUCTS.iter().filter(|p| p.currency == "XTR") {
            assert_ne!(product.kind.payment(), Payment::ListedOnly, "{}", product.slug);
        }
        // Telegram's terms §6.2: digital goods are priced in Stars, never in a fiat currency.
        for product in PRODUCTS.iter() {
            let currency = app::money::Currency::parse(product.currency).unwrap();
            assert_eq!(product.kind.check_listed_in(currency), Ok(()), "{}", product.slug);
        }
    }

    #[test]
    fn each_demo_subscription_is_a_plan_telegram_takes_granting_a_chat() {
        use crate::shop::subscriptions::Plan;
        use app::money::{Currency, Money};
        for product in PRODUCTS.iter().filter(|p| p.kind == ProductKind::Subscription) {
            let chat = SUBSCRIPTION_CHATS.iter().find(|(slug, _)| *slug == product.slug);
            let prices: Vec<Money> = product
                .variants
                .iter()
                .map(|(_, minor, _)| Money::new(*minor, Currency::parse(product.currency).unwrap()))
                .collect();
            assert!(
                Plan::parse(&prices, chat.map(|(_, id)| *id)).is_ok(),
                "{}",
                product.slug
            );
        }
    }

    #[test]
    fn some_demo_products_have_options_and_one_is_sold_out() {
        assert!(PRODUCTS.iter().filter(|p| p.variants.len() > 1).count() >= 2);
        assert!(PRODUCTS
            .iter()
            .any(|p| p.variants.len() > 1 && p.variants.iter().any(|v| v.2 == 0)));
    }

    #[test]
    fn the_demo_event_is_a_ticket_product_whose_quotas_are_its_seeded_stock() {
        let product = PRODUCTS.iter().find(|p| p.slug == EVENT.slug).unwrap();
        assert_eq!(product.kind, ProductKind::Ticket);
        let stocks: Vec<(&str, Option<i64>)> = product.variants.iter().map(|v| (v.0, Some(v.2))).collect();
        let quotas: Vec<(&str, Option<i64>)> = EVENT.ticket_types.iter().map(|t| (t.0, t.1)).collect();
        assert_eq!(stocks, quotas);
        let now = 1_780_000_000_000;
        assert!(event_starts_at(now) > now + 20 * 86_400_000);
    }

    #[test]
    fn every_demo_photo_exists_in_public() {
        let public = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../public");
        let size = format!(r#"width="{PHOTO_SIZE}" height="{PHOTO_SIZE}""#);
        for product in PRODUCTS {
            let extras = product.extra_photos().map(|(url, _)| url);
            for url in std::iter::once(product.photo_url()).chain(extras) {
                let photo = public.join(url.trim_start_matches('/'));
                let svg =
                    std::fs::read_to_string(&photo).unwrap_or_else(|_| panic!("missing {}", photo.display()));
                assert!(
                    svg.contains(&size),
                    "{} is not {PHOTO_SIZE}×{PHOTO_SIZE}",
                    photo.display()
                );
            }
        }
    }
}
