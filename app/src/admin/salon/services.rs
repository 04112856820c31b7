//! `/admin/salon/services`: every `appointment` product, made a service or not, with its
//! duration, the buffer after each appointment and, for each active staff member, whether
//! they perform it and at which of the product's variants (its price). "Save service" sends
//! it whole (`PUT /api/admin/salon/services/{product_id}`), which makes a product a service or
//! replaces its details. Names, photos and prices are the product's page's.

use super::super::action::{load, show, Act, Refusal};
use super::super::api;
use super::SalonNav;
use crate::admin::texts::{t, tf};
use crate::admin_api::{
    AdminProduct, AdminService, AdminStaff, ProductList, SaveService, ServiceList, ServiceStaff, StaffList,
};
use crate::catalog::VariantId;
use leptos::prelude::*;

/// `/admin/salon/services` (the services, the products and the staff).
#[component]
pub(crate) fn ServicesPage() -> impl IntoView {
    let services = load::<ServiceList>(|| "/api/admin/salon/services".into());
    let products = load::<ProductList>(|| "/api/admin/products".into());
    let staff = load::<StaffList>(|| "/api/admin/salon/staff".into());
    view! {
        <h1 class="admin-title">{t("Services")}</h1>
        <SalonNav/>
        <p class="admin-note">{t("A service is an appointment product (Products → New product, fulfilment \"appointment\"); its name, photo and prices are edited on its product page.")}</p>
        {show(services, move |services| show(products, move |products| {
            let services = services.services.clone();
            show(staff, move |staff| cards(&products.products, &services, &staff.staff))
        }))}
    }
}

/// One card per appointment product, with its service if it is one.
fn cards(products: &[AdminProduct], services: &[AdminService], staff: &[AdminStaff]) -> impl IntoView {
    let products: Vec<AdminProduct> = products
        .iter()
        .filter(|p| p.fulfilment == "appointment")
        .cloned()
        .collect();
    if products.is_empty() {
        return view! { <p class="admin-note">{t("No appointment products yet.")}</p> }.into_any();
    }
    products
        .into_iter()
        .map(|product| {
            let service = services.iter().find(|s| s.product_id == product.id).cloned();
            let staff = performers(staff, service.as_ref());
            view! { <ServiceCard product service staff/> }
        })
        .collect_view()
        .into_any()
}

/// Who may be chosen for a service: the active staff, and archived ones it still names.
fn performers(staff: &[AdminStaff], service: Option<&AdminService>) -> Vec<AdminStaff> {
    let named = |s: &AdminStaff| service.is_some_and(|svc| svc.staff.iter().any(|p| p.staff_id == s.id));
    staff
        .iter()
        .filter(|s| !s.archived || named(s))
        .cloned()
        .collect()
}

/// How a variant reads in a staff member's choice: its name and price.
fn variant_label(name: &str, price: &str) -> String {
    if name.trim().is_empty() {
        price.to_owned()
    } else {
        format!("{name} · {price}")
    }
}

/// The staff who perform it, from each staff member's choice (`""`: does not).
fn chosen(choices: &[(i64, String)]) -> Vec<ServiceStaff> {
    choices
        .iter()
        .filter_map(|(staff_id, variant)| {
            let variant = variant.parse::<i64>().ok()?;
            Some(ServiceStaff {
                staff_id: *staff_id,
                variant_id: VariantId(variant),
            })
        })
        .collect()
}

/// A whole number of minutes as typed.
fn minutes(typed: &str, what: &str) -> Result<i64, String> {
    typed
        .trim()
        .parse::<i64>()
        .map_err(|_| tf!("the {what} is a whole number of minutes", what = what))
}

#[component]
fn ServiceCard(
    product: AdminProduct,
    service: Option<AdminService>,
    staff: Vec<AdminStaff>,
) -> impl IntoView {
    let save = Act::new();
    let is_service = RwSignal::new(service.is_some());
    let duration = RwSignal::new(
        service
            .as_ref()
            .map(|s| s.duration_minutes.to_string())
            .unwrap_or_default(),
    );
    let buffer = RwSignal::new(service.as_ref().map_or(0, |s| s.buffer_minutes).to_string());
    let variant_of = |id: i64| {
        let found = service
            .as_ref()
            .and_then(|s| s.staff.iter().find(|p| p.staff_id == id));
        found.map(|p| p.variant_id.0.to_string()).unwrap_or_default()
    };
    let choices: Vec<(AdminStaff, RwSignal<String>)> = staff
        .into_iter()
        .map(|s| {
            let chosen = RwSignal::new(variant_of(s.id));
            (s, chosen)
        })
        .collect();
    let sent = StoredValue::new(choices.iter().map(|(s, c)| (s.id, *c)).collect::<Vec<_>>());
    let path = format!("/api/admin/salon/services/{}", product.id.0);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let read = minutes(&duration.get_untracked(), t("duration"))
            .and_then(|d| Ok((d, minutes(&buffer.get_untracked(), t("buffer"))?)));
        let (duration_minutes, buffer_minutes) = match read {
            Ok(read) => read,
            Err(why) => return save.refuse(why),
        };
        let picked = sent.with_value(|s| {
            s.iter()
                .map(|(id, c)| (*id, c.get_untracked()))
                .collect::<Vec<_>>()
        });
        let body = SaveService {
            duration_minutes,
            buffer_minutes,
            staff: chosen(&picked),
        };
        let path = path.clone();
        save.run(
            move |auth| async move { api::send::<AdminService>(&auth, "PUT", &path, Some(&body)).await },
            move |_| is_service.set(true),
        );
    };
    let variants = product.variants.clone();
    view! {
        <form class="admin-form admin-card" on:submit=submit aria-label=product.name.clone() data-testid=format!("service-{}", product.id.0)>
            <h2>{product.name.clone()}</h2>
            <p class="admin-note" data-testid="service-state">
                {move || if is_service.get() { t("A service: clients book a time.") } else { t("Not a service yet: sold without a time.") }}
            </p>
            <label>{t("Duration (minutes)")} <input type="number" min="5" step="5" required bind:value=duration/></label>
            <label>{t("Buffer after (minutes)")} <input type="number" min="0" step="5" required bind:value=buffer/></label>
            <fieldset class="admin-form">
                <legend>{t("Who performs it, at which price")}</legend>
                {choices.into_iter().map(|(member, choice)| {
                    let variants = variants.clone();
                    view! {
                        <label>{member.name.clone()}
                            <select prop:value=move || choice.get() on:change=move |ev| choice.set(event_target_value(&ev))>
                                <option value="" selected=choice.get_untracked().is_empty()>{t("Does not perform it")}</option>
                                {variants.into_iter().map(|v| {
                                    let value = v.id.0.to_string();
                                    let selected = choice.get_untracked() == value;
                                    view! { <option value=value selected=selected>{variant_label(&v.name, &v.price_label)}</option> }
                                }).collect_view()}
                            </select>
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <button type="submit" class="admin-button" disabled=move || save.busy.get()>{t("Save service")}</button>
            <Refusal act=save/>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_staff_with_a_variant_perform_the_service() {
        let picked = vec![(1, "7".to_owned()), (2, String::new()), (3, "8".to_owned())];
        assert_eq!(
            chosen(&picked),
            vec![
                ServiceStaff {
                    staff_id: 1,
                    variant_id: VariantId(7)
                },
                ServiceStaff {
                    staff_id: 3,
                    variant_id: VariantId(8)
                },
            ]
        );
    }

    #[test]
    fn a_variant_reads_as_its_name_and_price_or_its_price_alone() {
        assert_eq!(
            variant_label("Senior stylist", "€48.00"),
            "Senior stylist · €48.00"
        );
        assert_eq!(variant_label("", "€30.00"), "€30.00");
    }

    #[test]
    fn minutes_are_whole_numbers() {
        assert_eq!(minutes(" 45 ", "duration"), Ok(45));
        assert!(minutes("45.5", "duration").unwrap_err().contains("duration"));
    }
}
