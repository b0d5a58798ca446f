//! What the crate says, as data: every problem, repair and error is a [`Said`], a [`Phrase`]
//! with its values typed ([`Arg`]), rendered in English and Vietnamese from the templates of
//! [`crate::phrases`]. A message is never parsed back to translate it: the values travel as
//! `params`, and both languages are rendered here, in one place.

use serde::ser::{SerializeMap, SerializeStruct};
use serde::{Serialize, Serializer};
use serde_json::Number;

pub use crate::phrases::{Phrase, Word};

/// A sentence in English and Vietnamese.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sentence {
    /// English.
    pub en: String,
    /// Vietnamese.
    pub vi: String,
}

impl Sentence {
    /// A sentence from its English and Vietnamese text.
    pub fn new(en: impl Into<String>, vi: impl Into<String>) -> Self {
        Sentence { en: en.into(), vi: vi.into() }
    }
}

/// A language the crate speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En = 0,
    /// Vietnamese.
    Vi = 1,
}

/// How many characters of a value a sentence quotes.
const QUOTED_CHARS: usize = 40;

/// One value a sentence says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// A name shown as it is: a field, a key, a path, a scheme id, a code, a list of names.
    Name(String),
    /// A value from the input, shown in double quotes (JSON-style escapes), cut to 40
    /// characters (`cut` then, and an ellipsis follows).
    Quoted {
        /// The text shown.
        text: String,
        /// Whether `text` is the start of a longer value.
        cut: bool,
    },
    /// A number.
    Number(Number),
    /// A word said in each language (a JSON type, what a text is).
    Word(Word),
    /// Other sentences, joined by `; ` (the problems behind an invalid request).
    Said(Vec<Said>),
}

impl Arg {
    /// A value from the input, quoted (never used for secrets).
    pub fn quoted(s: &str) -> Arg {
        match crate::text::first_chars(s, QUOTED_CHARS) {
            Some(start) => Arg::Quoted { text: start.to_owned(), cut: true },
            None => Arg::Quoted { text: s.to_owned(), cut: false },
        }
    }

    /// The value as a sentence in `lang` shows it.
    pub fn text(&self, lang: Lang) -> String {
        let mut out = String::new();
        self.render(lang, &mut out);
        out
    }

    fn render(&self, lang: Lang, out: &mut String) {
        match self {
            Arg::Name(s) => out.push_str(s),
            Arg::Quoted { text, cut } => {
                push_quoted(out, text);
                if *cut {
                    out.push('…');
                }
            }
            Arg::Number(n) => out.push_str(&n.to_string()),
            Arg::Word(w) => out.push_str(w.text(lang)),
            Arg::Said(list) => {
                for (i, said) in list.iter().enumerate() {
                    if i > 0 {
                        out.push_str("; ");
                    }
                    out.push_str(&said.render(lang));
                }
            }
        }
    }
}

/// What was said: a phrase and its values by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    /// The phrase.
    pub phrase: Phrase,
    /// Its values, by the names its templates use.
    pub args: Vec<(&'static str, Arg)>,
}

impl Said {
    /// A phrase with no values yet.
    pub fn new(phrase: Phrase) -> Self {
        Said { phrase, args: Vec::new() }
    }

    /// With a value.
    pub fn with(mut self, name: &'static str, arg: Arg) -> Self {
        self.args.push((name, arg));
        self
    }

    /// With a name shown as it is (`field`, `path`, `scheme`…).
    pub fn name(self, name: &'static str, value: &str) -> Self {
        self.with(name, Arg::Name(value.to_owned()))
    }

    /// With a value from the input, quoted.
    pub fn quoted(self, name: &'static str, value: &str) -> Self {
        self.with(name, Arg::quoted(value))
    }

    /// With a number.
    pub fn number(self, name: &'static str, value: impl Into<Number>) -> Self {
        self.with(name, Arg::Number(value.into()))
    }

    /// With a word said in each language.
    pub fn word(self, name: &'static str, value: Word) -> Self {
        self.with(name, Arg::Word(value))
    }

    /// The value named `name`.
    pub fn arg(&self, name: &str) -> Option<&Arg> {
        self.args.iter().find(|(n, _)| *n == name).map(|(_, a)| a)
    }

    /// The sentence in `lang`: the phrase's template, each `{name}` replaced by its value.
    pub fn render(&self, lang: Lang) -> String {
        fill(self.phrase.templates()[lang as usize], &mut |name, out| match self.arg(name) {
            Some(arg) => {
                arg.render(lang, out);
                true
            }
            None => false,
        })
    }

    /// The English sentence.
    pub fn en(&self) -> String {
        self.render(Lang::En)
    }

    /// Both sentences.
    pub fn sentence(&self) -> Sentence {
        Sentence { en: self.render(Lang::En), vi: self.render(Lang::Vi) }
    }

    /// Write `message` (English), `params` and `text` (`{en, vi}`) into a struct being serialized.
    pub(crate) fn serialize_fields<S: SerializeStruct>(&self, s: &mut S) -> Result<(), S::Error> {
        let text = self.sentence();
        s.serialize_field("message", &text.en)?;
        s.serialize_field("params", &Params(self))?;
        s.serialize_field("text", &text)
    }

    /// The values as a JSON object: names and quoted values as strings, numbers as numbers,
    /// words by their id; nested sentences are left out (they travel on their own).
    pub fn params(&self) -> Params<'_> {
        Params(self)
    }
}

/// A [`Said`]'s values, serialized as an object.
pub struct Params<'a>(&'a Said);

impl Serialize for Params<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for (name, arg) in &self.0.args {
            match arg {
                Arg::Name(s) => map.serialize_entry(name, s)?,
                Arg::Quoted { text, cut: false } => map.serialize_entry(name, text)?,
                Arg::Quoted { text, cut: true } => map.serialize_entry(name, &format!("{text}…"))?,
                Arg::Number(n) => map.serialize_entry(name, n)?,
                Arg::Word(w) => map.serialize_entry(name, w.id())?,
                Arg::Said(_) => {}
            }
        }
        map.end()
    }
}

/// `template` with each `{name}` (letters and digits) replaced by what `value` writes for it;
/// `value` says `false`, writing nothing, for a name it does not know, and the `{` stays. The one
/// template filler of the crate: phrases' and the diagnosis's sentences
/// ([`crate::debug::mistakes::say`]). A `dyn` callback, so that it is compiled once.
pub(crate) fn fill(template: &str, value: &mut dyn FnMut(&str, &mut String) -> bool) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let name_len = after.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(after.len());
        if after[name_len..].starts_with('}') && value(&after[..name_len], &mut out) {
            rest = &after[name_len + 1..];
        } else {
            out.push('{');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// `text` in double quotes, escaped as Rust's `Debug` of a string escapes it (`\"`, `\\`, `\n`,
/// `\u{200b}`…), character by character: `format!("{text:?}")` would link the formatting
/// machinery's string escaper (1 KB of the gzipped WebAssembly core) for the same text.
pub fn push_quoted(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        // A string's `Debug` leaves `'` as it is; a character's escapes it.
        if c == '\'' {
            out.push(c);
        } else {
            out.extend(c.escape_debug());
        }
    }
    out.push('"');
}

/// A value as sentences quote it: in double quotes, cut to 40 characters (never for secrets).
pub fn quoted(s: &str) -> String {
    Arg::quoted(s).text(Lang::En)
}

/// The word for a JSON value's type (`a string`, `một chuỗi`).
pub fn kind_of(value: &serde_json::Value) -> Word {
    use serde_json::Value;
    match value {
        Value::Null => Word::Null,
        Value::Bool(_) => Word::Boolean,
        Value::Number(n) if n.is_f64() => Word::NonInteger,
        Value::Number(_) => Word::Integer,
        Value::String(_) => Word::String,
        Value::Array(_) => Word::Array,
        Value::Object(_) => Word::Object,
    }
}

/// A JSON value as a sentence quotes it: a string quoted, a number as it is, anything else by
/// its type, and `nothing` when absent.
pub fn value_arg(value: Option<&serde_json::Value>) -> Arg {
    match value {
        Some(serde_json::Value::String(s)) => Arg::quoted(s),
        Some(serde_json::Value::Number(n)) => Arg::Number(n.clone()),
        Some(other) => Arg::Word(kind_of(other)),
        None => Arg::Word(Word::Nothing),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_quoted_as_debug_quotes_a_string() {
        let texts = [
            "",
            "plain",
            "say \"hi\"",
            "it's",
            "a\\b",
            "tab\tline\nreturn\r nul\0",
            "\u{7f}\u{1b}[0m",
            "zero\u{200b}width\u{feff}bom\u{ad}",
            "e\u{301} and \u{301}e",
            "Điện nước, tháng 12 — “quoted” ‘single’",
            "\u{10ffff}\u{e000}\u{fffd}",
            "emoji 😀 and flags 🇻🇳",
        ];
        for text in texts {
            let mut out = String::new();
            push_quoted(&mut out, text);
            assert_eq!(out, format!("{text:?}"));
        }
        for c in (0..0x3000u32).chain(0xFE00..0x10000).chain(0x1F000..0x1F700).filter_map(char::from_u32) {
            let text = format!("a{c}b{c}");
            let mut out = String::new();
            push_quoted(&mut out, &text);
            assert_eq!(out, format!("{text:?}"), "U+{:04X}", u32::from(c));
        }
    }
}
