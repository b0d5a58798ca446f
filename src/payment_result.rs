//! The payment result the gateway PUTs to the unit's `returnUrl`: parse, validate, verify, reply.
//!
//! The `result` checksum has no secret in it: anyone who knows the values can compute it. A
//! verified result proves the values were not garbled, not that the gateway sent them. Confirm
//! with a lookup before delivering anything.

use serde::Serialize;

use crate::body::Body;
use crate::checksum::{matches, received_checksum};
use crate::error::Error;
use crate::messages::PaymentResult;
use crate::rules::claims_payment;
use crate::scheme::scheme;
use crate::typed::from_canonical;
use crate::validate::{check_message, Problem, ProblemCode, ValidationReport};

/// What a unit learns from a payment result body.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PaymentResultReport {
    /// The fields are all present and well-formed.
    pub valid: bool,
    /// The checksum matches the fields.
    pub checksum_valid: bool,
    /// `valid && checksumValid`: acknowledge with `SUCCESSFUL`.
    pub accepted: bool,
    /// Accepted, and the result claims a payment: `errorCode` `00` and `type` `Pay` (any casing),
    /// white space around them allowed (`rules::claims_payment`). A claim, not a proof: confirm
    /// it with a lookup, whose record must say exactly `00`.
    pub paid: bool,
    /// The typed result, when the fields are well-formed.
    pub result: Option<PaymentResult>,
    /// What is wrong, the checksum mismatch included.
    pub errors: Vec<Problem>,
    /// What is odd but accepted.
    pub warnings: Vec<Problem>,
    /// The JSON text to answer the gateway with.
    pub reply: String,
}

/// Parse, validate and verify a payment result body. Text that is not JSON is `INVALID_JSON`;
/// everything else is reported, not thrown.
pub fn parse_payment_result(body: Body) -> Result<PaymentResultReport, Error> {
    let value = body.into_value(crate::said::Word::PaymentResult)?;
    let s = scheme("result")?;
    let Some(map) = value.as_object() else {
        let report = crate::validate::validate("result", &value)?;
        return Ok(finish(false, report, false, None));
    };
    let checked = check_message(s, map, true);
    let mut report = checked.report;
    let checksum_valid = match (received_checksum(s, map), s.preimage(map, None)) {
        (Ok(received), Ok(pre)) => matches(received, &pre.digest()),
        _ => false,
    };
    let valid = report.valid;
    let result = if valid { from_canonical(&checked.canonical) } else { None };
    if valid && !checksum_valid {
        report.error(
            "checksum",
            ProblemCode::ChecksumMismatch,
            crate::said::Said::new(crate::said::Phrase::ChecksumMismatch),
        );
    }
    Ok(finish(valid, report, checksum_valid, result))
}

/// `valid` is the fields' validity; `report.errors` may also hold the checksum mismatch.
fn finish(
    valid: bool,
    report: ValidationReport,
    checksum_valid: bool,
    result: Option<PaymentResult>,
) -> PaymentResultReport {
    // Only a result with its typed fields is accepted, so `accepted` always comes with `result`
    // (the TypeScript types narrow on it).
    let accepted = valid && checksum_valid && result.is_some();
    let paid = accepted && result.as_ref().is_some_and(|r| claims_payment(&r.error_code, &r.kind));
    let reply = if accepted {
        payment_result_reply(true, None)
    } else {
        let mut codes = String::new();
        for p in &report.errors {
            crate::text::push_item(&mut codes, p.code.as_str());
        }
        payment_result_reply(false, Some(&["Thất bại: ", &codes].concat()))
    };
    PaymentResultReport {
        valid,
        checksum_valid,
        accepted,
        paid,
        result,
        errors: report.errors,
        warnings: report.warnings,
        reply,
    }
}

#[derive(Serialize)]
struct Reply<'a> {
    error_code: &'a str,
    error_message: &'a str,
}

/// The unit's answer to the gateway: `{"error_code":"SUCCESSFUL"|"FAILED","error_message":…}`,
/// with the guide's `Thành công` / `Thất bại` when no message is given.
pub fn payment_result_reply(accepted: bool, message: Option<&str>) -> String {
    let (error_code, default) = if accepted { ("SUCCESSFUL", "Thành công") } else { ("FAILED", "Thất bại") };
    let reply = Reply { error_code, error_message: message.unwrap_or(default) };
    serde_json::to_string(&reply).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn signed(mut v: serde_json::Value) -> serde_json::Value {
        let sum = crate::checksum::checksum("result", &v, None, true).unwrap();
        v["checksum"] = json!(sum);
        v
    }

    fn result() -> serde_json::Value {
        signed(json!({"paygate": "momo", "payTransId": "1258485", "orderId": "SBN_100012", "amount": 40000,
            "orderInfo": "thanh toan", "payDate": "20191212161254", "errorCode": "00", "type": "Pay"}))
    }

    #[test]
    fn signed_result_is_accepted_and_paid() {
        let r = parse_payment_result(Body::Json(result())).unwrap();
        assert!(r.accepted && r.paid && r.valid && r.checksum_valid, "{r:?}");
        assert_eq!(r.reply, r#"{"error_code":"SUCCESSFUL","error_message":"Thành công"}"#);
        assert_eq!(r.result.unwrap().amount, 40000);
    }

    #[test]
    fn tampered_result_is_refused() {
        let mut v = result();
        v["amount"] = json!(4000000);
        let r = parse_payment_result(Body::Text(v.to_string())).unwrap();
        assert!(!r.accepted && !r.paid && !r.checksum_valid && r.valid);
        assert_eq!(r.errors[0].code, ProblemCode::ChecksumMismatch);
        assert!(r.reply.starts_with(r#"{"error_code":"FAILED""#), "{}", r.reply);
    }

    #[test]
    fn failed_payment_is_accepted_but_not_paid() {
        let mut v = result();
        v["errorCode"] = json!("24");
        let r = parse_payment_result(Body::Json(signed(v))).unwrap();
        assert!(r.accepted && !r.paid);
    }

    #[test]
    fn a_result_claims_a_payment_with_00_and_pay_white_space_around_allowed() {
        for code in ["0", "000", "24", "0 0", "\u{0}00"] {
            let mut v = result();
            v["errorCode"] = json!(code);
            let r = parse_payment_result(Body::Json(signed(v))).unwrap();
            assert!(r.accepted && !r.paid, "{code:?}: {r:?}");
        }
        // The guide's example writes " 00" and " pay": a claim worth a lookup, with a warning.
        for (code, kind) in [(" 00", " pay"), ("00 ", "Pay")] {
            let mut v = result();
            v["errorCode"] = json!(code);
            v["type"] = json!(kind);
            let r = parse_payment_result(Body::Json(signed(v))).unwrap();
            assert!(r.accepted && r.paid, "{code:?} {kind:?}: {r:?}");
            assert!(r.warnings.iter().any(|w| w.path == "errorCode" && w.code == ProblemCode::Whitespace), "{r:?}");
        }
        let mut v = result();
        v["type"] = json!("pay");
        assert!(parse_payment_result(Body::Json(signed(v))).unwrap().paid, "type in another casing is a payment");
    }

    #[test]
    fn check_sum_is_read_as_checksum() {
        let mut v = result();
        let sum = v.as_object_mut().unwrap().remove("checksum").unwrap();
        v["check-sum"] = sum.clone();
        let r = parse_payment_result(Body::Json(v.clone())).unwrap();
        assert!(r.accepted && r.paid, "{r:?}");
        assert_eq!(
            r.warnings.iter().map(|w| (w.path.as_str(), w.code)).collect::<Vec<_>>(),
            vec![("check-sum", ProblemCode::Alias)]
        );
        assert_eq!(r.result.unwrap().checksum, sum.as_str().unwrap());
        v["checksum"] = json!("0".repeat(64));
        let r = parse_payment_result(Body::Json(v)).unwrap();
        assert!(!r.accepted, "two different checksums: {r:?}");
        assert!(r.errors.iter().any(|e| e.path == "check-sum" && e.code == ProblemCode::AliasConflict), "{r:?}");
    }

    #[test]
    fn bad_json_throws_and_non_object_reports() {
        assert_eq!(
            parse_payment_result(Body::Text("{".into())).unwrap_err().code,
            crate::error::ErrorCode::InvalidJson
        );
        let r = parse_payment_result(Body::Json(json!("x"))).unwrap();
        assert!(!r.accepted && r.errors[0].code == ProblemCode::NotAnObject);
    }
}
