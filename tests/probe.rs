//! `crosscheck probe` prints what a rule would claim: numbers with their
//! qualifier in canonical form (`~800`, `>140`), fractions read right or not
//! at all, Hijri ranges in the Gregorian calendar, dates relative to
//! `--reference`.

mod support;

use support::{root, run, Output};

/// The values probe prints for each text, in order.
fn probe(kind: &str, reference: Option<&str>, texts: &[&str]) -> Vec<Vec<String>> {
    let mut args = vec!["probe", "--kind", kind];
    if let Some(r) = reference {
        args.extend(["--reference", r]);
    }
    args.extend(texts);
    let out = run(root(), &args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.stdout
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("a JSON line");
            v["values"]
                .as_array()
                .expect("values")
                .iter()
                .map(|s| s.as_str().unwrap().to_string())
                .collect()
        })
        .collect()
}

fn check(kind: &str, reference: Option<&str>, cases: &[(&str, &[&str])]) {
    let texts: Vec<&str> = cases.iter().map(|c| c.0).collect();
    let got = probe(kind, reference, &texts);
    for ((text, want), got) in cases.iter().zip(got) {
        assert_eq!(got, *want, "probe --kind {kind} {text:?}");
    }
}

#[test]
fn numbers_keep_their_qualifier() {
    check(
        "number",
        None,
        &[
            ("نحو 800", &["~800"]),
            ("أكثر من 140", &[">140"]),
            ("ما لا يقل عن 30", &[">=30"]),
            ("أقل من 5", &["<5"]),
            ("ما لا يزيد عن 5", &["<=5"]),
            ("بمشاركة 179 دولة، عبر نحو 800 مندوب و82 مديرا", &["179", "~800", "82"]),
            ("بحوالي ثلاثة آلاف شخص", &["~3000"]),
            ("196 دولة", &["196"]),
        ],
    );
}

/// A range is one interval and a vague quantity its bound, as a rule's
/// `{count}` reads them, not two numbers and nothing.
#[test]
fn ranges_and_vague_quantities_read_as_a_count_does() {
    check(
        "count",
        None,
        &[
            ("من 4000 إلى 4500 مفقود", &["4000-4500"]),
            ("عشرات القتلى", &[">=12"]),
            ("مئات المصابين و37 قتيلا", &[">=100", "37"]),
        ],
    );
}

#[test]
fn fractions_and_feminine_compounds() {
    check(
        "number",
        None,
        &[
            ("ثلث مليون", &["333333.3333333333"]),
            ("ثلاثة ونصف", &["3.5"]),
            ("ثلثي مليون", &[]),
            ("إحدى وعشرون", &["21"]),
            ("إحدى وعشرين", &["21"]),
            ("إحدى", &[]),
        ],
    );
}

#[test]
fn hijri_ranges_and_relative_dates() {
    check(
        "date-range",
        None,
        &[("من 3 إلى 6 جمادى الآخرة 1447 هـ", &["2025-11-24/2025-11-27"])],
    );
    check(
        "date",
        Some("2025-11-24"),
        &[
            ("أول أمس", &["2025-11-22"]),
            ("أمس", &["2025-11-23"]),
            ("يناير المقبل", &["2026-01"]),
            ("أكتوبر الماضي", &["2025-10"]),
        ],
    );
    check("date", Some("2025-12-30"), &[("3 يناير", &["2026-01-03"])]);
    check("date", Some("2026-01-03"), &[("28 ديسمبر", &["2025-12-28"])]);
}

/// A pack's number words and month names, for `probe --rules`.
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
    patterns: ['{count} (?:فرق|فريق)']
"#;

fn probe_with(args: &[&str]) -> Output {
    run(root(), &[&["probe"], args].concat())
}

fn values_of(out: &Output) -> Vec<String> {
    out.stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("a JSON line")["values"].to_string())
        .collect()
}

#[test]
fn probe_reads_with_a_packs_number_words() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("darija.yaml");
    std::fs::write(&pack, DARIJA).unwrap();
    let pack = pack.to_str().unwrap();
    let texts = ["شاركت جوج فرق", "شارك ربعين فريق", "شاركت 12 فرقة"];
    let with = probe_with(&[&["--rules", pack, "--kind", "number"], &texts[..]].concat());
    assert_eq!(with.code, 0, "{}", with.stderr);
    assert_eq!(values_of(&with), [r#"["2"]"#, r#"["40"]"#, r#"["12"]"#]);
    // The built-in grammar does not know the pack's words.
    let without = probe_with(&[&["--kind", "number"], &texts[..]].concat());
    assert_eq!(values_of(&without), ["[]", "[]", r#"["12"]"#]);
}

#[test]
fn probe_with_a_pack_of_another_language_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("darija.yaml");
    std::fs::write(&pack, DARIJA).unwrap();
    let out = probe_with(&[
        "--rules",
        pack.to_str().unwrap(),
        "--language",
        "fr",
        "--kind",
        "number",
        "deux",
    ]);
    assert_eq!(out.code, 2);
    let err = &out.stderr;
    assert!(
        err.contains("no pack given with --rules is in `fr` (they are in ar)"),
        "{err}"
    );
}

#[test]
fn probe_with_a_broken_pack_points_at_it() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("broken.yaml");
    std::fs::write(&pack, "pack: x\nlanguage: ar\nrules:\n  - id: a\n    kind: nonsense\n").unwrap();
    let out = probe_with(&["--rules", pack.to_str().unwrap(), "--kind", "number", "12"]);
    assert_eq!(out.code, 2);
    let err = &out.stderr;
    assert!(err.contains("broken.yaml:5"), "{err}");
}

#[test]
fn dates_show_the_form_read_and_the_time_of_day() {
    let out = run(
        root(),
        &[
            "probe",
            "--kind",
            "date",
            "--reference",
            "2024-03-09",
            "ضرب الزلزال فجر السبت",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(out.stdout.trim()).expect("a JSON line");
    assert_eq!(v["values"][0], "2024-03-09");
    assert_eq!(v["readings"][0]["form"], "weekday");
    assert_eq!(v["readings"][0]["time"], "dawn");
    let out = run(
        root(),
        &["probe", "--kind", "date-range", "من 3 مارس 2024 إلى غاية 6 منه"],
    );
    let v: serde_json::Value = serde_json::from_str(out.stdout.trim()).expect("a JSON line");
    assert_eq!(v["values"][0], "2024-03-03/2024-03-06");
    assert_eq!(v["readings"][0]["form"], "same-month");
}
