//! Why a received checksum does not match: try the mistakes integrators make, and report each
//! variant of the pre-image that reproduces the received checksum.
//!
//! The search is bounded ([`MAX_VARIANTS`] pre-images); each variant is one SHA-256 over a few
//! hundred bytes, so a diagnosis stays within milliseconds.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::Error;
use crate::scheme::{as_object, field_text, scheme, PrefixPart, Scheme, SegmentSource, SCHEMES};
use crate::text::{to_nfc, to_nfd};
use crate::validate::check_message;

/// The most pre-images one diagnosis hashes.
pub const MAX_VARIANTS: usize = 4096;

/// The most bytes one diagnosis hashes: with values of tens of kilobytes the variants, not their
/// number, are what cost. 4 MiB is about 20 ms of SHA-256 in WebAssembly here.
pub const MAX_HASHED_BYTES: usize = 4 << 20;

/// Kinds of mistake the diagnosis recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum FindingCode {
    /// Values hashed with surrounding white space removed.
    Trimmed,
    /// Text hashed in NFC (composed) form.
    Nfc,
    /// Text hashed in NFD (decomposed) form.
    Nfd,
    /// `type` hashed in another casing.
    TypeCasing,
    /// `amount` written differently (decimals, separators, ×100, ÷100).
    AmountFormat,
    /// `payTransId` hashed as `transactionNo`.
    AliasUsed,
    /// Two adjacent fields in the wrong order.
    FieldsSwapped,
    /// A field left out.
    FieldMissing,
    /// A value hashed in upper case.
    UppercaseValue,
    /// A value hashed in lower case.
    LowercaseValue,
    /// The secret key without its surrounding white space.
    SecretTrimmed,
    /// No secret key in the pre-image.
    SecretMissing,
    /// No `PAYHCM1.0` prefix.
    PrefixMissing,
    /// The secret key where `PAYHCM1.0` belongs.
    SecretAsPrefix,
    /// Another scheme's checksum.
    OtherScheme,
}

/// What the sender must have hashed instead, for one field. Secrets are never shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// Field name (`secretKey`, `prefix` or a message field).
    pub field: String,
    /// What the message holds (`null` for a secret).
    pub from: Option<String>,
    /// What was hashed instead (`null` when left out, or for a secret).
    pub to: Option<String>,
}

/// A sentence in English and Vietnamese.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sentence {
    /// English.
    pub en: String,
    /// Vietnamese.
    pub vi: String,
}

/// One mistake that reproduces the received checksum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The kind of mistake.
    pub code: FindingCode,
    /// The mistake in a sentence.
    pub description: Sentence,
    /// The scheme whose pre-image reproduced it.
    pub scheme: &'static str,
    /// The values that differ.
    pub changes: Vec<Change>,
}

/// The outcome of a diagnosis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnosis {
    /// Scheme id.
    pub scheme: &'static str,
    /// The message's checksum as given.
    pub received: Option<String>,
    /// The checksum of the message as given (lower case), when it can be computed.
    pub computed: Option<String>,
    /// The received checksum matches: nothing to diagnose.
    pub matches: bool,
    /// Every variant that reproduces the received checksum.
    pub findings: Vec<Finding>,
    /// How many pre-images were hashed.
    pub tried: usize,
    /// The search stopped at its bound before trying everything.
    pub exhausted: bool,
    /// One plain sentence.
    pub summary: Sentence,
}

fn sentence(en: String, vi: String) -> Sentence {
    Sentence { en, vi }
}

/// A candidate pre-image: a mistake, and the values, prefix and scheme it implies.
struct Variant {
    code: FindingCode,
    scheme: &'static Scheme,
    fields: Map<String, Value>,
    prefix: Option<String>,
    changes: Vec<Change>,
    description: Sentence,
}

/// The inputs every generator reads.
struct Ctx<'a> {
    scheme: &'static Scheme,
    /// The message as given (aliases and all).
    given: &'a Map<String, Value>,
    /// The message with aliases read as the table's names.
    fields: &'a Map<String, Value>,
    /// Field texts in pre-image order.
    texts: Vec<(&'static str, String)>,
    /// The prefix as the message implies it (secret or literal).
    prefix: String,
    secret: Option<&'a str>,
}

impl Ctx<'_> {
    fn with(&self, changes: &[(&'static str, String)]) -> Map<String, Value> {
        let mut m = self.fields.clone();
        for (k, v) in changes {
            m.insert((*k).to_owned(), Value::String(v.clone()));
        }
        m
    }

    fn text(&self, name: &str) -> Option<&str> {
        self.texts.iter().find(|(n, _)| *n == name).map(|(_, t)| t.as_str())
    }

    /// A variant of field values; `describe` writes the sentence from the changed names.
    fn values(&self, code: FindingCode, changed: Vec<(&'static str, String)>, description: Sentence) -> Variant {
        let changes = changed
            .iter()
            .map(|(k, v)| Change { field: (*k).to_owned(), from: self.text(k).map(str::to_owned), to: Some(v.clone()) })
            .collect();
        Variant {
            code,
            scheme: self.scheme,
            fields: self.with(&changed),
            prefix: Some(self.prefix.clone()),
            changes,
            description,
        }
    }
}

/// Per-field rewrites (trim, NFC, NFD, upper, lower): one variant per changed field, and one
/// with every field rewritten when more than one changes.
fn per_field(
    ctx: &Ctx<'_>,
    out: &mut Vec<Variant>,
    code: FindingCode,
    f: fn(&str) -> String,
    what_en: &str,
    what_vi: &str,
) {
    let changed: Vec<(&'static str, String)> = ctx
        .texts
        .iter()
        .filter(|(n, _)| *n != "amount")
        .filter_map(|(n, t)| Some((*n, f(t))).filter(|(_, v)| v != t))
        .collect();
    for (name, v) in &changed {
        let d = sentence(format!("The sender hashed {name} {what_en}."), format!("Bên gửi đã băm {name} {what_vi}."));
        out.push(ctx.values(code, vec![(name, v.clone())], d));
    }
    if changed.len() > 1 {
        let names: Vec<&str> = changed.iter().map(|(n, _)| *n).collect();
        let list = names.join(", ");
        let d = sentence(format!("The sender hashed {list} {what_en}."), format!("Bên gửi đã băm {list} {what_vi}."));
        out.push(ctx.values(code, changed, d));
    }
}

fn amount_forms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let Ok(a) = text.parse::<u64>() else {
        // Written oddly ("40,000", "40000.0"): the sender may have hashed the plain digits.
        if let Some(whole) =
            text.split(['.', ',']).next().filter(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()))
        {
            if text.contains('.') && text.rsplit('.').next().is_some_and(|d| d.bytes().all(|b| b == b'0')) {
                out.push(whole.to_owned());
            }
        }
        out.push(digits);
        return out;
    };
    let group = |sep: char| {
        let s = a.to_string();
        let mut g = String::new();
        for (i, c) in s.chars().enumerate() {
            if i > 0 && (s.len() - i) % 3 == 0 {
                g.push(sep);
            }
            g.push(c);
        }
        g
    };
    out.extend([format!("{a}.0"), format!("{a}.00"), group(','), group('.'), group(' ')]);
    if let Some(x) = a.checked_mul(100) {
        out.push(x.to_string());
    }
    if a % 100 == 0 {
        out.push((a / 100).to_string());
    }
    out.retain(|v| v != text);
    out.dedup();
    out
}

fn generate(ctx: &Ctx<'_>) -> Vec<Variant> {
    let s = ctx.scheme;
    let mut out = Vec::new();
    per_field(
        ctx,
        &mut out,
        FindingCode::Trimmed,
        |t| t.trim().to_owned(),
        "with its surrounding white space removed",
        "sau khi bỏ khoảng trắng ở đầu và cuối",
    );
    per_field(ctx, &mut out, FindingCode::Nfc, to_nfc, "in NFC (composed) form", "ở dạng NFC (dựng sẵn)");
    per_field(ctx, &mut out, FindingCode::Nfd, to_nfd, "in NFD (decomposed) form", "ở dạng NFD (tổ hợp)");
    if let Some(t) = ctx.text("type") {
        for cand in ["Pay", "pay", "PAY", "Refund", "refund", "REFUND"] {
            if cand != t && cand.eq_ignore_ascii_case(t.trim()) {
                let d = sentence(
                    format!("The sender hashed type as {cand:?} where the message has {t:?}."),
                    format!("Bên gửi đã băm type là {cand:?} trong khi thông điệp ghi {t:?}."),
                );
                out.push(ctx.values(FindingCode::TypeCasing, vec![("type", cand.to_owned())], d));
            }
        }
    }
    if let Some(a) = ctx.text("amount") {
        for form in amount_forms(a) {
            let d = sentence(
                format!("The sender wrote amount as {form:?} where the message has {a:?}."),
                format!("Bên gửi đã viết amount là {form:?} trong khi thông điệp ghi {a:?}."),
            );
            out.push(ctx.values(FindingCode::AmountFormat, vec![("amount", form)], d));
        }
    }
    for (alias, canon) in s.aliases {
        if let (Some(Value::String(v)), Some(cur)) = (ctx.given.get(*alias), ctx.text(canon)) {
            if v != cur {
                let d = sentence(
                    format!("The sender hashed {alias} ({v:?}) as {canon}."),
                    format!("Bên gửi đã dùng {alias} ({v:?}) làm {canon}."),
                );
                out.push(ctx.values(FindingCode::AliasUsed, vec![(canon, v.clone())], d));
            }
        }
    }
    for pair in ctx.texts.windows(2) {
        let [(a, ta), (b, tb)] = pair else { continue };
        if ta != tb {
            let d = sentence(
                format!("The sender put {b} before {a}: the two fields are swapped in the pre-image."),
                format!("Bên gửi đã đặt {b} trước {a}: hai trường bị đảo thứ tự trong chuỗi băm."),
            );
            out.push(ctx.values(FindingCode::FieldsSwapped, vec![(a, tb.clone()), (b, ta.clone())], d));
        }
    }
    for (name, t) in &ctx.texts {
        if !t.is_empty() {
            let mut v = ctx.values(
                FindingCode::FieldMissing,
                vec![(name, String::new())],
                sentence(
                    format!("The sender left {name} out of the pre-image."),
                    format!("Bên gửi đã bỏ {name} khỏi chuỗi băm."),
                ),
            );
            v.changes[0].to = None;
            out.push(v);
        }
    }
    // ASCII case only: codes and keys are ASCII, and full Unicode case tables would weigh more
    // than the rest of the diagnosis.
    per_field(ctx, &mut out, FindingCode::UppercaseValue, str::to_ascii_uppercase, "in upper case", "bằng chữ hoa");
    per_field(ctx, &mut out, FindingCode::LowercaseValue, str::to_ascii_lowercase, "in lower case", "bằng chữ thường");
    let prefix_variant = |code, prefix: Option<String>, field: &str, en: String, vi: String| Variant {
        code,
        scheme: s,
        fields: ctx.fields.clone(),
        prefix,
        changes: vec![Change { field: field.to_owned(), from: None, to: None }],
        description: sentence(en, vi),
    };
    match (s.needs_secret(), ctx.secret) {
        (true, Some(secret)) => {
            if secret.trim() != secret {
                out.push(prefix_variant(
                    FindingCode::SecretTrimmed,
                    Some(secret.trim().to_owned()),
                    "secretKey",
                    "The sender's secret key has no surrounding white space; the one given here does.".into(),
                    "Secret key của bên gửi không có khoảng trắng ở đầu và cuối; secret key nhập ở đây thì có.".into(),
                ));
            }
            out.push(prefix_variant(
                FindingCode::SecretMissing,
                None,
                "secretKey",
                "The sender left the secret key out of the pre-image.".into(),
                "Bên gửi đã không đưa secret key vào chuỗi băm.".into(),
            ));
        }
        (false, secret) => {
            out.push(prefix_variant(
                FindingCode::PrefixMissing,
                None,
                "prefix",
                format!("The sender left the {} prefix out of the pre-image.", ctx.prefix),
                format!("Bên gửi đã bỏ tiền tố {} khỏi chuỗi băm.", ctx.prefix),
            ));
            if let Some(secret) = secret {
                out.push(prefix_variant(
                    FindingCode::SecretAsPrefix,
                    Some(secret.to_owned()),
                    "prefix",
                    format!("The sender started the pre-image with the secret key instead of {}.", ctx.prefix),
                    format!("Bên gửi đã dùng secret key thay cho tiền tố {}.", ctx.prefix),
                ));
            }
        }
        (true, None) => {}
    }
    for other in SCHEMES.iter().filter(|o| o.id != s.id) {
        let prefix = match other.prefix_part(ctx.secret) {
            Ok(p) => p.text.to_owned(),
            Err(_) => continue,
        };
        if other.fields.iter().all(|f| ctx.fields.contains_key(*f)) {
            out.push(Variant {
                code: FindingCode::OtherScheme,
                scheme: other,
                fields: ctx.fields.clone(),
                prefix: Some(prefix),
                changes: Vec::new(),
                description: sentence(
                    format!("The sender computed the {} scheme's checksum, not the {} scheme's.", other.id, s.id),
                    format!("Bên gửi đã tính checksum theo lược đồ {} thay vì {}.", other.id, s.id),
                ),
            });
        }
    }
    out
}

fn prefix_part<'a>(s: &Scheme, text: &'a str) -> PrefixPart<'a> {
    if s.needs_secret() {
        PrefixPart::secret(text)
    } else {
        PrefixPart { name: "prefix", source: SegmentSource::Literal, text }
    }
}

/// Diagnose a mismatch between the message's `checksum` and its fields under `scheme_id`.
pub fn diagnose(scheme_id: &str, message: &Value, secret: Option<&str>) -> Result<Diagnosis, Error> {
    let s = scheme(scheme_id)?;
    let map = as_object(message, "message")?;
    let fields = check_message(s, map, false).canonical;
    let received = map.get("checksum").and_then(Value::as_str).map(str::to_owned);
    let mut d = Diagnosis {
        scheme: s.id,
        received: received.clone(),
        computed: None,
        matches: false,
        findings: Vec::new(),
        tried: 0,
        exhausted: false,
        summary: sentence(String::new(), String::new()),
    };
    let pre = match s.preimage(&fields, secret) {
        Ok(p) => p,
        Err(e) => {
            d.summary = sentence(
                format!("The checksum cannot be computed: {}.", e.message),
                "Không tính được checksum: thiếu dữ liệu hoặc secret key.".into(),
            );
            return Ok(d);
        }
    };
    let digest = pre.digest();
    d.computed = Some(hex::encode(digest));
    let Some(received) = received else {
        d.summary = sentence(
            "The message carries no checksum to diagnose.".into(),
            "Thông điệp không có checksum để chẩn đoán.".into(),
        );
        return Ok(d);
    };
    let mut target = [0u8; 32];
    if hex::decode_to_slice(received.trim(), &mut target).is_err() {
        d.summary = sentence(
            "The received checksum is not 64 hex digits, so no pre-image can produce it.".into(),
            "Checksum nhận được không phải 64 chữ số hex, nên không chuỗi băm nào tạo ra được.".into(),
        );
        return Ok(d);
    }
    d.tried = 1;
    if target == digest {
        d.matches = true;
        d.summary = sentence("The received checksum matches.".into(), "Checksum nhận được khớp.".into());
        return Ok(d);
    }
    let texts = s
        .fields
        .iter()
        .filter_map(|f| fields.get(*f).and_then(|v| field_text(f, v).ok()).map(|t| (*f, t.into_owned())))
        .collect();
    let prefix = pre.segments.first().map(|p| p.text.clone()).unwrap_or_default();
    let ctx = Ctx { scheme: s, given: map, fields: &fields, texts, prefix, secret };
    let variants = generate(&ctx);
    d.exhausted = variants.len() > MAX_VARIANTS;
    let mut hashed = 0;
    for v in variants.into_iter().take(MAX_VARIANTS) {
        let prefix = v.prefix.as_deref().map(|t| prefix_part(v.scheme, t));
        let Ok(p) = v.scheme.assemble(prefix, &v.fields) else { continue };
        hashed += p.revealed().len();
        if hashed > MAX_HASHED_BYTES {
            d.exhausted = true;
            break;
        }
        d.tried += 1;
        if p.digest() == target {
            d.findings.push(Finding {
                code: v.code,
                description: v.description,
                scheme: v.scheme.id,
                changes: v.changes,
            });
        }
    }
    d.summary = match d.findings.as_slice() {
        [] if d.exhausted => sentence(
            "No likely mistake tried reproduces the received checksum; the values are too long to try them all.".into(),
            "Không lỗi thường gặp nào đã thử tái tạo được checksum nhận được; các giá trị quá dài để thử hết.".into(),
        ),
        [] => sentence(
            "No likely mistake reproduces the received checksum: check the secret key, then compare the pre-image byte by byte."
                .into(),
            "Không lỗi thường gặp nào tái tạo được checksum nhận được: hãy kiểm tra secret key, rồi so sánh chuỗi băm từng byte."
                .into(),
        ),
        [one] => sentence(
            format!("Mismatch explained: {}", one.description.en),
            format!("Đã tìm ra nguyên nhân: {}", one.description.vi),
        ),
        [first, rest @ ..] => sentence(
            format!("Mismatch explained: {} ({} more explanations fit.)", first.description.en, rest.len()),
            format!("Đã tìm ra nguyên nhân: {} (còn {} cách giải thích khác.)", first.description.vi, rest.len()),
        ),
    };
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn long_values_bound_the_search_and_say_so() {
        let info = " đơn hàng".repeat(20_000);
        let mut m = json!({"partnerCode": "P ", "accessKey": "A ", "transactionNo": info, "orderId": "O "});
        m["checksum"] = json!("0".repeat(64));
        let d = diagnose("lookup", &m, Some("k")).unwrap();
        assert!(d.exhausted && d.findings.is_empty(), "{} tried", d.tried);
        assert!(d.summary.en.contains("too long"), "{}", d.summary.en);
        assert!(d.tried >= 1);
    }
}
