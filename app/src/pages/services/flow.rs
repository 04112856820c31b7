//! The booking flow's rules, apart from what shows them: the steps (who → day → time →
//! summary) and where the BackButton leads from each, the checkout line a choice makes, and
//! whether a time the client chose is lost after the payment sheet closed unpaid.

use crate::appointments::{AppointmentChoice, AppointmentStatus, ServiceStaffView, Slot};
use crate::orders::{CheckoutLine, CheckoutRequest, OrderStatus, OrderView};

/// Whom the client books.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Who {
    /// Anyone available: the first staff member free at the chosen time.
    Anyone,
    /// This staff member.
    Staff(i64),
}

impl Who {
    /// The `staff` parameter of the dates and slots questions.
    pub(super) fn query(self) -> String {
        match self {
            Who::Anyone => String::new(),
            Who::Staff(id) => format!("staff={id}"),
        }
    }
}

/// Where the client is in the flow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Step {
    /// Choosing the staff member, or anyone.
    Who,
    /// Choosing a day on the strip.
    Day,
    /// Choosing a time of the chosen day (the strip stays above, to change the day).
    Time,
    /// Reading what will be paid; the MainButton pays.
    Summary,
}

impl Step {
    /// The step of a flow where the client has chosen who, a day and a time (or not yet).
    pub(super) fn of(who: bool, day: bool, time: bool) -> Step {
        match (who, day, time) {
            (false, _, _) => Step::Who,
            (true, false, _) => Step::Day,
            (true, true, false) => Step::Time,
            (true, true, true) => Step::Summary,
        }
    }

    /// The step the BackButton leads to, `None` to leave the service; with a single staff
    /// member there is no one to choose, so the day is the first step.
    pub(super) fn back(self, single: bool) -> Option<Step> {
        match self {
            Step::Summary => Some(Step::Time),
            Step::Time => Some(Step::Day),
            Step::Day if single => None,
            Step::Day => Some(Step::Who),
            Step::Who => None,
        }
    }
}

/// Who performs the appointment at `slot`: the staff member chosen, or for anyone the first
/// the server lists free then (whom checkout books).
pub(super) fn performer<'a>(
    staff: &'a [ServiceStaffView],
    who: Who,
    slot: &Slot,
) -> Option<&'a ServiceStaffView> {
    let id = match who {
        Who::Staff(id) => id,
        Who::Anyone => *slot.staff.first()?,
    };
    staff.iter().find(|member| member.id == id)
}

/// The checkout of one appointment: the performer's variant (their price), at `slot`, with
/// the staff member chosen or anyone.
pub(super) fn checkout(performer: &ServiceStaffView, who: Who, slot: &Slot) -> CheckoutRequest {
    CheckoutRequest {
        lines: vec![CheckoutLine {
            variant_id: performer.variant_id,
            quantity: 1,
            attendees: Vec::new(),
            appointment: Some(AppointmentChoice {
                starts_at: slot.starts_at,
                staff: match who {
                    Who::Staff(id) => Some(id),
                    Who::Anyone => None,
                },
            }),
        }],
        promo_code: None,
        tip_minor: None,
        pay_in_stars: false,
    }
}

/// After the payment sheet closed unpaid: is the time the client chose at `starts_at` gone?
/// Not while the client's own order still holds it (awaiting payment, not lapsed at `now`:
/// the free times leave out held times, theirs too), nor while the salon still offers it
/// (`offered`; `None`: the question failed, so nothing is concluded).
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub(super) fn time_lost(order: Option<&OrderView>, starts_at: i64, offered: Option<bool>, now: i64) -> bool {
    let held = order.is_some_and(|order| {
        order.status == OrderStatus::AwaitingPayment
            && order.expires_at > now
            && order
                .appointments
                .iter()
                .any(|a| a.starts_at == starts_at && a.status == AppointmentStatus::Held)
    });
    !held && offered == Some(false)
}

/// The booking page in reschedule mode (`?move=<appointment>&order=<order>`, from the order
/// page): the summary's MainButton moves that appointment instead of paying, then the client
/// goes back to the order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Move {
    pub appointment: i64,
    pub order: i64,
}

impl Move {
    /// Both ids as the URL's query gives them; anything else books as usual.
    pub(super) fn parse(appointment: Option<&str>, order: Option<&str>) -> Option<Move> {
        Some(Move {
            appointment: appointment?.parse().ok().filter(|id: &i64| *id > 0)?,
            order: order?.parse().ok().filter(|id: &i64| *id > 0)?,
        })
    }

    /// `POST` path of the move.
    pub(super) fn path(self) -> String {
        format!("/api/appointments/{}/reschedule", self.appointment)
    }

    /// The choice the server is asked to move the appointment to: the time, with whom.
    pub(super) fn choice(performer: &ServiceStaffView, slot: &Slot) -> AppointmentChoice {
        AppointmentChoice {
            starts_at: slot.starts_at,
            staff: Some(performer.id),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::appointments::AppointmentView;
    use crate::catalog::{ProductId, VariantId};
    use crate::money::Money;
    use crate::orders::OrderId;

    #[test]
    fn each_choice_moves_the_flow_one_step_and_back_undoes_it() {
        assert_eq!(Step::of(false, false, false), Step::Who);
        assert_eq!(Step::of(true, false, false), Step::Day);
        assert_eq!(Step::of(true, true, false), Step::Time);
        assert_eq!(Step::of(true, true, true), Step::Summary);
        assert_eq!(Step::Summary.back(false), Some(Step::Time));
        assert_eq!(Step::Time.back(false), Some(Step::Day));
        assert_eq!(Step::Day.back(false), Some(Step::Who));
        assert_eq!(Step::Who.back(false), None, "back to the services");
    }

    #[test]
    fn with_one_staff_member_back_from_the_days_leaves_the_service() {
        assert_eq!(Step::Day.back(true), None);
        assert_eq!(Step::Time.back(true), Some(Step::Day));
    }

    fn staff() -> Vec<ServiceStaffView> {
        let member = |id, name: &str, variant, price: &str| ServiceStaffView {
            id,
            name: name.into(),
            photo_url: None,
            variant_id: VariantId(variant),
            title: format!("{name}'s title"),
            price_label: price.into(),
        };
        vec![
            member(1, "Anna", 11, "48,00 €"),
            member(2, "Malik", 12, "35,00 €"),
        ]
    }

    fn slot(staff: Vec<i64>) -> Slot {
        Slot {
            starts_at: 1_796_722_200_000,
            time: "10:30".into(),
            staff,
        }
    }

    #[test]
    fn anyone_is_booked_with_the_first_staff_member_free_at_their_price() {
        let staff = staff();
        let both = slot(vec![2, 1]);
        let malik = performer(&staff, Who::Anyone, &both).unwrap();
        assert_eq!(malik.name, "Malik");
        let request = checkout(malik, Who::Anyone, &both);
        let line = &request.lines[0];
        assert_eq!((line.variant_id, line.quantity), (VariantId(12), 1));
        assert_eq!(
            line.appointment,
            Some(AppointmentChoice {
                starts_at: 1_796_722_200_000,
                staff: None
            })
        );
        assert_eq!(performer(&staff, Who::Anyone, &slot(vec![])), None);
    }

    #[test]
    fn a_chosen_staff_member_is_named_in_the_checkout() {
        let staff = staff();
        let anna = performer(&staff, Who::Staff(1), &slot(vec![1])).unwrap();
        let request = checkout(anna, Who::Staff(1), &slot(vec![1]));
        assert_eq!(request.lines[0].variant_id, VariantId(11));
        assert_eq!(request.lines[0].appointment.unwrap().staff, Some(1));
        let json = serde_json::to_value(&request).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"lines": [{"variant_id": 11, "quantity": 1,
                "appointment": {"starts_at": 1_796_722_200_000_i64, "staff": 1}}]})
        );
    }

    fn order(status: OrderStatus, expires_at: i64, appointment: AppointmentStatus) -> OrderView {
        let euros = |minor| Money {
            minor,
            currency: crate::money::Currency::parse("EUR").unwrap(),
        };
        OrderView {
            id: OrderId(7),
            status,
            lines: Vec::new(),
            timeline: Vec::new(),
            items_total: euros(4800),
            items_total_label: "48,00 €".into(),
            discount: None,
            shipping_label: String::new(),
            tip_label: String::new(),
            shipping: euros(0),
            tip: euros(0),
            total: euros(4800),
            total_label: "48,00 €".into(),
            created_at: 0,
            expires_at,
            paid_at: None,
            charge_id: None,
            delivery: Vec::new(),
            vouchers: Vec::new(),
            appointments: vec![AppointmentView {
                id: 1,
                service_id: ProductId(4),
                service: "Haircut".into(),
                staff_id: 1,
                staff: "Anna".into(),
                starts_at: 1_796_722_200_000,
                ends_at: 1_796_724_900_000,
                time_zone: "Europe/Paris".into(),
                status: appointment,
                changeable_until: None,
            }],
            deliveries: Vec::new(),
        }
    }

    #[test]
    fn a_time_the_clients_own_order_still_holds_is_not_lost() {
        let at = 1_796_722_200_000;
        let (now, later) = (1_000, 2_000);
        let held = order(OrderStatus::AwaitingPayment, later, AppointmentStatus::Held);
        assert!(
            !time_lost(Some(&held), at, Some(false), now),
            "hidden from the free times by its own hold"
        );
        assert!(!time_lost(None, at, Some(true), now), "still offered");
        assert!(
            !time_lost(None, at, None, now),
            "the free times could not be read"
        );
    }

    #[test]
    fn a_time_neither_held_for_the_client_nor_offered_is_lost() {
        let at = 1_796_722_200_000;
        let lapsed = order(OrderStatus::AwaitingPayment, 1_000, AppointmentStatus::Held);
        assert!(
            time_lost(Some(&lapsed), at, Some(false), 1_000),
            "the hold lapsed and another took it"
        );
        let cancelled = order(OrderStatus::Cancelled, 9_000, AppointmentStatus::Cancelled);
        assert!(time_lost(Some(&cancelled), at, Some(false), 1_000));
        let other_time = order(OrderStatus::AwaitingPayment, 9_000, AppointmentStatus::Held);
        assert!(time_lost(Some(&other_time), at + 900_000, Some(false), 1_000));
        assert!(time_lost(None, at, Some(false), 1_000));
    }

    #[test]
    fn the_reschedule_mode_needs_both_ids_from_the_url() {
        assert_eq!(
            Move::parse(Some("7"), Some("12")),
            Some(Move {
                appointment: 7,
                order: 12
            })
        );
        assert_eq!(Move::parse(None, Some("12")), None);
        assert_eq!(Move::parse(Some("7"), None), None);
        assert_eq!(Move::parse(Some("x"), Some("12")), None);
        assert_eq!(Move::parse(Some("0"), Some("12")), None);
        assert_eq!(
            Move {
                appointment: 7,
                order: 12
            }
            .path(),
            "/api/appointments/7/reschedule"
        );
    }
}
