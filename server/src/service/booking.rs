//! The appointments a checkout books: each line of a salon service needs a chosen time (and a
//! quantity of 1), which is checked against the salon's calendar as read now
//! (`crate::shop::appointments::booking::choose`); a time on a line of anything else is
//! refused. The order's transaction then claims the time (`crate::storage::salon::booking`).
//!
//! The buyer's own order awaiting payment does not count as taking time: their checkout
//! replaces it, so they may choose the same time again.

use super::ServiceError;
use crate::shop::appointments::booking::{choose, Booking, Choice, Performer};
use crate::shop::appointments::staff::Service;
use crate::shop::appointments::{Appointment, Hours, SlotQuery, Staff, StaffId, StaffMember};
use crate::shop::catalog::Product;
use crate::shop::checkout::{CheckoutError, PricedCart};
use crate::storage::Db;
use app::appointments::AppointmentChoice;
use app::catalog::{ProductId, VariantId};
use app::identity::UserId;
use app::orders::CheckoutRequest;
use std::collections::BTreeMap;

const DAY_MS: i64 = 86_400_000;

/// The bookings of `request`'s service lines (priced in `priced`) for `buyer` at `now`.
pub(super) async fn plan(
    db: &Db,
    buyer: UserId,
    request: &CheckoutRequest,
    priced: &PricedCart,
    services: &[Service],
    now: i64,
) -> Result<Vec<Booking>, ServiceError> {
    let mut choices: BTreeMap<VariantId, AppointmentChoice> = BTreeMap::new();
    for line in &request.lines {
        if let Some(choice) = line.appointment {
            if choices.insert(line.variant_id, choice).is_some() {
                return Err(refused("an order books one time per staff member and service"));
            }
        }
    }
    let mut wanted = Vec::new();
    for line in &priced.lines {
        let choice = choices.remove(&line.variant_id);
        match (services.iter().find(|s| s.id == line.product_id), choice) {
            (Some(service), Some(choice)) if line.quantity == 1 => wanted.push((line, service, choice)),
            (Some(_), Some(_)) => {
                return Err(refused(format!(
                    "{} is booked one appointment at a time",
                    line.name
                )));
            }
            (Some(_), None) => return Err(refused(format!("{}: pick a time for it", line.name))),
            (None, Some(_)) => return Err(refused(format!("{} is not booked by time", line.name))),
            (None, None) => {}
        }
    }
    if wanted.is_empty() {
        return Ok(Vec::new());
    }
    let mut bookings = Vec::with_capacity(wanted.len());
    for (line, service, choice) in wanted {
        let choice = Choice {
            starts_at: choice.starts_at,
            staff: choice.staff.map(StaffId),
        };
        let booking = choose_time(db, service, line.variant_id, choice, now, Except::Buyer(buyer)).await?;
        bookings.push(booking);
    }
    Ok(bookings)
}

/// A service's variants hold no stock (their time is what is booked): marks them as plenty,
/// so pricing never refuses them as sold out.
pub(super) fn unstock_services(catalog: &mut [Product], services: &[ProductId]) {
    for product in catalog.iter_mut().filter(|p| services.contains(&p.id)) {
        for variant in &mut product.variants {
            variant.stock = i64::MAX / 2;
        }
    }
}

fn refused(why: impl Into<String>) -> ServiceError {
    CheckoutError::AppointmentTime(why.into()).into()
}

/// Whose time does not count as taken when a time is chosen.
pub(super) enum Except<'a> {
    /// The holds of this buyer's order awaiting payment, which their checkout replaces.
    Buyer(UserId),
    /// This appointment, which is being moved.
    Appointment(&'a Appointment),
}

/// Checks `choice` for `service` at the price of `variant` against the salon's calendar as
/// read now (see `crate::shop::appointments::booking::choose`), leaving `except` out.
pub(super) async fn choose_time(
    db: &Db,
    service: &Service,
    variant: VariantId,
    choice: Choice,
    now: i64,
    except: Except<'_>,
) -> Result<Booking, ServiceError> {
    let rules = db.booking_rules().await?;
    let zone = db.shop_settings().await?.time_zone;
    let members: Vec<StaffMember> = db
        .staff_members()
        .await?
        .into_iter()
        .filter(|m| !m.archived)
        .collect();
    let ids: Vec<StaffId> = members.iter().map(|m| m.id).collect();
    let hours: Vec<Hours> = members.iter().map(StaffMember::hours).collect();
    let start = choice.starts_at;
    let buyer = match except {
        Except::Buyer(buyer) => Some(buyer),
        Except::Appointment(_) => None,
    };
    let mut busy = db
        .busy(&ids, start - 2 * DAY_MS, start + 2 * DAY_MS, now, buyer)
        .await?;
    if let Except::Appointment(own) = except {
        if let Some(taken) = busy.get_mut(&own.staff_id) {
            taken.retain(|span| *span != own.busy());
        }
    }
    let performers: Vec<Performer<'_>> = service
        .staff
        .iter()
        .filter_map(|(id, variant)| {
            let at = members.iter().position(|m| m.id == *id)?;
            Some(Performer {
                calendar: Staff {
                    id: *id,
                    hours: &hours[at],
                    busy: busy.get(id).map_or(&[], Vec::as_slice),
                },
                name: &members[at].details.name,
                variant: *variant,
            })
        })
        .collect();
    let query = SlotQuery {
        zone: &zone,
        rules: &rules,
        service: service.length,
        now,
    };
    Ok(choose(&query, service.id, variant, choice, &performers).map_err(CheckoutError::Booking)?)
}
