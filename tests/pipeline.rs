//! The editorial, fact-sheet, weighting and map/reduce paths of `check`,
//! run as a user runs them.

mod support;

use serde_json::Value;
use std::path::Path;
use support::{findings, read_seed, run_no_config, seed_names, seeds, with_seeds};

/// As [`run_no_config`], stdout read as JSON: the exit code and the document.
fn json(dir: &Path, args: &[&str]) -> (i32, Value) {
    let out = run_no_config(dir, args);
    (out.code, out.json())
}

const FACTS: &str = "facts:
  - key: interpol.member-states
    value: '195'
    valid-until: 2023-11-27
    citation: INTERPOL, before Palau joined
  - key: interpol.member-states
    value: '196'
    valid-from: 2023-11-28
    citation: INTERPOL, 91st General Assembly
";

#[test]
fn draft_against_published_reports_only_the_drafts_fact_finding() {
    let dir = tempfile::tempdir().unwrap();
    let draft =
        "---\ntitle: مسودة\n---\nتنعقد الدورة 93 للجمعية العامة للإنتربول في مراكش، وتضم المنظمة 195 دولة عضو.\n";
    std::fs::write(dir.path().join("draft.md"), draft).unwrap();
    std::fs::write(dir.path().join("facts.yaml"), FACTS).unwrap();
    let seeds = seeds();
    let args = [
        "check",
        "draft.md",
        "--against",
        seeds.to_str().unwrap(),
        "--facts",
        "facts.yaml",
        "--format",
        "json",
    ];
    let (code, doc) = json(dir.path(), &args);
    assert_eq!(code, 1);
    let findings = doc["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{doc:#}");
    assert_eq!(findings[0]["code"], "fact-mismatch");
    assert_eq!(findings[0]["claims"][0]["article"], "draft.md");
    assert_eq!(findings[0]["claims"][0]["value"], "195");
    assert!(findings[0]["help"].as_str().unwrap().contains("196"));
}

#[test]
fn without_a_fact_sheet_the_draft_is_the_outlier_against_the_published_majority() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("draft.md"), "تضم الإنتربول 195 دولة عضو.\n").unwrap();
    let seeds = seeds();
    let (code, doc) = json(
        dir.path(),
        &[
            "check",
            "draft.md",
            "--against",
            seeds.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 1);
    let findings = doc["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "the seeds' own 179/196 is not the draft's: {doc:#}");
    assert_eq!(findings[0]["key"], "interpol.member-states");
    let help = findings[0]["help"].as_str().unwrap();
    assert!(
        help.contains("published articles: 0 agree with the draft, 2 do not"),
        "{help}"
    );
    assert!(help.contains("newest published"), "{help}");
}

#[test]
fn a_fact_with_a_window_applies_only_inside_it() {
    let dir = tempfile::tempdir().unwrap();
    let old = "---\npublished: 2022-06-01\n---\nتضم الإنتربول 195 دولة عضو.\n";
    let new = "---\npublished: 2024-06-01\n---\nتضم الإنتربول 195 دولة عضو.\n";
    std::fs::write(dir.path().join("old.md"), old).unwrap();
    std::fs::write(dir.path().join("new.md"), new).unwrap();
    std::fs::write(dir.path().join("facts.yaml"), FACTS).unwrap();
    let (_, doc) = json(
        dir.path(),
        &["check", "old.md", "new.md", "--facts", "facts.yaml", "--format", "json"],
    );
    let facts = findings(&doc, "fact-mismatch");
    assert_eq!(facts.len(), 1, "{doc:#}");
    assert_eq!(facts[0]["claims"][0]["article"], "new.md");
}

#[test]
fn source_weights_decide_the_majority() {
    let dir = tempfile::tempdir().unwrap();
    for (outlet, n) in [("wire", "179"), ("blog", "196"), ("aggregator", "196")] {
        std::fs::create_dir(dir.path().join(outlet)).unwrap();
        let text = format!("افتتحت الجمعية العامة للإنتربول بمشاركة {n} دولة.\n");
        std::fs::write(dir.path().join(outlet).join("a.txt"), text).unwrap();
    }
    std::fs::write(dir.path().join("w.yaml"), "sources:\n  wire: 5\n").unwrap();
    let (_, plain) = json(dir.path(), &["check", ".", "--format", "json"]);
    assert!(
        plain["findings"][0]["help"]
            .as_str()
            .unwrap()
            .starts_with("the majority says 196"),
        "{plain:#}"
    );
    let (_, weighted) = json(
        dir.path(),
        &["check", ".", "--source-weights", "w.yaml", "--format", "json"],
    );
    let help = weighted["findings"][0]["help"].as_str().unwrap();
    assert!(
        help.starts_with("the weighted majority says 179 (1 article, weight 5)"),
        "{help}"
    );
}

#[test]
fn claim_shards_give_the_findings_of_one_run() {
    let (dir, corpus) = with_seeds("corpus");
    let mut files: Vec<String> = seed_names().iter().map(|name| format!("corpus/{name}")).collect();
    // Three more articles: one contradicts the session.
    let extras = [
        (
            "extra1.txt",
            "انطلقت الدورة الرابعة والتسعين للجمعية العامة للإنتربول.\n",
        ),
        ("extra2.txt", "تضم الإنتربول 196 دولة عضو.\n"),
        ("extra3.txt", "افتتحت الجمعية العامة للإنتربول بمشاركة 179 دولة.\n"),
    ];
    for (name, text) in extras {
        std::fs::write(corpus.join(name), text).unwrap();
        files.push(format!("corpus/{name}"));
    }
    files.sort();
    let whole = run_no_config(dir.path(), &["check", "corpus", "--format", "json"]).stdout;
    let mut shards = Vec::new();
    for (part, chunk) in files.chunks(2).enumerate() {
        let mut args = vec!["extract", "--format", "jsonl"];
        args.extend(chunk.iter().map(String::as_str));
        let out = run_no_config(dir.path(), &args);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let name = format!("shard{part}.jsonl");
        std::fs::write(dir.path().join(&name), out.stdout).unwrap();
        shards.push(name);
    }
    assert_eq!(shards.len(), 4);
    // Shards in any order give the same findings.
    shards.reverse();
    let mut args = vec!["check", "--format", "json", "--claims"];
    args.extend(shards.iter().map(String::as_str));
    let reduced = run_no_config(dir.path(), &args).stdout;
    let findings = |s: &str| serde_json::from_str::<Value>(s).unwrap()["findings"].to_string();
    assert_eq!(findings(&whole), findings(&reduced), "byte-identical findings");
    assert!(findings(&whole).contains("interpol.session"), "{whole}");
}

#[test]
fn jsonl_corpus_gives_the_claims_of_the_same_articles_as_files() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = String::new();
    for id in seed_names() {
        let text = read_seed(&id);
        lines += &serde_json::json!({ "id": id, "text": text }).to_string();
        lines.push('\n');
    }
    lines += "not json\n";
    std::fs::write(dir.path().join("c.jsonl"), lines).unwrap();
    let (code, doc) = json(dir.path(), &["extract", "c.jsonl", "--format", "json"]);
    assert_eq!(code, 2, "the bad line is reported");
    let (_, files) = json(&seeds(), &["extract", ".", "--format", "json"]);
    let values = |d: &Value| {
        let mut v: Vec<(String, String)> = d["claims"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (c["key"].to_string(), c["value"].to_string()))
            .collect();
        v.sort();
        v
    };
    assert_eq!(values(&doc), values(&files));
    assert_eq!(doc["unreadable"][0]["path"], "c.jsonl:6");
}

#[test]
fn report_is_written_to_a_file_and_never_over_an_article() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(&article, "تضم الإنتربول 196 دولة عضو.\n").unwrap();
    let out = run_no_config(dir.path(), &["check", "a.txt", "-o", "a.txt"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("refusing"), "{}", out.stderr);
    assert_eq!(
        std::fs::read_to_string(&article).unwrap(),
        "تضم الإنتربول 196 دولة عضو.\n"
    );
    let out = run_no_config(dir.path(), &["check", "a.txt", "-o", "report.json", "--format", "json"]);
    assert_eq!((out.code, out.stdout.as_str()), (0, ""));
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("report.json")).unwrap()).unwrap();
    assert_eq!(report["summary"]["claims"], 1);
}

const EXPO: &str = "pack: expo
language: ar
about: [المعرض]
rules:
  - id: opening
    title: Opening day of the fair
    kind: date
    patterns: ['افتتاح المعرض (?:يوم|في)\\s+{date}']
    examples:
      - { text: 'افتتاح المعرض في 1 رمضان 1446 هـ', value: '2025-03-01' }
";

#[test]
fn a_hijri_date_agrees_with_its_gregorian_day_and_not_with_the_next() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("expo.yaml"), EXPO).unwrap();
    std::fs::write(dir.path().join("a.txt"), "كان افتتاح المعرض في 1 رمضان 1446 هـ.\n").unwrap();
    std::fs::write(dir.path().join("b.txt"), "كان افتتاح المعرض يوم 1 مارس 2025.\n").unwrap();
    std::fs::write(dir.path().join("c.txt"), "كان افتتاح المعرض يوم 2 مارس 2025.\n").unwrap();
    let args = [
        "check",
        "a.txt",
        "b.txt",
        "--no-default-rules",
        "--rules",
        "expo.yaml",
        "--format",
        "json",
    ];
    let (code, doc) = json(dir.path(), &args);
    assert_eq!((code, doc["summary"]["claims"].as_u64()), (0, Some(2)), "{doc:#}");
    let args = [
        "check",
        "a.txt",
        "c.txt",
        "--no-default-rules",
        "--rules",
        "expo.yaml",
        "--format",
        "json",
    ];
    let (code, doc) = json(dir.path(), &args);
    assert_eq!(code, 1);
    assert_eq!(
        doc["findings"][0]["message"],
        "Opening day of the fair: articles disagree (2025-03-01 vs 2025-03-02)"
    );
}

#[test]
fn a_weekday_that_is_not_the_dates_weekday_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "تنطلق أشغال الإنتربول يوم الاثنين 25 نونبر 2025 بمراكش.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.txt"),
        "تنطلق أشغال الإنتربول يوم الاثنين 24 نونبر 2025 بمراكش.\n",
    )
    .unwrap();
    let (code, doc) = json(dir.path(), &["check", "a.txt", "b.txt", "--format", "json"]);
    assert_eq!(code, 0, "a warning does not fail at --fail-on error");
    let findings = doc["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{doc:#}");
    assert_eq!(findings[0]["code"], "weekday-mismatch");
    assert_eq!(findings[0]["severity"], "warning");
    assert_eq!(findings[0]["claims"][0]["article"], "a.txt");
    assert!(findings[0]["message"]
        .as_str()
        .unwrap()
        .contains("2025-11-25 is a Tuesday"));
    let out = run_no_config(dir.path(), &["check", "a.txt", "--fail-on", "warning"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
}

#[test]
fn against_a_corpus_only_the_drafts_own_self_contradiction_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("archive");
    std::fs::create_dir(&archive).unwrap();
    // A published wire story that contradicts itself, and one that does not.
    std::fs::write(
        archive.join("wire.md"),
        "تضم الإنتربول 196 دولة عضو. وفي فقرة لاحقة: تضم الإنتربول 195 دولة عضو.\n",
    )
    .unwrap();
    std::fs::write(archive.join("agency.md"), "تضم الإنتربول 196 دولة عضو.\n").unwrap();
    std::fs::write(
        dir.path().join("draft.md"),
        "تضم الإنتربول 196 دولة عضو، وفي الخلاصة تضم الإنتربول 194 دولة عضو.\n",
    )
    .unwrap();
    let args = ["check", "draft.md", "--against", "archive", "--format", "json"];
    let (code, doc) = json(dir.path(), &args);
    assert_eq!(code, 1, "{doc:#}");
    let selves = findings(&doc, "self-contradiction");
    assert_eq!(selves.len(), 1, "the wire story's own is not the draft's: {doc:#}");
    assert!(selves[0]["claims"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["article"] == "draft.md"));
    // Checked alone, the archive reports the wire story's.
    let (_, alone) = json(dir.path(), &["check", "archive", "--format", "json"]);
    let wire = findings(&alone, "self-contradiction")
        .iter()
        .any(|f| f["claims"][0]["article"].as_str().unwrap().ends_with("wire.md"));
    assert!(wire, "{alone:#}");
}
