//! A finding quotes a few claims of each value it names and counts the
//! rest, in every format; `--all-claims` quotes them all. Baselines and
//! the summary still see every claim.

mod support;

use serde_json::Value;
use support::{Dir, Output};

/// Twelve articles on the INTERPOL assembly (the built-in pack), each
/// stating the number of countries twice: eight say 179, four say 196.
fn corpus() -> Dir {
    let dir = Dir::new();
    for i in 0..12 {
        let countries = if i % 3 == 2 { 196 } else { 179 };
        dir.write(
            &format!("content/{i:02}.txt"),
            format!(
                "مراكش — تقام الجمعية العامة للإنتربول بمشاركة {countries} دولة، عبر نحو 800 مندوب.\n\
                 وقال المنظمون إن الدورة تعرف مشاركة {countries} دولة من مختلف القارات.\n"
            ),
        );
    }
    dir
}

fn countries(out: &Output) -> Value {
    let doc = out.json();
    doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["key"] == "interpol.participating-countries")
        .unwrap_or_else(|| panic!("no finding on the countries: {}", out.stdout))
        .clone()
}

/// (article, value, role) of each quoted claim.
fn quoted(finding: &Value) -> Vec<(String, String, String)> {
    finding["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .map(|c| {
            let s = |k: &str| c[k].as_str().unwrap_or_default().to_string();
            (s("article"), s("value"), s("role"))
        })
        .collect()
}

#[test]
fn a_finding_quotes_three_articles_a_value_and_counts_the_rest() {
    let dir = corpus();
    let out = dir.run(&["check", "content", "--format", "json"]).expect(1);
    let finding = countries(&out);
    let claims = quoted(&finding);
    let article = |i: usize| format!("content/{i:02}.txt");
    let expected: Vec<(String, String, String)> =
        [(0, "179", "majority"), (1, "179", "majority"), (3, "179", "majority")]
            .into_iter()
            .chain([(2, "196", "outlier"), (5, "196", "outlier"), (8, "196", "outlier")])
            .map(|(i, v, r)| (article(i), v.to_string(), r.to_string()))
            .collect();
    assert_eq!(claims, expected, "{finding:#}");
    assert_eq!(finding["unquoted"], 24 - 6, "{finding:#}");
    // The summary counts every claim read, quoted or not.
    assert_eq!(out.json()["summary"]["claims"].as_u64().map(|n| n >= 24), Some(true));
    // The help still names each value with its article count.
    let help = finding["help"].as_str().unwrap_or_default();
    assert!(
        help.contains("179 (8 articles)") && help.contains("4 articles"),
        "{help}"
    );
}

#[test]
fn all_claims_quotes_every_claim_and_counts_none() {
    let dir = corpus();
    let all = dir
        .run(&["check", "content", "--format", "json", "--all-claims"])
        .expect(1);
    let finding = countries(&all);
    assert_eq!(quoted(&finding).len(), 24, "{finding:#}");
    assert!(finding.get("unquoted").is_none(), "{finding:#}");
    let few = dir.run(&["check", "content", "--format", "json"]).expect(1);
    assert_eq!(all.json()["summary"], few.json()["summary"]);
}

#[test]
fn every_format_says_how_many_claims_it_left_out() {
    let dir = corpus();
    let human = dir.run(&["check", "content"]).expect(1);
    // Human output folds the help line; join it back.
    let flat = human.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("(18 more claims not quoted)"), "{}", human.stdout);

    let short = dir.run(&["check", "content", "--format", "short"]).expect(1);
    let lines: Vec<&str> = short
        .stdout
        .lines()
        .filter(|l| l.contains("interpol.participating-countries"))
        .collect();
    assert_eq!(lines.len(), 6, "{}", short.stdout);
    assert!(
        lines.iter().all(|l| l.contains("(18 more claims not quoted)")),
        "{}",
        short.stdout
    );

    let sarif = dir.run(&["check", "content", "--format", "sarif"]).expect(1);
    let doc = sarif.json();
    let result = doc["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .find(|r| r["ruleId"] == "interpol.participating-countries")
        .expect("a result on the countries")
        .clone();
    assert_eq!(result["properties"]["unquoted"], 18, "{result:#}");
    assert_eq!(
        result["relatedLocations"].as_array().map(Vec::len),
        Some(5),
        "{result:#}"
    );
    assert!(
        result["message"]["text"]
            .as_str()
            .unwrap_or_default()
            .ends_with("and 18 more."),
        "{result:#}"
    );

    let github = dir.run(&["check", "content", "--format", "github"]).expect(1);
    assert!(github.stdout.contains("and 18 more"), "{}", github.stdout);

    let html = dir.run(&["check", "content", "--format", "html"]).expect(1);
    assert!(
        html.stdout
            .contains("<li class=\"more\">18 more claims not quoted</li>"),
        "{}",
        html.stdout
    );
}

#[test]
fn a_baseline_records_every_claim_of_a_finding_it_quotes_in_part() {
    let dir = corpus();
    dir.run(&["check", "content", "--write-baseline", "baseline.json"])
        .expect(0);
    let baseline: Value = serde_json::from_slice(&dir.read("baseline.json")).expect("a baseline");
    let entry = baseline["findings"]
        .as_array()
        .expect("entries")
        .iter()
        .find(|e| e["key"] == "interpol.participating-countries")
        .expect("an entry on the countries")
        .clone();
    // Every article, with its value: twelve pairs, not the six quoted.
    assert_eq!(entry["claims"].as_array().map(Vec::len), Some(12), "{entry:#}");
    let out = dir
        .run(&["check", "content", "--baseline", "baseline.json", "--format", "json"])
        .expect(0);
    let finding = countries(&out);
    assert_eq!(finding["baselined"], true, "{finding:#}");
    assert_eq!(finding["unquoted"], 18);
    assert_eq!(out.json()["summary"]["stale"], 0);
}
