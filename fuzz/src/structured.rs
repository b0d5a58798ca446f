//! Structured inputs: messages built from the table's field names and realistic values, signed
//! exactly or with one of the mistakes integrators make, plus builders and tokens.

use arbitrary::Arbitrary;
use lgsp_paygate::{AuthorizationCredentials, Body, ErrorCode};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization;

use crate::{scheme_ids, Hidden, SECRET};

/// Values seen in the wild: Vietnamese in both normal forms, stray spaces, casing, odd amounts,
/// invisible characters.
const SAMPLES: &[&str] = &[
    "thanh toán tiền điện thoại",
    "thanh toa\u{301}n tie\u{302}\u{300}n đie\u{323}\u{302}n thoa\u{323}i",
    " 20191212161254",
    "20191212161254",
    "Pay",
    " pay",
    "PAY",
    "Refund",
    "40000",
    "40,000",
    "40000.0",
    "4000000",
    "SBN_100012",
    "000.00.18.H29",
    "https://dichvucong.example.gov.vn/lgsp/return",
    "120.72.114.122",
    "momo",
    "00",
    "02",
    "PAYHCM1.0",
    "a\u{200B}b",
    "x\u{00A0}",
    "“quoted”",
    "",
];

/// A member name: one of the table's, one with white space around it, or anything.
#[derive(Arbitrary, Debug)]
enum Key {
    Field(u8),
    Spaced(u8),
    Other(String),
}

/// A member value of every JSON kind, biased to realistic text.
#[derive(Arbitrary, Debug)]
enum Val {
    Text(String),
    Sample(u8),
    Int(i64),
    UInt(u64),
    Float(f64),
    Bool(bool),
    Null,
    List(Vec<String>),
    Object(Vec<(String, String)>),
}

#[derive(Arbitrary, Debug)]
enum SecretChoice {
    None,
    Fixed,
    Padded,
    Own(String),
}

/// A single mistake a sender makes when hashing; `diagnose` must name one when it reproduces
/// the received checksum.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Mistake {
    Trim(u8),
    Nfc(u8),
    Nfd(u8),
    Upper(u8),
    Lower(u8),
    Swap(u8),
    Drop(u8),
    NoPrefix,
    OtherScheme(u8),
    SecretTrimmed,
}

/// How the message's `checksum` member is set.
#[derive(Arbitrary, Debug)]
enum Signed {
    Absent,
    Exact { upper: bool, pad: u8 },
    Mistaken(Mistake),
    Text(String),
    Number(i64),
}

/// One structured fuzz input.
#[derive(Arbitrary, Debug)]
pub struct Input {
    scheme: u8,
    members: Vec<(Key, Val)>,
    secret: SecretChoice,
    signed: Signed,
    credentials: (String, String),
    token: Option<(String, String, String, String, String)>,
    scheme_text: String,
}

fn field_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = Vec::new();
    for s in lgsp_paygate::SCHEMES {
        names.extend(s.fields.iter().copied().chain(s.aliases.iter().map(|(a, _)| *a)));
    }
    names.push("checksum");
    names.sort_unstable();
    names.dedup();
    names
}

fn pick<T: Copy>(items: &[T], i: u8) -> T {
    items[usize::from(i) % items.len()]
}

fn to_value(v: &Val) -> Value {
    match v {
        Val::Text(s) => Value::String(s.clone()),
        Val::Sample(i) => Value::String(pick(SAMPLES, *i).to_owned()),
        Val::Int(n) => Value::from(*n),
        Val::UInt(n) => Value::from(*n),
        Val::Float(f) => serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number),
        Val::Bool(b) => Value::Bool(*b),
        Val::Null => Value::Null,
        Val::List(items) => Value::Array(items.iter().cloned().map(Value::String).collect()),
        Val::Object(members) => {
            Value::Object(members.iter().map(|(k, v)| (k.clone(), Value::String(v.clone()))).collect())
        }
    }
}

impl Input {
    fn message(&self) -> Map<String, Value> {
        let names = field_names();
        let mut map = Map::new();
        for (key, val) in &self.members {
            let key = match key {
                Key::Field(i) => pick(&names, *i).to_owned(),
                Key::Spaced(i) => format!(" {}", pick(&names, *i)),
                Key::Other(s) => s.clone(),
            };
            map.insert(key, to_value(val));
        }
        map
    }

    fn secret(&self) -> Option<String> {
        match &self.secret {
            SecretChoice::None => None,
            SecretChoice::Fixed => Some(SECRET.to_owned()),
            SecretChoice::Padded => Some(format!(" {SECRET}\t")),
            SecretChoice::Own(s) => Some(s.clone()),
        }
    }
}

/// Runs every check of the JSON-text targets on a structured message, then signs it as
/// `signed` says and checks verify, explain and diagnose against what was signed.
pub fn structured(input: Input) {
    let id = pick(&scheme_ids().collect::<Vec<_>>(), input.scheme);
    let secret = input.secret();
    let mut map = input.message();
    let fixed = secret.clone().unwrap_or_else(|| SECRET.to_owned());
    crate::message::check_scheme(id, &Value::Object(map.clone()), &fixed);

    map.remove("checksum");
    let plain = Value::Object(map.clone());
    let exact = lgsp_paygate::checksum(id, &plain, secret.as_deref(), false).ok();
    let received = match (&input.signed, &exact) {
        (Signed::Absent, _) => None,
        (Signed::Exact { upper, pad }, Some(sum)) => {
            let sum = if *upper { sum.to_ascii_uppercase() } else { sum.clone() };
            let ws = [" ", "\t", "\n", "\r\n", ""];
            Some(format!("{}{sum}{}", pick(&ws, *pad), pick(&ws, pad / 5)))
        }
        (Signed::Mistaken(m), Some(sum)) => mistaken(id, &map, secret.as_deref(), *m).filter(|s| s != sum),
        (Signed::Text(t), _) => Some(t.clone()),
        (Signed::Number(n), _) => {
            map.insert("checksum".into(), Value::from(*n));
            None
        }
        _ => None,
    };
    if let Some(r) = &received {
        map.insert("checksum".into(), Value::String(r.clone()));
    }
    let message = Value::Object(map);
    crate::message::check_scheme(id, &message, &fixed);
    let hidden = Hidden::new(&fixed, &message);
    if let Ok(d) = lgsp_paygate::diagnose(id, &message, secret.as_deref()) {
        crate::diagnose::check(id, &message, &d, &hidden);
        match (&input.signed, &received) {
            (Signed::Exact { .. }, Some(_)) => {
                assert_eq!(lgsp_paygate::verify(id, &message, secret.as_deref()), Ok(true), "exact checksum refused");
                assert!(d.matches && d.findings.is_empty(), "diagnose of an exact checksum: {d:?}");
                if id == "result" {
                    let r = lgsp_paygate::parse_payment_result(Body::Json(message.clone())).expect("object body");
                    assert!(r.checksum_valid, "parse_payment_result refused an exact checksum");
                }
            }
            (Signed::Mistaken(m), Some(_)) => {
                assert_eq!(
                    lgsp_paygate::verify(id, &message, secret.as_deref()),
                    Ok(false),
                    "mistaken checksum accepted"
                );
                assert!(d.exhausted || !d.findings.is_empty(), "diagnose did not find the mistake {m:?}: {d:?}");
            }
            _ => {}
        }
    }
    build(id, &plain, secret.as_deref(), &input.credentials);
    if let Some((a, s, n, p, c)) = &input.token {
        let creds = AuthorizationCredentials {
            access_key: a.clone(),
            secret_key: s.clone(),
            app_name: n.clone(),
            partner_code: p.clone(),
            partner_code_cus: c.clone(),
        };
        let token = lgsp_paygate::encode_authorization(&creds);
        assert_eq!(lgsp_paygate::decode_authorization(&token), Ok(creds.clone()), "token round trip");
        crate::intake::assert_debug_hides_secret(&creds);
    }
    if !scheme_ids().any(|s| s == input.scheme_text) {
        let e = lgsp_paygate::validate(&input.scheme_text, &message).expect_err("unknown scheme accepted");
        assert_eq!(e.code, ErrorCode::UnknownScheme);
    }
}

/// The checksum the sender computes when making `mistake`, when it applies to this message.
fn mistaken(id: &str, map: &Map<String, Value>, secret: Option<&str>, mistake: Mistake) -> Option<String> {
    let scheme = lgsp_paygate::SCHEMES.iter().find(|s| s.id == id)?;
    let text = |name: &str| lgsp_paygate::scheme::field_text(name, map.get(name)?).ok().map(|t| t.into_owned());
    let rewrite = |i: u8, f: &dyn Fn(&str) -> String| {
        let name = pick(scheme.fields, i);
        let t = text(name).filter(|_| name != "amount")?;
        let mut m = map.clone();
        m.insert(name.to_owned(), Value::String(f(&t)));
        lgsp_paygate::checksum(id, &Value::Object(m), secret, false).ok()
    };
    match mistake {
        Mistake::Trim(i) => rewrite(i, &|t| t.trim().to_owned()),
        Mistake::Nfc(i) => rewrite(i, &|t| t.nfc().collect()),
        Mistake::Nfd(i) => rewrite(i, &|t| t.nfd().collect()),
        Mistake::Upper(i) => rewrite(i, &str::to_uppercase),
        Mistake::Lower(i) => rewrite(i, &str::to_lowercase),
        Mistake::Drop(i) => {
            let mut m = map.clone();
            m.insert(pick(scheme.fields, i).to_owned(), Value::String(String::new()));
            lgsp_paygate::checksum(id, &Value::Object(m), secret, false).ok()
        }
        Mistake::Swap(i) => {
            let i = usize::from(i) % (scheme.fields.len() - 1);
            let (a, b) = (scheme.fields[i], scheme.fields[i + 1]);
            let mut m = map.clone();
            m.insert(a.to_owned(), Value::String(text(b)?));
            m.insert(b.to_owned(), Value::String(text(a)?));
            lgsp_paygate::checksum(id, &Value::Object(m), secret, false).ok()
        }
        Mistake::NoPrefix => {
            let pre = lgsp_paygate::preimage(id, &Value::Object(map.clone()), secret).ok()?;
            let prefix_len = pre.segments.first()?.length;
            Some(hex::encode(Sha256::digest(&pre.revealed().as_bytes()[prefix_len..])))
        }
        Mistake::OtherScheme(j) => {
            let other = pick(&scheme_ids().filter(|s| *s != id).collect::<Vec<_>>(), j);
            lgsp_paygate::checksum(other, &Value::Object(map.clone()), secret, false).ok()
        }
        Mistake::SecretTrimmed => {
            let secret = secret?;
            (scheme.needs_secret() && secret.trim() != secret)
                .then(|| lgsp_paygate::checksum(id, &Value::Object(map.clone()), Some(secret.trim()), false).ok())?
        }
    }
}

/// Builders: a built request verifies, and neither it nor an error shows the secret key.
fn build(id: &str, order: &Value, secret: Option<&str>, (partner, access): &(String, String)) {
    let mut credentials = serde_json::json!({ "partnerCode": partner, "accessKey": access });
    if let Some(s) = secret {
        credentials["secretKey"] = Value::String(s.to_owned());
    }
    let hidden = Hidden::new(secret.unwrap_or(SECRET), &serde_json::json!([order, partner, access]));
    let json = match id {
        "paygate" => lgsp_paygate::build_paygate_request(order, &credentials).map(|b| b.json),
        "refund" => lgsp_paygate::build_refund_request(order, &credentials).map(|b| b.json),
        "lookup" => lgsp_paygate::build_lookup_request(order, &credentials).map(|b| b.json),
        _ => return,
    };
    match json {
        Ok(json) => {
            hidden.check("built request", &json);
            let body: Value = serde_json::from_str(&json).expect("built JSON parses");
            assert_eq!(lgsp_paygate::verify(id, &body, secret), Ok(true), "a built request does not verify: {json}");
        }
        Err(e) => {
            hidden.check_error("builder", &e);
            if let Ok(problems) = serde_json::to_string(&e.problems) {
                hidden.check("builder problems", &problems);
            }
        }
    }
}
