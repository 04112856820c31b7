//! `/shop/events/door`, "Scan tickets": door staff (the shop's admins and the staff named for
//! an event) pick the event (`GET /api/door/events`), open Telegram's QR scanner, and each code
//! it reads goes to the server (`POST /api/door/check-in`, with a fresh nonce per scan, the
//! same one when a request that failed on the way is sent again). The answer is shown large,
//! with haptics: admitted (name, ticket type), already checked in (when, by whom), not for
//! this event, refunded, unknown. On a desktop the short code can be typed instead.

use super::browser::{close_scanner, date_in, open_scanner};
use super::load::{load, Loaded};
use crate::components::TopBar;
use crate::events::{CheckInOutcome, CheckInResult, DoorEvent, EventId};
use crate::i18n::{td_string, Locale};
use crate::language::use_lang;
use crate::telegram::Telegram;
use leptos::prelude::*;

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
    let chosen = RwSignal::new(None::<EventId>);
    Effect::new(move |_| {
        if let Loaded::Ready(list) = events.get() {
            if chosen.get_untracked().is_none() {
                chosen.set(list.first().map(|e| e.id));
            }
        }
    });
    let answer = RwSignal::new(Answer::Nothing);
    let check = move |code: String| check_in(telegram, events, chosen, answer, code, locale);
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
    // What the page shows changes with the list's state only: reloading the counts after a
    // check-in keeps the form (and what is being typed in it).
    let state = Memo::new(move |_| match events.get() {
        Loaded::Loading => Shown::Loading,
        Loaded::Failed(text) => Shown::Failed(text),
        Loaded::Ready(list) if list.is_empty() => Shown::Nothing,
        Loaded::Ready(_) => Shown::Door,
    });
    view! {
        <TopBar title=|l| td_string!(l, door_title)/>
        {move || match state.get() {
            Shown::Loading => view! { <p class="notice">{td_string!(locale, loading_events)}</p> }.into_any(),
            Shown::Failed(text) => view! { <p class="notice notice--error" role="alert">{text}</p> }.into_any(),
            Shown::Nothing => {
                view! { <p class="notice" data-testid="no-door-events">{td_string!(locale, no_door_events)}</p> }.into_any()
            }
            Shown::Door => view! { <Door events chosen answer check/> }.into_any(),
        }}
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

/// The event picker (with each event's check-ins), the scan button, the code field and the
/// last answer.
#[component]
fn Door(
    events: RwSignal<Loaded<Vec<DoorEvent>>>,
    chosen: RwSignal<Option<EventId>>,
    answer: RwSignal<Answer>,
    check: impl Fn(String) + Copy + 'static,
) -> impl IntoView {
    let locale = use_lang().now();
    let list = move || match events.get() {
        Loaded::Ready(list) => list,
        _ => Vec::new(),
    };
    let options = move || {
        list()
            .into_iter()
            .map(|event| {
                let id = event.id;
                let when = date_in(event.starts_at, &event.time_zone, locale, false);
                let counts = td_string!(
                    locale,
                    checked_in_count,
                    checked = event.checked_in,
                    total = event.tickets
                );
                view! {
                    <option value=id.0.to_string() selected=move || chosen.get() == Some(id)>
                        {format!("{} · {when} · {counts}", event.name)}
                    </option>
                }
            })
            .collect_view()
    };
    let pick = move |e: leptos::ev::Event| {
        let id = event_target_value(&e).parse::<i64>().ok();
        chosen.set(id.map(crate::catalog::ProductId));
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
    let time_zone = move || {
        let id = chosen.get();
        events.with_untracked(|loaded| match loaded {
            Loaded::Ready(list) => list
                .iter()
                .find(|e| Some(e.id) == id)
                .map(|e| e.time_zone.clone()),
            _ => None,
        })
    };
    view! {
        <section class="door" data-testid="door">
            <select class="search__input" data-testid="door-event" aria-label=td_string!(locale, door_title).to_owned()
                on:change=pick>{options}</select>
            <button class="button door__scan" type="button" data-testid="scan"
                on:click=move |_| open_scanner(td_string!(locale, scan))>
                {td_string!(locale, scan)}
            </button>
            <form class="door__typed" on:submit=submit>
                <label class="promo__label" for="door-code">{td_string!(locale, type_code)}</label>
                <input id="door-code" class="search__input" data-testid="door-code" autocomplete="off"
                    autocapitalize="characters" spellcheck="false"
                    prop:value=move || typed.get() on:input=move |e| typed.set(event_target_value(&e))/>
                <button class="button" type="submit">{td_string!(locale, check)}</button>
            </form>
            {move || view_answer(answer.get(), time_zone().unwrap_or_else(|| "UTC".into()), locale)}
        </section>
    }
}

/// The last answer, large.
fn view_answer(answer: Answer, time_zone: String, locale: Locale) -> AnyView {
    let (outcome, title, detail) = match answer {
        Answer::Nothing => return ().into_any(),
        Answer::Checking => ("checking", "…".to_owned(), String::new()),
        Answer::Failed(why) => ("failed", why, String::new()),
        Answer::Checked(result) => {
            let (title, detail) = describe(&result, &time_zone, locale);
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
            let when = result
                .checked_in_at
                .map(|ms| date_in(ms, time_zone, locale, false))
                .unwrap_or_default();
            let detail = match &result.checked_in_by {
                Some(who) => td_string!(locale, checked_in_by, when = &when, who),
                None => when,
            };
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
        CheckInOutcome::Unknown => (td_string!(locale, unknown_ticket), String::new()),
    }
}

fn outcome_attr(outcome: CheckInOutcome) -> &'static str {
    match outcome {
        CheckInOutcome::Admitted => "admitted",
        CheckInOutcome::AlreadyCheckedIn => "already_checked_in",
        CheckInOutcome::WrongEvent => "wrong_event",
        CheckInOutcome::Revoked => "revoked",
        CheckInOutcome::Unknown => "unknown",
    }
}

/// Sends one code read or typed for the chosen event, shows the answer with its haptic, and
/// reloads the events' counts. A request that failed on the way (no answer from the server)
/// is sent once more with the same nonce, which the server answers as the first time.
fn check_in(
    telegram: Telegram,
    events: RwSignal<Loaded<Vec<DoorEvent>>>,
    chosen: RwSignal<Option<EventId>>,
    answer: RwSignal<Answer>,
    code: String,
    locale: Locale,
) {
    let (Some(event_id), Some(init_data)) = (
        chosen.get_untracked(),
        telegram.launch.get_untracked().and_then(|l| l.init_data),
    ) else {
        return;
    };
    answer.set(Answer::Checking);
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(async move {
        let request = crate::events::CheckInRequest {
            event_id,
            code,
            nonce: super::browser::nonce(),
        };
        let mut result = Err(crate::api::Refusal::other(""));
        for _ in 0..2 {
            result =
                super::browser::post_json::<CheckInResult>("/api/door/check-in", &request, &init_data).await;
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
                super::load::fetch_into(events, "/api/door/events".into(), init_data, locale);
            }
            Err(why) => {
                super::browser::notify(super::browser::Notify::Error);
                answer.set(Answer::Failed(why.text(locale)));
            }
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (event_id, init_data, code, events, locale);
}
