//! The index as a claim store: [`Indexed`] hands the engine the claims of
//! a key from the database (and the drafts' claims before them), so
//! [`crate::Engine::run`] compares an index as it compares any store.

use super::{Index, IndexError};
use crate::compare::scope::{Scopes, ScopesBuilder};
use crate::compare::Role;
use crate::engine::store::{ClaimStore, Memory, StoreBuilder};
use crate::engine::{Engine, Gathered};
use crate::extract::{self, Claim};
use crate::input::corpus::{parse_date, Input, InputError};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// One compared article of the index.
#[derive(Debug)]
pub(super) struct Article {
    /// Its number in the run: after the drafts, in corpus order.
    pub(super) index: usize,
    pub(super) name: Arc<str>,
    pub(super) source: Option<Arc<str>>,
    pub(super) published: Option<NaiveDate>,
}

/// The articles of the index a run compares, by row id.
#[derive(Debug, Default)]
pub(super) struct Articles {
    by_id: HashMap<i64, Article>,
    /// Their claims.
    claims: usize,
}

impl Articles {
    /// Every article but those whose file is one of `excluded` (canonical
    /// paths: drafts that are also published), numbered from `first` in
    /// corpus order.
    pub(super) fn load(index: &Index, excluded: &[PathBuf], first: usize) -> Result<Articles, IndexError> {
        let excluded: Vec<String> = excluded.iter().map(|p| p.display().to_string()).collect();
        let mut stmt = index
            .conn
            .prepare("SELECT id, path, name, source, published, claims FROM articles ORDER BY ord, id")
            .map_err(|e| index.error(e))?;
        let mut rows = stmt.query([]).map_err(|e| index.error(e))?;
        let mut articles = Articles::default();
        let mut shared: HashMap<String, Arc<str>> = HashMap::new();
        while let Some(r) = rows.next().map_err(|e| index.error(e))? {
            let path: Option<String> = r.get(1).map_err(|e| index.error(e))?;
            if path.is_some_and(|p| excluded.contains(&p)) {
                continue;
            }
            let row = (|| -> rusqlite::Result<(i64, Article, usize)> {
                let source: Option<String> = r.get(3)?;
                let published: Option<String> = r.get(4)?;
                let article = Article {
                    index: first + articles.by_id.len(),
                    name: Arc::from(r.get_ref(2)?.as_str()?),
                    source: source.map(|s| shared.entry(s.clone()).or_insert_with(|| Arc::from(s)).clone()),
                    published: published.as_deref().and_then(parse_date),
                };
                Ok((r.get(0)?, article, r.get::<_, i64>(5)? as usize))
            })();
            let (id, article, claims) = row.map_err(|e| index.error(e))?;
            articles.claims += claims;
            articles.by_id.insert(id, article);
        }
        Ok(articles)
    }

    pub(super) fn get(&self, id: i64) -> Option<&Article> {
        self.by_id.get(&id)
    }

    pub(super) fn len(&self) -> usize {
        self.by_id.len()
    }
}

/// The claims of an index, and of the drafts checked against it.
pub struct Indexed {
    index: Mutex<Index>,
    articles: Arc<Articles>,
    drafts: Memory,
    /// Each key: its drafts' key number, and its claims.
    keys: Vec<(Arc<str>, Option<usize>, usize)>,
    excerpts: bool,
    /// The claims of the keys read, kept for later runs on the same
    /// snapshot ([`ClaimCache`]).
    cached: Option<Arc<Kept>>,
}

/// The indexed articles and the claims of the keys read, kept from one
/// run to the next while the index is unchanged: a front end that checks
/// a draft at each change (an editor, a review page) reads each key's
/// claims from the database once, not once a check. Valid for one
/// generation of a complete index (an update makes the next, and nothing
/// is kept while one is under way); holds at most every indexed claim.
/// Used by [`Index::gather_extracted_cached`].
#[derive(Debug, Default)]
pub struct ClaimCache {
    held: Mutex<Option<Held>>,
}

#[derive(Debug)]
struct Held {
    /// What it is valid for: the index's generation, the number of the
    /// first indexed article, and whether claims keep their excerpts.
    generation: String,
    first: usize,
    excerpts: bool,
    articles: Arc<Articles>,
    kept: Arc<Kept>,
}

/// What a [`ClaimCache`] keeps of one snapshot but its articles.
#[derive(Debug, Default)]
struct Kept {
    /// The claims of each key read.
    claims: Mutex<HashMap<Arc<str>, Arc<Vec<Claim>>>>,
    /// How many claims each key counted has (none, too).
    counts: Mutex<HashMap<Arc<str>, usize>>,
    /// The instances of recurring events the indexed claims name, before
    /// a run's drafts add theirs: for the scope keys it was made from.
    scopes: Mutex<Option<BaseScopes>>,
}

/// The scope keys, and the instances the indexed claims of those keys name.
type BaseScopes = (BTreeSet<Arc<str>>, Arc<ScopesBuilder>);

impl ClaimCache {
    pub fn new() -> ClaimCache {
        ClaimCache::default()
    }
}

impl std::fmt::Debug for Indexed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Indexed").field("keys", &self.keys.len()).finish()
    }
}

/// What a run against an index reads besides the index.
#[derive(Debug, Clone, Copy)]
pub struct Drafts<'a> {
    pub drafts: &'a [Input],
    /// A draft with no date is dated `today`.
    pub today: NaiveDate,
}

impl Index {
    /// The claims a run compares: with `drafts`, the drafts' claims and
    /// the indexed claims of the keys they state (and of the keys that
    /// name instances of recurring events), only findings that involve a
    /// draft being reported, as with [`crate::engine::Source::Drafts`];
    /// without, every indexed claim. A draft that is also an indexed
    /// article is read as the draft. The run reads one snapshot of the
    /// index: an update that commits meanwhile is not seen. The index's
    /// unreadable and skipped inputs (of its last update) are the run's.
    pub fn gather(
        self,
        engine: &Engine,
        drafts: Option<Drafts>,
        options: extract::Options,
    ) -> Result<Gathered<Indexed>, IndexError> {
        // One read transaction: one snapshot for the whole run.
        self.conn.execute_batch("BEGIN").map_err(|e| self.error(e))?;
        let mut memory = Memory::new();
        let gathered = match drafts {
            Some(d) => engine
                .gather_drafts(d.drafts, &[], d.today, options, &mut memory)
                .map_err(|e| self.other(e))?,
            None => Gathered::default(),
        };
        let excluded: Vec<PathBuf> = match drafts {
            Some(d) => d.drafts.iter().filter_map(canonical).collect(),
            None => Vec::new(),
        };
        self.gather_with(engine, gathered, memory, &excluded, drafts.is_some(), options, None)
    }

    /// As [`Index::gather`] with drafts, for drafts extracted by the
    /// caller (a text that is not a file: a page's or an editor's buffer):
    /// `claims` are the drafts' claims, numbered `0..articles`, each dated
    /// already. No indexed article is left out for them.
    pub fn gather_extracted(
        self,
        engine: &Engine,
        claims: Vec<Claim>,
        articles: usize,
        options: extract::Options,
    ) -> Result<Gathered<Indexed>, IndexError> {
        self.extracted(engine, claims, articles, options, None)
    }

    /// As [`Index::gather_extracted`], the indexed articles and claims
    /// taken from `cache` when it holds this snapshot's, and kept there
    /// for the next run.
    pub fn gather_extracted_cached(
        self,
        engine: &Engine,
        claims: Vec<Claim>,
        articles: usize,
        options: extract::Options,
        cache: &ClaimCache,
    ) -> Result<Gathered<Indexed>, IndexError> {
        self.extracted(engine, claims, articles, options, Some(cache))
    }

    fn extracted(
        self,
        engine: &Engine,
        claims: Vec<Claim>,
        articles: usize,
        options: extract::Options,
        cache: Option<&ClaimCache>,
    ) -> Result<Gathered<Indexed>, IndexError> {
        self.conn.execute_batch("BEGIN").map_err(|e| self.error(e))?;
        let names = claims.iter().map(|c| c.article.to_string()).collect();
        let mut memory = Memory::new();
        memory.push(claims).map_err(|e| self.other(e))?;
        let gathered = Gathered {
            articles,
            drafts: Some(names),
            ..Gathered::default()
        };
        self.gather_with(engine, gathered, memory, &[], true, options, cache)
    }

    /// The rest of a gathering, once the drafts' claims are in `memory`:
    /// the indexed articles (but `excluded`), the index's problems, and
    /// the keys to compare (with drafts, only theirs and the scope keys).
    /// With `cache` (and nothing `excluded`), the articles and claims of
    /// this snapshot are taken from it and kept in it.
    #[allow(clippy::too_many_arguments)]
    fn gather_with(
        self,
        engine: &Engine,
        mut gathered: Gathered<()>,
        memory: Memory,
        excluded: &[PathBuf],
        with_drafts: bool,
        options: extract::Options,
        cache: Option<&ClaimCache>,
    ) -> Result<Gathered<Indexed>, IndexError> {
        let cache = cache.filter(|_| excluded.is_empty());
        let (articles, cached) = match cache {
            Some(cache) => self.cached(cache, gathered.articles, options.excerpts)?,
            None => (Arc::new(Articles::load(&self, excluded, gathered.articles)?), None),
        };
        gathered.articles += articles.len();
        let (errors, skipped) = self.problems(excluded)?;
        gathered.errors.extend(errors);
        gathered.skipped.extend(skipped);
        crate::input::corpus::sort_notes(&mut gathered.skipped);
        let drafts_store = memory.finish().map_err(|e| self.other(e))?;
        let mut keys: BTreeMap<Arc<str>, (Option<usize>, usize)> = BTreeMap::new();
        for i in 0..drafts_store.len() {
            keys.insert(Arc::from(drafts_store.key(i)), (Some(i), drafts_store.claims_in(i)));
        }
        let counts = if with_drafts {
            let wanted: Vec<Arc<str>> = keys
                .keys()
                .cloned()
                .chain(
                    crate::compare::scope::read_keys(&engine.rules)
                        .iter()
                        .map(|k| Arc::from(&**k)),
                )
                .collect();
            match &cached {
                Some(kept) => self.count_keys_kept(&wanted, kept)?,
                None => self.count_keys(&wanted)?,
            }
        } else {
            self.count_keys(&[])?
        };
        for (key, n) in counts {
            keys.entry(key).or_insert((None, 0)).1 += n;
        }
        let store = Indexed {
            keys: keys.into_iter().map(|(k, (d, n))| (k, d, n)).collect(),
            index: Mutex::new(self),
            articles,
            drafts: drafts_store,
            excerpts: options.excerpts,
            cached,
        };
        Ok(gathered.with_store(store))
    }

    /// The articles `cache` holds for this snapshot (read in the run's
    /// transaction), and its claims by key; or, when it holds another's,
    /// the articles read and kept, with no claims yet. Nothing is kept
    /// from an index under update.
    fn cached(
        &self,
        cache: &ClaimCache,
        first: usize,
        excerpts: bool,
    ) -> Result<(Arc<Articles>, Option<Arc<Kept>>), IndexError> {
        let generation = self.meta("generation")?.unwrap_or_default();
        if self.meta("state")?.as_deref() != Some("complete") {
            return Ok((Arc::new(Articles::load(self, &[], first)?), None));
        }
        let mut held = cache.held.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(h) = held
            .as_ref()
            .filter(|h| (&h.generation, h.first, h.excerpts) == (&generation, first, excerpts))
        {
            return Ok((h.articles.clone(), Some(h.kept.clone())));
        }
        let articles = Arc::new(Articles::load(self, &[], first)?);
        let kept = Arc::new(Kept::default());
        *held = Some(Held {
            generation,
            first,
            excerpts,
            articles: articles.clone(),
            kept: kept.clone(),
        });
        Ok((articles, Some(kept)))
    }

    /// As [`Index::count_keys`] of some keys, the counts `kept` has taken
    /// from it, the others counted and kept.
    fn count_keys_kept(&self, keys: &[Arc<str>], kept: &Kept) -> Result<Vec<(Arc<str>, usize)>, IndexError> {
        let missing: Vec<Arc<str>> = {
            let counts = kept.counts.lock().unwrap_or_else(|e| e.into_inner());
            keys.iter().filter(|k| !counts.contains_key(*k)).cloned().collect()
        };
        // (`count_keys` of no key counts every key.)
        let counted: HashMap<Arc<str>, usize> = match missing.is_empty() {
            true => HashMap::new(),
            false => self.count_keys(&missing)?.into_iter().collect(),
        };
        let mut counts = kept.counts.lock().unwrap_or_else(|e| e.into_inner());
        for key in missing {
            let n = counted.get(&key).copied().unwrap_or(0);
            counts.insert(key, n);
        }
        Ok(keys
            .iter()
            .filter_map(|k| Some((k.clone(), *counts.get(k).filter(|n| **n > 0)?)))
            .collect())
    }

    fn other(&self, e: io::Error) -> IndexError {
        IndexError::Other {
            path: self.name(),
            message: e.to_string(),
        }
    }

    /// The claims of each of `keys` (every key, when empty), in the index.
    fn count_keys(&self, keys: &[Arc<str>]) -> Result<Vec<(Arc<str>, usize)>, IndexError> {
        let run = || -> rusqlite::Result<Vec<(Arc<str>, usize)>> {
            if keys.is_empty() {
                let mut stmt = self.conn.prepare("SELECT key, count(*) FROM claims GROUP BY key")?;
                let rows = stmt.query_map([], |r| {
                    Ok((Arc::from(r.get_ref(0)?.as_str()?), r.get::<_, i64>(1)? as usize))
                })?;
                return rows.collect();
            }
            let mut stmt = self.conn.prepare("SELECT count(*) FROM claims WHERE key = ?1")?;
            let mut counts = Vec::new();
            for key in keys {
                let n: i64 = stmt.query_row([&**key], |r| r.get(0))?;
                if n > 0 {
                    counts.push((key.clone(), n as usize));
                }
            }
            Ok(counts)
        };
        run().map_err(|e| self.error(e))
    }

    /// The inputs the last update could not read, and those it skipped.
    pub(super) fn problems_all(&self) -> Result<(Vec<InputError>, Vec<InputError>), IndexError> {
        self.problems(&[])
    }

    /// The inputs the last update could not read (but the `excluded`
    /// files, read as drafts), and those it skipped.
    fn problems(&self, excluded: &[PathBuf]) -> Result<(Vec<InputError>, Vec<InputError>), IndexError> {
        let excluded: Vec<String> = excluded.iter().map(|p| p.display().to_string()).collect();
        let run = || -> rusqlite::Result<(Vec<InputError>, Vec<InputError>)> {
            let mut stmt = self
                .conn
                .prepare("SELECT kind, path, reason, file FROM problems ORDER BY ord")?;
            let mut rows = stmt.query([])?;
            let (mut errors, mut skipped) = (Vec::new(), Vec::new());
            while let Some(r) = rows.next()? {
                let kind: String = r.get(0)?;
                if r.get::<_, Option<String>>(3)?.is_some_and(|f| excluded.contains(&f)) {
                    continue;
                }
                let problem = InputError::new(r.get::<_, String>(1)?, r.get::<_, String>(2)?);
                if kind == "unreadable" {
                    errors.push(problem);
                } else {
                    skipped.push(problem);
                }
            }
            Ok((errors, skipped))
        };
        run().map_err(|e| self.error(e))
    }
}

/// How an indexed article's file differs from when it was indexed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Its size or modification time differ.
    Changed,
    /// It is gone (or cannot be read).
    Gone,
}

impl Index {
    /// The indexed articles among `names` whose file changed or went since
    /// the index was updated: their quotes come from the index. Only the
    /// files' sizes and times are read.
    pub fn changed<'n>(&self, names: impl IntoIterator<Item = &'n str>) -> Result<Vec<(String, Change)>, IndexError> {
        let mut changed = Vec::new();
        let mut stmt = self
            .conn
            .prepare("SELECT path, size, modified FROM articles WHERE name = ?1 ORDER BY ord, id LIMIT 1")
            .map_err(|e| self.error(e))?;
        for name in names {
            let row: Option<(Option<String>, Option<i64>, Option<i64>)> = {
                use rusqlite::OptionalExtension;
                stmt.query_row([name], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .optional()
                    .map_err(|e| self.error(e))?
            };
            let Some((Some(path), size, modified)) = row else {
                continue;
            };
            let now = super::update::stat(std::path::Path::new(&path));
            if now.0.is_none() {
                changed.push((name.to_string(), Change::Gone));
            } else if now != (size, modified) {
                changed.push((name.to_string(), Change::Changed));
            }
        }
        Ok(changed)
    }
}

/// The canonical path of a file input.
pub(super) fn canonical(input: &Input) -> Option<PathBuf> {
    match input {
        Input::File(p, _) | Input::Jsonl(p) => std::fs::canonicalize(p).ok(),
        Input::Stdin | Input::StdinJsonl => None,
    }
}

impl Indexed {
    /// The claims of the `i`th key from the index, in corpus order.
    fn indexed(&self, key: &str) -> io::Result<Vec<Claim>> {
        let index = self.index.lock().unwrap_or_else(|e| e.into_inner());
        let sql = format!("SELECT {} FROM claims c WHERE c.key = ?1", super::row::COLUMNS);
        let read = || -> rusqlite::Result<Vec<(usize, usize, Claim)>> {
            let mut stmt = index.conn.prepare_cached(&sql)?;
            let mut rows = stmt.query([key])?;
            let mut claims = Vec::new();
            while let Some(r) = rows.next()? {
                if let Some(c) = super::row::read(r, &self.articles, self.excerpts)? {
                    claims.push((c.article_index, r.get::<_, i64>(1)? as usize, c));
                }
            }
            Ok(claims)
        };
        let mut claims = read().map_err(|e| io::Error::other(index.error(e)))?;
        claims.sort_by_key(|(article, seq, _)| (*article, *seq));
        Ok(claims.into_iter().map(|(_, _, c)| c).collect())
    }

    /// The indexed claims of `key`, as `kept` holds them (read and kept
    /// the first time).
    fn kept(&self, kept: &Kept, key: &Arc<str>) -> io::Result<Arc<Vec<Claim>>> {
        let held = kept.claims.lock().unwrap_or_else(|e| e.into_inner()).get(key).cloned();
        if let Some(indexed) = held {
            return Ok(indexed);
        }
        let indexed = Arc::new(self.indexed(key)?);
        let mut claims = kept.claims.lock().unwrap_or_else(|e| e.into_inner());
        claims.insert(key.clone(), indexed.clone());
        Ok(indexed)
    }

    /// The claims of the `i`th key, the drafts' then the indexed ones,
    /// each made into a `T` as it is copied into its place.
    fn read_as<T>(&self, i: usize, each: impl Fn(Claim) -> T) -> io::Result<Vec<T>> {
        let Some((key, drafted, _)) = self.keys.get(i) else {
            return Ok(Vec::new());
        };
        let drafts = match drafted {
            Some(d) => self.drafts.read(*d)?,
            None => Vec::new(),
        };
        let Some(cached) = &self.cached else {
            return Ok(drafts.into_iter().chain(self.indexed(key)?).map(each).collect());
        };
        let indexed = self.kept(cached, key)?;
        let mut claims = Vec::with_capacity(drafts.len() + indexed.len());
        claims.extend(drafts.into_iter().map(&each));
        claims.extend(indexed.iter().cloned().map(&each));
        Ok(claims)
    }

    /// The index the claims come from.
    pub fn index(&self) -> std::sync::MutexGuard<'_, Index> {
        self.index.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl ClaimStore for Indexed {
    /// Every claim compared: the drafts' and every indexed article's, of
    /// any key (the run's summary counts them all).
    fn claims(&self) -> usize {
        self.drafts.claims() + self.articles.claims
    }

    fn len(&self) -> usize {
        self.keys.len()
    }

    fn key(&self, i: usize) -> &str {
        self.keys.get(i).map_or("", |(k, _, _)| k)
    }

    fn claims_in(&self, i: usize) -> usize {
        self.keys.get(i).map_or(0, |(_, _, n)| *n)
    }

    fn read_for_roles(&self, i: usize) -> io::Result<Vec<(Role, Claim)>> {
        self.read_as(i, |c| (Role::Majority, c))
    }

    fn read(&self, i: usize) -> io::Result<Vec<Claim>> {
        self.read_as(i, |c| c)
    }

    /// The drafts' claims, then the indexed ones as the claim cache keeps
    /// them, when there is one.
    fn read_shared(&self, i: usize) -> io::Result<crate::engine::store::Shared> {
        let Some(cached) = &self.cached else {
            return Ok((self.read(i)?, None));
        };
        let Some((key, drafted, _)) = self.keys.get(i) else {
            return Ok((Vec::new(), None));
        };
        let drafts = match drafted {
            Some(d) => self.drafts.read(*d)?,
            None => Vec::new(),
        };
        Ok((drafts, Some(self.kept(cached, key)?)))
    }

    fn has_drafts(&self, i: usize) -> Option<bool> {
        Some(self.keys.get(i).is_some_and(|(_, drafted, _)| drafted.is_some()))
    }

    fn drafts_of(&self, i: usize) -> Option<io::Result<Vec<Claim>>> {
        Some(match self.keys.get(i) {
            Some((_, Some(d), _)) => self.drafts.read(*d),
            _ => Ok(Vec::new()),
        })
    }

    /// The claims a [`ClaimCache`] keeps for this snapshot; none without one.
    fn snapshot(&self) -> Option<Arc<dyn std::any::Any + Send + Sync>> {
        let kept: Arc<dyn std::any::Any + Send + Sync> = self.cached.clone()?;
        Some(kept)
    }

    /// With a [`ClaimCache`], the indexed claims' instances are made once
    /// a snapshot and the drafts' added at each run.
    fn scopes(&self, rules: &crate::rules::RuleSet) -> io::Result<Option<Scopes>> {
        let Some(cached) = &self.cached else {
            return Ok(None);
        };
        let wanted = crate::compare::scope::read_keys(rules);
        let held = cached
            .scopes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
            .filter(|(keys, _)| *keys == wanted)
            .map(|(_, base)| base.clone());
        let base = match held {
            Some(base) => base,
            None => {
                let mut builder = ScopesBuilder::new(rules);
                for (key, _, _) in self.keys.iter().filter(|(k, _, _)| wanted.contains(k)) {
                    for c in self.kept(cached, key)?.iter() {
                        builder.add(c);
                    }
                }
                let base = Arc::new(builder.freeze());
                *cached.scopes.lock().unwrap_or_else(|e| e.into_inner()) = Some((wanted.clone(), base.clone()));
                base
            }
        };
        let mut scopes = (*base).clone();
        for (_, drafted, _) in self.keys.iter().filter(|(k, _, _)| wanted.contains(k)) {
            if let Some(d) = drafted {
                for c in &self.drafts.read(*d)? {
                    scopes.add(c);
                }
            }
        }
        Ok(Some(scopes.finish()))
    }
}
