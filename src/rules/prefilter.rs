//! The prefilter: which parts of an article each pattern needs to see.
//!
//! Placeholder expansions use Unicode word boundaries (`\b`), and on
//! non-ASCII text those keep the regex crate off its fast DFA engines: a
//! pattern run over a whole Arabic article goes through the PikeVM at a few
//! MB/s. Most patterns, though, require some literal word (`دوله`, `الدوره`,
//! a month name). [`required_literals`] finds such a set in the pattern's
//! syntax tree: every match contains one of its words. One Aho-Corasick
//! automaton over the words of all patterns scans the article once
//! ([`Prefilter::scan`]); each pattern then runs only in windows around its
//! words: as far before and after a word as a match can reach (from the
//! syntax tree's maximum lengths), widened to whitespace, so a `\b` at a
//! window's edge sees the same neighbour as in the whole text.
//!
//! A pattern with no required literal runs over the whole text. Where a
//! pattern can reach without bound (`\s+`, a number in words), the reach
//! is capped at [`UNBOUNDED_REACH`] bytes on that side: a match that
//! stretches further from its word is not found.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex_syntax::hir::{Class, Hir, HirKind};
use std::ops::Range;

/// Reach of a pattern whose matches have no bounded length.
pub const UNBOUNDED_REACH: usize = 256;
/// A character class with more members than this is no literal.
const MAX_CLASS_LITERALS: usize = 16;
/// A required set with more words than this is not worth scanning for.
const MAX_LITERALS: usize = 1024;

/// What one pattern requires of a text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Anchors {
    /// Every match contains one of these (lowercase for ASCII letters).
    pub literals: Vec<String>,
    /// How far a match can start before the word, in bytes (capped).
    pub before: usize,
    /// How far a match can end after the word, in bytes (capped).
    pub after: usize,
}

/// The required literals of an expanded pattern, if it has a useful set.
pub fn anchors(expanded: &str) -> Option<Anchors> {
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(true)
        .build()
        .parse(expanded)
        .ok()?;
    anchors_of(&hir)
}

/// As [`anchors`], of a pattern parsed already (case-insensitive).
pub fn anchors_of(hir: &Hir) -> Option<Anchors> {
    let req = required(hir)?;
    let literals: Vec<String> = req
        .literals
        .into_iter()
        .map(|l| String::from_utf8(l).ok())
        .collect::<Option<_>>()?;
    if literals.is_empty() || literals.iter().any(String::is_empty) {
        return None;
    }
    let cap = |n: Option<usize>| n.unwrap_or(UNBOUNDED_REACH).min(UNBOUNDED_REACH);
    Some(Anchors {
        literals,
        before: cap(req.before),
        after: cap(req.after),
    })
}

/// A required set of literals and how far a match reaches around them
/// (`None`: unbounded).
#[derive(Debug, Clone)]
pub struct Required {
    pub literals: Vec<Vec<u8>>,
    pub before: Option<usize>,
    pub after: Option<usize>,
}

fn add(a: Option<usize>, b: Option<usize>) -> Option<usize> {
    a?.checked_add(b?)
}

fn max(a: Option<usize>, b: Option<usize>) -> Option<usize> {
    Some(a?.max(b?))
}

/// A set of literals one of which every match of `hir` contains.
pub fn required(hir: &Hir) -> Option<Required> {
    let exact = |literals| Required {
        literals,
        before: Some(0),
        after: Some(0),
    };
    match hir.kind() {
        HirKind::Literal(lit) => Some(exact(vec![lit.0.to_vec()])),
        HirKind::Class(class) => class_literals(class).map(|l| {
            // The longest member sits in the set; the others are no longer.
            let mut r = exact(l);
            r.after = Some(0);
            r
        }),
        HirKind::Capture(c) => required(&c.sub),
        HirKind::Repetition(r) if r.min >= 1 => {
            let inner = required(&r.sub)?;
            if r.max == Some(1) {
                return Some(inner);
            }
            // The word may sit in any repetition.
            let around = r
                .max
                .and_then(|m| r.sub.properties().maximum_len()?.checked_mul(m as usize));
            Some(Required {
                before: around,
                after: around,
                ..inner
            })
        }
        HirKind::Alternation(subs) => {
            let mut all = Required {
                literals: Vec::new(),
                before: Some(0),
                after: Some(0),
            };
            for sub in subs {
                let r = required(sub)?;
                all.literals.extend(r.literals);
                all.before = max(all.before, r.before);
                all.after = max(all.after, r.after);
            }
            all.literals.sort();
            all.literals.dedup();
            (all.literals.len() <= MAX_LITERALS).then_some(all)
        }
        HirKind::Concat(subs) => best_of_concat(subs),
        _ => None,
    }
}

/// In a sequence, joins runs of single literals into words and keeps the
/// most selective requirement: the longest shortest word, then the fewest.
fn best_of_concat(subs: &[Hir]) -> Option<Required> {
    // (first child, last child, requirement) of each candidate.
    let mut candidates: Vec<(usize, usize, Required)> = Vec::new();
    let mut run: Option<(usize, Vec<u8>)> = None;
    for (i, sub) in subs.iter().enumerate() {
        let req = required(sub);
        match req {
            Some(r) if r.literals.len() == 1 && is_exact(sub) => match &mut run {
                Some((_, word)) => word.extend_from_slice(&r.literals[0]),
                None => run = Some((i, r.literals[0].clone())),
            },
            other => {
                if let Some((first, word)) = run.take() {
                    candidates.push((first, i - 1, exact_word(word)));
                }
                if let Some(r) = other {
                    candidates.push((i, i, r));
                }
            }
        }
    }
    if let Some((first, word)) = run.take() {
        candidates.push((first, subs.len() - 1, exact_word(word)));
    }
    let (first, last, best) = candidates.into_iter().max_by_key(|(_, _, r)| {
        let shortest = r.literals.iter().map(Vec::len).min().unwrap_or(0);
        (shortest.min(12), std::cmp::Reverse(r.literals.len()))
    })?;
    let span = |hirs: &[Hir]| {
        hirs.iter()
            .try_fold(0usize, |acc, h| acc.checked_add(h.properties().maximum_len()?))
    };
    Some(Required {
        before: add(span(&subs[..first]), best.before),
        after: add(best.after, span(&subs[last + 1..])),
        literals: best.literals,
    })
}

fn exact_word(word: Vec<u8>) -> Required {
    Required {
        literals: vec![word],
        before: Some(0),
        after: Some(0),
    }
}

/// The literals of a pattern (for tests and `rules explain`).
pub fn required_literals(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    required(hir).map(|r| r.literals)
}

/// Whether a node matches exactly one string (so it can join a word).
fn is_exact(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Literal(_) => true,
        HirKind::Class(c) => class_literals(c).is_some_and(|l| l.len() == 1),
        _ => false,
    }
}

/// A small class as literals; an ASCII letter in both cases is one
/// (lowercase) literal, matched case-insensitively.
fn class_literals(class: &Class) -> Option<Vec<Vec<u8>>> {
    let mut chars: Vec<char> = Vec::new();
    match class {
        Class::Unicode(c) => {
            for r in c.iter() {
                let n = (r.end() as u32).checked_sub(r.start() as u32)? as usize + 1;
                if chars.len() + n > MAX_CLASS_LITERALS {
                    return None;
                }
                chars.extend(r.start()..=r.end());
            }
        }
        Class::Bytes(c) => {
            for r in c.iter() {
                if !r.start().is_ascii() || !r.end().is_ascii() {
                    return None;
                }
                if chars.len() + (r.end() - r.start()) as usize + 1 > MAX_CLASS_LITERALS {
                    return None;
                }
                chars.extend((r.start()..=r.end()).map(char::from));
            }
        }
    }
    let mut lower: Vec<char> = chars.iter().map(|c| c.to_ascii_lowercase()).collect();
    lower.sort_unstable();
    lower.dedup();
    Some(lower.into_iter().map(|c| c.to_string().into_bytes()).collect())
}

/// One scan of an article for the words of every pattern.
#[derive(Debug)]
pub struct Prefilter {
    automaton: Option<AhoCorasick>,
    /// For each word of the automaton, the patterns that require it.
    owners: Vec<Vec<usize>>,
    /// For each pattern, its reach before and after its word; `None` for
    /// a pattern run everywhere.
    reach: Vec<Option<(usize, usize)>>,
}

impl Prefilter {
    /// Builds the prefilter of patterns given by their anchors, in order.
    pub fn new(patterns: &[Option<Anchors>]) -> Prefilter {
        let mut words: Vec<String> = Vec::new();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        for (id, anchors) in patterns.iter().enumerate() {
            for lit in anchors.iter().flat_map(|a| &a.literals) {
                match words.iter().position(|w| w == lit) {
                    Some(i) => owners[i].push(id),
                    None => {
                        words.push(lit.clone());
                        owners.push(vec![id]);
                    }
                }
            }
        }
        let automaton = (!words.is_empty())
            .then(|| {
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::Standard)
                    .ascii_case_insensitive(true)
                    .build(&words)
                    .ok()
            })
            .flatten();
        let reach = patterns
            .iter()
            .map(|a| a.as_ref().map(|a| (a.before, a.after)))
            .collect();
        Prefilter {
            automaton,
            owners,
            reach,
        }
    }

    /// How many patterns it was built for.
    pub fn patterns(&self) -> usize {
        self.reach.len()
    }

    /// For each pattern, the windows of `text` it must search: `None` for
    /// the whole text, else merged, whitespace-aligned byte ranges.
    pub fn scan(&self, text: &str) -> Vec<Option<Vec<Range<usize>>>> {
        let mut hits: Vec<Option<Vec<Range<usize>>>> = self.reach.iter().map(|r| r.map(|_| Vec::new())).collect();
        if let Some(ac) = &self.automaton {
            for m in ac.find_overlapping_iter(text) {
                for &id in &self.owners[m.pattern().as_usize()] {
                    if let (Some(windows), Some((before, after))) = (&mut hits[id], self.reach[id]) {
                        let start = m.start().saturating_sub(before);
                        let end = (m.end() + after).min(text.len());
                        join(windows, start..end);
                    }
                }
            }
        }
        for windows in hits.iter_mut().flatten() {
            *windows = merge(text, std::mem::take(windows));
        }
        hits
    }
}

/// Adds a window to those of a scan: one that starts inside the last is
/// joined to it ([`merge`] would join them), so a text with a hit in
/// every sentence keeps a window a run of hits, not one a hit.
fn join(windows: &mut Vec<Range<usize>>, w: Range<usize>) {
    match windows.last_mut() {
        Some(last) if last.start <= w.start && w.start <= last.end => last.end = last.end.max(w.end),
        _ => windows.push(w),
    }
}

/// Widens windows to whitespace on both sides and merges overlaps.
///
/// Linear in the text, however long its words: a window that starts inside
/// the merged one before it needs no widening back, one that ends inside it
/// none forward, and widening back stops at the merged window's end (all
/// that matters is whether it reaches it). Without that, one huge word (a
/// long line with no whitespace) was rescanned at each of its hits.
fn merge(text: &str, mut windows: Vec<Range<usize>>) -> Vec<Range<usize>> {
    windows.sort_by_key(|w| w.start);
    let mut out: Vec<Range<usize>> = Vec::with_capacity(windows.len());
    for w in windows {
        match out.last_mut() {
            // widen_back(w.start) <= w.start <= last.end: they overlap.
            Some(last) if w.start <= last.end => {
                // last.end is whitespace or the end of the text, so a window
                // ending before it widens to it at most.
                if w.end > last.end {
                    last.end = widen_forward(text, w.end);
                }
            }
            Some(last) => match widen_back_to(text, w.start, last.end) {
                None => last.end = last.end.max(widen_forward(text, w.end)),
                Some(start) => out.push(start..widen_forward(text, w.end)),
            },
            None => out.push(widen_back(text, w.start)..widen_forward(text, w.end)),
        }
    }
    out
}

/// The start of the whitespace-delimited word containing `at`.
fn widen_back(text: &str, at: usize) -> usize {
    widen_back_to(text, at, 0).unwrap_or(0)
}

/// As [`widen_back`] if that is after `limit` (a char boundary at or before
/// `at`), else `None`: the scan stops at `limit`.
fn widen_back_to(text: &str, at: usize, limit: usize) -> Option<usize> {
    text[limit..floor(text, at)]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map(|(i, c)| limit + i + c.len_utf8())
}

/// The end of the whitespace-delimited word containing `at`.
fn widen_forward(text: &str, at: usize) -> usize {
    let at = floor(text, at);
    text[at..]
        .char_indices()
        .find(|(_, c)| c.is_whitespace())
        .map_or(text.len(), |(i, _)| at + i)
}

fn floor(text: &str, at: usize) -> usize {
    (0..=at.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lits(pattern: &str) -> Option<Vec<String>> {
        anchors(pattern).map(|a| a.literals)
    }

    #[test]
    fn picks_the_most_selective_word() {
        let mut found = lits(r"\b(?:[0-9]+)\s+(?:دوله|بلد)\s+عضوين").unwrap();
        assert_eq!(found, ["عضوين"]);
        found = lits(r"\b(?:[0-9]+)\s+(?:دوله|بلد)\s+[a-z]").unwrap();
        found.sort();
        assert_eq!(found, ["بلد", "دوله"]);
        let a = anchors(r"[0-9]{1,3}\s?دوله\s?[a-z]{2}").unwrap();
        // `\s` and case-folded letters reach 3 bytes in UTF-8 (U+3000, the Kelvin sign).
        assert_eq!((a.before, a.after), (6, 9));
        assert_eq!(lits(r"الدوره\s+[0-9]+").unwrap(), vec!["الدوره"]);
    }

    #[test]
    fn optional_parts_are_not_required() {
        assert_eq!(lits(r"(?:الدوره)?\s*[0-9]+").unwrap().len(), 10);
        assert_eq!(lits(r"(?:الدوره)?\s*\w+"), None);
    }

    #[test]
    fn ascii_words_are_case_insensitive() {
        assert_eq!(lits(r"(?i)member\s+states").unwrap(), vec!["member"]);
    }

    #[test]
    fn merging_is_widening_each_window_then_merging() {
        // The merge as first written: widen every window, then merge.
        fn each(text: &str, mut windows: Vec<Range<usize>>) -> Vec<Range<usize>> {
            windows.sort_by_key(|w| w.start);
            let mut out: Vec<Range<usize>> = Vec::new();
            for w in windows {
                let (start, end) = (widen_back(text, w.start), widen_forward(text, w.end));
                match out.last_mut() {
                    Some(last) if start <= last.end => last.end = last.end.max(end),
                    _ => out.push(start..end),
                }
            }
            out
        }
        let word = "دوله_".repeat(40);
        for text in [
            format!("{word} ب {word}\u{2028}ج{word}  د"),
            "a bb ccc dddd eeeee ffffff".repeat(5),
        ] {
            let n = text.len();
            let mut windows = Vec::new();
            for (i, start) in (0..n).step_by(7).enumerate() {
                let len = [0, 3, 11, 40, 170][i % 5];
                windows.push(start..(start + len).min(n));
            }
            for k in [1, 2, 5, windows.len()] {
                let some: Vec<_> = windows.iter().step_by(k).cloned().collect();
                assert_eq!(
                    merge(&text, some.clone()),
                    each(&text, some.clone()),
                    "every {k}th window"
                );
                // As the scan keeps them ([`join`]), in any order of starts.
                let mut joined: Vec<Range<usize>> = Vec::new();
                for w in some.iter().rev().chain(&some).cloned() {
                    join(&mut joined, w);
                }
                let twice: Vec<_> = some.iter().rev().chain(&some).cloned().collect();
                assert_eq!(merge(&text, joined), each(&text, twice), "every {k}th window, joined");
            }
        }
    }

    #[test]
    fn windows_cover_the_match_and_align_to_whitespace() {
        let pre = Prefilter::new(&[anchors(r"بمشاركه\s+[0-9]+\s+دوله"), None]);
        let text = "كلام كثير هنا ثم بمشاركه 179 دوله، وكلام بعده طويل جدا";
        let hits = pre.scan(text);
        let windows = hits[0].as_ref().unwrap();
        assert_eq!(windows.len(), 1);
        assert!(text[windows[0].clone()].contains("بمشاركه 179 دوله"));
        assert!(hits[1].is_none(), "a pattern with no anchors runs everywhere");
    }
}
