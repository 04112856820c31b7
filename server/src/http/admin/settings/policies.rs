//! `GET` and `PUT /api/admin/settings/policies`: the support contact `/paysupport` gives and
//! the privacy policy `/privacy` and the `/privacy` page show, parsed by
//! `crate::shop::settings::policies` (422 `bad_support_contact`, `bad_privacy_policy`).

use super::{invalid, Admin, ApiError, AppState};
use crate::clock::now_ms;
use crate::http::AppJson;
use crate::shop::settings::policies::{self, PrivacyPolicy, SupportContact};
use app::i18n::Locale;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/settings/policies", get(show).put(save))
}

/// `GET /api/admin/settings/policies`.
async fn show(
    State(state): State<AppState>,
    _admin: Admin,
) -> Result<Json<app::admin_api::Policies>, ApiError> {
    let saved = state.db.policies().await?;
    let shop = state.db.shop_settings().await?;
    Ok(Json(shown(
        &saved,
        shop.name.as_str(),
        shop.language.unwrap_or(Locale::en),
    )))
}

/// `PUT /api/admin/settings/policies`: both fields are checked before either is saved.
#[tracing::instrument(skip_all, fields(admin = %admin.id))]
async fn save(
    State(state): State<AppState>,
    admin: Admin,
    AppJson(request): AppJson<app::admin_api::Policies>,
) -> Result<Json<app::admin_api::Policies>, ApiError> {
    let typed = |field: &Option<String>| {
        field
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
    };
    let saved = policies::Policies {
        support_contact: typed(&request.support_contact)
            .map(|c| SupportContact::parse(&c))
            .transpose()
            .map_err(invalid)?,
        privacy_policy: typed(&request.privacy_policy)
            .map(|p| PrivacyPolicy::parse(&p))
            .transpose()
            .map_err(invalid)?,
    };
    state.db.save_policies(&saved, now_ms()).await?;
    tracing::info!(
        contact = saved.support_contact.is_some(),
        policy = saved.privacy_policy.is_some(),
        "the shop's support contact and privacy policy changed"
    );
    let shop = state.db.shop_settings().await?;
    Ok(Json(shown(
        &saved,
        shop.name.as_str(),
        shop.language.unwrap_or(Locale::en),
    )))
}

/// The policies as the admin API shows them, with the text buyers read (the default in the
/// shop's language, `locale`).
fn shown(saved: &policies::Policies, shop_name: &str, locale: Locale) -> app::admin_api::Policies {
    app::admin_api::Policies {
        support_contact: saved.support_contact.as_ref().map(|c| c.as_str().to_owned()),
        privacy_policy: saved.privacy_policy.as_ref().map(|p| p.as_str().to_owned()),
        shown_policy: saved.privacy_policy(shop_name, locale),
    }
}
