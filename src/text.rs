//! Checks on text values that change a pre-image without being visible.

use std::sync::OnceLock;

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

/// A combining mark of the blocks Vietnamese text decomposed (NFD) uses, and their kin: what a
/// sender that strips accents drops, and what belongs to the character before it.
pub fn is_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// Typographic quotes: what word processors put in place of `"` and `'`.
pub fn is_smart_quote(c: char) -> bool {
    matches!(c, '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}')
}

/// Whether the text holds a typographic quote.
pub fn has_smart_quotes(s: &str) -> bool {
    s.chars().any(is_smart_quote)
}

/// Whether `needle` occurs in `text`, by a plain scan. `str::contains` given a text, or a
/// character outside ASCII, links the standard library's two-way searcher (1.3 KB of the gzipped
/// WebAssembly core) for the few short needles the crate looks for.
pub fn contains_text(text: &str, needle: &str) -> bool {
    let (text, needle) = (text.as_bytes(), needle.as_bytes());
    let Some((first, rest)) = needle.split_first() else { return true };
    text.iter().enumerate().any(|(i, b)| b == first && text.get(i + 1..i + needle.len()) == Some(rest))
}

/// Add `item` to a list written `a, b, c`.
pub fn push_item(list: &mut String, item: &str) {
    if !list.is_empty() {
        list.push_str(", ");
    }
    list.push_str(item);
}

/// The first `n` characters of `s`, when it has more.
pub fn first_chars(s: &str, n: usize) -> Option<&str> {
    s.char_indices().nth(n).map(|(i, _)| &s[..i])
}

/// Cut `s` to its first `n` characters; whether it had more.
pub fn cut_chars(s: &mut String, n: usize) -> bool {
    let len = first_chars(s, n).map(str::len);
    if let Some(len) = len {
        s.truncate(len);
    }
    len.is_some()
}

/// A Unicode normalization form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Canonical composition.
    Nfc,
    /// Canonical decomposition.
    Nfd,
}

/// Something that normalizes Unicode text. Natively the crate uses `unicode-normalization`;
/// the WebAssembly bindings install the JS engine's `String.prototype.normalize` at start.
pub trait Normalizer: Sync + Send {
    /// `s` in normalization form `form`.
    fn normalize(&self, s: &str, form: Form) -> String;
}

static NORMALIZER: OnceLock<&'static dyn Normalizer> = OnceLock::new();

/// Install the normalizer used from now on (once; later calls are ignored and return false).
pub fn set_normalizer(n: &'static dyn Normalizer) -> bool {
    NORMALIZER.set(n).is_ok()
}

#[cfg(not(target_arch = "wasm32"))]
fn builtin(s: &str, form: Form) -> String {
    use unicode_normalization::UnicodeNormalization;
    match form {
        Form::Nfc => s.nfc().collect(),
        Form::Nfd => s.nfd().collect(),
    }
}

/// In WebAssembly the bindings install the engine's normalizer before any call; without one
/// (the crate used on wasm32 without its bindings) text is taken as already normalized.
#[cfg(target_arch = "wasm32")]
fn builtin(s: &str, _form: Form) -> String {
    s.to_owned()
}

/// `s` in normalization form `form`.
pub fn normalize(s: &str, form: Form) -> String {
    // ASCII is the same in every form, and below U+0300 nothing composes (NFC).
    let stable = match form {
        Form::Nfc => s.chars().all(|c| c < '\u{300}'),
        Form::Nfd => s.is_ascii(),
    };
    if stable {
        return s.to_owned();
    }
    match NORMALIZER.get() {
        Some(n) => n.normalize(s, form),
        None => builtin(s, form),
    }
}

/// Whether the text is in Unicode Normalization Form C.
pub fn is_nfc(s: &str) -> bool {
    s.chars().all(|c| c < '\u{300}') || normalize(s, Form::Nfc) == s
}

/// The text in Normalization Form C.
pub fn to_nfc(s: &str) -> String {
    normalize(s, Form::Nfc)
}

/// The text in Normalization Form D.
pub fn to_nfd(s: &str) -> String {
    normalize(s, Form::Nfd)
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
        assert_eq!(to_nfd("é"), "e\u{301}");
        assert!(!is_nfc("e\u{301}"));
    }

    #[test]
    fn contains_text_as_str_contains() {
        let texts =
            ["", "a", "application/json; charset=utf-8", "x-www-form-urlencoded", "ab\u{FFFD}c", "\u{FFFD}", "đđ"];
        let needles =
            ["", "json", "x-www-form-urlencoded", "\u{FFFD}", "a", "c", "đ", "\u{111}\u{111}\u{111}", "ab\u{FFFD}c!"];
        for text in texts {
            for needle in needles {
                assert_eq!(contains_text(text, needle), text.contains(needle), "{text:?} {needle:?}");
            }
        }
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
