//! Reports: one [`Report`] implementation a format, chosen by `--format`.
//!
//! A report writes to any `io::Write`; the library never prints by itself.
//! [`CheckResult`] is what `check` hands a report: the findings and the
//! counts of the run. `extract` hands it the claims.

mod human;
mod json;

pub use human::{finding_diagnostic, Human};
pub use json::Json;

use crate::compare::Finding;
use crate::corpus::InputError;
use crate::extract::Claim;
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
