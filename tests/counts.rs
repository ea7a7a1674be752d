//! Counts as newsrooms write them, as a user of `check` and `extract`
//! sees them: a range is the interval it states (agrees with a figure
//! inside it, contradicts one outside); a round figure with a scale word
//! agrees with a precise one within its rounding when the rule says
//! `round: approximate`; a vague quantity (`عشرات`) is at least its bound;
//! French wire forms (`1.874`, `1 874`) are one number.

mod support;

use support::{claims, Dir};

/// A flood's missing, in Arabic; `round` is filled in by each test.
fn missing_pack(round: &str) -> String {
    format!(
        "pack: flood\nlanguage: ar\nrules:\n  - id: missing\n    title: People missing after the flood\n    kind: count\n{round}    patterns: ['{{count}}\\s+(?:مفقود|مفقودا|المفقودين)']\n  - id: damage\n    title: Damage in dollars\n    kind: count\n    patterns: ['{{count}}\\s+دولار']\n"
    )
}

/// `check --format json` over two articles: the exit code and the codes
/// of the findings.
fn check(pack: &str, a: &str, b: &str) -> (i32, Vec<String>, serde_json::Value) {
    let dir = Dir::new();
    dir.write("pack.yaml", pack).write("a.txt", a).write("b.txt", b);
    let out = dir.run(&[
        "check",
        "a.txt",
        "b.txt",
        "--no-default-rules",
        "--rules",
        "pack.yaml",
        "--format",
        "json",
    ]);
    let doc = out.json();
    let codes = doc["findings"]
        .as_array()
        .map(|f| f.iter().map(|x| x["code"].as_str().unwrap_or("").to_string()).collect())
        .unwrap_or_default();
    (out.code, codes, doc)
}

/// Every (key, value) `extract` reads in one article.
fn extract(pack: &str, text: &str) -> Vec<(String, String)> {
    let dir = Dir::new();
    dir.write("pack.yaml", pack).write("a.txt", text);
    let out = dir
        .run(&[
            "extract",
            "a.txt",
            "--no-default-rules",
            "--rules",
            "pack.yaml",
            "--format",
            "json",
        ])
        .expect(0);
    claims(&out.json()).into_iter().map(|(k, _, v)| (k, v)).collect()
}

#[test]
fn a_range_agrees_with_a_figure_inside_it_and_contradicts_one_outside() {
    let pack = missing_pack("");
    let range = "أعلنت السلطات عن من 4000 إلى 4500 مفقود بعد الفيضانات.\n";
    assert_eq!(
        extract(&pack, range),
        [("flood.missing".to_string(), "4000-4500".to_string())]
    );
    let (code, codes, doc) = check(&pack, range, "وتحدثت مصادر محلية عن 4200 مفقود.\n");
    assert_eq!((code, codes.len()), (0, 0), "{doc:#}");
    let (code, codes, doc) = check(&pack, range, "وتحدثت مصادر محلية عن 5000 مفقود.\n");
    assert_eq!(code, 1, "{doc:#}");
    assert_eq!(codes, ["contradiction"]);
    let message = doc["findings"][0]["message"].as_str().unwrap();
    assert!(message.contains("4000-4500") && message.contains("5000"), "{message}");
}

#[test]
fn a_range_of_another_noun_is_not_read_unless_the_pattern_says_so() {
    let pack = missing_pack("");
    let text = "قدرت الخسائر من 4000 إلى 4500 دولار، وتحدثت المصادر عن 30 مفقودا.\n";
    assert_eq!(
        extract(&pack, text),
        [
            ("flood.damage".to_string(), "4000-4500".to_string()),
            ("flood.missing".to_string(), "30".to_string()),
        ]
    );
}

#[test]
fn a_figure_that_moved_from_one_number_to_another_is_no_range() {
    let pack = missing_pack("");
    let text = "وارتفع عدد المفقودين من 4000 إلى 4500 مفقود حسب الحماية المدنية.\n";
    assert_eq!(
        extract(&pack, text),
        [("flood.missing".to_string(), "4500".to_string())]
    );
}

#[test]
fn a_round_figure_agrees_within_its_rounding_when_the_rule_says_approximate() {
    let round = "ارتفع العدد إلى 9 آلاف مفقود.\n";
    let precise = "وبلغ العدد 9240 مفقودا.\n";
    // By default a figure is the number it says.
    let (code, codes, _) = check(&missing_pack(""), round, precise);
    assert_eq!((code, codes), (1, vec!["contradiction".to_string()]));
    let approximate = missing_pack("    round: approximate\n");
    assert_eq!(
        extract(&approximate, round),
        [("flood.missing".to_string(), "9000±500".to_string())]
    );
    let (code, codes, doc) = check(&approximate, round, precise);
    assert_eq!((code, codes.len()), (0, 0), "{doc:#}");
    // 9 500 rounds to 10 thousand: outside.
    let (code, codes, _) = check(&approximate, round, "وبلغ العدد 9500 مفقود.\n");
    assert_eq!((code, codes), (1, vec!["contradiction".to_string()]));
}

const DEATHS: &str = "pack: raid\nlanguage: ar\nrules:\n  - id: deaths\n    title: Deaths in the raid\n    kind: count\n    patterns: ['{count}\\s+(?:القتلى|قتلى|قتيلا|قتيل)']\n";

#[test]
fn dozens_agree_with_forty_and_contradict_five() {
    let dozens = "أسفرت الغارة عن عشرات القتلى في صفوف المدنيين.\n";
    assert_eq!(
        extract(DEATHS, dozens),
        [("raid.deaths".to_string(), ">=12".to_string())]
    );
    let (code, codes, doc) = check(DEATHS, dozens, "أسفرت الغارة عن 40 قتيلا.\n");
    assert_eq!((code, codes.len()), (0, 0), "{doc:#}");
    let (code, codes, _) = check(DEATHS, dozens, "أسفرت الغارة عن 5 قتلى.\n");
    assert_eq!((code, codes), (1, vec!["contradiction".to_string()]));
}

const SEISME: &str = "pack: seisme\nlanguage: fr\nrules:\n  - id: deaths\n    title: Morts du séisme\n    kind: count\n    patterns: ['{count}\\s+morts']\n";

#[test]
fn french_dot_thousands_and_narrow_spaces_are_one_number() {
    let dot = "Selon un dernier bilan, le séisme a fait 1.874 morts.\n";
    let narrow = "Le séisme a fait 1\u{202f}874 morts, selon le ministère.\n";
    assert_eq!(
        extract(SEISME, dot),
        [("seisme.deaths".to_string(), "1874".to_string())]
    );
    assert_eq!(
        extract(SEISME, narrow),
        [("seisme.deaths".to_string(), "1874".to_string())]
    );
    let (code, codes, doc) = check(SEISME, dot, narrow);
    assert_eq!((code, codes.len()), (0, 0), "{doc:#}");
    let more = "Le séisme a fait plus de 3.000 morts.\n";
    assert_eq!(
        extract(SEISME, more),
        [("seisme.deaths".to_string(), ">3000".to_string())]
    );
    let (code, codes, _) = check(SEISME, dot, "Le séisme a fait 4 000 à 4 500 morts.\n");
    assert_eq!((code, codes), (1, vec!["contradiction".to_string()]));
}

#[test]
fn english_counts_in_wire_forms() {
    let pack = "pack: quake\nlanguage: en\nrules:\n  - id: deaths\n    title: Deaths in the quake\n    kind: count\n    patterns: ['{count}\\s+(?:dead|people)']\n";
    for (text, value) in [
        ("The toll stood at 1 thousand 874 dead.\n", "1874"),
        ("The quake killed at least 1,874 people.\n", ">=1874"),
        ("The quake killed more than two thousand people.\n", ">2000"),
        ("Rescuers counted 4,000-4,500 dead.\n", "4000-4500"),
        ("The quake killed dozens of people.\n", ">=12"),
    ] {
        assert_eq!(
            extract(pack, text),
            [("quake.deaths".to_string(), value.to_string())],
            "{text}"
        );
    }
}

#[test]
fn a_range_across_a_line_break_reads_without_panic() {
    let pack = missing_pack("");
    let text = "وارتفع عدد المفقودين من 4000 إلى\n4500 مفقود.\n";
    // The line break ends the sentence: the figure next to its noun.
    assert_eq!(
        extract(&pack, text),
        [("flood.missing".to_string(), "4500".to_string())]
    );
}
