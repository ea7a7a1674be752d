//! Rule packs: load YAML, validate, expand placeholders, compile once.
//!
//! A pack file ([`PackSpec`]) names its language and subject words and holds
//! rules ([`RuleSpec`]). [`RuleSet::load`] turns files into compiled
//! [`Rule`]s and reports every problem as a [`RuleError`] pointing into the
//! file. serde_yaml is archived upstream; it is used in this module only
//! (and in the embedded lexicons), so a maintained fork replaces it here.
//!
//! A rule's patterns are regexes over folded text (see [`crate::normalize`])
//! with exactly one value placeholder each. Its `examples` and `allows` run
//! when the pack loads: a rule whose own examples fail never runs.

mod error;
mod locate;
pub mod prefilter;

pub use error::{RuleError, RuleErrorKind};

use crate::boundary::BoundaryRegex;
use crate::diagnostic::TextSource;
use crate::grammar::calendar::CalendarLexicon;
use crate::grammar::{Grammar, Kind, Placeholder};
use crate::normalize::fold;
use crate::value::Value;
use chrono::NaiveDate;
use locate::Locations;
use regex::Regex;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

/// The packs built into the binary: (file name, contents).
pub const DEFAULT_PACKS: &[(&str, &str)] = &[("interpol.yaml", include_str!("../../rules/interpol.yaml"))];

/// A rule pack file.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PackSpec {
    /// The pack's name: the first part of every key (`interpol`).
    pub pack: String,
    /// Language code of the grammars (`ar`, `en`, `fr`).
    pub language: String,
    #[serde(default)]
    pub description: Option<String>,
    /// The pack applies only to articles that mention one of these words.
    #[serde(default)]
    pub about: Vec<String>,
    /// Words added to the language's calendar lexicon for this pack.
    #[serde(default)]
    pub lexicon: Option<CalendarLexicon>,
    pub rules: Vec<RuleSpec>,
}

/// One rule, as written.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleSpec {
    pub id: String,
    pub title: String,
    pub kind: Kind,
    pub patterns: Vec<String>,
    /// A match counts only with one of these words within `near-window`
    /// characters of it.
    #[serde(default)]
    pub near: Vec<String>,
    #[serde(default = "default_window")]
    pub near_window: usize,
    /// `error` (default) or `warning`; `name` rules default to `warning`.
    #[serde(default)]
    pub severity: Option<Severity>,
    /// A `name` rule's preferred spelling.
    #[serde(default)]
    pub canonical: Option<String>,
    /// A `name` rule's spellings: what `{name}` matches.
    #[serde(default)]
    pub spellings: Vec<String>,
    /// Relative half-width of an approximate number (`0.1` = ±10%).
    #[serde(default)]
    pub tolerance: Option<f64>,
    #[serde(default)]
    pub help: Option<String>,
    #[serde(default)]
    pub examples: Vec<Example>,
    #[serde(default)]
    pub allows: Vec<String>,
}

fn default_window() -> usize {
    80
}

/// A text a rule must read, and the canonical value it must read there.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub text: String,
    pub value: String,
}

/// How serious a rule's findings are.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Deserialize,
    serde::Serialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    #[default]
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

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
    pub id: String,
    pub pack: String,
    pub title: String,
    pub kind: Kind,
    pub severity: Severity,
    pub tolerance: f64,
    pub help: Option<String>,
    pub patterns: Vec<Pattern>,
    /// A `name` rule's preferred spelling, folded.
    pub canonical: Option<String>,
    pub near: Vec<String>,
    pub near_window: usize,
    pub examples: Vec<Example>,
    pub allows: Vec<String>,
    /// Folded subject words of the pack.
    pub about: Arc<Vec<String>>,
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
    pub fn applies_to(&self, folded: &str) -> bool {
        self.about.is_empty() || self.about.iter().any(|w| folded.contains(w.as_str()))
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
        let mut found: BTreeMap<usize, RuleMatch> = BTreeMap::new();
        for (i, pattern) in self.patterns.iter().enumerate() {
            let regions = windows(i).unwrap_or_else(|| std::iter::once(0..folded.len()).collect());
            for region in regions {
                self.search(pattern, folded, region, reference, &mut found);
            }
        }
        found.into_values().collect()
    }

    /// One pattern over one region of the text.
    fn search(
        &self,
        pattern: &Pattern,
        folded: &str,
        region: std::ops::Range<usize>,
        reference: Option<NaiveDate>,
        found: &mut BTreeMap<usize, RuleMatch>,
    ) {
        for caps in pattern.regex.captures_in(folded, region) {
            let (Some(whole), Some(value)) = (caps.get(0), caps.name("value")) else {
                continue;
            };
            if !self.near_ok(folded, whole.start(), whole.end()) {
                continue;
            }
            let value_at = value.start();
            let read = self
                .grammar
                .read(pattern.placeholder, self.kind, &caps, reference, self.tolerance);
            let Some(value) = read.filter(|_| value.start() < value.end()) else {
                continue;
            };
            // Where two patterns read the same value, the first wins.
            found.entry(value_at).or_insert(RuleMatch {
                start: whole.start(),
                end: whole.end(),
                value,
            });
        }
    }

    fn near_ok(&self, folded: &str, start: usize, end: usize) -> bool {
        if self.near.is_empty() {
            return true;
        }
        let from = back_chars(folded, start, self.near_window);
        let to = forward_chars(folded, end, self.near_window);
        let window = &folded[from..to];
        self.near.iter().any(|w| window.contains(w.as_str()))
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

/// Every loaded rule, in load order, and the grammars of their languages.
#[derive(Debug, Default)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
    /// One grammar a language (with no pack's lexicon additions), for the
    /// checks that are not rules: datelines and weekdays.
    pub grammars: Vec<Arc<Grammar>>,
    /// The words of every pattern, in rule and pattern order.
    prefilter: Option<prefilter::Prefilter>,
}

impl RuleSet {
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
        let mut set = RuleSet::default();
        let mut errors = Vec::new();
        let mut grammars: HashMap<String, Arc<Grammar>> = HashMap::new();
        for (name, text) in sources {
            let file = Arc::new(TextSource::new(name, text.clone()));
            match load_pack(&file, &mut grammars, &set, check_examples) {
                Ok(rules) => set.rules.extend(rules),
                Err(mut e) => errors.append(&mut e),
            }
        }
        let mut languages: Vec<_> = grammars.into_iter().collect();
        languages.sort_by(|a, b| a.0.cmp(&b.0));
        set.grammars = languages.into_iter().map(|(_, g)| g).collect();
        set.build_prefilter();
        if errors.is_empty() {
            Ok(set)
        } else {
            Err(errors)
        }
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
        let windows = self.prefilter.as_ref().map(|p| p.scan(folded));
        let mut out = Vec::new();
        let mut first = 0;
        for rule in &self.rules {
            let ids = first..first + rule.patterns.len();
            first = ids.end;
            if !rule.applies_to(folded) {
                continue;
            }
            let of = |i: usize| windows.as_ref().and_then(|w| w[ids.start + i].clone());
            out.extend(rule.find_in(folded, reference, &of).into_iter().map(|m| (rule, m)));
        }
        out
    }

    pub fn get(&self, key: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.key == key || r.id == key)
    }
}

/// Builds errors that point into one file.
struct Reporter<'a> {
    file: &'a Arc<TextSource>,
    locations: Locations,
    errors: Vec<RuleError>,
}

impl Reporter<'_> {
    fn error(&mut self, kind: RuleErrorKind, path: &str, message: String, label: &str, help: Option<String>) {
        self.errors.push(RuleError {
            kind,
            message,
            label: label.to_string(),
            help,
            span: self.locations.span(path),
            file: self.file.clone(),
        });
    }
}

fn load_pack(
    file: &Arc<TextSource>,
    grammars: &mut HashMap<String, Arc<Grammar>>,
    loaded: &RuleSet,
    check_examples: bool,
) -> Result<Vec<Rule>, Vec<RuleError>> {
    let text = file.text();
    let spec: PackSpec = serde_yaml::from_str(text).map_err(|e| vec![syntax_error(file, &e)])?;
    let mut rep = Reporter {
        file,
        locations: Locations::new(text),
        errors: Vec::new(),
    };
    let grammar = match grammars.get(&spec.language) {
        Some(g) if spec.lexicon.is_none() => g.clone(),
        _ => match Grammar::new(&spec.language, spec.lexicon.clone()) {
            Some(g) => Arc::new(g),
            None => {
                let msg = format!("no grammar for language `{}`", spec.language);
                let help = Some("crosscheck has grammars for `ar`, `en` and `fr`".to_string());
                rep.error(RuleErrorKind::Invalid, "language", msg, "unknown language", help);
                return Err(rep.errors);
            }
        },
    };
    if spec.lexicon.is_none() {
        grammars.insert(spec.language.clone(), grammar.clone());
    }
    let about = Arc::new(spec.about.iter().map(|w| fold_word(w)).collect::<Vec<_>>());
    let mut rules: Vec<Rule> = Vec::new();
    for (i, rs) in spec.rules.into_iter().enumerate() {
        let key = format!("{}.{}", spec.pack, rs.id);
        let path = format!("rules.{i}");
        if loaded.rules.iter().chain(rules.iter()).any(|r| r.key == key) {
            let msg = format!("duplicate rule id `{}` in pack `{}`", rs.id, spec.pack);
            rep.error(
                RuleErrorKind::DuplicateId,
                &format!("{path}.id"),
                msg,
                "defined again here",
                None,
            );
            continue;
        }
        let compiled = compile_rule(&mut rep, &path, key, &spec.pack, rs, &about, &grammar);
        if let Some(rule) = compiled {
            if check_examples {
                let before = rep.errors.len();
                check_examples_of(&mut rep, &path, &rule);
                if rep.errors.len() > before {
                    continue;
                }
            }
            rules.push(rule);
        }
    }
    if rep.errors.is_empty() {
        Ok(rules)
    } else {
        Err(rep.errors)
    }
}

fn syntax_error(file: &Arc<TextSource>, e: &serde_yaml::Error) -> RuleError {
    let text = file.text();
    let span = e.location().map(|l| {
        let offset = l.index().min(text.len());
        let offset = (0..=offset).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        let len = text[offset..].chars().next().map_or(0, char::len_utf8).max(1);
        (
            offset,
            len.min(text.len().saturating_sub(offset))
                .max(usize::from(offset < text.len())),
        )
    });
    // serde_yaml appends " at line L column C"; the label shows the place.
    let message = e.to_string();
    let message = message.split(" at line ").next().unwrap_or(&message).to_string();
    RuleError {
        kind: RuleErrorKind::Syntax,
        message: format!("invalid rule file: {message}"),
        label: "here".to_string(),
        help: Some("see the rule format in README.md".to_string()),
        span,
        file: file.clone(),
    }
}

fn compile_rule(
    rep: &mut Reporter,
    path: &str,
    key: String,
    pack: &str,
    rs: RuleSpec,
    about: &Arc<Vec<String>>,
    grammar: &Arc<Grammar>,
) -> Option<Rule> {
    let before = rep.errors.len();
    if rs.patterns.is_empty() {
        rep.error(
            RuleErrorKind::Invalid,
            &format!("{path}.patterns"),
            "a rule needs at least one pattern".into(),
            "empty",
            None,
        );
    }
    let tolerance = rs.tolerance.unwrap_or(0.1);
    if !(0.0..1.0).contains(&tolerance) {
        let msg = format!("tolerance must be at least 0 and below 1, not {tolerance}");
        rep.error(
            RuleErrorKind::Invalid,
            &format!("{path}.tolerance"),
            msg,
            "out of range",
            None,
        );
    }
    let spellings: Vec<String> = rs.spellings.iter().chain(&rs.canonical).map(|w| fold(w)).collect();
    if rs.kind == Kind::Name && spellings.is_empty() {
        let msg = "a `name` rule needs its `spellings`".to_string();
        rep.error(RuleErrorKind::Invalid, &format!("{path}.kind"), msg, "name rule", None);
    }
    let mut patterns = Vec::new();
    for (j, source) in rs.patterns.iter().enumerate() {
        match compile_pattern(source, rs.kind, grammar, &spellings) {
            Ok(p) => patterns.push(p),
            Err((kind, message, help)) => {
                rep.error(kind, &format!("{path}.patterns.{j}"), message, "in this pattern", help)
            }
        }
    }
    if rep.errors.len() > before {
        return None;
    }
    let rule = Rule {
        key,
        id: rs.id,
        pack: pack.to_string(),
        title: rs.title,
        kind: rs.kind,
        severity: rs.severity.unwrap_or(if rs.kind == Kind::Name {
            Severity::Warning
        } else {
            Severity::Error
        }),
        tolerance,
        help: rs.help,
        patterns,
        canonical: rs.canonical.as_deref().map(fold),
        near: rs.near.iter().map(|w| fold_word(w)).collect(),
        near_window: rs.near_window,
        examples: rs.examples,
        allows: rs.allows,
        about: about.clone(),
        grammar: grammar.clone(),
    };
    Some(rule)
}

/// Folds a subject word for a substring test. A word with the article
/// (`الجمعية`) loses its alef, so it also matches after the preposition
/// lam, where Arabic writes `للجمعية`, not `لالجمعية`.
fn fold_word(word: &str) -> String {
    let folded = fold(word);
    match folded.strip_prefix("ال") {
        Some(rest) if !rest.is_empty() => format!("ل{rest}"),
        _ => folded,
    }
}

type PatternError = (RuleErrorKind, String, Option<String>);

/// Folds a pattern, expands its one placeholder, compiles it.
pub fn compile_pattern(
    source: &str,
    kind: Kind,
    grammar: &Grammar,
    spellings: &[String],
) -> Result<Pattern, PatternError> {
    let folded = fold(source);
    let braces = Regex::new(r"\{([A-Za-z_][A-Za-z0-9_]*)\}").expect("placeholder regex");
    let mut found = Vec::new();
    for caps in braces.captures_iter(&folded) {
        let name = &caps[1];
        let Some(p) = Placeholder::from_name(name) else {
            let names: Vec<String> = Placeholder::ALL.iter().map(|(n, _)| format!("{{{n}}}")).collect();
            return Err((
                RuleErrorKind::Placeholder,
                format!("unknown placeholder `{{{name}}}`"),
                Some(format!("placeholders are {}", names.join(", "))),
            ));
        };
        found.push((caps.get(0).expect("whole match").range(), p));
    }
    let [(range, placeholder)] = found.as_slice() else {
        return Err((
            RuleErrorKind::Placeholder,
            format!(
                "a pattern needs exactly one value placeholder, this one has {}",
                found.len()
            ),
            Some(format!("a `{}` rule takes {}", kind.as_str(), accepted(kind))),
        ));
    };
    if !kind.accepts(*placeholder) {
        return Err((
            RuleErrorKind::Placeholder,
            format!("a `{}` rule cannot capture `{placeholder}`", kind.as_str()),
            Some(format!("a `{}` rule takes {}", kind.as_str(), accepted(kind))),
        ));
    }
    let expanded = format!(
        "{}{}{}",
        &folded[..range.start],
        grammar.expand(*placeholder, spellings),
        &folded[range.end..]
    );
    let regex = BoundaryRegex::new(&expanded, true).map_err(|e| {
        (
            RuleErrorKind::Regex,
            format!("invalid pattern: {}", first_line(&e.to_string())),
            None,
        )
    })?;
    Ok(Pattern {
        source: source.to_string(),
        anchors: prefilter::anchors(&expanded),
        expanded,
        regex,
        placeholder: *placeholder,
    })
}

fn first_line(s: &str) -> String {
    s.lines()
        .rfind(|l| !l.trim().is_empty())
        .unwrap_or(s)
        .trim()
        .to_string()
}

fn accepted(kind: Kind) -> String {
    let names: Vec<String> = Placeholder::ALL
        .iter()
        .filter(|(_, p)| kind.accepts(*p))
        .map(|(n, _)| format!("{{{n}}}"))
        .collect();
    names.join(" or ")
}

/// The outcome of one `examples` or `allows` case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseResult {
    /// `examples` or `allows`.
    pub list: &'static str,
    pub index: usize,
    pub text: String,
    /// The expected value; `None` for an allow (nothing expected).
    pub expected: Option<String>,
    /// What the rule read.
    pub read: Vec<String>,
}

impl CaseResult {
    pub fn passed(&self) -> bool {
        match &self.expected {
            Some(v) => self.read.contains(v),
            None => self.read.is_empty(),
        }
    }
}

impl Rule {
    /// Runs the rule's own examples and allows.
    pub fn test(&self) -> Vec<CaseResult> {
        let read = |text: &str| -> Vec<String> {
            self.find(&fold(text), None)
                .iter()
                .map(|m| m.value.canonical())
                .collect()
        };
        let examples = self.examples.iter().enumerate().map(|(index, ex)| CaseResult {
            list: "examples",
            index,
            text: ex.text.clone(),
            expected: Some(ex.value.clone()),
            read: read(&ex.text),
        });
        let allows = self.allows.iter().enumerate().map(|(index, text)| CaseResult {
            list: "allows",
            index,
            text: text.clone(),
            expected: None,
            read: read(text),
        });
        examples.chain(allows).collect()
    }
}

/// Runs a rule's examples and allows; each failure is an error at its text.
fn check_examples_of(rep: &mut Reporter, path: &str, rule: &Rule) {
    for case in rule.test().into_iter().filter(|c| !c.passed()) {
        let got = if case.read.is_empty() {
            "nothing".to_string()
        } else {
            case.read.join(", ")
        };
        match &case.expected {
            Some(v) => {
                let msg = format!("example of rule `{}` reads {got}, not `{v}`", rule.id);
                let help = Some("fix the pattern or the example's value".to_string());
                let at = format!("{path}.examples.{}.value", case.index);
                rep.error(RuleErrorKind::Example, &at, msg, "expected here", help);
            }
            None => {
                let msg = format!("rule `{}` claims {got} in a text it must allow", rule.id);
                let at = format!("{path}.allows.{}", case.index);
                rep.error(RuleErrorKind::Example, &at, msg, "must read nothing", None);
            }
        }
    }
}
