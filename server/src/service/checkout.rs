//! Checkout: the shopper's cart priced from the catalog (in Stars when they pay in Stars),
//! with its promo code and tip, within the units one buyer may reserve of a variant, its stock
//! reserved and its services' times held (`super::booking`) in a new order (replacing the
//! buyer's unpaid one), and Telegram's invoice link
//! for that order. If Telegram cannot make the link, the order is cancelled and its stock
//! given back, so a failed checkout holds nothing.

use super::ServiceError;
use crate::clock::now_ms;
use crate::config::ProviderToken;
use crate::shop::cart::Cart;
use crate::shop::catalog::texts::shopper_language;
use crate::shop::checkout::{price_in, with_units_back, CheckoutError, PricedCart, Tender};
use crate::shop::currencies::CurrencyTable;
use crate::shop::invoice::{Invoice, TipPreset};
use crate::shop::order::BuyerName;
use crate::shop::promo_codes::{PromoCode, PromoError};
use crate::shop::tips::Tipping;
use crate::storage::events::checkout::GivenNames;
use crate::storage::orders::NewOrder;
use crate::storage::Db;
use crate::telegram::bot::ShopBot;
use crate::telegram::bot_api::CreateInvoiceLink;
use app::identity::WebAppUser;
use app::orders::{CheckoutRequest, CheckoutResponse, OrderId};

/// Checks out `request` for `buyer`: a new order awaiting payment, and the link to its
/// invoice in Telegram.
pub async fn checkout(
    db: &Db,
    bot: &ShopBot,
    buyer: &WebAppUser,
    request: &CheckoutRequest,
) -> Result<CheckoutResponse, ServiceError> {
    let priced = priced_with_promo(db, buyer, request, now_ms()).await?;
    priced.within_cap(db.shop_settings().await?.max_units_per_variant)?;
    let services = db.services().await?;
    let bookings = super::booking::plan(db, buyer.id, request, &priced, &services, now_ms()).await?;
    let provider = match (bot.provider_for(priced.currency), priced.currency.is_stars()) {
        (_, true) => None,
        (Some(token), false) => Some(token),
        (None, false) => return Err(CheckoutError::NoPaymentProvider.into()),
    };
    let tipping = tipping(db, &priced, request.tip_minor).await?;
    let now = now_ms();
    let order_id = db
        .create_order(NewOrder {
            buyer_id: buyer.id,
            buyer: &BuyerName::of(buyer),
            cart: &priced,
            tip_minor: tipping.fixed_minor(),
            max_tip_minor: tipping.max_minor(),
            now,
            expires_at: now + bot.reservation.as_millis() as i64,
            attendees: &given_names(request),
            bookings: &bookings,
            provider: provider.map(ProviderToken::provider),
        })
        .await??;
    let invoice = Invoice::for_order(order_id, &priced, &tipping, shopper_language(buyer));
    let provider_token = provider.map_or("", ProviderToken::expose);
    let invoice_link = invoice_link(db, bot, order_id, &invoice, provider_token).await?;
    Ok(CheckoutResponse {
        order_id,
        invoice_link,
    })
}

/// The attendees' names the request gives, by ticket type (a type's lines together).
fn given_names(request: &CheckoutRequest) -> GivenNames {
    let mut names = GivenNames::new();
    for line in request.lines.iter().filter(|l| !l.attendees.is_empty()) {
        names
            .entry(line.variant_id)
            .or_default()
            .extend(line.attendees.iter().cloned());
    }
    names
}

/// Asks Telegram for the link to `invoice` of order `id` and keeps it with the order; if
/// Telegram makes none, cancels the order (giving its stock back).
async fn invoice_link(
    db: &Db,
    bot: &ShopBot,
    id: OrderId,
    invoice: &Invoice,
    provider_token: &str,
) -> Result<String, ServiceError> {
    let request = CreateInvoiceLink::for_invoice(invoice, provider_token);
    match bot.api.call(&request).await {
        Ok(link) => {
            db.set_invoice_link(id, &link).await?;
            Ok(link)
        }
        Err(error) => {
            tracing::info!(order_id = %id, "cancelling an order Telegram made no invoice for");
            db.cancel_unpaid(id, now_ms()).await?;
            Err(ServiceError::NoInvoice(error))
        }
    }
}

/// `buyer`'s `request` priced from the catalog (in Stars when it asks to pay in Stars), with
/// its promo code applied at `now` when it names one. The units of the buyer's own order
/// awaiting payment count as in stock: checking out replaces that order. Its lines are named
/// in the buyer's language: the order keeps them as the buyer bought them, and the invoice
/// lists them so.
pub(super) async fn priced_with_promo(
    db: &Db,
    buyer: &WebAppUser,
    request: &CheckoutRequest,
    now: i64,
) -> Result<PricedCart, ServiceError> {
    let cart = Cart::parse(request)?;
    let mut products = db.products_in(shopper_language(buyer)).await?;
    with_units_back(&mut products, &db.units_held_by(buyer.id).await?);
    super::booking::unstock_services(&mut products, &db.service_ids().await?);
    let currencies = CurrencyTable::telegram();
    let tender = Tender::chosen(request.pay_in_stars);
    let mut priced = price_in(&cart, &products, currencies, tender)?;
    let typed = request
        .promo_code
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    if let Some(typed) = typed {
        let code = PromoCode::parse(typed).map_err(CheckoutError::Promo)?;
        let promo = db
            .promo(&code)
            .await?
            .ok_or(CheckoutError::Promo(PromoError::Unknown))?;
        priced.apply_promo(&promo, now, currencies)?;
    }
    Ok(priced)
}

/// How the buyer of `priced` tips: `chosen` in the app, or in Telegram's sheet.
pub(super) async fn tipping(
    db: &Db,
    priced: &PricedCart,
    chosen: Option<i64>,
) -> Result<Tipping, ServiceError> {
    let stars = priced.currency.is_stars();
    let preset = match stars {
        true => None,
        false => db
            .tip_preset(priced.currency)
            .await?
            .and_then(|(max, suggested)| TipPreset::parse(max, &suggested)),
    };
    Tipping::decide(stars, preset, chosen).map_err(|e| CheckoutError::Tip(e).into())
}
