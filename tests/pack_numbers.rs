//! A rule pack adds number words (`numbers:`) without any Rust change: a
//! Darija pack reads جوج (two) and ربعين (forty); the built-in grammar, and
//! every other pack, does not.

use crosscheck::rules::RuleSet;
use crosscheck::text::normalize::fold;

const DARIJA: &str = r#"
pack: darija
language: ar
numbers:
  units:
    2: [جوج]
  tens:
    40: [ربعين]
rules:
  - id: teams
    title: Teams taking part
    kind: count
    patterns: ['{count} (?:فرق|فريق|فرقة)']
    examples:
      - { text: 'شاركت جوج فرق فالدوري', value: '2' }
      - { text: 'شارك ربعين فريق', value: '40' }
      - { text: 'شاركت 12 فرقة', value: '12' }
      - { text: 'شاركت تقريبا جوج فرق', value: '~2' }
"#;

const PLAIN: &str = r#"
pack: plain
language: ar
rules:
  - id: teams
    title: Teams taking part
    kind: count
    patterns: ['{count} (?:فرق|فريق|فرقة)']
    examples:
      - { text: 'شاركت ثلاث فرق', value: '3' }
    allows: ['شاركت جوج فرق']
"#;

fn values(set: &RuleSet, key: &str, text: &str) -> Vec<String> {
    let rule = set.rules.iter().find(|r| r.key == key).expect("the rule is loaded");
    rule.find(&fold(text), None)
        .iter()
        .map(|m| m.value.canonical())
        .collect()
}

#[test]
fn a_pack_adds_dialect_number_words() {
    let sources = vec![
        ("darija.yaml".to_string(), DARIJA.to_string()),
        ("plain.yaml".to_string(), PLAIN.to_string()),
    ];
    let set = match RuleSet::load(&sources) {
        Ok(set) => set,
        Err(errors) => panic!("{:?}", errors.iter().map(|e| &e.message).collect::<Vec<_>>()),
    };
    assert_eq!(values(&set, "darija.teams", "شاركت جوج فرق"), ["2"]);
    assert_eq!(values(&set, "darija.teams", "شارك ربعين فريق"), ["40"]);
    // The built-in words still read in the pack.
    assert_eq!(values(&set, "darija.teams", "شاركت أربعين فرقة"), ["40"]);
    // The words stay the pack's own: another pack, and the built-in grammar, do not know them.
    assert!(values(&set, "plain.teams", "شاركت جوج فرق").is_empty());
    let builtin = crosscheck::grammar::number::NumberGrammar::for_language("ar").unwrap();
    assert!(builtin.find_cardinals(&fold("جوج فرق")).is_empty());
}

#[test]
fn the_pack_validates_against_the_schema() {
    let schema: serde_json::Value = serde_json::from_str(&RuleSet::schema()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let doc: serde_json::Value = serde_yaml::from_str(DARIJA).unwrap();
    let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn a_pack_cannot_change_how_words_combine() {
    let pack = DARIJA.replace("numbers:\n", "numbers:\n  settings: { units-first: false }\n");
    let errors = RuleSet::load(&[("darija.yaml".to_string(), pack)]).expect_err("settings are refused");
    assert!(
        errors.iter().any(|e| e.message.contains("settings")),
        "{:?}",
        errors[0].message
    );
    let unknown = DARIJA.replace("  units:\n", "  unitz:\n");
    let errors = RuleSet::load(&[("darija.yaml".to_string(), unknown)]).expect_err("unknown keys are refused");
    assert!(errors[0].message.contains("unitz"), "{}", errors[0].message);
}

/// A rule's `{count}` reads the words after the match as the finder does:
/// a construct dual before its noun, a fraction after the counted noun,
/// nothing inside a fraction the grammar does not evaluate.
const AROUND: &str = r#"
pack: around
language: ar
rules:
  - id: people
    title: People taking part
    kind: count
    patterns: ['{count}\s+(?:مواطن|شخص|دولار)']
    examples:
      - { text: 'شارك ألفا مواطن في المسيرة', value: '2000' }
      - { text: 'شارك ألفي شخص', value: '2000' }
      - { text: 'شارك ألف مواطن', value: '1000' }
      - { text: 'رصد مليونا دولار', value: '2000000' }
    allows: ['رصد ثلثي مليون دولار']
  - id: sentence
    title: Sentence in years
    kind: count
    patterns: ['{count}\s+(?:سنوات|أعوام|عاما|سنة)']
    examples:
      - { text: 'حكم عليه بالسجن ثلاث سنوات ونصف', value: '3.5' }
      - { text: 'حكم عليه بالسجن ثلاث سنوات', value: '3' }
    allows: ['حكم على خمس سنوات ونصف السكان']
"#;

#[test]
fn a_rule_count_reads_the_words_around_it() {
    let sources = vec![("around.yaml".to_string(), AROUND.to_string())];
    let set = match RuleSet::load(&sources) {
        Ok(set) => set,
        Err(errors) => panic!("{:?}", errors.iter().map(|e| &e.message).collect::<Vec<_>>()),
    };
    assert_eq!(values(&set, "around.people", "شارك ألفا مواطن"), ["2000"]);
    assert_eq!(
        values(&set, "around.people", "بلغ ثلثي مليون دولار"),
        Vec::<String>::new()
    );
    assert_eq!(values(&set, "around.sentence", "قضى ثلاث سنوات ونصف في السجن"), ["3.5"]);
    assert_eq!(
        values(&set, "around.sentence", "قضى خمس سنوات ونصف السنة"),
        Vec::<String>::new()
    );
}
