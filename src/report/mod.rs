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
pub use json::{FindingView, Json};

pub use jsonl::Jsonl;
pub use short::Short;

use crate::compare::Finding;
pub use crate::engine::{CheckResult, FindingSink, RunEnd, Summary};
use crate::extract::shard::{Record, ShardLine};
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

/// How `diff` writes its table, as `--format` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum TableFormat {
    /// Aligned columns for a terminal.
    Table,
    /// A GitHub-flavoured Markdown table.
    Markdown,
    /// One JSON document: `{version, weighted, sources, rows}`.
    Json,
    /// A self-contained HTML page with each cell's evidence.
    Html,
}

/// A `diff` table in `format` (`color`: ANSI colours in a text table).
pub fn table(table: &crate::diff::Table, format: TableFormat, color: bool) -> io::Result<Vec<u8>> {
    Ok(match format {
        TableFormat::Table => table.text(color).into_bytes(),
        TableFormat::Markdown => table.markdown().into_bytes(),
        TableFormat::Json => {
            let mut bytes = serde_json::to_vec_pretty(&table.to_json())?;
            bytes.push(b'\n');
            bytes
        }
        TableFormat::Html => {
            let mut bytes = Vec::new();
            Html.diff(&mut bytes, table)?;
            bytes
        }
    })
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

/// `extract`: every claim of `inputs`, written by `report`. JSONL
/// ([`Report::claim_stream`]) is written as the articles are read, so the
/// map step of a large run holds only a chunk of claims: first a run
/// record with `fingerprint` (the setup's), then each article's record and
/// claims, then the inputs that could not be read and those skipped
/// ([`crate::extract::shard::Record`]); the other formats lay out the whole
/// list. `errors`: inputs found unreadable before. Gives every input that
/// could not be read, and those skipped.
#[allow(clippy::too_many_arguments)]
pub fn extract_all(
    report: &dyn Report,
    rules: &RuleSet,
    inputs: &[crate::input::corpus::Input],
    options: crate::extract::Options,
    progress: &(dyn Fn(u64) + Sync),
    fingerprint: &str,
    mut errors: Vec<InputError>,
    out: &mut dyn io::Write,
) -> io::Result<(Vec<InputError>, Vec<InputError>)> {
    if let Some(stream) = report.claim_stream() {
        stream.line(&mut *out, ShardLine::Record(&Record::run(fingerprint)))?;
        let mut write = |a: crate::extract::ArticleClaims| {
            let record = Record::Article {
                article: (&*a.article).into(),
                claims: a.claims.len(),
            };
            stream.line(&mut *out, ShardLine::Record(&record))?;
            a.claims
                .iter()
                .try_for_each(|c| stream.line(&mut *out, ShardLine::Claim(c)))
        };
        let streamed = crate::extract::run_each(rules, inputs, options, progress, &mut write)?;
        errors.extend(streamed.errors);
        for e in &errors {
            stream.line(&mut *out, ShardLine::Record(&Record::unreadable(e)))?;
        }
        for e in &streamed.skipped {
            stream.line(&mut *out, ShardLine::Record(&Record::skipped(e)))?;
        }
        return Ok((errors, streamed.skipped));
    }
    let mut extraction = crate::extract::run_with_progress(rules, inputs, options, progress);
    errors.append(&mut extraction.errors);
    report.extract(out, &extraction.claims, &errors)?;
    Ok((errors, extraction.skipped))
}

/// A format that writes `extract`'s output line by line, as the articles
/// are read: the lines of a map step.
pub trait ClaimStream {
    /// Writes one line.
    fn line(&self, out: &mut dyn io::Write, line: ShardLine) -> io::Result<()>;
}

/// An output format.
pub trait Report {
    /// The sink that writes a `check` run to `out`: each finding as it is
    /// made (or kept, for formats that lay the whole run out at once), and
    /// the end of the run.
    fn sink<'a>(&'a self, out: &'a mut dyn io::Write) -> Box<dyn FindingSink + 'a>;

    /// Writes a `check` run held in memory.
    fn check(&self, out: &mut dyn io::Write, result: &CheckResult) -> io::Result<()> {
        result.send(&mut *self.sink(out))
    }

    /// The line writer when `extract` writes claims as they are read, a
    /// chunk at a time (one claim a line); `None` when it lays out the
    /// whole list.
    fn claim_stream(&self) -> Option<&dyn ClaimStream> {
        None
    }

    /// Writes every claim of an `extract` run.
    fn extract(&self, out: &mut dyn io::Write, claims: &[Claim], input_errors: &[InputError]) -> io::Result<()>;
}

/// The sink of a format that writes each finding as it comes (`each`),
/// then the end of the run (`end`).
struct Lines<'a, F, G> {
    out: &'a mut dyn io::Write,
    each: F,
    end: G,
}

impl<F, G> FindingSink for Lines<'_, F, G>
where
    F: FnMut(&mut dyn io::Write, &Finding) -> io::Result<()>,
    G: FnMut(&mut dyn io::Write, &RunEnd) -> io::Result<()>,
{
    fn finding(&mut self, finding: &Finding) -> io::Result<()> {
        (self.each)(&mut *self.out, finding)
    }

    fn finish(&mut self, end: &RunEnd) -> io::Result<()> {
        (self.end)(&mut *self.out, end)
    }
}

/// The sink of a format that lays the whole run out at once (SARIF, HTML):
/// it keeps the findings, then `write`s them with the end of the run.
struct Whole<'a, W> {
    out: &'a mut dyn io::Write,
    findings: Vec<Finding>,
    write: W,
}

impl<W> FindingSink for Whole<'_, W>
where
    W: FnMut(&mut dyn io::Write, &[Finding], &RunEnd) -> io::Result<()>,
{
    fn finding(&mut self, finding: &Finding) -> io::Result<()> {
        self.findings.push(finding.clone());
        Ok(())
    }

    fn finish(&mut self, end: &RunEnd) -> io::Result<()> {
        (self.write)(&mut *self.out, &self.findings, end)
    }
}

/// The end of a run, for formats that write nothing there.
fn nothing_at_end(_: &mut dyn io::Write, _: &RunEnd) -> io::Result<()> {
    Ok(())
}
