//! Every step of a checksum, byte by byte: what each segment is, its bytes and where they sit,
//! what is odd about it, the digest, and whether the received checksum matches.

use serde::Serialize;
use serde_json::Value;

use crate::checksum::{matches, to_hex};
use crate::error::Error;
use crate::said::{Phrase, Said};
use crate::scheme::{as_object, field_text, scheme, Scheme, SegmentSource};
use crate::validate::{check_message, check_text, Problem, ProblemCode, ValidationReport};
use crate::visible::{hex_pairs, visible};

/// How a segment's value was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Given {
    /// A string, hashed exactly as given.
    String,
    /// An integer, hashed as its base-10 digits.
    Integer,
    /// Absent.
    Missing,
    /// Neither a string nor an integer.
    Invalid,
}

/// One segment of the pre-image.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExplainStep {
    /// Position, from 0.
    pub index: usize,
    /// `secretKey`, `prefix` or the field name.
    pub name: &'static str,
    /// Secret, literal or field.
    pub source: SegmentSource,
    /// Whether the value is there.
    pub present: bool,
    /// The text hashed (`*` per byte for an unrevealed secret; empty when missing).
    pub value: String,
    /// How the value was given.
    pub given: Given,
    /// The value with invisible characters made visible.
    pub visible: String,
    /// Its UTF-8 bytes as hex pairs (`**` per byte for an unrevealed secret).
    pub hex: String,
    /// Byte offset in the pre-image.
    pub offset: usize,
    /// Byte length.
    pub length: usize,
    /// Unicode scalar values.
    pub chars: usize,
    /// What is odd about this segment.
    pub warnings: Vec<Problem>,
    /// `value`, `visible` and `hex` were cut for display (by the debugger page's analysis).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub cut: bool,
}

/// A checksum explained.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Explanation {
    /// Scheme id.
    pub scheme: &'static str,
    /// The segments in pre-image order.
    pub steps: Vec<ExplainStep>,
    /// The pre-image (secret masked unless revealed), when complete.
    pub preimage: Option<String>,
    /// The pre-image bytes in hex, secret bytes as `**` unless revealed.
    pub preimage_hex: Option<String>,
    /// Pre-image length in bytes.
    pub byte_length: Option<usize>,
    /// SHA-256, lower-case hex.
    pub digest: Option<String>,
    /// SHA-256, upper-case hex.
    pub digest_upper: Option<String>,
    /// The message's `checksum` exactly as given.
    pub received: Option<String>,
    /// Whether `received` names `digest` (case and surrounding white space aside).
    pub matches: Option<bool>,
    /// The message is valid apart from its checksum's value.
    pub valid: bool,
    /// What stops the digest.
    pub errors: Vec<Problem>,
    /// Every other problem validation found.
    pub warnings: Vec<Problem>,
    /// `preimage` and `preimageHex` were cut for display (by the debugger page's analysis).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub preimage_cut: bool,
}

/// `unit` repeated `len` times, joined by `sep`.
fn masked(len: usize, unit: &str, sep: &str) -> String {
    let mut out = String::new();
    for i in 0..len {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(unit);
    }
    out
}

/// Explain the checksum of `message` under scheme `scheme_id`. A missing field or secret does
/// not throw: the steps say what is there and `errors` what is missing.
pub fn explain(
    scheme_id: &str,
    message: &Value,
    secret: Option<&str>,
    reveal_secret: bool,
) -> Result<Explanation, Error> {
    let s = scheme(scheme_id)?;
    let map = as_object(message, "message")?;
    let checked = check_message(s, map, false);
    let report = checked.report;
    let fields = &checked.canonical;

    let mut errors = Vec::new();
    let mut steps = Vec::with_capacity(s.fields.len() + 1);
    let mut offset = 0;
    let mut step =
        |name: &'static str, source: SegmentSource, text: Option<&str>, given: Given, warnings: Vec<Problem>| {
            let hidden = source == SegmentSource::Secret && !reveal_secret;
            let (value, shown, hex, length, chars) = match text {
                Some(t) if hidden => (
                    masked(t.len(), "*", ""),
                    masked(t.len(), "•", ""),
                    masked(t.len(), "**", " "),
                    t.len(),
                    t.chars().count(),
                ),
                Some(t) => (t.to_owned(), visible(t), hex_pairs(t.as_bytes()), t.len(), t.chars().count()),
                None => (String::new(), String::new(), String::new(), 0, 0),
            };
            steps.push(ExplainStep {
                index: steps.len(),
                name,
                source,
                present: text.is_some(),
                value,
                given,
                visible: shown,
                hex,
                offset,
                length,
                chars,
                warnings,
                cut: false,
            });
            offset += length;
        };

    let prefix = s.prefix_part(secret);
    match &prefix {
        Ok(p) if p.source == SegmentSource::Secret => {
            let mut r = ValidationReport::default();
            check_text(&mut r, "secretKey", p.text);
            step(p.name, p.source, Some(p.text), Given::String, r.warnings);
        }
        Ok(p) => step(p.name, p.source, Some(p.text), Given::String, Vec::new()),
        Err(e) => {
            errors.push(Problem::new("secretKey", ProblemCode::MissingSecret, e.said.clone()));
            step("secretKey", SegmentSource::Secret, None, Given::Missing, Vec::new());
        }
    }
    for name in s.fields {
        let own = problems_for(s, name, &report);
        match fields.get(*name) {
            None => {
                errors.push(Problem::new(
                    name,
                    ProblemCode::MissingField,
                    Said::new(Phrase::Required).name("field", name),
                ));
                step(name, SegmentSource::Field, None, Given::Missing, own);
            }
            Some(v) => match field_text(name, v) {
                Ok(t) => {
                    let given = if v.is_string() { Given::String } else { Given::Integer };
                    step(name, SegmentSource::Field, Some(&t), given, own);
                }
                Err(e) => {
                    errors.push(Problem::new(name, ProblemCode::WrongType, e.said));
                    step(name, SegmentSource::Field, None, Given::Invalid, own);
                }
            },
        }
    }

    let pre = match (errors.is_empty(), prefix) {
        (true, Ok(p)) => Some(s.assemble(Some(p), fields)?),
        _ => None,
    };
    let received = map.get("checksum").and_then(Value::as_str).map(str::to_owned);
    let digest = pre.as_ref().map(|p| p.digest());
    let preimage_hex = pre.as_ref().map(|p| {
        let mut out = String::new();
        for seg in &p.segments {
            if seg.source == SegmentSource::Secret && !reveal_secret {
                out.push_str(&masked(seg.length, "**", ""));
            } else {
                out.push_str(&hex::encode(seg.text.as_bytes()));
            }
        }
        out
    });
    let warnings = problems(&report, &|p| p.code != ProblemCode::MissingField);
    Ok(Explanation {
        scheme: s.id,
        steps,
        preimage: pre.as_ref().map(|p| p.text(reveal_secret).into_owned()),
        preimage_hex,
        byte_length: pre.as_ref().map(|p| p.revealed().len()),
        digest: digest.map(|d| to_hex(&d, false)),
        digest_upper: digest.map(|d| to_hex(&d, true)),
        matches: match (&received, &digest) {
            (Some(r), Some(d)) => Some(matches(r, d)),
            _ => None,
        },
        received,
        valid: report.valid,
        errors,
        warnings,
        preimage_cut: false,
    })
}

/// The validation problems about one pre-image field (including those filed under an alias).
fn problems_for(s: &Scheme, name: &str, report: &ValidationReport) -> Vec<Problem> {
    let alias = s.aliases.iter().find(|(_, canon)| *canon == name).map(|(a, _)| *a);
    problems(report, &|p| p.code != ProblemCode::MissingField && (p.path == name || Some(p.path.as_str()) == alias))
}

/// The report's errors, then its warnings, that `keep` keeps (one loop for every filter).
fn problems(report: &ValidationReport, keep: &dyn Fn(&Problem) -> bool) -> Vec<Problem> {
    let mut out = Vec::new();
    for p in report.errors.iter().chain(&report.warnings) {
        if keep(p) {
            out.push(p.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn lookup() -> Value {
        json!({"partnerCode": "P", "accessKey": " A", "transactionNo": 12, "orderId": "Đơn"})
    }

    #[test]
    fn steps_tile_the_preimage_and_mask_the_secret() {
        let e = explain("lookup", &lookup(), Some("khóa"), false).unwrap();
        assert_eq!(e.preimage.as_deref(), Some("*****P A12Đơn"));
        assert_eq!(e.steps[0].hex, "** ** ** ** **");
        assert_eq!(e.steps[0].value, "*****");
        assert_eq!(e.steps[0].visible, "•••••");
        assert!(!format!("{e:?}").contains("khóa"));
        assert_eq!(e.steps[2].visible, "·A");
        assert_eq!(e.steps[2].warnings[0].code, ProblemCode::Whitespace);
        assert_eq!(e.steps[3].given, Given::Integer);
        assert_eq!(e.steps[4].hex, "c4 90 c6 a1 6e");
        let mut next = 0;
        for st in &e.steps {
            assert_eq!(st.offset, next);
            next += st.length;
        }
        assert_eq!(e.byte_length, Some(next));
        assert!(e.preimage_hex.as_deref().unwrap().starts_with("**********50"));
        let revealed = explain("lookup", &lookup(), Some("khóa"), true).unwrap();
        assert_eq!(revealed.steps[0].value, "khóa");
        assert_eq!(revealed.digest, Some(crate::checksum("lookup", &lookup(), Some("khóa"), false).unwrap()));
        assert_eq!(revealed.digest, e.digest);
    }

    #[test]
    fn incomplete_messages_are_explained_not_thrown() {
        let e = explain("lookup", &json!({"partnerCode": "P", "orderId": 1.5}), None, false).unwrap();
        assert_eq!(e.digest, None);
        let codes: Vec<_> = e.errors.iter().map(|p| (p.path.as_str(), p.code)).collect();
        assert!(codes.contains(&("secretKey", ProblemCode::MissingSecret)));
        assert!(codes.contains(&("accessKey", ProblemCode::MissingField)));
        assert!(codes.contains(&("orderId", ProblemCode::WrongType)));
        assert_eq!(e.steps.len(), 5);
        assert!(!e.steps[0].present && !e.steps[2].present);
    }

    #[test]
    fn received_checksum_is_compared() {
        let mut m = lookup();
        let sum = crate::checksum("lookup", &m, Some("k"), true).unwrap();
        m["checksum"] = json!(format!("{sum} "));
        let e = explain("lookup", &m, Some("k"), false).unwrap();
        assert_eq!(e.matches, Some(true));
        assert_eq!(e.received.as_deref(), Some(format!("{sum} ").as_str()));
        m["checksum"] = json!("0".repeat(64));
        assert_eq!(explain("lookup", &m, Some("k"), false).unwrap().matches, Some(false));
    }
}
