//! The debugger's intake: what integrators paste, read as the message it carries. Besides JSON
//! (the tolerant reader of [`crate::loose`]) and form fields: a raw HTTP request
//! ([`http`]), a curl command in bash or Windows cmd quoting ([`curl`], split by [`shell`]), a
//! log line with text before the body ([`log`]), a Java `toString()` dump ([`java`]). Each way
//! of reading is named as a repair ([`repair`]), never silently. An `Authorization` header
//! pasted with the body is returned apart from the message, with where it was written, for the
//! caller to put in its credentials: it is a secret, never in a `Debug` output or a message.

mod body;
mod curl;
mod form;
mod http;
mod java;
mod log;
mod repair;
mod shell;
pub mod source;

use std::fmt;

use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

use self::source::Source;
use crate::loose::{bom, Defect, DefectCode, LooseParse};
use crate::said::{Phrase, Said};

/// An `Authorization` token pasted with a body (a `Bearer ` prefix dropped). It is a secret:
/// `Debug` shows its length only. It serializes as its text, for the caller who pasted it.
#[derive(Clone, PartialEq, Eq)]
pub struct PastedToken(String);

impl PastedToken {
    /// The token's text.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for PastedToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PastedToken([REDACTED] {} chars)", self.0.chars().count())
    }
}

impl Serialize for PastedToken {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

/// The `Authorization` header found in a paste: its token, and the text that carried it (the
/// header line, the curl `-H` argument) from `line`:`column` to `endLine`:`endColumn`
/// (1-based, in characters, the end excluded), which the caller may take out of the paste.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PastedAuthorization {
    /// The token.
    pub token: PastedToken,
    /// Where the text that carried it starts.
    pub line: usize,
    /// Its column.
    pub column: usize,
    /// Where it ends (excluded).
    pub end_line: usize,
    /// Its column.
    pub end_column: usize,
}

/// An `Authorization` header a reader found: its value and the characters that carried it.
#[derive(Debug, Default)]
struct Found {
    token: String,
    start: usize,
    end: usize,
}

/// What a reader made of (part of) a paste.
#[derive(Debug, Default)]
struct Outcome {
    message: Option<Map<String, Value>>,
    defects: Vec<Defect>,
    found: Option<Found>,
}

/// Read `text` as the message it carries, naming every repair; an `Authorization` header
/// pasted with it is returned apart.
pub fn parse_loose(text: &str) -> LooseParse {
    let src = Source::new(text);
    let mut out = Outcome::default();
    let has_bom = src.at(0) == Some('\u{FEFF}');
    let start = src.skip_blank(usize::from(has_bom));
    if let Some(at) = curl::command(&src, start) {
        if has_bom {
            bom(&mut out.defects, &src, 0);
        }
        curl::read(&src, at, &mut out);
    } else if let Some(head) = http::head(&src, start) {
        if has_bom {
            bom(&mut out.defects, &src, 0);
        }
        http::read(&src, head, &mut out);
    } else {
        // From the start: the JSON reader names a byte-order mark itself.
        body::read(&src, if has_bom { 0 } else { start }, body::Frame { content_type: None, top: true }, &mut out);
    }
    if out.message.is_none() && !out.defects.iter().any(|d| d.code == DefectCode::Unreadable) {
        out.defects.push(src.defect(DefectCode::Unreadable, start, None, Said::new(Phrase::NothingReadable)));
    }
    let authorization = out.found.map(|f| {
        let token = f.token.trim();
        let token = match token.get(..7) {
            Some(b) if b.eq_ignore_ascii_case("bearer ") => token.get(7..).unwrap_or_default().trim(),
            _ => token,
        };
        let ((line, column), (end_line, end_column)) = (src.position(f.start), src.position(f.end));
        PastedAuthorization { token: PastedToken(token.to_owned()), line, column, end_line, end_column }
    });
    LooseParse { message: out.message, defects: out.defects, authorization }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_is_returned_never_shown() {
        let p = parse_loose("Authorization: Bearer c2VjcmV0LXRva2VuLXZhbHVl\n{\"orderId\": \"A\"}");
        let a = p.authorization.clone().unwrap();
        assert_eq!(a.token.expose(), "c2VjcmV0LXRva2VuLXZhbHVl");
        assert_eq!((a.line, a.column, a.end_line, a.end_column), (1, 1, 2, 1));
        assert!(!format!("{p:?}").contains("c2VjcmV0"), "Debug shows the token");
        assert!(p.defects.iter().all(|d| !d.message().contains("c2VjcmV0")));
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(json["authorization"]["token"], "c2VjcmV0LXRva2VuLXZhbHVl", "returned to the caller");
        assert_eq!(json["authorization"]["endLine"], 2);
        assert_eq!(p.message.unwrap()["orderId"], "A");
    }

    #[test]
    fn nothing_read_is_always_said() {
        for text in ["", "   ", "POST /x HTTP/1.1\nHost: y", "hello", "[1]", "\u{FEFF}"] {
            let p = parse_loose(text);
            assert!(p.message.is_none(), "{text:?}");
            assert!(p.defects.iter().any(|d| d.code == DefectCode::Unreadable), "{text:?}: {:?}", p.defects);
        }
    }
}
