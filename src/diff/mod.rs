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
use crate::news::{Evolves, Moment, Stance};
use crate::rules::{RuleSet, Severity};
use crate::sources::SourceWeights;
use crate::value::Value;
use serde_json::{json, Map, Value as Json};
use std::collections::{BTreeMap, BTreeSet};

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
        Some(rules) if crate::scope::Scopes::needed(rules) => crate::scope::Scopes::build(rules, claims),
        _ => crate::scope::Scopes::default(),
    };
    let mut rows = Vec::new();
    for (key, group) in groups {
        let split = match options.rules {
            Some(rules) => scopes.split(rules, group, |c| c),
            None => crate::scope::Split {
                parts: vec![(None, group)],
                notes: Vec::new(),
            },
        };
        for (instance, part) in split.parts {
            let key = instance.map_or_else(|| key.to_string(), |i| crate::scope::scoped_key(key, &i).to_string());
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
/// body or a stance: the findings `check` gives (see [`crate::timeline`])
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
    let bodies: BTreeSet<Option<String>> = asserted.iter().map(|c| c.context().attribution_key()).collect();
    let majority = if bodies.iter().flatten().count() > 1 {
        None
    } else {
        judge(&asserted, weights, None).majority
    };
    Verdict {
        majority,
        claims,
        bodies_differ: bodies_differ || bodies.iter().flatten().count() > 1,
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

impl Table<'_> {
    /// Whether any cell disagrees with its row's majority.
    pub fn disagrees(&self) -> bool {
        self.rows.iter().any(|r| r.cells.values().any(|c| c.disagrees))
    }

    /// The name of the majority column.
    pub fn majority_label(&self) -> &'static str {
        if self.weighted {
            "weighted majority"
        } else {
            "majority"
        }
    }

    /// The JSON document of the contract in the module docs.
    pub fn to_json(&self) -> Json {
        let rows: Vec<Json> = self.rows.iter().map(row_json).collect();
        json!({
            "version": 1,
            "weighted": self.weighted,
            "sources": self.sources,
            "rows": rows,
        })
    }

    /// A GitHub-flavoured Markdown table; `✗` marks a disagreeing cell,
    /// and its disagreeing values are in bold.
    pub fn markdown(&self) -> String {
        let mut header = vec!["key".to_string()];
        header.extend(self.sources.iter().map(|s| md_escape(s)));
        header.push(self.majority_label().to_string());
        let mut out = md_line(&header);
        out += &md_line(&vec!["---".to_string(); header.len()]);
        for row in &self.rows {
            let mut line = vec![format!("`{}`", row.key.replace('`', "'"))];
            for source in &self.sources {
                line.push(row.cells.get(source).map_or_else(|| "—".to_string(), md_cell));
            }
            line.push(md_escape(&majority_text(row)));
            out += &md_line(&line);
        }
        out += "\n✗ marks a source that disagrees with the ";
        out += self.majority_label();
        if self.rows.iter().any(|r| r.evolves.is_some()) {
            out += " (for a fact that moves: a stale figure, or two figures for one moment)";
        }
        out += "; `×n` counts its articles.\n";
        out
    }

    /// A terminal table, columns aligned; `color` paints disagreeing cells
    /// red and the majority green.
    pub fn text(&self, color: bool) -> String {
        let mut grid: Vec<Vec<(String, Paint)>> = Vec::new();
        let mut header = vec![("key".to_string(), Paint::Bold)];
        header.extend(self.sources.iter().map(|s| (s.clone(), Paint::Bold)));
        header.push((self.majority_label().to_string(), Paint::Bold));
        grid.push(header);
        for row in &self.rows {
            let mut line = vec![(row.key.clone(), Paint::None)];
            for source in &self.sources {
                line.push(match row.cells.get(source) {
                    Some(c) if c.disagrees => (format!("{} ✗", plain_cell(c)), Paint::Red),
                    Some(c) => (plain_cell(c), Paint::None),
                    None => ("—".to_string(), Paint::Dim),
                });
            }
            line.push((majority_text(row), Paint::Green));
            grid.push(line);
        }
        render_grid(&grid, color)
    }
}

fn row_json(row: &Row) -> Json {
    let cells: Map<String, Json> = row
        .cells
        .iter()
        .map(|(source, cell)| {
            let values: Vec<Json> = cell.values.iter().map(stated_json).collect();
            (source.clone(), json!({ "values": values, "disagrees": cell.disagrees }))
        })
        .collect();
    let mut out = json!({
        "key": row.key,
        "title": row.title,
        "majority": row.majority,
        "cells": cells,
    });
    if let Some(evolves) = row.evolves {
        out["evolves"] = json!(evolves.as_str());
    }
    if let Some(latest) = &row.latest {
        out["latest"] = json!({
            "value": latest.value,
            "at": latest.moment.map(|m| m.canonical()),
        });
    }
    if row.bodies_differ {
        out["bodies_differ"] = json!(true);
    }
    out
}

/// `{"value": "58", "articles": 1, "disagrees": false}`, and for news that moves when it was
/// first given, as the claim shape says it: `"as_of"` when its sentence
/// states the time, else `"published"`.
fn stated_json(v: &Stated) -> Json {
    let mut out = json!({ "value": v.value, "articles": v.articles, "disagrees": v.disagrees });
    if let Some(c) = v.when {
        match c.context().as_of {
            Some(at) => out["as_of"] = json!(at.canonical()),
            None => out["published"] = json!(c.moment().map(|m| m.canonical())),
        }
    }
    out
}

/// The majority as a table shows it; for a fact that moves, its latest
/// figure and when it held (`latest 2100 (8 Mar 2026 10:00)`).
pub fn majority_text(row: &Row) -> String {
    if let Some(latest) = &row.latest {
        return match latest.moment {
            Some(at) => format!("latest {} ({})", latest.value, at.short()),
            None => format!("latest {}", latest.value),
        };
    }
    match (&row.majority, row.bodies_differ) {
        (Some(m), _) => m.clone(),
        (None, true) => "sources differ".to_string(),
        (None, false) if row.evolves.is_some() => "—".to_string(),
        (None, false) => "no majority (tie)".to_string(),
    }
}

/// `196 ×2`, and for news that moves when it was first given:
/// `2100 ×1 (as of 8 Mar 2026 10:00)`.
pub fn value_text(v: &Stated) -> String {
    let when = v.when.map(Claim::when).unwrap_or_default();
    format!("{} ×{}{when}", v.value, v.articles)
}

fn plain_cell(c: &Cell) -> String {
    c.values.iter().map(value_text).collect::<Vec<_>>().join(", ")
}

fn md_cell(c: &Cell) -> String {
    let values: Vec<String> = c
        .values
        .iter()
        .map(|v| {
            let text = md_escape(&value_text(v));
            if v.disagrees {
                format!("**{text}**")
            } else {
                text
            }
        })
        .collect();
    let mark = if c.disagrees { " ✗" } else { "" };
    format!("{}{mark}", values.join(", "))
}

fn md_line(cells: &[String]) -> String {
    format!("| {} |\n", cells.join(" | "))
}

/// Text safe inside a Markdown table cell.
fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '|' | '\\' | '*' | '_' | '`' | '<' | '>' | '[' | ']' => {
                out.push('\\');
                out.push(ch);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(ch),
        }
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Paint {
    None,
    Bold,
    Dim,
    Red,
    Green,
}

impl Paint {
    fn ansi(self) -> &'static str {
        match self {
            Paint::None => "",
            Paint::Bold => "\x1b[1m",
            Paint::Dim => "\x1b[2m",
            Paint::Red => "\x1b[31m",
            Paint::Green => "\x1b[32m",
        }
    }
}

/// Columns as wide as a terminal shows them: marks that combine with the
/// letter before them and invisible format characters take no column.
fn width(s: &str) -> usize {
    s.chars()
        .filter(
            |&c| !matches!(c, '\u{0300}'..='\u{036F}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{200B}'..='\u{200F}'),
        )
        .count()
}

fn render_grid(grid: &[Vec<(String, Paint)>], color: bool) -> String {
    let columns = grid.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..columns)
        .map(|i| grid.iter().map(|r| width(&r[i].0)).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for (n, line) in grid.iter().enumerate() {
        let mut text = String::new();
        for (i, (cell, paint)) in line.iter().enumerate() {
            let pad = if i + 1 == columns {
                0
            } else {
                widths[i] - width(cell) + 2
            };
            if color && *paint != Paint::None {
                text += &format!("{}{cell}\x1b[0m", paint.ansi());
            } else {
                text += cell;
            }
            text += &" ".repeat(pad);
        }
        out += text.trim_end();
        out.push('\n');
        if n == 0 {
            let total = widths.iter().sum::<usize>() + 2 * columns.saturating_sub(1);
            out += &"─".repeat(total);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::Kind;
    use crate::rules::Severity;
    use crate::span::{LineCol, Span};
    use crate::value::NumberSet;
    use std::sync::Arc;

    pub(super) fn claim(key: &str, article: usize, source: Option<&str>, value: Value) -> Claim {
        let name: Arc<str> = Arc::from(format!("a{article}.txt"));
        Claim {
            key: Arc::from(key),
            rule: Arc::from(key),
            kind: Kind::Count,
            severity: Severity::Error,
            article: name,
            source: source.map(Arc::from),
            article_index: article,
            published: None,
            value,
            span: Span::new(0, 3),
            line_col: LineCol { line: 1, column: 1 },
            weekday: None,
            text: Arc::from("196"),
            excerpt: None,
            context: None,
        }
    }

    fn n(x: f64) -> Value {
        Value::Number(NumberSet::exact(x))
    }

    fn options(weights: &SourceWeights) -> Options<'_> {
        Options {
            weights,
            columns: &[],
            rules: None,
        }
    }

    #[test]
    fn the_outlier_source_disagrees_and_the_majority_is_named() {
        let w = SourceWeights::default();
        let claims = vec![
            claim("k", 0, Some("a"), n(196.0)),
            claim("k", 1, Some("a"), n(196.0)),
            claim("k", 2, Some("b"), n(196.0)),
            claim("k", 3, Some("c"), n(179.0)),
        ];
        let t = table(&claims, options(&w));
        assert_eq!(t.sources, ["a", "b", "c"]);
        let row = &t.rows[0];
        assert_eq!(row.majority.as_deref(), Some("196"));
        assert_eq!(value_text(&row.cells["a"].values[0]), "196 ×2");
        assert!(!row.cells["a"].disagrees && !row.cells["b"].disagrees);
        assert!(row.cells["c"].disagrees);
        assert!(t.disagrees());
    }

    #[test]
    fn a_cells_numbers_are_in_numeric_order() {
        let w = SourceWeights::default();
        let claims = vec![
            claim("k", 0, Some("a"), n(1037.0)),
            claim("k", 1, Some("a"), n(310.0)),
            claim("k", 2, Some("a"), n(2480.0)),
            claim("k", 3, Some("a"), n(99.5)),
        ];
        let t = table(&claims, options(&w));
        let values: Vec<&str> = t.rows[0].cells["a"].values.iter().map(|v| v.value.as_str()).collect();
        assert_eq!(values, ["99.5", "310", "1037", "2480"]);
    }

    #[test]
    fn a_tie_has_no_majority_and_both_sides_disagree() {
        let w = SourceWeights::default();
        let claims = vec![claim("k", 0, Some("a"), n(179.0)), claim("k", 1, Some("b"), n(196.0))];
        let t = table(&claims, options(&w));
        assert_eq!(t.rows[0].majority, None);
        assert!(t.rows[0].cells.values().all(|c| c.disagrees));
    }

    #[test]
    fn weights_break_a_tie_and_say_weighted() {
        let mut w = SourceWeights::default();
        w.sources.insert("b".to_string(), 3.0);
        let claims = vec![
            claim("k", 0, Some("a"), n(179.0)),
            claim("k", 1, Some("a"), n(179.0)),
            claim("k", 2, Some("b"), n(196.0)),
        ];
        let t = table(&claims, options(&w));
        assert!(t.weighted);
        assert_eq!(t.rows[0].majority.as_deref(), Some("196"));
        assert!(t.rows[0].cells["a"].disagrees && !t.rows[0].cells["b"].disagrees);
        assert!(t.markdown().contains("weighted majority"));
    }

    #[test]
    fn compatible_values_agree_and_unknown_sources_come_last() {
        let w = SourceWeights::default();
        let about = Value::Number(NumberSet::new(800.0, crate::value::Qualifier::About, 0.1));
        let claims = vec![claim("k", 0, None, about), claim("k", 1, Some("z"), n(790.0))];
        let t = table(&claims, options(&w));
        assert_eq!(t.sources, ["z", UNKNOWN]);
        assert_eq!(t.rows[0].majority.as_deref(), Some("790"));
        assert!(!t.disagrees());
    }

    fn dated(mut c: Claim, day: u32) -> Claim {
        c.published = chrono::NaiveDate::from_ymd_opt(2026, 3, day);
        c
    }

    #[test]
    fn sources_come_in_the_order_they_first_published_then_undated_by_name() {
        let w = SourceWeights::default();
        let claims = vec![
            claim("k", 0, Some("a"), n(1.0)),
            dated(claim("k", 1, Some("z"), n(1.0)), 9),
            dated(claim("k", 2, Some("m"), n(1.0)), 4),
            dated(claim("k", 3, Some("z"), n(1.0)), 2),
            claim("k", 4, None, n(1.0)),
            claim("k", 5, Some("b"), n(1.0)),
        ];
        let t = table(&claims, options(&w));
        assert_eq!(t.sources, ["z", "m", "a", "b", UNKNOWN]);
    }

    #[test]
    fn given_columns_come_first_even_when_silent() {
        let w = SourceWeights::default();
        let claims = vec![claim("k", 0, Some("b"), n(1.0))];
        let columns = ["b".to_string(), "a".to_string()];
        let t = table(
            &claims,
            Options {
                columns: &columns,
                ..options(&w)
            },
        );
        assert_eq!(t.sources, ["b", "a"]);
        assert!(!t.rows[0].cells.contains_key("a"));
    }

    #[test]
    fn renderings_show_every_source_and_the_mark() {
        let w = SourceWeights::default();
        let claims = vec![
            claim("k", 0, Some("a|b"), n(196.0)),
            claim("k", 1, Some("c"), n(196.0)),
            claim("k", 2, Some("d"), n(179.0)),
        ];
        let t = table(&claims, options(&w));
        let md = t.markdown();
        let header = md.lines().next().unwrap();
        assert_eq!(header, "| key | a\\|b | c | d | majority |");
        assert!(md.contains("| **179 ×1** ✗ |"), "{md}");
        let text = t.text(false);
        assert!(text.contains("179 ×1 ✗"), "{text}");
        let json = t.to_json();
        assert_eq!(json["rows"][0]["cells"]["d"]["disagrees"], true);
        assert_eq!(json["rows"][0]["cells"]["c"]["values"][0]["articles"], 1);
    }
}
