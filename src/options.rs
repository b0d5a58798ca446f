//! Option objects of the API: only known keys, only booleans, never silently ignored.

use serde_json::Value;

use crate::error::{Error, ErrorCode};
use crate::said::{kind_of, Phrase, Said};
use crate::scheme::as_object;

/// Read the boolean `options` named in `keys` (absent ones are `false`). `None` and `null` mean
/// no options; an unknown key or a non-boolean is `INVALID_ARGUMENT`.
fn flags<const N: usize>(options: Option<&Value>, keys: [&str; N]) -> Result<[bool; N], Error> {
    let mut out = [false; N];
    let map = match options {
        None | Some(Value::Null) => return Ok(out),
        Some(value) => as_object(value, "options")?,
    };
    for (k, v) in map {
        let Some(i) = keys.iter().position(|key| key == k) else {
            let said = Said::new(Phrase::UnknownOption).quoted("key", k).name("expected", &keys.join(", "));
            return Err(Error::at(ErrorCode::InvalidArgument, format!("options.{k}"), said));
        };
        out[i] = match v {
            Value::Bool(b) => *b,
            other => {
                let path = format!("options.{k}");
                let said = Said::new(Phrase::MustBeBoolean).name("path", &path).word("got", kind_of(other));
                return Err(Error::at(ErrorCode::InvalidArgument, path, said));
            }
        };
    }
    Ok(out)
}

/// Options of `checksum`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ChecksumOptions {
    /// Upper-case hex digits (the guide's samples); lower case by default.
    pub uppercase: bool,
}

impl ChecksumOptions {
    /// Read `{uppercase?}`.
    pub fn from_value(options: Option<&Value>) -> Result<Self, Error> {
        let [uppercase] = flags(options, ["uppercase"])?;
        Ok(ChecksumOptions { uppercase })
    }
}

/// Options of `preimage` (and of the explanations built on it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PreimageOptions {
    /// Show the secret key's bytes instead of `*`.
    pub reveal_secret: bool,
}

impl PreimageOptions {
    /// Read `{revealSecret?}`.
    pub fn from_value(options: Option<&Value>) -> Result<Self, Error> {
        let [reveal_secret] = flags(options, ["revealSecret"])?;
        Ok(PreimageOptions { reveal_secret })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn options_are_strict() {
        assert_eq!(ChecksumOptions::from_value(None).unwrap(), ChecksumOptions::default());
        assert!(ChecksumOptions::from_value(Some(&json!({"uppercase": true}))).unwrap().uppercase);
        assert!(ChecksumOptions::from_value(Some(&json!({"upperCase": true}))).is_err());
        assert!(ChecksumOptions::from_value(Some(&json!({"uppercase": 1}))).is_err());
        assert!(PreimageOptions::from_value(Some(&json!("yes"))).is_err());
    }
}
