//! Who is signed in, and the frame around every admin page.
//!
//! Once the launch parameters are known the page signs in: opened as a Mini App it exchanges
//! the launch's initData for a session (`POST /api/admin/session`), whose token goes with
//! every request from then on; else it asks `GET /api/admin/session` with the session cookie
//! a sign-in link set, and the answer's CSRF token goes with every change ([`Admin`]). The
//! answer names the page's language; its texts are fetched and installed ([`super::texts`])
//! before the page shows anything, and the admin root carries its `lang` and `dir`.

use super::action::Act;
use super::api::{self, Auth, Failure};
use super::refusals::Explanation;
use super::Page;
use crate::admin::texts::{self, t, tf};
use crate::admin_api::{Session, SignedInVia};
use crate::error_code::ErrorCode;
use crate::telegram::Telegram;
use leptos::context::Provider;
use leptos::prelude::*;
use leptos_meta::Stylesheet;
use leptos_router::hooks::use_location;

/// What the admin pages share: how to sign requests, and who is signed in.
#[derive(Clone, Copy)]
pub(crate) struct Admin {
    auth: StoredValue<Auth>,
    pub session: StoredValue<Session>,
}

impl Admin {
    /// The merchant signed in around this page.
    pub(crate) fn expect() -> Self {
        expect_context::<Admin>()
    }

    pub(crate) fn auth(&self) -> Auth {
        self.auth.get_value()
    }

    /// True when signed in with a sign-in link (a session cookie), not as a Mini App.
    pub(crate) fn by_session(&self) -> bool {
        self.session.with_value(|s| s.via == SignedInVia::Session)
    }
}

/// What the merchant reads when the session answer is a refusal: how to sign in, or the
/// refusal itself ([`Explanation::of`]; in English, since the page's language comes with the
/// session).
pub(crate) fn signed_out(failure: &Failure) -> Explanation {
    const NOT_AN_ADMIN: &str = ErrorCode::NotAnAdmin.as_str();
    let how = match (failure.status, failure.code.as_deref()) {
        (401, Some(code)) if code.starts_with("init_data") => {
            t("Telegram's sign-in is too old or invalid. Close the admin Mini App and open it again.")
        }
        (401, _) => t("Not signed in. Send /admin to the shop's bot and open the sign-in link it sends."),
        (403, Some(NOT_AN_ADMIN)) => t("This Telegram account is not one of the shop's admins."),
        _ => {
            let why = Explanation::of(failure);
            let text = tf!("The shop could not say who is signed in: {why}", why = why.text);
            return Explanation { text, ..why };
        }
    };
    Explanation::by_page(how)
}

/// Every page under `/admin`: signs in, then shows the page the path names.
#[component]
pub fn AdminShell() -> impl IntoView {
    let telegram = Telegram::expect();
    Effect::new(move |_| {
        telegram.main_button(None);
        telegram.back_button(false);
    });
    let session = LocalResource::new(move || {
        let launch = telegram.launch.get();
        async move {
            let auth = Auth {
                init_data: launch?.init_data,
                bearer: None,
                csrf: None,
            };
            let answer = match auth.init_data {
                Some(_) => api::send::<Session>(&auth, "POST", "/api/admin/session", None::<&()>).await,
                None => api::get::<Session>(&auth, "/api/admin/session").await,
            };
            let session = match answer {
                Ok(session) => session,
                Err(failure) => return Some(Err(failure)),
            };
            if let Some(url) = &session.texts {
                // Without its texts the page reads in English rather than not at all.
                let anonymous = Auth {
                    init_data: None,
                    bearer: None,
                    csrf: None,
                };
                let fetched = api::get::<std::collections::HashMap<String, String>>(&anonymous, url).await;
                texts::install(session.language, fetched.unwrap_or_default());
            }
            Some(Ok(session).map(|session: Session| {
                (
                    Auth {
                        init_data: None,
                        bearer: session.token.clone(),
                        csrf: session.csrf_token.clone(),
                    },
                    session,
                )
            }))
        }
    });
    view! {
        // Their own stylesheet, so the storefront's CSS carries none of it.
        <Stylesheet id="admin-css" href="/admin.css"/>
        <div class="admin" data-testid="admin" lang=move || session.get().flatten().map(|_| texts::language().code())
            dir=move || session.get().flatten().map(|_| texts::language().dir())>
            {move || match session.get().flatten() {
                None => view! { <p class="admin-note" aria-busy="true">{t("Signing in…")}</p> }.into_any(),
                Some(Err(failure)) => view! {
                    <p class="admin-error" role="alert" data-testid="admin-signed-out">{signed_out(&failure).contents()}</p>
                }
                .into_any(),
                Some(Ok((auth, session))) => {
                    let admin = Admin { auth: StoredValue::new(auth), session: StoredValue::new(session) };
                    view! { <Provider value=admin><Frame/></Provider> }.into_any()
                }
            }}
        </div>
    }
}

/// The navigation, who is signed in, and the current page.
#[component]
fn Frame() -> impl IntoView {
    let admin = Admin::expect();
    let location = use_location();
    let page = Memo::new(move |_| Page::from_path(&location.pathname.get()));
    let (user, via) = admin.session.with_value(|s| (s.user_id, s.via));
    let link = move |href: &'static str, text: &'static str, on: fn(Page) -> bool| {
        view! { <a href=href aria-current=move || on(page.get()).then_some("page")>{text}</a> }
    };
    view! {
        <header class="admin-bar">
            <nav class="admin-nav" aria-label=t("Admin")>
                {link("/admin", t("Dashboard"), |p| p == Page::Dashboard)}
                {link("/admin/orders", t("Orders"), |p| matches!(p, Page::Orders | Page::Order(_)))}
                {link("/admin/products", t("Products"), |p| matches!(p, Page::Products | Page::NewProduct | Page::Product(_)))}
                {link("/admin/events", t("Events"), |p| matches!(p, Page::Events | Page::NewEvent | Page::Event(_)))}
                {link("/admin/salon", t("Salon"), |p| matches!(p, Page::Salon | Page::SalonStaff(_) | Page::SalonServices | Page::SalonRules | Page::SalonDay))}
                {link("/admin/subscriptions", t("Subscriptions"), |p| p == Page::Subscriptions)}
                {link("/admin/posts", t("Posts"), |p| p == Page::Posts)}
                {link("/admin/settings", t("Settings"), |p| p == Page::Settings)}
            </nav>
            <p class="admin-who" data-testid="admin-user" data-via=via.as_str()>
                {if via == SignedInVia::Session { tf!("Admin {user} (sign-in link)", user = user) } else { tf!("Admin {user} (Telegram)", user = user) }}
            </p>
            {admin.by_session().then(|| view! { <SignOut/> })}
        </header>
        {move || match page.get() {
            Page::Dashboard => view! { <super::dashboard::DashboardPage/> }.into_any(),
            Page::Orders => view! { <super::orders::OrdersPage/> }.into_any(),
            Page::Order(id) => view! { <super::order::OrderPage id/> }.into_any(),
            Page::Products => view! { <super::products::ProductsPage/> }.into_any(),
            Page::NewProduct => view! { <super::new_product::NewProductPage/> }.into_any(),
            Page::Product(id) => view! { <super::product::ProductPage id/> }.into_any(),
            Page::Events => view! { <super::events::EventsPage/> }.into_any(),
            Page::NewEvent => view! { <super::events::new::NewEventPage/> }.into_any(),
            Page::Event(id) => view! { <super::events::event::EventPage id/> }.into_any(),
            Page::Salon => view! { <super::salon::SalonPage/> }.into_any(),
            Page::SalonStaff(id) => view! { <super::salon::staff::StaffPage id/> }.into_any(),
            Page::SalonServices => view! { <super::salon::services::ServicesPage/> }.into_any(),
            Page::SalonRules => view! { <super::salon::rules::RulesPage/> }.into_any(),
            Page::SalonDay => view! { <super::salon::day::DayPage/> }.into_any(),
            Page::Subscriptions => view! { <super::subscriptions::SubscriptionsPage/> }.into_any(),
            Page::Posts => view! { <super::posts::PostsPage/> }.into_any(),
            Page::Settings => view! { <super::settings::SettingsPage/> }.into_any(),
            Page::NotFound => view! { <p class="admin-error" role="alert">{t("There is no such admin page.")}</p> }.into_any(),
        }}
    }
}

/// "Sign out": ends the session (`POST /api/admin/logout`) and reloads the page.
#[component]
fn SignOut() -> impl IntoView {
    let act = Act::new();
    let sign_out = move |_| {
        act.run(
            |auth| async move {
                api::send::<serde::de::IgnoredAny>(&auth, "POST", "/api/admin/logout", None::<&()>).await
            },
            |_| api::reload(),
        )
    };
    view! {
        <button type="button" class="admin-button admin-button--quiet" on:click=sign_out disabled=move || act.busy.get()>
            {t("Sign out")}
        </button>
        <super::action::Refusal act/>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failure(status: u16, code: &str) -> Failure {
        Failure {
            status,
            code: Some(code.into()),
            message: "no".into(),
        }
    }

    #[test]
    fn a_visitor_without_a_session_is_told_how_to_sign_in() {
        let text = signed_out(&failure(401, "session_missing")).text;
        assert_eq!(
            text,
            "Not signed in. Send /admin to the shop's bot and open the sign-in link it sends."
        );
    }

    #[test]
    fn a_shopper_is_told_the_account_is_no_admin() {
        let text = signed_out(&failure(403, "not_an_admin")).text;
        assert_eq!(text, "This Telegram account is not one of the shop's admins.");
    }
}
