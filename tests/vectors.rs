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
