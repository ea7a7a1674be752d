//! Word boundaries without the slow engine.
//!
//! The regex crate runs a Unicode word boundary (`\b`) on non-ASCII text
//! only in its PikeVM, several times slower than its lazy DFA, and every
//! placeholder expansion and lexicon alternative relies on `\b`. So
//! [`BoundaryRegex`] compiles a pattern with each `\b` turned into an empty
//! named group, lets the DFA find candidate matches, and then checks in code
//! that each such group that took part sits on a word boundary of the whole
//! text. A candidate that fails is dropped and the search goes on one
//! character after its start.
//!
//! A failed candidate is not simply dropped: where the DFA took an
//! alternative whose boundary fails (`2026 م` of `2026 من`, where the year
//! may end in `م`), a backtracking engine with real `\b` would have gone on
//! to a shorter alternative at the same start. So the pattern is also kept
//! with its real `\b` (compiled on first need): an anchored search at the
//! candidate's start, bounded by the length of a match, says whether an
//! exact match starts there, and if so its captures come from that regex.
//! The result is exactly `\b`'s; the slow engine runs only where the fast
//! candidate was wrong, and only as far as one match reaches.

use regex::{Captures, Regex, RegexBuilder};
use regex_automata::{meta, Anchored, Input};
use std::sync::{Arc, OnceLock};

/// Prefix of the empty groups that stand for `\b`.
const GROUP: &str = "__b";

/// A regex whose `\b` are checked in code.
#[derive(Debug, Clone)]
pub struct BoundaryRegex {
    regex: Regex,
    /// Capture indices of the boundary groups.
    groups: Vec<usize>,
    /// The pattern with its real `\b`, for candidates whose boundaries fail.
    exact: Arc<Exact>,
}

/// The pattern as written, compiled on first need (most patterns never
/// need it), shared by the clones of a [`BoundaryRegex`].
#[derive(Debug)]
struct Exact {
    pattern: String,
    case_insensitive: bool,
    compiled: OnceLock<Option<(meta::Regex, Regex)>>,
}

impl Exact {
    /// The anchored searcher and the regex that gives captures. `None` only
    /// if the exact form does not compile where the fast one did (it has no
    /// more syntax than the fast one, so this does not happen in practice).
    fn get(&self) -> Option<&(meta::Regex, Regex)> {
        self.compiled
            .get_or_init(|| {
                let anchored = meta::Regex::builder()
                    .syntax(regex_automata::util::syntax::Config::new().case_insensitive(self.case_insensitive))
                    .configure(meta::Config::new().nfa_size_limit(Some(64 << 20)))
                    .build(&self.pattern)
                    .ok()?;
                Some((anchored, build(&self.pattern, self.case_insensitive).ok()?))
            })
            .as_ref()
    }
}

fn build(pattern: &str, case_insensitive: bool) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern)
        .case_insensitive(case_insensitive)
        .size_limit(64 << 20)
        .dfa_size_limit(64 << 20)
        .build()
}

impl BoundaryRegex {
    /// Compiles `pattern` (case-insensitive when asked, with generous size
    /// limits for lexicon alternations).
    pub fn new(pattern: &str, case_insensitive: bool) -> Result<BoundaryRegex, regex::Error> {
        let regex = build(&replace_boundaries(pattern), case_insensitive)?;
        let groups = regex
            .capture_names()
            .enumerate()
            .filter(|(_, n)| n.is_some_and(|n| n.starts_with(GROUP)))
            .map(|(i, _)| i)
            .collect();
        let exact = Arc::new(Exact {
            pattern: pattern.to_string(),
            case_insensitive,
            compiled: OnceLock::new(),
        });
        Ok(BoundaryRegex { regex, groups, exact })
    }

    /// The compiled regex (its `\b` replaced by empty groups).
    pub fn regex(&self) -> &Regex {
        &self.regex
    }

    /// Every match in `text[range]`, leftmost first, not overlapping, whose
    /// boundaries hold in the whole of `text`.
    pub fn captures_in<'h>(&self, text: &'h str, range: std::ops::Range<usize>) -> Vec<Captures<'h>> {
        let hay = &text[..range.end];
        let mut out = Vec::new();
        let mut pos = range.start;
        while pos <= hay.len() {
            let Some(caps) = self.regex.captures_at(hay, pos) else {
                break;
            };
            let whole = caps.get(0).expect("group 0 always matches");
            let start = whole.start();
            let caps = if self.boundaries_hold(text, &caps) {
                caps
            } else if let Some(exact) = self.exact_at(hay, start) {
                exact
            } else {
                pos = next_char(hay, start);
                continue;
            };
            let end = caps.get(0).expect("group 0 always matches").end();
            pos = if end > start { end } else { next_char(hay, end) };
            out.push(caps);
        }
        out
    }

    /// Every match in the whole text.
    pub fn captures_all<'h>(&self, text: &'h str) -> Vec<Captures<'h>> {
        self.captures_in(text, 0..text.len())
    }

    /// The match with real `\b` that starts at `start`, if there is one.
    fn exact_at<'h>(&self, hay: &'h str, start: usize) -> Option<Captures<'h>> {
        let (anchored, regex) = self.exact.get()?;
        let input = Input::new(hay).range(start..).anchored(Anchored::Yes);
        anchored.search(&input)?;
        // The leftmost match from `start` is the one that starts there.
        regex
            .captures_at(hay, start)
            .filter(|c| c.get(0).is_some_and(|m| m.start() == start))
    }

    fn boundaries_hold(&self, text: &str, caps: &Captures) -> bool {
        self.groups
            .iter()
            .filter_map(|&i| caps.get(i))
            .all(|m| is_boundary(text, m.start()))
    }
}

/// Whether `at` is a word boundary of `text`, as Unicode `\b` means it.
pub fn is_boundary(text: &str, at: usize) -> bool {
    let before = text[..at].chars().next_back().is_some_and(is_word);
    let after = text[at..].chars().next().is_some_and(is_word);
    before != after
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || matches!(c, '\u{0300}'..='\u{036F}' | '\u{064B}'..='\u{065F}' | '\u{0670}')
}

fn next_char(text: &str, at: usize) -> usize {
    at + text[at..].chars().next().map_or(1, char::len_utf8)
}

/// Replaces every `\b` (not `\\b`, not `\b{…}`) with an empty named group.
pub fn replace_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 64);
    let mut chars = pattern.chars().peekable();
    let mut n = 0;
    let mut in_class = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let next = chars.next();
                if next == Some('b') && in_class == 0 && chars.peek() != Some(&'{') {
                    out.push_str(&format!("(?P<{GROUP}{n}>)"));
                    n += 1;
                } else {
                    out.push('\\');
                    out.extend(next);
                }
            }
            '[' => {
                in_class += 1;
                out.push(c);
            }
            ']' if in_class > 0 => {
                in_class -= 1;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(pattern: &str, text: &str) -> Vec<String> {
        let re = BoundaryRegex::new(pattern, true).unwrap();
        re.captures_all(text).iter().map(|c| c[0].to_string()).collect()
    }

    #[test]
    fn boundaries_behave_like_backslash_b() {
        assert_eq!(found(r"\bماي\b", "في ماي 2024 ومايكل"), ["ماي"]);
        assert_eq!(found(r"\b[0-9]+\b", "a1 22 3b 44"), ["22", "44"]);
        assert_eq!(found(r"\bدوله", "الدوله دوله"), ["دوله"]);
    }

    #[test]
    fn a_failed_candidate_does_not_hide_a_later_match() {
        assert_eq!(found(r"\b179\b", "2179 179"), ["179"]);
    }

    #[test]
    fn a_failed_longer_alternative_falls_back_to_a_shorter_one() {
        // The DFA takes `2026 م` (a year with its suffix), whose end is no
        // boundary in `2026 من`; `\b` would have matched `2026` alone.
        assert_eq!(found(r"\b[0-9]{4}(?:\s*م)?\b", "في 2026 من"), ["2026"]);
        assert_eq!(found(r"\b[0-9]{4}(?:\s*م)?\b", "في 2026 م و2027م"), ["2026 م"]);
    }

    #[test]
    fn escapes_and_classes_are_left_alone() {
        assert_eq!(
            replace_boundaries(r"a\\b[\b]\b{start}\b"),
            r"a\\b[\b]\b{start}(?P<__b0>)"
        );
    }
}
