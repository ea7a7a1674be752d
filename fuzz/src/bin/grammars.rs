//! Target: the value grammars on arbitrary UTF-8. For `ar`, `en`, `fr`:
//! `find_cardinals`/`find_ordinals` (on the text and on its fold) must give
//! spans inside the text on char boundaries; `parse_cardinal`,
//! `parse_ordinal`, and the date grammar's `parse_date`, `parse_range`,
//! `dateline` and `weekday_dates` must not panic; a found date's span too
//! must be in bounds.
use crosscheck::grammar::number::NumberGrammar;
use crosscheck::grammar::Grammar;
use crosscheck::normalize::fold;
use crosscheck_fuzz::{bucket, edge_tokens, files_in, repo, sig, Target};
use std::sync::OnceLock;

fn grammars() -> &'static Vec<Grammar> {
    static G: OnceLock<Vec<Grammar>> = OnceLock::new();
    G.get_or_init(|| {
        ["ar", "en", "fr"]
            .iter()
            .map(|l| Grammar::new(l, None).expect("grammar"))
            .collect()
    })
}

fn spans_ok(text: &str, spans: impl Iterator<Item = (usize, usize)>) -> usize {
    let mut n = 0;
    for (s, e) in spans {
        assert!(s <= e && e <= text.len(), "span {s}..{e} out of 0..{}", text.len());
        assert!(
            text.is_char_boundary(s) && text.is_char_boundary(e),
            "span {s}..{e} off char boundaries"
        );
        n += 1;
    }
    n
}

fn run(data: &[u8]) -> u64 {
    let raw = String::from_utf8_lossy(data).into_owned();
    let folded = fold(&raw);
    let reference = chrono::NaiveDate::from_ymd_opt(2025, 11, 24);
    let mut signature = Vec::new();
    for (lang, g) in ["ar", "en", "fr"].iter().zip(grammars()) {
        let numbers = NumberGrammar::for_language(lang).expect("numbers");
        for text in [&raw, &folded] {
            let c = numbers.find_cardinals(text);
            let o = numbers.find_ordinals(text);
            signature.push(bucket(spans_ok(text, c.iter().map(|x| (x.0, x.1)))));
            signature.push(bucket(spans_ok(text, o.iter().map(|x| (x.0, x.1)))));
        }
        signature.push(numbers.parse_cardinal(&folded).is_some() as u8);
        signature.push(numbers.parse_ordinal(&folded).is_some() as u8);
        let _ = numbers.parse_cardinal(&raw);
        let _ = numbers.parse_ordinal(&raw);
        signature.push(g.dates.parse_date(&folded, reference).is_some() as u8);
        signature.push(g.dates.parse_date(&folded, None).is_some() as u8);
        signature.push(g.dates.parse_range(&folded, reference).is_some() as u8);
        let _ = g.dates.parse_date(&raw, reference);
        let _ = g.dates.parse_range(&raw, None);
        let _ = g.dates.parse_numeric(&folded);
        signature.push(g.dates.dateline(&folded).is_some() as u8);
        let w = g.dates.weekday_dates(&folded, reference);
        signature.push(bucket(spans_ok(&folded, w.iter().map(|x| (x.0, x.1)))));
    }
    sig(signature)
}

fn main() {
    let mut seeds = Vec::new();
    for t in files_in(&repo().join("seeds")) {
        let t = String::from_utf8_lossy(&t).into_owned();
        // sentences, so inputs stay short and fast
        for s in t.split(['.', '\n']).filter(|s| s.trim().len() > 10).take(40) {
            seeds.push(s.as_bytes().to_vec());
        }
    }
    for t in files_in(&repo().join("tests/corpus")) {
        let t = String::from_utf8_lossy(&t).into_owned();
        for line in t.lines().filter(|l| !l.starts_with('#')) {
            if let Some(text) = line.split('\t').nth(1) {
                seeds.push(text.as_bytes().to_vec());
            }
        }
    }
    let mut dict = edge_tokens();
    for w in [
        "مائة",
        "ألف",
        "مليون",
        "مليار",
        "ثلاث",
        "وتسعين",
        "الثالثة",
        "والتسعين",
        "الأول",
        "عشر",
        "عشرين",
        "نونبر",
        "نوفمبر",
        "تشرين الثاني",
        "يناير",
        "رمضان",
        "هـ",
        "الاثنين",
        "الخميس",
        "من 24 إلى 27",
        "بين",
        "و",
        "حتى",
        "2025",
        "1446",
        "24/11/2025",
        "2025-11-24",
        "one",
        "hundred",
        "thousand",
        "million",
        "first",
        "twenty-third",
        "3rd",
        "November",
        "Monday",
        "cent",
        "mille",
        "vingt",
        "quatre-vingt-dix-neuf",
        "premier",
        "novembre",
        "lundi",
        "1,000,000",
        "1.5",
        ".5",
        "٫",
        "99999999999999999999",
        "1e308",
        "نحو",
        "أكثر من",
        "أقل من",
    ] {
        dict.push(w.as_bytes().to_vec());
    }
    crosscheck_fuzz::main(Target {
        name: "grammars",
        seeds,
        dict,
        run,
        max_len: 4 * 1024,
    });
}
