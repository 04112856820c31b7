//! Telegram's published Bot API (server/data/bot-api-10.1.json, machine-readable, with the
//! Bot API 10.2 subscription additions of server/data/bot-api-10.2-subscriptions.json merged
//! in: its new types, and the fields it adds to existing ones) as a checker
//! of requests: method names, parameter names, required parameters and JSON types, down into
//! nested objects. The spec test (server/tests/api/bot_api_spec.rs) checks a sample of every
//! method in [`super::METHODS`] with it, and the simulator refuses what Telegram would refuse.
//!
//! Written here rather than taken from a crate: no maintained crate validates JSON against
//! this spec format.

use serde::Deserialize;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::LazyLock;

#[derive(Debug, Deserialize)]
struct Raw {
    methods: HashMap<String, Item>,
    types: HashMap<String, Item>,
}

/// A supplement to the spec: new methods and types, and fields added to existing types.
#[derive(Debug, Deserialize)]
struct Supplement {
    #[serde(default)]
    methods: HashMap<String, Item>,
    #[serde(default)]
    types: HashMap<String, Item>,
    #[serde(default)]
    type_fields_added: HashMap<String, Vec<Field>>,
}

impl Raw {
    /// The spec with `supplement` merged in.
    fn merged(mut self, supplement: Supplement) -> Self {
        self.methods.extend(supplement.methods);
        self.types.extend(supplement.types);
        for (name, fields) in supplement.type_fields_added {
            self.types
                .entry(name)
                .or_insert_with(|| Item {
                    fields: Vec::new(),
                    subtypes: Vec::new(),
                })
                .fields
                .extend(fields);
        }
        self
    }
}

#[derive(Debug, Deserialize)]
struct Item {
    #[serde(default)]
    fields: Vec<Field>,
    #[serde(default)]
    subtypes: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Field {
    name: String,
    types: Vec<String>,
    required: bool,
}

/// One way a request breaks the spec.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SpecViolation {
    #[error("{0}: no such method")]
    UnknownMethod(String),
    #[error("{method}: unknown parameter {name:?}")]
    UnknownParameter { method: String, name: String },
    #[error("{method}: missing required parameter {name:?}")]
    MissingParameter { method: String, name: String },
    #[error("{method}: {path} must be {expected}")]
    WrongType {
        method: String,
        path: String,
        expected: String,
    },
}

/// The Bot API spec.
pub struct BotApiSpec(Raw);

static SPEC: LazyLock<BotApiSpec> = LazyLock::new(|| {
    let raw: Raw = serde_json::from_str(include_str!("../../../data/bot-api-10.1.json"))
        .expect("server/data/bot-api-10.1.json is Telegram's spec and parses");
    let supplement: Supplement =
        serde_json::from_str(include_str!("../../../data/bot-api-10.2-subscriptions.json"))
            .expect("server/data/bot-api-10.2-subscriptions.json is Telegram's 10.2 additions and parses");
    BotApiSpec(raw.merged(supplement))
});

impl BotApiSpec {
    /// The spec, parsed once.
    pub fn get() -> &'static BotApiSpec {
        &SPEC
    }

    /// True when Telegram has a method called `name`.
    pub fn has_method(&self, name: &str) -> bool {
        self.0.methods.contains_key(name)
    }

    /// The field names of type `name`, if the spec has such a type.
    pub fn type_fields(&self, name: &str) -> Option<Vec<&str>> {
        let item = self.0.types.get(name)?;
        Some(item.fields.iter().map(|f| f.name.as_str()).collect())
    }

    /// The spec types of `method`'s parameter `name` (e.g. `["Integer", "String"]`), if it has
    /// one: how a form field's text is read (Telegram takes parameters as JSON, form fields or
    /// multipart parts).
    pub fn parameter_types(&self, method: &str, name: &str) -> Option<&[String]> {
        let field = self
            .0
            .methods
            .get(method)?
            .fields
            .iter()
            .find(|f| f.name == name)?;
        Some(&field.types)
    }

    /// Whether `value` is a valid JSON form of the spec type `kind` (`"Message"`,
    /// `"Array of PhotoSize"`, `"Integer"`…): required fields present, every field known and
    /// of its type, down into nested objects. Checks answers as [`Self::check_request`] checks
    /// requests.
    pub fn is_valid(&self, kind: &str, value: &Value) -> bool {
        self.matches(kind, value)
    }

    /// Checks a request's parameters (a JSON object) against `method`.
    pub fn check_request(&self, method: &str, params: &Value) -> Result<(), Vec<SpecViolation>> {
        let Some(item) = self.0.methods.get(method) else {
            return Err(vec![SpecViolation::UnknownMethod(method.to_owned())]);
        };
        let mut problems = Vec::new();
        let empty = serde_json::Map::new();
        let object = params.as_object().unwrap_or(&empty);
        for (name, value) in object {
            match item.fields.iter().find(|f| f.name == *name) {
                None => problems.push(SpecViolation::UnknownParameter {
                    method: method.to_owned(),
                    name: name.clone(),
                }),
                Some(field) if !value.is_null() && !self.matches_any(&field.types, value) => {
                    problems.push(self.wrong_type(method, name, field))
                }
                Some(_) => {}
            }
        }
        for field in item.fields.iter().filter(|f| f.required) {
            if object.get(&field.name).is_none_or(Value::is_null) {
                problems.push(SpecViolation::MissingParameter {
                    method: method.to_owned(),
                    name: field.name.clone(),
                });
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    fn wrong_type(&self, method: &str, path: &str, field: &Field) -> SpecViolation {
        SpecViolation::WrongType {
            method: method.to_owned(),
            path: path.to_owned(),
            expected: field.types.join(" or "),
        }
    }

    fn matches_any(&self, types: &[String], value: &Value) -> bool {
        types.iter().any(|t| self.matches(t, value))
    }

    /// Whether `value` is a valid JSON form of the spec type `kind`.
    fn matches(&self, kind: &str, value: &Value) -> bool {
        if let Some(item) = kind.strip_prefix("Array of ") {
            return value
                .as_array()
                .is_some_and(|items| items.iter().all(|v| self.matches(item, v)));
        }
        match kind {
            "Integer" => value.is_i64() || value.is_u64(),
            "Float" => value.is_number(),
            "String" => value.is_string(),
            "Boolean" | "True" => value.is_boolean(),
            // Files are uploaded as multipart, or passed as a file_id/URL string.
            "InputFile" => value.is_string(),
            name => self.matches_object(name, value),
        }
    }

    fn matches_object(&self, name: &str, value: &Value) -> bool {
        let (Some(item), Some(object)) = (self.0.types.get(name), value.as_object()) else {
            return false;
        };
        if !item.subtypes.is_empty() {
            return item.subtypes.iter().any(|sub| self.matches_object(sub, value));
        }
        let known = object.iter().all(|(key, v)| {
            item.fields
                .iter()
                .find(|f| f.name == *key)
                .is_some_and(|f| v.is_null() || self.matches_any(&f.types, v))
        });
        let complete = item
            .fields
            .iter()
            .filter(|f| f.required)
            .all(|f| object.contains_key(&f.name));
        known && complete && self.discriminator_fits(item, object)
    }

    /// Subtypes such as MenuButtonWebApp carry a `type` whose description names its one value;
    /// the spec file does not say it as data, so a required `type` must at least be a string.
    fn discriminator_fits(&self, item: &Item, object: &serde_json::Map<String, Value>) -> bool {
        match item.fields.iter().find(|f| f.name == "type" && f.required) {
            Some(_) => object.get("type").is_some_and(Value::is_string),
            None => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn check(method: &str, params: Value) -> Result<(), Vec<SpecViolation>> {
        BotApiSpec::get().check_request(method, &params)
    }

    #[test]
    fn a_well_formed_request_passes() {
        let prices = json!([{ "label": "Mug", "amount": 2400 }]);
        let params = json!({ "title": "Order", "description": "A mug", "payload": "order:1",
                             "currency": "EUR", "prices": prices, "provider_token": "t" });
        assert_eq!(check("createInvoiceLink", params), Ok(()));
    }

    #[test]
    fn unknown_methods_and_parameters_are_caught() {
        assert_eq!(
            check("createInvoice", json!({})),
            Err(vec![SpecViolation::UnknownMethod("createInvoice".into())])
        );
        let problems = check("getMe", json!({ "colour": "blue" })).unwrap_err();
        assert_eq!(problems[0].to_string(), "getMe: unknown parameter \"colour\"");
    }

    #[test]
    fn missing_required_parameters_are_caught() {
        let problems = check("answerPreCheckoutQuery", json!({ "ok": true })).unwrap_err();
        assert_eq!(
            problems[0].to_string(),
            "answerPreCheckoutQuery: missing required parameter \"pre_checkout_query_id\""
        );
    }

    #[test]
    fn wrong_types_are_caught_down_into_nested_objects() {
        assert!(check("sendMessage", json!({ "chat_id": 1, "text": 5 })).is_err());
        assert!(check("sendMessage", json!({ "chat_id": "@channel", "text": "hi" })).is_ok());
        assert!(check("sendMessage", json!({ "chat_id": 1.5, "text": "hi" })).is_err());
        let bad_price = json!({ "title": "t", "description": "d", "payload": "p", "currency": "EUR",
                                "prices": [{ "label": "Mug", "amount": "24.00" }] });
        assert!(check("createInvoiceLink", bad_price).is_err());
        let bad_button = json!({ "chat_id": 1, "text": "hi",
                                 "reply_markup": { "inline_keyboard": [[{ "text": "Go", "web_app": { "link": "x" } }]] } });
        assert!(check("sendMessage", bad_button).is_err());
    }

    #[test]
    fn the_10_2_subscription_additions_are_merged_in() {
        let spec = BotApiSpec::get();
        assert_eq!(
            spec.type_fields("BotSubscriptionUpdated"),
            Some(vec!["user", "invoice_payload", "state"])
        );
        let update = spec.type_fields("Update").unwrap();
        assert!(update.contains(&"subscription") && update.contains(&"pre_checkout_query"));
        let user = json!({ "id": 1, "is_bot": false, "first_name": "Ada" });
        let changed = json!({ "user": user, "invoice_payload": "sub:1", "state": "canceled" });
        assert!(spec.is_valid("Update", &json!({ "update_id": 1, "subscription": changed })));
        assert!(!spec.is_valid(
            "BotSubscriptionUpdated",
            &json!({ "user": user, "state": "active" })
        ));
    }

    #[test]
    fn abstract_types_accept_any_of_their_subtypes() {
        let button =
            json!({ "type": "web_app", "text": "Shop", "web_app": { "url": "https://shop.example" } });
        assert!(check("setChatMenuButton", json!({ "menu_button": button })).is_ok());
        assert!(check("setChatMenuButton", json!({ "menu_button": { "text": "Shop" } })).is_err());
    }
}
