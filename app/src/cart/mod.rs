//! The shopper's cart as the page sees it, kept on the server per Telegram user; its wire
//! types are in [`view`] and its page in `crate::pages::cart`.
//!
//! Quantities change in the page at once; each change is then saved whole with
//! `PUT /api/cart`, whose answer (the cart priced by the server) is what the cart page shows.
//! When the app opens, the saved cart is loaded first: until then nothing is saved, so an
//! empty page never overwrites it. The server never takes prices from here: it prices the cart
//! and checkout from its own database.

use crate::api::Refusal;
use crate::cart::view::CartView;
use crate::catalog::VariantId;
use crate::telegram::{Haptic, Telegram};
use leptos::prelude::*;

mod lines;
pub mod view;
pub use lines::{CartError, CartLines};

/// Where the page's cart stands with the server's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Saved {
    /// The saved cart has not arrived yet (or the page is outside Telegram).
    Loading,
    /// The last change is saved; `CartView` is the cart as the server priced it.
    Priced(CartView),
}

impl Saved {
    /// The view in the server's answer (which was read as JSON when it came).
    fn from_stored(stored: &Stored) -> Self {
        match stored {
            Stored::Loading => Saved::Loading,
            Stored::Priced(body) => serde_json::from_str(body).map_or(Saved::Loading, Saved::Priced),
        }
    }
}

/// Why the saved cart could not be loaded or a change saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CartProblem {
    NotLoaded(Refusal),
    NotSaved(Refusal),
}

impl CartProblem {
    /// What the shopper reads, in `locale`.
    pub fn text(&self, locale: crate::i18n::Locale) -> String {
        use crate::i18n::td_string;
        match self {
            CartProblem::NotLoaded(why) => td_string!(locale, cart_load_failed, why = why.text(locale)),
            CartProblem::NotSaved(why) => td_string!(locale, cart_save_failed, why = why.text(locale)),
        }
    }
}

/// What the page holds of the server's cart: its answer as it came (see [`SavedLines`](crate::cart::view::SavedLines)).
// Filled in the browser only; server rendering shows the loading state.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
#[derive(Clone, Debug, PartialEq, Eq)]
enum Stored {
    Loading,
    Priced(String),
}

/// The cart, shared through Leptos context by every component on the page.
#[derive(Clone, Copy)]
pub struct Cart {
    lines: RwSignal<CartLines>,
    saved: RwSignal<Stored>,
    /// Why the last save or load failed, for the shopper.
    pub problem: RwSignal<Option<CartProblem>>,
    /// Numbers the saves, so an answer that arrives after a newer save is dropped.
    revision: StoredValue<u64>,
    telegram: Telegram,
}

impl Cart {
    /// Creates an empty cart, provides it to the components below, and loads the saved cart
    /// once the Telegram launch data (and so initData) is known.
    pub fn provide(telegram: Telegram) -> Self {
        let cart = Cart {
            lines: RwSignal::new(CartLines::default()),
            saved: RwSignal::new(Stored::Loading),
            problem: RwSignal::new(None),
            revision: StoredValue::new(0),
            telegram,
        };
        provide_context(cart);
        Effect::new(move |loaded: Option<bool>| {
            if loaded == Some(true) {
                return true;
            }
            let init_data = telegram.launch.get().and_then(|launch| launch.init_data);
            let Some(init_data) = init_data else { return false };
            cart.fetch(init_data);
            true
        });
        cart
    }

    /// The cart provided by [`Cart::provide`].
    pub fn expect() -> Self {
        expect_context::<Cart>()
    }

    fn fetch(&self, init_data: String) {
        #[cfg(feature = "hydrate")]
        {
            let cart = *self;
            leptos::task::spawn_local(async move {
                let answer = crate::telegram::bridge::get_with_init_data("/api/cart", &init_data)
                    .await
                    .and_then(|body| {
                        Ok((
                            serde_json::from_str::<crate::cart::view::SavedLines>(&body)?,
                            body,
                        ))
                    });
                match answer {
                    Ok((lines, body)) => {
                        let saved = CartLines::from_saved(&lines);
                        let local = cart.lines.get_untracked();
                        let merged = local.merged_over(&saved);
                        cart.lines.set(merged.clone());
                        cart.saved.set(Stored::Priced(body));
                        if merged != saved {
                            cart.save();
                        }
                    }
                    Err(why) => cart.problem.set(Some(CartProblem::NotLoaded(why))),
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = init_data;
    }

    /// Saves the page's cart; the server's priced answer replaces the shown one.
    fn save(&self) {
        if self.saved.get_untracked() == Stored::Loading {
            return;
        }
        let telegram = self.telegram;
        let Some(init_data) = telegram.launch.get_untracked().and_then(|l| l.init_data) else {
            return;
        };
        let revision = self.revision.get_value() + 1;
        self.revision.set_value(revision);
        let request = serde_json::to_string(&self.checkout_request()).unwrap_or_default();
        #[cfg(feature = "hydrate")]
        {
            let cart = *self;
            leptos::task::spawn_local(async move {
                let answer = crate::telegram::bridge::put_with_init_data("/api/cart", &request, &init_data)
                    .await
                    .and_then(|body| {
                        Ok((
                            serde_json::from_str::<crate::cart::view::SavedLines>(&body)?,
                            body,
                        ))
                    });
                if cart.revision.get_value() != revision {
                    return;
                }
                match answer {
                    Ok((_, body)) => {
                        cart.problem.set(None);
                        cart.saved.set(Stored::Priced(body));
                    }
                    Err(why) => {
                        // Show what the server holds again, and say why the change did not stick.
                        telegram.haptic(Haptic::Error);
                        cart.problem.set(Some(CartProblem::NotSaved(why)));
                        cart.fetch(init_data);
                    }
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (request, init_data, revision);
    }

    /// Adds one unit of `product`; see [`CartLines::add`].
    pub fn add(&self, product: VariantId, stock: i64) -> Result<(), CartError> {
        let outcome = self
            .lines
            .try_update(|lines| lines.add(product, stock))
            .unwrap_or(Ok(()));
        if outcome.is_ok() {
            self.save();
        }
        outcome
    }

    /// Sets the units of `product` (zero removes it), with a haptic tap, and saves.
    pub fn set_quantity(&self, product: VariantId, quantity: u32) {
        self.telegram.haptic(Haptic::Tap);
        self.lines.update(|lines| lines.set(product, quantity));
        self.save();
    }

    /// Puts an earlier order's lines back into the cart, on top of what is there, and saves.
    pub fn add_again(&self, lines: &[(VariantId, u32)]) {
        self.telegram.haptic(Haptic::Tap);
        self.lines.update(|cart| {
            for &(product, units) in lines {
                cart.add_units(product, units);
            }
        });
        self.save();
    }

    /// The cart as the server last priced it, reactively.
    pub fn saved(&self) -> Saved {
        self.saved.with(Saved::from_stored)
    }

    /// The cart as the server last priced it, not tracked.
    pub fn saved_untracked(&self) -> Saved {
        self.saved.with_untracked(Saved::from_stored)
    }

    /// Units in the cart, reactively.
    pub fn item_count(&self) -> u32 {
        self.lines.with(CartLines::item_count)
    }

    /// Units of one product in the cart, reactively.
    pub fn quantity(&self, product: VariantId) -> u32 {
        self.lines.with(|lines| lines.quantity(product))
    }

    /// The cart as a checkout request (not reactive).
    pub fn checkout_request(&self) -> crate::orders::CheckoutRequest {
        self.lines.with_untracked(CartLines::checkout_request)
    }

    /// Empties the cart, e.g. once its order is paid, and saves that.
    pub fn clear(&self) {
        self.lines.set(CartLines::default());
        self.save();
    }
}
