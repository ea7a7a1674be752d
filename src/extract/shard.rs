//! Claim shards: the reduce side of map/reduce.
//!
//! `crosscheck extract --format jsonl` is a pure per-article map: one claim
//! a line. [`read_claims`] reads such lines back (from any number of
//! extract runs) so `check --claims` compares them exactly as one run over
//! the whole corpus would: comparison orders claims by article name and
//! offset, never by input order.

use crate::extract::Claim;
use crate::grammar::Kind;
use crate::input::corpus::{parse_date, InputError};
use crate::model::value::Value;
use crate::rules::{RuleSet, Severity};
use crate::text::span::{LineCol, Span};
use serde::Deserialize;
use std::collections::HashMap;
use std::io::BufRead;
use std::path::Path;
use std::sync::Arc;

/// One line of `extract --format jsonl`.
#[derive(Debug, Deserialize)]
struct ClaimLine {
    key: String,
    rule: String,
    kind: Kind,
    article: String,
    #[serde(default)]
    source: Option<String>,
    value: String,
    text: String,
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    #[serde(default)]
    severity: Option<Severity>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    weekday: Option<u32>,
    #[serde(default)]
    as_of: Option<String>,
    #[serde(default)]
    stance: Option<crate::news::Stance>,
    #[serde(default)]
    attribution: Option<String>,
    #[serde(default)]
    update: Vec<(String, String)>,
    #[serde(default)]
    corrects: Option<String>,
    #[serde(default)]
    unplaced_as_of: Option<String>,
}

/// The context a claim line gives (`None` when it gives none).
fn context_of(c: &ClaimLine) -> Result<Option<Box<crate::news::Context>>, String> {
    let as_of = match c.as_of.as_deref() {
        None => None,
        Some(s) => Some(crate::news::Moment {
            date: parse_date(s).ok_or_else(|| format!("`{s}` is not an as-of date"))?,
            time: crate::input::corpus::parse_time(s),
        }),
    };
    let context = crate::news::Context {
        published_time: c.published.as_deref().and_then(crate::input::corpus::parse_time),
        as_of,
        stance: c.stance.unwrap_or_default(),
        attribution: c.attribution.as_deref().map(Arc::from),
        update: c
            .update
            .iter()
            .map(|(k, v)| (Arc::from(k.as_str()), Arc::from(v.as_str())))
            .collect(),
        corrects: c.corrects.as_deref().map(Arc::from),
        unplaced_as_of: c.unplaced_as_of.as_deref().map(Arc::from),
    };
    Ok((!context.is_empty()).then(|| Box::new(context)))
}

/// Reads claim shards, streaming each file line by line. Article names
/// get stable indices in order of first appearance.
pub fn read_claims(paths: &[impl AsRef<Path>], rules: &RuleSet) -> (Vec<Claim>, usize, Vec<InputError>) {
    let mut claims = Vec::new();
    let mut keep = |c: Claim| {
        claims.push(c);
        Ok(())
    };
    // Keeping claims in memory cannot fail.
    let (articles, errors) = for_each_claim(paths, rules, &mut keep).unwrap_or_default();
    (claims, articles, errors)
}

/// As [`read_claims`], handing each claim to `sink` instead of keeping
/// them: returns the number of articles and the lines that could not be
/// read. Fails only if the sink does.
pub fn for_each_claim(
    paths: &[impl AsRef<Path>],
    rules: &RuleSet,
    sink: &mut dyn FnMut(Claim) -> std::io::Result<()>,
) -> std::io::Result<(usize, Vec<InputError>)> {
    let mut errors = Vec::new();
    let mut articles: HashMap<String, usize> = HashMap::new();
    for path in paths {
        let path = path.as_ref();
        let name = path.display().to_string();
        let file = match std::fs::File::open(path) {
            Ok(f) => f,
            Err(e) => {
                errors.push(InputError::new(name, e.to_string()));
                continue;
            }
        };
        for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
            let at = format!("{name}:{}", i + 1);
            let line = match line {
                Ok(l) => l,
                Err(e) => {
                    errors.push(InputError::new(at, e.to_string()));
                    break;
                }
            };
            if line.trim().is_empty() {
                continue;
            }
            match claim_of(&line, rules, &mut articles) {
                Ok(c) => sink(c)?,
                Err(reason) => errors.push(InputError::new(at, reason)),
            }
        }
    }
    Ok((articles.len(), errors))
}

fn claim_of(line: &str, rules: &RuleSet, articles: &mut HashMap<String, usize>) -> Result<Claim, String> {
    let c: ClaimLine = serde_json::from_str(line).map_err(|e| format!("not a claim: {e}"))?;
    let rule = rules.get(&c.key);
    let tolerance = rule.map_or(0.1, |r| r.tolerance);
    let value = Value::parse(c.kind, &c.value, tolerance)
        .ok_or_else(|| format!("`{}` is not a {} value", c.value, c.kind.as_str()))?;
    if c.end < c.start {
        return Err("end before start".to_string());
    }
    let next = articles.len();
    let article_index = *articles.entry(c.article.clone()).or_insert(next);
    let name: Arc<str> = Arc::from(c.article.as_str());
    let span = Span::new(c.start, c.end);
    let line_col = LineCol {
        line: c.line.max(1),
        column: c.column.max(1),
    };
    Ok(Claim {
        key: Arc::from(c.key.as_str()),
        rule: Arc::from(c.rule.as_str()),
        kind: c.kind,
        severity: rule.map(|r| r.severity).or(c.severity).unwrap_or_default(),
        article: name,
        source: c.source.as_deref().map(Arc::from),
        article_index,
        published: c.published.as_deref().and_then(parse_date),
        value,
        span,
        line_col,
        weekday: c.weekday.and_then(crate::grammar::date::weekday),
        text: Arc::from(c.text.as_str()),
        // Reports that quote make it from the claim's text (Claim::excerpt).
        excerpt: None,
        context: context_of(&c)?,
    })
}
