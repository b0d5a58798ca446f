//! The four checksum schemes as one table, and the one engine that walks it.
//!
//! A checksum is SHA-256 over the UTF-8 bytes of a plain concatenation, no separators: a prefix
//! (the secret key, or a literal) followed by the scheme's fields in order. Adding a scheme is
//! one entry in [`SCHEMES`].

use std::borrow::Cow;
use std::fmt;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::{Error, ErrorCode};
use crate::said::{kind_of, Arg, Phrase, Said};

/// What comes before the fields in a pre-image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prefix {
    /// The unit's secret key (requests the unit sends).
    SecretKey,
    /// A fixed text (the gateway's payment result: `PAYHCM1.0`).
    Literal(&'static str),
}

/// One checksum scheme: the message it signs and the order of its pre-image.
#[derive(Debug, PartialEq, Eq)]
pub struct Scheme {
    /// Stable id: `paygate`, `result`, `refund`, `lookup`.
    pub id: &'static str,
    /// The message it signs, in English.
    pub message: &'static str,
    /// HTTP method that carries the message.
    pub method: &'static str,
    /// Gateway path, or `None` for the result the gateway sends to the unit's `returnUrl`.
    pub path: Option<&'static str>,
    /// What comes first in the pre-image.
    pub prefix: Prefix,
    /// The message fields in pre-image order.
    pub fields: &'static [&'static str],
    /// Other names seen in the wild for a field: `(alias, field)`. Accepted with a warning.
    pub aliases: &'static [(&'static str, &'static str)],
}

/// The literal that starts every `result` pre-image.
pub const RESULT_PREFIX: &str = "PAYHCM1.0";

/// The scheme table.
pub static SCHEMES: &[Scheme] = &[
    Scheme {
        id: "paygate",
        message: "Payment request",
        method: "POST",
        path: Some("/paygate"),
        prefix: Prefix::SecretKey,
        fields: &[
            "partnerCode",
            "accessKey",
            "orderId",
            "orderInfo",
            "requestCode",
            "amount",
            "serviceCode",
            "returnUrl",
            "ipAddress",
            "accountCode",
        ],
        aliases: &[],
    },
    Scheme {
        id: "result",
        message: "Payment result (sent by the gateway to returnUrl)",
        method: "PUT",
        path: None,
        prefix: Prefix::Literal(RESULT_PREFIX),
        fields: &["paygate", "orderId", "amount", "payDate", "type", "orderInfo", "payTransId", "errorCode"],
        // The guide's result example names the checksum `check-sum`, its table `checksum`.
        aliases: &[("check-sum", "checksum")],
    },
    Scheme {
        id: "refund",
        message: "Refund request",
        method: "POST",
        path: Some("/refund"),
        prefix: Prefix::SecretKey,
        fields: &[
            "partnerCode",
            "accessKey",
            "transactionNo",
            "orderId",
            "requestCode",
            "amount",
            "transactionType",
            "orderInfo",
        ],
        aliases: &[],
    },
    Scheme {
        id: "lookup",
        message: "Transaction lookup",
        method: "POST",
        path: Some("/GetOrderInfo"),
        prefix: Prefix::SecretKey,
        fields: &["partnerCode", "accessKey", "transactionNo", "orderId"],
        // The guide's lookup table names the transaction `transactionNo`, its example `payTransId`.
        aliases: &[("payTransId", "transactionNo")],
    },
];

/// The scheme with this id, or `UNKNOWN_SCHEME`.
pub fn scheme(id: &str) -> Result<&'static Scheme, Error> {
    SCHEMES.iter().find(|s| s.id == id).ok_or_else(|| {
        let mut ids = String::new();
        for s in SCHEMES {
            crate::text::push_item(&mut ids, s.id);
        }
        let said = Said::new(Phrase::UnknownScheme).quoted("value", id).name("expected", &ids);
        Error::at(ErrorCode::UnknownScheme, "scheme", said)
    })
}

/// The scheme whose message `message` most likely is, judged by its keys: each key the scheme
/// knows counts for, each it lacks or does not know counts against. `None` when fewer than two
/// keys match any scheme.
pub fn detect_scheme(message: &Map<String, Value>) -> Option<&'static str> {
    // The first of the best-scoring schemes, by plain loops (each iterator chain here would be
    // code of its own in the WebAssembly core).
    let mut best: Option<(i64, &'static str)> = None;
    for s in SCHEMES {
        let matched = message.keys().filter(|k| s.knows(k)).count();
        let extra = message.len() - matched;
        let mut missing = usize::from(!message.contains_key("checksum"));
        for f in s.fields {
            missing += usize::from(!message.contains_key(*f));
        }
        let score = 2 * matched as i64 - extra as i64 - missing as i64;
        if matched >= 2 && best.is_none_or(|(top, _)| score > top) {
            best = Some((score, s.id));
        }
    }
    best.map(|(_, id)| id)
}

/// Where a segment's bytes come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum SegmentSource {
    /// The secret key.
    Secret,
    /// The scheme's literal prefix.
    Literal,
    /// A message field.
    Field,
}

/// One piece of a pre-image: which field, its text, and where its bytes sit.
#[derive(Clone, PartialEq, Eq)]
pub struct Segment {
    /// `secretKey`, `prefix`, or the field name.
    pub name: &'static str,
    /// Where the bytes come from.
    pub source: SegmentSource,
    /// The text hashed for it (a secret for [`SegmentSource::Secret`]).
    pub text: String,
    /// Byte offset in the pre-image.
    pub offset: usize,
    /// Byte length.
    pub length: usize,
}

impl fmt::Debug for Segment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text: &dyn fmt::Debug = if self.source == SegmentSource::Secret { &"[REDACTED]" } else { &self.text };
        f.debug_struct("Segment")
            .field("name", &self.name)
            .field("source", &self.source)
            .field("text", text)
            .field("offset", &self.offset)
            .field("length", &self.length)
            .finish()
    }
}

/// A pre-image: its segments in order and the bytes they make.
#[derive(Clone, PartialEq, Eq)]
pub struct Preimage {
    /// The scheme it was built for.
    pub scheme: &'static Scheme,
    /// The segments in order.
    pub segments: Vec<Segment>,
    text: String,
}

impl fmt::Debug for Preimage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Preimage")
            .field("scheme", &self.scheme.id)
            .field("segments", &self.segments)
            .field("text", &self.masked())
            .finish()
    }
}

impl Preimage {
    /// The exact pre-image text, secret included.
    pub fn revealed(&self) -> &str {
        &self.text
    }

    /// The pre-image with each byte of the secret shown as `*`, so offsets stay right.
    pub fn masked(&self) -> String {
        let mut out = String::with_capacity(self.text.len());
        for seg in &self.segments {
            if seg.source == SegmentSource::Secret {
                out.extend(std::iter::repeat_n('*', seg.length));
            } else {
                out.push_str(&seg.text);
            }
        }
        out
    }

    /// The pre-image, masked unless `reveal_secret`.
    pub fn text(&self, reveal_secret: bool) -> Cow<'_, str> {
        if reveal_secret {
            Cow::Borrowed(&self.text)
        } else {
            Cow::Owned(self.masked())
        }
    }

    /// SHA-256 of the pre-image bytes.
    pub fn digest(&self) -> [u8; 32] {
        lgsp_paygate_hash::digest_bytes(self.text.as_bytes())
    }
}

/// The text a field value contributes: a string exactly as given, an integer as its base-10
/// digits. Anything else is `INVALID_FIELD` naming the field.
pub fn field_text<'a>(name: &str, value: &'a Value) -> Result<Cow<'a, str>, Error> {
    match value {
        Value::String(s) => Ok(Cow::Borrowed(s)),
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                Ok(Cow::Owned(u.to_string()))
            } else if let Some(i) = n.as_i64() {
                Ok(Cow::Owned(i.to_string()))
            } else {
                let said = Said::new(Phrase::StringOrIntegerNotInteger).name("field", name);
                Err(Error::at(ErrorCode::InvalidField, name, said.with("value", Arg::Number(n.clone()))))
            }
        }
        other => {
            let said = Said::new(Phrase::StringOrInteger).name("field", name).word("got", kind_of(other));
            Err(Error::at(ErrorCode::InvalidField, name, said))
        }
    }
}

/// `value` as an object, or `INVALID_ARGUMENT` naming `what`.
pub fn as_object<'a>(value: &'a Value, what: &str) -> Result<&'a Map<String, Value>, Error> {
    value.as_object().ok_or_else(|| {
        Error::at(
            ErrorCode::InvalidArgument,
            what,
            Said::new(Phrase::NotAnObjectArgument).name("path", what).word("got", kind_of(value)),
        )
    })
}

impl Scheme {
    /// Whether the pre-image starts with the secret key.
    pub fn needs_secret(&self) -> bool {
        self.prefix == Prefix::SecretKey
    }

    /// The message fields: the pre-image fields, then `checksum`.
    pub fn message_fields(&self) -> impl Iterator<Item = &'static str> {
        self.fields.iter().copied().chain(std::iter::once("checksum"))
    }

    /// Whether a message of this scheme reads `key`: one of its fields, `checksum`, an alias.
    pub fn knows(&self, key: &str) -> bool {
        key == "checksum" || self.fields.contains(&key) || self.aliases.iter().any(|(a, _)| *a == key)
    }

    /// Every key a message of this scheme is read by: its fields, `checksum`, and the aliases.
    pub fn known_keys(&self) -> impl Iterator<Item = &'static str> {
        self.message_fields().chain(self.aliases.iter().map(|(alias, _)| *alias))
    }

    /// Build the pre-image of `fields` (keys as on the wire; other keys are ignored).
    ///
    /// Every missing field is named in one `MISSING_FIELD` error; a missing secret for a
    /// secret-prefixed scheme is `MISSING_SECRET`. An empty secret is a secret.
    pub fn preimage(&'static self, fields: &Map<String, Value>, secret: Option<&str>) -> Result<Preimage, Error> {
        let is_missing = |f: &str| !fields.contains_key(f);
        if let Some(first) = self.fields.iter().find(|f| is_missing(f)) {
            let mut missing = String::new();
            for f in self.fields.iter().filter(|f| is_missing(f)) {
                crate::text::push_item(&mut missing, f);
            }
            let given = self
                .aliases
                .iter()
                .find(|(alias, canon)| self.fields.contains(canon) && is_missing(canon) && fields.contains_key(*alias));
            let phrase = if given.is_some() { Phrase::MissingFieldsAlias } else { Phrase::MissingFields };
            let mut said = Said::new(phrase).name("scheme", self.id).name("fields", &missing);
            if let Some((alias, canonical)) = given {
                said = said.name("alias", alias).name("canonical", canonical);
            }
            return Err(Error::at(ErrorCode::MissingField, *first, said));
        }
        let prefix = self.prefix_part(secret)?;
        self.assemble(Some(prefix), fields)
    }

    /// What starts this scheme's pre-image: the secret (`MISSING_SECRET` without one) or the literal.
    pub fn prefix_part<'a>(&self, secret: Option<&'a str>) -> Result<PrefixPart<'a>, Error> {
        match self.prefix {
            Prefix::SecretKey => secret.map(PrefixPart::secret).ok_or_else(|| {
                Error::at(
                    ErrorCode::MissingSecret,
                    "secretKey",
                    Said::new(Phrase::MissingSecret).name("scheme", self.id),
                )
            }),
            Prefix::Literal(lit) => Ok(PrefixPart { name: "prefix", source: SegmentSource::Literal, text: lit }),
        }
    }

    /// The pre-image of `prefix` (or none) followed by the fields in order. The one place where
    /// pre-image bytes are put together; [`Scheme::preimage`] and the diagnosis both use it.
    pub fn assemble(
        &'static self,
        prefix: Option<PrefixPart<'_>>,
        fields: &Map<String, Value>,
    ) -> Result<Preimage, Error> {
        let mut segments = Vec::with_capacity(self.fields.len() + 1);
        let mut text = String::new();
        let mut push = |name: &'static str, source: SegmentSource, piece: &str| {
            segments.push(Segment { name, source, text: piece.to_owned(), offset: text.len(), length: piece.len() });
            text.push_str(piece);
        };
        if let Some(p) = prefix {
            push(p.name, p.source, p.text);
        }
        for name in self.fields {
            let value = fields.get(*name).ok_or_else(|| {
                let said = Said::new(Phrase::MissingFieldForScheme).name("scheme", self.id).name("field", name);
                Error::at(ErrorCode::MissingField, *name, said)
            })?;
            push(name, SegmentSource::Field, &field_text(name, value)?);
        }
        Ok(Preimage { scheme: self, segments, text })
    }
}

/// The first segment of a pre-image: a secret or a literal.
#[derive(Clone, Copy)]
pub struct PrefixPart<'a> {
    /// `secretKey` or `prefix`.
    pub name: &'static str,
    /// Secret or literal.
    pub source: SegmentSource,
    /// Its text.
    pub text: &'a str,
}

impl<'a> PrefixPart<'a> {
    /// A secret-key prefix.
    pub fn secret(text: &'a str) -> Self {
        PrefixPart { name: "secretKey", source: SegmentSource::Secret, text }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn ids_are_unique_and_found() {
        for (i, s) in SCHEMES.iter().enumerate() {
            assert!(SCHEMES[i + 1..].iter().all(|t| t.id != s.id));
            assert_eq!(scheme(s.id).map(|t| t.id), Ok(s.id));
        }
    }

    #[test]
    fn unknown_scheme_is_named() {
        let err = scheme("payment").unwrap_err();
        assert_eq!(err.code, ErrorCode::UnknownScheme);
        assert!(err.message().contains("\"payment\""), "{}", err.message());
    }

    #[test]
    fn detects_schemes_by_their_keys() {
        let keys = |ks: &[&str]| ks.iter().map(|k| ((*k).to_owned(), Value::Null)).collect::<Map<_, _>>();
        for s in SCHEMES {
            assert_eq!(detect_scheme(&keys(&s.message_fields().collect::<Vec<_>>())), Some(s.id));
        }
        assert_eq!(detect_scheme(&keys(&["partnerCode", "accessKey", "payTransId", "orderId"])), Some("lookup"));
        assert_eq!(
            detect_scheme(&keys(&[
                "amount",
                "orderId",
                "orderInfo",
                "payTransId",
                " payDate",
                "paygate",
                "errorCode",
                "type"
            ])),
            Some("result")
        );
        assert_eq!(detect_scheme(&keys(&["foo", "orderId"])), None);
    }

    #[test]
    fn segments_tile_the_preimage() {
        let s = scheme("lookup").unwrap();
        let f = obj(json!({"partnerCode": "P", "accessKey": "ắ", "transactionNo": 12, "orderId": "O"}));
        let p = s.preimage(&f, Some("sk")).unwrap();
        assert_eq!(p.revealed(), "skPắ12O");
        let mut next = 0;
        for seg in &p.segments {
            assert_eq!(seg.offset, next);
            assert_eq!(&p.revealed()[seg.offset..seg.offset + seg.length], seg.text);
            next += seg.length;
        }
        assert_eq!(next, p.revealed().len());
        assert_eq!(p.masked(), "**Pắ12O");
    }

    #[test]
    fn missing_fields_are_all_named() {
        let s = scheme("lookup").unwrap();
        let err = s.preimage(&obj(json!({"partnerCode": "P"})), Some("k")).unwrap_err();
        assert_eq!(err.code, ErrorCode::MissingField);
        assert!(err.message().contains("accessKey, transactionNo, orderId"), "{}", err.message());
    }

    #[test]
    fn alias_is_pointed_out_not_used() {
        let s = scheme("lookup").unwrap();
        let f = obj(json!({"partnerCode": "P", "accessKey": "A", "payTransId": "1", "orderId": "O"}));
        let err = s.preimage(&f, Some("k")).unwrap_err();
        assert!(err.message().contains("payTransId was given"), "{}", err.message());
    }

    #[test]
    fn secret_is_required_only_for_secret_schemes() {
        let lookup = scheme("lookup").unwrap();
        let f = obj(json!({"partnerCode": "P", "accessKey": "A", "transactionNo": "1", "orderId": "O"}));
        assert_eq!(lookup.preimage(&f, None).unwrap_err().code, ErrorCode::MissingSecret);
        assert_eq!(lookup.preimage(&f, Some("")).unwrap().revealed(), "PA1O");
    }

    #[test]
    fn non_scalar_values_are_rejected_by_name() {
        for bad in [json!(1.5), json!(true), json!(null), json!([1]), json!({})] {
            let err = field_text("amount", &bad).unwrap_err();
            assert_eq!(err.code, ErrorCode::InvalidField);
            assert_eq!(err.path.as_deref(), Some("amount"));
        }
        assert_eq!(field_text("amount", &json!(-5)).unwrap(), "-5");
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let s = scheme("lookup").unwrap();
        let f = obj(json!({"partnerCode": "P", "accessKey": "A", "transactionNo": "1", "orderId": "O"}));
        let p = s.preimage(&f, Some("hunter2-secret")).unwrap();
        assert!(!format!("{p:?}").contains("hunter2"));
    }
}
