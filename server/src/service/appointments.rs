//! A client's own changes to their booked appointment, within the salon's rules (until the
//! self-service window closes, 24 hours before by default):
//!
//! - **cancel**: its time is free again and its voucher revoked; when the salon refunds
//!   cancellations, Stars are refunded through the outbox in the cancellation's own transaction
//!   (so exactly once), and a card payment is the salon's to refund with its provider (the
//!   merchant is told in the same transaction). An order holding more than this appointment is
//!   not refunded whole: the merchant settles it.
//! - **reschedule**: to one of the salon's free times (its own current time left out), with a
//!   staff member at the same price; the claims move in one transaction, and the bot sends the
//!   new confirmation with its calendar file (same UID: calendars update the entry).

use super::booking::{choose_time, Except};
use super::ServiceError;
use crate::shop::appointments::booking::Choice;
use crate::shop::appointments::{Appointment, StaffId};
use crate::shop::checkout::CheckoutError;
use crate::shop::order::OrderRecord;
use crate::storage::salon::calendar::MoveRefusal;
use crate::storage::Db;
use crate::telegram::updates::messages;
use crate::telegram::updates::salon::{self, Refund};
use app::appointments::{AppointmentChoice, AppointmentStatus};
use app::i18n::td_string;
use app::identity::{ChatId, UserId};

/// Where the bot's messages lead and who hears about refunds due.
pub struct Notify<'a> {
    pub shop_url: &'a str,
    pub admins: &'a [UserId],
}

/// Cancels `client`'s appointment `id` at `now`; the appointment as it was and its refund.
pub async fn cancel(
    db: &Db,
    notify: &Notify<'_>,
    client: UserId,
    id: i64,
    now: i64,
) -> Result<(Appointment, Refund), ServiceError> {
    let (_, order) = changeable(db, client, id, now).await?;
    let rules = db.booking_rules().await?;
    let shop = db.shop_settings().await?;
    let language = language_of(db, client).await?;
    let whole_order = order.lines.len() == 1;
    let refund = match (
        rules.refund_cancellations(),
        order.currency.is_stars(),
        &order.charge_id,
    ) {
        (false, _, _) => Refund::None,
        (true, true, Some(_)) if whole_order => Refund::Stars,
        (true, _, _) => Refund::Card,
    };
    let merchants = db.merchant_readers(&shop, notify.admins).await?;
    let tell = |cancelled: &Appointment, chat: ChatId| {
        let mut out = vec![(
            chat,
            salon::cancelled(&language, cancelled, &shop.time_zone, refund),
        )];
        match (refund, &order.charge_id) {
            (Refund::Stars, Some(charge)) => out.push((chat, messages::refund_stars(charge))),
            (Refund::Card, _) => out.extend(merchants.iter().map(|(chat, locale)| {
                let (service, staff) = (cancelled.service.as_str(), cancelled.staff.as_str());
                let number = cancelled.order_id.0;
                let text = td_string!(locale, bot_m_client_cancelled, service, staff, number);
                (chat, messages::merchant_alert(&text.to_string()))
            })),
            _ => {}
        }
        out
    };
    let cancelled = db.cancel_appointment(id, now, tell).await?;
    let cancelled = cancelled.ok_or_else(|| not_changeable("it is no longer booked"))?;
    tracing::info!(
        appointment_id = id,
        ?refund,
        "a client cancelled their appointment"
    );
    Ok((cancelled, refund))
}

/// Moves `client`'s appointment `id` to `choice` at `now`; the appointment after.
pub async fn reschedule(
    db: &Db,
    notify: &Notify<'_>,
    client: UserId,
    id: i64,
    choice: AppointmentChoice,
    now: i64,
) -> Result<Appointment, ServiceError> {
    let (appointment, _) = changeable(db, client, id, now).await?;
    let service = db
        .service(appointment.service_id)
        .await?
        .ok_or_else(|| not_changeable("its service is no longer offered"))?;
    let choice = Choice {
        starts_at: choice.starts_at,
        staff: choice.staff.map(StaffId),
    };
    let except = Except::Appointment(&appointment);
    let booking = choose_time(db, &service, appointment.variant_id, choice, now, except).await?;
    let shop = db.shop_settings().await?;
    let language = language_of(db, client).await?;
    let confirm = |moved: &Appointment| {
        salon::booked(
            &language,
            moved,
            &shop.time_zone,
            shop.name.as_str(),
            notify.shop_url,
        )
    };
    for (staff, _) in &booking.candidates {
        match db
            .move_appointment(id, *staff, booking.start, now, confirm)
            .await?
        {
            Ok(moved) => return Ok(moved),
            Err(MoveRefusal::Taken) => continue,
            Err(MoveRefusal::NotFound | MoveRefusal::NotBooked(_)) => {
                return Err(not_changeable("it is no longer booked"));
            }
        }
    }
    Err(CheckoutError::Booking(booking.taken()).into())
}

/// `client`'s appointment `id` with its order, if they may still change it at `now`.
async fn changeable(
    db: &Db,
    client: UserId,
    id: i64,
    now: i64,
) -> Result<(Appointment, OrderRecord), ServiceError> {
    let appointment = db
        .appointment(id)
        .await?
        .ok_or(ServiceError::NoSuchAppointment(id))?;
    let order = db
        .order(appointment.order_id)
        .await?
        .filter(|order| order.buyer_id == client)
        .ok_or(ServiceError::NoSuchAppointment(id))?;
    if appointment.status != AppointmentStatus::Booked {
        return Err(not_changeable("it is not booked"));
    }
    let rules = db.booking_rules().await?;
    if appointment.changeable_until(&rules, now).is_none() {
        let hours = rules.self_service_minutes() / 60;
        return Err(not_changeable(&format!(
            "the salon lets clients change an appointment until {hours} hours before it; please contact the salon"
        )));
    }
    Ok((appointment, order))
}

/// The client's Telegram language, as their last checkout gave it.
async fn language_of(db: &Db, client: UserId) -> Result<String, ServiceError> {
    Ok(db
        .buyer_name(client)
        .await?
        .map(|b| b.language_code)
        .unwrap_or_default())
}

fn not_changeable(why: &str) -> ServiceError {
    ServiceError::AppointmentNotChangeable(format!("You cannot change this appointment: {why}."))
}
