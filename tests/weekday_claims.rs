//! Weekdays with a time of day are date claims: two that cannot both be
//! true of one event (`فجر السبت` and `مساء الجمعة` for one quake) are a
//! self-contradiction, with or without a publication date to place them.

mod support;

use support::{fixture, run_no_config};

const ARTICLE: &str = "ضرب زلزال بقوة 6 درجات المنطقة فجر السبت، وخلف أضرارا مادية.\n\
وأفاد شهود بأن الزلزال وقع مساء الجمعة حين كان السكان في منازلهم.\n";

fn check(article: &str) -> serde_json::Value {
    let out = run_article(article);
    assert_eq!(out.code, 1, "{}", out.stderr);
    out.json()
}

/// `check` of one article with the quake pack, as JSON.
fn run_article(article: &str) -> support::Output {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), article).unwrap();
    run_no_config(
        dir.path(),
        &[
            "check",
            "a.txt",
            "--rules",
            &fixture("quake.yaml"),
            "--no-default-rules",
            "--format",
            "json",
        ],
    )
}

fn values(finding: &serde_json::Value) -> Vec<&str> {
    let mut v: Vec<&str> = finding["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["value"].as_str().unwrap())
        .collect();
    v.sort_unstable();
    v
}

#[test]
fn dawn_on_saturday_and_friday_evening_contradict_in_a_dated_article() {
    let doc = check(&format!("---\npublished: 2024-03-09\n---\n{ARTICLE}"));
    let findings = doc["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{doc:#}");
    assert_eq!(findings[0]["code"], "self-contradiction");
    assert_eq!(values(&findings[0]), ["2024-03-08", "2024-03-09"]);
}

#[test]
fn without_a_publication_date_the_weekdays_still_contradict() {
    let doc = check(ARTICLE);
    let findings = doc["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{doc:#}");
    assert_eq!(findings[0]["code"], "self-contradiction");
    assert_eq!(values(&findings[0]), ["-W-5", "-W-6"]);
}

#[test]
fn the_night_into_saturday_agrees_with_dawn_on_saturday() {
    let article = "ضرب زلزال المنطقة فجر السبت.\nوقع الزلزال ليلة السبت وكان السكان نياما.\n";
    let out = run_article(article);
    assert_eq!(out.code, 0, "{}", out.stdout);
}
