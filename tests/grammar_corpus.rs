//! Grammar accuracy on a corpus of Arabic news phrasings.
//!
//! Every `*.tsv` under `tests/corpus/` holds cases, one a line:
//! `category<TAB>text<TAB>expected<TAB>reference<TAB>source`, `#` comments.
//! `expected` lists canonical values (`;`-separated, in text order) as a
//! reader of the Arabic understands them, never as the grammar happens to
//! read them today. Categories:
//!
//! - `number`: [`NumberGrammar::find_cardinals`], values via `format_number`;
//! - `count`: every count as a rule's `{count}` reads it
//!   ([`Grammar::find_count_values`]: a range `4000-4500`, a vague quantity
//!   `>=12`, a qualifier `>1874`), canonical;
//! - `ordinal`: [`NumberGrammar::find_ordinals`];
//! - `date`: every match of `date_pattern`, read with `parse_date`;
//! - `date-range`: every match of `range_pattern`, read with `parse_range`
//!   (`start/end`);
//! - `not-number`, `not-count`, `not-ordinal`, `not-date`,
//!   `not-date-range`, `not-weekday` (`weekday_dates`): look-alikes that
//!   must give no value.
//!   A part marked `⟦…⟧` limits the check to values overlapping that part.
//!
//! A file named `NAME.LANG.tsv` (`counts.fr.tsv`) is read with the
//! grammars of that language (`ar`, `en`, `fr`); any other file in Arabic.
//!
//! Run with `cargo test --test grammar_corpus -- --nocapture` to see the
//! score table.
//!
//! [`Grammar::find_count_values`]: crosscheck::grammar::Grammar::find_count_values
//!
//! [`NumberGrammar::find_cardinals`]: crosscheck::grammar::number::NumberGrammar::find_cardinals
//! [`NumberGrammar::find_ordinals`]: crosscheck::grammar::number::NumberGrammar::find_ordinals

mod support;

use chrono::NaiveDate;
use crosscheck::grammar::{Grammar, NumberReading};
use crosscheck::model::value::format_number;
use crosscheck::text::normalize::fold;
use regex::{Regex, RegexBuilder};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use support::{readme, root};

const POSITIVE: [&str; 5] = ["number", "count", "ordinal", "date", "date-range"];
const LOOKALIKE: [&str; 6] = [
    "not-number",
    "not-count",
    "not-ordinal",
    "not-date",
    "not-date-range",
    "not-weekday",
];

/// Minimum cases a category, and minimum accuracy.
const MIN_NUMBERS: usize = 300;
const MIN_COUNTS: usize = 60;
const MIN_ORDINALS: usize = 50;
const MIN_DATES: usize = 300;
const MIN_NUMBER_ACCURACY: f64 = 0.97;
const MIN_ORDINAL_ACCURACY: f64 = 0.95;
const MIN_DATE_ACCURACY: f64 = 0.99;

#[derive(Debug)]
struct Case {
    file: String,
    line: usize,
    /// The language of the grammars that read it (from the file name).
    language: String,
    category: String,
    /// The original text, markers removed.
    text: String,
    folded: String,
    /// The marked look-alike part, as a byte range of `folded`.
    marked: Option<(usize, usize)>,
    expected: Vec<String>,
    reference: Option<NaiveDate>,
    source: String,
}

fn corpus_dir() -> PathBuf {
    root().join("tests").join("corpus")
}

fn load() -> Vec<Case> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .expect("tests/corpus exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no TSV file under tests/corpus");
    let mut cases = Vec::new();
    let mut errors = Vec::new();
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let content = std::fs::read_to_string(&path).expect("corpus file is UTF-8");
        for (i, raw) in content.lines().enumerate() {
            let line = i + 1;
            if raw.trim().is_empty() || raw.starts_with('#') {
                continue;
            }
            match parse_line(&name, line, raw) {
                Ok(case) => cases.push(case),
                Err(e) => errors.push(format!("{name}:{line}: {e}")),
            }
        }
    }
    assert!(errors.is_empty(), "malformed corpus lines:\n{}", errors.join("\n"));
    cases
}

fn parse_line(file: &str, line: usize, raw: &str) -> Result<Case, String> {
    let fields: Vec<&str> = raw.split('\t').collect();
    if fields.len() != 5 {
        return Err(format!("{} fields, expected 5", fields.len()));
    }
    let category = fields[0].trim().to_string();
    if !POSITIVE.contains(&category.as_str()) && !LOOKALIKE.contains(&category.as_str()) {
        return Err(format!("unknown category `{category}`"));
    }
    let expected: Vec<String> = fields[2]
        .split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect();
    if LOOKALIKE.contains(&category.as_str()) && !expected.is_empty() {
        return Err("a look-alike expects no value".into());
    }
    if POSITIVE.contains(&category.as_str()) && expected.is_empty() {
        return Err("a case with no expected value belongs to the look-alikes".into());
    }
    let reference = match fields[3].trim() {
        "" => None,
        r => Some(NaiveDate::parse_from_str(r, "%Y-%m-%d").map_err(|e| format!("reference `{r}`: {e}"))?),
    };
    let source = fields[4].trim().to_string();
    if source.is_empty() {
        return Err("no source".into());
    }
    let (text, folded, marked) = match fields[1].split_once('⟦') {
        None => (fields[1].to_string(), fold(fields[1]), None),
        Some((before, rest)) => {
            let (mark, after) = rest.split_once('⟧').ok_or("unclosed ⟦")?;
            let (fb, fm, fa) = (fold(before), fold(mark), fold(after));
            let span = (fb.len(), fb.len() + fm.len());
            (format!("{before}{mark}{after}"), format!("{fb}{fm}{fa}"), Some(span))
        }
    };
    if text.contains(['⟦', '⟧']) {
        return Err("one ⟦…⟧ a line".into());
    }
    let language = match file.strip_suffix(".tsv").and_then(|f| f.rsplit_once('.')) {
        Some((_, lang @ ("ar" | "en" | "fr"))) => lang.to_string(),
        _ => "ar".to_string(),
    };
    Ok(Case {
        file: file.to_string(),
        line,
        language,
        category,
        text,
        folded,
        marked,
        expected,
        reference,
        source,
    })
}

struct Reader {
    grammar: Grammar,
    date: Regex,
    range: Regex,
}

/// A reader a language.
struct Readers(BTreeMap<&'static str, Reader>);

impl Readers {
    fn new() -> Readers {
        Readers(["ar", "en", "fr"].into_iter().map(|l| (l, Reader::new(l))).collect())
    }

    fn of(&self, language: &str) -> &Reader {
        &self.0[language]
    }
}

impl Reader {
    fn new(language: &str) -> Reader {
        let grammar = Grammar::new(language, None).expect("a built-in grammar");
        let build = |p: &str| {
            RegexBuilder::new(&format!(r"(?i)\b(?:{p})\b"))
                .size_limit(64 << 20)
                .build()
                .expect("grammar pattern compiles")
        };
        let date = build(grammar.dates.date_pattern());
        let range = build(grammar.dates.range_pattern());
        Reader { grammar, date, range }
    }

    /// Every value of a kind in a folded text: (start, end, canonical).
    fn values(&self, kind: &str, folded: &str, reference: Option<NaiveDate>) -> Vec<(usize, usize, String)> {
        let g = &self.grammar;
        match kind {
            "number" => g
                .numbers()
                .find_cardinals(folded)
                .into_iter()
                .map(|(s, e, v)| (s, e, format_number(v)))
                .collect(),
            "count" => g
                .find_count_values(folded, NumberReading::default())
                .into_iter()
                .map(|(s, e, v)| (s, e, v.canonical()))
                .collect(),
            "ordinal" => g
                .numbers()
                .find_ordinals(folded)
                .into_iter()
                .map(|(s, e, v)| (s, e, v.to_string()))
                .collect(),
            "date" => self
                .date
                .find_iter(folded)
                .filter_map(|m| {
                    let d = g.dates.parse_date(m.as_str(), reference)?;
                    Some((m.start(), m.end(), d.canonical()))
                })
                .collect(),
            "date-range" => self
                .range
                .find_iter(folded)
                .filter_map(|m| {
                    let (a, b) = g.dates.parse_range(m.as_str(), reference)?;
                    Some((m.start(), m.end(), format!("{}/{}", a.canonical(), b.canonical())))
                })
                .collect(),
            "weekday" => g
                .dates
                .weekday_dates(folded, reference)
                .into_iter()
                .map(|(s, e, wd, d)| (s, e, format!("{wd:?} {d}")))
                .collect(),
            other => panic!("no reader for `{other}`"),
        }
    }
}

struct Outcome<'a> {
    case: &'a Case,
    got: Vec<String>,
    pass: bool,
}

/// Reads a case as the grammar does and judges the values it gives.
fn judge<'a>(readers: &Readers, case: &'a Case) -> Outcome<'a> {
    let reader = readers.of(&case.language);
    let (kind, lookalike) = match case.category.strip_prefix("not-") {
        Some(k) => (k, true),
        None => (case.category.as_str(), false),
    };
    let found = reader.values(kind, &case.folded, case.reference);
    if lookalike {
        let got: Vec<String> = found
            .into_iter()
            .filter(|&(s, e, _)| case.marked.is_none_or(|(ms, me)| s < me && e > ms))
            .map(|(_, _, v)| v)
            .collect();
        let pass = got.is_empty();
        Outcome { case, got, pass }
    } else {
        let got: Vec<String> = found.into_iter().map(|(_, _, v)| v).collect();
        let pass = got == case.expected;
        Outcome { case, got, pass }
    }
}

#[derive(Debug, Default, Clone, Copy)]
struct Score {
    total: usize,
    passed: usize,
}

impl Score {
    fn ratio(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.passed as f64 / self.total as f64
        }
    }
}

fn describe(o: &Outcome) -> String {
    let c = o.case;
    let reference = c.reference.map(|r| format!(" [ref {r}]")).unwrap_or_default();
    let marked = c
        .marked
        .map(|(s, e)| format!(" [marked: {}]", &c.folded[s..e]))
        .unwrap_or_default();
    format!(
        "  {}:{} {} [{}] ({}){reference}{marked}\n    text:     {}\n    expected: [{}]\n    got:      [{}]",
        c.file,
        c.line,
        c.category,
        c.language,
        c.source,
        c.text,
        c.expected.join("; "),
        o.got.join("; ")
    )
}

#[test]
fn grammar_accuracy_on_the_news_corpus() {
    let cases = load();
    let readers = Readers::new();
    let outcomes: Vec<Outcome> = cases.iter().map(|c| judge(&readers, c)).collect();

    let mut scores: BTreeMap<&str, Score> = BTreeMap::new();
    for o in &outcomes {
        let s = scores.entry(o.case.category.as_str()).or_default();
        s.total += 1;
        s.passed += usize::from(o.pass);
    }
    let get = |k: &str| scores.get(k).map_or((0, 0), |s| (s.total, s.passed));
    let (date_total, date_passed) = {
        let (a, b) = (get("date"), get("date-range"));
        (a.0 + b.0, a.1 + b.1)
    };
    let dates = Score {
        total: date_total,
        passed: date_passed,
    };

    let mut table = String::new();
    let _ = writeln!(table, "\nGrammar accuracy on tests/corpus ({} cases)\n", cases.len());
    let _ = writeln!(table, "| category | cases | passed | accuracy |");
    let _ = writeln!(table, "| --- | ---: | ---: | ---: |");
    let mut row = |name: &str, s: &Score| {
        let _ = writeln!(
            table,
            "| {name} | {} | {} | {:.1}% |",
            s.total,
            s.passed,
            100.0 * s.ratio()
        );
    };
    for k in POSITIVE.iter().chain(LOOKALIKE.iter()) {
        if let Some(s) = scores.get(k) {
            row(k, s);
        }
        if *k == "date-range" {
            row("dates (date + date-range)", &dates);
        }
    }
    let failures: Vec<&Outcome> = outcomes.iter().filter(|o| !o.pass).collect();
    let mut failing = String::new();
    for o in &failures {
        let _ = writeln!(failing, "{}", describe(o));
    }

    let mut problems = Vec::new();
    let numbers = scores.get("number").copied().unwrap_or_default();
    let counts = scores.get("count").copied().unwrap_or_default();
    let ordinals = scores.get("ordinal").copied().unwrap_or_default();
    for (name, s, min) in [
        ("number", &numbers, MIN_NUMBERS),
        ("count", &counts, MIN_COUNTS),
        ("ordinal", &ordinals, MIN_ORDINALS),
        ("date + date-range", &dates, MIN_DATES),
    ] {
        if s.total < min {
            problems.push(format!("{name}: {} cases, at least {min} wanted", s.total));
        }
    }
    for (name, s, min) in [
        ("number", &numbers, MIN_NUMBER_ACCURACY),
        ("count", &counts, MIN_NUMBER_ACCURACY),
        ("ordinal", &ordinals, MIN_ORDINAL_ACCURACY),
        ("date + date-range", &dates, MIN_DATE_ACCURACY),
    ] {
        if s.ratio() < min {
            problems.push(format!(
                "{name}: accuracy {:.1}% below {:.0}%",
                100.0 * s.ratio(),
                100.0 * min
            ));
        }
    }
    let lookalike_values = outcomes
        .iter()
        .filter(|o| o.case.category.starts_with("not-") && !o.pass)
        .count();
    if lookalike_values > 0 {
        problems.push(format!("{lookalike_values} look-alike(s) produced a value"));
    }
    // On failure the panic message carries the table and the failing cases.
    if problems.is_empty() {
        println!("{table}");
        if !failures.is_empty() {
            println!("Failing cases ({}):\n{failing}", failures.len());
        }
    }
    assert!(
        problems.is_empty(),
        "{}\n{table}\nFailing cases ({}):\n{failing}",
        problems.join("\n"),
        failures.len()
    );
}

/// The table README.md shows: cases and accuracy a category, the date
/// categories together and the look-alikes together.
fn readme_table(outcomes: &[Outcome]) -> String {
    let score = |wanted: &dyn Fn(&str) -> bool| {
        let mut s = Score::default();
        for o in outcomes.iter().filter(|o| wanted(&o.case.category)) {
            s.total += 1;
            s.passed += usize::from(o.pass);
        }
        s
    };
    let rows = [
        ("numbers", score(&|c| c == "number")),
        (
            "counts (ranges, vague quantities; ar, en, fr)",
            score(&|c| c == "count"),
        ),
        ("ordinals", score(&|c| c == "ordinal")),
        ("dates and date ranges", score(&|c| c == "date" || c == "date-range")),
        ("look-alikes (must read nothing)", score(&|c| c.starts_with("not-"))),
    ];
    let mut table = String::from("| category | cases | accuracy |\n| --- | ---: | ---: |\n");
    for (i, (name, s)) in rows.iter().enumerate() {
        let note = if i == rows.len() - 1 && s.passed == s.total {
            " (no value read)"
        } else {
            ""
        };
        let _ = writeln!(table, "| {name} | {} | {:.1}%{note} |", s.total, 100.0 * s.ratio());
    }
    table
}

#[test]
fn the_readme_accuracy_table_is_the_computed_one() {
    let cases = load();
    let readers = Readers::new();
    let outcomes: Vec<Outcome> = cases.iter().map(|c| judge(&readers, c)).collect();
    let computed = readme_table(&outcomes);
    let path = root().join("README.md");
    let readme = readme();
    let start = readme
        .find("| category | cases | accuracy |")
        .expect("README.md has the accuracy table");
    let end = readme[start..].find("\n\n").map_or(readme.len(), |n| start + n + 1);
    if std::env::var_os("CROSSCHECK_UPDATE_README").is_some() {
        let updated = format!("{}{computed}{}", &readme[..start], &readme[end..]);
        std::fs::write(&path, updated).expect("README.md is writable");
        return;
    }
    assert_eq!(
        &readme[start..end],
        computed,
        "README.md's accuracy table is stale; CROSSCHECK_UPDATE_README=1 cargo test --test grammar_corpus rewrites it"
    );
}
