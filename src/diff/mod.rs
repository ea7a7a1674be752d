//! Diff: a claim-by-source table — who said what, and who is the outlier.
//!
//! [`table`] lays claims out with one [`Row`] a key and one column a
//! source (articles with no source go in [`UNKNOWN`]). A [`Cell`] holds the
//! values that source gave, each with the number of its articles that gave
//! it. Every row names its *majority*, chosen as `compare` chooses it: the
//! value compatible with the most (weighted) articles among the values that
//! take part in a conflict, ties to the more precise value, then the
//! canonical string. A value *disagrees* when it does not intersect the
//! majority; when two sides weigh the same there is no majority, and every
//! value that conflicts with another disagrees.
//!
//! The renderings here are pure too: [`Table::to_json`] (the contract
//! below), [`Table::markdown`] and [`Table::text`] (a terminal table); the
//! HTML one lives in `report::html`.
//!
//! ```json
//! {"version": 1, "weighted": false, "sources": ["a", "b"],
//!  "rows": [{"key": "…", "title": "…", "majority": "196",
//!            "cells": {"a": {"values": [{"value": "196", "articles": 2, "disagrees": false}],
//!                            "disagrees": false}}}]}
//! ```

use crate::compare::{majority, Code, Role};
use crate::extract::Claim;
use crate::grammar::Kind;
use crate::input::sources::SourceWeights;
use crate::model::value::Value;
use crate::news::{Evolves, Moment, Stance};
use crate::rules::{RuleSet, Severity};
use std::collections::{BTreeMap, BTreeSet};

pub mod gather;
mod render;
#[cfg(test)]
mod tests;

pub use render::{majority_text, value_text};

/// The column of the articles whose source is not known.
pub const UNKNOWN: &str = "(unknown)";

/// What a table is built with besides the claims.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// Trust weights of the sources, for the majority.
    pub weights: &'a SourceWeights,
    /// Columns that come first, in this order, even when they are silent;
    /// other sources follow by name, then [`UNKNOWN`].
    pub columns: &'a [String],
    /// The rules, for row titles and preferred spellings of names.
    pub rules: Option<&'a RuleSet>,
}

/// The claim-by-source table.
#[derive(Debug, Clone)]
pub struct Table<'a> {
    /// Whether sources weigh differently (the majority is "weighted").
    pub weighted: bool,
    /// The column names, in order.
    pub sources: Vec<String>,
    /// One row a key, by key.
    pub rows: Vec<Row<'a>>,
}

/// One fact: what each source says about it.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    pub key: String,
    pub title: String,
    /// The majority value; `None` when two sides weigh the same, for a
    /// fact that moves, and when bodies differ.
    pub majority: Option<String>,
    /// How the fact changes over time (the rule's `evolves`).
    pub evolves: Option<Evolves>,
    /// For a fact that moves: its latest figure (the newest on the
    /// timeline that no finding puts in doubt), and when it held.
    pub latest: Option<Latest>,
    /// The asserted figures come from different bodies, and no majority is
    /// named across them.
    pub bodies_differ: bool,
    /// The cells of the sources that state this fact, by source name.
    pub cells: BTreeMap<String, Cell<'a>>,
}

/// What one source says about one fact.
#[derive(Debug, Clone, Default)]
pub struct Cell<'a> {
    /// Distinct values: numbers in numeric order, others in canonical
    /// order.
    pub values: Vec<Stated<'a>>,
    /// Whether one of the values disagrees with the majority.
    pub disagrees: bool,
}

/// The newest figure of a fact that moves.
#[derive(Debug, Clone)]
pub struct Latest {
    /// The canonical value string.
    pub value: String,
    /// When it held (as-of, else publication), if known.
    pub moment: Option<Moment>,
}

/// A value a source gives, and the evidence.
#[derive(Debug, Clone)]
pub struct Stated<'a> {
    /// The canonical value string.
    pub value: String,
    /// How many of the source's articles give it.
    pub articles: usize,
    pub disagrees: bool,
    /// The claims that give it, in article order.
    pub claims: Vec<&'a Claim>,
    /// For a claim of news that moves, when the value was first given
    /// (as-of, else publication; see [`Claim::when`]): the earliest claim's.
    pub when: Option<&'a Claim>,
}

/// An article, identified across extraction runs.
type ArticleId<'a> = (usize, &'a str);

/// The column a claim goes in.
pub fn column_of(c: &Claim) -> &str {
    c.source.as_deref().unwrap_or(UNKNOWN)
}

/// Builds the table. Weekday claims are left out: a weekday names a date
/// of its own, it is not one fact the sources could agree on.
pub fn table<'a>(claims: &'a [Claim], options: Options<'_>) -> Table<'a> {
    let mut groups: BTreeMap<&str, Vec<&Claim>> = BTreeMap::new();
    for c in claims
        .iter()
        .filter(|c| c.weekday.is_none() && &*c.key != crate::extract::WEEKDAY_KEY)
    {
        groups.entry(&c.key).or_default().push(c);
    }
    // Facts of a recurring event: one row an instance (`key@93`).
    let scopes = match options.rules {
        Some(rules) if crate::compare::scope::Scopes::needed(rules) => {
            crate::compare::scope::Scopes::build(rules, claims)
        }
        _ => crate::compare::scope::Scopes::default(),
    };
    let mut rows = Vec::new();
    for (key, group) in groups {
        let split = match options.rules {
            Some(rules) => scopes.split(rules, group, |c| c),
            None => crate::compare::scope::Split {
                parts: vec![(None, group)],
                notes: Vec::new(),
            },
        };
        for (instance, part) in split.parts {
            let key = instance.map_or_else(
                || key.to_string(),
                |i| crate::compare::scope::scoped_key(key, &i).to_string(),
            );
            rows.push(row(&key, part, options));
        }
    }
    Table {
        weighted: options.weights.is_weighted(),
        sources: columns(claims, options.columns),
        rows,
    }
}

/// The given columns, then the other sources by time (the first
/// publication of theirs that the claims know, with its time of day where
/// known), those with no date by name, then [`UNKNOWN`].
fn columns(claims: &[Claim], given: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in given {
        if !out.contains(name) {
            out.push(name.clone());
        }
    }
    let mut first: BTreeMap<&str, Option<Moment>> = BTreeMap::new();
    for c in claims {
        let source = column_of(c);
        if source == UNKNOWN || given.iter().any(|g| g == source) {
            continue;
        }
        let published = published(c);
        let at = first.entry(source).or_insert(published);
        if published.is_some_and(|p| at.is_none_or(|a| p < a)) {
            *at = published;
        }
    }
    let mut others: Vec<(&str, Option<Moment>)> = first.into_iter().collect();
    others.sort_by_key(|&(name, at)| (at.is_none(), at, name));
    out.extend(others.into_iter().map(|(name, _)| name.to_string()));
    if claims.iter().any(|c| c.source.is_none()) && !out.iter().any(|s| s == UNKNOWN) {
        out.push(UNKNOWN.to_string());
    }
    out
}

/// A claim's publication moment (its date, and its time of day where the
/// article's metadata gives one).
fn published(c: &Claim) -> Option<Moment> {
    c.published.map(|date| Moment {
        date,
        time: c.context().published_time,
    })
}

/// A claim, identified within one run.
type ClaimId<'a> = (usize, &'a str, usize, usize);

fn claim_id(c: &Claim) -> ClaimId<'_> {
    (c.article_index, &c.article, c.span.start, c.span.end)
}

/// Which values disagree, and the majority (`None` in a tie).
#[derive(Default)]
struct Verdict<'a> {
    majority: Option<String>,
    /// Values that disagree wherever they are stated.
    disagreeing: BTreeSet<String>,
    /// Claims that disagree (news that moves: a finding names them).
    claims: BTreeSet<ClaimId<'a>>,
    latest: Option<Latest>,
    bodies_differ: bool,
}

fn row<'a>(key: &str, group: Vec<&'a Claim>, options: Options<'_>) -> Row<'a> {
    let rule = options.rules.and_then(|r| r.get(key));
    let preferred = rule.and_then(|r| r.canonical.as_deref());
    let evolves = rule.and_then(|r| r.evolves);
    let moving = match options.rules {
        Some(rules) if group.first().is_some_and(|c| c.kind != Kind::Name) => {
            (evolves.is_some() || group.iter().any(|c| c.context.is_some())).then_some(rules)
        }
        _ => None,
    };
    let verdict = match moving {
        Some(rules) => judge_moving(rules, key, &group, options.weights, evolves),
        None => judge(&group, options.weights, preferred),
    };
    let mut by_source: BTreeMap<&str, Vec<&'a Claim>> = BTreeMap::new();
    for c in &group {
        by_source.entry(column_of(c)).or_default().push(c);
    }
    let cells = by_source
        .into_iter()
        .map(|(source, claims)| (source.to_string(), cell(&claims, &verdict, evolves.is_some())))
        .collect();
    Row {
        key: key.to_string(),
        title: rule.map_or_else(|| key.to_string(), |r| r.title.clone()),
        majority: verdict.majority,
        evolves,
        latest: verdict.latest,
        bodies_differ: verdict.bodies_differ,
        cells,
    }
}

/// The values one source gives, in order: for a fact that evolves, in the
/// order they were given (then as numbers); else numbers in numeric order
/// (310 before 1037) and the rest as written (dates are ISO: their text
/// order is their order in time).
fn cell<'a>(claims: &[&'a Claim], verdict: &Verdict, evolves: bool) -> Cell<'a> {
    let mut by_value: BTreeMap<String, Stated<'a>> = BTreeMap::new();
    let mut seen: BTreeSet<(String, ArticleId)> = BTreeSet::new();
    for c in claims {
        let value = c.value.canonical();
        let stated = by_value.entry(value.clone()).or_insert_with(|| Stated {
            disagrees: verdict.disagreeing.contains(&value),
            value: value.clone(),
            articles: 0,
            claims: Vec::new(),
            when: None,
        });
        stated.claims.push(c);
        stated.disagrees |= verdict.claims.contains(&claim_id(c));
        if c.context.is_some() && c.moment().is_some() && stated.when.is_none_or(|w| c.moment() < w.moment()) {
            stated.when = Some(c);
        }
        if seen.insert((value, (c.article_index, &c.article))) {
            stated.articles += 1;
        }
    }
    let mut values: Vec<Stated<'a>> = by_value.into_values().collect();
    let numeric = |a: &Stated, b: &Stated| match (&a.claims[0].value, &b.claims[0].value) {
        (Value::Number(x), Value::Number(y)) => x
            .low
            .total_cmp(&y.low)
            .then(x.high.total_cmp(&y.high))
            .then_with(|| a.value.cmp(&b.value)),
        _ => a.value.cmp(&b.value),
    };
    if evolves {
        let at = |s: &Stated| s.when.and_then(Claim::moment);
        values.sort_by(|a, b| {
            (at(a).is_none(), at(a))
                .cmp(&(at(b).is_none(), at(b)))
                .then_with(|| numeric(a, b))
        });
    } else {
        values.sort_by(numeric);
    }
    Cell {
        disagrees: values.iter().any(|v| v.disagrees),
        values,
    }
}

/// The verdict on a fact that moves, or whose claims carry a time, a
/// body or a stance: the findings `check` gives (see [`crate::compare::timeline`])
/// mark the claims that disagree. A figure superseded by a later one
/// agrees; a stale figure, one of two figures for one moment and bodies
/// that differ disagree. No majority is named: an evolving fact shows its
/// latest figure, and a static one its majority only when one body (or
/// none) speaks.
fn judge_moving<'a>(
    rules: &RuleSet,
    key: &str,
    group: &[&'a Claim],
    weights: &SourceWeights,
    evolves: Option<Evolves>,
) -> Verdict<'a> {
    let findings = crate::compare::compare_claims(rules, key, group.to_vec(), weights);
    let mut doubted: BTreeSet<ClaimId> = BTreeSet::new();
    let mut bodies_differ = false;
    for f in findings.iter().filter(|f| f.severity >= Severity::Warning) {
        bodies_differ |= f.code == Code::SourcesDiffer;
        doubted.extend(
            f.claims
                .iter()
                .filter(|(r, _)| *r == Role::Outlier)
                .map(|(_, c)| claim_id(c)),
        );
    }
    // The findings own copies: keep the group's own references.
    let claims: BTreeSet<ClaimId<'a>> = group
        .iter()
        .map(|c| claim_id(c))
        .filter(|id| doubted.contains(id))
        .collect();
    let asserted: Vec<&Claim> = group
        .iter()
        .copied()
        .filter(|c| c.context().stance == Stance::Asserted)
        .collect();
    if evolves.is_some() {
        let latest = asserted
            .iter()
            .filter(|c| !claims.contains(&claim_id(c)))
            .max_by(|a, b| {
                (a.moment(), std::cmp::Reverse(&a.article), a.span.start).cmp(&(
                    b.moment(),
                    std::cmp::Reverse(&b.article),
                    b.span.start,
                ))
            })
            .map(|c| Latest {
                value: c.value.canonical(),
                moment: c.moment(),
            });
        return Verdict {
            claims,
            latest,
            bodies_differ,
            ..Verdict::default()
        };
    }
    let bodies: BTreeSet<String> = asserted.iter().filter_map(|c| c.context().attribution_key()).collect();
    let several = bodies.len() > 1;
    Verdict {
        majority: if several {
            None
        } else {
            judge(&asserted, weights, None).majority
        },
        claims,
        bodies_differ: bodies_differ || several,
        ..Verdict::default()
    }
}

/// Picks the majority of a row and the values that disagree with it, as
/// `check` picks it ([`crate::compare::majority`]), any two values that
/// do not meet taking part in the conflict: the rule's preferred spelling
/// ranks after support. Without a conflict the row's best-supported value
/// is still named. A tie of support names no majority, and every value in
/// a conflict disagrees; spellings of a name never tie.
fn judge<'a>(group: &[&Claim], weights: &SourceWeights, preferred: Option<&str>) -> Verdict<'a> {
    let weigh = majority::Weigh::new(group, weights);
    let values = majority::distinct(group);
    let conflicting = majority::conflicting(&values, true);
    let any_conflict = conflicting.iter().any(|&c| c);
    let Some(best) = majority::best(&values, |i| conflicting[i] || !any_conflict, &weigh, preferred) else {
        return Verdict::default();
    };
    let of_best = majority::support(&values, best, &weigh);
    let conflicts = |v: &majority::Stated| !v.claim.value.intersects(&values[best].claim.value);
    let rival = values
        .iter()
        .any(conflicts)
        .then(|| majority::rival(&values, best, &weigh));
    let tie =
        rival.is_some_and(|r| r.millis() == of_best.millis()) && !matches!(values[best].claim.value, Value::Name(_));
    let disagreeing = values
        .iter()
        .zip(&conflicting)
        .filter(|(v, &c)| if tie { c } else { conflicts(v) })
        .map(|(v, _)| v.canonical.clone())
        .collect();
    Verdict {
        majority: (!tie).then(|| values[best].canonical.clone()),
        disagreeing,
        ..Verdict::default()
    }
}
