//! Builders for the three requests a unit sends: validate the order, fill in `partnerCode`,
//! `accessKey` and `checksum`, and give back the body and the exact JSON text to send.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::checksum::to_hex;
use crate::error::{Error, ErrorCode};
use crate::messages::{Credentials, LookupRequest, PaygateRequest, RefundRequest};
use crate::said::{Arg, Phrase, Said};
use crate::scheme::{as_object, scheme};
use crate::typed::from_canonical;
use crate::validate::{check_message, check_text, Problem, ProblemCode};

/// A built request: the typed body, the JSON text to send, and the warnings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Built<T> {
    /// The request body.
    pub body: T,
    /// `body` as the exact JSON text to send.
    pub json: String,
    /// What validation warned about (values hashed as written though probably not meant so).
    pub warnings: Vec<Problem>,
}

/// Fields the builder fills itself, so the order must not carry them.
const FILLED: &[&str] = &["partnerCode", "accessKey", "checksum"];

/// Fields with a documented default when the order omits them: `(scheme, field, value)`.
const DEFAULTS: &[(&str, &str, &str)] = &[("refund", "transactionType", "02")];

/// Fields a built request carries under a second name too, with the same value, because the
/// guide names them two ways: `(scheme, second name, field)`. The checksum covers `field`.
const BOTH_NAMES: &[(&str, &str, &str)] = &[("lookup", "payTransId", "transactionNo")];

fn build<T: DeserializeOwned>(scheme_id: &str, order: &Value, credentials: &Value) -> Result<Built<T>, Error> {
    let (canonical, warnings) = signed(scheme_id, order, credentials)?;
    let body: T = from_canonical(&canonical).ok_or_else(|| {
        Error::new(ErrorCode::InvalidMessage, Said::new(Phrase::RequestDoesNotFit).name("scheme", scheme_id))
    })?;
    Ok(Built { body, json: String::new(), warnings })
}

/// The signed message's members and the warnings: everything but the typed body, written once
/// for the three requests rather than once per body type.
fn signed(scheme_id: &str, order: &Value, credentials: &Value) -> Result<(Map<String, Value>, Vec<Problem>), Error> {
    let s = scheme(scheme_id)?;
    // The argument as the caller names it: the order of a payment, the refund, the lookup.
    let order = as_object(order, if scheme_id == "paygate" { "order" } else { scheme_id })?;
    let creds = Credentials::from_value(credentials)?;

    let mut message: Map<String, Value> = order.clone();
    for (id, name, value) in DEFAULTS {
        if *id == s.id && !message.contains_key(*name) {
            message.insert((*name).to_owned(), Value::String((*value).to_owned()));
        }
    }
    message.insert("partnerCode".to_owned(), Value::String(creds.partner_code.clone()));
    message.insert("accessKey".to_owned(), Value::String(creds.access_key.clone()));

    let mut checked = check_message(s, &message, false);
    let report = &mut checked.report;
    for name in FILLED.iter().filter(|n| order.contains_key(**n)) {
        report.error(name, ProblemCode::NotAllowed, Said::new(Phrase::FilledByBuilder).name("field", name));
    }
    // A name the request is sent under anyway is no alias to warn about.
    let sent_anyway = |p: &Problem| BOTH_NAMES.iter().any(|(id, name, _)| *id == s.id && p.path == *name);
    for p in std::mem::take(&mut report.warnings) {
        if p.code == ProblemCode::UnknownKey {
            // In a request the unit builds, an unknown key is a typo, not a peer's quirk.
            let said = Said::new(Phrase::NotARequestField).name("key", &p.path).name("scheme", s.id);
            report.error(&p.path, ProblemCode::UnknownKey, said);
        } else if !(p.code == ProblemCode::Alias && sent_anyway(&p)) {
            report.warnings.push(p);
        }
    }
    // Warnings only, after the message's own: the secret is hashed as given.
    check_text(report, "credentials.secretKey", &creds.secret_key);
    if !report.valid {
        let mut said = Vec::with_capacity(report.errors.len());
        for p in &report.errors {
            said.push(p.said.clone());
        }
        let problems = Arg::Said(said);
        let mut err = Error::new(
            ErrorCode::InvalidMessage,
            Said::new(Phrase::InvalidRequest).name("scheme", s.id).with("problems", problems),
        );
        err.problems = std::mem::take(&mut report.errors);
        return Err(err);
    }
    let digest = s.preimage(&checked.canonical, Some(&creds.secret_key))?.digest();
    for (_, name, field) in BOTH_NAMES.iter().filter(|(id, _, _)| *id == s.id) {
        if let Some(value) = checked.canonical.get(*field).cloned() {
            checked.canonical.insert((*name).to_owned(), value);
        }
    }
    checked.canonical.insert("checksum".to_owned(), Value::String(to_hex(&digest, false)));
    Ok((checked.canonical, checked.report.warnings))
}

fn finish<T: Serialize>(mut built: Built<T>) -> Result<Built<T>, Error> {
    built.json = serde_json::to_string(&built.body)
        .map_err(|_| Error::new(ErrorCode::InvalidMessage, Said::new(Phrase::RequestNotWritable)))?;
    Ok(built)
}

/// Build a payment request (`POST /paygate`) from the order fields and the credentials.
pub fn build_paygate_request(order: &Value, credentials: &Value) -> Result<Built<PaygateRequest>, Error> {
    finish(build("paygate", order, credentials)?)
}

/// Build a refund request (`POST /refund`); `transactionType` defaults to `02` (full refund).
pub fn build_refund_request(refund: &Value, credentials: &Value) -> Result<Built<RefundRequest>, Error> {
    finish(build("refund", refund, credentials)?)
}

/// Build a lookup request (`POST /GetOrderInfo`).
pub fn build_lookup_request(lookup: &Value, credentials: &Value) -> Result<Built<LookupRequest>, Error> {
    finish(build("lookup", lookup, credentials)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn creds() -> Value {
        json!({"partnerCode": "000.00.18.H29", "accessKey": "f6047c", "secretKey": "top-secret-key"})
    }

    fn order() -> Value {
        json!({"orderId": "SBN_100012", "amount": 40000, "orderInfo": "Thanh toán", "requestCode": "12357851",
            "serviceCode": "hcm_dichvucong", "returnUrl": "https://unit.example/return", "ipAddress": "120.72.114.122",
            "accountCode": "payment_test"})
    }

    #[test]
    fn paygate_body_json_and_checksum_agree() {
        let built = build_paygate_request(&order(), &creds()).unwrap();
        assert_eq!(serde_json::from_str::<PaygateRequest>(&built.json).unwrap(), built.body);
        assert!(built.warnings.is_empty());
        let body = serde_json::to_value(&built.body).unwrap();
        assert_eq!(crate::checksum::verify("paygate", &body, Some("top-secret-key")), Ok(true));
        assert!(built.json.starts_with("{\"partnerCode\":\"000.00.18.H29\",\"accessKey\":\"f6047c\""));
    }

    #[test]
    fn an_argument_that_is_no_object_is_named_as_the_caller_names_it() {
        let path = |e: Error| e.path.unwrap_or_default();
        assert_eq!(path(build_paygate_request(&json!([]), &creds()).unwrap_err()), "order");
        assert_eq!(path(build_refund_request(&json!("x"), &creds()).unwrap_err()), "refund");
        assert_eq!(path(build_lookup_request(&json!(null), &creds()).unwrap_err()), "lookup");
    }

    #[test]
    fn invalid_order_lists_every_problem_without_the_secret() {
        let mut o = order();
        o["amount"] = json!(-1);
        o["checksum"] = json!("x");
        o["orderID"] = json!("typo");
        let err = build_paygate_request(&o, &creds()).unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidMessage);
        let paths: Vec<&str> = err.problems.iter().map(|p| p.path.as_str()).collect();
        for p in ["amount", "checksum", "orderID"] {
            assert!(paths.contains(&p), "{p} not in {paths:?}");
        }
        assert!(!format!("{err:?}").contains("top-secret-key"));
    }

    #[test]
    fn refund_defaults_to_full_refund() {
        let r = build_refund_request(
            &json!({"transactionNo": "835651612", "orderId": "050720190008", "requestCode": "1590278921647", "amount": 10000, "orderInfo": "Nội dung"}),
            &creds(),
        )
        .unwrap();
        assert_eq!(r.body.transaction_type, "02");
    }

    #[test]
    fn lookup_carries_the_transaction_under_both_names() {
        let expected = build_lookup_request(&json!({"transactionNo": "835651612", "orderId": "O"}), &creds()).unwrap();
        for order in [
            json!({"payTransId": "835651612", "orderId": "O"}),
            json!({"transactionNo": "835651612", "payTransId": "835651612", "orderId": "O"}),
        ] {
            let l = build_lookup_request(&order, &creds()).unwrap();
            assert_eq!(l, expected, "{order}");
        }
        assert!(expected.warnings.is_empty(), "{:?}", expected.warnings);
        assert_eq!(
            (expected.body.transaction_no.as_str(), expected.body.pay_trans_id.as_str()),
            ("835651612", "835651612")
        );
        assert!(
            expected.json.contains(r#""transactionNo":"835651612","payTransId":"835651612","orderId":"O""#),
            "{}",
            expected.json
        );
        let body = serde_json::to_value(&expected.body).unwrap();
        assert_eq!(crate::checksum::verify("lookup", &body, Some("top-secret-key")), Ok(true));
        let err = build_lookup_request(&json!({"transactionNo": "1", "payTransId": "2", "orderId": "O"}), &creds())
            .unwrap_err();
        assert_eq!(
            err.problems.iter().map(|p| (p.path.as_str(), p.code)).collect::<Vec<_>>(),
            vec![("payTransId", ProblemCode::AliasConflict)]
        );
    }
}
