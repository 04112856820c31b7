//! Events between the Mini App and the Telegram client (hydrated build only).
//!
//! Out: `postEvent` the way each client takes it — `TelegramWebviewProxy.postEvent` (mobile),
//! `external.notify` (desktop), `parent.postMessage` (Telegram Web and the local simulator).
//! In: `message` events from the parent frame (from no other window, and from none when the
//! app is not framed), and `window.Telegram.WebView.receiveEvent`, which native clients call.

use crate::api::Refusal;
use js_sys::{Function, Object, Reflect};
use serde_json::{json, Value};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Sends one event with its JSON data to the Telegram client.
pub fn post_event(event_type: &str, data: Value) {
    let Some(window) = web_sys::window() else { return };
    if let Some((proxy, post)) = method(&window, "TelegramWebviewProxy", "postEvent") {
        let _ = post.call2(&proxy, &event_type.into(), &data.to_string().into());
        return;
    }
    let message = json!({ "eventType": event_type, "eventData": data }).to_string();
    if let Some((external, notify)) = method(&window, "external", "notify") {
        let _ = notify.call1(&external, &message.into());
        return;
    }
    if let Ok(Some(parent)) = window.parent() {
        if !Object::is(&parent, &window) {
            let _ = parent.post_message(&message.into(), "*");
        }
    }
}

/// `window[object][name]` when it is a function.
fn method(window: &web_sys::Window, object: &str, name: &str) -> Option<(JsValue, Function)> {
    let target = Reflect::get(window, &object.into())
        .ok()
        .filter(|v| v.is_object())?;
    let function = Reflect::get(&target, &name.into())
        .ok()?
        .dyn_into::<Function>()
        .ok()?;
    Some((target, function))
}

/// Calls `handler(event_type, event_data)` for every event the client sends.
pub fn listen(handler: impl Fn(&str, &Value) + 'static) {
    let Some(window) = web_sys::window() else { return };
    let handler = Rc::new(handler);

    let from_frame = handler.clone();
    // Only a framed app has a parent that speaks for Telegram (Telegram Web, the simulator);
    // unframed, `parent` is the window itself, and nothing may speak for Telegram that way.
    // (Inline rather than a tested helper: the storefront's first open has no bytes to spare;
    // end2end/tests/simulator.spec.ts checks the rule in Chromium.)
    let parent = window
        .parent()
        .ok()
        .flatten()
        .filter(|parent| !Object::is(parent, &window));
    let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
        let from_parent = match (&parent, event.source()) {
            (Some(parent), Some(source)) => Object::is(parent, &source),
            _ => false,
        };
        let Some(text) = event.data().as_string().filter(|_| from_parent) else {
            return;
        };
        let Ok(message) = serde_json::from_str::<Value>(&text) else {
            return;
        };
        if let Some(kind) = message.get("eventType").and_then(Value::as_str) {
            from_frame(kind, message.get("eventData").unwrap_or(&Value::Null));
        }
    });
    let _ = window.add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
    on_message.forget();

    let receive = Closure::<dyn Fn(String, JsValue)>::new(move |kind: String, data: JsValue| {
        let data = js_sys::JSON::stringify(&data)
            .ok()
            .and_then(|text| text.as_string())
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or(Value::Null);
        handler(&kind, &data);
    });
    let telegram = object_at(&window, "Telegram");
    let web_view = object_at(&telegram, "WebView");
    let _ = Reflect::set(&web_view, &"receiveEvent".into(), receive.as_ref());
    receive.forget();
}

/// `parent[name]`, created as `{}` when missing.
fn object_at(parent: &JsValue, name: &str) -> JsValue {
    match Reflect::get(parent, &name.into()) {
        Ok(existing) if existing.is_object() => existing,
        _ => {
            let created: JsValue = Object::new().into();
            let _ = Reflect::set(parent, &name.into(), &created);
            created
        }
    }
}

/// The launch fragment of this page, or the one saved when the app was first opened (the
/// fragment is lost when the app navigates).
pub fn launch_fragment() -> String {
    const KEY: &str = "tgWebAppLaunch";
    let Some(window) = web_sys::window() else {
        return String::new();
    };
    let storage = window.session_storage().ok().flatten();
    let hash = window.location().hash().unwrap_or_default();
    if hash.contains("tgWebAppData=") {
        if let Some(storage) = &storage {
            let _ = storage.set_item(KEY, &hash);
        }
        return hash;
    }
    storage
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .unwrap_or_default()
}

/// Sets CSS custom properties on `<html>`.
pub fn set_css_variables(variables: &[(String, String)]) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let Ok(root) = root.dyn_into::<web_sys::HtmlElement>() else {
        return;
    };
    for (name, value) in variables {
        let _ = root.style().set_property(name, value);
    }
}

/// `GET path`, as anyone; the body on 2xx, else why not.
pub async fn get(path: &str) -> Result<String, Refusal> {
    fetch("GET", path, None, None).await
}

/// `GET path` with `Authorization: tma <initData>`; as [`get`].
pub async fn get_with_init_data(path: &str, init_data: &str) -> Result<String, Refusal> {
    fetch("GET", path, None, Some(init_data)).await
}

/// `POST path` with a JSON body and `Authorization: tma <initData>`; as [`get_with_init_data`].
pub async fn post_with_init_data(path: &str, json: &str, init_data: &str) -> Result<String, Refusal> {
    fetch("POST", path, Some(json), Some(init_data)).await
}

/// `PUT path` with a JSON body and `Authorization: tma <initData>`; as [`get_with_init_data`].
pub async fn put_with_init_data(path: &str, json: &str, init_data: &str) -> Result<String, Refusal> {
    fetch("PUT", path, Some(json), Some(init_data)).await
}

async fn fetch(
    method: &str,
    path: &str,
    json: Option<&str>,
    init_data: Option<&str>,
) -> Result<String, Refusal> {
    // The JS error's message; `{:?}` of a JsValue would pull float formatting (15 KB) in.
    let failed = |e: JsValue| {
        let message = e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message()));
        Refusal::other(
            message
                .or_else(|| e.as_string())
                .unwrap_or_else(|| "the request failed".into()),
        )
    };
    let window = web_sys::window().ok_or(Refusal::other("no window"))?;
    let headers = web_sys::Headers::new().map_err(failed)?;
    if let Some(init_data) = init_data {
        headers
            .set("Authorization", &format!("tma {init_data}"))
            .map_err(failed)?;
    }
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    if let Some(json) = json {
        headers.set("Content-Type", "application/json").map_err(failed)?;
        init.set_body(&JsValue::from_str(json));
    }
    init.set_headers(&headers);
    let request = web_sys::Request::new_with_str_and_init(path, &init).map_err(failed)?;
    let response = wasm_bindgen_futures::JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(failed)?;
    let response: web_sys::Response = response.dyn_into().map_err(failed)?;
    let body = wasm_bindgen_futures::JsFuture::from(response.text().map_err(failed)?)
        .await
        .map_err(failed)?;
    let body = body.as_string().unwrap_or_default();
    if response.ok() {
        Ok(body)
    } else {
        let error = serde_json::from_str::<Value>(&body).ok();
        let field = |name: &str| {
            error
                .as_ref()
                .and_then(|v| v["error"][name].as_str().map(str::to_owned))
        };
        Err(Refusal {
            code: field("code"),
            message: field("message").unwrap_or_else(|| format!("status {}", response.status())),
        })
    }
}
