//! Heap allocations of an extraction, counted: how many allocations (and
//! bytes) each article and each claim costs, by phase.
//!
//! A counting global allocator wraps the system's. Each article is read
//! first, then extracted once untimed (the patterns compile when a text
//! first needs them), then counted phase by phase, on this one thread:
//!
//! - `fold`: [`Normalized::new`] of the article's body;
//! - `match`: [`RuleSet::find_all`] over the folded text (the patterns,
//!   the value grammars);
//! - `extract`: the whole of [`extract_article_sharing`] (folding and
//!   matching included; the rest is the publication date, the line index,
//!   the news context and the claims), with and without excerpts, with
//!   one [`Strings`] for the set of articles as `extract` keeps one a
//!   thread for its run;
//! - `jsonl`: writing the article's claims as `extract --format jsonl`
//!   does, into a buffer kept from article to article.
//!
//! The articles: `seeds/` with the built-in packs; the news stories of
//! `tests/news` with the built-in packs and theirs; and a generated corpus
//! slice, the seeds' paragraphs rotated and their figures changed, under
//! eight outlet names. With `ALLOC_CORPUS=FILE.jsonl` (for instance the
//! corpus of `bench/same_output.sh`), the first `ALLOC_ARTICLES` (default
//! 1000) articles of that file are counted too.
//!
//! `cargo bench --bench allocations`; a few seconds once built.
//!
//! [`Normalized::new`]: crosscheck::text::normalize::Normalized::new
//! [`RuleSet::find_all`]: crosscheck::rules::RuleSet::find_all
//! [`extract_article_sharing`]: crosscheck::extract::extract_article_sharing
//! [`Strings`]: crosscheck::extract::Strings

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

use crosscheck::extract::{extract_article_sharing, Options, Strings};
use crosscheck::input::corpus::{self, Article, Input, Notes};
use crosscheck::report::{Jsonl, Report};
use crosscheck::rules::RuleSet;
use crosscheck::text::normalize::Normalized;

/// The system allocator, counting allocations (a reallocation counts as
/// one) and the bytes they ask for.
struct Counting;

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);
static BYTES: AtomicU64 = AtomicU64::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Relaxed);
        BYTES.fetch_add(layout.size() as u64, Relaxed);
        // SAFETY: the caller's contract is the system allocator's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Relaxed);
        BYTES.fetch_add(layout.size() as u64, Relaxed);
        // SAFETY: as above.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Relaxed);
        BYTES.fetch_add(new_size as u64, Relaxed);
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations and bytes so far.
#[derive(Clone, Copy, Default)]
struct Count {
    allocations: u64,
    bytes: u64,
}

impl Count {
    fn now() -> Count {
        Count {
            allocations: ALLOCATIONS.load(Relaxed),
            bytes: BYTES.load(Relaxed),
        }
    }

    fn add(&mut self, from: Count) {
        let now = Count::now();
        self.allocations += now.allocations - from.allocations;
        self.bytes += now.bytes - from.bytes;
    }
}

/// What one set of articles cost, phase by phase.
#[derive(Default)]
struct Tally {
    articles: u64,
    claims: u64,
    fold: Count,
    matching: Count,
    extract: Count,
    extract_no_excerpts: Count,
    jsonl: Count,
}

fn count(rules: &RuleSet, articles: &[Article]) -> Tally {
    let with = Options { excerpts: true };
    let without = Options { excerpts: false };
    // One set of shared strings for the run, as a worker thread of
    // `extract` keeps; compile what these texts need before counting.
    let mut strings = Strings::new();
    for (i, a) in articles.iter().enumerate() {
        black_box(extract_article_sharing(rules, a, i, with, &mut strings));
    }
    let mut tally = Tally::default();
    let mut out: Vec<u8> = Vec::with_capacity(1 << 20);
    for (i, a) in articles.iter().enumerate() {
        let at = Count::now();
        let folded = black_box(Normalized::new(a.body()));
        tally.fold.add(at);

        let at = Count::now();
        black_box(rules.find_all(&folded.text, a.published));
        tally.matching.add(at);
        drop(folded);

        let at = Count::now();
        black_box(extract_article_sharing(rules, a, i, without, &mut strings));
        tally.extract_no_excerpts.add(at);

        let at = Count::now();
        let claims = black_box(extract_article_sharing(rules, a, i, with, &mut strings));
        tally.extract.add(at);

        out.clear();
        let at = Count::now();
        Jsonl.extract(&mut out, &claims, &[]).expect("writing to memory");
        tally.jsonl.add(at);

        tally.articles += 1;
        tally.claims += claims.len() as u64;
    }
    tally
}

fn print(name: &str, t: &Tally) {
    let per = |c: Count, n: u64| (c.allocations as f64 / n.max(1) as f64, c.bytes as f64 / n.max(1) as f64);
    println!(
        "\n{name}: {} articles, {} claims ({:.1} a claim per article)",
        t.articles,
        t.claims,
        t.claims as f64 / t.articles.max(1) as f64
    );
    println!(
        "  {:<26} {:>12} {:>12} {:>12} {:>12}",
        "phase", "allocs/art", "allocs/claim", "bytes/art", "bytes/claim"
    );
    let rest = Count {
        allocations: t.extract.allocations - t.fold.allocations - t.matching.allocations,
        bytes: t.extract.bytes.saturating_sub(t.fold.bytes + t.matching.bytes),
    };
    let rows = [
        ("fold", t.fold),
        ("match", t.matching),
        ("rest (dates, context, claims)", rest),
        ("extract, excerpts", t.extract),
        ("extract, no excerpts", t.extract_no_excerpts),
        ("write jsonl", t.jsonl),
    ];
    for (phase, c) in rows {
        let (a_art, b_art) = per(c, t.articles);
        let (a_claim, b_claim) = per(c, t.claims);
        println!("  {phase:<26} {a_art:>12.1} {a_claim:>12.2} {b_art:>12.0} {b_claim:>12.0}");
    }
}

/// The articles under `dir` (files, recursively, in path order).
fn read_dir(dir: &Path) -> Vec<Article> {
    let (inputs, _) = corpus::discover(&[dir.to_path_buf()], &|_| true);
    let notes = Notes::new();
    inputs.iter().flat_map(|i| i.read(&notes).0).collect()
}

/// Outlet names of the generated slice.
const OUTLETS: &[&str] = &[
    "hespress",
    "kech24",
    "le360",
    "alyaoum24",
    "medi1",
    "barlamane",
    "hibapress",
    "febrayer",
];

/// `n` articles made from the seeds: paragraphs rotated, every number of
/// two or more digits changed in one article out of three, an outlet and a
/// publication date each.
fn generated(seeds: &[Article], n: usize) -> Vec<Article> {
    (0..n)
        .map(|i| {
            let seed = &seeds[i % seeds.len()];
            let mut paragraphs: Vec<&str> = seed.body().lines().collect();
            let turn = (i / seeds.len()) % paragraphs.len().max(1);
            paragraphs.rotate_left(turn);
            let mut text = paragraphs.join("\n");
            if i % 3 == 1 {
                text = bump_numbers(&text, i);
            }
            let mut article = corpus::article_from_text(format!("gen/{i:05}.txt"), text);
            article.source = Some(OUTLETS[i % OUTLETS.len()].to_string());
            article.published = chrono::NaiveDate::from_ymd_opt(2025, 11, 20 + (i % 8) as u32);
            article
        })
        .collect()
}

/// The text with the last digit of each number of two or more ASCII digits
/// moved by `by`.
fn bump_numbers(text: &str, by: usize) -> String {
    let mut out = String::with_capacity(text.len());
    let mut digits = String::new();
    let flush = |digits: &mut String, out: &mut String| {
        if digits.len() >= 2 {
            let last = digits.pop().and_then(|c| c.to_digit(10)).unwrap_or(0) as usize;
            digits.push(char::from_digit(((last + by) % 10) as u32, 10).unwrap_or('0'));
        }
        out.push_str(digits);
        digits.clear();
    };
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            flush(&mut digits, &mut out);
            out.push(c);
        }
    }
    flush(&mut digits, &mut out);
    out
}

fn main() {
    // `cargo bench` passes `--bench`; nothing to filter here.
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let builtin = RuleSet::default_sources();
    let rules = RuleSet::load(&builtin).expect("the built-in packs load");
    let seeds = read_dir(&root.join("seeds"));
    assert!(!seeds.is_empty(), "seeds/ has articles");

    let mut total = Tally::default();
    let mut report = |name: &str, t: Tally| {
        print(name, &t);
        total.articles += t.articles;
        total.claims += t.claims;
        for (sum, c) in [
            (&mut total.fold, t.fold),
            (&mut total.matching, t.matching),
            (&mut total.extract, t.extract),
            (&mut total.extract_no_excerpts, t.extract_no_excerpts),
            (&mut total.jsonl, t.jsonl),
        ] {
            sum.allocations += c.allocations;
            sum.bytes += c.bytes;
        }
    };

    report("seeds/ (built-in packs)", count(&rules, &seeds));

    let news = root.join("tests/news");
    let mut sources = builtin.clone();
    let mut packs: Vec<PathBuf> = std::fs::read_dir(&news)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    packs.sort();
    for pack in packs.iter().filter(|p| p.extension().is_some_and(|e| e == "yaml")) {
        sources.extend(RuleSet::read_sources(pack).expect("the news packs load"));
    }
    let news_rules = RuleSet::load(&sources).expect("the news packs load");
    let stories = read_dir(&news);
    report("tests/news (with their packs)", count(&news_rules, &stories));

    report("generated slice (seeds varied)", count(&rules, &generated(&seeds, 400)));

    if let Some(path) = std::env::var_os("ALLOC_CORPUS") {
        let limit = std::env::var("ALLOC_ARTICLES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(1000);
        let (mut articles, errors) = Input::Jsonl(PathBuf::from(&path)).read(&Notes::new());
        assert!(errors.is_empty(), "{errors:?}");
        articles.truncate(limit);
        report(
            &format!("{} (first {limit})", Path::new(&path).display()),
            count(&rules, &articles),
        );
    }

    print("all of the above", &total);
}
