//! Reference fact sheets: values a desk has verified, checked against every
//! claim whatever the other articles say (`fact-mismatch`).
//!
//! ```yaml
//! facts:
//!   - key: interpol.member-states
//!     value: '195'
//!     valid-until: 2023-11-27
//!     citation: INTERPOL, member countries, before Palau joined
//!   - key: interpol.member-states
//!     value: '196'
//!     valid-from: 2023-11-28
//!     citation: INTERPOL press release, 91st General Assembly, Vienna
//! ```
//!
//! A fact with a validity window applies only to articles published inside
//! it; an article with no publication date is checked only against facts
//! without a window. Values are canonical strings, read as the rule of the
//! key reads its claims (`~800`, `>140`, `2025-11-24/2025-11-27`).

use crate::compare::{Code, Finding, Role};
use crate::extract::Claim;
use crate::model::value::Value;
use crate::rules::RuleSet;
use chrono::NaiveDate;
use serde::Deserialize;
use std::path::Path;

/// A fact sheet, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactSheet {
    pub facts: Vec<FactSpec>,
}

/// One fact, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FactSpec {
    pub key: String,
    pub value: String,
    #[serde(default)]
    pub valid_from: Option<NaiveDate>,
    #[serde(default)]
    pub valid_until: Option<NaiveDate>,
    #[serde(default)]
    pub citation: Option<String>,
}

/// A fact, read.
#[derive(Debug, Clone)]
pub struct Fact {
    pub spec: FactSpec,
    pub value: Value,
    /// The rule's title, for messages.
    pub title: String,
}

/// A fact sheet that cannot be used.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("fact sheet {path}: {reason}")]
#[diagnostic(code(crosscheck::facts))]
pub struct FactsError {
    pub path: String,
    pub reason: String,
}

/// The facts, checked against the loaded rules.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub facts: Vec<Fact>,
}

impl Facts {
    pub fn load(path: &Path, rules: &RuleSet) -> Result<Facts, FactsError> {
        let err = |reason: String| FactsError {
            path: path.display().to_string(),
            reason,
        };
        let text = std::fs::read_to_string(path).map_err(|e| err(e.to_string()))?;
        crate::yaml::check_nesting(&text).map_err(|deep| err(deep.located(&text)))?;
        let sheet: FactSheet = crate::yaml::from_str(&text).map_err(|e| err(e.to_string()))?;
        let mut facts = Vec::new();
        for spec in sheet.facts {
            let Some(rule) = rules.get(&spec.key) else {
                return Err(err(format!("no loaded rule has the key `{}`", spec.key)));
            };
            let Some(value) = Value::parse(rule.kind, &spec.value, rule.tolerance) else {
                let kind = rule.kind.as_str();
                return Err(err(format!(
                    "`{}` is not a {kind} value (key `{}`)",
                    spec.value, spec.key
                )));
            };
            facts.push(Fact {
                spec: FactSpec {
                    key: rule.key.clone(),
                    ..spec
                },
                value,
                title: rule.title.clone(),
            });
        }
        Ok(Facts { facts })
    }

    /// The facts about `key` that apply to an article published on `date`.
    fn applying<'a>(&'a self, key: &'a str, date: Option<NaiveDate>) -> impl Iterator<Item = &'a Fact> + 'a {
        self.facts.iter().filter(move |f| {
            let windowed = f.spec.valid_from.is_some() || f.spec.valid_until.is_some();
            f.spec.key == key
                && match date {
                    None => !windowed,
                    Some(d) => f.spec.valid_from.is_none_or(|s| s <= d) && f.spec.valid_until.is_none_or(|u| d <= u),
                }
        })
    }

    /// One `fact-mismatch` for each claim a fact contradicts.
    pub fn check(&self, claims: &[Claim]) -> Vec<Finding> {
        self.check_each(claims.iter())
    }

    /// As [`Facts::check`], over any claims.
    pub fn check_each<'a>(&self, claims: impl Iterator<Item = &'a Claim>) -> Vec<Finding> {
        let mut out = Vec::new();
        for c in claims {
            let Some(fact) = self
                .applying(&c.key, c.published)
                .find(|f| !f.value.intersects(&c.value))
            else {
                continue;
            };
            out.push(mismatch(c, fact));
        }
        out
    }
}

/// A fact sheet settles what it covers: a contradiction whose outliers all
/// contradict the fact sheet already is told once, as `fact-mismatch`.
pub fn supersede(findings: Vec<Finding>) -> Vec<Finding> {
    let flagged = Flagged::of(findings.iter());
    findings
        .into_iter()
        .filter(|f| !flagged.supersede(f.code, f.claims.iter().map(|(r, c)| (*r, c))))
        .collect()
}

/// The claims some fact-sheet finding flags ([`supersede`]).
pub(crate) struct Flagged(Vec<(String, usize, usize)>);

impl Flagged {
    pub(crate) fn of<'f>(findings: impl Iterator<Item = &'f Finding>) -> Flagged {
        Flagged(
            findings
                .filter(|f| f.code == Code::FactMismatch)
                .flat_map(|f| {
                    f.claims
                        .iter()
                        .map(|(_, c)| (c.article.to_string(), c.span.start, c.span.end))
                })
                .collect(),
        )
    }

    /// Whether a finding of `code` with `claims` gives way: a
    /// contradiction whose outliers the fact sheet flags, every one.
    pub(crate) fn supersede<'c>(&self, code: Code, mut claims: impl Iterator<Item = (Role, &'c Claim)>) -> bool {
        let covered = |c: &Claim| {
            self.0
                .iter()
                .any(|(a, s, e)| **a == *c.article && *s == c.span.start && *e == c.span.end)
        };
        code == Code::Contradiction && claims.all(|(r, c)| r != Role::Outlier || covered(c))
    }
}

fn mismatch(c: &Claim, fact: &Fact) -> Finding {
    let expected = fact.value.canonical();
    let window = match (fact.spec.valid_from, fact.spec.valid_until) {
        (Some(a), Some(b)) => format!(", valid {a} to {b}"),
        (Some(a), None) => format!(", valid from {a}"),
        (None, Some(b)) => format!(", valid until {b}"),
        (None, None) => String::new(),
    };
    let citation = fact
        .spec
        .citation
        .as_deref()
        .map_or(String::new(), |c| format!(" (source: {c})"));
    Finding::new(
        Code::FactMismatch,
        c.severity,
        c.key.to_string(),
        fact.title.clone(),
        format!(
            "{}: {} says {}, the fact sheet {expected}",
            fact.title,
            c.article,
            c.value.canonical()
        ),
        format!("the fact sheet gives {expected}{window}{citation}"),
        vec![(Role::Outlier, c.clone())],
    )
}
