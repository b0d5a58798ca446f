//! A body, read by what it is written as: JSON (the tolerant reader), form fields, or a Java
//! `toString()` dump; when a `Content-Type` came with it and says otherwise, that is said. At the
//! top of a paste, text that is none of these is searched for the body (a log line), and header
//! lines after the body are read apart from it.

use serde_json::Value;

use super::repair::{note, stop, Repair};
use super::source::Source;
use super::{form, http, java, log, Outcome};
use crate::loose::{not_an_object, read_document, DefectCode};
use crate::text::contains_text;

/// Where a body is read: the `Content-Type` that came with it (and where it was written), and
/// whether it is the whole paste.
pub struct Frame {
    /// The `Content-Type` and its place.
    pub content_type: Option<(String, usize)>,
    /// The body is the paste itself (no request or command around it).
    pub top: bool,
}

/// Whether the text at `at` starts with `prefix`, in any case.
fn starts_with(src: &Source, at: usize, prefix: &str) -> bool {
    src.text(at, at + prefix.chars().count()).eq_ignore_ascii_case(prefix)
}

/// Read the body that starts at `at` (white space before it skipped) into `out`.
pub fn read(src: &Source, at: usize, frame: Frame, out: &mut Outcome) {
    let at = src.skip_blank(at);
    let says =
        |part: &str| frame.content_type.as_ref().is_some_and(|(t, _)| contains_text(&t.to_ascii_lowercase(), part));
    // What the body was read as, and whether the Content-Type says so.
    let (read_as, agrees) = if let Some(open) = java::looks(src, at) {
        match java::read(src, at, open) {
            Ok(dump) => {
                out.defects.extend(dump.defects);
                out.message = Some(dump.map);
                after(src, dump.end, frame.top, out);
            }
            Err((place, why)) => stop(&mut out.defects, src, place, why),
        }
        ("Java toString()", false)
    } else if says("json") && starts_with(src, at, "%7B") {
        note(&mut out.defects, src, at, None, Repair::UrlEncodedBody);
        let decoded = Source::new(&form::decode(&src.text(at, src.chars.len())));
        let mut inner = Outcome::default();
        json(&decoded, 0, false, &mut inner);
        // What is said of the decoded text is placed where the body starts.
        src.place_at(at, inner.defects, &mut out.defects);
        out.message = inner.message;
        ("JSON", says("json"))
    } else if form::looks(src, at) || (says("x-www-form-urlencoded") && !matches!(src.at(at), Some('{' | '[' | '"'))) {
        out.message = Some(form::read(src, at, src.chars.len(), &mut out.defects));
        ("form", says("x-www-form-urlencoded"))
    } else {
        json(src, at, frame.top, out);
        ("JSON", says("json"))
    };
    if let Some((says_type, place)) = frame.content_type.as_ref().filter(|_| !agrees) {
        note(&mut out.defects, src, *place, None, Repair::ContentType { says: says_type, read_as });
    }
    if let Some(message) = out.message.take() {
        out.message = Some(log::inner(src, at, message, &mut out.defects));
    }
}

/// JSON from `at`: an object, or a string holding one; at the top of a paste, a log line's body.
fn json(src: &Source, at: usize, top: bool, out: &mut Outcome) {
    let doc = read_document(src, at);
    match doc.value {
        Some(Value::Object(map)) => {
            out.defects.extend(doc.defects);
            out.message = Some(map);
            if let Some(t) = doc.trailing.filter(|_| top) {
                if let Some(headers) = http::trailing(src, t) {
                    // Header lines after the body: read apart, not ignored (the trailing text
                    // the reader said last is they).
                    if out.defects.last().is_some_and(|d| d.code == DefectCode::TrailingText) {
                        out.defects.pop();
                    }
                    note(&mut out.defects, src, t, None, Repair::HeaderLines);
                    http::authorization(src, &headers, out);
                }
            }
        }
        Some(Value::String(text)) if log::holds_object(&text) => {
            out.defects.extend(doc.defects);
            out.message = log::in_string(&mut out.defects, src, at, &text);
        }
        value => {
            if top && !matches!(src.at(at), Some('{' | '[')) && log::read(src, at, out) {
                return;
            }
            out.defects.extend(doc.defects);
            if let Some(v) = value {
                out.defects.push(not_an_object(&v));
            }
        }
    }
}

/// After a body that ends at `end`: text there is said, header lines read apart.
fn after(src: &Source, end: usize, top: bool, out: &mut Outcome) {
    let t = src.skip_blank(end);
    if t >= src.chars.len() {
        return;
    }
    match http::trailing(src, t).filter(|_| top) {
        Some(headers) => {
            note(&mut out.defects, src, t, None, Repair::HeaderLines);
            http::authorization(src, &headers, out);
        }
        None => crate::loose::trailing_text(&mut out.defects, src, t),
    }
}
