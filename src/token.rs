//! The `Authorization` token: standard base64 of a UTF-8 JSON object holding the unit's
//! credentials. It carries the secret key, so it is a secret too.

use std::fmt;

use serde::Serialize;
use serde_json::Value;

use crate::base64::{self, DecodeError, Padding};
use crate::error::{json_error_place, Error, ErrorCode};
use crate::messages::{check_keys, required_string};
use crate::said::{Phrase, Said};
use crate::scheme::as_object;

/// The token's JSON keys, in the order the guide writes them, with the camelCase names used
/// everywhere else in the API.
const KEYS: [(&str, &str); 5] = [
    ("AccessKey", "accessKey"),
    ("SecretKey", "secretKey"),
    ("AppName", "appName"),
    ("PartnerCode", "partnerCode"),
    ("PartnerCodeCus", "partnerCodeCus"),
];

/// What an `Authorization` token carries. `Debug` never shows the secret key.
#[derive(Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthorizationCredentials {
    /// Access key.
    pub access_key: String,
    /// Secret key.
    pub secret_key: String,
    /// Application name.
    pub app_name: String,
    /// Partner code.
    pub partner_code: String,
    /// Customer partner code.
    pub partner_code_cus: String,
}

impl fmt::Debug for AuthorizationCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthorizationCredentials")
            .field("access_key", &self.access_key)
            .field("secret_key", &"[REDACTED]")
            .field("app_name", &self.app_name)
            .field("partner_code", &self.partner_code)
            .field("partner_code_cus", &self.partner_code_cus)
            .finish()
    }
}

impl AuthorizationCredentials {
    /// Read `{accessKey, secretKey, appName, partnerCode, partnerCodeCus}` from a JSON object.
    pub fn from_value(value: &Value) -> Result<Self, Error> {
        let map = as_object(value, "credentials")?;
        let names = KEYS.map(|(_, js)| js);
        check_keys(map, "credentials", &names, &[])?;
        let get = |key| required_string(map, "credentials", key);
        Ok(AuthorizationCredentials {
            access_key: get("accessKey")?,
            secret_key: get("secretKey")?,
            app_name: get("appName")?,
            partner_code: get("partnerCode")?,
            partner_code_cus: get("partnerCodeCus")?,
        })
    }
}

/// The token's JSON, fields in the guide's order.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct TokenJson<'a> {
    access_key: &'a str,
    secret_key: &'a str,
    app_name: &'a str,
    partner_code: &'a str,
    partner_code_cus: &'a str,
}

/// The token for these credentials: compact JSON in the guide's key order, standard base64 with
/// padding.
pub fn encode_authorization(c: &AuthorizationCredentials) -> String {
    let json = TokenJson {
        access_key: &c.access_key,
        secret_key: &c.secret_key,
        app_name: &c.app_name,
        partner_code: &c.partner_code,
        partner_code_cus: &c.partner_code_cus,
    };
    // Serializing borrowed strings into a String cannot fail.
    base64::encode(serde_json::to_string(&json).unwrap_or_default().as_bytes())
}

fn invalid(said: Said) -> Error {
    Error::at(ErrorCode::InvalidToken, "token", said)
}

/// Decode a token. White space inside its JSON does not matter; errors never quote the token.
pub fn decode_authorization(token: &str) -> Result<AuthorizationCredentials, Error> {
    if token.is_empty() {
        return Err(invalid(Said::new(Phrase::TokenEmpty)));
    }
    // Standard base64, its padding optional: the guide's first sample token has none.
    let bytes = base64::decode(token, Padding::Optional).map_err(|e| {
        invalid(match e {
            DecodeError::Symbol(i) => Said::new(Phrase::TokenBadCharacter).number("position", i),
            DecodeError::Length => Said::new(Phrase::TokenBadLength),
            DecodeError::LastSymbol(i) => Said::new(Phrase::TokenBadLastCharacter).number("position", i),
            DecodeError::Padding => Said::new(Phrase::TokenBadPadding),
        })
    })?;
    let text = String::from_utf8(bytes)
        .map_err(|e| invalid(Said::new(Phrase::TokenNotUtf8).number("byte", e.utf8_error().valid_up_to())))?;
    let value: Value =
        serde_json::from_str(&text).map_err(|e| invalid(json_error_place(Said::new(Phrase::TokenNotJson), &e)))?;
    let map = value.as_object().ok_or_else(|| invalid(Said::new(Phrase::TokenNotObject)))?;
    let mut out = [const { String::new() }; 5];
    for ((wire, _), slot) in KEYS.iter().zip(out.iter_mut()) {
        *slot = match map.get(*wire) {
            Some(Value::String(s)) => s.clone(),
            Some(_) => return Err(invalid(Said::new(Phrase::TokenFieldNotString).name("key", wire))),
            None => return Err(invalid(Said::new(Phrase::TokenFieldMissing).name("key", wire))),
        };
    }
    let [access_key, secret_key, app_name, partner_code, partner_code_cus] = out;
    Ok(AuthorizationCredentials { access_key, secret_key, app_name, partner_code, partner_code_cus })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GUIDE_TEST: &str = "ewogICJBY2Nlc3NLZXkiOiIwNGVlZWM5NWJhMzI0YWEzOTQ1YmVkOTUwZjc5YTNkOCIsCiAgIlNlY3JldEtleSI6Ik1EUmxaV1ZqT1RWaVlUTXlOR0ZoTXprME5XSXRaV1E1TlRCbU56bGhNMlE0IiwKICAiQXBwTmFtZSI6ImhjbV9zc29fYWRtaW4iLAogICJQYXJ0bmVyQ29kZSI6ImhjbV90ZXN0X3NzbyIsCiAgIlBhcnRuZXJDb2RlQ3VzIjoiaGNtX3Rlc3Rfc3NvIgp9";

    #[test]
    fn guide_token_decodes_and_round_trips() {
        let c = decode_authorization(GUIDE_TEST).unwrap();
        assert_eq!(c.app_name, "hcm_sso_admin");
        assert_eq!(c.partner_code, "hcm_test_sso");
        assert!(!format!("{c:?}").contains(&c.secret_key));
        assert_eq!(decode_authorization(&encode_authorization(&c)).unwrap(), c);
    }

    #[test]
    fn unpadded_tokens_decode() {
        let c = decode_authorization(GUIDE_TEST).unwrap();
        let token = encode_authorization(&c);
        assert_eq!(decode_authorization(token.trim_end_matches('=')).unwrap(), c);
    }

    #[test]
    fn errors_never_quote_the_token() {
        for bad in ["%%%", "bm90IGpzb24=", "WzFd", "e30="] {
            let err = decode_authorization(bad).unwrap_err();
            assert_eq!(err.code, ErrorCode::InvalidToken, "{bad}");
            assert!(!err.message().contains(bad), "{}", err.message());
            assert!(!err.said.sentence().vi.contains(bad), "{:?}", err.said.sentence());
        }
    }
}
