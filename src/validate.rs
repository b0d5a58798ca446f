//! Validation of messages against the scheme and field tables. Every problem is returned at
//! once, as data: errors (the message is wrong) apart from warnings (it will be accepted but
//! probably not as meant, usually because the checksum hashes it exactly as written).

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

use crate::error::Error;
use crate::fields::{field, FieldKind};
use crate::rules;
use crate::said::{kind_of, value_arg, Arg, Phrase, Said};
use crate::scheme::{scheme, Scheme};
use crate::text;

/// Largest amount a JavaScript number holds exactly: 2^53 − 1.
pub const MAX_SAFE_AMOUNT: u64 = 9_007_199_254_740_991;

/// Stable codes of validation problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemCode {
    /// The message is not a JSON object.
    NotAnObject,
    /// A required field is absent.
    MissingField,
    /// The secret key a secret-prefixed scheme starts with was not given.
    MissingSecret,
    /// A field has the wrong JSON type.
    WrongType,
    /// A required field is an empty string.
    EmptyValue,
    /// `amount` has a fractional part or is written as a decimal.
    AmountNotInteger,
    /// `amount` is zero or negative.
    AmountNotPositive,
    /// `amount` is above 2^53 − 1.
    AmountTooLarge,
    /// `returnUrl` is not an absolute http(s) URL.
    InvalidUrl,
    /// `ipAddress` is not an IPv4 or IPv6 address.
    InvalidIpAddress,
    /// `payDate` is not a real `yyyyMMddHHmmss` time.
    InvalidPayDate,
    /// `type` is neither `Pay` nor `Refund` in any casing.
    InvalidType,
    /// `type` is `Pay`/`Refund` in another casing (warning).
    TypeCasing,
    /// `transactionType` is not `02` (warning).
    UndocumentedTransactionType,
    /// `checksum` is not 64 hex digits.
    InvalidChecksum,
    /// The checksum does not match the message.
    ChecksumMismatch,
    /// Leading or trailing white space (warning).
    Whitespace,
    /// A control character (warning).
    ControlCharacter,
    /// A zero-width or other invisible character (warning).
    InvisibleCharacter,
    /// Text not in Unicode NFC (warning).
    NotNfc,
    /// Typographic quotes, which word processors put in place of `"` and `'` (warning).
    SmartQuotes,
    /// A key that is not part of the message (warning; an error in builders).
    UnknownKey,
    /// A field given under another name (warning).
    Alias,
    /// A field given under both its names, with different values (error).
    AliasConflict,
    /// A field the builder fills itself was given (error).
    NotAllowed,
    /// A gateway error code the guide does not list, or not for that endpoint (warning).
    UnknownCode,
    /// A payment result and the gateway's record disagree.
    Mismatch,
    /// The payment did not succeed (errorCode is not `00`).
    NotPaid,
    /// The gateway records the transaction as refunded.
    Refunded,
    /// The gateway's record is not a payment: its `type` is not `Pay` (other, empty or missing).
    NotAPayment,
}

impl ProblemCode {
    /// The code as JavaScript sees it, e.g. `MISSING_FIELD`. (Written out rather than derived:
    /// serde's derived enum serializer is compiled once per serializer, and this one string
    /// serves them all.)
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemCode::NotAnObject => "NOT_AN_OBJECT",
            ProblemCode::MissingField => "MISSING_FIELD",
            ProblemCode::MissingSecret => "MISSING_SECRET",
            ProblemCode::WrongType => "WRONG_TYPE",
            ProblemCode::EmptyValue => "EMPTY_VALUE",
            ProblemCode::AmountNotInteger => "AMOUNT_NOT_INTEGER",
            ProblemCode::AmountNotPositive => "AMOUNT_NOT_POSITIVE",
            ProblemCode::AmountTooLarge => "AMOUNT_TOO_LARGE",
            ProblemCode::InvalidUrl => "INVALID_URL",
            ProblemCode::InvalidIpAddress => "INVALID_IP_ADDRESS",
            ProblemCode::InvalidPayDate => "INVALID_PAY_DATE",
            ProblemCode::InvalidType => "INVALID_TYPE",
            ProblemCode::TypeCasing => "TYPE_CASING",
            ProblemCode::UndocumentedTransactionType => "UNDOCUMENTED_TRANSACTION_TYPE",
            ProblemCode::InvalidChecksum => "INVALID_CHECKSUM",
            ProblemCode::ChecksumMismatch => "CHECKSUM_MISMATCH",
            ProblemCode::Whitespace => "WHITESPACE",
            ProblemCode::ControlCharacter => "CONTROL_CHARACTER",
            ProblemCode::InvisibleCharacter => "INVISIBLE_CHARACTER",
            ProblemCode::NotNfc => "NOT_NFC",
            ProblemCode::SmartQuotes => "SMART_QUOTES",
            ProblemCode::UnknownKey => "UNKNOWN_KEY",
            ProblemCode::Alias => "ALIAS",
            ProblemCode::AliasConflict => "ALIAS_CONFLICT",
            ProblemCode::NotAllowed => "NOT_ALLOWED",
            ProblemCode::UnknownCode => "UNKNOWN_CODE",
            ProblemCode::Mismatch => "MISMATCH",
            ProblemCode::NotPaid => "NOT_PAID",
            ProblemCode::Refunded => "REFUNDED",
            ProblemCode::NotAPayment => "NOT_A_PAYMENT",
        }
    }
}

impl Serialize for ProblemCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// One problem: where, what, and what was said about it. JavaScript sees
/// `{path, code, message, params, text}`: `message` is the English sentence, `params` its values,
/// `text` the sentence in English and Vietnamese.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// The field (or key) at fault; empty for the message itself.
    pub path: String,
    /// Stable code.
    pub code: ProblemCode,
    /// What is wrong, with its values.
    pub said: Said,
}

impl Problem {
    /// A problem at `path`.
    pub fn new(path: &str, code: ProblemCode, said: Said) -> Self {
        Problem { path: path.to_owned(), code, said }
    }

    /// What is wrong, in a short English sentence.
    pub fn message(&self) -> String {
        self.said.en()
    }
}

impl Serialize for Problem {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Problem", 5)?;
        s.serialize_field("path", &self.path)?;
        s.serialize_field("code", &self.code)?;
        self.said.serialize_fields(&mut s)?;
        s.end()
    }
}

/// The outcome of validating one message.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct ValidationReport {
    /// No errors (warnings allowed).
    pub valid: bool,
    /// What makes the message wrong.
    pub errors: Vec<Problem>,
    /// What will be hashed or read other than as probably meant.
    pub warnings: Vec<Problem>,
}

impl ValidationReport {
    /// Record an error.
    pub fn error(&mut self, path: &str, code: ProblemCode, said: Said) {
        self.errors.push(Problem::new(path, code, said));
        self.valid = false;
    }

    /// Record a warning.
    pub fn warn(&mut self, path: &str, code: ProblemCode, said: Said) {
        self.warnings.push(Problem::new(path, code, said));
    }

    /// Record a warning about field `name` that says only its name.
    fn warn_field(&mut self, name: &str, code: ProblemCode, phrase: Phrase) {
        self.warn(name, code, Said::new(phrase).name("field", name));
    }

    fn new() -> Self {
        ValidationReport { valid: true, errors: Vec::new(), warnings: Vec::new() }
    }
}

/// A validated message: the report, and the message with aliases renamed to the table's names.
pub(crate) struct Checked {
    pub report: ValidationReport,
    pub canonical: Map<String, Value>,
}

/// Validate `message` (a JSON object) as a message of scheme `scheme_id`.
pub fn validate(scheme_id: &str, message: &Value) -> Result<ValidationReport, Error> {
    let s = scheme(scheme_id)?;
    Ok(match message.as_object() {
        Some(m) => check_message(s, m, true).report,
        None => {
            let mut r = ValidationReport::new();
            r.error("", ProblemCode::NotAnObject, Said::new(Phrase::NotAnObject).word("got", kind_of(message)));
            r
        }
    })
}

/// Validate the fields of a scheme's message; `checksum` is required when `require_checksum`.
pub(crate) fn check_message(s: &Scheme, msg: &Map<String, Value>, require_checksum: bool) -> Checked {
    let mut r = ValidationReport::new();
    // The canonical message is built member by member, an alias read under its field's name
    // (and dropped when the field is there too): never by removing from a copy, which would
    // link the B-tree's removal and rebalancing (about 2 KB of the gzipped WebAssembly core)
    // for one key.
    let mut canonical = Map::new();
    for (key, value) in msg {
        let name = match s.aliases.iter().find(|(alias, _)| alias == key) {
            Some((_, canon)) if msg.contains_key(*canon) => continue,
            Some((_, canon)) => canon,
            None => key.as_str(),
        };
        canonical.insert(name.to_owned(), value.clone());
    }
    for (alias, canon) in s.aliases {
        let Some(value) = msg.get(*alias) else { continue };
        if let Some(given) = msg.get(*canon) {
            // Both names, as a sender that serves either reading writes them: one value is fine.
            if given != value {
                r.error(
                    alias,
                    ProblemCode::AliasConflict,
                    Said::new(Phrase::AliasConflict)
                        .name("alias", alias)
                        .with("value", value_arg(Some(value)))
                        .name("canonical", canon)
                        .with("other", value_arg(Some(given))),
                );
            }
        } else {
            r.warn(
                alias,
                ProblemCode::Alias,
                Said::new(Phrase::AliasRead).name("alias", alias).name("canonical", canon),
            );
        }
    }
    for key in msg.keys() {
        if !s.knows(key) {
            r.warn(key, ProblemCode::UnknownKey, Said::new(Phrase::NotAField).quoted("key", key).name("scheme", s.id));
        }
    }
    for name in s.message_fields() {
        match canonical.get(name) {
            None if name == "checksum" && !require_checksum => {}
            None => r.error(name, ProblemCode::MissingField, Said::new(Phrase::Required).name("field", name)),
            Some(value) => {
                let kind = field(name).map_or(FieldKind::Text, |f| f.kind);
                check_value(&mut r, name, kind, value);
            }
        }
    }
    Checked { report: r, canonical }
}

pub(crate) use crate::said::quoted;

/// The path of `key` inside `path` (`order.amount`; just `amount` at the top).
pub(crate) fn join_path(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn check_value(r: &mut ValidationReport, name: &str, kind: FieldKind, value: &Value) {
    if kind == FieldKind::Amount {
        return check_amount(r, name, value);
    }
    let said = |phrase| Said::new(phrase).name("field", name);
    let Value::String(s) = value else {
        return r.error(name, ProblemCode::WrongType, said(Phrase::MustBeString).word("got", kind_of(value)));
    };
    if s.is_empty() {
        return r.error(name, ProblemCode::EmptyValue, said(Phrase::EmptyValue));
    }
    check_text(r, name, s);
    let t = s.trim();
    let (code, phrase) = match kind {
        FieldKind::ReturnUrl if !rules::is_http_url(t) => (ProblemCode::InvalidUrl, Phrase::InvalidUrl),
        FieldKind::IpAddress if !rules::is_ip_address(t) => (ProblemCode::InvalidIpAddress, Phrase::InvalidIpAddress),
        FieldKind::PayDate if !rules::is_pay_date(t) => (ProblemCode::InvalidPayDate, Phrase::InvalidPayDate),
        FieldKind::PayType => match rules::pay_type(t) {
            Some(exact) if exact == t => return,
            Some(exact) => {
                let casing = said(Phrase::TypeCasing).quoted("value", t).quoted("expected", exact);
                return r.warn(name, ProblemCode::TypeCasing, casing);
            }
            None => (ProblemCode::InvalidType, Phrase::InvalidType),
        },
        FieldKind::TransactionType if t != "02" => {
            let undocumented = said(Phrase::UndocumentedTransactionType).quoted("value", s);
            return r.warn(name, ProblemCode::UndocumentedTransactionType, undocumented);
        }
        FieldKind::Checksum if !(t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit())) => {
            let count = said(Phrase::InvalidChecksum).number("count", s.chars().count());
            return r.error(name, ProblemCode::InvalidChecksum, count);
        }
        _ => return,
    };
    r.error(name, code, said(phrase).quoted("value", s));
}

/// Warnings for text that changes a pre-image invisibly.
pub(crate) fn check_text(r: &mut ValidationReport, name: &str, s: &str) {
    if text::has_edge_whitespace(s) {
        r.warn_field(name, ProblemCode::Whitespace, Phrase::Whitespace);
    }
    if text::has_control(s) {
        r.warn_field(name, ProblemCode::ControlCharacter, Phrase::ControlCharacter);
    }
    if text::has_invisible(s) {
        r.warn_field(name, ProblemCode::InvisibleCharacter, Phrase::InvisibleCharacter);
    }
    if text::has_smart_quotes(s) {
        r.warn_field(name, ProblemCode::SmartQuotes, Phrase::SmartQuotes);
    }
    if !text::is_nfc(s) {
        r.warn_field(name, ProblemCode::NotNfc, Phrase::NotNfc);
    }
}

fn check_amount(r: &mut ValidationReport, name: &str, value: &Value) {
    let said = |phrase| Said::new(phrase).name("field", name);
    let Value::Number(n) = value else {
        let phrase = if value.is_string() { Phrase::AmountAsString } else { Phrase::AmountNotNumber };
        return r.error(name, ProblemCode::WrongType, said(phrase).word("got", kind_of(value)));
    };
    let f = n.as_f64().unwrap_or(f64::NAN);
    let too_large = f.fract() == 0.0 && f.abs() > MAX_SAFE_AMOUNT as f64;
    let (code, phrase) = match n.as_u64() {
        Some(0) => (ProblemCode::AmountNotPositive, Phrase::AmountNotPositive),
        Some(u) if u > MAX_SAFE_AMOUNT => (ProblemCode::AmountTooLarge, Phrase::AmountTooLarge),
        Some(_) => return,
        None if n.is_i64() => (ProblemCode::AmountNotPositive, Phrase::AmountNotPositive),
        None if too_large => (ProblemCode::AmountTooLarge, Phrase::AmountTooLarge),
        None if f <= 0.0 => (ProblemCode::AmountNotPositive, Phrase::AmountNotPositive),
        None => (ProblemCode::AmountNotInteger, Phrase::AmountNotInteger),
    };
    let mut said = said(phrase);
    if code == ProblemCode::AmountTooLarge {
        said = said.number("max", MAX_SAFE_AMOUNT);
    }
    r.error(name, code, said.with("value", Arg::Number(n.clone())));
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn codes(ps: &[Problem]) -> Vec<(String, ProblemCode)> {
        ps.iter().map(|p| (p.path.clone(), p.code)).collect()
    }

    fn paygate() -> Value {
        json!({
            "partnerCode": "000.00.18.H29", "accessKey": "f6047c", "returnUrl": "http://paydate.com.vn/return",
            "orderId": "SBN_100012", "amount": 40000, "orderInfo": "thanh toan", "requestCode": "12357851",
            "ipAddress": "120.72.114.122", "serviceCode": "hcm_dichvucong", "accountCode": "payment_test",
            "checksum": "3B2C7C400EB89625A82B9F92B82863F4E997A9DBDEA726AF7FBB4F2DBF6C2ABD"
        })
    }

    #[test]
    fn clean_message_is_valid() {
        let r = validate("paygate", &paygate()).unwrap();
        assert!(r.valid, "{r:?}");
        assert!(r.errors.is_empty() && r.warnings.is_empty(), "{r:?}");
    }

    #[test]
    fn every_problem_at_once() {
        let mut m = paygate();
        m["amount"] = json!(0);
        m["returnUrl"] = json!("ftp://x");
        m["ipAddress"] = json!("999.1.1.1");
        m["accountCode"] = json!("payment_test ");
        m["extra"] = json!(1);
        m.as_object_mut().unwrap().remove("orderId");
        let r = validate("paygate", &m).unwrap();
        assert!(!r.valid);
        let errors = codes(&r.errors);
        for e in [
            ("orderId".to_owned(), ProblemCode::MissingField),
            ("amount".to_owned(), ProblemCode::AmountNotPositive),
            ("returnUrl".to_owned(), ProblemCode::InvalidUrl),
            ("ipAddress".to_owned(), ProblemCode::InvalidIpAddress),
        ] {
            assert!(errors.contains(&e), "{e:?} not in {errors:?}");
        }
        let warnings = codes(&r.warnings);
        assert!(warnings.contains(&("accountCode".to_owned(), ProblemCode::Whitespace)));
        assert!(warnings.contains(&("extra".to_owned(), ProblemCode::UnknownKey)));
    }

    #[test]
    fn amounts() {
        for (v, code) in [
            (json!(-5), ProblemCode::AmountNotPositive),
            (json!(1.5), ProblemCode::AmountNotInteger),
            (json!(9007199254740992u64), ProblemCode::AmountTooLarge),
            (json!(1e21), ProblemCode::AmountTooLarge),
            (json!("40000"), ProblemCode::WrongType),
        ] {
            let mut m = paygate();
            m["amount"] = v.clone();
            let r = validate("paygate", &m).unwrap();
            assert_eq!(codes(&r.errors), vec![("amount".to_owned(), code)], "{v}");
        }
        let mut m = paygate();
        m["amount"] = json!(MAX_SAFE_AMOUNT);
        assert!(validate("paygate", &m).unwrap().valid);
    }

    #[test]
    fn guide_result_example_values() {
        let m = json!({"amount": 40000, "orderId": "SBN_100012", "orderInfo": "thanh toan tien dien thoai",
            "payTransId": "1258485", "payDate": " 20191212161254", "paygate": "momo", "errorCode": " 00",
            "type": " pay", "checksum": "3B2C7C400EB89625A82B9F92B82863F4E997A9DBDEA726AF7FBB4F2DBF6C2ABD "});
        let r = validate("result", &m).unwrap();
        assert!(r.valid, "{r:?}");
        let w = codes(&r.warnings);
        assert!(w.contains(&("type".to_owned(), ProblemCode::TypeCasing)), "{w:?}");
        assert!(w.contains(&("errorCode".to_owned(), ProblemCode::Whitespace)), "{w:?}");
        assert!(w.contains(&("checksum".to_owned(), ProblemCode::Whitespace)), "{w:?}");
    }

    #[test]
    fn lookup_alias() {
        let m = json!({"partnerCode": "P", "accessKey": "A", "payTransId": "835651612", "orderId": "O",
            "checksum": "0".repeat(64)});
        let r = validate("lookup", &m).unwrap();
        assert!(r.valid, "{r:?}");
        assert_eq!(codes(&r.warnings), vec![("payTransId".to_owned(), ProblemCode::Alias)]);
    }

    #[test]
    fn lookup_with_both_names_needs_one_value() {
        let both = |a: &str, b: &str| {
            json!({"partnerCode": "P", "accessKey": "A", "transactionNo": a, "payTransId": b, "orderId": "O",
                "checksum": "0".repeat(64)})
        };
        let r = validate("lookup", &both("835651612", "835651612")).unwrap();
        assert!(r.valid && r.warnings.is_empty(), "{r:?}");
        let r = validate("lookup", &both("835651612", "835651613")).unwrap();
        assert_eq!(codes(&r.errors), vec![("payTransId".to_owned(), ProblemCode::AliasConflict)]);
        assert!(r.errors[0].message().contains("\"835651613\"") && r.errors[0].message().contains("\"835651612\""));
        assert!(r.errors[0].message().contains("payTransId") && r.errors[0].message().contains("transactionNo"));
    }

    #[test]
    fn the_canonical_message_reads_an_alias_under_its_field_s_name() {
        let s = scheme("lookup").unwrap();
        let base = json!({"partnerCode": "P", "accessKey": "A", "orderId": "O", "payTransId": "835651612"});
        let alone = check_message(s, base.as_object().unwrap(), false);
        assert_eq!(alone.canonical.get("transactionNo"), Some(&json!("835651612")));
        assert!(!alone.canonical.contains_key("payTransId"));
        assert_eq!(alone.canonical.len(), 4);
        let mut both = base.as_object().unwrap().clone();
        both.insert("transactionNo".into(), json!("835651612"));
        let both = check_message(s, &both, false);
        assert_eq!(both.canonical.get("transactionNo"), Some(&json!("835651612")));
        assert!(!both.canonical.contains_key("payTransId"));
        assert_eq!(both.canonical.len(), 4);
        assert!(both.report.warnings.is_empty() && both.report.errors.is_empty(), "{:?}", both.report);
    }

    #[test]
    fn not_an_object() {
        let r = validate("lookup", &json!([1, 2])).unwrap();
        assert_eq!(codes(&r.errors), vec![(String::new(), ProblemCode::NotAnObject)]);
    }

    #[test]
    fn result_fields() {
        let base = json!({"amount": 1, "orderId": "o", "orderInfo": "i", "payTransId": "t", "payDate": "20240229235959",
            "paygate": "vnpay", "errorCode": "00", "type": "Refund", "checksum": "a".repeat(64)});
        assert!(validate("result", &base).unwrap().valid);
        for (k, v, code) in [
            ("payDate", "20230229000000", ProblemCode::InvalidPayDate),
            ("payDate", "20191332000000", ProblemCode::InvalidPayDate),
            ("type", "Payment", ProblemCode::InvalidType),
            ("checksum", "abc", ProblemCode::InvalidChecksum),
            ("orderId", "", ProblemCode::EmptyValue),
        ] {
            let mut m = base.clone();
            m[k] = json!(v);
            assert_eq!(codes(&validate("result", &m).unwrap().errors), vec![(k.to_owned(), code)], "{k}={v}");
        }
    }
}
