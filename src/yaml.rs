//! Cheap checks on YAML before serde_yaml parses it.
//!
//! serde_yaml's parser (unsafe-libyaml) looks at every open flow level at
//! every token, so flow collections nested under a block key take time
//! quadratic in their depth: `a: [[[…` 100 000 deep took 28 s, in an
//! article's front matter or in a rule file. Real files nest flow
//! collections a few levels deep; [`flow_too_deep`] finds deeper nesting
//! in one pass, before the parse.

/// Flow collections (`[…]`, `{…}`) nested deeper than this are refused.
pub const MAX_FLOW_DEPTH: usize = 64;

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
}
