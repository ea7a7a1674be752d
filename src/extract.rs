//! Extraction: every claim of every article, in parallel.
//!
//! [`extract_article`] folds one article and runs the rules whose pack is
//! about it; [`run`] reads and extracts all inputs on rayon's pool and
//! returns claims in input order, so the output never depends on the number
//! of threads. Each [`Claim`] keeps a short [`Excerpt`] of the line it came
//! from, so reports can quote it after the article's text is gone.

use crate::corpus::{Article, Input, InputError};
use crate::grammar::Kind;
use crate::normalize::Normalized;
use crate::rules::{RuleSet, Severity};
use crate::span::{LineCol, Span};
use crate::value::Value;
use rayon::prelude::*;
use std::sync::Arc;

/// Characters of context kept on each side of a claim.
const EXCERPT_CONTEXT: usize = 100;

/// One value one article states about one fact.
#[derive(Debug, Clone)]
pub struct Claim {
    /// The fact it is about (the rule's key by default).
    pub key: String,
    /// The rule that read it.
    pub rule: String,
    pub kind: Kind,
    pub severity: Severity,
    /// The article's name (its path).
    pub article: Arc<str>,
    /// The article's source (outlet), if known.
    pub source: Option<Arc<str>>,
    /// Index of the article in input order.
    pub article_index: usize,
    pub value: Value,
    /// The matched text, in original bytes.
    pub span: Span,
    pub line_col: LineCol,
    /// The matched text as written.
    pub text: String,
    pub excerpt: Arc<Excerpt>,
}

/// A piece of an article around a claim: whole lines, cut to a window.
#[derive(Debug, Clone)]
pub struct Excerpt {
    pub name: Arc<str>,
    pub text: String,
    /// Original byte offset of `text`.
    pub offset: usize,
    /// 0-based line and column (characters) where `text` starts.
    pub line: usize,
    pub column: usize,
}

impl Excerpt {
    fn new(name: Arc<str>, text: &str, span: Span) -> Excerpt {
        let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[span.end..].find('\n').map_or(text.len(), |i| span.end + i);
        let start = text[line_start..span.start]
            .char_indices()
            .rev()
            .nth(EXCERPT_CONTEXT - 1)
            .map_or(line_start, |(i, _)| line_start + i);
        let end = text[span.end..line_end]
            .char_indices()
            .nth(EXCERPT_CONTEXT)
            .map_or(line_end, |(i, _)| span.end + i);
        let at = LineCol::of(text, start);
        Excerpt {
            name,
            text: text[start..end].trim_end_matches('\r').to_string(),
            offset: start,
            line: at.line - 1,
            column: at.column - 1,
        }
    }
}

/// What extraction gives back.
#[derive(Debug, Default)]
pub struct Extraction {
    pub claims: Vec<Claim>,
    pub articles: usize,
    pub errors: Vec<InputError>,
}

/// The claims of one article.
pub fn extract_article(rules: &RuleSet, article: &Article, index: usize) -> Vec<Claim> {
    let body = article.body();
    let folded = Normalized::new(body);
    let name: Arc<str> = Arc::from(article.name.as_str());
    let source: Option<Arc<str>> = article.source.as_deref().map(Arc::from);
    let mut claims = Vec::new();
    for rule in rules.rules.iter().filter(|r| r.applies_to(&folded.text)) {
        for m in rule.find(&folded.text, article.published) {
            let span = trim(body, folded.original_span(m.start, m.end, body));
            let full = span.offset(article.body_start);
            claims.push(Claim {
                key: rule.key.clone(),
                rule: rule.key.clone(),
                kind: rule.kind,
                severity: rule.severity,
                article: name.clone(),
                source: source.clone(),
                article_index: index,
                value: m.value,
                span: full,
                line_col: LineCol::of(&article.text, full.start),
                text: article.text[full.start..full.end].to_string(),
                excerpt: Arc::new(Excerpt::new(name.clone(), &article.text, full)),
            });
        }
    }
    claims.sort_by(|a, b| (a.span.start, &a.key).cmp(&(b.span.start, &b.key)));
    claims
}

/// The span without the spaces at its ends.
fn trim(text: &str, span: Span) -> Span {
    let s = &text[span.start..span.end];
    let start = span.start + (s.len() - s.trim_start().len());
    let end = span.end - (s.len() - s.trim_end().len());
    Span::new(start, end.max(start))
}

/// Reads and extracts every input, in parallel; results in input order.
pub fn run(rules: &RuleSet, inputs: &[Input]) -> Extraction {
    let per_input: Vec<(Vec<Vec<Claim>>, usize, Vec<InputError>)> = inputs
        .par_iter()
        .map(|input| {
            let (articles, errors) = input.read();
            let claims = articles
                .par_iter()
                .map(|a| extract_article(rules, a, 0))
                .collect();
            (claims, articles.len(), errors)
        })
        .collect();
    let mut out = Extraction::default();
    for (claims, count, mut errors) in per_input {
        let first = out.articles;
        for mut article_claims in claims {
            for c in &mut article_claims {
                c.article_index = out.articles;
            }
            out.articles += 1;
            out.claims.append(&mut article_claims);
        }
        debug_assert_eq!(count, out.articles - first);
        out.errors.append(&mut errors);
    }
    out
}
