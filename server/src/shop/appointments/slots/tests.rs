//! Hand-worked calendars in Europe/Paris: each expected list was worked out on paper from the
//! hours, the service and the busy times written beside it.

use super::*;
use crate::shop::appointments::TypedRules;
use jiff::civil::{date, Weekday, Weekday::*};

const ANNA: StaffId = StaffId(1);
const BEN: StaffId = StaffId(2);
const CHLOE: StaffId = StaffId(3);

fn paris() -> TimeZone {
    TimeZone::parse("Europe/Paris").unwrap()
}

/// A local time in Paris (`2027-03-30T10:30`) in unix milliseconds.
fn at(local: &str) -> i64 {
    let local: jiff::civil::DateTime = local.parse().unwrap();
    paris().zone().to_timestamp(local).unwrap().as_millisecond()
}

/// Starts as Paris wall-clock times, `10:30`.
fn shown(slots: &[i64]) -> Vec<String> {
    format_all(slots, "%H:%M")
}

/// Starts as Paris wall-clock times with their offset, `02:00+01:00`.
fn shown_with_offset(slots: &[i64]) -> Vec<String> {
    format_all(slots, "%H:%M%:z")
}

fn format_all(slots: &[i64], format: &str) -> Vec<String> {
    let zone = paris();
    slots
        .iter()
        .map(|&ms| {
            let at = Timestamp::from_millisecond(ms).unwrap();
            at.to_zoned(zone.zone().clone()).strftime(format).to_string()
        })
        .collect()
}

fn rules(step_minutes: i64, min_notice_minutes: i64) -> BookingRules {
    BookingRules::parse(&TypedRules {
        step_minutes: Some(step_minutes),
        min_notice_minutes: Some(min_notice_minutes),
        ..TypedRules::default()
    })
    .unwrap()
}

fn hours(ranges: &[(Weekday, &str, &str)]) -> Hours {
    Hours::parse(ranges, &[], &[]).unwrap()
}

fn service(duration: i64, buffer: i64) -> ServiceLength {
    ServiceLength::parse(duration, buffer).unwrap()
}

fn query<'a>(
    zone: &'a TimeZone,
    rules: &'a BookingRules,
    service: ServiceLength,
    now: &str,
) -> SlotQuery<'a> {
    SlotQuery {
        zone,
        rules,
        service,
        now: at(now),
    }
}

fn staff<'a>(id: StaffId, hours: &'a Hours, busy: &'a [Interval]) -> Staff<'a> {
    Staff { id, hours, busy }
}

fn interval(from: &str, to: &str) -> Interval {
    Interval::new(at(from), at(to)).unwrap()
}

const TUESDAY: Date = date(2027, 3, 30);
const SPLIT_TUESDAY: &[(Weekday, &str, &str)] = &[(Tuesday, "09:00", "12:30"), (Tuesday, "13:30", "18:00")];

#[test]
fn a_split_tuesday_with_an_appointment_and_a_hold_offers_the_times_worked_out_by_hand() {
    let (zone, rules) = (paris(), BookingRules::default());
    let anna_hours = hours(SPLIT_TUESDAY);
    // A 45-minute service with its 15-minute buffer at 10:00 takes 10:00–11:00; a hold
    // takes 15:00–16:15.
    let busy = [
        Interval::booked(at("2027-03-30T10:00"), service(45, 15)),
        interval("2027-03-30T15:00", "2027-03-30T16:15"),
    ];
    // 60 minutes and a 15-minute buffer, so [t, t+75) must miss both; the service ends by
    // 12:30 or 18:00 but its buffer may run past.
    let haircut = query(&zone, &rules, service(60, 15), "2027-03-29T10:00");
    let slots = haircut.free_slots(&staff(ANNA, &anna_hours, &busy), TUESDAY);
    assert_eq!(
        shown(&slots),
        ["11:00", "11:15", "11:30", "13:30", "13:45", "16:15", "16:30", "16:45", "17:00"]
    );
}

#[test]
fn a_blocked_lunch_keeps_the_service_out_but_not_the_buffer_before_it() {
    let (zone, rules) = (paris(), rules(30, 120));
    let wednesday = [(Wednesday, "09:00", "18:00")];
    let lunch = (at("2027-03-31T12:30"), at("2027-03-31T13:30"));
    let anna_hours = Hours::parse(&wednesday, &[], &[lunch]).unwrap();
    let haircut = query(&zone, &rules, service(60, 15), "2027-03-29T10:00");
    let slots = haircut.free_slots(&staff(ANNA, &anna_hours, &[]), date(2027, 3, 31));
    assert_eq!(
        shown(&slots),
        [
            "09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "13:30", "14:00", "14:30", "15:00",
            "15:30", "16:00", "16:30", "17:00"
        ]
    );
}

#[test]
fn a_day_off_has_no_times_and_leaves_the_date_strip() {
    let (zone, rules) = (paris(), BookingRules::default());
    let anna_hours = Hours::parse(SPLIT_TUESDAY, &["2027-04-06"], &[]).unwrap();
    let anna = staff(ANNA, &anna_hours, &[]);
    let haircut = query(&zone, &rules, service(60, 0), "2027-03-29T10:00");
    assert!(haircut.free_slots(&anna, date(2027, 4, 6)).is_empty());
    let strip = haircut.free_dates(&[anna]);
    assert_eq!(&strip[..3], [TUESDAY, date(2027, 4, 13), date(2027, 4, 20)]);
    assert_eq!(strip.len(), 8, "the Tuesdays to 2027-05-28 but 2027-04-06");
}

#[test]
fn a_night_range_crossing_midnight_gives_its_late_times_to_the_next_date() {
    let (zone, rules) = (paris(), rules(30, 0));
    let week = [(Friday, "22:00", "02:00"), (Saturday, "10:00", "12:00")];
    let (friday, saturday) = (date(2027, 4, 2), date(2027, 4, 3));
    let one_hour = query(&zone, &rules, service(60, 0), "2027-03-29T10:00");

    let anna_hours = hours(&week);
    let anna = staff(ANNA, &anna_hours, &[]);
    assert_eq!(
        shown(&one_hour.free_slots(&anna, friday)),
        ["22:00", "22:30", "23:00", "23:30"]
    );
    assert_eq!(
        shown(&one_hour.free_slots(&anna, saturday)),
        ["00:00", "00:30", "01:00", "10:00", "10:30", "11:00"]
    );

    let friday_off = Hours::parse(&week, &["2027-04-02"], &[]).unwrap();
    let saturday = one_hour.free_slots(&staff(ANNA, &friday_off, &[]), date(2027, 4, 3));
    assert_eq!(
        shown(&saturday),
        ["10:00", "10:30", "11:00"],
        "Friday's night is off too"
    );
    let saturday_off = Hours::parse(&week, &["2027-04-03"], &[]).unwrap();
    let saturday = one_hour.free_slots(&staff(ANNA, &saturday_off, &[]), date(2027, 4, 3));
    assert_eq!(
        shown(&saturday),
        ["00:00", "00:30", "01:00"],
        "Friday's night still runs"
    );
}

#[test]
fn a_service_longer_than_the_time_left_in_a_range_has_no_time_there() {
    let (zone, rules) = (paris(), BookingRules::default());
    let anna_hours = hours(SPLIT_TUESDAY);
    let anna = staff(ANNA, &anna_hours, &[]);
    let slots = |minutes| {
        let long = query(&zone, &rules, service(minutes, 15), "2027-03-29T10:00");
        shown(&long.free_slots(&anna, TUESDAY))
    };
    assert_eq!(slots(210), ["09:00", "13:30", "13:45", "14:00", "14:15", "14:30"]);
    assert_eq!(slots(240), ["13:30", "13:45", "14:00"], "3 h 30 in the morning");
    assert!(slots(300).is_empty(), "neither range has 5 hours");
}

#[test]
fn the_minimum_notice_hides_times_too_soon_and_keeps_the_grid() {
    let (zone, rules) = (paris(), BookingRules::default());
    let anna_hours = hours(&[(Tuesday, "09:00", "12:30")]);
    let anna = staff(ANNA, &anna_hours, &[]);
    let slots = |now| shown(&query(&zone, &rules, service(60, 0), now).free_slots(&anna, TUESDAY));
    assert_eq!(
        slots("2027-03-30T08:05"),
        ["10:15", "10:30", "10:45", "11:00", "11:15", "11:30"]
    );
    assert_eq!(
        slots("2027-03-30T08:15"),
        ["10:15", "10:30", "10:45", "11:00", "11:15", "11:30"]
    );
    assert_eq!(slots("2027-03-30T09:29"), ["11:30"]);
    assert!(slots("2027-03-30T09:31").is_empty());
}

#[test]
fn the_horizon_counts_whole_dates_from_today() {
    let zone = paris();
    let rules = BookingRules::parse(&TypedRules {
        horizon_days: Some(3),
        ..TypedRules::default()
    })
    .unwrap();
    let every_day: Vec<_> = [Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday]
        .into_iter()
        .map(|day| (day, "09:00", "10:00"))
        .collect();
    let anna_hours = hours(&every_day);
    let anna = staff(ANNA, &anna_hours, &[]);
    let one_hour = query(&zone, &rules, service(60, 0), "2027-03-30T08:00");
    assert_eq!(one_hour.last_day(), Some(date(2027, 4, 2)));
    assert_eq!(one_hour.bookable_dates().count(), 4);
    // Today's 09:00 is within the 2-hour notice; Friday's is 73 hours ahead, still offered.
    assert_eq!(
        one_hour.free_dates(&[anna]),
        [date(2027, 3, 31), date(2027, 4, 1), date(2027, 4, 2)]
    );
    assert_eq!(
        one_hour.free_slots(&anna, date(2027, 4, 2)),
        [at("2027-04-02T09:00")]
    );
    assert!(one_hour.free_slots(&anna, date(2027, 4, 3)).is_empty());
    assert!(
        one_hour.free_slots(&anna, date(2027, 3, 29)).is_empty(),
        "the past"
    );
}

#[test]
fn spring_forward_in_paris_shortens_the_night_range_and_keeps_the_day_range() {
    let (zone, rules) = (paris(), rules(60, 0));
    let anna_hours = hours(&[(Saturday, "22:00", "06:00"), (Sunday, "09:00", "12:00")]);
    let anna = staff(ANNA, &anna_hours, &[]);
    let one_hour = query(&zone, &rules, service(60, 0), "2027-03-20T10:00");
    // 22:00 winter time to 06:00 summer time is 7 real hours: 02:00 does not exist.
    let saturday = one_hour.free_slots(&anna, date(2027, 3, 27));
    assert_eq!(shown_with_offset(&saturday), ["22:00+01:00", "23:00+01:00"]);
    let sunday = one_hour.free_slots(&anna, date(2027, 3, 28));
    assert_eq!(
        shown_with_offset(&sunday),
        [
            "00:00+01:00",
            "01:00+01:00",
            "03:00+02:00",
            "04:00+02:00",
            "05:00+02:00",
            "09:00+02:00",
            "10:00+02:00",
            "11:00+02:00"
        ]
    );
    let last_winter_hour = at("2027-03-28T01:00");
    assert_eq!(
        sunday[2] - sunday[1],
        3_600_000,
        "03:00 summer is one hour after 01:00 winter"
    );
    assert_eq!(sunday[1], last_winter_hour);
    let a_week_before = one_hour.free_slots(&anna, date(2027, 3, 21));
    assert_eq!(
        shown(&a_week_before)[6..],
        shown(&sunday)[5..],
        "09:00–12:00 is 09:00–12:00"
    );
}

#[test]
fn fall_back_in_paris_lengthens_the_night_range_and_offers_02_00_twice() {
    let (zone, rules) = (paris(), rules(60, 0));
    let anna_hours = hours(&[(Saturday, "22:00", "06:00"), (Sunday, "09:00", "12:00")]);
    let anna = staff(ANNA, &anna_hours, &[]);
    let one_hour = query(&zone, &rules, service(60, 0), "2027-10-20T10:00");
    // 22:00 summer time to 06:00 winter time is 9 real hours.
    let saturday = one_hour.free_slots(&anna, date(2027, 10, 30));
    assert_eq!(shown_with_offset(&saturday), ["22:00+02:00", "23:00+02:00"]);
    let sunday = one_hour.free_slots(&anna, date(2027, 10, 31));
    assert_eq!(
        shown_with_offset(&sunday),
        [
            "00:00+02:00",
            "01:00+02:00",
            "02:00+02:00",
            "02:00+01:00",
            "03:00+01:00",
            "04:00+01:00",
            "05:00+01:00",
            "09:00+01:00",
            "10:00+01:00",
            "11:00+01:00"
        ]
    );
    // A range on the repeated hour itself runs from its first 02:00 to 03:00 winter time.
    let (rules, ben_hours) = (self::rules(30, 0), hours(&[(Sunday, "02:00", "03:00")]));
    let half_hour = query(&zone, &rules, service(30, 0), "2027-10-20T10:00");
    let sunday = half_hour.free_slots(&staff(BEN, &ben_hours, &[]), date(2027, 10, 31));
    assert_eq!(
        shown_with_offset(&sunday),
        ["02:00+02:00", "02:30+02:00", "02:00+01:00", "02:30+01:00"]
    );
}

#[test]
fn spring_forward_skips_a_range_inside_the_missing_hour() {
    let (zone, rules) = (paris(), rules(30, 0));
    let ben_hours = hours(&[(Sunday, "02:00", "03:00")]);
    let half_hour = query(&zone, &rules, service(30, 0), "2027-03-20T10:00");
    let ben = staff(BEN, &ben_hours, &[]);
    assert!(half_hour.free_slots(&ben, date(2027, 3, 28)).is_empty());
    assert_eq!(
        shown(&half_hour.free_slots(&ben, date(2027, 4, 4))),
        ["02:00", "02:30"]
    );
}

/// Anna 09:00–12:00 with an appointment 10:00–11:00, Ben 10:00–13:00, Chloé 09:30–10:30; a
/// one-hour service every 30 minutes.
fn three_on_a_tuesday() -> (Hours, Hours, Hours, [Interval; 1]) {
    (
        hours(&[(Tuesday, "09:00", "12:00")]),
        hours(&[(Tuesday, "10:00", "13:00")]),
        hours(&[(Tuesday, "09:30", "10:30")]),
        [interval("2027-03-30T10:00", "2027-03-30T11:00")],
    )
}

#[test]
fn anyone_available_is_the_union_naming_who_is_free_in_the_order_given() {
    let (zone, rules) = (paris(), rules(30, 120));
    let (anna_hours, ben_hours, chloe_hours, anna_busy) = three_on_a_tuesday();
    let anna = staff(ANNA, &anna_hours, &anna_busy);
    let ben = staff(BEN, &ben_hours, &[]);
    let chloe = staff(CHLOE, &chloe_hours, &[]);
    let one_hour = query(&zone, &rules, service(60, 0), "2027-03-29T10:00");
    let open = |staff: &[Staff<'_>]| -> Vec<(String, Vec<StaffId>)> {
        let slots = one_hour.anyone(staff, TUESDAY);
        let starts: Vec<i64> = slots.iter().map(|slot| slot.start).collect();
        shown(&starts)
            .into_iter()
            .zip(slots.into_iter().map(|slot| slot.staff))
            .collect()
    };
    let expected = |eleven: Vec<StaffId>| {
        vec![
            ("09:00".to_owned(), vec![ANNA]),
            ("09:30".to_owned(), vec![CHLOE]),
            ("10:00".to_owned(), vec![BEN]),
            ("10:30".to_owned(), vec![BEN]),
            ("11:00".to_owned(), eleven),
            ("11:30".to_owned(), vec![BEN]),
            ("12:00".to_owned(), vec![BEN]),
        ]
    };
    assert_eq!(open(&[anna, ben, chloe]), expected(vec![ANNA, BEN]));
    assert_eq!(
        open(&[ben, anna, chloe]),
        expected(vec![BEN, ANNA]),
        "Ben first when listed first"
    );
    assert_eq!(one_hour.free_dates(&[chloe])[0], TUESDAY);
    assert_eq!(
        one_hour.free_dates(&[anna, ben, chloe]).len(),
        9,
        "the Tuesdays to 2027-05-28"
    );
}

#[test]
fn a_chosen_time_is_free_only_on_the_grid_and_away_from_others() {
    let (zone, rules) = (paris(), rules(30, 120));
    let (anna_hours, _, _, anna_busy) = three_on_a_tuesday();
    let anna = staff(ANNA, &anna_hours, &anna_busy);
    let one_hour = query(&zone, &rules, service(60, 0), "2027-03-29T10:00");
    assert!(one_hour.is_free(&anna, at("2027-03-30T11:00")));
    assert!(
        !one_hour.is_free(&anna, at("2027-03-30T09:30")),
        "overlaps 10:00–11:00"
    );
    assert!(!one_hour.is_free(&anna, at("2027-03-30T11:05")), "off the step");
    assert!(
        !one_hour.is_free(&anna, at("2027-06-01T09:00")),
        "beyond the horizon"
    );
}

#[test]
fn a_now_outside_jiffs_years_offers_nothing() {
    let (zone, rules) = (paris(), BookingRules::default());
    let anna_hours = hours(SPLIT_TUESDAY);
    let late = SlotQuery {
        zone: &zone,
        rules: &rules,
        service: service(60, 0),
        now: i64::MAX,
    };
    assert_eq!(late.today(), None);
    assert!(late.free_dates(&[staff(ANNA, &anna_hours, &[])]).is_empty());
}
