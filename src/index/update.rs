//! `index update`: the corpus read again, only new and changed articles
//! extracted, removed ones dropped; one transaction a batch of articles.

use super::{Index, IndexError};
use crate::extract::{self, shard, Claim};
use crate::input::corpus::{self, Article, Input, InputError, Notes};
use crate::setup::{sha256_hex, Setup};
use rayon::prelude::*;
use rusqlite::params;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Inputs read at once.
const INPUT_CHUNK: usize = 512;
/// Articles extracted and written in one transaction.
const BATCH: usize = 256;

/// What an update did.
#[derive(Debug, Default)]
pub struct Updated {
    /// Articles the index holds now.
    pub articles: usize,
    pub added: usize,
    /// Articles whose text or metadata changed, extracted again.
    pub changed: usize,
    /// Articles extracted again because the packs changed.
    pub repacked: usize,
    pub unchanged: usize,
    pub removed: usize,
    /// The packs, the config's overrides or the crosscheck version differ
    /// from the last update's: every article is extracted again.
    pub setup_changed: bool,
    /// Inputs that could not be read, and those skipped (the index keeps
    /// them, for the runs that read it).
    pub errors: Vec<InputError>,
    /// The canonical path of the file of each error, where it has one.
    files: Vec<Option<String>>,
    pub skipped: Vec<InputError>,
    /// Folders with nothing to read, and why.
    pub notes: Vec<String>,
}

/// An article as the index keeps it before its claims.
struct Read {
    article: Article,
    input: String,
    seq: usize,
    path: Option<String>,
    /// The input file's size and modification time (nanoseconds since
    /// 1970), to tell a file changed since without reading it.
    stat: (Option<i64>, Option<i64>),
    hash: String,
}

/// The row of an article in the index.
struct Row {
    id: i64,
    hash: String,
    fingerprint: String,
    /// The file's size and modification time when last read, and the
    /// article's source.
    size: Option<i64>,
    modified: Option<i64>,
    source: Option<String>,
    /// Its place in corpus order.
    ord: i64,
    /// This update found the article (kept or replaced): the rows it did
    /// not find are dropped at its end.
    found: AtomicBool,
}

impl Index {
    /// Brings the index up to the articles under `paths` (as `check`
    /// finds them) and `setup`'s packs; `progress(bytes)` after each
    /// article. One update writes at a time: another waits for it (up to
    /// the index's timeout).
    pub fn update(
        &mut self,
        setup: &Setup,
        paths: &[PathBuf],
        progress: &(dyn Fn(u64) + Sync),
    ) -> Result<Updated, IndexError> {
        let _lock = UpdateLock::take(&self.path, self.timeout)?;
        let found = setup.discover(paths);
        if found
            .inputs
            .iter()
            .any(|i| matches!(i, Input::Stdin | Input::StdinJsonl))
        {
            return Err(IndexError::Other {
                path: "-".to_string(),
                message: "an index reads files: standard input cannot be indexed".to_string(),
            });
        }
        let fingerprint = setup.fingerprint();
        let mut updated = Updated {
            notes: found.notes,
            files: vec![None; found.errors.len()],
            errors: found.errors,
            ..Updated::default()
        };
        let (generation, last_start) = self.begin(&fingerprint, &mut updated)?;
        let rows = self.rows()?;
        // Files with a note last time are read again, so their notes are
        // made again.
        let (_, skipped) = self.problems_all()?;
        let noted: HashSet<&str> = skipped
            .iter()
            .map(|p| p.path.rsplit_once(" of ").map_or(p.path.as_str(), |(_, name)| name))
            .collect();
        let notes = Notes::new();
        let folders = Folders::default();
        let mut ord = 0usize;
        for chunk in found.inputs.chunks(INPUT_CHUNK) {
            let read: Vec<_> = chunk
                .par_iter()
                .map(|i| {
                    let noted = noted.contains(i.name().as_str());
                    let unchanged = (!noted).then(|| unchanged_file(i, &rows, last_start, &fingerprint, &folders));
                    unchanged.flatten().unwrap_or_else(|| read_input(i, &notes, &folders))
                })
                .collect();
            let mut articles = Vec::new();
            for (mut a, errors, file) in read {
                articles.append(&mut a);
                updated.files.extend(errors.iter().map(|_| file.clone()));
                updated.errors.extend(errors);
            }
            for batch in articles.chunks(BATCH) {
                let fresh = |a: &Read| {
                    rows.get(&(a.input.clone(), a.article.name.clone(), a.seq))
                        .is_some_and(|r| r.hash == a.hash && r.fingerprint == fingerprint)
                };
                let claims: Vec<Option<Vec<Claim>>> = batch
                    .par_iter()
                    .map(|a| {
                        let claims = (!fresh(a)).then(|| {
                            extract::extract_article_with(
                                &setup.rules,
                                &a.article,
                                0,
                                extract::Options { excerpts: true },
                            )
                        });
                        progress(a.article.text.len() as u64);
                        claims
                    })
                    .collect();
                self.write_batch(batch, claims, &rows, &fingerprint, generation, &mut ord, &mut updated)?;
            }
        }
        updated.skipped = notes.take();
        self.finish(setup, &fingerprint, &rows, &mut updated)?;
        updated.articles = ord;
        Ok(updated)
    }

    /// Starts an update: a new generation, the index marked as being
    /// updated, its start recorded; whether the setup changed since the
    /// last update. Gives the generation and when the last update started
    /// (nanoseconds since 1970), if one did.
    fn begin(&self, fingerprint: &str, updated: &mut Updated) -> Result<(i64, Option<i64>), IndexError> {
        let before = self.meta("fingerprint")?;
        let generation: i64 = self.meta("generation")?.and_then(|g| g.parse().ok()).unwrap_or(0) + 1;
        let last_start = self.meta("started")?.and_then(|t| t.parse().ok());
        updated.setup_changed = before.is_some_and(|f| f != fingerprint);
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as i64);
        self.conn
            .execute_batch(&format!(
                "UPDATE meta SET value = '{generation}' WHERE name = 'generation';
                 INSERT OR REPLACE INTO meta VALUES ('state', 'updating');
                 INSERT OR REPLACE INTO meta VALUES ('started', '{now}');"
            ))
            .map_err(|e| self.error(e))?;
        Ok((generation, last_start))
    }

    /// Makes the index hold the corpus that claim shards (the output of
    /// map steps, `extract --format jsonl`) describe, as an update over
    /// that corpus would: its articles (also those with no claim), their
    /// claims, the inputs that could not be read and those skipped.
    /// Articles the shards do not name are dropped. The shards must have
    /// been extracted with `setup`'s packs and settings. Shards keep no
    /// article text, so an imported article has no hash: a later
    /// [`Index::update`] over the corpus extracts every article again once.
    /// Quotes come from the claims' excerpts (`extract --excerpts`), or
    /// else from their own text.
    pub fn import(&mut self, setup: &Setup, shards: &[PathBuf]) -> Result<Updated, IndexError> {
        let _lock = UpdateLock::take(&self.path, self.timeout)?;
        let fingerprint = setup.fingerprint();
        // Shards of other packs are refused before the index is touched.
        for path in shards {
            shard::require_fingerprint(path, &fingerprint).map_err(|e| IndexError::Other {
                path: path.display().to_string(),
                message: e.to_string(),
            })?;
        }
        let mut updated = Updated::default();
        let (generation, _) = self.begin(&fingerprint, &mut updated)?;
        let rows = self.rows()?;
        let mut ord = 0usize;
        let mut seqs: HashMap<(String, String), usize> = HashMap::new();
        let mut batch: Vec<(Read, Vec<Claim>)> = Vec::new();
        let mut failed: Option<IndexError> = None;
        let mut flush = |index: &mut Index, batch: &mut Vec<(Read, Vec<Claim>)>, updated: &mut Updated| {
            let (reads, claims): (Vec<Read>, Vec<Option<Vec<Claim>>>) =
                std::mem::take(batch).into_iter().map(|(r, c)| (r, Some(c))).unzip();
            index.write_batch(&reads, claims, &rows, &fingerprint, generation, &mut ord, updated)
        };
        let start = |name: &str, seqs: &mut HashMap<(String, String), usize>| -> Read {
            let input = shard_input(name).to_string();
            let seq = seqs.entry((input.clone(), name.to_string())).or_insert(0);
            *seq += 1;
            Read {
                article: Article {
                    name: name.to_string(),
                    source: None,
                    published: None,
                    published_time: None,
                    title: None,
                    text: String::new(),
                    body_start: 0,
                },
                input,
                seq: *seq - 1,
                path: None,
                stat: (None, None),
                hash: String::new(),
            }
        };
        let reduced = {
            let mut each = |item: shard::Item| -> std::io::Result<()> {
                match item {
                    shard::Item::Article(name) => batch.push((start(name, &mut seqs), Vec::new())),
                    shard::Item::Claim(c) => {
                        // Shards without article records: a claim of
                        // another article starts it.
                        if batch.last().is_none_or(|(r, _)| *r.article.name != *c.article) {
                            batch.push((start(&c.article, &mut seqs), Vec::new()));
                        }
                        let (read, claims) = batch.last_mut().expect("an article was started");
                        if claims.is_empty() {
                            read.article.source = c.source.as_deref().map(str::to_string);
                            read.article.published = c.published;
                        }
                        claims.push(c);
                    }
                }
                if batch.len() > BATCH {
                    // The last article may have more claims to come.
                    let last = batch.pop();
                    if let Err(e) = flush(self, &mut batch, &mut updated) {
                        failed = Some(e);
                        return Err(std::io::Error::other("the index could not be written"));
                    }
                    batch.extend(last);
                }
                Ok(())
            };
            shard::read_shards(shards, &setup.rules, Some(&fingerprint), &mut each)
        };
        if let Some(e) = failed {
            return Err(e);
        }
        let reduced = reduced.map_err(|e| IndexError::Other {
            path: shards.first().map_or_else(String::new, |p| p.display().to_string()),
            message: e.to_string(),
        })?;
        flush(self, &mut batch, &mut updated)?;
        updated.files = vec![None; reduced.errors.len()];
        updated.errors = reduced.errors;
        updated.skipped = reduced.skipped;
        self.finish(setup, &fingerprint, &rows, &mut updated)?;
        updated.articles = ord;
        Ok(updated)
    }

    /// The rows of the index's articles, by input, name and number.
    fn rows(&self) -> Result<HashMap<(String, String, usize), Row>, IndexError> {
        let run = || -> rusqlite::Result<HashMap<(String, String, usize), Row>> {
            let mut stmt = self
                .conn
                .prepare("SELECT input, name, seq, id, hash, fingerprint, size, modified, source, ord FROM articles")?;
            let rows = stmt.query_map([], |r| {
                let at = (r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? as usize);
                Ok((
                    at,
                    Row {
                        id: r.get(3)?,
                        hash: r.get(4)?,
                        fingerprint: r.get(5)?,
                        size: r.get(6)?,
                        modified: r.get(7)?,
                        source: r.get(8)?,
                        ord: r.get(9)?,
                        found: AtomicBool::new(false),
                    },
                ))
            })?;
            rows.collect()
        };
        run().map_err(|e| self.error(e))
    }

    /// Writes one batch of articles in one transaction: numbers every one
    /// in corpus order, replaces those extracted again.
    #[allow(clippy::too_many_arguments)]
    fn write_batch(
        &mut self,
        batch: &[Read],
        claims: Vec<Option<Vec<Claim>>>,
        rows: &HashMap<(String, String, usize), Row>,
        fingerprint: &str,
        generation: i64,
        ord: &mut usize,
        updated: &mut Updated,
    ) -> Result<(), IndexError> {
        let path = self.path.clone();
        let tx = super::immediate(&mut self.conn, &path)?;
        let write = || -> rusqlite::Result<()> {
            let mut seen =
                tx.prepare_cached("UPDATE articles SET ord = ?1, seen = ?2, size = ?3, modified = ?4 WHERE id = ?5")?;
            let mut drop = tx.prepare_cached("DELETE FROM articles WHERE id = ?1")?;
            let mut insert = tx.prepare_cached(
                "INSERT INTO articles (input, name, seq, path, ord, hash, fingerprint, source, published, title, bytes, claims, seen, size, modified)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            )?;
            let mut claim = tx.prepare_cached(super::row::INSERT)?;
            for (a, claims) in batch.iter().zip(claims) {
                let at = rows.get(&(a.input.clone(), a.article.name.clone(), a.seq));
                if let Some(r) = at {
                    r.found.store(true, Ordering::Relaxed);
                }
                let Some(claims) = claims else {
                    // Written only if it moved or its file's size or time
                    // changed: an update that finds nothing new writes
                    // nothing.
                    if let Some(r) = at.filter(|r| r.ord != *ord as i64 || (r.size, r.modified) != a.stat) {
                        seen.execute(params![*ord as i64, generation, a.stat.0, a.stat.1, r.id])?;
                    }
                    *ord += 1;
                    updated.unchanged += 1;
                    continue;
                };
                match at {
                    None => updated.added += 1,
                    Some(r) if r.hash != a.hash => updated.changed += 1,
                    Some(_) => updated.repacked += 1,
                }
                if let Some(r) = at {
                    drop.execute([r.id])?;
                }
                let published = claims
                    .first()
                    .and_then(|c| c.published)
                    .or(a.article.published)
                    .map(|d| d.to_string());
                insert.execute(params![
                    a.input,
                    a.article.name,
                    a.seq as i64,
                    a.path,
                    *ord as i64,
                    a.hash,
                    fingerprint,
                    a.article.source,
                    published,
                    a.article.title,
                    a.article.text.len() as i64,
                    claims.len() as i64,
                    generation,
                    a.stat.0,
                    a.stat.1,
                ])?;
                let id = tx.last_insert_rowid();
                for (seq, c) in claims.iter().enumerate() {
                    claim.execute(rusqlite::params_from_iter(super::row::params(c, id, seq)?))?;
                }
                *ord += 1;
            }
            Ok(())
        };
        write().map_err(|e| super::sql_error(&path, e))?;
        tx.commit().map_err(|e| self.error(e))
    }

    /// The last transaction: drops the articles this update did not find
    /// (the `rows` it began with that it did not mark found), keeps its
    /// problems and packs, and marks the index complete.
    fn finish(
        &mut self,
        setup: &Setup,
        fingerprint: &str,
        rows: &HashMap<(String, String, usize), Row>,
        updated: &mut Updated,
    ) -> Result<(), IndexError> {
        let path = self.path.clone();
        let tx = super::immediate(&mut self.conn, &path)?;
        let write = || -> rusqlite::Result<usize> {
            let mut drop = tx.prepare("DELETE FROM articles WHERE id = ?1")?;
            let mut removed = 0;
            for r in rows.values().filter(|r| !r.found.load(Ordering::Relaxed)) {
                removed += drop.execute([r.id])?;
            }
            tx.execute("DELETE FROM problems", [])?;
            let mut problem = tx.prepare("INSERT INTO problems (kind, path, reason, file) VALUES (?1, ?2, ?3, ?4)")?;
            for (p, file) in updated.errors.iter().zip(&updated.files) {
                problem.execute(params!["unreadable", p.path, p.reason, file])?;
            }
            for p in &updated.skipped {
                problem.execute(params!["skipped", p.path, p.reason, None::<String>])?;
            }
            tx.execute("DELETE FROM packs", [])?;
            for (i, (name, hash)) in setup.packs.iter().enumerate() {
                tx.execute("INSERT INTO packs VALUES (?1, ?2, ?3)", params![i as i64, name, hash])?;
            }
            let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
            let mut meta = tx.prepare("INSERT OR REPLACE INTO meta VALUES (?1, ?2)")?;
            for (name, value) in [
                ("fingerprint", fingerprint),
                ("version", env!("CARGO_PKG_VERSION")),
                ("updated", &now),
                ("state", "complete"),
            ] {
                meta.execute([name, value])?;
            }
            Ok(removed)
        };
        updated.removed = write().map_err(|e| super::sql_error(&path, e))?;
        tx.commit().map_err(|e| self.error(e))
    }
}

/// The input an article a shard names comes from, as an update names it:
/// the JSONL file of `corpus.jsonl#id` and `corpus.jsonl:12`, or the
/// article file itself.
fn shard_input(name: &str) -> &str {
    if let Some((file, _)) = name.rsplit_once('#').filter(|(f, _)| f.ends_with(".jsonl")) {
        return file;
    }
    match name.rsplit_once(':') {
        Some((file, n)) if file.ends_with(".jsonl") && n.bytes().all(|b| b.is_ascii_digit()) => file,
        _ => name,
    }
}

/// A file's modification time this close to (or after) the start of the
/// update that last read it is not trusted: the file may have changed
/// again within the same tick of the clock after it was read.
const RACY_NANOS: i64 = 2_000_000_000;

/// The row of an article file that has not changed since it was indexed,
/// told without reading it (as git and ruff tell it): the same size and
/// modification time as when last read, a modification time well before
/// the start of the update that read it, the same source given (by
/// folder or `--sources`), and extracted with the same packs. It is read
/// and hashed otherwise, and so is a file that had a note (skipped front
/// matter), so that its note is made again.
fn unchanged_file(
    input: &Input,
    rows: &HashMap<(String, String, usize), Row>,
    last_start: Option<i64>,
    fingerprint: &str,
    folders: &Folders,
) -> Option<(Vec<Read>, Vec<InputError>, Option<String>)> {
    let Input::File(file, given_source) = input else {
        return None;
    };
    let name = input.name();
    let row = rows.get(&(name.clone(), name.clone(), 0))?;
    let (path, stat) = folders.canonical_file(file)?;
    let path = path.display().to_string();
    let trusted = matches!((stat, row.modified, last_start),
        ((Some(size), Some(modified)), Some(then), Some(start))
            if Some(size) == row.size && modified == then && modified < start - RACY_NANOS);
    if !trusted || row.fingerprint != fingerprint || row.source != *given_source {
        return None;
    }
    let read = Read {
        article: Article {
            name: name.clone(),
            source: row.source.clone(),
            published: None,
            published_time: None,
            title: None,
            text: String::new(),
            body_start: 0,
        },
        input: name,
        seq: 0,
        path: Some(path.clone()),
        stat,
        hash: row.hash.clone(),
    };
    Some((vec![read], Vec::new(), Some(path)))
}

/// The canonical paths of the folders of an update's files, each found
/// once: a file's canonical path is its folder's and its name, unless the
/// file is a symlink (resolving every file's path costs a system call a
/// folder of the path).
#[derive(Default)]
struct Folders(std::sync::Mutex<HashMap<PathBuf, Option<PathBuf>>>);

impl Folders {
    /// A file's canonical path and its size and modification time.
    fn canonical_file(&self, file: &Path) -> Option<(PathBuf, Stat)> {
        let meta = std::fs::symlink_metadata(file).ok()?;
        if meta.file_type().is_symlink() {
            let path = std::fs::canonicalize(file).ok()?;
            let stat = stat(&path);
            return Some((path, stat));
        }
        let folder = match file.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let known = self.0.lock().unwrap_or_else(|e| e.into_inner()).get(folder).cloned();
        let canonical = match known {
            Some(c) => c,
            None => {
                let c = std::fs::canonicalize(folder).ok();
                let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
                map.insert(folder.to_path_buf(), c.clone());
                c
            }
        };
        Some((canonical?.join(file.file_name()?), stat_of(&meta)))
    }
}

/// The articles of one input, each with what identifies it in the index
/// and the hash of what its claims depend on.
/// The input's errors, and its canonical path, come with them.
fn read_input(input: &Input, notes: &Notes, folders: &Folders) -> (Vec<Read>, Vec<InputError>, Option<String>) {
    let (articles, errors) = match input {
        Input::Jsonl(path) => read_jsonl(path, notes),
        _ => input.read(notes),
    };
    let name = input.name();
    let located = match input {
        Input::File(file, _) => folders.canonical_file(file),
        _ => super::store::canonical(input).map(|p| {
            let stat = stat(&p);
            (p, stat)
        }),
    };
    let (path, stat) = match located {
        Some((p, stat)) => (Some(p.display().to_string()), stat),
        None => (None, (None, None)),
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    let read = articles
        .into_iter()
        .map(|article| {
            let seq = seen.entry(article.name.clone()).or_insert(0);
            *seq += 1;
            Read {
                hash: article_hash(&article),
                input: name.clone(),
                seq: *seq - 1,
                path: path.clone(),
                stat,
                article,
            }
        })
        .collect();
    (read, errors, path)
}

/// A JSONL corpus, line by line as `check` streams it: a line that is not
/// an article is an error of its own, the others are read.
fn read_jsonl(path: &Path, notes: &Notes) -> (Vec<Article>, Vec<InputError>) {
    let name = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return (Vec::new(), vec![InputError::new(name, e.to_string())]),
    };
    let (mut articles, mut errors) = (Vec::new(), Vec::new());
    let lines = bytes.split_inclusive(|b| *b == b'\n');
    for (i, line) in lines.enumerate() {
        let line = line.strip_suffix(b"\n").unwrap_or(line);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        match corpus::jsonl_article(&name, i + 1, line, notes) {
            Ok(Some(a)) => articles.push(a),
            Ok(None) => {}
            Err(e) => errors.push(e),
        }
    }
    (articles, errors)
}

/// A file's size and modification time (nanoseconds since 1970).
pub(super) fn stat(path: &Path) -> (Option<i64>, Option<i64>) {
    match std::fs::metadata(path) {
        Ok(meta) => stat_of(&meta),
        Err(_) => (None, None),
    }
}

/// A file's size and modification time (nanoseconds since 1970), where
/// known.
type Stat = (Option<i64>, Option<i64>);

/// The size and modification time (nanoseconds since 1970) of `meta`.
fn stat_of(meta: &std::fs::Metadata) -> Stat {
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_nanos() as i64);
    (Some(meta.len() as i64), modified)
}

/// The SHA-256 of what extraction reads of an article.
pub(super) fn article_hash(a: &Article) -> String {
    let or_none = |s: Option<&str>| s.map_or_else(|| "\u{0}none".to_string(), str::to_string);
    let published = format!("{:?} {:?} {}", a.published, a.published_time, a.body_start);
    let (source, title) = (or_none(a.source.as_deref()), or_none(a.title.as_deref()));
    sha256_hex(&[
        a.name.as_bytes(),
        source.as_bytes(),
        title.as_bytes(),
        published.as_bytes(),
        a.text.as_bytes(),
    ])
}

/// The one writer of an index: a lock on `FILE.lock` beside it, which the
/// system drops when the process ends, however it ends.
struct UpdateLock {
    _file: std::fs::File,
}

impl UpdateLock {
    fn take(db: &Path, timeout: Duration) -> Result<UpdateLock, IndexError> {
        let mut name = db.as_os_str().to_owned();
        name.push(".lock");
        let path = PathBuf::from(name);
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| IndexError::Other {
                path: path.display().to_string(),
                message: e.to_string(),
            })?;
        let start = Instant::now();
        while !try_lock(&file) {
            if start.elapsed() >= timeout {
                return Err(IndexError::Busy {
                    path: db.display().to_string(),
                    what: "another `crosscheck index update` is writing the index",
                    seconds: timeout.as_secs(),
                });
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        Ok(UpdateLock { _file: file })
    }
}

#[cfg(unix)]
fn try_lock(file: &std::fs::File) -> bool {
    use std::os::fd::AsRawFd;
    extern "C" {
        fn flock(fd: std::ffi::c_int, operation: std::ffi::c_int) -> std::ffi::c_int;
    }
    const LOCK_EX: std::ffi::c_int = 2;
    const LOCK_NB: std::ffi::c_int = 4;
    // SAFETY: flock takes a descriptor this process holds open (the file
    // outlives the call) and touches no memory.
    unsafe { flock(file.as_raw_fd(), LOCK_EX | LOCK_NB) == 0 }
}

#[cfg(not(unix))]
fn try_lock(_file: &std::fs::File) -> bool {
    true
}
