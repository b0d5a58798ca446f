//! The debugger page's one call per lane gives what the separate calls give (parseLoose,
//! detectScheme, explain, comparePreimage, diagnose), with long values cut to the page's limits.
//! Over the shared vectors (checksums by tests/vectors/generate.py with Python's hashlib). Runs
//! natively and on wasm32.

use lgsp_paygate::debug::analyse::{analyse, Input, Job, Lane, Limits, PAGE_LIMITS};
use lgsp_paygate::{checksum, compare_preimage, detect_scheme, diagnose, explain, parse_loose, Theirs};
use serde_json::{json, Value};

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

const DIAGNOSES: &str = include_str!("vectors/diagnoses.json");

fn case(id: &str) -> Value {
    #[cfg(target_arch = "wasm32")]
    lgsp_paygate::bindings::install_normalizer();
    let doc: Value = serde_json::from_str(DIAGNOSES).expect("vector file is JSON");
    doc["cases"].as_array().and_then(|c| c.iter().find(|c| c["id"] == id).cloned()).expect("case")
}

/// A job as the page sends it: `{part, body | message, scheme, fallbackScheme, secret, theirs,
/// reveal, limits}`.
fn job(v: Value) -> Job {
    let text = |k: &str| v[k].as_str().map(str::to_owned);
    Job {
        lane: Lane::parse(v["part"].as_str().unwrap_or("verdict")).expect("a lane"),
        input: match text("body") {
            Some(body) => Input::Body(body),
            None => Input::Message(v["message"].clone()),
        },
        scheme: text("scheme"),
        fallback_scheme: text("fallbackScheme"),
        secret: text("secret"),
        theirs: Some(v["theirs"].clone()).filter(|t| !t.is_null()),
        reveal: v["reveal"] == true,
        limits: serde_json::from_value::<[usize; 4]>(v["limits"].clone()).map_or(PAGE_LIMITS, |[d, s, p, q]| Limits {
            defects: d,
            shown_chars: s,
            plain_chars: p,
            quoted_chars: q,
        }),
    }
}

#[test]
fn one_call_gives_what_the_separate_calls_give() {
    for id in ["clean-match", "trimmed-value"] {
        let c = case(id);
        let secret = c["secretKey"].as_str();
        // A body with a repair in it: a trailing comma.
        let text = serde_json::to_string_pretty(&c["message"]).unwrap().replacen("\n}", ",\n}", 1);
        let base = json!({"body": text, "scheme": "auto", "fallbackScheme": "lookup",
            "secret": secret, "reveal": false, "theirs": "not the pre-image"});
        let mut v = base.clone();
        v["part"] = json!("verdict");
        let verdict = analyse(&job(v));
        let read = parse_loose(&text);
        let message = Value::Object(read.message.clone().expect("readable"));
        let scheme = detect_scheme(message.as_object().unwrap()).expect("detected");
        assert_eq!(verdict.scheme.as_deref(), Some(scheme), "{id}");
        assert_eq!(serde_json::to_value(verdict.how).unwrap(), "detected");
        let parsed = verdict.parsed.as_ref().expect("parsed");
        assert_eq!((parsed.readable, parsed.defects.clone(), parsed.defect_count), (true, read.defects.clone(), 1));
        assert_eq!(verdict.explanation, Some(explain(scheme, &message, secret, false).unwrap()), "{id}");
        let theirs = Theirs::Text("not the pre-image".into());
        assert_eq!(verdict.compare, Some(compare_preimage(scheme, &message, secret, &theirs, false).unwrap()));
        let creds = verdict.credentials.as_ref().unwrap();
        assert_eq!(creds.partner_code.as_deref(), c["message"]["partnerCode"].as_str());
        assert!(verdict.diagnosis.is_none() && verdict.error.is_none());

        let mut d = base.clone();
        d["part"] = json!("diagnosis");
        let diagnosis = analyse(&job(d));
        assert_eq!(diagnosis.part, Lane::Diagnosis);
        assert!(diagnosis.parsed.is_none() && diagnosis.explanation.is_none() && diagnosis.compare.is_none());
        let expected = diagnose(scheme, &message, secret).unwrap();
        if expected.matches {
            assert_eq!(diagnosis.diagnosis, None, "{id}: nothing to diagnose");
        } else {
            assert_eq!(diagnosis.diagnosis, Some(expected), "{id}");
        }
    }
}

#[test]
fn blank_bodies_forms_and_chosen_schemes() {
    let blank = analyse(&job(json!({"part": "verdict", "body": "  \n", "scheme": "auto", "fallbackScheme": "refund"})));
    assert_eq!((blank.scheme.as_deref(), blank.readable, blank.parsed.is_none()), (Some("refund"), false, true));
    let unreadable = analyse(&job(
        json!({"part": "verdict", "body": "{\"orderId\": nope}", "scheme": "auto", "fallbackScheme": "paygate"}),
    ));
    let parsed = unreadable.parsed.expect("parsed");
    assert!(!parsed.readable && parsed.defects.last().unwrap().said.phrase == lgsp_paygate::Phrase::NotAJsonValue);
    assert!(unreadable.explanation.is_none() && unreadable.credentials.is_none());
    assert_eq!(serde_json::to_value(unreadable.how).unwrap(), "none");

    let c = case("clean-match");
    let form = analyse(&job(json!({"part": "verdict", "message": c["message"], "scheme": "paygate",
        "secret": c["secretKey"]})));
    assert_eq!(form.explanation.as_ref().and_then(|e| e.matches), Some(true));
    assert!(form.parsed.is_none());
    assert_eq!(serde_json::to_value(form.how).unwrap(), "chosen");

    let chosen = analyse(&job(json!({"part": "verdict", "body": "{\"orderId\": \"O\"}", "scheme": "nope"})));
    let error = serde_json::to_value(chosen.error.expect("an error")).unwrap();
    assert_eq!(error["code"], "UNKNOWN_SCHEME");
    assert!(error["text"]["vi"].as_str().unwrap().contains("\"nope\""), "{error}");
    let no_fallback = analyse(&job(json!({"body": "", "scheme": "auto"})));
    assert_eq!(no_fallback.scheme.as_deref(), Some("paygate"));
    assert_eq!(Lane::parse("verdicts").unwrap_err().path.as_deref(), Some("part"));
    // Their pre-image that cannot be read is the comparison's error; the verdict stands.
    let bad =
        analyse(&job(json!({"body": c["message"].to_string(), "secret": c["secretKey"], "theirs": {"hex": "0g"}})));
    assert_eq!(bad.explanation.and_then(|e| e.matches), Some(true));
    let error = bad.compare_error.expect("the comparison's error");
    assert_eq!((error.code, error.path.as_deref()), (lgsp_paygate::ErrorCode::InvalidArgument, Some("theirs.hex")));
}

#[test]
fn long_values_come_back_cut_with_their_sizes() {
    let c = case("clean-match");
    let mut message = c["message"].clone();
    // Signed over the trimmed value, sent with a leading space: the diagnosis quotes both.
    let info = "đơn hàng".repeat(2000);
    message["orderInfo"] = json!(info);
    message["checksum"] = json!(checksum("paygate", &message, c["secretKey"].as_str(), false).unwrap());
    message["orderInfo"] = json!(format!(" {info}"));
    let limits = json!([0, 100, 50, 30]);
    let base = json!({"body": message.to_string(), "secret": c["secretKey"], "limits": limits, "theirs": "x"});
    let verdict = analyse(&job(base.clone()));
    let e = verdict.explanation.expect("explanation");
    assert!(e.preimage_cut && e.preimage.as_ref().unwrap().chars().count() == 50);
    assert_eq!(e.preimage_hex.as_ref().unwrap().len(), 150);
    let step = e.steps.iter().find(|s| s.name == "orderInfo").unwrap();
    assert!(step.cut && step.value.chars().count() == 100 && step.visible.chars().count() == 100);
    assert_eq!(step.hex.len(), 299);
    assert_eq!(step.length, info.len() + 1, "the full length is kept");
    assert!(e.steps.iter().filter(|s| s.name != "orderInfo").all(|s| !s.cut));
    assert_eq!(verdict.parsed.map(|p| (p.defects.len(), p.defect_count)), Some((0, 0)));

    let mut d = base;
    d["part"] = json!("diagnosis");
    let diagnosis = analyse(&job(d)).diagnosis.expect("a diagnosis");
    let change = diagnosis.findings.iter().flat_map(|f| &f.changes).find(|c| c.field == "orderInfo").expect("change");
    assert_eq!(change.from.as_ref().map(|v| v.chars().count()), Some(30));
    let size = change.from_size.expect("from size");
    assert_eq!((size.chars, size.bytes), (info.chars().count() + 1, info.len() + 1));
    let text = serde_json::to_value(change).unwrap();
    assert_eq!(text["fromSize"]["bytes"], json!(info.len() + 1), "{}", text.to_string().len());
}
