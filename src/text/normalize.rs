//! Normalization: a matching view of an article plus a map back to the
//! original bytes.
//!
//! Rules and grammars never see the raw text. They match [`Normalized::text`],
//! in which the spellings readers treat as the same are folded to one form:
//!
//! | original | folded to |
//! | --- | --- |
//! | Arabic-Indic `٠`–`٩`, Persian `۰`–`۹` digits | ASCII `0`–`9` |
//! | Arabic decimal mark `٫` / thousands mark `٬` | `.` / `,` |
//! | alef forms `أ إ آ ٱ` | `ا` |
//! | alef maqsura `ى` | `ي` |
//! | ta marbuta `ة` | `ه` |
//! | tatweel `ـ`, harakat and shadda (U+064B–U+065F, U+0670) | removed |
//! | bidi, zero-width and BOM marks | removed |
//! | no-break and other Unicode spaces | ` ` |
//!
//! Every byte of the folded text remembers the original byte offset of the
//! character it came from, so a match in the folded text maps back to an
//! exact, end-exclusive span of the original ([`Normalized::original_span`]).
//! Rule patterns and lexicon entries go through [`fold`], the same folding
//! without the map, so a rule author writes `دولة` and it matches `دوله`.
//!
//! Folding runs over every byte of every article, so it skips what it
//! leaves alone: ASCII, and the letters outside the folded set, are found
//! by their bytes and copied a run at a time; only the few characters
//! [`fold_char`] may change are decoded. The map is kept the same way, one
//! entry a run of constant offset rather than one a byte.

use crate::text::span::Span;

/// The folded view of a text and the map back to the original.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// The folded text that rules match.
    pub text: String,
    /// The map back, as runs: `(folded, original)` byte offsets where a run
    /// starts, in order, the first at folded offset 0. Within a run a
    /// folded character at `folded + k` came from the original character at
    /// `original + k`; a new run starts wherever that offset changes (after
    /// a removed character, or one folded to a different length). The last
    /// entry is `(text.len(), original.len())`.
    runs: Vec<(u32, u32)>,
}

impl Normalized {
    /// Folds `original`, remembering where every folded byte came from.
    ///
    /// Offsets are stored as `u32`; the corpus reader refuses articles of
    /// 4 GiB or more, so they always fit.
    pub fn new(original: &str) -> Normalized {
        let mut runs: Vec<(u32, u32)> = Vec::new();
        // `original - folded` of the current run; the fold never lengthens
        // a character, so no run has this one.
        let mut shift = u32::MAX;
        let text = fold_pieces(original, |folded, at| {
            let (folded, at) = (folded as u32, at as u32);
            if at - folded != shift {
                shift = at - folded;
                runs.push((folded, at));
            }
        });
        runs.push((text.len() as u32, original.len() as u32));
        Normalized { text, runs }
    }

    /// Frees the folded text and the map, once every offset that will be
    /// asked is mapped: nothing can be mapped after.
    pub(crate) fn forget_text(&mut self) {
        self.text = String::new();
        self.runs = Vec::new();
    }

    /// The original byte offset of the character that produced folded byte
    /// `i`; `i == text.len()` gives the original's length.
    fn original_at(&self, i: usize) -> usize {
        assert!(
            i <= self.text.len(),
            "folded offset {i} is past the folded text ({} bytes)",
            self.text.len()
        );
        // Every byte of a folded character maps to where that character
        // came from, not into it (`٣` is two bytes, its `3` one).
        let mut at = i;
        while !self.text.is_char_boundary(at) {
            at -= 1;
        }
        let run = self.runs.partition_point(|&(folded, _)| folded as usize <= at) - 1;
        let (folded, original) = self.runs[run];
        original as usize + (at - folded as usize)
    }

    /// Maps a span of the folded text back to the original text.
    ///
    /// The start lands on the original character that produced the first
    /// folded byte; the end lands after the original character that
    /// produced the last one and after the combining marks that follow it
    /// (the tanween of "شخصاً", a shadda on its last letter): a span never
    /// ends between a letter and its marks.
    pub fn original_span(&self, start: usize, end: usize, original: &str) -> Span {
        let o_start = self.original_at(start);
        if end <= start {
            return Span::new(o_start, o_start);
        }
        let last = self.original_at(end - 1);
        let mut o_end = last + original[last..].chars().next().map_or(0, char::len_utf8);
        o_end += original[o_end..]
            .chars()
            .take_while(|&c| is_combining_mark(c))
            .map(char::len_utf8)
            .sum::<usize>();
        Span::new(o_start, o_end)
    }
}

/// A mark the fold removes that belongs to the letter before it: Arabic
/// harakat, tanween, shadda, sukun and superscript alef. (Marks the fold
/// keeps are part of the folded text, and of the spans that hold them.)
pub fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}')
}

/// Folds a text without keeping the map: for rule patterns and lexicons.
pub fn fold(s: &str) -> String {
    fold_pieces(s, |_, _| {})
}

/// Folds `original`, calling `piece(folded, at)` before each piece it
/// appends to the folded text: a run of characters copied as they
/// are, or one folded character, from original offset `at` to folded
/// offset `folded`. Pieces are never empty; removed characters make none.
#[inline(always)]
fn fold_pieces(original: &str, mut piece: impl FnMut(usize, usize)) -> String {
    let bytes = original.as_bytes();
    let mut text = String::with_capacity(original.len());
    // Start of the run of unchanged characters not yet copied.
    let mut run = 0;
    let mut i = 0;
    while let Some(at) = next_candidate(bytes, i) {
        let ch = original[at..].chars().next().unwrap_or_default();
        i = at + ch.len_utf8();
        let folded = fold_char(ch);
        if folded == Some(ch) {
            continue;
        }
        if run < at {
            piece(text.len(), run);
            text.push_str(&original[run..at]);
        }
        if let Some(folded) = folded {
            piece(text.len(), at);
            text.push(folded);
        }
        run = i;
    }
    if run < bytes.len() {
        piece(text.len(), run);
        text.push_str(&original[run..]);
    }
    text
}

/// The offset, from `from` on, of the first character [`fold_char`] may
/// change, read from the bytes without decoding a character.
///
/// Whether a character may fold is a function of its first two bytes
/// ([`MAY_FOLD`]), false at ASCII and continuation bytes, so every byte is
/// tested on its own, eight at a time: there is no branch per character
/// and most of the text (ASCII, most Arabic letters) is never decoded.
#[inline(always)]
fn next_candidate(bytes: &[u8], from: usize) -> Option<usize> {
    // The last byte of a text never starts a character of two or more
    // bytes, so the test at `j` may read `bytes[j + 1]`.
    let end = bytes.len().saturating_sub(1);
    let mut j = from;
    while j + 8 <= end {
        let Ok(window) = <&[u8; 9]>::try_from(&bytes[j..j + 9]) else {
            break;
        };
        let mut any = 0;
        for k in 0..8 {
            any |= MAY_FOLD[window[k] as usize] >> (window[k + 1] & 63);
        }
        if any & 1 != 0 {
            break;
        }
        j += 8;
    }
    while j < end {
        if may_fold(bytes[j], bytes[j + 1]) {
            return Some(j);
        }
        j += 1;
    }
    None
}

/// Whether the character whose first two bytes are `lead` and `second`
/// may fold; false wherever `lead` starts no character of two bytes or more.
#[inline(always)]
fn may_fold(lead: u8, second: u8) -> bool {
    MAY_FOLD[lead as usize] >> (second & 63) & 1 != 0
}

/// Whether [`fold_char`] changes a code point.
const fn folds(cp: u32) -> bool {
    match char::from_u32(cp) {
        Some(ch) => match fold_char(ch) {
            Some(folded) => folded as u32 != cp,
            None => true,
        },
        None => false,
    }
}

/// Row `lead`, bit `k`: whether a character whose UTF-8 starts with the
/// bytes `lead`, `0x80 | k` may fold. Exact for two-byte characters (below
/// U+0800); for three-byte ones, set where any of the 64 characters that
/// share those two bytes folds (U+2000–U+203F holds the dashes and quotes
/// of news copy as well as spaces and marks, and [`fold_char`] tells them
/// apart). Empty for ASCII, continuation bytes and four-byte characters,
/// none of which fold.
const MAY_FOLD: [u64; 256] = {
    let mut rows = [0u64; 256];
    let mut lead = 0xC0;
    while lead < 0xF0 {
        let mut k = 0;
        while k < 64 {
            let may = if lead < 0xE0 {
                folds(((lead & 0x1F) << 6) | k)
            } else {
                let block = ((lead & 0x0F) << 12) | (k << 6);
                let mut any = false;
                let mut low = 0;
                while low < 64 {
                    any |= folds(block | low);
                    low += 1;
                }
                any
            };
            if may {
                rows[lead as usize] |= 1 << k;
            }
            k += 1;
        }
        lead += 1;
    }
    rows
};

/// Folds one character; `None` removes it. Inlined: it runs for every
/// character [`Normalized::new`] cannot tell unchanged from its bytes.
/// `const`, so the byte scan's table is made from it.
#[inline(always)]
pub const fn fold_char(ch: char) -> Option<char> {
    Some(match ch {
        '٠'..='٩' => (b'0' + (ch as u32 - '٠' as u32) as u8) as char,
        '۰'..='۹' => (b'0' + (ch as u32 - '۰' as u32) as u8) as char,
        '٫' => '.',
        '٬' => ',',
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' => 'ي',
        'ة' => 'ه',
        // tatweel, harakat, shadda, sukun, superscript alef
        'ـ' | '\u{064B}'..='\u{065F}' | '\u{0670}' => return None,
        // bidi controls, zero-width marks, the BOM
        '\u{200B}'..='\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => return None,
        '\u{FEFF}' | '\u{2060}' | '\u{00AD}' => return None,
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => ' ',
        _ => ch,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_digits_and_letters() {
        assert_eq!(fold("٢٠٢٥ و۱۲ الـ93 أإآ مستشفى دولة"), "2025 و12 ال93 ااا مستشفي دوله");
    }

    #[test]
    fn removes_harakat_tatweel_and_bidi_marks() {
        assert_eq!(fold("عُضْوًا\u{200F}كشـ24\u{FEFF}"), "عضواكش24");
    }

    #[test]
    fn span_maps_back_over_removed_marks() {
        let original = "في الـ\u{200F}٩٣ دورةً";
        let n = Normalized::new(original);
        assert_eq!(n.text, "في ال93 دوره");
        let start = n.text.find("93").unwrap();
        let span = n.original_span(start, start + 2, original);
        assert_eq!(&original[span.start..span.end], "٩٣");
        let start = n.text.find("دوره").unwrap();
        let span = n.original_span(start, start + "دوره".len(), original);
        assert_eq!(
            &original[span.start..span.end],
            "دورةً",
            "the tanween stays with its letter"
        );
    }

    #[test]
    fn map_lands_on_char_boundaries() {
        let original = "\u{FEFF}أَكْثَرُ مِنْ ١٤٠ دَوْلَةً\r\n";
        let n = Normalized::new(original);
        for i in 0..=n.text.len() {
            if n.text.is_char_boundary(i) && i < n.text.len() {
                let span = n.original_span(i, i + 1, original);
                assert!(original.is_char_boundary(span.start));
                assert!(original.is_char_boundary(span.end));
            }
        }
    }
}

/// The fold as it was first written, one character and one map entry a
/// byte at a time: the oracle the run-length map and the byte scan are
/// checked against.
#[cfg(test)]
mod oracle {
    use super::{fold_char, is_combining_mark};
    use crate::text::span::Span;

    pub struct PerByte {
        pub text: String,
        map: Vec<u32>,
    }

    impl PerByte {
        pub fn new(original: &str) -> PerByte {
            let mut text = String::new();
            let mut map = Vec::new();
            for (offset, ch) in original.char_indices() {
                let Some(folded) = fold_char(ch) else {
                    continue;
                };
                let before = text.len();
                text.push(folded);
                map.resize(map.len() + (text.len() - before), offset as u32);
            }
            map.push(original.len() as u32);
            PerByte { text, map }
        }

        pub fn original_span(&self, start: usize, end: usize, original: &str) -> Span {
            let o_start = self.map[start] as usize;
            if end <= start {
                return Span::new(o_start, o_start);
            }
            let last = self.map[end - 1] as usize;
            let mut o_end = last + original[last..].chars().next().map_or(0, char::len_utf8);
            o_end += original[o_end..]
                .chars()
                .take_while(|&c| is_combining_mark(c))
                .map(char::len_utf8)
                .sum::<usize>();
            Span::new(o_start, o_end)
        }
    }
}

#[cfg(test)]
mod properties {
    use super::oracle::PerByte;
    use super::*;
    use proptest::prelude::*;

    /// ASCII, letters the fold keeps, every character it changes, and
    /// neighbours of those that share their lead bytes.
    fn pool() -> Vec<char> {
        let mut chars: Vec<char> = "aZ0 9.,-\n\r\tبتجدرسعلمنوهيءؤئاشصطغفقكé€’–“\u{3001}\u{FEFE}\u{0800}\u{1F600}"
            .chars()
            .collect();
        let folded = (0..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|&c| fold_char(c) != Some(c));
        chars.extend(folded);
        chars
    }

    proptest! {
        #[test]
        fn runs_map_spans_as_the_per_byte_map_did(
            chars in prop::collection::vec(prop::sample::select(pool()), 0..24)
        ) {
            let original: String = chars.into_iter().collect();
            let n = Normalized::new(&original);
            let oracle = PerByte::new(&original);
            prop_assert_eq!(&n.text, &oracle.text);
            prop_assert_eq!(fold(&original), oracle.text.clone());
            // Every byte, not only character boundaries, and one past the
            // end for `end`, which the per-byte map also took.
            for start in 0..=n.text.len() {
                for end in 0..=n.text.len() + 1 {
                    prop_assert_eq!(
                        n.original_span(start, end, &original),
                        oracle.original_span(start, end, &original),
                        "{:?} folded to {:?}, span {}..{}", original, n.text, start, end
                    );
                }
            }
        }
    }

    #[test]
    fn the_byte_scan_misses_no_folded_character() {
        let mut buf = [0u8; 4];
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            let changes = fold_char(c) != Some(c);
            if c.is_ascii() {
                assert!(!changes, "{c:?} is ASCII and folds");
                continue;
            }
            assert!(
                may_fold(bytes[0], bytes[1]) || !changes,
                "{c:?} (U+{:04X}) folds but the scan skips it",
                c as u32
            );
        }
        // No byte that starts no character of two bytes or more is a
        // candidate, whatever follows it.
        for lead in (0..=0xFFu8).filter(|b| *b < 0xC0 || *b >= 0xF0) {
            assert_eq!(MAY_FOLD[lead as usize], 0, "row {lead:#04x}");
        }
    }
}
