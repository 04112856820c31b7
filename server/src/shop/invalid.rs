//! A merchant's input the shop refuses: a stable code (`bad_<field>`) and a message naming the
//! field, shared by the catalog's and the settings' rules (the HTTP layer answers it as 422).

use app::error_code::ErrorCode;

/// Input the merchant must change.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Invalid {
    pub code: ErrorCode,
    pub message: String,
}

impl Invalid {
    /// An input refused with `code`, e.g. `Invalid::new(ErrorCode::BadName, "name is 1 to 64 characters")`.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Invalid {
            code,
            message: message.into(),
        }
    }
}
