//! Fuzz harnesses for lgsp-paygate. Each public function takes one fuzz input, feeds it to a
//! family of entry points that read outside input, and asserts what must hold for every input:
//! no panic, results consistent with each other, and no secret in anything shown. A panic,
//! from the crate or from an assertion here, is a crash.
//!
//! The binaries in `fuzz_targets/` are one line each around these functions, so a reproducer
//! can also be replayed from a plain test.

mod diagnose;
mod intake;
mod message;
mod structured;

pub use diagnose::diagnose;
pub use intake::{gateway_response, parse_loose, payment_result, token};
pub use message::message;
pub use structured::{structured, Input};

use serde_json::Value;

/// The secret key used when an input brings none: long and unlike anything a message holds,
/// so finding it in an output is a leak, not a coincidence.
pub const SECRET: &str = "fz-SECRET-q7ZxV9bLm4Kw";

/// The scheme ids of the table, in table order.
pub fn scheme_ids() -> impl Iterator<Item = &'static str> {
    lgsp_paygate::SCHEMES.iter().map(|s| s.id)
}

/// The input as text. JavaScript strings reach the core as UTF-8 (lone surrogates are refused at
/// the boundary), so bytes that are not UTF-8 are not a case the core can meet.
pub fn utf8(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// JSON text as a message and its secret key. A top-level string member `secretKey` is taken
/// out and used as the secret, so seed files carry their secrets; otherwise [`SECRET`].
pub fn message_and_secret(text: &str) -> Option<(Value, String)> {
    let mut value: Value = serde_json::from_str(text).ok()?;
    let secret = match value.as_object_mut().and_then(|m| m.remove("secretKey")) {
        Some(Value::String(s)) => s,
        Some(other) => {
            // Not a string: leave it in the message, where the core must cope with it.
            if let Some(m) = value.as_object_mut() {
                m.insert("secretKey".into(), other);
            }
            SECRET.to_owned()
        }
        None => SECRET.to_owned(),
    };
    Some((value, secret))
}

/// Every key, string and number of a value, concatenated: what the caller gave in clear.
pub fn all_text(value: &Value) -> String {
    fn walk(v: &Value, out: &mut String) {
        match v {
            Value::String(s) => out.push_str(s),
            Value::Number(n) => out.push_str(&n.to_string()),
            Value::Array(items) => items.iter().for_each(|i| walk(i, out)),
            Value::Object(m) => m.iter().for_each(|(k, v)| {
                out.push_str(k);
                walk(v, out)
            }),
            Value::Bool(_) | Value::Null => {}
        }
        out.push('\u{0}');
    }
    let mut out = String::new();
    walk(value, &mut out);
    out
}

/// A secret that must not show in any output, as text or as the hex of its bytes. Only checked
/// when the secret is distinctive (10 ASCII characters or more, letters and digits among them,
/// so no field name or English word) and the message does not already hold it in any case.
pub struct Hidden {
    forms: Vec<String>,
}

impl Hidden {
    /// Watch `secret`, given alongside `message`.
    pub fn new(secret: &str, message: &Value) -> Self {
        let s = secret.trim();
        let distinctive = s.len() >= 10
            && s.is_ascii()
            && s.bytes().any(|b| b.is_ascii_digit())
            && s.bytes().any(|b| b.is_ascii_alphabetic());
        let given = all_text(message).to_ascii_lowercase();
        let forms = [s.to_owned(), hex::encode(s)];
        let watched = distinctive && !forms.iter().any(|f| given.contains(&f.to_ascii_lowercase()));
        Hidden { forms: if watched { forms.to_vec() } else { Vec::new() } }
    }

    /// Panics when `shown` holds the secret.
    pub fn check(&self, what: &str, shown: &str) {
        for form in &self.forms {
            assert!(!shown.contains(form.as_str()), "secret shown by {what}: {shown}");
        }
    }

    /// [`Hidden::check`] over `Debug` and, for errors, `Display` too.
    pub fn check_error(&self, what: &str, e: &lgsp_paygate::Error) {
        self.check(what, &format!("{e} {e:?}"));
    }
}

/// Asserts `hex` is 64 lower-case (or upper-case) hex digits.
pub fn assert_hex64(hex: &str, upper: bool, what: &str) {
    assert_eq!(hex.len(), 64, "{what}: {hex:?} is not 64 characters");
    let ok = hex
        .bytes()
        .all(|b| b.is_ascii_digit() || if upper { (b'A'..=b'F').contains(&b) } else { (b'a'..=b'f').contains(&b) });
    assert!(ok, "{what}: {hex:?} is not {} hex", if upper { "upper-case" } else { "lower-case" });
}
