//! Renderings that make a value's bytes and invisible characters visible.

use std::fmt::Write;

use crate::text::is_invisible;

/// The value with white space, control and zero-width characters made visible: space `·`, tab
/// `→`, newline `⏎`, NBSP `⍽`, zero-width characters by name (`⟨ZWSP⟩`), anything else
/// invisible as `⟨U+XXXX⟩`.
pub fn visible(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            ' ' => out.push('·'),
            '\t' => out.push('→'),
            '\n' => out.push('⏎'),
            '\u{00A0}' => out.push('⍽'),
            '\u{200B}' => out.push_str("⟨ZWSP⟩"),
            '\u{200C}' => out.push_str("⟨ZWNJ⟩"),
            '\u{200D}' => out.push_str("⟨ZWJ⟩"),
            '\u{FEFF}' => out.push_str("⟨BOM⟩"),
            '\u{00AD}' => out.push_str("⟨SHY⟩"),
            c if c.is_control() || c.is_whitespace() || is_invisible(c) => {
                let _ = write!(out, "⟨U+{:04X}⟩", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

/// Each character as its code point, space-separated: `U+0065 U+0302`.
pub fn code_points(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 7);
    for (i, c) in s.chars().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let _ = write!(out, "U+{:04X}", u32::from(c));
    }
    out
}

/// Bytes as space-separated lower-case hex pairs.
pub fn hex_pairs(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 3);
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let _ = write!(out, "{b:02x}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_things_become_visible() {
        assert_eq!(visible(" 00\t\u{A0}x\u{200B}\u{1}"), "·00→⍽x⟨ZWSP⟩⟨U+0001⟩");
        assert_eq!(visible("Điện"), "Điện");
    }

    #[test]
    fn code_points_name_every_character() {
        assert_eq!(code_points("e\u{302}"), "U+0065 U+0302");
        assert_eq!(code_points("ệ"), "U+1EC7");
        assert_eq!(code_points("🧾"), "U+1F9FE");
        assert_eq!(code_points(""), "");
    }

    #[test]
    fn hex() {
        assert_eq!(hex_pairs("tị".as_bytes()), "74 e1 bb 8b");
        assert_eq!(hex_pairs(b""), "");
    }
}
