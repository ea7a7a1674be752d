//! Unit tests of the diff table: majorities, ties, weights, column order,
//! and its renderings.

use super::*;
use crate::grammar::Kind;
use crate::model::value::NumberSet;
use crate::rules::Severity;
use crate::text::span::{LineCol, Span};
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
    let about = Value::Number(NumberSet::new(800.0, crate::model::value::Qualifier::About, 0.1));
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
