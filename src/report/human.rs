//! `--format human`: one miette report a finding, then a summary line.
//!
//! miette draws all labels of one diagnostic into one source (miette#193),
//! and a finding spans several articles. So a finding is a parent
//! diagnostic (code, message, help) with one related child a claim, each
//! child with its own source: the claim's [`Excerpt`], which answers
//! miette's `read_span` with real line and column numbers although only a
//! window of the article is kept.

use super::{FindingSink, Lines, Report, RunEnd};
use crate::compare::{Finding, Role};
use crate::extract::{Claim, Excerpt};
use crate::input::corpus::InputError;
use crate::rules::Severity;
use miette::{
    Diagnostic, GraphicalReportHandler, LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan,
    SpanContents,
};
use std::fmt;
use std::io;
use std::sync::Arc;

/// Most claims on the majority side quoted under one finding; the rest are
/// counted in a note.
const MAJORITY_QUOTES: usize = 3;

/// Human output, drawn by miette.
pub struct Human {
    handler: GraphicalReportHandler,
}

impl Human {
    /// `color` picks ANSI colours; `width` the wrap width.
    pub fn new(color: bool, width: usize) -> Human {
        Human {
            handler: crate::diagnostic::handler(color, width),
        }
    }

    fn render(&self, d: &dyn Diagnostic) -> String {
        let mut s = String::new();
        // Rendering into a String cannot fail for I/O reasons.
        let _ = self.handler.render_report(&mut s, d);
        s
    }
}

impl Report for Human {
    fn sink<'a>(&'a self, out: &'a mut dyn io::Write) -> Box<dyn FindingSink + 'a> {
        let each = |out: &mut dyn io::Write, finding: &Finding| {
            if !finding.baselined {
                write!(out, "{}", self.render(&finding_diagnostic(finding)))?;
                writeln!(out)?;
            }
            Ok(())
        };
        Box::new(Lines {
            out,
            each,
            end: summary_line,
        })
    }

    fn extract(&self, out: &mut dyn io::Write, claims: &[Claim], input_errors: &[InputError]) -> io::Result<()> {
        for c in claims {
            writeln!(
                out,
                "{}:{}:{}: {} = {}  «{}»",
                c.article,
                c.line_col.line,
                c.line_col.column,
                c.key,
                c.value.canonical(),
                c.text.replace('\n', " ")
            )?;
        }
        writeln!(
            out,
            "{} {}{}",
            claims.len(),
            plural(claims.len(), "claim", "claims"),
            unreadable_note(input_errors.len())
        )
    }
}

/// The last line: the counts.
fn summary_line(out: &mut dyn io::Write, end: &RunEnd) -> io::Result<()> {
    let s = end.summary;
    writeln!(
        out,
        "{} {}, {} {} in {} {} ({} {}){}",
        s.errors,
        plural(s.errors, "error", "errors"),
        s.warnings,
        plural(s.warnings, "warning", "warnings"),
        s.articles,
        plural(s.articles, "article", "articles"),
        s.claims,
        plural(s.claims, "claim", "claims"),
        notes_note(s.notes) + &baseline_note(s.baselined, s.stale) + &unreadable_note(s.unreadable)
    )
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

fn baseline_note(baselined: usize, stale: usize) -> String {
    let mut note = String::new();
    if baselined > 0 {
        note += &format!("; {baselined} baselined");
    }
    if stale > 0 {
        note += &format!("; {stale} stale baseline {}", plural(stale, "entry", "entries"));
    }
    note
}

fn unreadable_note(n: usize) -> String {
    if n == 0 {
        String::new()
    } else {
        format!("; {n} {} could not be read", plural(n, "input", "inputs"))
    }
}

/// A finding as a miette diagnostic.
pub fn finding_diagnostic(f: &Finding) -> FindingDiagnostic {
    let mut related = Vec::new();
    let mut quoted: Vec<(Role, &str, String)> = Vec::new();
    let mut majority_articles = 0;
    let mut more = f.unquoted;
    for (role, claim) in &f.claims {
        // Quote each article once for each value it states, and at most
        // MAJORITY_QUOTES articles on the majority side.
        let seen = (*role, &*claim.article, claim.value.canonical());
        let new_article = !quoted.iter().any(|(r, a, _)| r == role && *a == seen.1);
        let full = *role == Role::Majority && new_article && majority_articles == MAJORITY_QUOTES;
        if quoted.contains(&seen) || full {
            more += 1;
            continue;
        }
        majority_articles += usize::from(*role == Role::Majority && new_article);
        quoted.push(seen);
        related.push(ClaimDiagnostic::new(*role, claim, f.severity));
    }
    let help = if more > 0 {
        format!(
            "{} ({more} more {} not quoted)",
            f.help,
            plural(more, "claim", "claims")
        )
    } else {
        f.help.clone()
    };
    FindingDiagnostic {
        code: format!("crosscheck::{}", f.code.as_str()),
        message: f.message.clone(),
        help,
        severity: f.severity,
        related,
    }
}

/// The parent diagnostic of a finding.
#[derive(Debug)]
pub struct FindingDiagnostic {
    code: String,
    message: String,
    help: String,
    severity: Severity,
    related: Vec<ClaimDiagnostic>,
}

impl fmt::Display for FindingDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FindingDiagnostic {}

impl Diagnostic for FindingDiagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(miette_severity(self.severity))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.help))
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        Some(Box::new(self.related.iter().map(|d| d as &dyn Diagnostic)))
    }
}

/// ", 2 notes" after the counts, when there are notes.
fn notes_note(n: usize) -> String {
    match n {
        0 => String::new(),
        1 => ", 1 note".to_string(),
        n => format!(", {n} notes"),
    }
}

fn miette_severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Note => miette::Severity::Advice,
    }
}

/// One claim of a finding, pointing into its article.
#[derive(Debug)]
struct ClaimDiagnostic {
    message: String,
    label: String,
    span: SourceSpan,
    severity: miette::Severity,
    source: ExcerptSource,
}

impl ClaimDiagnostic {
    fn new(role: Role, c: &Claim, severity: Severity) -> ClaimDiagnostic {
        let value = c.value.canonical();
        let (message, severity) = match role {
            Role::Majority => (c.says(), miette::Severity::Advice),
            Role::Outlier => (c.says(), miette_severity(severity)),
        };
        ClaimDiagnostic {
            message,
            label: value,
            span: SourceSpan::new(c.span.start.into(), c.span.len()),
            severity,
            source: ExcerptSource(c.excerpt()),
        }
    }
}

impl fmt::Display for ClaimDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ClaimDiagnostic {}

impl Diagnostic for ClaimDiagnostic {
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let label = LabeledSpan::new_primary_with_span(Some(self.label.clone()), self.span);
        Some(Box::new(std::iter::once(label)))
    }
}

/// An [`Excerpt`] as miette source code, in the article's own offsets.
#[derive(Debug)]
struct ExcerptSource(Arc<Excerpt>);

impl SourceCode for ExcerptSource {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let e = &self.0;
        let start = span.offset();
        let end = start + span.len();
        if start < e.offset || end > e.offset + e.text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let name = e.name.to_string();
        if before == 0 && after == 0 {
            // miette asks for the label alone to print `path:line:column`.
            let local = start - e.offset;
            let prefix = &e.text[..local];
            let lines = prefix.matches('\n').count();
            let column = match prefix.rfind('\n') {
                Some(i) => prefix[i + 1..].chars().count(),
                None => e.column + prefix.chars().count(),
            };
            let data = &e.text.as_bytes()[local..end - e.offset];
            return Ok(Box::new(MietteSpanContents::new_named(
                name,
                data,
                *span,
                e.line + lines,
                column,
                data.iter().filter(|&&b| b == b'\n').count() + 1,
            )));
        }
        Ok(Box::new(MietteSpanContents::new_named(
            name,
            e.text.as_bytes(),
            SourceSpan::new(e.offset.into(), e.text.len()),
            e.line,
            e.column,
            e.text.matches('\n').count() + 1,
        )))
    }
}
