//! Checksums and their verification, over the scheme table.

use serde_json::{Map, Value};

use crate::error::{Error, ErrorCode};
use crate::said::{kind_of, Phrase, Said};
use crate::scheme::{as_object, scheme, Preimage, Scheme};

pub use lgsp_paygate_hash::{digest_bytes, matches};

/// Hex digits of a digest, lower case unless `uppercase`.
pub fn to_hex(digest: &[u8; 32], uppercase: bool) -> String {
    // Only ASCII digits are written, so this never falls back to the empty string.
    String::from_utf8(lgsp_paygate_hash::hex_digits(digest, uppercase).to_vec()).unwrap_or_default()
}

/// The checksum of `fields` under scheme `scheme_id`, as 64 hex digits.
pub fn checksum(scheme_id: &str, fields: &Value, secret: Option<&str>, uppercase: bool) -> Result<String, Error> {
    Ok(to_hex(&preimage(scheme_id, fields, secret)?.digest(), uppercase))
}

/// The pre-image of `fields` under scheme `scheme_id`.
pub fn preimage(scheme_id: &str, fields: &Value, secret: Option<&str>) -> Result<Preimage, Error> {
    scheme(scheme_id)?.preimage(as_object(fields, "fields")?, secret)
}

/// The `checksum` a message of scheme `s` carries (under another name the scheme knows when
/// `checksum` is absent), or `MISSING_FIELD` / `INVALID_FIELD`.
pub fn received_checksum<'a>(s: &Scheme, message: &'a Map<String, Value>) -> Result<&'a str, Error> {
    let alias = s.aliases.iter().filter(|(_, canon)| *canon == "checksum").find_map(|(alias, _)| message.get(*alias));
    match message.get("checksum").or(alias) {
        None => Err(Error::at(
            ErrorCode::MissingField,
            "checksum",
            Said::new(Phrase::MissingField).name("field", "checksum"),
        )),
        Some(Value::String(s)) => Ok(s),
        Some(other) => {
            let said = Said::new(Phrase::MustBeString).name("field", "checksum").word("got", kind_of(other));
            Err(Error::at(ErrorCode::InvalidField, "checksum", said))
        }
    }
}

/// Whether `message` (which carries `checksum`) is signed correctly under scheme `scheme_id`.
pub fn verify(scheme_id: &str, message: &Value, secret: Option<&str>) -> Result<bool, Error> {
    let s = scheme(scheme_id)?;
    let message = as_object(message, "message")?;
    let received = received_checksum(s, message)?;
    let digest = s.preimage(message, secret)?.digest();
    Ok(matches(received, &digest))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn lookup() -> Value {
        json!({"partnerCode": "P", "accessKey": "A", "transactionNo": "1", "orderId": "O"})
    }

    #[test]
    fn hex_matches_the_hex_crate() {
        let d: [u8; 32] = core::array::from_fn(|i| (i * 37 + 5) as u8);
        assert_eq!(to_hex(&d, false), hex::encode(d));
        assert_eq!(to_hex(&d, true), hex::encode_upper(d));
    }

    #[test]
    fn hex_case_follows_the_option() {
        let lower = checksum("lookup", &lookup(), Some("k"), false).unwrap();
        let upper = checksum("lookup", &lookup(), Some("k"), true).unwrap();
        assert_eq!(lower.len(), 64);
        assert_eq!(lower.to_uppercase(), upper);
        assert!(lower.chars().all(|c| c.is_ascii_digit() || c.is_ascii_lowercase()));
    }

    #[test]
    fn verify_ignores_case_and_surrounding_space_only() {
        let sum = checksum("lookup", &lookup(), Some("k"), false).unwrap();
        for received in [sum.clone(), sum.to_uppercase(), format!(" {sum} "), format!("{sum}\n")] {
            let mut m = lookup();
            m["checksum"] = json!(received);
            assert_eq!(verify("lookup", &m, Some("k")), Ok(true), "{received:?}");
        }
        let mut flipped = sum.into_bytes();
        flipped[10] = if flipped[10] == b'0' { b'1' } else { b'0' };
        let mut m = lookup();
        m["checksum"] = json!(String::from_utf8(flipped).unwrap());
        assert_eq!(verify("lookup", &m, Some("k")), Ok(false));
        m["checksum"] = json!("zz");
        assert_eq!(verify("lookup", &m, Some("k")), Ok(false));
    }

    #[test]
    fn verify_needs_a_checksum_string() {
        assert_eq!(verify("lookup", &lookup(), Some("k")).unwrap_err().code, ErrorCode::MissingField);
        let mut m = lookup();
        m["checksum"] = json!(5);
        assert_eq!(verify("lookup", &m, Some("k")).unwrap_err().code, ErrorCode::InvalidField);
    }

    #[test]
    fn text_digest_is_the_preimage_digest() {
        assert_eq!(digest_bytes(b"kPA1O"), preimage("lookup", &lookup(), Some("k")).unwrap().digest());
    }

    #[test]
    fn fields_must_be_an_object() {
        assert_eq!(checksum("lookup", &json!([1]), Some("k"), false).unwrap_err().code, ErrorCode::InvalidArgument);
    }
}
