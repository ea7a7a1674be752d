//! YAML: the one module that names the YAML parser, and cheap checks on
//! YAML before it parses it.
//!
//! serde_yaml is archived upstream: every other module reads YAML through
//! [`from_str`], [`Value`] and [`Error`] here, so a maintained fork
//! replaces it in this one place.
//!
//! serde_yaml's parser (unsafe-libyaml) looks at every open flow level at
//! every token, so flow collections nested under a block key take time
//! quadratic in their depth: `a: [[[…` 100 000 deep took 28 s, in an
//! article's front matter or in a rule file. Real files nest flow
//! collections a few levels deep; [`flow_too_deep`] finds deeper nesting
//! in one pass, before the parse.
//!
//! The parser of `--sources` files (yaml_rust2) recurses once a block
//! level, so `- - - …` 40 000 deep on one line overflowed the stack.
//! [`block_too_deep`] finds deep block nesting, and [`check_nesting`]
//! runs both checks: every user YAML file goes through it (rule files and
//! front matter through [`flow_too_deep`], which is all serde_yaml needs).

use std::fmt;

/// A YAML document of any shape.
pub type Value = serde_yaml::Value;

/// Why a YAML text could not be read into a type; its message ends with
/// the line and column (`at line L column C`), and [`Error::location`]
/// gives them.
pub type Error = serde_yaml::Error;

/// Reads a YAML text into a type.
pub fn from_str<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, Error> {
    serde_yaml::from_str(text)
}

/// Flow collections (`[…]`, `{…}`) nested deeper than this are refused.
pub const MAX_FLOW_DEPTH: usize = 64;

/// Block collections (`- `, `? `, indentation) nested deeper than this are
/// refused.
pub const MAX_BLOCK_DEPTH: usize = 64;

/// Why a YAML text is refused before it is parsed: nesting too deep, at
/// `offset` (bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooDeep {
    pub offset: usize,
    /// Flow collections (`[…]`, `{…}`); else block collections.
    pub flow: bool,
}

impl TooDeep {
    /// The 1-based line and column (characters) of the place in `text`.
    pub fn line_col(&self, text: &str) -> (usize, usize) {
        let mut at = self.offset.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let lc = crate::text::span::LineCol::of(text, at);
        (lc.line, lc.column)
    }

    /// The message with the place: `… at line 1 column 68`.
    pub fn located(&self, text: &str) -> String {
        let (line, column) = self.line_col(text);
        format!("{self} at line {line} column {column}")
    }
}

impl fmt::Display for TooDeep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.flow {
            write!(
                f,
                "flow collections (`[…]`, `{{…}}`) nested more than {MAX_FLOW_DEPTH} deep"
            )
        } else {
            write!(
                f,
                "block collections (`- `, `? `) nested more than {MAX_BLOCK_DEPTH} deep"
            )
        }
    }
}

/// The guard before parsing a user's YAML file: flow collections nested
/// more than [`MAX_FLOW_DEPTH`] deep, or block collections more than
/// [`MAX_BLOCK_DEPTH`], are refused with the place where they go too deep.
pub fn check_nesting(text: &str) -> Result<(), TooDeep> {
    if let Some(offset) = flow_too_deep(text, MAX_FLOW_DEPTH) {
        return Err(TooDeep { offset, flow: true });
    }
    if let Some(offset) = block_too_deep(text, MAX_BLOCK_DEPTH) {
        return Err(TooDeep { offset, flow: false });
    }
    Ok(())
}

/// The byte offset where block collections nest more than `max` deep, if
/// they do: a line opens a level below every open line indented less
/// than it, or one level for each `- ` or `? ` it starts with (`- - - x`
/// opens three). One pass over the lines; the text of a block scalar (`key: |`)
/// does not count. Flow collections are [`flow_too_deep`]'s.
pub fn block_too_deep(text: &str, max: usize) -> Option<usize> {
    // The indentation of each open level.
    let mut open: Vec<usize> = Vec::new();
    // Inside a block scalar, lines indented more than this are its text.
    let mut scalar: Option<usize> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let rest = body.trim_start_matches(' ');
        let indent = body.len() - rest.len();
        if rest.trim().is_empty() || rest.starts_with('#') {
            continue;
        }
        match scalar {
            Some(s) if indent > s => continue,
            _ => scalar = None,
        }
        while open.last().is_some_and(|&i| i >= indent) {
            open.pop();
        }
        // Each `- ` or `? ` the line starts with opens a level; a line
        // without one opens its own.
        let mut depth = open.len();
        let b = rest.as_bytes();
        let mut i = 0;
        while i < b.len() && matches!(b[i], b'-' | b'?') && b.get(i + 1).is_none_or(|c| matches!(c, b' ' | b'\t')) {
            depth += 1;
            if depth > max {
                return Some(start + indent + i);
            }
            i += 1;
            while i < b.len() && matches!(b[i], b' ' | b'\t') {
                i += 1;
            }
        }
        if i == 0 {
            depth += 1;
            if depth > max {
                return Some(start + indent);
            }
        }
        open.push(indent);
        if block_scalar_header(rest) {
            scalar = Some(indent);
        }
    }
    None
}

/// Whether a line ends with a block scalar header (`key: |`, `- >-`).
fn block_scalar_header(line: &str) -> bool {
    let line = line.split(" #").next().unwrap_or(line).trim_end();
    let last = line.rsplit([' ', '\t']).next().unwrap_or(line);
    let mut chars = last.chars();
    matches!(chars.next(), Some('|' | '>')) && chars.all(|c| matches!(c, '-' | '+' | '0'..='9'))
}

/// The byte offset of the first `[` or `{` that opens a flow collection
/// more than `max` deep, if there is one.
///
/// One pass over the bytes. Brackets in quoted scalars and comments do not
/// count; elsewhere every bracket does (a `[` inside a plain scalar of a
/// block value is text to YAML, but no real file has 64 of them open).
pub fn flow_too_deep(text: &str, max: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut depth = 0usize;
    // The last byte on this line that is not whitespace (`None` at the
    // start of a line), and whether whitespace came after it.
    let mut last: Option<u8> = None;
    let mut spaced = true;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            b'\n' => {
                last = None;
                spaced = true;
            }
            b' ' | b'\t' | b'\r' => spaced = true,
            b'#' if spaced => {
                // A comment runs to the end of the line.
                i = b[i..].iter().position(|&c| c == b'\n').map_or(b.len(), |n| i + n);
                continue;
            }
            b'\'' | b'"' if starts_scalar(last, spaced) => {
                i = quoted_end(b, i);
                last = Some(c);
                spaced = false;
            }
            _ => {
                match c {
                    b'[' | b'{' => {
                        depth += 1;
                        if depth > max {
                            return Some(i);
                        }
                    }
                    b']' | b'}' => depth = depth.saturating_sub(1),
                    _ => {}
                }
                last = Some(c);
                spaced = false;
            }
        }
        i += 1;
    }
    None
}

/// Whether a quote after `last` (and whitespace, if `spaced`) opens a
/// quoted scalar, rather than being a letter of a plain one (`it's`).
fn starts_scalar(last: Option<u8>, spaced: bool) -> bool {
    match last {
        None | Some(b'[' | b'{' | b',') => true,
        Some(b':' | b'-' | b'?') => spaced,
        Some(_) => false,
    }
}

/// The offset of the quote that closes the scalar opened at `open` (or the
/// last byte of the text): `''` inside single quotes and `\` escapes inside
/// double quotes do not close it.
fn quoted_end(b: &[u8], open: usize) -> usize {
    let quote = b[open];
    let mut i = open + 1;
    while i < b.len() {
        match b[i] {
            b'\\' if quote == b'"' => i += 1,
            b'\'' if quote == b'\'' && b.get(i + 1) == Some(&b'\'') => i += 1,
            c if c == quote => return i,
            _ => {}
        }
        i += 1;
    }
    b.len() - 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_flow_nesting_outside_quotes_and_comments() {
        assert_eq!(flow_too_deep("a: [[1], {b: [2]}]\n", 3), None);
        assert_eq!(flow_too_deep("a: [[1], {b: [2]}]\n", 2), Some(13));
        assert_eq!(flow_too_deep("a: [[[1]]]\n", 2), Some(5));
        assert_eq!(flow_too_deep("a: ['[[[', \"{{{\\\"[[\"] # [[[\n", 1), None);
        assert_eq!(flow_too_deep("a: 'it''s [[[' \n", 0), None);
        // An apostrophe inside a plain scalar opens no quote.
        assert_eq!(flow_too_deep("a: [it's, [[x]]]\n", 1), Some(10));
        // `]` in a quoted scalar does not close a level.
        assert_eq!(flow_too_deep("a: [[ ']]' [[\n", 3), Some(12));
        let deep = format!("a: {}0{}\n", "[".repeat(100), "]".repeat(100));
        assert_eq!(flow_too_deep(&deep, MAX_FLOW_DEPTH), Some(3 + MAX_FLOW_DEPTH));
        assert_eq!(flow_too_deep("'unterminated [[[", 0), None);
        assert_eq!(flow_too_deep("", 0), None);
    }

    #[test]
    fn counts_block_nesting_by_indentation_and_compact_indicators() {
        let plain = "a:\n  b:\n    - c\n    - d: 1\n  e: 2\nf: 3\n";
        assert_eq!(block_too_deep(plain, 3), None);
        assert_eq!(block_too_deep(plain, 2), Some(12));
        // `- - x`: two levels on one line.
        assert_eq!(block_too_deep("- - x\n", 2), None);
        assert_eq!(block_too_deep("- - x\n", 1), Some(2));
        assert_eq!(block_too_deep("? ? x\n", 1), Some(2));
        assert_eq!(block_too_deep("a:\n  - - x\n", 2), Some(7));
        // `---` and `-1` open nothing.
        assert_eq!(block_too_deep("---\n-1\n", 1), None);
        // The text of a block scalar does not count, comments do not either.
        let scalar = "a: |\n  x\n    y\n      z\n        w\nb: 1\n";
        assert_eq!(block_too_deep(scalar, 1), None);
        assert_eq!(block_too_deep("a:\n    # b:\n  c: 1\n", 2), None);
        let deep = format!("{}0\n", "- ".repeat(100_000));
        assert_eq!(block_too_deep(&deep, MAX_BLOCK_DEPTH), Some(2 * MAX_BLOCK_DEPTH));
        assert_eq!(block_too_deep("", 0), None);
    }

    #[test]
    fn check_nesting_names_the_place() {
        let flow = format!("a: {}0{}\n", "[".repeat(100), "]".repeat(100));
        let err = check_nesting(&flow).unwrap_err();
        assert!(err.flow);
        assert_eq!(
            err.located(&flow),
            "flow collections (`[…]`, `{…}`) nested more than 64 deep at line 1 column 68"
        );
        let block = format!("x: 1\ny:\n  {}0\n", "- ".repeat(100));
        let err = check_nesting(&block).unwrap_err();
        assert!(!err.flow);
        assert_eq!(err.line_col(&block), (3, 3 + 2 * (MAX_BLOCK_DEPTH - 1)));
        assert_eq!(check_nesting("a: [1, {b: 2}]\nc:\n  - d\n"), Ok(()));
    }
}
