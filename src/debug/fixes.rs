//! What to change in the integrator's code, for each kind of mistake: advice in English and
//! Vietnamese, and the line to write in JavaScript, Java, C# and PHP. Also the exact characters
//! where two values part, as code points, so NFC and NFD stop looking identical.

use serde::Serialize;

use crate::diagnose::{FindingCode, Sentence};
use crate::scheme::{Prefix, Scheme};
use crate::visible::code_points;

/// One line of code in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Snippet {
    /// `javascript`, `java`, `csharp` or `php`.
    pub language: &'static str,
    /// The code.
    pub code: String,
}

/// How to fix one mistake.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// The mistake it fixes.
    pub code: FindingCode,
    /// What to do.
    pub advice: Sentence,
    /// The code to write, per language (empty when the advice says it all).
    pub snippets: Vec<Snippet>,
}

/// Where two values part: the first differing characters (a base character with its combining
/// marks) on each side, and their code points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CharDifference {
    /// Character index (from 0) in the message's value.
    pub index: usize,
    /// The characters in the message's value.
    pub from: String,
    /// The characters the sender hashed.
    pub to: String,
    /// `from` as code points (`U+1EC7`).
    pub from_code_points: String,
    /// `to` as code points (`U+0065 U+0323 U+0302`).
    pub to_code_points: String,
}

/// The first characters where `from` and `to` differ, whole clusters (a base and its marks).
/// Reads the texts up to there and a cluster further, however long they are.
pub fn char_difference(from: &str, to: &str) -> Option<CharDifference> {
    // The common prefix: its length in characters and in bytes (the same bytes on both sides).
    let (mut index, mut at) = (0, 0);
    for (x, y) in from.chars().zip(to.chars()) {
        if x != y {
            break;
        }
        index += 1;
        at += x.len_utf8();
    }
    if at == from.len() && at == to.len() {
        return None;
    }
    // Back to the start of a cluster on both sides: never on a combining mark.
    let starts_mark = |s: &str, i: usize| s.get(i..).and_then(|r| r.chars().next()).is_some_and(crate::text::is_mark);
    while index > 0 && (starts_mark(from, at) || starts_mark(to, at)) {
        let Some(c) = from.get(..at).and_then(|p| p.chars().next_back()) else { break };
        at -= c.len_utf8();
        index -= 1;
    }
    let cluster = |s: &str| -> String {
        let mut out = String::new();
        for (i, c) in s.get(at..).unwrap_or_default().chars().enumerate() {
            if i > 0 && !crate::text::is_mark(c) {
                break;
            }
            out.push(c);
        }
        out
    };
    let (f, t) = (cluster(from), cluster(to));
    Some(CharDifference { index, from_code_points: code_points(&f), to_code_points: code_points(&t), from: f, to: t })
}

/// The code in JavaScript, Java, C# and PHP, in that order.
fn snippets([js, java, cs, php]: [String; 4]) -> Vec<Snippet> {
    vec![
        Snippet { language: "javascript", code: js },
        Snippet { language: "java", code: java },
        Snippet { language: "csharp", code: cs },
        Snippet { language: "php", code: php },
    ]
}

fn same_in_all(js: &str, java: &str, cs: &str, php: &str) -> Vec<Snippet> {
    snippets([js, java, cs, php].map(str::to_owned))
}

/// The scheme's pre-image as an expression in each language.
pub(crate) fn concatenation(s: &Scheme) -> Vec<Snippet> {
    let (mut js, mut php) = match s.prefix {
        Prefix::SecretKey => ("secretKey".to_owned(), "$secretKey".to_owned()),
        Prefix::Literal(l) => {
            let quoted = ["\"", l, "\""].concat();
            (quoted.clone(), quoted)
        }
    };
    for f in s.fields {
        js.push_str(" + ");
        js.push_str(f);
        php.push_str(" . $m[\"");
        php.push_str(f);
        php.push_str("\"]");
    }
    snippets([
        ["const preimage = ", &js, ";"].concat(),
        ["String preimage = ", &js, ";"].concat(),
        ["var preimage = ", &js, ";"].concat(),
        ["$preimage = ", &php, ";"].concat(),
    ])
}

fn sha256_hex() -> Vec<Snippet> {
    same_in_all(
        "crypto.createHash(\"sha256\").update(preimage, \"utf8\").digest(\"hex\")",
        "String.format(\"%064x\", new BigInteger(1, MessageDigest.getInstance(\"SHA-256\").digest(preimage.getBytes(StandardCharsets.UTF_8))))",
        "Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(preimage))).ToLowerInvariant()",
        "hash(\"sha256\", $preimage)",
    )
}

/// How to fix a mistake of kind `code` in a message of scheme `s`.
pub fn fix(code: FindingCode, s: &Scheme) -> Fix {
    use FindingCode as C;
    let order_en =
        "Build the pre-image as the scheme says: the first piece, then each field in order, with nothing between them.";
    let order_vi =
        "Tạo chuỗi trước khi băm đúng như lược đồ: phần đầu, rồi từng trường theo thứ tự, không có gì xen giữa.";
    let exact_en = "Hash each value exactly as the message carries it: the same text, character for character.";
    let exact_vi = "Băm từng giá trị đúng như gói tin ghi: cùng một chuỗi, từng ký tự một.";
    let (advice, snippets) = match code {
        C::Nfc | C::Nfd => (
            Sentence::new(
                "Normalize every text value to NFC once, then put that same string in the message and in the pre-image.",
                "Chuẩn hóa mọi giá trị văn bản về dạng dựng sẵn (NFC) một lần, rồi dùng cùng chuỗi đó trong gói tin và trong chuỗi trước khi băm.",
            ),
            same_in_all(
                "s.normalize(\"NFC\")",
                "Normalizer.normalize(s, Normalizer.Form.NFC)",
                "s.Normalize(NormalizationForm.FormC)",
                "Normalizer::normalize($s, Normalizer::FORM_C)",
            ),
        ),
        C::Trimmed => (
            Sentence::new(
                "Trim the values before you put them in the message, then hash the same strings.",
                "Bỏ khoảng trắng ở đầu và cuối giá trị trước khi đưa vào gói tin, rồi băm đúng các chuỗi đó.",
            ),
            same_in_all("s.trim()", "s.strip()", "s.Trim()", "trim($s)"),
        ),
        C::SecretTrimmed | C::SecretTrailingNewline => (
            Sentence::new(
                "Trim the secret key where you read it (a file or an environment variable keeps its line ending).",
                "Bỏ khoảng trắng và ký tự xuống dòng của khóa bí mật (secretKey) ngay khi đọc (tệp hoặc biến môi trường giữ nguyên ký tự xuống dòng).",
            ),
            same_in_all("secretKey.trim()", "secretKey.strip()", "secretKey.Trim()", "trim($secretKey)"),
        ),
        C::SecretBase64Decoded => (
            Sentence::new(
                "Use the secret key as the text it was issued as; do not base64-decode it.",
                "Dùng khóa bí mật (secretKey) đúng chuỗi được cấp; không giải mã base64.",
            ),
            Vec::new(),
        ),
        C::Hmac => (
            Sentence::new(
                "Hash the secret key followed by the fields with plain SHA-256; the gateway uses no HMAC.",
                "Băm khóa bí mật (secretKey) nối với các trường bằng SHA-256 thường; cổng thanh toán không dùng HMAC.",
            ),
            sha256_hex(),
        ),
        C::DigestMd5 | C::DigestSha512 | C::DigestBase64 | C::HexLeadingZerosDropped => (
            Sentence::new(
                "Write the checksum as SHA-256 in 64 hex digits, leading zeros kept.",
                "Ghi checksum là giá trị băm SHA-256 gồm đủ 64 chữ số hex, giữ các số 0 ở đầu.",
            ),
            sha256_hex(),
        ),
        C::NonAsciiAsQuestionMark => (
            Sentence::new(
                "Encode the pre-image as UTF-8 before hashing, never as ASCII or a code page.",
                "Chuyển chuỗi trước khi băm thành byte bằng UTF-8, không dùng ASCII hay bảng mã khác.",
            ),
            same_in_all(
                "Buffer.from(preimage, \"utf8\")",
                "preimage.getBytes(StandardCharsets.UTF_8)",
                "Encoding.UTF8.GetBytes(preimage)",
                "mb_convert_encoding($preimage, \"UTF-8\")",
            ),
        ),
        C::AccentsStripped | C::UrlEncoded | C::TypeCasing | C::AmountFormat | C::AliasUsed | C::UppercaseValue
        | C::LowercaseValue => (Sentence::new(exact_en, exact_vi), Vec::new()),
        C::SecretMissing | C::SecretAtEnd | C::Separator | C::KeyValueJoined | C::FieldsSorted | C::PaygovOrder
        | C::JsonBodyHashed | C::FieldsSwapped | C::FieldMissing | C::ResultWithoutType | C::PrefixMissing
        | C::SecretAsPrefix | C::OtherScheme => (Sentence::new(order_en, order_vi), concatenation(s)),
    };
    Fix { code, advice, snippets }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scheme::scheme;

    #[test]
    fn nfc_against_nfd_is_shown_as_code_points() {
        let d = char_difference("Điện", "Đie\u{323}\u{302}n").unwrap();
        assert_eq!((d.index, d.from.as_str(), d.to.as_str()), (2, "ệ", "e\u{323}\u{302}"));
        assert_eq!((d.from_code_points.as_str(), d.to_code_points.as_str()), ("U+1EC7", "U+0065 U+0323 U+0302"));
        let d = char_difference("e\u{302}", "ê").unwrap();
        assert_eq!((d.from_code_points.as_str(), d.to_code_points.as_str()), ("U+0065 U+0302", "U+00EA"));
        assert!(char_difference("a", "a").is_none());
        assert_eq!(char_difference("ab", "a").unwrap().to, "");
    }

    #[test]
    fn the_result_scheme_has_no_secret_in_its_advice() {
        let r = scheme("result").unwrap();
        for code in [FindingCode::FieldMissing, FindingCode::PrefixMissing, FindingCode::ResultWithoutType] {
            let f = fix(code, r);
            let all = format!("{f:?}");
            assert!(!all.contains("secretKey") && !all.contains("secret key"), "{all}");
            assert!(all.contains("PAYHCM1.0"), "{all}");
        }
        let nfc = fix(FindingCode::Nfc, r);
        let langs: Vec<_> = nfc.snippets.iter().map(|s| s.language).collect();
        assert_eq!(langs, ["javascript", "java", "csharp", "php"]);
        assert!(nfc.snippets[2].code.contains("NormalizationForm.FormC"));
    }
}
