//! How a sentence holds a figure ([`Stance`]): the markers before and after
//! it, a figure that moved from one value to another, and a correction.

use super::sentence::whole_words;
use super::{Marker, NewsReader, Stance};
use std::ops::Range;

impl NewsReader {
    /// The stance of a value at `at` in the folded `text`: the marker
    /// nearest before it in `before` (the clause since the previous figure
    /// of the same fact), else an *earlier* word right after it in `after`.
    /// A correction word counts only right before the figure ("et non
    /// 118").
    pub fn stance(&self, text: &str, before: Range<usize>, at: usize, after: Range<usize>) -> Stance {
        let Some(ac) = &self.markers else {
            return Stance::Asserted;
        };
        let clause = &text[before.clone()];
        let nearest = ac
            .find_iter(clause)
            .filter(|m| whole_words(clause, m.start(), m.end()))
            .filter_map(|m| {
                let right_before = || {
                    let end = before.start + m.end();
                    end <= at && text[end..at].trim().is_empty()
                };
                self.kinds[m.pattern().as_usize()].iter().find_map(|k| match k {
                    Marker::Earlier => Some(Stance::Earlier),
                    Marker::Hedged | Marker::HedgedAfter => Some(Stance::Hedged),
                    Marker::Denied => Some(Stance::Denied),
                    Marker::Corrected if right_before() => Some(Stance::Corrected),
                    Marker::EarlierRightBefore if right_before() => Some(Stance::Earlier),
                    _ => None,
                })
            })
            .last();
        if let Some(s) = nearest {
            return s;
        }
        // Else the first marker of those that follow a figure ("1,140
        // earlier", "150 morts présumés").
        let tail = &text[after];
        ac.find_iter(tail)
            .filter(|m| whole_words(tail, m.start(), m.end()))
            .find_map(|m| {
                self.kinds[m.pattern().as_usize()].iter().find_map(|k| match k {
                    Marker::EarlierAfter => Some(Stance::Earlier),
                    Marker::HedgedAfter => Some(Stance::Hedged),
                    _ => None,
                })
            })
            .unwrap_or(Stance::Asserted)
    }

    /// Which of two figures of one fact, `a` before `b` in a folded
    /// `sentence`, is the earlier one when the sentence says the figure
    /// moved from one to the other: `a` in "rose from A to B" (`true`), `b`
    /// in "rose to A from B" (`false`). A *moved* word must come before
    /// them: "from 10 to 20 people" alone is a range, not a change.
    pub fn moved_from(&self, sentence: &str, a: Range<usize>, b: Range<usize>) -> Option<bool> {
        if a.end > b.start {
            return None;
        }
        let head = &sentence[..a.start];
        if self.marks(head, Marker::Moved).is_empty() {
            return None;
        }
        let between = sentence[a.end..b.start].trim().to_lowercase();
        let head = head.trim_end().to_lowercase();
        let ends_with = |words: &[String]| {
            words.iter().any(|w| {
                head.strip_suffix(w.as_str())
                    .is_some_and(|rest| rest.chars().next_back().is_none_or(|c| !c.is_alphanumeric()))
            })
        };
        if self.to.contains(&between) && ends_with(&self.from) {
            Some(true)
        } else if self.from.contains(&between) && ends_with(&self.to) {
            Some(false)
        } else {
            None
        }
    }

    /// Where the figure a value corrects starts: right after the first
    /// correction word in `after` (the text after the value: "112 morts,
    /// et non 118"), when a digit or a letter follows it.
    pub fn corrected_at(&self, text: &str, after: Range<usize>) -> Option<usize> {
        let m = *self.marks(&text[after.clone()], Marker::Corrected).first()?;
        let rest = &text[after.start + m.end()..];
        let next = rest.trim_start();
        let start = after.start + m.end() + (rest.len() - next.len());
        // The word must stand apart, and a figure or a word must follow.
        (start > after.start + m.end() && next.starts_with(char::is_alphanumeric)).then_some(start)
    }

    /// The whole-word markers of one kind in a folded text, in order.
    pub(super) fn marks(&self, text: &str, kind: Marker) -> Vec<aho_corasick::Match> {
        let Some(ac) = &self.markers else {
            return Vec::new();
        };
        ac.find_iter(text)
            .filter(|m| self.kinds[m.pattern().as_usize()].contains(&kind))
            .filter(|m| whole_words(text, m.start(), m.end()))
            .collect()
    }
}
