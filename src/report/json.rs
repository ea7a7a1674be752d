//! `--format json`: the machine contract, version 1 (docs/json.md).
//!
//! `check` prints `{version, summary, findings, unreadable}`; `extract`
//! prints `{version, claims, unreadable}`. Claims have the same shape in
//! both: article, value, text, start, end (original bytes, end-exclusive),
//! line, column (1-based, in characters); in `extract` also key, rule, kind.
//!
//! Documents are serialized from borrowed views ([`ClaimView`],
//! [`FindingView`]) straight to the writer: a run with a million claims
//! never builds a JSON tree of them.

use super::{FindingSink, Report, RunEnd};
use crate::compare::{Finding, Role};
use crate::extract::Claim;
use crate::input::corpus::InputError;
use serde::ser::Serializer;
use serde::Serialize;
use std::io::{self, Seek, Write};

/// JSON output.
pub struct Json;

/// A claim as JSON, borrowed: `full` (extract, shards) adds key, rule and
/// kind, and what `check --claims` needs to compare without the articles.
#[derive(Serialize)]
pub struct ClaimView<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    key: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
    article: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    value: String,
    text: &'a str,
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    severity: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    weekday: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    as_of: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stance: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    attribution: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    update: &'a [(std::sync::Arc<str>, std::sync::Arc<str>)],
    #[serde(skip_serializing_if = "Option::is_none")]
    corrects: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unplaced_as_of: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<&'static str>,
}

impl<'a> ClaimView<'a> {
    pub fn new(c: &'a Claim, full: bool) -> ClaimView<'a> {
        ClaimView {
            key: full.then_some(&*c.key),
            rule: full.then_some(&*c.rule),
            kind: full.then(|| c.kind.as_str()),
            article: &c.article,
            source: c.source.as_deref(),
            value: c.value.canonical(),
            text: &c.text,
            start: c.span.start,
            end: c.span.end,
            line: c.line_col.line,
            column: c.line_col.column,
            severity: full.then(|| c.severity.as_str()),
            // A claim with a context (news that moves) always shows its
            // time; other claims show it where the whole claim is written.
            published: c.published.filter(|_| full || c.context.is_some()).map(|date| {
                let moment = crate::news::Moment {
                    date,
                    time: c.context().published_time,
                };
                moment.canonical()
            }),
            weekday: c.weekday.filter(|_| full).map(|w| w.number_from_monday()),
            as_of: c.context().as_of.map(|m| m.canonical()),
            stance: Some(c.context().stance)
                .filter(|s| *s != crate::news::Stance::Asserted)
                .map(crate::news::Stance::as_str),
            attribution: c.context().attribution.as_deref(),
            update: c.context.as_deref().map_or(&[], |x| &x.update[..]),
            corrects: c.context().corrects.as_deref(),
            unplaced_as_of: c.context().unplaced_as_of.as_deref(),
            role: None,
        }
    }

    fn with_role(mut self, role: Role) -> Self {
        self.role = Some(role.as_str());
        self
    }
}

/// A finding as JSON, borrowed.
#[derive(Serialize)]
pub struct FindingView<'a> {
    code: &'static str,
    severity: &'static str,
    key: &'a str,
    message: &'a str,
    help: &'a str,
    claims: Each<'a, (Role, Claim), ClaimView<'a>>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    baselined: bool,
}

impl<'a> FindingView<'a> {
    pub fn new(f: &'a Finding) -> FindingView<'a> {
        FindingView {
            code: f.code.as_str(),
            severity: f.severity.as_str(),
            key: &f.key,
            message: &f.message,
            help: &f.help,
            claims: Each(&f.claims, |(role, c)| ClaimView::new(c, false).with_role(*role)),
            baselined: f.baselined,
        }
    }
}

/// Any slice serialized through a view made per element.
struct Each<'a, T, V>(&'a [T], fn(&'a T) -> V);

impl<'a, T, V: Serialize> Serialize for Each<'a, T, V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(self.1))
    }
}

#[derive(Serialize)]
struct Unreadable<'a> {
    path: &'a str,
    reason: &'a str,
}

fn unreadable(e: &InputError) -> Unreadable<'_> {
    Unreadable {
        path: &e.path,
        reason: &e.reason,
    }
}

/// [`Json`]'s sink. A document gives its summary first, and the summary
/// is known last: the findings are written as they come to a spooled
/// temporary file (in memory up to [`SPOOL_IN_MEMORY`], then on disk),
/// which is copied behind the summary at the end. The bytes are those of
/// `serde_json::to_writer_pretty` on the whole document.
struct Document<'a> {
    out: &'a mut dyn io::Write,
    spool: tempfile::SpooledTempFile,
    findings: usize,
}

/// Bytes of findings a JSON report keeps in memory before it spools them
/// to disk.
const SPOOL_IN_MEMORY: usize = 8 << 20;

/// `value` as pretty JSON nested `depth` levels deep (two spaces a level).
fn nested(value: &impl Serialize, depth: usize) -> io::Result<String> {
    let text = serde_json::to_string_pretty(value)?;
    // Pretty JSON breaks lines only between tokens: a string's line
    // breaks are escaped.
    Ok(text.replace('\n', &format!("\n{}", "  ".repeat(depth))))
}

impl FindingSink for Document<'_> {
    fn finding(&mut self, f: &Finding) -> io::Result<()> {
        let sep: &[u8] = if self.findings == 0 { b"\n    " } else { b",\n    " };
        self.spool.write_all(sep)?;
        self.spool.write_all(nested(&FindingView::new(f), 2)?.as_bytes())?;
        self.findings += 1;
        Ok(())
    }

    fn finish(&mut self, end: &RunEnd) -> io::Result<()> {
        let out = &mut *self.out;
        write!(
            out,
            "{{\n  \"version\": 1,\n  \"summary\": {},\n  \"findings\": ",
            nested(end.summary, 1)?
        )?;
        if self.findings == 0 {
            out.write_all(b"[]")?;
        } else {
            out.write_all(b"[")?;
            self.spool.seek(io::SeekFrom::Start(0))?;
            io::copy(&mut self.spool, out)?;
            out.write_all(b"\n  ]")?;
        }
        let unreadable = nested(&Each(end.input_errors, unreadable), 1)?;
        write!(out, ",\n  \"unreadable\": {unreadable}")?;
        if !end.stale.is_empty() {
            write!(out, ",\n  \"stale\": {}", nested(&end.stale, 1)?)?;
        }
        writeln!(out, "\n}}")
    }
}

#[derive(Serialize)]
struct ExtractDoc<'a> {
    version: u32,
    claims: Each<'a, Claim, ClaimView<'a>>,
    unreadable: Each<'a, InputError, Unreadable<'a>>,
}

fn full_claim(c: &Claim) -> ClaimView<'_> {
    ClaimView::new(c, true)
}

impl Report for Json {
    fn sink<'a>(&'a self, out: &'a mut dyn io::Write) -> Box<dyn FindingSink + 'a> {
        Box::new(Document {
            out,
            spool: tempfile::spooled_tempfile(SPOOL_IN_MEMORY),
            findings: 0,
        })
    }

    fn extract(&self, out: &mut dyn io::Write, claims: &[Claim], input_errors: &[InputError]) -> io::Result<()> {
        let doc = ExtractDoc {
            version: 1,
            claims: Each(claims, full_claim),
            unreadable: Each(input_errors, unreadable),
        };
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        writeln!(out)
    }
}

/// One finding as a line of JSON.
pub fn write_finding_line(out: &mut dyn io::Write, f: &Finding) -> io::Result<()> {
    serde_json::to_writer(&mut *out, &FindingView::new(f))?;
    writeln!(out)
}

/// One claim, in its full shape, as a line of JSON.
pub fn write_claim_line(out: &mut dyn io::Write, c: &Claim) -> io::Result<()> {
    serde_json::to_writer(&mut *out, &ClaimView::new(c, true))?;
    writeln!(out)
}
