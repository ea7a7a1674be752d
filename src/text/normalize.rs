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

use crate::text::span::Span;

/// The folded view of a text and the map back to the original.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// The folded text that rules match.
    pub text: String,
    /// `map[i]` is the original byte offset of the character that produced
    /// folded byte `i`; one extra entry at the end holds the original length.
    map: Vec<u32>,
}

impl Normalized {
    /// Folds `original`, remembering where every folded byte came from.
    ///
    /// Offsets are stored as `u32`; the corpus reader refuses articles of
    /// 4 GiB or more, so they always fit.
    pub fn new(original: &str) -> Normalized {
        let mut text = String::with_capacity(original.len());
        let mut map = Vec::with_capacity(original.len() + 1);
        for (offset, ch) in original.char_indices() {
            let Some(folded) = fold_char(ch) else {
                continue;
            };
            let before = text.len();
            text.push(folded);
            map.resize(map.len() + (text.len() - before), offset as u32);
        }
        map.push(original.len() as u32);
        Normalized { text, map }
    }

    /// Maps a span of the folded text back to the original text.
    ///
    /// The start lands on the original character that produced the first
    /// folded byte; the end lands after the original character that
    /// produced the last one and after the combining marks that follow it
    /// (the tanween of "شخصاً", a shadda on its last letter): a span never
    /// ends between a letter and its marks.
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

/// A mark the fold removes that belongs to the letter before it: Arabic
/// harakat, tanween, shadda, sukun and superscript alef. (Marks the fold
/// keeps are part of the folded text, and of the spans that hold them.)
pub fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}')
}

/// Folds a text without keeping the map: for rule patterns and lexicons.
pub fn fold(s: &str) -> String {
    s.chars().filter_map(fold_char).collect()
}

/// Folds one character; `None` removes it. Inlined: it runs for every
/// character of every article (`Normalized::new`), where a call per
/// character costs several per cent of a whole run.
#[inline(always)]
pub fn fold_char(ch: char) -> Option<char> {
    Some(match ch {
        '٠'..='٩' => char::from(b'0' + (ch as u32 - '٠' as u32) as u8),
        '۰'..='۹' => char::from(b'0' + (ch as u32 - '۰' as u32) as u8),
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
