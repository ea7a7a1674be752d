//! Extraction: every claim of every article, in parallel.
//!
//! [`extract_article`] folds one article and runs the rules whose pack is
//! about it; [`run`](fn@run) reads and extracts all inputs on rayon's pool and
//! returns claims in input order, so the output never depends on the number
//! of threads. Each [`Claim`] keeps a short [`Excerpt`] of the line it came
//! from, so reports can quote it after the article's text is gone.

use crate::grammar::Kind;
use crate::input::corpus::{Article, InputError};
use crate::model::value::{DateSet, Value};
use crate::news::{Context, Moment};
use crate::rules::{RuleSet, Severity};
use crate::text::normalize::Normalized;
use crate::text::span::{LineCol, LineIndex, Span};
use chrono::{NaiveDate, Weekday};
use std::collections::HashSet;
use std::sync::Arc;

mod context;
pub mod record;
mod run;
pub mod shard;

use context::contexts;
pub use run::{run, run_each, run_with_progress, ArticleClaims, Streamed};

/// Characters of context kept on each side of a claim.
const EXCERPT_CONTEXT: usize = 60;

/// One value one article states about one fact.
#[derive(Debug, Clone)]
pub struct Claim {
    /// The fact it is about (the rule's key by default); shared by all the
    /// claims of a rule.
    pub key: Arc<str>,
    /// The rule that read it.
    pub rule: Arc<str>,
    pub kind: Kind,
    pub severity: Severity,
    /// The article's name (its path).
    pub article: Arc<str>,
    /// The article's source (outlet), if known.
    pub source: Option<Arc<str>>,
    /// Index of the article in input order.
    pub article_index: usize,
    /// The article's publication date (metadata or dateline), if known.
    pub published: Option<NaiveDate>,
    pub value: Value,
    /// The matched text, in original bytes.
    pub span: Span,
    pub line_col: LineCol,
    /// The weekday the text states beside a date, for the weekday check.
    pub weekday: Option<Weekday>,
    /// The matched text as written.
    pub text: Arc<str>,
    /// The line around the claim, kept only when the report quotes
    /// articles ([`Options::excerpts`]); see [`Claim::excerpt`].
    pub excerpt: Option<Arc<Excerpt>>,
    /// When the figure held, who gave it, how the sentence holds it
    /// ([`crate::news`]); `None` when the sentence says nothing of it.
    pub context: Option<Box<Context>>,
}

impl Claim {
    /// The claim's context, or the default one (asserted, unattributed).
    pub fn context(&self) -> &Context {
        static NONE: Context = Context::NONE;
        self.context.as_deref().unwrap_or(&NONE)
    }

    /// When a claim of news that moves (one with a context) held, for the
    /// reports: " (as of 6 Mar 2026 16:00)", else its publication, "
    /// (published 6 Mar 2026 08:00)"; empty for other claims and for claims
    /// with no time.
    pub fn when(&self) -> String {
        if self.context.is_none() {
            return String::new();
        }
        match (self.context().as_of, self.moment()) {
            (Some(at), _) => format!(" (as of {})", at.short()),
            (None, Some(published)) => format!(" (published {})", published.short()),
            (None, None) => String::new(),
        }
    }

    /// "quake/01.md says 310 (published 4 Mar 2026 07:00)": who says what,
    /// and when.
    pub fn says(&self) -> String {
        format!("{} says {}{}", self.article, self.value.canonical(), self.when())
    }

    /// Where the claim sits in time: its as-of moment, else its article's
    /// publication date (and time, when known).
    pub fn moment(&self) -> Option<Moment> {
        let context = self.context();
        context.as_of.or_else(|| {
            self.published.map(|date| Moment {
                date,
                time: context.published_time,
            })
        })
    }

    /// The line around the claim: the one kept at extraction, else the
    /// claim's own text (claims read back from shards, or extracted for a
    /// report that does not quote).
    pub fn excerpt(&self) -> Arc<Excerpt> {
        if let Some(e) = &self.excerpt {
            return e.clone();
        }
        Arc::new(Excerpt {
            name: self.article.clone(),
            text: self.text.to_string(),
            offset: self.span.start,
            line: self.line_col.line.saturating_sub(1),
            column: self.line_col.column.saturating_sub(1),
            cut_before: false,
            cut_after: false,
        })
    }
}

/// What extraction keeps besides the claims' values.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Keep the line around each claim, for reports that quote articles
    /// (human, HTML). Off, a claim holds only its own text: on a large
    /// corpus the excerpts would be most of the memory.
    pub excerpts: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { excerpts: true }
    }
}

/// A piece of an article around a claim: whole lines, cut to a window.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Excerpt {
    pub name: Arc<str>,
    pub text: String,
    /// Original byte offset of `text`.
    pub offset: usize,
    /// 0-based line and column (characters) where `text` starts.
    pub line: usize,
    pub column: usize,
    /// Whether the line goes on before `text` (a report shows `…`).
    #[serde(default)]
    pub cut_before: bool,
    /// Whether the line goes on after `text`.
    #[serde(default)]
    pub cut_after: bool,
}

impl Excerpt {
    fn new(name: Arc<str>, text: &str, lines: &LineIndex, span: Span) -> Excerpt {
        // From the index, not by scanning the text: on one huge line a scan
        // to the line's ends at each claim made extraction quadratic.
        let line_start = lines.line_start(span.start);
        let line_end = lines.line_end(span.end);
        let mut start = text[line_start..span.start]
            .char_indices()
            .rev()
            .nth(EXCERPT_CONTEXT - 1)
            .map_or(line_start, |(i, _)| line_start + i);
        let mut end = text[span.end..line_end]
            .char_indices()
            .nth(EXCERPT_CONTEXT)
            .map_or(line_end, |(i, _)| span.end + i);
        // A window that cuts the line cuts it between words: it starts after
        // the first space inside it and ends at the last one, unless the
        // window holds no space (one long word is cut where it must be).
        let cut_inside = |at: usize| {
            text[..at].chars().next_back().is_some_and(|c| !c.is_whitespace())
                && text[at..].chars().next().is_some_and(|c| !c.is_whitespace())
        };
        if start > line_start && cut_inside(start) {
            if let Some(space) = text[start..span.start].find(char::is_whitespace) {
                let after = &text[start + space..span.start];
                start += space + (after.len() - after.trim_start().len());
            }
        }
        if end < line_end && cut_inside(end) {
            if let Some(space) = text[span.end..end].rfind(char::is_whitespace) {
                end = span.end + text[span.end..span.end + space].trim_end().len();
            }
        }
        // Never a blank at a cut.
        if start > line_start {
            let rest = &text[start..span.start];
            start += rest.len() - rest.trim_start().len();
        }
        if end < line_end {
            end = span.end + text[span.end..end].trim_end().len();
        }
        let at = lines.line_col(text, start);
        Excerpt {
            name,
            text: text[start..end].trim_end_matches('\r').to_string(),
            offset: start,
            line: at.line - 1,
            column: at.column - 1,
            cut_before: start > line_start,
            cut_after: text[end..line_end].trim().chars().next().is_some(),
        }
    }
}

/// What extraction gives back.
#[derive(Debug, Default)]
pub struct Extraction {
    pub claims: Vec<Claim>,
    pub articles: usize,
    pub errors: Vec<InputError>,
    /// Inputs read and skipped (an empty file, ignored front matter):
    /// notes, not errors; sorted by path.
    pub skipped: Vec<InputError>,
}

/// The key of the claims the weekday check reads.
pub const WEEKDAY_KEY: &str = "calendar.weekday";

/// Strings that repeat across the claims of a run, one allocation each:
/// the text of a claim ("179", "الدورة 93" recur from article to
/// article), an article's source, the key of the weekday check. A claim
/// holds a clone of the shared [`Arc<str>`]; no claim makes its own.
///
/// It holds at most [`Strings::LIMIT`] strings and starts over past that,
/// so a run over a corpus of ever new texts stays bounded in memory
/// (strings already handed out live on in their claims).
#[derive(Debug, Default)]
pub struct Strings(HashSet<Arc<str>, foldhash::fast::RandomState>);

impl Strings {
    /// The most strings kept at once.
    pub const LIMIT: usize = 1 << 16;

    pub fn new() -> Strings {
        Strings::default()
    }

    /// The shared copy of `s`, made the first time it is asked for.
    pub fn get(&mut self, s: &str) -> Arc<str> {
        if let Some(shared) = self.0.get(s) {
            return shared.clone();
        }
        if self.0.len() >= Strings::LIMIT {
            self.0.clear();
        }
        let shared: Arc<str> = Arc::from(s);
        self.0.insert(shared.clone());
        shared
    }

    /// How many strings are kept.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Builds claims of one article, mapping folded offsets back.
struct ClaimMaker<'a> {
    article: &'a Article,
    folded: Normalized,
    name: Arc<str>,
    source: Option<Arc<str>>,
    index: usize,
    published: Option<NaiveDate>,
    lines: LineIndex,
    excerpts: bool,
}

/// What a claim is about, as its rule says.
struct Fact<'k> {
    key: &'k Arc<str>,
    kind: Kind,
    severity: Severity,
}

impl ClaimMaker<'_> {
    /// The span of the body that folded bytes `start..end` came from,
    /// without the spaces at its ends.
    fn span(&self, start: usize, end: usize) -> Span {
        let body = self.article.body();
        trim(body, self.folded.original_span(start, end, body))
    }

    /// The claim of the body's `span` ([`ClaimMaker::span`]).
    fn claim(&self, strings: &mut Strings, fact: Fact, span: Span, value: Value) -> Claim {
        let full = span.offset(self.article.body_start);
        let text = &self.article.text;
        Claim {
            key: fact.key.clone(),
            rule: fact.key.clone(),
            kind: fact.kind,
            severity: fact.severity,
            article: self.name.clone(),
            source: self.source.clone(),
            article_index: self.index,
            published: self.published,
            value,
            span: full,
            line_col: self.lines.line_col(text, full.start),
            weekday: None,
            text: strings.get(&text[full.start..full.end]),
            excerpt: self
                .excerpts
                .then(|| Arc::new(Excerpt::new(self.name.clone(), text, &self.lines, full))),
            context: None,
        }
    }
}

/// The article's publication date: its metadata, else a dateline.
fn publication_date(rules: &RuleSet, article: &Article, folded: &str) -> Option<NaiveDate> {
    article
        .published
        .or_else(|| rules.grammars.iter().find_map(|g| g.dates.dateline(folded)))
}

/// The claims of one article.
pub fn extract_article(rules: &RuleSet, article: &Article, index: usize) -> Vec<Claim> {
    extract_article_with(rules, article, index, Options::default())
}

/// As [`extract_article`], keeping what `options` asks for.
pub fn extract_article_with(rules: &RuleSet, article: &Article, index: usize, options: Options) -> Vec<Claim> {
    extract_article_sharing(rules, article, index, options, &mut Strings::new())
}

/// As [`extract_article_with`], the claims' repeated strings taken from
/// (and added to) `strings`: an extraction of many articles keeps one
/// [`Strings`] a thread for the run.
pub fn extract_article_sharing(
    rules: &RuleSet,
    article: &Article,
    index: usize,
    options: Options,
    strings: &mut Strings,
) -> Vec<Claim> {
    let folded = Normalized::new(article.body());
    let published = publication_date(rules, article, &folded.text);
    let mut maker = ClaimMaker {
        article,
        folded,
        name: Arc::from(article.name.as_str()),
        source: article.source.as_deref().map(|s| strings.get(s)),
        index,
        published,
        lines: LineIndex::new(&article.text),
        excerpts: options.excerpts,
    };
    let folded = &maker.folded.text;
    let found = rules.find_all(folded, published);
    let contexts = contexts(&maker, &found, published);
    let weekdays: Vec<_> = rules
        .grammars
        .iter()
        .flat_map(|g| g.dates.weekday_dates(folded, published))
        .map(|(start, end, weekday, date)| (maker.span(start, end), weekday, date))
        .collect();
    let spans: Vec<Span> = found.iter().map(|(_, m)| maker.span(m.start, m.end)).collect();
    // Everything the folded text tells is known: its memory goes before
    // the claims' comes (a long article's folded text is its size again).
    maker.folded.forget_text();
    let mut claims = Vec::with_capacity(found.len() + weekdays.len());
    for (((rule, m), context), span) in found.into_iter().zip(contexts).zip(spans) {
        let fact = Fact {
            key: &rule.claim_key,
            kind: rule.kind,
            severity: rule.severity,
        };
        let value = match m.value {
            Value::Name(name) => Value::Name(strings.get(&name)),
            value => value,
        };
        let mut claim = maker.claim(strings, fact, span, value);
        claim.context = context;
        claims.push(claim);
    }
    for (span, weekday, date) in weekdays {
        let value = Value::Date(DateSet::day(date));
        let weekday_key = strings.get(WEEKDAY_KEY);
        let fact = Fact {
            key: &weekday_key,
            kind: Kind::Date,
            severity: Severity::Warning,
        };
        let mut claim = maker.claim(strings, fact, span, value);
        claim.weekday = Some(weekday);
        claims.push(claim);
    }
    in_text_order(&mut claims);
    claims
}

/// Sorts claims by where they start, then by key, ties kept in order (a
/// stable sort), moving the claims in place: the sort's buffer holds
/// their numbers, not the claims (a long article has a million).
fn in_text_order(claims: &mut [Claim]) {
    let order = |a: &Claim, b: &Claim| (a.span.start, &a.key).cmp(&(b.span.start, &b.key));
    if claims.is_sorted_by(|a, b| order(a, b).is_le()) {
        return;
    }
    // The claim each place takes; a place done points at itself.
    let mut from: Vec<usize> = (0..claims.len()).collect();
    from.sort_by(|&i, &j| order(&claims[i], &claims[j]));
    for start in 0..claims.len() {
        // Along the cycle from `start`, each place takes its claim by a swap.
        let mut at = start;
        while from[at] != start && from[at] != at {
            let next = from[at];
            claims.swap(at, next);
            from[at] = at;
            at = next;
        }
        from[at] = at;
    }
}

/// The span without the spaces at its ends.
fn trim(text: &str, span: Span) -> Span {
    let s = &text[span.start..span.end];
    let start = span.start + (s.len() - s.trim_start().len());
    let end = span.end - (s.len() - s.trim_end().len());
    Span::new(start, end.max(start))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::value::{NumberSet, Qualifier};
    use crate::text::span::LineCol;

    fn claim(key: &str, start: usize, n: f64) -> Claim {
        Claim {
            key: Arc::from(key),
            rule: Arc::from(key),
            kind: Kind::Count,
            severity: Severity::Error,
            article: Arc::from("a.md"),
            source: None,
            article_index: 0,
            published: None,
            value: Value::Number(NumberSet::new(n, Qualifier::Exact, 0.0)),
            span: Span::new(start, start + 3),
            line_col: LineCol {
                line: 1,
                column: start + 1,
            },
            weekday: None,
            text: Arc::from("179"),
            excerpt: None,
            context: None,
        }
    }

    #[test]
    fn text_order_is_the_stable_sort_by_start_then_key() {
        // Rules' claims one rule after another, starts out of order, ties
        // of start and key (two rules of one key) kept in order.
        let mut state = 7u64;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as usize
        };
        for len in [0, 1, 2, 5, 64, 1000] {
            let claims: Vec<Claim> = (0..len)
                .map(|i| claim(["a", "b", "c"][next() % 3], next() % 40, i as f64))
                .collect();
            let mut expected = claims.clone();
            expected.sort_by(|a, b| (a.span.start, &a.key).cmp(&(b.span.start, &b.key)));
            let mut got = claims;
            in_text_order(&mut got);
            let seen = |c: &[Claim]| {
                c.iter()
                    .map(|c| (c.span.start, c.key.to_string(), c.value.canonical()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(seen(&got), seen(&expected), "{len} claims");
        }
    }
}
