//! What a `check` run found: its findings, the inputs it could not read
//! or skipped, stale baseline entries, and the counts.

use crate::compare::Finding;
use crate::input::corpus::InputError;
use crate::rules::Severity;
use std::io;

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

/// Where a run's findings go as they are made: every report format is
/// one ([`crate::report::Report::sink`]), and so is a list in memory
/// (`Vec<Finding>`). A run hands each finding over once, in report order,
/// then the end of the run with its counts.
pub trait FindingSink {
    /// One finding, in report order.
    fn finding(&mut self, finding: &Finding) -> io::Result<()>;
    /// The run is over: its counts, the inputs it could not read or
    /// skipped, the stale baseline entries.
    fn finish(&mut self, end: &RunEnd) -> io::Result<()>;
}

impl FindingSink for Vec<Finding> {
    fn finding(&mut self, finding: &Finding) -> io::Result<()> {
        self.push(finding.clone());
        Ok(())
    }

    fn finish(&mut self, _: &RunEnd) -> io::Result<()> {
        Ok(())
    }
}

/// What a run found besides its findings, known once the last finding is
/// made.
#[derive(Debug, Clone, Copy)]
pub struct RunEnd<'a> {
    pub summary: &'a Summary,
    /// Inputs that could not be read (the rest were still checked).
    pub input_errors: &'a [InputError],
    /// Inputs read and skipped (an empty file, ignored front matter):
    /// notes, sorted by path; they change no count.
    pub skipped: &'a [InputError],
    /// Baseline entries no finding matched any more.
    pub stale: &'a [crate::compare::baseline::Entry],
}

impl RunEnd<'_> {
    /// The exit code of the run: 2 when an input could not be read, 1 when
    /// a finding (not baselined) is at `fail_at` or above, else 0
    /// ([`super::Outcome`]).
    pub fn exit_code(&self, fail_at: Option<Severity>) -> u8 {
        super::Outcome::of(self.summary, self.input_errors.len()).exit_code(fail_at)
    }
}

/// Everything a `check` run found, in memory ([`super::Engine::check`]).
#[derive(Debug, Clone)]
pub struct CheckResult {
    /// In report order.
    pub findings: Vec<Finding>,
    pub input_errors: Vec<InputError>,
    /// Inputs read and skipped (an empty file, ignored front matter):
    /// notes, sorted by path; they change no count.
    pub skipped: Vec<InputError>,
    /// Baseline entries no finding matched any more.
    pub stale: Vec<crate::compare::baseline::Entry>,
    pub summary: Summary,
}

impl CheckResult {
    pub fn new(findings: Vec<Finding>, input_errors: Vec<InputError>, articles: usize, claims: usize) -> CheckResult {
        let mut result = CheckResult {
            findings,
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

    /// The run's end, as a sink takes it.
    pub fn end(&self) -> RunEnd<'_> {
        RunEnd {
            summary: &self.summary,
            input_errors: &self.input_errors,
            skipped: &self.skipped,
            stale: &self.stale,
        }
    }

    /// Hands every finding, then the end, to `sink`.
    pub fn send(&self, sink: &mut dyn FindingSink) -> io::Result<()> {
        self.findings.iter().try_for_each(|f| sink.finding(f))?;
        sink.finish(&self.end())
    }

    /// The exit code of the run ([`RunEnd::exit_code`]).
    pub fn exit_code(&self, fail_at: Option<Severity>) -> u8 {
        self.end().exit_code(fail_at)
    }

    /// Recomputes the counts after findings, errors or the baseline
    /// changed.
    pub fn recount(&mut self) {
        let findings = &self.findings;
        let count = |s| findings.iter().filter(|f| f.severity == s && !f.baselined).count();
        self.summary.errors = count(Severity::Error);
        self.summary.warnings = count(Severity::Warning);
        self.summary.notes = count(Severity::Note);
        self.summary.baselined = findings.iter().filter(|f| f.baselined).count();
        self.summary.unreadable = self.input_errors.len();
        self.summary.stale = self.stale.len();
    }
}
