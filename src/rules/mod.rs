//! Rule packs: load YAML, validate, expand placeholders, compile once.
//!
//! A pack file ([`PackSpec`]) names its language and subject words and holds
//! rules ([`RuleSpec`]). [`RuleSet::load`] turns files into compiled
//! [`Rule`]s and reports every problem as a [`RuleError`] pointing into the
//! file. YAML is read through [`crate::yaml`], the one module that names
//! the parser.
//!
//! A rule's patterns are regexes over folded text (see [`crate::text::normalize`])
//! with exactly one value placeholder each. Its `examples` and `allows` run
//! when the pack loads: a rule whose own examples fail never runs.

pub mod describe;
mod error;
mod examples;
mod load;
mod locate;
pub mod prefilter;
mod spec;

pub use error::{RuleError, RuleErrorKind};
pub use examples::CaseResult;
pub use load::compile_pattern;
pub use spec::{Example, PackSpec, RuleSpec, Severity};

use crate::diagnostic::TextSource;
use crate::grammar::{Grammar, Kind, NumberReading, Placeholder};
use crate::model::value::{NumberSet, Qualifier, Rounding, Value};
use crate::text::boundary::BoundaryRegex;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// The packs built into the binary: (file name, contents).
pub const DEFAULT_PACKS: &[(&str, &str)] = &[("interpol.yaml", include_str!("../../rules/interpol.yaml"))];

/// A compiled pattern.
#[derive(Debug)]
pub struct Pattern {
    /// As written in the pack.
    pub source: String,
    /// After folding and placeholder expansion.
    pub expanded: String,
    pub regex: BoundaryRegex,
    pub placeholder: Placeholder,
    /// The words one of which every match contains (see [`prefilter`]).
    pub anchors: Option<prefilter::Anchors>,
}

/// A compiled rule.
#[derive(Debug)]
pub struct Rule {
    /// `pack.id`: the key its claims go under.
    pub key: String,
    /// The same key, shared by every claim of the rule.
    pub claim_key: std::sync::Arc<str>,
    pub id: String,
    pub pack: String,
    pub title: String,
    pub kind: Kind,
    pub severity: Severity,
    pub tolerance: f64,
    /// How a round figure with a scale word is read (`round:`).
    pub round: Rounding,
    pub help: Option<String>,
    pub patterns: Vec<Pattern>,
    /// A `name` rule's preferred spelling, folded.
    pub canonical: Option<String>,
    pub near: Vec<String>,
    /// Folded `not-near` words: a match with one of them near is dropped.
    pub not_near: Vec<String>,
    /// How the fact changes over time; `None` for a static fact.
    pub evolves: Option<crate::news::Evolves>,
    /// The update group the rule's figures are reported in.
    pub update: Option<Arc<str>>,
    /// The key of the rule whose claims name the instance of the event
    /// the rule's facts belong to (`compare::scope`).
    pub scope: Option<Arc<str>>,
    /// The pack's news words: as-of, attribution, stance.
    pub news: Arc<crate::news::NewsReader>,
    /// The `near` words as written, each once.
    pub near_written: Vec<String>,
    pub near_window: usize,
    pub examples: Vec<Example>,
    pub allows: Vec<String>,
    /// Folded subject words of the pack.
    pub about: Arc<Vec<String>>,
    /// The pack's subject words as written, each once (for `rules explain`).
    pub about_written: Arc<Vec<String>>,
    pub grammar: Arc<Grammar>,
}

/// A value a rule read, with where it sits in the folded text.
#[derive(Debug, Clone)]
pub struct RuleMatch {
    pub start: usize,
    pub end: usize,
    pub value: Value,
}

impl Rule {
    /// Whether an article (folded) is about the rule's subject.
    /// `about` words match whatever their case in the text ("Floods" is
    /// about `floods`).
    pub fn applies_to(&self, folded: &str) -> bool {
        self.applies_within(folded, &std::cell::OnceCell::new())
    }

    /// [`Rule::applies_to`] with the text's lower-cased form made at most
    /// once for all the rules of a set.
    fn applies_within(&self, folded: &str, lower: &std::cell::OnceCell<String>) -> bool {
        self.about.is_empty()
            || self.about.iter().any(|w| {
                folded.contains(w.as_str())
                    || w.chars().any(char::is_lowercase)
                        && lower.get_or_init(|| folded.to_lowercase()).contains(w.as_str())
            })
    }

    /// Every value the rule reads in a folded text, in text order; where
    /// two patterns read the same place, the first pattern wins.
    pub fn find(&self, folded: &str, reference: Option<NaiveDate>) -> Vec<RuleMatch> {
        self.find_in(folded, reference, &|_| None)
    }

    /// As [`Rule::find`], each pattern searching only the windows
    /// `windows(i)` gives for its index `i` (the whole text for `None`).
    pub fn find_in(
        &self,
        folded: &str,
        reference: Option<NaiveDate>,
        windows: &dyn Fn(usize) -> Option<Vec<std::ops::Range<usize>>>,
    ) -> Vec<RuleMatch> {
        self.find_at(folded, reference, windows)
            .into_iter()
            .map(|(_, m)| m)
            .collect()
    }

    /// [`Rule::find_in`]'s matches, each with where its value starts.
    fn find_at(
        &self,
        folded: &str,
        reference: Option<NaiveDate>,
        windows: &dyn Fn(usize) -> Option<Vec<std::ops::Range<usize>>>,
    ) -> Vec<(usize, RuleMatch)> {
        // Patterns in order.
        let mut found: Vec<(usize, RuleMatch)> = Vec::new();
        for (i, pattern) in self.patterns.iter().enumerate() {
            let regions = windows(i).unwrap_or_else(|| std::iter::once(0..folded.len()).collect());
            for region in regions {
                self.search(pattern, folded, region, reference, &mut found);
            }
        }
        // Where two patterns read the same value, the first wins: the sort
        // is stable, and the first of each run is kept.
        found.sort_by_key(|(at, _)| *at);
        found.dedup_by_key(|(at, _)| *at);
        found
    }

    /// One pattern over one region of the text.
    fn search(
        &self,
        pattern: &Pattern,
        folded: &str,
        region: std::ops::Range<usize>,
        reference: Option<NaiveDate>,
        found: &mut Vec<(usize, RuleMatch)>,
    ) {
        pattern.regex.captures_each(folded, region, &mut |caps| {
            let (Some(whole), Some(value)) = (caps.get(0), caps.name("value")) else {
                return;
            };
            if !self.near_ok(folded, whole.start(), whole.end()) {
                return;
            }
            let value_at = value.start();
            let read = self
                .grammar
                .read(pattern.placeholder, self.kind, folded, &caps, reference, self.reading());
            let Some(read) = read.filter(|_| value.start() < value.end()) else {
                return;
            };
            let value = self.unless_moved(folded, value.start(), value.end(), read);
            found.push((
                value_at,
                RuleMatch {
                    start: whole.start(),
                    end: whole.end(),
                    value,
                },
            ));
        });
    }

    /// How the rule reads numbers.
    pub fn reading(&self) -> NumberReading {
        NumberReading {
            tolerance: self.tolerance,
            rounding: self.round,
        }
    }

    /// A range the sentence says a figure moved along (`ارتفع عدد القتلى
    /// من 4000 إلى 4500`, `rose from 4,000 to 4,500`, a `moved` word of the
    /// pack's news lexicon first) is no range: the figure is the one it
    /// moved to.
    fn unless_moved(&self, folded: &str, start: usize, end: usize, value: Value) -> Value {
        let Value::Number(NumberSet {
            qualifier: Qualifier::Range,
            ..
        }) = value
        else {
            return value;
        };
        let Some(crate::grammar::number::Count::Range { ends, values, .. }) =
            self.grammar.numbers().count_in(folded, start, end)
        else {
            return value;
        };
        let s = crate::news::sentence(folded, start..end);
        // A range across a line break lies in two sentences: no move.
        if ends[0].start < s.start || ends[1].end > s.end {
            return value;
        }
        let local = |r: &std::ops::Range<usize>| r.start - s.start..r.end - s.start;
        match self
            .news
            .moved_from(&folded[s.clone()], local(&ends[0]), local(&ends[1]))
        {
            Some(true) => Value::Number(NumberSet::exact(values[1])),
            _ => value,
        }
    }

    fn near_ok(&self, folded: &str, start: usize, end: usize) -> bool {
        if self.near.is_empty() && self.not_near.is_empty() {
            return true;
        }
        let from = back_chars(folded, start, self.near_window);
        let to = forward_chars(folded, end, self.near_window);
        let window = &folded[from..to];
        let near = self.near.is_empty() || self.near.iter().any(|w| window.contains(w.as_str()));
        near && !self.not_near.iter().any(|w| window.contains(w.as_str()))
    }
}

fn back_chars(s: &str, at: usize, n: usize) -> usize {
    s[..at]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

fn forward_chars(s: &str, at: usize, n: usize) -> usize {
    s[at..].char_indices().nth(n).map_or(s.len(), |(i, _)| at + i)
}

/// Expanded patterns known to parse, by their SHA-256, with the words each
/// requires: what a load needs from a pattern it does not parse.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct KnownPatterns {
    patterns: HashMap<String, Option<prefilter::Anchors>>,
}

impl KnownPatterns {
    fn id(expanded: &str) -> String {
        crate::text::sha256_hex(&[expanded.as_bytes()])
    }

    /// The words of `expanded`, if it is known (`Some(None)`: known, with
    /// no useful words).
    pub fn get(&self, expanded: &str) -> Option<&Option<prefilter::Anchors>> {
        self.patterns.get(&KnownPatterns::id(expanded))
    }
}

/// Every loaded rule, in load order, and the grammars of their languages.
#[derive(Debug, Default)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
    /// One grammar a language (with no pack's lexicon additions), for the
    /// checks that are not rules: datelines and weekdays.
    pub grammars: Vec<Arc<Grammar>>,
    /// The words of every pattern, in rule and pattern order.
    prefilter: Option<prefilter::Prefilter>,
    /// The words of the grammars' full-text regexes (weekdays beside
    /// dates, datelines), by the id of their source, for the cache.
    full_text: Vec<(String, Option<prefilter::Anchors>)>,
}

impl RuleSet {
    /// Drops the compiled patterns (and the search caches each thread grew
    /// for them) once every article is extracted: comparison needs the
    /// rules' titles, kinds and keys, not their regexes. The rules then
    /// read nothing.
    pub fn release_matchers(&mut self) {
        for rule in &mut self.rules {
            rule.patterns = Vec::new();
        }
        self.prefilter = None;
    }

    /// Loads packs; all errors of all files, or the rules. Every rule's
    /// examples and allows must hold.
    pub fn load(sources: &[(String, String)]) -> Result<RuleSet, Vec<RuleError>> {
        Self::load_with(sources, true)
    }

    /// The JSON Schema of a rule pack file, from the same types serde reads.
    pub fn schema() -> String {
        let schema = schemars::schema_for!(PackSpec);
        let mut s = serde_json::to_string_pretty(&schema).expect("a schema serializes");
        s.push('\n');
        s
    }

    /// Loads packs; `check_examples: false` leaves the examples to
    /// [`Rule::test`] (for `crosscheck rules test`).
    pub fn load_with(sources: &[(String, String)], check_examples: bool) -> Result<RuleSet, Vec<RuleError>> {
        RuleSet::load_inner(sources, check_examples, None)
    }

    /// Loads packs that loaded before with the same texts and build, their
    /// examples passing: no example runs, and a pattern `known` is parsed
    /// only when a text first needs it (see [`RuleSet::known_patterns`]).
    pub fn load_known(sources: &[(String, String)], known: &KnownPatterns) -> Result<RuleSet, Vec<RuleError>> {
        RuleSet::load_inner(sources, false, Some(known))
    }

    /// What [`RuleSet::load_known`] needs to skip parsing these rules'
    /// patterns: each expanded pattern's words.
    pub fn known_patterns(&self) -> KnownPatterns {
        let patterns = self
            .rules
            .iter()
            .flat_map(|r| &r.patterns)
            .map(|p| (KnownPatterns::id(&p.expanded), p.anchors.clone()))
            .chain(self.full_text.iter().cloned())
            .collect();
        KnownPatterns { patterns }
    }

    fn load_inner(
        sources: &[(String, String)],
        check_examples: bool,
        known: Option<&KnownPatterns>,
    ) -> Result<RuleSet, Vec<RuleError>> {
        let mut set = RuleSet::default();
        let mut errors = Vec::new();
        let mut grammars: HashMap<String, Arc<Grammar>> = HashMap::new();
        for (name, text) in sources {
            let file = Arc::new(TextSource::new(name, text.clone()));
            match load::load_pack(&file, &mut grammars, &set, check_examples, known) {
                Ok(rules) => set.rules.extend(rules),
                Err(mut e) => errors.append(&mut e),
            }
        }
        let mut languages: Vec<_> = grammars.into_iter().collect();
        languages.sort_by(|a, b| a.0.cmp(&b.0));
        set.grammars = languages.into_iter().map(|(_, g)| g).collect();
        set.gate_full_text(known);
        set.build_prefilter();
        if errors.is_empty() {
            Ok(set)
        } else {
            Err(errors)
        }
    }

    /// Gives each grammar's full-text regexes the words one of which every
    /// match contains, so a text with none of them is not searched and
    /// compiles nothing: the words `known` has for their source, else
    /// those read from the parsed source (then kept for the cache).
    fn gate_full_text(&mut self, known: Option<&KnownPatterns>) {
        let mut full_text = Vec::new();
        for grammar in &self.grammars {
            for (source, regex) in grammar.dates.full_text_regexes() {
                let words = match known.and_then(|k| k.get(source)) {
                    Some(words) => words.clone(),
                    None => prefilter::anchors(source),
                };
                if let Some(words) = &words {
                    regex.require_one_of(&words.literals);
                }
                full_text.push((KnownPatterns::id(source), words));
            }
        }
        self.full_text = full_text;
    }

    /// Compiles now, on the pool's threads at once, every regex the rules
    /// and their grammars otherwise compile on first use. A run over a
    /// large corpus needs nearly all of them; compiled on first use, the
    /// first articles' worker compiles them one after another while the
    /// other workers wait for the same ones. The largest compile first,
    /// each thread taking the next job when done; the two engines of a
    /// pattern are two jobs.
    pub fn compile_all(&self) {
        let mut jobs: Vec<crate::grammar::CompileJob<'_>> = Vec::new();
        for pattern in self.rules.iter().flat_map(|r| &r.patterns) {
            let (size, regex) = (pattern.expanded.len(), &pattern.regex);
            jobs.push((size, Box::new(move || regex.compile_fast())));
            jobs.push((size, Box::new(move || regex.compile_exact())));
        }
        let mut grammars: Vec<&Grammar> = Vec::new();
        let mut numbers: Vec<&crate::grammar::number::NumberGrammar> = Vec::new();
        for grammar in self.grammars.iter().chain(self.rules.iter().map(|r| &r.grammar)) {
            if !grammars.iter().any(|g| std::ptr::eq(*g, &**grammar)) {
                grammars.push(grammar);
                jobs.extend(grammar.compile_jobs());
            }
            if !numbers.iter().any(|n| std::ptr::eq(*n, grammar.numbers())) {
                numbers.push(grammar.numbers());
                jobs.extend(grammar.numbers().compile_jobs());
            }
        }
        run_jobs(jobs);
    }

    /// The embedded packs.
    pub fn default_sources() -> Vec<(String, String)> {
        DEFAULT_PACKS
            .iter()
            .map(|(name, text)| (format!("<builtin>/{name}"), text.to_string()))
            .collect()
    }

    /// Reads pack files: a file, or every `.yaml`/`.yml` in a folder.
    pub fn read_sources(path: &Path) -> Result<Vec<(String, String)>, Vec<RuleError>> {
        let io_error = |p: &Path, e: std::io::Error| RuleError {
            kind: RuleErrorKind::Io,
            message: format!("cannot read rule file {}: {e}", p.display()),
            label: String::new(),
            help: None,
            span: None,
            file: Arc::new(TextSource::new(p.display().to_string(), String::new())),
        };
        let mut files = Vec::new();
        if path.is_dir() {
            let entries = std::fs::read_dir(path).map_err(|e| vec![io_error(path, e)])?;
            for entry in entries.flatten() {
                let p = entry.path();
                let ext = p.extension().and_then(|e| e.to_str());
                if matches!(ext, Some("yaml" | "yml")) && p.is_file() {
                    files.push(p);
                }
            }
            files.sort();
        } else {
            files.push(path.to_path_buf());
        }
        files
            .into_iter()
            .map(|p| {
                std::fs::read_to_string(&p)
                    .map(|t| (p.display().to_string(), t))
                    .map_err(|e| vec![io_error(&p, e)])
            })
            .collect()
    }

    /// Keeps the rules `keep` accepts and rebuilds everything derived from
    /// the rules (the prefilter is indexed by rule and pattern: built from
    /// other rules, it would send each pattern the windows of another).
    pub fn retain(&mut self, keep: impl FnMut(&Rule) -> bool) {
        self.rules.retain(keep);
        if self.prefilter.is_some() {
            self.build_prefilter();
        }
    }

    /// Rebuilds the prefilter; call after changing `rules`.
    pub fn build_prefilter(&mut self) {
        let anchors: Vec<Option<prefilter::Anchors>> = self
            .rules
            .iter()
            .flat_map(|r| r.patterns.iter().map(|p| p.anchors.clone()))
            .collect();
        self.prefilter = Some(prefilter::Prefilter::new(&anchors));
    }

    /// Every value every rule about the text's subject reads in a folded
    /// text: (rule, match), each rule's patterns searching only where the
    /// prefilter found their words.
    pub fn find_all(&self, folded: &str, reference: Option<NaiveDate>) -> Vec<(&Rule, RuleMatch)> {
        let patterns: usize = self.rules.iter().map(|r| r.patterns.len()).sum();
        // A prefilter built for another rule list would give each pattern
        // the windows of another: search everywhere instead (never less).
        let prefilter = self.prefilter.as_ref().filter(|p| p.patterns() == patterns);
        debug_assert!(
            self.prefilter.is_none() || prefilter.is_some(),
            "the prefilter is stale: change rules through RuleSet::retain"
        );
        let windows = prefilter.map(|p| p.scan(folded));
        let lower = std::cell::OnceCell::new();
        if rayon::current_num_threads() > 1 {
            self.compile_searched(folded, windows.as_deref(), &lower);
        }
        let mut out = Vec::new();
        let mut first = 0;
        for rule in &self.rules {
            let ids = first..first + rule.patterns.len();
            first = ids.end;
            if !rule.applies_within(folded, &lower) {
                continue;
            }
            let of = |i: usize| windows.as_ref().and_then(|w| w[ids.start + i].clone());
            // Each match's offset gives way to its rule in place: a long
            // text's matches are not copied.
            let found: Vec<(&Rule, RuleMatch)> = rule
                .find_at(folded, reference, &of)
                .into_iter()
                .map(|(_, m)| (rule, m))
                .collect();
            if out.is_empty() {
                out = found;
            } else {
                out.extend(found);
            }
        }
        // What the matches grew into beyond them goes back.
        out.shrink_to_fit();
        out
    }

    /// Compiles at once, on the pool's threads, the candidate engines of
    /// the patterns [`RuleSet::find_all`] is about to search in `folded`
    /// that are not built yet (searched one after another, they would
    /// compile one after another): a short text compiles what it needs,
    /// no more, in parallel. The prefilter's `windows` say which patterns
    /// search. The exact engines still compile when a candidate needs them.
    fn compile_searched(
        &self,
        folded: &str,
        windows: Option<&[Option<Vec<std::ops::Range<usize>>>]>,
        lower: &std::cell::OnceCell<String>,
    ) {
        let mut jobs: Vec<crate::grammar::CompileJob<'_>> = Vec::new();
        let mut id = 0;
        for rule in &self.rules {
            let ids = id..id + rule.patterns.len();
            id = ids.end;
            if rule.patterns.iter().all(|p| p.regex.is_fast_compiled()) || !rule.applies_within(folded, lower) {
                continue;
            }
            for (pattern, i) in rule.patterns.iter().zip(ids) {
                let searched = windows.is_none_or(|w| w[i].as_ref().is_none_or(|w| !w.is_empty()));
                if searched && !pattern.regex.is_fast_compiled() {
                    let (size, regex) = (pattern.expanded.len(), &pattern.regex);
                    jobs.push((size, Box::new(move || regex.compile_fast())));
                }
            }
        }
        if jobs.len() > 1 {
            run_jobs(jobs);
        }
    }

    pub fn get(&self, key: &str) -> Option<&Rule> {
        let found = self.rules.iter().find(|r| r.key == key || r.id == key);
        // A scoped key (`interpol.delegates@93`) is its rule's fact.
        found.or_else(|| {
            let (base, _) = split_key(key)?;
            self.rules.iter().find(|r| r.key == base)
        })
    }
}

/// Runs compile jobs on the pool's threads at once, the largest first,
/// each thread taking the next job when done. Stable: a pattern's
/// candidate engine is taken before its exact ones, so two threads seldom
/// wait on one parse.
fn run_jobs(mut jobs: Vec<crate::grammar::CompileJob<'_>>) {
    jobs.sort_by_key(|(size, _)| std::cmp::Reverse(*size));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        while let Some((_, job)) = jobs.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed)) {
            job();
        }
    };
    rayon::scope(|scope| {
        for _ in 1..rayon::current_num_threads().min(jobs.len()) {
            scope.spawn(|_| work());
        }
        work();
    });
}

/// A scoped key's fact and instance: `("interpol.delegates", "93")`.
pub fn split_key(key: &str) -> Option<(&str, &str)> {
    key.rsplit_once('@')
}
