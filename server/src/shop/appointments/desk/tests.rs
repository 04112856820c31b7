//! The desk's rules against a hand-worked Paris calendar: Anna works Tuesdays 09:00–12:30 and
//! 13:30–18:00; the haircut takes 45 minutes and 15 of buffer.

use super::*;
use crate::shop::appointments::{Hours, Interval, StaffId};
use app::catalog::{ProductId, VariantId};
use app::money::{Currency, Money};
use app::orders::{OrderId, OrderLineView, OrderStatus};
use jiff::civil::{date, Weekday};

const HOUR: i64 = 3_600_000;
const DAY: i64 = 24 * HOUR;
const HAIRCUT: ProductId = ProductId(7);

fn paris() -> TimeZone {
    TimeZone::parse("Europe/Paris").unwrap()
}

/// A local time in Paris (`2027-03-30T10:30`) in unix milliseconds.
fn at(local: &str) -> i64 {
    let local: jiff::civil::DateTime = local.parse().unwrap();
    paris().zone().to_timestamp(local).unwrap().as_millisecond()
}

fn annas_hours() -> Hours {
    Hours::parse(
        &[
            (Weekday::Tuesday, "09:00", "12:30"),
            (Weekday::Tuesday, "13:30", "18:00"),
        ],
        &[],
        &[],
    )
    .unwrap()
}

fn haircut() -> ServiceLength {
    ServiceLength::parse(45, 15).unwrap()
}

/// Moving a haircut to `local` with Anna, busy at `busy`, asked at `now`.
fn moving(local: &str, busy: &[Interval], now: &str) -> Result<(), MoveRefusal> {
    let hours = annas_hours();
    let anna = Staff {
        id: StaffId(1),
        hours: &hours,
        busy,
    };
    check_move(&paris(), haircut(), &anna, "Anna", at(local), at(now))
}

#[test]
fn a_day_runs_from_midnight_to_midnight_on_the_salons_clock() {
    let zone = paris();
    let (start, end) = day_span(&zone, date(2027, 3, 30)).unwrap();
    assert_eq!((start, end), (at("2027-03-30T00:00"), at("2027-03-31T00:00")));
    assert_eq!(end - start, 24 * HOUR);
    let spring = day_span(&zone, date(2027, 3, 28)).unwrap();
    assert_eq!(spring.1 - spring.0, 23 * HOUR, "clocks go forward");
    let autumn = day_span(&zone, date(2027, 10, 31)).unwrap();
    assert_eq!(autumn.1 - autumn.0, 25 * HOUR, "clocks go back");
    assert_eq!(local_date(&zone, at("2027-03-30T23:59")), Some(date(2027, 3, 30)));
    assert_eq!(local_date(&zone, at("2027-03-31T00:00")), Some(date(2027, 3, 31)));
}

#[test]
fn the_salon_moves_to_any_working_five_minutes_whatever_the_clients_notice_and_horizon() {
    let week_before = "2027-03-23T09:00";
    for free in [
        "2027-03-30T09:00",
        "2027-03-30T10:10",
        "2027-03-30T11:45",
        "2027-03-30T17:15",
    ] {
        assert_eq!(moving(free, &[], week_before), Ok(()), "{free}");
    }
    // Ten minutes ahead, inside the clients' two hours' notice.
    assert_eq!(moving("2027-03-30T10:15", &[], "2027-03-30T10:05"), Ok(()));
    // Seven months ahead, past the clients' 60 days.
    assert_eq!(moving("2027-10-26T10:00", &[], week_before), Ok(()));
}

#[test]
fn a_time_anna_does_not_work_or_that_has_passed_is_refused() {
    let week_before = "2027-03-23T09:00";
    for not_working in [
        "2027-03-30T08:45",
        "2027-03-30T10:12",
        "2027-03-30T12:00",
        "2027-03-30T13:00",
        "2027-03-30T17:30",
        "2027-03-31T10:00",
        "2028-04-04T10:00",
    ] {
        let refused = moving(not_working, &[], week_before).unwrap_err();
        assert!(
            matches!(refused, MoveRefusal::NotWorking { .. }),
            "{not_working}: {refused:?}"
        );
    }
    let passed = moving("2027-03-30T09:30", &[], "2027-03-30T10:00").unwrap_err();
    assert_eq!(
        passed.to_string(),
        "Anna does not work at 09:30 on 2027-03-30 for the whole appointment, or that time has passed"
    );
}

#[test]
fn a_time_another_appointment_has_is_taken() {
    let busy = [Interval::new(at("2027-03-30T14:00"), at("2027-03-30T15:00")).unwrap()];
    let week_before = "2027-03-23T09:00";
    for taken in ["2027-03-30T13:30", "2027-03-30T14:30", "2027-03-30T14:55"] {
        assert_eq!(
            moving(taken, &busy, week_before),
            Err(MoveRefusal::Taken {
                time: taken[11..].to_owned(),
                staff: "Anna".into()
            }),
            "{taken}"
        );
    }
    assert_eq!(moving("2027-03-30T15:00", &busy, week_before), Ok(()));
    assert_eq!(
        moving("2027-03-30T14:30", &busy, week_before)
            .unwrap_err()
            .to_string(),
        "14:30 with Anna is taken by another appointment"
    );
}

fn order(currency: &str, lines: &[(ProductId, i64)], status: OrderStatus) -> OrderRecord {
    let currency = Currency::parse(currency).unwrap();
    let lines: Vec<OrderLineView> = lines
        .iter()
        .map(|&(product_id, minor)| OrderLineView {
            product_id,
            variant_id: VariantId(product_id.0 * 10),
            name: "Line".into(),
            unit_price: Money::new(minor, currency),
            quantity: 1,
        })
        .collect();
    OrderRecord {
        id: OrderId(17),
        buyer_id: app::identity::UserId(2001),
        status,
        currency,
        items_minor: lines.iter().map(|l| l.unit_price.minor).sum(),
        discount_minor: 0,
        promo_code: None,
        shipping_minor: 0,
        tip_minor: 0,
        max_tip_minor: 0,
        needs_shipping: false,
        reserved: false,
        created_at: 0,
        expires_at: 0,
        paid_at: Some(0),
        lines,
        timeline: Vec::new(),
        order_info: None,
        charge_id: Some("charge-17".into()),
        replaced_by: None,
        source: None,
        provider: None,
        buyer_language: String::new(),
    }
}

fn appointment() -> Appointment {
    Appointment {
        id: 1,
        order_id: OrderId(17),
        service_id: HAIRCUT,
        service: "Haircut".into(),
        client_service: "Haircut".into(),
        variant_id: app::catalog::VariantId(70),
        staff_id: StaffId(1),
        staff: "Anna".into(),
        starts_at: at("2027-03-30T10:30"),
        ends_at: at("2027-03-30T11:15"),
        busy_until: at("2027-03-30T11:30"),
        status: AppointmentStatus::Booked,
    }
}

#[test]
fn an_order_of_only_this_appointment_is_refunded_whole() {
    let stars = order("XTR", &[(HAIRCUT, 250)], OrderStatus::Paid);
    assert_eq!(
        refund_due(&stars, &appointment()),
        RefundDue::Stars {
            charge_id: "charge-17".into(),
            minor: 250
        }
    );
    let mut card = order("EUR", &[(HAIRCUT, 4800)], OrderStatus::Paid);
    card.tip_minor = 500;
    card.discount_minor = 480;
    assert_eq!(refund_due(&card, &appointment()), RefundDue::Card { minor: 4820 });
    assert_eq!(refund_due(&card, &appointment()).minor(), 4820);
}

#[test]
fn an_order_holding_more_leaves_the_appointments_part_to_the_merchant() {
    let mixed = order("XTR", &[(HAIRCUT, 250), (ProductId(3), 40)], OrderStatus::Paid);
    assert_eq!(refund_due(&mixed, &appointment()), RefundDue::Part { minor: 250 });
}

#[test]
fn nothing_is_owed_for_an_order_refunded_already_or_never_charged() {
    let refunded = order("EUR", &[(HAIRCUT, 4800)], OrderStatus::Refunded);
    assert_eq!(refund_due(&refunded, &appointment()), RefundDue::Nothing);
    let mut uncharged = order("EUR", &[(HAIRCUT, 4800)], OrderStatus::Paid);
    uncharged.charge_id = None;
    assert_eq!(refund_due(&uncharged, &appointment()), RefundDue::Nothing);
    assert_eq!(RefundDue::Nothing.minor(), 0);
}

fn at_desk(status: AppointmentStatus, starts_at: &str) -> Option<AtDesk> {
    Some(AtDesk {
        status,
        starts_at: at(starts_at),
    })
}

#[test]
fn a_booked_appointment_is_served_at_the_desk_on_its_day_only() {
    use AppointmentStatus as A;
    use CheckInOutcome as O;
    let zone = paris();
    let morning = at("2027-03-30T08:00");
    let verdict = |voucher, appointment| desk_verdict(voucher, appointment, &zone, morning);
    assert_eq!(
        verdict(VoucherStatus::Valid, at_desk(A::Booked, "2027-03-30T10:30")),
        O::Admitted
    );
    assert_eq!(
        verdict(VoucherStatus::Valid, at_desk(A::Booked, "2027-03-30T23:30")),
        O::Admitted
    );
    // A client marked missed who came after all.
    assert_eq!(
        verdict(VoucherStatus::Valid, at_desk(A::NoShow, "2027-03-30T10:30")),
        O::Admitted
    );
    for other_day in ["2027-03-31T00:30", "2027-03-29T17:00", "2027-04-06T10:30"] {
        assert_eq!(
            verdict(VoucherStatus::Valid, at_desk(A::Booked, other_day)),
            O::NotToday,
            "{other_day}"
        );
    }
    assert_eq!(
        desk_verdict(
            VoucherStatus::Valid,
            at_desk(A::Booked, "2027-03-30T10:30"),
            &zone,
            morning - DAY
        ),
        O::NotToday
    );
}

#[test]
fn a_served_cancelled_or_refunded_appointment_is_not_served_again() {
    use AppointmentStatus as A;
    use CheckInOutcome as O;
    let zone = paris();
    let now = at("2027-03-30T10:00");
    let verdict = |voucher, appointment| desk_verdict(voucher, appointment, &zone, now);
    let today = "2027-03-30T10:30";
    assert_eq!(
        verdict(VoucherStatus::CheckedIn, at_desk(A::Served, today)),
        O::AlreadyCheckedIn
    );
    assert_eq!(
        verdict(VoucherStatus::Valid, at_desk(A::Served, today)),
        O::AlreadyCheckedIn
    );
    assert_eq!(
        verdict(VoucherStatus::Revoked, at_desk(A::Booked, today)),
        O::Revoked
    );
    assert_eq!(
        verdict(VoucherStatus::Valid, at_desk(A::Cancelled, today)),
        O::Revoked
    );
    // Revoked whatever the day: the client must hear it is cancelled, not to come back.
    assert_eq!(
        verdict(VoucherStatus::Revoked, at_desk(A::Cancelled, "2027-04-06T10:30")),
        O::Revoked
    );
}

#[test]
fn an_event_ticket_is_for_the_door_not_the_desk() {
    let zone = paris();
    let now = at("2027-03-30T10:00");
    assert_eq!(
        desk_verdict(VoucherStatus::Valid, None, &zone, now),
        CheckInOutcome::WrongEvent
    );
    assert_eq!(
        desk_verdict(VoucherStatus::Revoked, None, &zone, now),
        CheckInOutcome::Revoked
    );
}
