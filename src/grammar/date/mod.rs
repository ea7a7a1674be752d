//! Dates, date ranges and years, built from a [`CalendarLexicon`].
//!
//! A [`DateGrammar`] knows a list of named *forms* (in `forms.rs`):
//! day-month-year in digits or words, Hijri dates (converted with ICU4X's
//! Umm al-Qura calendar), numeric dates, month-year, computed days (`ثالث
//! ثلاثاء من مارس 2024`, `آخر يوم من أكتوبر`), dates relative to the
//! publication date (`اليوم`, `الاثنين المقبل`, `فجر السبت`, `قبل يومين`,
//! `السادس من الشهر الجاري`, `مطلع الشهر المقبل`, `الأسبوع المقبل`); ranges
//! within a month, across months, with `بين … و`, with weekdays at their
//! ends, ending in "the same month" or a relative month, numeric ranges.
//! Each form exists twice: without capture groups, joined into the regex a
//! rule placeholder expands to, and with named groups, anchored, to read
//! the parts back out of a match. Rust's regex forbids a group name twice in
//! one regex, hence one parsing regex a form.
//!
//! A date with no year takes the year that puts it within six months of
//! the article's publication date (`3 يناير` in an article of 30 December
//! 2025 is 2026-01-03); with no publication date, the year stays open
//! ([`DateSet::Yearless`]). A weekday alone is the nearest such day on or
//! before the publication date (news reports what happened), unless a word
//! says next or last; with no publication date it stays a weekday
//! ([`DateSet::Weekday`]). A time of day (`فجر`, `مساء`, `soir`) is kept in
//! the [`DateReading`]; the night (`ليلة السبت`) spans the two days it
//! joins.

use super::calendar::{alternation, CalendarLexicon, NumericOrder};
use super::number::NumberGrammar;
use crate::model::value::DateSet;
use crate::text::boundary::BoundaryRegex;
use chrono::{Datelike, NaiveDate, Weekday};
use regex::Captures;
use std::sync::Arc;

mod forms;
mod range;
mod reading;
mod relative;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_forms;
mod words;

use forms::{fast, lazy, Form, ABSOLUTE_FORMS, DATE_FORMS, RANGE_FORMS, WEEKDAY_DATED_FORMS, YEAR};
pub use reading::{DateReading, DayPart, RangeReading};
use words::Words;

/// Reads dates in the words of one language.
#[derive(Debug)]
pub struct DateGrammar {
    lexicon: CalendarLexicon,
    numbers: Option<Arc<NumberGrammar>>,
    date_pattern: String,
    range_pattern: String,
    date_forms: Vec<(&'static str, forms::Lazy)>,
    range_forms: Vec<(&'static str, forms::Lazy)>,
    /// A weekday before a date, anchored at the start.
    weekday_prefix: forms::Lazy,
    numeric: forms::Lazy,
    weekday_dates: BoundaryRegex,
    dateline: Option<BoundaryRegex>,
    /// The sources of the two full-text regexes above.
    full_text: Vec<String>,
}

impl DateGrammar {
    /// Dates in the words of a lexicon, with days in digits only.
    pub fn new(lexicon: CalendarLexicon) -> DateGrammar {
        Self::with_numbers(lexicon, None)
    }

    /// Dates whose day may also be an ordinal word of `numbers`.
    pub fn with_numbers(lexicon: CalendarLexicon, numbers: Option<Arc<NumberGrammar>>) -> DateGrammar {
        let words = Words::new(&lexicon, numbers.as_deref());
        let unnamed = |forms: &[Form]| {
            let parts: Vec<String> = forms.iter().map(|(_, f)| words.expand(f, false)).collect();
            format!("(?:{})", parts.join("|"))
        };
        let named = |forms: &[Form]| -> Vec<(&'static str, forms::Lazy)> {
            forms
                .iter()
                .map(|(n, f)| (*n, lazy(&format!("^(?:{})$", words.expand(f, true)))))
                .collect()
        };
        let date_pattern = format!(
            "(?:{wb}?{dated}|{rest})",
            wb = words.weekday_before,
            dated = unnamed(&DATE_FORMS[..WEEKDAY_DATED_FORMS]),
            rest = unnamed(&DATE_FORMS[WEEKDAY_DATED_FORMS..])
        );
        let absolute = unnamed(&DATE_FORMS[..ABSOLUTE_FORMS]);
        let weekday_dates_source = format!(
            r"\b(?:(?P<today>{today})\s+(?P<wd1>{wd})|(?P<wd2>{wd})\s*[(،,]?\s*(?P<date>{absolute}))\b",
            today = words.today,
            wd = words.weekday,
        );
        let dateline_source = (!lexicon.dateline.is_empty()).then(|| {
            format!(
                r"\b(?:{}){}\s*[|:\-–]?\s*(?P<date>{absolute})\b",
                alternation(&lexicon.dateline),
                r"\b",
            )
        });
        let weekday_dates = fast(&weekday_dates_source);
        let dateline = dateline_source.as_deref().map(fast);
        let full_text = std::iter::once(weekday_dates_source).chain(dateline_source).collect();
        let weekday_prefix = lazy(&words.expand(
            r"^(?:{pt}\s+)?(?:{DAYWORD}\s+)?{wd}(?:\s+(?:{NEXTW}|{LASTW}))?\s*[(،,]?\s*(?:{CORR}\s+)?",
            true,
        ));
        DateGrammar {
            range_pattern: unnamed(RANGE_FORMS),
            date_forms: named(DATE_FORMS),
            range_forms: named(RANGE_FORMS),
            weekday_prefix,
            numeric: lazy(r"^([0-9]{1,4})[/.-]([0-9]{1,2})[/.-]([0-9]{1,4})$"),
            date_pattern,
            weekday_dates,
            dateline,
            full_text,
            lexicon,
            numbers,
        }
    }

    /// The regexes run over whole texts (weekdays beside dates, the
    /// dateline), each with its source: a caller that knows the words one
    /// of which every match contains gates them
    /// ([`BoundaryRegex::require_one_of`]).
    pub fn full_text_regexes(&self) -> Vec<(&str, &BoundaryRegex)> {
        let regexes = std::iter::once(&self.weekday_dates).chain(&self.dateline);
        self.full_text.iter().map(String::as_str).zip(regexes).collect()
    }

    /// The jobs that compile the grammar's regexes now (each compiles on
    /// first use otherwise): the forms that read dates, and both engines
    /// of each full-text regex.
    pub fn compile_jobs(&self) -> Vec<crate::grammar::CompileJob<'_>> {
        let forms = self.date_forms.iter().chain(&self.range_forms).map(|(_, f)| f);
        let forms = forms.chain([&self.weekday_prefix, &self.numeric]);
        let mut jobs: Vec<crate::grammar::CompileJob<'_>> = forms
            .map(|f| -> crate::grammar::CompileJob<'_> {
                (
                    f.source_len(),
                    Box::new(move || {
                        f.get();
                    }),
                )
            })
            .collect();
        for (source, regex) in self.full_text_regexes() {
            jobs.push((source.len(), Box::new(move || regex.compile_fast())));
            jobs.push((source.len(), Box::new(move || regex.compile_exact())));
        }
        jobs
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

    /// Reads a year: digits ("2025", "2025م") or, with a number grammar,
    /// words (`ألفين وثمانية عشر`).
    pub fn parse_year(&self, s: &str) -> Option<i32> {
        let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
        if !digits.is_empty() {
            return digits.parse().ok();
        }
        let n = self.numbers.as_ref()?.parse_cardinal(s)?;
        (n.fract() == 0.0 && (1500.0..2300.0).contains(&n)).then_some(n as i32)
    }

    /// Reads a date matched by [`date_pattern`](Self::date_pattern).
    pub fn parse_date(&self, s: &str, reference: Option<NaiveDate>) -> Option<DateSet> {
        self.read_date(s, reference).map(|r| r.set)
    }

    /// Reads a date matched by [`date_pattern`](Self::date_pattern), with
    /// the form it was read in and the time of day it names.
    pub fn read_date(&self, s: &str, reference: Option<NaiveDate>) -> Option<DateReading> {
        if let Some((name, caps)) = first_match(&self.date_forms, s) {
            return self.read_form(name, &caps, reference);
        }
        // A weekday before a date (`الخميس المقبل 27 نوفمبر`): one claim,
        // and the date decides (the weekday check compares the two).
        let pre = self.weekday_prefix.get().captures(s)?;
        let rest = &s[pre.get(0)?.end()..];
        let part = self.part(&pre);
        if let Some((name, caps)) = first_match(&self.date_forms[..WEEKDAY_DATED_FORMS], rest) {
            if let Some(mut r) = self.read_form(name, &caps, reference) {
                r.part = r.part.or(part);
                return Some(r);
            }
        }
        // A date that cannot be placed without a publication date: the
        // weekday alone.
        let wd = self.lexicon.weekday_number(pre.name("wd")?.as_str())?;
        Some(DateReading::new(DateSet::weekday(wd)?, "weekday").with_part(part))
    }

    fn read_form(&self, name: &'static str, caps: &Captures, reference: Option<NaiveDate>) -> Option<DateReading> {
        let part = self.part(caps);
        let set = match name {
            "hijri" => DateSet::day(self.hijri(caps)?),
            "numeric" => DateSet::day(self.parse_numeric(caps.name("n1")?.as_str())?),
            "nth-weekday" | "last-day" | "nth-day" => self.computed(name, caps, reference)?,
            "two-days" => {
                let (start, end) = self.days_of_month(caps, reference)?;
                DateSet::span(start, end)?
            }
            "day-month-year" | "month-day-year" | "month-day" | "month-ordinal-year" | "ordinal-month-year" => {
                self.absolute(caps, reference)?
            }
            "month-year" => DateSet::month(self.year(caps, "y1")?, self.month(caps, "m1")?)?,
            _ => {
                let read = match reference {
                    Some(r) => self.relative(name, caps, r),
                    None => self.unplaced(name, caps),
                };
                return read.map(|r| r.with_part(part));
            }
        };
        Some(DateReading::new(set, name).with_part(part))
    }

    /// A day, month and optional year; a word after it may place it
    /// relative to the publication date (`24 نونبر الجاري`).
    fn absolute(&self, caps: &Captures, reference: Option<NaiveDate>) -> Option<DateSet> {
        let month = self.month(caps, "m1")?;
        let day = self.day(caps.name("d1").or(caps.name("od"))?.as_str())?;
        let year = self.year(caps, "y1");
        if let (None, Some(r)) = (year, reference) {
            if let Some(shift) = shift_of(caps) {
                let this_year = NaiveDate::from_ymd_opt(r.year(), month, day);
                let y = r.year()
                    + match (shift, this_year) {
                        (1, Some(t)) if t <= r => 1,
                        (-1, Some(t)) if t >= r => -1,
                        _ => 0,
                    };
                return NaiveDate::from_ymd_opt(y, month, day).map(DateSet::day);
            }
        }
        resolve(year, month, day, reference)
    }

    /// Two days of one month (`3 و4 مارس`, a range's ends), resolved.
    fn days_of_month(&self, caps: &Captures, reference: Option<NaiveDate>) -> Option<(DateSet, DateSet)> {
        let month = self.month(caps, "m1")?;
        let year = self.year(caps, "y1");
        let d1 = self.day(caps.name("d1")?.as_str())?;
        let d2 = self.day(caps.name("d2")?.as_str())?;
        (d1 < d2).then_some(())?;
        Some((
            resolve(year, month, d1, reference)?,
            resolve(year, month, d2, reference)?,
        ))
    }

    /// The time of day a match names (`pt` before the day, `pt2` after).
    fn part(&self, caps: &Captures) -> Option<DayPart> {
        let word = caps.name("pt").or(caps.name("pt2"))?.as_str();
        DayPart::of(&self.lexicon.around.parts_of_day, word)
    }

    /// The year of group `name`, digits or words.
    fn year(&self, caps: &Captures, name: &str) -> Option<i32> {
        caps.name(name).and_then(|y| self.parse_year(y.as_str()))
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

    fn month(&self, caps: &Captures, name: &str) -> Option<u32> {
        let text = caps.name(name)?.as_str();
        // "نوفمبر/تشرين الثاني": the first name decides.
        let first = text.split(['/', '(']).next().unwrap_or(text).trim();
        self.lexicon.month_number(first)
    }

    /// `21/11/2025` (day first), `2025-11-21`, and `11/21/2025` where only
    /// the month-first reading is a valid date.
    pub fn parse_numeric(&self, s: &str) -> Option<NaiveDate> {
        let caps = self.numeric.get().captures(s)?;
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

/// The first form that matches `s` whole, with its name.
fn first_match<'s>(forms: &[(&'static str, forms::Lazy)], s: &'s str) -> Option<(&'static str, Captures<'s>)> {
    forms.iter().find_map(|(n, re)| re.get().captures(s).map(|c| (*n, c)))
}

/// +1 for next, -1 for last, 0 for current, from the groups of a match.
fn shift_of(caps: &Captures) -> Option<i32> {
    if caps.name("next").is_some() {
        Some(1)
    } else if caps.name("last").is_some() {
        Some(-1)
    } else if caps.name("current").is_some() || caps.name("this").is_some() {
        Some(0)
    } else {
        None
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
