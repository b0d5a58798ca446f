//! A validated message's fields read into its typed struct (`PaygateRequest`, `PaymentResult`…).
//!
//! Validation has already made every field what the type holds (a string, or the amount as an
//! integer), so this reader knows only those two shapes and says nothing but "does not fit"
//! when a value is neither. It hands the type its fields in the order the type declares them
//! (a struct's `Deserialize` can take them so, with no field names to match), each taken from
//! the map by its name on the wire. `serde_json::from_value` would do the same job through the
//! general `Value` deserializer, compiled once per message type with its error messages, which
//! format floats: about 20 KB of the WebAssembly core for a step that cannot fail after
//! validation.

use std::fmt;

use serde::de::value::SeqDeserializer;
use serde::de::{self, DeserializeOwned, IntoDeserializer, Visitor};
use serde_json::{Map, Value};

/// The typed message `T` from a canonical map that passed validation; `None` when it does not fit.
pub fn from_canonical<T: DeserializeOwned>(map: &Map<String, Value>) -> Option<T> {
    T::deserialize(Fields(map)).ok()
}

/// The one error: a member is not a string or an unsigned integer where the type wants one.
#[derive(Debug)]
struct DoesNotFit;

impl fmt::Display for DoesNotFit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("does not fit its type")
    }
}

impl std::error::Error for DoesNotFit {}

impl de::Error for DoesNotFit {
    // The message is dropped unread: formatting it would link serde's descriptions of every type.
    fn custom<T: fmt::Display>(_message: T) -> Self {
        DoesNotFit
    }
}

/// The message's members, by their names on the wire.
struct Fields<'a>(&'a Map<String, Value>);

/// One member's value: a string or an unsigned integer (absent, which fits nothing).
struct Member<'a>(Option<&'a Value>);

impl IntoDeserializer<'_, DoesNotFit> for Member<'_> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

impl<'de> de::Deserializer<'de> for Fields<'_> {
    type Error = DoesNotFit;

    /// Only a struct can be read from the members.
    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, DoesNotFit> {
        Err(DoesNotFit)
    }

    /// The struct's fields in their declared order, by their names on the wire; members the
    /// struct has no field for are left out.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DoesNotFit> {
        let members = fields.iter().map(|name| Member(self.0.get(*name)));
        visitor.visit_seq(SeqDeserializer::new(members))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
    }
}

impl<'de> de::Deserializer<'de> for Member<'_> {
    type Error = DoesNotFit;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DoesNotFit> {
        match self.0 {
            Some(Value::String(s)) => visitor.visit_str(s),
            Some(Value::Number(n)) => n.as_u64().map_or(Err(DoesNotFit), |n| visitor.visit_u64(n)),
            _ => Err(DoesNotFit),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::messages::{LookupRequest, PaymentResult};

    fn map(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn reads_strings_and_the_amount() {
        let m = map(
            json!({"partnerCode": "P", "accessKey": "A", "transactionNo": "7", "payTransId": "7", "orderId": "O", "checksum": "c"}),
        );
        let lookup: LookupRequest = from_canonical(&m).unwrap();
        assert_eq!(
            lookup,
            LookupRequest {
                partner_code: "P".into(),
                access_key: "A".into(),
                transaction_no: "7".into(),
                pay_trans_id: "7".into(),
                order_id: "O".into(),
                checksum: "c".into()
            }
        );
        let result = json!({"paygate": "VNPT", "payTransId": "1", "orderId": "O", "amount": 40000, "orderInfo": "i",
            "payDate": "20240101000000", "errorCode": "00", "type": "Pay", "checksum": "c"});
        let read: PaymentResult = from_canonical(&map(result.clone())).unwrap();
        assert_eq!(read.amount, 40000);
        assert_eq!(read.kind, "Pay");
        // The same answer serde_json's own reader gives.
        assert_eq!(read, serde_json::from_value::<PaymentResult>(result).unwrap());
    }

    #[test]
    fn a_value_that_does_not_fit_is_none() {
        let base = json!({"partnerCode": "P", "accessKey": "A", "transactionNo": "7", "orderId": "O", "checksum": "c"});
        for (name, bad) in [("orderId", json!(7)), ("orderId", json!(null)), ("checksum", json!(["c"]))] {
            let mut m = map(base.clone());
            m.insert(name.into(), bad);
            assert!(from_canonical::<LookupRequest>(&m).is_none(), "{name}");
        }
        let mut m = map(base);
        m.remove("orderId");
        assert!(from_canonical::<LookupRequest>(&m).is_none(), "a missing field");
        let mut m = map(
            json!({"partnerCode": "P", "accessKey": "A", "transactionNo": "7", "payTransId": "7", "orderId": "O", "checksum": "c"}),
        );
        m.insert("extra".into(), json!({"any": [1.5, null]}));
        assert!(from_canonical::<LookupRequest>(&m).is_some(), "a member the type does not have is skipped");
        let amount = |v: Value| {
            map(json!({"paygate": "V", "payTransId": "1", "orderId": "O", "amount": v, "orderInfo": "i",
                "payDate": "20240101000000", "errorCode": "00", "type": "Pay", "checksum": "c"}))
        };
        for bad in [json!(-1), json!(1.5), json!("40000")] {
            assert!(from_canonical::<PaymentResult>(&amount(bad.clone())).is_none(), "{bad}");
        }
    }
}
