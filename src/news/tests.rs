//! Unit tests of the news reader: as-of times, stances, attributions,
//! moved and corrected figures, sentences.

use super::sentence::is_time_abbreviation;
use super::*;
use std::ops::Range;

fn reader(language: &str) -> NewsReader {
    let calendar = crate::grammar::calendar::CalendarLexicon::builtin(language).unwrap();
    NewsReader::new(&NewsLexicon::builtin(language), &calendar.weekdays)
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn at(d: NaiveDate, h: u32, m: u32) -> Option<Moment> {
    Some(Moment {
        date: d,
        time: NaiveTime::from_hms_opt(h, m, 0),
    })
}

#[test]
fn as_of_in_three_languages() {
    // Published on Monday 9 March 2026: "Sunday" is 8 March.
    let monday = Some(date(2026, 3, 9));
    let ar = reader("ar");
    let text = fold("وحتى الساعة الرابعة من مساء الأحد، بلغ عدد القتلى 1870");
    assert_eq!(ar.as_of(&text, monday), at(date(2026, 3, 8), 16, 0));
    let text = fold("إلى حدود الساعة 10:30 صباحا ارتفعت الحصيلة");
    assert_eq!(ar.as_of(&text, monday), at(date(2026, 3, 9), 10, 30));
    let en = reader("en");
    assert_eq!(
        en.as_of("1,870 dead as of 4 p.m. Sunday", monday),
        at(date(2026, 3, 8), 16, 0)
    );
    assert_eq!(
        en.as_of("as of 16:00 GMT on Sunday", monday),
        at(date(2026, 3, 9), 16, 0)
    );
    let fr = reader("fr");
    let text = "selon un dernier bilan dimanche à 16h, 1 870 morts";
    assert_eq!(fr.as_of(text, monday), at(date(2026, 3, 8), 16, 0));
}

#[test]
fn no_as_of_without_a_time_or_a_publication_date() {
    let en = reader("en");
    assert_eq!(en.as_of("killed by 3 gunmen", Some(date(2026, 3, 9))), None);
    assert_eq!(en.as_of("as of 4 p.m. Sunday", None), None);
    assert_eq!(
        en.as_of("as of Sunday, 1,870 dead", Some(date(2026, 3, 9))),
        Some(Moment {
            date: date(2026, 3, 8),
            time: None
        })
    );
}

#[test]
fn stance_is_the_nearest_marker_before_the_figure() {
    let en = reader("en");
    let text = "the ministry had earlier announced 1,140 dead, then 1,870";
    let first = text.find("1,140").unwrap();
    let second = text.find("1,870").unwrap();
    assert_eq!(en.stance(text, 0..first, first, first + 5..second), Stance::Earlier);
    assert_eq!(
        en.stance(text, first + 5..second, second, second + 5..text.len()),
        Stance::Asserted
    );
    let text = "the mayor said the toll may exceed 15,000";
    let v = text.find("15,000").unwrap();
    assert_eq!(en.stance(text, 0..v, v, 0..0), Stance::Hedged);
    let ar = reader("ar");
    let text = fold("الوزارة تنفي وفاة 9 آلاف شخص");
    let v = text.find('9').unwrap();
    assert_eq!(ar.stance(&text, 0..v, v, 0..0), Stance::Denied);
    let text = "1,870 dead, up from 1,140 earlier";
    let v = text.find("1,140").unwrap();
    assert_eq!(en.stance(text, 0..v, v, v + 5..text.len()), Stance::Earlier);
}

#[test]
fn a_correction_word_marks_the_figure_after_it_corrected() {
    let ar = reader("ar");
    let text = fold("بلغت الحصيلة 112 قتيلا وليس 118 كما أعلن سابقا");
    let (v, w) = (text.find("112").unwrap(), text.find("118").unwrap());
    assert_eq!(ar.corrected_at(&text, v + 3..text.len()), Some(w));
    assert_eq!(ar.stance(&text, v + 3..w, w, w + 3..text.len()), Stance::Corrected);
    let en = reader("en");
    let text = "112 people died, not 118 as reported on Wednesday";
    assert_eq!(en.corrected_at(text, 3..text.len()), text.find("118"));
    // a correction word counts only right before a figure
    let text = "the toll did not exceed 50 on Monday";
    let v = text.find("50").unwrap();
    assert_eq!(en.stance(text, 0..v, v, v + 2..text.len()), Stance::Asserted);
    let text = "50 dead, officials said, and not all were found";
    assert_eq!(en.corrected_at(text, 2..text.len()), Some(text.find("all").unwrap()));
    // nothing to correct after a word that ends the text or a clause
    for text in ["50 dead, and not", "50 dead, and not.", "50 dead, and not , then"] {
        assert_eq!(en.corrected_at(text, 2..text.len()), None, "{text}");
    }
}

#[test]
fn attribution_names_the_body_as_written() {
    let en = reader("en");
    let text = "a magnitude of 6.9, according to the USGS, struck at dawn";
    let v = text.find("6.9").unwrap();
    let (r, canonical) = en.attribution(text, v..v + 3, &[]).unwrap();
    assert_eq!((&text[r], canonical), ("USGS", None));
    let ar = reader("ar");
    let text = fold("بلغ عدد الوفيات 1870 بحسب وزارة الصحة، فيما");
    let v = text.find("1870").unwrap();
    let (r, _) = ar.attribution(&text, v..v + 4, &[]).unwrap();
    assert_eq!(&text[r], fold("وزارة الصحة"));
    let fr = reader("fr");
    let text = "1 870 morts selon l'OMS";
    let (r, _) = fr.attribution(text, 0..5, &[]).unwrap();
    assert_eq!(&text[r], "l'OMS");
}

#[test]
fn a_body_named_before_a_said_word_gives_the_figures() {
    let en = reader("en");
    let body = |text: &str, figure: &str, others: &[&str]| {
        let v = text.find(figure).unwrap();
        let others: Vec<Range<usize>> = others.iter().map(|o| text.find(o).unwrap()).map(|o| o..o + 2).collect();
        en.attribution(text, v..v + figure.len(), &others)
            .map(|(r, _)| text[r].to_string())
    };
    let text = "Floods have killed 74 people and 45 are missing, the interior ministry said on Sunday";
    assert_eq!(body(text, "74", &["45"]).as_deref(), Some("interior ministry"));
    assert_eq!(body(text, "45", &["74"]).as_deref(), Some("interior ministry"));
    let text = "The civil protection agency said 68 people had died";
    assert_eq!(body(text, "68", &[]).as_deref(), Some("civil protection agency"));
    let text = "68 people had died, said Mayor Hassan Ali";
    assert_eq!(body(text, "68", &[]).as_deref(), Some("Mayor Hassan Ali"));
    // generic sources are no body; a said word with no name is nothing
    for text in [
        "2,120 dead, officials said",
        "2,120 dead, as reported on Monday",
        "2,120 dead, he said",
    ] {
        assert_eq!(body(text, "2,120", &[]), None, "{text}");
    }
    let fr = reader("fr");
    let text = "Le ministère de l'Intérieur a indiqué que 74 personnes sont mortes";
    let v = text.find("74").unwrap();
    let (r, _) = fr.attribution(text, v..v + 2, &[]).unwrap();
    assert_eq!(&text[r], "ministère de l'Intérieur");
}

#[test]
fn a_figure_that_moved_from_another_makes_that_one_earlier() {
    let moved = |language: &str, text: &str, a: &str, b: &str| {
        let r = reader(language);
        let (text, a, b) = (fold(text), fold(a), fold(b));
        let (x, y) = (text.find(&a).unwrap(), text.find(&b).unwrap());
        r.moved_from(&text, x..x + a.len(), y..y + b.len())
    };
    assert_eq!(
        moved(
            "ar",
            "ارتفعت الحصيلة من 1140 قتيلا إلى 1870 قتيلا",
            "1140 قتيلا",
            "1870 قتيلا"
        ),
        Some(true)
    );
    assert_eq!(
        moved(
            "en",
            "The toll rose to 1,870 dead from 1,140 dead",
            "1,870 dead",
            "1,140 dead"
        ),
        Some(false)
    );
    assert_eq!(
        moved(
            "fr",
            "Le bilan est passé de 37 morts à 96 morts",
            "37 morts",
            "96 morts"
        ),
        Some(true)
    );
    // without a word that says the figure moved, "from … to" is a range
    assert_eq!(
        moved(
            "en",
            "from 10 injured to 20 injured were treated",
            "10 injured",
            "20 injured"
        ),
        None
    );
    assert_eq!(
        moved("ar", "أصيب ما بين 10 جرحى إلى 20 جريحا", "10 جرحى", "20 جريحا"),
        None
    );
    // two overlapping matches of one fact: nothing stands between them
    assert_eq!(
        moved("en", "the toll rose to 1,870 dead", "1,870 dead", "870 dead"),
        None
    );
}

#[test]
fn each_figure_keeps_its_own_body() {
    let ar = reader("ar");
    let text = fold("بلغت قوته 7.1 درجات بحسب المعهد الوطني، و6.9 درجات بحسب هيئة المسح الجيولوجي");
    let a = text.find("7.1").unwrap();
    let b = text.find("6.9").unwrap();
    let others = [a..a + 3, b..b + 3];
    let body = |v: usize| {
        let (r, _) = ar.attribution(&text, v..v + 3, &others).unwrap();
        text[r].to_string()
    };
    assert_eq!(body(a), fold("المعهد الوطني"));
    assert_eq!(body(b), fold("هيئة المسح الجيولوجي"));
}

#[test]
fn a_pack_names_bodies() {
    let mut lexicon = NewsLexicon::builtin("en");
    lexicon
        .bodies
        .insert("WHO".into(), vec!["the World Health Organization".into()]);
    let calendar = crate::grammar::calendar::CalendarLexicon::builtin("en").unwrap();
    let en = NewsReader::new(&lexicon, &calendar.weekdays);
    let text = "2,100 dead, according to the World Health Organization";
    let (_, canonical) = en.attribution(text, 0..5, &[]).unwrap();
    assert_eq!(canonical.as_deref(), Some("WHO"));
}

#[test]
fn sentences_end_at_stops_not_at_decimals() {
    let text = "First. A magnitude of 7.1 struck at 4 p.m. on Sunday. Next";
    let v = text.find("7.1").unwrap();
    assert_eq!(
        &text[sentence(text, v..v + 3)],
        " A magnitude of 7.1 struck at 4 p.m. on Sunday"
    );
}

/// The sentence as a walk over characters: what the byte walk of
/// `sentence` must give.
fn sentence_by_chars(text: &str, at: Range<usize>) -> Range<usize> {
    let bytes = text.as_bytes();
    let ends = |i: usize, c: char| match c {
        '!' | '?' | '؟' | '؛' | '\n' => true,
        '.' => {
            let digit_before = i > 0 && bytes[i - 1].is_ascii_digit();
            let digit_after = bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
            let abbreviation = i > 0
                && bytes[i - 1].is_ascii_alphabetic()
                && bytes.get(i + 1).is_some_and(|b| b.is_ascii_alphabetic());
            !(abbreviation || is_time_abbreviation(text, i) || digit_before && digit_after)
        }
        _ => false,
    };
    let mut start = 0;
    for (n, (i, c)) in text[..at.start].char_indices().rev().enumerate() {
        if ends(i, c) {
            start = i + c.len_utf8();
            break;
        }
        if n == SENTENCE_REACH {
            start = i;
            break;
        }
    }
    let mut end = text.len();
    for (n, (i, c)) in text[at.end..].char_indices().enumerate() {
        if ends(at.end + i, c) || n == SENTENCE_REACH {
            end = at.end + i;
            break;
        }
    }
    start..end
}

#[test]
fn the_byte_walk_finds_the_sentence_the_characters_give() {
    let long = "ب".repeat(SENTENCE_REACH + 3);
    let texts = [
        "بلغت الحصيلة 58 قتيلا؛ وقال المسؤول؟ نعم. 7.1 درجات!".to_string(),
        "First. A magnitude of 7.1 struck at 4 p.m. on Sunday. Next\nline ۳ ڟ ؛".to_string(),
        format!("{long} 12 {long}. x"),
        format!("a.{long}12"),
        "é.ü؟ 5 ﷺ!".to_string(),
    ];
    for text in &texts {
        let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
        for (k, &a) in bounds.iter().enumerate() {
            for &b in &bounds[k..(k + 3).min(bounds.len())] {
                assert_eq!(
                    sentence(text, a..b),
                    sentence_by_chars(text, a..b),
                    "{text:?} at {a}..{b}"
                );
            }
        }
    }
}

#[test]
fn a_word_that_is_earlier_only_right_before_a_figure_is_a_common_word_elsewhere() {
    let fr = reader("fr");
    // "contre" is no earlier figure in "une manifestation contre …".
    let text = "la manifestation contre la fermeture de l'usine a reuni 12 000 personnes";
    let v = text.find("12 000").unwrap();
    assert_eq!(fr.stance(text, 0..v, v, v + 6..text.len()), Stance::Asserted);
    // Right before a figure it is: "contre 8 000 la veille".
    let text = "12 000 manifestants, contre 8 000 la veille";
    let v = text.find("8 000").unwrap();
    assert_eq!(fr.stance(text, 6..v, v, v + 5..text.len()), Stance::Earlier);
    let ar = reader("ar");
    let text = fold("خرج المحتجون مقابل مقر الولاية وبلغ عددهم 300 شخص");
    let v = text.find("300").unwrap();
    assert_eq!(ar.stance(&text, 0..v, v, v + 3..text.len()), Stance::Asserted);
    let text = fold("بلغ عدد الوفيات 120 مقابل 80 في الحصيلة السابقة");
    let v = text.find("80").unwrap();
    assert_eq!(ar.stance(&text, 0..v, v, v + 2..text.len()), Stance::Earlier);
}
