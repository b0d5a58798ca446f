//! Confirming a payment result against the gateway's own record of the transaction.
//!
//! The `result` checksum has no secret in it, so anyone can send a well-signed result. What the
//! gateway answers to a lookup (`/GetOrderInfo`, signed with the unit's secret) is what counts:
//! the result is confirmed only when that record agrees on the order, the transaction, the
//! amount and success, and records a payment (`type` `Pay`, any casing). It fails closed: a
//! refunded, unknown, empty or missing `type` is not confirmed, and `errorCode` must be exactly
//! `00` (the rule `paid` applies too, `rules::is_success_code`).

use serde::Serialize;
use serde_json::Value;

use crate::error::{Error, ErrorCode};
use crate::rules::{is_payment_type, is_success_code, pay_type};
use crate::said::{value_arg, Phrase, Said};
use crate::scheme::as_object;
use crate::validate::{Problem, ProblemCode, ValidationReport};

/// The outcome of a confirmation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Confirmation {
    /// The gateway's record agrees with the result: the payment may be delivered.
    pub confirmed: bool,
    /// Every disagreement.
    pub problems: Vec<Problem>,
}

/// Compare a payment result (`parsePaymentResult(...).result`) with the transaction a lookup
/// returned (`parseGatewayResponse("lookup", ...).order`). Inputs that are not objects are
/// `INVALID_ARGUMENT`; every disagreement is a problem.
pub fn confirm_payment(result: &Value, order: &Value) -> Result<Confirmation, Error> {
    let result = as_object(result, "result")?;
    let order = as_object(order, "order")?;
    for key in ["orderId", "payTransId", "errorCode"] {
        if !result.get(key).is_some_and(Value::is_string) {
            let path = format!("result.{key}");
            let said = Said::new(Phrase::MustBeStringArgument).name("path", &path);
            return Err(Error::at(ErrorCode::InvalidArgument, path, said));
        }
    }
    let mut r = ValidationReport::default();
    if !result.get("errorCode").and_then(Value::as_str).is_some_and(is_success_code) {
        r.error(
            "errorCode",
            ProblemCode::NotPaid,
            Said::new(Phrase::NotPaid).with("value", value_arg(result.get("errorCode"))),
        );
    }
    let same = |field: &str, ours: Option<&Value>, theirs: Option<&Value>| match (ours, theirs) {
        (Some(a), Some(b)) if a == b => true,
        // The lookup writes amount as a string; compare the digits of a number with it.
        (Some(Value::Number(a)), Some(Value::String(b))) => field == "amount" && a.to_string() == *b,
        _ => false,
    };
    let amount_seen = order.get("amount").filter(|a| !a.is_null()).or(order.get("amountText"));
    for (field, theirs) in [
        ("orderId", order.get("orderId")),
        ("payTransId", order.get("payTransId")),
        ("amount", amount_seen),
        ("errorCode", order.get("errorCode")),
    ] {
        if !same(field, result.get(field), theirs) {
            let said = Said::new(Phrase::Mismatch).with("ours", value_arg(result.get(field)));
            r.error(field, ProblemCode::Mismatch, said.with("theirs", value_arg(theirs)));
        }
    }
    match order.get("type") {
        Some(Value::String(t)) if is_payment_type(t) => {}
        Some(Value::String(t)) if pay_type(t) == Some("Refund") => {
            r.error("type", ProblemCode::Refunded, Said::new(Phrase::Refunded));
        }
        other => {
            r.error("type", ProblemCode::NotAPayment, Said::new(Phrase::NotAPayment).with("value", value_arg(other)))
        }
    }
    Ok(Confirmation { confirmed: r.errors.is_empty(), problems: r.errors })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn result() -> Value {
        json!({"paygate": "vnpay", "payTransId": "13333267", "orderId": "O-1", "amount": 40000, "orderInfo": "x",
            "payDate": "20200712225148", "errorCode": "00", "type": "Pay", "checksum": "0".repeat(64)})
    }

    fn order() -> Value {
        json!({"amount": 40000, "amountText": "40000", "orderId": "O-1", "payTransId": "13333267", "errorCode": "00",
            "paygate": "vnpay", "type": "pay"})
    }

    fn codes(c: &Confirmation) -> Vec<(&str, ProblemCode)> {
        c.problems.iter().map(|p| (p.path.as_str(), p.code)).collect()
    }

    #[test]
    fn agreeing_record_confirms() {
        let c = confirm_payment(&result(), &order()).unwrap();
        assert!(c.confirmed, "{c:?}");
        let mut unreadable_amount = order();
        unreadable_amount["amount"] = Value::Null;
        assert!(confirm_payment(&result(), &unreadable_amount).unwrap().confirmed);
    }

    #[test]
    fn forged_amount_and_refund_are_caught() {
        let mut forged = result();
        forged["amount"] = json!(4000000);
        let mut refunded = order();
        refunded["type"] = json!("Refund");
        let c = confirm_payment(&forged, &refunded).unwrap();
        assert!(!c.confirmed);
        assert_eq!(codes(&c), vec![("amount", ProblemCode::Mismatch), ("type", ProblemCode::Refunded)]);
        let said = &c.problems[0].said;
        assert_eq!(said.arg("ours"), Some(&crate::said::Arg::Number(4000000.into())));
        assert_eq!(said.arg("theirs"), Some(&crate::said::Arg::Number(40000.into())));
    }

    #[test]
    fn failed_payment_is_not_paid() {
        let mut failed = result();
        failed["errorCode"] = json!("24");
        let c = confirm_payment(&failed, &order()).unwrap();
        assert_eq!(codes(&c), vec![("errorCode", ProblemCode::NotPaid), ("errorCode", ProblemCode::Mismatch)]);
    }

    #[test]
    fn only_a_payment_type_confirms() {
        for (kind, code) in [
            (json!("PAY"), None),
            (json!("pay"), None),
            (json!("REFUND"), Some(ProblemCode::Refunded)),
            (json!("REFUNDED"), Some(ProblemCode::NotAPayment)),
            (json!(""), Some(ProblemCode::NotAPayment)),
            (json!(" Pay"), Some(ProblemCode::NotAPayment)),
            (json!(null), Some(ProblemCode::NotAPayment)),
            (json!(1), Some(ProblemCode::NotAPayment)),
        ] {
            let mut o = order();
            o["type"] = kind.clone();
            let c = confirm_payment(&result(), &o).unwrap();
            assert_eq!(c.confirmed, code.is_none(), "{kind}: {c:?}");
            assert_eq!(codes(&c), code.map(|code| ("type", code)).into_iter().collect::<Vec<_>>(), "{kind}");
        }
        let mut missing = order();
        missing.as_object_mut().unwrap().remove("type");
        let c = confirm_payment(&result(), &missing).unwrap();
        assert_eq!(codes(&c), vec![("type", ProblemCode::NotAPayment)]);
        assert_eq!(c.problems[0].said.arg("value"), Some(&crate::said::Arg::Word(crate::said::Word::Nothing)));
        assert!(c.problems[0].message().contains("nothing"), "{}", c.problems[0].message());
    }

    #[test]
    fn error_code_must_be_exactly_00_on_both_sides() {
        let mut spaced = result();
        spaced["errorCode"] = json!(" 00");
        let mut o = order();
        o["errorCode"] = json!(" 00");
        let c = confirm_payment(&spaced, &o).unwrap();
        assert_eq!(codes(&c), vec![("errorCode", ProblemCode::NotPaid)]);
    }

    #[test]
    fn non_objects_are_misuse() {
        assert_eq!(confirm_payment(&json!(null), &order()).unwrap_err().code, ErrorCode::InvalidArgument);
        assert_eq!(confirm_payment(&result(), &json!("x")).unwrap_err().code, ErrorCode::InvalidArgument);
        assert_eq!(confirm_payment(&json!({"orderId": "O"}), &order()).unwrap_err().code, ErrorCode::InvalidArgument);
    }
}
