//! The gateway's answers to `/paygate`, `/refund` and `/GetOrderInfo`.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::body::Body;
use crate::error::{Error, ErrorCode};
use crate::fields::Description;
use crate::said::{kind_of, Arg, Phrase, Said, Word};
use crate::validate::{Problem, ProblemCode, ValidationReport};

/// Which request a response answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ResponseKind {
    /// `POST /paygate`.
    Paygate,
    /// `POST /refund`.
    Refund,
    /// `POST /GetOrderInfo`.
    Lookup,
}

impl ResponseKind {
    /// `paygate`, `refund` or `lookup`, or `INVALID_ARGUMENT`.
    pub fn parse(kind: &str) -> Result<Self, Error> {
        match kind {
            "paygate" => Ok(ResponseKind::Paygate),
            "refund" => Ok(ResponseKind::Refund),
            "lookup" => Ok(ResponseKind::Lookup),
            other => Err(Error::at(
                ErrorCode::InvalidArgument,
                "kind",
                Said::new(Phrase::UnknownResponseKind).quoted("value", other),
            )),
        }
    }
}

/// One gateway error code: its wire spelling, where the guide lists it, and what it means.
#[derive(Debug)]
pub struct GatewayCode {
    /// Wire value, misspellings kept (`SIGNTURE_WRONG`, `ORDER_EXITS`, `NOT_EXITS`).
    pub code: &'static str,
    /// The responses the guide lists it for.
    pub kinds: &'static [ResponseKind],
    /// Meaning in English and Vietnamese.
    pub description: Description,
}

use ResponseKind::{Lookup, Paygate, Refund};

/// The gateway's error codes, as the guide lists them.
pub static GATEWAY_CODES: &[GatewayCode] = &[
    GatewayCode {
        code: "SUCCESSFUL",
        kinds: &[Paygate, Refund, Lookup],
        description: Description { en: "success", vi: "Thành công" },
    },
    GatewayCode {
        code: "FAILED",
        kinds: &[Paygate, Refund, Lookup],
        description: Description { en: "failed", vi: "Thất bại" },
    },
    GatewayCode {
        code: "PARAM_ERROR",
        kinds: &[Paygate, Refund, Lookup],
        description: Description { en: "the request lacks data", vi: "Dữ liệu gửi lên thiếu nội dung" },
    },
    GatewayCode {
        code: "SIGNTURE_WRONG",
        kinds: &[Paygate],
        description: Description {
            en: "integrity check failed: the checksum does not match",
            vi: "Dữ liệu không toàn vẹn",
        },
    },
    GatewayCode {
        code: "ORDER_EXITS",
        kinds: &[Paygate, Refund],
        description: Description { en: "the transaction already exists", vi: "Giao dịch đã tồn tại" },
    },
    GatewayCode {
        code: "NOT_AUTHORIZED",
        kinds: &[Refund],
        description: Description { en: "authorization failed", vi: "Lỗi Authorized" },
    },
    GatewayCode {
        code: "ACCOUNT_NOT_EXIST",
        kinds: &[Refund],
        description: Description { en: "the account does not exist", vi: "Tài khoản không tồn tại" },
    },
    GatewayCode {
        code: "NOT_EXITS",
        kinds: &[Lookup],
        description: Description { en: "the transaction does not exist", vi: "Giao dịch không tồn tại" },
    },
];

/// A transaction as the lookup response describes it.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct OrderInfo {
    /// Amount as a number (the wire sends a string).
    pub amount: Option<u64>,
    /// Amount exactly as the wire wrote it.
    pub amount_text: Option<String>,
    /// Every other member of `data` that is a string, by its wire name.
    #[serde(flatten)]
    pub fields: Map<String, Value>,
}

/// A parsed gateway response.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GatewayResponse {
    /// Which request it answers.
    pub kind: ResponseKind,
    /// `error_code` exactly as received.
    pub error_code: String,
    /// `error_code` is `SUCCESSFUL`.
    pub ok: bool,
    /// `error_code` is one the guide lists.
    pub known: bool,
    /// What the code means.
    pub description: Description,
    /// `error_message` as received (empty when absent).
    pub error_message: String,
    /// The payment URL (`data.url` of a `/paygate` answer).
    pub url: Option<String>,
    /// The transaction (`data` of a `/GetOrderInfo` answer).
    pub order: Option<OrderInfo>,
    /// `data` as received.
    pub data: Value,
    /// What is odd in the response.
    pub warnings: Vec<Problem>,
}

/// The members of every answer around its data.
const ENVELOPE_KEYS: &[&str] = &["error_code", "error_message", "data"];

/// The members that make a top-level lookup answer a record: the transaction, by either name.
const RECORD_KEYS: &[&str] = &["payTransId", "transactionNo"];

const UNKNOWN: Description =
    Description { en: "an error code the guide does not list", vi: "Mã lỗi không có trong tài liệu" };

/// Parse a gateway response. A body that is not a JSON object with a string `error_code` cannot
/// be interpreted: `INVALID_JSON` or `INVALID_MESSAGE`. Everything else is reported.
pub fn parse_gateway_response(kind: ResponseKind, body: Body) -> Result<GatewayResponse, Error> {
    let value = body.into_value(Word::GatewayResponse)?;
    let map = value.as_object().ok_or_else(|| {
        Error::new(ErrorCode::InvalidMessage, Said::new(Phrase::ResponseNotObject).word("got", kind_of(&value)))
    })?;
    let error_code = match map.get("error_code") {
        Some(Value::String(s)) => s.clone(),
        Some(other) => {
            let said = Said::new(Phrase::MustBeString).name("field", "error_code").word("got", kind_of(other));
            return Err(Error::at(ErrorCode::InvalidMessage, "error_code", said));
        }
        None => return Err(Error::at(ErrorCode::InvalidMessage, "error_code", Said::new(Phrase::NoErrorCode))),
    };
    let mut r = ValidationReport::default();
    let entry = GATEWAY_CODES.iter().find(|c| c.code == error_code);
    let odd_code = match entry {
        Some(c) if !c.kinds.contains(&kind) => Some(Said::new(Phrase::CodeNotForEndpoint)),
        Some(_) => None,
        None => Some(match GATEWAY_CODES.iter().find(|c| c.code.eq_ignore_ascii_case(error_code.trim())) {
            Some(c) => Said::new(Phrase::CodeNotListedTrimmed).name("code", c.code),
            None => Said::new(Phrase::CodeNotListed),
        }),
    };
    if let Some(said) = odd_code {
        r.warn("error_code", ProblemCode::UnknownCode, said.quoted("value", &error_code));
    }
    let error_message = match map.get("error_message") {
        Some(Value::String(s)) => s.clone(),
        None => String::new(),
        Some(other) => {
            let said = Said::new(Phrase::ShouldBeString).name("field", "error_message").word("got", kind_of(other));
            r.warn("error_message", ProblemCode::WrongType, said);
            String::new()
        }
    };
    let data = map.get("data").cloned().unwrap_or(Value::Null);
    if data.as_str() == Some("null") {
        r.warn("data", ProblemCode::WrongType, Said::new(Phrase::DataNullString));
    }
    let ok = error_code == "SUCCESSFUL";
    let url = match (kind, &data) {
        (Paygate, Value::Object(d)) => match d.get("url") {
            Some(Value::String(u)) => Some(u.clone()),
            _ => {
                r.warn("data.url", ProblemCode::MissingField, Said::new(Phrase::NoUrl));
                None
            }
        },
        _ => None,
    };
    if kind == Paygate && ok && url.is_none() && !data.is_object() {
        r.warn("data.url", ProblemCode::MissingField, Said::new(Phrase::SuccessWithoutUrl));
    }
    let order = match (kind, &data) {
        (Lookup, Value::Object(d)) => Some(order_info(d, &mut r)),
        // The guide's lookup table lists the record's fields beside error_code; its example nests
        // them in data. Without data, a record at the top level is read there.
        (Lookup, Value::Null) if ok && map.keys().any(|k| RECORD_KEYS.contains(&k.as_str())) => {
            r.warn("data", ProblemCode::MissingField, Said::new(Phrase::RecordAtTopLevel));
            // Inserted one by one: collecting into a map would link a stable sort for keys that
            // come out of a map already in order.
            let mut top = Map::new();
            for (k, v) in map.iter().filter(|(k, _)| !ENVELOPE_KEYS.contains(&k.as_str())) {
                top.insert(k.clone(), v.clone());
            }
            Some(order_info(&top, &mut r))
        }
        _ => None,
    };
    Ok(GatewayResponse {
        kind,
        ok,
        known: entry.is_some(),
        description: entry.map_or(UNKNOWN, |c| c.description),
        error_code,
        error_message,
        url,
        order,
        data,
        warnings: r.warnings,
    })
}

fn order_info(d: &Map<String, Value>, r: &mut ValidationReport) -> OrderInfo {
    let mut info = OrderInfo::default();
    match d.get("amount") {
        Some(Value::String(s)) => {
            info.amount_text = Some(s.clone());
            let digits = !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && !(s.len() > 1 && s.starts_with('0'));
            info.amount = s.parse::<u64>().ok().filter(|n| digits && *n <= crate::validate::MAX_SAFE_AMOUNT);
            if info.amount.is_none() {
                let said = Said::new(Phrase::AmountNotPlain).name("field", "data.amount").quoted("value", s);
                r.warn("data.amount", ProblemCode::AmountNotInteger, said);
            }
        }
        Some(Value::Number(n)) => {
            info.amount_text = Some(n.to_string());
            info.amount = n.as_u64().filter(|n| *n <= crate::validate::MAX_SAFE_AMOUNT);
            if info.amount.is_none() {
                let said = Said::new(Phrase::AmountNotSafe).name("field", "data.amount");
                r.warn("data.amount", ProblemCode::AmountNotInteger, said.with("value", Arg::Number(n.clone())));
            }
        }
        Some(other) => {
            let said = Said::new(Phrase::ShouldBeString).name("field", "data.amount").word("got", kind_of(other));
            r.warn("data.amount", ProblemCode::WrongType, said);
        }
        None => r.warn("data.amount", ProblemCode::MissingField, Said::new(Phrase::NoAmount)),
    }
    for (k, v) in d {
        match k.as_str() {
            "amount" => {}
            // The parsed members take these names; a wire member of the same name is set aside.
            "amountText" => r.warn("data.amountText", ProblemCode::UnknownKey, Said::new(Phrase::AmountTextShadowed)),
            _ => {
                info.fields.insert(k.clone(), v.clone());
            }
        }
    }
    info
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_code_keeps_its_wire_spelling() {
        for c in GATEWAY_CODES {
            for kind in c.kinds {
                let data = if *kind == Paygate { json!({"url": "https://pay.example/x"}) } else { json!(null) };
                let r = parse_gateway_response(
                    *kind,
                    Body::Json(json!({"error_code": c.code, "error_message": "", "data": data})),
                )
                .unwrap();
                assert_eq!(r.error_code, c.code);
                assert!(r.known && r.warnings.is_empty(), "{r:?}");
                assert_eq!(r.ok, c.code == "SUCCESSFUL");
            }
        }
    }

    #[test]
    fn guide_examples() {
        let pay = r#"{"error_code":"SUCCESSFUL","error_message":"","data":{"url":"http://103.9.0.215/paygate/napas/payment?x=1"}}"#;
        let r = parse_gateway_response(Paygate, Body::Text(pay.into())).unwrap();
        assert_eq!(r.url.as_deref(), Some("http://103.9.0.215/paygate/napas/payment?x=1"));
        let refund = r#"{"error_code":"SUCCESSFUL","error_message":"SUCCESSFUL ","data":"null"}"#;
        let r = parse_gateway_response(Refund, Body::Text(refund.into())).unwrap();
        assert_eq!(r.warnings.len(), 1);
        let lookup = json!({"error_code": "SUCCESSFUL", "error_message": "", "data": {"amount": "40000", "orderId": "29.98.H29-310519-0001_201",
            "payTransId": "13333267", "errorCode": "00", "paygate": "vnpay", "type": "pay", "payDate": "20200712225148"}});
        let r = parse_gateway_response(Lookup, Body::Json(lookup)).unwrap();
        let order = r.order.unwrap();
        assert_eq!(order.amount, Some(40000));
        assert_eq!(order.amount_text.as_deref(), Some("40000"));
        assert_eq!(order.fields["payTransId"], "13333267");
        let shadow = json!({"error_code": "SUCCESSFUL", "data": {"amount": "5", "amountText": "x"}});
        let r = parse_gateway_response(Lookup, Body::Json(shadow)).unwrap();
        let text = serde_json::to_string(&r.order).unwrap();
        assert_eq!(text.matches("amountText").count(), 1, "{text}");
        assert_eq!(r.order.unwrap().amount_text.as_deref(), Some("5"));
    }

    #[test]
    fn a_lookup_record_at_the_top_level_is_read_as_the_table_lists_it() {
        let flat = json!({"error_code": "SUCCESSFUL", "error_message": "", "partnerCode": "000.00.18.H29",
            "transactionNo": "13333267", "requestCode": "R1", "amount": "40000", "paygate": "vnpay", "orderId": "O-1",
            "orderInfo": "x", "payDate": "20200712225148", "type": "Pay"});
        let r = parse_gateway_response(Lookup, Body::Json(flat.clone())).unwrap();
        let order = r.order.unwrap();
        assert_eq!((order.amount, order.fields["transactionNo"].as_str()), (Some(40000), Some("13333267")));
        assert!(!order.fields.contains_key("error_code"));
        assert_eq!(
            r.warnings.iter().map(|w| (w.path.as_str(), w.code)).collect::<Vec<_>>(),
            vec![("data", ProblemCode::MissingField)]
        );
        // An answer that is no record (a failure, or no transaction at all) has none.
        let mut failed = flat.clone();
        failed["error_code"] = json!("FAILED");
        assert!(parse_gateway_response(Lookup, Body::Json(failed)).unwrap().order.is_none());
        let bare = json!({"error_code": "SUCCESSFUL", "error_message": "", "data": null});
        assert!(parse_gateway_response(Lookup, Body::Json(bare)).unwrap().order.is_none());
    }

    #[test]
    fn odd_codes_are_reported_not_repaired() {
        let r = parse_gateway_response(Refund, Body::Json(json!({"error_code": " FAILED"}))).unwrap();
        assert!(!r.known && !r.ok);
        assert_eq!(r.warnings[0].said.phrase, Phrase::CodeNotListedTrimmed);
        assert_eq!(r.warnings[0].said.arg("code"), Some(&Arg::Name("FAILED".into())), "{:?}", r.warnings);
        assert!(r.warnings[0].message().contains("FAILED once trimmed"), "{:?}", r.warnings);
        assert_eq!(parse_gateway_response(Refund, Body::Json(json!([]))).unwrap_err().code, ErrorCode::InvalidMessage);
        assert_eq!(parse_gateway_response(Refund, Body::Text("nope".into())).unwrap_err().code, ErrorCode::InvalidJson);
    }
}
