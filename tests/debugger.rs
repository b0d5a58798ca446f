//! The debugger's core over shared vectors: every planted mistake of diagnoses.json (checksums
//! computed by tests/vectors/generate.py with Python's hashlib) is found, a clean match reports
//! none, the guide's own broken example bodies are read and explained, and every paste of
//! pastes.json (each tool's quoting written by tests/vectors/pastes.py) reads as its message,
//! its token apart. Runs natively and on wasm32.

use lgsp_paygate::{diagnose, explain, parse_loose, validate, Body};
use serde_json::Value;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

const DIAGNOSES: &str = include_str!("vectors/diagnoses.json");
const GUIDE: &str = include_str!("vectors/guide-examples.json");
const CHECKSUMS: &str = include_str!("vectors/checksums.json");
const PASTES: &str = include_str!("vectors/pastes.json");

/// In WebAssembly the JS engine normalizes text; the package's start function installs it, and
/// tests that call the core directly install it here.
fn setup() {
    #[cfg(target_arch = "wasm32")]
    lgsp_paygate::bindings::install_normalizer();
}

fn cases(text: &str) -> Vec<Value> {
    setup();
    let doc: Value = serde_json::from_str(text).expect("vector file is JSON");
    doc["cases"].as_array().cloned().expect("vector file has cases")
}

fn codes(v: &Value) -> Vec<(String, String)> {
    serde_json::from_value::<Vec<(String, String)>>(v.clone()).expect("[path, code] pairs")
}

fn code_str<T: serde::Serialize>(c: &T) -> String {
    serde_json::to_value(c).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// Whether `text` names `call` as a whole (`urlencode($s)` is not named by `rawurlencode($s)`).
fn names(text: &str, call: &str) -> bool {
    text.match_indices(call).any(|(at, _)| !text[..at].ends_with(|c: char| c.is_alphanumeric()))
}

#[test]
fn every_planted_mistake_is_found() {
    let all = cases(DIAGNOSES);
    assert!(all.len() >= 15, "too few diagnosis vectors");
    for case in all {
        let id = case["id"].as_str().unwrap_or("?");
        let scheme = case["scheme"].as_str().expect("scheme");
        let secret = case["secretKey"].as_str();
        let d = diagnose(scheme, &case["message"], secret).unwrap_or_else(|e| panic!("{id}: {e}"));
        match &case["expect"] {
            Value::String(s) if s == "match" => {
                assert!(d.matches && d.findings.is_empty(), "{id}: {d:?}");
            }
            Value::String(s) if s == "none" => {
                assert!(!d.matches && d.findings.is_empty() && !d.exhausted, "{id}: {:?}", d.findings);
                assert!(d.summary.en.contains("No likely mistake"), "{id}: {}", d.summary.en);
            }
            expect => {
                // One mistake ("code") or two at once ("codes", in any order).
                let mut want: Vec<String> = match expect["codes"].as_array() {
                    Some(codes) => codes.iter().filter_map(|c| c.as_str().map(str::to_owned)).collect(),
                    None => vec![expect["code"].as_str().expect("expected code").to_owned()],
                };
                want.sort();
                let mut fields: Vec<&str> =
                    expect["fields"].as_array().expect("fields").iter().filter_map(Value::as_str).collect();
                fields.sort_unstable();
                let hit = d.findings.iter().find(|f| {
                    let mut got: Vec<String> = f.codes.iter().map(code_str).collect();
                    got.sort();
                    got == want && f.codes.first() == Some(&f.code)
                });
                let hit = hit.unwrap_or_else(|| panic!("{id}: {want:?} not found; findings {:?}", d.findings));
                let mut changed: Vec<&str> = hit.changes.iter().map(|c| c.field.as_str()).collect();
                changed.sort_unstable();
                assert_eq!(changed, fields, "{id}: changed fields");
                assert_eq!(hit.fixes.len(), hit.codes.len(), "{id}: one fix per mistake");
                // The calls a URL-encoding finding names, in its description and its fix: those
                // the vector lists, and no other.
                if let Some(mentions) = expect["mentions"].as_array() {
                    let mentions: Vec<&str> = mentions.iter().filter_map(Value::as_str).collect();
                    let fix = hit.fixes.iter().find(|f| code_str(&f.code) == "URL_ENCODED").expect("the URL fix");
                    for said in [&hit.description.en, &hit.description.vi, &fix.advice.en, &fix.advice.vi] {
                        for e in lgsp_paygate::debug::url_encoding::URL_ENCODERS {
                            assert_eq!(names(said, e.call), mentions.contains(&e.call), "{id}: {} in {said}", e.call);
                        }
                    }
                }
                for c in &hit.changes {
                    assert!(!c.note.en.is_empty() && !c.note.vi.is_empty(), "{id}: a change said in words");
                    assert!(!c.note.en.contains("(absent)"), "{id}: {}", c.note.en);
                }
                assert!(d.tried <= d.budget.variants && !d.exhausted, "{id}: {} tried", d.tried);
                assert!(d.summary.en.starts_with("Mismatch explained"), "{id}: {}", d.summary.en);
                assert!(!d.summary.vi.is_empty());
                if let Some(secret) = secret.filter(|s| s.len() > 8) {
                    assert!(!format!("{d:?}").contains(secret.trim()), "{id}: the diagnosis shows the secret");
                }
            }
        }
    }
}

#[test]
fn explain_agrees_with_the_checksum_vectors() {
    for case in cases(CHECKSUMS).iter().filter(|c| c["result"] == "valid") {
        let id = case["id"].as_str().unwrap_or("?");
        let secret = case["secretKey"].as_str();
        let e = explain(case["scheme"].as_str().unwrap_or(""), &case["fields"], secret, true)
            .unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(e.preimage.as_deref(), case["preimage"].as_str(), "{id}: preimage");
        assert_eq!(e.preimage_hex.as_deref(), case["preimageHex"].as_str(), "{id}: bytes");
        let expected = case["checksum"].as_str().unwrap_or("").to_lowercase();
        assert_eq!(e.digest.as_deref(), Some(expected.as_str()), "{id}: digest");
        let joined: String = e.steps.iter().map(|s| s.hex.replace(' ', "")).collect();
        assert_eq!(Some(joined.as_str()), case["preimageHex"].as_str(), "{id}: step bytes");
        if let Some(secret) = secret.filter(|s| !s.is_empty()) {
            let masked = explain(case["scheme"].as_str().unwrap_or(""), &case["fields"], Some(secret), false).unwrap();
            assert!(!format!("{masked:?}").contains(secret), "{id}: secret shown unrevealed");
            assert_eq!(masked.digest, e.digest);
        }
    }
}

#[test]
fn guide_examples_are_read_and_explained() {
    for case in cases(GUIDE) {
        let id = case["id"].as_str().unwrap_or("?");
        let scheme = case["scheme"].as_str().unwrap_or("");
        let text = case["text"].as_str().unwrap_or("");
        let parsed = parse_loose(text);
        let defects: Vec<String> = parsed.defects.iter().map(|d| code_str(&d.code)).collect();
        let expected: Vec<String> =
            case["defects"].as_array().expect("defects").iter().filter_map(|d| d.as_str().map(str::to_owned)).collect();
        assert_eq!(defects, expected, "{id}: defects");
        let message = Value::Object(parsed.message.unwrap_or_else(|| panic!("{id}: unreadable")));
        assert_eq!(lgsp_paygate::detect_scheme(message.as_object().unwrap()), Some(scheme), "{id}: detected scheme");
        if case["strictJson"] == true {
            let strict = Body::Text(text.to_owned()).into_value(lgsp_paygate::Word::Message).unwrap();
            assert_eq!(strict, message, "{id}: tolerant and strict readings differ");
        }
        let report = validate(scheme, &message).unwrap();
        let got =
            |ps: &[lgsp_paygate::Problem]| ps.iter().map(|p| (p.path.clone(), code_str(&p.code))).collect::<Vec<_>>();
        let (warnings, errors) = (got(&report.warnings), got(&report.errors));
        for w in codes(&case["warnings"]) {
            assert!(warnings.contains(&w), "{id}: warning {w:?} not in {warnings:?}");
        }
        assert_eq!(errors, codes(&case["errors"]), "{id}: errors");
        let e = explain(scheme, &message, Some("k"), false).unwrap();
        assert!(e.digest.is_some(), "{id}: {:?}", e.errors);
        if report.errors.is_empty() {
            assert_eq!(e.matches, Some(false), "{id}: the guide's checksums are placeholders");
            let d = diagnose(scheme, &message, Some("k")).unwrap();
            assert!(!d.matches && d.findings.is_empty(), "{id}: {:?}", d.findings);
        }
    }
}

/// The values an English sentence quotes: quoted strings, code points, numbers, field names and
/// scheme ids. Its Vietnamese sentence must quote every one of them.
fn quoted_values(en: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = en.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '"' {
            let mut j = i + 1;
            while j < chars.len() && chars[j] != '"' {
                j += if chars[j] == '\\' { 2 } else { 1 };
            }
            out.push(chars[i..=j.min(chars.len() - 1)].iter().collect());
            i = j + 1;
        } else if c.is_ascii_alphanumeric() {
            let mut j = i;
            while j < chars.len() && (chars[j].is_ascii_alphanumeric() || matches!(chars[j], '+' | '.' | '_' | '-')) {
                j += 1;
            }
            let word: String = chars[i..j].iter().collect();
            let word = word.trim_end_matches(['.', '-']).to_owned();
            let is_value = word.starts_with("U+")
                || word.bytes().all(|b| b.is_ascii_digit())
                || lgsp_paygate::SCHEMES.iter().any(|s| s.fields.contains(&word.as_str()))
                || (lgsp_paygate::SCHEMES.iter().any(|s| s.id == word)
                    && chars[j..].iter().collect::<String>().starts_with(" scheme"))
                || word == "PAYHCM1.0"
                || word == "secretKey";
            if is_value {
                out.push(word);
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

/// The first value `en` quotes that `vi` drops, if any.
fn dropped(en: &str, vi: &str) -> Option<String> {
    quoted_values(en).into_iter().find(|v| !vi.contains(v.as_str()))
}

fn same_values(en: &str, vi: &str, at: &str) {
    if let Some(v) = dropped(en, vi) {
        panic!("{at}: the Vietnamese text drops {v}\n  en: {en}\n  vi: {vi}");
    }
}

#[test]
fn every_vietnamese_text_quotes_what_the_english_one_does() {
    for case in cases(DIAGNOSES) {
        let id = case["id"].as_str().unwrap_or("?");
        let scheme = case["scheme"].as_str().unwrap_or("");
        let d = diagnose(scheme, &case["message"], case["secretKey"].as_str()).unwrap();
        same_values(&d.summary.en, &d.summary.vi, &format!("{id} summary"));
        for f in &d.findings {
            same_values(&f.description.en, &f.description.vi, &format!("{id} finding"));
            for c in &f.changes {
                same_values(&c.note.en, &c.note.vi, &format!("{id} change {}", c.field));
            }
            for x in &f.fixes {
                same_values(&x.advice.en, &x.advice.vi, &format!("{id} fix"));
            }
        }
    }
    for case in cases(CHECKSUMS).iter().filter(|c| c["result"] == "valid") {
        let id = case["id"].as_str().unwrap_or("?");
        let scheme = case["scheme"].as_str().unwrap_or("");
        let pre = case["preimage"].as_str().unwrap_or("");
        let secret = case["secretKey"].as_str();
        let needs = lgsp_paygate::scheme::scheme(scheme).map(|s| s.needs_secret()).unwrap_or(false);
        let secret = secret.filter(|_| needs);
        for theirs in
            [pre.to_owned(), format!("{pre}x"), pre.chars().take(pre.chars().count() / 2).collect(), format!("x{pre}")]
        {
            let c = lgsp_paygate::compare_preimage(
                scheme,
                &case["fields"],
                secret,
                &lgsp_paygate::Theirs::Text(theirs),
                false,
            )
            .unwrap_or_else(|e| panic!("{id}: {e}"));
            same_values(&c.summary.en, &c.summary.vi, &format!("{id} comparison"));
        }
    }
}

#[test]
fn the_value_check_can_fail() {
    assert_eq!(
        quoted_values("amount as \"40,000\" in orderInfo (U+1EC7) at byte 12"),
        ["amount", "\"40,000\"", "orderInfo", "U+1EC7", "12"]
    );
    assert_eq!(dropped("left \"x\" out of orderId", "bỏ trường orderId"), Some("\"x\"".to_owned()));
    assert_eq!(dropped("left \"x\" out of orderId", "bỏ \"x\" khỏi trường orderId"), None);
}

#[test]
fn every_paste_reads_as_its_message_with_its_token_apart() {
    let all = cases(PASTES);
    assert!(all.len() >= 20, "too few paste vectors");
    for case in all {
        let id = case["id"].as_str().unwrap_or("?");
        let text = case["text"].as_str().unwrap_or("");
        let p = parse_loose(text);
        let message = p.message.clone().unwrap_or_else(|| panic!("{id}: not read: {:?}", p.defects));
        assert_eq!(Value::Object(message.clone()), case["message"], "{id}: message");
        let codes: Vec<String> = p.defects.iter().map(|d| code_str(&d.code)).collect();
        for want in case["defects"].as_array().expect("defects").iter().filter_map(Value::as_str) {
            assert!(codes.iter().any(|c| c == want), "{id}: {want} not among {codes:?}");
        }
        assert!(!codes.iter().any(|c| c == "UNREADABLE"), "{id}: {codes:?}");
        let secret = case["secretKey"].as_str();
        let verified = lgsp_paygate::verify(case["scheme"].as_str().unwrap_or(""), &Value::Object(message), secret);
        assert_eq!(verified, Ok(true), "{id}: the checksum Python computed");
        match case["authorization"].as_str() {
            None => assert!(p.authorization.is_none(), "{id}: a token where none was pasted"),
            Some(token) => {
                let a = p.authorization.clone().unwrap_or_else(|| panic!("{id}: the token was not found"));
                assert_eq!(a.token.expose(), token, "{id}: token");
                assert!(!format!("{p:?}").contains(token), "{id}: Debug shows the token");
                assert!(p.defects.iter().all(|d| !d.message().contains(token)), "{id}: a note quotes the token");
                // Taken out of the paste where it was written, the rest reads the same.
                let chars: Vec<char> = text.chars().collect();
                let index = |line: usize, column: usize| {
                    let start: usize = text.split_inclusive('\n').take(line - 1).map(|l| l.chars().count()).sum();
                    (start + column - 1).min(chars.len())
                };
                let (start, end) = (index(a.line, a.column), index(a.end_line, a.end_column));
                let rest: String = chars[..start].iter().chain(&chars[end..]).collect();
                assert!(!rest.contains(token), "{id}: the token is still in {rest}");
                let again = parse_loose(&rest);
                assert_eq!(again.message, p.message, "{id}: without its token: {rest}");
                assert!(again.authorization.is_none(), "{id}");
            }
        }
    }
}
