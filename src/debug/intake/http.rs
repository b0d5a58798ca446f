//! Raw HTTP requests, as a log, Fiddler or a browser's network tab copies them: a request line
//! (`POST /paygate HTTP/1.1`), header lines, a blank line, then the body. Header lines without a
//! request line are read the same way (an `Authorization:` line pasted above the JSON, HTTP/2's
//! `:method:` lines), and so are header lines pasted below the body.

use super::body::{self, Frame};
use super::repair::{note, stop, Repair, Stop};
use super::source::Source;
use super::{Found, Outcome};

/// The longest first line read as a request line or a header (a cookie header may be long).
const MAX_LINE: usize = 64 * 1024;

const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// Header names that open a pasted block of headers: the usual request headers, `X-…`, `Sec-…`
/// and HTTP/2's pseudo-headers (`:authority`).
const KNOWN: &[&str] = &[
    "accept",
    "accept-encoding",
    "accept-language",
    "authorization",
    "cache-control",
    "connection",
    "content-length",
    "content-type",
    "cookie",
    "host",
    "origin",
    "pragma",
    "proxy-authorization",
    "referer",
    "user-agent",
];

/// One header line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// The name as written.
    pub name: String,
    /// The value, trimmed.
    pub value: String,
    /// Where the line starts.
    pub start: usize,
    /// Where the next line starts (or the text's end).
    pub next: usize,
}

/// A request's head: its request line (`POST /paygate`) and where that line starts, its header
/// lines, and where its body starts.
#[derive(Debug)]
pub struct Head {
    request: Option<(String, usize)>,
    start: usize,
    headers: Vec<Header>,
    body: Option<usize>,
}

/// The line from `at`, without its line break, and where the next line starts.
fn line(src: &Source, at: usize) -> (String, usize) {
    let end = src.line_end(at);
    let text = src.text(at, end);
    (text.strip_suffix('\r').unwrap_or(&text).to_owned(), (end + 1).min(src.chars.len()))
}

/// `POST /path HTTP/1.1` (the version may be missing): `POST /path`.
fn request_line(text: &str) -> Option<String> {
    let mut parts = text.split(' ');
    let method = parts.next().filter(|m| METHODS.contains(m))?;
    let target = parts.next().filter(|t| !t.is_empty())?;
    // An absolute URL (as Fiddler shows it) is said by its path.
    let target = match target.split_once(':').and_then(|(_, rest)| rest.strip_prefix("//")) {
        Some(rest) => rest.find('/').and_then(|i| rest.get(i..)).unwrap_or("/"),
        None => target,
    };
    let version = match (parts.next(), parts.next()) {
        (None, _) => true,
        (Some(v), None) => v.starts_with("HTTP/"),
        _ => false,
    };
    version.then(|| format!("{method} {target}"))
}

/// `Name: value` (HTTP/2's `:name: value` too): the name and the value.
fn header_line(text: &str) -> Option<(&str, &str)> {
    let split = text.char_indices().skip(1).find(|(_, c)| *c == ':').map(|(i, _)| i)?;
    let (name, value) = (text.get(..split)?, text.get(split + 1..)?);
    let token = |c: char| {
        c.is_ascii_alphanumeric()
            || matches!(c, '!' | '#' | '$' | '%' | '&' | '\'' | '*' | '+' | '-' | '.' | '^' | '_' | '`' | '|' | '~')
    };
    let bare = name.strip_prefix(':').unwrap_or(name);
    (!bare.is_empty() && bare.chars().all(token)).then_some((name, value.trim()))
}

fn opens_block(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    KNOWN.contains(&lower.as_str()) || lower.starts_with("x-") || lower.starts_with("sec-") || lower.starts_with(':')
}

/// Header lines from `at` on, up to a blank line (then the body starts after it) or a line that
/// is no header (the body starts there).
fn headers(src: &Source, mut at: usize) -> (Vec<Header>, Option<usize>) {
    let mut out = Vec::new();
    while at < src.chars.len() {
        let (text, next) = line(src, at);
        if text.trim().is_empty() {
            return (out, Some(next).filter(|n| src.skip_blank(*n) < src.chars.len()));
        }
        match header_line(&text) {
            Some((name, value)) => out.push(Header { name: name.into(), value: value.into(), start: at, next }),
            None => return (out, Some(at)),
        }
        at = next;
    }
    (out, None)
}

/// The head of a request that starts at `at`, if the text there is one: a request line, or a
/// header line whose name opens a block of headers.
pub fn head(src: &Source, at: usize) -> Option<Head> {
    // A request line or a header is a line, not a megabyte: a long first line is a body.
    if src.line_end(at) - at > MAX_LINE {
        return None;
    }
    let (first, next) = line(src, at);
    if let Some(request) = request_line(&first) {
        let (headers, body) = headers(src, next);
        return Some(Head { request: Some((request, at)), start: at, headers, body });
    }
    let (name, _) = header_line(&first)?;
    if !opens_block(name) {
        return None;
    }
    let (headers, body) = headers(src, at);
    Some(Head { request: None, start: at, headers, body })
}

/// The first header named `name` (any case) with a value.
pub fn find<'h>(headers: &'h [Header], name: &str) -> Option<&'h Header> {
    headers.iter().find(|h| h.name.eq_ignore_ascii_case(name) && !h.value.is_empty())
}

/// The token an `Authorization` header line carries, and the line to take out of the paste.
pub fn authorization(src: &Source, headers: &[Header], out: &mut Outcome) {
    if let Some(h) = find(headers, "authorization") {
        note(&mut out.defects, src, h.start, None, Repair::Authorization);
        // The last line of the paste: take its line break before it instead.
        let (start, end) = if h.next >= src.chars.len() && !src.text(h.start, h.next).ends_with('\n') {
            (if h.start > 0 && src.at(h.start - 1) == Some('\n') { h.start - 1 } else { h.start }, h.next)
        } else {
            (h.start, h.next)
        };
        out.found = Some(Found { token: h.value.clone(), start, end });
    }
}

/// Read the request whose head is `head`.
pub fn read(src: &Source, head: Head, out: &mut Outcome) {
    let repair = match &head.request {
        Some((request, _)) => Repair::HttpRequest { request },
        None => Repair::HeaderLines,
    };
    note(&mut out.defects, src, head.start, None, repair);
    authorization(src, &head.headers, out);
    let Some(at) = head.body else {
        stop(&mut out.defects, src, head.start, Stop::NoBody);
        return;
    };
    let content_type = find(&head.headers, "content-type").map(|h| (h.value.clone(), h.start));
    // Header lines pasted above a body copied from elsewhere (a log line): read it as a paste.
    let top = head.request.is_none();
    body::read(src, at, Frame { content_type, top }, out);
}

/// Header lines that end the paste after its body (from `at`), if every line there is one.
pub fn trailing(src: &Source, at: usize) -> Option<Vec<Header>> {
    let (headers, body) = headers(src, at);
    (body.is_none() && !headers.is_empty()).then_some(headers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_and_header_lines() {
        assert_eq!(request_line("POST /api/paygate HTTP/1.1").as_deref(), Some("POST /api/paygate"));
        assert_eq!(request_line("POST https://x.vn/a/b?c=1").as_deref(), Some("POST /a/b?c=1"));
        assert_eq!(request_line("POST https://x.vn").as_deref(), Some("POST /"));
        assert_eq!(request_line("POST /a b c"), None);
        assert_eq!(request_line("post /a"), None);
        assert_eq!(header_line("Authorization:  abc "), Some(("Authorization", "abc")));
        assert_eq!(header_line(":authority: x.vn"), Some((":authority", "x.vn")));
        assert_eq!(header_line("\"a\": 1"), None);
        assert_eq!(header_line("2024-05-01 10:22:33 INFO x"), None);
        assert!(head(&Source::new("partnerCode: 1\n{}"), 0).is_none(), "not a known header");
    }

    #[test]
    fn the_head_ends_at_a_blank_line_or_the_first_line_that_is_no_header() {
        let src = Source::new("POST /p HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\r\n{\"a\":1}");
        let h = head(&src, 0).unwrap();
        assert_eq!(h.headers.len(), 2);
        assert_eq!(h.body, Some(src.text(0, 100).find('{').unwrap()));
        let src = Source::new("Authorization: abc\n{\"a\":1}");
        let h = head(&src, 0).unwrap();
        assert_eq!((h.request.is_none(), h.headers.len(), h.body), (true, 1, Some(19)));
        let src = Source::new("POST /p HTTP/1.1\nHost: x\n\n  \n");
        assert_eq!(head(&src, 0).unwrap().body, None);
    }
}
