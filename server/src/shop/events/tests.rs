use super::*;
use app::error_code::ErrorCode;

const START: i64 = 1_800_000_000_000;

fn ticket_type(quota: Option<i64>, sold: i64, held: i64) -> TicketType {
    TicketType {
        variant_id: VariantId(1),
        rules: TicketRules {
            quota,
            max_per_order: 10,
        },
        taken: Taken { sold, held },
        checked_in: 0,
    }
}

fn an_event(state: EventState, types: Vec<TicketType>) -> Event {
    Event {
        id: ProductId(7),
        details: EventDetails {
            schedule: Schedule::parse(START, None, None).unwrap(),
            venue: Venue {
                name: "Hall".into(),
                address: "Street 1".into(),
                map_url: None,
            },
            capacity: Capacity::parse(10).unwrap(),
            named_tickets: false,
        },
        state,
        ticket_types: types,
        staff: Vec::new(),
    }
}

#[test]
fn a_type_can_sell_the_smaller_of_its_quota_and_the_capacity_left() {
    let capacity = Capacity::parse(10).unwrap();
    let taken = |total| Taken { sold: total, held: 0 };
    assert_eq!(available(&ticket_type(Some(5), 2, 1), capacity, taken(3)), 2);
    assert_eq!(available(&ticket_type(Some(5), 0, 0), capacity, taken(8)), 2);
    assert_eq!(available(&ticket_type(None, 0, 0), capacity, taken(4)), 6);
    assert_eq!(
        available(&ticket_type(Some(3), 3, 1), capacity, taken(4)),
        0,
        "never below 0"
    );
}

#[test]
fn sales_are_open_until_their_time_unless_closed_or_cancelled() {
    let types = vec![ticket_type(None, 0, 0)];
    let on_sale = an_event(EventState::OnSale, types.clone());
    assert_eq!(on_sale.sale(START - 1), Sale::Open);
    assert_eq!(on_sale.sale(START), Sale::Closed);
    assert_eq!(on_sale.shown_state(START), EventState::SalesClosed);
    assert_eq!(on_sale.availability(START - 1), Availability::OnSale);
    assert_eq!(
        an_event(EventState::SalesClosed, types.clone()).sale(0),
        Sale::Closed
    );
    let cancelled = an_event(EventState::Cancelled, types);
    assert_eq!(cancelled.sale(0), Sale::Closed);
    assert_eq!(cancelled.availability(0), Availability::Cancelled);
    let full = an_event(EventState::OnSale, vec![ticket_type(None, 6, 4)]);
    assert_eq!(full.availability(0), Availability::SoldOut);
}

#[test]
fn an_event_leaves_the_storefront_once_it_ended_or_started_without_an_end() {
    let open_ended = Schedule::parse(START, None, None).unwrap();
    assert!(!open_ended.is_past(START - 1) && open_ended.is_past(START));
    let evening = Schedule::parse(START, Some(START + 100), None).unwrap();
    assert!(!evening.is_past(START + 99) && evening.is_past(START + 100));
}

#[test]
fn times_must_be_in_order_and_sales_close_at_the_start_by_default() {
    assert_eq!(Schedule::parse(START, None, None).unwrap().sales_close_at, START);
    for (end, close) in [
        (Some(START), None),
        (None, Some(START + 1)),
        (Some(START - 5), None),
    ] {
        assert_eq!(
            Schedule::parse(START, end, close).unwrap_err().code,
            ErrorCode::BadEventTimes
        );
    }
    assert!(
        Schedule::parse(5, None, None).is_err(),
        "a start in 1970 is a mistake"
    );
}

#[test]
fn a_map_link_is_https_with_a_host() {
    let venue = |map: &str| {
        Venue::parse(&app::events::Venue {
            name: "Hall".into(),
            address: "Street 1".into(),
            map_url: Some(map.into()),
        })
    };
    assert!(venue("https://maps.example/x?q=1").is_ok());
    assert_eq!(venue("").unwrap().map_url, None);
    for bad in [
        "http://maps.example",
        "javascript:alert(1)",
        "https://",
        "https://@evil",
        "https://a b",
    ] {
        assert_eq!(venue(bad).unwrap_err().code, ErrorCode::BadMapUrl, "{bad}");
    }
}

#[test]
fn capacity_quota_and_per_order_maximum_have_bounds() {
    assert!(Capacity::parse(0).is_err() && Capacity::parse(1).is_ok());
    assert_eq!(TicketRules::parse(None, None).unwrap().max_per_order, 10);
    assert_eq!(
        TicketRules::parse(Some(-1), None).unwrap_err().code,
        ErrorCode::BadQuota
    );
    assert_eq!(
        TicketRules::parse(Some(0), Some(100)).unwrap_err().code,
        ErrorCode::BadMaxPerOrder
    );
}

#[test]
fn named_tickets_take_one_trimmed_name_each_and_others_none() {
    let names = |given: &[&str]| given.iter().map(|n| n.to_string()).collect::<Vec<_>>();
    let parsed = AttendeeNames::parse(true, 2, &names(&[" Ada ", "Wei"])).unwrap();
    assert_eq!(parsed.names(), ["Ada", "Wei"]);
    assert_eq!(
        AttendeeNames::parse(true, 2, &names(&["Ada"])),
        Err(AttendeeError::WrongCount {
            quantity: 2,
            given: 1
        })
    );
    assert_eq!(
        AttendeeNames::parse(true, 1, &names(&[" "])),
        Err(AttendeeError::Blank { seat: 1 })
    );
    let long = "é".repeat(65);
    assert_eq!(
        AttendeeNames::parse(true, 1, &[long]),
        Err(AttendeeError::TooLong { seat: 1 })
    );
    assert!(
        AttendeeNames::parse(true, 1, &["é".repeat(64)]).is_ok(),
        "characters, not bytes"
    );
    assert_eq!(
        AttendeeNames::parse(false, 1, &names(&["Ada"])),
        Err(AttendeeError::NotNamed)
    );
    assert!(AttendeeNames::parse(false, 3, &[]).unwrap().names().is_empty());
}

#[test]
fn a_time_zone_is_an_iana_name_the_database_knows() {
    let berlin = TimeZone::parse(" Europe/Berlin ").unwrap();
    assert_eq!(berlin.name(), "Europe/Berlin");
    assert_eq!(berlin.format(1_800_000_000_000), "Fri 15 Jan 2027, 09:00");
    assert_eq!(
        TimeZone::parse("Mars/Olympus").unwrap_err().code,
        ErrorCode::BadTimeZone
    );
    assert_eq!(TimeZone::default().name(), "UTC");
}
