//! The forms a [`DateGrammar`](super::DateGrammar) knows, as named
//! templates. The words they are expanded with are in [`super::words`].

use crate::text::boundary::BoundaryRegex;
use regex::{Regex, RegexBuilder};
use std::sync::OnceLock;

pub(super) const DAY: &str = r"(?:3[01]|[12][0-9]|0?[1-9])";
pub(super) const YEAR: &str = r"(?:1[5-9][0-9][0-9]|2[0-2][0-9][0-9])";
/// A year before 1500 after a day and a month (`5 ديسمبر 1391`); a round
/// hundred there is more often a count (`في 5 مارس 1200 مهاجر`), so not
/// those.
pub(super) const OLD_YEAR: &str = r"(?:1[0-4](?:[0-9][1-9]|[1-9]0))";
pub(super) const HIJRI_YEAR: &str = r"(?:1[3-5][0-9][0-9])";
pub(super) const NUMERIC: &str = r"(?:[0-9]{1,4}[/.-][0-9]{1,2}[/.-][0-9]{1,4})";

/// A single date form: its name (shown by `probe`) and its template.
pub(super) type Form = (&'static str, &'static str);

/// Single dates, most specific first; the first [`ABSOLUTE_FORMS`] need no
/// reference date. A weekday may stand before any of the first
/// [`WEEKDAY_DATED_FORMS`] (`الخميس المقبل 27 نوفمبر`): the date decides,
/// and the two are one claim.
pub(super) const DATE_FORMS: &[Form] = &[
    ("hijri", r"{d1}\.?\s+{h1}\s+{hy}"),
    // "ثالث ثلاثاء من مارس 2024": the nth weekday of a month.
    ("nth-weekday", r"{nth}\s+(?:{DAYWORD}\s+)?{wdx}\s+{m1x}{y1x}?"),
    // "آخر يوم من شهر أكتوبر", "اليوم الأخير من أكتوبر".
    ("last-day", r"(?:{lastd}\s+{DAYWORD}|{DAYWORD}\s+{lasta})\s+{m1x}{y1x}?"),
    // "ثالث يوم من شهر عشرة".
    ("nth-day", r"{nth}\s+{DAYWORD}\s+{m1x}{y1x}?"),
    // Two days joined by "and" ("3 و4 مارس"): the days from one to the other.
    ("two-days", r"{d1}\s*{AND}\s*{d2}\.?\s*{m1}\.?{y1}?"),
    (
        "day-month-year",
        r"{d1}\.?\s*{m1}\.?{y1w}?(?:\s+(?:{current}|{mnext}|{mlast}))?",
    ),
    ("numeric", r"{n1}"),
    // Month first only with a year: "يناير 22، 2018" (a count may follow a
    // month name: في نونبر 15 دولة). The day may be glued: "سبتمبر10".
    ("month-day-year", r"{m1g}\s*{d1}{y1}"),
    // "March 4", "Sept. 10", "the March 4 disaster": a month first with no
    // year, in a language whose lexicon says it writes so (`month-day`).
    ("month-day", r"{MDAY}{m1}\.?\s*{d1}(?:st|nd|rd|th)?\b"),
    ("month-ordinal-year", r"{m1}\s+{od}{y1}"),
    ("ordinal-month-year", r"(?:{DAYWORD}\s+)?{od}[,،]?\s+{m1}{y1}?"),
    ("month-year", r"{m1}{y1}"),
    // "السادس من الشهر الجاري", "19 من هذا الشهر".
    (
        "day-of-relative-month",
        r"(?:{d1}|{od})\s+(?:{DAYOF}\s+)?(?:{this}\s+{MONTHWORD}|{MONTHWORD}\s+(?:{current}|{next}|{last}))",
    ),
    // "مطلع الشهر المقبل", "أواخر مارس 2024", "mi-mars": a third of a month.
    (
        "third-of-month",
        r"{third}\s*-?\s*(?:{DAYOF}\s+)?(?:{m1}{y1}?|(?:{this}\s+)?{MONTHWORD}(?:\s+(?:{current}|{next}|{last}))?)",
    ),
    // "early next month".
    ("third-of-month", r"{third}\s+(?:{next}|{last})\s+{MONTHWORD}"),
    ("relative-month", r"{this}\s+{MONTHWORD}"),
    // "next month" (English puts the word first).
    ("relative-month", r"(?:{next}|{last})\s+{MONTHWORD}"),
    ("relative-month", r"{MONTHWORD}\s+(?:{current}|{next}|{last})"),
    // "يناير المقبل": next January, the month as a whole.
    ("month-relative", r"{m1}\s+(?:{current}|{mnext}|{mlast})"),
    // A form may come in several entries of one name: a regex may not
    // name a group twice.
    ("week", r"{this}\s+{week}"),
    ("week", r"{week}\s+(?:{current}|{next}|{last})"),
    ("week", r"(?:{next}|{last})\s+{week}"),
    ("days-ago", r"{ago}\s+(?:{cnt}\s+)?{unit}(?:\s+{nega})?"),
    ("days-ago", r"(?:{cnt}\s+)?{unit}\s+{AGOAFTER}"),
    // "ليلة الأحد إلى الاثنين": one night over two days.
    ("night", r"{pt}\s+{wd}\s*(?:{TO}|{AND})\s*{wd2}"),
    (
        "weekday",
        r"(?:{neg}\s+)?(?:{pt}\s+)?(?:{DAYWORD}\s+)?{wd}(?:\s+(?:{next}|{last}))?(?:\s+{pt2})?(?:\s+{neg2})?",
    ),
    ("next-weekday", r"(?:{next}|{last})\s+{wd}(?:\s+{pt2})?"),
    // Before yesterday and tomorrow: "أول أمس" holds "أمس", "أمس الأول" starts with it.
    (
        "before-yesterday",
        r"(?:{pt}\s+)?{before_yesterday}(?:\s+{WDN})?(?:\s+{pt2})?",
    ),
    (
        "after-tomorrow",
        r"(?:{pt}\s+)?{after_tomorrow}(?:\s+{WDN})?(?:\s+{pt2})?",
    ),
    ("today", r"(?:{pt}\s+)?{today}(?:\s+{WDN})?(?:\s+{pt2})?"),
    ("yesterday", r"(?:{pt}\s+)?{yesterday}(?:\s+{WDN})?(?:\s+{pt2})?"),
    ("tomorrow", r"(?:{pt}\s+)?{tomorrow}(?:\s+{WDN})?(?:\s+{pt2})?"),
];

/// How many of [`DATE_FORMS`] are absolute (weekday checks, datelines).
pub(super) const ABSOLUTE_FORMS: usize = 12;

/// How many of [`DATE_FORMS`] a weekday may stand before.
pub(super) const WEEKDAY_DATED_FORMS: usize = 13;

/// Date ranges. `{W}` is an optional weekday before a day ("ليلة الأحد 3
/// إلى الاثنين 4 مارس", "from Sunday 3 to Monday 4 March").
pub(super) const RANGE_FORMS: &[Form] = &[
    // Hijri days, converted like single Hijri dates: "من 3 إلى 6 جمادى
    // الآخرة 1447 هـ", "من 28 شعبان إلى 2 رمضان 1447".
    (
        "hijri-across-months",
        r"(?:{FROM}\s+|{BETWEEN}\s+)?{d1}\s+{h1}\s*(?:{TO}|{AND})\s*{d2}\s+{h2}\s+{hy}",
    ),
    (
        "hijri",
        r"(?:{FROM}\s+|{BETWEEN}\s+)?{d1}\s*(?:{TO}|{AND})\s*{d2}\s+{h2}\s+{hy}",
    ),
    ("month-first", r"(?:{FROM}\s+)?{m2}\s*{d1}\s*{TO}\s*{d2}{y2}?"),
    // "March 4 to April 2", "from Sept. 30 to Oct. 2, 2024": month first
    // at both ends, where the lexicon writes a month before its day.
    (
        "across-months",
        r"{MDAY}(?:{FROM}\s+|{BETWEEN}\s+)?{m1}\.?\s*{D1}(?:st|nd|rd|th)?\s*(?:{TO}|{AND})\s*{m2}\.?\s*{D2}(?:st|nd|rd|th)?{y2}?",
    ),
    // "3 مارس 2024 - 06/03/2024": a written start, a numeric end.
    (
        "written-numeric",
        r"(?:{FROM}\s+|{BETWEEN}\s+)?{W}{D1}\.?\s*{m1}\.?{y1}\s*(?:{TO}|{AND})\s*{n2}",
    ),
    (
        "across-months",
        r"(?:{FROM}\s+|{BETWEEN}\s+)?{W}{D1}\.?\s*{m1}\.?{y1}?\s*(?:{TO}|{AND})\s*{W}{D2}\.?\s*{m2}\.?{y2}?",
    ),
    // "من 3 مارس إلى غاية 6 منه": the end in the month of the start.
    (
        "same-month",
        r"(?:{FROM}\s+|{BETWEEN}\s+)?{W}{D1}\.?\s*{m1}\.?{y1}?\s*(?:{TO}|{AND})\s*{W}{D2}\s+{same}",
    ),
    (
        "within-month",
        r"(?:{FROM}\s+|{BETWEEN}\s+)?{W}{D1}\s*(?:{TO}|{AND})\s*{W}{D2}\.?\s*{m2}\.?{y2}?",
    ),
    // "من 3 إلى 6 من الشهر المقبل", "الثالث والعشرين وحتى السادس والعشرين من الشهر".
    (
        "relative-month",
        r"(?:{FROM}\s+|{BETWEEN}\s+)?{W}{D1}\s*(?:{TO}|{AND})\s*{W}{D2}\s+(?:{DAYOF}\s+)?(?:{this}\s+{MONTHWORD}|{MONTHWORD}(?:\s+(?:{current}|{next}|{last}))?)",
    ),
    ("numeric", r"(?:{FROM}\s+|{BETWEEN}\s+)?{n1}\s*(?:{TO}|{AND})\s*{n2}"),
    // "ليلة الأحد إلى الاثنين", "من السبت إلى الاثنين".
    ("weekdays", r"(?:{FROM}\s+|{pt}\s+)?{wd}\s*{TO}\s*{wd2}"),
];

/// A full-text search regex, its `\b` checked in code (see
/// [`crate::text::boundary`]). The grammar writes it with every lexicon
/// word escaped, so it parses; it is parsed when a text first needs it.
pub(super) fn fast(source: &str) -> BoundaryRegex {
    BoundaryRegex::known(source, true)
}

/// A regex of the date grammar, compiled when first used: most texts need
/// few of the forms, and a short check none.
#[derive(Debug)]
pub(super) struct Lazy {
    source: String,
    compiled: OnceLock<Regex>,
}

impl Lazy {
    /// The length of its source: what compiling it costs, roughly.
    pub(super) fn source_len(&self) -> usize {
        self.source.len()
    }

    pub(super) fn get(&self) -> &Regex {
        self.compiled.get_or_init(|| {
            RegexBuilder::new(&self.source)
                .case_insensitive(true)
                .size_limit(64 << 20)
                .build()
                .expect("date grammar compiles")
        })
    }
}

pub(super) fn lazy(source: &str) -> Lazy {
    Lazy {
        source: source.to_string(),
        compiled: OnceLock::new(),
    }
}
