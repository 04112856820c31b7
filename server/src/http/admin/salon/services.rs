//! Services: an `appointment` product made bookable with a duration, a buffer after and the
//! staff who perform it, each at one of the product's variants; changed; listed. The product's
//! name, photo and prices stay the catalog's endpoints'.

use super::super::{invalid, not_found, Admin};
use crate::clock::now_ms;
use crate::http::{ApiError, AppJson, AppPath, AppState};
use crate::shop::appointments::staff::{check_service_staff, parse_length, Service};
use crate::shop::appointments::StaffId;
use crate::shop::catalog::merchant::ProductRecord;
use crate::shop::invalid::Invalid;
use crate::shop::kind::ProductKind;
use app::admin_api::{AdminService, SaveService, ServiceList, ServiceStaff, UpdateService};
use app::catalog::ProductId;
use app::error_code::ErrorCode;
use axum::extract::State;
use axum::Json;

/// `GET /api/admin/salon/services`.
pub(super) async fn list(
    State(state): State<AppState>,
    _admin: Admin,
) -> Result<Json<ServiceList>, ApiError> {
    let mut services = Vec::new();
    for service in state.db.services().await? {
        if let Some(product) = state.db.admin_product(service.id).await? {
            services.push(view(&service, &product));
        }
    }
    Ok(Json(ServiceList { services }))
}

/// `PUT /api/admin/salon/services/{id}`: makes the product a service, or replaces its details.
#[tracing::instrument(skip_all, fields(admin = %admin.id, product_id = id.0))]
pub(super) async fn save(
    State(state): State<AppState>,
    admin: Admin,
    AppPath(id): AppPath<ProductId>,
    AppJson(body): AppJson<SaveService>,
) -> Result<Json<AdminService>, ApiError> {
    let product = appointment_product(&state, id).await?;
    let service = Service {
        id,
        length: parse_length(body.duration_minutes, body.buffer_minutes).map_err(invalid)?,
        staff: body
            .staff
            .iter()
            .map(|s| (StaffId(s.staff_id), s.variant_id))
            .collect(),
    };
    saved(&state, service, &product).await
}

/// `PATCH /api/admin/salon/services/{id}`: only what is present moves.
pub(super) async fn update(
    State(state): State<AppState>,
    _admin: Admin,
    AppPath(id): AppPath<ProductId>,
    AppJson(change): AppJson<UpdateService>,
) -> Result<Json<AdminService>, ApiError> {
    let product = appointment_product(&state, id).await?;
    let before = state
        .db
        .service(id)
        .await?
        .ok_or_else(|| not_found(ErrorCode::ServiceNotFound, "service", id.0))?;
    let length = parse_length(
        change
            .duration_minutes
            .unwrap_or(before.length.duration_minutes()),
        change.buffer_minutes.unwrap_or(before.length.buffer_minutes()),
    )
    .map_err(invalid)?;
    let staff = match &change.staff {
        Some(staff) => staff
            .iter()
            .map(|s| (StaffId(s.staff_id), s.variant_id))
            .collect(),
        None => before.staff,
    };
    saved(&state, Service { id, length, staff }, &product).await
}

/// Checks `service`'s staff against the salon and the product, then saves it.
async fn saved(
    state: &AppState,
    service: Service,
    product: &ProductRecord,
) -> Result<Json<AdminService>, ApiError> {
    check_service_staff(&service.staff).map_err(invalid)?;
    for (staff, variant) in &service.staff {
        if state.db.staff_member(*staff).await?.is_none() {
            return Err(invalid(Invalid::new(
                ErrorCode::StaffNotFound,
                format!("there is no staff member {}", staff.0),
            )));
        }
        if !product.variants.iter().any(|v| v.id == *variant) {
            return Err(invalid(Invalid::new(
                ErrorCode::VariantNotOfService,
                format!("variant {} is not one of {}'s", variant.0, product.name),
            )));
        }
    }
    state.db.save_service(&service, now_ms()).await?;
    let service = state.db.service(service.id).await?.unwrap_or(service);
    Ok(Json(view(&service, product)))
}

/// Product `id`, when it is of kind `appointment`.
async fn appointment_product(state: &AppState, id: ProductId) -> Result<ProductRecord, ApiError> {
    let product = state
        .db
        .admin_product(id)
        .await?
        .ok_or_else(|| not_found(ErrorCode::ProductNotFound, "product", id.0))?;
    if product.kind != ProductKind::Appointment {
        return Err(invalid(Invalid::new(
            ErrorCode::NotAnAppointmentProduct,
            format!(
                "{} is not an appointment product: only those are services",
                product.name
            ),
        )));
    }
    Ok(product)
}

fn view(service: &Service, product: &ProductRecord) -> AdminService {
    AdminService {
        product_id: service.id,
        name: product.name.clone(),
        duration_minutes: service.length.duration_minutes(),
        buffer_minutes: service.length.buffer_minutes(),
        staff: service
            .staff
            .iter()
            .map(|(staff, variant)| ServiceStaff {
                staff_id: staff.0,
                variant_id: *variant,
            })
            .collect(),
    }
}
