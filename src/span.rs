//! Spans: original-text byte offsets, end-exclusive, always.
//!
//! A [`Span`] never points into the folded text of [`crate::normalize`]; the
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

/// The line starts of a text, for many line/column lookups in one article
/// without counting newlines from the top each time.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { starts }
    }

    /// The line and column of byte `offset` in `text` (the indexed text).
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        LineCol {
            line,
            column: text[start..offset].chars().count() + 1,
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
}
