//! A claim as JSON, one type both ways: what `--format json` shows of each
//! claim of a finding, what `extract --format json`/`jsonl` writes of each
//! claim, and what `check --claims` reads back from a shard line.

use super::{Claim, Excerpt};
use crate::grammar::Kind;
use crate::input::corpus::{parse_date, parse_time};
use crate::model::value::Value;
use crate::news::{Context, Moment, Stance};
use crate::rules::{RuleSet, Severity};
use crate::text::span::{LineCol, Span};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

/// The JSON shape of a claim. Written borrowed from a [`Claim`]
/// ([`ClaimRecord::of`]); read back owned ([`ClaimRecord::claim`]).
#[derive(Debug, Serialize, Deserialize)]
pub struct ClaimRecord<'a> {
    /// Key, rule, kind and severity: in the full shape only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Kind>,
    pub article: Cow<'a, str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Cow<'a, str>>,
    /// The value's canonical form.
    pub value: Canonical<'a, &'a Value>,
    pub text: Cow<'a, str>,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    /// `2026-03-06` or `2026-03-06T08:00`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<Canonical<'a, Moment>>,
    /// 1 (Monday) to 7.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weekday: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Canonical<'a, Moment>>,
    /// Absent when asserted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stance: Option<Stance>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribution: Option<Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "<[_]>::is_empty")]
    pub update: Cow<'a, [(Arc<str>, Arc<str>)]>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrects: Option<Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unplaced_as_of: Option<Cow<'a, str>>,
    /// The claim's part in a finding (`majority`, `outlier`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Cow<'a, str>>,
    /// The line around the claim, when extraction kept it (`extract
    /// --excerpts`): a reduce quotes it as one run over the articles does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excerpt: Option<ExcerptRecord<'a>>,
}

/// The JSON shape of an [`Excerpt`]: the text, where it starts in the
/// article, and whether its line goes on.
#[derive(Debug, Serialize, Deserialize)]
pub struct ExcerptRecord<'a> {
    pub text: Cow<'a, str>,
    /// Original byte offset of `text`.
    pub offset: usize,
    /// 0-based line and column (characters) where `text` starts.
    pub line: usize,
    pub column: usize,
    #[serde(default, skip_serializing_if = "is_false")]
    pub cut_before: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub cut_after: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl<'a> ClaimRecord<'a> {
    /// `c` as JSON: `full` (extract, shards) adds key, rule, kind and
    /// severity, and what `check --claims` needs to compare without the
    /// articles.
    pub fn of(c: &'a Claim, full: bool) -> ClaimRecord<'a> {
        let context = c.context();
        let text = |s: &'a Option<Arc<str>>| s.as_deref().map(Cow::Borrowed);
        ClaimRecord {
            key: full.then_some(Cow::Borrowed(&*c.key)),
            rule: full.then_some(Cow::Borrowed(&*c.rule)),
            kind: full.then_some(c.kind),
            article: Cow::Borrowed(&c.article),
            source: text(&c.source),
            value: Canonical::Of(&c.value),
            text: Cow::Borrowed(&c.text),
            start: c.span.start,
            end: c.span.end,
            line: c.line_col.line,
            column: c.line_col.column,
            severity: full.then_some(c.severity),
            // A claim with a context (news that moves) always shows its
            // time; other claims show it where the whole claim is written.
            published: c.published.filter(|_| full || c.context.is_some()).map(|date| {
                Canonical::Of(Moment {
                    date,
                    time: context.published_time,
                })
            }),
            weekday: c.weekday.filter(|_| full).map(|w| w.number_from_monday()),
            as_of: context.as_of.map(Canonical::Of),
            stance: Some(context.stance).filter(|s| *s != Stance::Asserted),
            attribution: text(&context.attribution),
            update: Cow::Borrowed(c.context.as_deref().map_or(&[], |x| &x.update[..])),
            corrects: text(&context.corrects),
            unplaced_as_of: text(&context.unplaced_as_of),
            role: None,
            excerpt: c.excerpt.as_deref().filter(|_| full).map(|e| ExcerptRecord {
                text: Cow::Borrowed(&e.text),
                offset: e.offset,
                line: e.line,
                column: e.column,
                cut_before: e.cut_before,
                cut_after: e.cut_after,
            }),
        }
    }

    /// The claim a shard line gives back; `articles` numbers the articles
    /// in order of first appearance. The rules give the tolerance and
    /// severity of a key they know.
    pub fn claim(self, rules: &RuleSet, articles: &mut HashMap<String, usize>) -> Result<Claim, String> {
        let missing = |field: &str| format!("not a claim: missing field `{field}`");
        let key = self.key.as_deref().ok_or_else(|| missing("key"))?;
        let rule_id = self.rule.as_deref().ok_or_else(|| missing("rule"))?;
        let kind = self.kind.ok_or_else(|| missing("kind"))?;
        let rule = rules.get(key);
        let tolerance = rule.map_or(0.1, |r| r.tolerance);
        let value = Value::parse(kind, &self.value.text(), tolerance)
            .ok_or_else(|| format!("`{}` is not a {} value", self.value.text(), kind.as_str()))?;
        if self.end < self.start {
            return Err("end before start".to_string());
        }
        let context = self.context()?;
        let next = articles.len();
        let article_index = *articles.entry(self.article.to_string()).or_insert(next);
        let article: Arc<str> = Arc::from(&*self.article);
        let excerpt = self.excerpt.map(|e| {
            Arc::new(Excerpt {
                name: article.clone(),
                text: e.text.into_owned(),
                offset: e.offset,
                line: e.line,
                column: e.column,
                cut_before: e.cut_before,
                cut_after: e.cut_after,
            })
        });
        Ok(Claim {
            key: Arc::from(key),
            rule: Arc::from(rule_id),
            kind,
            severity: rule.map(|r| r.severity).or(self.severity).unwrap_or_default(),
            article,
            source: self.source.as_deref().map(Arc::from),
            article_index,
            published: self.published.as_ref().and_then(|p| parse_date(&p.text())),
            value,
            span: Span::new(self.start, self.end),
            line_col: LineCol {
                line: self.line.max(1),
                column: self.column.max(1),
            },
            weekday: self.weekday.and_then(crate::grammar::date::weekday),
            text: Arc::from(&*self.text),
            // Without one, reports that quote make it from the claim's
            // text (Claim::excerpt).
            excerpt,
            context,
        })
    }

    /// The context a claim line gives (`None` when it gives none).
    fn context(&self) -> Result<Option<Box<Context>>, String> {
        let as_of = match self.as_of.as_ref().map(Canonical::text) {
            None => None,
            Some(s) => Some(Moment {
                date: parse_date(&s).ok_or_else(|| format!("`{s}` is not an as-of date"))?,
                time: parse_time(&s),
            }),
        };
        let context = Context {
            published_time: self.published.as_ref().and_then(|p| parse_time(&p.text())),
            as_of,
            stance: self.stance.unwrap_or_default(),
            attribution: self.attribution.as_deref().map(Arc::from),
            update: self.update.to_vec(),
            corrects: self.corrects.as_deref().map(Arc::from),
            unplaced_as_of: self.unplaced_as_of.as_deref().map(Arc::from),
        };
        Ok((!context.is_empty()).then(|| Box::new(context)))
    }
}

/// A canonical string of a claim record: written from what it stands for
/// (a value, a moment) straight into the output, with no string made a
/// claim; read back as the text the line gives.
#[derive(Debug, Clone)]
pub enum Canonical<'a, T> {
    /// Written as `T`'s `Display` writes it.
    Of(T),
    /// As read.
    Text(Cow<'a, str>),
}

impl<T: std::fmt::Display> Canonical<'_, T> {
    /// The string.
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Canonical::Of(t) => Cow::Owned(t.to_string()),
            Canonical::Text(s) => Cow::Borrowed(s),
        }
    }
}

impl<T: std::fmt::Display> Serialize for Canonical<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Canonical::Of(t) => s.collect_str(t),
            Canonical::Text(text) => s.serialize_str(text),
        }
    }
}

impl<'de, 'a, T> Deserialize<'de> for Canonical<'a, T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Cow::<'a, str>::deserialize(d).map(Canonical::Text)
    }
}
