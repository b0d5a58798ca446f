//! JavaScript values in, JavaScript values out. Nothing here decides anything about the
//! gateway: it reads JS values into `serde_json` values (refusing what JSON cannot hold, never
//! coercing), and turns core results and errors into JS values.

use js_sys::{Array, JsString, Object, Reflect};
use serde::Serialize;
use serde_json::{Map, Number, Value};
use wasm_bindgen::{JsCast, JsValue};

use crate::error::{Error, ErrorCode};
use crate::said::{Phrase, Said, Word};
use crate::validate::join_path;
use crate::Body;

/// How deep an argument may nest. Gateway messages are flat; this bounds the walk.
const MAX_DEPTH: usize = 32;

/// How many items an array argument may hold; bounds the walk of `{length: 2**32 - 1}` arrays.
const MAX_ITEMS: u32 = 10_000;

/// `INVALID_ARGUMENT` at `path`, saying `phrase` about it.
fn bad(path: &str, phrase: Phrase) -> Error {
    let path = if path.is_empty() { "argument" } else { path };
    Error::at(ErrorCode::InvalidArgument, path, Said::new(phrase).name("path", path))
}

/// `bad` with one more value.
fn bad_with(path: &str, phrase: Phrase, name: &'static str, arg: crate::said::Arg) -> Error {
    let mut e = bad(path, phrase);
    e.said = e.said.with(name, arg);
    e
}

/// A JS string as Rust text; lone surrogates (which UTF-8 cannot hold) are refused.
///
/// The copy into wasm memory turns a lone surrogate into U+FFFD, so only a string that comes
/// out holding U+FFFD needs the slow check of its UTF-16 code units.
fn string(v: &JsValue, path: &str) -> Result<String, Error> {
    let s = v.as_string().ok_or_else(|| bad(path, Phrase::NotAStringArgument))?;
    if crate::text::contains_text(&s, "\u{FFFD}") && !v.unchecked_ref::<JsString>().is_valid_utf16() {
        return Err(bad(path, Phrase::LoneSurrogate));
    }
    Ok(s)
}

/// `INVALID_ARGUMENT`: `n` (NaN, an infinity) has no JSON form; it is named as JavaScript writes it.
fn not_a_number(path: &str, n: f64) -> Error {
    let name = if n.is_nan() {
        "NaN"
    } else if n > 0.0 {
        "Infinity"
    } else {
        "-Infinity"
    };
    bad_with(path, Phrase::NotAJsonNumber, "value", crate::said::Arg::Name(name.to_owned()))
}

/// The word for a JS value's type, as `typeof` tells it.
fn js_kind(v: &JsValue) -> Word {
    match v.js_typeof().as_string().as_deref() {
        Some("string") => Word::String,
        Some("number") => Word::Number,
        Some("boolean") => Word::Boolean,
        Some("bigint") => Word::BigInt,
        Some("symbol") => Word::Symbol,
        Some("function") => Word::Function,
        Some("object") if v.is_null() => Word::Null,
        Some("object") => Word::Object,
        _ => Word::Undefined,
    }
}

fn number(n: f64, path: &str) -> Result<Value, Error> {
    const MAX_SAFE: f64 = 9_007_199_254_740_991.0;
    if !n.is_finite() {
        return Err(not_a_number(path, n));
    }
    if n.fract() == 0.0 && n.abs() <= MAX_SAFE {
        // -0 is 0, as JSON.stringify writes it.
        return Ok(if n >= 0.0 { Value::from(n as u64) } else { Value::from(n as i64) });
    }
    // Only NaN and the infinities are left, named by hand (not_a_number): formatting an f64 would
    // link Rust's float printing (about 18 KB of the .wasm) for three words.
    Number::from_f64(n).map(Value::Number).ok_or_else(|| not_a_number(path, n))
}

fn bigint(v: &JsValue, path: &str) -> Result<Value, Error> {
    let text = js_sys::BigInt::unchecked_from_js_ref(v).to_string(10).map(String::from).unwrap_or_default();
    if let Ok(u) = text.parse::<u64>() {
        Ok(Value::from(u))
    } else if let Ok(i) = text.parse::<i64>() {
        Ok(Value::from(i))
    } else {
        Err(bad(path, Phrase::BigIntTooLarge))
    }
}

/// Read a JS value as JSON. `undefined` reads as `None` (an absent member, as in `JSON.stringify`).
pub fn to_json(v: &JsValue, path: &str, depth: usize) -> Result<Option<Value>, Error> {
    if depth > MAX_DEPTH {
        return Err(bad_with(path, Phrase::NestedTooDeep, "max", crate::said::Arg::Number(MAX_DEPTH.into())));
    }
    if v.is_undefined() {
        return Ok(None);
    }
    if v.is_null() {
        return Ok(Some(Value::Null));
    }
    if let Some(b) = v.as_bool() {
        return Ok(Some(Value::Bool(b)));
    }
    if let Some(n) = v.as_f64() {
        return number(n, path).map(Some);
    }
    if v.is_string() {
        return string(v, path).map(|s| Some(Value::String(s)));
    }
    if v.is_bigint() {
        return bigint(v, path).map(Some);
    }
    if v.is_symbol() || v.is_function() || !v.is_object() {
        let got = if v.is_symbol() {
            Word::Symbol
        } else if v.is_function() {
            Word::Function
        } else {
            Word::Undefined
        };
        return Err(bad_with(path, Phrase::NotJsonValue, "got", crate::said::Arg::Word(got)));
    }
    let obj: &Object = v.unchecked_ref();
    // Listing the keys first also refuses a revoked proxy, on which even Array.isArray throws.
    let keys = Reflect::own_keys(obj).map_err(|_| bad(path, Phrase::ListingKeysThrew))?;
    if Array::is_array(v) {
        let len = Reflect::get(v, &JsValue::from_str("length"))
            .map_err(|_| bad(&join_path(path, "length"), Phrase::ReadingThrew))?
            .as_f64()
            .unwrap_or(0.0);
        if len > f64::from(MAX_ITEMS) {
            return Err(bad_with(path, Phrase::ArrayTooLong, "max", crate::said::Arg::Number(MAX_ITEMS.into())));
        }
        let mut out = Vec::new();
        for i in 0..(len as u32) {
            // Written as a JSON number is: u32's own formatting would be code of its own.
            let item_path = join_path(path, &Number::from(i).to_string());
            let item = Reflect::get_u32(v, i).map_err(|_| bad(&item_path, Phrase::ReadingThrew))?;
            out.push(to_json(&item, &item_path, depth + 1)?.unwrap_or(Value::Null));
        }
        return Ok(Some(Value::Array(out)));
    }
    let mut map = Map::new();
    for key in keys.iter() {
        if !key.is_string() {
            continue; // symbol keys are not JSON
        }
        let name = string(&key, path)?;
        let member_path = join_path(path, &name);
        if let Some(value) = member(obj, &key, &member_path, depth + 1)? {
            map.insert(name, value);
        }
    }
    Ok(Some(Value::Object(map)))
}

/// The member `key` of `obj` read as JSON, when it is an own enumerable one (as
/// `JSON.stringify` reads members); `path` names it in errors.
fn member(obj: &Object, key: &JsValue, path: &str, depth: usize) -> Result<Option<Value>, Error> {
    let read_err = || bad(path, Phrase::ReadingThrew);
    let desc = Reflect::get_own_property_descriptor(obj, key).map_err(|_| read_err())?;
    if desc.is_undefined()
        || !Reflect::get(&desc, &JsValue::from_str("enumerable")).map_err(|_| read_err())?.is_truthy()
    {
        return Ok(None);
    }
    let value = Reflect::get(obj, key).map_err(|_| read_err())?;
    to_json(&value, path, depth)
}

/// The members `keys` of an object argument, read as JSON (own enumerable members only, as
/// `JSON.stringify` reads them); other members are not looked at.
pub fn members_arg<'a>(v: &JsValue, name: &str, keys: impl Iterator<Item = &'a str>) -> Result<Value, JsValue> {
    // A revoked proxy throws on every look, Array.isArray included: refuse it first.
    if v.is_object() && Reflect::own_keys(v.unchecked_ref()).is_err() {
        return Err(js_error(&bad(name, Phrase::ListingKeysThrew)));
    }
    if !v.is_object() || Array::is_array(v) {
        let got = if Array::is_array(v) { Word::Array } else { js_kind(v) };
        return Err(js_error(&bad_with(name, Phrase::NotAnObjectArgument, "got", crate::said::Arg::Word(got))));
    }
    let obj: &Object = v.unchecked_ref();
    let mut map = Map::new();
    for key in keys {
        let path = join_path(name, key);
        if let Some(value) = member(obj, &JsValue::from_str(key), &path, 1).map_err(|e| js_error(&e))? {
            map.insert(key.to_owned(), value);
        }
    }
    Ok(Value::Object(map))
}

/// A required argument read as JSON (`undefined` reads as `null`, which the core refuses by name).
pub fn json_arg(v: &JsValue, name: &str) -> Result<Value, JsValue> {
    Ok(to_json(v, name, 0).map_err(|e| js_error(&e))?.unwrap_or(Value::Null))
}

/// An optional argument read as JSON: `undefined` and `null` are `None`.
pub fn optional_json_arg(v: &JsValue, name: &str) -> Result<Option<Value>, JsValue> {
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    json_arg(v, name).map(Some)
}

/// A required string argument.
pub fn string_arg(v: &JsValue, name: &str) -> Result<String, JsValue> {
    if !v.is_string() {
        return Err(js_error(&bad(name, Phrase::MustBeStringArgument)));
    }
    string(v, name).map_err(|e| js_error(&e))
}

/// An optional string argument: `undefined` and `null` are `None`.
pub fn optional_string_arg(v: &JsValue, name: &str) -> Result<Option<String>, JsValue> {
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    string_arg(v, name).map(Some)
}

/// A required boolean argument.
pub fn bool_arg(v: &JsValue, name: &str) -> Result<bool, JsValue> {
    v.as_bool()
        .ok_or_else(|| js_error(&bad_with(name, Phrase::MustBeBoolean, "got", crate::said::Arg::Word(js_kind(v)))))
}

/// A body given as JSON text or as a value.
pub fn body_arg(v: &JsValue, name: &str) -> Result<Body, JsValue> {
    if v.is_string() {
        string_arg(v, name).map(Body::Text)
    } else {
        json_arg(v, name).map(Body::Json)
    }
}

/// A message given as JSON text or as a value, read as JSON.
pub fn message_arg(v: &JsValue) -> Result<Value, JsValue> {
    body_arg(v, "message")?.into_value(Word::Message).map_err(|e| js_error(&e))
}

/// A core value as a plain JS value: written as JSON and read back with `JSON.parse`, which
/// makes every key an own data property. (Setting members one by one, as a serializer into JS
/// objects does, would let a `__proto__` key from a pasted body replace the result's prototype.)
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let failed = || js_error(&Error::new(ErrorCode::InvalidArgument, Said::new(Phrase::NotConvertible)));
    let text = serde_json::to_string(value).map_err(|_| failed())?;
    js_sys::JSON::parse(&text).map_err(|_| failed())
}

/// A core error as a JS `Error` with `code`, `params` and `text` (`{en, vi}`; `message` is the
/// English), and `path` and `problems` when present.
pub fn js_error(e: &Error) -> JsValue {
    let text = e.said.sentence();
    let err = js_sys::Error::new(&text.en);
    err.set_name("LgspPaygateError");
    let set = |k: &str, v: &JsValue| {
        // Setting a property on a fresh Error cannot fail; if it did, the Error is still thrown.
        let _ = Reflect::set(&err, &JsValue::from_str(k), v);
    };
    set("code", &JsValue::from_str(e.code.as_str()));
    if let (Ok(params), Ok(text)) = (to_js(&e.said.params()), to_js(&text)) {
        set("params", &params);
        set("text", &text);
    }
    if let Some(path) = &e.path {
        set("path", &JsValue::from_str(path));
    }
    if !e.problems.is_empty() {
        if let Ok(problems) = to_js(&e.problems) {
            set("problems", &problems);
        }
    }
    err.into()
}
