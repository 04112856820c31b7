//! The merchant's pages under `/admin`: dashboard, orders, products, events, the salon and
//! settings, over the JSON API under `/api/admin/` (the `server` crate's `http::admin`), whose
//! bodies are [`crate::admin_api`]'s types.
//!
//! All of it is one lazily loaded wasm chunk ([`lazy::AdminRoute`]): the two routes in
//! `App` are the only pieces the storefront's main wasm holds, so the shopper's first open
//! pays nothing for it. Nothing outside this module may call into it. Inside the chunk
//! [`shell::AdminShell`] signs the merchant in and picks the page from the path
//! ([`Page::from_path`]).
//!
//! The texts are in the merchant's language (English, Chinese, French or Arabic, right to left):
//! written in English in the code and looked up by that English in a translation file the
//! server serves ([`texts`] says why not leptos_i18n); dates and amounts by the browser's
//! `Intl` ([`formats`]). The salon's day (`salon::day`) reads the storefront's `day_*` keys,
//! shared with the salon's desk, in the same language.
//!
//! Data is loaded in the browser only (the sign-in comes from the launch fragment or a
//! session cookie the page reads through the API); server rendering shows "Loading…".

mod action;
mod amount;
mod api;
mod categories;
mod chart;
mod dashboard;
mod dates;
mod delivery;
mod events;
mod formats;
pub mod lazy;
mod new_product;
mod order;
mod orders;
mod photos;
mod policies;
mod posts;
mod product;
mod products;
mod promo_codes;
mod provider;
mod refusals;
mod salon;
mod settings;
mod shell;
mod shipping_rates;
mod stock;
mod subscriptions;
mod texts;
mod translations;
mod variants;
mod webhook;
mod zoned;

/// Which admin page a path names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Page {
    Dashboard,
    Orders,
    Order(i64),
    Products,
    NewProduct,
    Product(i64),
    Events,
    NewEvent,
    Event(i64),
    Salon,
    SalonStaff(i64),
    SalonServices,
    SalonRules,
    SalonDay,
    Subscriptions,
    Posts,
    Settings,
    NotFound,
}

impl Page {
    /// The page for a path under `/admin` (a trailing `/` is ignored).
    pub(crate) fn from_path(path: &str) -> Page {
        let rest = path.trim_end_matches('/').strip_prefix("/admin").unwrap_or("?");
        let id = |text: &str| text.parse::<i64>().ok().filter(|id| *id > 0);
        match rest.trim_start_matches('/').split('/').collect::<Vec<_>>()[..] {
            [""] => Page::Dashboard,
            ["orders"] => Page::Orders,
            ["orders", order] => id(order).map_or(Page::NotFound, Page::Order),
            ["products"] => Page::Products,
            ["products", "new"] => Page::NewProduct,
            ["products", product] => id(product).map_or(Page::NotFound, Page::Product),
            ["events"] => Page::Events,
            ["events", "new"] => Page::NewEvent,
            ["events", event] => id(event).map_or(Page::NotFound, Page::Event),
            ["salon"] => Page::Salon,
            ["salon", "staff", staff] => id(staff).map_or(Page::NotFound, Page::SalonStaff),
            ["salon", "services"] => Page::SalonServices,
            ["salon", "rules"] => Page::SalonRules,
            ["salon", "day"] => Page::SalonDay,
            ["subscriptions"] => Page::Subscriptions,
            ["posts"] => Page::Posts,
            ["settings"] => Page::Settings,
            _ => Page::NotFound,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Page;

    #[test]
    fn each_admin_path_names_its_page() {
        assert_eq!(Page::from_path("/admin"), Page::Dashboard);
        assert_eq!(Page::from_path("/admin/"), Page::Dashboard);
        assert_eq!(Page::from_path("/admin/orders"), Page::Orders);
        assert_eq!(Page::from_path("/admin/orders/42"), Page::Order(42));
        assert_eq!(Page::from_path("/admin/products"), Page::Products);
        assert_eq!(Page::from_path("/admin/products/new"), Page::NewProduct);
        assert_eq!(Page::from_path("/admin/products/7/"), Page::Product(7));
        assert_eq!(Page::from_path("/admin/events"), Page::Events);
        assert_eq!(Page::from_path("/admin/events/new"), Page::NewEvent);
        assert_eq!(Page::from_path("/admin/events/12"), Page::Event(12));
        assert_eq!(Page::from_path("/admin/salon"), Page::Salon);
        assert_eq!(Page::from_path("/admin/salon/staff/3"), Page::SalonStaff(3));
        assert_eq!(Page::from_path("/admin/salon/services"), Page::SalonServices);
        assert_eq!(Page::from_path("/admin/salon/rules"), Page::SalonRules);
        assert_eq!(Page::from_path("/admin/salon/day"), Page::SalonDay);
        assert_eq!(Page::from_path("/admin/subscriptions"), Page::Subscriptions);
        assert_eq!(Page::from_path("/admin/posts"), Page::Posts);
        assert_eq!(Page::from_path("/admin/settings"), Page::Settings);
    }

    #[test]
    fn other_paths_name_no_page() {
        for path in [
            "/admin/orders/x",
            "/admin/orders/-1",
            "/admin/nope",
            "/administrator",
            "/admin/orders/1/ship",
            "/admin/events/0",
            "/admin/events/1/staff",
            "/admin/salon/staff",
            "/admin/salon/staff/x",
        ] {
            assert_eq!(Page::from_path(path), Page::NotFound, "{path}");
        }
    }
}
