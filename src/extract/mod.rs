//! Extraction: every claim of every article, in parallel.
//!
//! [`extract_article`] folds one article and runs the rules whose pack is
//! about it; [`run`] reads and extracts all inputs on rayon's pool and
//! returns claims in input order, so the output never depends on the number
//! of threads. Each [`Claim`] keeps a short [`Excerpt`] of the line it came
//! from, so reports can quote it after the article's text is gone.

use crate::corpus::{self, Article, Input, InputError};
use crate::grammar::Kind;
use crate::news::{Context, Moment};
use crate::normalize::Normalized;
use crate::rules::{RuleSet, Severity};
use crate::span::{LineCol, LineIndex, Span};
use crate::value::{DateSet, Value};
use chrono::{NaiveDate, Weekday};
use rayon::prelude::*;
use std::io::BufRead;
use std::path::Path;
use std::sync::Arc;

/// Characters of context kept on each side of a claim.
const EXCERPT_CONTEXT: usize = 60;

/// One value one article states about one fact.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
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
    #[serde(default)]
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

impl ClaimMaker<'_> {
    fn claim(&self, key: &Arc<str>, kind: Kind, severity: Severity, start: usize, end: usize, value: Value) -> Claim {
        let body = self.article.body();
        let span = trim(body, self.folded.original_span(start, end, body));
        let full = span.offset(self.article.body_start);
        let text = &self.article.text;
        Claim {
            key: key.clone(),
            rule: key.clone(),
            kind,
            severity,
            article: self.name.clone(),
            source: self.source.clone(),
            article_index: self.index,
            published: self.published,
            value,
            span: full,
            line_col: self.lines.line_col(text, full.start),
            weekday: None,
            text: Arc::from(&text[full.start..full.end]),
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
    let folded = Normalized::new(article.body());
    let published = publication_date(rules, article, &folded.text);
    let maker = ClaimMaker {
        article,
        folded,
        name: Arc::from(article.name.as_str()),
        source: article.source.as_deref().map(Arc::from),
        index,
        published,
        lines: LineIndex::new(&article.text),
        excerpts: options.excerpts,
    };
    let folded = &maker.folded.text;
    let mut claims = Vec::new();
    let found = rules.find_all(folded, published);
    let contexts = contexts(&maker, &found, published);
    for ((rule, m), context) in found.into_iter().zip(contexts) {
        let mut claim = maker.claim(&rule.claim_key, rule.kind, rule.severity, m.start, m.end, m.value);
        claim.context = context;
        claims.push(claim);
    }
    let weekday_key: Arc<str> = Arc::from(WEEKDAY_KEY);
    for grammar in &rules.grammars {
        for (start, end, weekday, date) in grammar.dates.weekday_dates(folded, published) {
            let value = Value::Date(DateSet::day(date));
            let mut claim = maker.claim(&weekday_key, Kind::Date, Severity::Warning, start, end, value);
            claim.weekday = Some(weekday);
            claims.push(claim);
        }
    }
    claims.sort_by(|a, b| (a.span.start, &a.key).cmp(&(b.span.start, &b.key)));
    claims
}

/// What each match's sentence says around it ([`crate::news`]): as-of,
/// attribution, stance, and the other figures of its update; `None` where
/// it says nothing of these (and the article has no publication time).
fn contexts(
    maker: &ClaimMaker,
    found: &[(&crate::rules::Rule, crate::rules::RuleMatch)],
    published: Option<NaiveDate>,
) -> Vec<Option<Box<Context>>> {
    let folded = &maker.folded.text;
    let sentences: Vec<std::ops::Range<usize>> = found
        .iter()
        .map(|(_, m)| crate::news::sentence(folded, m.start..m.end))
        .collect();
    // The figures' sentences are searched for the pack's news words (each
    // part of the text once a reader); a figure whose sentence has none
    // (most figures of static facts) and no update group is read no
    // further.
    let mut readers: Vec<(&Arc<crate::news::NewsReader>, crate::news::WordHits)> = Vec::new();
    for (rule, _) in found {
        if !readers.iter().any(|(r, _)| Arc::ptr_eq(r, &rule.news)) {
            let theirs: Vec<std::ops::Range<usize>> = found
                .iter()
                .zip(&sentences)
                .filter(|((r, _), _)| Arc::ptr_eq(&r.news, &rule.news))
                .map(|(_, s)| s.clone())
                .collect();
            readers.push((&rule.news, rule.news.word_hits(folded, &theirs)));
        }
    }
    let words: Vec<crate::news::Words> = found
        .iter()
        .zip(&sentences)
        .map(|((rule, _), s)| {
            let hits = &readers
                .iter()
                .find(|(r, _)| Arc::ptr_eq(r, &rule.news))
                .expect("searched above")
                .1;
            hits.words_in(folded, s.clone())
        })
        .collect();
    let needs: Vec<bool> = found
        .iter()
        .zip(&words)
        .map(|((rule, _), w)| rule.update.is_some() || w.marked || w.timed)
        .collect();
    let plain = Context {
        published_time: maker.article.published_time,
        ..Context::default()
    };
    if !needs.contains(&true) {
        let context = (!plain.is_empty()).then(|| Box::new(plain));
        return vec![context; found.len()];
    }
    // The figures of each sentence, in text order: every search below stays
    // inside one sentence, so a text of one long line stays linear.
    let mut order: Vec<usize> = (0..found.len()).filter(|&i| needs[i]).collect();
    order.sort_by_key(|&i| (sentences[i].start, found[i].1.start, i));
    let mut mates_of: Vec<std::ops::Range<usize>> = vec![0..0; found.len()];
    for run in chunk_ranges(&order, |a, b| sentences[a] == sentences[b]) {
        for &i in &order[run.clone()] {
            mates_of[i] = run.clone();
        }
    }
    let mut out: Vec<Context> = vec![plain; found.len()];
    // Figures joined by a conjunction ("310 قتيلا و540 جريحا، بحسب …").
    let mut joins: Vec<(usize, usize)> = Vec::new();
    for &i in &order {
        let mates = &order[mates_of[i].clone()];
        let joined = context_of(maker, found, &sentences[i], mates, i, (published, words[i]), &mut out);
        joins.extend(joined.map(|j| (j, i)));
    }
    // "rose from 1140 to 1870": the figure it moved from is the earlier one.
    for pair in order.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        // (Two matches of one fact may overlap: nothing stands between them.)
        let apart = found[a].1.end <= found[b].1.start;
        if !apart || sentences[a] != sentences[b] || found[a].0.claim_key != found[b].0.claim_key {
            continue;
        }
        let s = &sentences[a];
        let local = |i: usize| found[i].1.start - s.start..found[i].1.end - s.start;
        let earlier = match found[a].0.news.moved_from(&folded[s.clone()], local(a), local(b)) {
            Some(true) => a,
            Some(false) => b,
            None => continue,
        };
        if out[earlier].stance == crate::news::Stance::Asserted {
            out[earlier].stance = crate::news::Stance::Earlier;
        }
    }
    // Joined figures share their body, whichever of them the marker is next
    // to (both ways, for chains of three).
    for _ in 0..2 {
        for &(a, b) in joins.iter().rev() {
            if out[a].attribution.is_none() {
                out[a].attribution = out[b].attribution.clone();
            }
            if out[b].attribution.is_none() {
                out[b].attribution = out[a].attribution.clone();
            }
        }
    }
    // Figures of one update group stated in one sentence name each other.
    for i in (0..found.len()).filter(|&i| needs[i]) {
        let Some(group) = &found[i].0.update else {
            continue;
        };
        for &j in &order[mates_of[i].clone()] {
            let other = &found[j];
            if other.0.update.as_ref() != Some(group) || other.0.claim_key == found[i].0.claim_key {
                continue;
            }
            let value = other.1.value.canonical();
            // Only an exact figure of a current update identifies it (not
            // ~800, not >140, not an earlier or hedged figure).
            let both = out[j].stance == crate::news::Stance::Asserted && out[i].stance == crate::news::Stance::Asserted;
            if value.parse::<f64>().is_ok() && both {
                let peer = (other.0.claim_key.clone(), Arc::from(value.as_str()));
                if !out[i].update.contains(&peer) {
                    out[i].update.push(peer);
                }
            }
        }
    }
    out.into_iter().map(|c| (!c.is_empty()).then(|| Box::new(c))).collect()
}

/// The runs of equal neighbours of `items`, as index ranges.
fn chunk_ranges(items: &[usize], same: impl Fn(usize, usize) -> bool) -> Vec<std::ops::Range<usize>> {
    let mut runs = Vec::new();
    let mut start = 0;
    for k in 1..=items.len() {
        if k == items.len() || !same(items[k - 1], items[k]) {
            runs.push(start..k);
            start = k;
        }
    }
    runs
}

/// The context of the `i`th figure, written into `out[i]` (the figures
/// before it in its sentence are done); the figure it is joined to by a
/// conjunction, if any.
fn context_of(
    maker: &ClaimMaker,
    found: &[(&crate::rules::Rule, crate::rules::RuleMatch)],
    sentence: &std::ops::Range<usize>,
    mates: &[usize],
    i: usize,
    (published, words): (Option<NaiveDate>, crate::news::Words),
    out: &mut [Context],
) -> Option<usize> {
    let folded = &maker.folded.text;
    let body = maker.article.body();
    let (rule, m) = (&found[i].0, &found[i].1);
    // The clause of a figure: from the figure before it in the sentence
    // (of any fact: "نفى مقتل 9000 ... بلغت 2390" keeps the denial on
    // 9000) to the next figure of the same fact.
    let previous = mates
        .iter()
        .copied()
        .filter(|&j| j != i && found[j].1.end <= m.start)
        .max_by_key(|&j| (found[j].1.end, j));
    let next = mates
        .iter()
        .copied()
        .filter(|&j| j != i && found[j].0.claim_key == rule.claim_key && found[j].1.start >= m.end)
        .map(|j| found[j].1.start)
        .min();
    let from = previous.map_or(sentence.start, |j| found[j].1.end).max(sentence.start);
    let before = from.min(m.start)..m.start;
    // "1870 قتيلا و1318 جريحا": a figure joined to the one before it by a
    // conjunction shares its stance ("may exceed 15,000 dead and 20,000
    // injured").
    let joined = previous.filter(|_| is_conjunction(&folded[before.clone()]));
    let after_end = next.unwrap_or(sentence.end).min(sentence.end).max(m.end);
    let after_end = forward(folded, m.end, 40).min(after_end);
    let news = &rule.news;
    let text = &folded[sentence.clone()];
    let local = m.start - sentence.start..m.end - sentence.start;
    let others: Vec<std::ops::Range<usize>> = mates
        .iter()
        .filter(|&&j| j != i)
        .map(|&j| found[j].1.start - sentence.start..found[j].1.end - sentence.start)
        .collect();
    // The sentence's words decide what is worth reading (the regex of
    // as-of times is the dearest).
    let marked = words.marked;
    let attribution = marked
        .then(|| news.attribution(text, local, &others))
        .flatten()
        .map(|(r, canonical)| {
            canonical.unwrap_or_else(|| {
                let span = maker
                    .folded
                    .original_span(sentence.start + r.start, sentence.start + r.end, body);
                Arc::from(body[span.start..span.end].trim())
            })
        });
    let timed = words.timed;
    let as_of = timed.then(|| news.as_of(text, published)).flatten();
    // A time stated in an article without a publication date is no guess:
    // the claim says so, and stays off the timeline.
    let unplaced_as_of = (timed && published.is_none())
        .then(|| news.stated_as_of(text))
        .flatten()
        .map(|w| Arc::from(w.as_str()));
    out[i] = Context {
        published_time: maker.article.published_time,
        as_of,
        stance: match joined {
            Some(j) => out[j].stance,
            // Up to the figure's end: a marker may end in its qualifier
            // ("قد تتجاوز 15000", the claim starting at "تتجاوز").
            None if marked => news.stance(folded, before.start..m.end, m.start, m.end..after_end),
            None => crate::news::Stance::Asserted,
        },
        attribution,
        update: Vec::new(),
        corrects: marked.then(|| corrected(rule, folded, m, after_end)).flatten(),
        unplaced_as_of,
    };
    joined
}

/// The figure a number corrects, canonical: the number right after a
/// correction word after it ("112 morts, et non 118 comme annoncé").
fn corrected(
    rule: &crate::rules::Rule,
    folded: &str,
    m: &crate::rules::RuleMatch,
    after_end: usize,
) -> Option<Arc<str>> {
    if !matches!(m.value, Value::Number(_)) {
        return None;
    }
    let start = rule.news.corrected_at(folded, m.end..after_end)?;
    let end = forward(folded, start, 40);
    let (s, _, n) = rule
        .grammar
        .numbers()
        .find_cardinals(&folded[start..end])
        .into_iter()
        .next()?;
    (s == 0).then(|| Arc::from(Value::Number(crate::value::NumberSet::exact(n)).canonical().as_str()))
}

/// Whether the text between two figures only joins them (`و`, `and`,
/// `et`, a comma).
fn is_conjunction(between: &str) -> bool {
    let t = between.trim().trim_matches([',', '،']).trim();
    matches!(t, "" | "و" | "and" | "et" | "ou" | "or" | "او")
}

/// The byte offset `n` characters after `at` (or the end).
fn forward(s: &str, at: usize, n: usize) -> usize {
    s[at..].char_indices().nth(n).map_or(s.len(), |(i, _)| at + i)
}

/// The span without the spaces at its ends.
fn trim(text: &str, span: Span) -> Span {
    let s = &text[span.start..span.end];
    let start = span.start + (s.len() - s.trim_start().len());
    let end = span.end - (s.len() - s.trim_end().len());
    Span::new(start, end.max(start))
}

/// Articles of a JSONL corpus extracted together: enough to keep both
/// cores busy, few enough that memory stays bounded.
const JSONL_BATCH: usize = 2048;

/// Reads and extracts every input, in parallel; results in input order.
pub fn run(rules: &RuleSet, inputs: &[Input]) -> Extraction {
    run_with_progress(rules, inputs, Options::default(), &|_| {})
}

/// As [`run`], calling `progress(bytes)` after each article. Files are read
/// and extracted in parallel; a JSONL corpus is streamed in batches, never
/// loaded whole. Article texts are dropped as soon as they are extracted.
pub fn run_with_progress(
    rules: &RuleSet,
    inputs: &[Input],
    options: Options,
    progress: &(dyn Fn(u64) + Sync),
) -> Extraction {
    let mut claims = Vec::new();
    let mut keep = |mut c: Vec<Claim>| {
        claims.append(&mut c);
        Ok(())
    };
    // Keeping claims in memory cannot fail.
    let streamed = run_each(rules, inputs, options, progress, &mut keep).unwrap_or_default();
    Extraction {
        claims,
        articles: streamed.articles,
        errors: streamed.errors,
        skipped: streamed.skipped,
    }
}

/// What [`run_each`] counted; the claims went to its sink.
#[derive(Debug, Default)]
pub struct Streamed {
    pub articles: usize,
    pub errors: Vec<InputError>,
    /// Inputs read and skipped: notes, not errors; sorted by path.
    pub skipped: Vec<InputError>,
}

/// Inputs extracted in parallel between two hand-overs to the sink: enough
/// to keep the threads busy, few enough that their claims stay small.
const FILE_CHUNK: usize = 512;

/// Extracts every input and hands each article's claims to `sink`, in
/// input order (so the order never depends on the thread count), with
/// `article_index` set. Only a chunk of articles' claims is in memory at a
/// time. Fails only if the sink does; unreadable inputs are counted in
/// [`Streamed::errors`].
pub fn run_each(
    rules: &RuleSet,
    inputs: &[Input],
    options: Options,
    progress: &(dyn Fn(u64) + Sync),
    sink: &mut dyn FnMut(Vec<Claim>) -> std::io::Result<()>,
) -> std::io::Result<Streamed> {
    let ex = Extractor {
        rules,
        options,
        progress,
        notes: corpus::Notes::new(),
    };
    let mut out = Collector {
        streamed: Streamed::default(),
        sink,
        failed: None,
    };
    let mut rest = inputs;
    while !rest.is_empty() && out.failed.is_none() {
        let files = rest
            .iter()
            .take_while(|i| !matches!(i, Input::Jsonl(_) | Input::StdinJsonl))
            .count();
        if files == 0 {
            match &rest[0] {
                Input::Jsonl(path) => stream_jsonl_file(&ex, path, &mut out),
                _ => stream_jsonl(&ex, "<stdin>", std::io::stdin().lock(), &mut out),
            }
            rest = &rest[1..];
            continue;
        }
        let mut chunks = rest[..files].chunks(FILE_CHUNK);
        let work = |chunk: &[Input]| -> Vec<(Vec<Vec<Claim>>, Vec<InputError>)> {
            chunk
                .par_iter()
                .map(|input| {
                    let (articles, errors) = input.read(&ex.notes);
                    let claims = articles.iter().map(|a| ex.one(a)).collect();
                    (claims, errors)
                })
                .collect()
        };
        pipelined(&mut || chunks.next(), &work, &mut |per_input| {
            for (claims, mut errors) in per_input {
                out.push_articles(claims);
                out.streamed.errors.append(&mut errors);
            }
            out.failed.is_none()
        });
        rest = &rest[files..];
    }
    match out.failed {
        Some(e) => Err(e),
        None => Ok(Streamed {
            skipped: ex.notes.take(),
            ..out.streamed
        }),
    }
}

/// Numbers articles in order and hands their claims on.
struct Collector<'s> {
    streamed: Streamed,
    sink: &'s mut dyn FnMut(Vec<Claim>) -> std::io::Result<()>,
    failed: Option<std::io::Error>,
}

/// What every worker needs: the rules, the options, the progress hook.
struct Extractor<'a> {
    rules: &'a RuleSet,
    options: Options,
    progress: &'a (dyn Fn(u64) + Sync),
    /// This run's notes of inputs skipped.
    notes: corpus::Notes,
}

impl Extractor<'_> {
    fn one(&self, article: &Article) -> Vec<Claim> {
        let mut claims = extract_article_with(self.rules, article, 0, self.options);
        claims.shrink_to_fit();
        (self.progress)(article.text.len() as u64);
        claims
    }
}

impl Collector<'_> {
    /// Hands on the claims of articles, numbering the articles in order.
    fn push_articles(&mut self, articles: Vec<Vec<Claim>>) {
        for mut claims in articles {
            for c in &mut claims {
                c.article_index = self.streamed.articles;
            }
            self.streamed.articles += 1;
            if self.failed.is_none() {
                if let Err(e) = (self.sink)(claims) {
                    self.failed = Some(e);
                }
            }
        }
    }
}

/// Extracts a JSONL corpus file, streaming it.
fn stream_jsonl_file(ex: &Extractor, path: &Path, out: &mut Collector) {
    let name = path.display().to_string();
    match std::fs::File::open(path) {
        Ok(f) => stream_jsonl(ex, &name, std::io::BufReader::with_capacity(1 << 20, f), out),
        Err(e) => out.streamed.errors.push(InputError::new(name, e.to_string())),
    }
}

/// Extracts a JSONL stream batch by batch, line by line.
fn stream_jsonl(ex: &Extractor, name: &str, mut reader: impl BufRead, out: &mut Collector) {
    let mut line_no = 0;
    let mut read_error = None;
    let mut next = || -> Option<Vec<(usize, Vec<u8>)>> {
        let mut batch: Vec<(usize, Vec<u8>)> = Vec::with_capacity(JSONL_BATCH);
        while batch.len() < JSONL_BATCH && read_error.is_none() {
            let mut line = Vec::new();
            match reader.read_until(b'\n', &mut line) {
                Ok(0) => break,
                Ok(_) => {
                    line_no += 1;
                    batch.push((line_no, line));
                }
                Err(e) => read_error = Some(InputError::new(format!("{name}:{}", line_no + 1), e.to_string())),
            }
        }
        (!batch.is_empty()).then_some(batch)
    };
    let work = |batch: Vec<(usize, Vec<u8>)>| -> Vec<Result<Option<Vec<Claim>>, InputError>> {
        batch
            .par_iter()
            .map(|(n, line)| {
                let article = corpus::jsonl_article(name, *n, trim_newline(line), &ex.notes)?;
                Ok(article.map(|a| ex.one(&a)))
            })
            .collect()
    };
    pipelined(&mut next, &work, &mut |results| {
        for r in results {
            match r {
                Ok(Some(claims)) => out.push_articles(vec![claims]),
                Ok(None) => {}
                Err(e) => out.streamed.errors.push(e),
            }
        }
        out.failed.is_none()
    });
    // A read error ends the stream: it comes after every line read before it.
    out.streamed.errors.extend(read_error);
}

/// Runs `work` on each item `next` gives and hands the results on in
/// order; stops fetching once `hand_on` says so. With more than one worker
/// thread the next item's work overlaps this item's hand-over (writing its
/// claims out) and the fetch of the item after it (reading lines), so the
/// workers never wait on those; with one, everything runs in turn, so
/// `-j1` is one thread of work.
fn pipelined<I: Send, T: Send>(
    next: &mut dyn FnMut() -> Option<I>,
    work: &(dyn Fn(I) -> T + Sync),
    hand_on: &mut dyn FnMut(T) -> bool,
) {
    if rayon::current_num_threads() < 2 {
        while let Some(item) = next() {
            if !hand_on(work(item)) {
                return;
            }
        }
        return;
    }
    std::thread::scope(|scope| {
        let mut current = next();
        let mut done: Option<T> = None;
        while let Some(item) = current.take() {
            let running = scope.spawn(move || work(item));
            let go_on = done.take().is_none_or(&mut *hand_on);
            if go_on {
                current = next();
            }
            done = Some(match running.join() {
                Ok(t) => t,
                Err(panic) => std::panic::resume_unwind(panic),
            });
            if !go_on {
                return;
            }
        }
        if let Some(t) = done {
            hand_on(t);
        }
    });
}

fn trim_newline(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}
