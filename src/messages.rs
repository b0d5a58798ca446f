//! The gateway's messages as typed values, with the wire's camelCase names, and the unit's
//! credentials.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::{Error, ErrorCode};
use crate::said::{kind_of, Phrase, Said};
use crate::scheme::as_object;

/// Payment request body, `POST /paygate`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PaygateRequest {
    /// The unit's partner code.
    pub partner_code: String,
    /// Access key.
    pub access_key: String,
    /// Where the gateway sends the result.
    pub return_url: String,
    /// Order id.
    pub order_id: String,
    /// Amount in VND.
    pub amount: u64,
    /// Payment description.
    pub order_info: String,
    /// Request code.
    pub request_code: String,
    /// The paying citizen's IP address.
    pub ip_address: String,
    /// Service code.
    pub service_code: String,
    /// Account code issued by the gateway.
    pub account_code: String,
    /// `paygate` scheme checksum.
    pub checksum: String,
}

/// Payment result the gateway PUTs to the unit's `returnUrl`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PaymentResult {
    /// Gateway or wallet that took the payment.
    pub paygate: String,
    /// Transaction id at the payment provider.
    pub pay_trans_id: String,
    /// Order id.
    pub order_id: String,
    /// Amount paid.
    pub amount: u64,
    /// Order description.
    pub order_info: String,
    /// Payment time, `yyyyMMddHHmmss`.
    pub pay_date: String,
    /// `00` for success.
    pub error_code: String,
    /// `Pay` or `Refund`.
    #[serde(rename = "type")]
    pub kind: String,
    /// `result` scheme checksum.
    pub checksum: String,
}

/// Refund request body, `POST /refund`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RefundRequest {
    /// Unit code.
    pub partner_code: String,
    /// Access key.
    pub access_key: String,
    /// The payment's transaction number.
    pub transaction_no: String,
    /// Refund request code.
    pub request_code: String,
    /// Amount to refund.
    pub amount: u64,
    /// Order id being refunded.
    pub order_id: String,
    /// Refund description.
    pub order_info: String,
    /// `02` = full refund.
    pub transaction_type: String,
    /// `refund` scheme checksum.
    pub checksum: String,
}

/// Lookup request body, `POST /GetOrderInfo`. The transaction goes under both names the guide
/// gives it (its table's `transactionNo`, its example's `payTransId`), with one value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LookupRequest {
    /// Unit code.
    pub partner_code: String,
    /// Access key.
    pub access_key: String,
    /// Payment transaction number (the checksum covers it under this name).
    pub transaction_no: String,
    /// The same transaction number, under the name the guide's example uses.
    pub pay_trans_id: String,
    /// Order id.
    pub order_id: String,
    /// `lookup` scheme checksum.
    pub checksum: String,
}

/// The credentials a unit signs requests with. `Debug` never shows the secret key.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    /// Partner code.
    pub partner_code: String,
    /// Access key.
    pub access_key: String,
    /// Secret key: the start of every request pre-image.
    pub secret_key: String,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("partner_code", &self.partner_code)
            .field("access_key", &self.access_key)
            .field("secret_key", &"[REDACTED]")
            .finish()
    }
}

/// Keys a credentials object may carry besides the three used for signing.
const OPTIONAL_CREDENTIAL_KEYS: &[&str] = &["appName", "partnerCodeCus"];

impl Credentials {
    /// Read `{partnerCode, accessKey, secretKey}` (plus the optional `appName`,
    /// `partnerCodeCus`) from a JSON object. Errors name the key, never a value.
    pub fn from_value(value: &Value) -> Result<Self, Error> {
        let map = as_object(value, "credentials")?;
        check_keys(map, "credentials", &["partnerCode", "accessKey", "secretKey"], OPTIONAL_CREDENTIAL_KEYS)?;
        Ok(Credentials {
            partner_code: required_string(map, "credentials", "partnerCode")?,
            access_key: required_string(map, "credentials", "accessKey")?,
            // A null secret is no secret: the same error as an absent one.
            secret_key: required_string(map, "credentials", "secretKey").map_err(|mut e| {
                if e.code == ErrorCode::MissingField || map.get("secretKey").is_some_and(Value::is_null) {
                    e.code = ErrorCode::MissingSecret;
                }
                e
            })?,
        })
    }
}

/// A string member of `map`, or an error naming `what.key` (never quoting the value).
pub(crate) fn required_string(map: &Map<String, Value>, what: &str, key: &str) -> Result<String, Error> {
    let path = format!("{what}.{key}");
    match map.get(key) {
        Some(Value::String(s)) => Ok(s.clone()),
        None => Err(Error::at(ErrorCode::MissingField, &path, Said::new(Phrase::Required).name("field", &path))),
        Some(other) => {
            let said = Said::new(Phrase::MustBeString).name("field", &path).word("got", kind_of(other));
            Err(Error::at(ErrorCode::InvalidField, path, said))
        }
    }
}

/// Reject keys of `map` that are neither required nor optional.
pub(crate) fn check_keys(
    map: &Map<String, Value>,
    what: &str,
    required: &[&str],
    optional: &[&str],
) -> Result<(), Error> {
    match map.keys().find(|k| !required.contains(&k.as_str()) && !optional.contains(&k.as_str())) {
        Some(k) => Err(Error::at(
            ErrorCode::InvalidArgument,
            format!("{what}.{k}"),
            Said::new(Phrase::UnknownKey).name("object", what).quoted("key", k).name("expected", &{
                let mut expected = String::new();
                for k in required.iter().chain(optional) {
                    crate::text::push_item(&mut expected, k);
                }
                expected
            }),
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn credentials_debug_is_redacted() {
        let c = Credentials::from_value(&json!({"partnerCode": "P", "accessKey": "A", "secretKey": "s3cr3t-value"}))
            .unwrap();
        assert!(!format!("{c:?}").contains("s3cr3t"));
    }

    #[test]
    fn credential_errors_name_the_key_not_the_value() {
        let err = Credentials::from_value(&json!({"partnerCode": "P", "accessKey": "A", "secretKey": 123456789}))
            .unwrap_err();
        assert_eq!(err.path.as_deref(), Some("credentials.secretKey"));
        assert!(!err.message().contains("123456789"), "{}", err.message());
        let err = Credentials::from_value(&json!({"partnerCode": "P", "accessKey": "A"})).unwrap_err();
        assert_eq!(err.code, ErrorCode::MissingSecret);
        let err =
            Credentials::from_value(&json!({"partnerCode": "P", "accessKey": "A", "secretKey": null})).unwrap_err();
        assert_eq!(err.code, ErrorCode::MissingSecret);
        let err = Credentials::from_value(&json!({"partnerCode": "P", "secretKey": "s"})).unwrap_err();
        assert_eq!(err.code, ErrorCode::MissingField);
        let err =
            Credentials::from_value(&json!({"partnerCode": "P", "accessKey": "A", "secretKey": "s", "secret": "x"}))
                .unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidArgument);
    }
}
