//! Dates, date ranges and years, built from a [`CalendarLexicon`].
//!
//! A [`DateGrammar`] knows a handful of *forms* (day-month-year in words,
//! numeric dates, month-year; ranges within a month, across months, with
//! `بين … و`, numeric ranges). Each form exists twice: without capture groups,
//! joined into the regex a rule placeholder expands to, and with named groups,
//! anchored, to read the parts back out of a match. Rust's regex forbids a
//! group name twice in one regex, hence one parsing regex a form.
//!
//! A date with no year takes the year of the article's publication date;
//! with none, the year stays open ([`DateSet::Yearless`]). It is never taken
//! from another year elsewhere in the text.

use super::calendar::{alternation, CalendarLexicon};
use crate::value::DateSet;
use chrono::{Datelike, NaiveDate};
use regex::{Captures, Regex};

const DAY: &str = r"(?:3[01]|[12][0-9]|0?[1-9])";
const YEAR: &str = r"(?:1[5-9][0-9][0-9]|2[0-2][0-9][0-9])";
const NUMERIC: &str = r"(?:[0-9]{1,4}[/.-][0-9]{1,2}[/.-][0-9]{1,4})";

/// Reads dates in the words of one language.
#[derive(Debug)]
pub struct DateGrammar {
    lexicon: CalendarLexicon,
    date_pattern: String,
    range_pattern: String,
    date_forms: Vec<Regex>,
    range_forms: Vec<Regex>,
    numeric: Regex,
}

/// The words a form template refers to, as regex alternatives.
struct Words {
    month: String,
    from: String,
    to: String,
    between: String,
    and: String,
    day_of: String,
    month_word: String,
    year_words: String,
    year_suffix: String,
}

impl Words {
    fn new(lx: &CalendarLexicon) -> Words {
        let opt = |words: &[String]| {
            if words.is_empty() {
                "(?:[^\\s\\S])".to_string()
            } else {
                alternation(words)
            }
        };
        let month = alternation(&lx.month_names());
        Words {
            month: format!(r"{month}\b"),
            from: opt(&lx.range.from),
            to: opt(&lx.range.to),
            between: opt(&lx.range.between),
            and: opt(&lx.range.and),
            day_of: opt(&lx.day_of),
            month_word: opt(&lx.month_word),
            year_words: opt(&lx.year_words),
            year_suffix: opt(&lx.year_suffix),
        }
    }

    /// Expands a form template. `{d1}` and the like become groups (named
    /// when `named`); `{FROM}` and the like become word alternatives.
    fn expand(&self, template: &str, named: bool) -> String {
        let month_alt = format!(r"{m}(?:\s*[/(]\s*{m}\s*\)?)?", m = self.month);
        let year_part = |n: &str| {
            let y = group(n, YEAR, named);
            format!(
                r"(?:\s*[,،]?\s*(?:{dof}\s+)?(?:{yw}\s+)?{y}(?:\s?{suf})?\b)",
                dof = self.day_of,
                yw = self.year_words,
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
        template
            .replace("{d1}", &group("d1", DAY, named))
            .replace("{d2}", &group("d2", DAY, named))
            .replace("{m1}", &month_part("m1"))
            .replace("{m2}", &month_part("m2"))
            .replace("{y1}", &year_part("y1"))
            .replace("{y2}", &year_part("y2"))
            .replace("{n1}", &group("n1", NUMERIC, named))
            .replace("{n2}", &group("n2", NUMERIC, named))
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

const DATE_FORMS: &[&str] = &[r"{d1}\s+{m1}{y1}?", r"{n1}", r"{m1}{y1}"];

const RANGE_FORMS: &[&str] = &[
    r"(?:{FROM}\s+|{BETWEEN}\s+)?{d1}\s+{m1}{y1}?\s*(?:{TO}|{AND})\s*{d2}\s+{m2}{y2}?",
    r"(?:{FROM}\s+)?{d1}\s*{TO}\s*{d2}\s+{m2}{y2}?",
    r"{BETWEEN}\s+{d1}\s*{AND}\s*{d2}\s+{m2}{y2}?",
    r"(?:{FROM}\s+|{BETWEEN}\s+)?{n1}\s*(?:{TO}|{AND})\s*{n2}",
];

impl DateGrammar {
    pub fn new(lexicon: CalendarLexicon) -> DateGrammar {
        let words = Words::new(&lexicon);
        let unnamed = |forms: &[&str]| {
            let parts: Vec<String> = forms.iter().map(|f| words.expand(f, false)).collect();
            format!("(?:{})", parts.join("|"))
        };
        let named = |forms: &[&str]| -> Vec<Regex> {
            forms
                .iter()
                .map(|f| {
                    Regex::new(&format!("(?i)^(?:{})$", words.expand(f, true)))
                        .expect("date form compiles")
                })
                .collect()
        };
        DateGrammar {
            date_pattern: unnamed(DATE_FORMS),
            range_pattern: unnamed(RANGE_FORMS),
            date_forms: named(DATE_FORMS),
            range_forms: named(RANGE_FORMS),
            numeric: Regex::new(r"^([0-9]{1,4})[/.-]([0-9]{1,2})[/.-]([0-9]{1,4})$")
                .expect("numeric date regex compiles"),
            lexicon,
        }
    }

    pub fn lexicon(&self) -> &CalendarLexicon {
        &self.lexicon
    }

    /// Regex source of one date (no capture groups, no boundaries).
    pub fn date_pattern(&self) -> &str {
        &self.date_pattern
    }

    /// Regex source of one date range (no capture groups, no boundaries).
    pub fn range_pattern(&self) -> &str {
        &self.range_pattern
    }

    /// Regex source of a year.
    pub fn year_pattern(&self) -> &'static str {
        YEAR
    }

    /// Reads a year ("2025", "2025م").
    pub fn parse_year(&self, s: &str) -> Option<i32> {
        let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    }

    /// Reads a date matched by [`date_pattern`](Self::date_pattern).
    pub fn parse_date(&self, s: &str, reference: Option<NaiveDate>) -> Option<DateSet> {
        let caps = self.date_forms.iter().find_map(|re| re.captures(s))?;
        if let Some(n) = caps.name("n1") {
            return self.parse_numeric(n.as_str()).map(DateSet::day);
        }
        let month = self.month(&caps, "m1")?;
        let year = caps.name("y1").and_then(|y| self.parse_year(y.as_str()));
        match caps.name("d1") {
            Some(d) => resolve(year, month, d.as_str().parse().ok()?, reference),
            None => DateSet::month(year?, month),
        }
    }

    /// Reads a range matched by [`range_pattern`](Self::range_pattern).
    pub fn parse_range(&self, s: &str, reference: Option<NaiveDate>) -> Option<(DateSet, DateSet)> {
        let caps = self.range_forms.iter().find_map(|re| re.captures(s))?;
        if let (Some(a), Some(b)) = (caps.name("n1"), caps.name("n2")) {
            let (a, b) = (self.parse_numeric(a.as_str())?, self.parse_numeric(b.as_str())?);
            return (a <= b).then_some((DateSet::day(a), DateSet::day(b)));
        }
        let d1: u32 = caps.name("d1")?.as_str().parse().ok()?;
        let d2: u32 = caps.name("d2")?.as_str().parse().ok()?;
        let m2 = self.month(&caps, "m2")?;
        let m1 = self.month(&caps, "m1").unwrap_or(m2);
        let y2 = caps.name("y2").and_then(|y| self.parse_year(y.as_str()));
        let y1 = caps.name("y1").and_then(|y| self.parse_year(y.as_str()));
        // A range written across a year end names the year once, at its end.
        let (y1, y2) = match (y1, y2) {
            (None, Some(y)) if m1 > m2 => (Some(y - 1), Some(y)),
            (None, y) => (y, y),
            (y, None) => (y, y),
            (a, b) => (a, b),
        };
        let start = resolve(y1, m1, d1, reference)?;
        let end = resolve(y2, m2, d2, reference)?;
        if let (DateSet::Days { first: a, .. }, DateSet::Days { first: b, .. }) = (start, end) {
            if a > b {
                return None;
            }
        }
        Some((start, end))
    }

    fn month(&self, caps: &Captures, name: &str) -> Option<u32> {
        let text = caps.name(name)?.as_str();
        // "نوفمبر/تشرين الثاني": the first name decides.
        let first = text.split(['/', '(']).next().unwrap_or(text).trim();
        self.lexicon.month_number(first)
    }

    /// `21/11/2025` (day first), `2025-11-21`, and `11/21/2025` where only
    /// the month-first reading is a valid date.
    pub fn parse_numeric(&self, s: &str) -> Option<NaiveDate> {
        let caps = self.numeric.captures(s)?;
        let parts: Vec<&str> = (1..=3).map(|i| &caps[i]).collect();
        let n: Vec<u32> = parts.iter().map(|p| p.parse().ok()).collect::<Option<_>>()?;
        if parts[0].len() == 4 {
            return NaiveDate::from_ymd_opt(n[0] as i32, n[1], n[2]);
        }
        if parts[2].len() != 4 {
            return None;
        }
        let year = n[2] as i32;
        NaiveDate::from_ymd_opt(year, n[1], n[0]).or_else(|| NaiveDate::from_ymd_opt(year, n[0], n[1]))
    }
}

/// A day and month, with the year from the text, else the reference date,
/// else left open.
fn resolve(year: Option<i32>, month: u32, day: u32, reference: Option<NaiveDate>) -> Option<DateSet> {
    match year.or(reference.map(|r| r.year())) {
        Some(y) => NaiveDate::from_ymd_opt(y, month, day).map(DateSet::day),
        // 2024 is a leap year: any day that exists in some year exists in it.
        None => NaiveDate::from_ymd_opt(2024, month, day).map(|_| DateSet::Yearless { month, day }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::fold;

    fn ar() -> DateGrammar {
        DateGrammar::new(CalendarLexicon::builtin("ar").unwrap())
    }

    fn range(g: &DateGrammar, text: &str, reference: Option<NaiveDate>) -> Option<String> {
        let re = Regex::new(&format!(r"(?i)\b{}\b", g.range_pattern())).unwrap();
        let text = fold(text);
        let m = re.find(&text)?;
        let (a, b) = g.parse_range(m.as_str(), reference)?;
        Some(format!("{}/{}", a.canonical(), b.canonical()))
    }

    fn date(g: &DateGrammar, text: &str) -> Option<String> {
        let re = Regex::new(&format!(r"(?i)\b{}\b", g.date_pattern())).unwrap();
        let text = fold(text);
        let m = re.find(&text)?;
        g.parse_date(m.as_str(), None).map(|d| d.canonical())
    }

    #[test]
    fn ranges_in_arabic_news() {
        let g = ar();
        let r = |t| range(&g, t, None);
        assert_eq!(r("من 24 إلى 27 نونبر 2025").as_deref(), Some("2025-11-24/2025-11-27"));
        assert_eq!(r("ما بين 24 و27 نونبر 2025").as_deref(), Some("2025-11-24/2025-11-27"));
        assert_eq!(r("بين 24 و 27 نوفمبر/تشرين الثاني الجاري").as_deref(), Some("--11-24/--11-27"));
        assert_eq!(r("من ٣٠ ديسمبر إلى ٢ يناير ٢٠٢٦").as_deref(), Some("2025-12-30/2026-01-02"));
        assert_eq!(r("24-27 تشرين الثاني 2025م").as_deref(), Some("2025-11-24/2025-11-27"));
        assert_eq!(r("من 24/11/2025 إلى 27/11/2025").as_deref(), Some("2025-11-24/2025-11-27"));
        assert_eq!(r("من 27 إلى 24 نونبر 2025"), None);
    }

    #[test]
    fn yearless_range_takes_the_publication_year() {
        let g = ar();
        let published = NaiveDate::from_ymd_opt(2025, 11, 24);
        assert_eq!(
            range(&g, "بين 24 و27 نوفمبر", published).as_deref(),
            Some("2025-11-24/2025-11-27")
        );
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
        assert_eq!(date(&g, "31 فبراير 2024"), None);
    }

    #[test]
    fn english_and_french_dates() {
        let en = DateGrammar::new(CalendarLexicon::builtin("en").unwrap());
        assert_eq!(range(&en, "from 24 to 27 November 2025", None).as_deref(), Some("2025-11-24/2025-11-27"));
        let fr = DateGrammar::new(CalendarLexicon::builtin("fr").unwrap());
        assert_eq!(range(&fr, "du 24 au 27 novembre 2025", None).as_deref(), Some("2025-11-24/2025-11-27"));
    }
}
