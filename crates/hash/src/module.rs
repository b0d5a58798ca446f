//! The exports of `lgsp_paygate_hash.wasm`, the package's hot path for `checksum` and `verify`.
//! The package's JavaScript joins a pre-image from the scheme table and writes its UTF-8 bytes
//! straight into a scratch buffer in this module's memory; these functions hash what is there,
//! so the text is copied once and no string crosses the boundary either way. Plain C-ABI
//! functions over numbers: the module imports nothing and needs no glue.
//!
//! Whatever that JavaScript cannot vouch for (a missing member, a value that is not a string or
//! a safe integer, a lone surrogate, options) goes to the full core instead, which reads the
//! message member by member and names the problem.

use std::cell::{Cell, RefCell};

use crate::{digest_bytes, hex_digits, matches};

/// Room for the 64 hex digits a digest is written back as.
const HEX_LEN: usize = 64;

/// The size of the fixed buffer: gateway messages are a few hundred bytes, so nearly every call
/// fits and the module never needs its allocator (whose first use costs more than a hash).
const FIXED_LEN: usize = 64 * 1024;

std::thread_local! {
    /// The scratch buffer of pre-images up to `FIXED_LEN` bytes, in the module's static memory.
    static FIXED: RefCell<[u8; FIXED_LEN]> = const { RefCell::new([0; FIXED_LEN]) };
    /// The scratch buffer of larger ones, allocated and grown when first asked for.
    static GROWN: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    /// Whether the grown buffer is the current one (once asked for, it stays current).
    static USE_GROWN: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` on the current scratch buffer.
fn with_scratch<R>(f: impl FnOnce(&mut [u8]) -> R) -> R {
    if USE_GROWN.get() {
        GROWN.with_borrow_mut(|buf| f(buf))
    } else {
        FIXED.with_borrow_mut(|buf| f(buf))
    }
}

/// The scratch buffer's address, with room for at least `capacity` bytes (and never less than
/// the 64 of a hex digest). Valid until the next call of this function: a larger capacity may
/// move it.
#[no_mangle]
pub extern "C" fn scratch(capacity: usize) -> *mut u8 {
    let wanted = capacity.max(HEX_LEN);
    if wanted > FIXED_LEN || USE_GROWN.get() {
        USE_GROWN.set(true);
        GROWN.with_borrow_mut(|buf| {
            if buf.len() < wanted {
                buf.resize(wanted, 0);
            }
            buf.as_mut_ptr()
        })
    } else {
        FIXED.with_borrow_mut(|buf| buf.as_mut_ptr())
    }
}

/// Hashes the first `len` bytes of the scratch buffer and writes the digest over its start as
/// 64 hex digits (upper case when `uppercase` is not 0). Returns 1, or 0 (nothing written) when
/// `len` is out of the buffer.
#[no_mangle]
pub extern "C" fn checksum(len: usize, uppercase: u32) -> u32 {
    with_scratch(|buf| {
        let Some(text) = buf.get(..len) else { return 0 };
        let hex = hex_digits(&digest_bytes(text), uppercase != 0);
        match buf.get_mut(..HEX_LEN) {
            Some(out) => {
                out.copy_from_slice(&hex);
                1
            }
            None => 0,
        }
    })
}

/// 1 when the `received_len` bytes after the first `len` of the scratch buffer are the checksum
/// of those first `len` bytes ([`matches`]: constant-time, hex case and surrounding white space
/// ignored), else 0 (also when out of the buffer or not UTF-8).
#[no_mangle]
pub extern "C" fn verify(len: usize, received_len: usize) -> u32 {
    with_scratch(|buf| {
        let (Some(text), Some(received)) = (buf.get(..len), buf.get(len..len.saturating_add(received_len))) else {
            return 0;
        };
        u32::from(std::str::from_utf8(received).is_ok_and(|received| matches(received, &digest_bytes(text))))
    })
}
