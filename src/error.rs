//! The one error type of the crate: a stable code, a short message, and where it applies.

use std::fmt;

use serde::Serialize;

use crate::validate::Problem;

/// Stable, machine-readable error codes. JavaScript sees them as the `code` property of the
/// thrown `Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ErrorCode {
    /// The scheme id is not one of the table's.
    UnknownScheme,
    /// A field the scheme or message needs is absent.
    MissingField,
    /// A secret-prefixed scheme was called without a secret key.
    MissingSecret,
    /// A field's value is neither a string nor an integer.
    InvalidField,
    /// A value given by the caller cannot be read at all (NaN, a symbol, a throwing getter…).
    InvalidArgument,
    /// A text that should be JSON is not.
    InvalidJson,
    /// An `Authorization` token that cannot be decoded.
    InvalidToken,
    /// A message failed validation; the problems are attached.
    InvalidMessage,
}

impl ErrorCode {
    /// The code as JavaScript sees it, e.g. `MISSING_FIELD`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::UnknownScheme => "UNKNOWN_SCHEME",
            ErrorCode::MissingField => "MISSING_FIELD",
            ErrorCode::MissingSecret => "MISSING_SECRET",
            ErrorCode::InvalidField => "INVALID_FIELD",
            ErrorCode::InvalidArgument => "INVALID_ARGUMENT",
            ErrorCode::InvalidJson => "INVALID_JSON",
            ErrorCode::InvalidToken => "INVALID_TOKEN",
            ErrorCode::InvalidMessage => "INVALID_MESSAGE",
        }
    }
}

/// An error: a stable code, a lowercase message that never contains a secret, the path of the
/// value at fault when there is one, and the validation problems for `INVALID_MESSAGE`.
#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    /// The stable code.
    pub code: ErrorCode,
    /// A short human-readable message.
    pub message: String,
    /// The path of the value at fault (`amount`, `credentials.secretKey`), when there is one.
    pub path: Option<String>,
    /// The problems behind an `INVALID_MESSAGE`.
    pub problems: Vec<Problem>,
}

impl Error {
    /// An error with a code and a message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Error { code, message: message.into(), path: None, problems: Vec::new() }
    }

    /// An error about the value at `path`.
    pub fn at(code: ErrorCode, path: impl Into<String>, message: impl Into<String>) -> Self {
        Error { code, message: message.into(), path: Some(path.into()), problems: Vec::new() }
    }

    /// A JSON syntax error, with serde_json's position but never its echo of the input.
    pub(crate) fn json(what: &str, err: &serde_json::Error) -> Self {
        Error::new(ErrorCode::InvalidJson, format!("{what} is not valid json: {}", json_error_place(err)))
    }
}

/// What kind of JSON error and where (`syntax error at line 1 column 5`), never the input's text.
pub(crate) fn json_error_place(err: &serde_json::Error) -> String {
    format!("{:?} error at line {} column {}", err.classify(), err.line(), err.column()).to_ascii_lowercase()
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code.as_str(), self.message)
    }
}

impl std::error::Error for Error {}
