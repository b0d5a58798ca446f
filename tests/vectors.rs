//! Known-answer vectors (computed by tests/vectors/generate.py with Python's hashlib) run
//! through the core. Loaded with `include_str!`, so the same tests run natively and on wasm32.

use lgsp_paygate::{checksum, decode_authorization, encode_authorization, preimage, verify, AuthorizationCredentials};
use serde_json::Value;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

const CHECKSUMS: &str = include_str!("vectors/checksums.json");
const AUTHORIZATION: &str = include_str!("vectors/authorization.json");

fn cases(text: &str) -> Vec<Value> {
    let doc: Value = serde_json::from_str(text).expect("vector file is JSON");
    doc["cases"].as_array().cloned().expect("vector file has cases")
}

fn s<'a>(case: &'a Value, key: &str) -> &'a str {
    case[key].as_str().unwrap_or_else(|| panic!("{}: {key} is not a string", case["id"]))
}

#[test]
fn checksum_vectors() {
    let all = cases(CHECKSUMS);
    assert!(all.len() >= 20, "too few vectors: {}", all.len());
    let mut valid = 0;
    for case in &all {
        let id = s(case, "id");
        let scheme = s(case, "scheme");
        let secret = case["secretKey"].as_str();
        let fields = &case["fields"];
        let expected = s(case, "checksum");
        let upper = case["uppercase"].as_bool().unwrap_or(false);
        let mut message = fields.clone();
        message["checksum"] = Value::String(expected.to_owned());
        match s(case, "result") {
            "valid" => {
                valid += 1;
                assert_eq!(checksum(scheme, fields, secret, upper).as_deref(), Ok(expected), "{id}: checksum");
                let pre = preimage(scheme, fields, secret).unwrap_or_else(|e| panic!("{id}: {e}"));
                assert_eq!(pre.revealed(), s(case, "preimage"), "{id}: preimage");
                assert_eq!(hex::encode(pre.revealed().as_bytes()), s(case, "preimageHex"), "{id}: preimage bytes");
                assert_eq!(verify(scheme, &message, secret), Ok(true), "{id}: verify");
            }
            "invalid" => {
                let computed = checksum(scheme, fields, secret, false).unwrap_or_else(|e| panic!("{id}: {e}"));
                assert!(!computed.eq_ignore_ascii_case(expected.trim()), "{id}: the wrong checksum was reproduced");
                assert_eq!(verify(scheme, &message, secret), Ok(false), "{id}: verify");
            }
            other => panic!("{id}: unknown result {other}"),
        }
    }
    assert!(valid >= 15, "too few valid vectors: {valid}");
}

#[test]
fn authorization_vectors() {
    for case in cases(AUTHORIZATION) {
        let id = s(&case, "id");
        let token = s(&case, "token");
        match s(&case, "result") {
            "valid" => {
                let decoded = decode_authorization(token).unwrap_or_else(|e| panic!("{id}: {e}"));
                let expected = AuthorizationCredentials::from_value(&case["credentials"]).expect("vector credentials");
                assert_eq!(decoded, expected, "{id}: decode");
                if case["encodes"].as_bool() == Some(true) {
                    assert_eq!(encode_authorization(&expected), token, "{id}: encode");
                }
            }
            "invalid" => {
                let err = decode_authorization(token).expect_err(id);
                assert_eq!(err.code.as_str(), s(&case, "errorCode"), "{id}: code");
                assert!(token.is_empty() || !err.message().contains(token), "{id}: the message quotes the token");
            }
            other => panic!("{id}: unknown result {other}"),
        }
    }
}

const LOOKUPS: &str = include_str!("vectors/lookups.json");

fn section(name: &str) -> Vec<Value> {
    let doc: Value = serde_json::from_str(LOOKUPS).expect("lookups.json is JSON");
    doc[name].as_array().cloned().unwrap_or_else(|| panic!("lookups.json has {name}"))
}

fn paths_and_codes(problems: &[lgsp_paygate::Problem]) -> Value {
    Value::Array(
        problems
            .iter()
            .map(|p| serde_json::json!([p.path, serde_json::to_value(p.code).expect("a code serializes")]))
            .collect(),
    )
}

#[test]
fn lookup_request_vectors() {
    let requests = section("requests");
    assert!(requests.len() >= 4, "too few lookup requests");
    for case in requests {
        let id = s(&case, "id");
        let built = lgsp_paygate::build_lookup_request(&case["given"], &case["credentials"]);
        match s(&case, "result") {
            "valid" => {
                let built = built.unwrap_or_else(|e| panic!("{id}: {e}"));
                assert_eq!(built.json, s(&case, "json"), "{id}: body");
                assert!(built.warnings.is_empty(), "{id}: {:?}", built.warnings);
                let body: Value = serde_json::from_str(&built.json).expect("the body is JSON");
                let pre = preimage("lookup", &body, case["credentials"]["secretKey"].as_str()).expect("a preimage");
                assert_eq!(pre.revealed(), s(&case, "preimage"), "{id}: preimage");
            }
            "invalid" => {
                let err = built.expect_err(id);
                assert_eq!(paths_and_codes(&err.problems), case["problems"], "{id}: problems");
            }
            other => panic!("{id}: unknown result {other}"),
        }
    }
}

#[test]
fn lookup_answer_vectors() {
    for case in section("answers") {
        let id = s(&case, "id");
        let report = lgsp_paygate::parse_payment_result(lgsp_paygate::Body::Json(case["result"].clone()))
            .unwrap_or_else(|e| panic!("{id}: {e}"));
        let result = serde_json::to_value(report.result.unwrap_or_else(|| panic!("{id}: result not accepted")))
            .expect("a result serializes");
        assert!(report.paid, "{id}: the result claims a payment");
        let answer = lgsp_paygate::parse_gateway_response(
            lgsp_paygate::ResponseKind::Lookup,
            lgsp_paygate::Body::Text(s(&case, "answer").to_owned()),
        )
        .unwrap_or_else(|e| panic!("{id}: {e}"));
        let order =
            serde_json::to_value(answer.order.unwrap_or_else(|| panic!("{id}: no record"))).expect("serializes");
        let c = lgsp_paygate::compare_with_lookup(&result, &order).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(Value::Bool(c.confirmed), case["confirmed"], "{id}: confirmed ({:?})", c.problems);
        assert_eq!(serde_json::to_value(c.transaction_key).expect("serializes"), case["transactionKey"], "{id}: key");
        assert_eq!(paths_and_codes(&c.problems), case["problems"], "{id}: problems");
    }
}
