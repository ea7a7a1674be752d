//! The text around a number: neighbouring words, digit runs that are times,
//! phone numbers, codes or addresses, and the context word sets.

use super::lexicon::NumberLexicon;
use super::Context;
use std::collections::HashSet;

/// Where to search next: after the match, or one character on for an
/// empty one.
pub(super) fn next_pos(text: &str, start: usize, end: usize) -> usize {
    if end > start {
        end
    } else {
        start + text[start..].chars().next().map_or(1, char::len_utf8)
    }
}

/// The digits (with their separators) a number starts with: `40` of
/// `40 ألف`, all of `1 234 567`.
pub(super) fn leading_digits(n: &str) -> &str {
    let end = n
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, ',' | '.' | '،' | ' ')))
        .unwrap_or(n.len());
    n[..end].trim_end_matches(|c: char| !c.is_ascii_digit())
}

/// The word just before `at`, separated by whitespace or a slash or a
/// bracket (`نوفمبر/تشرين الثاني`).
pub(super) fn previous_word(text: &str, at: usize) -> &str {
    let before = text[..at].trim_end();
    let start = before
        .rfind(|c: char| c.is_whitespace() || matches!(c, '/' | '('))
        // past the separator, whatever its width (U+2028 is 3 bytes)
        .map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
    let word = &before[start..];
    word.trim_matches(|c: char| !c.is_alphanumeric())
}

/// Where the word that ends at `at` starts: back over the letters glued
/// before a number (`و`, `ال` of `والمليون`).
pub(super) fn glued_start(text: &str, at: usize) -> usize {
    text[..at]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphabetic())
        .last()
        .map_or(at, |(i, _)| i)
}

/// The span of the word right after `at` on the same line, when only
/// spaces come between (none after punctuation: `ألفا. مواطنون`).
pub(super) fn word_after(text: &str, at: usize) -> Option<(usize, usize)> {
    let rest = &text[at..];
    let start = at + rest.find(|c: char| !(c.is_whitespace() && c != '\n' && c != '\r'))?;
    if start == at {
        return None;
    }
    let len = text[start..]
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(text.len() - start);
    (len > 0).then_some((start, start + len))
}

/// The whitespace-separated word just after `at`.
pub(super) fn next_word(text: &str, at: usize) -> &str {
    let after = text[at..].trim_start();
    let end = after.find(char::is_whitespace).unwrap_or(after.len());
    after[..end].trim_matches(|c: char| !c.is_alphanumeric())
}

/// A `-` is a minus sign unless it follows a letter or digit (`2019-2020`,
/// `كوفيد-19`) or a number across spaces (`10 -20`).
pub(super) fn minus_is_sign(text: &str, at: usize) -> bool {
    let before = &text[..at];
    match before.chars().next_back() {
        None => true,
        Some(c) if c.is_alphanumeric() => false,
        Some(_) => !before.trim_end().ends_with(|c: char| c.is_ascii_digit()),
    }
}

/// The characters before a digit run that make it part of something else:
/// a time (`10:30`), a date or URL (`/`), an address (`@`), a query
/// (`=`, `&`, `#`), a phone (`+`), or a longer number (`192.168`).
pub(super) fn left_context_ok(text: &str, start: usize) -> bool {
    let mut before = text[..start].chars().rev();
    match before.next() {
        Some(':' | '/' | '@' | '\\' | '=' | '&' | '#' | '+' | '_') => false,
        Some('.' | ',' | '،') => !before.next().is_some_and(|c| c.is_ascii_digit()),
        _ => true,
    }
}

/// The characters after a digit run that make it part of something else.
pub(super) fn right_context_ok(text: &str, end: usize) -> bool {
    let mut after = text[end..].chars();
    match after.next() {
        Some(':' | '/' | '@' | '\\' | '_') => false,
        Some('.' | ',' | '،') => !after.next().is_some_and(|c| c.is_ascii_digit()),
        _ => true,
    }
}

/// True when the digits at `start..end` are part of a phone number or a
/// code: a run of digit groups joined by single spaces, dashes or dots
/// that has 8 or more digits and a leading 0 or `+` (`0612345678`,
/// `+33 6 12 34 56 78`) or 3 or more groups (`06 12 34 56 78`), or that
/// has 3 or more groups joined by a dash or dot (`12-3-2024`). A run the
/// match covers whole is a grouped number (`1 414 021 100`).
pub(super) fn phone_or_code(text: &str, start: usize, end: usize) -> bool {
    let b = text.as_bytes();
    let is_sep = |c: u8| matches!(c, b' ' | b'-' | b'.');
    let mut s = start;
    while s >= 2 && is_sep(b[s - 1]) && b[s - 2].is_ascii_digit() {
        s -= 1;
        while s > 0 && b[s - 1].is_ascii_digit() {
            s -= 1;
        }
    }
    let mut e = end;
    while e + 1 < b.len() && is_sep(b[e]) && b[e + 1].is_ascii_digit() {
        e += 1;
        while e < b.len() && b[e].is_ascii_digit() {
            e += 1;
        }
    }
    let run = &text[s..e];
    let digits = run.bytes().filter(u8::is_ascii_digit).count();
    let groups = run
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .count();
    let plus = s > 0 && b[s - 1] == b'+';
    let whole = (s, e) == (start, end);
    if ip_address(run) {
        return true;
    }
    if groups >= 3 && !whole && run.contains(['-', '.']) {
        return true;
    }
    if digits < 8 {
        return false;
    }
    if plus || run.starts_with('0') && !run.starts_with("0.") && !run.starts_with("0,") {
        return true;
    }
    groups >= 3 && !whole
}

/// An IPv4 address written with three-digit groups (`192.168.100.200`),
/// which reads like dot thousands: four `.` groups of at most 255, none
/// after the first starting with 0 (thousands groups such as `000` or
/// `050` do; an address writes 0 and 50).
fn ip_address(run: &str) -> bool {
    let groups: Vec<&str> = run.split('.').collect();
    groups.len() == 4
        && groups.iter().all(|g| {
            !g.is_empty()
                && g.len() <= 3
                && g.bytes().all(|b| b.is_ascii_digit())
                && g.parse::<u16>().is_ok_and(|v| v <= 255)
        })
        && groups[1..].iter().all(|g| !g.starts_with('0'))
}

pub(super) fn context_sets(lx: &NumberLexicon) -> Context {
    let set = |v: &[String]| v.iter().cloned().collect::<HashSet<String>>();
    let c = &lx.context;
    let mut prefixes: Vec<String> = lx.prefixes.iter().chain(&lx.article_prefixes).cloned().collect();
    prefixes.sort_by_key(|p| std::cmp::Reverse(p.len()));
    Context {
        not_numbers: set(&c.not_numbers),
        pronoun_one: set(&c.pronoun_one),
        pronoun_after: set(&c.pronoun_after),
        ordinal_not_after: set(&c.ordinal_not_after),
        ordinal_not_after_number: set(&c.ordinal_not_after_number),
        ordinal_as_unit: set(&c.ordinal_as_unit),
        unit_after: set(&c.unit_after),
        fraction_before_article: set(&c.fraction_before_article),
        fraction_nouns: set(&c.fraction_nouns),
        particles: set(&c.particles),
        accusative_endings: c.accusative_endings.clone(),
        negative_not_after: set(&c.negative_not_after),
        construct: lx
            .scales
            .iter()
            .flat_map(|(&v, s)| s.construct.iter().map(move |w| (w.clone(), v as f64)))
            .collect(),
        and_words: lx.and.clone(),
        zero: set(&lx.zero),
        article_prefixes: set(&lx.article_prefixes),
        article: lx.article.clone(),
        prefixes,
        article_one: set(&c.article_one),
        article_one_before: set(&c.article_one_before),
    }
}
