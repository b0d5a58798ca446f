//! Form bodies (`application/x-www-form-urlencoded`): `name=value` pairs joined by `&`, each
//! percent-decoded with `+` as a space. A form carries text only: an integer field written in
//! digits is read as a number, and said.

use serde_json::{Map, Value};

use super::repair::{note, Repair};
use super::source::Source;
use crate::fields::{field, FieldKind};
use crate::loose::{alias_defect, duplicate_defect, key_alias, Defect};
use crate::validate::join_path;

/// The largest integer a JavaScript number holds exactly.
const MAX_SAFE: u64 = (1 << 53) - 1;

/// Whether the text from `at` reads as a form: a name, `=`, on a single line.
pub fn looks(src: &Source, at: usize) -> bool {
    let name = src
        .chars
        .get(at..)
        .unwrap_or_default()
        .iter()
        .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '[' | ']' | '%'))
        .count();
    name > 0
        && src.at(at).is_some_and(|c| c.is_alphabetic() || c == '_')
        && src.at(at + name) == Some('=')
        && src.skip_blank(src.line_end(at)) >= src.chars.len()
}

/// `value` of field `name` as JSON: a number when the table types the field as an integer and
/// the text is its plain digits (said in a defect placed at `at`), else the text.
pub fn typed(src: &Source, at: usize, name: &str, text: String, defects: &mut Vec<Defect>) -> Value {
    let integer = field(name).is_some_and(|f| f.kind == FieldKind::Amount);
    let digits =
        !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) && (text == "0" || !text.starts_with('0'));
    match text.parse::<u64>() {
        Ok(n) if integer && digits && n <= MAX_SAFE => {
            note(defects, src, at, Some(name), Repair::NumberGuessed { text: &text });
            Value::from(n)
        }
        _ => Value::String(text),
    }
}

/// A field's name as meant: a known misspelling (`check-sum`) read as its name, and said.
pub fn key(src: &Source, at: usize, name: String, defects: &mut Vec<Defect>) -> String {
    match key_alias(&name) {
        Some(meant) => {
            alias_defect(defects, src, at, meant, &name, meant);
            meant.to_owned()
        }
        None => name,
    }
}

/// `value` under `name`; a name met again is said, its last value kept.
pub fn insert(
    src: &Source,
    at: usize,
    map: &mut Map<String, Value>,
    name: String,
    value: Value,
    defects: &mut Vec<Defect>,
) {
    if map.insert(name.clone(), value).is_some() {
        duplicate_defect(defects, src, at, &join_path("", &name), &name);
    }
}

/// Percent-decode `text`, `+` as a space; a `%` not followed by two hex digits stays as it is.
/// Bytes that are not UTF-8 become U+FFFD.
pub fn decode(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        let hex = |k: usize| b.get(k).and_then(|d| char::from(*d).to_digit(16));
        match (c, hex(i + 1), hex(i + 2)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b'+', _, _) => {
                out.push(b' ');
                i += 1;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    lossy(&out)
}

/// `bytes` as UTF-8 text, each maximal invalid sequence as one U+FFFD (what
/// `String::from_utf8_lossy` writes, by the loop its `Utf8Error` documents).
pub fn lossy(mut bytes: &[u8]) -> String {
    let mut out = String::new();
    loop {
        match std::str::from_utf8(bytes) {
            Ok(text) => {
                out.push_str(text);
                return out;
            }
            Err(e) => {
                let valid = bytes.get(..e.valid_up_to()).unwrap_or_default();
                out.push_str(std::str::from_utf8(valid).unwrap_or_default());
                out.push('\u{FFFD}');
                match e.error_len() {
                    Some(len) => bytes = bytes.get(e.valid_up_to() + len..).unwrap_or_default(),
                    None => return out,
                }
            }
        }
    }
}

/// Read the form in `src[at..end]`.
pub fn read(src: &Source, at: usize, end: usize, defects: &mut Vec<Defect>) -> Map<String, Value> {
    note(defects, src, at, None, Repair::FormFields);
    let mut map = Map::new();
    // Line breaks, spaces and tabs at its end are none of it.
    let mut end = end.min(src.chars.len());
    while end > at && matches!(src.at(end - 1), Some('\r' | '\n' | ' ' | '\t')) {
        end -= 1;
    }
    let body = src.text(at, end);
    let mut offset = at;
    for pair in body.split('&') {
        let here = offset;
        offset += pair.chars().count() + 1;
        if pair.is_empty() {
            continue;
        }
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let name = key(src, here, decode(name), defects);
        let value = typed(src, here, &name, decode(value), defects);
        insert(src, here, &mut map, name, value, defects);
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_is_decoded_and_its_amount_read_as_written() {
        let src = Source::new(
            "orderInfo=thanh+to%C3%A1n%20%E2%80%94+100%25&amount=40000&check-sum=AB&requestCode=0123&x=%zz\n",
        );
        assert!(looks(&src, 0));
        let mut defects = Vec::new();
        let m = read(&src, 0, src.chars.len(), &mut defects);
        assert_eq!(m["orderInfo"], "thanh toán — 100%");
        assert_eq!(m["amount"], 40000);
        assert_eq!(m["checksum"], "AB");
        assert_eq!(m["requestCode"], "0123", "only integer fields become numbers");
        assert_eq!(m["x"], "%zz");
        use crate::loose::DefectCode;
        let codes: Vec<DefectCode> = defects.iter().map(|d| d.code).collect();
        assert_eq!(codes, [DefectCode::FormFields, DefectCode::NumberGuessed, DefectCode::KeyAlias]);
        assert_eq!(defects[1].column, Some(src.text(0, 100).find("amount").unwrap() + 1), "placed at the pair");
        assert!(!looks(&Source::new("{\"a\": 1}"), 0) && !looks(&Source::new("a=1\nb=2"), 0));
        assert_eq!(decode("%C3%28"), "\u{FFFD}(");
        for bytes in [&b"a\xF0\x9F\x98"[..], b"\xE1\xBB\x87\xFF\xC0\x80x", b"\xED\xA0\x80", b"", b"ok"] {
            assert_eq!(lossy(bytes), String::from_utf8_lossy(bytes), "{bytes:?}");
        }
    }
}
