//! What the intake says of a paste, as data: each way of reading it is a repair with the values
//! its sentence quotes, and each reason it stops is a stop. One function writes every English
//! sentence; the page renders Vietnamese from the same code and quoted values.

use super::source::Source;
use crate::loose::{Defect, DefectCode};
use crate::validate::quoted;

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

    /// Its English sentence.
    pub fn sentence(&self) -> String {
        match *self {
            Repair::HttpRequest { request } => {
                format!("read as an HTTP request ({}): the body after its headers", quoted(request))
            }
            Repair::HeaderLines => "read the header lines before the body apart from it".into(),
            Repair::CurlCommand { quoting, data } => {
                format!("read as a curl command in {} quoting: the body from {}", quoted(quoting), quoted(data))
            }
            Repair::Authorization => {
                "the token of the Authorization header is kept apart from the message, for the credentials".into()
            }
            Repair::IgnoredOptions { options } => {
                format!("curl options that play no part in the body were skipped: {options:?}")
            }
            Repair::ContentType { says, read_as } => {
                format!("the Content-Type says {}, but the body is read as {}", quoted(says), quoted(read_as))
            }
            Repair::FormFields => {
                "read as form fields (name=value&…): names and values percent-decoded, + read as a space".into()
            }
            Repair::JavaToString => {
                "read as a Java toString() dump ({key=value, …}): its values have no quotes, so their types are guessed"
                    .into()
            }
            Repair::NumberGuessed { text } => {
                format!("{} is read as a number: an integer field written in digits, with no type given", quoted(text))
            }
            Repair::LogPrefix { prefix } => format!("the text before the body was skipped ({})", tail(prefix)),
            Repair::BodyInMember { path } => {
                format!("the message is read from the member {} of the pasted object", quoted(path))
            }
            Repair::BodyInString => "the message is read from JSON written inside a string, unescaped once".into(),
            Repair::UrlEncodedBody => "the body is URL-encoded JSON: read once decoded".into(),
        }
    }
}

impl Stop<'_> {
    /// Its English sentence.
    pub fn sentence(&self) -> String {
        match *self {
            Stop::NoBody => "the request has no body after its headers".into(),
            Stop::CurlNoData => {
                "the curl command sends no body (no -d, --data, --data-raw, --data-binary, --data-urlencode or --json)"
                    .into()
            }
            Stop::CurlFile { arg } => {
                format!("the body is read from a file or standard input ({}): paste its content instead", quoted(arg))
            }
            Stop::CurlGet => "with -G (--get) curl sends the data in the URL's query, not as the body".into(),
            Stop::CurlForm => "a multipart form (-F, --form) is not read: paste the JSON body".into(),
            Stop::Unclosed { quote } => format!("a {quote} quote is never closed"),
            Stop::DumpPair => "a key=value pair should be here".into(),
            Stop::DumpUnclosed { bracket } => format!("the dump's {bracket} is never closed"),
        }
    }
}

/// The last characters of `text`, quoted (`"…INFO body="`).
fn tail(text: &str) -> String {
    let count = text.chars().count();
    match count.checked_sub(40).filter(|skip| *skip > 0) {
        Some(skip) => format!("\"…{}\"", text.chars().skip(skip).collect::<String>().escape_debug()),
        None => quoted(text),
    }
}

/// The repair as a defect placed at `at`.
pub fn note(src: &Source, at: usize, path: Option<&str>, repair: Repair<'_>) -> Defect {
    src.defect(repair.code(), at, path, repair.sentence())
}

/// The stop as an `UNREADABLE` defect placed at `at`.
pub fn stop(src: &Source, at: usize, why: Stop<'_>) -> Defect {
    src.defect(DefectCode::Unreadable, at, None, why.sentence())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_quote_their_values() {
        let r = Repair::CurlCommand { quoting: "bash", data: "--data-raw" };
        assert_eq!(r.sentence(), "read as a curl command in \"bash\" quoting: the body from \"--data-raw\"");
        let long = "2024-05-01 10:22:33.123 INFO [http-nio-8080-exec-1] c.e.PaymentController - body=";
        assert_eq!(
            Repair::LogPrefix { prefix: long }.sentence(),
            "the text before the body was skipped (\"…80-exec-1] c.e.PaymentController - body=\")"
        );
        assert_eq!(Repair::LogPrefix { prefix: "x=" }.sentence(), "the text before the body was skipped (\"x=\")");
        assert!(Stop::Unclosed { quote: '\'' }.sentence().contains("a ' quote"));
    }
}
