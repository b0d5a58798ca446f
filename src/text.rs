//! Checks on text values that change a pre-image without being visible.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Characters that take no visible space: zero-width, direction marks, the BOM, soft hyphen.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

/// Whether the text starts or ends with white space (Unicode White_Space, NBSP included).
pub fn has_edge_whitespace(s: &str) -> bool {
    s.starts_with(char::is_whitespace) || s.ends_with(char::is_whitespace)
}

/// Whether the text holds a control character (tab, newline, NUL…).
pub fn has_control(s: &str) -> bool {
    s.chars().any(char::is_control)
}

/// Whether the text holds an invisible formatting character.
pub fn has_invisible(s: &str) -> bool {
    s.chars().any(is_invisible)
}

/// Typographic quotes: what word processors put in place of `"` and `'`.
pub fn is_smart_quote(c: char) -> bool {
    matches!(c, '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}')
}

/// Whether the text holds a typographic quote.
pub fn has_smart_quotes(s: &str) -> bool {
    s.chars().any(is_smart_quote)
}

/// Whether the text is in Unicode Normalization Form C.
pub fn is_nfc(s: &str) -> bool {
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => true,
        IsNormalized::No => false,
        IsNormalized::Maybe => s.chars().eq(s.nfc()),
    }
}

/// The text in Normalization Form C.
pub fn to_nfc(s: &str) -> String {
    s.nfc().collect()
}

/// The text in Normalization Form D.
pub fn to_nfd(s: &str) -> String {
    s.nfd().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_nfc_and_nfd() {
        let nfc = "Thanh toán tiền điện thoại";
        let nfd = to_nfd(nfc);
        assert_ne!(nfc, nfd);
        assert!(is_nfc(nfc));
        assert!(!is_nfc(&nfd));
        assert_eq!(to_nfc(&nfd), nfc);
        assert!(is_nfc("plain ascii 🧾"));
    }

    #[test]
    fn edges_controls_and_invisibles() {
        assert!(has_edge_whitespace(" 00"));
        assert!(has_edge_whitespace("payment_test "));
        assert!(has_edge_whitespace("x\u{00A0}"));
        assert!(!has_edge_whitespace("a b"));
        assert!(has_control("a\tb"));
        assert!(!has_control("ắ"));
        assert!(has_invisible("a\u{200B}b"));
        assert!(!has_invisible("ab"));
    }
}
