//! The salon's services in the storefront's catalog (`GET /api/products`, which the page
//! renders too): an appointment product the salon made a service is marked to open its
//! booking page (`page: "service"`), where a time and who are chosen; one it has not stays a
//! product of its own, and so does everything else.

use super::Salon;
use crate::helpers::FreshDb;
use serde_json::{json, Value};

crate::on_both_engines!(
    services_in_the_catalog,
    a_service_in_the_catalog_opens_its_booking_page_on_sqlite,
    a_service_in_the_catalog_opens_its_booking_page_on_postgres
);

async fn services_in_the_catalog(db: &FreshDb) {
    let salon = Salon::start(db).await;
    let (haircut, _) = salon.product("haircut").await;
    let (_, product) = salon
        .admin("GET", &format!("/api/admin/products/{haircut}"), Value::Null)
        .await;
    let (status, beard_trim) = salon
        .admin(
            "POST",
            "/api/admin/products",
            json!({ "category_id": product["category_id"], "name": "Beard Trim", "currency": "EUR",
                    "fulfilment": "appointment", "variants": [{ "name": "", "price_minor": 1500, "stock": 10 }] }),
        )
        .await;
    assert_eq!(status, 201, "{beard_trim}");

    let (status, catalog) = salon.server.get_json("/api/products", None).await;
    assert_eq!(status, 200);
    let page = |slug: &str| {
        catalog["products"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["slug"] == slug)
            .map(|p| p["page"].clone())
            .unwrap_or_else(|| panic!("no {slug} in {catalog}"))
    };
    assert_eq!(
        page("haircut"),
        "service",
        "the demo's haircut is booked on its page"
    );
    assert_eq!(page("manicure"), "service");
    assert_eq!(
        page("beard-trim"),
        "product",
        "an appointment product that is not a service"
    );
    assert_eq!(page("blue-mug"), "product");
    salon.stop().await;
}
