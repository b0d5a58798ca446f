//! The tolerant JSON reader: bodies as they arrive in the wild and as the guide's own examples
//! are written (typographic quotes, keys with spaces, `check-sum`, trailing commas…). Every
//! repair is named as a defect with its position; nothing is repaired silently, and what cannot
//! be read is said, not guessed. What surrounds a body (a request, a curl command, a log line)
//! is the intake's ([`crate::debug::intake`]).

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use serde_json::{Map, Number, Value};

use crate::debug::intake::source::Source;
pub use crate::debug::intake::{parse_loose, PastedAuthorization, PastedToken};
use crate::said::{kind_of, Phrase, Said, Word};
use crate::text::is_smart_quote;
use crate::validate::join_path;
use crate::visible::code_points;

/// Kinds of defect the tolerant reader repairs or reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DefectCode {
    /// A byte-order mark before the body.
    Bom,
    /// Typographic quotes (“ ”) used as string delimiters.
    SmartQuotes,
    /// Single quotes used as string delimiters.
    SingleQuotes,
    /// A key without quotes.
    UnquotedKey,
    /// A comma before `}` or `]`.
    TrailingComma,
    /// Two members with no comma between them.
    MissingComma,
    /// A comment (`//` or `/* */`).
    Comment,
    /// White space JSON does not allow between tokens (NBSP, ideographic space…).
    NonstandardWhitespace,
    /// A raw control character (newline, tab) inside a string.
    ControlInString,
    /// A key with leading or trailing white space.
    KeyWhitespace,
    /// A known misspelling of a key (`check-sum`).
    KeyAlias,
    /// The same key twice.
    DuplicateKey,
    /// Text after the body.
    TrailingText,
    /// What could not be read at all.
    Unreadable,
    /// Read as a raw HTTP request: request line, headers, then the body.
    HttpRequest,
    /// Header lines (an `Authorization:` line, say) before the body, read apart from it.
    HeaderLines,
    /// Read as a curl command: the body from its data options.
    CurlCommand,
    /// The token of an `Authorization` header, returned apart from the message.
    Authorization,
    /// curl options that play no part in the body, skipped.
    IgnoredOptions,
    /// The body's `Content-Type` says one thing, its text another.
    ContentType,
    /// Read as form fields (`name=value&…`), percent-decoded.
    FormFields,
    /// Read as a Java `toString()` dump (`{key=value, …}`).
    JavaToString,
    /// A value without quotes read as a number (an integer field written in digits).
    NumberGuessed,
    /// Text before the body (a log line's time, level, logger…) skipped.
    LogPrefix,
    /// The message is a member of the pasted object (a log's `body`, a response's `data`).
    BodyInMember,
    /// The message is JSON written inside a JSON string, read once unescaped.
    BodyInString,
    /// The body is URL-encoded JSON, read once decoded.
    UrlEncodedBody,
}

/// One defect: what, where, and what was said about it. JavaScript sees
/// `{code, message, path, line, column, params, text}`, as a validation problem's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Defect {
    /// The kind of defect.
    pub code: DefectCode,
    /// What was repaired (or why reading stopped), with its values.
    pub said: Said,
    /// The key concerned, when there is one.
    pub path: Option<String>,
    /// 1-based line in the text, when known.
    pub line: Option<usize>,
    /// 1-based column (in characters), when known.
    pub column: Option<usize>,
}

impl Defect {
    /// What was repaired, in a short English sentence.
    pub fn message(&self) -> String {
        self.said.en()
    }
}

impl Serialize for Defect {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Defect", 7)?;
        s.serialize_field("code", &self.code)?;
        s.serialize_field("path", &self.path)?;
        s.serialize_field("line", &self.line)?;
        s.serialize_field("column", &self.column)?;
        self.said.serialize_fields(&mut s)?;
        s.end()
    }
}

/// The outcome of a tolerant read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LooseParse {
    /// The body as an object, or `null` when it could not be read as one.
    pub message: Option<Map<String, Value>>,
    /// Every repair, in the order met.
    pub defects: Vec<Defect>,
    /// The `Authorization` header pasted with the body (a raw request, a curl command, a lone
    /// header line), returned to the caller apart from the message; `null` when there is none.
    pub authorization: Option<PastedAuthorization>,
}

/// Misspellings of keys seen in the wild: `(as written, as meant)`.
const KEY_ALIASES: &[(&str, &str)] = &[
    ("check-sum", "checksum"),
    ("check_sum", "checksum"),
    ("checkSum", "checksum"),
    ("CheckSum", "checksum"),
    ("Checksum", "checksum"),
    ("CHECKSUM", "checksum"),
];

const MAX_DEPTH: usize = 64;

struct Reader<'s> {
    src: &'s Source,
    chars: &'s [char],
    i: usize,
    defects: Vec<Defect>,
    whitespace_reported: bool,
}

/// What a step of the reader read; `None` when reading stopped, the `UNREADABLE` defect that
/// says why then the last of the reader's defects.
type Read<T> = Option<T>;

impl Reader<'_> {
    fn note(&mut self, code: DefectCode, at: usize, path: Option<&str>, said: Said) {
        let d = self.src.defect(code, at, path, said);
        self.defects.push(d);
    }

    /// Stop reading at `at`, saying why.
    fn unreadable<T>(&mut self, at: usize, said: Said) -> Read<T> {
        self.note(DefectCode::Unreadable, at, None, said);
        None
    }

    /// A stop at `at` that says only its phrase.
    fn stop<T>(&mut self, at: usize, phrase: Phrase) -> Read<T> {
        self.unreadable(at, Said::new(phrase))
    }

    /// A stop at `at` over the character found there.
    fn unexpected<T>(&mut self, at: usize, phrase: Phrase, c: char) -> Read<T> {
        self.unreadable(at, Said::new(phrase).quoted("value", c.encode_utf8(&mut [0; 4])))
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.i).copied()
    }

    fn peek_at(&self, k: usize) -> Option<char> {
        self.chars.get(self.i + k).copied()
    }

    fn skip_blank(&mut self) -> Read<()> {
        loop {
            match self.peek() {
                Some(' ' | '\t' | '\n' | '\r') => self.i += 1,
                Some(c) if c.is_whitespace() || c == '\u{FEFF}' => {
                    if !self.whitespace_reported {
                        self.whitespace_reported = true;
                        let said = Said::new(Phrase::NonstandardWhitespace).name("codePoint", &code_point(c));
                        self.note(DefectCode::NonstandardWhitespace, self.i, None, said);
                    }
                    self.i += 1;
                }
                Some('/') if self.peek_at(1) == Some('/') => {
                    self.note(DefectCode::Comment, self.i, None, Said::new(Phrase::LineComment));
                    while self.peek().is_some_and(|c| c != '\n') {
                        self.i += 1;
                    }
                }
                Some('/') if self.peek_at(1) == Some('*') => {
                    let start = self.i;
                    self.note(DefectCode::Comment, start, None, Said::new(Phrase::BlockComment));
                    self.i += 2;
                    loop {
                        match self.peek() {
                            None => return self.stop(start, Phrase::CommentNotClosed),
                            Some('*') if self.peek_at(1) == Some('/') => {
                                self.i += 2;
                                break;
                            }
                            _ => self.i += 1,
                        }
                    }
                }
                _ => return Some(()),
            }
        }
    }

    /// Whether position `at` is followed (after spaces and tabs) by a structural character,
    /// the end of a line or the end of the text: then a typographic quote there closes a string.
    fn closes_at(&self, at: usize) -> bool {
        let mut k = at + 1;
        while matches!(self.chars.get(k), Some(' ' | '\t' | '\r')) {
            k += 1;
        }
        matches!(self.chars.get(k), None | Some(',' | '}' | ']' | ':' | '\n'))
    }

    fn string(&mut self, path: Option<&str>) -> Read<String> {
        let start = self.i;
        let open = self.peek().unwrap_or('"');
        self.i += 1;
        let single = matches!(open, '\'' | '\u{2018}' | '\u{2019}');
        let mut out = String::new();
        let mut control_reported = false;
        loop {
            let at = self.i;
            let Some(c) = self.peek() else {
                return self.stop(start, Phrase::StringNotClosed);
            };
            self.i += 1;
            let closes = if single {
                c == '\'' || (matches!(c, '\u{2018}' | '\u{2019}') && self.closes_at(at))
            } else {
                c == '"' || (is_smart_quote(c) && !matches!(c, '\u{2018}' | '\u{2019}') && self.closes_at(at))
            };
            if closes {
                if open != '"' || c != '"' {
                    let said = if open == '\'' && c == '\'' {
                        Said::new(Phrase::SingleQuoted).quoted("value", &out)
                    } else {
                        Said::new(Phrase::OtherQuotes)
                            .quoted("value", &out)
                            .name("open", open.encode_utf8(&mut [0; 4]))
                            .name("close", c.encode_utf8(&mut [0; 4]))
                    };
                    let code = if single { DefectCode::SingleQuotes } else { DefectCode::SmartQuotes };
                    self.note(code, start, path, said);
                }
                return Some(out);
            }
            match c {
                '\\' => out.push(self.escape(at)?),
                c if u32::from(c) < 0x20 => {
                    if !control_reported {
                        control_reported = true;
                        let said = Said::new(Phrase::ControlInString).name("codePoint", &code_point(c));
                        self.note(DefectCode::ControlInString, at, path, said);
                    }
                    out.push(c);
                }
                c => out.push(c),
            }
        }
    }

    fn hex4(&mut self, at: usize) -> Read<u32> {
        let digits = self.src.text(self.i, self.i + 4);
        if digits.len() != 4 {
            return self.stop(at, Phrase::EscapeNeedsFourDigits);
        }
        self.i += 4;
        match u32::from_str_radix(&digits, 16) {
            Ok(v) => Some(v),
            Err(_) => self.stop(at, Phrase::EscapeNeedsFourDigits),
        }
    }

    fn escape(&mut self, at: usize) -> Read<char> {
        let Some(e) = self.peek() else { return self.stop(at, Phrase::EndsInBackslash) };
        self.i += 1;
        Some(match e {
            '"' => '"',
            '\\' => '\\',
            '/' => '/',
            '\'' => '\'',
            'b' => '\u{8}',
            'f' => '\u{c}',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'u' => {
                let hi = self.hex4(at)?;
                let code =
                    if (0xD800..0xDC00).contains(&hi) && self.peek() == Some('\\') && self.peek_at(1) == Some('u') {
                        self.i += 2;
                        let lo = self.hex4(at)?;
                        if !(0xDC00..0xE000).contains(&lo) {
                            return self.stop(at, Phrase::EscapeLoneSurrogate);
                        }
                        0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                    } else {
                        hi
                    };
                match char::from_u32(code) {
                    Some(c) => c,
                    None => return self.stop(at, Phrase::EscapeLoneSurrogate),
                }
            }
            other => {
                let said = Said::new(Phrase::NotAnEscape).name("escape", &format!("\\{other}"));
                return self.unreadable(at, said);
            }
        })
    }

    fn number(&mut self) -> Read<Value> {
        let start = self.i;
        while self.peek().is_some_and(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | 'e' | 'E')) {
            self.i += 1;
        }
        let text: String = self.chars[start..self.i].iter().collect();
        match text.parse::<Number>() {
            Ok(n) => Some(Value::Number(n)),
            Err(_) => self.unreadable(start, Said::new(Phrase::NotANumber).quoted("value", &text)),
        }
    }

    fn word(&mut self) -> String {
        let start = self.i;
        while self.peek().is_some_and(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '$')) {
            self.i += 1;
        }
        self.chars[start..self.i].iter().collect()
    }

    fn is_quote(c: char) -> bool {
        c == '"' || c == '\'' || is_smart_quote(c)
    }

    fn value(&mut self, path: &str, depth: usize) -> Read<Value> {
        if depth > MAX_DEPTH {
            return self.unreadable(self.i, Said::new(Phrase::TooDeep).number("max", MAX_DEPTH));
        }
        self.skip_blank()?;
        let at = self.i;
        match self.peek() {
            None => self.stop(at, Phrase::EndsBeforeValue),
            Some('{') => self.object(path, depth),
            Some('[') => self.array(path, depth),
            Some(c) if Self::is_quote(c) => self.string(Some(path)).map(Value::String),
            Some(c) if c == '-' || c.is_ascii_digit() => self.number(),
            Some(c) if c.is_alphabetic() => match self.word().as_str() {
                "true" => Some(Value::Bool(true)),
                "false" => Some(Value::Bool(false)),
                "null" => Some(Value::Null),
                w => self.unreadable(at, Said::new(Phrase::NotAJsonValue).quoted("value", w)),
            },
            Some(c) => self.unexpected(at, Phrase::CannotStartValue, c),
        }
    }

    /// After a member: `,` then more, the closing bracket, or a missing comma.
    fn separator(&mut self, close: char, what: Word) -> Read<bool> {
        let closing = |phrase| Said::new(phrase).name("close", close.encode_utf8(&mut [0; 4]));
        self.skip_blank()?;
        let at = self.i;
        match self.peek() {
            Some(',') => {
                self.i += 1;
                self.skip_blank()?;
                if self.peek() == Some(close) {
                    self.note(DefectCode::TrailingComma, at, None, closing(Phrase::TrailingComma));
                    self.i += 1;
                    return Some(false);
                }
                Some(true)
            }
            Some(c) if c == close => {
                self.i += 1;
                Some(false)
            }
            Some(c) if Self::is_quote(c) || c.is_alphanumeric() || c == '{' || c == '[' => {
                self.note(DefectCode::MissingComma, at, None, Said::new(Phrase::MissingComma).word("what", what));
                Some(true)
            }
            Some(c) => {
                self.unreadable(at, closing(Phrase::UnexpectedInList).quoted("value", c.encode_utf8(&mut [0; 4])))
            }
            None => self.unreadable(at, closing(Phrase::EndsBefore)),
        }
    }

    fn array(&mut self, path: &str, depth: usize) -> Read<Value> {
        self.i += 1;
        let mut out = Vec::new();
        self.skip_blank()?;
        if self.peek() == Some(']') {
            self.i += 1;
            return Some(Value::Array(out));
        }
        loop {
            out.push(self.value(&format!("{path}[{}]", out.len()), depth + 1)?);
            if !self.separator(']', Word::Items)? {
                return Some(Value::Array(out));
            }
        }
    }

    fn key(&mut self, path: &str) -> Read<(String, usize)> {
        self.skip_blank()?;
        let at = self.i;
        match self.peek() {
            Some(c) if Self::is_quote(c) => Some((self.string(None)?, at)),
            Some(c) if c.is_alphabetic() || c == '_' || c == '$' => {
                let w = self.word();
                self.note(
                    DefectCode::UnquotedKey,
                    at,
                    Some(&join_path(path, &w)),
                    Said::new(Phrase::UnquotedKey).name("key", &w),
                );
                Some((w, at))
            }
            Some(c) => self.unexpected(at, Phrase::UnexpectedKey, c),
            None => self.stop(at, Phrase::EndsBeforeKey),
        }
    }

    fn object(&mut self, path: &str, depth: usize) -> Read<Value> {
        self.i += 1;
        let mut map = Map::new();
        self.skip_blank()?;
        if self.peek() == Some('}') {
            self.i += 1;
            return Some(Value::Object(map));
        }
        loop {
            let (raw, at) = self.key(path)?;
            self.skip_blank()?;
            if self.peek() != Some(':') {
                return self.unreadable(self.i, Said::new(Phrase::ColonMissing).quoted("key", &raw));
            }
            self.i += 1;
            let mut key = raw.trim().to_owned();
            if key != raw {
                let said = Said::new(Phrase::KeyReadAs).quoted("key", &raw).quoted("meant", &key);
                self.note(DefectCode::KeyWhitespace, at, Some(&join_path(path, &key)), said);
            }
            if let Some(meant) = key_alias(&key) {
                alias_defect(&mut self.defects, self.src, at, &join_path(path, meant), &key, meant);
                key = meant.to_owned();
            }
            let full = join_path(path, &key);
            let value = self.value(&full, depth + 1)?;
            if map.insert(key.clone(), value).is_some() {
                duplicate_defect(&mut self.defects, self.src, at, &full, &key);
            }
            if !self.separator('}', Word::Members)? {
                return Some(Value::Object(map));
            }
        }
    }
}

/// A character as `U+00A0`.
fn code_point(c: char) -> String {
    code_points(c.encode_utf8(&mut [0; 4]))
}

/// The key a known misspelling means (`check-sum` is `checksum`), if `key` is one.
pub(crate) fn key_alias(key: &str) -> Option<&'static str> {
    KEY_ALIASES.iter().find(|(written, _)| *written == key).map(|(_, meant)| *meant)
}

/// Say in `defects` that a key was `written` as a known misspelling, read as `meant` (at `path`).
pub(crate) fn alias_defect(defects: &mut Vec<Defect>, src: &Source, at: usize, path: &str, written: &str, meant: &str) {
    let said = Said::new(Phrase::KeyReadAs).quoted("key", written).quoted("meant", meant);
    defects.push(src.defect(DefectCode::KeyAlias, at, Some(path), said));
}

/// Say in `defects` that a key was met again (at `path`): the last value is kept.
pub(crate) fn duplicate_defect(defects: &mut Vec<Defect>, src: &Source, at: usize, path: &str, key: &str) {
    let said = Said::new(Phrase::DuplicateKey).quoted("key", key);
    defects.push(src.defect(DefectCode::DuplicateKey, at, Some(path), said));
}

/// What the JSON reader made of a text from a position on.
pub(crate) struct Document {
    /// The value read, or `None` when it could not be read (an `UNREADABLE` defect says why).
    pub value: Option<Value>,
    /// Every repair, in the order met.
    pub defects: Vec<Defect>,
    /// Where text after the value starts, when there is some (a `TRAILING_TEXT` defect says so).
    pub trailing: Option<usize>,
}

/// Read one value of `src` from `at` (a byte-order mark there skipped): the value, or `None`
/// when reading stopped (the last of the repairs then says why), the position after it, and
/// the repairs met.
pub(crate) fn read_value(src: &Source, at: usize) -> (Option<Value>, usize, Vec<Defect>) {
    let mut r = Reader { src, chars: &src.chars, i: at, defects: Vec::new(), whitespace_reported: false };
    if r.peek() == Some('\u{FEFF}') {
        bom(&mut r.defects, src, at);
        r.i += 1;
    }
    let read = r.value("", 0);
    (read, r.i, r.defects)
}

/// Read `src` from `at` to its end as one JSON value, naming every repair and any text after it.
pub(crate) fn read_document(src: &Source, at: usize) -> Document {
    let (read, end, defects) = read_value(src, at);
    let mut r = Reader { src, chars: &src.chars, i: end, defects, whitespace_reported: false };
    let mut trailing = None;
    let value = read.and_then(|v| {
        r.skip_blank()?;
        if r.i < r.chars.len() {
            trailing = Some(r.i);
            trailing_text(&mut r.defects, src, r.i);
        }
        Some(v)
    });
    Document { value, defects: r.defects, trailing }
}

/// Say in `defects` that a byte-order mark at `at` was skipped.
pub(crate) fn bom(defects: &mut Vec<Defect>, src: &Source, at: usize) {
    defects.push(src.defect(DefectCode::Bom, at, None, Said::new(Phrase::Bom)));
}

/// Say in `defects` that text after the body, from `at`, was ignored.
pub(crate) fn trailing_text(defects: &mut Vec<Defect>, src: &Source, at: usize) {
    defects.push(src.defect(DefectCode::TrailingText, at, None, Said::new(Phrase::TrailingText)));
}

/// The defect of a body that is read but is no object.
pub(crate) fn not_an_object(value: &Value) -> Defect {
    Defect {
        code: DefectCode::Unreadable,
        said: Said::new(Phrase::BodyNotObject).word("got", kind_of(value)),
        path: None,
        line: None,
        column: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(p: &LooseParse) -> Vec<DefectCode> {
        p.defects.iter().map(|d| d.code).collect()
    }

    #[test]
    fn strict_json_has_no_defects() {
        let p = parse_loose(r#"{"a": "x\"y\u00e9", "b": [1, 2.5, -3], "c": {"d": null, "e": true}}"#);
        assert!(p.defects.is_empty(), "{:?}", p.defects);
        let expected: Value =
            serde_json::from_str(r#"{"a": "x\"yé", "b": [1, 2.5, -3], "c": {"d": null, "e": true}}"#).unwrap();
        assert_eq!(Value::Object(p.message.unwrap()), expected);
    }

    #[test]
    fn guide_result_example() {
        let text = "{\n    \"amount\": 40000,\n    \"orderId\": \"SBN_100012\",\n    \"orderInfo\": \"thanh toan tien dien thoai\",\n    \"payTransId\": \"1258485\",\n    \" payDate\":\" 20191212161254\u{201D},\n    \"paygate\":\"momo\u{201D},\n    \"errorCode\":\" 00\u{201D},\n   \"type\":\" pay\u{201D},\n\"check-sum\":\"3B2C7C400EB89625A82B9F92B82863F4E997A9DBDEA726AF7FBB4F2DBF6C2ABD \"\n }";
        let p = parse_loose(text);
        let m = p.message.clone().unwrap();
        assert_eq!(m["payDate"], " 20191212161254");
        assert_eq!(m["paygate"], "momo");
        assert_eq!(m["errorCode"], " 00");
        assert_eq!(m["type"], " pay");
        assert_eq!(m["checksum"], "3B2C7C400EB89625A82B9F92B82863F4E997A9DBDEA726AF7FBB4F2DBF6C2ABD ");
        let c = codes(&p);
        assert_eq!(c.iter().filter(|c| **c == DefectCode::SmartQuotes).count(), 4, "{c:?}");
        assert!(c.contains(&DefectCode::KeyWhitespace) && c.contains(&DefectCode::KeyAlias), "{c:?}");
        let ws = p.defects.iter().find(|d| d.code == DefectCode::KeyWhitespace).unwrap();
        assert_eq!((ws.line, ws.column, ws.path.as_deref()), (Some(6), Some(5), Some("payDate")));
    }

    #[test]
    fn trailing_commas_comments_single_quotes_unquoted_keys() {
        let p = parse_loose("// note\n{a: 'x', \"b\": [1,2,], /* c */ \"d\": 1,}");
        let m = p.message.clone().unwrap();
        assert_eq!(m["a"], "x");
        assert_eq!(m["b"], serde_json::json!([1, 2]));
        let c = codes(&p);
        for code in [DefectCode::Comment, DefectCode::UnquotedKey, DefectCode::SingleQuotes, DefectCode::TrailingComma]
        {
            assert!(c.contains(&code), "{code:?} not in {c:?}");
        }
    }

    #[test]
    fn typographic_quote_inside_a_value_is_kept() {
        let p = parse_loose("{\"orderInfo\": \"Thanh toán \u{201C}gói A\u{201D} tháng 5\"}");
        assert_eq!(p.message.unwrap()["orderInfo"], "Thanh toán \u{201C}gói A\u{201D} tháng 5");
        assert!(p.defects.is_empty());
    }

    #[test]
    fn unreadable_is_said_with_its_place() {
        let p = parse_loose("{\"a\": \"x\",\n \"b\" 1}");
        assert!(p.message.is_none());
        let d = p.defects.last().unwrap();
        assert_eq!((d.code, d.line), (DefectCode::Unreadable, Some(2)));
        assert!(parse_loose("[1]").message.is_none());
        assert!(parse_loose("").message.is_none());
        assert!(parse_loose(&"[".repeat(100_000)).message.is_none());
        let long = parse_loose(&format!("{{\"a\": {}}}", "x".repeat(100_000)));
        assert!(long.defects[0].message().len() < 200, "{}", long.defects[0].message().len());
    }

    #[test]
    fn lines_and_columns_stay_right_on_a_megabyte_of_defects() {
        // Line k (from 1) holds k % 7 spaces, then an unquoted key, then a value; every fifth
        // line has a CR before its newline, which counts as a column.
        let mut text = String::from("{\n");
        let mut expected = Vec::new();
        let mut k = 2;
        while text.len() < 1 << 20 {
            let pad = " ".repeat(k % 7);
            let cr = if k % 5 == 0 { "\r" } else { "" };
            text.push_str(&format!("{pad}k{k}: 'ệ{k}',{cr}\n"));
            expected.push((format!("k{k}"), k, k % 7 + 1));
            k += 1;
        }
        text.push('}');
        let p = parse_loose(&text);
        let keys: Vec<&Defect> = p.defects.iter().filter(|d| d.code == DefectCode::UnquotedKey).collect();
        assert_eq!(keys.len(), expected.len());
        for (d, (key, line, column)) in keys.iter().zip(&expected) {
            assert_eq!((d.path.as_deref(), d.line, d.column), (Some(key.as_str()), Some(*line), Some(*column)));
        }
        let quotes: Vec<&Defect> = p.defects.iter().filter(|d| d.code == DefectCode::SingleQuotes).collect();
        let (_, line, column) = &expected[expected.len() - 1];
        let last = quotes.last().unwrap();
        let key_len = format!("k{line}: ").chars().count();
        assert_eq!((last.line, last.column), (Some(*line), Some(column + key_len)));
        assert_eq!(p.defects.last().map(|d| d.code), Some(DefectCode::TrailingComma));
    }

    #[test]
    fn duplicates_and_missing_commas() {
        let p = parse_loose("{\"a\": 1\n \"a\": 2}");
        assert_eq!(p.message.unwrap()["a"], 2);
        assert_eq!(
            codes(&parse_loose("{\"a\": 1\n \"a\": 2}")),
            vec![DefectCode::MissingComma, DefectCode::DuplicateKey]
        );
    }
}
