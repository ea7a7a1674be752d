//! Every report format is deterministic: `check` and `extract` print the
//! same bytes with one worker thread and with several, on a corpus of ~30
//! articles in nested folders (generated here from a few templates with
//! varying numbers). And `rules test` reports a failing example.

mod support;

use std::path::Path;
use support::{run, Dir, Output};

const ORDINALS: [&str; 3] = ["الثالثة والتسعين", "الـ93", "الثانية والتسعين"];

/// Article `i` of the corpus: one of three templates about the INTERPOL
/// General Assembly (the built-in pack), with numbers that mostly agree and
/// sometimes do not, so every finding kind occurs.
fn article(i: usize) -> (String, String) {
    let folder = ["news", "sport/local", "world/africa/2025"][i % 3];
    let members = if i % 7 == 3 { 195 } else { 196 };
    let countries = [179, 179, 196, 180][i % 4];
    let delegates = [800, 800, 750, 1000][i % 4];
    let session = ORDINALS[usize::from(i % 11 == 5) * (1 + i % 2)];
    let president = if i % 6 == 1 { "الرئيسي" } else { "الريسي" };
    let weekday = if i % 9 == 5 { "الأحد" } else { "الاثنين" };
    match i % 3 {
        0 => (
            format!("content/{folder}/{i:02}-assembly.txt"),
            format!(
                "الرباط — أعلنت منظمة الإنتربول أن عدد الدول الأعضاء فيها {members} دولة، قبيل انعقاد الدورة \
                 {session} للجمعية العامة في مراكش من 24 إلى 27 نونبر 2025.\n\
                 وتقام هذه الفعالية بمشاركة {countries} دولة، عبر نحو {delegates} مندوب.\n"
            ),
        ),
        1 => (
            format!("content/{folder}/{i:02}-president.md"),
            format!(
                "---\nsource: source-{}\npublished: 2025-11-{:02}\ntitle: مقال {i}\n---\n\
                 وأشاد اللواء أحمد ناصر {president}، رئيس المنظمة الدولية للشرطة الجنائية، بتنظيم الدورة {session} \
                 للجمعية العامة للإنتربول.\n\nوتأسست الإنتربول بالعام 1923، وتضم {members} دولة عضو.\n",
                i % 4,
                10 + i % 15
            ),
        ),
        _ => (
            format!("content/{folder}/{i:02}-opening.txt"),
            format!(
                "افتتحت يوم {weekday} 24 نونبر 2025 أشغال الدورة {session} للجمعية العامة للإنتربول بمراكش، \
                 بمشاركة {countries} دولة.\nوأجرى الوفد المغربي {} اجتماعا ثنائيا مع رؤساء وفود الدول.\n",
                40 + i % 4
            ),
        ),
    }
}

/// A temporary folder with `content/` holding 30 articles in nested folders.
fn corpus() -> Dir {
    let dir = Dir::new();
    for i in 0..30 {
        let (name, text) = article(i);
        dir.write(&name, &text);
    }
    dir
}

/// Runs `command content/ --format FORMAT` with `-j1` and `-j2` (in
/// parallel, as separate processes) and checks the bytes are the same.
fn assert_same_across_threads(dir: &Path, command: &str, format: &str) -> Output {
    let args = |j: &'static str| {
        vec![
            command,
            "content/",
            "--format",
            format,
            "-j",
            j,
            "--no-config",
            "--color",
            "never",
        ]
    };
    let (one, two) = std::thread::scope(|s| {
        let one = s.spawn(|| run(dir, &args("1")));
        let two = s.spawn(|| run(dir, &args("2")));
        (one.join().expect("-j1 run"), two.join().expect("-j2 run"))
    });
    assert!(
        one.code == 0 || one.code == 1,
        "{command} --format {format} exits {}:\n{}",
        one.code,
        one.stderr
    );
    assert_eq!(
        one.code, two.code,
        "{command} --format {format}: exit code differs across -j1/-j2"
    );
    assert!(!one.stdout.is_empty(), "{command} --format {format} printed nothing");
    if one.stdout != two.stdout {
        let (a, b) = (&one.stdout, &two.stdout);
        let line = a
            .lines()
            .zip(b.lines())
            .position(|(x, y)| x != y)
            .unwrap_or(a.lines().count().min(b.lines().count()));
        panic!(
            "{command} --format {format}: -j1 and -j2 differ from line {}:\n-j1: {:?}\n-j2: {:?}",
            line + 1,
            a.lines().nth(line),
            b.lines().nth(line)
        );
    }
    assert_eq!(one.stderr, two.stderr, "{command} --format {format}: stderr differs");
    one
}

#[test]
fn check_output_is_identical_with_one_and_two_threads_in_every_format() {
    let dir = corpus();
    for format in ["human", "json", "jsonl", "sarif", "github", "short", "html"] {
        let out = assert_same_across_threads(dir.path(), "check", format);
        assert_eq!(out.code, 1, "the corpus has error-level contradictions ({format})");
        if format == "json" {
            let doc: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
            assert_eq!(
                doc["summary"]["articles"], 30,
                "every article is read: {}",
                doc["summary"]
            );
            let findings = doc["findings"].as_array().expect("findings");
            let codes: std::collections::BTreeSet<&str> = findings.iter().filter_map(|f| f["code"].as_str()).collect();
            for code in ["contradiction", "name-variant", "weekday-mismatch"] {
                assert!(codes.contains(code), "the corpus gives a {code} finding: {codes:?}");
            }
            // Articles from every folder depth take part.
            let text = &out.stdout;
            for folder in ["content/news/", "content/sport/local/", "content/world/africa/2025/"] {
                assert!(text.contains(folder), "a finding quotes an article in {folder}");
            }
        }
    }
}

#[test]
fn extract_output_is_identical_with_one_and_two_threads() {
    let dir = corpus();
    for format in ["json", "jsonl"] {
        let out = assert_same_across_threads(dir.path(), "extract", format);
        assert_eq!(out.code, 0, "extract never fails on findings");
        let claims = if format == "json" {
            let doc: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
            doc["claims"].as_array().expect("claims").len()
        } else {
            let lines: Vec<serde_json::Value> = out
                .stdout
                .lines()
                .map(|l| serde_json::from_str(l).expect("a JSON line"))
                .collect();
            lines.len()
        };
        assert!(claims >= 90, "{format}: only {claims} claims from 30 articles");
    }
}

#[test]
fn rules_test_names_the_failing_example_and_what_was_read() {
    let dir = Dir::new();
    dir.write(
        "pack.yaml",
        r#"pack: marathon
language: ar
about: [الماراثون]
rules:
  - id: runners
    title: Runners at the start
    kind: count
    patterns:
      - '{count}\s+(?:عداء|متسابق)'
    examples:
      - { text: 'شارك في السباق 1200 عداء', value: '1200' }
      - { text: 'بمشاركة نحو 1500 متسابق', value: '1500' }
  - id: edition
    title: Edition of the marathon
    kind: ordinal
    patterns:
      - 'النسخة\s+{ordinal}'
    examples:
      - { text: 'النسخة الخامسة عشرة من الماراثون', value: '15' }
"#,
    );
    let out = run(dir.path(), &["rules", "test", "pack.yaml", "--no-config"]);
    let stdout = &out.stdout;
    assert_eq!(
        out.code, 1,
        "a failing example fails the run:\n{stdout}\n{}",
        out.stderr
    );
    let failing: Vec<&str> = stdout.lines().filter(|l| l.contains("FAIL")).collect();
    assert_eq!(failing.len(), 1, "one rule fails:\n{stdout}");
    assert!(
        failing[0].starts_with("marathon.runners"),
        "the rule is named:\n{stdout}"
    );
    assert!(
        stdout.contains("بمشاركة نحو 1500 متسابق"),
        "the example's text is quoted:\n{stdout}"
    );
    assert!(
        stdout.contains("expected 1500, read ~1500"),
        "what was expected and read instead:\n{stdout}"
    );
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("marathon.edition") && l.ends_with("pass")),
        "the other rule passes:\n{stdout}"
    );
    assert!(
        !stdout.contains("شارك في السباق 1200 عداء"),
        "passing examples are not listed:\n{stdout}"
    );

    // Fixed, the same pack passes.
    let fixed = std::fs::read_to_string(dir.path().join("pack.yaml"))
        .expect("read the pack")
        .replace("value: '1500'", "value: '~1500'");
    dir.write("pack.yaml", &fixed);
    let out = run(dir.path(), &["rules", "test", "pack.yaml", "--no-config"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
}
