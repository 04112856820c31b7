//! `/shop/services/<id>`: booking one service. The service's photo, name, length and price
//! head the page; under it, one step at a time: who (a staff member with their title and
//! price, or "anyone available" when two or more perform it), the date strip of the next
//! weeks (days with free times marked), that day's free times as buttons, and a summary.
//! Telegram's MainButton then says "Pay 48,00 €": the server holds the time in an order and
//! makes an invoice (`POST /api/checkout`), Telegram's payment sheet opens, and once it closes
//! paid the order page shows the appointment. The BackButton steps back through the flow.
//!
//! A time taken meanwhile (checkout's `409 slot_taken`, or the sheet closed unpaid after
//! pre-checkout refused it) is said, the day's times are asked again, and the client picks
//! another.

use super::flow::{checkout, performer, Move, Step, Who};
use super::list::{from_price, length};
use super::strip::DateStrip;
use crate::api::Refusal;
use crate::appointments::{DateStrip as Strip, DaySlots, ServiceStaffView, ServiceView, Slot};
use crate::components::TopBar;
use crate::error_code::ErrorCode;
use crate::i18n::{td_string, Locale};
use crate::language::{ltr, use_lang};
use crate::orders::OrderId;
use crate::pages::events::load::{load, Loaded};
use crate::pages::paying::{answer_sheet, open_invoice, Notice, PayNotice, Paying};
use crate::pages::zoned::{device_zone, long_date, salon_time, today, Day};
use crate::telegram::{Haptic, Telegram};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

/// `/shop/services/<id>`.
#[component]
pub(super) fn ServicePage(id: i64) -> impl IntoView {
    let (telegram, locale) = (Telegram::expect(), use_lang().now());
    let flow = Flow::new();
    let moving =
        use_query_map().with_untracked(|q| Move::parse(q.get("move").as_deref(), q.get("order").as_deref()));
    // The MainButton shows at the summary only (`pay_with_main_button`).
    Effect::new(move |_| {
        telegram.back_button(true);
        telegram.main_button(None);
        telegram.closing_confirmation(false);
    });
    let navigate = use_navigate();
    Effect::watch(
        move || telegram.back_button_presses(),
        move |_, _, _| {
            if !flow.back() {
                navigate("/shop/services", Default::default());
            }
        },
        false,
    );
    let loaded = load::<Vec<ServiceView>>(|| "/api/services".into(), false);
    view! {
        <TopBar title=|l| td_string!(l, services_title)/>
        {move || match loaded.get() {
            Loaded::Loading => view! { <p class="notice">{td_string!(locale, loading_services)}</p> }.into_any(),
            Loaded::Failed(text) => view! { <p class="notice notice--error" role="alert">{text}</p> }.into_any(),
            Loaded::Ready(services) => match services.into_iter().find(|s| s.id.0 == id) {
                Some(service) => view! { <Booking service flow moving/> }.into_any(),
                None => view! {
                    <p class="notice notice--error" role="alert" data-testid="service-unavailable">
                        {td_string!(locale, service_unavailable)}
                    </p>
                    <p class="notice"><a href="/shop/services">{td_string!(locale, services_title)}</a></p>
                }
                .into_any(),
            },
        }}
    }
}

/// What the client has chosen so far.
#[derive(Clone, Copy)]
struct Flow {
    who: RwSignal<Option<Who>>,
    day: RwSignal<Option<Day>>,
    slot: RwSignal<Option<Slot>>,
    /// One staff member: nobody to choose, the day is the first step.
    single: RwSignal<bool>,
}

impl Flow {
    fn new() -> Self {
        Flow {
            who: RwSignal::new(None),
            day: RwSignal::new(None),
            slot: RwSignal::new(None),
            single: RwSignal::new(false),
        }
    }

    /// The current step (reactive).
    fn step(&self) -> Step {
        Step::of(
            self.who.with(Option::is_some),
            self.day.with(Option::is_some),
            self.slot.with(Option::is_some),
        )
    }

    /// One step back; false when there is none before (the page is left).
    fn back(&self) -> bool {
        let Some(to) = untrack(|| self.step()).back(self.single.get_untracked()) else {
            return false;
        };
        self.slot.set(None);
        if matches!(to, Step::Day | Step::Who) {
            self.day.set(None);
        }
        if to == Step::Who {
            self.who.set(None);
        }
        true
    }
}

/// The booking of one service: its state and how to ask the server, shared by its parts.
#[derive(Clone, Copy)]
struct Desk {
    telegram: Telegram,
    locale: Locale,
    id: i64,
    staff: StoredValue<Vec<ServiceStaffView>>,
    flow: Flow,
    strip: RwSignal<Loaded<Strip>>,
    slots: RwSignal<Loaded<DaySlots>>,
    /// Why the time chosen is gone, until another is chosen.
    taken: RwSignal<Option<String>>,
    paying: RwSignal<Paying>,
    /// Why the move was refused (other than the time being taken).
    refused: RwSignal<Option<String>>,
}

impl Desk {
    /// Asks for the strip of whoever is chosen.
    fn ask_strip(self, who: Who) {
        let query = who.query();
        let path = match query.is_empty() {
            true => format!("/api/services/{}/dates", self.id),
            false => format!("/api/services/{}/dates?{query}", self.id),
        };
        self.strip.set(Loaded::Loading);
        let flow = self.flow;
        // `try_`: the page may be gone when the answer comes.
        self.ask(self.strip, path, move || {
            flow.who.try_get_untracked() == Some(Some(who))
        });
    }

    /// Asks for the free times of the chosen day.
    fn ask_slots(self) {
        let (Some(who), Some(day)) = (self.flow.who.get_untracked(), self.flow.day.get_untracked()) else {
            return;
        };
        self.slots.set(Loaded::Loading);
        let flow = self.flow;
        let current = move || {
            flow.who.try_get_untracked() == Some(Some(who)) && flow.day.try_get_untracked() == Some(Some(day))
        };
        self.ask(self.slots, slots_path(self.id, who, day), current);
    }

    /// `GET path` into `into`, unless the client moved on (`current` false) meanwhile.
    fn ask<T>(self, into: RwSignal<Loaded<T>>, path: String, current: impl Fn() -> bool + 'static)
    where
        T: serde::de::DeserializeOwned + Send + Sync + 'static,
    {
        let init_data = self.init_data();
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            let answer = crate::pages::events::browser::get::<T>(&path, &init_data).await;
            if current() {
                into.set(match answer {
                    Ok(value) => Loaded::Ready(value),
                    Err(why) => Loaded::Failed(why.text(self.locale)),
                });
            }
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = (into, path, current, init_data);
    }

    fn init_data(self) -> String {
        self.telegram
            .launch
            .get_untracked()
            .and_then(|launch| launch.init_data)
            .unwrap_or_default()
    }

    /// The chosen time and who performs it (reactive), once the client is at the summary.
    fn chosen(self) -> Option<(Who, Slot, ServiceStaffView)> {
        let (who, slot) = (self.flow.who.get()?, self.flow.slot.get()?);
        let member = self
            .staff
            .with_value(|staff| performer(staff, who, &slot).cloned())?;
        Some((who, slot, member))
    }

    /// "Sorry, 10:30 with Anna was just booked — please pick another time."
    fn taken_text(self, slot: &Slot, member: &ServiceStaffView, zone: &str) -> String {
        let time = salon_time(slot.starts_at, zone, self.locale, false).salon;
        td_string!(self.locale, slot_taken, time = time, name = &member.name)
    }

    /// The chosen time is gone: say so, back to the day's times, asked again.
    fn lose_time(self, text: String) {
        self.telegram.haptic(Haptic::Error);
        self.taken.set(Some(text));
        self.paying.set(Paying::Idle);
        self.flow.slot.set(None);
        self.ask_slots();
    }
}

/// `/api/services/<id>/slots?date=…[&staff=…]`.
fn slots_path(id: i64, who: Who, day: Day) -> String {
    let query = who.query();
    let staff = if query.is_empty() {
        String::new()
    } else {
        format!("&{query}")
    };
    format!("/api/services/{id}/slots?date={day}{staff}")
}

#[component]
fn Booking(service: ServiceView, flow: Flow, moving: Option<Move>) -> impl IntoView {
    let (telegram, locale) = (Telegram::expect(), use_lang().now());
    flow.single.set(service.staff.len() == 1);
    if let [only] = service.staff.as_slice() {
        flow.who.set(Some(Who::Staff(only.id)));
    }
    let desk = Desk {
        telegram,
        locale,
        id: service.id.0,
        staff: StoredValue::new(service.staff.clone()),
        flow,
        strip: RwSignal::new(Loaded::Loading),
        slots: RwSignal::new(Loaded::Loading),
        taken: RwSignal::new(None),
        paying: RwSignal::new(Paying::Idle),
        refused: RwSignal::new(None),
    };
    Effect::new(move |_| {
        if let Some(who) = flow.who.get() {
            desk.ask_strip(who);
        }
    });
    Effect::new(move |_| {
        if flow.who.with(Option::is_some) && flow.day.with(Option::is_some) {
            desk.taken.set(None);
            desk.ask_slots();
        }
    });
    match moving {
        Some(moving) => move_with_main_button(desk, moving),
        None => pay_with_main_button(desk),
    }
    answer_refusals(desk);
    // Memos, so that choosing a day or a time does not draw the strip again.
    let step = Memo::new(move |_| flow.step());
    let choosing_day = Memo::new(move |_| matches!(step.get(), Step::Day | Step::Time));
    let choosing_time = Memo::new(move |_| step.get() == Step::Time);
    // Each part erased to AnyView: the whole page as one type is too deep for the compiler.
    let header = view! { <ServiceHeader service=service.clone()/> }.into_any();
    let name = StoredValue::new(service.name);
    let who = move || (step.get() == Step::Who).then(|| view! { <StaffPicker desk/> }.into_any());
    let days = move || {
        choosing_day
            .get()
            .then(|| view! { <ChosenWho desk/><Days desk/> }.into_any())
    };
    let times = move || choosing_time.get().then(|| view! { <Times desk/> }.into_any());
    let summary = move || {
        (step.get() == Step::Summary).then(|| view! { <Summary desk service=name.get_value()/> }.into_any())
    };
    view! {
        <article class="booking" data-testid="booking" data-step=move || format!("{:?}", step.get()).to_lowercase()>
            {header}
            {who}
            {days}
            {times}
            {summary}
            {move || desk.refused.get().map(|text| view! {
                <p class="notice notice--error" role="alert" data-testid="move-refused">{text}</p>
            })}
            <PayNotice paying=desk.paying cancelled=|l| td_string!(l, time_not_paid)/>
        </article>
    }
    .into_any()
}

/// The service's photo, name, length, price and description.
#[component]
fn ServiceHeader(service: ServiceView) -> impl IntoView {
    let locale = use_lang().now();
    view! {
        <header class="service">
            <img class="service__photo" src=service.photo.url width=service.photo.width height=service.photo.height
                alt=service.photo.alt decoding="async"/>
            <div class="service__text">
                <h2 class="service__name" data-testid="service-name">{service.name}</h2>
                <p class="service__facts">
                    <span>{length(locale, service.duration_minutes)}</span>" · "
                    <span class="service__price">{from_price(locale, &service.from_price_label, service.price_varies)}</span>
                </p>
            </div>
            <p class="service__description">{service.description}</p>
        </header>
    }
}

/// Who performs it: each staff member, and anyone available when two or more do.
#[component]
fn StaffPicker(desk: Desk) -> impl IntoView {
    let locale = desk.locale;
    let staff = desk.staff.get_value();
    let choose = move |who: Who| {
        desk.telegram.haptic(Haptic::Tap);
        desk.flow.who.set(Some(who));
    };
    let anyone = (staff.len() >= 2).then(|| {
        view! {
            <li>
                <button type="button" class="staff" data-testid="staff-anyone" on:click=move |_| choose(Who::Anyone)>
                    <span class="staff__avatar" aria-hidden="true">"✶"</span>
                    <span class="staff__name">{td_string!(locale, anyone_available)}</span>
                    <span class="staff__title">{td_string!(locale, anyone_hint)}</span>
                </button>
            </li>
        }
    });
    view! {
        <h3 class="booking__heading">{td_string!(locale, choose_who)}</h3>
        <ul class="staff-list" data-testid="staff-list">
            {staff
                .into_iter()
                .map(|member| {
                    let (id, name) = (member.id, member.name.clone());
                    view! {
                        <li>
                            <button type="button" class="staff" data-testid="staff-member" data-name=name.clone()
                                on:click=move |_| choose(Who::Staff(id))>
                                <Avatar name=name.clone() photo=member.photo_url/>
                                <span class="staff__name">{member.name}</span>
                                <span class="staff__title">{member.title}</span>
                                <span class="staff__price"><bdi dir="ltr">{member.price_label}</bdi></span>
                            </button>
                        </li>
                    }
                })
                .collect_view()}
            {anyone}
        </ul>
    }
}

/// A staff member's photo, or their initial.
#[component]
fn Avatar(name: String, photo: Option<String>) -> impl IntoView {
    match photo {
        Some(url) => {
            view! { <img class="staff__avatar" src=url alt="" width="48" height="48" decoding="async"/> }
                .into_any()
        }
        None => {
            let initial: String = name.chars().take(1).collect();
            view! { <span class="staff__avatar" aria-hidden="true">{initial}</span> }.into_any()
        }
    }
}

/// Whom the client chose, above the days and times.
#[component]
fn ChosenWho(desk: Desk) -> impl IntoView {
    let locale = desk.locale;
    let text = match desk.flow.who.get_untracked() {
        Some(Who::Staff(id)) => desk
            .staff
            .with_value(|staff| {
                staff
                    .iter()
                    .find(|m| m.id == id)
                    .map(|m| format!("{} · {}", m.name, m.title))
            })
            .map(|who| td_string!(locale, with_staff, name = who)),
        _ => Some(td_string!(locale, anyone_available).to_owned()),
    };
    view! { <p class="booking__who" data-testid="chosen-who">{text}</p> }
}

/// The date strip of whoever is chosen.
#[component]
fn Days(desk: Desk) -> impl IntoView {
    let locale = desk.locale;
    view! {
        <h3 class="booking__heading">{td_string!(locale, choose_day)}</h3>
        {move || match desk.strip.get() {
            Loaded::Loading => view! { <p class="notice">{td_string!(locale, loading_times)}</p> }.into_any(),
            Loaded::Failed(text) => view! { <p class="notice notice--error" role="alert">{text}</p> }.into_any(),
            Loaded::Ready(strip) if strip.dates.is_empty() => {
                view! { <p class="notice" data-testid="no-free-days">{td_string!(locale, no_free_days)}</p> }.into_any()
            }
            Loaded::Ready(strip) => {
                let free: Vec<Day> = strip.dates.iter().filter_map(|d| Day::parse(d)).collect();
                let clock = device_zone()
                    .filter(|zone| *zone != strip.time_zone)
                    .map(|_| td_string!(locale, salon_clock, zone = &strip.time_zone));
                view! {
                    {clock.map(|text| view! { <p class="booking__clock" data-testid="salon-clock">{text}</p> })}
                    <DateStrip today=today(&strip.time_zone) free chosen=desk.flow.day/>
                }
                .into_any()
            }
        }}
    }
}

/// The chosen day's free times, each on the salon's clock (and the client's when it differs).
#[component]
fn Times(desk: Desk) -> impl IntoView {
    let locale = desk.locale;
    // The strip stays above: the client may change the day here.
    let heading = move || {
        desk.flow
            .day
            .get()
            .map(|day| td_string!(locale, free_times_on, date = long_date(day, locale)))
    };
    view! {
        <h3 class="booking__heading" data-testid="times-heading">{heading}</h3>
        {move || desk.taken.get().map(|text| view! {
            <p class="notice notice--alert" role="alert" data-testid="slot-taken">{text}</p>
        })}
        {move || match desk.slots.get() {
            Loaded::Loading => view! { <p class="notice">{td_string!(locale, loading_times)}</p> }.into_any(),
            Loaded::Failed(text) => view! { <p class="notice notice--error" role="alert">{text}</p> }.into_any(),
            Loaded::Ready(day) if day.slots.is_empty() => {
                view! { <p class="notice" data-testid="no-free-times">{td_string!(locale, no_free_times)}</p> }.into_any()
            }
            Loaded::Ready(day) => view! {
                <div class="times" role="group" aria-label=td_string!(locale, times_label) data-testid="times">
                    {day.slots.into_iter().map(|slot| view! { <TimeButton desk free=slot zone=day.time_zone.clone()/> }).collect_view()}
                </div>
            }
            .into_any(),
        }}
    }
}

#[component]
fn TimeButton(desk: Desk, free: Slot, zone: String) -> impl IntoView {
    let when = salon_time(free.starts_at, &zone, desk.locale, false);
    let label = when.line();
    let time = free.time.clone();
    let choose = move |_| {
        desk.telegram.haptic(Haptic::Tap);
        desk.taken.set(None);
        desk.flow.slot.set(Some(free.clone()));
    };
    view! {
        <button type="button" class="time" data-testid="time" data-time=time aria-label=label on:click=choose>
            <span class="time__salon">{when.salon}</span>
            {when.yours.map(|yours| view! { <span class="time__yours">{yours}</span> })}
        </button>
    }
}

/// What will be paid: the service, with whom, when and the price.
#[component]
fn Summary(desk: Desk, service: String) -> impl IntoView {
    let locale = desk.locale;
    let zone = match desk.slots.get_untracked() {
        Loaded::Ready(day) => day.time_zone,
        _ => String::new(),
    };
    move || {
        let (_, slot, member) = desk.chosen()?;
        let when = salon_time(slot.starts_at, &zone, locale, true);
        Some(view! {
            <section class="summary booking-summary" data-testid="booking-summary">
                <h3 class="summary__title">{td_string!(locale, booking_summary)}</h3>
                <dl class="booking-summary__facts">
                    <dt>{td_string!(locale, summary_service)}</dt>
                    <dd data-testid="summary-service">{service.clone()}</dd>
                    <dt>{td_string!(locale, summary_with)}</dt>
                    <dd data-testid="summary-staff">{format!("{} · {}", member.name, member.title)}</dd>
                    <dt>{td_string!(locale, summary_when)}</dt>
                    <dd data-testid="summary-when">
                        <time datetime=crate::iso_utc(slot.starts_at)>{when.salon}</time>
                        {when.yours.map(|yours| view! { <span class="booking-summary__yours">" · "{yours}</span> })}
                    </dd>
                    <dt>{td_string!(locale, summary_price)}</dt>
                    <dd data-testid="summary-price"><bdi dir="ltr">{member.price_label}</bdi></dd>
                </dl>
            </section>
        })
    }
}

/// The MainButton: "Pay 48,00 €" at the summary (busy while the invoice is made), hidden
/// before; pressed, checkout holds the time and Telegram's sheet opens; closed paid (or
/// pending: the server's record decides), the order page shows the appointment.
fn pay_with_main_button(desk: Desk) {
    let (telegram, locale) = (desk.telegram, desk.locale);
    Effect::new(move |_| {
        let label = desk
            .chosen()
            .filter(|_| desk.flow.step() == Step::Summary)
            .map(|(_, _, member)| td_string!(locale, pay_total, total = ltr(locale, &member.price_label)));
        match (desk.paying.get(), label) {
            (Paying::CreatingInvoice, Some(label)) => telegram.main_button_busy(&label),
            (_, label) => telegram.main_button(label.as_deref()),
        }
    });
    Effect::watch(
        move || telegram.main_button_presses(),
        move |_, _, _| {
            let chosen = untrack(|| desk.chosen());
            if let Some((who, slot, member)) = chosen {
                desk.taken.set(None);
                open_invoice(telegram, desk.paying, &checkout(&member, who, &slot));
            }
        },
        false,
    );
    answer_sheet(telegram, desk.paying, || ());
}

/// In reschedule mode, the MainButton: "Move to Tuesday 17 December, 14:00" at the summary;
/// pressed, `POST /api/appointments/{id}/reschedule`; moved, back to the order page; a time
/// taken meanwhile is said and the day's times asked again, as at checkout; any other refusal
/// is said as the server gave it.
fn move_with_main_button(desk: Desk, moving: Move) {
    let (telegram, locale) = (desk.telegram, desk.locale);
    Effect::new(move |_| {
        let label = desk
            .chosen()
            .filter(|_| desk.flow.step() == Step::Summary)
            .map(|(_, slot, _)| {
                let when = salon_time(slot.starts_at, &zone(desk), locale, true).salon;
                td_string!(locale, move_to, when = when)
            });
        match (desk.paying.get(), label) {
            (Paying::CreatingInvoice, Some(label)) => telegram.main_button_busy(&label),
            (_, label) => telegram.main_button(label.as_deref()),
        }
    });
    let navigate = use_navigate();
    Effect::watch(
        move || telegram.main_button_presses(),
        move |_, _, _| {
            let Some((_, slot, member)) = untrack(|| desk.chosen()) else {
                return;
            };
            if untrack(|| desk.paying.get()) == Paying::CreatingInvoice {
                return;
            }
            desk.taken.set(None);
            desk.refused.set(None);
            desk.paying.set(Paying::CreatingInvoice);
            let choice = Move::choice(&member, &slot);
            let init_data = desk.init_data();
            let navigate = navigate.clone();
            #[cfg(feature = "hydrate")]
            leptos::task::spawn_local(async move {
                let body = serde_json::to_string(&choice).unwrap_or_default();
                let answer =
                    crate::telegram::bridge::post_with_init_data(&moving.path(), &body, &init_data).await;
                // The client may have left the page meanwhile.
                if desk.paying.try_set(Paying::Idle).is_some() {
                    return;
                }
                match answer {
                    Ok(_) => {
                        telegram.haptic(Haptic::Success);
                        navigate(&format!("/shop/orders/{}", moving.order), Default::default());
                    }
                    Err(why) if is_taken(&why) => desk.lose_time(match locale {
                        Locale::en => why.message.clone(),
                        _ => desk.taken_text(&slot, &member, &zone(desk)),
                    }),
                    Err(why) => {
                        telegram.haptic(Haptic::Error);
                        desk.refused.set(Some(why.text(locale)));
                    }
                }
            });
            #[cfg(not(feature = "hydrate"))]
            let _ = (choice, init_data, navigate, moving.path());
        },
        false,
    );
}

/// A time taken by someone else: at checkout (`409 slot_taken`, or `slot_not_offered` when it
/// left the salon's offer), or seen after the sheet closed unpaid (pre-checkout refused it).
fn answer_refusals(desk: Desk) {
    let order = StoredValue::new(None::<OrderId>);
    Effect::watch(
        move || desk.paying.get(),
        move |paying, _, _| match paying {
            Paying::SheetOpen(id, _) => order.set_value(Some(*id)),
            Paying::Notice(Notice::NotStarted(why)) if is_taken(why) => {
                let text = untrack(|| desk.chosen()).map(|(_, slot, member)| match desk.locale {
                    // English shoppers read the server's own sentence, which names the time.
                    Locale::en => why.message.clone(),
                    _ => desk.taken_text(&slot, &member, &zone(desk)),
                });
                desk.lose_time(text.unwrap_or_else(|| why.text(desk.locale)));
            }
            Paying::Notice(Notice::Cancelled | Notice::Failed) => {
                if let Some(id) = order.get_value() {
                    check_time(desk, id);
                }
            }
            _ => {}
        },
        false,
    );
}

/// The salon's zone, from the day's times.
fn zone(desk: Desk) -> String {
    desk.slots.with_untracked(|slots| match slots {
        Loaded::Ready(day) => day.time_zone.clone(),
        _ => String::new(),
    })
}

fn is_taken(why: &Refusal) -> bool {
    const TAKEN: &str = ErrorCode::SlotTaken.as_str();
    const NOT_OFFERED: &str = ErrorCode::SlotNotOffered.as_str();
    matches!(why.code.as_deref(), Some(TAKEN | NOT_OFFERED))
}

/// After the sheet closed unpaid: the client's order `id` and the day's times are asked
/// again; a time neither still held for the client nor offered was taken by someone else.
fn check_time(desk: Desk, id: OrderId) {
    let Some((who, slot, member)) = untrack(|| desk.chosen()) else {
        return;
    };
    let Some(day) = desk.flow.day.get_untracked() else {
        return;
    };
    let init_data = desk.init_data();
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(async move {
        use crate::pages::events::browser::get;
        let order = get::<crate::orders::OrderView>(&format!("/api/orders/{id}"), &init_data)
            .await
            .ok();
        let times = get::<DaySlots>(&slots_path(desk.id, who, day), &init_data).await;
        let fresh = times.as_ref().ok().map(|times| {
            times
                .slots
                .iter()
                .find(|s| s.starts_at == slot.starts_at)
                .cloned()
        });
        // The client may have left the page, or chosen another time, meanwhile.
        if desk.flow.slot.try_get_untracked() != Some(Some(slot.clone())) {
            return;
        }
        if let Ok(times) = times {
            desk.slots.set(Loaded::Ready(times));
        }
        let offered = fresh.as_ref().map(Option::is_some);
        if super::flow::time_lost(
            order.as_ref(),
            slot.starts_at,
            offered,
            crate::pages::zoned::now_ms(),
        ) {
            desk.lose_time(desk.taken_text(&slot, &member, &zone(desk)));
        } else if let Some(Some(fresh)) = fresh {
            // For anyone, whoever is first free now.
            desk.flow.slot.set(Some(fresh));
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (who, slot, member, day, init_data, id);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_free_times_are_asked_for_the_day_and_whoever_is_chosen() {
        let day = Day::parse("2026-12-08").unwrap();
        assert_eq!(
            slots_path(4, Who::Staff(1), day),
            "/api/services/4/slots?date=2026-12-08&staff=1"
        );
        assert_eq!(
            slots_path(4, Who::Anyone, day),
            "/api/services/4/slots?date=2026-12-08"
        );
    }

    #[test]
    fn a_taken_or_withdrawn_time_is_told_as_taken() {
        let refusal = |code: &str| Refusal {
            code: Some(code.into()),
            message: String::new(),
        };
        assert!(is_taken(&refusal("slot_taken")));
        assert!(is_taken(&refusal("slot_not_offered")));
        assert!(!is_taken(&refusal("sold_out")));
        assert!(!is_taken(&Refusal::other("offline")));
    }
}
