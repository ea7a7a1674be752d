//! The invariants every fuzz target checks, one function a target.
//!
//! Each function takes arbitrary bytes, runs one front door of crosscheck
//! on them and panics when an invariant breaks. The AFL++ targets
//! (`fuzz/src/bin/afl_*.rs`) call them under `afl::fuzz!`, and
//! `tests/fuzz_regressions.rs` in the main crate includes this file with
//! `#[path]` and replays every saved crash through the same function, so a
//! crash found once is checked on every `cargo test`.
//!
//! Only `crosscheck`, `miette`, `chrono` and std are used: the main
//! crate's tests have exactly those.

use crosscheck::grammar::number::NumberGrammar;
use crosscheck::grammar::Grammar;
use crosscheck::input::corpus::{article_from_text, Article, Input};
use crosscheck::rules::RuleSet;
use crosscheck::text::normalize::fold;
use miette::{GraphicalReportHandler, GraphicalTheme};
use std::path::PathBuf;
use std::sync::OnceLock;

/// One target's check: panics when an invariant breaks.
pub type Check = fn(&[u8]);

/// The targets by name, as `fuzz/run.sh` and the regression test name them.
pub const TARGETS: &[(&str, Check)] = &[
    ("rules", rules),
    ("jsonl", jsonl),
    ("frontmatter", frontmatter),
    ("grammars", grammars),
];

/// Builds what the checks share (the built-in rules, the grammars), so a
/// harness pays for it once, before AFL++ forks its children.
pub fn warm_up() {
    let _ = (builtin(), sample(), grammars_all());
}

fn builtin() -> &'static RuleSet {
    static R: OnceLock<RuleSet> = OnceLock::new();
    R.get_or_init(|| RuleSet::load(&RuleSet::default_sources()).expect("built-in rules load"))
}

/// A sample of Arabic news text (folded) to run a loaded pack over.
fn sample() -> &'static str {
    const SAMPLE: &str = "انطلقت يوم الاثنين 24 نونبر 2025 بمراكش أشغال الدورة الثالثة والتسعين \
        للجمعية العامة للإنتربول، بمشاركة 196 دولة عضوا ونحو 800 مندوب، وتستمر حتى 27 نوفمبر. \
        وتأسست المنظمة سنة 1923، وتعقد دورتها الـ93 بعد ثلاثة وأربعين اجتماعا. Le 24 novembre, \
        plus de 190 pays ; on 24–27 November 2025, 196 member countries.";
    static S: OnceLock<String> = OnceLock::new();
    S.get_or_init(|| fold(SAMPLE))
}

/// Panics unless `start..end` is a span of `text` on char boundaries.
pub fn span_ok(text: &str, start: usize, end: usize, what: &str) {
    assert!(
        start <= end && end <= text.len(),
        "{what} span {start}..{end} out of 0..{}",
        text.len()
    );
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what} span {start}..{end} off char boundaries"
    );
}

/// The rule loader on arbitrary bytes (lossy UTF-8) as a pack file:
/// `RuleSet::load` answers with rules or errors; every error's span lies
/// inside the file on char boundaries and renders with miette as the CLI
/// renders it; a pack that loads runs over a sample text, and every match
/// lies inside it.
pub fn rules(data: &[u8]) {
    let text = String::from_utf8_lossy(data).into_owned();
    match RuleSet::load(&[("fuzz.yaml".to_string(), text.clone())]) {
        Ok(set) => {
            let sample = sample();
            for (_, m) in set.find_all(sample, None) {
                span_ok(sample, m.start, m.end, "match");
            }
        }
        Err(errors) => {
            let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor()).with_width(80);
            for e in &errors {
                if let Some((offset, len)) = e.span {
                    span_ok(&text, offset, offset + len, "error");
                }
                let mut out = String::new();
                handler.render_report(&mut out, e).expect("an error renders");
            }
        }
    }
}

/// Every article's claims with the built-in rules: spans in bounds, on
/// char boundaries, after the body's start, quoting exactly their text.
fn claims_ok(a: &Article) {
    span_ok(&a.text, a.body_start, a.body_start, "body start");
    for c in crosscheck::extract::extract_article(builtin(), a, 0) {
        span_ok(&a.text, c.span.start, c.span.end, "claim");
        assert!(c.span.start >= a.body_start, "claim before the body");
        assert_eq!(&*c.text, &a.text[c.span.start..c.span.end], "claim text is its span");
    }
}

/// The JSONL reader: bytes written to a `.jsonl` file read with
/// `Input::Jsonl`; every article read is extracted and checked, and a bad
/// line is an error naming its line, never a panic.
pub fn jsonl(data: &[u8]) {
    static P: OnceLock<PathBuf> = OnceLock::new();
    let path = P.get_or_init(|| std::env::temp_dir().join(format!("crosscheck-fuzz-{}.jsonl", std::process::id())));
    std::fs::write(path, data).expect("the temporary file is written");
    let (articles, errors) = Input::Jsonl(path.clone()).read(&crosscheck::input::corpus::Notes::new());
    for a in &articles {
        claims_ok(a);
    }
    for e in &errors {
        assert!(!e.reason.is_empty(), "an input error gives a reason");
    }
}

/// Front matter: bytes (lossy UTF-8) as a Markdown article through
/// `corpus::article_from_text`; the body offset is a char boundary and
/// every claim of the body quotes its own span.
pub fn frontmatter(data: &[u8]) {
    let text = String::from_utf8_lossy(data).into_owned();
    let a = article_from_text("fuzz.md".into(), text);
    claims_ok(&a);
}

fn grammars_all() -> &'static [(&'static NumberGrammar, Grammar)] {
    static G: OnceLock<Vec<(&'static NumberGrammar, Grammar)>> = OnceLock::new();
    G.get_or_init(|| {
        ["ar", "en", "fr"]
            .iter()
            .map(|l| {
                (
                    NumberGrammar::for_language(l).expect("number grammar"),
                    Grammar::new(l, None).expect("grammar"),
                )
            })
            .collect()
    })
}

/// The value grammars of `ar`, `en` and `fr` on arbitrary text (lossy
/// UTF-8) and on its fold: cardinals, ordinals and weekday dates found
/// lie in bounds on char boundaries; parsing numbers, ordinals, dates,
/// ranges, numeric dates and datelines never panics.
pub fn grammars(data: &[u8]) {
    let raw = String::from_utf8_lossy(data).into_owned();
    let folded = fold(&raw);
    let reference = chrono::NaiveDate::from_ymd_opt(2025, 11, 24);
    for (numbers, g) in grammars_all() {
        for text in [&raw, &folded] {
            for c in numbers.find_cardinals(text) {
                span_ok(text, c.0, c.1, "cardinal");
            }
            for o in numbers.find_ordinals(text) {
                span_ok(text, o.0, o.1, "ordinal");
            }
            let _ = numbers.parse_cardinal(text);
            let _ = numbers.parse_ordinal(text);
            let _ = g.dates.parse_date(text, reference);
            let _ = g.dates.parse_date(text, None);
            let _ = g.dates.parse_range(text, reference);
            let _ = g.dates.parse_range(text, None);
        }
        let _ = g.dates.parse_numeric(&folded);
        let _ = g.dates.dateline(&folded);
        for w in g.dates.weekday_dates(&folded, reference) {
            span_ok(&folded, w.0, w.1, "weekday date");
        }
    }
}
