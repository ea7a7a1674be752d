//! Word boundaries without the slow engine.
//!
//! The regex engines run a Unicode word boundary (`\b`) on non-ASCII text
//! only in their NFA simulations, many times slower than the lazy DFA, and
//! every placeholder expansion and lexicon alternative relies on `\b`. So a
//! [`BoundaryRegex`] is three engines, built from one parse of the pattern:
//!
//! - the *fast* regex, with every `\b` dropped and no capture groups, which
//!   the lazy DFA runs over the whole text to find where a candidate
//!   starts (dropping `\b` only widens what matches, so no real match
//!   starts before a candidate does; where the pattern's expansion allows,
//!   it is also loosened to a superset that compiles faster, see
//!   [`super::expansion`], which widens it further and changes nothing
//!   else);
//! - the *longest reach*, a forward lazy DFA of the same (widened) pattern
//!   that keeps every match: anchored at the candidate, it says how far
//!   any match from there can end (a bound: a wider pattern's reach is no
//!   shorter);
//! - the *exact* engines, the pattern as written, run anchored at the
//!   candidate and no further than that reach: they say whether a real
//!   match starts there and resolve its capture groups.
//!
//! A candidate with no real match at its start is dropped and the search
//! goes on one character after it. The result is exactly `\b`'s: the NFA
//! engines run only on the few bytes a match covers, and they carry only
//! the pattern's own groups (a boundary is not a group), so their state and
//! memory do not grow with the number of `\b` in a lexicon alternation.

use aho_corasick::AhoCorasick;
use regex_automata::nfa::thompson::backtrack::{self, BoundedBacktracker};
use regex_automata::nfa::thompson::pikevm::{self, PikeVM};
use regex_automata::nfa::thompson::{WhichCaptures, NFA};
use regex_automata::util::captures::Captures;
use regex_automata::util::pool::Pool;
use regex_automata::{hybrid, meta, Anchored, Input};
use regex_syntax::hir::Hir;
use std::sync::{Arc, OnceLock};

use super::expansion::{self, Expansion, PLACEHOLDER};

/// A regex whose `\b` are checked only where a match may start.
#[derive(Debug, Clone)]
pub struct BoundaryRegex {
    /// Shared by the clones.
    inner: Arc<Inner>,
}

/// The pattern and its engines, each compiled on first need: a check of a
/// short draft compiles only the patterns whose words it holds, and finds
/// candidates for fewer still.
#[derive(Debug)]
struct Inner {
    /// The pattern as written; dropped when both engines are built.
    source: std::sync::Mutex<Source>,
    /// The pattern without `\b` and without groups: candidate starts.
    fast: OnceLock<Option<meta::Regex>>,
    /// What checks a candidate.
    exact: OnceLock<Option<Compiled>>,
    /// Words one of which every match contains, when known: a text with
    /// none of them has no match, and is not searched.
    gate: OnceLock<AhoCorasick>,
}

/// What an exact check needs.
#[derive(Debug)]
struct Compiled {
    /// The pattern without `\b`, every match kept: anchored at a
    /// candidate, it gives the end of the longest match that starts there,
    /// which no real match from there passes.
    longest: Longest,
    /// The pattern as written.
    exact: Engines,
}

type NewCache<C> = Box<dyn Fn() -> C + Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>;

/// The two engines that resolve groups, on one NFA of the pattern as
/// written, each with a cache a thread. The lazy DFA would give up at the
/// first non-ASCII byte (Unicode `\b`), so it is not built.
#[derive(Debug)]
struct Engines {
    backtrack: BoundedBacktracker,
    pikevm: PikeVM,
    backtrack_caches: Pool<backtrack::Cache, NewCache<backtrack::Cache>>,
    pikevm_caches: Pool<pikevm::Cache, NewCache<pikevm::Cache>>,
}

/// A lazy DFA of the pattern without `\b` that keeps every match, so an
/// anchored search ends at the longest; a cache a thread.
#[derive(Debug)]
struct Longest {
    dfa: hybrid::dfa::DFA,
    caches: Pool<hybrid::dfa::Cache, NewCache<hybrid::dfa::Cache>>,
}

impl Longest {
    fn new(hir: &Hir) -> Option<Longest> {
        let nfa = NFA::compiler()
            .configure(
                NFA::config()
                    .nfa_size_limit(Some(NFA_LIMIT))
                    .which_captures(WhichCaptures::None),
            )
            .build_from_hir(hir)
            .ok()?;
        let dfa = hybrid::dfa::DFA::builder()
            .configure(
                hybrid::dfa::DFA::config()
                    .match_kind(regex_automata::MatchKind::All)
                    .cache_capacity(NFA_LIMIT),
            )
            .build_from_nfa(nfa)
            .ok()?;
        let d = dfa.clone();
        Some(Longest {
            caches: Pool::new(Box::new(move || d.create_cache())),
            dfa,
        })
    }

    /// Where the longest match anchored at the span's start ends; the
    /// span's end where the DFA cannot say (a bound that always holds).
    fn reach(&self, input: &Input<'_>) -> Option<usize> {
        let mut cache = self.caches.get();
        match self.dfa.try_search_fwd(&mut cache, input) {
            Ok(found) => found.map(|m| m.offset()),
            Err(_) => Some(input.end()),
        }
    }
}

/// Bytes of the backtracker's visited set: enough that a span of a few
/// hundred bytes fits even the largest lexicon alternation (its NFA has
/// tens of thousands of states); only the part a span needs is cleared.
const VISITED: usize = 2 << 20;

impl Engines {
    fn new(hir: &Hir) -> Option<Engines> {
        let nfa = NFA::compiler()
            .configure(NFA::config().nfa_size_limit(Some(NFA_LIMIT)))
            .build_from_hir(hir)
            .ok()?;
        let backtrack = BoundedBacktracker::builder()
            .configure(backtrack::Config::new().visited_capacity(VISITED))
            .build_from_nfa(nfa.clone())
            .ok()?;
        let pikevm = PikeVM::new_from_nfa(nfa).ok()?;
        let (b, p) = (backtrack.clone(), pikevm.clone());
        Some(Engines {
            backtrack_caches: Pool::new(Box::new(move || b.create_cache())),
            pikevm_caches: Pool::new(Box::new(move || p.create_cache())),
            backtrack,
            pikevm,
        })
    }

    /// The match anchored at the start of `input`'s span, with its groups.
    fn search(&self, input: &Input<'_>) -> Captures {
        let mut caps = self.pikevm.create_captures();
        if input.get_span().len() <= self.backtrack.max_haystack_len() {
            let mut cache = self.backtrack_caches.get();
            // Cannot fail: the span fits the visited set.
            let _ = self.backtrack.try_search(&mut cache, input, &mut caps);
        } else {
            let mut cache = self.pikevm_caches.get();
            self.pikevm.search(&mut cache, input, &mut caps);
        }
        caps
    }
}

/// A pattern before its engines are built.
#[derive(Debug)]
enum Source {
    /// Parsed at load (to report its errors and read its words); shared
    /// by the two engines' builds, which run without the lock.
    Parsed(Arc<Trees>),
    /// Known to parse (it did, with these packs and this build), parsed
    /// only if a text needs it: pattern, case-insensitive.
    Text(String, bool),
    /// Known to parse, as a template and the expansion that goes where
    /// its placeholder is ([`super::expansion`]): spliced, not parsed
    /// whole, when a text needs it.
    Spliced(String, Arc<Expansion>),
    /// Both engines are built.
    Released,
}

/// A parsed pattern: as written, for the exact engines, and what the
/// candidate engines run (without `\b`, and loosened where the pattern's
/// expansion allows). A spliced pattern makes each tree when an engine
/// first asks for it: a pattern that finds no candidate never copies the
/// expansion's exact tree.
#[derive(Debug)]
struct Trees {
    exact: OnceLock<Option<Hir>>,
    loose: OnceLock<Option<Hir>>,
    /// The template and the expansion's trees, when spliced.
    splice: Option<(Hir, Arc<Expansion>)>,
}

impl Trees {
    fn of(exact: Hir) -> Trees {
        Trees {
            exact: OnceLock::from(Some(exact)),
            loose: OnceLock::new(),
            splice: None,
        }
    }

    fn exact(&self) -> Option<&Hir> {
        self.exact
            .get_or_init(|| self.spliced(|parsed| &parsed.exact, Hir::clone))
            .as_ref()
    }

    fn loose(&self) -> Option<&Hir> {
        self.loose
            .get_or_init(|| match &self.splice {
                Some(_) => self.spliced(|parsed| &parsed.loose, without_boundaries),
                None => self.exact().map(without_boundaries),
            })
            .as_ref()
    }

    /// The template, made ready by `ready`, with the expansion's tree
    /// `which` spliced in (known to splice: it was checked when the trees
    /// were made).
    fn spliced(&self, which: impl Fn(&expansion::Parsed) -> &Hir, ready: impl Fn(&Hir) -> Hir) -> Option<Hir> {
        let (template, expansion) = self.splice.as_ref()?;
        let parsed = expansion.parsed()?;
        expansion::splice(&ready(template), which(parsed), parsed.groups())
    }

    /// `template` parsed, to have the expansion spliced in; `None` where a
    /// splice would not give the whole text's tree.
    fn spliced_of(template: &str, expansion: Arc<Expansion>) -> Option<Trees> {
        if !expansion::splices(template) {
            return None;
        }
        let parsed = expansion.parsed()?;
        let template = expansion::parser(expansion.case_insensitive()).parse(template).ok()?;
        if !expansion::splice_checks(&template, parsed) {
            return None;
        }
        Some(Trees {
            exact: OnceLock::new(),
            loose: OnceLock::new(),
            splice: Some((template, expansion)),
        })
    }
}

fn parse(pattern: &str, case_insensitive: bool) -> Result<Hir, PatternError> {
    expansion::parser(case_insensitive)
        .parse(pattern)
        .map_err(|e| PatternError(e.to_string()))
}

impl Source {
    /// The parsed pattern, parsing it now if need be.
    fn trees(&mut self) -> Option<Arc<Trees>> {
        match self {
            Source::Text(pattern, case_insensitive) => {
                let parsed = parse(pattern, *case_insensitive).ok();
                *self = parsed.map_or(Source::Released, |hir| Source::Parsed(Arc::new(Trees::of(hir))));
            }
            Source::Spliced(template, expansion) => {
                let trees = Trees::spliced_of(template, expansion.clone()).or_else(|| {
                    let whole = template.replacen(PLACEHOLDER, expansion.text(), 1);
                    parse(&whole, expansion.case_insensitive()).ok().map(Trees::of)
                });
                *self = trees.map_or(Source::Released, |trees| Source::Parsed(Arc::new(trees)));
            }
            Source::Parsed(_) | Source::Released => {}
        }
        match self {
            Source::Parsed(trees) => Some(trees.clone()),
            _ => None,
        }
    }
}

/// Limits generous enough for lexicon alternations.
const NFA_LIMIT: usize = 64 << 20;

impl Inner {
    /// The parsed pattern (parsed by the first engine's build to ask);
    /// the lock is held only while parsing, so the two engines of one
    /// pattern compile at the same time on two threads.
    fn trees(&self) -> Option<Arc<Trees>> {
        self.source.lock().unwrap_or_else(|e| e.into_inner()).trees()
    }

    /// The fast regex. `None` only if the pattern that parsed does not
    /// compile within the size limits.
    fn fast(&self) -> Option<&meta::Regex> {
        if let Some(fast) = self.fast.get() {
            return fast.as_ref();
        }
        let fast = self.fast.get_or_init(|| {
            self.trees().and_then(|trees| {
                meta::Regex::builder()
                    .configure(
                        meta::Config::new()
                            .nfa_size_limit(Some(NFA_LIMIT))
                            .hybrid_cache_capacity(NFA_LIMIT)
                            .which_captures(WhichCaptures::Implicit),
                    )
                    .build_from_hir(trees.loose()?)
                    .ok()
            })
        });
        self.release();
        fast.as_ref()
    }

    /// The engines of the exact check, as for [`Inner::fast`].
    fn exact(&self) -> Option<&Compiled> {
        if let Some(exact) = self.exact.get() {
            return exact.as_ref();
        }
        let exact = self.exact.get_or_init(|| {
            self.trees().and_then(|trees| {
                Some(Compiled {
                    longest: Longest::new(trees.loose()?)?,
                    exact: Engines::new(trees.exact()?)?,
                })
            })
        });
        self.release();
        exact.as_ref()
    }

    /// Drops the parsed pattern once both engines are built (it is the
    /// larger part of a pattern's memory, and nothing else reads it). Each
    /// build calls it after its own engine is set, so the later of two
    /// concurrent builds sees both.
    fn release(&self) {
        if self.fast.get().is_some() && self.exact.get().is_some() {
            *self.source.lock().unwrap_or_else(|e| e.into_inner()) = Source::Released;
        }
    }
}

/// Why a pattern does not parse, in the words the regex crate uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError(String);

impl std::fmt::Display for PatternError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PatternError {}

impl BoundaryRegex {
    /// Parses `pattern` (case-insensitive when asked), so a syntax error is
    /// reported here; the engines compile on first need, with generous size
    /// limits for lexicon alternations.
    pub fn new(pattern: &str, case_insensitive: bool) -> Result<BoundaryRegex, PatternError> {
        Ok(BoundaryRegex::parse(pattern, case_insensitive)?.0)
    }

    /// As [`BoundaryRegex::new`], also giving the parsed pattern (for a
    /// caller that reads it, as the prefilter does, without a second parse).
    pub fn parse(pattern: &str, case_insensitive: bool) -> Result<(BoundaryRegex, Hir), PatternError> {
        let hir = parse(pattern, case_insensitive)?;
        Ok((BoundaryRegex::of(Source::Parsed(Arc::new(Trees::of(hir.clone())))), hir))
    }

    /// As [`BoundaryRegex::parse`] of `template` with `expansion`'s text
    /// where [`PLACEHOLDER`] is, the expansion parsed once for all the
    /// patterns that share it and spliced in as a tree (which is the
    /// whole text's tree; where a splice would not be, the whole text is
    /// parsed). An error is the whole text's.
    pub fn parse_spliced(template: &str, expansion: Arc<Expansion>) -> Result<(BoundaryRegex, Hir), PatternError> {
        match Trees::spliced_of(template, expansion.clone()) {
            Some(trees) if trees.exact().is_some() => {
                let hir = trees.exact().cloned().unwrap_or_else(Hir::empty);
                Ok((BoundaryRegex::of(Source::Parsed(Arc::new(trees))), hir))
            }
            _ => BoundaryRegex::parse(
                &template.replacen(PLACEHOLDER, expansion.text(), 1),
                expansion.case_insensitive(),
            ),
        }
    }

    /// As [`BoundaryRegex::known`], of `template` with `expansion` where
    /// its placeholder is, spliced when a text first needs the engines.
    pub fn known_spliced(template: &str, expansion: Arc<Expansion>) -> BoundaryRegex {
        BoundaryRegex::of(Source::Spliced(template.to_string(), expansion))
    }

    /// A pattern known to parse (it did before, with the same packs and
    /// build), parsed only when a text first needs its engines: a short
    /// check never parses the patterns whose words it lacks.
    pub fn known(pattern: &str, case_insensitive: bool) -> BoundaryRegex {
        BoundaryRegex::of(Source::Text(pattern.to_string(), case_insensitive))
    }

    fn of(source: Source) -> BoundaryRegex {
        BoundaryRegex {
            inner: Arc::new(Inner {
                source: std::sync::Mutex::new(source),
                fast: OnceLock::new(),
                exact: OnceLock::new(),
                gate: OnceLock::new(),
            }),
        }
    }

    /// Says that every match contains one of `words` (ASCII letters in
    /// any case: the words are matched ignoring ASCII case), as the
    /// prefilter's anchors of the pattern do: a search of a text with none
    /// of them then finds nothing without compiling or running the
    /// engines. Only the first call counts; no words, no gate.
    pub fn require_one_of(&self, words: &[String]) {
        if words.is_empty() || words.iter().any(String::is_empty) || self.inner.gate.get().is_some() {
            return;
        }
        if let Ok(gate) = AhoCorasick::builder().ascii_case_insensitive(true).build(words) {
            let _ = self.inner.gate.set(gate);
        }
    }

    /// The tree the exact engines are built from, made now if need be;
    /// `None` once they are built.
    #[cfg(test)]
    pub(crate) fn exact_tree(&self) -> Option<Hir> {
        self.inner.trees().and_then(|t| t.exact().cloned())
    }

    /// Compiles the engine that finds candidates now, if it is not built
    /// yet (a search compiles it on first need).
    pub fn compile_fast(&self) {
        self.inner.fast();
    }

    /// Compiles the engines that check candidates now, if they are not
    /// built yet. With [`BoundaryRegex::compile_fast`] on another thread,
    /// both compile at once.
    pub fn compile_exact(&self) {
        self.inner.exact();
    }

    /// Whether the engine that finds candidates is built (or failed to).
    pub fn is_fast_compiled(&self) -> bool {
        self.inner.fast.get().is_some()
    }

    /// Every match in `text[range]`, leftmost first, not overlapping, whose
    /// boundaries hold in the whole of `text`.
    pub fn captures_in<'h>(&self, text: &'h str, range: std::ops::Range<usize>) -> Vec<Caps<'h>> {
        let mut out = Vec::new();
        self.captures_each(text, range, &mut |caps| out.push(caps));
        out
    }

    /// As [`BoundaryRegex::captures_in`], each match handed to `each` as
    /// it is found: a long text's matches are never all held at once.
    pub fn captures_each<'h>(&self, text: &'h str, range: std::ops::Range<usize>, each: &mut dyn FnMut(Caps<'h>)) {
        if let Some(gate) = self.inner.gate.get() {
            if range.start > range.end || !gate.is_match(aho_corasick::Input::new(text).span(range.clone())) {
                return;
            }
        }
        let Some(fast) = self.inner.fast() else {
            return;
        };
        let mut pos = range.start;
        while pos <= range.end {
            let Some(candidate) = fast.search(&Input::new(text).range(pos..range.end)) else {
                break;
            };
            let start = candidate.start();
            let Some(caps) = self.exact_at(text, start..range.end) else {
                pos = next_char(text, start);
                continue;
            };
            let end = caps.get(0).map_or(start, |m| m.end());
            pos = if end > start { end } else { next_char(text, end) };
            each(caps);
        }
    }

    /// Every match in the whole text.
    pub fn captures_all<'h>(&self, text: &'h str) -> Vec<Caps<'h>> {
        self.captures_in(text, 0..text.len())
    }

    /// The match with real `\b` that starts at `span.start`, if there is
    /// one; the text around the span is still read for `\b`.
    fn exact_at<'h>(&self, text: &'h str, span: std::ops::Range<usize>) -> Option<Caps<'h>> {
        let Compiled { longest, exact } = self.inner.exact()?;
        // The exact engines then read no further than a match can reach,
        // which lets the bounded backtracker take most candidates.
        let start = span.start;
        let reach = longest.reach(&Input::new(text).range(span).anchored(Anchored::Yes))?;
        let caps = exact.search(&Input::new(text).range(start..reach).anchored(Anchored::Yes));
        caps.is_match().then_some(Caps { text, caps })
    }
}

/// The groups of one match.
#[derive(Debug, Clone)]
pub struct Caps<'h> {
    text: &'h str,
    caps: Captures,
}

impl<'h> Caps<'h> {
    /// Group `i` (0 is the whole match), if it took part.
    pub fn get(&self, i: usize) -> Option<Group<'h>> {
        let span = self.caps.get_group(i)?;
        Some(Group {
            text: self.text,
            start: span.start,
            end: span.end,
        })
    }

    /// The group named `name`, if it took part.
    pub fn name(&self, name: &str) -> Option<Group<'h>> {
        let span = self.caps.get_group_by_name(name)?;
        Some(Group {
            text: self.text,
            start: span.start,
            end: span.end,
        })
    }
}

impl std::ops::Index<usize> for Caps<'_> {
    type Output = str;

    /// The text of group `i`; panics if it did not take part.
    fn index(&self, i: usize) -> &str {
        let span = self.caps.get_group(i).expect("the group took part in the match");
        &self.text[span.start..span.end]
    }
}

/// Where one group matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Group<'h> {
    text: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Group<'h> {
    /// Its first byte.
    pub fn start(&self) -> usize {
        self.start
    }

    /// The byte after its last.
    pub fn end(&self) -> usize {
        self.end
    }

    /// Its text.
    pub fn as_str(&self) -> &'h str {
        &self.text[self.start..self.end]
    }

    /// Its byte range.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

fn next_char(text: &str, at: usize) -> usize {
    at + text[at..].chars().next().map_or(1, char::len_utf8)
}

/// The pattern with every word boundary (`\b`, Unicode or ASCII) made
/// empty: it matches wherever the pattern does, and more.
pub fn without_boundaries(hir: &Hir) -> Hir {
    use regex_syntax::hir::{HirKind, Look};
    match hir.kind() {
        HirKind::Look(Look::WordUnicode | Look::WordAscii) => Hir::empty(),
        _ => expansion::with_children(hir, without_boundaries),
    }
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
    fn a_gate_skips_texts_without_its_words_only() {
        let re = BoundaryRegex::known(r"\b(?:lundi|mardi)\s+[0-9]+\b", true);
        re.require_one_of(&["lundi".to_string(), "mardi".to_string()]);
        let all = |text: &str| -> Vec<String> { re.captures_all(text).iter().map(|c| c[0].to_string()).collect() };
        assert!(all("rien ici 12").is_empty());
        assert!(
            re.inner.fast.get().is_none(),
            "no engine compiled for a text without the words"
        );
        assert_eq!(all("LUNDI 3 et mardi 4"), ["LUNDI 3", "mardi 4"]);
        assert!(re.captures_in("lundi 3", 1..7).is_empty());
    }

    /// A spliced pattern, its count-like expansion loosened for the
    /// candidate engines, finds what the whole text finds, groups before
    /// and after the placeholder included.
    #[test]
    fn a_spliced_loosened_pattern_matches_as_the_whole_text() {
        let words = (0..1200).map(|i| format!("n{i}")).collect::<Vec<_>>().join("|");
        let expansion = format!(r"\b(?P<value>(?:{words})(?:\s+و\s*(?:{words}))*)\b");
        let template = format!(r"(وفود|ممثلو)\s+{PLACEHOLDER}\s+(دوله|بلدا)");
        let whole = BoundaryRegex::new(&template.replacen(PLACEHOLDER, &expansion, 1), true).unwrap();
        let shared = Expansion::shared(&expansion, true, true);
        let parsed = shared.parsed().unwrap();
        assert_ne!(parsed.loose, without_boundaries(&parsed.exact), "loosened");
        let (spliced, _) = BoundaryRegex::parse_spliced(&template, shared).unwrap();
        let text = "وفود n12 دوله، ممثلو n3 و n1199 بلدا وفود n7n8 دوله وفود n5 و دوله ممثلو n1 بلدا";
        let groups = |re: &BoundaryRegex| -> Vec<Vec<Option<String>>> {
            re.captures_all(text)
                .iter()
                .map(|c| (0..4).map(|i| c.get(i).map(|g| g.as_str().to_string())).collect())
                .collect()
        };
        let found = groups(&whole);
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(groups(&spliced), found);
    }

    #[test]
    fn only_word_boundaries_are_dropped() {
        let parse = |p: &str| regex_syntax::parse(p).unwrap();
        assert_eq!(without_boundaries(&parse(r"\bماي\b")), parse("ماي"));
        assert_eq!(
            without_boundaries(&parse(r"a\\b\b{start}(?-u:\b)x")),
            parse(r"a\\b\b{start}x")
        );
    }
}
