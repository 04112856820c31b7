//! An appointment's "Add to calendar" file (RFC 5545, written by the `icalendar` crate): one
//! event, its times in UTC (every calendar app shows them in the device's zone), its UID stable
//! across moves so that importing the file again updates the same entry.

use icalendar::{Calendar, Component, Event, EventLike};

use super::Appointment;

/// The file's name, e.g. `appointment-12.ics`.
pub fn file_name(appointment: &Appointment) -> String {
    format!("appointment-{}.ics", appointment.id)
}

/// The calendar file of `appointment` at `shop_name`, whose Mini App is at `shop_url` (its
/// host names the UID's domain).
pub fn ics(appointment: &Appointment, shop_name: &str, shop_url: &str) -> String {
    let at = |ms: i64| chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default();
    let host = shop_url
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split(['/', ':']).next())
        .filter(|host| !host.is_empty())
        .unwrap_or("shop.invalid");
    let event = Event::new()
        .uid(&format!("appointment-{}@{host}", appointment.id))
        .summary(&format!("{} — {}", appointment.client_service, appointment.staff))
        .description(&format!(
            "{shop_name}: {} with {}.",
            appointment.service, appointment.staff
        ))
        .location(shop_name)
        .starts(at(appointment.starts_at))
        .ends(at(appointment.ends_at))
        .done();
    let mut calendar = Calendar::new();
    calendar.push(event);
    calendar.done().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shop::appointments::StaffId;
    use app::appointments::AppointmentStatus;
    use app::catalog::ProductId;
    use app::orders::OrderId;

    #[test]
    fn the_file_holds_one_event_in_utc_with_a_stable_uid() {
        let appointment = Appointment {
            id: 12,
            order_id: OrderId(3),
            service_id: ProductId(4),
            service: "Haircut".into(),
            client_service: "Haircut".into(),
            variant_id: app::catalog::VariantId(5),
            staff_id: StaffId(1),
            staff: "Anna".into(),
            // 2027-03-30 10:30 in Paris (UTC+2).
            starts_at: 1_806_395_400_000,
            ends_at: 1_806_398_100_000,
            busy_until: 1_806_398_100_000,
            status: AppointmentStatus::Booked,
        };
        let file = ics(&appointment, "Salon Camille", "https://shop.example/shop");
        assert!(file.starts_with("BEGIN:VCALENDAR\r\n"), "{file}");
        assert!(file.contains("BEGIN:VEVENT\r\n"));
        assert!(file.contains("DTSTART:20270330T083000Z\r\n"), "{file}");
        assert!(file.contains("DTEND:20270330T091500Z\r\n"), "{file}");
        assert!(file.contains("UID:appointment-12@shop.example\r\n"), "{file}");
        assert!(file.contains("SUMMARY:Haircut — Anna\r\n"), "{file}");
        assert!(file.contains("LOCATION:Salon Camille\r\n"), "{file}");
        assert_eq!(file_name(&appointment), "appointment-12.ics");
    }
}
