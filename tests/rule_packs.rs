//! Every rule pack in `rules/` loads, and every rule's own `examples` and
//! `allows` hold: each case is checked here and named when it fails.

use crosscheck::rules::RuleSet;
use crosscheck::text::normalize::fold;

fn packs() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/rules");
    RuleSet::read_sources(std::path::Path::new(dir)).expect("rules/ is readable")
}

#[test]
fn every_pack_in_rules_folder_loads() {
    let sources = packs();
    assert!(!sources.is_empty(), "rules/ holds no pack");
    if let Err(errors) = RuleSet::load(&sources) {
        let messages: Vec<String> = errors
            .iter()
            .map(|e| format!("{}: {}", e.file.name(), e.message))
            .collect();
        panic!("rule errors:\n{}", messages.join("\n"));
    }
}

#[test]
fn every_example_reads_its_value_and_every_allow_reads_nothing() {
    let set = RuleSet::load(&packs()).expect("packs load");
    let mut failures = Vec::new();
    let mut cases = 0;
    for rule in &set.rules {
        for ex in &rule.examples {
            cases += 1;
            let read: Vec<String> = rule
                .find(&fold(&ex.text), None)
                .iter()
                .map(|m| m.value.canonical())
                .collect();
            if !read.contains(&ex.value) {
                failures.push(format!(
                    "{}: `{}` read {:?}, expected {}",
                    rule.key, ex.text, read, ex.value
                ));
            }
        }
        for text in &rule.allows {
            cases += 1;
            let read: Vec<String> = rule
                .find(&fold(text), None)
                .iter()
                .map(|m| m.value.canonical())
                .collect();
            if !read.is_empty() {
                failures.push(format!("{}: allow `{}` read {:?}", rule.key, text, read));
            }
        }
        assert!(!rule.examples.is_empty(), "{} has no examples", rule.key);
    }
    assert!(cases > 20, "only {cases} cases");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn builtin_packs_are_the_files_in_rules_folder() {
    let on_disk = packs();
    for (name, text) in crosscheck::rules::DEFAULT_PACKS {
        let found = on_disk.iter().find(|(path, _)| path.ends_with(name));
        assert_eq!(
            found.map(|(_, t)| t.as_str()),
            Some(*text),
            "{name} differs from rules/{name}"
        );
    }
}

#[test]
fn committed_schema_is_the_one_the_rule_types_generate() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/schema.json");
    let committed = std::fs::read_to_string(path).expect("rules/schema.json is committed");
    assert_eq!(
        committed,
        RuleSet::schema(),
        "rules/schema.json is stale: run `cargo run -- rules schema > rules/schema.json`"
    );
}

#[test]
fn every_pack_validates_against_the_schema() {
    let schema: serde_json::Value = serde_json::from_str(&RuleSet::schema()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    for (name, text) in packs() {
        let doc: serde_json::Value = serde_yaml::from_str(&text).expect("pack is YAML");
        let errors: Vec<String> = validator
            .iter_errors(&doc)
            .map(|e| format!("{e} at {}", e.instance_path))
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:?}");
    }
}
