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
//! This is exactly `\b` except in one case: where a failed boundary would
//! have sent a backtracking engine to another alternative of the same match.
//! Lexicon alternatives are ordered longest first, so the first alternative
//! the DFA takes is the one `\b` would have kept.

use regex::{Captures, Regex, RegexBuilder};

/// Prefix of the empty groups that stand for `\b`.
const GROUP: &str = "__b";

/// A regex whose `\b` are checked in code.
#[derive(Debug, Clone)]
pub struct BoundaryRegex {
    regex: Regex,
    /// Capture indices of the boundary groups.
    groups: Vec<usize>,
}

impl BoundaryRegex {
    /// Compiles `pattern` (case-insensitive when asked, with generous size
    /// limits for lexicon alternations).
    pub fn new(pattern: &str, case_insensitive: bool) -> Result<BoundaryRegex, regex::Error> {
        let regex = RegexBuilder::new(&replace_boundaries(pattern))
            .case_insensitive(case_insensitive)
            .size_limit(64 << 20)
            .dfa_size_limit(64 << 20)
            .build()?;
        let groups = regex
            .capture_names()
            .enumerate()
            .filter(|(_, n)| n.is_some_and(|n| n.starts_with(GROUP)))
            .map(|(i, _)| i)
            .collect();
        Ok(BoundaryRegex { regex, groups })
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
            if self.boundaries_hold(text, &caps) {
                pos = if whole.end() > whole.start() {
                    whole.end()
                } else {
                    next_char(hay, whole.end())
                };
                out.push(caps);
            } else {
                pos = next_char(hay, whole.start());
            }
        }
        out
    }

    /// Every match in the whole text.
    pub fn captures_all<'h>(&self, text: &'h str) -> Vec<Captures<'h>> {
        self.captures_in(text, 0..text.len())
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
    fn escapes_and_classes_are_left_alone() {
        assert_eq!(
            replace_boundaries(r"a\\b[\b]\b{start}\b"),
            r"a\\b[\b]\b{start}(?P<__b0>)"
        );
    }
}
