//! What the debugger page shows for one state of its inputs, in one call per lane: the body read
//! (tolerantly), the scheme picked, and then either the verdict (the explanation and the
//! comparison with the integrator's own pre-image) or the diagnosis. One call walks the input
//! once and hands back only what the page draws, its long values cut to what the page shows.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::debug::compare::{compare_preimage, Comparison, Theirs};
use crate::debug::diagnose::{diagnose, Diagnosis};
use crate::debug::explain::{explain, Explanation};
use crate::debug::loose::{parse_loose, Defect};
use crate::error::{Error, ErrorCode};
use crate::said::{kind_of, value_arg, Phrase, Said};
use crate::scheme::{as_object, detect_scheme};
use crate::text::{cut_chars as cut, first_chars};

/// Which half of the page's work a call does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Lane {
    /// Read, pick the scheme, explain, compare: quick, drawn on every keystroke.
    Verdict,
    /// Read, pick the scheme, diagnose a mismatch: may hash many variants.
    Diagnosis,
}

/// How long the values the page receives may be, in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Repairs listed at most (their number is kept).
    pub defects: usize,
    /// Characters of a step's value and visible form (three per byte of its hex).
    pub shown_chars: usize,
    /// Characters of the plain pre-image (three per byte of its hex).
    pub plain_chars: usize,
    /// Characters of a value a finding quotes.
    pub quoted_chars: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { defects: 200, shown_chars: 65_536, plain_chars: 16_384, quoted_chars: 4096 }
    }
}

/// What the page asks about: `{ part, input, body, message, scheme, fallbackScheme, secret,
/// reveal, theirs, limits }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    /// Which lane.
    pub lane: Lane,
    /// The pasted body (read with [`parse_loose`]), or `None` for the form's message.
    pub body: Option<String>,
    /// The message the form made (when `body` is `None`).
    pub message: Value,
    /// A scheme id, or `None` to detect it from the body's keys.
    pub scheme: Option<String>,
    /// The scheme to show when none is detected.
    pub fallback_scheme: String,
    /// The secret key, when given.
    pub secret: Option<String>,
    /// Show the secret key's bytes.
    pub reveal: bool,
    /// What the integrator's code hashed, to compare (verdict lane).
    pub theirs: Option<Theirs>,
    /// How much of each long value to send back.
    pub limits: Limits,
}

fn job_error(key: &str, phrase: Phrase, got: Option<&Value>) -> Error {
    let path = format!("job.{key}");
    let mut said = Said::new(phrase).name("path", &path);
    if let Some(v) = got {
        said = said.word("got", kind_of(v));
    }
    Error::at(ErrorCode::InvalidArgument, path, said)
}

fn text<'a>(job: &'a Map<String, Value>, key: &str) -> Result<Option<&'a str>, Error> {
    match job.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(job_error(key, Phrase::MustBeStringArgument, None)),
    }
}

impl Job {
    /// Read a job from its JSON form; a member of the wrong type is `INVALID_ARGUMENT`.
    pub fn from_value(value: &Value) -> Result<Self, Error> {
        let job = as_object(value, "job")?;
        let lane = match text(job, "part")? {
            Some("diagnosis") => Lane::Diagnosis,
            _ => Lane::Verdict,
        };
        let body = match text(job, "input")? {
            Some("form") => None,
            _ => Some(text(job, "body")?.unwrap_or_default().to_owned()),
        };
        let scheme = text(job, "scheme")?.filter(|s| *s != "auto").map(str::to_owned);
        let reveal = match job.get("reveal") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            other => return Err(job_error("reveal", Phrase::MustBeBoolean, other)),
        };
        let theirs = match job.get("theirs") {
            None | Some(Value::Null) => None,
            Some(t) => Some(Theirs::from_value(t)?),
        };
        let mut limits = Limits::default();
        if let Some(given) = job.get("limits") {
            let given = as_object(given, "job.limits")?;
            for (key, slot) in [
                ("defects", &mut limits.defects),
                ("shownChars", &mut limits.shown_chars),
                ("plainChars", &mut limits.plain_chars),
                ("quotedChars", &mut limits.quoted_chars),
            ] {
                if let Some(n) = given.get(key) {
                    let path = format!("job.limits.{key}");
                    let said = Said::new(Phrase::MustBeCount).name("path", &path).with("value", value_arg(Some(n)));
                    let count = n.as_u64().and_then(|n| usize::try_from(n).ok());
                    *slot = count.ok_or_else(|| Error::at(ErrorCode::InvalidArgument, path, said))?;
                }
            }
        }
        Ok(Job {
            lane,
            body,
            message: job.get("message").cloned().unwrap_or(Value::Null),
            scheme,
            fallback_scheme: text(job, "fallbackScheme")?.unwrap_or("paygate").to_owned(),
            secret: text(job, "secret")?.map(str::to_owned),
            reveal,
            theirs,
            limits,
        })
    }
}

/// How the scheme was picked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum How {
    /// Nothing was read: the fallback is shown.
    None,
    /// Named by the page.
    Chosen,
    /// Detected from the body's keys.
    Detected,
    /// Read, but no scheme fits its keys: the fallback is used.
    Undetected,
}

/// The repairs made to read the body (verdict lane only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Parsed {
    /// The body was read as an object.
    pub readable: bool,
    /// The repairs, up to the limit.
    pub defects: Vec<Defect>,
    /// How many repairs there are in all.
    pub defect_count: usize,
}

/// The credentials the message carries, for the page to compare with a token's (never the secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct SeenCredentials {
    /// `partnerCode`, when a string (its first 256 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partner_code: Option<String>,
    /// `accessKey`, when a string (its first 256 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access_key: Option<String>,
}

/// What one lane hands back to the page.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Analysis {
    /// The lane.
    pub part: Lane,
    /// The repairs (verdict lane, pasted body only).
    pub parsed: Option<Parsed>,
    /// The scheme used.
    pub scheme: Option<String>,
    /// How it was picked.
    pub how: How,
    /// A message was read.
    pub readable: bool,
    /// The message's credentials (`null` when nothing was read).
    pub credentials: Option<SeenCredentials>,
    /// The explanation (verdict lane), long values cut.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation: Option<Explanation>,
    /// The comparison with the integrator's pre-image (verdict lane, when asked).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compare: Option<Comparison>,
    /// Why the comparison could not be made.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compare_error: Option<Error>,
    /// The diagnosis when the checksum does not match (diagnosis lane), quoted values cut.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diagnosis: Option<Diagnosis>,
    /// Why nothing could be explained or diagnosed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<Error>,
}

/// Long values cut to what the page shows, so a 1 MB body does not come back three times over.
fn cut_explanation(e: &mut Explanation, limits: Limits) {
    for (value, n) in [(&mut e.preimage, limits.plain_chars), (&mut e.preimage_hex, limits.plain_chars * 3)] {
        if value.as_mut().is_some_and(|v| cut(v, n)) {
            e.preimage_cut = true;
        }
    }
    for step in &mut e.steps {
        // The hex is ASCII: its length in bytes is its length in characters.
        if first_chars(&step.visible, limits.shown_chars).is_none() && step.hex.len() <= limits.shown_chars * 3 {
            continue;
        }
        step.cut = true;
        cut(&mut step.value, limits.shown_chars);
        cut(&mut step.visible, limits.shown_chars);
        cut(&mut step.hex, (limits.shown_chars * 3).saturating_sub(1));
    }
}

/// The values findings quote cut to what the page shows, their full sizes kept.
fn cut_diagnosis(d: &mut Diagnosis, limits: Limits) {
    for change in d.findings.iter_mut().flat_map(|f| f.changes.iter_mut()) {
        change.cut_values(limits.quoted_chars);
    }
}

/// Read the message and pick the scheme; then explain and compare, or diagnose.
pub fn analyse(job: &Job) -> Analysis {
    let mut out = Analysis {
        part: job.lane,
        parsed: None,
        scheme: None,
        how: How::None,
        readable: false,
        credentials: None,
        explanation: None,
        compare: None,
        compare_error: None,
        diagnosis: None,
        error: None,
    };
    let message = match &job.body {
        None => {
            out.scheme = job.scheme.clone();
            out.how = How::Chosen;
            job.message.as_object().cloned()
        }
        Some(body) if body.trim().is_empty() => {
            out.scheme = Some(job.scheme.clone().unwrap_or_else(|| job.fallback_scheme.clone()));
            None
        }
        Some(body) => {
            let read = parse_loose(body);
            let found = match (&job.scheme, &read.message) {
                (Some(chosen), _) => {
                    out.how = How::Chosen;
                    Some(chosen.clone())
                }
                (None, Some(m)) => {
                    let found = detect_scheme(m);
                    out.how = if found.is_some() { How::Detected } else { How::Undetected };
                    found.map(str::to_owned)
                }
                (None, None) => None,
            };
            out.scheme = Some(found.unwrap_or_else(|| job.fallback_scheme.clone()));
            if job.lane == Lane::Verdict {
                let defect_count = read.defects.len();
                let mut defects = read.defects;
                defects.truncate(job.limits.defects);
                out.parsed = Some(Parsed { readable: read.message.is_some(), defects, defect_count });
            }
            read.message
        }
    };
    let Some(message) = message else { return out };
    out.readable = true;
    let seen = |key: &str| message.get(key).and_then(Value::as_str).map(|s| s.chars().take(256).collect());
    out.credentials = Some(SeenCredentials { partner_code: seen("partnerCode"), access_key: seen("accessKey") });
    let scheme = out.scheme.clone().unwrap_or_default();
    let message = Value::Object(message);
    let secret = job.secret.as_deref();
    match job.lane {
        Lane::Verdict => match explain(&scheme, &message, secret, job.reveal) {
            Ok(mut e) => {
                cut_explanation(&mut e, job.limits);
                out.explanation = Some(e);
                if let Some(theirs) = &job.theirs {
                    match compare_preimage(&scheme, &message, secret, theirs, job.reveal) {
                        Ok(c) => out.compare = Some(c),
                        Err(e) => out.compare_error = Some(e),
                    }
                }
            }
            Err(e) => out.error = Some(e),
        },
        Lane::Diagnosis => match diagnose(&scheme, &message, secret) {
            Ok(mut d) => {
                cut_diagnosis(&mut d, job.limits);
                out.diagnosis = Some(d).filter(|d| !d.matches);
            }
            Err(e) => out.error = Some(e),
        },
    }
    out
}
