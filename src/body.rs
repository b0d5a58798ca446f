//! Bodies that arrive either as JSON text or as an already-parsed value.

use serde_json::Value;

use crate::error::Error;
use crate::said::Word;

/// A message body as the caller has it.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// JSON text, parsed strictly.
    Text(String),
    /// An already-parsed value.
    Json(Value),
}

impl Body {
    /// The body as a JSON value; text that is not JSON is `INVALID_JSON` naming `what`.
    pub fn into_value(self, what: Word) -> Result<Value, Error> {
        match self {
            Body::Json(v) => Ok(v),
            Body::Text(t) => serde_json::from_str(&t).map_err(|e| Error::json(what, &e)),
        }
    }
}
