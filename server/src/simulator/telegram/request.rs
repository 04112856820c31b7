//! How a Bot API call's parameters arrive, in the four ways Telegram takes them
//! (<https://core.telegram.org/bots/api#making-requests>): a JSON body, a URL query string, an
//! `application/x-www-form-urlencoded` body, or `multipart/form-data` (the only way to upload a
//! file). Form fields are text: each is read as the JSON its parameter's spec type calls for
//! (`chat_id=-100…` a number, `reply_markup={…}` an object), else kept as a string.

use super::{bad_request, Refusal};
use crate::telegram::bot_api::spec::BotApiSpec;
use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::header;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// A file uploaded with the call, by the name of its part.
pub(super) struct Upload {
    pub bytes: Bytes,
    /// The part's file name, as the caller gave it.
    pub file_name: String,
}

/// A call's parameters (a JSON object) and uploaded files. An uploaded part whose name is a
/// parameter (`photo`) stands in the parameters as `attach://photo`, as if the caller had
/// written that.
pub(super) struct Call {
    pub params: Value,
    pub uploads: HashMap<String, Upload>,
}

/// Reads `request` for `method`.
pub(super) async fn read(method: &str, request: Request) -> Result<Call, Refusal> {
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let mut params = Map::new();
    let mut uploads = HashMap::new();
    if let Some(query) = request.uri().query() {
        for (name, text) in form_urlencoded::parse(query.as_bytes()) {
            params.insert(name.to_string(), typed(method, &name, &text));
        }
    }
    if content_type.starts_with("multipart/form-data") {
        let mut multipart = Multipart::from_request(request, &())
            .await
            .map_err(|e| bad_request(e.body_text()))?;
        while let Some(field) = multipart
            .next_field()
            .await
            .map_err(|e| bad_request(e.body_text()))?
        {
            let name = field.name().unwrap_or_default().to_owned();
            let file_name = field.file_name().map(str::to_owned);
            let bytes = field.bytes().await.map_err(|e| bad_request(e.body_text()))?;
            if let Some(file_name) = file_name {
                if BotApiSpec::get().parameter_types(method, &name).is_some() {
                    params.insert(name.clone(), Value::String(format!("attach://{name}")));
                }
                uploads.insert(name, Upload { bytes, file_name });
            } else {
                let text = String::from_utf8_lossy(&bytes);
                params.insert(name.clone(), typed(method, &name, &text));
            }
        }
        return Ok(Call {
            params: Value::Object(params),
            uploads,
        });
    }
    let body = Bytes::from_request(request, &())
        .await
        .map_err(|e| bad_request(e.body_text()))?;
    if content_type.starts_with("application/x-www-form-urlencoded") {
        for (name, text) in form_urlencoded::parse(&body) {
            params.insert(name.to_string(), typed(method, &name, &text));
        }
    } else if !body.is_empty() {
        match serde_json::from_slice(&body) {
            Ok(Value::Object(object)) => params.extend(object),
            _ => return Err(bad_request("the body must be a JSON object")),
        }
    }
    Ok(Call {
        params: Value::Object(params),
        uploads,
    })
}

/// A form field's text as the JSON its parameter's type calls for.
fn typed(method: &str, name: &str, text: &str) -> Value {
    let spec = BotApiSpec::get();
    if let (Some(types), Ok(parsed)) = (
        spec.parameter_types(method, name),
        serde_json::from_str::<Value>(text),
    ) {
        if !parsed.is_string() && types.iter().any(|t| spec.is_valid(t, &parsed)) {
            return parsed;
        }
    }
    Value::String(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn form_fields_are_read_as_their_parameters_types() {
        assert_eq!(typed("sendPhoto", "chat_id", "-1001"), json!(-1001));
        assert_eq!(typed("sendPhoto", "chat_id", "@shop_news"), json!("@shop_news"));
        assert_eq!(typed("sendPhoto", "caption", "2026"), json!("2026"));
        assert_eq!(typed("sendPhoto", "disable_notification", "true"), json!(true));
        let markup = r#"{"inline_keyboard":[[{"text":"Open","url":"https://t.me/b/a"}]]}"#;
        assert_eq!(
            typed("sendPhoto", "reply_markup", markup),
            serde_json::from_str::<Value>(markup).unwrap()
        );
    }
}
