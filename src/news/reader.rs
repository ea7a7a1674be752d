//! A [`NewsReader`] built from a lexicon, and where its words occur in a
//! text ([`WordHits`]).

use super::sentence::free_before;
use super::{Marker, NewsLexicon, NewsReader};
use crate::text::normalize::fold;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use chrono::Weekday;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

/// Which of a reader's words a sentence holds ([`WordHits::words_in`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Words {
    /// A stance, correction or attribution word.
    pub marked: bool,
    /// An as-of word.
    pub timed: bool,
}

/// Where a reader's words occur in a text ([`NewsReader::word_hits`]):
/// (start, end, whether it is an as-of word), by start.
#[derive(Debug, Clone, Default)]
pub struct WordHits {
    hits: Vec<(usize, usize, bool)>,
}

impl WordHits {
    /// Which of the words a sentence of the text holds: a sentence with
    /// none of them is read no further. A word glued into a longer one on
    /// both sides ("نفي" in "تنفيذ") is no word: no reader would take it.
    pub fn words_in(&self, text: &str, sentence: Range<usize>) -> Words {
        let mut words = Words::default();
        let s = &text[sentence.clone()];
        let from = self.hits.partition_point(|h| h.0 < sentence.start);
        for &(start, end, timed) in self.hits[from..].iter().take_while(|h| h.0 < sentence.end) {
            if end > sentence.end {
                continue;
            }
            let (start, end) = (start - sentence.start, end - sentence.start);
            let glued_after = s[end..].chars().next().is_some_and(char::is_alphanumeric);
            if glued_after && !free_before(s, start) {
                continue;
            }
            if timed {
                words.timed = true;
            } else {
                words.marked = true;
            }
            if words.marked && words.timed {
                break;
            }
        }
        words
    }
}

pub(super) fn folded(words: &[String]) -> Vec<String> {
    let mut out: Vec<String> = words
        .iter()
        .map(|w| fold(w).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// An automaton of words (leftmost-longest, ASCII case-insensitive), or
/// none for no words.
fn automaton(words: &[String]) -> Option<AhoCorasick> {
    if words.is_empty() {
        return None;
    }
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .prefilter(false)
        .build(words)
        .ok()
}

/// An alternation of words, longest first, each escaped; spaces match any
/// run of white space.
pub(super) fn alternation(words: &[String]) -> String {
    let mut words = words.to_vec();
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    words
        .iter()
        .map(|w| regex::escape(w).replace(' ', r"\s+"))
        .collect::<Vec<_>>()
        .join("|")
}

impl NewsReader {
    /// Compiles a lexicon; `weekdays` are the language's weekday names
    /// (Monday is 1), folded.
    pub fn new(lexicon: &NewsLexicon, weekdays: &BTreeMap<u32, Vec<String>>) -> NewsReader {
        let mut words: Vec<String> = Vec::new();
        let mut kinds: Vec<Vec<Marker>> = Vec::new();
        for (list, kind) in [
            (&lexicon.earlier, Marker::Earlier),
            (&lexicon.earlier_after, Marker::EarlierAfter),
            (&lexicon.earlier_right_before, Marker::EarlierRightBefore),
            (&lexicon.hedged, Marker::Hedged),
            (&lexicon.hedged_after, Marker::HedgedAfter),
            (&lexicon.denied, Marker::Denied),
            (&lexicon.corrected, Marker::Corrected),
            (&lexicon.attribution, Marker::Attribution),
            (&lexicon.attribution_after, Marker::AttributionAfter),
            (&lexicon.moved, Marker::Moved),
        ] {
            for w in folded(list) {
                match words.iter().position(|x| *x == w) {
                    Some(i) => kinds[i].push(kind),
                    None => {
                        words.push(w);
                        kinds.push(vec![kind]);
                    }
                }
            }
        }
        let markers = automaton(&words);
        let mut spellings = Vec::new();
        let mut body_names = Vec::new();
        for (name, list) in &lexicon.bodies {
            let name: Arc<str> = Arc::from(name.as_str());
            for w in folded(list).into_iter().chain([fold(&name).to_lowercase()]) {
                spellings.push(w);
                body_names.push(name.clone());
            }
        }
        let longest_body = spellings.iter().map(String::len).max().unwrap_or(0);
        let bodies = automaton(&spellings);
        let hours: Vec<(String, u32)> = lexicon
            .hour_words
            .iter()
            .flat_map(|(h, ws)| folded(ws).into_iter().map(move |w| (w, *h)))
            .collect();
        let weekdays: Vec<(String, Weekday)> = weekdays
            .iter()
            .filter_map(|(n, ws)| Some((crate::grammar::date::weekday(*n)?, ws)))
            .flat_map(|(d, ws)| folded(ws).into_iter().map(move |w| (w, d)))
            .collect();
        let timed_from = words.len();
        let gate_words: Vec<String> = words.iter().cloned().chain(folded(&lexicon.as_of)).collect();
        // Every occurrence (overlapping): a word is there or it is not,
        // whichever longer word overlaps it.
        let gate = (!gate_words.is_empty())
            .then(|| {
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::Standard)
                    .ascii_case_insensitive(true)
                    .prefilter(false)
                    .build(&gate_words)
                    .ok()
            })
            .flatten();
        let reader = NewsReader {
            markers,
            gate,
            timed_from,
            kinds,
            bodies,
            body_names,
            stop: folded(&lexicon.stop),
            longest_not_body: folded(&lexicon.not_bodies)
                .iter()
                .map(|w| w.chars().count())
                .max()
                .unwrap_or(0),
            not_bodies: folded(&lexicon.not_bodies),
            from: folded(&lexicon.from),
            to: folded(&lexicon.to),
            longest_body,
            as_of: None,
            hours,
            evening: folded(&lexicon.evening),
            morning: folded(&lexicon.morning),
            today: folded(&lexicon.today),
            yesterday: folded(&lexicon.yesterday),
            weekdays,
        };
        let as_of = reader.as_of_regex(lexicon);
        NewsReader { as_of, ..reader }
    }

    /// Every occurrence of the words this reader looks for in the parts of
    /// a folded `text` that `sentences` cover, each part searched once
    /// however many sentences overlap it (a text of one long line).
    pub fn word_hits(&self, text: &str, sentences: &[Range<usize>]) -> WordHits {
        let mut hits = Vec::new();
        let Some(gate) = &self.gate else {
            return WordHits { hits };
        };
        let mut spans: Vec<Range<usize>> = sentences.to_vec();
        spans.sort_by_key(|r| (r.start, r.end));
        let mut merged: Vec<Range<usize>> = Vec::new();
        for r in spans {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        for span in merged {
            for m in gate.find_overlapping_iter(&text[span.clone()]) {
                let timed = m.pattern().as_usize() >= self.timed_from;
                hits.push((span.start + m.start(), span.start + m.end(), timed));
            }
        }
        hits.sort_unstable();
        WordHits { hits }
    }
}
