//! How the admin page shows payment providers: the provider that took an order (with a TEST
//! badge for a test-mode one, whose payments move no money) and the dashboard's banner while
//! any configured provider is in test mode, in the merchant's language ([`super::texts`]).

use super::texts::{t, tf};
use crate::admin_api::{ProviderLabel, TestProvider};
use leptos::prelude::*;

/// The provider's name, and `TEST` when it is a test-mode provider; `–` for none (Stars).
#[component]
pub(crate) fn ProviderName(provider: Option<ProviderLabel>) -> impl IntoView {
    match provider {
        None => view! { <span>"–"</span> }.into_any(),
        Some(p) => view! {
            <span data-testid="admin-order-provider">{p.name}{p.test.then(|| view! { " " <TestBadge/> })}</span>
        }
        .into_any(),
    }
}

/// The `TEST` badge: a payment through a test-mode provider moved no money.
#[component]
pub(crate) fn TestBadge() -> impl IntoView {
    view! {
        <span class="admin-badge admin-badge--test" data-testid="admin-test-badge"
            title=t("Paid through a test-mode provider: no money moved")>{t("TEST")}</span>
    }
}

/// What a test provider takes: `EUR`, or every currency without its own provider.
fn takes(provider: &TestProvider) -> String {
    match &provider.currency {
        Some(code) => format!("{} ({code})", provider.name),
        None => tf!("{name} (every other currency)", name = provider.name),
    }
}

/// The dashboard's warning while card payments go through test-mode providers.
#[component]
pub(crate) fn TestModeBanner(providers: Vec<TestProvider>) -> impl IntoView {
    (!providers.is_empty()).then(|| {
        let names = providers.iter().map(takes).collect::<Vec<_>>().join(", ");
        view! {
            <p class="admin-banner admin-banner--test" role="status" data-testid="test-mode-banner">
                <TestBadge/>" "{tf!("Card payments through {names} are in test mode: they move no money. Set live provider tokens before selling.", names = names)}
            </p>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_test_provider_says_which_currencies_it_takes() {
        let eur = TestProvider {
            name: "Stripe".into(),
            currency: Some("EUR".into()),
        };
        assert_eq!(takes(&eur), "Stripe (EUR)");
        let default = TestProvider {
            name: "provider 1".into(),
            currency: None,
        };
        assert_eq!(takes(&default), "provider 1 (every other currency)");
    }
}
