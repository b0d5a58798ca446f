//! Why a received checksum does not match: try the mistakes integrators make (their own, and
//! the habits of other gateways' libraries), one at a time and then two at once, and report
//! every variant of the pre-image that reproduces the received checksum.
//!
//! The mistakes are data ([`crate::debug::mistakes`], edits to a [`crate::debug::draft`]); the way the checksum is written (MD5,
//! SHA-512, base64, leading zeros dropped) is read from the checksum itself
//! ([`crate::debug::digests`]) and counts as one of the two mistakes. The search is bounded:
//! at most [`MAX_VARIANTS`] pre-images and [`MAX_HASHED_BYTES`] bytes hashed, and the result
//! says when it stopped early.

use serde::Serialize;
use serde_json::Value;

use crate::debug::digests::Target;
use crate::debug::draft::{Draft, Join, Mistake};
use crate::debug::fixes::{char_difference, fix, CharDifference, Fix};
use crate::debug::mistakes::{singles, texts, Ctx};
use crate::error::Error;
use crate::scheme::{as_object, scheme, SegmentSource};
use crate::validate::check_message;

/// The most pre-images one diagnosis hashes.
pub const MAX_VARIANTS: usize = 6000;

/// The most bytes one diagnosis hashes: with values of tens of kilobytes the variants, not their
/// number, are what cost. 2 MiB is about 10 ms of SHA-256 in WebAssembly here.
pub const MAX_HASHED_BYTES: usize = 2 << 20;

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
    /// An HMAC keyed with the secret key instead of a plain hash.
    Hmac,
    /// The secret key at the end of the pre-image.
    SecretAtEnd,
    /// `|`, `,` or `&` between the pieces.
    Separator,
    /// `name=value` pairs joined by `&`.
    KeyValueJoined,
    /// The values in key-name order.
    FieldsSorted,
    /// One value or all of them URL-encoded, as a language's usual call does it.
    UrlEncoded,
    /// Accents stripped (Đ as D).
    AccentsStripped,
    /// Every non-ASCII character hashed as `?`.
    NonAsciiAsQuestionMark,
    /// The PayGov/OpenCPS order: secretKey, accessKey, partnerCode, orderId, requestCode, amount.
    PaygovOrder,
    /// The checksum in hex with its leading zeros dropped.
    HexLeadingZerosDropped,
    /// An MD5 digest (32 hex digits).
    DigestMd5,
    /// A SHA-512 digest (128 hex digits).
    DigestSha512,
    /// The digest in base64 (44 characters for SHA-256).
    DigestBase64,
    /// The JSON body hashed instead of the concatenation.
    JsonBodyHashed,
    /// The secret key base64-decoded before hashing.
    SecretBase64Decoded,
    /// The secret key with a trailing `\n` or `\r\n`.
    SecretTrailingNewline,
    /// A payment result hashed without `type`.
    ResultWithoutType,
}

pub use crate::said::Sentence;

/// What the sender must have hashed instead, for one field. Secrets are never shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// Field name (`secretKey`, `prefix` or a message field).
    pub field: String,
    /// What the message holds (`null` for the secret key or the prefix).
    pub from: Option<String>,
    /// What was hashed instead (`null` when left out, or for the secret key or the prefix).
    pub to: Option<String>,
    /// The change in words (the only account of a change to the secret key or the prefix).
    pub note: Sentence,
    /// The first characters where `from` and `to` part, as code points.
    pub difference: Option<CharDifference>,
    /// The size of `from` before it was cut for display (by the debugger page's analysis).
    #[serde(rename = "fromSize", skip_serializing_if = "Option::is_none")]
    pub from_size: Option<Size>,
    /// The size of `to` before it was cut for display.
    #[serde(rename = "toSize", skip_serializing_if = "Option::is_none")]
    pub to_size: Option<Size>,
}

/// A text's size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Size {
    /// Unicode scalar values.
    pub chars: usize,
    /// UTF-8 bytes.
    pub bytes: usize,
}

impl Change {
    /// A change; the character difference is worked out from `from` and `to`.
    pub fn new(field: &str, from: Option<String>, to: Option<String>, note: Sentence) -> Self {
        let difference = match (&from, &to) {
            (Some(f), Some(t)) => char_difference(f, t),
            _ => None,
        };
        Change { field: field.to_owned(), from, to, note, difference, from_size: None, to_size: None }
    }

    /// Cut `from` and `to` to their first `n` characters, keeping their full sizes.
    pub fn cut_values(&mut self, n: usize) {
        for (value, size) in [(&mut self.from, &mut self.from_size), (&mut self.to, &mut self.to_size)] {
            let Some(v) = value else { continue };
            if crate::text::first_chars(v, n).is_some() {
                *size = Some(Size { chars: v.chars().count(), bytes: v.len() });
                crate::text::cut_chars(v, n);
            }
        }
    }
}

/// One explanation that reproduces the received checksum: one mistake, or two at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The kind of mistake (the first of `codes`).
    pub code: FindingCode,
    /// Every mistake it takes together: one or two.
    pub codes: Vec<FindingCode>,
    /// The mistake(s) in a sentence.
    pub description: Sentence,
    /// The scheme whose pre-image reproduced it.
    pub scheme: &'static str,
    /// The values that differ.
    pub changes: Vec<Change>,
    /// What to change in the sender's code, one per mistake.
    pub fixes: Vec<Fix>,
}

/// How far a diagnosis may search.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Budget {
    /// The most pre-images hashed.
    pub variants: usize,
    /// The most bytes hashed.
    pub bytes: usize,
}

/// The outcome of a diagnosis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnosis {
    /// Scheme id.
    pub scheme: &'static str,
    /// The message's checksum as given.
    pub received: Option<String>,
    /// The checksum of the message as given (lower case), when it can be computed.
    pub computed: Option<String>,
    /// The received checksum matches: nothing to diagnose.
    pub matches: bool,
    /// Every variant that reproduces the received checksum, with the fewest mistakes found.
    pub findings: Vec<Finding>,
    /// How many pre-images were hashed.
    pub tried: usize,
    /// How many bytes were hashed.
    pub hashed_bytes: usize,
    /// The search's bounds.
    pub budget: Budget,
    /// Two mistakes at once were tried (one was not enough).
    pub pairs_tried: bool,
    /// The search stopped at its bound before trying everything.
    pub exhausted: bool,
    /// One plain sentence.
    pub summary: Sentence,
}

/// The search: hashes drafts against the target within the budget.
struct Search<'a> {
    target: &'a Target,
    base: &'a Draft,
    all: &'a [(&'static str, String)],
    numeric: Vec<&'static str>,
    secret: Option<&'a str>,
    buf: Vec<u8>,
    tried: usize,
    hashed: usize,
    exhausted: bool,
}

impl Search<'_> {
    /// Whether the draft after `mistakes` reproduces the target; `None` once the budget is spent.
    fn test(&mut self, mistakes: &[&Mistake]) -> Option<Option<Draft>> {
        if self.tried >= MAX_VARIANTS {
            self.exhausted = true;
            return None;
        }
        let mut d = self.base.clone();
        for m in mistakes {
            for e in &m.edits {
                d.apply(e, self.all, self.secret);
            }
        }
        let key = d.bytes(&self.numeric, &mut self.buf);
        if self.hashed + self.buf.len() > MAX_HASHED_BYTES {
            self.exhausted = true;
            return None;
        }
        self.hashed += self.buf.len();
        self.tried += 1;
        let digest = self.target.algorithm.digest(key.as_deref(), &self.buf);
        Some(self.target.matches(&digest).then_some(d))
    }
}

/// A finding from the format's mistakes and the draft's. (Plain loops: each iterator chain
/// collected here would be a function of its own in the WebAssembly core.)
fn finding(target: &Target, mistakes: &[&Mistake], draft: &Draft) -> Finding {
    let mut codes = Vec::new();
    let mut said = Vec::new();
    // A mistake's own fix (naming its field and call) first, then the format's.
    let mut fixes = Vec::new();
    let mut changes: Vec<Change> = Vec::new();
    for m in mistakes {
        codes.push(m.code);
        said.push(m.description.clone());
        fixes.push(m.fix.clone().unwrap_or_else(|| fix(m.code, draft.scheme)));
        for c in &m.changes {
            // With two rewrites of one field, the field's final text is what was hashed.
            let last = c.to.as_ref().and_then(|_| draft.fields.iter().find(|(n, _)| *n == c.field)).map(|(_, t)| t);
            let c = match last {
                Some(t) if Some(t) != c.to.as_ref() => {
                    Change::new(&c.field, c.from.clone(), Some(t.clone()), c.note.clone())
                }
                _ => c.clone(),
            };
            match changes.iter_mut().find(|x| x.field == c.field) {
                Some(x) => *x = c,
                None => changes.push(c),
            }
        }
    }
    for &code in &target.codes {
        codes.push(code);
        said.push(format_sentence(code, target));
        fixes.push(fix(code, draft.scheme));
    }
    let description = match said.as_slice() {
        [one] => one.clone(),
        many => {
            let mut both = Sentence::new("Two mistakes at once:", "Hai lỗi cùng lúc:");
            for s in many {
                for (to, from) in [(&mut both.en, &s.en), (&mut both.vi, &s.vi)] {
                    to.push(' ');
                    to.push_str(from);
                }
            }
            both
        }
    };
    Finding {
        code: codes.first().copied().unwrap_or(FindingCode::OtherScheme),
        fixes,
        codes,
        description,
        scheme: draft.scheme.id,
        changes,
    }
}

fn format_sentence(code: FindingCode, target: &Target) -> Sentence {
    let name = target.algorithm.name();
    match code {
        FindingCode::DigestMd5 => Sentence::new(
            "The sender hashed with MD5 (32 hex digits), not SHA-256.",
            "Bên gửi đã băm bằng MD5 (32 chữ số hex), không phải SHA-256.",
        ),
        FindingCode::DigestSha512 => Sentence::new(
            "The sender hashed with SHA-512 (128 hex digits), not SHA-256.",
            "Bên gửi đã băm bằng SHA-512 (128 chữ số hex), không phải SHA-256.",
        ),
        FindingCode::DigestBase64 => Sentence::new(
            format!("The sender wrote the {name} digest in base64, not in hex."),
            format!("Bên gửi đã ghi giá trị băm {name} bằng base64, không phải hex."),
        ),
        _ => Sentence::new(
            format!("The sender wrote the {name} digest in hex without its leading zeros (as Java's BigInteger.toString(16) does)."),
            format!("Bên gửi đã ghi giá trị băm {name} bằng hex nhưng bỏ các số 0 ở đầu (như BigInteger.toString(16) của Java)."),
        ),
    }
}

/// Whether two mistakes can be made together (different parts of the pre-image, different kinds).
fn compose(a: &Mistake, b: &Mistake) -> bool {
    a.code != b.code && a.parts & b.parts == 0
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
        hashed_bytes: 0,
        budget: Budget { variants: MAX_VARIANTS, bytes: MAX_HASHED_BYTES },
        pairs_tried: false,
        exhausted: false,
        summary: Sentence::new("", ""),
    };
    let pre = match s.preimage(&fields, secret) {
        Ok(p) => p,
        Err(e) => {
            let why = e.said.sentence();
            d.summary = Sentence::new(
                format!("The checksum cannot be computed: {}.", why.en),
                format!("Không tính được checksum: {}.", why.vi),
            );
            return Ok(d);
        }
    };
    let digest = pre.digest();
    d.computed = Some(hex::encode(digest));
    let Some(received) = received else {
        d.summary =
            Sentence::new("The message carries no checksum to diagnose.", "Gói tin không có checksum để chẩn đoán.");
        return Ok(d);
    };
    let Some(target) = Target::parse(&received) else {
        d.summary = Sentence::new(
            "The received checksum is not 64 hex digits, nor another digest this diagnosis knows (MD5, SHA-512, base64), so no pre-image can produce it.",
            "Checksum nhận được không phải 64 chữ số hex, cũng không phải giá trị băm nào khác mà bộ chẩn đoán biết (MD5, SHA-512, base64), nên không chuỗi trước khi băm nào tạo ra được.",
        );
        return Ok(d);
    };
    if target.codes.is_empty() && target.matches(&digest) {
        d.tried = 1;
        d.hashed_bytes = pre.revealed().len();
        d.matches = true;
        d.summary = Sentence::new("The received checksum matches.", "Checksum nhận được khớp.");
        return Ok(d);
    }
    let (own, all) = texts(s, &fields);
    let prefix = pre.segments.first().map(|p| p.text.clone()).unwrap_or_default();
    let base = Draft {
        scheme: s,
        prefix: Some(prefix.clone().into_bytes()),
        prefix_is_secret: pre.segments.first().is_some_and(|p| p.source == SegmentSource::Secret),
        prefix_at_end: false,
        fields: own.clone(),
        join: Join::Concat,
        json: false,
        hmac: None,
    };
    let mut numeric = Vec::new();
    for f in s.fields {
        if fields.get(*f).is_some_and(Value::is_number) {
            numeric.push(*f);
        }
    }
    let ctx = Ctx { scheme: s, given: map, fields: &fields, texts: own, all: all.clone(), prefix, secret };
    let mistakes = singles(&ctx);
    let mut search = Search {
        target: &target,
        base: &base,
        all: &all,
        numeric,
        secret,
        buf: Vec::new(),
        // The message's own pre-image, hashed above, counts.
        tried: 1,
        hashed: pre.revealed().len(),
        exhausted: false,
    };
    let room = 2 - target.codes.len().min(2);
    // The format alone (MD5 of the right pre-image, say), then one mistake, then two.
    if !target.codes.is_empty() {
        if let Some(Some(draft)) = search.test(&[]) {
            d.findings.push(finding(&target, &[], &draft));
        }
    }
    if d.findings.is_empty() && room >= 1 {
        for m in &mistakes {
            match search.test(&[m]) {
                None => break,
                Some(Some(draft)) => d.findings.push(finding(&target, &[m], &draft)),
                Some(None) => {}
            }
        }
    }
    if d.findings.is_empty() && room >= 2 && !search.exhausted {
        d.pairs_tried = true;
        'pairs: for j in 1..mistakes.len() {
            for i in 0..j {
                let (a, b) = (&mistakes[i], &mistakes[j]);
                if !compose(a, b) {
                    continue;
                }
                match search.test(&[a, b]) {
                    None => break 'pairs,
                    Some(Some(draft)) => d.findings.push(finding(&target, &[a, b], &draft)),
                    Some(None) => {}
                }
            }
        }
    }
    d.tried = search.tried;
    d.hashed_bytes = search.hashed;
    d.exhausted = search.exhausted;
    d.summary = summary(&d, s.needs_secret());
    Ok(d)
}

fn summary(d: &Diagnosis, has_secret: bool) -> Sentence {
    let stopped_en = format!(
        "the search stopped after {} pre-images and {} bytes hashed (its budget: {} pre-images, {} bytes)",
        d.tried, d.hashed_bytes, d.budget.variants, d.budget.bytes
    );
    let stopped_vi = format!(
        "việc tìm kiếm đã dừng sau {} chuỗi trước khi băm và {} byte đã băm (giới hạn: {} chuỗi trước khi băm, {} byte)",
        d.tried, d.hashed_bytes, d.budget.variants, d.budget.bytes
    );
    let (next_en, next_vi) = if has_secret {
        (
            "check the secret key, then compare the pre-image byte by byte (comparePreimage).",
            "hãy kiểm tra khóa bí mật (secretKey), rồi so sánh chuỗi trước khi băm từng byte (comparePreimage).",
        )
    } else {
        (
            "compare the pre-image (PAYHCM1.0, then the fields) byte by byte with the one the gateway hashed (comparePreimage).",
            "hãy so sánh từng byte chuỗi trước khi băm (PAYHCM1.0, rồi các trường) với chuỗi mà cổng thanh toán đã băm (comparePreimage).",
        )
    };
    match d.findings.as_slice() {
        [] if d.exhausted => Sentence::new(
            format!("No likely mistake tried reproduces the received checksum, but not all were tried: {stopped_en}; {next_en}"),
            format!("Không lỗi thường gặp nào đã thử tái tạo được checksum nhận được, nhưng chưa thử hết: {stopped_vi}; {next_vi}"),
        ),
        [] => Sentence::new(
            format!("No likely mistake, alone or two at once, reproduces the received checksum: {next_en}"),
            format!("Không lỗi thường gặp nào, một lỗi hay hai lỗi cùng lúc, tái tạo được checksum nhận được: {next_vi}"),
        ),
        [one] => Sentence::new(
            format!("Mismatch explained: {}", one.description.en),
            format!("Đã tìm ra nguyên nhân: {}", one.description.vi),
        ),
        [first, rest @ ..] => Sentence::new(
            format!("Mismatch explained: {} ({} more explanations fit.)", first.description.en, rest.len()),
            format!("Đã tìm ra nguyên nhân: {} (còn {} cách giải thích khác.)", first.description.vi, rest.len()),
        ),
    }
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
        assert!(d.summary.en.contains("stopped after"), "{}", d.summary.en);
        assert!(d.summary.vi.contains(&d.budget.bytes.to_string()), "{}", d.summary.vi);
        assert!(d.tried >= 1 && d.tried <= MAX_VARIANTS && d.hashed_bytes <= MAX_HASHED_BYTES);
    }

    #[test]
    fn a_random_checksum_is_unexplained_after_every_pair() {
        let m = json!({"partnerCode": " 000.00.18.H29 ", "accessKey": " f6047c5b ", "orderId": " SBN_100012 ",
            "orderInfo": " Thanh toán hóa đơn điện nước ", "requestCode": " 12357851 ", "amount": 40000,
            "serviceCode": " hcm_dichvucong ", "returnUrl": " http://paydate.com.vn/return ",
            "ipAddress": " 120.72.114.122 ", "accountCode": " payment_test ", "checksum": "0".repeat(64)});
        let d = diagnose("paygate", &m, Some(" MDRlZWVj ")).unwrap();
        assert!(d.findings.is_empty() && d.pairs_tried, "{:?}", d.findings);
        assert!(!d.exhausted, "{} pre-images, {} bytes", d.tried, d.hashed_bytes);
        assert!(d.summary.en.contains("two at once") && d.summary.en.contains("secret key"), "{}", d.summary.en);
    }

    #[test]
    fn no_secret_advice_for_the_result_scheme() {
        let m = json!({"paygate": "G", "orderId": "O", "amount": 1, "payDate": "D", "type": "Pay",
            "orderInfo": "I", "payTransId": "T", "errorCode": "00", "checksum": "1".repeat(64)});
        let d = diagnose("result", &m, None).unwrap();
        assert!(d.findings.is_empty() && d.pairs_tried && !d.exhausted);
        assert!(!d.summary.en.contains("check the secret"), "{}", d.summary.en);
    }
}
