//! Date ranges: two days of one or two months, of the same month
//! (`من 3 مارس إلى غاية 6 منه`), of a relative month (`من 3 إلى 6 من الشهر
//! المقبل`), with a numeric end, Hijri ranges, and ranges of weekdays
//! (`ليلة الأحد إلى الاثنين`).

use super::reading::RangeReading;
use super::relative::{following, relative_month, weekday_near};
use super::{first_match, nearest_year, resolve, shift_of, DateGrammar};
use crate::model::value::DateSet;
use chrono::NaiveDate;
use regex::Captures;

impl DateGrammar {
    /// Reads a range matched by [`range_pattern`](Self::range_pattern).
    pub fn parse_range(&self, s: &str, reference: Option<NaiveDate>) -> Option<(DateSet, DateSet)> {
        self.read_range(s, reference).map(|r| (r.start, r.end))
    }

    /// Reads a range, with the form it was read in.
    pub fn read_range(&self, s: &str, reference: Option<NaiveDate>) -> Option<RangeReading> {
        let (form, caps) = first_match(&self.range_forms, s)?;
        let (start, end) = match form {
            "numeric" => {
                let a = self.parse_numeric(caps.name("n1")?.as_str())?;
                let b = self.parse_numeric(caps.name("n2")?.as_str())?;
                (DateSet::day(a), DateSet::day(b))
            }
            "hijri" | "hijri-across-months" => self.hijri_range(&caps)?,
            "written-numeric" => {
                let month = self.month(&caps, "m1")?;
                let start = resolve(self.year(&caps, "y1"), month, self.end_day(&caps, 1)?, reference)?;
                (start, DateSet::day(self.parse_numeric(caps.name("n2")?.as_str())?))
            }
            "relative-month" => {
                let (year, month) = relative_month(reference?, shift_of(&caps).unwrap_or(0))?;
                let day = |n| NaiveDate::from_ymd_opt(year, month, n).map(DateSet::day);
                (day(self.end_day(&caps, 1)?)?, day(self.end_day(&caps, 2)?)?)
            }
            "weekdays" => self.weekday_range(&caps, reference)?,
            _ => self.day_month_range(&caps, reference)?,
        };
        if let (DateSet::Days { first: a, .. }, DateSet::Days { first: b, .. }) = (start, end) {
            if a > b {
                return None;
            }
        }
        Some(RangeReading { start, end, form })
    }

    /// The day of end 1 or 2: digits (`d1`) or an ordinal (`o1`).
    fn end_day(&self, caps: &Captures, end: u8) -> Option<u32> {
        let (d, o) = if end == 1 { ("d1", "o1") } else { ("d2", "o2") };
        self.day(caps.name(d).or(caps.name(o))?.as_str())
    }

    /// Two days with month names: across months, within the end's month,
    /// or in the start's month (`منه`, `من نفس الشهر`).
    fn day_month_range(&self, caps: &Captures, reference: Option<NaiveDate>) -> Option<(DateSet, DateSet)> {
        let d1 = self.end_day(caps, 1)?;
        let d2 = self.end_day(caps, 2)?;
        let (m1, m2) = match (self.month(caps, "m1"), self.month(caps, "m2")) {
            (Some(a), Some(b)) => (a, b),
            (Some(a), None) if caps.name("same").is_some() => (a, a),
            (None, Some(b)) => (b, b),
            _ => return None,
        };
        let y2 = self.year(caps, "y2");
        let y1 = self.year(caps, "y1");
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
        Some((resolve(y1, m1, d1, reference)?, resolve(y2, m2, d2, reference)?))
    }

    /// `ليلة الأحد إلى الاثنين`: the start is the nearest such day on or
    /// before the publication date, the end the next such day after it;
    /// with no publication date, two weekdays.
    fn weekday_range(&self, caps: &Captures, reference: Option<NaiveDate>) -> Option<(DateSet, DateSet)> {
        let (a, b) = (self.weekday_of(caps, "wd")?, self.weekday_of(caps, "wd2")?);
        if a == b {
            return None;
        }
        match reference {
            Some(r) => {
                let start = weekday_near(r, a, None)?;
                Some((DateSet::day(start), DateSet::day(following(start, b)?)))
            }
            None => Some((DateSet::weekday(a)?, DateSet::weekday(b)?)),
        }
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
}
