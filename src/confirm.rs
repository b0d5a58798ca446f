//! Confirming a payment result against the gateway's own record of the transaction.
//!
//! The `result` checksum has no secret in it, so anyone can send a well-signed result. What the
//! gateway answers to a lookup (`/GetOrderInfo`, signed with the unit's secret) is what counts:
//! the result is confirmed only when that record agrees on the order, the transaction, the
//! amount and success, and records a payment (`type` `Pay`, any casing). The result is a claim
//! (`rules::claims_payment`: white space around `00` and `Pay` allowed); the record is the proof
//! and fails closed: its `errorCode` must be exactly `00`, and a refunded, unknown, empty or
//! missing `type` is not confirmed.
//!
//! The guide's lookup table names the transaction `transactionNo`, its example `payTransId`:
//! either is read, both when they agree, and the confirmation says which it read.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::{Error, ErrorCode};
use crate::rules::{claims_payment, is_payment_type, pay_type};
use crate::said::{value_arg, Phrase, Said};
use crate::scheme::as_object;
use crate::validate::{Problem, ProblemCode, ValidationReport};

/// Which key of the gateway's record named the transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum TransactionKey {
    /// `payTransId`, as the guide's lookup example writes it.
    #[serde(rename = "payTransId")]
    PayTransId,
    /// `transactionNo`, as the guide's lookup table writes it.
    #[serde(rename = "transactionNo")]
    TransactionNo,
    /// Both, with the same value.
    #[serde(rename = "both")]
    Both,
}

/// The outcome of a confirmation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Confirmation {
    /// The gateway's record agrees with the result: the payment may be delivered.
    pub confirmed: bool,
    /// Every disagreement.
    pub problems: Vec<Problem>,
    /// The key the record named the transaction by; `None` when it names none, or two that differ.
    pub transaction_key: Option<TransactionKey>,
}

/// The transaction the record names, and under which key: `Err` when it names two that differ.
fn record_transaction(order: &Map<String, Value>) -> Result<Option<(&Value, TransactionKey)>, (&Value, &Value)> {
    let present = |key| order.get(key).filter(|v| !v.is_null());
    Ok(match (present("payTransId"), present("transactionNo")) {
        (Some(a), Some(b)) if a != b => return Err((a, b)),
        (Some(a), Some(_)) => Some((a, TransactionKey::Both)),
        (Some(a), None) => Some((a, TransactionKey::PayTransId)),
        (None, Some(b)) => Some((b, TransactionKey::TransactionNo)),
        (None, None) => None,
    })
}

/// Compare a payment result (`parsePaymentResult(...).result`) with the transaction a lookup
/// returned (`parseGatewayResponse("lookup", ...).order`). Inputs that are not objects are
/// `INVALID_ARGUMENT`; every disagreement is a problem.
pub fn compare_with_lookup(result: &Value, order: &Value) -> Result<Confirmation, Error> {
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
    let claimed = |key| result.get(key).and_then(Value::as_str).unwrap_or_default();
    if !claims_payment(claimed("errorCode"), "Pay") {
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
    let mut conflict = false;
    let (transaction, transaction_key) = match record_transaction(order) {
        Ok(found) => (found.map(|(v, _)| v), found.map(|(_, key)| key)),
        Err((pay_trans_id, transaction_no)) => {
            conflict = true;
            let said = Said::new(Phrase::RecordAliasConflict).with("value", value_arg(Some(pay_trans_id)));
            r.error("payTransId", ProblemCode::AliasConflict, said.with("other", value_arg(Some(transaction_no))));
            (None, None)
        }
    };
    let amount_seen = order.get("amount").filter(|a| !a.is_null()).or(order.get("amountText"));
    let checked = [("orderId", order.get("orderId")), ("payTransId", transaction), ("amount", amount_seen)];
    for (field, theirs) in checked {
        // A conflict between the record's two names is reported once, above.
        if field == "payTransId" && conflict {
            continue;
        }
        if !same(field, result.get(field), theirs) {
            let said = Said::new(Phrase::Mismatch).with("ours", value_arg(result.get(field)));
            r.error(field, ProblemCode::Mismatch, said.with("theirs", value_arg(theirs)));
        }
    }
    // The record is the proof: it must say what the result claims, white space and all, so a
    // paid result confirms only on a record of exactly "00".
    let recorded = order.get("errorCode");
    if recorded.and_then(Value::as_str) != Some(claimed("errorCode").trim()) {
        let said = Said::new(Phrase::Mismatch).with("ours", value_arg(result.get("errorCode")));
        r.error("errorCode", ProblemCode::Mismatch, said.with("theirs", value_arg(recorded)));
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
    Ok(Confirmation { confirmed: r.errors.is_empty(), problems: r.errors, transaction_key })
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
        let c = compare_with_lookup(&result(), &order()).unwrap();
        assert!(c.confirmed, "{c:?}");
        let mut unreadable_amount = order();
        unreadable_amount["amount"] = Value::Null;
        assert!(compare_with_lookup(&result(), &unreadable_amount).unwrap().confirmed);
    }

    #[test]
    fn forged_amount_and_refund_are_caught() {
        let mut forged = result();
        forged["amount"] = json!(4000000);
        let mut refunded = order();
        refunded["type"] = json!("Refund");
        let c = compare_with_lookup(&forged, &refunded).unwrap();
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
        let c = compare_with_lookup(&failed, &order()).unwrap();
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
            let c = compare_with_lookup(&result(), &o).unwrap();
            assert_eq!(c.confirmed, code.is_none(), "{kind}: {c:?}");
            assert_eq!(codes(&c), code.map(|code| ("type", code)).into_iter().collect::<Vec<_>>(), "{kind}");
        }
        let mut missing = order();
        missing.as_object_mut().unwrap().remove("type");
        let c = compare_with_lookup(&result(), &missing).unwrap();
        assert_eq!(codes(&c), vec![("type", ProblemCode::NotAPayment)]);
        assert_eq!(c.problems[0].said.arg("value"), Some(&crate::said::Arg::Word(crate::said::Word::Nothing)));
        assert!(c.problems[0].message().contains("nothing"), "{}", c.problems[0].message());
    }

    #[test]
    fn a_claim_of_00_with_white_space_confirms_only_on_a_record_of_exactly_00() {
        let mut spaced = result();
        spaced["errorCode"] = json!(" 00");
        assert!(compare_with_lookup(&spaced, &order()).unwrap().confirmed);
        let mut o = order();
        o["errorCode"] = json!(" 00");
        let c = compare_with_lookup(&spaced, &o).unwrap();
        assert_eq!(codes(&c), vec![("errorCode", ProblemCode::Mismatch)]);
        assert_eq!(codes(&compare_with_lookup(&result(), &o).unwrap()), vec![("errorCode", ProblemCode::Mismatch)]);
        o["errorCode"] = json!("24");
        assert_eq!(codes(&compare_with_lookup(&result(), &o).unwrap()), vec![("errorCode", ProblemCode::Mismatch)]);
    }

    #[test]
    fn the_record_may_name_the_transaction_either_way_or_both() {
        let with = |pay: Option<&str>, no: Option<&str>| {
            let mut o = order();
            let m = o.as_object_mut().unwrap();
            m.remove("payTransId");
            for (key, value) in [("payTransId", pay), ("transactionNo", no)] {
                if let Some(v) = value {
                    m.insert(key.to_owned(), json!(v));
                }
            }
            compare_with_lookup(&result(), &o).unwrap()
        };
        for (pay, no, key) in [
            (Some("13333267"), None, TransactionKey::PayTransId),
            (None, Some("13333267"), TransactionKey::TransactionNo),
            (Some("13333267"), Some("13333267"), TransactionKey::Both),
        ] {
            let c = with(pay, no);
            assert!(c.confirmed, "{pay:?} {no:?}: {c:?}");
            assert_eq!(c.transaction_key, Some(key));
        }
        let c = with(Some("13333267"), Some("99999999"));
        assert!(!c.confirmed);
        assert_eq!(codes(&c), vec![("payTransId", ProblemCode::AliasConflict)]);
        assert!(c.problems[0].message().contains("13333267") && c.problems[0].message().contains("99999999"));
        assert_eq!(c.transaction_key, None);
        let c = with(None, Some("99999999"));
        assert_eq!(codes(&c), vec![("payTransId", ProblemCode::Mismatch)]);
        let c = with(None, None);
        assert_eq!(codes(&c), vec![("payTransId", ProblemCode::Mismatch)]);
        assert!(c.problems[0].message().contains("nothing"), "{}", c.problems[0].message());
        assert_eq!(c.transaction_key, None);
        let json = serde_json::to_value(with(None, Some("13333267"))).unwrap();
        assert_eq!(json["transactionKey"], "transactionNo");
    }

    #[test]
    fn non_objects_are_misuse() {
        assert_eq!(compare_with_lookup(&json!(null), &order()).unwrap_err().code, ErrorCode::InvalidArgument);
        assert_eq!(compare_with_lookup(&result(), &json!("x")).unwrap_err().code, ErrorCode::InvalidArgument);
        assert_eq!(
            compare_with_lookup(&json!({"orderId": "O"}), &order()).unwrap_err().code,
            ErrorCode::InvalidArgument
        );
    }
}
