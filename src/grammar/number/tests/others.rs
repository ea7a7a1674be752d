//! Tests of the number grammar beyond Arabic cardinals: Arabic ordinals,
//! English and French, embeddable patterns, merged lexicons, and numbers
//! written out in words by an independent generator.

use super::*;

#[test]
fn arabic_ordinals() {
    check_ordinals(
        ar(),
        &[
            ("الأول", 1),
            ("الأولى", 1),
            ("أول", 1),
            ("الثاني", 2),
            ("الثانية", 2),
            ("ثاني", 2),
            ("الثان", 2),
            ("الثالث", 3),
            ("الثالثة", 3),
            ("ثالث", 3),
            ("الرابع", 4),
            ("الخامسة", 5),
            ("السادس", 6),
            ("السابعة", 7),
            ("الثامن", 8),
            ("التاسعة", 9),
            ("العاشر", 10),
            ("العاشرة", 10),
            ("الحادي عشر", 11),
            ("الحادية عشرة", 11),
            ("الأحد عشر", 11),
            ("حادي عشر", 11),
            ("الثاني عشر", 12),
            ("الثانية عشرة", 12),
            ("الاثنا عشر", 12),
            ("الثالث عشر", 13),
            ("التاسع عشر", 19),
            ("العشرون", 20),
            ("العشرين", 20),
            ("الحادي والعشرون", 21),
            ("الحادية والعشرين", 21),
            ("الواحد و العشرون", 21),
            ("ثاني والعشرين", 22),
            ("الثان والسبعون", 72),
            ("الثالثة والتسعين", 93),
            ("الثالث والتسعون", 93),
            ("المئة", 100),
            ("المائة", 100),
            ("المئة والخامسة والعشرون", 125),
            ("والثالث", 3),
            ("بالأولى", 1),
            ("ال93", 93),
            ("الـ 93", 93),
            ("الـ٩٣", 93),
            ("93", 93),
        ],
    );
}

#[test]
fn arabic_ordinal_look_alikes() {
    check_found_ordinals(
        ar(),
        &[
            ("يوم الأحد", &[]),
            ("يوم الأحد عشر", &[11]),
            ("في تشرين الثاني", &[]),
            ("في كانون الثاني", &[]),
            ("في ربيع الثاني", &[]),
            ("في جمادى الثانية", &[]),
            ("في ربيع الأول", &[]),
            ("في الواحد", &[]),
            ("30 ثانية", &[30]),
            ("نسبة 5 في المئة", &[5]),
            ("الذكرى المئة", &[100]),
            ("الساعة 10:30", &[]),
            ("اتصل على 0612345678", &[]),
            ("للمرة الثانية", &[2]),
            ("تكلم بالكلمة الأولى.", &[1]),
            ("فاز بالمركز الثالث عشر", &[13]),
            ("هي في الصف الحادي عشر.", &[11]),
        ],
    );
}

#[test]
fn english() {
    check_cardinals(
        en(),
        &[
            ("zero", 0.0),
            ("seventeen", 17.0),
            ("forty-three", 43.0),
            ("Twenty One", 21.0),
            ("one hundred and twenty", 120.0),
            ("two thousand", 2000.0),
            ("five million", 5e6),
            ("two billion", 2e9),
            ("nine hundred ninety-nine thousand nine hundred ninety-nine", 999_999.0),
            ("1,234,567", 1_234_567.0),
            ("3.5", 3.5),
            ("2.5 million", 2.5e6),
        ],
    );
    check_ordinals(
        en(),
        &[
            ("first", 1),
            ("Second", 2),
            ("twelfth", 12),
            ("twentieth", 20),
            ("thirtieth", 30),
            ("ninetieth", 90),
            ("twenty-first", 21),
            ("ninety-third", 93),
            ("one hundredth", 100),
            ("21st", 21),
            ("93rd", 93),
            ("2nd", 2),
        ],
    );
    check_found(
        en(),
        &[
            ("call 0612345678 at 10:30", &[]),
            ("between 5 and 6 people", &[5.0, 6.0]),
        ],
    );
}

#[test]
fn french() {
    check_cardinals(
        fr(),
        &[
            ("zéro", 0.0),
            ("dix-sept", 17.0),
            ("vingt et un", 21.0),
            ("soixante-dix", 70.0),
            ("soixante et onze", 71.0),
            ("quatre-vingts", 80.0),
            ("quatre-vingt-dix-sept", 97.0),
            ("cent", 100.0),
            ("deux cents", 200.0),
            ("mille", 1000.0),
            ("trois mille", 3000.0),
            ("deux millions", 2e6),
            ("1,5", 1.5),
            ("1 000 000", 1e6),
        ],
    );
    check_ordinals(
        fr(),
        &[
            ("premier", 1),
            ("première", 1),
            ("deuxième", 2),
            ("deuxieme", 2),
            ("Troisième", 3),
            ("dix-septième", 17),
            ("vingt et unième", 21),
            ("quatre-vingt-treizième", 93),
            ("centième", 100),
            ("93e", 93),
            ("93ème", 93),
            ("1er", 1),
        ],
    );
    check_found(
        fr(),
        &[
            ("au moins 40 morts", &[40.0]),
            ("du moins 12 blessés", &[12.0]),
            ("la température est descendue à moins 5 degrés", &[-5.0]),
            ("moins 12 degrés", &[-12.0]),
        ],
    );
}

#[test]
fn patterns_are_embeddable() {
    for lang in ["ar", "en", "fr"] {
        let g = NumberGrammar::for_language(lang).unwrap();
        for p in [g.cardinal_pattern(), g.ordinal_pattern()] {
            let re = Regex::new(p).unwrap();
            assert_eq!(re.captures_len(), 1, "{lang}: no capturing groups");
            assert!(!re.is_match(""), "{lang}: must not match the empty string");
            assert!(!p.starts_with('^') && !p.starts_with(r"\b"));
        }
        // As the rule engine embeds it.
        let count = format!(r"\b(?:[وبلكف]?(?:ال|لل)?\s?)?(?P<value>{})\b", g.cardinal_pattern());
        let re = Regex::new(&count).unwrap();
        if lang == "ar" {
            let text = fold("قتل ثلاثة وأربعون شخصا");
            let value = re.captures(&text).unwrap().name("value").unwrap().as_str();
            assert_eq!(g.parse_cardinal(value), Some(43.0));
        }
    }
    assert!(NumberGrammar::for_language("de").is_none());
}

#[test]
fn not_numbers_parse_to_none() {
    let g = ar();
    for s in ["", "كتاب", "آلاف", "احد", "الاحد", "و", "1/2", "ثلاثه اربعه"] {
        assert_eq!(g.parse_cardinal(s), None, "{s}");
    }
    for s in ["", "الاحد", "الواحد", "عشرين", "تشرين"] {
        assert_eq!(g.parse_ordinal(&fold(s)), None, "{s}");
    }
}

#[test]
fn lexicon_merges() {
    let mut lexicon = NumberLexicon::builtin("ar").unwrap();
    let extra: NumberLexicon = crate::yaml::from_str("units:\n  3: [تلت]\n").unwrap();
    lexicon.merge(extra);
    let g = NumberGrammar::new(lexicon).unwrap();
    assert_eq!(g.parse_cardinal("تلت"), Some(3.0));
    assert_eq!(g.parse_cardinal("ثلاثه"), Some(3.0));
}

/// A simple LCG, so the sample is the same on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

/// Renders 1..=999 in masculine nominative words, independently of the
/// lexicon. `alt` varies spellings (مئة/مائة).
fn render_below_1000(n: u64, alt: bool) -> String {
    const UNITS: [&str; 10] = [
        "",
        "واحد",
        "اثنان",
        "ثلاثة",
        "أربعة",
        "خمسة",
        "ستة",
        "سبعة",
        "ثمانية",
        "تسعة",
    ];
    const TENS: [&str; 10] = [
        "",
        "عشرة",
        "عشرون",
        "ثلاثون",
        "أربعون",
        "خمسون",
        "ستون",
        "سبعون",
        "ثمانون",
        "تسعون",
    ];
    const HUNDREDS: [&str; 10] = [
        "",
        "مئة",
        "مئتان",
        "ثلاثمئة",
        "أربعمئة",
        "خمسمئة",
        "ستمئة",
        "سبعمئة",
        "ثمانمئة",
        "تسعمئة",
    ];
    let (h, r) = (n / 100, n % 100);
    let mut parts = Vec::new();
    if h > 0 {
        let word = HUNDREDS[h as usize].to_string();
        parts.push(if alt { word.replace("مئ", "مائ") } else { word });
    }
    let rest = match r {
        0 => String::new(),
        1..=9 => UNITS[r as usize].to_string(),
        10 => "عشرة".to_string(),
        11 => "أحد عشر".to_string(),
        12 => "اثنا عشر".to_string(),
        13..=19 => format!("{} عشر", UNITS[(r - 10) as usize]),
        _ if r % 10 == 0 => TENS[(r / 10) as usize].to_string(),
        _ => format!("{} و{}", UNITS[(r % 10) as usize], TENS[(r / 10) as usize]),
    };
    if !rest.is_empty() {
        parts.push(rest);
    }
    parts.join(" و")
}

/// Renders 0..=999_999 in masculine nominative words.
fn render(n: u64, alt: bool) -> String {
    if n == 0 {
        return "صفر".to_string();
    }
    let (t, r) = (n / 1000, n % 1000);
    let mut parts = Vec::new();
    match t {
        0 => {}
        1 => parts.push("ألف".to_string()),
        2 => parts.push("ألفان".to_string()),
        _ if (3..=10).contains(&(t % 100)) => parts.push(format!("{} آلاف", render_below_1000(t, alt))),
        _ if (11..=99).contains(&(t % 100)) => parts.push(format!("{} ألفا", render_below_1000(t, alt))),
        _ => parts.push(format!("{} ألف", render_below_1000(t, alt))),
    }
    if r > 0 {
        parts.push(render_below_1000(r, alt));
    }
    parts.join(" و")
}

#[test]
fn rendered_arabic_numbers_read_back() {
    let g = ar();
    let mut lcg = Lcg(2025);
    let sample = (0..=1000).chain((0..3000).map(|_| lcg.next() % 1_000_000));
    let mut failures = Vec::new();
    for (i, n) in sample.enumerate() {
        let words = fold(&render(n, i % 2 == 1));
        let parsed = g.parse_cardinal(&words);
        let found: Vec<f64> = g.find_cardinals(&words).into_iter().map(|(_, _, v)| v).collect();
        if parsed != Some(n as f64) || found != [n as f64] {
            failures.push(format!("{n} {words}: parsed {parsed:?}, found {found:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures[..failures.len().min(20)].join("\n")
    );
}

#[test]
fn never_panics_on_odd_input() {
    let alphabet: Vec<char> = "0123456789 ,.،:/-+@وبالثنعشرمئةألفيونصفسحدة\u{0640}xX"
        .chars()
        .collect();
    let mut lcg = Lcg(7);
    for lang in ["ar", "en", "fr"] {
        let g = NumberGrammar::for_language(lang).unwrap();
        for _ in 0..2000 {
            let len = (lcg.next() % 30) as usize;
            let s: String = (0..len)
                .map(|_| alphabet[(lcg.next() as usize) % alphabet.len()])
                .collect();
            let s = fold(&s);
            let _ = g.find_cardinals(&s);
            let _ = g.find_ordinals(&s);
            let _ = g.parse_cardinal(&s);
            let _ = g.parse_ordinal(&s);
        }
        let huge = "9".repeat(400);
        assert!(g.parse_cardinal(&huge).is_some_and(f64::is_finite) || g.parse_cardinal(&huge).is_none());
        assert_eq!(g.parse_ordinal(&huge), None);
    }
}
