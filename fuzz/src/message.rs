//! validate, checksum, preimage, verify, explain and detectScheme over JSON text, under every
//! scheme, with and without a secret key.

use lgsp_paygate::{Body, ErrorCode, Word};
use serde_json::Value;

use crate::{assert_hex64, message_and_secret, scheme_ids, utf8, Hidden};

/// The fuzz input is the JSON text of a message (see [`message_and_secret`]).
pub fn message(data: &[u8]) {
    let Some(text) = utf8(data) else { return };
    // The bindings read text bodies this way: strict JSON, or INVALID_JSON.
    if let Err(e) = Body::Text(text.to_owned()).into_value(Word::Message) {
        assert_eq!(e.code, ErrorCode::InvalidJson, "{e}");
        return;
    }
    let Some((value, secret)) = message_and_secret(text) else { return };
    for id in scheme_ids() {
        check_scheme(id, &value, &secret);
    }
    // Not a scheme: refused by code, never a panic.
    let e = lgsp_paygate::validate("Paygate", &value).expect_err("unknown scheme id accepted");
    assert_eq!(e.code, ErrorCode::UnknownScheme);
    if let Some(map) = value.as_object() {
        if let Some(id) = lgsp_paygate::detect_scheme(map) {
            assert!(scheme_ids().any(|s| s == id), "detect_scheme invented {id:?}");
        }
    }
}

/// Whether the message uses one of the scheme's field aliases (explain reads them as the
/// table's names; checksum and verify do not).
fn uses_alias(id: &str, value: &Value) -> bool {
    let scheme = lgsp_paygate::SCHEMES.iter().find(|s| s.id == id).expect("table id");
    value.as_object().is_some_and(|m| scheme.aliases.iter().any(|(alias, _)| m.contains_key(*alias)))
}

pub(crate) fn check_scheme(id: &str, value: &Value, secret: &str) {
    let hidden = Hidden::new(secret, value);
    match lgsp_paygate::validate(id, value) {
        Ok(report) => assert_eq!(report.valid, report.errors.is_empty(), "validate: valid disagrees with errors"),
        Err(e) => hidden.check_error("validate", &e),
    }
    for secret in [Some(secret), None] {
        let sum = checksum_checks(id, value, secret, &hidden);
        verify_checks(id, value, secret, sum.as_deref(), &hidden);
        explain_checks(id, value, secret, sum.as_deref(), &hidden);
    }
}

/// checksum and preimage agree; returns the checksum when there is one.
fn checksum_checks(id: &str, value: &Value, secret: Option<&str>, hidden: &Hidden) -> Option<String> {
    match lgsp_paygate::checksum(id, value, secret, false) {
        Ok(sum) => {
            assert_hex64(&sum, false, "checksum");
            let upper = lgsp_paygate::checksum(id, value, secret, true).expect("upper-case checksum failed");
            assert_eq!(upper, sum.to_ascii_uppercase(), "checksum: upper-case option");
            let pre = lgsp_paygate::preimage(id, value, secret).expect("checksum worked, preimage failed");
            assert_eq!(hex::encode(pre.digest()), sum, "checksum is not the digest of the preimage");
            hidden.check("preimage (masked)", &pre.text(false));
            hidden.check("preimage Debug", &format!("{pre:?}"));
            Some(sum)
        }
        Err(e) => {
            hidden.check_error("checksum", &e);
            let allowed = [
                ErrorCode::MissingField,
                ErrorCode::MissingSecret,
                ErrorCode::InvalidField,
                ErrorCode::InvalidArgument,
            ];
            assert!(allowed.contains(&e.code), "checksum threw {e}");
            None
        }
    }
}

/// verify accepts its own checksum in either case with white space around it, and refuses a
/// one-digit change.
fn verify_checks(id: &str, value: &Value, secret: Option<&str>, sum: Option<&str>, hidden: &Hidden) {
    if let Err(e) = lgsp_paygate::verify(id, value, secret) {
        hidden.check_error("verify", &e);
    }
    let (Some(sum), Some(map)) = (sum, value.as_object()) else { return };
    let with = |received: String| {
        let mut m = map.clone();
        m.insert("checksum".into(), Value::String(received));
        lgsp_paygate::verify(id, &Value::Object(m), secret)
    };
    for received in
        [sum.to_owned(), sum.to_ascii_uppercase(), format!(" \t{sum}\r\n"), format!("\n{}  ", sum.to_ascii_uppercase())]
    {
        assert_eq!(with(received.clone()), Ok(true), "verify refused its own checksum {received:?}");
    }
    let mut flipped = sum.to_owned().into_bytes();
    flipped[63] = if flipped[63] == b'0' { b'1' } else { b'0' };
    assert_eq!(with(String::from_utf8(flipped).expect("hex")), Ok(false), "verify accepted a changed checksum");
    assert_eq!(with(format!("{sum}0")), Ok(false), "verify accepted 65 digits");
}

/// explain's steps tile the pre-image, and its digest and match agree with checksum and verify.
fn explain_checks(id: &str, value: &Value, secret: Option<&str>, sum: Option<&str>, hidden: &Hidden) {
    let masked = match lgsp_paygate::explain(id, value, secret, false) {
        Ok(e) => e,
        Err(e) => {
            hidden.check_error("explain", &e);
            return;
        }
    };
    hidden.check("explain (masked)", &serde_json::to_string(&masked).expect("serialize"));
    hidden.check("explain Debug", &format!("{masked:?}"));
    let mut next = 0;
    for (i, step) in masked.steps.iter().enumerate() {
        assert_eq!(step.index, i, "explain: step index");
        assert_eq!(step.offset, next, "explain: step {i} does not start where the previous ended");
        next += step.length;
    }
    assert_eq!(masked.digest.is_some(), masked.errors.is_empty(), "explain: digest iff no errors");
    if let Some(len) = masked.byte_length {
        assert_eq!(len, next, "explain: byte length is not the sum of the steps");
        assert_eq!(masked.preimage_hex.as_ref().map(String::len), Some(2 * len), "explain: preimageHex length");
    }
    if !uses_alias(id, value) {
        assert_eq!(masked.digest.as_deref(), sum, "explain and checksum disagree");
        if let Ok(verified) = lgsp_paygate::verify(id, value, secret) {
            if masked.digest.is_some() {
                assert_eq!(masked.matches, Some(verified), "explain.matches and verify disagree");
            }
        }
    }
    let revealed = lgsp_paygate::explain(id, value, secret, true).expect("explain failed only when revealing");
    assert_eq!(revealed.digest, masked.digest, "revealing the secret changed the digest");
    if let (Some(pre), false) = (&revealed.preimage, uses_alias(id, value)) {
        let expected = lgsp_paygate::preimage(id, value, secret).expect("explain has a preimage, preimage() failed");
        assert_eq!(pre.as_str(), expected.revealed(), "explain(revealSecret) and preimage() disagree");
    }
}
