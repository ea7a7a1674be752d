//! Tests of the number grammar: Arabic cardinals (digits, words, look-alikes,
//! fractions, construct words); the rest in [`others`].
use super::*;
use crate::text::normalize::fold;

mod others;

fn ar() -> &'static NumberGrammar {
    NumberGrammar::for_language("ar").expect("ar grammar")
}
fn en() -> &'static NumberGrammar {
    NumberGrammar::for_language("en").expect("en grammar")
}
fn fr() -> &'static NumberGrammar {
    NumberGrammar::for_language("fr").expect("fr grammar")
}

fn cardinals(g: &NumberGrammar, text: &str) -> Vec<f64> {
    g.find_cardinals(&fold(text)).into_iter().map(|(_, _, v)| v).collect()
}

fn ordinals(g: &NumberGrammar, text: &str) -> Vec<u64> {
    g.find_ordinals(&fold(text)).into_iter().map(|(_, _, v)| v).collect()
}

/// Each text must be read whole by the pattern, by parse_cardinal and
/// by find_cardinals.
fn check_cardinals(g: &NumberGrammar, cases: &[(&str, f64)]) {
    let whole = Regex::new(&format!(r"\A(?:{})\z", g.cardinal_pattern())).unwrap();
    let mut failures = Vec::new();
    for &(text, want) in cases {
        let folded = fold(text);
        let parsed = g.parse_cardinal(&folded);
        let found = cardinals(g, text);
        if !whole.is_match(&folded) || parsed != Some(want) || found != [want] {
            failures.push(format!("{text}: want {want}, parsed {parsed:?}, found {found:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn check_ordinals(g: &NumberGrammar, cases: &[(&str, u64)]) {
    let whole = Regex::new(&format!(r"\A(?:{})\z", g.ordinal_pattern())).unwrap();
    let mut failures = Vec::new();
    for &(text, want) in cases {
        let folded = fold(text);
        let parsed = g.parse_ordinal(&folded);
        let found = ordinals(g, text);
        if !whole.is_match(&folded) || parsed != Some(want) || found != [want] {
            failures.push(format!("{text}: want {want}, parsed {parsed:?}, found {found:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn check_found(g: &NumberGrammar, cases: &[(&str, &[f64])]) {
    let mut failures = Vec::new();
    for &(text, want) in cases {
        let found = cardinals(g, text);
        if found != want {
            failures.push(format!("{text}: want {want:?}, found {found:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn check_found_ordinals(g: &NumberGrammar, cases: &[(&str, &[u64])]) {
    let mut failures = Vec::new();
    for &(text, want) in cases {
        let found = ordinals(g, text);
        if found != want {
            failures.push(format!("{text}: want {want:?}, found {found:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn arabic_digits() {
    check_cardinals(
        ar(),
        &[
            ("196", 196.0),
            ("١٩٦", 196.0),
            ("1,234,567", 1_234_567.0),
            ("١٬٢٣٤٬٥٦٧", 1_234_567.0),
            ("١،٢٣٤،٥٦٧", 1_234_567.0),
            ("1.5", 1.5),
            ("٢٫٥", 2.5),
            ("3,5", 3.5),
            ("12,25", 12.25),
            ("100,000", 100_000.0),
            ("1 000 000", 1_000_000.0),
            ("0", 0.0),
            ("26،013,94", 26_013.94),
        ],
    );
}

#[test]
fn dot_thousands_in_two_or_more_groups() {
    check_cardinals(
        ar(),
        &[
            ("1.200.000", 1_200_000.0),
            ("١.٢٠٠.٠٠٠", 1_200_000.0),
            ("١٫٢٠٠٫٠٠٠", 1_200_000.0),
            ("12.500.000", 12_500_000.0),
            ("2.250.000.000", 2_250_000_000.0),
            ("1.234.567,5", 1_234_567.5),
            // One group stays a decimal, as before.
            ("1.200", 1.2),
            ("1.5", 1.5),
            ("12.5", 12.5),
        ],
    );
    check_found(
        ar(),
        &[
            ("بلغ عدد السكان 1.200.000 نسمة", &[1_200_000.0]),
            ("و1.200.000 درهم", &[1_200_000.0]),
            ("بين 1.200.000 و1.500.000", &[1_200_000.0, 1_500_000.0]),
            ("1.200.000 مليون", &[1_200_000e6]),
            // Not three-digit groups: no reading.
            ("بلغ 1.20.000 درهم", &[]),
            ("بلغ 1.200.00 درهم", &[]),
            ("بلغ 1.2000.000 درهم", &[]),
            ("بلغ 1.200.0000 درهم", &[]),
            ("بلغ 1234.567.890 درهم", &[]),
            // Addresses and dates with dots.
            ("العنوان 192.168.100.200", &[]),
            ("العنوان 10.100.200.250", &[]),
            ("في 12.03.2024", &[]),
        ],
    );
}

#[test]
fn arabic_units_teens_and_tens() {
    check_cardinals(
        ar(),
        &[
            ("صفر", 0.0),
            ("واحد", 1.0),
            ("واحدة", 1.0),
            ("اثنان", 2.0),
            ("إثنين", 2.0),
            ("اثنتان", 2.0),
            ("اثنتين", 2.0),
            ("ثلاث", 3.0),
            ("ثلاثة", 3.0),
            ("أربع", 4.0),
            ("اربعه", 4.0),
            ("خمس", 5.0),
            ("خمسة", 5.0),
            ("ست", 6.0),
            ("ستة", 6.0),
            ("سبعة", 7.0),
            ("ثمان", 8.0),
            ("ثمانية", 8.0),
            ("تسع", 9.0),
            ("عشر", 10.0),
            ("عشرة", 10.0),
            ("أحد عشر", 11.0),
            ("إحدى عشرة", 11.0),
            ("اثنا عشر", 12.0),
            ("اثني عشر", 12.0),
            ("اثنتا عشرة", 12.0),
            ("اثنتي عشرة", 12.0),
            ("ثلاثة عشر", 13.0),
            ("ثلاث عشرة", 13.0),
            ("أربعة عشر", 14.0),
            ("خمس عشرة", 15.0),
            ("ستة عشر", 16.0),
            ("ثماني عشرة", 18.0),
            ("تسع عشرة", 19.0),
            ("عشرون", 20.0),
            ("عشرين", 20.0),
            ("ثلاثون", 30.0),
            ("أربعين", 40.0),
            ("خمسون", 50.0),
            ("ستين", 60.0),
            ("سبعون", 70.0),
            ("ثمانين", 80.0),
            ("تسعون", 90.0),
            ("ثلاثة وأربعين", 43.0),
            ("واحد و عشرون", 21.0),
            ("خمس وعشرون", 25.0),
            ("اثنان وثلاثون", 32.0),
            ("تسعة وتسعون", 99.0),
        ],
    );
}

#[test]
fn arabic_hundreds_and_scales() {
    check_cardinals(
        ar(),
        &[
            ("مئة", 100.0),
            ("مائة", 100.0),
            ("مئتان", 200.0),
            ("مائتين", 200.0),
            ("ثلاثمئة", 300.0),
            ("ثلاثمائة", 300.0),
            ("ثلاث مئة", 300.0),
            ("ثلاثة مائة", 300.0),
            ("تسعمئة", 900.0),
            ("مائة وواحد", 101.0),
            ("أربعمائة وخمسون", 450.0),
            ("سبعمئة وثلاثة وثلاثون", 733.0),
            ("ألف", 1000.0),
            ("ألفا", 1000.0),
            ("ألفان", 2000.0),
            ("ألفين", 2000.0),
            ("ثلاثة آلاف", 3000.0),
            ("3 آلاف", 3000.0),
            ("عشرة آلاف", 10_000.0),
            ("أحد عشر ألفا", 11_000.0),
            ("مائة ألف", 100_000.0),
            ("مئتا ألف", 200_000.0),
            ("322 ألف", 322_000.0),
            ("ثلاثمئة واثنان وعشرون ألفا", 322_000.0),
            ("مليون", 1e6),
            ("مليونان", 2e6),
            ("مليونين", 2e6),
            ("ثلاثة ملايين", 3e6),
            ("3 ملايين", 3e6),
            ("1.5 مليون", 1.5e6),
            ("مليون وألفين ومائتين", 1_002_200.0),
            ("مليار", 1e9),
            ("بليون", 1e9),
            ("ملياران", 2e9),
            ("٢ مليار", 2e9),
            ("خمسة مليارات", 5e9),
            ("ثلاثة مليارات وخمسمائة مليون", 3.5e9),
            ("تسعمائة وتسعة وتسعون ألفا وتسعمائة وتسعة وتسعون", 999_999.0),
            ("تسعمائة وتسعة وتسعون مليارا", 999e9),
            ("مليون ونصف", 1.5e6),
            ("مليونان ونصف المليون", 2.5e6),
            ("نصف مليون", 500_000.0),
            ("ربع مليار", 2.5e8),
            ("واحد فاصلة خمسة", 1.5),
        ],
    );
}

#[test]
fn arabic_cardinals_in_sentences() {
    check_found(
        ar(),
        &[
            ("قتل 27 شخصا وأصيب 43 آخرون", &[27.0, 43.0]),
            ("و27 مصابا", &[27.0]),
            ("ب3 ملايين دولار", &[3e6]),
            ("في ل195 دولة", &[195.0]),
            ("الدورة ال93", &[93.0]),
            ("الدورة الـ 93", &[93.0]),
            ("بألفين ومائتين درهم", &[2200.0]),
            ("بين 5 و6 أشخاص", &[5.0, 6.0]),
            ("موسم 2019-2020", &[2019.0, 2020.0]),
            ("فيروس كوفيد-19", &[19.0]),
            ("درجة الحرارة -5", &[-5.0]),
            ("درجة الحرارة سالب خمسة", &[-5.0]),
            ("تناقص 5 في المئة", &[5.0]),
            ("ارتفع 3 بالمائة", &[3.0]),
            ("الذكرى المئة", &[100.0]),
            ("نحو 1.5 مليون لاجئ", &[1.5e6]),
            ("وفي عام ألفين واثنين وعشرين", &[2022.0]),
            ("15 صفر 1445", &[15.0, 1445.0]),
            ("النتيجة صفر", &[0.0]),
        ],
    );
}

#[test]
fn arabic_cardinal_look_alikes() {
    check_found(
        ar(),
        &[
            ("الساعة 10:30 صباحا", &[]),
            ("اتصل على 0612345678", &[]),
            ("اتصل على 06 12 34 56 78", &[]),
            ("اتصل على +33 6 12 34 56 78", &[]),
            ("https://example.com/news/2024/123", &[]),
            ("www.example.com/page?id=123", &[]),
            ("info@news24.com", &[]),
            ("العنوان 192.168.1.2", &[]),
            ("وقع في 12-3-2024", &[]),
            ("يوم الاثنين", &[]),
            ("يوم الأحد", &[]),
            ("لم يصب أحد", &[]),
            ("أي واحد تفضل؟", &[]),
            ("في اليوم الواحد", &[]),
            ("يوم الثلاثاء والخميس", &[]),
            ("عشرات القتلى ومئات الجرحى وآلاف", &[]),
            ("في القرن التاسع عشر", &[]),
            ("في القرن الحادي والعشرين", &[]),
            ("الطائرة A380", &[]),
            ("صفر 1445", &[1445.0]),
        ],
    );
}

#[test]
fn arabic_fractions_read_right_or_not_at_all() {
    check_cardinals(
        ar(),
        &[
            ("ثلث مليون", 1_000_000.0 / 3.0),
            ("ثلاثة ونصف", 3.5),
            ("3 ونصف", 3.5),
            ("خمسة وربع", 5.25),
            ("ثلاثة ونصف مليون", 3_500_000.0),
            ("نصف المليون", 500_000.0),
            ("ربع المليون", 250_000.0),
            ("مليون وثلث", 1_000_000.0 + 1_000_000.0 / 3.0),
        ],
    );
    check_found(
        ar(),
        &[
            // Two thirds, three quarters: fractions the lexicon does not
            // evaluate, so no part of them is a count.
            ("صوت ثلثا الأعضاء", &[]),
            ("بلغت ثلثي مليون درهم", &[]),
            ("ثلاثة أرباع المليون", &[]),
            ("بثلثي مليون", &[]),
            ("ربع النهائي", &[]),
            ("ثلث السكان", &[]),
        ],
    );
}

#[test]
fn construct_duals_before_their_noun() {
    check_found(
        ar(),
        &[
            ("شارك ألفا مواطن في المسيرة", &[2000.0]),
            ("وألفا شخص", &[2000.0]),
            ("ألفي مواطن", &[2000.0]),
            ("بألفي دولار", &[2000.0]),
            ("مئتا مواطن", &[200.0]),
            ("مائتا مواطن", &[200.0]),
            ("مئتي مواطن", &[200.0]),
            ("مائتي شخص", &[200.0]),
            ("مليونا دولار", &[2e6]),
            ("مليوني دولار", &[2e6]),
            ("مليارا دولار", &[2e9]),
            ("ألفين", &[2000.0]),
            ("مليونين", &[2e6]),
            // The singular: after a count, before the and-word, a
            // particle, a definite word, an accusative, punctuation or
            // nothing.
            ("ألف مواطن", &[1000.0]),
            ("ألفا", &[1000.0]),
            ("بلغ عدد المشاركين ألفا.", &[1000.0]),
            ("بلغ عددهم ألفا، ومواطنون آخرون", &[1000.0]),
            ("قتل ألفا من الجنود", &[1000.0]),
            ("ألفا تقريبا", &[1000.0]),
            ("ألفا أو أكثر", &[1000.0]),
            ("ألفا الأولى", &[1000.0]),
            ("ألفا وخمسمائة مواطن", &[1500.0]),
            ("مليونا و500 ألف نسمة", &[1_500_000.0]),
            ("خمسة عشر ألفا مواطن", &[15_000.0]),
            ("ثلاثة وعشرين ألفا شخص", &[23_000.0]),
            ("15 ألفا", &[15_000.0]),
            ("ثلاثة آلاف مواطن", &[3000.0]),
            ("ألفا\nمواطن", &[1000.0]),
        ],
    );
}

#[test]
fn a_fraction_after_the_counted_noun_reads_right_or_not_at_all() {
    check_found(
        ar(),
        &[
            ("سجن ثلاث سنوات ونصف", &[3.5]),
            ("ثلاث سنوات و نصف في السجن", &[3.5]),
            ("3 سنوات ونصف", &[3.5]),
            ("ثلاث ساعات وربع", &[3.25]),
            ("خمسة عشر عاما ونصف", &[15.5]),
            ("ثلاث سنوات ونصف تقريبا", &[3.5]),
            ("ثلاث سنوات ونصفا", &[3.5]),
            ("سجن 3 سنوات ونصف، وغرامة", &[3.5]),
            ("ثلاث سنوات ونصف وغرامة", &[3.5]),
            ("ثلاثة ملايين دولار ونصف", &[3_500_000.0]),
            // A number of its own after the fraction.
            ("خمسة ملايين دولار ونصف مليون يورو", &[5e6, 500_000.0]),
            // A noun after the fraction may be its own: no reading.
            ("خمس دول ونصف السكان", &[]),
            ("ثلاث سنوات ونصف السنة", &[]),
            ("1.5 سنة ونصف", &[]),
            // No fraction: the count as before.
            ("ثلاث سنوات", &[3.0]),
            ("ثلاث سنوات وأربعة أشهر", &[3.0, 4.0]),
            ("ثلاث سنوات ونصفها", &[3.0]),
        ],
    );
}

#[test]
fn cardinal_in_reads_the_words_around_a_match() {
    let g = ar();
    let at = |text: &str, number: &str| {
        let text = fold(text);
        let number = fold(number);
        let start = text.find(&number).unwrap();
        g.cardinal_in(&text, start, start + number.len())
    };
    assert_eq!(at("شارك ألفا مواطن", "ألفا"), Some(2000.0));
    assert_eq!(at("ألفا من الجنود", "ألفا"), Some(1000.0));
    assert_eq!(at("سجن ثلاث سنوات ونصف", "ثلاث"), Some(3.5));
    assert_eq!(at("خمس دول ونصف السكان", "خمس"), None);
    assert_eq!(at("بلغت ثلثي مليون درهم", "مليون"), None);
    assert_eq!(at("بلغت وثلثي ومليون درهم", "مليون"), None);
    assert_eq!(at("بلغت مليون درهم", "مليون"), Some(1e6));
}

#[test]
fn feminine_one_before_tens() {
    check_cardinals(
        ar(),
        &[("إحدى وعشرون", 21.0), ("إحدى وعشرين", 21.0), ("إحدى وثلاثين", 31.0)],
    );
    check_found(
        ar(),
        &[
            ("تضم الرابطة إحدى وعشرين دولة", &[21.0]),
            ("إحدى الدول", &[]),
            ("إحدى عشرة دولة", &[11.0]),
        ],
    );
}

/// The built-in grammars compile their regexes when first used: every one
/// of them compiles.
#[test]
fn builtin_grammars_compile_every_regex() {
    for language in ["ar", "en", "fr"] {
        let lexicon = NumberLexicon::builtin(language).unwrap();
        assert!(NumberGrammar::build(lexicon, true).is_ok(), "{language}");
    }
}
