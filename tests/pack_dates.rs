//! A rule pack says in which order its outlets write all-numeric dates
//! (`lexicon: { numeric-order: month-first }`): `03/04/2025` is then
//! 4 March, where the built-in order (day first) reads 3 April. A first
//! number above 12 is the day whatever the pack says.

use crosscheck::rules::RuleSet;
use crosscheck::text::normalize::fold;

fn pack(name: &str, lexicon: &str) -> String {
    format!(
        r#"
pack: {name}
language: ar
{lexicon}
rules:
  - id: signed
    title: Date the agreement was signed
    kind: date
    patterns: ['وقعت بتاريخ {{date}}']
"#
    )
}

fn read(rules: &RuleSet, text: &str) -> Vec<String> {
    let rule = &rules.rules[0];
    rule.find(&fold(text), None)
        .iter()
        .map(|m| m.value.canonical())
        .collect()
}

fn load(source: String) -> RuleSet {
    RuleSet::load(&[("pack.yaml".to_string(), source)]).unwrap_or_else(|e| panic!("{e:?}"))
}

#[test]
fn a_pack_can_read_numeric_dates_month_first() {
    let us = load(pack("us", "lexicon:\n  numeric-order: month-first"));
    assert_eq!(read(&us, "وقعت بتاريخ 03/04/2025"), ["2025-03-04"]);
    // 21 cannot be a month: the day, whatever the order.
    assert_eq!(read(&us, "وقعت بتاريخ 21/11/2025"), ["2025-11-21"]);
    assert_eq!(read(&us, "وقعت بتاريخ 11/21/2025"), ["2025-11-21"]);
}

#[test]
fn without_a_word_from_the_pack_numeric_dates_are_day_first() {
    let plain = load(pack("plain", ""));
    assert_eq!(read(&plain, "وقعت بتاريخ 03/04/2025"), ["2025-04-03"]);
    assert_eq!(read(&plain, "وقعت بتاريخ 11/21/2025"), ["2025-11-21"]);
    let explicit = load(pack("eu", "lexicon:\n  numeric-order: day-first"));
    assert_eq!(read(&explicit, "وقعت بتاريخ 03/04/2025"), ["2025-04-03"]);
}

#[test]
fn an_unknown_order_is_a_rule_error() {
    let err = RuleSet::load(&[(
        "pack.yaml".to_string(),
        pack("bad", "lexicon:\n  numeric-order: year-first"),
    )])
    .expect_err("year-first is no order");
    let text = format!("{err:?}");
    assert!(
        text.contains("year-first") || text.contains("unknown variant"),
        "{text}"
    );
}
