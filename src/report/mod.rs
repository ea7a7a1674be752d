//! Reports: one [`Report`] implementation a format, chosen by `--format`.
//!
//! A report writes to any `io::Write`; the library never prints by itself.
//! [`CheckResult`] is what `check` hands a report: the findings and the
//! counts of the run. `extract` hands it the claims.

mod github;
mod html;
mod human;
mod json;
mod jsonl;
pub mod output;
mod sarif;
mod short;

pub use github::Github;
pub use html::Html;
pub use human::{finding_diagnostic, Human};
pub use json::{ClaimView, FindingView, Json};

pub use jsonl::Jsonl;
pub use short::Short;

use crate::compare::Finding;
use crate::corpus::InputError;
use crate::extract::Claim;
use crate::rules::{RuleSet, Severity};
use std::io;

/// An output format, as `--format` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Deserialize, serde::Serialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Diagnostics drawn with the quoted sentences (the default on a terminal).
    Human,
    /// One JSON document (the contract: docs/json.md).
    Json,
    /// One JSON object a line: a finding (`check`) or a claim (`extract`).
    Jsonl,
    /// SARIF 2.1.0, for code-scanning services.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=…`).
    Github,
    /// `path:line:col: severity code message`, one a line.
    Short,
    /// A self-contained HTML report.
    Html,
}

/// What a report may need besides the findings.
#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    /// ANSI colours (human output).
    pub color: bool,
    /// Wrap width (human output).
    pub width: usize,
    /// The loaded rules, for formats that describe them (SARIF).
    pub rules: Vec<RuleInfo>,
}

/// A rule as reports describe it.
#[derive(Debug, Clone)]
pub struct RuleInfo {
    pub key: String,
    pub title: String,
    pub kind: String,
    pub severity: Severity,
    pub help: Option<String>,
}

impl RuleInfo {
    /// The rules of a set.
    pub fn of(rules: &RuleSet) -> Vec<RuleInfo> {
        rules
            .rules
            .iter()
            .map(|r| RuleInfo {
                key: r.key.clone(),
                title: r.title.clone(),
                kind: r.kind.as_str().to_string(),
                severity: r.severity,
                help: r.help.clone(),
            })
            .collect()
    }
}

impl Format {
    /// The report that writes this format.
    pub fn reporter(self, options: &ReportOptions) -> Box<dyn Report> {
        match self {
            Format::Human => Box::new(Human::new(options.color, options.width.max(40))),
            Format::Json => Box::new(Json),
            Format::Jsonl => Box::new(Jsonl),
            Format::Sarif => Box::new(sarif::Sarif::new(options.rules.clone())),
            Format::Github => Box::new(Github),
            Format::Short => Box::new(Short),
            Format::Html => Box::new(Html),
        }
    }
}

/// Counts for the summary line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub articles: usize,
    pub claims: usize,
    pub errors: usize,
    pub warnings: usize,
    pub unreadable: usize,
    /// Findings a baseline accepted (not counted as errors or warnings).
    pub baselined: usize,
    /// Baseline entries no finding matched any more.
    pub stale: usize,
    /// Notes (figures superseded over time): never fail a run; in the JSON
    /// summary only when there are some.
    #[serde(skip_serializing_if = "is_zero")]
    pub notes: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// A `check` run's findings, in report order: held in memory, or made
/// again group by group each time a report walks them (a run too large to
/// hold its claims; see [`crate::spill`]).
pub enum Findings<'a> {
    Memory(Vec<Finding>),
    /// Calls its argument with every finding, in report order; it may be
    /// called more than once and gives the same findings each time.
    Stream(Box<FindingStream<'a>>),
}

/// What [`Findings::Stream`] holds.
pub type FindingStream<'a> = dyn Fn(&mut dyn FnMut(&Finding) -> io::Result<()>) -> io::Result<()> + 'a;

/// Everything a `check` run found.
pub struct CheckResult<'a> {
    pub findings: Findings<'a>,
    pub input_errors: Vec<InputError>,
    /// Inputs read and skipped (an empty file, ignored front matter):
    /// notes, sorted by path; they change no count.
    pub skipped: Vec<InputError>,
    /// Baseline entries no finding matched any more.
    pub stale: Vec<crate::baseline::Entry>,
    pub summary: Summary,
}

impl std::fmt::Debug for CheckResult<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CheckResult")
            .field("summary", &self.summary)
            .field("input_errors", &self.input_errors)
            .field("stale", &self.stale)
            .finish_non_exhaustive()
    }
}

impl<'a> CheckResult<'a> {
    pub fn new(
        findings: Vec<Finding>,
        input_errors: Vec<InputError>,
        articles: usize,
        claims: usize,
    ) -> CheckResult<'a> {
        let mut result = CheckResult {
            findings: Findings::Memory(findings),
            input_errors,
            skipped: Vec::new(),
            stale: Vec::new(),
            summary: Summary {
                articles,
                claims,
                ..Summary::default()
            },
        };
        result.recount();
        result
    }

    /// Findings made on demand, with the counts already known.
    pub fn streamed(
        stream: Box<FindingStream<'a>>,
        summary: Summary,
        input_errors: Vec<InputError>,
        stale: Vec<crate::baseline::Entry>,
    ) -> CheckResult<'a> {
        CheckResult {
            findings: Findings::Stream(stream),
            input_errors,
            skipped: Vec::new(),
            stale,
            summary,
        }
    }

    /// The exit code of the run: 2 when an input could not be read, 1 when
    /// a finding (not baselined) is at `fail_at` or above, else 0
    /// ([`crate::engine::Outcome`]).
    pub fn exit_code(&self, fail_at: Option<Severity>) -> u8 {
        crate::engine::Outcome::of(&self.summary, self.input_errors.len()).exit_code(fail_at)
    }

    /// Calls `f` with every finding, in report order.
    pub fn each(&self, f: &mut dyn FnMut(&Finding) -> io::Result<()>) -> io::Result<()> {
        match &self.findings {
            Findings::Memory(v) => v.iter().try_for_each(f),
            Findings::Stream(stream) => stream(f),
        }
    }

    /// Every finding, in memory (for reports that lay them all out at once).
    pub fn collect(&self) -> io::Result<Vec<Finding>> {
        let mut all = Vec::new();
        self.each(&mut |f| {
            all.push(f.clone());
            Ok(())
        })?;
        Ok(all)
    }

    /// Recomputes the counts after findings, errors or the baseline changed
    /// (findings in memory; streamed findings come with their counts).
    pub fn recount(&mut self) {
        if let Findings::Memory(findings) = &self.findings {
            let count = |s| findings.iter().filter(|f| f.severity == s && !f.baselined).count();
            self.summary.errors = count(Severity::Error);
            self.summary.warnings = count(Severity::Warning);
            self.summary.notes = count(Severity::Note);
            self.summary.baselined = findings.iter().filter(|f| f.baselined).count();
        }
        self.summary.unreadable = self.input_errors.len();
        self.summary.stale = self.stale.len();
    }

    /// Marks the findings (in memory) a baseline accepts and records its
    /// stale entries.
    pub fn apply_baseline(&mut self, baseline: &crate::baseline::Baseline) {
        let Findings::Memory(findings) = &mut self.findings else {
            return;
        };
        let applied = baseline.apply(std::mem::take(findings));
        let mut marked = applied.new;
        marked.extend(applied.baselined.into_iter().map(|mut f| {
            f.baselined = true;
            f
        }));
        crate::compare::sort(&mut marked);
        *findings = marked;
        self.stale = applied.stale;
        self.recount();
    }
}

/// An output format.
pub trait Report {
    /// Writes the findings of a `check` run.
    fn check(&self, out: &mut dyn io::Write, result: &CheckResult) -> io::Result<()>;
    /// Writes every claim of an `extract` run.
    fn extract(&self, out: &mut dyn io::Write, claims: &[Claim], input_errors: &[InputError]) -> io::Result<()>;
}
