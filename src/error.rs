//! The one error type of the crate: a stable code, what was said (in English and Vietnamese,
//! with its values), and where it applies.

use std::fmt;

use crate::said::{Phrase, Said, Word};
use crate::validate::Problem;

/// Stable, machine-readable error codes. JavaScript sees them as the `code` property of the
/// thrown `Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
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

/// An error: a stable code, what was said (never a secret), the path of the value at fault when
/// there is one, and the validation problems for `INVALID_MESSAGE`.
#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    /// The stable code.
    pub code: ErrorCode,
    /// What went wrong, with its values.
    pub said: Said,
    /// The path of the value at fault (`amount`, `credentials.secretKey`), when there is one.
    pub path: Option<String>,
    /// The problems behind an `INVALID_MESSAGE`.
    pub problems: Vec<Problem>,
}

impl Error {
    /// An error with a code and what it says.
    pub fn new(code: ErrorCode, said: Said) -> Self {
        Error { code, said, path: None, problems: Vec::new() }
    }

    /// An error about the value at `path`.
    pub fn at(code: ErrorCode, path: impl Into<String>, said: Said) -> Self {
        Error { code, said, path: Some(path.into()), problems: Vec::new() }
    }

    /// The short English message.
    pub fn message(&self) -> String {
        self.said.en()
    }

    /// A JSON syntax error, with serde_json's position but never its echo of the input.
    pub(crate) fn json(what: Word, err: &serde_json::Error) -> Self {
        Error::new(ErrorCode::InvalidJson, json_error_place(Said::new(Phrase::NotJson).word("what", what), err))
    }
}

/// `said` with what kind of JSON error happened and where (`syntax error at line 1 column 5`),
/// never the input's text.
pub(crate) fn json_error_place(said: Said, err: &serde_json::Error) -> Said {
    use serde_json::error::Category;
    let kind = match err.classify() {
        Category::Io => Word::IoError,
        Category::Syntax => Word::SyntaxError,
        Category::Data => Word::DataError,
        Category::Eof => Word::EofError,
    };
    said.word("error", kind).number("line", err.line()).number("column", err.column())
}

/// As data (`{code, path, message, params, text, problems?}`), the shape of the thrown error's
/// own properties.
impl serde::Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Error", 6)?;
        s.serialize_field("code", self.code.as_str())?;
        s.serialize_field("path", &self.path)?;
        self.said.serialize_fields(&mut s)?;
        if !self.problems.is_empty() {
            s.serialize_field("problems", &self.problems)?;
        }
        s.end()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code.as_str(), self.message())
    }
}

impl std::error::Error for Error {}
