//! diagnose over JSON text, under every scheme, with and without a secret key.

use lgsp_paygate::diagnose::MAX_VARIANTS;
use serde_json::Value;

use crate::{assert_hex64, message_and_secret, scheme_ids, utf8, Hidden};

/// The fuzz input is the JSON text of a message (see [`message_and_secret`]).
pub fn diagnose(data: &[u8]) {
    let Some((value, secret)) = utf8(data).and_then(message_and_secret) else { return };
    let hidden = Hidden::new(&secret, &value);
    for id in scheme_ids() {
        for secret in [Some(secret.as_str()), None] {
            match lgsp_paygate::diagnose(id, &value, secret) {
                Ok(d) => check(id, &value, &d, &hidden),
                Err(e) => hidden.check_error("diagnose", &e),
            }
        }
    }
}

pub(crate) fn check(id: &str, value: &Value, d: &lgsp_paygate::Diagnosis, hidden: &Hidden) {
    hidden.check("diagnose", &serde_json::to_string(d).expect("serialize"));
    hidden.check("diagnose Debug", &format!("{d:?}"));
    assert_eq!(d.scheme, id);
    assert!(d.tried <= MAX_VARIANTS, "diagnose hashed {} variants, over its bound", d.tried);
    assert!(!d.summary.en.is_empty() && !d.summary.vi.is_empty(), "diagnose: empty summary");
    if d.matches {
        assert!(d.findings.is_empty(), "diagnose: findings for a matching checksum");
    }
    if let Some(computed) = &d.computed {
        assert_hex64(computed, false, "diagnose.computed");
        let mut digest = [0u8; 32];
        hex::decode_to_slice(computed, &mut digest).expect("hex");
        let received = value.get("checksum").and_then(Value::as_str);
        assert_eq!(d.received.as_deref(), received, "diagnose.received is not the message's checksum");
        let expected = received.is_some_and(|r| lgsp_paygate::checksum::matches(r, &digest));
        assert_eq!(d.matches, expected, "diagnose.matches disagrees with the checksum comparison");
    }
    for f in &d.findings {
        assert!(scheme_ids().any(|s| s == f.scheme), "finding names scheme {:?}", f.scheme);
        for c in &f.changes {
            if c.field == "secretKey" {
                assert!(c.from.is_none() && c.to.is_none(), "a finding shows secret key text: {c:?}");
            }
        }
    }
}
