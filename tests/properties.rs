//! Property tests: what a user relies on, over generated inputs.
//!
//! Case counts are kept small (64–128) so `cargo test` stays fast in debug;
//! raise them with `PROPTEST_CASES=10000 cargo test --test properties`.

use chrono::NaiveDate;
use crosscheck::compare;
use crosscheck::extract::{extract_article, Claim};
use crosscheck::grammar::number::NumberGrammar;
use crosscheck::grammar::{Grammar, Kind};
use crosscheck::input::corpus::Article;
use crosscheck::model::value::{DateSet, NumberSet, Qualifier, Value};
use crosscheck::rules::RuleSet;
use crosscheck::text::normalize::{fold, Normalized};
use proptest::prelude::*;
use std::sync::OnceLock;

fn rules() -> &'static RuleSet {
    static R: OnceLock<RuleSet> = OnceLock::new();
    R.get_or_init(|| RuleSet::load(&RuleSet::default_sources()).expect("built-in rules load"))
}

fn grammar_ar() -> &'static Grammar {
    static G: OnceLock<Grammar> = OnceLock::new();
    G.get_or_init(|| Grammar::new("ar", None).expect("ar grammar"))
}

fn seed_sentences() -> &'static Vec<String> {
    static S: OnceLock<Vec<String>> = OnceLock::new();
    S.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let mut paths: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().map(|e| e.path()).collect();
        paths.sort();
        let mut out = Vec::new();
        for p in paths {
            let text = std::fs::read_to_string(p).unwrap();
            out.extend(
                text.split_inclusive(['.', '\n', '،'])
                    .filter(|s| !s.trim().is_empty())
                    .map(String::from),
            );
        }
        assert!(!out.is_empty(), "seeds/ has sentences");
        out
    })
}

/// Chars a reader of Arabic news meets, and the edge ones.
fn edge_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => prop::sample::select(vec![
            'ا', 'أ', 'إ', 'آ', 'ٱ', 'ى', 'ي', 'ة', 'ه', 'د', 'و', 'ل', 'ع', 'ن', 'م', 'ر', 'ب', 'ت', 'ف', 'ق', ' ',
        ]),
        2 => prop::sample::select(vec![
            '\u{064B}', '\u{064E}', '\u{064F}', '\u{0650}', '\u{0651}', '\u{0652}', '\u{0670}', 'ـ', '\u{200F}',
            '\u{200E}', '\u{061C}', '\u{202B}', '\u{2067}', '\u{200B}', '\u{FEFF}', '\u{2060}', '\u{00AD}',
            '\u{00A0}', '\u{2009}', '\u{202F}', '\u{3000}', '\u{2028}', '\r', '\n', '\0', '\t',
        ]),
        2 => prop::sample::select(vec!['٠', '١', '٢', '٩', '۰', '۱', '۹', '٫', '٬', '0', '1', '9', '.', ',', '-', '/']),
        1 => prop::sample::select(vec!['😀', '🇲', '🇦', '\u{200D}', '\u{0301}', '\u{10FFFF}', 'é', 'x']),
        1 => any::<char>(),
    ]
}

fn edge_string() -> impl Strategy<Value = String> {
    prop::collection::vec(edge_char(), 0..80).prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Every char-boundary span of the folded text maps back to char
    /// boundaries of the original, and each folded char maps back to an
    /// original piece that folds to it.
    #[test]
    fn normalization_spans_map_back_to_char_boundaries(s in edge_string(), picks in prop::collection::vec(any::<prop::sample::Index>(), 8)) {
        let n = Normalized::new(&s);
        let folded = &n.text;
        let expected = fold(&s);
        prop_assert_eq!(folded.as_str(), expected.as_str());
        let bounds: Vec<usize> = (0..=folded.len()).filter(|&i| folded.is_char_boundary(i)).collect();
        // each folded char
        for (i, ch) in folded.char_indices() {
            let span = n.original_span(i, i + ch.len_utf8(), &s);
            prop_assert!(span.start <= span.end && span.end <= s.len());
            prop_assert!(s.is_char_boundary(span.start) && s.is_char_boundary(span.end));
            let piece = &s[span.start..span.end];
            prop_assert_eq!(fold(piece), ch.to_string(), "folded char {:?} at {} maps to {:?}", ch, i, piece);
        }
        // random spans between char boundaries (empty ones included)
        for w in picks.chunks(2) {
            let (a, b) = (bounds[w[0].index(bounds.len())], bounds[w[1].index(bounds.len())]);
            let (a, b) = (a.min(b), a.max(b));
            let span = n.original_span(a, b, &s);
            prop_assert!(span.start <= span.end && span.end <= s.len());
            prop_assert!(s.is_char_boundary(span.start) && s.is_char_boundary(span.end));
            if a < b {
                prop_assert_eq!(fold(&s[span.start..span.end]), &folded[a..b]);
            }
        }
    }

    /// Number grammars never panic and every value lies inside its span.
    #[test]
    fn number_grammars_give_spans_on_char_boundaries(s in edge_string(), lang in prop::sample::select(vec!["ar", "en", "fr"])) {
        let g = NumberGrammar::for_language(lang).unwrap();
        for text in [s.clone(), fold(&s)] {
            for (start, end, _) in g.find_cardinals(&text) {
                prop_assert!(start < end && end <= text.len(), "cardinal span {}..{} in {:?}", start, end, text);
                prop_assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
            }
            for (start, end, _) in g.find_ordinals(&text) {
                prop_assert!(start < end && end <= text.len(), "ordinal span {}..{} in {:?}", start, end, text);
                prop_assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
            }
            let _ = g.parse_cardinal(&text);
            let _ = g.parse_ordinal(&text);
        }
    }

    /// Number grammars on sentences of the seeds cut at random places.
    #[test]
    fn number_grammars_on_seed_pieces(i in any::<prop::sample::Index>(), noise in edge_string(), at in any::<prop::sample::Index>()) {
        let sentences = seed_sentences();
        let mut text = fold(&sentences[i.index(sentences.len())]);
        let cut = (0..=text.len()).filter(|&k| text.is_char_boundary(k)).collect::<Vec<_>>();
        text.insert_str(cut[at.index(cut.len())], &noise);
        for lang in ["ar", "en", "fr"] {
            let g = NumberGrammar::for_language(lang).unwrap();
            for (start, end, _) in g.find_cardinals(&text).into_iter().chain(g.find_ordinals(&text).into_iter().map(|(a, b, v)| (a, b, v as f64))) {
                prop_assert!(start < end && end <= text.len());
                prop_assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
            }
        }
    }

    /// Date parsing never panics on arbitrary strings.
    #[test]
    fn date_grammar_never_panics(s in edge_string(), day in 0u32..4000) {
        let g = grammar_ar();
        let reference = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap().checked_add_days(chrono::Days::new(day.into()));
        for text in [s.clone(), fold(&s)] {
            let _ = g.dates.parse_date(&text, reference);
            let _ = g.dates.parse_date(&text, None);
            let _ = g.dates.parse_range(&text, reference);
            let _ = g.dates.parse_range(&text, None);
        }
    }
}

// ---------------------------------------------------------------- values

fn qualifier() -> impl Strategy<Value = Qualifier> {
    prop::sample::select(vec![
        Qualifier::Exact,
        Qualifier::About,
        Qualifier::MoreThan,
        Qualifier::AtLeast,
        Qualifier::LessThan,
        Qualifier::AtMost,
    ])
}

fn date_set() -> impl Strategy<Value = DateSet> {
    prop_oneof![
        (1900i32..2100, 1u32..13, 1u32..32).prop_filter_map("a real day", |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)
            .map(DateSet::day)),
        (1900i32..2100, 1u32..13).prop_filter_map("a month", |(y, m)| DateSet::month(y, m)),
        (1900i32..2100).prop_filter_map("a year", DateSet::year),
        (1u32..13, 1u32..32)
            .prop_filter("a yearless day", |(m, d)| NaiveDate::from_ymd_opt(2024, *m, *d)
                .is_some())
            .prop_map(|(month, day)| DateSet::Yearless { month, day }),
    ]
}

/// A value and the kind of rule that would produce it.
fn value() -> impl Strategy<Value = (Kind, Value)> {
    prop_oneof![
        (
            prop_oneof![0u32..300, 0u32..3_000_000],
            qualifier(),
            0u32..2,
            prop::sample::select(vec![0.0, 0.05, 0.1, 0.5])
        )
            .prop_map(|(n, q, half, tol)| {
                let stated = f64::from(n) + if half == 1 { 0.5 } else { 0.0 };
                (Kind::Count, Value::Number(NumberSet::new(stated, q, tol)))
            }),
        date_set().prop_map(|d| (Kind::Date, Value::Date(d))),
        (date_set(), date_set()).prop_map(|(start, end)| (Kind::DateRange, Value::Range { start, end })),
        prop::sample::select(vec!["الريسي", "الإنتربول", "إنتربول", "Interpol"])
            .prop_map(|s| (Kind::Name, Value::Name(fold(s).into()))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn intersects_is_symmetric((_, a) in value(), (_, b) in value()) {
        prop_assert_eq!(a.intersects(&b), b.intersects(&a), "{} vs {}", a.canonical(), b.canonical());
    }

    #[test]
    fn a_value_intersects_itself((_, a) in value()) {
        prop_assert!(a.intersects(&a), "{} does not intersect itself", a.canonical());
    }

    #[test]
    fn canonical_strings_parse_back((kind, v) in value(), tol in prop::sample::select(vec![0.0, 0.1, 0.5])) {
        let canonical = v.canonical();
        let back = Value::parse(kind, &canonical, tol);
        prop_assert!(back.is_some(), "{:?} {:?} does not parse back", kind, canonical);
        prop_assert_eq!(back.unwrap().canonical(), canonical);
    }
}

// ------------------------------------------------------------ comparison

/// Sentences the built-in INTERPOL pack reads, with a slot for a value.
fn sentence() -> impl Strategy<Value = String> {
    let months = vec!["يناير", "مارس", "نونبر", "نوفمبر", "دجنبر", "أكتوبر"];
    prop_oneof![
        (150u32..200).prop_map(|n| format!("وتضم منظمة الإنتربول {n} دولة عضو.")),
        (150u32..200).prop_map(|n| format!("تنعقد الجمعية العامة بمشاركة {n} دولة.")),
        (600u32..900).prop_map(|n| format!("بمشاركة 179 دولة، عبر نحو {n} مندوب في الجمعية العامة.")),
        (90u32..95).prop_map(|n| format!("تحتضن مراكش الدورة {n} للجمعية العامة للإنتربول.")),
        (
            20u32..28,
            24u32..30,
            prop::sample::select(months.clone()),
            2024u32..2026
        )
            .prop_map(|(a, b, m, y)| format!("تنعقد الدورة من {a} إلى {b} {m} {y} بمراكش.")),
        (1u32..28, prop::sample::select(months), 2024u32..2026)
            .prop_map(|(d, m, y)| format!("افتتحت أشغال الجمعية العامة يوم الاثنين {d} {m} {y}.")),
    ]
}

fn article_texts() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(
        prop::collection::vec(sentence(), 1..5).prop_map(|s| format!("منظمة الإنتربول\n{}\n", s.join(" "))),
        2..7,
    )
}

/// Findings as (code, key, sorted (article, value) pairs): what a reader
/// compares between two runs.
/// A finding as compared: code, key, and its (article, value, role) triples.
type FindingShape = (String, String, Vec<(String, String, String)>);

fn findings_of(claims: &[Claim]) -> Vec<FindingShape> {
    compare::compare(rules(), claims)
        .into_iter()
        .map(|f| {
            let mut pairs: Vec<(String, String, String)> = f
                .claims
                .iter()
                .map(|(role, c)| (c.article.to_string(), c.value.canonical(), role.as_str().to_string()))
                .collect();
            pairs.sort();
            (f.code.as_str().to_string(), f.key, pairs)
        })
        .collect()
}

fn claims_in_order(texts: &[String], order: &[usize]) -> Vec<Claim> {
    let mut claims = Vec::new();
    for (index, &i) in order.iter().enumerate() {
        let article = Article {
            name: format!("a{i}.txt"),
            source: None,
            published: NaiveDate::from_ymd_opt(2025, 11, 20),
            published_time: None,
            title: None,
            text: texts[i].clone(),
            body_start: 0,
        };
        claims.extend(extract_article(rules(), &article, index));
    }
    claims
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// The order of articles never changes the findings.
    #[test]
    fn article_order_never_changes_findings(texts in article_texts(), seed in any::<u64>()) {
        let n = texts.len();
        let forward: Vec<usize> = (0..n).collect();
        let mut shuffled = forward.clone();
        // Fisher–Yates with a small LCG, so the case shrinks with `seed`
        let mut x = seed | 1;
        for i in (1..n).rev() {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (x >> 33) as usize % (i + 1));
        }
        let a = findings_of(&claims_in_order(&texts, &forward));
        let b = findings_of(&claims_in_order(&texts, &shuffled));
        let reversed: Vec<usize> = (0..n).rev().collect();
        let c = findings_of(&claims_in_order(&texts, &reversed));
        prop_assert_eq!(&a, &b);
        prop_assert_eq!(&a, &c);
    }

    /// The prefilter never changes results: `find_all` reads exactly what
    /// every applicable rule reads on the whole text.
    #[test]
    fn prefilter_never_changes_matches(
        picks in prop::collection::vec(any::<prop::sample::Index>(), 1..8),
        noise in prop::collection::vec(edge_string(), 8),
    ) {
        let sentences = seed_sentences();
        let mut text = String::new();
        for (i, p) in picks.iter().enumerate() {
            text.push_str(&sentences[p.index(sentences.len())]);
            text.push_str(&noise[i % noise.len()]);
        }
        let folded = fold(&text);
        let set = rules();
        let mut via_prefilter: Vec<(String, usize, usize, String)> = set
            .find_all(&folded, None)
            .into_iter()
            .map(|(r, m)| (r.key.clone(), m.start, m.end, m.value.canonical()))
            .collect();
        let mut direct: Vec<(String, usize, usize, String)> = Vec::new();
        for rule in &set.rules {
            if rule.applies_to(&folded) {
                direct.extend(rule.find(&folded, None).into_iter().map(|m| (rule.key.clone(), m.start, m.end, m.value.canonical())));
            }
        }
        via_prefilter.sort();
        direct.sort();
        prop_assert_eq!(via_prefilter, direct);
    }
}
