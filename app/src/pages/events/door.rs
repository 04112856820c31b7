//! `/shop/events/door`, "Scan tickets": door staff (the shop's admins and the staff named for
//! an event) pick the event (`GET /api/door/events`), open Telegram's QR scanner, and each code
//! it reads goes to the server (`POST /api/door/check-in`, with a fresh nonce per scan, the
//! same one when a request that failed on the way is sent again). The answer is shown large,
//! with haptics: admitted (name, ticket type), already checked in (when, by whom), not for
//! this event, refunded, unknown. On a desktop the short code can be typed instead.
//!
//! The salon's desk is the same scanner: to whoever `GET /api/door/desk` answers (the admins
//! and the salon's staff) the picker offers "Salon desk" first, whose scans go to
//! `POST /api/door/desk/check-in` and serve the client's appointment: served (client, service,
//! staff member, time), already served, not today (its day), cancelled, an event's ticket,
//! unknown (the server's `crate::http::desk` says why the desk is the door's scanner).

use super::browser::{close_scanner, date_in, open_scanner};
use super::load::{load, Loaded};
use crate::appointments::DeskDay;
use crate::components::TopBar;
use crate::events::{CheckInOutcome, CheckInResult, DoorEvent, EventId};
use crate::i18n::{td_string, Locale};
use crate::language::use_lang;
use crate::telegram::Telegram;
use leptos::prelude::*;

/// Where the scanner is used: the salon's desk, or an event's door.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Point {
    Desk,
    Event(EventId),
}

impl Point {
    /// The picker's value for it: `desk`, or the event's id.
    fn value(self) -> String {
        match self {
            Point::Desk => "desk".to_owned(),
            Point::Event(id) => id.0.to_string(),
        }
    }

    /// The point a picker's value names.
    fn from_value(value: &str) -> Option<Point> {
        match value {
            "desk" => Some(Point::Desk),
            id => id
                .parse()
                .ok()
                .map(|id| Point::Event(crate::catalog::ProductId(id))),
        }
    }
}

/// What the door shows under the scan button.
// Built in the browser only; server rendering shows nothing.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
#[derive(Clone, Debug, PartialEq)]
enum Answer {
    Nothing,
    Checking,
    Checked(CheckInResult),
    /// The request failed; why, in the staff member's language.
    Failed(String),
}

/// The door's page.
#[component]
pub fn DoorPage() -> impl IntoView {
    super::back_to("/shop/events");
    let (telegram, locale) = (Telegram::expect(), use_lang().now());
    let events = load::<Vec<DoorEvent>>(|| "/api/door/events".into(), true);
    // Refused (403) for whoever does not serve at the salon's desk: no desk in the picker.
    let desk = load::<DeskDay>(|| "/api/door/desk".into(), true);
    let chosen = RwSignal::new(None::<Point>);
    Effect::new(move |_| {
        if chosen.get_untracked().is_some() {
            return;
        }
        chosen.set(match (desk.get(), events.get()) {
            (Loaded::Loading, _) | (_, Loaded::Loading) => return,
            (Loaded::Ready(_), _) => Some(Point::Desk),
            (_, Loaded::Ready(list)) => list.first().map(|e| Point::Event(e.id)),
            _ => None,
        });
    });
    let answer = RwSignal::new(Answer::Nothing);
    let lists = Lists { events, desk };
    let check = move |code: String| check_in(telegram, lists, chosen, answer, code, locale);
    Effect::watch(
        move || telegram.other_event.get(),
        move |event, _, _| {
            let read = event
                .as_ref()
                .filter(|(kind, data)| kind == "qr_text_received" && !data.is_empty())
                .map(|(_, data)| data.clone());
            if let Some(code) = read {
                close_scanner();
                check(code);
            }
        },
        false,
    );
    // What the page shows changes with the lists' states only: reloading the counts after a
    // check-in keeps the form (and what is being typed in it).
    let state = Memo::new(move |_| {
        let events = events.get();
        let desk = desk.with(|d| match d {
            Loaded::Loading => None,
            loaded => Some(matches!(loaded, Loaded::Ready(_))),
        });
        match (events, desk) {
            (Loaded::Loading, _) | (_, None) => Shown::Loading,
            (_, Some(true)) => Shown::Door,
            (Loaded::Ready(list), _) if !list.is_empty() => Shown::Door,
            (Loaded::Failed(text), _) => Shown::Failed(text),
            _ => Shown::Nothing,
        }
    });
    view! {
        <TopBar title=|l| td_string!(l, door_title)/>
        {move || match state.get() {
            Shown::Loading => view! { <p class="notice">{td_string!(locale, loading_events)}</p> }.into_any(),
            Shown::Failed(text) => view! { <p class="notice notice--error" role="alert">{text}</p> }.into_any(),
            Shown::Nothing => {
                view! { <p class="notice" data-testid="no-door-events">{td_string!(locale, no_door_events)}</p> }.into_any()
            }
            Shown::Door => view! { <Door lists chosen answer check/> }.into_any(),
        }}
    }
}

/// What the picker offers: the events, and the desk when this user serves there.
#[derive(Clone, Copy)]
struct Lists {
    events: RwSignal<Loaded<Vec<DoorEvent>>>,
    desk: RwSignal<Loaded<DeskDay>>,
}

impl Lists {
    /// The time zone `point`'s times are shown in.
    fn time_zone(self, point: Option<Point>) -> Option<String> {
        match point? {
            Point::Desk => self.desk.with_untracked(|loaded| match loaded {
                Loaded::Ready(day) => Some(day.time_zone.clone()),
                _ => None,
            }),
            Point::Event(id) => self.events.with_untracked(|loaded| match loaded {
                Loaded::Ready(list) => list.iter().find(|e| e.id == id).map(|e| e.time_zone.clone()),
                _ => None,
            }),
        }
    }
}

/// What the door's page shows.
#[derive(Clone, Debug, PartialEq)]
enum Shown {
    Loading,
    Failed(String),
    Nothing,
    Door,
}

/// The picker (the desk with today's served clients, each event with its check-ins), the
/// scan button, the code field and the last answer.
#[component]
fn Door(
    lists: Lists,
    chosen: RwSignal<Option<Point>>,
    answer: RwSignal<Answer>,
    check: impl Fn(String) + Copy + 'static,
) -> impl IntoView {
    let locale = use_lang().now();
    let option = move |point: Point, text: String| {
        view! { <option value=point.value() selected=move || chosen.get() == Some(point)>{text}</option> }
    };
    let desk = move || match lists.desk.get() {
        Loaded::Ready(day) => {
            let text = td_string!(locale, desk_option, served = day.served, total = day.appointments);
            Some(option(Point::Desk, text))
        }
        _ => None,
    };
    let events = move || {
        let list = match lists.events.get() {
            Loaded::Ready(list) => list,
            _ => Vec::new(),
        };
        list.into_iter()
            .map(|event| {
                let when = date_in(event.starts_at, &event.time_zone, locale, false);
                let counts = td_string!(
                    locale,
                    checked_in_count,
                    checked = event.checked_in,
                    total = event.tickets
                );
                option(
                    Point::Event(event.id),
                    format!("{} · {when} · {counts}", event.name),
                )
            })
            .collect_view()
    };
    let pick = move |e: leptos::ev::Event| {
        chosen.set(Point::from_value(&event_target_value(&e)));
        answer.set(Answer::Nothing);
    };
    let typed = RwSignal::new(String::new());
    let submit = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        let code = typed.get_untracked().trim().to_owned();
        if !code.is_empty() {
            typed.set(String::new());
            check(code);
        }
    };
    let at_desk = move || chosen.get() == Some(Point::Desk);
    let scan_label = move || match at_desk() {
        true => td_string!(locale, scan_voucher),
        false => td_string!(locale, scan),
    };
    view! {
        <section class="door" data-testid="door">
            <select class="search__input" data-testid="door-event" aria-label=td_string!(locale, door_title).to_owned()
                on:change=pick>{desk}{events}</select>
            <button class="button door__scan" type="button" data-testid="scan"
                on:click=move |_| open_scanner(scan_label())>
                {scan_label}
            </button>
            <form class="door__typed" on:submit=submit>
                <label class="promo__label" for="door-code">{td_string!(locale, type_code)}</label>
                <input id="door-code" class="search__input" data-testid="door-code" autocomplete="off"
                    autocapitalize="characters" spellcheck="false"
                    prop:value=move || typed.get() on:input=move |e| typed.set(event_target_value(&e))/>
                <button class="button" type="submit">{td_string!(locale, check)}</button>
            </form>
            {move || {
                let zone = lists.time_zone(chosen.get()).unwrap_or_else(|| "UTC".into());
                view_answer(answer.get(), at_desk(), zone, locale)
            }}
        </section>
    }
}

/// The last answer, large.
fn view_answer(answer: Answer, at_desk: bool, time_zone: String, locale: Locale) -> AnyView {
    let (outcome, title, detail) = match answer {
        Answer::Nothing => return ().into_any(),
        Answer::Checking => ("checking", "…".to_owned(), String::new()),
        Answer::Failed(why) => ("failed", why, String::new()),
        Answer::Checked(result) => {
            let (title, detail) = match at_desk {
                true => describe_at_desk(&result, &time_zone, locale),
                false => describe(&result, &time_zone, locale),
            };
            (outcome_attr(result.outcome), title.to_owned(), detail)
        }
    };
    view! {
        <div class=format!("door-answer door-answer--{outcome}") data-testid="door-answer" data-outcome=outcome
            role="status" aria-live="assertive">
            <p class="door-answer__title">{title}</p>
            <p class="door-answer__detail">{detail}</p>
        </div>
    }
    .into_any()
}

/// When and by whom a voucher was checked in, as an answer tells it.
fn checked_in(result: &CheckInResult, time_zone: &str, locale: Locale) -> String {
    let when = result
        .checked_in_at
        .map(|ms| date_in(ms, time_zone, locale, false))
        .unwrap_or_default();
    match &result.checked_in_by {
        Some(who) => td_string!(locale, checked_in_by, when = &when, who),
        None => when,
    }
}

/// The answer's title and what it says about the ticket.
fn describe(result: &CheckInResult, time_zone: &str, locale: Locale) -> (&'static str, String) {
    let holder = [result.attendee.as_deref(), result.ticket_type.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    match result.outcome {
        CheckInOutcome::Admitted => (td_string!(locale, admitted), holder),
        CheckInOutcome::AlreadyCheckedIn => {
            let detail = checked_in(result, time_zone, locale);
            (
                td_string!(locale, already_checked_in),
                format!("{detail}\n{holder}"),
            )
        }
        CheckInOutcome::WrongEvent => {
            let name = result.event_name.as_deref().unwrap_or_default();
            (
                td_string!(locale, wrong_event),
                td_string!(locale, ticket_for, name),
            )
        }
        CheckInOutcome::Revoked => (td_string!(locale, ticket_revoked), holder),
        // The door's answers are never for another day; the desk's are told apart below.
        CheckInOutcome::Unknown | CheckInOutcome::NotToday => {
            (td_string!(locale, unknown_ticket), String::new())
        }
    }
}

/// The desk's answer: who, for what with whom, when.
fn describe_at_desk(result: &CheckInResult, time_zone: &str, locale: Locale) -> (&'static str, String) {
    let when = result.starts_at.map(|ms| date_in(ms, time_zone, locale, false));
    let who_what = [
        result.attendee.as_deref(),
        result.event_name.as_deref(),
        result.ticket_type.as_deref(),
    ]
    .into_iter()
    .flatten()
    .filter(|part| !part.is_empty())
    .collect::<Vec<_>>()
    .join(" · ");
    let appointment = match &when {
        Some(when) => format!("{who_what}\n{when}"),
        None => who_what.clone(),
    };
    match result.outcome {
        CheckInOutcome::Admitted => (td_string!(locale, served_now), appointment),
        CheckInOutcome::AlreadyCheckedIn => {
            let detail = checked_in(result, time_zone, locale);
            (
                td_string!(locale, already_served),
                format!("{detail}\n{appointment}"),
            )
        }
        CheckInOutcome::NotToday => {
            let on = td_string!(locale, appointment_on, when = when.unwrap_or_default());
            (td_string!(locale, not_today), format!("{on}\n{who_what}"))
        }
        CheckInOutcome::Revoked => (td_string!(locale, appointment_cancelled), appointment),
        CheckInOutcome::WrongEvent => {
            let name = result.event_name.as_deref().unwrap_or_default();
            (
                td_string!(locale, not_an_appointment),
                td_string!(locale, ticket_for, name),
            )
        }
        CheckInOutcome::Unknown => (td_string!(locale, unknown_voucher), String::new()),
    }
}

fn outcome_attr(outcome: CheckInOutcome) -> &'static str {
    match outcome {
        CheckInOutcome::Admitted => "admitted",
        CheckInOutcome::AlreadyCheckedIn => "already_checked_in",
        CheckInOutcome::WrongEvent => "wrong_event",
        CheckInOutcome::Revoked => "revoked",
        CheckInOutcome::Unknown => "unknown",
        CheckInOutcome::NotToday => "not_today",
    }
}

/// Sends one code read or typed for the chosen event (or to the desk), shows the answer with
/// its haptic, and reloads the counts. A request that failed on the way (no answer from the
/// server) is sent once more with the same nonce, which the server answers as the first time.
fn check_in(
    telegram: Telegram,
    lists: Lists,
    chosen: RwSignal<Option<Point>>,
    answer: RwSignal<Answer>,
    code: String,
    locale: Locale,
) {
    let (Some(point), Some(init_data)) = (
        chosen.get_untracked(),
        telegram.launch.get_untracked().and_then(|l| l.init_data),
    ) else {
        return;
    };
    answer.set(Answer::Checking);
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(async move {
        let nonce = super::browser::nonce();
        let mut result = Err(crate::api::Refusal::other(""));
        for _ in 0..2 {
            result = match point {
                Point::Desk => {
                    let request = crate::appointments::DeskCheckIn {
                        code: code.clone(),
                        nonce: nonce.clone(),
                    };
                    super::browser::post_json::<CheckInResult>(
                        "/api/door/desk/check-in",
                        &request,
                        &init_data,
                    )
                    .await
                }
                Point::Event(event_id) => {
                    let request = crate::events::CheckInRequest {
                        event_id,
                        code: code.clone(),
                        nonce: nonce.clone(),
                    };
                    super::browser::post_json::<CheckInResult>("/api/door/check-in", &request, &init_data)
                        .await
                }
            };
            if !matches!(&result, Err(why) if why.code.is_none()) {
                break;
            }
        }
        match result {
            Ok(result) => {
                use super::browser::{notify, Notify};
                notify(match result.outcome {
                    CheckInOutcome::Admitted => Notify::Success,
                    CheckInOutcome::AlreadyCheckedIn => Notify::Warning,
                    _ => Notify::Error,
                });
                answer.set(Answer::Checked(result));
                match point {
                    Point::Desk => {
                        super::load::fetch_into(lists.desk, "/api/door/desk".into(), init_data, locale)
                    }
                    Point::Event(_) => {
                        super::load::fetch_into(lists.events, "/api/door/events".into(), init_data, locale)
                    }
                }
            }
            Err(why) => {
                super::browser::notify(super::browser::Notify::Error);
                answer.set(Answer::Failed(why.text(locale)));
            }
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (point, init_data, code, lists, locale);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pickers_value_names_the_desk_or_an_event() {
        for point in [Point::Desk, Point::Event(crate::catalog::ProductId(42))] {
            assert_eq!(Point::from_value(&point.value()), Some(point));
        }
        assert_eq!(Point::from_value("x"), None);
    }
}
