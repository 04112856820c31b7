//! No double booking, on SQLite and PostgreSQL alike: an appointment or a hold claims every
//! 5-minute cell of absolute time that its service and buffer touch, one row per staff member
//! and cell, primary-keyed on `(staff, cell)` and written in the booking's transaction. Two
//! bookings of one staff member overlap exactly when they share a cell, so the second one's
//! insert fails on the key, whatever the concurrency; PostgreSQL's exclusion constraint would do
//! it alone, SQLite has none, and this one design is correct on both.
//!
//! Why cells of [`CELL_MS`] and not of the salon's step: every slot starts on an absolute
//! 5-minute mark (see the [module](super) header), and when both bookings start on a cell
//! boundary, sharing a cell is the same as overlapping; cells of the step would be misaligned
//! with slots counted from a range starting at 09:05, or in a zone 5:30 from UTC with an hourly
//! step, and claims written under a 15-minute step would not meet those written after the
//! salon chose 30. The price is twelve rows an hour of booked time.
//!
//! A start off the grid (not made by [`super::slots`]) still claims every cell it touches: an
//! overlap is never missed, and a neighbour sharing its partial cell is refused too.

use super::{Interval, StaffId, GRAIN_MINUTES, MINUTE_MS};

/// The claims' cell: 5 minutes, in milliseconds.
pub const CELL_MS: i64 = GRAIN_MINUTES * MINUTE_MS;

/// One staff member's 5-minute cell of absolute time, taken by one booking: the primary key of
/// a claim row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Claim {
    /// Whose time.
    pub staff: StaffId,
    /// Which cell: the unix milliseconds of its start divided by [`CELL_MS`].
    pub cell: i64,
}

/// The claims of `staff`'s booking taking `booked` (its service's duration plus buffer, see
/// [`Interval::booked`]): every cell the interval touches, in order.
pub fn claims(staff: StaffId, booked: Interval) -> Vec<Claim> {
    let first = booked.start().div_euclid(CELL_MS);
    let last = (booked.end() - 1).div_euclid(CELL_MS);
    (first..=last).map(|cell| Claim { staff, cell }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const MINUTE: i64 = 60_000;
    /// 2027-03-30T09:00 in Paris.
    const NINE: i64 = 1_806_390_000_000;
    const ANNA: StaffId = StaffId(1);

    fn cells(start: i64, end: i64) -> Vec<i64> {
        let interval = Interval::new(start, end).unwrap();
        claims(ANNA, interval).iter().map(|claim| claim.cell).collect()
    }

    fn share(a: Interval, b: Interval) -> bool {
        let a = claims(ANNA, a);
        claims(ANNA, b).iter().any(|claim| a.contains(claim))
    }

    #[test]
    fn a_booking_claims_each_five_minute_cell_of_its_service_and_buffer() {
        let first = NINE / CELL_MS;
        assert_eq!(NINE % CELL_MS, 0);
        // 45 minutes and a 15-minute buffer: 09:00 to 10:00, twelve cells.
        assert_eq!(
            cells(NINE, NINE + 60 * MINUTE),
            (first..first + 12).collect::<Vec<_>>()
        );
        assert_eq!(cells(NINE, NINE + 5 * MINUTE), [first]);
    }

    #[test]
    fn back_to_back_bookings_claim_different_cells_and_overlapping_ones_a_common_cell() {
        let haircut = Interval::new(NINE, NINE + 60 * MINUTE).unwrap();
        let next = Interval::new(NINE + 60 * MINUTE, NINE + 90 * MINUTE).unwrap();
        assert!(!share(haircut, next));
        let early = Interval::new(NINE + 55 * MINUTE, NINE + 90 * MINUTE).unwrap();
        assert!(share(haircut, early));
    }

    #[test]
    fn a_start_off_the_grid_claims_its_partial_cell_and_refuses_a_neighbour_sharing_it() {
        assert_eq!(
            cells(NINE + 2 * MINUTE, NINE + 7 * MINUTE),
            [NINE / CELL_MS, NINE / CELL_MS + 1]
        );
        let off_grid = Interval::new(NINE + 2 * MINUTE, NINE + 30 * MINUTE).unwrap();
        let before = Interval::new(NINE - 30 * MINUTE, NINE + MINUTE).unwrap();
        assert!(!before.overlaps(off_grid));
        assert!(share(before, off_grid), "conservative: never a missed overlap");
    }

    #[test]
    fn claims_hold_before_1970_too() {
        assert_eq!(cells(-CELL_MS, 1), [-1, 0]);
    }

    proptest! {
        /// Any two bookings that overlap share a cell, wherever they start.
        #[test]
        fn overlapping_bookings_always_share_a_cell(
            a in -10_000_000i64..10_000_000,
            a_len in 1i64..10_000_000,
            b in -10_000_000i64..10_000_000,
            b_len in 1i64..10_000_000,
        ) {
            let (a, b) = (Interval::new(a, a + a_len).unwrap(), Interval::new(b, b + b_len).unwrap());
            prop_assert!(!a.overlaps(b) || share(a, b));
        }

        /// Bookings starting on 5-minute marks (every slot does) share a cell exactly when they
        /// overlap, whatever their lengths.
        #[test]
        fn bookings_starting_on_the_grid_share_a_cell_exactly_when_they_overlap(
            a in -40i64..40,
            a_len in 1i64..10_000_000,
            b in -40i64..40,
            b_len in 1i64..10_000_000,
        ) {
            let a = Interval::new(a * CELL_MS, a * CELL_MS + a_len).unwrap();
            let b = Interval::new(b * CELL_MS, b * CELL_MS + b_len).unwrap();
            prop_assert_eq!(a.overlaps(b), share(a, b));
        }
    }
}
