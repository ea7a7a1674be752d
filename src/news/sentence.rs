//! The sentence around a figure, and whether words stand whole in it.

use std::ops::Range;

/// How far a sentence reaches on each side of a figure, in characters.
pub const SENTENCE_REACH: usize = 400;

/// Whether `text[start..end]` stands as whole words (no letter glued on
/// either side; a glued Arabic prefix و ب ل ف before it is allowed).
pub(super) fn whole_words(text: &str, start: usize, end: usize) -> bool {
    free_before(text, start) && text[end..].chars().next().is_none_or(|c| !c.is_alphanumeric())
}

/// Whether no letter is glued before `text[start..]` (a glued Arabic
/// prefix و ب ل ف is allowed).
pub(super) fn free_before(text: &str, start: usize) -> bool {
    let glued = |c: char| c.is_alphanumeric();
    match text[..start].chars().next_back() {
        None => true,
        Some(c) if !glued(c) => true,
        Some(c @ ('و' | 'ب' | 'ل' | 'ف')) => text[..start - c.len_utf8()]
            .chars()
            .next_back()
            .is_none_or(|p| !glued(p)),
        Some(_) => false,
    }
}

/// The sentence around `at` in `text`: from after the previous sentence end
/// (`.`, `!`, `?`, `؟`, `؛`, a line break; a `.` between digits is a
/// decimal point) to the next one.
pub fn sentence(text: &str, at: Range<usize>) -> Range<usize> {
    let bytes = text.as_bytes();
    // Whether the character that starts at byte `i` ends a sentence (`؟`
    // and `؛` are D8 9F and D8 9B in UTF-8), and its length.
    let ends = |i: usize| -> Option<usize> {
        match bytes[i] {
            b'!' | b'?' | b'\n' => Some(1),
            b'.' => {
                let digit_before = i > 0 && bytes[i - 1].is_ascii_digit();
                let digit_after = bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
                let abbreviation = i > 0
                    && bytes[i - 1].is_ascii_alphabetic()
                    && bytes.get(i + 1).is_some_and(|b| b.is_ascii_alphabetic());
                (!(abbreviation || is_time_abbreviation(text, i) || digit_before && digit_after)).then_some(1)
            }
            0xD8 if matches!(bytes.get(i + 1), Some(0x9F | 0x9B)) => Some(2),
            _ => None,
        }
    };
    let char_start = |b: u8| b & 0xC0 != 0x80;
    // The first bytes `ends` can accept: most bytes are ruled out without
    // a call.
    let may_end = |b: u8| matches!(b, b'!' | b'?' | b'\n' | b'.' | 0xD8);
    // A sentence reaches at most SENTENCE_REACH characters on each side of
    // the figure: a text without stops (one 50 MB line) stays linear. The
    // bytes are walked, not the characters: this runs for every figure.
    let mut start = 0;
    let mut n = 0;
    let mut i = at.start;
    while i > 0 {
        i -= 1;
        let b = bytes[i];
        if !char_start(b) {
            continue;
        }
        if may_end(b) {
            if let Some(len) = ends(i) {
                start = i + len;
                break;
            }
        }
        if n == SENTENCE_REACH {
            start = i;
            break;
        }
        n += 1;
    }
    let mut end = text.len();
    let mut n = 0;
    for (i, &b) in bytes.iter().enumerate().skip(at.end) {
        if !char_start(b) {
            continue;
        }
        if may_end(b) && ends(i).is_some() || n == SENTENCE_REACH {
            end = i;
            break;
        }
        n += 1;
    }
    start..end
}

/// A `.` of "a.m." / "p.m." (which ends no sentence).
pub(super) fn is_time_abbreviation(text: &str, i: usize) -> bool {
    let lower = |r: Range<usize>| text.get(r).map(str::to_ascii_lowercase);
    let around = lower(i.saturating_sub(3)..(i + 1).min(text.len()));
    matches!(around.as_deref(), Some(" a." | " p." | "a.m." | "p.m."))
        || matches!(lower(i.saturating_sub(1)..i + 1).as_deref(), Some("m."))
            && matches!(
                lower(i.saturating_sub(3)..i.saturating_sub(1)).as_deref(),
                Some(".a" | ".p") | None
            )
}
