//! `check --format sarif` on the seed articles: valid SARIF 2.1.0 (against
//! the vendored OASIS schema), regions that point at the claims' text,
//! consistent rule and artifact indexes, and the same bytes whatever the
//! number of threads.

mod support;

use serde_json::Value;
use std::collections::HashSet;
use support::{root, run};

const OUTLIER_179: &str = "seeds/003_5eeac2ce75b1fb3d.txt";
const OUTLIER_196: &str = "seeds/004_ab1a5d83bf4eb712.txt";

/// Runs `crosscheck check seeds/ --format sarif` plus `extra` from the
/// crate's folder; its standard output.
fn sarif_text(extra: &[&str]) -> String {
    let out = run(root(), &[&["check", "seeds/", "--format", "sarif"], extra].concat());
    // 1: findings at error level; 0: none. 2 would be a rule or input error.
    assert!(
        matches!(out.code, 0 | 1),
        "crosscheck exited with {}\nstderr:\n{}",
        out.code,
        out.stderr
    );
    out.stdout
}

fn sarif(extra: &[&str]) -> Value {
    let text = sarif_text(extra);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON: {e}\n{text}"))
}

/// The one run of a SARIF log.
fn sarif_run(doc: &Value) -> &Value {
    let runs = doc["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 1, "exactly one run");
    &runs[0]
}

fn results(doc: &Value) -> &Vec<Value> {
    sarif_run(doc)["results"].as_array().expect("results")
}

#[test]
fn validates_against_the_sarif_schema() {
    let text = std::fs::read_to_string(root().join("tests/data/sarif-2.1.0.json")).expect("schema");
    let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles");
    let doc = sarif(&[]);
    let errors: Vec<String> = validator
        .iter_errors(&doc)
        .map(|e| format!("at {} (schema {}): {e}", e.instance_path, e.schema_path))
        .collect();
    assert!(
        errors.is_empty(),
        "{} schema errors:\n{}",
        errors.len(),
        errors.join("\n")
    );
    // The validator is not vacuous: a bad level fails it.
    let mut broken = doc.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&broken), "the schema should reject level `fatal`");
    assert_eq!(doc["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
    assert_eq!(doc["version"], "2.1.0");
    let run = sarif_run(&doc);
    assert_eq!(run["tool"]["driver"]["name"], "crosscheck");
    assert_eq!(run["tool"]["driver"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    assert!(!results(&doc).is_empty(), "the seeds hold findings");
}

/// The line and column (1-based, in characters) of byte `offset`.
fn line_col(text: &str, offset: usize) -> (u64, u64) {
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.matches('\n').count() + 1;
    let column = before[line_start..].chars().count() + 1;
    (line as u64, column as u64)
}

/// Checks a location's region against the article file; returns the text
/// it covers.
fn check_region(location: &Value) -> (String, String) {
    let physical = &location["physicalLocation"];
    let uri = physical["artifactLocation"]["uri"].as_str().expect("uri").to_string();
    let region = &physical["region"];
    let file = std::fs::read(root().join(&uri)).unwrap_or_else(|e| panic!("read {uri}: {e}"));
    let text = String::from_utf8(file).expect("UTF-8 article");
    let start = region["byteOffset"].as_u64().expect("byteOffset") as usize;
    let len = region["byteLength"].as_u64().expect("byteLength") as usize;
    let covered = text
        .get(start..start + len)
        .unwrap_or_else(|| panic!("{uri}: bad byte range {region}"));
    assert_eq!(region["snippet"]["text"], covered, "{uri}: snippet");
    let (line, column) = line_col(&text, start);
    assert_eq!(region["startLine"], line, "{uri}: startLine");
    assert_eq!(region["startColumn"], column, "{uri}: startColumn");
    let (end_line, end_column) = line_col(&text, start + len);
    assert_eq!(region["endLine"], end_line, "{uri}: endLine");
    assert_eq!(region["endColumn"], end_column, "{uri}: endColumn");
    (uri, covered.to_string())
}

#[test]
fn the_participating_countries_contradiction_points_at_both_articles() {
    let doc = sarif(&[]);
    let result = results(&doc)
        .iter()
        .find(|r| r["ruleId"] == "interpol.participating-countries" && r["properties"]["code"] == "contradiction")
        .expect("the 179/196 contradiction");
    let primary = result["locations"].as_array().expect("locations");
    assert_eq!(primary.len(), 1);
    let related = result["relatedLocations"].as_array().expect("relatedLocations");
    let (primary_uri, primary_text) = check_region(&primary[0]);
    let related: Vec<(String, String)> = related.iter().map(check_region).collect();
    let mut all = vec![(primary_uri.clone(), primary_text)];
    all.extend(related.iter().cloned());
    for (uri, number) in [(OUTLIER_179, "179"), (OUTLIER_196, "196")] {
        let (_, text) = all
            .iter()
            .find(|(u, _)| u == uri)
            .unwrap_or_else(|| panic!("{uri} not in {all:?}"));
        assert!(text.contains(number), "{uri}: region {text:?} should hold {number}");
    }
    assert!(
        primary_uri == OUTLIER_179 || primary_uri == OUTLIER_196,
        "primary {primary_uri}"
    );
    let other = if primary_uri == OUTLIER_179 {
        OUTLIER_196
    } else {
        OUTLIER_179
    };
    assert!(
        related.iter().any(|(u, _)| u == other),
        "{other} should be a related location"
    );
    let ids: HashSet<u64> = result["relatedLocations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_u64().expect("related location id"))
        .collect();
    assert_eq!(ids.len(), related.len(), "related location ids are unique");
    assert_eq!(result["level"], "error");
    assert!(result["partialFingerprints"]["crosscheck/v1"].is_string());
    let values = result["properties"]["values"].as_array().expect("values");
    assert!(
        values.contains(&"179".into()) && values.contains(&"196".into()),
        "{values:?}"
    );

    // Every region of every result points at its claim's text.
    for r in results(&doc) {
        for l in r["locations"]
            .as_array()
            .into_iter()
            .chain(r["relatedLocations"].as_array())
            .flatten()
        {
            check_region(l);
        }
    }
}

#[test]
fn rule_and_artifact_indexes_are_valid() {
    let doc = sarif(&[]);
    let run = sarif_run(&doc);
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().expect("rule id")).collect();
    let unique: HashSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "rule ids are unique: {ids:?}");
    assert!(
        unique.contains("calendar.weekday"),
        "the weekday check has a descriptor: {ids:?}"
    );
    let artifacts = run["artifacts"].as_array().expect("artifacts");
    let uris: Vec<&str> = artifacts
        .iter()
        .map(|a| a["location"]["uri"].as_str().expect("uri"))
        .collect();
    assert_eq!(
        uris.iter().collect::<HashSet<_>>().len(),
        uris.len(),
        "artifacts once each: {uris:?}"
    );
    for r in results(&doc) {
        let index = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert!(index < rules.len(), "ruleIndex {index} out of range");
        assert_eq!(
            r["ruleId"], rules[index]["id"],
            "ruleIndex {index} points at another rule"
        );
        for l in r["locations"]
            .as_array()
            .into_iter()
            .chain(r["relatedLocations"].as_array())
            .flatten()
        {
            let artifact = &l["physicalLocation"]["artifactLocation"];
            let uri = artifact["uri"].as_str().expect("uri");
            assert!(
                uri.bytes()
                    .all(|b| b.is_ascii_graphic() && !b"\\\"<>^`{|}".contains(&b)),
                "not a URI reference: {uri}"
            );
            let index = artifact["index"].as_u64().expect("artifact index") as usize;
            assert_eq!(uris.get(index), Some(&uri), "artifact index {index} of {uri}");
        }
    }
}

#[test]
fn every_rule_descriptor_has_help_text_and_markdown() {
    let doc = sarif(&[]);
    let rules = sarif_run(&doc)["tool"]["driver"]["rules"].as_array().expect("rules");
    assert!(rules.len() > 2, "{rules:?}");
    for rule in rules {
        let id = rule["id"].as_str().expect("rule id");
        let title = rule["shortDescription"]["text"].as_str().expect("a title");
        let text = rule["help"]["text"]
            .as_str()
            .unwrap_or_else(|| panic!("{id} has no help text"));
        let markdown = rule["help"]["markdown"]
            .as_str()
            .unwrap_or_else(|| panic!("{id} has no Markdown help"));
        if id == "calendar.weekday" {
            // Built in, not a rule of a pack: nothing for `rules explain`.
            assert!(text.contains("weekday"), "{text}");
            continue;
        }
        let kind = rule["properties"]["kind"].as_str().expect("a kind");
        assert!(text.starts_with(&format!("{title} (kind: {kind}).")), "{id}: {text}");
        let explain = format!("`crosscheck rules explain {id}`");
        assert!(text.contains(&explain), "{id}: {text}");
        assert!(markdown.contains(&explain), "{id}: {markdown}");
        if let Some(full) = rule["fullDescription"]["text"].as_str() {
            assert!(text.contains(full), "{id}: the rule's help: {text}");
        }
    }
    // The pointer works: `rules explain` knows every rule's id.
    let id = rules[0]["id"].as_str().unwrap();
    let out = run(root(), &["rules", "explain", id]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn output_does_not_depend_on_the_number_of_threads() {
    let one = sarif_text(&["-j1"]);
    let two = sarif_text(&["-j2"]);
    assert!(!one.is_empty());
    assert!(one == two, "-j1 and -j2 differ");
}

#[test]
fn extract_does_not_offer_sarif() {
    let out = run(root(), &["extract", "seeds/", "--format", "sarif"]);
    assert_eq!(out.code, 2);
    let stderr = &out.stderr;
    assert!(
        stderr.contains("invalid value 'sarif'")
            && stderr.contains("[possible values: human, json, jsonl, github, short, html]"),
        "stderr: {stderr}"
    );
}

#[test]
fn a_message_links_each_related_location_to_its_article() {
    let doc = sarif(&[]);
    let mut linked = 0;
    for r in results(&doc) {
        let text = r["message"]["text"].as_str().expect("message text");
        let Some(related) = r["relatedLocations"].as_array() else {
            continue;
        };
        for l in related.iter().take(10) {
            let id = l["id"].as_u64().expect("a related location has an id");
            let article = l["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap();
            let link = format!("]({id})");
            let at = text
                .find(&link)
                .unwrap_or_else(|| panic!("no link to {id} in {text:?}"));
            let open = text[..at].rfind('[').expect("the link text opens");
            assert!(
                text[open + 1..at].starts_with(article),
                "link {id} names {article}: {text:?}"
            );
            linked += 1;
        }
    }
    assert!(linked >= 2, "the seeds' findings link their other articles ({linked})");
    let contradiction = results(&doc)
        .iter()
        .find(|r| r["ruleId"] == "interpol.participating-countries")
        .expect("the seeds' contradiction");
    assert!(
        contradiction["message"]["text"]
            .as_str()
            .unwrap()
            .ends_with(&format!("Also: [{OUTLIER_196} says 196](1).")),
        "{}",
        contradiction["message"]["text"]
    );
}
