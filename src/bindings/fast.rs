//! The checksum hot path: read the pre-image in one call into JavaScript (`fast_path.js`), so
//! that it crosses into WebAssembly as one string, copied once. Whenever that read cannot vouch
//! for the values (a missing member or secret, a value that is not a string or a safe integer,
//! a lone surrogate, a throwing getter) it yields `None` and the caller reads the message member
//! by member instead, which reports the problem. What the pre-image is made of (the prefix and
//! the field order) comes from the core's scheme table.

use js_sys::Array;
use wasm_bindgen::prelude::*;

use crate::scheme::{Prefix, SCHEMES};

#[wasm_bindgen(module = "/src/bindings/fast_path.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = joinFieldValues)]
    fn join_field_values(prefix: &JsValue, obj: &JsValue, names: &Array) -> Result<Option<String>, JsValue>;
    #[wasm_bindgen(catch, js_name = stringMember)]
    fn string_member(obj: &JsValue, name: &JsValue) -> Result<Option<String>, JsValue>;
}

/// A scheme's table entry as JS values, made once.
struct JsScheme {
    id: JsValue,
    names: Array,
    literal: Option<JsValue>,
}

thread_local! {
    static TABLE: Vec<JsScheme> = SCHEMES
        .iter()
        .map(|s| JsScheme {
            id: JsValue::from_str(s.id),
            names: s.fields.iter().map(|f| JsValue::from_str(f)).collect(),
            literal: match s.prefix {
                Prefix::Literal(text) => Some(JsValue::from_str(text)),
                Prefix::SecretKey => None,
            },
        })
        .collect();
    static CHECKSUM: JsValue = JsValue::from_str("checksum");
}

/// Text that came through the copy into WebAssembly unchanged: a lone surrogate would have
/// become U+FFFD, so any U+FFFD sends the value down the path that checks for it.
fn unaltered(s: String) -> Option<String> {
    // U+FFFD is EF BF BD in UTF-8: look for the lead byte first, the whole char only then.
    let suspect = s.as_bytes().contains(&0xEF) && s.contains('\u{FFFD}');
    (!suspect).then_some(s)
}

/// The whole pre-image of `fields` under the scheme whose id is the JS string `scheme` (the
/// secret key or literal first), or `None`. The id is compared as a JS value, not copied in.
pub fn preimage_text(scheme: &JsValue, fields: &JsValue, secret: &JsValue) -> Option<String> {
    let joined = TABLE.with(|t| {
        let e = t.iter().find(|e| e.id == *scheme)?;
        join_field_values(e.literal.as_ref().unwrap_or(secret), fields, &e.names).ok()
    })??;
    unaltered(joined)
}

/// The message's `checksum` when it is a string, or `None`.
pub fn received_checksum(message: &JsValue) -> Option<String> {
    unaltered(CHECKSUM.with(|key| string_member(message, key)).ok()??)
}
