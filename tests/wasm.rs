//! The JS-visible contract, run in Node and in Chromium by `wasm-pack test`: thrown values are
//! `Error`s with a stable `code`, text crosses the boundary intact, and the module keeps working
//! after any error.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, JsString, Object, Reflect, JSON};
use lgsp_paygate::bindings as api;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test as test;

const CHECKSUMS: &str = include_str!("vectors/checksums.json");

fn js(json: &str) -> JsValue {
    JSON::parse(json).expect("test JSON parses")
}

fn set(obj: &JsValue, key: &str, value: &JsValue) {
    Reflect::set(obj, &key.into(), value).expect("set works on a plain object");
}

/// The thrown error's code, once it is checked to be an `Error` that says what went wrong in
/// English (its `message`) and Vietnamese (`text.vi`), with its values in `params`.
fn code_of(err: JsValue) -> String {
    assert!(err.is_instance_of::<js_sys::Error>(), "thrown value is not an Error: {err:?}");
    let get = |v: &JsValue, k: &str| Reflect::get(v, &k.into()).unwrap_or(JsValue::UNDEFINED);
    let message = get(&err, "message").as_string().unwrap_or_default();
    let text = get(&err, "text");
    assert_eq!(get(&text, "en").as_string().as_deref(), Some(message.as_str()), "text.en is the message");
    let vi = get(&text, "vi").as_string().unwrap_or_default();
    assert!(!vi.is_empty() && vi != message, "{message}: no Vietnamese ({vi:?})");
    assert!(get(&err, "params").is_object(), "{message}: no params");
    get(&err, "code").as_string().unwrap_or_default()
}

fn lookup_fields() -> JsValue {
    js(r#"{"partnerCode":"000.00.18.H29","accessKey":"ắ🧾","transactionNo":"835651612","orderId":"Đơn hàng 1"}"#)
}

fn vector(id: &str) -> serde_json::Value {
    let doc: serde_json::Value = serde_json::from_str(CHECKSUMS).expect("vectors parse");
    doc["cases"].as_array().and_then(|c| c.iter().find(|c| c["id"] == id).cloned()).expect("vector exists")
}

#[test]
fn vector_through_the_boundary() {
    for id in ["paygate-nfc-vietnamese", "paygate-nfd-vietnamese", "paygate-astral-emoji", "result-guide-whitespace"] {
        let case = vector(id);
        let fields = js(&case["fields"].to_string());
        let secret = case["secretKey"].as_str().map_or(JsValue::NULL, JsValue::from_str);
        let got = api::checksum(case["scheme"].as_str().unwrap().into(), fields, secret, JsValue::UNDEFINED).unwrap();
        assert_eq!(got, case["checksum"].as_str().unwrap(), "{id}");
    }
}

#[test]
fn preimage_round_trips_non_ascii_and_masks_the_secret() {
    let masked = api::preimage("lookup".into(), lookup_fields(), "khóa".into(), JsValue::UNDEFINED).unwrap();
    assert_eq!(masked, "*****000.00.18.H29ắ🧾835651612Đơn hàng 1");
    let revealed =
        api::preimage("lookup".into(), lookup_fields(), "khóa".into(), js(r#"{"revealSecret":true}"#)).unwrap();
    assert_eq!(revealed, "khóa000.00.18.H29ắ🧾835651612Đơn hàng 1");
}

#[test]
fn errors_are_errors_with_codes_and_the_module_survives() {
    let good = || api::checksum("lookup".into(), lookup_fields(), "k".into(), JsValue::UNDEFINED).unwrap();
    let expected = good();

    assert_eq!(
        code_of(api::checksum("nope".into(), lookup_fields(), "k".into(), JsValue::UNDEFINED).unwrap_err()),
        "UNKNOWN_SCHEME"
    );
    assert_eq!(good(), expected);
    assert_eq!(
        code_of(api::checksum("lookup".into(), js("{}"), "k".into(), JsValue::UNDEFINED).unwrap_err()),
        "MISSING_FIELD"
    );
    assert_eq!(good(), expected);
    assert_eq!(
        code_of(api::checksum("lookup".into(), lookup_fields(), JsValue::UNDEFINED, JsValue::UNDEFINED).unwrap_err()),
        "MISSING_SECRET"
    );
    assert_eq!(
        code_of(api::checksum("lookup".into(), lookup_fields(), 42.into(), JsValue::UNDEFINED).unwrap_err()),
        "INVALID_ARGUMENT"
    );

    let fields = lookup_fields();
    set(&fields, "orderId", &JsValue::from_f64(f64::NAN));
    assert_eq!(
        code_of(api::checksum("lookup".into(), fields, "k".into(), JsValue::UNDEFINED).unwrap_err()),
        "INVALID_ARGUMENT"
    );
    let fields = lookup_fields();
    set(&fields, "orderId", &js_sys::Symbol::for_("x").into());
    assert_eq!(
        code_of(api::checksum("lookup".into(), fields, "k".into(), JsValue::UNDEFINED).unwrap_err()),
        "INVALID_ARGUMENT"
    );
    let fields = lookup_fields();
    set(&fields, "orderId", &JsString::from_char_code1(0xD800).into());
    assert_eq!(
        code_of(api::checksum("lookup".into(), fields, "k".into(), JsValue::UNDEFINED).unwrap_err()),
        "INVALID_ARGUMENT"
    );
    let fields = lookup_fields();
    set(&fields, "orderId", &JsValue::from_f64(1.5));
    assert_eq!(
        code_of(api::checksum("lookup".into(), fields, "k".into(), JsValue::UNDEFINED).unwrap_err()),
        "INVALID_FIELD"
    );
    let fields = lookup_fields();
    set(&fields, "orderId", &Array::new().into());
    assert_eq!(
        code_of(api::checksum("lookup".into(), fields, "k".into(), JsValue::UNDEFINED).unwrap_err()),
        "INVALID_FIELD"
    );
    assert_eq!(
        code_of(api::checksum("lookup".into(), JsValue::NULL, "k".into(), JsValue::UNDEFINED).unwrap_err()),
        "INVALID_ARGUMENT"
    );
    assert_eq!(
        code_of(api::checksum("lookup".into(), lookup_fields(), "k".into(), js(r#"{"upper":true}"#)).unwrap_err()),
        "INVALID_ARGUMENT"
    );
    assert_eq!(code_of(api::decode_authorization("%%%".into()).unwrap_err()), "INVALID_TOKEN");
    assert_eq!(code_of(api::parse_payment_result("{".into()).unwrap_err()), "INVALID_JSON");
    assert_eq!(good(), expected);
}

#[test]
fn values_javascript_cannot_hand_over_are_said_in_both_languages() {
    let with = |value: JsValue| {
        let fields = lookup_fields();
        set(&fields, "orderId", &value);
        let err = api::checksum("lookup".into(), fields, "k".into(), JsValue::UNDEFINED).unwrap_err();
        let params = JSON::stringify(&Reflect::get(&err, &"params".into()).unwrap()).unwrap().as_string().unwrap();
        (code_of(err), params)
    };
    let big = js_sys::BigInt::new(&JsValue::from_str("123456789012345678901234567890")).unwrap();
    assert_eq!(with(big.into()), ("INVALID_ARGUMENT".into(), r#"{"path":"fields.orderId"}"#.into()));
    let (code, params) = with(js_sys::Function::new_no_args("").into());
    assert_eq!((code.as_str(), params.as_str()), ("INVALID_ARGUMENT", r#"{"path":"fields.orderId","got":"function"}"#));
    let (_, params) = with(JsValue::from_f64(f64::INFINITY));
    assert_eq!(params, r#"{"path":"fields.orderId","value":"Infinity"}"#);
    let deep = js(&format!("{}1{}", "[".repeat(40), "]".repeat(40)));
    assert_eq!(with(deep).0, "INVALID_ARGUMENT");
    let long = Array::new();
    long.set_length(20_000);
    assert_eq!(with(long.into()).0, "INVALID_ARGUMENT");
    let order = js(r#"{"transactionNo":"1","orderId":"O"}"#);
    let err = api::build_lookup_request(order, "not credentials".into()).unwrap_err();
    assert_eq!(code_of(err), "INVALID_ARGUMENT");
    let err = api::payment_result_reply("yes".into(), JsValue::UNDEFINED).unwrap_err();
    assert_eq!(code_of(err), "INVALID_ARGUMENT");
}

#[test]
fn the_debugger_page_gets_one_lane_in_one_call() {
    let case = vector("paygate-nfc-vietnamese");
    let mut body = case["fields"].clone();
    body["checksum"] = case["checksum"].clone();
    let secret = JsValue::from_str(case["secretKey"].as_str().unwrap());
    let out = api::analyse(
        "verdict".into(),
        body.to_string().into(),
        "auto".into(),
        "lookup".into(),
        secret.clone(),
        JsValue::NULL,
        JsValue::UNDEFINED,
    )
    .unwrap();
    let text = JSON::stringify(&out).unwrap().as_string().unwrap();
    let out: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!((out["scheme"].as_str(), out["how"].as_str()), (Some("paygate"), Some("detected")), "{text}");
    assert_eq!(out["explanation"]["matches"], true, "{text}");
    assert_eq!(out["explanation"]["digest"], case["checksum"], "{text}");
    assert!(!text.contains(case["secretKey"].as_str().unwrap()), "the secret shows");
    let part = |p: &str| {
        api::analyse(p.into(), "{}".into(), JsValue::NULL, JsValue::NULL, secret.clone(), JsValue::NULL, js("{}"))
    };
    assert!(part("diagnosis").is_ok());
    assert_eq!(code_of(part("both").unwrap_err()), "INVALID_ARGUMENT");
    let options = js("[]");
    let err = api::analyse("verdict".into(), "{}".into(), JsValue::NULL, JsValue::NULL, secret, JsValue::NULL, options);
    assert_eq!(code_of(err.unwrap_err()), "INVALID_ARGUMENT");
}

#[test]
fn builder_errors_carry_problems_and_no_secret() {
    let order = js(r#"{"transactionNo":"1","orderId":"","extra":true}"#);
    let creds = js(r#"{"partnerCode":"P","accessKey":"A","secretKey":"very-secret-value"}"#);
    let err = api::build_lookup_request(order, creds).unwrap_err();
    let message = Reflect::get(&err, &"message".into()).unwrap().as_string().unwrap();
    assert!(!message.contains("very-secret-value"));
    let problems = Reflect::get(&err, &"problems".into()).unwrap();
    assert!(Array::is_array(&problems));
    assert_eq!(Array::from(&problems).length(), 2, "{:?}", JSON::stringify(&problems));
    assert_eq!(code_of(err), "INVALID_MESSAGE");
}

#[test]
fn reports_are_plain_objects() {
    let report = api::validate(
        "lookup".into(),
        js(r#"{"partnerCode":"P","accessKey":"A","payTransId":"1","orderId":"O","checksum":"00"}"#),
    )
    .unwrap();
    assert!(report.is_object() && !report.is_instance_of::<js_sys::Map>());
    assert_eq!(Reflect::get(&report, &"valid".into()).unwrap(), JsValue::FALSE);
    let text = JSON::stringify(&report).unwrap().as_string().unwrap();
    assert!(text.contains(r#""code":"INVALID_CHECKSUM""#) && text.contains(r#""code":"ALIAS""#), "{text}");
    let schemes = api::schemes().unwrap();
    assert_eq!(Array::from(&schemes).length(), 4);
    let first = Array::from(&schemes).get(0);
    assert!(Object::keys(first.unchecked_ref::<Object>()).length() >= 6);
}

#[test]
fn one_string_and_member_by_member_paths_agree() {
    let case = vector("paygate-nfc-vietnamese");
    let secret = JsValue::from_str(case["secretKey"].as_str().unwrap());
    let expected = case["checksum"].as_str().unwrap();
    // Plain strings and numbers: the pre-image crosses as one string.
    let plain = js(&case["fields"].to_string());
    assert_eq!(api::checksum("paygate".into(), plain.clone(), secret.clone(), JsValue::UNDEFINED).unwrap(), expected);
    // A BigInt amount is read member by member, to the same digits.
    let big = js(&case["fields"].to_string());
    set(&big, "amount", &js_sys::BigInt::from(40000u32).into());
    assert_eq!(api::checksum("paygate".into(), big, secret.clone(), JsValue::UNDEFINED).unwrap(), expected);
    // U+FFFD in a value also takes the member-by-member path, and is hashed as given.
    let fffd = js(&case["fields"].to_string());
    set(&fffd, "orderInfo", &"\u{FFFD}".into());
    let mut fields = case["fields"].clone();
    fields["orderInfo"] = "\u{FFFD}".into();
    let core = lgsp_paygate::checksum("paygate", &fields, case["secretKey"].as_str(), false).unwrap();
    assert_eq!(api::checksum("paygate".into(), fffd, secret.clone(), JsValue::UNDEFINED).unwrap(), core);
    // Members are own and enumerable on both paths: an inherited field is missing.
    let inherited: Object = Object::create(plain.unchecked_ref::<Object>());
    let err = api::checksum("paygate".into(), inherited.into(), secret.clone(), JsValue::UNDEFINED).unwrap_err();
    assert_eq!(code_of(err), "MISSING_FIELD");
    // verify takes the same two ways in.
    let message = js(&case["fields"].to_string());
    set(&message, "checksum", &JsValue::from_str(&expected.to_uppercase()));
    assert_eq!(api::verify("paygate".into(), message.clone(), secret.clone()), Ok(true));
    set(&message, "amount", &js_sys::BigInt::from(40000u32).into());
    assert_eq!(api::verify("paygate".into(), message.clone(), secret.clone()), Ok(true));
    set(&message, "amount", &JsValue::from_f64(40001.0));
    assert_eq!(api::verify("paygate".into(), message, secret), Ok(false));
}

#[test]
fn proto_keys_stay_plain_members_of_results() {
    let parsed = api::parse_loose(r#"{"__proto__": {"polluted": true}, "constructor": 1}"#.into()).unwrap();
    let message = Reflect::get(&parsed, &"message".into()).unwrap();
    let proto: Object = Object::get_prototype_of(&message);
    let plain: Object = Object::get_prototype_of(&Object::new().into());
    assert_eq!(JsValue::from(proto), JsValue::from(plain), "prototype replaced");
    let own = Reflect::get_own_property_descriptor(message.unchecked_ref::<Object>(), &"__proto__".into()).unwrap();
    assert!(!own.is_undefined(), "__proto__ is an own member");
    assert!(Reflect::get(&Object::new().into(), &"polluted".into()).unwrap().is_undefined());
}

#[test]
fn compare_preimage_takes_text_or_hex_and_throws_coded_errors() {
    let case = vector("paygate-nfc-vietnamese");
    let fields = || js(&case["fields"].to_string());
    let secret = || JsValue::from_str(case["secretKey"].as_str().unwrap());
    let pre = case["preimage"].as_str().unwrap();
    let equal = api::compare_preimage("paygate".into(), fields(), secret(), pre.into(), JsValue::UNDEFINED).unwrap();
    assert_eq!(Reflect::get(&equal, &"equal".into()).unwrap(), JsValue::TRUE);
    let hex = js(&format!(r#"{{"hex":"{}x"}}"#, case["preimageHex"].as_str().unwrap()));
    let err = api::compare_preimage("paygate".into(), fields(), secret(), hex, JsValue::UNDEFINED).unwrap_err();
    assert_eq!(code_of(err), "INVALID_ARGUMENT");
    let nfd: String = JsString::from(pre).normalize("NFD").into();
    let c =
        api::compare_preimage("paygate".into(), fields(), secret(), nfd.as_str().into(), JsValue::UNDEFINED).unwrap();
    let d = Reflect::get(&c, &"firstDifference".into()).unwrap();
    assert_eq!(Reflect::get(&d, &"field".into()).unwrap().as_string().as_deref(), Some("orderInfo"));
    let text = JSON::stringify(&c).unwrap().as_string().unwrap();
    assert!(!text.contains(case["secretKey"].as_str().unwrap()), "the secret shows");
}
