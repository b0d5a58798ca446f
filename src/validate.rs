//! Validation of messages against the scheme and field tables. Every problem is returned at
//! once, as data: errors (the message is wrong) apart from warnings (it will be accepted but
//! probably not as meant, usually because the checksum hashes it exactly as written).

use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::Error;
use crate::fields::{field, FieldKind};
use crate::rules;
use crate::scheme::{json_type_name, scheme, Scheme};
use crate::text;

/// Largest amount a JavaScript number holds exactly: 2^53 − 1.
pub const MAX_SAFE_AMOUNT: u64 = 9_007_199_254_740_991;

/// Stable codes of validation problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
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

/// One problem: where, what, and in words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    /// The field (or key) at fault; empty for the message itself.
    pub path: String,
    /// Stable code.
    pub code: ProblemCode,
    /// What is wrong, in a short sentence.
    pub message: String,
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
    pub fn error(&mut self, path: &str, code: ProblemCode, message: String) {
        self.errors.push(Problem { path: path.to_owned(), code, message });
        self.valid = false;
    }

    /// Record a warning.
    pub fn warn(&mut self, path: &str, code: ProblemCode, message: String) {
        self.warnings.push(Problem { path: path.to_owned(), code, message });
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
            r.error(
                "",
                ProblemCode::NotAnObject,
                format!("the message must be a JSON object, got {}", json_type_name(message)),
            );
            r
        }
    })
}

/// Validate the fields of a scheme's message; `checksum` is required when `require_checksum`.
pub(crate) fn check_message(s: &Scheme, msg: &Map<String, Value>, require_checksum: bool) -> Checked {
    let mut r = ValidationReport::new();
    let mut canonical = msg.clone();
    for (alias, canon) in s.aliases {
        let Some(value) = canonical.remove(*alias) else { continue };
        if let Some(given) = msg.get(*canon) {
            // Both names, as a sender that serves either reading writes them: one value is fine.
            if *given != value {
                r.error(
                    alias,
                    ProblemCode::AliasConflict,
                    format!(
                        "{alias} {} and {canon} {} differ: they are two names of one field and must carry the same value",
                        shown(&value),
                        shown(given)
                    ),
                );
            }
        } else {
            r.warn(
                alias,
                ProblemCode::Alias,
                format!("{alias} is read as {canon}: the guide's example sends {alias}, its table says {canon}"),
            );
            canonical.insert((*canon).to_owned(), value);
        }
    }
    for key in msg.keys() {
        let known = s.message_fields().any(|f| f == key) || s.aliases.iter().any(|(a, _)| a == key);
        if !known {
            r.warn(key, ProblemCode::UnknownKey, format!("{} is not a field of the {} message", quoted(key), s.id));
        }
    }
    for name in s.message_fields() {
        match canonical.get(name) {
            None if name == "checksum" && !require_checksum => {}
            None => r.error(name, ProblemCode::MissingField, format!("{name} is required")),
            Some(value) => {
                let kind = field(name).map_or(FieldKind::Text, |f| f.kind);
                check_value(&mut r, name, kind, value);
            }
        }
    }
    Checked { report: r, canonical }
}

/// The path of `key` inside `path` (`order.amount`; just `amount` at the top).
pub(crate) fn join_path(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// A value for messages: a string quoted and cut short, anything else as its JSON type.
pub(crate) fn shown(value: &Value) -> String {
    match value {
        Value::String(s) => quoted(s),
        Value::Number(n) => n.to_string(),
        other => json_type_name(other).to_owned(),
    }
}

/// A short quoted rendering of a value for messages (never used for secrets).
pub(crate) fn quoted(s: &str) -> String {
    match s.char_indices().nth(40) {
        Some((i, _)) => format!("{:?}…", &s[..i]),
        None => format!("{s:?}"),
    }
}

fn check_value(r: &mut ValidationReport, name: &str, kind: FieldKind, value: &Value) {
    if kind == FieldKind::Amount {
        return check_amount(r, name, value);
    }
    let Value::String(s) = value else {
        return r.error(
            name,
            ProblemCode::WrongType,
            format!("{name} must be a string, got {}", json_type_name(value)),
        );
    };
    if s.is_empty() {
        return r.error(name, ProblemCode::EmptyValue, format!("{name} is empty"));
    }
    check_text(r, name, s);
    let t = s.trim();
    match kind {
        FieldKind::ReturnUrl if !rules::is_http_url(t) => r.error(
            name,
            ProblemCode::InvalidUrl,
            format!("{name} must be an absolute http or https URL, got {}", quoted(s)),
        ),
        FieldKind::IpAddress if t.parse::<std::net::IpAddr>().is_err() => r.error(
            name,
            ProblemCode::InvalidIpAddress,
            format!("{name} must be an IPv4 or IPv6 address, got {}", quoted(s)),
        ),
        FieldKind::PayDate if !rules::is_pay_date(t) => r.error(
            name,
            ProblemCode::InvalidPayDate,
            format!("{name} must be a real time written yyyyMMddHHmmss, got {}", quoted(s)),
        ),
        FieldKind::PayType => match rules::pay_type(t) {
            Some(exact) if exact == t => {}
            Some(exact) => r.warn(
                name,
                ProblemCode::TypeCasing,
                format!(
                    "{name} {} differs from the table's {exact:?} in casing; the checksum hashes it as written",
                    quoted(t)
                ),
            ),
            None => r.error(
                name,
                ProblemCode::InvalidType,
                format!("{name} must be \"Pay\" or \"Refund\", got {}", quoted(s)),
            ),
        },
        FieldKind::TransactionType if t != "02" => r.warn(
            name,
            ProblemCode::UndocumentedTransactionType,
            format!("{name} {} is not documented: \"02\" (full refund) is the only documented value", quoted(s)),
        ),
        FieldKind::Checksum if !(t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit())) => r.error(
            name,
            ProblemCode::InvalidChecksum,
            format!("{name} must be 64 hex digits, got {} characters", s.chars().count()),
        ),
        _ => {}
    }
}

/// Warnings for text that changes a pre-image invisibly.
pub(crate) fn check_text(r: &mut ValidationReport, name: &str, s: &str) {
    if text::has_edge_whitespace(s) {
        r.warn(
            name,
            ProblemCode::Whitespace,
            format!("{name} has leading or trailing white space, which is hashed as given"),
        );
    }
    if text::has_control(s) {
        r.warn(name, ProblemCode::ControlCharacter, format!("{name} contains a control character (tab, newline…)"));
    }
    if text::has_invisible(s) {
        r.warn(
            name,
            ProblemCode::InvisibleCharacter,
            format!("{name} contains an invisible character (zero-width space, BOM…)"),
        );
    }
    if text::has_smart_quotes(s) {
        r.warn(
            name,
            ProblemCode::SmartQuotes,
            format!("{name} contains typographic quotes (“ ” ‘ ’), often pasted from a document"),
        );
    }
    if !text::is_nfc(s) {
        r.warn(
            name,
            ProblemCode::NotNfc,
            format!("{name} is not in Unicode NFC; composed and decomposed text hash differently"),
        );
    }
}

fn check_amount(r: &mut ValidationReport, name: &str, value: &Value) {
    let Value::Number(n) = value else {
        let hint = if value.is_string() { " (only the lookup response writes it as a string)" } else { "" };
        return r.error(
            name,
            ProblemCode::WrongType,
            format!("{name} must be a JSON integer, got {}{hint}", json_type_name(value)),
        );
    };
    if let Some(u) = n.as_u64() {
        if u == 0 {
            r.error(name, ProblemCode::AmountNotPositive, format!("{name} must be positive, got 0"));
        } else if u > MAX_SAFE_AMOUNT {
            r.error(name, ProblemCode::AmountTooLarge, format!("{name} must be at most {MAX_SAFE_AMOUNT}, got {u}"));
        }
    } else if n.is_i64() {
        r.error(name, ProblemCode::AmountNotPositive, format!("{name} must be positive, got {n}"));
    } else {
        let f = n.as_f64().unwrap_or(f64::NAN);
        if f.fract() == 0.0 && f.abs() > MAX_SAFE_AMOUNT as f64 {
            r.error(name, ProblemCode::AmountTooLarge, format!("{name} must be at most {MAX_SAFE_AMOUNT}, got {n}"));
        } else if f <= 0.0 {
            r.error(name, ProblemCode::AmountNotPositive, format!("{name} must be positive, got {n}"));
        } else {
            r.error(
                name,
                ProblemCode::AmountNotInteger,
                format!("{name} must be a whole number of VND written without a decimal point, got {n}"),
            );
        }
    }
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
        assert!(r.errors[0].message.contains("\"835651613\"") && r.errors[0].message.contains("\"835651612\""));
        assert!(r.errors[0].message.contains("payTransId") && r.errors[0].message.contains("transactionNo"));
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
