//! Bodies and tokens as they arrive: parseLoose, decodeAuthorization, gateway responses and
//! payment results.

use base64::Engine;
use lgsp_paygate::{AuthorizationCredentials, Body, DefectCode, ErrorCode, ResponseKind};
use serde_json::Value;

use crate::{scheme_ids, utf8, Hidden, SECRET};

/// The fuzz input is what an integrator pastes (a body, a request, a curl command, a log line…),
/// read tolerantly.
pub fn parse_loose(data: &[u8]) {
    let Some(text) = utf8(data) else { return };
    let read = lgsp_paygate::parse_loose(text);
    serde_json::to_string(&read).expect("serialize");
    for d in &read.defects {
        assert!(!d.message().is_empty(), "defect without a message: {d:?}");
        assert!(d.line.is_none_or(|l| l >= 1) && d.column.is_none_or(|c| c >= 1), "defect position not 1-based: {d:?}");
    }
    if let Some(a) = &read.authorization {
        check_pasted_authorization(text, &read, a);
    }
    let Some(message) = read.message else {
        assert!(read.defects.iter().any(|d| d.code == DefectCode::Unreadable), "no message and no UNREADABLE defect");
        return;
    };
    // A strict JSON object read with no repair must read as strict JSON reads it.
    if let Ok(Value::Object(strict)) = serde_json::from_str::<Value>(text) {
        if read.defects.is_empty() {
            assert_eq!(message, strict, "parse_loose read strict JSON differently without naming a defect");
        }
    }
    let value = Value::Object(message);
    if let Some(map) = value.as_object() {
        lgsp_paygate::detect_scheme(map);
    }
    for id in scheme_ids() {
        let _ = lgsp_paygate::validate(id, &value);
        let _ = lgsp_paygate::explain(id, &value, Some(SECRET), false);
    }
}

/// A token found in a paste: placed inside the text (where it is written as it is, the place
/// holds it), never in `Debug` or a note unless the paste holds it elsewhere too.
fn check_pasted_authorization(text: &str, read: &lgsp_paygate::LooseParse, a: &lgsp_paygate::PastedAuthorization) {
    let token = a.token.expose();
    let chars: Vec<char> = text.chars().collect();
    let index = |line: usize, column: usize| -> Option<usize> {
        assert!(line >= 1 && column >= 1, "authorization place not 1-based: {line}:{column}");
        let start: usize = text.split_inclusive('\n').take(line - 1).map(|l| l.chars().count()).sum();
        let at = start + column - 1;
        (at <= chars.len()).then_some(at)
    };
    let start = index(a.line, a.column).expect("authorization starts inside the text");
    let end = index(a.end_line, a.end_column).expect("authorization ends inside the text");
    assert!(start < end, "authorization place empty or backwards: {start}..{end}");
    // A token written as it is (not through shell quotes or escapes), once: the place holds it.
    let cut: String = chars.get(start..end).unwrap_or_default().iter().collect();
    if text.matches(token).count() == 1 {
        assert!(cut.contains(token), "the place cut out does not hold the token");
    }
    let distinctive = token.len() >= 16 && !token.contains(char::is_whitespace);
    assert!(!(distinctive && format!("{a:?}").contains(token)), "Debug of the authorization shows its token");
    // Nowhere else in the paste (else the message may hold it as a value): nothing read shows it.
    let rest: String =
        chars.get(..start).unwrap_or_default().iter().chain(chars.get(end..).unwrap_or_default()).collect();
    if distinctive && !rest.contains(token) {
        assert!(!format!("{read:?}").contains(token), "Debug shows the pasted token");
        for d in &read.defects {
            let said = d.said.sentence();
            for text in [&said.en, &said.vi] {
                assert!(!text.contains(token), "a note quotes the pasted token: {text}");
            }
        }
    }
}

/// The fuzz input is a token as text, and also the JSON inside a token (encoded here).
pub fn token(data: &[u8]) {
    if let Some(text) = utf8(data) {
        check_token(text, None);
    }
    let inner: Option<Value> = serde_json::from_slice(data).ok();
    let secret = inner.as_ref().and_then(|v| v.get("SecretKey")).and_then(Value::as_str);
    check_token(&base64::engine::general_purpose::STANDARD.encode(data), secret);
}

fn check_token(token: &str, secret: Option<&str>) {
    match lgsp_paygate::decode_authorization(token) {
        Ok(c) => {
            let again = lgsp_paygate::decode_authorization(&lgsp_paygate::encode_authorization(&c));
            assert_eq!(again.as_ref(), Ok(&c), "decode(encode(credentials)) differs");
            assert_debug_hides_secret(&c);
        }
        Err(e) => {
            assert_eq!(e.code, ErrorCode::InvalidToken, "{e}");
            let shown = format!("{e} {e:?}");
            let distinctive = token.len() >= 16 && !token.contains(char::is_whitespace);
            assert!(!(distinctive && shown.contains(token)), "the error quotes the token: {shown}");
            if let Some(secret) = secret {
                let empty = Value::Object(Default::default());
                Hidden::new(secret, &empty).check("decode_authorization error", &shown);
            }
        }
    }
}

/// `Debug` of credentials shows everything but the secret key.
pub(crate) fn assert_debug_hides_secret(c: &AuthorizationCredentials) {
    let shown = format!("{c:?}");
    let without = format!("{:?}", AuthorizationCredentials { secret_key: String::new(), ..c.clone() });
    let escaped = format!("{:?}", c.secret_key);
    for form in [c.secret_key.as_str(), &escaped[1..escaped.len() - 1]] {
        if !form.is_empty() && !without.contains(form) {
            assert!(!shown.contains(form), "Debug shows the secret key: {shown}");
        }
    }
}

/// The fuzz input is the JSON text of a gateway response, read as each kind.
pub fn gateway_response(data: &[u8]) {
    let Some(text) = utf8(data) else { return };
    let strict: Option<Value> = serde_json::from_str(text).ok();
    for kind in [ResponseKind::Paygate, ResponseKind::Refund, ResponseKind::Lookup] {
        let from_text = lgsp_paygate::parse_gateway_response(kind, Body::Text(text.to_owned()));
        if let Some(v) = &strict {
            let from_value = lgsp_paygate::parse_gateway_response(kind, Body::Json(v.clone()));
            assert_eq!(from_text, from_value, "a response read from text and from its value differ");
        }
        let r = match from_text {
            Ok(r) => r,
            Err(e) => {
                assert!(matches!(e.code, ErrorCode::InvalidJson | ErrorCode::InvalidMessage), "{e}");
                continue;
            }
        };
        assert_eq!(r.ok, r.error_code == "SUCCESSFUL", "ok disagrees with error_code");
        let shown = serde_json::to_value(&r).expect("serialize");
        if let Some(order) = &r.order {
            // Each member once: a wire key must not collide with amount/amountText.
            let members = shown["order"].as_object().map_or(0, |m| m.len());
            assert_eq!(members, 2 + order.fields.len(), "order serializes a member twice: {}", shown["order"]);
            assert_eq!(
                shown["order"]["amountText"],
                serde_json::json!(order.amount_text),
                "order.amountText overwritten"
            );
        }
    }
}

/// The fuzz input is the JSON text of a payment result.
pub fn payment_result(data: &[u8]) {
    let Some(text) = utf8(data) else { return };
    let from_text = lgsp_paygate::parse_payment_result(Body::Text(text.to_owned()));
    let strict: Option<Value> = serde_json::from_str(text).ok();
    if let Some(v) = &strict {
        let from_value = lgsp_paygate::parse_payment_result(Body::Json(v.clone()));
        assert_eq!(from_text, from_value, "a payment result read from text and from its value differ");
    }
    let r = match from_text {
        Ok(r) => r,
        Err(e) => {
            assert_eq!(e.code, ErrorCode::InvalidJson, "{e}");
            return;
        }
    };
    assert_eq!(r.accepted, r.valid && r.checksum_valid, "accepted is not valid && checksumValid");
    assert!(!r.paid || r.accepted, "paid but not accepted");
    assert_eq!(r.valid, r.result.is_some(), "valid fields but no typed result (or the reverse)");
    let reply: Value = serde_json::from_str(&r.reply).expect("reply is JSON");
    let expected = if r.accepted { "SUCCESSFUL" } else { "FAILED" };
    assert_eq!(reply["error_code"], expected, "reply {}", r.reply);
    if let Some(v @ Value::Object(_)) = &strict {
        let verified = lgsp_paygate::verify("result", v, None);
        assert_eq!(r.checksum_valid, verified == Ok(true), "checksumValid disagrees with verify: {verified:?}");
    }
}
