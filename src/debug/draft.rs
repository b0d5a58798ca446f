//! A draft of a pre-image and the edits a mistake makes to it: a value rewritten, the fields
//! reordered or joined otherwise, the prefix moved or altered, JSON or HMAC instead of the plain
//! concatenation. [`Draft::bytes`] writes out what the sender would have hashed.

use crate::debug::fixes::Fix;
use crate::debug::url_encoding::UrlEncoder;
use crate::diagnose::{Change, FindingCode, Sentence};
use crate::scheme::Scheme;
use crate::text::{to_nfc, to_nfd};
/// A rewrite of one text value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transform {
    /// Surrounding white space removed.
    Trim,
    /// Unicode NFC.
    Nfc,
    /// Unicode NFD.
    Nfd,
    /// ASCII upper case.
    Upper,
    /// ASCII lower case.
    Lower,
    /// Accents stripped, Đ read as D.
    StripAccents,
    /// Every non-ASCII character replaced by `?`.
    Question,
    /// URL-encoded as this call does it.
    Url(&'static UrlEncoder),
    /// A given text.
    Set(String),
}

impl Transform {
    /// The value rewritten.
    pub fn apply(&self, s: &str) -> String {
        match self {
            Transform::Trim => s.trim().to_owned(),
            Transform::Nfc => to_nfc(s),
            Transform::Nfd => to_nfd(s),
            Transform::Upper => s.to_ascii_uppercase(),
            Transform::Lower => s.to_ascii_lowercase(),
            Transform::StripAccents | Transform::Question if s.is_ascii() => s.to_owned(),
            Transform::StripAccents => {
                let mut out = String::new();
                for c in to_nfd(s).chars() {
                    match c {
                        'Đ' | 'Ð' => out.push('D'),
                        'đ' => out.push('d'),
                        c if !crate::text::is_mark(c) => out.push(c),
                        _ => {}
                    }
                }
                out
            }
            Transform::Question => {
                let mut out = String::new();
                for c in s.chars() {
                    out.push(if c.is_ascii() { c } else { '?' });
                }
                out
            }
            Transform::Url(encoder) => encoder.encode(s),
            Transform::Set(t) => t.clone(),
        }
    }
}

/// How the pieces of a pre-image are joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Join {
    /// Nothing between them (the gateway's way).
    Concat,
    /// A separator between every piece, the secret included.
    Sep(&'static str),
    /// `name=value` pairs joined by `&`, after the prefix.
    KeyValue,
}

/// Bytes that may be the secret key: `Debug` prints `[REDACTED]`.
#[derive(Clone, PartialEq, Eq)]
pub struct Hidden(pub Vec<u8>);

impl std::fmt::Debug for Hidden {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[REDACTED]")
    }
}

/// One edit to a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// One field's text rewritten.
    Field(&'static str, Transform),
    /// Every field's text rewritten.
    AllFields(Transform),
    /// A field left out.
    Remove(&'static str),
    /// The fields at `i` and `i + 1` swapped.
    Swap(usize),
    /// Exactly these fields, in this order.
    Order(Vec<&'static str>),
    /// Another prefix (bytes), or none.
    Prefix(Option<Hidden>),
    /// The prefix after the fields.
    PrefixAtEnd,
    /// Another way of joining.
    Join(Join),
    /// The JSON body hashed instead of the concatenation.
    Json,
    /// HMAC keyed with the secret; the data holds the secret too when `true`.
    Hmac(bool),
    /// Another scheme's fields and prefix.
    Scheme(&'static Scheme),
}

/// Parts of a draft an edit touches: two mistakes that touch the same part do not compose.
pub mod part {
    /// The prefix (secret or literal).
    pub const PREFIX: u16 = 1;
    /// The order and set of fields.
    pub const ORDER: u16 = 2;
    /// The joining.
    pub const JOIN: u16 = 4;
    /// HMAC.
    pub const HMAC: u16 = 8;
    /// The scheme.
    pub const SCHEME: u16 = 16;
    /// Field texts (rewrites of different fields compose).
    pub const TEXT: u16 = 0;
}

/// One mistake: its code, its edits, and what it says.
#[derive(Debug, Clone)]
pub struct Mistake {
    /// The kind of mistake.
    pub code: FindingCode,
    /// What it does to the draft.
    pub edits: Vec<Edit>,
    /// The parts it touches ([`part`]).
    pub parts: u16,
    /// The mistake in a sentence.
    pub description: Sentence,
    /// The values that differ.
    pub changes: Vec<Change>,
    /// What to change, when the mistake says more than its code (else the code's fix).
    pub fix: Option<Fix>,
}

/// A pre-image under construction.
#[derive(Clone)]
pub struct Draft {
    /// The scheme whose order it follows.
    pub scheme: &'static Scheme,
    /// The prefix's bytes, or none.
    pub prefix: Option<Vec<u8>>,
    /// The prefix is the secret key (the HMAC key).
    pub prefix_is_secret: bool,
    /// The prefix comes after the fields.
    pub prefix_at_end: bool,
    /// The fields in order, with their texts.
    pub fields: Vec<(&'static str, String)>,
    /// How pieces are joined.
    pub join: Join,
    /// The JSON body hashed instead.
    pub json: bool,
    /// HMAC keyed with the secret (data with the secret when `true`).
    pub hmac: Option<bool>,
}

impl std::fmt::Debug for Draft {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Draft").field("scheme", &self.scheme.id).field("fields", &self.fields).finish_non_exhaustive()
    }
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// The fields of `from` named in `names`, in that order.
fn pick(names: &[&'static str], from: &[(&'static str, String)]) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for name in names {
        out.extend(from.iter().find(|(n, _)| n == name).cloned());
    }
    out
}

impl Draft {
    /// Apply one edit; `all` holds every field text of the message, for another scheme's order.
    pub fn apply(&mut self, edit: &Edit, all: &[(&'static str, String)], secret: Option<&str>) {
        match edit {
            Edit::Field(name, t) => {
                if let Some((_, v)) = self.fields.iter_mut().find(|(n, _)| n == name) {
                    *v = t.apply(v);
                }
            }
            Edit::AllFields(t) => {
                for (_, v) in &mut self.fields {
                    *v = t.apply(v);
                }
            }
            Edit::Remove(name) => {
                // A draft names each field once.
                if let Some(i) = self.fields.iter().position(|(n, _)| n == name) {
                    self.fields.remove(i);
                }
            }
            Edit::Swap(i) => {
                if i + 1 < self.fields.len() {
                    self.fields.swap(*i, i + 1);
                }
            }
            Edit::Order(names) => self.fields = pick(names, &self.fields),
            Edit::Prefix(p) => self.prefix = p.as_ref().map(|h| h.0.clone()),
            Edit::PrefixAtEnd => self.prefix_at_end = true,
            Edit::Join(j) => self.join = *j,
            Edit::Json => self.json = true,
            Edit::Hmac(with_secret) => self.hmac = Some(*with_secret),
            Edit::Scheme(other) => {
                self.scheme = other;
                self.fields = pick(other.fields, all);
                self.prefix = other.prefix_part(secret).ok().map(|p| p.text.as_bytes().to_vec());
                self.prefix_is_secret = other.needs_secret();
            }
        }
    }

    /// The bytes hashed, and the HMAC key when there is one. `numeric` names the fields the
    /// message gives as numbers (written bare in JSON).
    pub fn bytes(&self, numeric: &[&str], out: &mut Vec<u8>) -> Option<Vec<u8>> {
        out.clear();
        let key = match self.hmac {
            Some(_) if self.prefix_is_secret => Some(self.prefix.clone().unwrap_or_default()),
            _ => None,
        };
        let prefix = match (self.hmac, &self.prefix) {
            (Some(false), _) if key.is_some() => None,
            (_, p) => p.as_deref(),
        };
        let (lead, tail) = if self.prefix_at_end { (None, prefix) } else { (prefix, None) };
        // A separator goes between every two pieces, the prefix included; JSON and `name=value`
        // pairs have their own.
        let sep = match self.join {
            Join::Sep(sep) if !self.json => sep.as_bytes(),
            _ => b"",
        };
        if let Some(p) = lead {
            out.extend_from_slice(p);
        }
        if self.json {
            out.push(b'{');
        }
        for (i, (n, v)) in self.fields.iter().enumerate() {
            if i > 0 || lead.is_some() {
                out.extend_from_slice(sep);
            }
            if self.json {
                if i > 0 {
                    out.push(b',');
                }
                let bare = numeric.contains(n) && v.parse::<i64>().is_ok_and(|i| i.to_string() == *v);
                out.extend_from_slice(json_string(n).as_bytes());
                out.push(b':');
                out.extend_from_slice(if bare { v.clone() } else { json_string(v) }.as_bytes());
                continue;
            }
            if self.join == Join::KeyValue {
                if i > 0 {
                    out.push(b'&');
                }
                out.extend_from_slice(n.as_bytes());
                out.push(b'=');
            }
            out.extend_from_slice(v.as_bytes());
        }
        if self.json {
            out.push(b'}');
        }
        if let Some(p) = tail {
            if !self.fields.is_empty() {
                out.extend_from_slice(sep);
            }
            out.extend_from_slice(p);
        }
        key
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transforms() {
        assert_eq!(Transform::StripAccents.apply("Đơn hàng điện"), "Don hang dien");
        assert_eq!(Transform::Question.apply("Điện 1"), "?i?n 1");
        let java = crate::debug::url_encoding::URL_ENCODERS.iter().find(|e| e.call.starts_with("URLEncoder")).unwrap();
        assert_eq!(Transform::Url(java).apply("a b&c=đ*~"), "a+b%26c%3D%C4%91*%7E");
    }
}
