//! Review: one draft checked against the claim index, for the front ends
//! that are not the command line (the review page of `crosscheck serve`,
//! an editor's language server).
//!
//! A [`Reviewer`] is opened once on an engine and an index
//! ([`crate::index`]); it is `Send + Sync`, and each [`Reviewer::review`]
//! opens its own read connection, so reviews run side by side and never
//! wait for each other (nor for an update of the index: WAL readers read a
//! snapshot). The index's articles and the claims of the keys a review
//! read are kept for the next ([`crate::index::ClaimCache`]) until an
//! update changes the index, so a draft checked at every change reads
//! the database once. A review gives exactly the findings `crosscheck
//! check DRAFT --index DB` gives for the same text, with what a page
//! shows of them:
//!
//! ```text
//! Draft ─► extract ─► Index::gather_extracted ─► Engine::run ─► Review
//!  (name, text,        (the draft's claims and     (findings,     claims of the draft,
//!   date, source)       the archive's of its keys)  key by key)    findings, timelines
//! ```
//!
//! [`Reviewer::search`] lists what the archive says of a key, by date and
//! source; [`Reviewer::accept`] writes a finding into the baseline file
//! with a reason, who and when (atomically), and later reviews show it
//! accepted.

use crate::compare::baseline::{Baseline, BaselineError, Entry, LazyEntry};
use crate::compare::{Finding, Quotes};
use crate::engine::store::ClaimStore;
use crate::engine::KeyMemo;
use crate::extract::{self, Claim};
use crate::index::{ClaimCache, Index, IndexError, Stated};
use crate::input::corpus::article_from_text;
use crate::news::{Moment, Stance};
use crate::Engine;
use chrono::NaiveDate;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

/// A draft to review: a text that need not be a file.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    /// How findings name it (a path, or any name the front end gives).
    pub name: String,
    /// The whole text; YAML front matter is read as in a file.
    pub text: String,
    /// Its publication date; front matter's, else today, when `None`.
    pub published: Option<NaiveDate>,
    /// Its outlet; front matter's when `None`.
    pub source: Option<String>,
}

/// Why a review, a search or an acceptance failed.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum ReviewError {
    #[error(transparent)]
    #[diagnostic(transparent)]
    Index(#[from] IndexError),
    #[error(transparent)]
    #[diagnostic(transparent)]
    Baseline(#[from] BaselineError),
    #[error("{0}")]
    #[diagnostic(code(crosscheck::review))]
    Io(#[from] std::io::Error),
    #[error("no baseline file to accept findings into (give one with --baseline FILE)")]
    #[diagnostic(code(crosscheck::review::no_baseline))]
    NoBaseline,
    #[error("a reason is needed to accept a finding")]
    #[diagnostic(code(crosscheck::review::no_reason))]
    NoReason,
}

/// The engine and the index, shared by every review.
#[derive(Debug)]
pub struct Reviewer {
    /// Its runs hand each finding on as `quotes` quotes it, with the
    /// baseline entry of the whole finding ([`crate::engine::Run::quoting`]);
    /// the engine's own are [`Quotes::All`].
    engine: Engine,
    quotes: Quotes,
    index: PathBuf,
    fingerprint: String,
    timeout: Duration,
    /// The baseline file findings are accepted into, if any.
    baseline_file: Option<PathBuf>,
    /// The baseline of the moment: the file's, as last read or written.
    baseline: RwLock<Option<Arc<Baseline>>>,
    /// How many times the baseline was written: a [`KeyMemo`] made under
    /// another baseline is not used.
    accepted: std::sync::atomic::AtomicU64,
    /// One acceptance at a time reads, changes and writes the file.
    writing: Mutex<()>,
    /// The index's articles and the claims of the keys read, kept while
    /// the index is unchanged: a draft checked again reads none again.
    cache: ClaimCache,
}

impl Reviewer {
    /// A reviewer of drafts against the index at `index`, which must have
    /// been built with the same packs and overrides (`fingerprint`, from
    /// [`crate::setup::Setup::fingerprint`]), as `check --index` requires.
    /// `baseline`: the file findings are accepted into (read if it
    /// exists; made by the first acceptance otherwise); without one, the
    /// engine's baseline, if any, is read only.
    pub fn open(
        mut engine: Engine,
        fingerprint: &str,
        index: &Path,
        baseline: Option<&Path>,
    ) -> Result<Reviewer, ReviewError> {
        let timeout = Duration::from_secs(30);
        Index::open(index, timeout)?.require_fingerprint(fingerprint)?;
        let current = match baseline {
            Some(path) if path.exists() => Some(Baseline::read(path)?),
            Some(_) => None,
            None => engine.baseline.take(),
        };
        let quotes = std::mem::replace(&mut engine.quotes, Quotes::All);
        Ok(Reviewer {
            engine,
            quotes,
            index: index.to_path_buf(),
            fingerprint: fingerprint.to_string(),
            timeout,
            baseline_file: baseline.map(Path::to_path_buf),
            baseline: RwLock::new(current.map(Arc::new)),
            accepted: std::sync::atomic::AtomicU64::new(0),
            writing: Mutex::new(()),
            cache: ClaimCache::new(),
        })
    }

    /// The index file reviewed against.
    pub fn index_path(&self) -> &Path {
        &self.index
    }

    /// The baseline file findings are accepted into, if any.
    pub fn baseline_path(&self) -> Option<&Path> {
        self.baseline_file.as_deref()
    }

    /// The engine's rules, for a front end that names them.
    pub fn rules(&self) -> &crate::rules::RuleSet {
        &self.engine.rules
    }

    fn open_index(&self) -> Result<Index, ReviewError> {
        let index = Index::open(&self.index, self.timeout)?;
        index.require_fingerprint(&self.fingerprint)?;
        Ok(index)
    }

    /// The baseline of the moment, and how many times it was written.
    fn current_baseline(&self) -> (Option<Arc<Baseline>>, u64) {
        let baseline = self.baseline.read().unwrap_or_else(|e| e.into_inner());
        (
            baseline.clone(),
            self.accepted.load(std::sync::atomic::Ordering::SeqCst),
        )
    }

    /// Checks `draft` against the index: its claims, and the findings
    /// that involve it, in report order.
    pub fn review(&self, draft: &Draft) -> Result<Review, ReviewError> {
        self.review_with(draft, None)
    }

    /// As [`Reviewer::review`]; with `memo`, the findings of the facts
    /// whose claims in the draft read as in the last review kept there
    /// are taken from it, with what the review made of them (ids,
    /// quotes), and this review's kept ([`ReviewMemo`]): an editor that
    /// checks one draft at each change keeps one memo a draft.
    pub fn review_with(&self, draft: &Draft, memo: Option<&ReviewMemo>) -> Result<Review, ReviewError> {
        let mut article = article_from_text(draft.name.clone(), draft.text.clone());
        if draft.published.is_some() {
            article.published = draft.published;
        }
        if let Some(source) = &draft.source {
            article.source = Some(source.clone());
        }
        let options = extract::Options { excerpts: true };
        let today = chrono::Local::now().date_naive();
        let mut claims = extract::extract_article_with(&self.engine.rules, &article, 0, options);
        for c in &mut claims {
            c.published.get_or_insert(today);
        }
        let draft_claims = claims.iter().map(DraftClaim::of).collect();
        let gathered = self
            .open_index()?
            .gather_extracted_cached(&self.engine, claims, 1, options, &self.cache)?;
        let (baseline, stamp) = self.current_baseline();
        let mut run = self
            .engine
            .run(&gathered.store, gathered.drafts.as_ref())?
            .with_baseline(baseline.as_deref())
            .keeping_freed_memory()
            .quoting(self.quotes);
        if let Some(memo) = memo {
            // (The memo frees what the last run replaced, if its caller
            // did not take it; so does this of what the last review
            // derived.)
            run = run.remembering(&memo.keys, stamp)?;
            drop(std::mem::take(
                &mut *memo.retired.lock().unwrap_or_else(|e| e.into_inner()),
            ));
        }
        let mut derived = memo.map(|m| m.derived.lock().unwrap_or_else(|e| e.into_inner()));
        let mut seen = std::collections::HashMap::new();
        let mut findings = Vec::new();
        run.each_entry(&mut |f, entry| {
            let address = Arc::as_ptr(entry) as usize;
            let made = derived
                .as_mut()
                .and_then(|d| d.remove(&address))
                .unwrap_or_else(|| Arc::new(Derived::of(f, entry, self.quotes)));
            findings.push(self.finding(f, &made, &draft.name, baseline.as_deref()));
            seen.insert(address, made);
            Ok(())
        })?;
        // What the next review may take again: this one's findings only.
        // The rest waits, with the findings the memo replaced, for
        // [`ReviewMemo::retired`] (or the next review).
        if let Some(derived) = &mut derived {
            let old = std::mem::replace(&mut **derived, seen);
            if let Some(memo) = memo {
                let mut retired = memo.retired.lock().unwrap_or_else(|e| e.into_inner());
                retired.push(old.into_values().collect());
            }
        }
        for f in &mut findings {
            if self.engine.rules.get(&f.key).is_some_and(|r| r.evolves.is_some()) {
                f.timeline = Some(timeline(&gathered.store, &f.key, &draft.name)?);
            }
        }
        Ok(Review {
            draft: draft.name.clone(),
            claims: draft_claims,
            findings,
        })
    }

    /// A finding of a review, from the whole finding the run made and
    /// what is derived from it.
    fn finding(
        &self,
        full: &Finding,
        derived: &Arc<Derived>,
        draft: &str,
        baseline: Option<&Baseline>,
    ) -> ReviewFinding {
        let shown = match &derived.keep {
            Some(keep) => full.keeping(keep),
            None => full.clone(),
        };
        let accepted = full
            .baselined
            .then(|| baseline.and_then(|b| b.entry_covering(derived.entry.get())))
            .flatten()
            .map(|e| Accepted {
                reason: e.reason.clone(),
                by: e.by.clone(),
                at: e.at.clone(),
            });
        ReviewFinding {
            id: FindingId(derived.clone()),
            code: shown.code.as_str(),
            severity: shown.severity.as_str(),
            key: shown.key.clone(),
            title: shown.title.clone(),
            message: shown.message.clone(),
            help: shown.help.clone(),
            claims: shown
                .claims
                .iter()
                .map(|(role, c)| Quoted::of(role.as_str(), c, draft))
                .collect(),
            unquoted: shown.unquoted,
            baselined: shown.baselined,
            accepted,
            timeline: None,
            finding: shown,
            entry: derived.entry.clone(),
        }
    }

    /// What the index says of `key` (a key, or a prefix ending in `.` or
    /// `*`): at most `limit` claims, by key, date and source.
    pub fn search(&self, key: &str, limit: usize) -> Result<Vec<Stated>, ReviewError> {
        Ok(self.open_index()?.search(key, limit)?)
    }

    /// Accepts `finding` into the baseline file, with `reason`, by `by`,
    /// now: the file is read again, the entry added (replacing one of the
    /// same finding), and written whole under a temporary name then
    /// renamed. Later reviews show the finding accepted. The entry
    /// written.
    pub fn accept(&self, finding: &ReviewFinding, reason: &str, by: &str) -> Result<Entry, ReviewError> {
        let Some(path) = &self.baseline_file else {
            return Err(ReviewError::NoBaseline);
        };
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(ReviewError::NoReason);
        }
        let entry = Entry {
            reason: Some(reason.to_string()),
            by: Some(by.to_string()),
            at: Some(chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()),
            ..finding.entry.get().clone()
        };
        let _writing = self.writing.lock().unwrap_or_else(|e| e.into_inner());
        let mut entries = if path.exists() {
            Baseline::read(path)?.findings
        } else {
            Vec::new()
        };
        entries.retain(|e| (&e.code, &e.key, &e.claims) != (&entry.code, &entry.key, &entry.claims));
        entries.push(entry.clone());
        let baseline = Baseline::from_entries(entries);
        crate::report::output::write_atomically(path, baseline.to_json().as_bytes())?;
        let mut current = self.baseline.write().unwrap_or_else(|e| e.into_inner());
        *current = Some(Arc::new(baseline));
        self.accepted.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Ok(entry)
    }
}

/// Who accepts findings when a front end is not told: `$USER`, else
/// `$USERNAME`, else "unknown".
pub fn user_name() -> String {
    ["USER", "USERNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
        .unwrap_or_else(|| "unknown".to_string())
}

/// What a review keeps of one draft from one review to the next: the
/// findings of its facts ([`KeyMemo`]), and what the review derived from
/// each (its id and which claims it quotes), which stay as long as the
/// finding does. One a draft, as an editor checks it at each change.
#[derive(Debug, Default)]
pub struct ReviewMemo {
    keys: KeyMemo,
    /// By the address of the finding's entry, which the memo hands on with
    /// the finding as long as it keeps it (the `Arc` held here keeps the
    /// address from being reused).
    derived: Mutex<std::collections::HashMap<usize, Arc<Derived>>>,
    /// What reviews derived of findings they no longer have.
    retired: Mutex<Vec<Vec<Arc<Derived>>>>,
}

impl ReviewMemo {
    pub fn new() -> ReviewMemo {
        ReviewMemo::default()
    }

    /// What the last review replaced: findings of facts the draft changed,
    /// and what was derived of them. Dropping it frees them, which takes a
    /// while for a fact of a large archive; an editor drops it on another
    /// thread once the findings are out, so the next review does not wait
    /// for it. Left here, it is freed when the next review starts.
    pub fn retired(&self) -> RetiredReview {
        let derived = std::mem::take(&mut *self.retired.lock().unwrap_or_else(|e| e.into_inner()));
        RetiredReview {
            _keys: self.keys.retired(),
            _derived: derived,
        }
    }

    /// Whether nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

/// What a review's memo no longer holds ([`ReviewMemo::retired`]).
#[derive(Debug)]
#[must_use = "dropping it frees what it holds"]
pub struct RetiredReview {
    _keys: crate::engine::Retired,
    _derived: Vec<Vec<Arc<Derived>>>,
}

/// What a review derives from a whole finding, whatever where its
/// draft's claims stand.
#[derive(Debug)]
struct Derived {
    entry: Arc<LazyEntry>,
    /// Made when first asked ([`FindingId`]).
    id: std::sync::OnceLock<String>,
    /// The claims the page quotes ([`Finding::quote_mask`]).
    keep: Option<Vec<bool>>,
}

impl Derived {
    fn of(full: &Finding, entry: &Arc<LazyEntry>, quotes: Quotes) -> Derived {
        Derived {
            entry: entry.clone(),
            id: std::sync::OnceLock::new(),
            keep: full.quote_mask(quotes),
        }
    }
}

/// A finding's stable id: the first 16 hex digits of the SHA-256 of its
/// baseline entry (code, key, and the claims' articles and values).
fn entry_id(entry: &Entry) -> String {
    let json = serde_json::to_string(entry).unwrap_or_default();
    crate::text::sha256_hex(&[json.as_bytes()])[..16].to_string()
}

/// A finding's stable id ([`ReviewFinding::id`]): the first 16 hex
/// digits of the SHA-256 of its baseline entry, made when first asked (a
/// finding of a large archive has a large entry, and an editor asks for
/// the ids of few findings).
#[derive(Debug, Clone)]
pub struct FindingId(Arc<Derived>);

impl FindingId {
    pub fn as_str(&self) -> &str {
        self.0.id.get_or_init(|| entry_id(self.0.entry.get()))
    }
}

impl PartialEq for FindingId {
    fn eq(&self, other: &FindingId) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || self.as_str() == other.as_str()
    }
}

impl Eq for FindingId {}

impl PartialEq<str> for FindingId {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl std::fmt::Display for FindingId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for FindingId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// What a review found.
#[derive(Debug, Clone, Serialize)]
pub struct Review {
    /// The draft's name.
    pub draft: String,
    /// Every claim crosscheck read in the draft, in text order.
    pub claims: Vec<DraftClaim>,
    /// The findings that involve the draft, in report order.
    pub findings: Vec<ReviewFinding>,
}

/// A claim of the draft.
#[derive(Debug, Clone, Serialize)]
pub struct DraftClaim {
    pub key: String,
    pub rule: String,
    /// The value's canonical form.
    pub value: String,
    /// The text read, as written.
    pub text: String,
    /// Byte offsets in the draft's text, end-exclusive.
    pub start: usize,
    pub end: usize,
    /// 1-based line and column (characters).
    pub line: usize,
    pub column: usize,
    /// The draft's date (`YYYY-MM-DD`): its own, else today.
    pub published: Option<String>,
    /// When the sentence says the figure held, if it says.
    pub as_of: Option<String>,
    /// Who the sentence says gave the figure.
    pub attribution: Option<String>,
    /// `hedged`, `denied`, `earlier`; absent when asserted.
    pub stance: Option<Stance>,
}

impl DraftClaim {
    fn of(c: &Claim) -> DraftClaim {
        let context = c.context();
        DraftClaim {
            key: c.key.to_string(),
            rule: c.rule.to_string(),
            value: c.value.canonical(),
            text: c.text.to_string(),
            start: c.span.start,
            end: c.span.end,
            line: c.line_col.line,
            column: c.line_col.column,
            published: c.published.map(|d| d.to_string()),
            as_of: context.as_of.map(|m| m.canonical()),
            attribution: context.attribution.as_deref().map(str::to_string),
            stance: Some(context.stance).filter(|s| *s != Stance::Asserted),
        }
    }
}

/// A finding, as a page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewFinding {
    /// Stable across reviews of the same finding (it names the finding's
    /// code, key, articles and values, never offsets).
    pub id: FindingId,
    pub code: &'static str,
    pub severity: &'static str,
    pub key: String,
    /// The rule's title.
    pub title: String,
    pub message: String,
    pub help: String,
    /// The claims quoted, majority first; the draft's are `in_draft`.
    pub claims: Vec<Quoted>,
    /// Claims of the finding not quoted.
    pub unquoted: usize,
    /// Accepted in the baseline.
    pub baselined: bool,
    /// Why, who and when, when the baseline entry says.
    pub accepted: Option<Accepted>,
    /// For a fact that evolves: its timeline.
    pub timeline: Option<Timeline>,
    /// The finding as reports show it (`--format json` gives this).
    #[serde(skip)]
    pub finding: Finding,
    /// Its baseline entry (every claim, not only those quoted), made
    /// when first asked.
    #[serde(skip)]
    pub entry: Arc<LazyEntry>,
}

/// Why, who and when a finding was accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Accepted {
    pub reason: Option<String>,
    pub by: Option<String>,
    /// RFC 3339, UTC.
    pub at: Option<String>,
}

/// A claim a finding quotes.
#[derive(Debug, Clone, Serialize)]
pub struct Quoted {
    /// `majority` or `outlier`.
    pub role: &'static str,
    /// Whether it is the draft's.
    pub in_draft: bool,
    pub article: String,
    /// The article's outlet.
    pub source: Option<String>,
    pub value: String,
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    /// The line around the claim, as quoted, and where the claim's text
    /// starts in it (bytes).
    pub quote: String,
    pub quote_at: usize,
    /// The article's publication date (and time).
    pub published: Option<String>,
    pub as_of: Option<String>,
    pub attribution: Option<String>,
    pub stance: Option<Stance>,
}

impl Quoted {
    fn of(role: &'static str, c: &Claim, draft: &str) -> Quoted {
        let context = c.context();
        let excerpt = c.excerpt();
        let quote_at = c.span.start.saturating_sub(excerpt.offset).min(excerpt.text.len());
        Quoted {
            role,
            in_draft: &*c.article == draft,
            article: c.article.to_string(),
            source: c.source.as_deref().map(str::to_string),
            value: c.value.canonical(),
            text: c.text.to_string(),
            start: c.span.start,
            end: c.span.end,
            line: c.line_col.line,
            column: c.line_col.column,
            quote_at: if excerpt.text.is_char_boundary(quote_at) {
                quote_at
            } else {
                0
            },
            quote: excerpt.text.clone(),
            published: c.published.map(|date| {
                Moment {
                    date,
                    time: context.published_time,
                }
                .canonical()
            }),
            as_of: context.as_of.map(|m| m.canonical()),
            attribution: context.attribution.as_deref().map(str::to_string),
            stance: Some(context.stance).filter(|s| *s != Stance::Asserted),
        }
    }
}

/// A fact that evolves, over time: the asserted figures of its key with a
/// time, oldest first, and the newest published one.
#[derive(Debug, Clone, Serialize)]
pub struct Timeline {
    /// At most [`TIMELINE_POINTS`], the newest kept.
    pub points: Vec<Point>,
    /// The newest figure of an article that is not the draft.
    pub newest: Option<Point>,
}

/// Points a timeline keeps.
pub const TIMELINE_POINTS: usize = 50;

/// One figure on a timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Point {
    pub value: String,
    pub article: String,
    pub source: Option<String>,
    /// When it held: its as-of time, else its article's publication.
    pub at: String,
    pub attribution: Option<String>,
    pub in_draft: bool,
}

/// The timeline of `key` in `store`.
fn timeline(store: &dyn ClaimStore, key: &str, draft: &str) -> std::io::Result<Timeline> {
    let Some(i) = (0..store.len()).find(|&i| store.key(i) == key) else {
        return Ok(Timeline {
            points: Vec::new(),
            newest: None,
        });
    };
    let claims = store.read(i)?;
    let mut points: Vec<(Moment, Point)> = claims
        .iter()
        .filter(|c| c.context().stance.compares())
        .filter_map(|c| {
            let at = c.moment()?;
            let point = Point {
                value: c.value.canonical(),
                article: c.article.to_string(),
                source: c.source.as_deref().map(str::to_string),
                at: at.canonical(),
                attribution: c.context().attribution.as_deref().map(str::to_string),
                in_draft: &*c.article == draft,
            };
            Some((at, point))
        })
        .collect();
    points.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.article.cmp(&b.1.article)));
    points.dedup_by(|a, b| a.1 == b.1);
    let newest = points.iter().rev().find(|(_, p)| !p.in_draft).map(|(_, p)| p.clone());
    let skip = points.len().saturating_sub(TIMELINE_POINTS);
    Ok(Timeline {
        points: points.into_iter().skip(skip).map(|(_, p)| p).collect(),
        newest,
    })
}
