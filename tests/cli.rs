//! End-to-end tests of the `crosscheck` binary: each test writes articles
//! and rule packs to a temporary folder, runs the built binary there, and
//! checks what a user sees — exit code, stdout, stderr.
//!
//! Human output is rendered with `--color never` and `COLUMNS=100`; every
//! run passes `--no-config` so a `crosscheck.toml` above the temporary
//! folder or the crate cannot change the result. Tests of the built-in
//! INTERPOL pack run on the crate's `seeds/` folder; tests of input handling
//! and exit codes use the small pack `tests/fixtures/police.yaml`, so they
//! depend on the engine, not on the wording of the built-in rules.

mod support;

use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::sync::OnceLock;
use std::time::{Duration, Instant};
use support::{cmd, fixture, root, Dir, Output};

/// The longest any run may take before the test fails as hung.
const TIMEOUT: Duration = Duration::from_secs(60);

const SEED_000: &str = "seeds/000_808099a54350a702.txt";
const SEED_001: &str = "seeds/001_d10228b00b9c0c11.txt";
const SEED_003: &str = "seeds/003_5eeac2ce75b1fb3d.txt";
const SEED_004: &str = "seeds/004_ab1a5d83bf4eb712.txt";

// ---------------------------------------------------------------- helpers

/// `args` with the flags every run takes: no colour, no config file.
fn plain(args: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    v.extend(["--color", "never", "--no-config"].map(String::from));
    v
}

/// `args` with the police pack instead of the built-in packs.
fn police(args: &[&str]) -> Vec<String> {
    let mut v = plain(args);
    v.extend([
        "--no-default-rules".to_string(),
        "--rules".to_string(),
        fixture("police.yaml"),
    ]);
    v
}

/// Runs the built-in packs in the crate folder, so articles are named
/// `seeds/…` as a user at the top of the repository sees them.
fn in_crate(args: &[&str]) -> Output {
    cmd(root(), &plain(args)).timeout(TIMEOUT).output()
}

/// `check seeds --format json` with the built-in packs, run once for all tests.
fn seeds_check() -> &'static Output {
    static OUT: OnceLock<Output> = OnceLock::new();
    OUT.get_or_init(|| in_crate(&["check", "seeds", "--format", "json"]))
}

/// `extract seeds --format json` with the built-in packs, run once for all tests.
fn seeds_extract() -> &'static Output {
    static OUT: OnceLock<Output> = OnceLock::new();
    OUT.get_or_init(|| in_crate(&["extract", "seeds", "--format", "json"]))
}

/// A police article stating `n` people arrested.
fn arrests(n: &str) -> String {
    format!("أعلنت الشرطة، في بلاغ صدر اليوم، عن توقيف {n} شخصا في إطار عملية أمنية واسعة بالمدينة.\n")
}

/// A police article stating `kg` kilograms seized (a warning rule).
fn seizures(kg: &str) -> String {
    format!("وقالت الشرطة إن العملية انتهت بحجز {kg} كيلوغراما من المخدرات داخل مستودع.\n")
}

/// The findings of a JSON `check` report.
fn findings(doc: &Value) -> &Vec<Value> {
    doc["findings"].as_array().expect("findings is an array")
}

/// The (article, value) pairs of a finding's claims, in report order.
fn claim_values(finding: &Value) -> Vec<(String, String)> {
    finding["claims"]
        .as_array()
        .expect("claims is an array")
        .iter()
        .map(|c| (str_of(&c["article"]), str_of(&c["value"])))
        .collect()
}

fn str_of(v: &Value) -> String {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}")).to_string()
}

fn num(v: &Value) -> usize {
    v.as_u64().unwrap_or_else(|| panic!("not a number: {v}")) as usize
}

/// The findings under `key`.
fn with_key<'a>(doc: &'a Value, key: &str) -> Vec<&'a Value> {
    findings(doc).iter().filter(|f| f["key"] == key).collect()
}

/// The claims of an `extract --format json` report, as (key, article, value, text).
fn extracted(doc: &Value) -> Vec<(String, String, String, String)> {
    doc["claims"]
        .as_array()
        .expect("claims is an array")
        .iter()
        .map(|c| {
            (
                str_of(&c["key"]),
                str_of(&c["article"]),
                str_of(&c["value"]),
                str_of(&c["text"]),
            )
        })
        .collect()
}

/// 1-based line and character column of byte `offset` in `text`.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Checks that a JSON claim's offsets, text, line and column agree with the
/// article's text as stored.
fn assert_claim_points_into(claim: &Value, article_text: &[u8]) {
    let (start, end) = (num(&claim["start"]), num(&claim["end"]));
    assert!(
        start < end && end <= article_text.len(),
        "span {start}..{end} out of the article: {claim}"
    );
    let text = std::str::from_utf8(article_text).expect("article is UTF-8");
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "span not on characters: {claim}"
    );
    assert_eq!(
        &text[start..end],
        str_of(&claim["text"]),
        "bytes start..end are the claim's text"
    );
    let (line, column) = line_col(text, start);
    assert_eq!(
        (num(&claim["line"]), num(&claim["column"])),
        (line, column),
        "line and column of {claim}"
    );
}

// ------------------------------------------------------------- exit codes

#[test]
fn consistent_articles_exit_0() {
    let dir = Dir::with_timeout(TIMEOUT);
    dir.write("a.txt", arrests("12")).write("b.txt", arrests("12"));
    let out = dir.run(&police(&["check", "a.txt", "b.txt"]));
    out.assert_code(0);
    assert_eq!(out.stdout, "0 errors, 0 warnings in 2 articles (2 claims)\n");
    assert_eq!(out.stderr, "");
}

#[test]
fn contradiction_exits_1_and_names_both_articles() {
    let dir = Dir::with_timeout(TIMEOUT);
    dir.write("a.txt", arrests("12")).write("b.txt", arrests("15"));
    let out = dir.run(&police(&["check", "a.txt", "b.txt"]));
    out.assert_code(1);
    assert!(out.stdout.contains("crosscheck::contradiction"), "{}", out.stdout);
    assert!(
        out.stdout.contains("People arrested in the operation"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("a.txt says 12"), "{}", out.stdout);
    assert!(out.stdout.contains("b.txt says 15"), "{}", out.stdout);
    assert!(
        out.stdout.ends_with("1 error, 0 warnings in 2 articles (2 claims)\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn fail_on_never_exits_0_but_still_reports() {
    let dir = Dir::with_timeout(TIMEOUT);
    dir.write("a.txt", arrests("12")).write("b.txt", arrests("15"));
    let out = dir.run(&police(&["check", "a.txt", "b.txt", "--fail-on", "never"]));
    out.assert_code(0);
    assert!(out.stdout.contains("crosscheck::contradiction"), "{}", out.stdout);
    assert!(
        out.stdout.ends_with("1 error, 0 warnings in 2 articles (2 claims)\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn warning_fails_only_at_fail_on_warning() {
    let dir = Dir::with_timeout(TIMEOUT);
    dir.write("a.txt", seizures("40")).write("b.txt", seizures("55"));
    for (flags, code) in [
        (&[][..], 0),
        (&["--fail-on", "error"][..], 0),
        (&["--fail-on", "warning"][..], 1),
    ] {
        let mut args = vec!["check", "a.txt", "b.txt"];
        args.extend(flags);
        let out = dir.run(&police(&args));
        out.assert_code(code);
        assert!(out.stdout.contains("Drugs seized in the operation"), "{}", out.stdout);
        assert!(
            out.stdout.ends_with("0 errors, 1 warning in 2 articles (2 claims)\n"),
            "{}",
            out.stdout
        );
    }
    let doc = dir
        .run(&police(&["check", "a.txt", "b.txt", "--format", "json"]))
        .json();
    assert_eq!(findings(&doc).len(), 1);
    assert_eq!(findings(&doc)[0]["severity"], "warning");
    assert_eq!(findings(&doc)[0]["key"], "police.seizures");
    assert_eq!(
        (num(&doc["summary"]["errors"]), num(&doc["summary"]["warnings"])),
        (0, 1)
    );
}

#[test]
fn an_error_beside_a_warning_fails_at_fail_on_error() {
    let dir = Dir::with_timeout(TIMEOUT);
    dir.write("a.txt", arrests("12") + &seizures("40"));
    dir.write("b.txt", arrests("15") + &seizures("55"));
    let out = dir.run(&police(&["check", "a.txt", "b.txt"]));
    out.assert_code(1);
    assert!(
        out.stdout.ends_with("1 error, 1 warning in 2 articles (4 claims)\n"),
        "{}",
        out.stdout
    );
}

// -------------------------------------------------------------- bad input

#[test]
fn file_that_is_not_utf8_is_named_and_the_others_are_checked() {
    let dir = Dir::with_timeout(TIMEOUT);
    dir.write("corpus/a.txt", arrests("12"))
        .write("corpus/b.txt", arrests("15"));
    let mut latin1 = "La police a arrêté 12 personnes.".as_bytes().to_vec();
    latin1.extend([0xe9, 0xff, 0xfe]);
    dir.write("corpus/bad.txt", latin1);
    let out = dir.run(&police(&["check", "corpus", "--format", "json"]));
    out.assert_code(2);
    let bad = Path::new("corpus").join("bad.txt").display().to_string();
    assert!(
        out.stderr.contains(&format!("cannot read {bad}: not valid UTF-8")),
        "{}",
        out.stderr
    );
    let doc = out.json();
    assert_eq!(num(&doc["summary"]["articles"]), 2);
    assert_eq!(num(&doc["summary"]["unreadable"]), 1);
    assert_eq!(
        with_key(&doc, "police.arrests").len(),
        1,
        "the readable articles are still compared"
    );
}

#[test]
fn missing_path_is_named_and_the_others_are_checked() {
    let dir = Dir::with_timeout(TIMEOUT);
    dir.write("a.txt", arrests("12")).write("b.txt", arrests("15"));
    let out = dir.run(&police(&["check", "a.txt", "missing.txt", "b.txt"]));
    out.assert_code(2);
    assert!(
        out.stderr.contains("cannot read missing.txt: no such file or folder"),
        "{}",
        out.stderr
    );
    assert!(
        out.stdout.contains("a.txt says 12") && out.stdout.contains("b.txt says 15"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .ends_with("1 error, 0 warnings in 2 articles (2 claims); 1 input could not be read\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn empty_file_is_named_in_a_note_and_skipped_without_error() {
    let dir = Dir::with_timeout(TIMEOUT);
    dir.write("corpus/a.txt", arrests("12"))
        .write("corpus/b.txt", arrests("12"));
    dir.write("corpus/empty.txt", "").write("corpus/blank.md", "\n  \n");
    let both = "crosscheck: skipped corpus/blank.md: only white space\n\
                crosscheck: skipped corpus/empty.txt: empty file\n";
    let runs = [
        (
            &["check", "corpus"][..],
            "0 errors, 0 warnings in 2 articles (2 claims)\n",
            both,
        ),
        (
            &["check", "corpus", "-j1"][..],
            "0 errors, 0 warnings in 2 articles (2 claims)\n",
            both,
        ),
        (
            &["check", "corpus/empty.txt", "corpus/a.txt"][..],
            "0 errors, 0 warnings in 1 article (1 claim)\n",
            "crosscheck: skipped corpus/empty.txt: empty file\n",
        ),
    ];
    for (args, summary, note) in runs {
        let out = dir.run(&police(args));
        out.assert_code(0);
        assert_eq!(out.stderr, note, "an empty file is named, not an error");
        assert_eq!(out.stdout, summary);
    }
    // In JSON, too, it is not an unreadable input.
    let out = dir.run(&police(&["check", "corpus", "--format", "json"]));
    out.assert_code(0);
    assert_eq!(out.stderr, both);
    let doc: Value = serde_json::from_str(&out.stdout).expect("JSON");
    assert_eq!(doc["summary"]["unreadable"], 0, "{doc}");
    // An empty file does not hide a contradiction between the others, nor
    // change the exit code.
    dir.write("corpus/b.txt", arrests("15"));
    let out = dir.run(&police(&["check", "corpus"]));
    out.assert_code(1);
    assert_eq!(out.stderr, both);
}

#[test]
fn a_malformed_jsonl_publication_date_is_skipped_and_its_article_checked() {
    let dir = Dir::with_timeout(TIMEOUT);
    let line = |id: &str, published: &str, n: &str| {
        serde_json::json!({ "id": id, "published": published, "text": arrests(n) }).to_string() + "\n"
    };
    dir.write(
        "corpus.jsonl",
        line("a", "2026-13-45", "12") + &line("b", "2026-03-04", "15"),
    );
    let out = dir.run(&police(&["check", "corpus.jsonl"]));
    // a's figure is still compared: the value is skipped, not the article
    out.assert_code(1);
    assert!(
        out.stderr.contains(
            "crosscheck: skipped `published` of corpus.jsonl:1: \"2026-13-45\" is not a date (YYYY-MM-DD) \
             or an RFC 3339 date-time: the article has no publication date (the text is still checked)\n"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn ignored_front_matter_is_named_in_a_note_and_the_article_still_checked() {
    let dir = Dir::with_timeout(TIMEOUT);
    let deep = format!(
        "---\ntitle: t\ntags: {}x{}\n---\n{}",
        "[".repeat(100_000),
        "]".repeat(100_000),
        arrests("12")
    );
    dir.write("corpus/a.md", deep)
        .write("corpus/b.md", format!("---\nsource: 'map\n---\n{}", arrests("15")))
        .write("corpus/c.md", format!("---\ntitle: [a, b]\n---\n{}", arrests("15")))
        .write("corpus/d.md", format!("---\nsource: map\n---\n{}", arrests("15")));
    let notes = "crosscheck: skipped front matter of corpus/a.md: flow collections (`[…]`, `{…}`) \
                 nested more than 64 deep at line 3 column 71 (the text is still checked)\n\
                 crosscheck: skipped front matter of corpus/b.md: not valid YAML: found unexpected \
                 end of stream at line 3 column 1 (the text is still checked)\n\
                 crosscheck: skipped front matter of corpus/c.md: title: invalid type: sequence, \
                 expected a string at line 2 column 8 (the text is still checked)\n";
    for threads in ["-j1", "-j2"] {
        let t = Instant::now();
        let out = dir.run(&police(&["check", "corpus", threads]));
        assert!(t.elapsed() < Duration::from_secs(20), "took {:?}", t.elapsed());
        // Every article is checked: a.md's 12 contradicts the others' 15,
        // and the exit code is the finding's, not an input error's.
        out.assert_code(1);
        assert_eq!(out.stderr, notes, "{threads}");
        assert!(out.stdout.contains("corpus/a.md says 12"), "{}", out.stdout);
        assert!(
            out.stdout.ends_with("1 error, 0 warnings in 4 articles (4 claims)\n"),
            "{}",
            out.stdout
        );
    }
    // Without the contradiction, the notes change no exit code either.
    dir.write("corpus/a.md", "---\ntitle: [\n---\n".to_string() + &arrests("15"));
    let out = dir.run(&police(&["check", "corpus", "--format", "json"]));
    out.assert_code(0);
    assert!(
        out.stderr
            .contains("skipped front matter of corpus/a.md: not valid YAML: "),
        "{}",
        out.stderr
    );
    let doc: Value = serde_json::from_str(&out.stdout).expect("JSON");
    assert_eq!(doc["summary"]["unreadable"], 0, "{doc}");
}

#[test]
fn fifty_megabyte_line_is_checked() {
    let dir = Dir::with_timeout(TIMEOUT);
    let filler = "وتواصل الشرطة عملها اليومي في مجال التعاون الأمني بين الدول والمؤسسات، ";
    let block = filler.repeat(64 * 1024 / filler.len());
    let claim = "وأعلنت الشرطة في ختام العملية عن توقيف 15 شخصا.";
    let path = dir.path().join("big.txt");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).expect("create big.txt"));
    let blocks = 50 * 1024 * 1024 / block.len();
    for _ in 0..blocks {
        file.write_all(block.as_bytes()).expect("write big.txt");
    }
    file.write_all(claim.as_bytes()).expect("write big.txt");
    file.flush().expect("write big.txt");
    drop(file);
    dir.write("small.txt", arrests("12"));

    let args = police(&["check", "big.txt", "small.txt", "--format", "json"]);
    let out = cmd(dir.path(), &args).timeout(Duration::from_secs(120)).output();
    out.assert_code(1);
    let doc = out.json();
    assert_eq!(num(&doc["summary"]["articles"]), 2);
    let found = with_key(&doc, "police.arrests");
    assert_eq!(found.len(), 1, "{doc}");
    let big = found[0]["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["article"] == "big.txt")
        .expect("a claim from big.txt");
    assert_eq!(big["value"], "15");
    let before = block.len() * blocks + claim.find("توقيف").unwrap();
    assert_eq!(num(&big["start"]), before);
    assert_eq!(num(&big["line"]), 1);
    assert_eq!(
        num(&big["column"]),
        block.chars().count() * blocks + claim[..claim.find("توقيف").unwrap()].chars().count() + 1
    );
}

#[cfg(unix)]
#[test]
fn symlink_loop_is_named_and_each_article_read_once() {
    let dir = Dir::with_timeout(TIMEOUT);
    dir.write("corpus/a.txt", arrests("12"))
        .write("corpus/sub/b.txt", arrests("15"));
    std::os::unix::fs::symlink("..", dir.path().join("corpus/sub/up")).expect("make a symlink");
    let out = dir.run(&police(&["check", "corpus", "--format", "json"]));
    out.assert_code(2);
    let up = Path::new("corpus").join("sub").join("up").display().to_string();
    assert!(
        out.stderr.contains(&format!("cannot read {up}: symbolic link loop")),
        "{}",
        out.stderr
    );
    let doc = out.json();
    assert_eq!(num(&doc["summary"]["articles"]), 2, "each article is read once");
    assert_eq!(num(&doc["summary"]["claims"]), 2);
    assert_eq!(with_key(&doc, "police.arrests").len(), 1);
}

#[test]
fn stdin_is_read_for_dash() {
    let dir = Dir::with_timeout(TIMEOUT);
    dir.write("b.txt", arrests("15"));
    let stdin = arrests("12");
    let args = police(&["check", "-", "b.txt", "--format", "json"]);
    let out = cmd(dir.path(), &args).stdin(&stdin).timeout(TIMEOUT).output();
    out.assert_code(1);
    let doc = out.json();
    let found = with_key(&doc, "police.arrests");
    assert_eq!(found.len(), 1, "{doc}");
    let mut values = claim_values(found[0]);
    values.sort();
    assert_eq!(
        values,
        [
            ("<stdin>".to_string(), "12".to_string()),
            ("b.txt".to_string(), "15".to_string())
        ]
    );
    for c in found[0]["claims"].as_array().unwrap() {
        let text = if c["article"] == "<stdin>" {
            stdin.clone().into_bytes()
        } else {
            dir.read("b.txt")
        };
        assert_claim_points_into(c, &text);
    }
}

#[test]
fn jsonl_corpus_gives_one_article_a_line_and_names_a_bad_line() {
    let dir = Dir::with_timeout(TIMEOUT);
    let texts = [arrests("12"), arrests("15")];
    let lines = [
        serde_json::json!({"id": "a1", "source": "Hespress", "published": "2025-11-20", "text": texts[0]}).to_string(),
        r#"{"id": "a2", "source": "Le360", "text": "توقيف 13 شخصا"#.to_string(),
        serde_json::json!({"id": 3, "source": "Le360", "published": "2025-11-21T09:30:00Z", "text": texts[1]})
            .to_string(),
    ];
    dir.write("corpus.jsonl", lines.join("\n") + "\n");
    let out = dir.run(&police(&["check", "corpus.jsonl", "--format", "json"]));
    out.assert_code(2);
    assert!(out.stderr.contains("cannot read corpus.jsonl:2:"), "{}", out.stderr);
    assert!(
        !out.stderr.contains("corpus.jsonl:1:") && !out.stderr.contains("corpus.jsonl:3:"),
        "{}",
        out.stderr
    );
    let doc = out.json();
    assert_eq!(num(&doc["summary"]["articles"]), 2);
    assert_eq!(num(&doc["summary"]["unreadable"]), 1);
    let found = with_key(&doc, "police.arrests");
    assert_eq!(found.len(), 1, "{doc}");
    let mut values = claim_values(found[0]);
    values.sort();
    assert_eq!(
        values,
        [
            ("corpus.jsonl#3".to_string(), "15".to_string()),
            ("corpus.jsonl#a1".to_string(), "12".to_string())
        ]
    );
    for c in found[0]["claims"].as_array().unwrap() {
        let text = if c["article"] == "corpus.jsonl#a1" {
            &texts[0]
        } else {
            &texts[1]
        };
        assert_claim_points_into(c, text.as_bytes());
        assert_eq!(
            c["source"],
            if c["article"] == "corpus.jsonl#a1" {
                "Hespress"
            } else {
                "Le360"
            }
        );
    }
    assert_eq!(doc["unreadable"][0]["path"], "corpus.jsonl:2");
}

#[test]
fn front_matter_and_later_lines_keep_file_offsets() {
    let dir = Dir::with_timeout(TIMEOUT);
    let text = format!(
        "---\nsource: Hespress\npublished: 2025-11-20\ntitle: عملية أمنية\n---\nمقدمة قصيرة.\n\n{}{}",
        arrests("12"),
        seizures("40")
    );
    dir.write("a.md", &text);
    let doc = dir
        .run(&police(&["extract", "a.md", "--format", "json"]))
        .assert_code(0)
        .json();
    let claims = doc["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 2, "{doc}");
    for c in claims {
        assert_eq!(c["source"], "Hespress");
        assert_claim_points_into(c, text.as_bytes());
    }
    assert_eq!((num(&claims[0]["line"]), num(&claims[1]["line"])), (8, 9));
}

// --------------------------------------------------------- bad rule files

/// Runs `check` with a rule pack written to `rules.yaml`, and checks it fails
/// with exit 2, nothing checked, and a diagnostic at `rules.yaml:LINE:COL`.
fn rule_error(yaml: &str, line: usize, column: usize, message: &str) -> Output {
    let dir = Dir::with_timeout(TIMEOUT);
    dir.write("rules.yaml", yaml).write("a.txt", arrests("12"));
    let out = dir.run(&plain(&[
        "check",
        "a.txt",
        "--no-default-rules",
        "--rules",
        "rules.yaml",
    ]));
    out.assert_code(2);
    assert_eq!(out.stdout, "", "nothing is checked");
    let header = format!("╭─[rules.yaml:{line}:{column}]");
    assert!(out.stderr.contains(&header), "expected {header} in:\n{}", out.stderr);
    assert!(out.stderr.contains(message), "expected {message:?} in:\n{}", out.stderr);
    assert!(
        out.stderr.contains("1 rule error found; nothing was checked"),
        "{}",
        out.stderr
    );
    out
}

#[test]
fn invalid_yaml_points_at_line_and_column() {
    let yaml = "pack: test\nlanguage: ar\nrules:\n  - id: arrests\n    title: People arrested\n    kind: count: 3\n";
    rule_error(yaml, 6, 16, "mapping values are not allowed");
}

#[test]
fn unknown_field_points_at_it() {
    let yaml = "pack: test\nlanguage: ar\nrules:\n  - id: arrests\n    title: People arrested\n    kind: count\n    pattern: 'توقيف {count} شخصا'\n";
    rule_error(yaml, 7, 5, "unknown field `pattern`");
}

#[test]
fn bad_regex_points_at_the_pattern() {
    let yaml = "pack: test\nlanguage: ar\nrules:\n  - id: arrests\n    title: People arrested\n    kind: count\n    patterns:\n      - 'توقيف\\s+{count}\\s+(شخصا'\n";
    rule_error(yaml, 8, 9, "invalid pattern");
}

#[test]
fn unknown_placeholder_is_named() {
    let yaml = "pack: test\nlanguage: ar\nrules:\n  - id: arrests\n    title: People arrested\n    kind: count\n    patterns:\n      - 'توقيف\\s+{count}\\s+شخصا'\n      - 'اعتقال\\s+{foo}\\s+شخصا'\n";
    let out = rule_error(yaml, 9, 9, "unknown placeholder `{foo}`");
    assert!(
        out.stderr.contains("{count}"),
        "the help lists the placeholders:\n{}",
        out.stderr
    );
}

#[test]
fn duplicate_id_points_at_the_second_one() {
    let yaml = "pack: test\nlanguage: ar\nrules:\n  - id: arrests\n    title: People arrested\n    kind: count\n    patterns: ['توقيف\\s+{count}\\s+شخصا']\n  - id: arrests\n    title: People held\n    kind: count\n    patterns: ['اعتقال\\s+{count}\\s+شخصا']\n";
    rule_error(yaml, 8, 9, "duplicate rule id `arrests`");
}

#[test]
fn wrong_example_names_the_rule_and_what_was_read() {
    let yaml = "pack: test\nlanguage: ar\nrules:\n  - id: arrests\n    title: People arrested\n    kind: count\n    patterns: ['arrested {count} people']\n    examples:\n      - { text: 'police arrested 12 people', value: '13' }\n";
    rule_error(yaml, 9, 53, "example of rule `arrests` reads 12, not `13`");
}

#[test]
fn rule_error_column_counts_characters_on_an_arabic_line() {
    // 43 characters (54 bytes) come before `'13'` on line 9, so its column
    // is 44: editors and the JSON report count characters, not bytes.
    let yaml = "pack: test\nlanguage: ar\nrules:\n  - id: arrests\n    title: People arrested\n    kind: count\n    patterns: ['توقيف\\s+{count}\\s+شخصا']\n    examples:\n      - { text: 'تم توقيف 12 شخصا', value: '13' }\n";
    rule_error(yaml, 9, 44, "example of rule `arrests` reads 12, not `13`");
}

#[test]
fn rule_error_rendering() {
    let yaml = "pack: test\nlanguage: ar\nrules:\n  - id: arrests\n    title: People arrested\n    kind: count\n    patterns: ['arrested {count} people']\n  - id: arrests\n    title: People held\n    kind: count\n    patterns: ['held {count} people']\n";
    let out = rule_error(yaml, 8, 9, "duplicate rule id");
    insta::assert_snapshot!("rule_error_duplicate_id", out.stderr);
}

#[test]
fn unreadable_rule_file_exits_2() {
    let dir = Dir::with_timeout(TIMEOUT);
    dir.write("a.txt", arrests("12"));
    let out = dir.run(&plain(&["check", "a.txt", "--rules", "nowhere.yaml"]));
    out.assert_code(2);
    assert_eq!(out.stdout, "");
    assert!(out.stderr.contains("nowhere.yaml"), "{}", out.stderr);
}

// ------------------------------------------------------------------ seeds

#[test]
fn seeds_have_exactly_one_error_participating_countries() {
    let out = seeds_check();
    out.assert_code(1);
    let doc = out.json();
    assert_eq!(num(&doc["summary"]["articles"]), 5);
    assert_eq!(num(&doc["summary"]["errors"]), 1);
    assert_eq!(num(&doc["summary"]["unreadable"]), 0);
    let errors: Vec<&Value> = findings(&doc).iter().filter(|f| f["severity"] == "error").collect();
    assert_eq!(errors.len(), 1, "{doc:#}");
    assert_eq!(errors[0]["key"], "interpol.participating-countries");
    assert_eq!(errors[0]["code"], "contradiction");
    let mut values = claim_values(errors[0]);
    values.sort();
    assert_eq!(
        values,
        [
            (SEED_003.to_string(), "179".to_string()),
            (SEED_004.to_string(), "196".to_string())
        ]
    );
}

#[test]
fn seeds_extract_reads_words_and_date_ranges() {
    let out = seeds_extract();
    out.assert_code(0);
    let claims = extracted(&out.json());
    let has = |key: &str, article: &str, value: &str| {
        claims.iter().any(|(k, a, v, _)| k == key && a == article && v == value)
    };
    assert!(has("interpol.bilateral-meetings", SEED_001, "43"), "{claims:#?}");
    assert!(
        claims.iter().any(|(k, a, v, t)| k == "interpol.session"
            && a == SEED_000
            && v == "93"
            && t.contains("الثالثة والتسعين")),
        "session 93 in words in 000: {claims:#?}"
    );
    for seed in [SEED_000, SEED_001, SEED_004] {
        assert!(
            has("interpol.assembly-dates", seed, "2025-11-24/2025-11-27"),
            "{seed}: {claims:#?}"
        );
    }
    assert!(
        has("interpol.assembly-dates", SEED_003, "--11-24/--11-27"),
        "{claims:#?}"
    );
}

#[test]
fn seeds_human_output() {
    let out = in_crate(&["check", "seeds"]);
    out.assert_code(1);
    insta::assert_snapshot!("check_seeds_human", out.stdout);
}

// --------------------------------------------------------- generalization

/// `COMMAND --format json` on a copy of the seeds plus one article of ours,
/// `articles/new.txt`.
fn seeds_and(article: &str, command: &str) -> Value {
    let dir = Dir::with_timeout(TIMEOUT);
    dir.copy_seeds("articles").write("articles/new.txt", article);
    dir.run(&plain(&[command, "articles", "--format", "json"])).json()
}

/// (key, code, severity) of every finding.
fn finding_keys(check: &Value) -> Vec<(String, String, String)> {
    findings(check)
        .iter()
        .map(|f| (str_of(&f["key"]), str_of(&f["code"]), str_of(&f["severity"])))
        .collect()
}

/// The (key, value) claims our article (`articles/new.txt`) gives.
fn new_claims(extract: &Value) -> Vec<(String, String)> {
    let new = Path::new("articles").join("new.txt").display().to_string();
    extracted(extract)
        .into_iter()
        .filter(|(_, a, _, _)| *a == new)
        .map(|(k, _, v, _)| (k, v))
        .collect()
}

/// The values our article gives under `key`.
fn new_values(extract: &Value, key: &str) -> Vec<String> {
    new_claims(extract)
        .into_iter()
        .filter(|(k, _)| k == key)
        .map(|(_, v)| v)
        .collect()
}

/// Checks our article is an outlier with `value` in the one finding under `key`.
fn assert_new_contradicts(check: &Value, key: &str, value: &str) {
    let found = with_key(check, key);
    assert_eq!(found.len(), 1, "one finding under {key}: {check:#}");
    let new = Path::new("articles").join("new.txt").display().to_string();
    let ours: Vec<&Value> = found[0]["claims"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["article"] == new)
        .collect();
    assert!(!ours.is_empty(), "our article is in the finding: {check:#}");
    assert!(
        ours.iter().all(|c| c["value"] == value && c["role"] == "outlier"),
        "{check:#}"
    );
    assert_eq!(num(&check["summary"]["errors"]), 2, "179/196 and ours: {check:#}");
}

#[test]
fn session_in_words_contradicts_the_seeds() {
    let check = seeds_and(
        "افتتحت صباح اليوم في مراكش أشغال الدورة الرابعة والتسعين للجمعية العامة للإنتربول، بحضور وزراء الداخلية ومديري الشرطة.\n",
        "check",
    );
    assert_new_contradicts(&check, "interpol.session", "94");
}

#[test]
fn other_dates_contradict_the_seeds() {
    let check = seeds_and(
        "وأكدت المديرية أن الجمعية العامة للإنتربول تنعقد هذه السنة في مراكش من 25 إلى 28 نونبر 2025، بحضور وفود من مختلف القارات.\n",
        "check",
    );
    assert_new_contradicts(&check, "interpol.assembly-dates", "2025-11-25/2025-11-28");
}

#[test]
fn other_member_count_contradicts_the_seeds() {
    let check = seeds_and(
        "وتعد منظمة الإنتربول أكبر منظمة شرطية في العالم، إذ تضم 195 دولة عضو تتبادل المعلومات يوميا.\n",
        "check",
    );
    assert_new_contradicts(&check, "interpol.member-states", "195");
}

#[test]
fn approximate_count_adds_no_finding() {
    let article =
        "وانطلقت في مراكش أشغال الجمعية العامة للإنتربول بمشاركة نحو 180 دولة، في حدث أمني هو الأكبر من نوعه بالقارة.\n";
    let (check, extract) = (seeds_and(article, "check"), seeds_and(article, "extract"));
    assert_eq!(new_values(&extract, "interpol.participating-countries"), ["~180"]);
    assert_eq!(
        finding_keys(&check),
        finding_keys(&seeds_check().json()),
        "no new finding: {check:#}"
    );
    let errors: Vec<&Value> = findings(&check).iter().filter(|f| f["severity"] == "error").collect();
    assert_eq!(errors.len(), 1, "{check:#}");
    assert_eq!(errors[0]["key"], "interpol.participating-countries");
    let mut values: Vec<String> = claim_values(errors[0])
        .into_iter()
        .map(|(_, v)| v)
        .filter(|v| v != "~180")
        .collect();
    values.sort();
    assert_eq!(values, ["179", "196"]);
}

#[test]
fn lower_bound_member_count_adds_no_finding() {
    let article = "ويضم الإنتربول أكثر من 150 دولة عضو، تتعاون أجهزتها الأمنية في تعقب المطلوبين.\n";
    let (check, extract) = (seeds_and(article, "check"), seeds_and(article, "extract"));
    assert_eq!(new_values(&extract, "interpol.member-states"), [">150"]);
    assert!(with_key(&check, "interpol.member-states").is_empty(), "{check:#}");
    assert_eq!(
        finding_keys(&check),
        finding_keys(&seeds_check().json()),
        "no new finding: {check:#}"
    );
}

#[test]
fn article_not_about_interpol_is_not_read() {
    // The same sentence as a member-states contradiction, without the subject.
    let extract = seeds_and("وتضم المنظمة 195 دولة عضو، وفق ما أعلنته في بيان رسمي.\n", "extract");
    assert_eq!(new_claims(&extract), [], "{extract:#}");
}

// ------------------------------------------------------------ determinism

#[test]
fn seeds_output_does_not_depend_on_threads() {
    for format in ["json", "human"] {
        let one = in_crate(&["check", "seeds", "--format", format, "-j1"]);
        let two = in_crate(&["check", "seeds", "--format", format, "-j2"]);
        one.assert_code(1);
        assert_eq!(one.stdout, two.stdout, "--format {format}: -j1 and -j2 differ");
    }
}

#[test]
fn many_articles_output_does_not_depend_on_threads() {
    let dir = Dir::with_timeout(TIMEOUT);
    for i in 0..60 {
        let n = [12, 15, 12, 13][i % 4];
        let kg = [40, 40, 55][i % 3];
        dir.write(
            &format!("corpus/{:02}/{i:03}.txt", i % 7),
            arrests(&n.to_string()) + &seizures(&kg.to_string()),
        );
    }
    let lines: Vec<String> = (0..20)
        .map(|i| serde_json::json!({"id": format!("j{i}"), "text": arrests(&(10 + i % 3).to_string())}).to_string())
        .collect();
    dir.write("corpus/feed.jsonl", lines.join("\n"));
    for format in ["json", "human"] {
        let one = dir.run(&police(&["check", "corpus", "--format", format, "-j1"]));
        let four = dir.run(&police(&["check", "corpus", "--format", format, "-j4"]));
        one.assert_code(1);
        assert_eq!(one.stdout, four.stdout, "--format {format}: -j1 and -j4 differ");
    }
}

// ------------------------------------------------------------- JSON shape

#[test]
fn json_report_follows_the_contract() {
    let out = seeds_check();
    let doc = out.json();
    assert_eq!(doc["version"], 1);
    for field in ["articles", "claims", "errors", "warnings", "unreadable"] {
        assert!(doc["summary"][field].is_u64(), "summary.{field}: {doc:#}");
    }
    let errors = findings(&doc).iter().filter(|f| f["severity"] == "error").count();
    let warnings = findings(&doc).iter().filter(|f| f["severity"] == "warning").count();
    assert_eq!(
        (num(&doc["summary"]["errors"]), num(&doc["summary"]["warnings"])),
        (errors, warnings)
    );
    assert!(!findings(&doc).is_empty());
    for f in findings(&doc) {
        for field in ["code", "severity", "key", "message", "help"] {
            assert!(f[field].is_string(), "finding.{field}: {f:#}");
        }
        let claims = f["claims"].as_array().expect("finding.claims");
        assert!(claims.len() >= 2, "a contradiction involves two claims: {f:#}");
        for c in claims {
            for field in ["article", "value", "text"] {
                assert!(c[field].is_string(), "claim.{field}: {c:#}");
            }
            let article = std::fs::read(root().join(str_of(&c["article"]))).expect("the claim's article");
            assert_claim_points_into(c, &article);
        }
    }
}

#[test]
fn extract_json_offsets_point_into_the_seeds() {
    let doc = seeds_extract().json();
    assert_eq!(doc["version"], 1);
    let claims = doc["claims"].as_array().expect("claims");
    assert!(claims.len() >= 10, "{doc:#}");
    for c in claims {
        let article = std::fs::read(root().join(str_of(&c["article"]))).expect("the claim's article");
        assert_claim_points_into(c, &article);
    }
}

#[test]
fn rules_explain_prints_subject_and_near_words_as_written_once() {
    let dir = Dir::with_timeout(TIMEOUT);
    dir.write(
        "pack.yaml",
        "pack: assembly\nlanguage: ar\nabout: [الإنتربول, انتربول, الإنتربول]\nrules:\n  - id: session\n    \
         title: Session of the assembly\n    kind: ordinal\n    patterns: ['الدورة\\s+{ordinal}']\n    \
         near: [الجمعية العامة, الجمعية العامة, أنتربول]\n",
    );
    let args = plain(&[
        "rules",
        "explain",
        "session",
        "--no-default-rules",
        "--rules",
        "pack.yaml",
    ]);
    let out = dir.run(&args);
    out.assert_code(0);
    assert!(
        out.stdout
            .contains("\napplies to articles that mention: الإنتربول, انتربول\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("within 80 characters: الجمعية العامة, أنتربول\n"),
        "{}",
        out.stdout
    );
    // Not the folded forms the matcher uses (لانتربول, لجمعيه).
    assert!(
        !out.stdout.contains("لانتربول") && !out.stdout.contains("لجمعيه"),
        "{}",
        out.stdout
    );
    // Matching still folds: an article that writes للإنتربول is about it.
    dir.write(
        "a.txt",
        "وافتتحت أشغال الدورة الثالثة والتسعين للجمعية العامة للإنتربول.\n",
    );
    let out = dir.run(&plain(&[
        "extract",
        "a.txt",
        "--no-default-rules",
        "--rules",
        "pack.yaml",
        "--format",
        "jsonl",
    ]));
    out.assert_code(0);
    assert!(out.stdout.contains("\"value\":\"93\""), "{}", out.stdout);
}

// ---------------------------------------------------------- examples cache

/// A pack's examples run once a pack text and build: the cache folder then
/// holds a marker, and a later run with the same pack skips them; a changed
/// pack whose example fails is refused however warm the cache; a damaged
/// marker is read as no marker.
#[test]
fn examples_run_again_only_when_the_pack_changes() {
    let dir = Dir::with_timeout(TIMEOUT);
    let pack = |value: &str| {
        format!("pack: test\nlanguage: ar\nrules:\n  - id: arrests\n    title: People arrested\n    kind: count\n    patterns: ['توقيف\\s+{{count}}\\s+شخصا']\n    examples:\n      - {{ text: 'تم توقيف 12 شخصا', value: '{value}' }}\n")
    };
    dir.write("rules.yaml", pack("12")).write("a.txt", arrests("12"));
    let cache = dir.path().join("cache");
    let check = || {
        cmd(
            dir.path(),
            &plain(&["check", "a.txt", "--no-default-rules", "--rules", "rules.yaml"]),
        )
        .env("CROSSCHECK_CACHE_DIR", &cache)
        .timeout(TIMEOUT)
        .output()
    };
    let markers = || -> Vec<std::path::PathBuf> {
        std::fs::read_dir(cache.join("examples-passed"))
            .map(|d| d.map(|e| e.expect("an entry").path()).collect())
            .unwrap_or_default()
    };
    let cold = check();
    cold.assert_code(0);
    let written = markers();
    assert_eq!(written.len(), 1, "one marker for the packs that passed");
    let warm = check();
    warm.assert_code(0);
    assert_eq!(markers(), written, "the same packs write nothing new");
    assert_eq!(warm.stdout, cold.stdout, "a warm load reads what a cold one does");
    // A warm load parses no pattern until a text needs it, and reads the
    // same claims as a load without a cache.
    let extract = |cache: &Path| {
        let args = [
            "extract",
            "a.txt",
            "--no-default-rules",
            "--rules",
            "rules.yaml",
            "--format",
            "jsonl",
        ];
        cmd(dir.path(), &plain(&args))
            .env("CROSSCHECK_CACHE_DIR", cache)
            .timeout(TIMEOUT)
            .output()
    };
    let (warm, uncached) = (extract(&cache), extract(Path::new("")));
    warm.assert_code(0);
    assert!(
        warm.stdout.contains("\"value\":"),
        "the claim is read:\n{}",
        warm.stdout
    );
    assert_eq!(warm.stdout, uncached.stdout);

    // The marker is a cache, never a pass: a damaged one is ignored.
    std::fs::write(&written[0], "not a key").expect("damage the marker");
    check().assert_code(0);

    dir.write("rules.yaml", pack("13"));
    let out = check();
    out.assert_code(2);
    assert!(
        out.stderr.contains("example of rule `arrests` reads 12, not `13`"),
        "{}",
        out.stderr
    );
    assert_eq!(markers().len(), 1, "a pack whose examples fail leaves no marker");
}

/// The marker also keeps the words of the grammar's full-text regexes
/// (weekdays beside dates, datelines), so a warm check of a text without
/// them compiles neither: a text with them reads the same claims warm,
/// cold, uncached, and from a marker that lacks every pattern's words
/// (each pattern is then parsed, as in a cold load).
#[test]
fn a_warm_load_reads_weekdays_and_datelines_as_a_cold_one() {
    let dir = Dir::with_timeout(TIMEOUT);
    let text = "حرر بتاريخ | 11/21/2025\nانطلقت يوم الاثنين 25 نونبر 2025 أشغال الدورة 93 بمشاركة 196 دولة.\n";
    dir.write("a.txt", text).write("b.txt", arrests("12"));
    let cache = dir.path().join("cache");
    let extract = |cache: &Path| {
        let args = ["extract", "a.txt", "b.txt", "--format", "jsonl"];
        cmd(dir.path(), &plain(&args))
            .env("CROSSCHECK_CACHE_DIR", cache)
            .timeout(TIMEOUT)
            .output()
    };
    let uncached = extract(Path::new(""));
    uncached.assert_code(0);
    assert!(uncached.stdout.contains("weekday"), "{}", uncached.stdout);
    assert!(uncached.stdout.contains("2025-11-21"), "{}", uncached.stdout);
    let cold = extract(&cache);
    assert_eq!(cold.stdout, uncached.stdout, "cold");
    assert_eq!(extract(&cache).stdout, uncached.stdout, "warm");

    let markers: Vec<std::path::PathBuf> = std::fs::read_dir(cache.join("examples-passed"))
        .expect("a marker")
        .map(|e| e.expect("an entry").path())
        .collect();
    assert_eq!(markers.len(), 1);
    let mut marker: Value = serde_json::from_str(&std::fs::read_to_string(&markers[0]).expect("read")).expect("json");
    let known = &mut marker["patterns"]["patterns"];
    assert!(known.as_object().is_some_and(|k| !k.is_empty()), "{marker}");
    *known = serde_json::json!({});
    std::fs::write(&markers[0], marker.to_string()).expect("write the marker back");
    assert_eq!(extract(&cache).stdout, uncached.stdout, "a marker without words");
}

/// The cache keeps the parsed trees of the patterns' expansions: a warm
/// check reads them and gives what an uncached one does; a damaged tree
/// is ignored (the expansion is parsed again) and written again whole.
#[test]
fn kept_trees_read_as_parsed_ones_and_damaged_ones_are_written_again() {
    let dir = Dir::with_timeout(TIMEOUT);
    let text = "انطلقت أشغال الدورة 93 للإنتربول بمشاركة 196 دولة، وتضم المنظمة 196 دولة عضو.\n";
    dir.write("a.txt", text);
    let cache = dir.path().join("cache");
    let check = |cache: &Path| {
        cmd(dir.path(), &plain(&["check", "a.txt", "--format", "json"]))
            .env("CROSSCHECK_CACHE_DIR", cache)
            .timeout(TIMEOUT)
            .output()
    };
    let uncached = check(Path::new(""));
    assert!(uncached.stdout.contains("\"claims\": 3"), "{}", uncached.stdout);
    assert_eq!(check(&cache).stdout, uncached.stdout, "cold");
    let trees: Vec<(std::path::PathBuf, Vec<u8>)> = std::fs::read_dir(cache.join("trees"))
        .expect("trees are kept")
        .map(|e| e.expect("an entry").path())
        .map(|p| (p.clone(), std::fs::read(&p).expect("read a tree")))
        .collect();
    assert!(!trees.is_empty());
    assert_eq!(check(&cache).stdout, uncached.stdout, "warm");
    let damage = |bytes: &[u8]| {
        let mut damaged = bytes.to_vec();
        let middle = damaged.len() / 2;
        damaged[middle] ^= 0x20;
        damaged
    };
    for (path, bytes) in &trees {
        std::fs::write(path, damage(bytes)).expect("damage a tree");
    }
    assert_eq!(check(&cache).stdout, uncached.stdout, "damaged trees");
    // The trees the check needed (the count's, at least) are written again
    // whole; the others are left as they were.
    let mut again = 0;
    for (path, bytes) in &trees {
        let now = std::fs::read(path).expect("read");
        assert!(now == *bytes || now == damage(bytes), "{}", path.display());
        again += usize::from(now == *bytes);
    }
    assert!(again > 0, "no damaged tree was written again");
}

/// Checks that start together with a cold cache each write the marker
/// (whole, under a temporary name, then renamed): each reads what an
/// uncached check does, and the marker they leave is read whole.
#[test]
fn concurrent_cold_checks_leave_one_whole_marker() {
    let dir = Dir::with_timeout(TIMEOUT);
    dir.write("a.txt", "الاثنين 24 نونبر 2025 توقيف 12 شخصا.\n");
    let cache = dir.path().join("cache");
    let extract = |cache: &Path| {
        cmd(dir.path(), &plain(&["extract", "a.txt", "--format", "jsonl"]))
            .env("CROSSCHECK_CACHE_DIR", cache)
            .timeout(TIMEOUT)
    };
    let uncached = extract(Path::new("")).output();
    uncached.assert_code(0);
    let outs: Vec<Output> = std::thread::scope(|scope| {
        let runs: Vec<_> = (0..4).map(|_| scope.spawn(|| extract(&cache).output())).collect();
        runs.into_iter().map(|r| r.join().expect("a run")).collect()
    });
    for out in outs {
        out.assert_code(0);
        assert_eq!(out.stdout, uncached.stdout);
    }
    let markers: Vec<std::path::PathBuf> = std::fs::read_dir(cache.join("examples-passed"))
        .expect("a marker")
        .map(|e| e.expect("an entry").path())
        .collect();
    assert_eq!(markers.len(), 1, "one marker, no temporary file left: {markers:?}");
    let marker: Value = serde_json::from_str(&std::fs::read_to_string(&markers[0]).expect("read")).expect("whole");
    assert!(marker["key"].is_string());
    assert_eq!(extract(&cache).output().stdout, uncached.stdout, "warm");
}

/// Writing a marker drops the markers nobody rewrote for 30 days (each
/// build writes its own) and keeps the others.
#[test]
fn a_new_marker_drops_markers_a_month_old() {
    let dir = Dir::with_timeout(TIMEOUT);
    dir.write("a.txt", arrests("12"));
    let cache = dir.path().join("cache");
    let folder = cache.join("examples-passed");
    std::fs::create_dir_all(&folder).expect("the markers' folder");
    let (old, young) = (folder.join("old"), folder.join("young"));
    std::fs::write(&old, "a marker of another build").expect("write a marker");
    std::fs::write(&young, "a marker of another build").expect("write a marker");
    let month_ago = std::time::SystemTime::now() - Duration::from_secs(31 * 24 * 60 * 60);
    std::fs::File::options()
        .write(true)
        .open(&old)
        .and_then(|f| f.set_modified(month_ago))
        .expect("age a marker");
    cmd(dir.path(), &plain(&["check", "a.txt"]))
        .env("CROSSCHECK_CACHE_DIR", &cache)
        .timeout(TIMEOUT)
        .output()
        .assert_code(0);
    let mut left: Vec<String> = std::fs::read_dir(&folder)
        .expect("the markers' folder")
        .map(|e| e.expect("an entry").file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left.len(), 2, "the new marker and the young one: {left:?}");
    assert!(left.contains(&"young".to_string()), "{left:?}");
    assert!(!old.exists(), "the month-old marker is dropped");
}
