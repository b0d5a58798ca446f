//! The integrator's own pre-image against the expected one: the first byte where they part,
//! the field it falls in, and the bytes and characters around it on both sides, the secret
//! masked. What AWS does for `SignatureDoesNotMatch`, for this gateway.

use std::fmt;
use std::ops::Range;

use serde::Serialize;
use serde_json::Value;

use crate::diagnose::Sentence;
use crate::error::{Error, ErrorCode};
use crate::said::{kind_of, Phrase, Said};
use crate::scheme::{as_object, scheme, Preimage, SegmentSource};
use crate::validate::{check_message, quoted};
use crate::visible::{code_points, visible};

/// How many bytes each window shows on either side of the differing character.
pub const WINDOW: usize = 12;

/// What the integrator's code hashed: its text, or its bytes (given as hex).
#[derive(Clone, PartialEq, Eq)]
pub enum Theirs {
    /// The text, hashed as its UTF-8 bytes.
    Text(String),
    /// The bytes themselves.
    Bytes(Vec<u8>),
}

impl fmt::Debug for Theirs {
    // Their pre-image holds their secret key: print its length only.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Theirs::Text(t) => write!(f, "Text([REDACTED] {} bytes)", t.len()),
            Theirs::Bytes(b) => write!(f, "Bytes([REDACTED] {} bytes)", b.len()),
        }
    }
}

fn bad(path: &str, said: Said) -> Error {
    Error::at(ErrorCode::InvalidArgument, path, said)
}

impl Theirs {
    /// Read `"text"` or `{ "hex": "…" }` (hex digits, white space between them allowed).
    pub fn from_value(value: &Value) -> Result<Self, Error> {
        let map = match value {
            Value::String(s) => return Ok(Theirs::Text(s.clone())),
            Value::Object(m) => m,
            other => return Err(bad("theirs", Said::new(Phrase::TheirsWrongType).word("got", kind_of(other)))),
        };
        if let Some(k) = map.keys().find(|k| *k != "hex") {
            return Err(bad(&format!("theirs.{k}"), Said::new(Phrase::TheirsUnknownMember).quoted("key", k)));
        }
        match map.get("hex") {
            Some(Value::String(h)) => decode_hex(h).map(Theirs::Bytes),
            Some(other) => Err(bad("theirs.hex", Said::new(Phrase::TheirsHexNotString).word("got", kind_of(other)))),
            None => Err(bad("theirs.hex", Said::new(Phrase::TheirsEmpty))),
        }
    }

    /// The bytes hashed.
    pub fn bytes(&self) -> &[u8] {
        match self {
            Theirs::Text(t) => t.as_bytes(),
            Theirs::Bytes(b) => b,
        }
    }
}

fn decode_hex(text: &str) -> Result<Vec<u8>, Error> {
    let mut digits = Vec::with_capacity(text.len());
    for b in text.bytes().filter(|b| !b.is_ascii_whitespace()) {
        digits.push(b);
    }
    if let Some(i) = digits.iter().position(|b| !b.is_ascii_hexdigit()) {
        let c = text.chars().filter(|c| !c.is_ascii_whitespace()).nth(i).unwrap_or('?');
        let said = Said::new(Phrase::TheirsNotHexDigit).quoted("character", &c.to_string()).number("index", i);
        return Err(bad("theirs.hex", said));
    }
    let odd = || bad("theirs.hex", Said::new(Phrase::TheirsOddDigits).number("count", digits.len()));
    if digits.len() % 2 != 0 {
        return Err(odd());
    }
    hex::decode(&digits).map_err(|_| odd())
}

/// One side of the first difference: the byte, its character, and a short window around it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Side {
    /// The byte at the offset as two hex digits (`**` when masked); `null` past the end.
    pub byte: Option<String>,
    /// The character that byte belongs to; `null` past the end, when masked, or when the bytes
    /// there are not UTF-8.
    pub character: Option<String>,
    /// That character as code points (`U+1EC7`).
    pub code_points: Option<String>,
    /// Byte offset where the window starts.
    pub window_start: usize,
    /// The window's bytes as hex pairs (`**` per masked byte).
    pub hex: String,
    /// The window before the character, made visible (`*` per masked byte, `�` per byte that
    /// is not UTF-8).
    pub before: String,
    /// The character itself, made visible (empty past the end).
    pub at: String,
    /// The window after the character, made visible.
    pub after: String,
}

/// Where the two pre-images first part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Difference {
    /// Byte offset (from 0) of the first differing byte.
    pub offset: usize,
    /// The part of the expected pre-image the offset falls in: `secretKey`, `prefix` or a field
    /// name. When their pre-image goes on past the expected end, the last part: the one the extra
    /// bytes follow (`past_end` says so).
    pub field: Option<&'static str>,
    /// The offset inside that part (its length when past the end).
    pub field_offset: Option<usize>,
    /// Their pre-image goes on past the expected end: the extra bytes follow `field`.
    pub past_end: bool,
    /// The expected pre-image there.
    pub expected: Side,
    /// Theirs there.
    pub actual: Side,
}

/// The outcome of a comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    /// Scheme id.
    pub scheme: &'static str,
    /// The two pre-images are the same bytes.
    pub equal: bool,
    /// Bytes in the expected pre-image.
    pub expected_length: usize,
    /// Bytes in theirs.
    pub actual_length: usize,
    /// The first difference, `null` when equal.
    pub first_difference: Option<Difference>,
    /// The outcome in a sentence.
    pub summary: Sentence,
}

fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

/// The character covering `offset` (its byte range and text), when the bytes there are UTF-8.
fn char_at(b: &[u8], offset: usize) -> Option<(Range<usize>, &str)> {
    let mut start = offset;
    while start > 0 && offset - start < 3 && b.get(start).copied().is_some_and(is_continuation) {
        start -= 1;
    }
    let end = (start + 4).min(b.len());
    let s = match std::str::from_utf8(b.get(start..end)?) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(b.get(start..start + e.valid_up_to())?).ok()?,
    };
    let c = s.chars().next()?;
    let range = start..start + c.len_utf8();
    range.contains(&offset).then(|| (range.clone(), &s[..c.len_utf8()]))
}

/// Bytes `range` of `b` as visible text: `*` per masked byte, `�` per byte that is not UTF-8.
fn render(b: &[u8], range: Range<usize>, masked: &dyn Fn(usize) -> bool) -> String {
    let mut out = String::new();
    let mut i = range.start;
    let push = |s: &str, at: usize, out: &mut String| {
        for (k, c) in s.char_indices() {
            let n = c.len_utf8();
            if (at + k..at + k + n).any(masked) {
                out.extend(std::iter::repeat_n('*', n));
            } else {
                out.push_str(&visible(c.encode_utf8(&mut [0; 4])));
            }
        }
    };
    while i < range.end {
        let rest = &b[i..range.end];
        match std::str::from_utf8(rest) {
            Ok(s) => {
                push(s, i, &mut out);
                break;
            }
            Err(e) => {
                let good = e.valid_up_to();
                push(std::str::from_utf8(&rest[..good]).unwrap_or_default(), i, &mut out);
                i += good;
                let bad = e.error_len().unwrap_or(range.end - i).max(1);
                for j in i..(i + bad).min(range.end) {
                    out.push(if masked(j) { '*' } else { '\u{FFFD}' });
                }
                i += bad;
            }
        }
    }
    out
}

fn side(b: &[u8], offset: usize, masked: &dyn Fn(usize) -> bool) -> Side {
    let found = char_at(b, offset);
    let here = match &found {
        Some((r, _)) => r.clone(),
        None => offset.min(b.len())..(offset + 1).min(b.len()),
    };
    let hidden = here.clone().any(masked);
    let mut start = here.start.saturating_sub(WINDOW);
    while start < here.start && b.get(start).copied().is_some_and(is_continuation) {
        start += 1;
    }
    let mut end = (here.end + WINDOW).min(b.len());
    while end > here.end && b.get(end).copied().is_some_and(is_continuation) {
        end -= 1;
    }
    let mut hex = String::new();
    for (i, x) in b.iter().enumerate().take(end).skip(start) {
        if i > start {
            hex.push(' ');
        }
        if masked(i) {
            hex.push_str("**");
        } else {
            hex.push_str(&hex::encode(std::slice::from_ref(x)));
        }
    }
    let character = found.filter(|_| !hidden).map(|(_, s)| s.to_owned());
    Side {
        byte: b
            .get(offset)
            .map(|x| if masked(offset) { "**".to_owned() } else { hex::encode(std::slice::from_ref(x)) }),
        code_points: character.as_deref().map(code_points),
        character,
        window_start: start,
        hex,
        before: render(b, start..here.start, masked),
        at: render(b, here.clone(), masked),
        after: render(b, here.end..end, masked),
    }
}

/// A side's character in words: `"ệ" (U+1EC7)`, or its byte when masked or not UTF-8.
fn describe(s: &Side) -> (String, String) {
    match (&s.character, &s.byte) {
        (Some(c), _) => {
            let cp = s.code_points.clone().unwrap_or_default();
            (format!("{} ({cp})", quoted(&visible(c))), format!("{} ({cp})", quoted(&visible(c))))
        }
        (None, Some(b)) if b == "**" => {
            ("a byte of the secret key (masked)".into(), "một byte của khóa bí mật (secretKey), đã che".into())
        }
        (None, Some(b)) => {
            (format!("the byte 0x{b}, which is not UTF-8 there"), format!("byte 0x{b}, không phải UTF-8 ở vị trí đó"))
        }
        (None, None) => ("nothing (the end)".into(), "không còn gì (đã hết)".into()),
    }
}

/// A part of the pre-image in words: `the PAYHCM1.0 prefix`, `the secret key`, or the field's name.
fn part_name(pre: &Preimage, part: &str) -> (String, String) {
    match part {
        "prefix" => {
            let lit = pre.segments.first().map(|s| s.text.as_str()).unwrap_or_default();
            (format!("the {lit} prefix"), format!("tiền tố {lit}"))
        }
        "secretKey" => ("the secret key".into(), "khóa bí mật (secretKey)".into()),
        field => (field.to_owned(), format!("trường {field}")),
    }
}

fn summary(pre: &Preimage, actual_len: usize, d: Option<&Difference>) -> Sentence {
    let Some(d) = d else {
        return Sentence {
            en: format!("Your pre-image is the expected one, byte for byte ({actual_len} bytes)."),
            vi: format!("Chuỗi trước khi băm của bạn trùng khớp với chuỗi mong đợi đến từng byte ({actual_len} byte)."),
        };
    };
    let (off, fo) = (d.offset, d.field_offset.unwrap_or(0));
    let (exp_en, exp_vi) = describe(&d.expected);
    let (act_en, act_vi) = describe(&d.actual);
    let (en, vi) = match d.field {
        Some(last) if d.past_end => {
            let (after_en, after_vi) = part_name(pre, last);
            (
                format!(
                    "Your pre-image goes on past the expected end (byte {off}), after {after_en}: {} bytes too many, starting with {act_en}. A trailing space or line break after the last value is the usual cause.",
                    actual_len - off
                ),
                format!(
                    "Chuỗi trước khi băm của bạn dài quá điểm kết thúc mong đợi (byte {off}), sau {after_vi}: thừa {} byte, bắt đầu bằng {act_vi}. Nguyên nhân thường gặp là một dấu cách hoặc ký tự xuống dòng thừa sau giá trị cuối cùng.",
                    actual_len - off
                ),
            )
        }
        None => (
            format!(
                "Your pre-image goes on past the expected end (byte {off}): {} bytes too many, starting with {act_en}.",
                actual_len - off
            ),
            format!(
                "Chuỗi trước khi băm của bạn dài quá điểm kết thúc mong đợi (byte {off}): thừa {} byte, bắt đầu bằng {act_vi}.",
                actual_len - off
            ),
        ),
        Some("secretKey") => (
            format!(
                "Your pre-image differs from byte {off}, inside the secret key (its byte {fo}): your code hashed another secret key, or none, before the fields."
            ),
            format!(
                "Chuỗi trước khi băm của bạn khác từ byte {off}, nằm trong khóa bí mật (secretKey) (byte {fo} của khóa): mã của bạn đã băm một khóa bí mật khác, hoặc không có khóa, trước các trường."
            ),
        ),
        Some(field) => {
            let (what_en, what_vi) = part_name(pre, field);
            if d.actual.byte.is_none() {
                (
                    format!("Your pre-image stops at byte {off}, inside {what_en} (its byte {fo}), where {exp_en} should come."),
                    format!("Chuỗi trước khi băm của bạn dừng ở byte {off}, trong {what_vi} (byte {fo} của phần này), nơi lẽ ra phải là {exp_vi}."),
                )
            } else {
                (
                    format!("Your pre-image differs from byte {off}, in {what_en} (its byte {fo}): expected {exp_en}, your code hashed {act_en}."),
                    format!("Chuỗi trước khi băm của bạn khác từ byte {off}, trong {what_vi} (byte {fo} của phần này): mong đợi {exp_vi}, mã của bạn đã băm {act_vi}."),
                )
            }
        }
    };
    Sentence { en, vi }
}

/// Where bytes of their pre-image hold the secret: the expected secret's place, and wherever
/// the secret's bytes occur.
fn secret_spans(theirs: &[u8], secret: &[u8], secret_len: usize) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    spans.push(0..secret_len);
    if !secret.is_empty() {
        let mut i = 0;
        while let Some(k) = theirs.get(i..).and_then(|rest| rest.windows(secret.len()).position(|w| w == secret)) {
            spans.push(i + k..i + k + secret.len());
            i += k + 1;
        }
    }
    spans
}

/// Compare `theirs` (the pre-image the integrator's code hashed) with the pre-image of
/// `message` under `scheme_id`. The secret's bytes (and any place theirs holds it) are masked
/// unless `reveal_secret`; a missing secret or field throws as in `preimage`.
pub fn compare_preimage(
    scheme_id: &str,
    message: &Value,
    secret: Option<&str>,
    theirs: &Theirs,
    reveal_secret: bool,
) -> Result<Comparison, Error> {
    let s = scheme(scheme_id)?;
    let map = as_object(message, "message")?;
    let fields = check_message(s, map, false).canonical;
    let pre = s.preimage(&fields, secret)?;
    let expected = pre.revealed().as_bytes();
    let actual = theirs.bytes();
    let offset = expected.iter().zip(actual).position(|(a, b)| a != b).unwrap_or(expected.len().min(actual.len()));
    let equal = expected == actual;
    let secret_len = pre.segments.iter().find(|seg| seg.source == SegmentSource::Secret).map_or(0, |seg| seg.length);
    let hide = !reveal_secret && s.needs_secret();
    let spans = if hide { secret_spans(actual, secret.unwrap_or_default().as_bytes(), secret_len) } else { Vec::new() };
    let first_difference = (!equal).then(|| {
        let past_end = offset == expected.len();
        // Past the end, the extra bytes follow the last part (an empty last field included).
        let segment = if past_end {
            pre.segments.last()
        } else {
            pre.segments.iter().find(|seg| (seg.offset..seg.offset + seg.length).contains(&offset))
        };
        Difference {
            offset,
            field: segment.map(|seg| seg.name),
            field_offset: segment.map(|seg| offset - seg.offset),
            past_end,
            expected: side(expected, offset, &|i| hide && i < secret_len),
            actual: side(actual, offset, &|i| spans.iter().any(|r| r.contains(&i))),
        }
    });
    Ok(Comparison {
        scheme: s.id,
        equal,
        expected_length: expected.len(),
        actual_length: actual.len(),
        summary: summary(&pre, actual.len(), first_difference.as_ref()),
        first_difference,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn lookup() -> Value {
        json!({"partnerCode": "P", "accessKey": "AK", "transactionNo": 12, "orderId": "Điện"})
    }

    fn text(s: &str) -> Theirs {
        Theirs::Text(s.to_owned())
    }

    #[test]
    fn equal_pre_images_have_no_difference() {
        let c = compare_preimage("lookup", &lookup(), Some("sk"), &text("skPAK12Điện"), false).unwrap();
        assert!(c.equal && c.first_difference.is_none());
        assert_eq!((c.expected_length, c.actual_length), (14, 14));
        let hex = Theirs::from_value(&json!({"hex": hex::encode("skPAK12Điện")})).unwrap();
        assert!(compare_preimage("lookup", &lookup(), Some("sk"), &hex, false).unwrap().equal);
    }

    #[test]
    fn nfd_difference_is_placed_in_its_field_with_code_points() {
        // "Điện" in NFD: ệ is e + U+0323 + U+0302.
        let c = compare_preimage("lookup", &lookup(), Some("sk"), &text("skPAK12Đie\u{323}\u{302}n"), false).unwrap();
        let d = c.first_difference.unwrap();
        // s k P A K 1 2 = 7 bytes, Đ = 2, i = 1: ệ starts at 10.
        assert_eq!((d.offset, d.field, d.field_offset), (10, Some("orderId"), Some(3)));
        assert_eq!(d.expected.character.as_deref(), Some("ệ"));
        assert_eq!(d.expected.code_points.as_deref(), Some("U+1EC7"));
        assert_eq!(d.actual.character.as_deref(), Some("e"));
        assert_eq!(d.actual.code_points.as_deref(), Some("U+0065"));
        assert_eq!(d.expected.byte.as_deref(), Some("e1"));
        assert_eq!(d.actual.byte.as_deref(), Some("65"));
        assert_eq!(d.expected.before, "**PAK12Đi");
        assert_eq!(d.expected.at, "ệ");
        assert!(d.expected.hex.starts_with("** ** 50"), "{}", d.expected.hex);
        assert!(c.summary.en.contains("orderId") && c.summary.en.contains("U+1EC7"), "{}", c.summary.en);
        assert!(c.summary.vi.contains("orderId") && c.summary.vi.contains("U+1EC7"), "{}", c.summary.vi);
    }

    #[test]
    fn the_secret_is_masked_on_both_sides_unless_revealed() {
        let m = lookup();
        let c = compare_preimage("lookup", &m, Some("hunter22"), &text("hunter2XPAK12Điện hunter22"), false).unwrap();
        let d = c.first_difference.clone().unwrap();
        assert_eq!((d.offset, d.field, d.field_offset), (7, Some("secretKey"), Some(7)));
        let shown = serde_json::to_string(&c).unwrap();
        assert!(!shown.contains("hunter"), "{shown}");
        assert!(!shown.contains("68 75 6e"), "{shown}");
        assert_eq!(d.actual.byte.as_deref(), Some("**"));
        assert!(c.summary.en.contains("secret key"), "{}", c.summary.en);
        assert!(!format!("{:?}", text("hunter22")).contains("hunter"));
        let r = compare_preimage("lookup", &m, Some("hunter22"), &text("hunter2XPAK12Điện"), true).unwrap();
        assert_eq!(r.first_difference.unwrap().actual.character.as_deref(), Some("X"));
    }

    #[test]
    fn short_and_long_pre_images() {
        let short = compare_preimage("lookup", &lookup(), Some("sk"), &text("skPAK12Đi"), false).unwrap();
        let d = short.first_difference.unwrap();
        assert_eq!((d.offset, d.field, d.actual.byte.clone(), d.past_end), (10, Some("orderId"), None, false));
        assert!(short.summary.en.contains("stops at byte 10"), "{}", short.summary.en);
        let long = compare_preimage("lookup", &lookup(), Some("sk"), &text("skPAK12Điện\n"), false).unwrap();
        let d = long.first_difference.unwrap();
        assert_eq!((d.offset, d.field, d.actual.code_points.as_deref()), (14, Some("orderId"), Some("U+000A")));
        assert_eq!(d.actual.at, "⏎");
        assert!(long.summary.en.contains("1 bytes too many"), "{}", long.summary.en);
    }

    #[test]
    fn a_trailing_space_after_the_last_field_is_placed_after_it() {
        // The refund scheme ends with orderInfo: a space the sender's code added after it.
        let m = json!({"partnerCode": "P", "accessKey": "A", "transactionNo": "T", "orderId": "O",
            "requestCode": "R", "amount": 1, "transactionType": "02", "orderInfo": "hoàn tiền"});
        let c = compare_preimage("refund", &m, Some("k"), &text("kPATOR102hoàn tiền "), false).unwrap();
        let d = c.first_difference.unwrap();
        let info = "hoàn tiền".len();
        assert_eq!((d.field, d.field_offset, d.past_end), (Some("orderInfo"), Some(info), true));
        assert_eq!((d.offset, d.actual.code_points.as_deref()), (c.expected_length, Some("U+0020")));
        assert!(
            c.summary.en.contains("after orderInfo") && c.summary.en.contains("trailing space"),
            "{}",
            c.summary.en
        );
        assert!(c.summary.vi.contains("sau trường orderInfo"), "{}", c.summary.vi);
    }

    #[test]
    fn prefix_of_the_result_scheme_and_invalid_bytes() {
        let m = json!({"paygate": "G", "orderId": "O", "amount": 1, "payDate": "D", "type": "Pay",
            "orderInfo": "I", "payTransId": "T", "errorCode": "00"});
        let c = compare_preimage("result", &m, None, &text("PAYHCM1.1GO1DPayIT00"), false).unwrap();
        let d = c.first_difference.unwrap();
        assert_eq!((d.offset, d.field, d.field_offset), (8, Some("prefix"), Some(8)));
        assert!(c.summary.en.contains("PAYHCM1.0 prefix"), "{}", c.summary.en);
        let bytes = Theirs::from_value(&json!({"hex": "50 41 59 48 43 4d ff"})).unwrap();
        let c = compare_preimage("result", &m, None, &bytes, false).unwrap();
        let d = c.first_difference.unwrap();
        assert_eq!((d.offset, d.actual.character.clone(), d.actual.at.as_str()), (6, None, "\u{FFFD}"));
        assert!(c.summary.en.contains("0xff"), "{}", c.summary.en);
    }

    #[test]
    fn bad_theirs_is_named() {
        for (v, path) in [
            (json!(5), "theirs"),
            (json!({"hex": "abc"}), "theirs.hex"),
            (json!({"hex": "zz"}), "theirs.hex"),
            (json!({"hex": 1}), "theirs.hex"),
            (json!({"text": "x"}), "theirs.text"),
            (json!({}), "theirs.hex"),
        ] {
            let e = Theirs::from_value(&v).unwrap_err();
            assert_eq!((e.code, e.path.as_deref()), (ErrorCode::InvalidArgument, Some(path)), "{v}");
        }
        let e = compare_preimage("lookup", &lookup(), None, &text("x"), false).unwrap_err();
        assert_eq!(e.code, ErrorCode::MissingSecret);
    }

    #[test]
    fn windows_stay_short_on_big_values() {
        let big = "ệ".repeat(100_000);
        let m = json!({"partnerCode": "P", "accessKey": "AK", "transactionNo": 12, "orderId": big});
        let mut theirs = format!("skPAK12{big}");
        theirs.push('x');
        let c = compare_preimage("lookup", &m, Some("sk"), &text(&theirs), false).unwrap();
        let d = c.first_difference.unwrap();
        assert!(d.actual.hex.len() < 3 * (2 * WINDOW + 4));
        assert_eq!(d.actual.at, "x");
    }
}
