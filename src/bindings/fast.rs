//! The checksum hot path's side in WebAssembly. The package's JavaScript joins a pre-image from
//! the scheme table (`schemes()`) and writes its UTF-8 bytes straight into a scratch buffer in
//! linear memory; these exports hash what is there, so the text is copied once and no string
//! crosses the boundary either way. Whatever that JavaScript cannot vouch for (a missing member,
//! a value that is not a string or a safe integer, a lone surrogate, options) takes the full path
//! of `checksum` and `verify`, which reads the message member by member and names the problem.

use std::cell::RefCell;

use js_sys::Array;
use wasm_bindgen::prelude::*;

use crate::checksum::{digest_bytes, matches, to_hex};
use crate::scheme::{Prefix, SCHEMES};

/// Room for the 64 hex digits a digest is written back as.
const HEX_LEN: usize = 64;

thread_local! {
    static SCRATCH: RefCell<Vec<u8>> = RefCell::new(vec![0; 4096]);
}

/// The scratch buffer's address, grown to hold at least `capacity` bytes first. Valid until the
/// next call of this function (a larger capacity may move it).
#[wasm_bindgen(js_name = __fastScratch, skip_typescript)]
pub fn fast_scratch(capacity: usize) -> *mut u8 {
    SCRATCH.with_borrow_mut(|buf| {
        if buf.len() < capacity.max(HEX_LEN) {
            buf.resize(capacity.max(HEX_LEN), 0);
        }
        buf.as_mut_ptr()
    })
}

/// Hashes the first `len` bytes of the scratch buffer and writes the digest there as 64 hex
/// digits. Returns `false` (nothing written) when `len` is out of the buffer.
#[wasm_bindgen(js_name = __fastChecksum, skip_typescript)]
pub fn fast_checksum(len: usize, uppercase: bool) -> bool {
    SCRATCH.with_borrow_mut(|buf| {
        let Some(text) = buf.get(..len) else { return false };
        let hex = to_hex(&digest_bytes(text), uppercase);
        match buf.get_mut(..HEX_LEN) {
            Some(out) => {
                out.copy_from_slice(hex.as_bytes());
                true
            }
            None => false,
        }
    })
}

/// Whether the `received_len` bytes after the first `len` of the scratch buffer are the checksum
/// of those first `len` bytes (the core's comparison: constant-time, hex case and surrounding
/// white space ignored). `false` when out of the buffer or not UTF-8.
#[wasm_bindgen(js_name = __fastVerify, skip_typescript)]
pub fn fast_verify(len: usize, received_len: usize) -> bool {
    SCRATCH.with_borrow(|buf| {
        let (Some(text), Some(received)) = (buf.get(..len), buf.get(len..len.saturating_add(received_len))) else {
            return false;
        };
        std::str::from_utf8(received).is_ok_and(|received| matches(received, &digest_bytes(text)))
    })
}

/// The scheme table as the hot path reads it, one `[id, literal prefix or undefined, [fields]]`
/// per scheme: the same table `schemes()` describes, without the descriptions.
#[wasm_bindgen(js_name = __fastSchemes, skip_typescript)]
pub fn fast_schemes() -> Array {
    SCHEMES
        .iter()
        .map(|s| {
            let literal = match s.prefix {
                Prefix::Literal(text) => JsValue::from_str(text),
                Prefix::SecretKey => JsValue::UNDEFINED,
            };
            let fields: Array = s.fields.iter().map(|f| JsValue::from_str(f)).collect();
            Array::of3(&JsValue::from_str(s.id), &literal, &fields)
        })
        .collect()
}

/// The module's linear memory, for the package's JavaScript to write the scratch buffer.
#[wasm_bindgen(js_name = __memory, skip_typescript)]
pub fn memory() -> JsValue {
    wasm_bindgen::memory()
}
