//! What the debugger page shows for one state of its inputs, in one call per lane: the body read
//! (tolerantly), the scheme picked, and then either the verdict (the explanation and the
//! comparison with the integrator's own pre-image) or the diagnosis. One call walks the input
//! once and hands back only what the page draws, its long values cut to what the page shows.

use serde::Serialize;
use serde_json::Value;

use crate::body::Body;
use crate::debug::compare::{compare_preimage, Comparison, Theirs};
use crate::debug::diagnose::{diagnose, Diagnosis};
use crate::debug::explain::{explain, Explanation};
use crate::debug::loose::{parse_loose, Defect};
use crate::error::{Error, ErrorCode};
use crate::said::{Phrase, Said};
use crate::scheme::detect_scheme;
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
    /// Characters of the plain pre-image (three per byte of its hex; the page's Copy button reads
    /// a longer one again).
    pub plain_chars: usize,
    /// Characters of a value a finding quotes.
    pub quoted_chars: usize,
}

/// What the debugger page shows of each long value.
pub const PAGE_LIMITS: Limits = Limits { defects: 200, shown_chars: 65_536, plain_chars: 16_384, quoted_chars: 4096 };

impl Lane {
    /// `verdict` or `diagnosis`, or `INVALID_ARGUMENT`.
    pub fn parse(part: &str) -> Result<Self, Error> {
        match part {
            "verdict" => Ok(Lane::Verdict),
            "diagnosis" => Ok(Lane::Diagnosis),
            other => Err(Error::at(
                ErrorCode::InvalidArgument,
                "part",
                Said::new(Phrase::UnknownPart).quoted("value", other),
            )),
        }
    }
}

/// What the page has: the pasted body (read tolerantly, as [`parse_loose`] does), or the message
/// its form made.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// Text as pasted.
    Body(String),
    /// A message as the form made it.
    Message(Value),
}

impl From<Body> for Input {
    /// Text is a pasted body; a value is the form's message.
    fn from(body: Body) -> Self {
        match body {
            Body::Text(t) => Input::Body(t),
            Body::Json(v) => Input::Message(v),
        }
    }
}

/// What the page asks about.
#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    /// Which lane.
    pub lane: Lane,
    /// The body or the form's message.
    pub input: Input,
    /// A scheme id; `None` (or `auto`) to detect it from the body's keys.
    pub scheme: Option<String>,
    /// The scheme to show when none is detected (`paygate` when `None`).
    pub fallback_scheme: Option<String>,
    /// The secret key, when given.
    pub secret: Option<String>,
    /// What the integrator's code hashed, to compare (verdict lane): its text or `{ hex }`, as
    /// `comparePreimage` takes it (what cannot be read is the comparison's error, not the lane's).
    pub theirs: Option<Value>,
    /// Show the secret key's bytes.
    pub reveal: bool,
    /// How much of each long value to send back.
    pub limits: Limits,
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
    /// The `Authorization` header pasted with the body, for the page to move to its token box
    /// (`null` when there is none); it goes back to the page and never further.
    pub authorization: Option<crate::loose::PastedAuthorization>,
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
    let chosen = job.scheme.clone().filter(|s| s != "auto");
    let fallback = || job.fallback_scheme.clone().unwrap_or_else(|| "paygate".to_owned());
    let message = match &job.input {
        Input::Message(message) => {
            out.scheme = chosen;
            out.how = How::Chosen;
            message.as_object().cloned()
        }
        Input::Body(body) if body.trim().is_empty() => {
            out.scheme = Some(chosen.unwrap_or_else(fallback));
            None
        }
        Input::Body(body) => {
            let read = parse_loose(body);
            let found = match (&chosen, &read.message) {
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
            out.scheme = Some(found.unwrap_or_else(fallback));
            if job.lane == Lane::Verdict {
                let defect_count = read.defects.len();
                let mut defects = read.defects;
                defects.truncate(job.limits.defects);
                out.parsed = Some(Parsed {
                    readable: read.message.is_some(),
                    defects,
                    defect_count,
                    authorization: read.authorization,
                });
            }
            read.message
        }
    };
    let Some(message) = message else { return out };
    out.readable = true;
    let seen = |key: &str| {
        message.get(key).and_then(Value::as_str).map(|s| crate::text::first_chars(s, 256).unwrap_or(s).to_owned())
    };
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
                    let compared = Theirs::from_value(theirs)
                        .and_then(|theirs| compare_preimage(&scheme, &message, secret, &theirs, job.reveal));
                    match compared {
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
