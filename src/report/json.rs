//! `--format json`: the machine contract, version 1 (docs/json.md).
//!
//! `check` prints `{version, summary, findings, unreadable}`; `extract`
//! prints `{version, claims, unreadable}`. Claims have the same shape in
//! both: article, value, text, start, end (original bytes, end-exclusive),
//! line, column (1-based, in characters); in `extract` also key, rule, kind.
//!
//! Documents are serialized from borrowed views ([`ClaimRecord`],
//! [`FindingView`]) straight to the writer: a run with a million claims
//! never builds a JSON tree of them.

use super::{FindingSink, Report, RunEnd};
use crate::compare::{Finding, Role};
use crate::extract::record::ClaimRecord;
use crate::extract::Claim;
use crate::input::corpus::InputError;
use serde::ser::Serializer;
use serde::Serialize;
use std::io::{self, Seek, Write};

/// JSON output.
pub struct Json;

/// A finding as JSON, borrowed.
#[derive(Serialize)]
pub struct FindingView<'a> {
    code: &'static str,
    severity: &'static str,
    key: &'a str,
    message: &'a str,
    help: &'a str,
    claims: Each<'a, (Role, Claim), ClaimRecord<'a>>,
    /// Claims not quoted ([`Finding::unquoted`]); absent when none.
    #[serde(skip_serializing_if = "is_zero")]
    unquoted: usize,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    baselined: bool,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl<'a> FindingView<'a> {
    pub fn new(f: &'a Finding) -> FindingView<'a> {
        FindingView {
            code: f.code.as_str(),
            severity: f.severity.as_str(),
            key: &f.key,
            message: &f.message,
            help: &f.help,
            claims: Each(&f.claims, |(role, c)| ClaimRecord {
                role: Some(role.as_str().into()),
                ..ClaimRecord::of(c, false)
            }),
            unquoted: f.unquoted,
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
/// is known last: the findings are serialized as they come into a spooled
/// temporary file (in memory up to [`SPOOL_IN_MEMORY`], then on disk),
/// which is copied behind the summary at the end. A finding is streamed
/// into the spool, never held as text, so memory stays that of a key's
/// claims however many claims a finding lists. The bytes are those of
/// `serde_json::to_writer_pretty` on the whole document.
struct Document<'a> {
    out: &'a mut dyn io::Write,
    spool: io::BufWriter<tempfile::SpooledTempFile>,
    findings: usize,
}

/// Bytes of findings a JSON report keeps in memory before it spools them
/// to disk.
const SPOOL_IN_MEMORY: usize = 1 << 20;

/// `value` as pretty JSON nested `depth` levels deep (two spaces a level).
fn nested(value: &impl Serialize, depth: usize) -> io::Result<String> {
    let mut text = Vec::new();
    serde_json::to_writer_pretty(Indented::new(&mut text, depth), value)?;
    String::from_utf8(text).map_err(io::Error::other)
}

/// A writer that indents every line after the first by `depth` levels:
/// pretty JSON breaks lines only between tokens (a string's line breaks
/// are escaped), so a value written through it nests in a document.
struct Indented<W> {
    inner: W,
    indent: String,
}

impl<W: io::Write> Indented<W> {
    fn new(inner: W, depth: usize) -> Self {
        Indented {
            inner,
            indent: "  ".repeat(depth),
        }
    }
}

impl<W: io::Write> io::Write for Indented<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while let Some(i) = rest.iter().position(|&b| b == b'\n') {
            self.inner.write_all(&rest[..=i])?;
            self.inner.write_all(self.indent.as_bytes())?;
            rest = &rest[i + 1..];
        }
        self.inner.write_all(rest)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl FindingSink for Document<'_> {
    fn finding(&mut self, f: &Finding) -> io::Result<()> {
        let sep: &[u8] = if self.findings == 0 { b"\n    " } else { b",\n    " };
        self.spool.write_all(sep)?;
        serde_json::to_writer_pretty(Indented::new(&mut self.spool, 2), &FindingView::new(f))?;
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
            self.spool.flush()?;
            let spool = self.spool.get_mut();
            spool.seek(io::SeekFrom::Start(0))?;
            io::copy(spool, out)?;
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
    claims: Each<'a, Claim, ClaimRecord<'a>>,
    unreadable: Each<'a, InputError, Unreadable<'a>>,
}

fn full_claim(c: &Claim) -> ClaimRecord<'_> {
    ClaimRecord::of(c, true)
}

impl Report for Json {
    fn sink<'a>(&'a self, out: &'a mut dyn io::Write) -> Box<dyn FindingSink + 'a> {
        Box::new(Document {
            out,
            spool: io::BufWriter::new(tempfile::spooled_tempfile(SPOOL_IN_MEMORY)),
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
    serde_json::to_writer(&mut *out, &ClaimRecord::of(c, true))?;
    writeln!(out)
}
