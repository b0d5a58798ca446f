//! curl commands, as Postman's code view and the browsers' "Copy as cURL" write them, in bash or
//! Windows cmd quoting: the body from the data options, exactly as curl builds it, the
//! `Content-Type` and `Authorization` headers from `-H`, every other option skipped by name.
//!
//! The data options, as curl reads them: `-d`/`--data`/`--data-ascii` and `--data-binary` send
//! their text, or the file named after `@`; `--data-raw` sends its text, `@` included;
//! `--data-urlencode` sends `content`, `=content`, `name=content` (the content URL-encoded, the
//! name as it is) or reads `@file`/`name@file`; `--json` is `--data-binary` with a JSON
//! `Content-Type`. Several pieces are joined by `&` (`--json` pieces follow each other as they
//! are). Without a `Content-Type` header, curl sends `application/x-www-form-urlencoded`.

use super::body::{self, Frame};
use super::repair::{note, stop, Repair, Stop};
use super::shell::{split, Dialect, Word};
use super::source::Source;
use super::{Found, Outcome};
use crate::debug::url_encoding::UrlEncoder;
use crate::loose::{trailing_text, DefectCode};

/// What an option does with its argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Does {
    /// `-d`, `--data`, `--data-ascii`, `--data-binary`: text, or `@file`.
    Data,
    /// `--data-raw`: text, `@` included.
    Raw,
    /// `--data-urlencode`.
    UrlEncode,
    /// `--json`.
    Json,
    /// `-H`, `--header`.
    Header,
    /// `--url`.
    Url,
    /// `--oauth2-bearer`: an `Authorization: Bearer` header.
    Bearer,
    /// `-F`, `--form`, `--form-string`: a multipart body.
    Form,
    /// `-G`, `--get`: the data goes into the URL.
    Get,
    /// Takes an argument that plays no part in the body (`-X`, `-o`, `-u`…).
    Skip,
}

/// Options that matter or have a short letter, by long name, with that letter; all but `-G`
/// take an argument ([`SKIPPED`] lists the other options that do). Every option not listed in
/// either is a flag that plays no part in the body (`--location`, `--compressed`, `-k`…).
const TAKES: &[(&str, Option<char>, Does)] = &[
    ("get", Some('G'), Does::Get),
    ("data", Some('d'), Does::Data),
    ("data-ascii", None, Does::Data),
    ("data-binary", None, Does::Data),
    ("data-raw", None, Does::Raw),
    ("data-urlencode", None, Does::UrlEncode),
    ("json", None, Does::Json),
    ("header", Some('H'), Does::Header),
    ("url", None, Does::Url),
    ("oauth2-bearer", None, Does::Bearer),
    ("form", Some('F'), Does::Form),
    ("form-string", None, Does::Form),
    ("request", Some('X'), Does::Skip),
    ("user", Some('u'), Does::Skip),
    ("user-agent", Some('A'), Does::Skip),
    ("referer", Some('e'), Does::Skip),
    ("cookie", Some('b'), Does::Skip),
    ("cookie-jar", Some('c'), Does::Skip),
    ("output", Some('o'), Does::Skip),
    ("max-time", Some('m'), Does::Skip),
    ("proxy", Some('x'), Does::Skip),
    ("proxy-user", Some('U'), Does::Skip),
    ("write-out", Some('w'), Does::Skip),
    ("cert", Some('E'), Does::Skip),
    ("config", Some('K'), Does::Skip),
    ("continue-at", Some('C'), Does::Skip),
    ("dump-header", Some('D'), Does::Skip),
    ("range", Some('r'), Does::Skip),
    ("upload-file", Some('T'), Does::Skip),
    ("time-cond", Some('z'), Does::Skip),
    ("speed-limit", Some('Y'), Does::Skip),
    ("speed-time", Some('y'), Does::Skip),
    ("quote", Some('Q'), Does::Skip),
    ("ftp-port", Some('P'), Does::Skip),
    ("telnet-option", Some('t'), Does::Skip),
];

/// Long options without a short letter that take an argument playing no part in the body, as
/// one list (a table of them would be a pointer per name).
const SKIPPED: &str = concat!(
    "cacert capath cert-type ciphers connect-timeout connect-to create-file-mode crlfile ",
    "dns-servers doh-url expect100-timeout happy-eyeballs-timeout-ms hsts interface ",
    "keepalive-time key key-type limit-rate local-port max-filesize max-redirs ",
    "netrc-file noproxy output-dir pass pinnedpubkey proto proto-default proto-redir ",
    "proxy-header rate request-target resolve retry retry-delay retry-max-time stderr ",
    "tls-max tls13-ciphers trace trace-ascii unix-socket url-query variable aws-sigv4",
);

/// Where a curl command starts at `at` (after a `$ ` prompt): the word `curl` or `curl.exe`,
/// a path to one included.
pub fn command(src: &Source, at: usize) -> Option<usize> {
    let at = if src.at(at) == Some('$') && src.at(at + 1) == Some(' ') { src.skip_blank(at + 1) } else { at };
    let mut end = at;
    while src.at(end).is_some_and(|c| !c.is_whitespace()) {
        end += 1;
    }
    let word = src.text(at, end).to_ascii_lowercase();
    // The last part of a path: what a separator, or nothing, comes before.
    let named =
        |name| word.strip_suffix(name).is_some_and(|b: &str| b.is_empty() || b.ends_with('/') || b.ends_with('\\'));
    (named("curl") || named("curl.exe")).then_some(at)
}

/// The body so far: its text, where each character was written (empty once a piece has none),
/// and the options it came from.
#[derive(Default)]
struct Data {
    text: String,
    map: Vec<usize>,
    mapped: bool,
    options: Vec<String>,
    last_json: bool,
}

impl Data {
    fn add(&mut self, option: &str, piece: &str, map: Option<&[usize]>, at: usize, json: bool) {
        let first = self.options.is_empty();
        self.mapped = if first { map.is_some() } else { self.mapped && map.is_some() };
        // Pieces are joined by &, but --json pieces follow each other as they are.
        let follows = json && self.last_json;
        if !first && !follows {
            self.text.push('&');
            self.map.push(at);
        }
        self.text.push_str(piece);
        self.map.extend(map.unwrap_or_default());
        if !self.options.iter().any(|o| o == option) {
            self.options.push(option.to_owned());
        }
        self.last_json = json;
    }
}

/// The URL-encoding curl's `--data-urlencode` applies: letters, digits and `-._~` kept, a space
/// as `+`, every other byte `%XX`.
const CURL_ESCAPE: UrlEncoder =
    UrlEncoder { call: "--data-urlencode", language: "curl", keeps: "-._~", space_as_plus: true, lowercase_hex: false };

/// The cut that takes a `-H` argument out of the paste: from the option to the next word, or,
/// when it ends the command, from the end of the previous word (its line continuation too).
fn cut(src: &Source, start: usize, end: usize) -> (usize, usize) {
    let mut k = end;
    while matches!(src.at(k), Some(' ' | '\t')) {
        k += 1;
    }
    let continued = matches!(src.at(k), Some('\\' | '^'))
        && (src.at(k + 1) == Some('\n') || (src.at(k + 1) == Some('\r') && src.at(k + 2) == Some('\n')));
    if continued {
        k = src.line_end(k) + 1;
        while matches!(src.at(k), Some(' ' | '\t')) {
            k += 1;
        }
        return (start, k);
    }
    if src.at(k).is_some_and(|c| c != '\n' && c != '\r') {
        return (start, k);
    }
    // The command's last argument: take the white space and line continuation before it.
    let mut s = start;
    while s > 0 && matches!(src.at(s - 1), Some(' ' | '\t')) {
        s -= 1;
    }
    if s > 0 && src.at(s - 1) == Some('\n') {
        let mut p = s - 1;
        if p > 0 && src.at(p - 1) == Some('\r') {
            p -= 1;
        }
        if p > 0 && matches!(src.at(p - 1), Some('\\' | '^')) {
            s = p - 1;
            while s > 0 && matches!(src.at(s - 1), Some(' ' | '\t')) {
                s -= 1;
            }
        }
    }
    (s, end)
}

/// One option as written: its name, what it does (`None`: a flag), and its argument when it is
/// attached to the name (`-XPOST`, `-d'…'`), with where each character was written.
struct Opt<'w> {
    name: String,
    does: Option<Does>,
    attached: Option<(&'w str, &'w [usize])>,
}

/// The options skipped, each named once in the order met, and where the first was written.
#[derive(Default)]
struct Ignored {
    names: Vec<String>,
    at: Option<usize>,
}

impl Ignored {
    fn add(&mut self, name: String, at: usize) {
        self.at.get_or_insert(at);
        if !self.names.contains(&name) {
            self.names.push(name);
        }
    }
}

/// A short option's name: `-` and its letter.
fn short(c: char) -> String {
    let mut name = String::from("-");
    name.push(c);
    name
}

/// The option a word holds: a long one, or a cluster of short letters whose last may take an
/// argument (the flags before it are `ignored`, a `-G` among them halts). `None` when the
/// cluster is all flags.
fn option<'w>(word: &'w Word, ignored: &mut Ignored, halted: &mut Option<(usize, Stop<'w>)>) -> Option<Opt<'w>> {
    let text = word.text.as_str();
    if let Some(long) = text.strip_prefix("--") {
        let does = TAKES.iter().find(|(l, _, _)| *l == long).map(|(_, _, d)| *d);
        let does = does.or_else(|| SKIPPED.split(' ').any(|n| n == long).then_some(Does::Skip));
        return Some(Opt { name: text.to_owned(), does, attached: None });
    }
    let mut letters = text.chars();
    letters.next(); // the -
    let mut i = 1;
    while let Some(c) = letters.next() {
        i += 1;
        match TAKES.iter().find(|(_, s, _)| *s == Some(c)) {
            Some((_, _, Does::Get)) => {
                halted.get_or_insert((word.start, Stop::CurlGet));
            }
            Some((_, _, d)) => {
                let rest = letters.as_str();
                let attached = (!rest.is_empty()).then(|| (rest, word.map.get(i..).unwrap_or_default()));
                return Some(Opt { name: short(c), does: Some(*d), attached });
            }
            None => ignored.add(short(c), word.start),
        }
    }
    None
}

/// Read the curl command that starts at `at`.
pub fn read(src: &Source, at: usize, out: &mut Outcome) {
    let first = out.defects.len();
    let dialect = Dialect::of(src, at);
    let command = match split(src, at, dialect) {
        Ok(c) => c,
        Err(e) => return stop(&mut out.defects, src, e.at, Stop::Unclosed { quote: e.quote }),
    };
    let words = command.words.get(1..).unwrap_or_default();
    let mut data = Data::default();
    let mut content_type: Option<(&str, usize)> = None;
    let mut json = false;
    let mut ignored = Ignored::default();
    let mut halted: Option<(usize, Stop<'_>)> = None;
    let mut k = 0;
    let mut options_done = false;
    while let Some(word) = words.get(k) {
        k += 1;
        let text = word.text.as_str();
        if options_done || !text.starts_with('-') || text == "-" {
            continue; // the URL (or a stray word): no part of the body
        }
        if text == "--" {
            options_done = true;
            continue;
        }
        let Some(Opt { name, does, attached }) = option(word, &mut ignored, &mut halted) else { continue };
        let Some(does) = does else {
            ignored.add(name, word.start);
            continue;
        };
        if does == Does::Get {
            halted.get_or_insert((word.start, Stop::CurlGet));
            continue;
        }
        // The argument: the rest of the word, or the next word.
        let (arg, arg_map, arg_end): (&str, &[usize], usize) = match attached {
            Some((text, map)) => (text, map, word.end),
            None => match words.get(k) {
                Some(next) => {
                    k += 1;
                    (&next.text, &next.map, next.end)
                }
                None => ("", &[], word.end),
            },
        };
        let mut token = None;
        match does {
            Does::Data | Does::Json if arg.starts_with('@') => {
                halted.get_or_insert((word.start, Stop::CurlFile { arg }));
            }
            Does::Data | Does::Raw => data.add(&name, arg, Some(arg_map), word.start, false),
            Does::Json => {
                json = true;
                data.add(&name, arg, Some(arg_map), word.start, true);
            }
            // content, =content, name=content (the content encoded), @file, name@file.
            Does::UrlEncode => match arg.split_once('=') {
                Some((n, content)) => {
                    let piece = if n.is_empty() { String::new() } else { format!("{n}=") };
                    data.add(&name, &(piece + &CURL_ESCAPE.encode(content)), None, word.start, false);
                }
                None if arg.contains('@') => {
                    halted.get_or_insert((word.start, Stop::CurlFile { arg }));
                }
                None => data.add(&name, &CURL_ESCAPE.encode(arg), None, word.start, false),
            },
            Does::Header => {
                let (header, value) = arg.split_once(':').unwrap_or((arg, ""));
                let (header, value) = (header.trim(), value.trim());
                if header.eq_ignore_ascii_case("content-type") {
                    content_type = Some((value, word.start));
                } else if header.eq_ignore_ascii_case("authorization") && !value.is_empty() {
                    token = Some(value);
                }
            }
            Does::Bearer => token = Some(arg.trim()),
            Does::Form => {
                halted.get_or_insert((word.start, Stop::CurlForm));
            }
            Does::Skip => ignored.add(name, word.start),
            Does::Url | Does::Get => {}
        }
        if let Some(token) = token.filter(|_| out.found.is_none()) {
            note(&mut out.defects, src, word.start, None, Repair::Authorization);
            let (start, end) = cut(src, word.start, arg_end);
            out.found = Some(Found { token: token.to_owned(), start, end });
        }
    }
    if !ignored.names.is_empty() {
        // A dozen at most.
        let mut options = String::new();
        for name in ignored.names.iter().take(12) {
            if !options.is_empty() {
                options.push_str(", ");
            }
            options.push_str(name);
        }
        let more = ignored.names.len().saturating_sub(12);
        if more > 0 {
            options.push_str(&format!(" and {more} more"));
        }
        note(&mut out.defects, src, ignored.at.unwrap_or(at), None, Repair::IgnoredOptions { options: &options });
    }
    if let Some(rest) = command.rest {
        trailing_text(&mut out.defects, src, rest);
    }
    if let Some((place, why)) = halted {
        return stop(&mut out.defects, src, place, why);
    }
    if data.options.is_empty() {
        return stop(&mut out.defects, src, at, Stop::CurlNoData);
    }
    let options = data.options.join(", ");
    // The way of reading comes first in the notes.
    let repair = Repair::CurlCommand { quoting: dialect.name(), data: &options };
    out.defects.insert(first, src.defect(repair.code(), at, None, repair.said()));
    let (content_type, type_at) =
        content_type.unwrap_or((if json { "application/json" } else { "application/x-www-form-urlencoded" }, at));
    // Read the body as its own text, then place what is said of it where it was written.
    let body = Source::new(&data.text);
    let mut inner = Outcome::default();
    body::read(&body, 0, Frame { content_type: Some((content_type.to_owned(), 0)), top: false }, &mut inner);
    let mapped = data.mapped && data.map.len() == body.chars.len();
    for mut d in inner.defects {
        let place = d.line.zip(d.column).map(|(l, c)| body.index(l, c)).and_then(|i| data.map.get(i).copied());
        let (line, column) = match place {
            _ if d.code == DefectCode::ContentType => src.position(type_at),
            Some(i) if mapped => src.position(i),
            _ => src.position(at),
        };
        if d.line.is_some() {
            (d.line, d.column) = (Some(line), Some(column));
        }
        out.defects.push(d);
    }
    out.message = inner.message;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_text(text: &str) -> Outcome {
        let src = Source::new(text);
        let mut out = Outcome::default();
        read(&src, command(&src, 0).expect("a curl command"), &mut out);
        out
    }

    fn codes(out: &Outcome) -> Vec<DefectCode> {
        out.defects.iter().map(|d| d.code).collect()
    }

    #[test]
    fn data_options_build_the_body_as_curl_does() {
        let o = read_text("curl -d a=1 --data-ascii b=2 --data-binary 'c=3' --data-raw '@d=4' https://x");
        assert_eq!(o.message.unwrap()["@d"], "4");
        let o = read_text("curl --data-urlencode 'orderInfo=thanh toán & co' --data-urlencode =x https://x");
        let m = o.message.unwrap();
        assert_eq!(m["orderInfo"], "thanh toán & co");
        assert_eq!(m["x"], "", "=content is the content alone: a name without a value");
        assert_eq!(CURL_ESCAPE.encode("a b~*ệ"), "a+b~%2A%E1%BB%87");
        let o = read_text("curl --json '{\"a\":' --json ' 1}' https://x");
        assert_eq!(o.message.unwrap()["a"], 1);
        assert!(!codes(&read_text("curl --json '{\"a\":1}' x")).contains(&DefectCode::ContentType));
    }

    #[test]
    fn files_forms_get_and_nothing_are_said() {
        for (text, says) in [
            ("curl -d @body.json https://x", "\"@body.json\""),
            ("curl --data-binary @- https://x", "\"@-\""),
            ("curl --data-urlencode name@file https://x", "\"name@file\""),
            ("curl -F a=1 https://x", "multipart"),
            ("curl -G -d a=1 https://x", "-G"),
            ("curl https://x", "sends no body"),
            ("curl -d 'a=1", "quote is never closed"),
        ] {
            let o = read_text(text);
            assert!(o.message.is_none(), "{text}");
            let last = o.defects.last().unwrap();
            assert_eq!(last.code, DefectCode::Unreadable, "{text}");
            assert!(last.message().contains(says), "{text}: {}", last.message());
        }
    }

    #[test]
    fn options_are_skipped_by_name_with_their_arguments() {
        let o = read_text("curl -sSL -X POST -o out.json --compressed --retry 3 -A 'x y' -H 'Content-Type: application/json' https://x -d '{\"a\":1}'");
        assert_eq!(o.message.unwrap()["a"], 1);
        let ignored = o.defects.iter().find(|d| d.code == DefectCode::IgnoredOptions).unwrap();
        assert!(ignored.message().contains("-s, -S, -L, -X, -o, --compressed, --retry, -A"), "{}", ignored.message());
        // -XPOST and -d'…' attached.
        let o = read_text("curl -XPOST -d'{\"a\":2}' -H'content-type: application/json' x");
        assert_eq!(o.message.unwrap()["a"], 2);
    }

    #[test]
    fn json_sent_as_a_form_is_said() {
        let o = read_text("curl -d '{\"a\":1}' https://x");
        assert_eq!(o.message.unwrap()["a"], 1);
        let ct = o.defects.iter().find(|d| d.code == DefectCode::ContentType).unwrap();
        assert!(ct.message().contains("application/x-www-form-urlencoded"), "{}", ct.message());
    }

    #[test]
    fn the_authorization_header_is_found_and_its_argument_cut() {
        let text = "curl --location 'https://x/p' \\\n--header 'Content-Type: application/json' \\\n--header 'Authorization: ABC=' \\\n--data '{\"a\":1}'";
        let o = read_text(text);
        let f = o.found.unwrap();
        assert_eq!(f.token, "ABC=");
        let src = Source::new(text);
        let rest = format!("{}{}", src.text(0, f.start), src.text(f.end, usize::MAX));
        assert_eq!(
            rest,
            "curl --location 'https://x/p' \\\n--header 'Content-Type: application/json' \\\n--data '{\"a\":1}'"
        );
        // As the last argument: the continuation before it goes too.
        let text = "curl 'https://x' \\\n  --data-raw '{}' \\\n  -H 'authorization: Bearer T'";
        let f = read_text(text).found.unwrap();
        let src = Source::new(text);
        assert_eq!(
            format!("{}{}", src.text(0, f.start), src.text(f.end, usize::MAX)),
            "curl 'https://x' \\\n  --data-raw '{}'"
        );
        // On one line.
        let text = "curl -H 'Authorization: T' -d '{}' x";
        let f = read_text(text).found.unwrap();
        let src = Source::new(text);
        assert_eq!(format!("{}{}", src.text(0, f.start), src.text(f.end, usize::MAX)), "curl -d '{}' x");
    }

    #[test]
    fn repairs_inside_the_body_are_placed_where_they_were_written() {
        let text = "curl x \\\n  --data-raw $'{\\'a\\': 1,}'";
        let o = read_text(text);
        let comma = o.defects.iter().find(|d| d.code == DefectCode::TrailingComma).unwrap();
        let src = Source::new(text);
        let at = src.text(0, 100).rfind(',').unwrap();
        assert_eq!((comma.line, comma.column), (Some(2), Some(src.position(at).1)));
    }
}
