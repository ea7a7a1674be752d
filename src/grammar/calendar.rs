//! Calendar lexicons: month and weekday names, range words, qualifiers.
//!
//! The words are data (`lexicon/*-calendar.yaml`, embedded in the binary),
//! one file a language. A rule pack may extend its language's lexicon (a
//! dialect's month names) with [`CalendarLexicon::extend`]. Every word is
//! folded on load, and [`alternation`] turns a word list into a regex
//! alternative that prefers longer words and tolerates any run of spaces.

use crate::text::normalize::fold;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The calendar words of one language, as written in its YAML file.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CalendarLexicon {
    #[serde(default)]
    pub months: BTreeMap<u32, Vec<String>>,
    #[serde(default)]
    pub hijri_months: BTreeMap<u32, Vec<String>>,
    #[serde(default)]
    pub hijri_suffix: Vec<String>,
    /// Monday is 1, Sunday 7.
    #[serde(default)]
    pub weekdays: BTreeMap<u32, Vec<String>>,
    #[serde(default)]
    pub dateline: Vec<String>,
    /// A weekday name followed by one of these is no weekday (الأحد عشر).
    #[serde(default)]
    pub weekday_not_before: Vec<String>,
    #[serde(default)]
    pub relative: RelativeWords,
    #[serde(default)]
    pub qualifiers: Qualifiers,
    #[serde(default)]
    pub range: RangeWords,
    #[serde(default)]
    pub day_of: Vec<String>,
    /// Words for the first day of a month (`فاتح`).
    #[serde(default)]
    pub first_day: Vec<String>,
    /// The word "day" before an ordinal day (`اليوم الثالث من أكتوبر`).
    #[serde(default)]
    pub day_word: Vec<String>,
    #[serde(default)]
    pub month_word: Vec<String>,
    #[serde(default)]
    pub year_words: Vec<String>,
    #[serde(default)]
    pub year_suffix: Vec<String>,
    /// How to read an all-numeric date whose first two numbers could both
    /// be the month (`03/04/2025`): day first unless a pack says its
    /// outlets write the month first. A first number above 12 is the day
    /// either way (`11/21/2025` is 21 November).
    #[serde(default)]
    pub numeric_order: Option<NumericOrder>,
    /// Words of the forms news writes around days: times of day, "the
    /// same month", thirds of a month, weeks, days ago, computed days.
    #[serde(default)]
    pub around: AroundWords,
}

/// Parts of the day, before or after a day (`فجر السبت`, `السبت صباحا`,
/// `samedi soir`).
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DayParts {
    #[serde(default)]
    pub dawn: Vec<String>,
    #[serde(default)]
    pub morning: Vec<String>,
    #[serde(default)]
    pub noon: Vec<String>,
    #[serde(default)]
    pub afternoon: Vec<String>,
    #[serde(default)]
    pub evening: Vec<String>,
    /// The night: `ليلة السبت` alone is the night between Friday and
    /// Saturday, read as both days.
    #[serde(default)]
    pub night: Vec<String>,
}

impl DayParts {
    fn lists(&mut self) -> [&mut Vec<String>; 6] {
        [
            &mut self.dawn,
            &mut self.morning,
            &mut self.noon,
            &mut self.afternoon,
            &mut self.evening,
            &mut self.night,
        ]
    }
}

/// Words around days: see [`CalendarLexicon::around`].
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct AroundWords {
    #[serde(default)]
    pub parts_of_day: DayParts,
    /// "this" before the word month or week (`هذا الشهر`, `this month`).
    #[serde(default)]
    pub this: Vec<String>,
    /// The end of a range in the month of its start (`منه`, `من نفس
    /// الشهر`, `du même mois`).
    #[serde(default)]
    pub same_month: Vec<String>,
    /// Between a weekday and its date (`الخميس الموافق 13 فبراير`).
    #[serde(default)]
    pub corresponding: Vec<String>,
    /// Before a weekday: the weekday is part of a name (`سوق السبت`, `عبد
    /// الأحد`), no day.
    #[serde(default)]
    pub weekday_not_after: Vec<String>,
    /// Weekday names without the article, after an ordinal (`ثالث ثلاثاء`).
    #[serde(default)]
    pub weekday_stems: BTreeMap<u32, Vec<String>>,
    /// Thirds of a month: 1 early (`مطلع`), 2 mid (`منتصف`), 3 late (`أواخر`).
    #[serde(default)]
    pub month_thirds: BTreeMap<u32, Vec<String>>,
    /// "last" before a day or a weekday (`آخر يوم من أكتوبر`).
    #[serde(default)]
    pub last_before: Vec<String>,
    /// "last" after the day word (`اليوم الأخير من أكتوبر`).
    #[serde(default)]
    pub last_after: Vec<String>,
    /// Before the month of a computed day (`ثالث ثلاثاء في مارس`).
    #[serde(default)]
    pub in_month: Vec<String>,
    /// Letters glued before a month or a year word (`بأيلول`, `لعام`).
    #[serde(default)]
    pub glued_in: Vec<String>,
    /// The word week (`الأسبوع المقبل`).
    #[serde(default)]
    pub week: Vec<String>,
    /// The first day of a week (Monday 1 … Sunday 7); Monday when unset.
    #[serde(default)]
    pub week_start: Option<u32>,
    /// Whether a month name before a day is a date without a year too
    /// (`March 4`, `Sept. 10`), as English writes; where it is not set a
    /// number after a month name needs a year to be its day (`في نونبر 15
    /// دولة` is a count).
    #[serde(default)]
    pub month_day: Option<bool>,
    /// Before a count of days or weeks back (`قبل`, `منذ`, `il y a`).
    #[serde(default)]
    pub ago_before: Vec<String>,
    /// After a count of days or weeks back (`ago`).
    #[serde(default)]
    pub ago_after: Vec<String>,
    /// After a count back: it counts from another day (`قبل يومين من`).
    #[serde(default)]
    pub ago_not_before: Vec<String>,
    /// One, as an article before a unit (`a week ago`).
    #[serde(default)]
    pub one: Vec<String>,
    #[serde(default)]
    pub days: Vec<String>,
    /// Two days in one word (`يومين`).
    #[serde(default)]
    pub two_days: Vec<String>,
    #[serde(default)]
    pub weeks: Vec<String>,
    #[serde(default)]
    pub two_weeks: Vec<String>,
    /// Words that start a year written in words (`ألفين`, `ألف`).
    #[serde(default)]
    pub year_thousands: Vec<String>,
    /// Number words that may follow them (`وثمانية عشر`).
    #[serde(default)]
    pub year_numbers: Vec<String>,
}

impl AroundWords {
    fn lists(&mut self) -> Vec<&mut Vec<String>> {
        let mut out: Vec<&mut Vec<String>> = self.parts_of_day.lists().into_iter().collect();
        out.extend([
            &mut self.this,
            &mut self.same_month,
            &mut self.corresponding,
            &mut self.weekday_not_after,
            &mut self.last_before,
            &mut self.last_after,
            &mut self.in_month,
            &mut self.glued_in,
            &mut self.week,
            &mut self.ago_before,
            &mut self.ago_after,
            &mut self.ago_not_before,
            &mut self.one,
            &mut self.days,
            &mut self.two_days,
            &mut self.weeks,
            &mut self.two_weeks,
            &mut self.year_thousands,
            &mut self.year_numbers,
        ]);
        out
    }

    fn tables(&mut self) -> [&mut BTreeMap<u32, Vec<String>>; 2] {
        [&mut self.weekday_stems, &mut self.month_thirds]
    }
}

/// The order of day and month in an all-numeric date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum NumericOrder {
    /// `03/04/2025` is 3 April (the usual order in Arabic and French news).
    #[default]
    DayFirst,
    /// `03/04/2025` is 4 March.
    MonthFirst,
}

/// Words that turn a number into an approximate value or a bound.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Qualifiers {
    #[serde(default)]
    pub about: Vec<String>,
    #[serde(default)]
    pub more_than: Vec<String>,
    #[serde(default)]
    pub at_least: Vec<String>,
    #[serde(default)]
    pub less_than: Vec<String>,
    #[serde(default)]
    pub at_most: Vec<String>,
    /// Words after the number, or after the word it counts, that make it
    /// a lower bound: `8 700 على الأقل`, `8 700 morts au moins`.
    #[serde(default)]
    pub after_at_least: Vec<String>,
    /// Words after the number that make it an upper bound (`على الأكثر`).
    #[serde(default)]
    pub after_at_most: Vec<String>,
}

/// Words of dates relative to the publication date.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RelativeWords {
    #[serde(default)]
    pub today: Vec<String>,
    #[serde(default)]
    pub yesterday: Vec<String>,
    #[serde(default)]
    pub tomorrow: Vec<String>,
    /// "the day before yesterday": أول أمس.
    #[serde(default)]
    pub day_before_yesterday: Vec<String>,
    /// "the day after tomorrow": بعد غد.
    #[serde(default)]
    pub day_after_tomorrow: Vec<String>,
    /// "this month": الجاري.
    #[serde(default)]
    pub current: Vec<String>,
    #[serde(default)]
    pub next: Vec<String>,
    #[serde(default)]
    pub last: Vec<String>,
    /// Words after a month name for its next occurrence (يناير المقبل,
    /// janvier prochain); English says "next January" and has none.
    #[serde(default)]
    pub month_next: Vec<String>,
    /// Words after a month name for its last occurrence (أكتوبر الماضي).
    #[serde(default)]
    pub month_last: Vec<String>,
    /// The word "month" itself (الشهر الجاري).
    #[serde(default)]
    pub month: Vec<String>,
}

impl RelativeWords {
    fn lists(&mut self) -> [&mut Vec<String>; 11] {
        [
            &mut self.today,
            &mut self.yesterday,
            &mut self.tomorrow,
            &mut self.day_before_yesterday,
            &mut self.day_after_tomorrow,
            &mut self.current,
            &mut self.next,
            &mut self.last,
            &mut self.month_next,
            &mut self.month_last,
            &mut self.month,
        ]
    }
}

/// Words that join the two ends of a date range.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RangeWords {
    #[serde(default)]
    pub from: Vec<String>,
    #[serde(default)]
    pub to: Vec<String>,
    #[serde(default)]
    pub between: Vec<String>,
    #[serde(default)]
    pub and: Vec<String>,
}

const AR: &str = include_str!("lexicon/ar-calendar.yaml");
const EN: &str = include_str!("lexicon/en-calendar.yaml");
const FR: &str = include_str!("lexicon/fr-calendar.yaml");

impl CalendarLexicon {
    /// The embedded lexicon of a language (`ar`, `en`, `fr`).
    pub fn builtin(language: &str) -> Option<CalendarLexicon> {
        let source = match language {
            "ar" => AR,
            "en" => EN,
            "fr" => FR,
            _ => return None,
        };
        let lexicon: CalendarLexicon = crate::yaml::from_str(source).expect("embedded calendar lexicon is valid");
        Some(lexicon.folded())
    }

    /// The same lexicon with every word folded.
    pub fn folded(mut self) -> CalendarLexicon {
        let fold_all = |v: &mut Vec<String>| v.iter_mut().for_each(|w| *w = fold(w));
        self.months.values_mut().for_each(fold_all);
        self.hijri_months.values_mut().for_each(fold_all);
        self.weekdays.values_mut().for_each(fold_all);
        for list in self.relative.lists() {
            fold_all(list);
        }
        for list in self.around.lists() {
            fold_all(list);
        }
        for table in self.around.tables() {
            table.values_mut().for_each(fold_all);
        }
        for list in [
            &mut self.hijri_suffix,
            &mut self.dateline,
            &mut self.weekday_not_before,
            &mut self.qualifiers.about,
            &mut self.qualifiers.more_than,
            &mut self.qualifiers.at_least,
            &mut self.qualifiers.less_than,
            &mut self.qualifiers.at_most,
            &mut self.qualifiers.after_at_least,
            &mut self.qualifiers.after_at_most,
            &mut self.range.from,
            &mut self.range.to,
            &mut self.range.between,
            &mut self.range.and,
            &mut self.day_of,
            &mut self.first_day,
            &mut self.day_word,
            &mut self.month_word,
            &mut self.year_words,
            &mut self.year_suffix,
        ] {
            fold_all(list);
        }
        self
    }

    /// Adds another lexicon's words (already folded) to this one.
    pub fn extend(&mut self, other: CalendarLexicon) {
        for (k, v) in other.months {
            self.months.entry(k).or_default().extend(v);
        }
        for (k, v) in other.hijri_months {
            self.hijri_months.entry(k).or_default().extend(v);
        }
        for (k, v) in other.weekdays {
            self.weekdays.entry(k).or_default().extend(v);
        }
        if other.numeric_order.is_some() {
            self.numeric_order = other.numeric_order;
        }
        self.hijri_suffix.extend(other.hijri_suffix);
        self.dateline.extend(other.dateline);
        self.weekday_not_before.extend(other.weekday_not_before);
        let mut rel = other.relative;
        for (mine, theirs) in self.relative.lists().into_iter().zip(rel.lists()) {
            mine.append(theirs);
        }
        let q = other.qualifiers;
        self.qualifiers.about.extend(q.about);
        self.qualifiers.more_than.extend(q.more_than);
        self.qualifiers.at_least.extend(q.at_least);
        self.qualifiers.less_than.extend(q.less_than);
        self.qualifiers.at_most.extend(q.at_most);
        self.qualifiers.after_at_least.extend(q.after_at_least);
        self.qualifiers.after_at_most.extend(q.after_at_most);
        self.range.from.extend(other.range.from);
        self.range.to.extend(other.range.to);
        self.range.between.extend(other.range.between);
        self.range.and.extend(other.range.and);
        self.day_of.extend(other.day_of);
        self.first_day.extend(other.first_day);
        self.day_word.extend(other.day_word);
        self.month_word.extend(other.month_word);
        self.year_words.extend(other.year_words);
        self.year_suffix.extend(other.year_suffix);
        let mut around = other.around;
        if around.week_start.is_some() {
            self.around.week_start = around.week_start;
        }
        if around.month_day.is_some() {
            self.around.month_day = around.month_day;
        }
        for (mine, theirs) in self.around.lists().into_iter().zip(around.lists()) {
            mine.append(theirs);
        }
        for (mine, theirs) in self.around.tables().into_iter().zip(around.tables()) {
            for (k, v) in std::mem::take(theirs) {
                mine.entry(k).or_default().extend(v);
            }
        }
    }

    /// The month a folded name stands for.
    pub fn month_number(&self, name: &str) -> Option<u32> {
        lookup(&self.months, name)
    }

    /// Every month name, for a regex.
    pub fn month_names(&self) -> Vec<&str> {
        self.months.values().flatten().map(String::as_str).collect()
    }

    /// The Hijri month a folded name stands for.
    pub fn hijri_month_number(&self, name: &str) -> Option<u32> {
        lookup(&self.hijri_months, name)
    }

    /// The weekday (Monday = 1) a folded name stands for.
    pub fn weekday_number(&self, name: &str) -> Option<u32> {
        lookup(&self.weekdays, name)
    }
}

fn lookup(table: &BTreeMap<u32, Vec<String>>, name: &str) -> Option<u32> {
    let name = collapse_spaces(name);
    table
        .iter()
        .find(|(_, names)| names.iter().any(|n| n.eq_ignore_ascii_case(&name)))
        .map(|(&k, _)| k)
}

impl CalendarLexicon {
    /// Words of a table, for a regex.
    pub fn words(table: &BTreeMap<u32, Vec<String>>) -> Vec<&str> {
        table.values().flatten().map(String::as_str).collect()
    }
}

/// Collapses runs of whitespace to one space.
pub fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A regex alternative of words: escaped, longest first, spaces inside a
/// word matching any run of whitespace. Empty when there are no words.
pub fn alternation<S: AsRef<str>>(words: &[S]) -> String {
    let mut words: Vec<&str> = words.iter().map(AsRef::as_ref).filter(|w| !w.is_empty()).collect();
    words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    words.dedup();
    let parts: Vec<String> = words
        .iter()
        .map(|w| w.split_whitespace().map(regex::escape).collect::<Vec<_>>().join(r"\s+"))
        .collect();
    format!("(?:{})", parts.join("|"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_names_fold_and_resolve() {
        let ar = CalendarLexicon::builtin("ar").unwrap();
        assert_eq!(ar.month_number("نونبر"), Some(11));
        assert_eq!(ar.month_number("تشرين  الثاني"), Some(11));
        assert_eq!(ar.month_number(&fold("أغسطس")), Some(8));
        assert_eq!(ar.month_number("جوان"), Some(6));
        let en = CalendarLexicon::builtin("en").unwrap();
        assert_eq!(en.month_number("november"), Some(11));
    }

    #[test]
    fn alternation_prefers_longer_words() {
        let re = regex::Regex::new(&format!("^{}", alternation(&["ما", "ما بين"]))).unwrap();
        assert_eq!(re.find("ما  بين").unwrap().as_str(), "ما  بين");
    }
}
