//! Java `toString()` dumps, as logs print a request: a `Map` (`{partnerCode=000.00.18.H29,
//! amount=40000}`), a Lombok object (`PaygateRequest(partnerCode=…, amount=…)`) or an IDE's
//! (`PaygateRequest{partnerCode='…', amount=40000}`). Values carry no quotes (or single quotes),
//! so their types are guessed, and said: `null` is null, an integer field in digits a number,
//! anything else text, exactly as printed between `=` and the next `, key=`.

use serde_json::{Map, Value};

use super::form::{insert, key, typed};
use super::repair::{note, Repair, Stop};
use super::source::Source;
use crate::loose::Defect;

fn is_key_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_' || c == '$'
}

fn is_key(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '$' | '.' | '-')
}

/// The end of a `key=` at `at` (the position after `=`), if one is there.
fn key_at(src: &Source, at: usize) -> Option<usize> {
    if !src.at(at).is_some_and(is_key_start) {
        return None;
    }
    let mut k = at;
    while src.at(k).is_some_and(is_key) {
        k += 1;
    }
    (src.at(k) == Some('=')).then_some(k + 1)
}

/// Where the dump's opening bracket is, when the text at `at` opens a dump: `{`, or a class name
/// then `{` or `(`, then `key=`.
pub fn looks(src: &Source, at: usize) -> Option<usize> {
    let mut k = at;
    while src.at(k).is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '$' | '.')) {
        k += 1;
    }
    let open = src.at(k)?;
    let fits = open == '{' || (open == '(' && k > at);
    (fits && key_at(src, k + 1).is_some()).then_some(k)
}

/// A dump read: its fields, the position after it, the repairs.
#[derive(Debug)]
pub struct Dump {
    /// The fields.
    pub map: Map<String, Value>,
    /// Where the dump ends.
    pub end: usize,
    /// The repairs.
    pub defects: Vec<Defect>,
}

/// Read the dump that [`looks`] found at `at`, its bracket at `open`; or where and why it
/// cannot be read.
pub fn read(src: &Source, at: usize, open: usize) -> Result<Dump, (usize, Stop<'static>)> {
    let close = if src.at(open) == Some('(') { ')' } else { '}' };
    let mut defects = Vec::new();
    note(&mut defects, src, at, None, Repair::JavaToString);
    let mut map = Map::new();
    let mut i = open + 1;
    loop {
        let key_start = i;
        let Some(after) = key_at(src, i) else { return Err((i, Stop::DumpPair)) };
        let read =
            if src.at(after) == Some('\'') { quoted_value(src, after, close) } else { bare_value(src, after, close) };
        let (value, end) = read.map_err(|why| (after, why))?;
        let key = key(src, key_start, src.text(key_start, after - 1), &mut defects);
        let value = match value {
            Printed::Bare(text) if text == "null" => Value::Null,
            Printed::Bare(text) => typed(src, after, &key, text, &mut defects),
            Printed::Quoted(text) => Value::String(text),
        };
        insert(src, key_start, &mut map, key, value, &mut defects);
        match src.at(end) {
            Some(c) if c == close => return Ok(Dump { map, end: end + 1, defects }),
            // ", " then the next key.
            _ => i = end + 2,
        }
    }
}

/// A value as printed: bare (its type guessed) or in single quotes (text).
enum Printed {
    Bare(String),
    Quoted(String),
}

/// A value as printed and where it ends, or why it cannot be read (said at its start).
type Printing = Result<(Printed, usize), Stop<'static>>;

/// A bare value from `at`: up to `, key=` or the closing bracket outside nested brackets, and
/// where it ends.
fn bare_value(src: &Source, at: usize, close: char) -> Printing {
    let mut depth = 0usize;
    let mut k = at;
    loop {
        match src.at(k) {
            None => return Err(Stop::DumpUnclosed { bracket: if close == ')' { '(' } else { '{' } }),
            Some('{' | '(' | '[') => depth += 1,
            Some(c @ ('}' | ')' | ']')) => {
                if depth == 0 && c == close {
                    return Ok((Printed::Bare(src.text(at, k)), k));
                }
                depth = depth.saturating_sub(1);
            }
            Some(',') if depth == 0 && src.at(k + 1) == Some(' ') && key_at(src, k + 2).is_some() => {
                return Ok((Printed::Bare(src.text(at, k)), k));
            }
            Some(_) => {}
        }
        k += 1;
    }
}

/// A value in single quotes from `at` (an IDE's generated `toString()`): up to the `'` that a
/// `, ` or the closing bracket follows, and where it ends.
fn quoted_value(src: &Source, at: usize, close: char) -> Printing {
    let mut k = at + 1;
    loop {
        match src.at(k) {
            None => return Err(Stop::Unclosed { quote: '\'' }),
            Some('\'')
                if src.at(k + 1) == Some(close) || (src.at(k + 1) == Some(',') && src.at(k + 2) == Some(' ')) =>
            {
                return Ok((Printed::Quoted(src.text(at + 1, k)), k + 1));
            }
            Some(_) => k += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loose::DefectCode;

    fn dump(text: &str) -> (Map<String, Value>, usize, Vec<DefectCode>) {
        let src = Source::new(text);
        let open = looks(&src, 0).expect("a dump");
        let d = read(&src, 0, open).unwrap();
        (d.map, d.end, d.defects.iter().map(|d| d.code).collect())
    }

    #[test]
    fn a_map_dump_is_read_as_printed() {
        let (m, end, codes) = dump("{partnerCode=000.00.18.H29, amount=40000, orderInfo=Thanh toán, hóa đơn {5}, accessKey= ab , x=null, check-sum=AB} tail");
        assert_eq!(m["partnerCode"], "000.00.18.H29");
        assert_eq!(m["amount"], 40000);
        assert_eq!(m["orderInfo"], "Thanh toán, hóa đơn {5}", "a comma not followed by key= stays in the value");
        assert_eq!(m["accessKey"], " ab ", "printed spaces are kept");
        assert_eq!(m["x"], Value::Null);
        assert_eq!(m["checksum"], "AB");
        assert_eq!(end, 114);
        assert_eq!(codes, [DefectCode::JavaToString, DefectCode::NumberGuessed, DefectCode::KeyAlias]);
    }

    #[test]
    fn lombok_and_ide_dumps() {
        let (m, _, _) = dump("PaygateRequest(orderId=SBN_1, amount=40000.0)");
        assert_eq!(
            (m["orderId"].as_str(), m["amount"].as_str()),
            (Some("SBN_1"), Some("40000.0")),
            "not an integer as written"
        );
        let (m, _, _) = dump("PaygateRequest{orderId='SBN, 1', orderInfo='null', amount=7}");
        assert_eq!(
            (m["orderId"].as_str(), m["orderInfo"].as_str(), m["amount"].as_u64()),
            (Some("SBN, 1"), Some("null"), Some(7))
        );
    }

    #[test]
    fn what_is_not_a_dump_or_is_cut_short() {
        for text in ["{\"a\": 1}", "{a: 1}", "(a=1)", "{ a=1}", "x"] {
            assert!(looks(&Source::new(text), 0).is_none(), "{text}");
        }
        let src = Source::new("{a=1, b=2");
        assert_eq!(read(&src, 0, 0).unwrap_err(), (8, Stop::DumpUnclosed { bracket: '{' }));
        let (m, _, _) = dump("{a=1, =2}");
        assert_eq!(m["a"], "1, =2", "no key after the comma: one value");
    }
}
