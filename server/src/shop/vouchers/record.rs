//! A voucher as the shop keeps it, with what its holder sees of its event, and the view the
//! Mini App shows: the QR code of its signed text and the short code under it.

use super::qr::qr_svg;
use super::qr_text::qr_text;
use super::{ShopKey, VoucherCode};
use app::events::{EventId, Venue, VoucherStatus, VoucherView};
use app::orders::OrderId;

/// How long after its start (or its end, when it has one) an event still counts at the door
/// and in the holder's tickets: a late door, an evening that runs long.
pub const STILL_ON_MS: i64 = 12 * 60 * 60 * 1000;

/// A voucher with its event's details.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Voucher {
    pub code: VoucherCode,
    pub status: VoucherStatus,
    pub order_id: OrderId,
    pub event: EventId,
    pub event_name: String,
    /// Unix ms; 0 for a ticket product without event details.
    pub starts_at: i64,
    /// The shop's IANA time zone.
    pub time_zone: String,
    pub venue: Venue,
    pub ticket_type: String,
    pub attendee: Option<String>,
    pub checked_in_at: Option<i64>,
}

impl Voucher {
    /// What its holder sees: the QR code of its text signed with `key`, the short code grouped.
    pub fn view(&self, key: &ShopKey) -> VoucherView {
        let text = qr_text(key, self.event, &self.code);
        VoucherView {
            code: self.code.grouped(),
            qr_svg: qr_svg(&text).unwrap_or_default(),
            status: self.status,
            order_id: self.order_id,
            event_id: self.event,
            event_name: self.event_name.clone(),
            starts_at: self.starts_at,
            time_zone: self.time_zone.clone(),
            venue: self.venue.clone(),
            ticket_type: self.ticket_type.clone(),
            attendee: self.attendee.clone(),
            checked_in_at: self.checked_in_at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::catalog::ProductId;

    #[test]
    fn the_view_shows_the_grouped_code_and_a_qr_code_of_the_signed_text() {
        let key = ShopKey::generate();
        let voucher = Voucher {
            code: VoucherCode::generate(),
            status: VoucherStatus::Valid,
            order_id: OrderId(3),
            event: ProductId(9),
            event_name: "Jazz Night".into(),
            starts_at: 1_800_000_000_000,
            time_zone: "Europe/Berlin".into(),
            venue: Venue {
                name: "Old Harbour".into(),
                address: "Quay 1".into(),
                map_url: None,
            },
            ticket_type: "Seated".into(),
            attendee: Some("Ada".into()),
            checked_in_at: None,
        };
        let view = voucher.view(&key);
        assert_eq!(view.code, voucher.code.grouped());
        assert!(view.qr_svg.starts_with("<svg "), "{}", view.qr_svg);
        assert_eq!(
            (view.event_id, view.order_id, view.attendee.as_deref()),
            (ProductId(9), OrderId(3), Some("Ada"))
        );
    }
}
