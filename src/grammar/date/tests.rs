//! Unit tests of the date grammar: ranges, yearless and relative dates,
//! Hijri dates, datelines, weekdays, English and French.

use super::*;
use crate::text::normalize::fold;

fn ar() -> DateGrammar {
    DateGrammar::with_numbers(CalendarLexicon::builtin("ar").unwrap(), NumberGrammar::shared("ar"))
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn range(g: &DateGrammar, text: &str, reference: Option<NaiveDate>) -> Option<String> {
    let re = lazy(&format!(r"\b{}\b", g.range_pattern()));
    let text = fold(text);
    let m = re.get().find(&text)?;
    let (a, b) = g.parse_range(m.as_str(), reference)?;
    Some(format!("{}/{}", a.canonical(), b.canonical()))
}

fn date_at(g: &DateGrammar, text: &str, reference: Option<NaiveDate>) -> Option<String> {
    let re = lazy(&format!(r"\b{}\b", g.date_pattern()));
    let text = fold(text);
    let m = re.get().find(&text)?;
    g.parse_date(m.as_str(), reference).map(|d| d.canonical())
}

fn date(g: &DateGrammar, text: &str) -> Option<String> {
    date_at(g, text, None)
}

#[test]
fn ranges_in_arabic_news() {
    let g = ar();
    let r = |t| range(&g, t, None);
    assert_eq!(r("من 24 إلى 27 نونبر 2025").as_deref(), Some("2025-11-24/2025-11-27"));
    assert_eq!(r("ما بين 24 و27 نونبر 2025").as_deref(), Some("2025-11-24/2025-11-27"));
    assert_eq!(
        r("بين 24 و 27 نوفمبر/تشرين الثاني الجاري").as_deref(),
        Some("--11-24/--11-27")
    );
    assert_eq!(
        r("من ٣٠ ديسمبر إلى ٢ يناير ٢٠٢٦").as_deref(),
        Some("2025-12-30/2026-01-02")
    );
    assert_eq!(r("24-27 تشرين الثاني 2025م").as_deref(), Some("2025-11-24/2025-11-27"));
    assert_eq!(
        r("من 24/11/2025 إلى 27/11/2025").as_deref(),
        Some("2025-11-24/2025-11-27")
    );
    assert_eq!(r("من فاتح إلى 3 دجنبر 2025").as_deref(), Some("2025-12-01/2025-12-03"));
    assert_eq!(r("من 27 إلى 24 نونبر 2025"), None);
}

#[test]
fn yearless_dates_take_the_year_nearest_the_publication_date() {
    let g = ar();
    assert_eq!(
        range(&g, "بين 24 و27 نوفمبر", ymd(2025, 11, 21)).as_deref(),
        Some("2025-11-24/2025-11-27")
    );
    // Across New Year: the nearest such day, within six months.
    assert_eq!(
        date_at(&g, "يوم 28 ديسمبر", ymd(2026, 1, 3)).as_deref(),
        Some("2025-12-28")
    );
    assert_eq!(
        date_at(&g, "في 3 يناير", ymd(2025, 12, 30)).as_deref(),
        Some("2026-01-03")
    );
    assert_eq!(
        range(&g, "من 1 إلى 10 يناير", ymd(2025, 12, 20)).as_deref(),
        Some("2026-01-01/2026-01-10")
    );
    assert_eq!(
        range(&g, "من 30 ديسمبر إلى 2 يناير", ymd(2026, 1, 5)).as_deref(),
        Some("2025-12-30/2026-01-02")
    );
    // Six months away keeps the publication year; seven moves it.
    assert_eq!(date_at(&g, "15 غشت", ymd(2013, 2, 12)).as_deref(), Some("2013-08-15"));
    assert_eq!(date_at(&g, "3 أكتوبر", ymd(2013, 2, 12)).as_deref(), Some("2012-10-03"));
    // A year at one end of a range across New Year.
    assert_eq!(
        range(&g, "من 30 ديسمبر 2025 إلى 2 يناير", None).as_deref(),
        Some("2025-12-30/2026-01-02")
    );
}

#[test]
fn month_first_dates_and_ordinal_days() {
    let g = ar();
    assert_eq!(date(&g, "الاثنين، يناير 22، 2018").as_deref(), Some("2018-01-22"));
    assert_eq!(date(&g, "يناير الثاني والعشرين، 2018").as_deref(), Some("2018-01-22"));
    assert_eq!(
        date(&g, "في الرابع والعشرين من نوفمبر 2025").as_deref(),
        Some("2025-11-24")
    );
    assert_eq!(date(&g, "اليوم الثالث من شهر عشرة 2013").as_deref(), Some("2013-10-03"));
    assert_eq!(
        range(&g, "تموز 13 الى 15 2013", None).as_deref(),
        Some("2013-07-13/2013-07-15")
    );
    // A count after a month name is not a day.
    assert_eq!(date(&g, "في نونبر 15 دولة"), None);
}

#[test]
fn single_dates() {
    let g = ar();
    assert_eq!(date(&g, "يوم 21 نونبر 2025").as_deref(), Some("2025-11-21"));
    assert_eq!(date(&g, "في 21/11/2025").as_deref(), Some("2025-11-21"));
    assert_eq!(date(&g, "حرر بتاريخ 11/21/2025").as_deref(), Some("2025-11-21"));
    assert_eq!(date(&g, "2025-11-21").as_deref(), Some("2025-11-21"));
    assert_eq!(date(&g, "في شهر غشت 2020").as_deref(), Some("2020-08"));
    assert_eq!(date(&g, "الجمعة (21 نونبر)").as_deref(), Some("--11-21"));
    assert_eq!(date(&g, "5 جوان 2024").as_deref(), Some("2024-06-05"));
    assert_eq!(date(&g, "فاتح يوليوز 2024").as_deref(), Some("2024-07-01"));
    assert_eq!(date(&g, "31 فبراير 2024"), None);
}

#[test]
fn hijri_dates_convert_to_gregorian() {
    let g = ar();
    // 1 Ramadan 1446 (Umm al-Qura) was Saturday 1 March 2025.
    assert_eq!(date(&g, "في 1 رمضان 1446 هـ").as_deref(), Some("2025-03-01"));
    assert_eq!(date(&g, "3 جمادى الآخرة 1447هـ").as_deref(), Some("2025-11-24"));
    // The month صفر is not the number zero, and needs its year.
    assert_eq!(date(&g, "10 صفر 1447").as_deref(), Some("2025-08-04"));
}

#[test]
fn hijri_ranges_convert_to_gregorian() {
    let g = ar();
    let r = |t| range(&g, t, None);
    // 3 to 6 Jumada al-Akhirah 1447 were 24 to 27 November 2025.
    assert_eq!(
        r("من 3 إلى 6 جمادى الآخرة 1447 هـ").as_deref(),
        Some("2025-11-24/2025-11-27")
    );
    assert_eq!(r("بين 3 و6 جمادى الآخرة 1447").as_deref(), Some("2025-11-24/2025-11-27"));
    // Across a month: 28 Sha'ban to 2 Ramadan 1447.
    assert_eq!(
        r("من 28 شعبان إلى 2 رمضان 1447 هـ").as_deref(),
        Some("2026-02-16/2026-02-19")
    );
    assert_eq!(r("من 6 إلى 3 رجب 1447 هـ"), None);
}

#[test]
fn relative_dates_need_a_reference() {
    let g = ar();
    let monday = ymd(2025, 11, 24);
    assert_eq!(date_at(&g, "انطلقت اليوم", monday).as_deref(), Some("2025-11-24"));
    assert_eq!(date_at(&g, "انطلقت أمس", monday).as_deref(), Some("2025-11-23"));
    assert_eq!(date_at(&g, "الخميس المقبل", monday).as_deref(), Some("2025-11-27"));
    assert_eq!(date_at(&g, "الجمعة الماضي", monday).as_deref(), Some("2025-11-21"));
    assert_eq!(date_at(&g, "27 من الشهر الجاري", monday).as_deref(), Some("2025-11-27"));
    assert_eq!(date_at(&g, "الشهر المقبل", monday).as_deref(), Some("2025-12"));
    assert_eq!(date_at(&g, "انطلقت اليوم", None), None);
    // أول أمس holds أمس, أمس الأول starts with it: two days back.
    assert_eq!(date_at(&g, "وصل أول أمس", monday).as_deref(), Some("2025-11-22"));
    assert_eq!(date_at(&g, "وصل أول من أمس", monday).as_deref(), Some("2025-11-22"));
    assert_eq!(date_at(&g, "وصل أمس الأول", monday).as_deref(), Some("2025-11-22"));
    assert_eq!(date_at(&g, "يصل بعد غد", monday).as_deref(), Some("2025-11-26"));
    // A month and المقبل / الماضي: its next or last occurrence.
    assert_eq!(date_at(&g, "في يناير المقبل", monday).as_deref(), Some("2026-01"));
    assert_eq!(date_at(&g, "في أكتوبر الماضي", monday).as_deref(), Some("2025-10"));
    assert_eq!(date_at(&g, "في نونبر المقبل", monday).as_deref(), Some("2026-11"));
    assert_eq!(date_at(&g, "في دجنبر الماضي", monday).as_deref(), Some("2024-12"));
    assert_eq!(date_at(&g, "في 15 يناير المقبل", monday).as_deref(), Some("2026-01-15"));
    assert_eq!(date_at(&g, "في 28 نونبر الماضي", monday).as_deref(), Some("2024-11-28"));
    assert_eq!(date_at(&g, "في 20 نونبر الماضي", monday).as_deref(), Some("2025-11-20"));
    assert_eq!(date_at(&g, "في يناير المقبل", None), None);
}

#[test]
fn datelines_give_the_publication_date() {
    let g = ar();
    let text = fold("الإنتربول يشيد\n\nحرر بتاريخ | 11/21/2025 | من طرف كشـ24");
    assert_eq!(g.dateline(&text), ymd(2025, 11, 21));
    assert_eq!(g.dateline(&fold("مقال بلا تاريخ")), None);
}

#[test]
fn weekdays_next_to_dates() {
    let g = ar();
    let found = g.weekday_dates(&fold("الاثنين 25 نونبر 2025"), None);
    assert_eq!(found[0].2, Weekday::Mon);
    assert_eq!(found[0].3.weekday(), Weekday::Tue);
    let friday = g.weekday_dates(&fold("اليوم الجمعة (21 نونبر)"), ymd(2025, 11, 21));
    assert!(friday.iter().all(|f| f.2 == f.3.weekday()), "{friday:?}");
    assert!(!friday.is_empty());
    // الأحد عشر is "the eleventh", not Sunday.
    assert!(g.weekday_dates(&fold("الأحد عشر 2025"), None).is_empty());
    // With no year and no publication date the weekday cannot be checked.
    assert!(g.weekday_dates(&fold("الجمعة (21 نونبر)"), None).is_empty());
}

#[test]
fn english_and_french_dates() {
    let en = DateGrammar::new(CalendarLexicon::builtin("en").unwrap());
    assert_eq!(
        range(&en, "from 24 to 27 November 2025", None).as_deref(),
        Some("2025-11-24/2025-11-27")
    );
    let fr = DateGrammar::new(CalendarLexicon::builtin("fr").unwrap());
    assert_eq!(
        range(&fr, "du 24 au 27 novembre 2025", None).as_deref(),
        Some("2025-11-24/2025-11-27")
    );
}
