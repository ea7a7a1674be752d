//! Reports: one [`Report`] implementation a format, chosen by `--format`.
//!
//! A report writes to any `io::Write`; the library never prints by itself.
//! [`CheckResult`] is what `check` hands a report: the findings and the
//! counts of the run. `extract` hands it the claims.

mod github;
mod human;
mod json;
mod jsonl;
mod sarif;
mod short;

pub use github::Github;
pub use human::{finding_diagnostic, Human};
pub use json::{claim_json, Json};
pub use jsonl::Jsonl;
pub use short::Short;

use crate::compare::Finding;
use crate::corpus::InputError;
use crate::extract::Claim;
use crate::rules::{RuleSet, Severity};
use std::io;

/// An output format, as `--format` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Deserialize, serde::Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Diagnostics drawn with the quoted sentences (the default on a terminal).
    Human,
    /// One JSON document (see DESIGN.md's contract).
    Json,
    /// One JSON object a line: a finding (`check`) or a claim (`extract`).
    Jsonl,
    /// SARIF 2.1.0, for code-scanning services.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=…`).
    Github,
    /// `path:line:col: severity code message`, one a line.
    Short,
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
}

/// Everything a `check` run found.
#[derive(Debug)]
pub struct CheckResult {
    pub findings: Vec<Finding>,
    pub input_errors: Vec<InputError>,
    pub summary: Summary,
}

impl CheckResult {
    pub fn new(findings: Vec<Finding>, input_errors: Vec<InputError>, articles: usize, claims: usize) -> CheckResult {
        let count = |s| findings.iter().filter(|f| f.severity == s).count();
        let summary = Summary {
            articles,
            claims,
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            unreadable: input_errors.len(),
        };
        CheckResult {
            findings,
            input_errors,
            summary,
        }
    }
}

/// An output format.
pub trait Report {
    /// Writes the findings of a `check` run.
    fn check(&self, out: &mut dyn io::Write, result: &CheckResult) -> io::Result<()>;
    /// Writes every claim of an `extract` run.
    fn extract(&self, out: &mut dyn io::Write, claims: &[Claim], input_errors: &[InputError]) -> io::Result<()>;
}
