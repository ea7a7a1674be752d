//! Extraction of whole inputs in parallel: files in chunks, JSONL corpora
//! streamed in batches, claims handed on in input order.

use super::{extract_article_sharing, Claim, Extraction, Options, Strings};
use crate::input::corpus::{self, Article, Input, InputError};
use crate::rules::RuleSet;
use rayon::prelude::*;
use std::io::BufRead;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// How reports name standard input.
const STDIN: &str = "<stdin>";

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
    let mut keep = |mut a: ArticleClaims| {
        claims.append(&mut a.claims);
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

/// One article's claims as [`run_each`] hands them on: its name (an
/// article with no claim is handed on too) and its claims in text order.
#[derive(Debug, Clone, Default)]
pub struct ArticleClaims {
    pub article: Arc<str>,
    pub claims: Vec<Claim>,
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
/// input order, every article read (with no claim too) (so the order never depends on the thread count), with
/// `article_index` set. Only a chunk of articles' claims is in memory at a
/// time. Fails only if the sink does; unreadable inputs are counted in
/// [`Streamed::errors`].
pub fn run_each(
    rules: &RuleSet,
    inputs: &[Input],
    options: Options,
    progress: &(dyn Fn(u64) + Sync),
    sink: &mut dyn FnMut(ArticleClaims) -> std::io::Result<()>,
) -> std::io::Result<Streamed> {
    let ex = Extractor {
        rules,
        options,
        progress,
        notes: corpus::Notes::new(),
        strings: (0..=rayon::current_num_threads()).map(|_| Mutex::default()).collect(),
    };
    let mut out = Collector {
        streamed: Streamed::default(),
        sink,
        failed: None,
    };
    if rayon::current_num_threads() > 1 && is_large(inputs) {
        rules.compile_all();
    }
    let mut rest = inputs;
    while !rest.is_empty() && out.failed.is_none() {
        let files = rest
            .iter()
            .take_while(|i| !matches!(i, Input::Jsonl(_) | Input::StdinJsonl))
            .count();
        if files == 0 {
            match &rest[0] {
                Input::Jsonl(path) => stream_jsonl_file(&ex, path, &mut out),
                _ => stream_jsonl(&ex, STDIN, std::io::stdin().lock(), &mut out),
            }
            rest = &rest[1..];
            continue;
        }
        let mut chunks = rest[..files].chunks(FILE_CHUNK);
        let work = |chunk: &[Input]| -> Vec<(Vec<ArticleClaims>, Vec<InputError>)> {
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

/// Files from which a run compiles every pattern up front, in parallel
/// ([`RuleSet::compile_all`]): so many articles need nearly all of them.
const LARGE_CORPUS_FILES: usize = 64;

/// The size of a JSONL corpus file from which a run compiles every
/// pattern up front.
const LARGE_JSONL_BYTES: u64 = 1 << 20;

/// Whether the inputs are a corpus large enough to need nearly every
/// pattern: a JSONL corpus of a MiB or more (standard input counts as
/// one), or many files. Compiling them all costs about 0.8 s of CPU,
/// shared by the threads.
fn is_large(inputs: &[Input]) -> bool {
    let large_jsonl = |i: &Input| match i {
        Input::Jsonl(path) => std::fs::metadata(path).is_ok_and(|m| m.len() >= LARGE_JSONL_BYTES),
        Input::StdinJsonl => true,
        _ => false,
    };
    inputs.iter().any(large_jsonl)
        || inputs.iter().filter(|i| matches!(i, Input::File(..))).count() >= LARGE_CORPUS_FILES
}

/// Numbers articles in order and hands their claims on.
struct Collector<'s> {
    streamed: Streamed,
    sink: &'s mut dyn FnMut(ArticleClaims) -> std::io::Result<()>,
    failed: Option<std::io::Error>,
}

/// What every worker needs: the rules, the options, the progress hook.
struct Extractor<'a> {
    rules: &'a RuleSet,
    options: Options,
    progress: &'a (dyn Fn(u64) + Sync),
    /// This run's notes of inputs skipped.
    notes: corpus::Notes,
    /// This run's shared strings: one set a worker thread (by its index in
    /// the pool), so no thread waits on another's; the last for a thread
    /// outside the pool.
    strings: Vec<Mutex<Strings>>,
}

impl Extractor<'_> {
    fn one(&self, article: &Article) -> ArticleClaims {
        let last = self.strings.len() - 1;
        let slot = rayon::current_thread_index().map_or(last, |i| i.min(last));
        // A worker that panicked mid-article left nothing half-made that
        // matters: the strings it kept are whole.
        let mut strings = self.strings[slot].lock().unwrap_or_else(|e| e.into_inner());
        let mut claims = extract_article_sharing(self.rules, article, 0, self.options, &mut strings);
        drop(strings);
        claims.shrink_to_fit();
        (self.progress)(article.text.len() as u64);
        let name = claims
            .first()
            .map_or_else(|| Arc::from(article.name.as_str()), |c| c.article.clone());
        ArticleClaims { article: name, claims }
    }
}

impl Collector<'_> {
    /// Hands on the claims of articles, numbering the articles in order.
    fn push_articles(&mut self, articles: Vec<ArticleClaims>) {
        for mut article in articles {
            for c in &mut article.claims {
                c.article_index = self.streamed.articles;
            }
            self.streamed.articles += 1;
            if self.failed.is_none() {
                if let Err(e) = (self.sink)(article) {
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
    // Standard input's lines may say where they come from (a map step
    // under a pipe): they are named as a run over their file names them.
    let located = name == STDIN;
    let work = |batch: Vec<(usize, Vec<u8>)>| -> Vec<Result<Option<ArticleClaims>, InputError>> {
        batch
            .par_iter()
            .map(|(n, line)| {
                let line = trim_newline(line);
                let article = match corpus::origin(line).filter(|_| located) {
                    Some(origin) => corpus::jsonl_article(origin.file, origin.line, origin.rest, &ex.notes)?,
                    None => corpus::jsonl_article(name, *n, line, &ex.notes)?,
                };
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
