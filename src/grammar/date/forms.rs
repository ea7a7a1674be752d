//! The forms a [`DateGrammar`](super::DateGrammar) knows, as templates, and
//! the words of a lexicon they are expanded with.

use crate::grammar::calendar::{alternation, CalendarLexicon};
use crate::grammar::number::NumberGrammar;
use crate::text::boundary::BoundaryRegex;
use regex::{Regex, RegexBuilder};

const DAY: &str = r"(?:3[01]|[12][0-9]|0?[1-9])";
pub(super) const YEAR: &str = r"(?:1[5-9][0-9][0-9]|2[0-2][0-9][0-9])";
const HIJRI_YEAR: &str = r"(?:1[3-5][0-9][0-9])";
const NUMERIC: &str = r"(?:[0-9]{1,4}[/.-][0-9]{1,2}[/.-][0-9]{1,4})";

/// The words a form template refers to, as regex alternatives.
pub(super) struct Words {
    month: String,
    hijri_month: String,
    hijri_suffix: String,
    pub(super) weekday: String,
    day: String,
    /// A day written as an ordinal (`الرابع والعشرين من نوفمبر`).
    ordinal_day: String,
    from: String,
    to: String,
    between: String,
    and: String,
    day_of: String,
    month_word: String,
    year_words: String,
    year_suffix: String,
    pub(super) today: String,
    yesterday: String,
    tomorrow: String,
    before_yesterday: String,
    after_tomorrow: String,
    current: String,
    next: String,
    last: String,
    month_next: String,
    month_last: String,
    rel_month: String,
    day_word: String,
}

/// An alternative that never matches, for an empty word list.
const NEVER: &str = r"(?:[^\s\S])";

fn words_of(list: &[String]) -> String {
    if list.is_empty() {
        NEVER.to_string()
    } else {
        alternation(list)
    }
}

fn names_of(table: &std::collections::BTreeMap<u32, Vec<String>>) -> String {
    let words = CalendarLexicon::words(table);
    if words.is_empty() {
        NEVER.to_string()
    } else {
        format!(r"{}\b", alternation(&words))
    }
}

impl Words {
    pub(super) fn new(lx: &CalendarLexicon, numbers: Option<&NumberGrammar>) -> Words {
        let rel = &lx.relative;
        let first_day = if lx.first_day.is_empty() {
            String::new()
        } else {
            format!("|{}", alternation(&lx.first_day))
        };
        Words {
            month: names_of(&lx.months),
            hijri_month: names_of(&lx.hijri_months),
            hijri_suffix: words_of(&lx.hijri_suffix),
            weekday: names_of(&lx.weekdays),
            day: format!("(?:{DAY}{first_day})"),
            ordinal_day: numbers.map_or(NEVER.to_string(), |n| format!("(?:{})", n.ordinal_pattern())),
            from: words_of(&lx.range.from),
            to: words_of(&lx.range.to),
            between: words_of(&lx.range.between),
            and: words_of(&lx.range.and),
            day_of: words_of(&lx.day_of),
            month_word: words_of(&lx.month_word),
            year_words: words_of(&lx.year_words),
            year_suffix: words_of(&lx.year_suffix),
            today: words_of(&rel.today),
            yesterday: words_of(&rel.yesterday),
            tomorrow: words_of(&rel.tomorrow),
            before_yesterday: words_of(&rel.day_before_yesterday),
            after_tomorrow: words_of(&rel.day_after_tomorrow),
            current: words_of(&rel.current),
            next: words_of(&rel.next),
            last: words_of(&rel.last),
            month_next: words_of(&rel.month_next),
            month_last: words_of(&rel.month_last),
            rel_month: words_of(&rel.month),
            day_word: words_of(&lx.day_word),
        }
    }

    /// Expands a form template. `{d1}` and the like become groups (named
    /// when `named`); `{FROM}` and the like become word alternatives.
    pub(super) fn expand(&self, template: &str, named: bool) -> String {
        let month_alt = format!(r"{m}(?:\s*[/(]\s*{m}\s*\)?)?", m = self.month);
        let year_part = |n: &str| {
            format!(
                r"(?:\s*[,،]?\s*(?:{dof}\s+)?(?:{yw}\s+)?{y}(?:\s?{suf})?\b)",
                dof = self.day_of,
                yw = self.year_words,
                y = group(n, YEAR, named),
                suf = self.year_suffix
            )
        };
        let month_part = |n: &str| {
            format!(
                r"(?:{dof}\s+)?(?:{mw}\s+)?{m}",
                dof = self.day_of,
                mw = self.month_word,
                m = group(n, &month_alt, named)
            )
        };
        let hijri_year = format!(
            r"(?:{yw}\s+)?{y}(?:\s?{suf})?",
            yw = self.year_words,
            y = group("hy", HIJRI_YEAR, named),
            suf = self.hijri_suffix
        );
        template
            .replace("{d1}", &group("d1", &self.day, named))
            .replace("{d2}", &group("d2", &self.day, named))
            .replace("{m1}", &month_part("m1"))
            .replace("{m2}", &month_part("m2"))
            .replace("{y1}", &year_part("y1"))
            .replace("{y2}", &year_part("y2"))
            .replace("{h1}", &group("h1", &self.hijri_month, named))
            .replace("{h2}", &group("h2", &self.hijri_month, named))
            .replace("{hy}", &hijri_year)
            .replace("{n1}", &group("n1", NUMERIC, named))
            .replace("{n2}", &group("n2", NUMERIC, named))
            .replace("{wd}", &group("wd", &self.weekday, named))
            .replace("{od}", &group("od", &self.ordinal_day, named))
            .replace("{today}", &group("today", &self.today, named))
            .replace("{yesterday}", &group("yesterday", &self.yesterday, named))
            .replace("{tomorrow}", &group("tomorrow", &self.tomorrow, named))
            .replace(
                "{before_yesterday}",
                &group("before_yesterday", &self.before_yesterday, named),
            )
            .replace(
                "{after_tomorrow}",
                &group("after_tomorrow", &self.after_tomorrow, named),
            )
            .replace("{current}", &group("current", &self.current, named))
            .replace("{next}", &group("next", &self.next, named))
            .replace("{last}", &group("last", &self.last, named))
            .replace("{mnext}", &group("next", &self.month_next, named))
            .replace("{mlast}", &group("last", &self.month_last, named))
            .replace("{MONTHWORD}", &self.rel_month)
            .replace("{DAYWORD}", &self.day_word)
            .replace("{DAYOF}", &self.day_of)
            .replace("{FROM}", &self.from)
            .replace("{TO}", &self.to)
            .replace("{BETWEEN}", &self.between)
            .replace("{AND}", &self.and)
    }
}

fn group(name: &str, body: &str, named: bool) -> String {
    if named {
        format!("(?P<{name}>{body})")
    } else {
        format!("(?:{body})")
    }
}

/// Single dates, most specific first; the first [`ABSOLUTE_FORMS`] need no
/// reference date.
pub(super) const DATE_FORMS: &[&str] = &[
    r"{d1}\s+{h1}\s+{hy}",
    r"{d1}\s+{m1}{y1}?(?:\s+(?:{current}|{mnext}|{mlast}))?",
    r"{n1}",
    // Month first only with a year: "يناير 22، 2018" (a count may follow a
    // month name: في نونبر 15 دولة).
    r"{m1}\s*{d1}{y1}",
    r"{m1}\s+{od}{y1}",
    r"(?:{DAYWORD}\s+)?{od}\s+{m1}{y1}?",
    r"{m1}{y1}",
    r"{d1}\s+(?:{DAYOF}\s+)?{MONTHWORD}\s+(?:{current}|{next}|{last})",
    r"{MONTHWORD}\s+(?:{current}|{next}|{last})",
    // "يناير المقبل": next January, the month as a whole.
    r"{m1}\s+(?:{current}|{mnext}|{mlast})",
    r"{wd}\s+(?:{next}|{last})",
    r"(?:{next}|{last})\s+{wd}",
    // Before yesterday and tomorrow: "أول أمس" holds "أمس", "أمس الأول" starts with it.
    r"{before_yesterday}",
    r"{after_tomorrow}",
    r"{today}",
    r"{yesterday}",
    r"{tomorrow}",
];

/// How many of [`DATE_FORMS`] are absolute (weekday checks, datelines).
pub(super) const ABSOLUTE_FORMS: usize = 7;

pub(super) const RANGE_FORMS: &[&str] = &[
    // Hijri days, converted like single Hijri dates: "من 3 إلى 6 جمادى
    // الآخرة 1447 هـ", "من 28 شعبان إلى 2 رمضان 1447".
    r"(?:{FROM}\s+|{BETWEEN}\s+)?{d1}\s+{h1}\s*(?:{TO}|{AND})\s*{d2}\s+{h2}\s+{hy}",
    r"(?:{FROM}\s+|{BETWEEN}\s+)?{d1}\s*(?:{TO}|{AND})\s*{d2}\s+{h2}\s+{hy}",
    r"(?:{FROM}\s+)?{m2}\s*{d1}\s*{TO}\s*{d2}{y2}?",
    r"(?:{FROM}\s+|{BETWEEN}\s+)?{d1}\s+{m1}{y1}?\s*(?:{TO}|{AND})\s*{d2}\s+{m2}{y2}?",
    r"(?:{FROM}\s+)?{d1}\s*{TO}\s*{d2}\s+{m2}{y2}?",
    r"{BETWEEN}\s+{d1}\s*{AND}\s*{d2}\s+{m2}{y2}?",
    r"(?:{FROM}\s+|{BETWEEN}\s+)?{n1}\s*(?:{TO}|{AND})\s*{n2}",
];

/// Groups only relative forms have.
pub(super) const RELATIVE_GROUPS: [&str; 9] = [
    "today",
    "yesterday",
    "tomorrow",
    "before_yesterday",
    "after_tomorrow",
    "current",
    "next",
    "last",
    "wd",
];

/// A full-text search regex, its `\b` checked in code (see [`crate::text::boundary`]).
pub(super) fn fast(source: &str) -> BoundaryRegex {
    BoundaryRegex::new(source, true).expect("date grammar compiles")
}

pub(super) fn build(source: &str) -> Regex {
    RegexBuilder::new(source)
        .case_insensitive(true)
        .size_limit(32 << 20)
        .build()
        .expect("date grammar compiles")
}
