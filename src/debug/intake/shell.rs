//! A command line split into words as the shell would hand them to the program: bash/zsh
//! quoting (`'…'`, `"…"`, `$'…'`, `\`, a `\` at a line's end), or Windows cmd (`^` escapes, a `^`
//! at a line's end, then the C runtime's `"…"` with `\"` and `""`). Each character of a word
//! remembers where it was written, so what is read from it can be placed in the paste.

use super::source::Source;

/// How the command is quoted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// bash, zsh and other POSIX shells.
    Posix,
    /// Windows cmd.exe, then the C runtime's argument rules.
    Cmd,
}

impl Dialect {
    /// Its name in the notes.
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Posix => "bash",
            Dialect::Cmd => "Windows cmd",
        }
    }

    /// cmd quoting when a line ends in `^` (its line continuation) or a `^"` is written (how
    /// browsers quote for cmd); bash otherwise.
    pub fn of(src: &Source, at: usize) -> Dialect {
        let mut prev = None;
        let mut before_newline = None;
        for &c in src.chars.get(at..).unwrap_or_default() {
            match c {
                '"' if prev == Some('^') => return Dialect::Cmd,
                '\n' if before_newline == Some('^') => return Dialect::Cmd,
                '\n' => before_newline = None,
                ' ' | '\t' | '\r' => {}
                c => before_newline = Some(c),
            }
            prev = Some(c);
        }
        if before_newline == Some('^') {
            Dialect::Cmd
        } else {
            Dialect::Posix
        }
    }
}

/// One word of the command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The word as the program receives it.
    pub text: String,
    /// For each character of `text`, where it was written in the source.
    pub map: Vec<usize>,
    /// Where the word starts in the source (its quotes and escapes included).
    pub start: usize,
    /// Where it ends (exclusive).
    pub end: usize,
}

/// The command's words, and where text after the command starts (a `|`, `;`, `&` or a
/// redirection), if any.
#[derive(Debug, Default)]
pub struct Command {
    /// The words.
    pub words: Vec<Word>,
    /// The position of what follows the command.
    pub rest: Option<usize>,
}

/// Why a command could not be split: an unclosed quote and where it opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unclosed {
    /// The quote.
    pub quote: char,
    /// Where it opens.
    pub at: usize,
}

/// A word being built: its characters, where each was written, and its span.
#[derive(Default)]
struct Building {
    text: String,
    map: Vec<usize>,
    start: Option<usize>,
    end: usize,
}

impl Building {
    fn push(&mut self, c: char, origin: usize, span: std::ops::Range<usize>) {
        self.text.push(c);
        self.map.push(origin);
        self.touch(span);
    }

    /// The word covers `span` (a quote opens a word even when it holds nothing).
    fn touch(&mut self, span: std::ops::Range<usize>) {
        self.start.get_or_insert(span.start);
        self.end = self.end.max(span.end);
    }

    fn finish(&mut self, words: &mut Vec<Word>) {
        let b = std::mem::take(self);
        if let Some(start) = b.start {
            words.push(Word { text: b.text, map: b.map, start, end: b.end });
        }
    }
}

/// Split the command that starts at `at`.
pub fn split(src: &Source, at: usize, dialect: Dialect) -> Result<Command, Unclosed> {
    match dialect {
        Dialect::Posix => posix(src, at),
        Dialect::Cmd => Ok(crt(cmd(src, at))),
    }
}

fn posix(src: &Source, at: usize) -> Result<Command, Unclosed> {
    let c = |k: usize| src.at(k);
    let mut out = Command::default();
    let mut w = Building::default();
    let mut i = at;
    while let Some(ch) = c(i) {
        match ch {
            ' ' | '\t' | '\r' | '\n' => {
                w.finish(&mut out.words);
                i += 1;
            }
            '\\' => match (c(i + 1), c(i + 2)) {
                // A line continuation joins the lines, inside a word too.
                (Some('\n'), _) => i += 2,
                (Some('\r'), Some('\n')) => i += 3,
                (Some(next), _) => {
                    w.push(next, i + 1, i..i + 2);
                    i += 2;
                }
                (None, _) => {
                    w.push('\\', i, i..i + 1);
                    i += 1;
                }
            },
            '\'' => i = single(src, i, &mut w)?,
            '"' => i = double(src, i, i + 1, &mut w)?,
            '$' if c(i + 1) == Some('\'') => i = ansi_c(src, i, &mut w)?,
            '$' if c(i + 1) == Some('"') => i = double(src, i, i + 2, &mut w)?,
            '#' if w.start.is_none() => i = src.line_end(i),
            '|' | ';' | '&' | '<' | '>' => {
                w.finish(&mut out.words);
                out.rest = Some(i);
                return Ok(out);
            }
            ch => {
                w.push(ch, i, i..i + 1);
                i += 1;
            }
        }
    }
    w.finish(&mut out.words);
    Ok(out)
}

/// `'…'`: every character as written, to the next `'`.
fn single(src: &Source, open: usize, w: &mut Building) -> Result<usize, Unclosed> {
    w.touch(open..open + 1);
    let mut i = open + 1;
    loop {
        match src.at(i) {
            None => return Err(Unclosed { quote: '\'', at: open }),
            Some('\'') => {
                w.touch(open..i + 1);
                return Ok(i + 1);
            }
            Some(ch) => w.push(ch, i, i..i + 1),
        }
        i += 1;
    }
}

/// `"…"` (or `$"…"`, from `first`): a backslash escapes only `$`, `` ` ``, `"`, `\` and a line
/// break (which it removes); the shell would expand `$NAME` here, which is kept as written.
fn double(src: &Source, open: usize, first: usize, w: &mut Building) -> Result<usize, Unclosed> {
    w.touch(open..open + 1);
    let mut i = first;
    loop {
        match src.at(i) {
            None => return Err(Unclosed { quote: '"', at: open }),
            Some('"') => {
                w.touch(open..i + 1);
                return Ok(i + 1);
            }
            Some('\\') => match src.at(i + 1) {
                Some('\n') => i += 2,
                Some(e @ ('$' | '`' | '"' | '\\')) => {
                    w.push(e, i + 1, i..i + 2);
                    i += 2;
                }
                _ => {
                    w.push('\\', i, i..i + 1);
                    i += 1;
                }
            },
            Some(ch) => {
                w.push(ch, i, i..i + 1);
                i += 1;
            }
        }
    }
}

/// What an ANSI-C escape writes: a byte, or a character (its UTF-8 bytes).
enum Written {
    Byte(u8),
    Char(char),
}

/// The escape at `i` (a `\\`) inside `$'…'`: what it writes (nothing for `\\u` past Unicode)
/// and how many characters it takes. An escape it does not know is a literal backslash.
fn ansi_escape(src: &Source, i: usize) -> (Option<Written>, usize) {
    let digits = |from: usize, max: usize, radix: u32| {
        let n = (0..max).take_while(|k| src.at(from + k).is_some_and(|c| c.is_digit(radix))).count();
        (u32::from_str_radix(&src.text(from, from + n), radix).ok(), n)
    };
    let c = |c: char| (Some(Written::Char(c)), 2);
    match src.at(i + 1) {
        Some('a') => c('\u{7}'),
        Some('b') => c('\u{8}'),
        Some('e' | 'E') => c('\u{1b}'),
        Some('f') => c('\u{c}'),
        Some('n') => c('\n'),
        Some('r') => c('\r'),
        Some('t') => c('\t'),
        Some('v') => c('\u{b}'),
        Some(e @ ('\\' | '\'' | '"' | '?')) => c(e),
        Some(x @ ('x' | 'u' | 'U')) => match digits(
            i + 2,
            if x == 'x' {
                2
            } else if x == 'u' {
                4
            } else {
                8
            },
            16,
        ) {
            (Some(v), n) if x == 'x' => (Some(Written::Byte(v as u8)), 2 + n),
            (Some(v), n) => (char::from_u32(v).map(Written::Char), 2 + n),
            (None, _) => (Some(Written::Char('\\')), 1),
        },
        Some('0'..='7') => {
            let (v, n) = digits(i + 1, 3, 8);
            (Some(Written::Byte(v.unwrap_or(0) as u8)), 1 + n)
        }
        Some('c') if src.at(i + 2).is_some() => {
            let c = src.at(i + 2).unwrap_or('@');
            (Some(Written::Byte((u32::from(c) & 0x1f) as u8)), 3)
        }
        _ => (Some(Written::Char('\\')), 1),
    }
}

/// `$'…'`: bash's ANSI-C quoting. Escapes write bytes (`\xHH`, octal) or characters (`\uHHHH`,
/// `\UHHHHHHHH`, `\n`…); the bytes are read as UTF-8 once the quote closes.
fn ansi_c(src: &Source, open: usize, w: &mut Building) -> Result<usize, Unclosed> {
    w.touch(open..open + 1);
    // The bytes written, and where each was written.
    let (mut raw, mut origins): (Vec<u8>, Vec<usize>) = (Vec::new(), Vec::new());
    let mut i = open + 2;
    loop {
        let (written, step) = match src.at(i) {
            None => return Err(Unclosed { quote: '\'', at: open }),
            Some('\'') => break,
            Some('\\') => ansi_escape(src, i),
            Some(ch) => (Some(Written::Char(ch)), 1),
        };
        let mut buf = [0; 4];
        let bytes: &[u8] = match &written {
            Some(Written::Byte(b)) => std::slice::from_ref(b),
            Some(Written::Char(c)) => c.encode_utf8(&mut buf).as_bytes(),
            None => &[],
        };
        for b in bytes {
            raw.push(*b);
            origins.push(i);
        }
        i += step;
    }
    w.touch(open..i + 1);
    match std::str::from_utf8(&raw) {
        Ok(text) => {
            for (k, c) in text.char_indices() {
                let origin = origins.get(k).copied().unwrap_or(open);
                w.push(c, origin, open..i + 1);
            }
        }
        Err(_) => {
            for c in super::form::lossy(&raw).chars() {
                w.push(c, open, open..i + 1);
            }
        }
    }
    Ok(i + 1)
}

/// A character after cmd.exe's pass: where it was written, and where its escape starts.
struct Passed {
    c: char,
    origin: usize,
    start: usize,
}

/// cmd.exe's pass: `^` takes the next character as it is (a line break after it is a line
/// continuation, and the character after that is taken as it is: `^` then two line breaks is
/// one line break); `"` toggles cmd's quoting, inside which `^` is an ordinary character. An
/// unescaped line break ends cmd's line; it is read as a space. `&`, `|`, `<` and `>` outside
/// quotes end the command.
fn cmd(src: &Source, at: usize) -> (Vec<Passed>, Option<usize>) {
    let mut out = Vec::new();
    let mut quoted = false;
    let mut i = at;
    while let Some(ch) = src.at(i) {
        if quoted {
            quoted = ch != '"';
            out.push(Passed { c: ch, origin: i, start: i });
            i += 1;
            continue;
        }
        match ch {
            '^' => {
                let mut k = i + 1;
                if src.at(k) == Some('\r') && src.at(k + 1) == Some('\n') {
                    k += 1;
                }
                let continued = src.at(k) == Some('\n');
                if continued {
                    k += 1;
                }
                if let Some(next) = src.at(k) {
                    // After a line continuation the character starts where it is written.
                    out.push(Passed { c: next, origin: k, start: if continued { k } else { i } });
                }
                i = k + 1;
            }
            '"' => {
                quoted = true;
                out.push(Passed { c: ch, origin: i, start: i });
                i += 1;
            }
            '\r' | '\n' => {
                out.push(Passed { c: ' ', origin: i, start: i });
                i += 1;
            }
            '&' | '|' | '<' | '>' => return (out, Some(i)),
            ch => {
                out.push(Passed { c: ch, origin: i, start: i });
                i += 1;
            }
        }
    }
    (out, None)
}

/// The C runtime's pass (how a Windows program splits its command line): white space outside
/// `"…"` separates words; 2n backslashes before a `"` are n backslashes and the quote toggles,
/// 2n+1 are n and a literal `"`; `""` inside quotes is a literal `"`; other backslashes are
/// literal.
fn crt((passed, rest): (Vec<Passed>, Option<usize>)) -> Command {
    let mut out = Command { words: Vec::new(), rest };
    let mut w = Building::default();
    let mut quoted = false;
    let mut k = 0;
    let span = |p: &Passed| p.start..p.origin + 1;
    while let Some(p) = passed.get(k) {
        match p.c {
            '\\' => {
                let run = passed.get(k..).unwrap_or_default().iter().take_while(|q| q.c == '\\').count();
                let after = passed.get(k + run);
                if after.is_some_and(|q| q.c == '"') {
                    for q in passed.get(k..k + run / 2).unwrap_or_default() {
                        w.push('\\', q.origin, span(q));
                    }
                    if run % 2 == 1 {
                        if let Some(q) = after {
                            w.push('"', q.origin, span(q));
                        }
                        k += run + 1;
                    } else {
                        k += run;
                    }
                } else {
                    for q in passed.get(k..k + run).unwrap_or_default() {
                        w.push('\\', q.origin, span(q));
                    }
                    k += run;
                }
            }
            '"' => {
                if quoted && passed.get(k + 1).is_some_and(|q| q.c == '"') {
                    if let Some(q) = passed.get(k + 1) {
                        w.push('"', q.origin, p.start..q.origin + 1);
                    }
                    k += 2;
                } else {
                    quoted = !quoted;
                    w.touch(span(p));
                    k += 1;
                }
            }
            ' ' | '\t' if !quoted => {
                w.finish(&mut out.words);
                k += 1;
            }
            c => {
                w.push(c, p.origin, span(p));
                k += 1;
            }
        }
    }
    w.finish(&mut out.words);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let src = Source::new(text);
        let d = Dialect::of(&src, 0);
        split(&src, 0, d).unwrap().words.into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn bash_quoting() {
        assert_eq!(words("curl 'a b' \"c \\\"d\\\" \\x\" e\\ f"), ["curl", "a b", "c \"d\" \\x", "e f"]);
        assert_eq!(
            words("curl \\\n  -H 'x: y' \\\r\n --data-raw $'{\\'k\\': \\u0021 \\x41\\n}'"),
            ["curl", "-H", "x: y", "--data-raw", "{'k': ! A\n}"]
        );
        assert_eq!(words("curl $'\\xc3\\xa1' a''b \"\" # comment\nc"), ["curl", "á", "ab", "", "c"]);
        let src = Source::new("curl -d 'x' | jq .");
        let c = split(&src, 0, Dialect::Posix).unwrap();
        assert_eq!((c.words.len(), c.rest), (3, Some(12)));
        assert_eq!(split(&Source::new("curl 'a"), 0, Dialect::Posix).unwrap_err(), Unclosed { quote: '\'', at: 5 });
    }

    #[test]
    fn cmd_quoting() {
        // As browsers copy for cmd: ^" around each argument, ^ before what cmd would read.
        let text = "curl ^\"https://x/a?b=1^&c=2^\" ^\n  -H ^\"content-type: application/json^\" ^\n  --data-raw ^\"^{^\\^\"orderId^\\^\":^\\^\"A^%^20B^\\^\"^}^\"";
        let src = Source::new(text);
        assert_eq!(Dialect::of(&src, 0), Dialect::Cmd);
        assert_eq!(
            words(text),
            [
                "curl",
                "https://x/a?b=1&c=2",
                "-H",
                "content-type: application/json",
                "--data-raw",
                "{\"orderId\":\"A%20B\"}"
            ]
        );
        // A line break inside a value: ^ and two line breaks.
        assert_eq!(words("curl --data-raw ^\"a^\n\nb^\""), ["curl", "--data-raw", "a\nb"]);
        // Plain double quotes with \" and "" (as written by hand or by Postman for cmd).
        assert_eq!(words("curl --data \"{\\\"a\\\": \"\"b\"\"}\" ^\n x"), ["curl", "--data", "{\"a\": \"b\"}", "x"]);
        let src = Source::new("curl a\\\\\\\"b c\\\\d \"x\"\"y\"");
        let crt: Vec<String> = split(&src, 0, Dialect::Cmd).unwrap().words.into_iter().map(|w| w.text).collect();
        assert_eq!(crt, ["curl", "a\\\"b", "c\\\\d", "x\"y"]);
        // Inside cmd's own quotes a ^ is an ordinary character.
        assert_eq!(words("curl \"a^b\" ^\n c"), ["curl", "a^b", "c"]);
    }

    #[test]
    fn every_character_knows_where_it_was_written() {
        let text = "curl -d 'ab' $'c\\nd' ^";
        let src = Source::new(text);
        let c = split(&src, 0, Dialect::Posix).unwrap();
        for w in &c.words {
            assert_eq!(w.text.chars().count(), w.map.len());
        }
        assert_eq!(c.words[2].map, [9, 10]);
        assert_eq!((c.words[2].start, c.words[2].end), (8, 12));
        assert_eq!(c.words[3].map, [15, 16, 18]);
    }
}
