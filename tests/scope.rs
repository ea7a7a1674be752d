//! Which event: an archive holds the report of an earlier General Assembly
//! beside the seeds, and the INTERPOL pack's `scope: session` keeps each
//! assembly's facts apart.
mod support;

use serde_json::Value;
use support::{findings, root, run, with_seeds};

/// The seeds with the archive's report of the 92nd assembly beside them.
fn seeds_and_archive() -> tempfile::TempDir {
    let (dir, _) = with_seeds("seeds");
    let archive = dir.path().join("archive");
    std::fs::create_dir(&archive).unwrap();
    std::fs::copy(
        root().join("tests/news/archive/092-glasgow.txt"),
        archive.join("092-glasgow.txt"),
    )
    .unwrap();
    dir
}

fn check_json(dir: &std::path::Path, paths: &[&str]) -> (i32, Value) {
    let mut args = vec!["check", "--no-config", "--format", "json"];
    args.extend(paths);
    let out = run(dir, &args);
    (out.code, out.json())
}

fn codes_and_keys(doc: &Value) -> Vec<(String, String)> {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["code"].as_str().unwrap().into(), f["key"].as_str().unwrap().into()))
        .collect()
}

#[test]
fn the_seeds_and_an_earlier_assembly_give_what_the_seeds_give() {
    let dir = seeds_and_archive();
    let (code, seeds) = check_json(dir.path(), &["seeds/"]);
    assert_eq!(code, 1);
    assert_eq!(
        codes_and_keys(&seeds),
        [
            (
                "contradiction".to_string(),
                "interpol.participating-countries".to_string()
            ),
            ("name-variant".to_string(), "interpol.president-name".to_string()),
        ]
    );
    // With the 92nd assembly beside them: no session, date or attendance
    // "contradiction"; the one real error, now named with its session.
    let (code, both) = check_json(dir.path(), &["seeds/", "archive/"]);
    assert_eq!(code, 1);
    assert_eq!(
        codes_and_keys(&both),
        [
            (
                "contradiction".to_string(),
                "interpol.participating-countries@93".to_string()
            ),
            ("name-variant".to_string(), "interpol.president-name".to_string()),
        ]
    );
    let error = &both["findings"][0];
    assert!(error["message"].as_str().unwrap().contains("179 vs 196"), "{error}");
    for c in error["claims"].as_array().unwrap() {
        assert!(c["article"].as_str().unwrap().starts_with("seeds/"), "{c}");
    }
    assert_eq!(both["summary"]["articles"], 6);
}

/// Two reports of the 92nd assembly that disagree are compared with each
/// other, and with no article of the 93rd.
#[test]
fn an_earlier_assemblys_own_facts_are_checked_within_its_scope() {
    let dir = seeds_and_archive();
    let report = std::fs::read_to_string(dir.path().join("archive/092-glasgow.txt")).unwrap();
    std::fs::write(
        dir.path().join("archive/092-wire.txt"),
        report
            .replace("archive-desk", "wire")
            .replace("مشاركة 168 دولة", "مشاركة 171 دولة"),
    )
    .unwrap();
    let (code, doc) = check_json(dir.path(), &["seeds/", "archive/"]);
    assert_eq!(code, 1);
    let keys = codes_and_keys(&doc);
    assert!(
        keys.contains(&("contradiction".into(), "interpol.participating-countries@92".into())),
        "{keys:?}"
    );
    let f = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["key"] == "interpol.participating-countries@92")
        .unwrap();
    let mut articles: Vec<&str> = f["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["article"].as_str().unwrap())
        .collect();
    articles.sort();
    assert_eq!(articles, ["archive/092-glasgow.txt", "archive/092-wire.txt"]);
    assert!(
        f["message"].as_str().unwrap().contains("168 vs 171") || f["message"].as_str().unwrap().contains("171 vs 168")
    );
}

/// An article that names no session, states no date and has no
/// publication date is compared with neither assembly, and a note says so;
/// a dated one goes to the assembly published nearest to it.
#[test]
fn an_article_that_names_no_session_is_placed_by_its_date_or_noted() {
    let dir = seeds_and_archive();
    std::fs::write(
        dir.path().join("archive/undated.txt"),
        "أكد مسؤول في الإنتربول أن الجمعية العامة عرفت مشاركة 150 دولة.\n",
    )
    .unwrap();
    let (code, doc) = check_json(dir.path(), &["seeds/", "archive/"]);
    assert_eq!(code, 1);
    let notes = findings(&doc, "unscoped");
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(notes[0]["severity"], "note");
    assert_eq!(notes[0]["claims"][0]["article"], "archive/undated.txt");
    assert!(notes[0]["help"].as_str().unwrap().contains("92, 93"), "{}", notes[0]);
    assert_eq!(doc["summary"]["notes"], 1);
    // Published the day after the 92nd assembly closed: it is the 92nd's,
    // and its 150 contradicts that report's 168.
    std::fs::write(
        dir.path().join("archive/undated.txt"),
        "---\npublished: 2024-11-08\n---\nأكد مسؤول في الإنتربول أن الجمعية العامة عرفت مشاركة 150 دولة.\n",
    )
    .unwrap();
    let (_, doc) = check_json(dir.path(), &["seeds/", "archive/"]);
    let keys = codes_and_keys(&doc);
    assert!(!keys.iter().any(|(c, _)| c == "unscoped"), "{keys:?}");
    assert!(
        keys.contains(&("contradiction".into(), "interpol.participating-countries@92".into())),
        "{keys:?}"
    );
}

#[test]
fn a_scope_that_names_no_rule_is_an_error_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("pack.yaml"),
        "pack: p\nlanguage: ar\nrules:\n  - id: attendance\n    title: t\n    kind: count\n    scope: sesion\n    patterns: ['{count}\\s+دولة']\n",
    )
    .unwrap();
    let out = run(dir.path(), &["rules", "test", "pack.yaml"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("scope `sesion` names no rule of pack `p`"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("pack.yaml:7:"), "{}", out.stderr);
}

/// A wrong session number for the same assembly is not another assembly:
/// an article published during the 93rd that calls it the 94th
/// contradicts the seeds, even with the 92nd in the archive.
#[test]
fn a_wrong_session_number_for_the_same_dates_contradicts() {
    let dir = seeds_and_archive();
    std::fs::write(
        dir.path().join("archive/typo.txt"),
        "---\npublished: 2025-11-25\n---\nافتتحت صباح اليوم في مراكش أشغال الدورة الرابعة والتسعين للجمعية العامة للإنتربول.\n",
    )
    .unwrap();
    let (code, doc) = check_json(dir.path(), &["seeds/", "archive/"]);
    assert_eq!(code, 1);
    let session: Vec<&Value> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["key"].as_str().unwrap().starts_with("interpol.session"))
        .collect();
    assert_eq!(session.len(), 1, "{doc:#}");
    assert_eq!(session[0]["code"], "contradiction");
    assert_eq!(session[0]["key"], "interpol.session@93");
    let outliers: Vec<&Value> = session[0]["claims"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["role"] == "outlier")
        .collect();
    assert_eq!(outliers.len(), 1);
    assert_eq!(outliers[0]["article"], "archive/typo.txt");
    assert_eq!(outliers[0]["value"], "94");
}

/// The README's "Which event" command runs and gives what it says.
#[test]
fn the_readme_scope_example_gives_the_seeds_error_within_the_93rd() {
    let block = support::fenced_after(&support::readme(), "### Which event", "sh");
    let line = block
        .lines()
        .find(|l| l.contains("tests/news/archive"))
        .expect("the example command");
    let mut words: Vec<&str> = line.split_whitespace().skip(1).collect();
    words.extend(["--no-config", "--format", "json"]);
    let out = run(root(), &words);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let keys = codes_and_keys(&out.json());
    assert_eq!(
        keys,
        [
            (
                "contradiction".to_string(),
                "interpol.participating-countries@93".to_string()
            ),
            ("name-variant".to_string(), "interpol.president-name".to_string()),
        ]
    );
}
