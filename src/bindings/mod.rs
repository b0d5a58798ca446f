//! The WebAssembly exports. Each one does the same three steps: convert the JS arguments in,
//! call the core, convert the result (or the error) out. The TypeScript signatures are written
//! once, in `types.d.ts`, and shipped as the package's declarations.

pub mod convert;

use wasm_bindgen::prelude::*;

use self::convert::{
    body_arg, bool_arg, js_error, json_arg, members_arg, message_arg, optional_json_arg, optional_string_arg,
    string_arg, to_js,
};
use crate::{AuthorizationCredentials, ChecksumOptions, Error, PreimageOptions, ResponseKind};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

/// Text normalization by the JS engine (`String.prototype.normalize`), so the .wasm carries no
/// Unicode normalization tables.
struct JsNormalizer;

impl crate::text::Normalizer for JsNormalizer {
    fn normalize(&self, s: &str, form: crate::text::Form) -> String {
        let form = match form {
            crate::text::Form::Nfc => "NFC",
            crate::text::Form::Nfd => "NFD",
        };
        js_sys::JsString::from(s).normalize(form).into()
    }
}

/// Install the JS engine's normalizer for the core. The module's start function does it; Rust
/// code (tests) that calls the core directly in WebAssembly calls it first.
pub fn install_normalizer() {
    crate::text::set_normalizer(&JsNormalizer);
}

#[wasm_bindgen(start, private)]
fn on_start() {
    install_normalizer();
}

fn core<T>(r: Result<T, Error>) -> Result<T, JsValue> {
    r.map_err(|e| js_error(&e))
}

/// The `scheme` argument: the id of one of the table's schemes.
fn scheme_arg(scheme: &JsValue) -> Result<&'static crate::Scheme, JsValue> {
    core(crate::scheme::scheme(&string_arg(scheme, "scheme")?))
}

/// The `options` argument of the pre-image's readers: whether to reveal the secret.
fn reveal_arg(options: &JsValue) -> Result<bool, JsValue> {
    Ok(core(PreimageOptions::from_value(optional_json_arg(options, "options")?.as_ref()))?.reveal_secret)
}

/// The checksum of `fields` under `scheme`, as 64 hex digits.
///
/// The package's JavaScript takes the hot path of `fast.rs` when it can; this full path reads
/// the arguments member by member, so the core names any problem.
#[wasm_bindgen(js_name = checksum, skip_typescript)]
pub fn checksum(scheme: JsValue, fields: JsValue, secret_key: JsValue, options: JsValue) -> Result<String, JsValue> {
    let options = core(ChecksumOptions::from_value(optional_json_arg(&options, "options")?.as_ref()))?;
    let s = scheme_arg(&scheme)?;
    let secret = optional_string_arg(&secret_key, "secretKey")?;
    let fields = members_arg(&fields, "fields", s.known_keys())?;
    core(crate::checksum(s.id, &fields, secret.as_deref(), options.uppercase))
}

/// The pre-image of `fields` under `scheme`, secret masked unless `revealSecret`.
#[wasm_bindgen(js_name = preimage, skip_typescript)]
pub fn preimage(scheme: JsValue, fields: JsValue, secret_key: JsValue, options: JsValue) -> Result<String, JsValue> {
    let s = scheme_arg(&scheme)?;
    let fields = members_arg(&fields, "fields", s.known_keys())?;
    let secret = optional_string_arg(&secret_key, "secretKey")?;
    let reveal = reveal_arg(&options)?;
    Ok(core(crate::preimage(s.id, &fields, secret.as_deref()))?.text(reveal).into_owned())
}

/// Whether `message` carries the right checksum for `scheme` (the full path, as for `checksum`).
#[wasm_bindgen(js_name = verify, skip_typescript)]
pub fn verify(scheme: JsValue, message: JsValue, secret_key: JsValue) -> Result<bool, JsValue> {
    let s = scheme_arg(&scheme)?;
    let secret = optional_string_arg(&secret_key, "secretKey")?;
    let message = members_arg(&message, "message", s.known_keys())?;
    core(crate::verify(s.id, &message, secret.as_deref()))
}

/// The scheme table.
#[wasm_bindgen(js_name = schemes, skip_typescript)]
pub fn schemes() -> Result<JsValue, JsValue> {
    to_js(&crate::schemes())
}

/// Every problem of `message` as a message of `scheme`.
#[wasm_bindgen(js_name = validate, skip_typescript)]
pub fn validate(scheme: JsValue, message: JsValue) -> Result<JsValue, JsValue> {
    let scheme = string_arg(&scheme, "scheme")?;
    let message = message_arg(&message)?;
    to_js(&core(crate::validate(&scheme, &message))?)
}

/// A signed payment request.
#[wasm_bindgen(js_name = buildPaygateRequest, skip_typescript)]
pub fn build_paygate_request(order: JsValue, credentials: JsValue) -> Result<JsValue, JsValue> {
    to_js(&core(crate::build_paygate_request(&json_arg(&order, "order")?, &json_arg(&credentials, "credentials")?))?)
}

/// A signed refund request.
#[wasm_bindgen(js_name = buildRefundRequest, skip_typescript)]
pub fn build_refund_request(refund: JsValue, credentials: JsValue) -> Result<JsValue, JsValue> {
    to_js(&core(crate::build_refund_request(&json_arg(&refund, "refund")?, &json_arg(&credentials, "credentials")?))?)
}

/// A signed lookup request.
#[wasm_bindgen(js_name = buildLookupRequest, skip_typescript)]
pub fn build_lookup_request(lookup: JsValue, credentials: JsValue) -> Result<JsValue, JsValue> {
    to_js(&core(crate::build_lookup_request(&json_arg(&lookup, "lookup")?, &json_arg(&credentials, "credentials")?))?)
}

/// Parse, validate and verify a payment result body.
#[wasm_bindgen(js_name = parsePaymentResult, skip_typescript)]
pub fn parse_payment_result(body: JsValue) -> Result<JsValue, JsValue> {
    to_js(&core(crate::parse_payment_result(body_arg(&body, "body")?))?)
}

/// The unit's reply to a payment result.
#[wasm_bindgen(js_name = paymentResultReply, skip_typescript)]
pub fn payment_result_reply(accepted: JsValue, message: JsValue) -> Result<String, JsValue> {
    let accepted = bool_arg(&accepted, "accepted")?;
    let message = optional_string_arg(&message, "message")?;
    Ok(crate::payment_result_reply(accepted, message.as_deref()))
}

/// Parse a gateway response.
#[wasm_bindgen(js_name = parseGatewayResponse, skip_typescript)]
pub fn parse_gateway_response(kind: JsValue, body: JsValue) -> Result<JsValue, JsValue> {
    let kind = core(ResponseKind::parse(&string_arg(&kind, "kind")?))?;
    to_js(&core(crate::parse_gateway_response(kind, body_arg(&body, "body")?))?)
}

/// Whether the gateway's record of a transaction confirms a payment result.
#[wasm_bindgen(js_name = compareWithLookup, skip_typescript)]
pub fn compare_with_lookup(result: JsValue, order: JsValue) -> Result<JsValue, JsValue> {
    to_js(&core(crate::compare_with_lookup(&json_arg(&result, "result")?, &json_arg(&order, "order")?))?)
}

/// The `Authorization` token for these credentials.
#[wasm_bindgen(js_name = encodeAuthorization, skip_typescript)]
pub fn encode_authorization(credentials: JsValue) -> Result<String, JsValue> {
    let credentials = core(AuthorizationCredentials::from_value(&json_arg(&credentials, "credentials")?))?;
    Ok(crate::encode_authorization(&credentials))
}

/// The credentials an `Authorization` token carries.
#[wasm_bindgen(js_name = decodeAuthorization, skip_typescript)]
pub fn decode_authorization(token: JsValue) -> Result<JsValue, JsValue> {
    to_js(&core(crate::decode_authorization(&string_arg(&token, "token")?))?)
}

/// Which scheme a message most likely belongs to, or `null`.
#[wasm_bindgen(js_name = detectScheme, skip_typescript)]
pub fn detect_scheme(message: JsValue) -> Result<JsValue, JsValue> {
    let message = message_arg(&message)?;
    to_js(&crate::detect_scheme(core(crate::scheme::as_object(&message, "message"))?))
}

/// Read a body tolerantly, naming every repair.
#[wasm_bindgen(js_name = parseLoose, skip_typescript)]
pub fn parse_loose(text: JsValue) -> Result<JsValue, JsValue> {
    to_js(&crate::parse_loose(&string_arg(&text, "text")?))
}

/// Every step of a checksum, byte by byte.
#[wasm_bindgen(js_name = explain, skip_typescript)]
pub fn explain(scheme: JsValue, message: JsValue, secret_key: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let scheme = string_arg(&scheme, "scheme")?;
    let message = message_arg(&message)?;
    let secret = optional_string_arg(&secret_key, "secretKey")?;
    let reveal = reveal_arg(&options)?;
    to_js(&core(crate::explain(&scheme, &message, secret.as_deref(), reveal))?)
}

/// Which likely mistake reproduces the received checksum.
#[wasm_bindgen(js_name = diagnose, skip_typescript)]
pub fn diagnose(scheme: JsValue, message: JsValue, secret_key: JsValue) -> Result<JsValue, JsValue> {
    let scheme = string_arg(&scheme, "scheme")?;
    let message = message_arg(&message)?;
    let secret = optional_string_arg(&secret_key, "secretKey")?;
    to_js(&core(crate::diagnose(&scheme, &message, secret.as_deref()))?)
}

/// The first byte where the pre-image the integrator's code hashed parts from the expected one.
#[wasm_bindgen(js_name = comparePreimage, skip_typescript)]
pub fn compare_preimage(
    scheme: JsValue,
    message: JsValue,
    secret_key: JsValue,
    theirs: JsValue,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let scheme = string_arg(&scheme, "scheme")?;
    let message = message_arg(&message)?;
    let secret = optional_string_arg(&secret_key, "secretKey")?;
    let theirs = core(crate::Theirs::from_value(&json_arg(&theirs, "theirs")?))?;
    let reveal = reveal_arg(&options)?;
    to_js(&core(crate::compare_preimage(&scheme, &message, secret.as_deref(), &theirs, reveal))?)
}

/// What the debugger page shows for one body, in one call per lane (`part`): the body read,
/// the scheme picked, then the explanation and comparison, or the diagnosis.
#[wasm_bindgen(js_name = analyse, skip_typescript)]
#[allow(clippy::too_many_arguments)]
pub fn analyse(
    part: JsValue,
    input: JsValue,
    scheme: JsValue,
    fallback_scheme: JsValue,
    secret_key: JsValue,
    theirs: JsValue,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    use crate::debug::analyse::{Job, Lane, PAGE_LIMITS};
    let job = Job {
        lane: core(Lane::parse(&string_arg(&part, "part")?))?,
        input: body_arg(&input, "input")?.into(),
        scheme: optional_string_arg(&scheme, "scheme")?,
        fallback_scheme: optional_string_arg(&fallback_scheme, "fallbackScheme")?,
        secret: optional_string_arg(&secret_key, "secretKey")?,
        theirs: optional_json_arg(&theirs, "theirs")?,
        reveal: reveal_arg(&options)?,
        limits: PAGE_LIMITS,
    };
    to_js(&crate::debug::analyse::analyse(&job))
}

/// Bytes of WebAssembly linear memory in use by this module: a diagnostic for leak checks.
#[wasm_bindgen(js_name = wasmMemoryBytes, skip_typescript)]
pub fn wasm_memory_bytes() -> f64 {
    wasm_bindgen::memory()
        .unchecked_into::<js_sys::WebAssembly::Memory>()
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length() as f64
}
