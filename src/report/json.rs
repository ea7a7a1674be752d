//! `--format json`: the machine contract of DESIGN.md, version 1.
//!
//! `check` prints `{version, summary, findings, unreadable}`; `extract`
//! prints `{version, claims, unreadable}`. Claims have the same shape in
//! both: article, value, text, start, end (original bytes, end-exclusive),
//! line, column (1-based, in characters); in `extract` also key, rule, kind.

use super::{CheckResult, Report};
use crate::compare::Finding;
use crate::corpus::InputError;
use crate::extract::Claim;
use serde_json::{json, Map, Value};
use std::io;

/// JSON output.
pub struct Json;

/// A claim as JSON; `full` adds key, rule and kind.
pub fn claim_json(c: &Claim, full: bool) -> Value {
    let mut m = Map::new();
    if full {
        m.insert("key".into(), json!(c.key));
        m.insert("rule".into(), json!(c.rule));
        m.insert("kind".into(), json!(c.kind.as_str()));
    }
    m.insert("article".into(), json!(&*c.article));
    if let Some(source) = &c.source {
        m.insert("source".into(), json!(&**source));
    }
    m.insert("value".into(), json!(c.value.canonical()));
    m.insert("text".into(), json!(c.text));
    m.insert("start".into(), json!(c.span.start));
    m.insert("end".into(), json!(c.span.end));
    m.insert("line".into(), json!(c.line_col.line));
    m.insert("column".into(), json!(c.line_col.column));
    if full {
        // What `check --claims` needs to compare without the articles.
        m.insert("severity".into(), json!(c.severity.as_str()));
        if let Some(p) = c.published {
            m.insert("published".into(), json!(p.format("%Y-%m-%d").to_string()));
        }
        if let Some(w) = c.weekday {
            m.insert("weekday".into(), json!(w.number_from_monday()));
        }
    }
    Value::Object(m)
}

fn unreadable(errors: &[InputError]) -> Value {
    errors
        .iter()
        .map(|e| json!({ "path": e.path, "reason": e.reason }))
        .collect()
}

/// A finding as JSON.
pub fn finding_json(f: &Finding) -> Value {
    let claims: Vec<Value> = f
        .claims
        .iter()
        .map(|(role, c)| {
            let mut v = claim_json(c, false);
            v["role"] = json!(role.as_str());
            v
        })
        .collect();
    let mut v = json!({
        "code": f.code.as_str(),
        "severity": f.severity.as_str(),
        "key": f.key,
        "message": f.message,
        "help": f.help,
        "claims": claims,
    });
    if f.baselined {
        v["baselined"] = json!(true);
    }
    v
}

impl Report for Json {
    fn check(&self, out: &mut dyn io::Write, result: &CheckResult) -> io::Result<()> {
        let findings: Vec<Value> = result.findings.iter().map(finding_json).collect();
        let doc = json!({
            "version": 1,
            "summary": result.summary,
            "findings": findings,
            "unreadable": unreadable(&result.input_errors),
        });
        let mut doc = doc;
        if !result.stale.is_empty() {
            doc["stale"] = json!(result.stale);
        }
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        writeln!(out)
    }

    fn extract(&self, out: &mut dyn io::Write, claims: &[Claim], input_errors: &[InputError]) -> io::Result<()> {
        let doc = json!({
            "version": 1,
            "claims": claims.iter().map(|c| claim_json(c, true)).collect::<Vec<_>>(),
            "unreadable": unreadable(input_errors),
        });
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        writeln!(out)
    }
}
