//! The checksum primitives of lgsp-paygate: the SHA-256 digest of a pre-image's bytes, its 64
//! hex digits, and the comparison of a received checksum with a digest. The main crate computes
//! and compares every checksum with these functions.
//!
//! Built for wasm32 with the `exports` feature, this crate is also the package's second
//! WebAssembly module, `lgsp_paygate_hash.wasm` (see [`module`]): the hot path of `checksum` and
//! `verify`. It is a few dozen KiB and imports nothing, so a fresh Node process compiles and
//! instantiates it in well under a millisecond, where the full core (every other function, a
//! few hundred KiB) takes several; the full core is then loaded only when a call needs it.

// Safe Rust throughout; the module's C-ABI exports need `#[no_mangle]`, which the lint counts as
// unsafe, so it is allowed there alone.
#![deny(unsafe_code)]
#![deny(missing_docs)]

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

#[cfg(all(feature = "exports", target_arch = "wasm32"))]
#[allow(unsafe_code)]
pub mod module;

/// The SHA-256 digest of `bytes`.
pub fn digest_bytes(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// The 64 hex digits of a digest, lower case unless `uppercase`. (A table lookup into a fixed
/// buffer: this runs once per checksum, and `hex::encode`'s char iterator costs as much as a
/// SHA-256 block in WebAssembly.)
pub fn hex_digits(digest: &[u8; 32], uppercase: bool) -> [u8; 64] {
    let digits: &[u8; 16] = if uppercase { b"0123456789ABCDEF" } else { b"0123456789abcdef" };
    let mut out = [0u8; 64];
    for (pair, byte) in out.chunks_exact_mut(2).zip(digest) {
        pair[0] = digits[usize::from(byte >> 4)];
        pair[1] = digits[usize::from(byte & 0x0f)];
    }
    out
}

/// Whether the received checksum text names this digest.
///
/// Case and surrounding whitespace of the received hex do not matter. Anything that is not 64
/// hex digits does not match. The comparison of the 32 digest bytes is constant-time
/// (`subtle::ConstantTimeEq`), so the time taken does not tell how many bytes matched.
pub fn matches(received: &str, digest: &[u8; 32]) -> bool {
    let mut bytes = [0u8; 32];
    match hex::decode_to_slice(received.trim(), &mut bytes) {
        Ok(()) => bool::from(bytes.ct_eq(digest)),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SHA-256("abc"), FIPS 180-2 appendix B.1.
    const ABC: &str = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    #[test]
    fn digest_is_fips_180_sha256() {
        assert_eq!(hex::encode(digest_bytes(b"abc")), ABC);
    }

    #[test]
    fn hex_digits_match_the_hex_crate() {
        let d: [u8; 32] = core::array::from_fn(|i| (i * 37 + 5) as u8);
        assert_eq!(hex_digits(&d, false).as_slice(), hex::encode(d).as_bytes());
        assert_eq!(hex_digits(&d, true).as_slice(), hex::encode_upper(d).as_bytes());
    }

    #[test]
    fn matches_ignores_case_and_surrounding_space_only() {
        let d = digest_bytes(b"abc");
        for received in [ABC.to_owned(), ABC.to_uppercase(), format!(" {ABC}\n"), format!("\t{ABC} ")] {
            assert!(matches(&received, &d), "{received:?}");
        }
        let flipped = format!("0{}", &ABC[1..]);
        for received in
            [flipped.as_str(), &ABC[..63], "", "zz", &format!("{ABC}00"), &format!("{} {}", &ABC[..32], &ABC[32..])]
        {
            assert!(!matches(received, &d), "{received:?}");
        }
    }
}
