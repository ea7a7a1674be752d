//! Who a sentence says gave a figure: the body named after an attribution
//! marker, or before or after a *said* word.

use super::{Marker, NewsReader};
use std::ops::Range;
use std::sync::Arc;

/// Characters between a figure and an attribution marker after it that
/// still make the marker the figure's ("7.1 درجات بحسب").
const AFTER_REACH: usize = 24;

impl NewsReader {
    /// Who the sentence attributes the value at `value` to: the body named
    /// after an attribution marker, as a range of `sentence` (folded) and,
    /// for a body the pack lists, its canonical name. A marker right after
    /// the value ("1 870 dead, according to the WHO") is its own; else the
    /// nearest marker before it, unless another figure stands between the
    /// two or the marker follows another figure closely (that figure's).
    /// `others` are the other figures of the sentence.
    pub fn attribution(
        &self,
        sentence: &str,
        value: Range<usize>,
        others: &[Range<usize>],
    ) -> Option<(Range<usize>, Option<Arc<str>>)> {
        let marks = self.marks(sentence, Marker::Attribution);
        let between = |a: usize, b: usize| others.iter().any(|o| o.start >= a && o.end <= b && *o != value);
        let close = |from: usize, to: usize| sentence[from..to].chars().count() <= AFTER_REACH;
        let after = marks
            .iter()
            .find(|m| m.start() >= value.end)
            .filter(|m| close(value.end, m.start()) && !between(value.end, m.start()));
        let before = marks.iter().rev().find(|m| m.end() <= value.start).filter(|m| {
            let owned = others
                .iter()
                .any(|o| o.end <= m.start() && *o != value && close(o.end, m.start()) && !between(o.end, m.start()));
            !owned && !between(m.end(), value.start)
        });
        for m in after.into_iter().chain(before) {
            if let Some(found) = self.body_after(sentence, m.end()) {
                return Some(found);
            }
        }
        self.said_by(sentence, value, others)
    }

    /// The body a *said* word names ("74 dead, the interior ministry said";
    /// "the ministry said 74 people died"; "…, said the mayor"): the first
    /// such word after the value, whose words are the whole sentence's
    /// (other figures may stand between), else the nearest before it with
    /// no other figure between. The name stands before the word, else a
    /// name right after it.
    fn said_by(
        &self,
        sentence: &str,
        value: Range<usize>,
        others: &[Range<usize>],
    ) -> Option<(Range<usize>, Option<Arc<str>>)> {
        let said = self.marks(sentence, Marker::AttributionAfter);
        let after = said.iter().find(|m| m.start() >= value.end);
        let before = said
            .iter()
            .rev()
            .find(|m| m.end() <= value.start && !others.iter().any(|o| o.start >= m.end() && o.end <= value.start));
        let m = after.or(before)?;
        // The name before the word must not take in the value itself.
        let floor = if m.start() >= value.end { value.end } else { 0 };
        self.body_before(sentence, floor, m.start())
            .or_else(|| self.body_after(sentence, m.end()))
    }

    /// The name that ends at `to` (before a *said* word), starting no
    /// earlier than `floor`: up to four words back to punctuation, a digit,
    /// a stop word or an article; a listed body within it (or with its
    /// article) gives its canonical name.
    fn body_before(&self, sentence: &str, floor: usize, to: usize) -> Option<(Range<usize>, Option<Arc<str>>)> {
        let is_letter = |c: char| c.is_alphanumeric() || c == '\'' || c == '’';
        let head = &sentence[floor..to];
        // The words of the head, last first, until a clause ends.
        let mut words: Vec<(usize, &str)> = Vec::new();
        let mut end = head.len();
        let mut closed = false;
        for (i, c) in head.char_indices().rev() {
            if is_letter(c) {
                continue;
            }
            let next = i + c.len_utf8();
            if next < end {
                words.push((floor + next, &head[next..end]));
            }
            end = i;
            if !c.is_whitespace() {
                closed = true;
                break;
            }
        }
        if !closed && end > 0 {
            words.push((floor, &head[..end]));
        }
        let last = *words.first()?;
        let mut start = None;
        let mut scope = None;
        for (taken, &(i, word)) in words.iter().enumerate() {
            let w = word.to_lowercase();
            if matches!(w.as_str(), "the" | "le" | "la" | "les") {
                scope = Some(i);
                break;
            }
            let stop = self.stop.contains(&w);
            if stop || taken == 4 || word.chars().any(char::is_numeric) {
                break;
            }
            start = Some(i);
        }
        let start = start?;
        let end = last.0 + last.1.len();
        let lower = sentence[start..end].to_lowercase();
        if self.not_bodies.contains(&lower) {
            return None;
        }
        if let Some(ac) = &self.bodies {
            let from = scope.unwrap_or(start);
            if let Some(m) = ac.find_iter(&sentence[from..end]).last() {
                let r = from + m.start()..from + m.end();
                return Some((r, Some(self.body_names[m.pattern().as_usize()].clone())));
            }
        }
        Some((start..end, None))
    }

    /// The name that starts at `from` (after a marker): a listed body, else
    /// up to four words, ending at punctuation, a digit or a stop word.
    fn body_after(&self, sentence: &str, from: usize) -> Option<(Range<usize>, Option<Arc<str>>)> {
        let rest = &sentence[from..];
        let skipped = rest.len() - rest.trim_start().len();
        let start = from + skipped;
        // Only as much of the rest as the longest not-body word, and the
        // character after it, is lower-cased.
        let lower: String = sentence[start..]
            .chars()
            .take(self.longest_not_body + 1)
            .collect::<String>()
            .to_lowercase();
        if self.not_bodies.iter().any(|w| {
            lower.starts_with(w.as_str()) && lower[w.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric())
        }) {
            return None;
        }
        if let Some(ac) = &self.bodies {
            // A listed body starts within a few bytes (an article, a glued
            // preposition) and is at most the longest spelling long.
            let mut window_end = (start + 8 + self.longest_body).min(sentence.len());
            while !sentence.is_char_boundary(window_end) {
                window_end += 1;
            }
            if let Some(m) = ac.find(&sentence[start..window_end]) {
                // The body must come first (after at most an article or a
                // glued preposition of a few letters).
                if m.start() <= 4 {
                    let r = start + m.start()..start + m.end();
                    return Some((r, Some(self.body_names[m.pattern().as_usize()].clone())));
                }
            }
        }
        let mut name_start = None;
        let mut end = start;
        let mut words = 0;
        let mut first = true;
        for (i, word) in word_spans(&sentence[start..]) {
            let w = word.to_lowercase();
            let stripped = w.trim_start_matches(['و', 'ل', 'ب']);
            let stop = self.stop.iter().any(|s| *s == w || *s == stripped);
            if stop && !first {
                break;
            }
            if word.chars().any(|c| c.is_numeric()) {
                break;
            }
            if first && matches!(w.as_str(), "the" | "le" | "la" | "les" | "l'" | "l’") {
                first = false;
                continue;
            }
            if stop {
                break;
            }
            first = false;
            name_start.get_or_insert(start + i);
            end = start + i + word.len();
            words += 1;
            let after = &sentence[end..];
            if words == 4
                || after.starts_with(|c: char| {
                    matches!(
                        c,
                        ',' | '،' | '.' | ';' | '؛' | ':' | '(' | ')' | '"' | '«' | '»' | '\n'
                    )
                })
            {
                break;
            }
        }
        let name_start = name_start?;
        (end > name_start).then_some((name_start..end, None))
    }
}

/// The words of a text with their byte offsets (letters, digits and
/// apostrophes).
fn word_spans(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let in_word = c.is_alphanumeric() || c == '\'' || c == '’' || c == '.' && start.is_some();
        match (in_word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
                if matches!(c, ',' | '،' | ';' | '؛' | ':' | '(' | ')' | '"' | '«' | '»') {
                    break;
                }
            }
            (false, None) if matches!(c, ',' | '،' | ';' | '؛' | ':' | '(' | ')' | '"' | '«' | '»') => break,
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out.into_iter()
        .map(|(s, w)| (s, w.trim_end_matches('.')))
        .filter(|(_, w)| !w.is_empty())
}
