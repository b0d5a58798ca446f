//! Messages are data: every phrase has an English and a Vietnamese template naming the same
//! values, and every problem, repair and error the core makes from bad input renders both
//! languages quoting the same values. A battery of bad inputs reaches every phrase but those only
//! the WebAssembly bindings make (listed below, and checked in tests/wasm.rs): a new phrase
//! without a case here fails `every_phrase_is_reached`. Runs natively and on wasm32.

use std::collections::BTreeSet;

use lgsp_paygate::compare::Theirs;
use lgsp_paygate::debug::analyse::Lane;
use lgsp_paygate::said::Arg;
use lgsp_paygate::{
    build_lookup_request, build_paygate_request, build_refund_request, checksum, compare_with_lookup,
    decode_authorization, parse_gateway_response, parse_loose, parse_payment_result, validate, verify, Body,
    ChecksumOptions, Credentials, Error, Lang, Phrase, PreimageOptions, ResponseKind, Said, Word,
};
use serde_json::{json, Map, Value};

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

/// Phrases only the bindings say (reading JavaScript values), or that no input can reach (a
/// validated request that serde cannot write; base64's padding error, which the token's
/// padding-indifferent decoder never raises).
const BINDINGS_ONLY: &[Phrase] = &[
    Phrase::NotAStringArgument,
    Phrase::LoneSurrogate,
    Phrase::NotAJsonNumber,
    Phrase::BigIntTooLarge,
    Phrase::NestedTooDeep,
    Phrase::NotJsonValue,
    Phrase::ReadingThrew,
    Phrase::ListingKeysThrew,
    Phrase::ArrayTooLong,
    Phrase::NotConvertible,
    Phrase::RequestDoesNotFit,
    Phrase::RequestNotWritable,
    Phrase::TokenBadPadding,
];

/// Phrases said only when no other reason was found: the intake's last word when nothing was
/// read and no reader said why (no paste the readers know of gets there).
const SAFETY_NETS: &[Phrase] = &[Phrase::NothingReadable];

fn setup() {
    #[cfg(target_arch = "wasm32")]
    lgsp_paygate::bindings::install_normalizer();
}

/// The `{name}`s of a template, in order.
fn placeholders(template: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let len = after.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(after.len());
        if len > 0 && after[len..].starts_with('}') {
            out.push(&after[..len]);
        }
        rest = after;
    }
    out
}

#[test]
fn every_phrase_has_vietnamese_naming_the_same_values() {
    for phrase in Phrase::ALL {
        let [en, vi] = phrase.templates();
        assert!(!vi.trim().is_empty() && vi != en, "{phrase:?}: no Vietnamese of its own: {vi:?}");
        let (mut a, mut b) = (placeholders(en), placeholders(vi));
        a.sort_unstable();
        b.sort_unstable();
        assert_eq!(a, b, "{phrase:?}: the templates name different values\n  en: {en}\n  vi: {vi}");
        // The style both languages share: lower case first (names aside), no final stop.
        for t in [en, vi] {
            assert!(!t.ends_with('.') && !t.ends_with(' '), "{phrase:?}: {t:?} ends with a stop");
        }
    }
    for word in Word::ALL {
        let (en, vi) = (word.text(Lang::En), word.text(Lang::Vi));
        assert!(!vi.is_empty() && vi != en, "{word:?}: no Vietnamese of its own");
        assert!(word.id().chars().all(|c| c.is_ascii_alphanumeric()), "{word:?}: id {}", word.id());
    }
    let ids: BTreeSet<&str> = Word::ALL.iter().map(|w| w.id()).collect();
    assert_eq!(ids.len(), Word::ALL.len(), "two words share an id");
}

/// One Said checked: no value left out, every placeholder filled, and each value the English
/// quotes quoted by the Vietnamese too (words in their own language).
fn check(said: &Said, seen: &mut BTreeSet<String>) {
    let (en, vi) = (said.render(Lang::En), said.render(Lang::Vi));
    let ctx = format!("{:?}\n  en: {en}\n  vi: {vi}", said.phrase);
    let [en_t, _] = said.phrase.templates();
    let named: BTreeSet<&str> = placeholders(en_t).into_iter().collect();
    let given: BTreeSet<&str> = said.args.iter().map(|(n, _)| *n).collect();
    assert_eq!(named, given, "{ctx}: values given and values named differ");
    for text in [&en, &vi] {
        assert!(placeholders(text).is_empty(), "{ctx}: a placeholder is left");
    }
    for (name, arg) in &said.args {
        match arg {
            Arg::Word(w) => {
                assert!(en.contains(w.text(Lang::En)) && vi.contains(w.text(Lang::Vi)), "{ctx}: {name}");
            }
            Arg::Said(list) => {
                for inner in list {
                    assert!(en.contains(&inner.render(Lang::En)) && vi.contains(&inner.render(Lang::Vi)), "{ctx}");
                    check(inner, seen);
                }
            }
            Arg::Name(_) | Arg::Quoted { .. } | Arg::Number(_) => {
                let shown = arg.text(Lang::En);
                assert_eq!(shown, arg.text(Lang::Vi), "{ctx}: {name}");
                assert!(en.contains(&shown) && vi.contains(&shown), "{ctx}: {name} = {shown} not in both");
            }
        }
    }
    seen.insert(format!("{:?}", said.phrase));
}

/// Everything the core says about `value`'s problems, errors and repairs.
fn said_in(value: Result<Vec<Said>, Error>) -> Vec<Said> {
    match value {
        Ok(list) => list,
        Err(e) => std::iter::once(e.said).chain(e.problems.into_iter().map(|p| p.said)).collect(),
    }
}

fn problems(report: lgsp_paygate::ValidationReport) -> Vec<Said> {
    report.errors.into_iter().chain(report.warnings).map(|p| p.said).collect()
}

fn err<T: std::fmt::Debug>(r: Result<T, Error>) -> Vec<Said> {
    match r {
        Ok(v) => panic!("expected an error, got {v:?}"),
        Err(e) => said_in(Err(e)),
    }
}

fn obj(v: Value) -> Map<String, Value> {
    v.as_object().cloned().expect("object")
}

fn battery() -> Vec<Said> {
    setup();
    let mut out: Vec<Said> = Vec::new();
    let creds = json!({"partnerCode": "P", "accessKey": "A", "secretKey": "k"});
    // Validation.
    out.extend(problems(validate("paygate", &json!([1])).unwrap()));
    let bad = json!({"partnerCode": "P ", "accessKey": 5, "returnUrl": "ftp://x", "orderId": "",
        "amount": 40000.5, "orderInfo": "a\u{200B}b\tc “q” e\u{301}", "requestCode": "R", "ipAddress": "999.1.1.1",
        "serviceCode": "S", "checksum": "abc", "extra": 1});
    out.extend(problems(validate("paygate", &bad).unwrap()));
    for amount in [json!("40000"), json!(true), json!(0), json!(-3), json!(9_007_199_254_740_993u64)] {
        let mut m = bad.clone();
        m["amount"] = amount;
        out.extend(problems(validate("paygate", &m).unwrap()));
    }
    out.extend(problems(
        validate("result", &json!({"payDate": "20231301000000", "type": "pay", "errorCode": "00"})).unwrap(),
    ));
    out.extend(problems(validate("result", &json!({"type": "Payment"})).unwrap()));
    out.extend(problems(validate("refund", &json!({"transactionType": "01"})).unwrap()));
    out.extend(problems(validate("lookup", &json!({"payTransId": "1"})).unwrap()));
    out.extend(problems(validate("lookup", &json!({"payTransId": "1", "transactionNo": "2"})).unwrap()));
    // Builders.
    out.extend(err(build_paygate_request(&json!({"checksum": "x", "orderID": "typo", "amount": -1}), &creds)));
    out.extend(err(build_refund_request(&json!([]), &creds)));
    out.extend(err(build_lookup_request(&json!({}), &json!({"partnerCode": "P", "accessKey": 1, "secretKey": "k"}))));
    out.extend(err(build_lookup_request(&json!({}), &json!({"partnerCode": "P", "secretKey": "k"}))));
    out.extend(err(Credentials::from_value(&json!({"partnerCode": "P", "accessKey": "A", "secretKey": "k", "x": 1}))));
    // Payment results and confirmation.
    out.extend(err(parse_payment_result(Body::Text("{\"a\": ".into()))));
    let result = json!({"paygate": "vnpay", "payTransId": "1", "orderId": "O", "amount": 40000, "orderInfo": "x",
        "payDate": "20200712225148", "errorCode": "24", "type": "Pay", "checksum": "0".repeat(64)});
    let report = parse_payment_result(Body::Json(result.clone())).unwrap();
    out.extend(report.errors.into_iter().chain(report.warnings).map(|p| p.said));
    for kind in [json!("Refund"), json!(null)] {
        let order = json!({"amount": "4000", "orderId": "O", "payTransId": "1", "errorCode": "00", "type": kind});
        out.extend(compare_with_lookup(&result, &order).unwrap().problems.into_iter().map(|p| p.said));
    }
    let two_names = json!({"amount": "40000", "orderId": "O", "payTransId": "1", "transactionNo": "2", "errorCode": "24", "type": "Pay"});
    out.extend(compare_with_lookup(&result, &two_names).unwrap().problems.into_iter().map(|p| p.said));
    out.extend(err(compare_with_lookup(&json!({"orderId": "O"}), &json!({}))));
    // Gateway responses.
    out.extend(err(ResponseKind::parse("paygates")));
    out.extend(err(parse_gateway_response(ResponseKind::Lookup, Body::Json(json!([])))));
    out.extend(err(parse_gateway_response(ResponseKind::Lookup, Body::Json(json!({"error_code": 1})))));
    out.extend(err(parse_gateway_response(ResponseKind::Lookup, Body::Json(json!({})))));
    use ResponseKind::{Lookup, Paygate};
    for (kind, body) in [
        (Lookup, json!({"error_code": "SIGNTURE_WRONG", "error_message": 1, "data": {"amount": "04"}})),
        (Lookup, json!({"error_code": " failed", "data": {"amount": 1.5, "amountText": "x"}})),
        (Lookup, json!({"error_code": "GATEWAY_BUSY", "data": {"amount": true}})),
        (Lookup, json!({"error_code": "SUCCESSFUL", "data": {}})),
        (Lookup, json!({"error_code": "SUCCESSFUL", "transactionNo": "1", "amount": "40000"})),
        (Paygate, json!({"error_code": "SUCCESSFUL", "data": "null"})),
        (Paygate, json!({"error_code": "SUCCESSFUL", "data": {}})),
    ] {
        out.extend(parse_gateway_response(kind, Body::Json(body)).unwrap().warnings.into_iter().map(|p| p.said));
    }
    // The scheme table, checksums and options.
    out.extend(err(checksum("pay", &json!({}), None, false)));
    out.extend(err(checksum("lookup", &json!(1), None, false)));
    out.extend(err(checksum(
        "lookup",
        &json!({"partnerCode": true, "accessKey": "A", "transactionNo": 1, "orderId": "O"}),
        Some("k"),
        false,
    )));
    out.extend(err(checksum(
        "lookup",
        &json!({"partnerCode": 1.5, "accessKey": "A", "transactionNo": 1, "orderId": "O"}),
        Some("k"),
        false,
    )));
    out.extend(err(checksum("lookup", &json!({"partnerCode": "P"}), Some("k"), false)));
    out.extend(err(checksum(
        "lookup",
        &json!({"partnerCode": "P", "accessKey": "A", "payTransId": "1", "orderId": "O"}),
        Some("k"),
        false,
    )));
    out.extend(err(checksum(
        "lookup",
        &json!({"partnerCode": "P", "accessKey": "A", "transactionNo": "1", "orderId": "O"}),
        None,
        false,
    )));
    out.extend(err(lgsp_paygate::scheme::scheme("lookup").unwrap().assemble(None, &obj(json!({"partnerCode": "P"})))));
    out.extend(err(verify("result", &json!({}), None)));
    out.extend(err(verify("result", &json!({"checksum": 1}), None)));
    out.extend(err(ChecksumOptions::from_value(Some(&json!({"upper": true})))));
    out.extend(err(ChecksumOptions::from_value(Some(&json!({"uppercase": 1})))));
    out.extend(err(PreimageOptions::from_value(Some(&json!("yes")))));
    // Their pre-image, to compare.
    for theirs in
        [json!(1), json!({"text": "x"}), json!({"hex": 1}), json!({}), json!({"hex": "0g"}), json!({"hex": "abc"})]
    {
        out.extend(err(Theirs::from_value(&theirs)));
    }
    // The Authorization token.
    for token in ["", "%%%", "a", "YR==", "YQ=a", "/w==", "bm90IGpzb24=", "WzFd", "e30=", "eyJBY2Nlc3NLZXkiOjF9"] {
        out.extend(err(decode_authorization(token)));
    }
    // The tolerant reader.
    for text in [
        "\u{FEFF}{a: 'x', // note\n \"b\":\u{A0}1, /* c */ \u{201C}c\u{201D}: \"x\ty\", \"d\": 1,}",
        "{\"a\": 1 \"a\": [1, 2,] } tail",
        "{\" check-sum\": 1, \"CheckSum\": 2}",
        "{/* open",
        "{\"a\": \"open",
        "{\"a\": \"\\u12\"}",
        "{\"a\": \"\\ud800\\u0041\"}",
        "{\"a\": \"\\",
        "{\"a\": \"\\q\"}",
        "{\"a\": 1.2.3}",
        "{\"a\": nope}",
        "{\"a\": #}",
        "{\"a\": 1 #",
        "{\"a\": 1",
        "{\"a\": ",
        "{#: 1}",
        "{",
        "{\"a\" 1}",
        "[1]",
    ] {
        out.extend(parse_loose(text).defects.into_iter().map(|d| d.said));
    }
    out.extend(parse_loose(&"[".repeat(100)).defects.into_iter().map(|d| d.said));
    // What integrators paste around a body: every paste of the vectors, and the pastes that
    // cannot be read.
    let pastes: serde_json::Value = serde_json::from_str(include_str!("vectors/pastes.json")).unwrap();
    for case in pastes["cases"].as_array().unwrap() {
        out.extend(parse_loose(case["text"].as_str().unwrap()).defects.into_iter().map(|d| d.said));
    }
    for text in [
        "curl -d @body.json https://x.example/paygate",
        "curl -F a=b https://x.example/paygate",
        "curl -G -d a=1 https://x.example/paygate",
        "curl https://x.example/paygate",
        "curl -d '{\"a\": 1} https://x.example/paygate",
        "POST /paygate HTTP/1.1\nHost: x.example\n\n",
        "{partnerCode=P, amount=1",
        "{partnerCode=P, amount}",
        "{orderId='x', 1}",
        "POST /paygate HTTP/1.1\nContent-Type: text/plain\n\n{\"a\":1}",
        "POST /paygate HTTP/1.1\nContent-Type: application/json\n\n%7B%22a%22%3A1%7D",
        "PaygateRequest(partnerCode=P, amount=40000)",
        "partnerCode=P&amount=40000",
        "INFO body=%7B%22a%22%3A1%7D",
        "hello there",
    ] {
        out.extend(parse_loose(text).defects.into_iter().map(|d| d.said));
    }
    // The debugger page's lanes.
    out.extend(err(Lane::parse("verdicts")));
    out
}

#[test]
fn every_problem_repair_and_error_says_the_same_values_in_both_languages() {
    let mut seen = BTreeSet::new();
    for said in battery() {
        check(&said, &mut seen);
    }
    assert!(seen.len() > 50, "{seen:?}");
}

#[test]
fn every_phrase_is_reached() {
    let mut seen = BTreeSet::new();
    for said in battery() {
        check(&said, &mut seen);
    }
    let all: BTreeSet<String> = Phrase::ALL.iter().map(|p| format!("{p:?}")).collect();
    let exempt: BTreeSet<String> = BINDINGS_ONLY.iter().map(|p| format!("{p:?}")).collect();
    let nets: BTreeSet<String> = SAFETY_NETS.iter().map(|p| format!("{p:?}")).collect();
    let unreached: Vec<&String> =
        all.difference(&seen).filter(|p| !exempt.contains(*p) && !nets.contains(*p)).collect();
    assert!(unreached.is_empty(), "no case in the battery says {unreached:?}");
    let reached: Vec<&String> = exempt.intersection(&seen).collect();
    assert!(reached.is_empty(), "{reached:?} is reached natively: take it off BINDINGS_ONLY");
}

#[test]
fn values_are_typed_not_english() {
    setup();
    let report = validate("paygate", &json!({"amount": "40000"})).unwrap();
    let amount = report.errors.iter().find(|p| p.path == "amount").expect("amount problem");
    let params = serde_json::to_value(amount).unwrap();
    assert_eq!(params["params"], json!({"field": "amount", "got": "string"}));
    assert_eq!(params["message"], params["text"]["en"]);
    let vi = params["text"]["vi"].as_str().unwrap();
    assert!(vi.contains("một chuỗi") && !vi.contains("a string"), "{vi}");
    let report = validate("paygate", &json!({"amount": 40000.5})).unwrap();
    let p = serde_json::to_value(report.errors.iter().find(|p| p.path == "amount").unwrap()).unwrap();
    assert_eq!(p["params"]["value"], json!(40000.5));
    assert!(p["text"]["vi"].as_str().unwrap().contains("40000.5"), "{p}");
    let read = parse_loose("{\"a\": 1");
    let d = serde_json::to_value(read.defects.last().unwrap()).unwrap();
    assert_eq!(d["params"], json!({"close": "}"}));
    assert_eq!(d["text"]["vi"], "văn bản kết thúc trước }");
}
