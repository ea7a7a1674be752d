//! The engine: the one `check` path every front end calls.
//!
//! An [`Engine`] is built once from the rules and what a run compares
//! with (source weights, a fact sheet, a baseline). A run then goes:
//!
//! ```text
//! Source ─► Engine::gather ─► ClaimStore ─► Engine::run ─► Run::each ─────► FindingSink (a report)
//!  (articles, shards,          (memory or        (scopes)     (findings, key   finding … finding,
//!   drafts against published)   disk)                          by key; counted)  then RunEnd
//! ```
//!
//! [`Engine::gather`] extracts a [`Source`] into any [`store::StoreBuilder`]
//! and says what it could not read and what it skipped ([`Gathered`]);
//! [`Run::each`] compares the store one key at a time and hands each
//! finding on, in report order, so a report is written while one key's
//! claims are in memory, and counts them as it goes ([`Counted`]): the
//! summary and the exit code come from that one walk. A [`FindingSink`]
//! (every report format is one) takes the findings, then the end of the
//! run ([`RunEnd`]). The engine never prints: the inputs it could not
//! read and the notes of what it skipped come back to the caller, and
//! [`Outcome::exit_code`] is the exit-code policy.

mod memo;
mod plan;
mod result;
pub mod spill;
pub mod store;

pub use memo::{KeyMemo, Retired};
pub use plan::{Counted, Run};
pub use result::{CheckResult, FindingSink, RunEnd, Summary};

use crate::compare::baseline::Baseline;
use crate::compare::facts::Facts;
use crate::compare::scope::Scopes;
use crate::compare::Quotes;
use crate::extract::{self, Claim};
use crate::input::corpus::{Input, InputError};
use crate::input::sources::SourceWeights;
use crate::rules::{RuleSet, Severity};
use std::collections::BTreeSet;
use std::io;
use std::path::PathBuf;
use store::{ClaimStore, StoreBuilder};

/// What a run compares claims with, built once.
#[derive(Debug, Default)]
pub struct Engine {
    pub rules: RuleSet,
    /// Trust weights of sources, for weighted majorities.
    pub weights: SourceWeights,
    /// A reference fact sheet: claims that contradict it are
    /// `fact-mismatch` findings.
    pub facts: Facts,
    /// Findings accepted earlier: reported as baselined, never failing.
    pub baseline: Option<Baseline>,
    /// How many of a finding's claims it quotes: by default a few for
    /// each value ([`Quotes::PerValue`]), every one with [`Quotes::All`].
    pub quotes: Quotes,
}

/// Where a run's claims come from.
#[derive(Debug, Clone, Copy)]
pub enum Source<'a> {
    /// Articles: files, JSONL corpora, stdin.
    Inputs(&'a [Input]),
    /// Claim shards (`extract --format jsonl` output): the reduce step.
    /// With `fingerprint` (the setup's), shards extracted with other packs
    /// or settings are refused ([`crate::extract::shard::OtherPacks`]).
    Shards {
        paths: &'a [PathBuf],
        fingerprint: Option<&'a str>,
    },
    /// Drafts, checked against published articles: only findings that
    /// involve a draft are reported. A draft with no date is about to be
    /// published: it is dated `today`. The published inputs should not
    /// repeat the drafts ([`without_drafts`]).
    Drafts {
        drafts: &'a [Input],
        published: &'a [Input],
        /// Published paths that could not be listed (a missing folder):
        /// reported after the drafts' errors, before the corpus's.
        unlisted: &'a [InputError],
        today: chrono::NaiveDate,
    },
}

/// A run's claims, in a store, and what reading them counted.
#[derive(Debug, Default)]
pub struct Gathered<S> {
    pub store: S,
    pub articles: usize,
    /// Inputs that could not be read (the rest were still checked).
    pub errors: Vec<InputError>,
    /// Inputs read and skipped (an empty file, ignored front matter):
    /// notes, not errors; sorted by path.
    pub skipped: Vec<InputError>,
    /// The drafts' article names ([`Source::Drafts`]).
    pub drafts: Option<BTreeSet<String>>,
}

/// How a run ended, for its exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    /// Inputs that could not be read.
    pub unreadable: usize,
    pub errors: usize,
    pub warnings: usize,
}

impl Outcome {
    pub fn of(summary: &Summary, unreadable: usize) -> Outcome {
        Outcome {
            unreadable,
            errors: summary.errors,
            warnings: summary.warnings,
        }
    }

    /// 2 when an input could not be read; 1 when a finding (not
    /// baselined) is at `fail_at` or above (`None`: never); else 0.
    pub fn exit_code(&self, fail_at: Option<Severity>) -> u8 {
        let failed = match fail_at {
            None => false,
            Some(Severity::Error) => self.errors > 0,
            Some(Severity::Warning) => self.errors + self.warnings > 0,
            Some(Severity::Note) => true,
        };
        if self.unreadable > 0 {
            2
        } else {
            u8::from(failed)
        }
    }
}

impl Engine {
    /// An engine with these rules, every source weighing the same, no fact
    /// sheet and no baseline.
    pub fn new(rules: RuleSet) -> Engine {
        Engine {
            rules,
            ..Engine::default()
        }
    }

    /// Extracts `source` into `store`; `progress(bytes)` after each
    /// article of the main corpus (the published one, for drafts).
    pub fn gather<B: StoreBuilder>(
        &self,
        source: Source,
        options: extract::Options,
        progress: &(dyn Fn(u64) + Sync),
        mut store: B,
    ) -> io::Result<Gathered<B::Store>> {
        let rules = &self.rules;
        // What the drafts gave, with `--against`; the corpus's articles
        // are numbered after them.
        let (corpus, mut gathered) = match source {
            Source::Shards { paths, fingerprint } => {
                let mut keep = |c: Claim| store.push(vec![c]);
                let reduced = crate::extract::shard::for_each_claim(paths, rules, fingerprint, &mut keep)?;
                let gathered = Gathered {
                    articles: reduced.articles,
                    errors: reduced.errors,
                    skipped: reduced.skipped,
                    ..Gathered::default()
                };
                return Ok(gathered.with_store(store.finish()?));
            }
            Source::Inputs(inputs) => (inputs, Gathered::default()),
            Source::Drafts {
                drafts,
                published,
                unlisted,
                today,
            } => (
                published,
                self.gather_drafts(drafts, unlisted, today, options, &mut store)?,
            ),
        };
        let first = gathered.articles;
        let mut keep = |mut article: extract::ArticleClaims| {
            for c in &mut article.claims {
                c.article_index += first;
            }
            store.push(article.claims)
        };
        let streamed = extract::run_each(rules, corpus, options, progress, &mut keep)?;
        gathered.articles += streamed.articles;
        gathered.errors.extend(streamed.errors);
        gathered.skipped.extend(streamed.skipped);
        crate::input::corpus::sort_notes(&mut gathered.skipped);
        Ok(gathered.with_store(store.finish()?))
    }

    /// The drafts' part of [`Source::Drafts`]: extracts `drafts` into
    /// `store`, each claim of an undated draft dated `today`, and names the
    /// drafts ([`Gathered::drafts`]). `unlisted` (published paths that
    /// could not be listed) follow the drafts' errors. The published
    /// articles that follow are numbered from [`Gathered::articles`] on.
    pub fn gather_drafts<B: StoreBuilder>(
        &self,
        drafts: &[Input],
        unlisted: &[InputError],
        today: chrono::NaiveDate,
        options: extract::Options,
        store: &mut B,
    ) -> io::Result<Gathered<()>> {
        let mut extraction = extract::run_with_progress(&self.rules, drafts, options, &|_| {});
        let names = extraction.claims.iter().map(|c| c.article.to_string()).collect();
        for c in &mut extraction.claims {
            c.published.get_or_insert(today);
        }
        store.push(extraction.claims)?;
        extraction.errors.extend_from_slice(unlisted);
        Ok(Gathered {
            store: (),
            articles: extraction.articles,
            errors: extraction.errors,
            skipped: extraction.skipped,
            drafts: Some(names),
        })
    }

    /// Drops the compiled patterns once every article is extracted
    /// ([`RuleSet::release_matchers`]), and hands freed memory back: the
    /// comparison that follows needs neither.
    pub fn release_matchers(&mut self) {
        self.rules.release_matchers();
        release_free_memory();
    }

    /// A run over a store: the instances of recurring events its claims
    /// name are read first.
    pub fn run<'a>(&'a self, store: &'a dyn ClaimStore, drafts: Option<&'a BTreeSet<String>>) -> io::Result<Run<'a>> {
        Ok(Run {
            rules: &self.rules,
            weights: &self.weights,
            facts: &self.facts,
            drafts,
            claims: store,
            scopes: scopes_of(&self.rules, store)?,
            baseline: self.baseline.as_ref(),
            quotes: self.quotes,
            involving: None,
            memo: None,
            quoted: None,
            release: true,
        })
    }

    /// Finds the articles under `paths` (files, folders searched
    /// recursively, JSONL corpora) and checks them ([`Engine::check`]);
    /// a path that cannot be read is an input error of the result.
    pub fn check_paths(&self, paths: &[PathBuf]) -> io::Result<CheckResult> {
        let (inputs, unreadable) = crate::input::corpus::discover(paths, &|_| true);
        let mut result = self.check(&inputs)?;
        result.input_errors.splice(0..0, unreadable);
        result.recount();
        Ok(result)
    }

    /// Extracts and compares every input in memory: the whole pipeline in
    /// one call, for a library user. Findings in report order.
    pub fn check(&self, inputs: &[Input]) -> io::Result<CheckResult> {
        let gathered = self.gather(
            Source::Inputs(inputs),
            extract::Options { excerpts: true },
            &|_| {},
            store::Memory::new(),
        )?;
        let mut findings = Vec::new();
        let counted = self.run(&gathered.store, None)?.each(false, false, &mut |f| {
            findings.push(f.clone());
            Ok(())
        })?;
        Ok(CheckResult {
            findings,
            summary: Summary {
                articles: gathered.articles,
                claims: gathered.store.claims(),
                unreadable: gathered.errors.len(),
                ..counted.summary
            },
            input_errors: gathered.errors,
            skipped: gathered.skipped,
            stale: counted.stale,
        })
    }
}

impl<S> Gathered<S> {
    /// What was gathered, its store turned by `f` (boxed, say).
    pub fn map_store<T>(self, f: impl FnOnce(S) -> T) -> Gathered<T> {
        Gathered {
            store: f(self.store),
            articles: self.articles,
            errors: self.errors,
            skipped: self.skipped,
            drafts: self.drafts,
        }
    }
}

impl Gathered<()> {
    /// What was gathered, in `store`.
    pub fn with_store<S>(self, store: S) -> Gathered<S> {
        self.map_store(|()| store)
    }
}

/// The instances of recurring events the claims name: the claims of the
/// scope rules' keys, read back from the store.
fn scopes_of(rules: &RuleSet, claims: &dyn ClaimStore) -> io::Result<Scopes> {
    if let Some(scopes) = claims.scopes(rules)? {
        return Ok(scopes);
    }
    let wanted = crate::compare::scope::read_keys(rules);
    let mut scopes = crate::compare::scope::ScopesBuilder::new(rules);
    // One key's claims at a time: the scope keys of a large corpus hold
    // many.
    for i in 0..claims.len() {
        if wanted.contains(claims.key(i)) {
            for c in &claims.read(i)? {
                scopes.add(c);
            }
        }
    }
    Ok(scopes.finish())
}

/// The published inputs that are not drafts: an article is one article,
/// whichever paths name it (`content/a.md`, `./content/a.md`, an absolute
/// path, a symbolic link), so a draft inside the corpus it is checked
/// against is read once, as the draft. Paths compare canonicalized; a JSONL
/// corpus is one file, so its lines go with it.
pub fn without_drafts(published: Vec<Input>, drafts: &[Input]) -> Vec<Input> {
    let canonical = |input: &Input| match input {
        Input::File(p, _) | Input::Jsonl(p) => std::fs::canonicalize(p).ok(),
        Input::Stdin | Input::StdinJsonl => None,
    };
    let drafts: std::collections::HashSet<PathBuf> = drafts.iter().filter_map(canonical).collect();
    if drafts.is_empty() {
        return published;
    }
    published
        .into_iter()
        .filter(|p| canonical(p).is_none_or(|c| !drafts.contains(&c)))
        .collect()
}

/// Hands the heap's free pages back to the system. glibc keeps what a
/// phase freed (in each worker thread's arena too) resident, so without
/// this the peak of extraction stays under the comparison that follows,
/// and each key's claims under the next key's.
pub fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        extern "C" {
            fn malloc_trim(pad: usize) -> std::ffi::c_int;
        }
        // SAFETY: malloc_trim takes no pointer and only gives free memory
        // back to the kernel; it is safe to call at any time.
        unsafe {
            malloc_trim(0);
        }
    }
}
