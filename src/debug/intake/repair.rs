//! What the intake says of a paste, as data: each way of reading it is a repair with the values
//! its sentence quotes, and each reason it stops is a stop; the phrases, in English and
//! Vietnamese, are in `crate::phrases`.

use super::source::Source;
use crate::loose::{Defect, DefectCode};
use crate::said::{quoted, Arg, Phrase, Said};
use crate::text::first_chars;

/// A way of reading a paste, named in the notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repair<'a> {
    /// A raw HTTP request: its request line (`POST /paygate`).
    HttpRequest { request: &'a str },
    /// Header lines before the body, without a request line.
    HeaderLines,
    /// A curl command: its quoting (`bash`, `Windows cmd`) and the options the body comes from.
    CurlCommand { quoting: &'a str, data: &'a str },
    /// An `Authorization` header's token, kept apart from the message.
    Authorization,
    /// curl options that play no part in the body, as a list (`--location, --compressed`).
    IgnoredOptions { options: &'a str },
    /// The `Content-Type` and what the body was read as (`JSON`, `form`, `Java toString()`).
    ContentType { says: &'a str, read_as: &'a str },
    /// Form fields.
    FormFields,
    /// A Java `toString()` dump.
    JavaToString,
    /// An unquoted value read as a number.
    NumberGuessed { text: &'a str },
    /// Text before the body: its last characters.
    LogPrefix { prefix: &'a str },
    /// The member of the pasted object the message was read from.
    BodyInMember { path: &'a str },
    /// JSON written inside a JSON string.
    BodyInString,
    /// URL-encoded JSON.
    UrlEncodedBody,
}

/// Why nothing could be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop<'a> {
    /// A request with headers and no body.
    NoBody,
    /// A curl command without data.
    CurlNoData,
    /// curl data read from a file or standard input (`@body.json`, `@-`).
    CurlFile { arg: &'a str },
    /// `-G`: the data goes into the URL.
    CurlGet,
    /// `-F`: a multipart form.
    CurlForm,
    /// A shell quote never closed.
    Unclosed { quote: char },
    /// A Java dump where a `key=value` pair should be.
    DumpPair,
    /// A Java dump whose bracket never closes.
    DumpUnclosed { bracket: char },
}

impl Repair<'_> {
    /// Its code.
    pub fn code(&self) -> DefectCode {
        match self {
            Repair::HttpRequest { .. } => DefectCode::HttpRequest,
            Repair::HeaderLines => DefectCode::HeaderLines,
            Repair::CurlCommand { .. } => DefectCode::CurlCommand,
            Repair::Authorization => DefectCode::Authorization,
            Repair::IgnoredOptions { .. } => DefectCode::IgnoredOptions,
            Repair::ContentType { .. } => DefectCode::ContentType,
            Repair::FormFields => DefectCode::FormFields,
            Repair::JavaToString => DefectCode::JavaToString,
            Repair::NumberGuessed { .. } => DefectCode::NumberGuessed,
            Repair::LogPrefix { .. } => DefectCode::LogPrefix,
            Repair::BodyInMember { .. } => DefectCode::BodyInMember,
            Repair::BodyInString => DefectCode::BodyInString,
            Repair::UrlEncodedBody => DefectCode::UrlEncodedBody,
        }
    }

    /// What it says, with its values: its phrase, and the values from the paste it quotes.
    pub fn said(&self) -> Said {
        let none = ("", "");
        let (phrase, quoted) = match *self {
            Repair::HttpRequest { request } => (Phrase::ReadAsHttpRequest, [("request", request), none]),
            Repair::HeaderLines => (Phrase::ReadHeaderLines, [none, none]),
            Repair::CurlCommand { quoting, data } => (Phrase::ReadAsCurl, [("quoting", quoting), ("data", data)]),
            Repair::Authorization => (Phrase::AuthorizationKeptApart, [none, none]),
            Repair::IgnoredOptions { options } => {
                // The whole list, quoted: it is at most twelve names and a count.
                let mut list = String::new();
                crate::said::push_quoted(&mut list, options);
                return Said::new(Phrase::IgnoredCurlOptions).with("options", Arg::Name(list));
            }
            Repair::ContentType { says, read_as } => {
                (Phrase::ContentTypeDiffers, [("says", says), ("readAs", read_as)])
            }
            Repair::FormFields => (Phrase::ReadAsFormFields, [none, none]),
            Repair::JavaToString => (Phrase::ReadAsJavaDump, [none, none]),
            Repair::NumberGuessed { text } => (Phrase::NumberGuessed, [("value", text), none]),
            Repair::LogPrefix { prefix } => {
                return Said::new(Phrase::LogPrefixSkipped).with("prefix", Arg::Name(tail(prefix)));
            }
            Repair::BodyInMember { path } => (Phrase::BodyInMember, [("path", path), none]),
            Repair::BodyInString => (Phrase::BodyInString, [none, none]),
            Repair::UrlEncodedBody => (Phrase::UrlEncodedBody, [none, none]),
        };
        let mut said = Said::new(phrase);
        for (name, value) in quoted.into_iter().filter(|(name, _)| !name.is_empty()) {
            said = said.quoted(name, value);
        }
        said
    }
}

impl Stop<'_> {
    /// What it says, with its values.
    pub fn said(&self) -> Said {
        match *self {
            Stop::NoBody => Said::new(Phrase::RequestWithoutBody),
            Stop::CurlNoData => Said::new(Phrase::CurlWithoutData),
            Stop::CurlFile { arg } => Said::new(Phrase::CurlDataFromFile).quoted("arg", arg),
            Stop::CurlGet => Said::new(Phrase::CurlGet),
            Stop::CurlForm => Said::new(Phrase::CurlForm),
            Stop::Unclosed { quote } => {
                Said::new(Phrase::QuoteNeverClosed).name("quote", quote.encode_utf8(&mut [0; 4]))
            }
            Stop::DumpPair => Said::new(Phrase::DumpPairExpected),
            Stop::DumpUnclosed { bracket } => {
                Said::new(Phrase::DumpNeverClosed).name("bracket", bracket.encode_utf8(&mut [0; 4]))
            }
        }
    }
}

/// The last characters of `text`, quoted (`"…INFO body="`).
fn tail(text: &str) -> String {
    let count = text.chars().count();
    match count.checked_sub(40).filter(|skip| *skip > 0).and_then(|skip| first_chars(text, skip)) {
        Some(skipped) => {
            let mut out = String::from("\"…");
            for c in text.get(skipped.len()..).unwrap_or_default().escape_debug() {
                out.push(c);
            }
            out.push('"');
            out
        }
        None => quoted(text),
    }
}

/// The repair as a defect placed at `at`, added to `defects`.
pub fn note(defects: &mut Vec<Defect>, src: &Source, at: usize, path: Option<&str>, repair: Repair<'_>) {
    defects.push(src.defect(repair.code(), at, path, repair.said()));
}

/// The stop as an `UNREADABLE` defect placed at `at`, added to `defects`.
pub fn stop(defects: &mut Vec<Defect>, src: &Source, at: usize, why: Stop<'_>) {
    defects.push(src.defect(DefectCode::Unreadable, at, None, why.said()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_quote_their_values() {
        let r = Repair::CurlCommand { quoting: "bash", data: "--data-raw" };
        assert_eq!(r.said().en(), "read as a curl command in \"bash\" quoting: the body from \"--data-raw\"");
        let long = "2024-05-01 10:22:33.123 INFO [http-nio-8080-exec-1] c.e.PaymentController - body=";
        assert_eq!(
            Repair::LogPrefix { prefix: long }.said().en(),
            "the text before the body was skipped (\"…80-exec-1] c.e.PaymentController - body=\")"
        );
        assert_eq!(Repair::LogPrefix { prefix: "x=" }.said().en(), "the text before the body was skipped (\"x=\")");
        assert!(Stop::Unclosed { quote: '\'' }.said().en().contains("a ' quote"));
    }
}
