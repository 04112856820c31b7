//! Requests to `/api/admin/…` as the signed-in merchant. Sent with `web_sys` here rather than
//! through the storefront's `telegram::bridge` fetch: generalising that one would add its
//! weight to the storefront's main wasm, whose first open has no bytes to spare.
//!
//! Two ways of being signed in ([`Auth`]): inside Telegram the page opens a session once with
//! `Authorization: tma <initData>` and every later request carries `Authorization: Bearer
//! <token>`; in a desktop browser the same-origin session cookie travels by itself and every
//! non-GET request carries `X-CSRF-Token`. Server rendering never
//! sends requests (they start from effects and clicks), so there every call only fails.

use serde::de::DeserializeOwned;
use serde::Serialize;

/// How the page proves who the merchant is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Auth {
    /// The launch's initData, when opened as a Mini App: only to open the session.
    pub init_data: Option<String>,
    /// The Mini App's session token, once opened.
    pub bearer: Option<String>,
    /// The session's CSRF token, when signed in with a sign-in link.
    pub csrf: Option<String>,
}

/// Why a request did not give what was asked: the server's refusal or a failure on the way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Failure {
    /// The HTTP status; 0 when no answer came.
    pub status: u16,
    pub code: Option<String>,
    pub message: String,
}

impl Failure {
    pub(crate) fn other(message: impl Into<String>) -> Self {
        Failure {
            status: 0,
            code: None,
            message: message.into(),
        }
    }
}

impl Auth {
    /// The headers for a request with `method`.
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    fn headers(&self, method: &str) -> Vec<(&'static str, String)> {
        let mut headers = Vec::new();
        if let Some(token) = &self.bearer {
            headers.push(("Authorization", format!("Bearer {token}")));
        } else if let Some(init_data) = &self.init_data {
            headers.push(("Authorization", format!("tma {init_data}")));
        }
        if let (Some(csrf), false) = (&self.csrf, method == "GET") {
            headers.push(("X-CSRF-Token", csrf.clone()));
        }
        headers
    }
}

/// `GET path`, read as JSON.
pub(crate) async fn get<T: DeserializeOwned>(auth: &Auth, path: &str) -> Result<T, Failure> {
    let (_, body) = call(auth, "GET", path, None).await?;
    parse(&body)
}

/// `method path` with `json` as the body (none for `None`), the answer read as JSON
/// (an empty answer reads as `null`).
pub(crate) async fn send<T: DeserializeOwned>(
    auth: &Auth,
    method: &str,
    path: &str,
    json: Option<&impl Serialize>,
) -> Result<T, Failure> {
    let json = json.map(|j| serde_json::to_string(j).unwrap_or_default());
    let (_, body) = call(auth, method, path, json.map(Payload::Json)).await?;
    parse(&body)
}

/// What a request carries.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub(crate) enum Payload {
    Json(String),
    /// The fields of a `<form>` as `multipart/form-data` (the browser sets its Content-Type).
    #[cfg(feature = "hydrate")]
    Form(web_sys::FormData),
}

/// Parses an answer; `""` as `null`.
pub(crate) fn parse<T: DeserializeOwned>(body: &str) -> Result<T, Failure> {
    let body = if body.trim().is_empty() { "null" } else { body };
    serde_json::from_str(body).map_err(|e| Failure::other(format!("unexpected answer: {e}")))
}

/// Sends one request; the status and body of a 2xx answer, else the refusal
/// (`{"error":{"code","message"}}`).
#[cfg(feature = "hydrate")]
pub(crate) async fn call(
    auth: &Auth,
    method: &str,
    path: &str,
    payload: Option<Payload>,
) -> Result<(u16, String), Failure> {
    let response = respond(auth, method, path, payload).await?;
    let status = response.status();
    let body = wasm_bindgen_futures::JsFuture::from(response.text().map_err(js_failure)?)
        .await
        .map_err(js_failure)?
        .as_string()
        .unwrap_or_default();
    if response.ok() {
        return Ok((status, body));
    }
    let error = serde_json::from_str::<serde_json::Value>(&body).unwrap_or_default();
    let field = |name: &str| error["error"][name].as_str().map(str::to_owned);
    let message = field("message").unwrap_or_else(|| format!("status {status}"));
    Err(Failure {
        status,
        code: field("code"),
        message,
    })
}

#[cfg(feature = "hydrate")]
async fn respond(
    auth: &Auth,
    method: &str,
    path: &str,
    payload: Option<Payload>,
) -> Result<web_sys::Response, Failure> {
    use wasm_bindgen::{JsCast, JsValue};
    let headers = web_sys::Headers::new().map_err(js_failure)?;
    for (name, value) in auth.headers(method) {
        headers.set(name, &value).map_err(js_failure)?;
    }
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    match payload {
        None => {}
        Some(Payload::Json(json)) => {
            headers
                .set("Content-Type", "application/json")
                .map_err(js_failure)?;
            init.set_body(&JsValue::from_str(&json));
        }
        Some(Payload::Form(form)) => init.set_body(&form),
    }
    init.set_headers(&headers);
    let request = web_sys::Request::new_with_str_and_init(path, &init).map_err(js_failure)?;
    let window = web_sys::window().ok_or(Failure::other("no window"))?;
    let response = wasm_bindgen_futures::JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(js_failure)?;
    response.dyn_into().map_err(js_failure)
}

/// A JS error as a failure, by its message.
#[cfg(feature = "hydrate")]
fn js_failure(e: wasm_bindgen::JsValue) -> Failure {
    use wasm_bindgen::JsCast;
    let message = e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message()));
    Failure::other(
        message
            .or_else(|| e.as_string())
            .unwrap_or_else(|| "the request failed".into()),
    )
}

#[cfg(not(feature = "hydrate"))]
pub(crate) async fn call(
    _auth: &Auth,
    _method: &str,
    _path: &str,
    _payload: Option<Payload>,
) -> Result<(u16, String), Failure> {
    Err(Failure::other("requests are sent from the browser only"))
}

/// Posts the fields of `form` (file inputs included) as `multipart/form-data` to `path`.
pub(crate) async fn upload<T: DeserializeOwned>(
    auth: &Auth,
    path: &str,
    form: leptos::prelude::NodeRef<leptos::html::Form>,
) -> Result<T, Failure> {
    #[cfg(feature = "hydrate")]
    {
        use leptos::prelude::GetUntracked;
        let form = form.get_untracked().ok_or(Failure::other("the form is gone"))?;
        let data = web_sys::FormData::new_with_form(&form).map_err(js_failure)?;
        let (_, body) = call(auth, "POST", path, Some(Payload::Form(data))).await?;
        parse(&body)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (auth, path, form);
        Err(Failure::other("uploads start from the browser only"))
    }
}

/// Downloads `path` as the file `name`: fetched with the headers into a Blob, then saved
/// through a temporary `blob:` link (a plain link would not carry `Authorization`).
#[cfg(feature = "hydrate")]
pub(crate) async fn download(auth: &Auth, path: &str, name: &str) -> Result<(), Failure> {
    use wasm_bindgen::JsCast;
    let js = js_failure;
    let response = respond(auth, "GET", path, None).await?;
    if !response.ok() {
        let status = response.status();
        return Err(Failure {
            status,
            code: None,
            message: format!("the export failed (status {status})"),
        });
    }
    let blob = wasm_bindgen_futures::JsFuture::from(response.blob().map_err(js)?)
        .await
        .map_err(js)?;
    let url = web_sys::Url::create_object_url_with_blob(blob.unchecked_ref()).map_err(js)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(Failure::other("no document"))?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a").map_err(js)?.unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    link.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

#[cfg(not(feature = "hydrate"))]
pub(crate) async fn download(_auth: &Auth, _path: &str, _name: &str) -> Result<(), Failure> {
    Err(Failure::other("downloads start from the browser only"))
}

/// Waits `ms` milliseconds (in the browser; at once elsewhere).
pub(crate) async fn sleep(ms: u32) {
    #[cfg(feature = "hydrate")]
    gloo_timers::future::TimeoutFuture::new(ms).await;
    #[cfg(not(feature = "hydrate"))]
    let _ = ms;
}

/// Reloads the page (after signing out).
pub(crate) fn reload() {
    #[cfg(feature = "hydrate")]
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mini_app_opens_its_session_with_init_data_then_sends_the_token() {
        let opening = Auth {
            init_data: Some("a=1&hash=x".into()),
            bearer: None,
            csrf: None,
        };
        assert_eq!(
            opening.headers("POST"),
            vec![("Authorization", "tma a=1&hash=x".to_owned())]
        );
        let opened = Auth {
            bearer: Some("t0k".into()),
            ..opening
        };
        assert_eq!(
            opened.headers("POST"),
            vec![("Authorization", "Bearer t0k".to_owned())]
        );
    }

    #[test]
    fn a_session_sends_its_csrf_token_on_changes_only() {
        let auth = Auth {
            init_data: None,
            bearer: None,
            csrf: Some("t0k".into()),
        };
        assert!(auth.headers("GET").is_empty());
        for method in ["POST", "PUT", "PATCH", "DELETE"] {
            assert_eq!(auth.headers(method), vec![("X-CSRF-Token", "t0k".to_owned())]);
        }
    }

    #[test]
    fn an_empty_answer_reads_as_null() {
        assert_eq!(parse::<()>(""), Ok(()));
        assert!(parse::<i64>("{").is_err());
    }
}
