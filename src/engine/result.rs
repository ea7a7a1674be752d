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

/// A `check` run's findings, in report order: held in memory, or made
/// again group by group each time a report walks them (a run too large to
/// hold its claims; see [`super::spill`]).
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
    pub stale: Vec<crate::compare::baseline::Entry>,
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
        stale: Vec<crate::compare::baseline::Entry>,
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
    /// ([`super::Outcome`]).
    pub fn exit_code(&self, fail_at: Option<Severity>) -> u8 {
        super::Outcome::of(&self.summary, self.input_errors.len()).exit_code(fail_at)
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
    pub fn apply_baseline(&mut self, baseline: &crate::compare::baseline::Baseline) {
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
