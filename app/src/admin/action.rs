//! The one way the merchant's pages act and load: an [`Act`] runs one request at a time
//! (its buttons are disabled meanwhile) and keeps the server's refusal to show beside the
//! form or button that caused it; [`Loaded`] shows a loading line, a refusal or the view.
//! Refusals read in the page's language ([`Explanation`]).

use super::api::{Auth, Failure};
use super::refusals::Explanation;
use super::shell::Admin;
use crate::admin::texts::t;
use leptos::prelude::*;
use std::future::Future;

/// One action's state: in flight or not, and its last refusal.
#[derive(Clone, Copy)]
pub(crate) struct Act {
    pub busy: RwSignal<bool>,
    pub error: RwSignal<Option<Explanation>>,
    admin: Admin,
}

impl Act {
    /// A new action of the signed-in merchant (call it while building the component).
    pub(crate) fn new() -> Self {
        let admin = Admin::expect();
        Act {
            busy: RwSignal::new(false),
            error: RwSignal::new(None),
            admin,
        }
    }

    /// Runs `request` with the merchant's [`Auth`] unless one is in flight, then `done` with
    /// its answer; a refusal is kept in `error`.
    pub(crate) fn run<T, F>(self, request: impl FnOnce(Auth) -> F, done: impl FnOnce(T) + 'static)
    where
        T: 'static,
        F: Future<Output = Result<T, Failure>> + 'static,
    {
        if self.busy.get_untracked() {
            return;
        }
        self.busy.set(true);
        self.error.set(None);
        let answer = request(self.admin.auth());
        leptos::task::spawn_local(async move {
            let answer = answer.await;
            self.busy.set(false);
            match answer {
                Ok(value) => done(value),
                Err(failure) => self.error.set(Some(Explanation::of(&failure))),
            }
        });
    }

    /// Refuses with `message` (in the page's language) without asking the server (a form
    /// the page cannot send).
    pub(crate) fn refuse(self, message: impl Into<String>) {
        self.error.set(Some(Explanation::by_page(message)));
    }
}

/// The last refusal of `act`, read out by screen readers when it appears.
#[component]
pub(crate) fn Refusal(act: Act) -> impl IntoView {
    move || act.error.get().map(Explanation::alert)
}

/// A page's data as a [`LocalResource`]: `None` while loading.
pub(crate) type Loaded<T> = LocalResource<Result<T, Failure>>;

/// Loads `path` as the merchant (again whenever a signal read in `path` changes).
pub(crate) fn load<T>(path: impl Fn() -> String + 'static) -> Loaded<T>
where
    T: serde::de::DeserializeOwned + 'static,
{
    let admin = Admin::expect();
    LocalResource::new(move || {
        let (auth, path) = (admin.auth(), path());
        async move { super::api::get::<T>(&auth, &path).await }
    })
}

/// `view(data)` once `loaded` has it; a loading line or the refusal before.
pub(crate) fn show<T, V>(loaded: Loaded<T>, view: impl Fn(T) -> V + Send + Sync + 'static) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
{
    move || match loaded.get() {
        None => view! { <p class="admin-note" aria-busy="true">{t("Loading…")}</p> }.into_any(),
        Some(Err(failure)) => Explanation::of(&failure).alert().into_any(),
        Some(Ok(data)) => view(data).into_any(),
    }
}
