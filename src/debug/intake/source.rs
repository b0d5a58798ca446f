//! The pasted text as characters, with where its lines start: every reader of the intake reads
//! the same characters and places what it finds by 1-based line and column.

use crate::loose::{Defect, DefectCode};
use crate::said::Said;

/// A pasted text, read by character index.
pub struct Source {
    /// The characters.
    pub chars: Vec<char>,
    /// Where each line starts (0, then after every `\n`).
    line_starts: Vec<usize>,
}

impl Source {
    /// The text as characters.
    pub fn new(text: &str) -> Self {
        let mut chars = Vec::with_capacity(text.len());
        let mut line_starts = vec![0];
        for c in text.chars() {
            chars.push(c);
            if c == '\n' {
                line_starts.push(chars.len());
            }
        }
        Source { chars, line_starts }
    }

    /// The character at `at`.
    pub fn at(&self, at: usize) -> Option<char> {
        self.chars.get(at).copied()
    }

    /// The characters `start..end` as text (clamped to the text).
    pub fn text(&self, start: usize, end: usize) -> String {
        let end = end.min(self.chars.len());
        self.chars.get(start.min(end)..end).unwrap_or_default().iter().collect()
    }

    /// The 1-based line and column (in characters) of position `at`: a binary search over the
    /// line starts, so a text full of defects is placed in linear time overall.
    pub fn position(&self, at: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&start| start <= at);
        let start = line.checked_sub(1).and_then(|l| self.line_starts.get(l)).copied().unwrap_or(0);
        (line.max(1), at.saturating_sub(start) + 1)
    }

    /// The character index of 1-based `line` and `column` (the text's end when past it).
    pub fn index(&self, line: usize, column: usize) -> usize {
        let start = line.checked_sub(1).and_then(|l| self.line_starts.get(l)).copied().unwrap_or(self.chars.len());
        (start + column.saturating_sub(1)).min(self.chars.len())
    }

    /// A defect placed at `at`.
    pub fn defect(&self, code: DefectCode, at: usize, path: Option<&str>, said: Said) -> Defect {
        let (line, column) = self.position(at);
        Defect { code, said, path: path.map(str::to_owned), line: Some(line), column: Some(column) }
    }

    /// `defects` said of another text (what was decoded or unescaped from this one), each that
    /// has a place placed at `at` here, appended to `out`.
    pub fn place_at(&self, at: usize, defects: Vec<Defect>, out: &mut Vec<Defect>) {
        let (line, column) = self.position(at);
        for mut d in defects {
            if d.line.is_some() {
                (d.line, d.column) = (Some(line), Some(column));
            }
            out.push(d);
        }
    }

    /// The first position from `at` that is not white space (the text's end if none is).
    pub fn skip_blank(&self, mut at: usize) -> usize {
        while self.at(at).is_some_and(char::is_whitespace) {
            at += 1;
        }
        at
    }

    /// Where the line holding `at` ends (its `\n`, or the text's end).
    pub fn line_end(&self, at: usize) -> usize {
        let mut k = at;
        while self.at(k).is_some_and(|c| c != '\n') {
            k += 1;
        }
        k
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_and_indexes_agree() {
        let s = Source::new("ab\nxệz\n\nq");
        for at in 0..=s.chars.len() {
            let (line, column) = s.position(at);
            assert_eq!(s.index(line, column), at, "{at}");
        }
        assert_eq!(s.position(4), (2, 2));
        assert_eq!(s.text(3, 100), "xệz\n\nq");
        assert_eq!(s.line_end(3), 6);
        assert_eq!(s.skip_blank(6), 8);
    }
}
