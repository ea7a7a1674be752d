//! Spans: original-text byte offsets, end-exclusive, always.
//!
//! A [`Span`] never points into the folded text of [`crate::text::normalize`]; the
//! extractor maps every match back before it builds a claim. [`LineCol`]
//! numbers lines from 1 and columns from 1, counting Unicode characters, so a
//! column is the same whatever the script (SARIF's `unicodeCodePoints`).

use serde::{Deserialize, Serialize};

/// A byte range `[start, end)` of an article's original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The same span shifted by `base` bytes (a body that starts after front matter).
    pub fn offset(self, base: usize) -> Span {
        Span::new(self.start + base, self.end + base)
    }
}

/// A 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

impl LineCol {
    /// The line and column of byte `offset` in `text`.
    pub fn of(text: &str, offset: usize) -> LineCol {
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        LineCol {
            line: before.bytes().filter(|&b| b == b'\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
        }
    }
}

/// Bytes between two character-count checkpoints of a [`LineIndex`].
const CHECKPOINT: usize = 256;

/// The line starts of a text, for many line/column lookups in one article
/// without counting newlines from the top each time, and character counts
/// every `CHECKPOINT` bytes, so that a column on a very long line (a whole
/// article on one line) is not counted from the start of the line at each
/// lookup: every lookup costs O(log lines + CHECKPOINT).
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// `chars[k]`: the characters of `text[..k * CHECKPOINT]`.
    chars: Vec<usize>,
    len: usize,
}

/// The characters that start in `bytes` (UTF-8 lead bytes): on a slice
/// between char boundaries, its `chars().count()`.
fn lead_bytes(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let mut chars = Vec::with_capacity(text.len() / CHECKPOINT + 2);
        chars.push(0);
        let mut count = 0;
        for block in text.as_bytes().chunks(CHECKPOINT) {
            count += lead_bytes(block);
            chars.push(count);
        }
        LineIndex {
            starts,
            chars,
            len: text.len(),
        }
    }

    /// The byte offset where the line holding byte `offset` starts (just
    /// after the last `\n` before `offset`).
    pub fn line_start(&self, offset: usize) -> usize {
        self.starts[self.starts.partition_point(|&s| s <= offset) - 1]
    }

    /// The byte offset where the line holding byte `offset` ends: the first
    /// `\n` at or after `offset`, else the end of the text.
    pub fn line_end(&self, offset: usize) -> usize {
        let line = self.starts.partition_point(|&s| s <= offset);
        self.starts.get(line).map_or(self.len, |&next| next - 1)
    }

    /// The characters of `text[..offset]`, from the nearest checkpoint.
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let block = offset / CHECKPOINT;
        self.chars[block] + lead_bytes(&text.as_bytes()[block * CHECKPOINT..offset])
    }

    /// The line and column of byte `offset` in `text` (the indexed text).
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let column = if offset - start <= CHECKPOINT {
            text[start..offset].chars().count()
        } else {
            debug_assert!(text.is_char_boundary(offset));
            self.chars_before(text, offset) - self.chars_before(text, start)
        };
        LineCol {
            line,
            column: column + 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let text = "سطر\nفي 179 دولة";
        let offset = text.find("179").unwrap();
        assert_eq!(LineCol::of(text, offset), LineCol { line: 2, column: 4 });
        assert_eq!(LineCol::of(text, 0), LineCol { line: 1, column: 1 });
        let index = LineIndex::new(text);
        for at in text.char_indices().map(|(i, _)| i).chain([text.len()]) {
            assert_eq!(index.line_col(text, at), LineCol::of(text, at));
        }
    }

    #[test]
    fn lookups_on_a_long_line_agree_with_counting() {
        let unit = "في 179 دولة، ";
        let text = format!("سطر\n{}\n\n{}", unit.repeat(2000), unit.repeat(700));
        let index = LineIndex::new(&text);
        for at in text.char_indices().map(|(i, _)| i).step_by(7).chain([text.len()]) {
            assert_eq!(index.line_col(&text, at), LineCol::of(&text, at), "at {at}");
            let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
            assert_eq!((index.line_start(at), index.line_end(at)), (start, end), "at {at}");
        }
    }
}
