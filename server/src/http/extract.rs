//! The shop's own extractors: axum's `Json`, `Path` and `Query`, rejecting with the shop's
//! JSON errors instead of axum's plain-text ones, so a handler takes its input typed and
//! never maps a rejection itself.
//!
//! - [`AppJson`]: a body that is not JSON of the right shape is `400 body_malformed` with
//!   serde's account of what is wrong. `Option<AppJson<T>>` is `None` for a request without a
//!   JSON body (no JSON `Content-Type`), for the endpoints whose body is optional.
//! - [`AppPath`]: a path whose parameters do not parse is `400` with the parameters' own code
//!   ([`PathParams`]): `order_id_malformed` for an order id, `id_malformed` otherwise.
//! - [`AppQuery`]: a query string of the wrong shape is `400 query_malformed`.

use super::ApiError;
use app::catalog::{CategoryId, PhotoId, ProductId, VariantId};
use app::error_code::ErrorCode;
use app::orders::OrderId;
use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{FromRequest, FromRequestParts, OptionalFromRequest, Path, Query, Request};
use axum::http::request::Parts;
use axum::Json;
use serde::de::DeserializeOwned;

/// A JSON request body of type `T`.
#[derive(Debug)]
pub struct AppJson<T>(pub T);

fn body_malformed(rejection: JsonRejection) -> ApiError {
    ApiError::bad_request(ErrorCode::BodyMalformed, rejection.body_text())
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for AppJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let Json(body) = <Json<T> as FromRequest<S>>::from_request(request, state)
            .await
            .map_err(body_malformed)?;
        Ok(AppJson(body))
    }
}

/// An optional body: absent when the request says it carries no JSON.
impl<T: DeserializeOwned, S: Send + Sync> OptionalFromRequest<S> for AppJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Option<Self>, ApiError> {
        match <Json<T> as FromRequest<S>>::from_request(request, state).await {
            Ok(Json(body)) => Ok(Some(AppJson(body))),
            Err(JsonRejection::MissingJsonContentType(_)) => Ok(None),
            Err(rejection) => Err(body_malformed(rejection)),
        }
    }
}

/// The parameters of a path, e.g. a [`ProductId`] or `(ProductId, PhotoId)`.
#[derive(Debug)]
pub struct AppPath<T>(pub T);

/// What a path's parameters are, and what a path whose parameters do not parse answers.
pub trait PathParams: DeserializeOwned + Send {
    /// The refusal of a path whose parameters do not parse.
    fn malformed(rejection: PathRejection) -> ApiError;
}

/// `400 id_malformed` for ids that are numbers.
fn id_malformed(_: PathRejection) -> ApiError {
    ApiError::bad_request(ErrorCode::IdMalformed, "an id in the path is a number")
}

macro_rules! numeric_ids {
    ($($params:ty),+) => {
        $(impl PathParams for $params {
            fn malformed(rejection: PathRejection) -> ApiError {
                id_malformed(rejection)
            }
        })+
    };
}
numeric_ids!(
    ProductId,
    VariantId,
    CategoryId,
    (ProductId, PhotoId),
    (ProductId, VariantId),
    i64,
    (i64, i64)
);

impl PathParams for OrderId {
    fn malformed(_: PathRejection) -> ApiError {
        ApiError::bad_request(ErrorCode::OrderIdMalformed, "an order id is a number")
    }
}

/// Text keys (a currency, a promo code, a shipping rate's country and id) fail only when
/// they are not UTF-8: `400 id_malformed`, with axum's account of why.
macro_rules! text_keys {
    ($($params:ty),+) => {
        $(impl PathParams for $params {
            fn malformed(rejection: PathRejection) -> ApiError {
                ApiError::bad_request(ErrorCode::IdMalformed, rejection.body_text())
            }
        })+
    };
}
text_keys!(String, (String, String), (i64, String));

impl<T: PathParams, S: Send + Sync> FromRequestParts<S> for AppPath<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let Path(params) = Path::<T>::from_request_parts(parts, state)
            .await
            .map_err(T::malformed)?;
        Ok(AppPath(params))
    }
}

/// A query string of type `T`.
#[derive(Debug)]
pub struct AppQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for AppQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let Query(query) = Query::<T>::from_request_parts(parts, state)
            .await
            .map_err(|e| ApiError::bad_request(ErrorCode::QueryMalformed, e.body_text()))?;
        Ok(AppQuery(query))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::{Request as HttpRequest, StatusCode};
    use axum::response::IntoResponse;
    use axum::routing::{get, post};
    use axum::Router;
    use tower::ServiceExt;

    async fn answer(router: Router, request: HttpRequest<Body>) -> (StatusCode, String) {
        let response = router.oneshot(request).await.unwrap().into_response();
        let status = response.status();
        let body = axum::body::to_bytes(response.into_body(), 1 << 16).await.unwrap();
        (status, String::from_utf8(body.to_vec()).unwrap())
    }

    fn json_post(uri: &str, body: &str) -> HttpRequest<Body> {
        HttpRequest::post(uri)
            .header("content-type", "application/json")
            .body(Body::from(body.to_owned()))
            .unwrap()
    }

    #[tokio::test]
    async fn a_body_of_the_wrong_shape_is_400_body_malformed() {
        let router = Router::new().route("/", post(|AppJson(n): AppJson<i64>| async move { n.to_string() }));
        assert_eq!(
            answer(router.clone(), json_post("/", "7")).await,
            (StatusCode::OK, "7".into())
        );
        let (status, body) = answer(router, json_post("/", "\"seven\"")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(body.contains(r#""code":"body_malformed""#), "{body}");
    }

    #[tokio::test]
    async fn an_optional_body_is_none_without_a_json_content_type() {
        let router = Router::new().route(
            "/",
            post(|body: Option<AppJson<i64>>| async move { format!("{:?}", body.map(|AppJson(n)| n)) }),
        );
        let bare = HttpRequest::post("/").body(Body::empty()).unwrap();
        assert_eq!(
            answer(router.clone(), bare).await,
            (StatusCode::OK, "None".into())
        );
        assert_eq!(answer(router.clone(), json_post("/", "3")).await.1, "Some(3)");
        let (status, body) = answer(router, json_post("/", "{")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    }

    #[tokio::test]
    async fn a_path_that_does_not_parse_answers_its_own_code() {
        let router = Router::new()
            .route(
                "/orders/{id}",
                get(|AppPath(id): AppPath<OrderId>| async move { id.to_string() }),
            )
            .route(
                "/products/{id}",
                get(|AppPath(id): AppPath<ProductId>| async move { id.0.to_string() }),
            );
        let get = |uri: &str| HttpRequest::get(uri).body(Body::empty()).unwrap();
        assert_eq!(answer(router.clone(), get("/orders/4")).await.1, "4");
        let (status, body) = answer(router.clone(), get("/orders/x")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(body.contains("order_id_malformed"), "{body}");
        let (status, body) = answer(router, get("/products/x")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(body.contains(r#""id_malformed""#), "{body}");
    }

    #[tokio::test]
    async fn a_query_of_the_wrong_shape_is_400_query_malformed() {
        #[derive(serde::Deserialize)]
        struct Days {
            days: Option<i64>,
        }
        let router = Router::new().route(
            "/",
            get(|AppQuery(q): AppQuery<Days>| async move { format!("{:?}", q.days) }),
        );
        let get = |uri: &str| HttpRequest::get(uri).body(Body::empty()).unwrap();
        assert_eq!(answer(router.clone(), get("/?days=3")).await.1, "Some(3)");
        let (status, body) = answer(router, get("/?days=three")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(body.contains("query_malformed"), "{body}");
    }
}
