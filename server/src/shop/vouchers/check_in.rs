//! A check-in at the door, as rules: the nonce a scanner sends with each scan (so a retried
//! request gets the same answer), what a genuine voucher's state means for the event being
//! scanned, and who may scan. Storage applies the verdict with one conditional update, so two
//! doors scanning one ticket at once admit it once. Must not: do I/O.

use app::events::{CheckInOutcome, EventId, VoucherStatus};
use app::identity::UserId;

/// The nonce a scanner picks per scan: 16 to 64 characters of `[A-Za-z0-9_-]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Nonce(String);

impl Nonce {
    /// The nonce as sent, if it has a nonce's shape.
    pub fn parse(text: &str) -> Option<Self> {
        let allowed = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'-';
        let shaped = (16..=64).contains(&text.len()) && text.bytes().all(allowed);
        shaped.then(|| Nonce(text.to_owned()))
    }

    /// The nonce, as storage keys the answer by it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A genuine voucher as the door finds it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    /// The event (later: the service) it admits to.
    pub event: EventId,
    pub status: VoucherStatus,
}

/// What the door does with a genuine voucher scanned for `scanning`: refused when revoked
/// (whichever event), then when it is another event's; else admitted if still valid (the
/// caller's conditional update decides between two doors), or already checked in.
pub fn verdict(found: Found, scanning: EventId) -> CheckInOutcome {
    match found.status {
        VoucherStatus::Revoked => CheckInOutcome::Revoked,
        _ if found.event != scanning => CheckInOutcome::WrongEvent,
        VoucherStatus::Valid => CheckInOutcome::Admitted,
        VoucherStatus::CheckedIn => CheckInOutcome::AlreadyCheckedIn,
    }
}

/// Whether `user` may scan an event's tickets: the shop's admins always, others when the
/// merchant named them staff of that event (`is_staff`).
pub fn may_scan(user: UserId, admins: &[UserId], is_staff: bool) -> bool {
    admins.contains(&user) || is_staff
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::catalog::ProductId;

    #[test]
    fn nonces_have_a_shape() {
        for good in ["abcdefghijklmnop", "A-b_C-d_0123456789", &"x".repeat(64)] {
            assert_eq!(
                Nonce::parse(good).map(|n| n.as_str().to_owned()),
                Some(good.to_owned())
            );
        }
        for bad in [
            "",
            "short",
            &"x".repeat(15),
            &"x".repeat(65),
            "abcdefghijklmno p",
            "abcdefghijklmnop/",
            "абвгдежзийклмноп",
        ] {
            assert_eq!(Nonce::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_valid_ticket_for_this_event_is_admitted_once() {
        let event = ProductId(7);
        let found = |status| Found { event, status };
        assert_eq!(
            verdict(found(VoucherStatus::Valid), event),
            CheckInOutcome::Admitted
        );
        assert_eq!(
            verdict(found(VoucherStatus::CheckedIn), event),
            CheckInOutcome::AlreadyCheckedIn
        );
        assert_eq!(
            verdict(found(VoucherStatus::Revoked), event),
            CheckInOutcome::Revoked
        );
    }

    #[test]
    fn another_event_s_ticket_is_wrong_unless_revoked() {
        let other = ProductId(8);
        for (status, outcome) in [
            (VoucherStatus::Valid, CheckInOutcome::WrongEvent),
            (VoucherStatus::CheckedIn, CheckInOutcome::WrongEvent),
            (VoucherStatus::Revoked, CheckInOutcome::Revoked),
        ] {
            let found = Found {
                event: ProductId(7),
                status,
            };
            assert_eq!(verdict(found, other), outcome, "{status:?}");
        }
    }

    #[test]
    fn admins_and_the_event_s_staff_may_scan() {
        let admins = [UserId(1), UserId(2)];
        assert!(may_scan(UserId(2), &admins, false));
        assert!(may_scan(UserId(3), &admins, true));
        assert!(!may_scan(UserId(3), &admins, false));
    }
}
