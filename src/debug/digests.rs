//! What a received checksum is made of: SHA-256 in 64 hex digits as the gateway wants, or the
//! digest another library writes (MD5, SHA-512, base64, hex with its leading zeros dropped).
//! Each way of writing it that is not the gateway's is a mistake the diagnosis names.

use crate::diagnose::FindingCode;

/// A hash function a checksum may have been made with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algorithm {
    /// SHA-256, the gateway's.
    Sha256,
    /// SHA-512.
    Sha512,
    /// MD5.
    Md5,
}

impl Algorithm {
    /// Its usual name.
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Sha256 => "SHA-256",
            Algorithm::Sha512 => "SHA-512",
            Algorithm::Md5 => "MD5",
        }
    }

    /// The digest of `data`. SHA-256 is the checksum's own function
    /// ([`lgsp_paygate_hash::digest_bytes`]): the diagnosis does not compile it a second time.
    /// MD5 and SHA-512 are RustCrypto's compression functions over [`padded`], which serves
    /// both: the crates' streaming buffers would be compiled once for each.
    fn hash(self, data: &[u8]) -> Vec<u8> {
        let bits = (data.len() as u64).wrapping_mul(8);
        let mut out = Vec::new();
        match self {
            Algorithm::Sha256 => out.extend_from_slice(&lgsp_paygate_hash::digest_bytes(data)),
            Algorithm::Md5 => {
                let mut state = [0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476];
                for block in padded(data, 64, &bits.to_le_bytes()).chunks_exact(64) {
                    if let Ok(block) = block.try_into() {
                        md5::block_api::compress(&mut state, &[block]);
                    }
                }
                for word in state {
                    out.extend_from_slice(&word.to_le_bytes());
                }
            }
            Algorithm::Sha512 => {
                let mut state = SHA512_INITIAL;
                for block in padded(data, 128, &u128::from(bits).to_be_bytes()).chunks_exact(128) {
                    if let Ok(block) = block.try_into() {
                        sha2::block_api::compress512(&mut state, &[block]);
                    }
                }
                for word in state {
                    out.extend_from_slice(&word.to_be_bytes());
                }
            }
        }
        out
    }

    /// The digest of `data`, or its HMAC keyed with `key`: RFC 2104 over the one hash function
    /// above (the `hmac` crate would compile it again for each of the three).
    pub fn digest(self, key: Option<&[u8]>, data: &[u8]) -> Vec<u8> {
        let Some(key) = key else { return self.hash(data) };
        let block_size = if self == Algorithm::Sha512 { 128 } else { 64 };
        let mut block = if key.len() > block_size { self.hash(key) } else { key.to_vec() };
        block.resize(block_size, 0);
        let keyed = |pad: u8, then: &[u8]| {
            let mut bytes = block.clone();
            for b in &mut bytes {
                *b ^= pad;
            }
            bytes.extend_from_slice(then);
            bytes
        };
        let inner = self.hash(&keyed(0x36, data));
        self.hash(&keyed(0x5c, &inner))
    }
}

/// SHA-512's initial hash value (FIPS 180-4, 5.3.5).
const SHA512_INITIAL: [u64; 8] = [
    0x6a09_e667_f3bc_c908,
    0xbb67_ae85_84ca_a73b,
    0x3c6e_f372_fe94_f82b,
    0xa54f_f53a_5f1d_36f1,
    0x510e_527f_ade6_82d1,
    0x9b05_688c_2b3e_6c1f,
    0x1f83_d9ab_fb41_bd6b,
    0x5be0_cd19_137e_2179,
];

/// `data` as MD5 and SHA-512 pad it: then the byte 0x80, zeros, and `length` (the length in
/// bits as each writes it) ending the last of its blocks of `block` bytes.
fn padded(data: &[u8], block: usize, length: &[u8]) -> Vec<u8> {
    let mut m = data.to_vec();
    m.push(0x80);
    while (m.len() + length.len()) % block != 0 {
        m.push(0);
    }
    m.extend_from_slice(length);
    m
}

/// How the digest's bytes were written.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Written {
    /// Every byte as two hex digits: the bytes.
    Hex(Vec<u8>),
    /// Hex with the leading zeros dropped (Java's `BigInteger.toString(16)`): the digits left.
    HexStripped(String),
    /// Standard base64: the bytes.
    Base64(Vec<u8>),
}

/// What the received checksum must equal: a hash function, how it was written, and the
/// mistakes that way of writing it is (none for the gateway's own).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The hash function.
    pub algorithm: Algorithm,
    written: Written,
    /// The mistakes the format itself is: none, one or two.
    pub codes: Vec<FindingCode>,
}

fn hex_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_hexdigit())
}

impl Target {
    /// Read a received checksum; `None` when it is no digest this diagnosis knows.
    pub fn parse(received: &str) -> Option<Target> {
        use Algorithm::{Md5, Sha256, Sha512};
        use FindingCode::{DigestBase64 as Base64, DigestMd5, DigestSha512, HexLeadingZerosDropped as Zeros};
        let t = received.trim();
        let (algorithm, written, codes): (Algorithm, Written, &[FindingCode]) = if hex_digits(t) {
            let bytes = hex::decode(t).ok();
            let stripped = (!t.starts_with('0')).then(|| Written::HexStripped(t.to_ascii_lowercase()));
            match t.len() {
                64 => (Sha256, Written::Hex(bytes?), &[]),
                32 => (Md5, Written::Hex(bytes?), &[DigestMd5]),
                128 => (Sha512, Written::Hex(bytes?), &[DigestSha512]),
                // A digest starts with k zero digits one time in 16^k: three at most.
                61..=63 => (Sha256, stripped?, &[Zeros]),
                29..=31 => (Md5, stripped?, &[DigestMd5, Zeros]),
                125..=127 => (Sha512, stripped?, &[DigestSha512, Zeros]),
                _ => return None,
            }
        } else {
            let bytes = crate::base64::decode(t, crate::base64::Padding::Required).ok()?;
            match bytes.len() {
                32 => (Sha256, Written::Base64(bytes), &[Base64]),
                64 => (Sha512, Written::Base64(bytes), &[Base64, DigestSha512]),
                16 => (Md5, Written::Base64(bytes), &[Base64, DigestMd5]),
                _ => return None,
            }
        };
        Some(Target { algorithm, written, codes: codes.to_vec() })
    }

    /// Whether `digest` (of [`Target::algorithm`]) is the received checksum.
    pub fn matches(&self, digest: &[u8]) -> bool {
        match &self.written {
            Written::Hex(b) | Written::Base64(b) => b.as_slice() == digest,
            Written::HexStripped(digits) => {
                let full = hex::encode(digest);
                full.trim_start_matches('0') == digits
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_recognised_and_matched() {
        let d = Algorithm::Sha256.digest(None, b"abc");
        let hexed = hex::encode(&d);
        let t = Target::parse(&hexed.to_uppercase()).unwrap();
        assert!(t.codes.is_empty() && t.matches(&d));
        let b64 = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, &d);
        let t = Target::parse(&b64).unwrap();
        assert_eq!(t.codes, vec![FindingCode::DigestBase64]);
        assert!(t.matches(&d));
        let md5 = Algorithm::Md5.digest(None, b"abc");
        assert_eq!(hex::encode(&md5), "900150983cd24fb0d6963f7d28e17f72");
        assert!(Target::parse("900150983cd24fb0d6963f7d28e17f72").unwrap().matches(&md5));
        // HMAC-SHA256 of RFC 4231 test case 2.
        let mac = Algorithm::Sha256.digest(Some(b"Jefe"), b"what do ya want for nothing?");
        assert_eq!(hex::encode(mac), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        // RFC 4231 test cases 2 and 6 (a key longer than the block) for SHA-512, RFC 2202's 1
        // and 6 for MD5.
        let long = b"Test Using Larger Than Block-Size Key - Hash Key First";
        for (algorithm, key, data, mac) in [
            (Algorithm::Sha256, &[0xaa; 131][..], &long[..], "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
            (Algorithm::Sha512, b"Jefe", b"what do ya want for nothing?", "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"),
            (Algorithm::Sha512, &[0xaa; 131], long, "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598"),
            (Algorithm::Md5, &[0x0b; 16], b"Hi There", "9294727a3638bb1c13f48ef8158bfc9d"),
            (Algorithm::Md5, &[0xaa; 80], long, "6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd"),
        ] {
            assert_eq!(hex::encode(algorithm.digest(Some(key), data)), mac, "{algorithm:?}");
        }
        assert!(Target::parse("0abc").is_none());
        assert!(Target::parse("not a digest").is_none());
    }

    #[test]
    fn md5_and_sha512_agree_with_the_crates_for_every_length_of_three_blocks() {
        use sha2::digest::Digest;
        let data: Vec<u8> = (0..=400u32).map(|i| (i * 7 + 3) as u8).collect();
        for n in 0..=data.len() {
            let d = &data[..n];
            assert_eq!(Algorithm::Md5.digest(None, d), md5::Md5::digest(d).to_vec(), "MD5 of {n} bytes");
            assert_eq!(Algorithm::Sha512.digest(None, d), sha2::Sha512::digest(d).to_vec(), "SHA-512 of {n} bytes");
        }
    }

    #[test]
    fn leading_zeros_dropped() {
        // Find a pre-image whose SHA-256 starts with a zero digit.
        let (data, d) = (0..200u32)
            .map(|i| i.to_string())
            .map(|s| (s.clone(), Algorithm::Sha256.digest(None, s.as_bytes())))
            .find(|(_, d)| d[0] < 0x10)
            .unwrap();
        let stripped = hex::encode(&d).trim_start_matches('0').to_owned();
        let t = Target::parse(&stripped).unwrap();
        assert_eq!(t.codes, vec![FindingCode::HexLeadingZerosDropped], "{data}");
        assert!(t.matches(&d));
    }
}
