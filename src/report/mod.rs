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

pub use crate::engine::{CheckResult, FindingStream, Findings, Summary};
use crate::extract::Claim;
use crate::input::corpus::InputError;
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

/// An output format.
pub trait Report {
    /// Writes the findings of a `check` run.
    fn check(&self, out: &mut dyn io::Write, result: &CheckResult) -> io::Result<()>;
    /// Writes every claim of an `extract` run.
    fn extract(&self, out: &mut dyn io::Write, claims: &[Claim], input_errors: &[InputError]) -> io::Result<()>;
}
