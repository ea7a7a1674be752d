//! Baselines: findings a desk has accepted, so they no longer fail a run.
//!
//! A baseline file records each finding by its code, its key and the
//! (article, value) pairs of its claims, never by byte offsets, so editing
//! an unrelated paragraph does not invalidate it. A current finding is
//! *baselined* when an entry with the same code and key holds every one of
//! its (article, value) pairs; an entry that no current finding matches is
//! *stale* (the contradiction was fixed, or changed shape) and is reported
//! so the baseline can be rewritten.
//!
//! An entry accepted from the review page or an editor
//! ([`crate::review::Reviewer::accept`]) also says why, who and when:
//! `reason`, `by` and `at` (an RFC 3339 UTC time), each optional, absent
//! from entries `--write-baseline` records. They never change what an
//! entry covers.

use crate::compare::Finding;
use crate::extract::Claim;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

/// The file format, version 1.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

/// One accepted finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub code: String,
    pub key: String,
    pub claims: BTreeSet<Pair>,
    /// Why the finding was accepted, as its reviewer wrote it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Who accepted it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// When, in UTC (`2026-03-06T08:00:00Z`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
}

impl Entry {
    /// "stale baseline entry: contradiction interpol.delegates (a.md says
    /// 179, b.md says 196) no longer occurs".
    pub fn stale_message(&self) -> String {
        let claims: Vec<String> = self
            .claims
            .iter()
            .map(|p| format!("{} says {}", p.article, p.value))
            .collect();
        format!(
            "stale baseline entry: {} {} ({}) no longer occurs",
            self.code,
            self.key,
            claims.join(", ")
        )
    }
}

/// A claim as a baseline knows it. The strings are shared: a finding of
/// a large archive names thousands of articles, each already named by its
/// claims.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pair {
    pub article: Arc<str>,
    pub value: Arc<str>,
}

/// By article, then value, as strings; a string two pairs share is not
/// compared.
impl Ord for Pair {
    fn cmp(&self, other: &Pair) -> std::cmp::Ordering {
        use crate::compare::shared_order;
        shared_order(&self.article, &other.article).then_with(|| shared_order(&self.value, &other.value))
    }
}

impl PartialOrd for Pair {
    fn partial_cmp(&self, other: &Pair) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// A finding's baseline entry, made when first asked. A finding of a
/// large archive can list every claim of a fact; an editor's check asks
/// for its entry only when a baseline names the fact, or to accept it
/// or name it ([`crate::review::ReviewFinding::id`]), so it is not made
/// for every edit.
pub struct LazyEntry {
    code: String,
    key: String,
    made: OnceLock<Entry>,
    pending: Mutex<Option<Pending>>,
    /// The values asked of articles ([`LazyEntry::values_of`]), each
    /// article's kept: an editor asks them of one draft at every check.
    asked: Mutex<Vec<(String, Arc<Vec<String>>)>>,
}

/// The claims of an entry not yet made: a few held apart (a draft's),
/// and a store's shared claims, all of them or those at some places.
pub(crate) struct Pending {
    pub(crate) own: Vec<Claim>,
    pub(crate) shared: Arc<Vec<Claim>>,
    /// The places in `shared`, ascending; `None`: every claim.
    pub(crate) places: Option<Vec<u32>>,
}

impl Pending {
    fn claims(&self) -> impl Iterator<Item = &Claim> {
        let all = self.places.is_none().then(|| self.shared.iter());
        let some = self
            .places
            .iter()
            .flat_map(|places| places.iter().map(|&i| &self.shared[i as usize]));
        self.own.iter().chain(all.into_iter().flatten()).chain(some)
    }
}

impl LazyEntry {
    /// An entry already made.
    pub fn made(entry: Entry) -> LazyEntry {
        LazyEntry {
            code: entry.code.clone(),
            key: entry.key.clone(),
            made: OnceLock::from(entry),
            pending: Mutex::new(None),
            asked: Mutex::new(Vec::new()),
        }
    }

    /// The entry of `f` had it the claims of `pending`, made when asked.
    pub(crate) fn later(f: &Finding, pending: Pending) -> LazyEntry {
        LazyEntry {
            code: f.code.as_str().to_string(),
            key: f.key.clone(),
            made: OnceLock::new(),
            pending: Mutex::new(Some(pending)),
            asked: Mutex::new(Vec::new()),
        }
    }

    pub fn code(&self) -> &str {
        &self.code
    }

    pub fn key(&self) -> &str {
        &self.key
    }

    /// The entry, made now if it was not.
    pub fn get(&self) -> &Entry {
        self.made.get_or_init(|| {
            let pending = self.pending.lock().unwrap_or_else(|e| e.into_inner()).take();
            let mut canonicals = crate::model::value::Canonicals::new();
            let claims: Vec<(&Arc<str>, usize)> = pending
                .iter()
                .flat_map(|p| p.claims())
                .map(|c| (&c.article, canonicals.written(&c.value)))
                .collect();
            Entry {
                code: self.code.clone(),
                key: self.key.clone(),
                claims: pairs_numbered(claims.into_iter(), &canonicals),
                reason: None,
                by: None,
                at: None,
            }
        })
    }

    /// The values `article` states in the entry, each once, in order;
    /// read from the claims when the entry is not made, once an article.
    pub fn values_of(&self, article: &str) -> Arc<Vec<String>> {
        let mut asked = self.asked.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, values)) = asked.iter().find(|(a, _)| a == article) {
            return values.clone();
        }
        let values = Arc::new(self.read_values_of(article));
        asked.push((article.to_string(), values.clone()));
        values
    }

    /// [`LazyEntry::values_of`], read.
    fn read_values_of(&self, article: &str) -> Vec<String> {
        let pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        match &*pending {
            Some(p) => {
                let values: BTreeSet<String> = p
                    .claims()
                    .filter(|c| *c.article == *article)
                    .map(|c| c.value.canonical())
                    .collect();
                values.into_iter().collect()
            }
            // Made, or being made on another thread (which `get` waits for).
            None => {
                drop(pending);
                self.get()
                    .claims
                    .iter()
                    .filter(|p| *p.article == *article)
                    .map(|p| p.value.to_string())
                    .collect()
            }
        }
    }
}

impl std::fmt::Debug for LazyEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LazyEntry")
            .field("code", &self.code)
            .field("key", &self.key)
            .field("made", &self.made.get())
            .finish_non_exhaustive()
    }
}

/// A baseline that could not be read.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum BaselineError {
    #[error("cannot read baseline {path}: {source}")]
    #[diagnostic(code(crosscheck::baseline::io))]
    Io { path: String, source: std::io::Error },
    #[error("baseline {path} is not a crosscheck baseline: {source}")]
    #[diagnostic(
        code(crosscheck::baseline::format),
        help("write a new one with `crosscheck check … --write-baseline FILE`")
    )]
    Format { path: String, source: serde_json::Error },
}

impl Entry {
    pub fn of(f: &Finding) -> Entry {
        let mut canonicals = crate::model::value::Canonicals::new();
        let claims: Vec<(&Arc<str>, usize)> = f
            .claims
            .iter()
            .map(|(_, c)| (&c.article, canonicals.written(&c.value)))
            .collect();
        Entry::of_numbered(f, claims.into_iter(), &canonicals)
    }

    /// The entry of `f` had it `claims`, in its order, each given by its
    /// article and its value's canonical string's number in `canonicals`
    /// ([`crate::model::value::Canonicals::written`]).
    pub(crate) fn of_numbered<'c>(
        f: &Finding,
        claims: impl Iterator<Item = (&'c Arc<str>, usize)>,
        canonicals: &crate::model::value::Canonicals,
    ) -> Entry {
        Entry {
            code: f.code.as_str().to_string(),
            key: f.key.clone(),
            claims: pairs_numbered(claims, canonicals),
            reason: None,
            by: None,
            at: None,
        }
    }

    /// Whether this entry absorbs `f`.
    pub fn covers(&self, f: &Entry) -> bool {
        self.code == f.code && self.key == f.key && f.claims.is_subset(&self.claims)
    }
}

/// The (article, value) pairs of a finding's claims, each once: each
/// distinct value written once, and no string copied.
fn pairs_numbered<'c>(
    claims: impl Iterator<Item = (&'c Arc<str>, usize)>,
    canonicals: &crate::model::value::Canonicals,
) -> BTreeSet<Pair> {
    let mut pairs: Vec<(&Arc<str>, usize)> = Vec::with_capacity(claims.size_hint().0);
    for pair in claims {
        // An article's claims of one value in a row are one pair.
        if pairs
            .last()
            .is_none_or(|&(a, w)| w != pair.1 || !Arc::ptr_eq(a, pair.0))
        {
            pairs.push(pair);
        }
    }
    // The claims are in article order on each side (majority, outliers):
    // the set's sort takes those runs as they come.
    pairs
        .into_iter()
        .map(|(article, written)| Pair {
            article: article.clone(),
            value: canonicals.shared_written(written),
        })
        .collect()
}

impl Baseline {
    /// The baseline of a set of findings.
    pub fn of(findings: &[Finding]) -> Baseline {
        Baseline::from_entries(findings.iter().map(Entry::of).collect())
    }

    /// The baseline of these entries, sorted, each once.
    pub fn from_entries(mut entries: Vec<Entry>) -> Baseline {
        entries.sort();
        entries.dedup();
        Baseline {
            version: 1,
            findings: entries,
        }
    }

    pub fn read(path: &Path) -> Result<Baseline, BaselineError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| BaselineError::Io {
            path: name.clone(),
            source,
        })?;
        serde_json::from_str(&text).map_err(|source| BaselineError::Format { path: name, source })
    }

    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("a baseline serializes");
        s.push('\n');
        s
    }

    /// The entry that absorbs `f`, if one does.
    pub fn entry_for(&self, f: &Finding) -> Option<&Entry> {
        self.entry_covering(&Entry::of(f))
    }

    /// The entry that absorbs the finding whose entry is `entry`, if any.
    pub fn entry_covering(&self, entry: &Entry) -> Option<&Entry> {
        self.findings.iter().find(|e| e.covers(entry))
    }

    /// Whether an entry absorbs `f`; marks that entry in `used` (one flag
    /// an entry, `false` at first), for [`Baseline::stale`].
    pub fn covers(&self, f: &Finding, used: &mut [bool]) -> bool {
        self.covers_entry(&Entry::of(f), used)
    }

    /// [`Baseline::covers`] of a finding's entry.
    pub fn covers_entry(&self, entry: &Entry, used: &mut [bool]) -> bool {
        match self.findings.iter().position(|e| e.covers(entry)) {
            Some(i) => {
                if let Some(u) = used.get_mut(i) {
                    *u = true;
                }
                true
            }
            None => false,
        }
    }

    /// [`Baseline::covers_entry`] of an entry made only when an entry of
    /// its code and key could cover it.
    pub fn covers_lazy(&self, entry: &LazyEntry, used: &mut [bool]) -> bool {
        let named = self.findings.iter().any(|e| e.code == entry.code && e.key == entry.key);
        named && self.covers_entry(entry.get(), used)
    }

    /// The entries `used` does not mark.
    pub fn stale(&self, used: &[bool]) -> Vec<Entry> {
        self.findings
            .iter()
            .enumerate()
            .filter(|(i, _)| !used.get(*i).copied().unwrap_or(false))
            .map(|(_, e)| e.clone())
            .collect()
    }

    /// Splits findings into new and baselined ones, and returns the
    /// entries no finding matched.
    pub fn apply(&self, findings: Vec<Finding>) -> Applied {
        let mut used = vec![false; self.findings.len()];
        let mut applied = Applied::default();
        for f in findings {
            let entry = Entry::of(&f);
            match self.findings.iter().position(|e| e.covers(&entry)) {
                Some(i) => {
                    used[i] = true;
                    applied.baselined.push(f);
                }
                None => applied.new.push(f),
            }
        }
        applied.stale = self
            .findings
            .iter()
            .zip(used)
            .filter(|(_, u)| !u)
            .map(|(e, _)| e.clone())
            .collect();
        applied
    }
}

/// Findings sorted by a baseline.
#[derive(Debug, Default)]
pub struct Applied {
    pub new: Vec<Finding>,
    pub baselined: Vec<Finding>,
    pub stale: Vec<Entry>,
}
