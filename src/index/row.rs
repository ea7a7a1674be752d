//! A claim as a row of the `claims` table, both ways: readable columns
//! (key, value and its bounds, text, span, line and column, as-of time,
//! stance, attribution, excerpt) and `data`, which brings the claim back
//! exactly.

use super::store::Articles;
use crate::extract::{Claim, Excerpt};
use crate::grammar::Kind;
use crate::model::value::{DateSet, Value};
use crate::news::{Context, Stance};
use crate::rules::Severity;
use crate::text::span::{LineCol, Span};
use rusqlite::types::Value as Sql;
use rusqlite::Row;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::sync::Arc;

/// The columns [`read`] takes, in its order.
pub(super) const COLUMNS: &str =
    "c.article, c.seq, c.key, c.rule, c.kind, c.severity, c.text, c.start, c.end, c.line, c.col, c.weekday, c.excerpt, c.data";

/// The statement that writes a claim ([`params`]).
pub(super) const INSERT: &str = "INSERT INTO claims (key, article, seq, rule, kind, severity, value, low, high, text, start, end, line, col, weekday, as_of, stance, attribution, excerpt, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)";

/// What the readable columns do not bring back: the value as a set, the
/// context, and where the excerpt starts and whether it cuts its line.
#[derive(Serialize, Deserialize)]
struct Data<'a> {
    value: Cow<'a, Value>,
    context: Option<Cow<'a, Context>>,
    /// Offset, 0-based line and column, cut before, cut after.
    excerpt: Option<(usize, usize, usize, bool, bool)>,
}

/// The parameters of [`INSERT`] for the `seq`th claim of article `article`.
pub(super) fn params(c: &Claim, article: i64, seq: usize) -> rusqlite::Result<Vec<Sql>> {
    let data = Data {
        value: Cow::Borrowed(&c.value),
        context: c.context.as_deref().map(Cow::Borrowed),
        excerpt: c
            .excerpt
            .as_deref()
            .map(|e| (e.offset, e.line, e.column, e.cut_before, e.cut_after)),
    };
    let data = postcard::to_stdvec(&data).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
    let context = c.context();
    let text = |s: &str| Sql::Text(s.to_string());
    let opt = |s: Option<String>| s.map_or(Sql::Null, Sql::Text);
    let int = |n: usize| Sql::Integer(n as i64);
    let (low, high) = bounds(&c.value);
    Ok(vec![
        text(&c.key),
        Sql::Integer(article),
        int(seq),
        text(&c.rule),
        text(c.kind.as_str()),
        text(c.severity.as_str()),
        Sql::Text(c.value.canonical()),
        low,
        high,
        text(&c.text),
        int(c.span.start),
        int(c.span.end),
        int(c.line_col.line),
        int(c.line_col.column),
        c.weekday
            .map_or(Sql::Null, |w| Sql::Integer(i64::from(w.number_from_monday()))),
        opt(context.as_of.map(|m| m.canonical())),
        opt((context.stance != Stance::Asserted).then(|| name_of(&context.stance))),
        opt(context.attribution.as_deref().map(str::to_string)),
        opt(c.excerpt.as_deref().map(|e| e.text.clone())),
        Sql::Blob(data),
    ])
}

/// The claim of a row of [`COLUMNS`]; `None` when its article is not
/// compared (a draft's published copy). `excerpts`: keep the line around
/// the claim, for reports that quote.
pub(super) fn read(r: &Row, articles: &Articles, excerpts: bool) -> rusqlite::Result<Option<Claim>> {
    let Some(article) = articles.get(r.get(0)?) else {
        return Ok(None);
    };
    let bad = |what: &str| rusqlite::Error::InvalidColumnName(format!("a claim's {what}"));
    let key: Arc<str> = Arc::from(r.get_ref(2)?.as_str()?);
    let rule = r.get_ref(3)?.as_str()?;
    let kind: Kind = from_name(r.get_ref(4)?.as_str()?).ok_or_else(|| bad("kind"))?;
    let severity: Severity = from_name(r.get_ref(5)?.as_str()?).ok_or_else(|| bad("severity"))?;
    let data: Data = postcard::from_bytes(r.get_ref(13)?.as_blob()?).map_err(|_| bad("data"))?;
    let weekday: Option<u32> = r.get(11)?;
    let n = |i: usize| r.get::<_, i64>(i).map(|n| n.max(0) as usize);
    let span = Span::new(n(7)?, n(8)?);
    let excerpt = match (excerpts, data.excerpt, r.get_ref(12)?.as_str_or_null()?) {
        (true, Some((offset, line, column, cut_before, cut_after)), Some(text)) => Some(Arc::new(Excerpt {
            name: article.name.clone(),
            text: text.to_string(),
            offset,
            line,
            column,
            cut_before,
            cut_after,
        })),
        _ => None,
    };
    Ok(Some(Claim {
        rule: if rule == &*key { key.clone() } else { Arc::from(rule) },
        key,
        kind,
        severity,
        article: article.name.clone(),
        source: article.source.clone(),
        article_index: article.index,
        published: article.published,
        value: data.value.into_owned(),
        span,
        line_col: LineCol {
            line: n(9)?,
            column: n(10)?,
        },
        weekday: weekday.and_then(crate::grammar::date::weekday),
        text: Arc::from(r.get_ref(6)?.as_str()?),
        excerpt,
        context: data.context.map(|c| Box::new(c.into_owned())),
    }))
}

/// The ends of a value, where it has them: numbers as numbers (none for
/// an open end), dates as `YYYY-MM-DD` (none for a date with no year or
/// a weekday with no date).
fn bounds(value: &Value) -> (Sql, Sql) {
    let number = |n: f64| if n.is_finite() { Sql::Real(n) } else { Sql::Null };
    let first = |d: &DateSet| match d {
        DateSet::Days { first, .. } => Sql::Text(first.to_string()),
        DateSet::Yearless { .. } | DateSet::Weekday { .. } => Sql::Null,
    };
    let last = |d: &DateSet| match d {
        DateSet::Days { last, .. } => Sql::Text(last.to_string()),
        DateSet::Yearless { .. } | DateSet::Weekday { .. } => Sql::Null,
    };
    match value {
        Value::Number(n) => (number(n.low), number(n.high)),
        Value::Date(d) => (first(d), last(d)),
        Value::Range { start, end } => (first(start), last(end)),
        Value::Name(_) => (Sql::Null, Sql::Null),
    }
}

/// A unit variant's serde name (`hedged`).
fn name_of<T: Serialize>(t: &T) -> String {
    match serde_json::to_value(t) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// The unit variant of serde name `s`.
fn from_name<'de, T: Deserialize<'de>>(s: &'de str) -> Option<T> {
    use serde::de::value::{BorrowedStrDeserializer, Error};
    T::deserialize(BorrowedStrDeserializer::<Error>::new(s)).ok()
}
