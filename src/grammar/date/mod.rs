//! Dates, date ranges and years, built from a [`CalendarLexicon`].
//!
//! A [`DateGrammar`] knows a handful of *forms*: day-month-year in words,
//! Hijri dates (converted with ICU4X's Umm al-Qura calendar), numeric dates,
//! month-year, dates relative to the publication date (`اليوم`, `الاثنين
//! المقبل`, `24 من الشهر الجاري`); ranges within a month, across months, with
//! `بين … و`, numeric ranges. Each form exists twice: without capture
//! groups, joined into the regex a rule placeholder expands to, and with
//! named groups, anchored, to read the parts back out of a match. Rust's
//! regex forbids a group name twice in one regex, hence one parsing regex a
//! form.
//!
//! A date with no year takes the year that puts it within six months of
//! the article's publication date (`3 يناير` in an article of 30 December
//! 2025 is 2026-01-03); with no publication date, the year stays open
//! ([`DateSet::Yearless`]).
//! It is never taken from another year elsewhere in the text.

use super::calendar::{alternation, CalendarLexicon, NumericOrder};
use super::number::NumberGrammar;
use crate::model::value::DateSet;
use crate::text::boundary::BoundaryRegex;
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use regex::{Captures, Regex};
use std::sync::Arc;

mod forms;
#[cfg(test)]
mod tests;

use forms::{build, fast, Words, ABSOLUTE_FORMS, DATE_FORMS, RANGE_FORMS, RELATIVE_GROUPS, YEAR};

/// Reads dates in the words of one language.
#[derive(Debug)]
pub struct DateGrammar {
    lexicon: CalendarLexicon,
    numbers: Option<Arc<NumberGrammar>>,
    date_pattern: String,
    range_pattern: String,
    date_forms: Vec<Regex>,
    range_forms: Vec<Regex>,
    numeric: Regex,
    weekday_dates: BoundaryRegex,
    dateline: Option<BoundaryRegex>,
}

impl DateGrammar {
    /// Dates in the words of a lexicon, with days in digits only.
    pub fn new(lexicon: CalendarLexicon) -> DateGrammar {
        Self::with_numbers(lexicon, None)
    }

    /// Dates whose day may also be an ordinal word of `numbers`.
    pub fn with_numbers(lexicon: CalendarLexicon, numbers: Option<Arc<NumberGrammar>>) -> DateGrammar {
        let words = Words::new(&lexicon, numbers.as_deref());
        let unnamed = |forms: &[&str]| {
            let parts: Vec<String> = forms.iter().map(|f| words.expand(f, false)).collect();
            format!("(?:{})", parts.join("|"))
        };
        let named = |forms: &[&str]| -> Vec<Regex> {
            forms
                .iter()
                .map(|f| build(&format!("^(?:{})$", words.expand(f, true))))
                .collect()
        };
        let date_pattern = unnamed(DATE_FORMS);
        let weekday_dates = fast(&format!(
            r"\b(?:(?P<today>{today})\s+(?P<wd1>{wd})|(?P<wd2>{wd})\s*[(،,]?\s*(?P<date>{date}))\b",
            today = words.today,
            wd = words.weekday,
            date = unnamed(&DATE_FORMS[..ABSOLUTE_FORMS])
        ));
        let dateline = (!lexicon.dateline.is_empty()).then(|| {
            fast(&format!(
                r"\b(?:{}){}\s*[|:\-–]?\s*(?P<date>{})\b",
                alternation(&lexicon.dateline),
                r"\b",
                unnamed(&DATE_FORMS[..ABSOLUTE_FORMS])
            ))
        });
        DateGrammar {
            range_pattern: unnamed(RANGE_FORMS),
            date_forms: named(DATE_FORMS),
            range_forms: named(RANGE_FORMS),
            numeric: build(r"^([0-9]{1,4})[/.-]([0-9]{1,2})[/.-]([0-9]{1,4})$"),
            date_pattern,
            weekday_dates,
            dateline,
            lexicon,
            numbers,
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
        if caps.name("h1").is_some() {
            return self.hijri(&caps).map(DateSet::day);
        }
        if let Some(relative) = reference.and_then(|r| self.relative(&caps, r)) {
            return Some(relative);
        }
        let absolute = caps.name("m1").is_some() && caps.name("d1").is_some();
        if !absolute && RELATIVE_GROUPS.iter().any(|g| caps.name(g).is_some()) {
            // A relative date with no reference date to resolve it.
            return None;
        }
        let month = self.month(&caps, "m1")?;
        let year = caps.name("y1").and_then(|y| self.parse_year(y.as_str()));
        match caps.name("d1").or(caps.name("od")) {
            Some(d) => resolve(year, month, self.day(d.as_str())?, reference),
            None => DateSet::month(year?, month),
        }
    }

    /// Dates relative to the publication date; `None` for absolute forms.
    fn relative(&self, caps: &Captures, reference: NaiveDate) -> Option<DateSet> {
        let has = |name| caps.name(name).is_some();
        let day = |d: Option<NaiveDate>| d.map(DateSet::day);
        if has("today") {
            return Some(DateSet::day(reference));
        }
        if has("yesterday") {
            return day(reference.checked_sub_days(Days::new(1)));
        }
        if has("tomorrow") {
            return day(reference.checked_add_days(Days::new(1)));
        }
        if has("before_yesterday") {
            return day(reference.checked_sub_days(Days::new(2)));
        }
        if has("after_tomorrow") {
            return day(reference.checked_add_days(Days::new(2)));
        }
        if let Some(wd) = caps.name("wd") {
            let target = weekday(self.lexicon.weekday_number(wd.as_str())?)?;
            return day(shift_to_weekday(reference, target, has("next")));
        }
        let shift = if has("next") {
            1
        } else if has("last") {
            -1
        } else if has("current") {
            0
        } else {
            return None;
        };
        if caps.name("m1").is_some() {
            if has("y1") {
                // A year in the text decides: "24 نونبر 2025 الجاري".
                return None;
            }
            // "24 نونبر الجاري", "24 نونبر المقبل", "يناير المقبل": the month as
            // named, in the reference year, or the next or last such day or
            // month around the reference date.
            let month = self.month(caps, "m1")?;
            let Some(d) = caps.name("d1") else {
                let year = reference.year()
                    + match shift {
                        1 if month <= reference.month() => 1,
                        -1 if month >= reference.month() => -1,
                        _ => 0,
                    };
                return DateSet::month(year, month);
            };
            let d = self.day(d.as_str())?;
            let this_year = NaiveDate::from_ymd_opt(reference.year(), month, d);
            let year = reference.year()
                + match (shift, this_year) {
                    (1, Some(t)) if t <= reference => 1,
                    (-1, Some(t)) if t >= reference => -1,
                    _ => 0,
                };
            return NaiveDate::from_ymd_opt(year, month, d).map(DateSet::day);
        }
        let first = NaiveDate::from_ymd_opt(reference.year(), reference.month(), 1)?;
        let month = if shift >= 0 {
            first.checked_add_months(Months::new(shift as u32))?
        } else {
            first.checked_sub_months(Months::new(1))?
        };
        match caps.name("d1") {
            Some(d) => NaiveDate::from_ymd_opt(month.year(), month.month(), self.day(d.as_str())?).map(DateSet::day),
            None => DateSet::month(month.year(), month.month()),
        }
    }

    /// A single Hijri date: day `d1`, month `h1`, year `hy`.
    fn hijri(&self, caps: &Captures) -> Option<NaiveDate> {
        let year: i32 = caps.name("hy")?.as_str().parse().ok()?;
        self.hijri_day(caps, "d1", "h1", year)
    }

    /// The day of group `day`, in the Hijri month of group `month`, of
    /// `year`, in the Gregorian calendar.
    fn hijri_day(&self, caps: &Captures, day: &str, month: &str, year: i32) -> Option<NaiveDate> {
        let month = self.lexicon.hijri_month_number(caps.name(month)?.as_str())?;
        let day = self.day(caps.name(day)?.as_str())?;
        hijri_to_gregorian(year, month, day)
    }

    /// A Hijri range: days `d1` and `d2`, the month `h2` (and `h1` when the
    /// range crosses a month), the year `hy` named once, at its end.
    fn hijri_range(&self, caps: &Captures) -> Option<(DateSet, DateSet)> {
        let year: i32 = caps.name("hy")?.as_str().parse().ok()?;
        let m2 = self.lexicon.hijri_month_number(caps.name("h2")?.as_str())?;
        let first_month = if caps.name("h1").is_some() { "h1" } else { "h2" };
        let m1 = self.lexicon.hijri_month_number(caps.name(first_month)?.as_str())?;
        // ذو الحجة to محرم: the range starts in the year before.
        let start = self.hijri_day(caps, "d1", first_month, if m1 > m2 { year - 1 } else { year })?;
        let end = self.hijri_day(caps, "d2", "h2", year)?;
        (start <= end).then_some((DateSet::day(start), DateSet::day(end)))
    }

    /// A day number, the lexicon's word for the first day, or an ordinal.
    fn day(&self, s: &str) -> Option<u32> {
        if self.lexicon.first_day.iter().any(|w| w.eq_ignore_ascii_case(s)) {
            return Some(1);
        }
        if let Ok(n) = s.parse() {
            return Some(n);
        }
        let n = self.numbers.as_ref()?.parse_ordinal(s)?;
        u32::try_from(n).ok().filter(|d| (1..=31).contains(d))
    }

    /// Reads a range matched by [`range_pattern`](Self::range_pattern).
    pub fn parse_range(&self, s: &str, reference: Option<NaiveDate>) -> Option<(DateSet, DateSet)> {
        let caps = self.range_forms.iter().find_map(|re| re.captures(s))?;
        if let (Some(a), Some(b)) = (caps.name("n1"), caps.name("n2")) {
            let (a, b) = (self.parse_numeric(a.as_str())?, self.parse_numeric(b.as_str())?);
            return (a <= b).then_some((DateSet::day(a), DateSet::day(b)));
        }
        if caps.name("h2").is_some() {
            return self.hijri_range(&caps);
        }
        let d1 = self.day(caps.name("d1")?.as_str())?;
        let d2 = self.day(caps.name("d2")?.as_str())?;
        let m2 = self.month(&caps, "m2")?;
        let m1 = self.month(&caps, "m1").unwrap_or(m2);
        let y2 = caps.name("y2").and_then(|y| self.parse_year(y.as_str()));
        let y1 = caps.name("y1").and_then(|y| self.parse_year(y.as_str()));
        // A range written across a year end names the year once, at its end
        // (or at its start); with no year, the start is the nearest such day
        // to the publication date and the end follows it.
        let (y1, y2) = match (y1, y2) {
            (None, Some(y)) if m1 > m2 => (Some(y - 1), Some(y)),
            (Some(y), None) if m1 > m2 => (Some(y), Some(y + 1)),
            (None, None) => match reference {
                Some(r) => {
                    let y = nearest_year(m1, r);
                    (Some(y), Some(if m1 > m2 { y + 1 } else { y }))
                }
                None => (None, None),
            },
            (None, y) | (y, None) => (y, y),
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
        let parts: Vec<&str> = (1..=3).map(|i| caps.get(i).map_or("", |m| m.as_str())).collect();
        let n: Vec<u32> = parts.iter().map(|p| p.parse().ok()).collect::<Option<_>>()?;
        if parts[0].len() == 4 {
            return NaiveDate::from_ymd_opt(n[0] as i32, n[1], n[2]);
        }
        if parts[2].len() != 4 {
            return None;
        }
        let year = n[2] as i32;
        let (day_first, month_first) = (
            || NaiveDate::from_ymd_opt(year, n[1], n[0]),
            || NaiveDate::from_ymd_opt(year, n[0], n[1]),
        );
        match self.lexicon.numeric_order.unwrap_or_default() {
            NumericOrder::DayFirst => day_first().or_else(month_first),
            NumericOrder::MonthFirst => month_first().or_else(day_first),
        }
    }

    /// The publication date a dateline near the top of a folded text gives
    /// (`حرر بتاريخ | 11/21/2025`).
    pub fn dateline(&self, folded: &str) -> Option<NaiveDate> {
        let head = &folded[..floor_boundary(folded, 1200)];
        let caps = self.dateline.as_ref()?.captures_all(head).into_iter().next()?;
        match self.parse_date(caps.name("date")?.as_str(), None)? {
            DateSet::Days { first, last, .. } if first == last => Some(first),
            _ => None,
        }
    }

    /// Every stated weekday next to a date in a folded text: (start, end,
    /// the weekday stated, the date). `اليوم الاثنين` pairs the weekday with
    /// the publication date. Dates that stay vague (no year and no
    /// reference) are skipped: their weekday cannot be checked.
    pub fn weekday_dates(&self, folded: &str, reference: Option<NaiveDate>) -> Vec<(usize, usize, Weekday, NaiveDate)> {
        let mut out = Vec::new();
        for caps in self.weekday_dates.captures_all(folded) {
            let Some(whole) = caps.get(0) else { continue };
            let Some(wd) = caps.name("wd1").or(caps.name("wd2")) else {
                continue;
            };
            let Some(stated) = self.lexicon.weekday_number(wd.as_str()).and_then(weekday) else {
                continue;
            };
            // الأحد عشر is "the eleventh", not Sunday.
            let next = folded[wd.end()..].split_whitespace().next().unwrap_or("");
            if self.lexicon.weekday_not_before.iter().any(|w| w == next) {
                continue;
            }
            let date = match caps.name("date") {
                Some(d) => match self.parse_date(d.as_str(), reference) {
                    Some(DateSet::Days { first, last, .. }) if first == last => first,
                    _ => continue,
                },
                None => match reference {
                    Some(r) => r,
                    None => continue,
                },
            };
            out.push((whole.start(), whole.end(), stated, date));
        }
        out
    }
}

fn floor_boundary(s: &str, at: usize) -> usize {
    (0..=at.min(s.len()))
        .rev()
        .find(|&i| s.is_char_boundary(i))
        .unwrap_or(0)
}

/// Monday = 1 … Sunday = 7.
pub fn weekday(n: u32) -> Option<Weekday> {
    Weekday::try_from(u8::try_from(n.checked_sub(1)?).ok()?).ok()
}

/// The nearest `target` weekday after (`forward`) or before `from`.
fn shift_to_weekday(from: NaiveDate, target: Weekday, forward: bool) -> Option<NaiveDate> {
    let (a, b) = (from.weekday().num_days_from_monday(), target.num_days_from_monday());
    if forward {
        let ahead = (b + 7 - a) % 7;
        from.checked_add_days(Days::new(u64::from(if ahead == 0 { 7 } else { ahead })))
    } else {
        let back = (a + 7 - b) % 7;
        from.checked_sub_days(Days::new(u64::from(if back == 0 { 7 } else { back })))
    }
}

/// The year of a yearless `month` in an article of `reference`: the one
/// that puts the month within six months of the reference month. An
/// article of 30 December 2025 that says `3 يناير` means January 2026, one
/// of 3 January 2026 that says `28 ديسمبر` means December 2025; a month
/// exactly six months away keeps the reference year.
fn nearest_year(month: u32, reference: NaiveDate) -> i32 {
    let offset = i64::from(month) - i64::from(reference.month());
    reference.year()
        + match offset {
            o if o > 6 => -1,
            o if o < -6 => 1,
            _ => 0,
        }
}

/// A Hijri (Umm al-Qura) date in the Gregorian calendar.
pub fn hijri_to_gregorian(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    use icu_calendar::cal::Hijri;
    use icu_calendar::Date;
    let date = Date::try_new_hijri_with_calendar(
        year,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
        Hijri::new_umm_al_qura(),
    )
    .ok()?;
    let iso = date.to_calendar(icu_calendar::Iso);
    NaiveDate::from_ymd_opt(
        iso.year().extended_year(),
        u32::from(iso.month().ordinal),
        u32::from(iso.day_of_month().0),
    )
}

/// A day and month, with the year from the text, else the year that puts
/// it nearest the reference (publication) date ([`nearest_year`]), else
/// left open.
fn resolve(year: Option<i32>, month: u32, day: u32, reference: Option<NaiveDate>) -> Option<DateSet> {
    match year.or(reference.map(|r| nearest_year(month, r))) {
        Some(y) => NaiveDate::from_ymd_opt(y, month, day).map(DateSet::day),
        // 2024 is a leap year: any day that exists in some year exists in it.
        None => NaiveDate::from_ymd_opt(2024, month, day).map(|_| DateSet::Yearless { month, day }),
    }
}
