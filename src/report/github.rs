//! `--format github`: GitHub Actions workflow commands.
//!
//! One annotation a finding, at the claim that needs a look: its first
//! outlier (the majority spelling or figure is not annotated), the other
//! articles named in the message. GitHub shows at most 10 error and 10
//! warning annotations a step and drops the rest, so past those limits the
//! findings left are counted in one `::notice`. [`Github::step_summary`]
//! writes every finding as a Markdown table, for `$GITHUB_STEP_SUMMARY`.
//! Property values are escaped as the runner expects (`%`, CR, LF, and in
//! properties `:` and `,`).

use super::{FindingSink, Report, RunEnd, Summary};
use crate::compare::{Finding, Role};
use crate::extract::Claim;
use crate::input::corpus::InputError;
use crate::rules::Severity;
use std::io;

/// GitHub workflow commands.
pub struct Github;

/// Annotations GitHub shows a step, for each of errors and warnings.
pub const ANNOTATION_LIMIT: usize = 10;

/// Other articles a message names; the rest are counted.
const NAMED: usize = 10;

/// GitHub refuses a step summary over 1 MiB; rows stop short of it.
const SUMMARY_BUDGET: usize = 900 * 1024;

fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The claim a finding's annotation goes to: its first outlier, else its
/// first claim.
fn primary(f: &Finding) -> Option<usize> {
    f.claims
        .iter()
        .position(|(role, _)| *role == Role::Outlier)
        .or((!f.claims.is_empty()).then_some(0))
}

/// `a.txt says 1500. Message. Help. Also: b.txt says 1200, c.txt says 1200.`
fn annotation_message(f: &Finding, at: usize) -> String {
    let (_, c) = &f.claims[at];
    let mut text = format!("{}. {}. {}", c.says(), f.message, f.help);
    let others: Vec<String> = f
        .claims
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != at)
        .map(|(_, (_, o))| o.says())
        .collect();
    if !others.is_empty() {
        text.push_str(". Also: ");
        text.push_str(&others.iter().take(NAMED).cloned().collect::<Vec<_>>().join(", "));
        let more = others.len().saturating_sub(NAMED) + f.unquoted;
        if more > 0 {
            text.push_str(&format!(" and {more} more"));
        }
    } else if let Some(note) = f.unquoted_note() {
        text.push_str(&format!(" ({note})"));
    }
    text
}

fn annotation(out: &mut dyn io::Write, f: &Finding) -> io::Result<()> {
    let Some(at) = primary(f) else {
        return Ok(());
    };
    let c = &f.claims[at].1;
    let command = match f.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    };
    let end_column = c.line_col.column + c.text.lines().next().map_or(0, |l| l.chars().count());
    writeln!(
        out,
        "::{command} file={},line={},col={},endColumn={},title={}::{}",
        escape_property(&c.article),
        c.line_col.line,
        c.line_col.column,
        end_column,
        escape_property(&format!("crosscheck {}: {}", f.code.as_str(), f.key)),
        escape_data(&annotation_message(f, at))
    )
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The notice that counts the findings past GitHub's limits.
fn overflow_notice(errors: usize, warnings: usize) -> String {
    let mut counted = Vec::new();
    if errors > 0 {
        counted.push(plural(errors, "error", "errors"));
    }
    if warnings > 0 {
        counted.push(plural(warnings, "warning", "warnings"));
    }
    format!(
        "::notice title=crosscheck::{} not annotated ({}): GitHub shows {ANNOTATION_LIMIT} error and \
         {ANNOTATION_LIMIT} warning annotations a step. The job summary lists every finding.",
        plural(errors + warnings, "more finding", "more findings"),
        counted.join(", ")
    )
}

/// A Markdown table cell: no line breaks, no column separators, no HTML.
fn cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('<', "&lt;")
        .replace(['\r', '\n'], " ")
}

fn summary_heading(s: &Summary) -> String {
    let mut line = format!(
        "### crosscheck: {}, {} in {} ({})",
        plural(s.errors, "error", "errors"),
        plural(s.warnings, "warning", "warnings"),
        plural(s.articles, "article", "articles"),
        plural(s.claims, "claim", "claims")
    );
    if s.baselined > 0 {
        line.push_str(&format!(
            "; {} accepted in the baseline",
            plural(s.baselined, "finding", "findings")
        ));
    }
    if s.unreadable > 0 {
        line.push_str(&format!(
            "; {} could not be read",
            plural(s.unreadable, "input", "inputs")
        ));
    }
    line
}

fn summary_row(f: &Finding) -> String {
    let severity = match (f.severity, f.baselined) {
        (Severity::Error, false) => "error",
        (Severity::Warning, false) => "warning",
        (Severity::Error, true) => "error (baselined)",
        (Severity::Warning, true) => "warning (baselined)",
        (Severity::Note, false) => "note",
        (Severity::Note, true) => "note (baselined)",
    };
    let claims: Vec<String> = f
        .claims
        .iter()
        .take(NAMED)
        .map(|(role, c)| {
            format!(
                "{}:{} says {}{} ({})",
                cell(&c.article),
                c.line_col.line,
                cell(&c.value.canonical()),
                c.when(),
                role.as_str()
            )
        })
        .collect();
    let mut claims = claims.join("<br>");
    let more = f.claims.len().saturating_sub(NAMED) + f.unquoted;
    if more > 0 {
        claims.push_str(&format!("<br>and {more} more"));
    }
    format!(
        "| {severity} | {} | {} | {claims} | {} |\n",
        f.code.as_str(),
        cell(&f.key),
        cell(&format!("{}. {}", f.message, f.help))
    )
}

impl Github {
    /// The step summary's sink: a heading with the counts and a Markdown
    /// table of every finding (baselined ones marked), to append to
    /// `$GITHUB_STEP_SUMMARY`. Rows stop before GitHub's 1 MiB limit; the
    /// findings left are counted. The rows are kept until the end, which
    /// knows the counts the heading gives.
    pub fn step_summary<'a>(&self, out: &'a mut dyn io::Write) -> Box<dyn FindingSink + 'a> {
        Box::new(StepSummary {
            out,
            rows: String::new(),
            left: 0,
        })
    }
}

/// [`Github::step_summary`].
struct StepSummary<'a> {
    out: &'a mut dyn io::Write,
    rows: String,
    left: usize,
}

impl FindingSink for StepSummary<'_> {
    fn finding(&mut self, f: &Finding) -> io::Result<()> {
        let row = summary_row(f);
        if self.rows.len() + row.len() > SUMMARY_BUDGET {
            self.left += 1;
        } else {
            self.rows += &row;
        }
        Ok(())
    }

    fn finish(&mut self, end: &RunEnd) -> io::Result<()> {
        let out = &mut *self.out;
        writeln!(out, "{}\n", summary_heading(end.summary))?;
        if self.rows.is_empty() {
            writeln!(out, "No findings.")?;
        } else {
            let header = "| severity | finding | fact | claims | message |\n| --- | --- | --- | --- | --- |\n";
            out.write_all(header.as_bytes())?;
            out.write_all(self.rows.as_bytes())?;
        }
        if self.left > 0 {
            writeln!(
                out,
                "\n{} not listed: a step summary holds 1 MiB. `--format html -o report.html` lists them all.",
                plural(self.left, "more finding", "more findings")
            )?;
        }
        for e in end.input_errors {
            writeln!(out, "\nCould not read {}: {}", cell(&e.path), cell(&e.reason))?;
        }
        writeln!(out)
    }
}

/// [`Github`]'s sink: annotations up to GitHub's limits, then a notice
/// that counts the findings left.
struct Annotations<'a> {
    out: &'a mut dyn io::Write,
    /// Annotations written and findings left, errors then warnings.
    shown: [usize; 2],
    left: [usize; 2],
}

impl FindingSink for Annotations<'_> {
    fn finding(&mut self, f: &Finding) -> io::Result<()> {
        // Notes (a figure superseded over time) need no action: they are
        // in the step summary, not annotated.
        if f.baselined || f.severity == Severity::Note {
            return Ok(());
        }
        let i = usize::from(f.severity == Severity::Warning);
        if self.shown[i] == ANNOTATION_LIMIT {
            self.left[i] += 1;
            return Ok(());
        }
        self.shown[i] += 1;
        annotation(&mut *self.out, f)
    }

    fn finish(&mut self, _: &RunEnd) -> io::Result<()> {
        let [errors, warnings] = self.left;
        if errors + warnings > 0 {
            writeln!(self.out, "{}", overflow_notice(errors, warnings))?;
        }
        Ok(())
    }
}

impl Report for Github {
    fn sink<'a>(&'a self, out: &'a mut dyn io::Write) -> Box<dyn FindingSink + 'a> {
        Box::new(Annotations {
            out,
            shown: [0; 2],
            left: [0; 2],
        })
    }

    fn extract(&self, out: &mut dyn io::Write, claims: &[Claim], _errors: &[InputError]) -> io::Result<()> {
        for c in claims {
            writeln!(
                out,
                "::notice file={},line={},col={}::{}",
                escape_property(&c.article),
                c.line_col.line,
                c.line_col.column,
                escape_data(&format!("{} = {}", c.key, c.value.canonical()))
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_escape_separators() {
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        assert_eq!(escape_data("x: y\r\n"), "x: y%0D%0A");
    }

    #[test]
    fn cells_keep_the_table_whole() {
        assert_eq!(cell("a|b\nc<d"), "a\\|b c&lt;d");
    }

    #[test]
    fn the_overflow_notice_counts_what_is_left() {
        assert!(overflow_notice(1, 0).contains("1 more finding not annotated (1 error)"));
        assert!(overflow_notice(3, 2).contains("5 more findings not annotated (3 errors, 2 warnings)"));
    }
}
