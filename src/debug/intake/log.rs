//! Bodies inside other text: a log line with text before the JSON (time, level, logger,
//! `body=`), a Java dump inside a log line, and a message nested in what was pasted (a JSON
//! log's `body` member, as an object or as JSON written inside a string; a response's `data`).
//! The object kept is the one with the most message keys; reading is bounded, however long or
//! odd the text.

use serde_json::{Map, Value};

use super::repair::{note, Repair};
use super::source::Source;
use super::{java, Outcome};
use crate::loose::{read_document, read_value, trailing_text, Defect};
use crate::scheme::SCHEMES;
use crate::validate::join_path;

/// The most places where an object may start that are tried in a log line.
const MAX_TRIES: usize = 32;
/// The most members looked into for a nested message (a megabyte object's first ones).
const MAX_MEMBERS: usize = 256;
/// How deep a nested message is looked for.
const MAX_DEPTH: usize = 3;

/// How many of `map`'s keys some scheme knows (its fields, `checksum`, its aliases).
fn score(map: &Map<String, Value>) -> usize {
    map.keys().filter(|k| SCHEMES.iter().any(|s| s.knows(k))).count()
}

/// Whether `text` may hold a JSON object (it starts with `{`).
pub fn holds_object(text: &str) -> bool {
    text.chars().find(|c| !c.is_whitespace()) == Some('{')
}

/// The object JSON written inside a string holds (`text`, the string read at `at`), its repairs
/// added to `defects`, placed at the string since they are in its unescaped text.
pub fn in_string(defects: &mut Vec<Defect>, src: &Source, at: usize, text: &str) -> Option<Map<String, Value>> {
    let doc = read_document(&Source::new(text), 0);
    note(defects, src, at, None, Repair::BodyInString);
    src.place_at(at, doc.defects, defects);
    match doc.value {
        Some(Value::Object(map)) => Some(map),
        _ => None,
    }
}

/// One object found in the text: where it starts and ends, its fields and repairs.
struct Candidate {
    start: usize,
    end: usize,
    map: Map<String, Value>,
    defects: Vec<Defect>,
}

/// The object that starts at `p` (a `{`; a `"` before it opens a string holding JSON).
fn candidate(src: &Source, p: usize) -> Option<Candidate> {
    if p > 0 && src.at(p - 1) == Some('"') {
        if let (Some(Value::String(text)), end, mut defects) = read_value(src, p - 1) {
            if let Some(map) = in_string(&mut defects, src, p - 1, &text) {
                return Some(Candidate { start: p - 1, end, map, defects });
            }
        }
    }
    if let Some(open) = java::looks(src, p) {
        let dump = java::read(src, p, open).ok()?;
        return Some(Candidate { start: p, end: dump.end, map: dump.map, defects: dump.defects });
    }
    match read_value(src, p) {
        (Some(Value::Object(map)), end, defects) => Some(Candidate { start: p, end, map, defects }),
        _ => None,
    }
}

/// Read a body that other text comes before (a log line) from `at`: the object with the most
/// message keys, the text before it named. `false` when no object is found.
pub fn read(src: &Source, at: usize, out: &mut Outcome) -> bool {
    let mut best: Option<(usize, Candidate)> = None;
    let mut k = at;
    for _ in 0..MAX_TRIES {
        let Some(p) = src.chars.get(k..).and_then(|rest| rest.iter().position(|c| *c == '{')).map(|i| k + i) else {
            break;
        };
        match candidate(src, p) {
            Some(c) => {
                k = c.end;
                let s = score(&c.map);
                if best.as_ref().is_none_or(|(b, _)| s > *b) {
                    best = Some((s, c));
                }
            }
            None => k = p + 1,
        }
    }
    let Some((_, c)) = best else { return false };
    let mut end = c.start;
    while end > at && src.at(end - 1).is_some_and(char::is_whitespace) {
        end -= 1;
    }
    note(&mut out.defects, src, at, None, Repair::LogPrefix { prefix: &src.text(at, end) });
    out.defects.extend(c.defects);
    let rest = src.skip_blank(c.end);
    if rest < src.chars.len() {
        trailing_text(&mut out.defects, src, rest);
    }
    out.message = Some(c.map);
    true
}

/// The message itself, when `map` holds it rather than is it: a member (at most three levels
/// down) that is an object, or a string holding one, with more message keys than `map` and at
/// least two. Said as repairs placed at `at`.
pub fn inner(src: &Source, at: usize, map: Map<String, Value>, defects: &mut Vec<Defect>) -> Map<String, Value> {
    let own = score(&map);
    if own >= 2 {
        return map;
    }
    // Breadth first, level by level, MAX_MEMBERS members at most ever queued.
    let mut queued = 0;
    let mut level = Vec::new();
    enqueue(&mut level, &mut queued, "", &map);
    let mut best: Option<(usize, String, Nested<'_>)> = None;
    for depth in 1..=MAX_DEPTH {
        let mut next = Vec::new();
        for (path, value) in level {
            let found = match value {
                Value::Object(m) => {
                    if depth < MAX_DEPTH {
                        enqueue(&mut next, &mut queued, &path, m);
                    }
                    Some((score(m), Nested::Member(m)))
                }
                Value::String(text) if holds_object(text) => {
                    let mut said = Vec::new();
                    in_string(&mut said, src, at, text).map(|m| (score(&m), Nested::InString(m, said)))
                }
                _ => None,
            };
            if let Some((s, nested)) = found {
                if s >= 2 && s > own && best.as_ref().is_none_or(|(b, ..)| s > *b) {
                    best = Some((s, path, nested));
                }
            }
        }
        level = next;
    }
    let Some((_, path, nested)) = best else { return map };
    note(defects, src, at, Some(&path), Repair::BodyInMember { path: &path });
    match nested {
        Nested::Member(m) => m.clone(),
        Nested::InString(m, said) => {
            defects.extend(said);
            m
        }
    }
}

/// Members to look into: their path and value.
type Queue<'a> = Vec<(String, &'a Value)>;

/// Queue the members of `m` (at `parent`), as many as MAX_MEMBERS leaves room for.
fn enqueue<'a>(queue: &mut Queue<'a>, queued: &mut usize, parent: &str, m: &'a Map<String, Value>) {
    let room = MAX_MEMBERS.saturating_sub(*queued);
    *queued += room.min(m.len());
    for (k, v) in m.iter().take(room) {
        queue.push((join_path(parent, k), v));
    }
}

/// A message found inside the pasted object.
enum Nested<'a> {
    /// A member that is an object.
    Member(&'a Map<String, Value>),
    /// JSON written inside a string member, read, with what was said of it.
    InString(Map<String, Value>, Vec<Defect>),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loose::DefectCode;

    fn log(text: &str) -> Outcome {
        let src = Source::new(text);
        let mut out = Outcome::default();
        assert!(read(&src, 0, &mut out), "{text}");
        out
    }

    #[test]
    fn the_object_with_the_most_message_keys_is_kept() {
        let o = log(
            "2024-05-01 10:22:33 INFO [exec-1] {thread=1} c.e.Pay - body={\"orderId\":\"A\",\"amount\":1} took 3 ms",
        );
        let m = o.message.unwrap();
        assert_eq!(m["orderId"], "A");
        let codes: Vec<DefectCode> = o.defects.iter().map(|d| d.code).collect();
        assert_eq!(codes, [DefectCode::LogPrefix, DefectCode::TrailingText]);
        assert!(o.defects[0].message().contains("body="), "{}", o.defects[0].message());
    }

    #[test]
    fn json_written_inside_a_string() {
        let o = log("INFO body=\"{\\\"orderId\\\":\\\"A\\\",\\\"amount\\\":1}\"");
        assert_eq!(o.message.unwrap()["amount"], 1);
        assert!(o.defects.iter().any(|d| d.code == DefectCode::BodyInString));
    }

    #[test]
    fn a_java_dump_in_a_log_line() {
        let o = log("12:00 DEBUG params: {partnerCode=P, amount=40000, orderId=O}");
        assert_eq!(o.message.unwrap()["amount"], 40000);
    }

    #[test]
    fn a_message_nested_in_what_was_pasted() {
        let src = Source::new("");
        let outer: Value =
            serde_json::json!({"level": "info", "req": {"body": "{\"orderId\": \"A\", \"amount\": 1}"}, "msg": "x"});
        let mut defects = Vec::new();
        let m = inner(&src, 0, outer.as_object().unwrap().clone(), &mut defects);
        assert_eq!(m["orderId"], "A");
        assert_eq!(defects[0].path.as_deref(), Some("req.body"));
        assert_eq!(defects[1].code, DefectCode::BodyInString);
        let message =
            serde_json::json!({"orderId": "A", "amount": 1, "data": {"orderId": "B", "amount": 2, "type": "Pay"}});
        let mut defects = Vec::new();
        assert_eq!(
            inner(&src, 0, message.as_object().unwrap().clone(), &mut defects)["orderId"],
            "A",
            "a message is kept"
        );
        assert!(defects.is_empty());
    }

    #[test]
    fn reading_is_bounded() {
        let text = format!("x {}", "{\"a".repeat(100_000));
        let src = Source::new(&text);
        let mut out = Outcome::default();
        assert!(!read(&src, 0, &mut out));
    }
}
