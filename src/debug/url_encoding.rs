//! URL encoding done before hashing, as each language's usual call does it: one table of
//! encoders (what each keeps, how it writes a space, the case of its hex digits) over one engine,
//! and the mistakes it makes of a message: one field encoded, or every field, by each call that
//! gives a different text. The finding names the field and the call to drop.

use crate::debug::draft::{part, Edit, Mistake, Transform};
use crate::debug::fixes::{concatenation, Fix};
use crate::debug::mistakes::{change, Ctx};
use crate::diagnose::{FindingCode, Sentence};

/// One URL-encoding call. Letters and digits are always kept; every other byte of the UTF-8 text
/// is written `%XX`, but for the punctuation the call keeps and, maybe, the space.
#[derive(Debug, PartialEq, Eq)]
pub struct UrlEncoder {
    /// The call as its language writes it.
    pub call: &'static str,
    /// The language, in words.
    pub language: &'static str,
    /// The punctuation it keeps as is.
    pub keeps: &'static str,
    /// A space is written `+` (else `%20`).
    pub space_as_plus: bool,
    /// Hex digits in lower case (else upper case).
    pub lowercase_hex: bool,
}

/// The encoders integrators' code calls. `rawurlencode` and `Uri.EscapeDataString` write the
/// same text (RFC 3986's unreserved characters kept); they are two entries so a finding names
/// both.
pub const URL_ENCODERS: &[UrlEncoder] = &[
    UrlEncoder {
        call: "encodeURIComponent(s)",
        language: "JavaScript",
        keeps: "-_.!~*'()",
        space_as_plus: false,
        lowercase_hex: false,
    },
    UrlEncoder {
        call: "URLEncoder.encode(s, \"UTF-8\")",
        language: "Java",
        keeps: "-_.*",
        space_as_plus: true,
        lowercase_hex: false,
    },
    UrlEncoder { call: "urlencode($s)", language: "PHP", keeps: "-_.", space_as_plus: true, lowercase_hex: false },
    UrlEncoder { call: "rawurlencode($s)", language: "PHP", keeps: "-_.~", space_as_plus: false, lowercase_hex: false },
    UrlEncoder {
        call: "Uri.EscapeDataString(s)",
        language: ".NET",
        keeps: "-_.~",
        space_as_plus: false,
        lowercase_hex: false,
    },
    UrlEncoder {
        call: "HttpUtility.UrlEncode(s)",
        language: ".NET",
        keeps: "-_.!*()",
        space_as_plus: true,
        lowercase_hex: true,
    },
];

impl UrlEncoder {
    /// `s` encoded as this call encodes it.
    pub fn encode(&self, s: &str) -> String {
        let digits: &[u8; 16] = if self.lowercase_hex { b"0123456789abcdef" } else { b"0123456789ABCDEF" };
        let hex = |n: u8| char::from(digits.get(usize::from(n & 15)).copied().unwrap_or(b'0'));
        let mut out = String::with_capacity(s.len() * 3);
        for b in s.bytes() {
            if b.is_ascii_alphanumeric() || self.keeps.bytes().any(|k| k == b) {
                out.push(char::from(b));
            } else if b == b' ' && self.space_as_plus {
                out.push('+');
            } else {
                out.push('%');
                out.push(hex(b >> 4));
                out.push(hex(b));
            }
        }
        out
    }
}

/// Calls with their language, in words: `a`, `a or b`, `a, b or c`, where each is
/// `URLEncoder.encode(s, "UTF-8") (Java)`; Vietnamese joins with `hoặc`.
fn calls(encoders: &[&UrlEncoder]) -> (String, String) {
    let (mut en, mut vi) = (String::new(), String::new());
    for (i, e) in encoders.iter().enumerate() {
        let (sep_en, sep_vi) = match i {
            0 => ("", ""),
            _ if i + 1 == encoders.len() => (" or ", " hoặc "),
            _ => (", ", ", "),
        };
        for (out, sep) in [(&mut en, sep_en), (&mut vi, sep_vi)] {
            out.push_str(sep);
            out.push_str(e.call);
            out.push_str(" (");
            out.push_str(e.language);
            out.push(')');
        }
    }
    (en, vi)
}

/// How a space came out, in words.
fn space(encoders: &[&UrlEncoder]) -> (&'static str, &'static str) {
    match encoders.first() {
        Some(e) if e.space_as_plus => ("a space as +", "dấu cách thành +"),
        _ => ("a space as %20", "dấu cách thành %20"),
    }
}

/// The encoders that change some text, grouped by what they make of `texts`: one group per
/// distinct result, in table order, with that result.
fn groups(texts: &[&str]) -> Vec<(Vec<String>, Vec<&'static UrlEncoder>)> {
    let mut out: Vec<(Vec<String>, Vec<&'static UrlEncoder>)> = Vec::new();
    for e in URL_ENCODERS {
        let made: Vec<String> = texts.iter().map(|t| e.encode(t)).collect();
        if made.iter().zip(texts).all(|(m, t)| m == t) {
            continue;
        }
        match out.iter_mut().find(|(m, _)| *m == made) {
            Some((_, group)) => group.push(e),
            None => out.push((made, vec![e])),
        }
    }
    out
}

/// What to do: the field(s) and the calls (in words) to drop, and the pre-image to write instead.
fn fix(ctx: &Ctx<'_>, (fields, fields_vi): (&str, &str), (en, vi): (&str, &str)) -> Fix {
    Fix {
        code: FindingCode::UrlEncoded,
        advice: Sentence::new(
            format!("Drop {en} around {fields} where the pre-image is built: hash each value exactly as the message carries it (URL-encode only where a URL is written)."),
            format!("Bỏ lệnh {vi} quanh {fields_vi} ở chỗ tạo chuỗi trước khi băm: băm từng giá trị đúng như gói tin ghi (chỉ mã hóa URL ở chỗ viết URL)."),
        ),
        snippets: concatenation(ctx.scheme),
    }
}

/// Every URL-encoding mistake worth trying: each field alone by each call that writes it
/// differently, then every field at once by each such call.
pub fn url_mistakes(ctx: &Ctx<'_>, out: &mut Vec<Mistake>) {
    let mistake = |edits: Vec<Edit>, (what, what_vi): (&str, &str), encoders: &[&'static UrlEncoder], changes| {
        let (en, vi) = calls(encoders);
        let (space_en, space_vi) = space(encoders);
        Mistake {
            code: FindingCode::UrlEncoded,
            edits,
            parts: part::TEXT,
            description: Sentence::new(
                format!("The sender URL-encoded {what} before hashing, as {en} does ({space_en})."),
                format!("Bên gửi đã mã hóa URL {what_vi} trước khi băm, theo cách của {vi} ({space_vi})."),
            ),
            changes,
            fix: Some(fix(ctx, (what, what_vi), (&en, &vi))),
        }
    };
    for (name, text) in &ctx.texts {
        for (made, encoders) in groups(&[text.as_str()]) {
            let (Some(first), Some(to)) = (encoders.first(), made.first()) else { continue };
            let changes = vec![change(name, Some(text), Some(to))];
            let what_vi = format!("trường {name}");
            out.push(mistake(vec![Edit::Field(name, Transform::Url(first))], (name, &what_vi), &encoders, changes));
        }
    }
    let texts: Vec<&str> = ctx.texts.iter().map(|(_, t)| t.as_str()).collect();
    for (made, encoders) in groups(&texts) {
        let Some(first) = encoders.first() else { continue };
        let mut changes = Vec::new();
        let mut names = String::new();
        for ((n, t), to) in ctx.texts.iter().zip(&made) {
            if t != to {
                if !changes.is_empty() {
                    names.push_str(", ");
                }
                names.push_str(n);
                changes.push(change(n, Some(t), Some(to)));
            }
        }
        // One field changed: the mistake above already says it.
        if changes.len() > 1 {
            let (what, what_vi) = (format!("every value ({names})"), format!("mọi giá trị ({names})"));
            out.push(mistake(vec![Edit::AllFields(Transform::Url(first))], (&what, &what_vi), &encoders, changes));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by(call: &str) -> &'static UrlEncoder {
        URL_ENCODERS.iter().find(|e| e.call.starts_with(call)).unwrap()
    }

    #[test]
    fn each_call_keeps_its_own_punctuation() {
        // Known answers from the languages' documentation (and tests/vectors/generate.py, which
        // reproduces them with urllib.parse).
        let s = "a b*~!'()ệ/";
        assert_eq!(by("encodeURIComponent").encode(s), "a%20b*~!'()%E1%BB%87%2F");
        assert_eq!(by("URLEncoder").encode(s), "a+b*%7E%21%27%28%29%E1%BB%87%2F");
        assert_eq!(by("urlencode").encode(s), "a+b%2A%7E%21%27%28%29%E1%BB%87%2F");
        assert_eq!(by("rawurlencode").encode(s), "a%20b%2A~%21%27%28%29%E1%BB%87%2F");
        assert_eq!(by("Uri.EscapeDataString").encode(s), by("rawurlencode").encode(s));
        assert_eq!(by("HttpUtility").encode(s), "a+b*%7e!%27()%e1%bb%87%2f");
    }

    #[test]
    fn calls_that_write_the_same_text_are_one_group() {
        let g = groups(&["thanh toan"]);
        let names: Vec<Vec<&str>> = g.iter().map(|(_, g)| g.iter().map(|e| e.call).collect()).collect();
        assert_eq!(names.len(), 2, "{names:?}");
        assert!(names[0].contains(&"encodeURIComponent(s)") && names[0].contains(&"Uri.EscapeDataString(s)"));
        assert!(names[1].contains(&"urlencode($s)") && names[1].contains(&"HttpUtility.UrlEncode(s)"));
        assert!(groups(&["SBN_100012"]).is_empty());
        assert_eq!(
            calls(&[by("urlencode"), by("rawurlencode"), by("HttpUtility")]).0,
            "urlencode($s) (PHP), rawurlencode($s) (PHP) or HttpUtility.UrlEncode(s) (.NET)"
        );
    }
}
