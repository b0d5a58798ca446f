//! Standard base64 (RFC 4648, `+` and `/`), read the two ways the crate needs: the
//! `Authorization` token with its padding optional, checksums and secret keys with it required.
//! The errors, and the positions they name, are those of the `base64` crate's standard engines,
//! which the tests compare on every short input. That crate's decoder and encoder are unrolled
//! for speed on long inputs; for a token, a checksum and a key these two loops do, and weigh
//! 3.7 KB less in the gzipped WebAssembly core.

/// The 64 symbols, in value order.
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Why a text is not base64.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecodeError {
    /// A byte that is no symbol, or a `=` where padding cannot be: its index.
    Symbol(usize),
    /// A last group of one symbol, which holds no whole byte.
    Length,
    /// A last symbol whose unused bits are not zero: its index.
    LastSymbol(usize),
    /// Padding missing, or more than the last group needs (when it is required).
    Padding,
}

/// Whether the `=` that round the length up to a multiple of 4 must be there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Padding {
    /// They must.
    Required,
    /// With them or without.
    Optional,
}

/// `bytes` in base64, padded.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for group in bytes.chunks(3) {
        let bits = group.iter().enumerate().fold(0u32, |bits, (i, b)| bits | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            let symbol = ALPHABET[(bits >> (18 - 6 * i) & 63) as usize];
            out.push(if i <= group.len() { char::from(symbol) } else { '=' });
        }
    }
    out
}

/// The value of a symbol.
fn value(symbol: u8) -> Option<u32> {
    let v = match symbol {
        b'A'..=b'Z' => symbol - b'A',
        b'a'..=b'z' => symbol - b'a' + 26,
        b'0'..=b'9' => symbol - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    };
    Some(u32::from(v))
}

/// The bytes `text` encodes.
pub fn decode(text: &str, padding: Padding) -> Result<Vec<u8>, DecodeError> {
    let input = text.as_bytes();
    let rem = input.len() % 4;
    if rem == 1 && input.last().is_some_and(|b| *b != b'=' && value(*b).is_none()) {
        return Err(DecodeError::Symbol(input.len() - 1));
    }
    // Every group but the last (one to four bytes, its padding included) is four symbols.
    let last_group = input.len().saturating_sub(if rem == 0 { 4 } else { rem });
    let mut out = Vec::with_capacity(input.len() / 4 * 3 + 3);
    let mut bits = 0u32;
    for (i, b) in input.iter().enumerate().take(last_group) {
        bits = bits << 6 | value(*b).ok_or(DecodeError::Symbol(i))?;
        if i % 4 == 3 {
            out.extend_from_slice(&bits.to_be_bytes()[1..]);
            bits = 0;
        }
    }
    let (mut symbols, mut pads, mut first_pad) = (0, 0, 0);
    for (i, b) in input.iter().enumerate().skip(last_group) {
        if *b == b'=' {
            if i - last_group < 2 {
                return Err(DecodeError::Symbol(i));
            }
            if pads == 0 {
                first_pad = i;
            }
            pads += 1;
        } else if pads > 0 {
            return Err(DecodeError::Symbol(first_pad));
        } else {
            bits = bits << 6 | value(*b).ok_or(DecodeError::Symbol(i))?;
            symbols += 1;
        }
    }
    if symbols < 2 {
        return if input.is_empty() { Ok(out) } else { Err(DecodeError::Length) };
    }
    if padding == Padding::Required && (pads + symbols) % 4 != 0 {
        return Err(DecodeError::Padding);
    }
    // The last group's bits, from the top: its whole bytes, then bits that must be zero.
    let whole = symbols * 6 / 8;
    let bits = bits << (32 - 6 * symbols);
    if bits << (8 * whole) != 0 {
        return Err(DecodeError::LastSymbol(last_group + symbols - 1));
    }
    out.extend_from_slice(&bits.to_be_bytes()[..whole]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
    use base64::engine::DecodePaddingMode;
    use base64::{alphabet, Engine};

    use super::*;

    /// RFC 4648, section 10.
    #[test]
    fn the_rfc_vectors() {
        for (bytes, text) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(encode(bytes.as_bytes()), text);
            assert_eq!(decode(text, Padding::Required).unwrap(), bytes.as_bytes(), "{text}");
            assert_eq!(decode(text.trim_end_matches('='), Padding::Optional).unwrap(), bytes.as_bytes(), "{text}");
        }
        assert_eq!(decode("Zg", Padding::Required), Err(DecodeError::Padding));
    }

    fn theirs(engine: &GeneralPurpose, text: &str) -> Result<Vec<u8>, DecodeError> {
        engine.decode(text).map_err(|e| match e {
            base64::DecodeError::InvalidByte(i, _) => DecodeError::Symbol(i),
            base64::DecodeError::InvalidLength(_) => DecodeError::Length,
            base64::DecodeError::InvalidLastSymbol(i, _) => DecodeError::LastSymbol(i),
            base64::DecodeError::InvalidPadding => DecodeError::Padding,
        })
    }

    /// Every text of up to seven characters from symbols that end groups differently, `=`, and a
    /// character that is no symbol: the same bytes or the same error as the `base64` crate.
    #[test]
    fn decodes_as_the_base64_crate_does() {
        let optional = GeneralPurpose::new(
            &alphabet::STANDARD,
            GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
        );
        let symbols = ['A', 'B', 'Q', 'g', '/', '=', '.'];
        let mut texts = vec![String::new()];
        let mut compared = 0;
        for _ in 0..7 {
            texts = texts.iter().flat_map(|t| symbols.iter().map(move |c| format!("{t}{c}"))).collect();
            for text in &texts {
                assert_eq!(decode(text, Padding::Required), theirs(&STANDARD, text), "{text:?} padding required");
                assert_eq!(decode(text, Padding::Optional), theirs(&optional, text), "{text:?} padding optional");
                compared += 1;
            }
        }
        assert_eq!(compared, (1..=7).map(|n| symbols.len().pow(n)).sum::<usize>());
    }

    #[test]
    fn encodes_as_the_base64_crate_does() {
        let bytes: Vec<u8> = (0..=255u8).rev().chain(0..=255).collect();
        for start in 0..8 {
            for len in 0..70 {
                let b = &bytes[start * 31..start * 31 + len];
                assert_eq!(encode(b), STANDARD.encode(b), "{b:?}");
                assert_eq!(decode(&encode(b), Padding::Required).unwrap(), b);
            }
        }
    }
}
