//! An appointment as recorded: one order line's service with one staff member at one time,
//! and what its client may still do with it under the salon's rules.

use app::appointments::{AppointmentStatus, AppointmentView};
use app::catalog::{ProductId, VariantId};
use app::orders::OrderId;

use super::{BookingRules, StaffId};

/// An appointment, with its service's and staff member's names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Appointment {
    pub id: i64,
    pub order_id: OrderId,
    pub service_id: ProductId,
    /// The service's name in the shop's language (what the merchant reads).
    pub service: String,
    /// The service's name in its client's language, as the merchant translated it; the shop's
    /// otherwise (what every message and page to the client says).
    pub client_service: String,
    /// The order line's variant: the price its staff member was booked at.
    pub variant_id: VariantId,
    pub staff_id: StaffId,
    pub staff: String,
    pub starts_at: i64,
    pub ends_at: i64,
    /// The end of its buffer.
    pub busy_until: i64,
    pub status: AppointmentStatus,
}

impl Appointment {
    /// What it takes from its staff member's calendar: the service and its buffer.
    pub fn busy(&self) -> super::Interval {
        super::Interval::new(self.starts_at, self.busy_until.max(self.starts_at + 1))
            .expect("an appointment ends after it starts")
    }

    /// Until when its client may cancel or reschedule it themselves at `now`: booked, and
    /// before the salon's self-service window closes.
    pub fn changeable_until(&self, rules: &BookingRules, now: i64) -> Option<i64> {
        let until = self.starts_at - rules.self_service_minutes() * super::MINUTE_MS;
        (self.status == AppointmentStatus::Booked && rules.self_service_open(now, self.starts_at))
            .then_some(until)
    }

    /// What its client sees, in the salon's `time_zone`, at `now`.
    pub fn view(&self, rules: &BookingRules, time_zone: &str, now: i64) -> AppointmentView {
        AppointmentView {
            id: self.id,
            service_id: self.service_id,
            service: self.client_service.clone(),
            staff_id: self.staff_id.0,
            staff: self.staff.clone(),
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            time_zone: time_zone.to_owned(),
            status: self.status,
            changeable_until: self.changeable_until(rules, now),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: i64 = 3_600_000;

    fn booked_at(starts_at: i64) -> Appointment {
        Appointment {
            id: 1,
            order_id: OrderId(2),
            service_id: ProductId(3),
            service: "Haircut".into(),
            client_service: "Coupe".into(),
            variant_id: app::catalog::VariantId(5),
            staff_id: StaffId(4),
            staff: "Anna".into(),
            starts_at,
            ends_at: starts_at + HOUR,
            busy_until: starts_at + HOUR,
            status: AppointmentStatus::Booked,
        }
    }

    #[test]
    fn a_booked_appointment_is_the_clients_to_change_until_the_window_closes() {
        let rules = BookingRules::default();
        let start = 100 * HOUR;
        let booked = booked_at(start);
        assert_eq!(
            booked.changeable_until(&rules, start - 25 * HOUR),
            Some(start - 24 * HOUR)
        );
        assert_eq!(
            booked.changeable_until(&rules, start - 24 * HOUR),
            Some(start - 24 * HOUR)
        );
        assert_eq!(booked.changeable_until(&rules, start - 24 * HOUR + 1), None);
        let held = Appointment {
            status: AppointmentStatus::Held,
            ..booked
        };
        assert_eq!(held.changeable_until(&rules, 0), None);
        assert_eq!(held.view(&rules, "Europe/Paris", 0).time_zone, "Europe/Paris");
    }
}
