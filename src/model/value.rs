//! Claim values: every value is a *set of possible true values*.
//!
//! A text rarely pins a fact to one point: `نحو 800` is any number near 800,
//! `أكثر من 140` any number above 140, `عام 2025` any day of that year, and
//! `24 نونبر` with no year any 24 November. Two claims about one fact
//! contradict exactly when their sets do not intersect ([`Value::intersects`]).
//!
//! - [`NumberSet`]: an interval of the real line with open or closed ends,
//!   remembering how the text qualified it (for the canonical string).
//! - [`DateSet`]: an interval of days at a grain (day, month, year), or a
//!   month and day with the year left open.
//! - [`Value::Range`]: a date range, a start set and an end set.
//!
//! [`Value::canonical`] gives the canonical strings of the output contract:
//! `43`, `0.5`, `~800`, `>140`, `>=30`, `2025-11-24`, `2025-11`, `2025`,
//! `--11-24`, `2025-11-24/2025-11-27`.

use chrono::{Datelike, NaiveDate};
use std::fmt;

/// How the text qualified a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Qualifier {
    /// `196`
    Exact,
    /// `نحو 800`: within the rule's tolerance.
    About,
    /// `أكثر من 140`: strictly above.
    MoreThan,
    /// `ما لا يقل عن 30`: at least.
    AtLeast,
    /// `أقل من 5`: strictly below.
    LessThan,
    /// `ما لا يزيد عن 5`: at most.
    AtMost,
    /// `من 4000 إلى 4500`: every number from the low end to the high end.
    Range,
    /// `9 آلاف` read by a rule with `round: approximate`: any number that
    /// rounds to it, within half a unit of its last figure ([8500, 9500)).
    Rounded,
}

/// How a rule reads a round figure written with a scale word (`9 آلاف`,
/// `2 million`): as the number it says (`exact`, the default), or as any
/// number that rounds to it (`approximate`: `9 آلاف` agrees with 9240).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Rounding {
    #[default]
    Exact,
    Approximate,
}

/// A set of numbers: one interval, from a stated value and its qualifier.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct NumberSet {
    /// The number as written.
    #[serde(with = "float")]
    pub stated: f64,
    pub qualifier: Qualifier,
    /// Lower end, and whether it is included.
    #[serde(with = "float")]
    pub low: f64,
    pub low_closed: bool,
    #[serde(with = "float")]
    pub high: f64,
    pub high_closed: bool,
}

impl NumberSet {
    /// The set a stated number stands for; `tolerance` is the relative
    /// half-width of an approximate value (0.1 = ±10%).
    pub fn new(stated: f64, qualifier: Qualifier, tolerance: f64) -> NumberSet {
        let (low, low_closed, high, high_closed) = match qualifier {
            Qualifier::Exact => (stated, true, stated, true),
            Qualifier::About => {
                let d = (stated * tolerance).abs();
                (stated - d, true, stated + d, true)
            }
            Qualifier::MoreThan => (stated, false, f64::INFINITY, false),
            Qualifier::AtLeast => (stated, true, f64::INFINITY, false),
            Qualifier::LessThan => (f64::NEG_INFINITY, false, stated, false),
            Qualifier::AtMost => (f64::NEG_INFINITY, false, stated, true),
            // Without their other end, a range and a rounded figure are
            // the number stated (see `range`, `rounded`).
            Qualifier::Range | Qualifier::Rounded => (stated, true, stated, true),
        };
        NumberSet {
            stated,
            qualifier,
            low,
            low_closed,
            high,
            high_closed,
        }
    }

    pub fn exact(stated: f64) -> NumberSet {
        NumberSet::new(stated, Qualifier::Exact, 0.0)
    }

    /// Every number from `a` to `b`, both included, whichever is larger.
    pub fn range(a: f64, b: f64) -> NumberSet {
        let (low, high) = if a <= b { (a, b) } else { (b, a) };
        NumberSet {
            stated: low,
            qualifier: Qualifier::Range,
            low,
            low_closed: true,
            high,
            high_closed: true,
        }
    }

    /// Every number that rounds to `stated` at a unit of `2 * half`:
    /// [stated - half, stated + half), a half rounding up.
    pub fn rounded(stated: f64, half: f64) -> NumberSet {
        let half = half.abs();
        NumberSet {
            stated,
            qualifier: Qualifier::Rounded,
            low: stated - half,
            low_closed: true,
            high: stated + half,
            high_closed: false,
        }
    }

    pub fn intersects(&self, other: &NumberSet) -> bool {
        let (low, low_closed) = max_low(self, other);
        let (high, high_closed) = min_high(self, other);
        low < high || (low == high && low_closed && high_closed)
    }

    pub fn canonical(&self) -> String {
        self.to_string()
    }
}

/// The canonical string ([`NumberSet::canonical`]), written in place.
impl fmt::Display for NumberSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = Plain(self.stated);
        match self.qualifier {
            Qualifier::Exact => write!(f, "{n}"),
            Qualifier::About => write!(f, "~{n}"),
            Qualifier::MoreThan => write!(f, ">{n}"),
            Qualifier::AtLeast => write!(f, ">={n}"),
            Qualifier::LessThan => write!(f, "<{n}"),
            Qualifier::AtMost => write!(f, "<={n}"),
            Qualifier::Range => write!(f, "{}-{}", Plain(self.low), Plain(self.high)),
            Qualifier::Rounded => write!(f, "{n}±{}", Plain((self.high - self.stated).abs())),
        }
    }
}

fn max_low(a: &NumberSet, b: &NumberSet) -> (f64, bool) {
    if a.low > b.low {
        (a.low, a.low_closed)
    } else if b.low > a.low {
        (b.low, b.low_closed)
    } else {
        (a.low, a.low_closed && b.low_closed)
    }
}

fn min_high(a: &NumberSet, b: &NumberSet) -> (f64, bool) {
    if a.high < b.high {
        (a.high, a.high_closed)
    } else if b.high < a.high {
        (b.high, b.high_closed)
    } else {
        (a.high, a.high_closed && b.high_closed)
    }
}

/// Plain decimal: `43`, `0.5`, `1200000`; never exponent notation.
pub fn format_number(n: f64) -> String {
    Plain(n).to_string()
}

/// A number written as [`format_number`] writes it.
struct Plain(f64);

impl fmt::Display for Plain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0;
        if n.fract() == 0.0 && n.abs() < 1e18 {
            write!(f, "{}", n as i64)
        } else {
            write!(f, "{n}")
        }
    }
}

/// How precisely a date was stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Grain {
    Day,
    Month,
    Year,
}

/// A set of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum DateSet {
    /// Every day from `first` to `last`, inclusive: one day, one month or
    /// one year, as `grain` says.
    Days {
        first: NaiveDate,
        last: NaiveDate,
        grain: Grain,
    },
    /// A month and day in a year the text leaves open.
    Yearless { month: u32, day: u32 },
    /// A weekday with no date to place it (`السبت` in an article with no
    /// publication date): `first` (Monday 1 … Sunday 7) and the `days`
    /// after it, itself included (`ليلة الأحد` is Saturday and Sunday: 6,
    /// 2). Any date on one of those weekdays agrees with it.
    Weekday { first: u8, days: u8 },
}

impl DateSet {
    pub fn day(date: NaiveDate) -> DateSet {
        DateSet::Days {
            first: date,
            last: date,
            grain: Grain::Day,
        }
    }

    /// Every day of a month; `None` for a month that does not exist.
    pub fn month(year: i32, month: u32) -> Option<DateSet> {
        let first = NaiveDate::from_ymd_opt(year, month, 1)?;
        let next = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)?
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)?
        };
        Some(DateSet::Days {
            first,
            last: next.pred_opt()?,
            grain: Grain::Month,
        })
    }

    /// Every day of a year.
    pub fn year(year: i32) -> Option<DateSet> {
        Some(DateSet::Days {
            first: NaiveDate::from_ymd_opt(year, 1, 1)?,
            last: NaiveDate::from_ymd_opt(year, 12, 31)?,
            grain: Grain::Year,
        })
    }

    pub fn intersects(&self, other: &DateSet) -> bool {
        match (*self, *other) {
            (
                DateSet::Days {
                    first: a1, last: a2, ..
                },
                DateSet::Days {
                    first: b1, last: b2, ..
                },
            ) => a1 <= b2 && b1 <= a2,
            (DateSet::Yearless { month, day }, DateSet::Days { first, last, .. })
            | (DateSet::Days { first, last, .. }, DateSet::Yearless { month, day }) => {
                yearless_falls_in(month, day, first, last)
            }
            (DateSet::Yearless { month: m1, day: d1 }, DateSet::Yearless { month: m2, day: d2 }) => {
                m1 == m2 && d1 == d2
            }
            (DateSet::Weekday { first, days }, DateSet::Days { first: a, last: b, .. })
            | (DateSet::Days { first: a, last: b, .. }, DateSet::Weekday { first, days }) => a
                .iter_days()
                .take_while(|d| *d <= b)
                .take(7)
                .any(|d| weekday_in(d.weekday().number_from_monday(), first, days)),
            // Every month and day falls on every weekday in some year.
            (DateSet::Weekday { .. }, DateSet::Yearless { .. })
            | (DateSet::Yearless { .. }, DateSet::Weekday { .. }) => true,
            (DateSet::Weekday { first, days }, DateSet::Weekday { first: f2, days: d2 }) => {
                (0..d2).any(|i| weekday_in((u32::from(f2) + 6 + u32::from(i)) % 7 + 1, first, days))
            }
        }
    }

    /// The days from the start of `start` to the end of `end`, as one set
    /// (an event over two days: "the night of Sunday 10 to Monday 11");
    /// `None` unless both have a year and `start` comes first.
    pub fn span(start: DateSet, end: DateSet) -> Option<DateSet> {
        match (start, end) {
            (DateSet::Days { first, .. }, DateSet::Days { last, .. }) if first <= last => Some(DateSet::Days {
                first,
                last,
                grain: Grain::Day,
            }),
            (DateSet::Weekday { first, .. }, DateSet::Weekday { first: end, days }) => {
                let between = (u32::from(end) + 7 - u32::from(first)) % 7;
                let days = u8::try_from(between).ok()? + days;
                (days <= 7).then_some(DateSet::Weekday { first, days })
            }
            _ => None,
        }
    }

    /// `2026-05-10`, `2026-05`, `2026`, `--05-10`, or for a span of days
    /// `2026-05-10/2026-05-11`.
    pub fn canonical(&self) -> String {
        self.to_string()
    }

    /// A weekday (Monday 1 … Sunday 7) with no date.
    pub fn weekday(n: u32) -> Option<DateSet> {
        let first = u8::try_from(n).ok().filter(|n| (1..=7).contains(n))?;
        Some(DateSet::Weekday { first, days: 1 })
    }
}

/// The canonical string ([`DateSet::canonical`]), written in place.
impl fmt::Display for DateSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            DateSet::Days {
                first,
                last,
                grain: Grain::Day,
            } if first != last => write!(f, "{}/{}", Day(first), Day(last)),
            DateSet::Days { first, grain, .. } => match grain {
                Grain::Day => write!(f, "{}", Day(first)),
                Grain::Month if (0..=9999).contains(&first.year()) => {
                    write!(f, "{:04}-{:02}", first.year(), first.month())
                }
                Grain::Month => write!(f, "{}", first.format("%Y-%m")),
                Grain::Year => write!(f, "{}", first.year()),
            },
            DateSet::Yearless { month, day } => write!(f, "--{month:02}-{day:02}"),
            DateSet::Weekday { first, days } if days > 1 => {
                write!(f, "-W-{first}/-W-{}", (u32::from(first) + u32::from(days) + 5) % 7 + 1)
            }
            // ISO 8601's truncated week date: a day of an implied week.
            DateSet::Weekday { first, .. } => write!(f, "-W-{first}"),
        }
    }
}

/// A date as `%Y-%m-%d` writes it: `2025-11-24`.
pub struct Day(pub NaiveDate);

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.0;
        // chrono's `%Y` pads a year of 0 to 9999 to four digits and signs
        // the others; only those take the slower way.
        if (0..=9999).contains(&d.year()) {
            write!(f, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
        } else {
            write!(f, "{}", d.format("%Y-%m-%d"))
        }
    }
}

/// Whether weekday `n` is one of `days` weekdays from `first`.
fn weekday_in(n: u32, first: u8, days: u8) -> bool {
    (n % 7 + 7 - u32::from(first) % 7) % 7 < u32::from(days)
}

/// Whether some year puts `month`-`day` between `first` and `last`.
fn yearless_falls_in(month: u32, day: u32, first: NaiveDate, last: NaiveDate) -> bool {
    // Past eight years every valid month-day (29 February too) occurs.
    if last.year() - first.year() > 8 {
        return true;
    }
    (first.year()..=last.year())
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .any(|d| first <= d && d <= last)
}

/// A claim's value.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Value {
    Number(NumberSet),
    Date(DateSet),
    /// A date range: where it starts and where it ends. A single date or
    /// year said of a ranged event ("in 2025") is a range with both ends in
    /// that set.
    Range {
        start: DateSet,
        end: DateSet,
    },
    /// A spelling of a name, folded. Spellings are compared as spellings,
    /// never as contradictions (see `name-variant`).
    Name(std::sync::Arc<str>),
}

impl Value {
    /// Whether the two sets share a possible true value. Values of
    /// different shapes never come from one rule; they do not intersect.
    pub fn intersects(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Number(a), Value::Number(b)) => a.intersects(b),
            (Value::Date(a), Value::Date(b)) => a.intersects(b),
            (Value::Range { start: s1, end: e1 }, Value::Range { start: s2, end: e2 }) => {
                s1.intersects(s2) && e1.intersects(e2)
            }
            (Value::Name(a), Value::Name(b)) => a == b,
            _ => false,
        }
    }

    /// The canonical string of the output contract (see the module's
    /// documentation); [`Value`]'s `Display` writes it without making one.
    pub fn canonical(&self) -> String {
        self.to_string()
    }

    /// How specific the value is, for choosing which of several agreeing
    /// values names a group: an exact day outranks a month, a month a year;
    /// an exact number outranks an approximate one, which outranks a bound.
    pub fn precision(&self) -> u8 {
        fn date(d: &DateSet) -> u8 {
            match d {
                DateSet::Days { grain: Grain::Day, .. } => 4,
                DateSet::Yearless { .. } => 3,
                DateSet::Days {
                    grain: Grain::Month, ..
                } => 2,
                DateSet::Days { grain: Grain::Year, .. } => 1,
                DateSet::Weekday { .. } => 0,
            }
        }
        match self {
            Value::Number(n) => match n.qualifier {
                Qualifier::Exact => 4,
                Qualifier::Rounded => 3,
                Qualifier::About | Qualifier::Range => 2,
                _ => 1,
            },
            Value::Date(d) => date(d),
            Value::Range { start, end } => date(start) + date(end),
            Value::Name(_) => 4,
        }
    }
}

/// The canonical string ([`Value::canonical`]), written in place.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Number(n) => n.fmt(f),
            Value::Date(d) => d.fmt(f),
            Value::Range { start, end } if start == end => start.fmt(f),
            Value::Range { start, end } => write!(f, "{start}/{end}"),
            Value::Name(s) => f.write_str(s),
        }
    }
}

impl Value {
    /// Reads a canonical value string back (a fact sheet, a claim shard),
    /// as a rule of `kind` would have produced it.
    pub fn parse(kind: crate::model::kind::Kind, s: &str, tolerance: f64) -> Option<Value> {
        use crate::model::kind::Kind;
        let s = s.trim();
        match kind {
            Kind::Count | Kind::Ordinal | Kind::Year => parse_number(s, tolerance).map(Value::Number),
            Kind::Name => Some(Value::Name(crate::text::normalize::fold(s).into())),
            Kind::Date => parse_date_set(s).map(Value::Date),
            Kind::DateRange => {
                let (start, end) = match s.split_once('/') {
                    Some((a, b)) => (parse_date_set(a)?, parse_date_set(b)?),
                    None => {
                        let d = parse_date_set(s)?;
                        (d, d)
                    }
                };
                Some(Value::Range { start, end })
            }
        }
    }
}

fn parse_number(s: &str, tolerance: f64) -> Option<NumberSet> {
    let finite = |t: &str| t.trim().parse::<f64>().ok().filter(|n| n.is_finite());
    if let Some((n, half)) = s.split_once('±') {
        return Some(NumberSet::rounded(finite(n)?, finite(half)?));
    }
    // `4000-4500`: a `-` after a digit joins a range's two ends.
    let dash = s
        .char_indices()
        .skip(1)
        .find(|&(i, c)| c == '-' && s[..i].ends_with(|d: char| d.is_ascii_digit()));
    if let Some((i, _)) = dash {
        return Some(NumberSet::range(finite(&s[..i])?, finite(&s[i + 1..])?));
    }
    let (q, rest) = [
        (">=", Qualifier::AtLeast),
        ("<=", Qualifier::AtMost),
        (">", Qualifier::MoreThan),
        ("<", Qualifier::LessThan),
        ("~", Qualifier::About),
    ]
    .iter()
    .find_map(|(p, q)| s.strip_prefix(p).map(|r| (*q, r)))
    .unwrap_or((Qualifier::Exact, s));
    let n: f64 = rest.trim().parse().ok().filter(|n: &f64| n.is_finite())?;
    Some(NumberSet::new(n, q, tolerance))
}

fn parse_date_set(s: &str) -> Option<DateSet> {
    let s = s.trim();
    if let Some((a, b)) = s.split_once('/') {
        return DateSet::span(parse_date_set(a)?, parse_date_set(b)?);
    }
    if let Some(n) = s.strip_prefix("-W-") {
        return DateSet::weekday(n.parse().ok()?);
    }
    if let Some(md) = s.strip_prefix("--") {
        let (m, d) = md.split_once('-')?;
        let (month, day) = (m.parse().ok()?, d.parse().ok()?);
        NaiveDate::from_ymd_opt(2024, month, day)?;
        return Some(DateSet::Yearless { month, day });
    }
    let parts: Vec<&str> = s.split('-').collect();
    let num = |i: usize| parts.get(i).and_then(|p| p.parse::<u32>().ok());
    let year: i32 = parts.first()?.parse().ok()?;
    match parts.len() {
        1 => DateSet::year(year),
        2 => DateSet::month(year, num(1)?),
        3 => NaiveDate::from_ymd_opt(year, num(1)?, num(2)?).map(DateSet::day),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonicals_number_equal_values_alike_and_write_each_once() {
        use crate::model::kind::Kind;
        let values = [
            Value::parse(Kind::Count, "196", 0.0).unwrap(),
            Value::parse(Kind::Count, "~800", 0.1).unwrap(),
            Value::parse(Kind::Count, "196", 0.0).unwrap(),
            // The same canonical string, another tolerance: another value.
            Value::parse(Kind::Count, "~800", 0.2).unwrap(),
            Value::parse(Kind::Date, "2025-11-24", 0.0).unwrap(),
            Value::Name("Ahmed Naser Al-Raisi".into()),
            Value::parse(Kind::Count, "0", 0.0).unwrap(),
        ];
        let mut minus_zero = values[6].clone();
        if let Value::Number(n) = &mut minus_zero {
            (n.stated, n.low, n.high) = (-0.0, -0.0, -0.0);
        }
        let mut canonicals = Canonicals::new();
        let numbers: Vec<usize> = values.iter().map(|v| canonicals.number(v)).collect();
        assert_eq!(numbers[0], numbers[2]);
        assert_ne!(numbers[1], numbers[3]);
        assert_eq!(canonicals.canonical(numbers[1]), canonicals.canonical(numbers[3]));
        assert_eq!(canonicals.number(&minus_zero), numbers[6], "-0 is 0");
        for (v, n) in values.iter().zip(&numbers) {
            assert_eq!(canonicals.canonical(*n), v.canonical());
        }
        assert_eq!(canonicals.of(&values[5]), "Ahmed Naser Al-Raisi");
    }

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn days_are_written_as_chrono_writes_them() {
        for (y, m, d) in [
            (2025, 11, 24),
            (0, 1, 1),
            (9999, 12, 31),
            (10000, 1, 2),
            (-1, 3, 4),
            (987, 6, 5),
        ] {
            let date = ymd(y, m, d);
            assert_eq!(Day(date).to_string(), date.format("%Y-%m-%d").to_string());
            let month = DateSet::month(y, m).unwrap();
            assert_eq!(month.canonical(), date.format("%Y-%m").to_string());
        }
    }

    #[test]
    fn exact_numbers_intersect_only_when_equal() {
        assert!(!NumberSet::exact(179.0).intersects(&NumberSet::exact(196.0)));
        assert!(NumberSet::exact(196.0).intersects(&NumberSet::exact(196.0)));
    }

    #[test]
    fn approximate_and_bounded_numbers() {
        let about = NumberSet::new(800.0, Qualifier::About, 0.1);
        assert!(about.intersects(&NumberSet::exact(790.0)));
        assert!(about.intersects(&NumberSet::exact(880.0)));
        assert!(!about.intersects(&NumberSet::exact(881.0)));
        let more = NumberSet::new(140.0, Qualifier::MoreThan, 0.1);
        assert!(more.intersects(&NumberSet::exact(150.0)));
        assert!(!more.intersects(&NumberSet::exact(140.0)));
        let at_least = NumberSet::new(30.0, Qualifier::AtLeast, 0.1);
        assert!(at_least.intersects(&NumberSet::exact(30.0)));
        assert!(!NumberSet::new(5.0, Qualifier::LessThan, 0.1).intersects(&at_least));
    }

    #[test]
    fn ranges_and_rounded_figures() {
        let range = NumberSet::range(4500.0, 4000.0);
        assert_eq!(range.canonical(), "4000-4500");
        assert!(range.intersects(&NumberSet::exact(4000.0)));
        assert!(range.intersects(&NumberSet::exact(4500.0)));
        assert!(!range.intersects(&NumberSet::exact(4501.0)));
        let nine = NumberSet::rounded(9000.0, 500.0);
        assert!(nine.intersects(&NumberSet::exact(9240.0)));
        assert!(nine.intersects(&NumberSet::exact(8500.0)));
        // 9500 rounds up to 10 thousand.
        assert!(!nine.intersects(&NumberSet::exact(9500.0)));
        assert!(!nine.intersects(&NumberSet::rounded(10000.0, 500.0)));
        assert_eq!(nine.canonical(), "9000±500");
    }

    #[test]
    fn canonical_numbers() {
        assert_eq!(NumberSet::exact(1_200_000.0).canonical(), "1200000");
        assert_eq!(NumberSet::exact(0.5).canonical(), "0.5");
        assert_eq!(NumberSet::new(800.0, Qualifier::About, 0.1).canonical(), "~800");
        assert_eq!(NumberSet::new(30.0, Qualifier::AtLeast, 0.1).canonical(), ">=30");
    }

    #[test]
    fn year_contains_range_and_yearless_matches_any_year() {
        let range = Value::Range {
            start: DateSet::day(ymd(2025, 11, 24)),
            end: DateSet::day(ymd(2025, 11, 27)),
        };
        let year = DateSet::year(2025).unwrap();
        let in_year = Value::Range { start: year, end: year };
        assert!(range.intersects(&in_year));
        assert_eq!(in_year.canonical(), "2025");
        let yearless = Value::Range {
            start: DateSet::Yearless { month: 11, day: 24 },
            end: DateSet::Yearless { month: 11, day: 27 },
        };
        assert!(range.intersects(&yearless));
        assert_eq!(yearless.canonical(), "--11-24/--11-27");
        let shifted = Value::Range {
            start: DateSet::day(ymd(2025, 11, 25)),
            end: DateSet::day(ymd(2025, 11, 28)),
        };
        assert!(!range.intersects(&shifted));
        assert!(!yearless.intersects(&shifted));
    }

    #[test]
    fn canonical_strings_parse_back() {
        use crate::model::kind::Kind;
        for (kind, s) in [
            (Kind::Count, "196"),
            (Kind::Count, "~800"),
            (Kind::Count, ">=30"),
            (Kind::Count, "0.5"),
            (Kind::Count, "<5"),
            (Kind::Count, "4000-4500"),
            (Kind::Count, "-5-3"),
            (Kind::Count, "9000±500"),
            (Kind::Count, "1500000±50000"),
            (Kind::DateRange, "2025-11-24/2025-11-27"),
            (Kind::DateRange, "--11-24/--11-27"),
            (Kind::DateRange, "2025"),
            (Kind::Date, "2026-05-10/2026-05-11"),
            (Kind::Date, "2025-11"),
            (Kind::Date, "-W-6"),
            (Kind::Date, "-W-6/-W-7"),
            (Kind::Date, "-W-7/-W-1"),
            (Kind::Name, "الريسي"),
        ] {
            assert_eq!(Value::parse(kind, s, 0.1).map(|v| v.canonical()).as_deref(), Some(s));
        }
        assert_eq!(Value::parse(Kind::Count, "many", 0.1), None);
        assert_eq!(Value::parse(Kind::Date, "2025-02-30", 0.1), None);
    }

    #[test]
    fn weekdays_without_a_date() {
        let saturday = DateSet::weekday(6).unwrap();
        let friday = DateSet::weekday(5).unwrap();
        assert!(!saturday.intersects(&friday));
        // 2024-03-09 was a Saturday.
        assert!(saturday.intersects(&DateSet::day(ymd(2024, 3, 9))));
        assert!(!friday.intersects(&DateSet::day(ymd(2024, 3, 9))));
        assert!(friday.intersects(&DateSet::month(2024, 3).unwrap()));
        let night = DateSet::span(friday, saturday).unwrap();
        assert_eq!(night.canonical(), "-W-5/-W-6");
        assert!(night.intersects(&saturday));
        let sunday_monday = DateSet::span(DateSet::weekday(7).unwrap(), DateSet::weekday(1).unwrap()).unwrap();
        assert_eq!(sunday_monday.canonical(), "-W-7/-W-1");
        assert!(sunday_monday.intersects(&DateSet::day(ymd(2024, 3, 4))));
        assert!(!sunday_monday.intersects(&saturday));
    }

    #[test]
    fn month_grain() {
        let nov = DateSet::month(2025, 11).unwrap();
        assert_eq!(nov.canonical(), "2025-11");
        assert!(nov.intersects(&DateSet::day(ymd(2025, 11, 30))));
        assert!(!nov.intersects(&DateSet::day(ymd(2025, 12, 1))));
        assert!(!DateSet::Yearless { month: 2, day: 29 }.intersects(&DateSet::year(2025).unwrap()));
    }
}

/// Floats with their infinities (a bound like "more than 140" is open to
/// +∞), which JSON numbers cannot hold: in text formats those go as
/// `"inf"` / `"-inf"`; binary formats keep the f64.
mod float {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
        // Binary formats (the claim spill) hold every f64 as it is.
        if !s.is_human_readable() {
            return s.serialize_f64(*x);
        }
        match *x {
            x if x.is_finite() => s.serialize_f64(x),
            x if x > 0.0 => s.serialize_str("inf"),
            x if x < 0.0 => s.serialize_str("-inf"),
            _ => s.serialize_str("nan"),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        if !d.is_human_readable() {
            return f64::deserialize(d);
        }
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Float<'a> {
            Number(f64),
            Word(&'a str),
        }
        match Float::deserialize(d)? {
            Float::Number(x) => Ok(x),
            Float::Word("inf") => Ok(f64::INFINITY),
            Float::Word("-inf") => Ok(f64::NEG_INFINITY),
            Float::Word("nan") => Ok(f64::NAN),
            Float::Word(w) => Err(serde::de::Error::custom(format!("not a number: {w}"))),
        }
    }
}

/// The canonical strings of many values, each distinct value written once
/// ([`Value::canonical`]): a fact's claims in a large archive hold a few
/// distinct values thousands of times. A value is known by its number in
/// the table.
#[derive(Debug, Default)]
pub struct Canonicals<'a> {
    /// Each distinct value, with its canonical string.
    values: Vec<(&'a Value, std::sync::Arc<str>)>,
    /// The values' numbers by a hash of the value.
    by_hash: std::collections::HashMap<u64, Vec<usize>, foldhash::fast::RandomState>,
    /// The number given last.
    last: Option<usize>,
    /// Each value's canonical string's number: values written alike
    /// share it ([`Canonicals::written`]).
    written: Vec<usize>,
    /// Each string's first value.
    firsts: Vec<usize>,
    /// The strings' numbers.
    strings: std::collections::HashMap<std::sync::Arc<str>, usize, foldhash::fast::RandomState>,
}

impl<'a> Canonicals<'a> {
    pub fn new() -> Canonicals<'a> {
        Canonicals::default()
    }

    /// The number of `value` in the table (added when it is new). Values
    /// equal as values share a number; two unequal values with the same
    /// canonical string do not.
    pub fn number(&mut self, value: &'a Value) -> usize {
        // Claims in a row often state one value: no hash for those.
        if let Some(i) = self.last.filter(|&i| self.values[i].0 == value) {
            return i;
        }
        let bucket = self.by_hash.entry(hash_value(value)).or_default();
        let i = match bucket.iter().find(|&&i| self.values[i].0 == value) {
            Some(&i) => i,
            None => {
                let i = self.values.len();
                bucket.push(i);
                let canonical: std::sync::Arc<str> = value.canonical().into();
                let next = self.strings.len();
                let written = *self.strings.entry(canonical.clone()).or_insert(next);
                if written == next {
                    self.firsts.push(i);
                }
                self.written.push(written);
                self.values.push((value, canonical));
                i
            }
        };
        self.last = Some(i);
        i
    }

    /// The number of `value`'s canonical string (added when it is new):
    /// values written alike (equal or not) share it; the strings are
    /// numbered from 0 in the order they were first met.
    pub fn written(&mut self, value: &'a Value) -> usize {
        let i = self.number(value);
        self.written[i]
    }

    /// How many distinct values are numbered.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether none is.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The value numbered `i` ([`Canonicals::number`]).
    pub fn value(&self, i: usize) -> &'a Value {
        self.values[i].0
    }

    /// The number of the canonical string of the value numbered `i`.
    pub fn written_of(&self, i: usize) -> usize {
        self.written[i]
    }

    /// The canonical string numbered `w` ([`Canonicals::written`]).
    pub fn written_str(&self, w: usize) -> &str {
        &self.values[self.firsts[w]].1
    }

    /// The same, shared.
    pub fn shared_written(&self, w: usize) -> std::sync::Arc<str> {
        self.values[self.firsts[w]].1.clone()
    }

    /// The canonical string of the value numbered `i`.
    pub fn canonical(&self, i: usize) -> &str {
        &self.values[i].1
    }

    /// The same, shared.
    pub fn shared(&self, i: usize) -> std::sync::Arc<str> {
        self.values[i].1.clone()
    }

    /// The canonical string of `value`.
    pub fn of(&mut self, value: &'a Value) -> &str {
        let i = self.number(value);
        self.canonical(i)
    }
}

/// A hash of a value's fields (floats by their bits): equal values hash
/// alike.
fn hash_value(value: &Value) -> u64 {
    use std::hash::{BuildHasher, Hash, Hasher};
    let mut h = foldhash::fast::FixedState::with_seed(0).build_hasher();
    // 0.0 and -0.0 are equal numbers: hashed alike.
    let float = |x: f64| if x == 0.0 { 0 } else { x.to_bits() };
    match value {
        Value::Number(n) => (
            0u8,
            float(n.stated),
            float(n.low),
            float(n.high),
            n.low_closed,
            n.high_closed,
            n.qualifier,
        )
            .hash(&mut h),
        Value::Date(d) => (1u8, d).hash(&mut h),
        Value::Range { start, end } => (2u8, start, end).hash(&mut h),
        Value::Name(name) => (3u8, &**name).hash(&mut h),
    }
    h.finish()
}
