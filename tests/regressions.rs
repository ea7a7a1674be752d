//! Regression tests: one a crash or hang the fuzzers (fuzz/, see
//! docs/fuzzing.md) found, named after what it broke, with the minimal input.

use crosscheck::compare;
use crosscheck::extract::Claim;
use crosscheck::grammar::number::NumberGrammar;
use crosscheck::grammar::Kind;
use crosscheck::model::value::{NumberSet, Value};
use crosscheck::rules::{RuleSet, Severity};
use crosscheck::text::span::{LineCol, Span};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// fuzz target `grammars`: `previous_word` stepped one byte past a
/// multi-byte whitespace (U+2028, U+00A0) and sliced inside it.
#[test]
fn find_cardinals_after_multibyte_whitespace_does_not_panic() {
    for lang in ["ar", "en", "fr"] {
        let g = NumberGrammar::for_language(lang).unwrap();
        for text in [
            "ثم\u{2028}في مليون",
            "ثم\u{00A0}في مليون",
            "a\u{2028}b million",
            "x\u{3000}y\u{2029}z mille",
        ] {
            for (start, end, _) in g.find_cardinals(text) {
                assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
            }
        }
    }
}

/// fuzz target `rules`: a node at the very end of the file (`patterns:`
/// with nothing after it) got the span (len, 1), one byte past the file.
#[test]
fn rule_error_span_at_end_of_file_stays_inside_the_file() {
    let text = "pack: p\nlanguage: ar\nrules:\n  - id: r\n    title: t\n    kind: count\n    patterns:\n    ";
    let errors = RuleSet::load(&[("r.yaml".to_string(), text.to_string())]).unwrap_err();
    for e in &errors {
        if let Some((offset, len)) = e.span {
            assert!(offset + len <= text.len(), "span {offset}+{len} past {}", text.len());
        }
    }
}

/// Found with the `rules` target's invariant: an escaped double-quoted
/// scalar is shorter than its source, so its span ended inside a char.
#[test]
fn rule_error_span_of_escaped_scalar_ends_on_a_char_boundary() {
    let text = "pack: p\nlanguage: ar\nrules:\n  - id: r\n    title: t\n    kind: count\n    patterns: [\"\\t\\tد\"]\n";
    let errors = RuleSet::load(&[("r.yaml".to_string(), text.to_string())]).unwrap_err();
    for e in &errors {
        if let Some((offset, len)) = e.span {
            assert!(offset + len <= text.len());
            assert!(text.is_char_boundary(offset) && text.is_char_boundary(offset + len));
        }
    }
}

fn claims(n: usize, per_article: usize, value_of: impl Fn(usize) -> usize) -> Vec<Claim> {
    let names: Vec<Arc<str>> = (0..n / per_article + 1)
        .map(|i| Arc::from(format!("a{i:07}.txt")))
        .collect();
    (0..n)
        .map(|i| Claim {
            key: "interpol.member-states".into(),
            rule: "interpol.member-states".into(),
            kind: Kind::Count,
            severity: Severity::Error,
            article: names[i / per_article].clone(),
            source: None,
            article_index: i / per_article,
            published: None,
            value: Value::Number(NumberSet::exact((180 + value_of(i)) as f64)),
            span: Span::new(i % per_article * 10, i % per_article * 10 + 3),
            line_col: LineCol { line: 1, column: 1 },
            weekday: None,
            text: "196".into(),
            excerpt: None,
            context: None,
        })
        .collect()
}

/// `edges claims`: in a tie, `with_roles` checked every claim against every
/// other claim (quadratic: ~10 min for 10^6 claims, two values, halves).
#[test]
fn compare_tie_in_a_big_group_is_not_quadratic() {
    let rules = RuleSet::default();
    let n = 100_000; // 10^6 in the fuzz crate's `edges claims`
    let c = claims(n, 1, |i| usize::from(i >= n / 2));
    let t = Instant::now();
    let findings = compare::compare(&rules, &c);
    assert_eq!(findings.len(), 1);
    assert!(t.elapsed() < Duration::from_secs(20), "took {:?}", t.elapsed());
}

/// `edges claims`: sorting findings recomputed each finding's first
/// position (a scan of all its claims) at every comparison (quadratic
/// with one big contradiction beside many self-contradictions).
#[test]
fn sorting_many_findings_beside_a_big_one_is_not_quadratic() {
    let rules = RuleSet::default();
    let c = claims(100_000, 10, |i| (i * 7 / 3) % 20);
    let t = Instant::now();
    let findings = compare::compare(&rules, &c);
    assert!(findings.len() > 1);
    assert!(t.elapsed() < Duration::from_secs(20), "took {:?}", t.elapsed());
}

/// `edges yaml`: serde_yaml (unsafe-libyaml) is quadratic in the depth of
/// flow collections under a block key: `a: [[[[…` of 100 000 brackets took
/// ~28 s in front matter or a rule file. Front matter nested deeper than
/// `yaml::MAX_FLOW_DEPTH` is now ignored before parsing (the body is kept).
#[test]
fn deeply_nested_front_matter_is_read_quickly() {
    let text = format!("---\na: {}0{}\n---\nbody", "[".repeat(100_000), "]".repeat(100_000));
    let t = Instant::now();
    let a = crosscheck::input::corpus::article_from_text("x.md".into(), text);
    assert_eq!(a.body(), "body");
    assert!(t.elapsed() < Duration::from_secs(2), "took {:?}", t.elapsed());
}

/// `edges yaml`: the same nesting in a rule file is refused before serde_yaml
/// sees it, with an error at the bracket that goes too deep.
#[test]
fn deeply_nested_rule_file_is_refused_quickly_at_the_bracket() {
    let depth = 100_000;
    let text = format!(
        "pack: p\nlanguage: ar\nrules:\n  - id: r\n    title: t\n    kind: count\n    patterns: {}0{}\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let t = Instant::now();
    let errors = RuleSet::load(&[("r.yaml".to_string(), text.clone())]).unwrap_err();
    assert!(t.elapsed() < Duration::from_secs(2), "took {:?}", t.elapsed());
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].message.contains("nested more than 64 deep"),
        "{}",
        errors[0].message
    );
    let first = text.find('[').unwrap();
    assert_eq!(errors[0].span, Some((first + crosscheck::yaml::MAX_FLOW_DEPTH, 1)));
    assert_eq!(errors[0].line_col(), Some((7, 15 + crosscheck::yaml::MAX_FLOW_DEPTH)));
}

/// The same nesting in the user's other YAML files: a `--sources` mapping
/// (parsed by yaml_rust2, which recursed once a level: `- - - …` 40 000
/// deep overflowed the stack), `--source-weights` and `--facts` (serde_yaml:
/// `a: [[[…` 100 000 deep took ~36 s). Each is refused before parsing, with
/// the line and column where it goes too deep.
fn deep_files() -> Vec<(String, (usize, usize))> {
    let depth = 100_000;
    let max = crosscheck::yaml::MAX_FLOW_DEPTH;
    vec![
        (
            format!("a: {}0{}\n", "[".repeat(depth), "]".repeat(depth)),
            (1, 4 + max),
        ),
        (
            format!("{}0{}\n", "{a: ".repeat(depth), "}".repeat(depth)),
            (1, 1 + 4 * max),
        ),
        (
            format!("{}0\n", "- ".repeat(depth)),
            (1, 1 + 2 * crosscheck::yaml::MAX_BLOCK_DEPTH),
        ),
        (
            format!("default: 1\nsources:\n  {}0\n", "? ".repeat(depth)),
            (3, 1 + 2 * crosscheck::yaml::MAX_BLOCK_DEPTH),
        ),
    ]
}

#[test]
fn deeply_nested_source_map_is_refused_quickly_with_its_place() {
    for (text, (line, column)) in deep_files() {
        let t = Instant::now();
        let err = crosscheck::input::sources::SourceMap::parse("map.yaml", text).unwrap_err();
        assert!(t.elapsed() < Duration::from_secs(2), "took {:?}", t.elapsed());
        assert!(err.message.contains("nested more than 64 deep"), "{}", err.message);
        assert_eq!(err.line_col(), Some((line, column)), "{err}");
        assert!(
            err.to_string()
                .starts_with(&format!("source map map.yaml:{line}:{column}: ")),
            "{err}"
        );
    }
}

#[test]
fn deeply_nested_weights_and_fact_sheet_are_refused_quickly_with_their_place() {
    let dir = tempfile::tempdir().unwrap();
    let rules = RuleSet::default();
    for (i, (text, (line, column))) in deep_files().into_iter().enumerate() {
        let path = dir.path().join(format!("deep{i}.yaml"));
        std::fs::write(&path, text).unwrap();
        let place = format!("nested more than 64 deep at line {line} column {column}");
        let t = Instant::now();
        let weights = crosscheck::input::sources::SourceWeights::load(&path).unwrap_err();
        assert!(t.elapsed() < Duration::from_secs(2), "took {:?}", t.elapsed());
        assert!(weights.reason.ends_with(&place), "{}", weights.reason);
        let t = Instant::now();
        let facts = crosscheck::compare::facts::Facts::load(&path, &rules).unwrap_err();
        assert!(t.elapsed() < Duration::from_secs(2), "took {:?}", t.elapsed());
        assert!(facts.reason.ends_with(&place), "{}", facts.reason);
    }
}

/// `edges big`: on one huge line (the INTERPOL sentence repeated; 100 MB did
/// not finish in 400 s) each claim's column and excerpt were found by
/// scanning from the start of the line, and the excerpt's end by scanning
/// to the end of the line: quadratic in the line's length (release: 1 MB
/// 1 s, 4 MB 14 s, 16 MB 247 s). A 2 MB line must give the claims of its
/// sentences, with their columns, in about the time the same sentences take
/// one a line (debug build: the old code took ~4.5 times as long; now ~1).
#[test]
fn claims_on_one_huge_line_are_not_quadratic() {
    use crosscheck::extract::extract_article;
    use crosscheck::input::corpus::article_from_text;
    let rules = RuleSet::load(&RuleSet::default_sources()).unwrap();
    let unit = "الإنتربول بمشاركة 196 دولة عضو في 24 نونبر 2025، ";
    let per_unit = extract_article(&rules, &article_from_text("one.txt".into(), unit.to_string()), 0).len();
    assert!(per_unit > 0);
    let n = (2 << 20) / unit.len() / 4 * 4;
    let extract = |text: String| {
        let article = article_from_text("big.txt".into(), text);
        let t = Instant::now();
        let claims = extract_article(&rules, &article, 0);
        (t.elapsed(), article.text, claims)
    };
    // A quarter of the sentences, one a line: the time to expect, over 4.
    let (quarter, _, split) = extract(format!("{unit}\n").repeat(n / 4));
    let (one_line, text, claims) = extract(unit.repeat(n));
    assert_eq!(claims.len(), per_unit * n);
    assert_eq!(split.len() * 4, claims.len());
    let unit_chars = unit.chars().count();
    for (i, c) in claims
        .iter()
        .enumerate()
        .step_by(997)
        .chain(claims.iter().enumerate().next_back())
    {
        let before = i / per_unit;
        let column = text[before * unit.len()..c.span.start].chars().count() + before * unit_chars + 1;
        assert_eq!((c.line_col.line, c.line_col.column), (1, column), "claim {i}");
        if let Some(s) = split.get(i) {
            assert_eq!(
                (s.line_col.line, s.line_col.column),
                (before + 1, column - before * unit_chars)
            );
        }
    }
    let expected = quarter * 4;
    assert!(
        one_line < expected * 3 + Duration::from_secs(1),
        "one line took {one_line:?}; the same sentences one a line {expected:?}"
    );
}

/// Found beside `edges big`: on a long line with no whitespace (the
/// INTERPOL sentence with `_` for spaces) the prefilter widened each window
/// around a word to the whitespace on both sides, scanning the whole "word"
/// at each hit: 256 KB took 1.8 s and 1 MB 30 s in release.
#[test]
fn prefilter_windows_in_one_huge_word_are_not_quadratic() {
    let rules = RuleSet::load(&RuleSet::default_sources()).unwrap();
    let unit = "تنعقد_الدورة_93_للجمعية_العامة_للانتربول_بمشاركة_196_دوله_عضو_";
    let text = format!("الانتربول {}", unit.repeat((1 << 20) / unit.len()));
    let t = Instant::now();
    assert_eq!(rules.find_all(&text, None).len(), 0);
    assert!(t.elapsed() < Duration::from_secs(10), "took {:?}", t.elapsed());
}
