//! Dates placed by the publication date (`أمس`, `فجر السبت`, `قبل يومين`,
//! `الأسبوع المقبل`, `مطلع الشهر المقبل`) and computed days (`ثالث ثلاثاء
//! من مارس`, `آخر يوم من أكتوبر`).

use super::reading::{DateReading, DayPart};
use super::{nearest_year, shift_of, DateGrammar};
use crate::model::value::{DateSet, Grain};
use chrono::{Datelike, Days, Months, NaiveDate};
use regex::Captures;

impl DateGrammar {
    /// A date relative to the publication date `reference`, read in form
    /// `name`.
    pub(super) fn relative(&self, name: &'static str, caps: &Captures, reference: NaiveDate) -> Option<DateReading> {
        let day = |d: Option<NaiveDate>| d.map(DateSet::day);
        let back = |n: u64| reference.checked_sub_days(Days::new(n));
        let ahead = |n: u64| reference.checked_add_days(Days::new(n));
        let set = match name {
            "today" => DateSet::day(reference),
            "yesterday" => day(back(1))?,
            "tomorrow" => day(ahead(1))?,
            "before-yesterday" => day(back(2))?,
            "after-tomorrow" => day(ahead(2))?,
            "weekday" | "next-weekday" => {
                if caps.name("neg").is_some() || caps.name("neg2").is_some() {
                    return None;
                }
                let wd = self.lexicon.weekday_number(caps.name("wd")?.as_str())?;
                let date = weekday_near(reference, wd, shift_of(caps))?;
                if self.part(caps) == Some(DayPart::Night) && caps.name("pt").is_some() {
                    // ليلة السبت: the night from Friday into Saturday.
                    DateSet::span(DateSet::day(date.pred_opt()?), DateSet::day(date))?
                } else {
                    DateSet::day(date)
                }
            }
            "night" => {
                let start = weekday_near(reference, self.weekday_of(caps, "wd")?, None)?;
                let end = following(start, self.weekday_of(caps, "wd2")?)?;
                DateSet::span(DateSet::day(start), DateSet::day(end))?
            }
            "day-of-relative-month" => {
                let (year, month) = relative_month(reference, shift_of(caps)?)?;
                let d = self.day(caps.name("d1").or(caps.name("od"))?.as_str())?;
                DateSet::day(NaiveDate::from_ymd_opt(year, month, d)?)
            }
            "third-of-month" => self.third(caps, Some(reference))?,
            "relative-month" => {
                let (year, month) = relative_month(reference, shift_of(caps)?)?;
                DateSet::month(year, month)?
            }
            "month-relative" => {
                let month = self.month(caps, "m1")?;
                let year = reference.year()
                    + match shift_of(caps)? {
                        1 if month <= reference.month() => 1,
                        -1 if month >= reference.month() => -1,
                        _ => 0,
                    };
                DateSet::month(year, month)?
            }
            "week" => self.week(reference, shift_of(caps)?)?,
            "days-ago" => day(back(self.days_ago(caps)?))?,
            _ => return None,
        };
        Some(DateReading::new(set, name))
    }

    /// A relative form with no publication date to place it: a weekday
    /// stays a weekday (`ليلة السبت`: Friday and Saturday), a third of a
    /// named month and year is placed; the others read nothing.
    pub(super) fn unplaced(&self, name: &'static str, caps: &Captures) -> Option<DateReading> {
        if caps.name("neg").is_some() || caps.name("neg2").is_some() {
            return None;
        }
        let set = match name {
            "weekday" | "next-weekday" => {
                let wd = DateSet::weekday(self.weekday_of(caps, "wd")?)?;
                if self.part(caps) == Some(DayPart::Night) && caps.name("pt").is_some() {
                    let eve = match wd {
                        DateSet::Weekday { first, .. } => DateSet::weekday((u32::from(first) + 5) % 7 + 1)?,
                        _ => return None,
                    };
                    DateSet::span(eve, wd)?
                } else {
                    wd
                }
            }
            "night" => DateSet::span(
                DateSet::weekday(self.weekday_of(caps, "wd")?)?,
                DateSet::weekday(self.weekday_of(caps, "wd2")?)?,
            )?,
            "third-of-month" if caps.name("y1").is_some() => self.third(caps, None)?,
            _ => return None,
        };
        Some(DateReading::new(set, name))
    }

    pub(super) fn weekday_of(&self, caps: &Captures, group: &str) -> Option<u32> {
        self.lexicon.weekday_number(caps.name(group)?.as_str())
    }

    /// How many days back `قبل يومين`, `منذ أسبوع`, `3 days ago` counts.
    fn days_ago(&self, caps: &Captures) -> Option<u64> {
        if caps.name("nega").is_some() {
            // قبل يومين من الانتخابات: two days before another day.
            return None;
        }
        let around = &self.lexicon.around;
        let count = match caps.name("cnt").map(|c| c.as_str()) {
            None => 1,
            Some(c) if around.one.iter().any(|w| w.eq_ignore_ascii_case(c)) => 1,
            Some(c) => {
                let n = match c.parse::<u64>() {
                    Ok(n) => n,
                    Err(_) => {
                        let n = self.numbers.as_ref()?.parse_cardinal(c)?;
                        (n.fract() == 0.0 && (1.0..=60.0).contains(&n)).then_some(n as u64)?
                    }
                };
                if caps.name("ud2").is_some() || caps.name("uw2").is_some() {
                    // "2 يومين" says two twice; a count before a dual is odd.
                    return None;
                }
                n
            }
        };
        let unit = if caps.name("ud").is_some() {
            1
        } else if caps.name("ud2").is_some() {
            2
        } else if caps.name("uw").is_some() {
            7
        } else if caps.name("uw2").is_some() {
            14
        } else {
            return None;
        };
        count.checked_mul(unit).filter(|&n| n > 0 && n <= 400)
    }

    /// The week of the publication date, or the next or last one, as
    /// the lexicon's weeks run (from Sunday in Arabic, Monday in French).
    fn week(&self, reference: NaiveDate, shift: i32) -> Option<DateSet> {
        let start = self
            .lexicon
            .around
            .week_start
            .filter(|d| (1..=7).contains(d))
            .unwrap_or(1);
        let into = (reference.weekday().number_from_monday() + 7 - start) % 7;
        let first = reference.checked_sub_days(Days::new(u64::from(into)))?;
        let first = match shift {
            1 => first.checked_add_days(Days::new(7))?,
            -1 => first.checked_sub_days(Days::new(7))?,
            _ => first,
        };
        let last = first.checked_add_days(Days::new(6))?;
        Some(DateSet::Days {
            first,
            last,
            grain: Grain::Day,
        })
    }

    /// A third of a month: early (1–10), mid (11–20), late (21 to the end).
    pub(super) fn third(&self, caps: &Captures, reference: Option<NaiveDate>) -> Option<DateSet> {
        let third = lookup(&self.lexicon.around.month_thirds, caps.name("third")?.as_str())?;
        let (year, month) = match self.month(caps, "m1") {
            Some(m) => (self.year(caps, "y1").or(reference.map(|r| nearest_year(m, r)))?, m),
            None => relative_month(reference?, shift_of(caps).unwrap_or(0))?,
        };
        let last_day = DateSet::month(year, month).and_then(|m| match m {
            DateSet::Days { last, .. } => Some(last.day()),
            _ => None,
        })?;
        let (from, to) = match third {
            1 => (1, 10),
            2 => (11, 20),
            _ => (21, last_day),
        };
        Some(DateSet::Days {
            first: NaiveDate::from_ymd_opt(year, month, from)?,
            last: NaiveDate::from_ymd_opt(year, month, to)?,
            grain: Grain::Day,
        })
    }

    /// `ثالث ثلاثاء من مارس 2024`, `آخر يوم من أكتوبر`, `ثالث يوم من أكتوبر`:
    /// the year from the text, else the nearest to the publication date.
    pub(super) fn computed(&self, name: &str, caps: &Captures, reference: Option<NaiveDate>) -> Option<DateSet> {
        let month = self.month(caps, "m1")?;
        let year = self.year(caps, "y1").or(reference.map(|r| nearest_year(month, r)))?;
        let first = NaiveDate::from_ymd_opt(year, month, 1)?;
        let date = match name {
            "last-day" => first.checked_add_months(Months::new(1))?.pred_opt()?,
            "nth-day" => {
                let n = self.numbers.as_ref()?.parse_ordinal(caps.name("nth")?.as_str())?;
                NaiveDate::from_ymd_opt(year, month, u32::try_from(n).ok()?)?
            }
            _ => {
                let n = self.numbers.as_ref()?.parse_ordinal(caps.name("nth")?.as_str())?;
                let n = u32::try_from(n).ok().filter(|n| (1..=5).contains(n))?;
                let text = caps.name("wdx")?.as_str();
                let wd = self
                    .lexicon
                    .weekday_number(text)
                    .or_else(|| lookup(&self.lexicon.around.weekday_stems, text))?;
                let to = (wd + 7 - first.weekday().number_from_monday()) % 7;
                let date = first.checked_add_days(Days::new(u64::from(to + 7 * (n - 1))))?;
                (date.month() == month).then_some(date)?
            }
        };
        Some(DateSet::day(date))
    }
}

/// The weekday `wd` (Monday 1) nearest `reference`: strictly after it for
/// next (`shift` 1), strictly before it for last (-1), else on or before
/// it (what a news article reports has happened).
pub(super) fn weekday_near(reference: NaiveDate, wd: u32, shift: Option<i32>) -> Option<NaiveDate> {
    let today = reference.weekday().number_from_monday();
    let back = (today + 7 - wd) % 7;
    match shift {
        Some(1) => {
            let ahead = (wd + 7 - today) % 7;
            reference.checked_add_days(Days::new(u64::from(if ahead == 0 { 7 } else { ahead })))
        }
        Some(-1) => reference.checked_sub_days(Days::new(u64::from(if back == 0 { 7 } else { back }))),
        _ => reference.checked_sub_days(Days::new(u64::from(back))),
    }
}

/// The first weekday `wd` on or after `from`.
pub(super) fn following(from: NaiveDate, wd: u32) -> Option<NaiveDate> {
    let ahead = (wd + 7 - from.weekday().number_from_monday()) % 7;
    from.checked_add_days(Days::new(u64::from(ahead)))
}

/// The month `shift` months from the publication month: (year, month).
pub(super) fn relative_month(reference: NaiveDate, shift: i32) -> Option<(i32, u32)> {
    let first = NaiveDate::from_ymd_opt(reference.year(), reference.month(), 1)?;
    let month = match shift {
        1 => first.checked_add_months(Months::new(1))?,
        -1 => first.checked_sub_months(Months::new(1))?,
        _ => first,
    };
    Some((month.year(), month.month()))
}

fn lookup(table: &std::collections::BTreeMap<u32, Vec<String>>, word: &str) -> Option<u32> {
    let word = crate::grammar::calendar::collapse_spaces(word);
    table
        .iter()
        .find(|(_, words)| words.iter().any(|w| w.eq_ignore_ascii_case(&word)))
        .map(|(&k, _)| k)
}
