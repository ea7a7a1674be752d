//! Value grammars: the reusable parsers behind rule placeholders.
//!
//! A rule pattern names the value it captures with a placeholder
//! ([`Placeholder`]): `{count}`, `{ordinal}`, `{year}`, `{date}`,
//! `{date_range}`. A [`Grammar`] (one a language) expands a placeholder to a
//! regex with a named group `value` (and `qual` for a count's qualifier), and
//! reads a match of that group back into a [`Value`].
//!
//! - [`number`]: cardinals and ordinals, digits and words;
//! - [`date`]: dates, ranges and years;
//! - [`calendar`]: month names, weekdays, qualifiers and range words as data.

pub mod calendar;
pub mod date;
pub mod number;

use crate::model::value::{DateSet, NumberSet, Qualifier, Rounding, Value};
use crate::text::boundary::Caps;
use calendar::{alternation, CalendarLexicon};
use chrono::NaiveDate;
use date::DateGrammar;
use number::{Count, NumberGrammar, NumberLexicon};
use regex::Regex;
use std::fmt;
use std::sync::Arc;

/// A value placeholder in a rule pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Placeholder {
    /// `{count}` (also `{number}`): a cardinal, with an optional qualifier.
    Count,
    /// `{ordinal}`: an ordinal in words or digits (`الثالثة والتسعين`, `الـ93`).
    Ordinal,
    /// `{year}`: a four-digit year.
    Year,
    /// `{date}`: a day, month and (optional) year, or a month and year.
    Date,
    /// `{date_range}`: two days of one or two months.
    DateRange,
    /// `{name}`: one of a `name` rule's spellings.
    Name,
}

impl Placeholder {
    pub const ALL: [(&'static str, Placeholder); 7] = [
        ("count", Placeholder::Count),
        ("number", Placeholder::Count),
        ("ordinal", Placeholder::Ordinal),
        ("year", Placeholder::Year),
        ("date", Placeholder::Date),
        ("date_range", Placeholder::DateRange),
        ("name", Placeholder::Name),
    ];

    pub fn from_name(name: &str) -> Option<Placeholder> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|&(_, p)| p)
    }

    /// Whether the engines that find candidates may run a loosened
    /// superset of this placeholder's expansion
    /// ([`crate::text::expansion::loosened`]). A count is a run of number
    /// words, so any run of its grammar's words finds nearly the same
    /// candidates, and compiles in a twentieth of the time; a date range
    /// is an order of days, months and links, which a run of its words
    /// would lose: a loosened `{date_range}` finds seven times the
    /// candidates, each checked by the exact engine.
    pub fn loosens(self) -> bool {
        self == Placeholder::Count
    }
}

impl fmt::Display for Placeholder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = Self::ALL.iter().find(|(_, p)| p == self).map_or("?", |(n, _)| n);
        write!(f, "{{{name}}}")
    }
}

/// Compiling one regex that is otherwise compiled on first use, with an
/// estimate of its cost (its source's length), for compiling a run's
/// regexes in parallel up front ([`crate::rules::RuleSet::compile_all`]).
pub type CompileJob<'a> = (usize, Box<dyn Fn() + Send + Sync + 'a>);

/// Letters glued before a number: و ب ل ك ف and the article ال.
const GLUED: &str = r"(?:[وبلكف]?(?:ال|لل)?\s?)?";

/// The grammars of one language.
pub struct Grammar {
    pub language: String,
    numbers: Arc<NumberGrammar>,
    pub dates: DateGrammar,
    qualifier: String,
    /// A qualifier right before a number: the text before it ends here.
    qualifier_tail: Regex,
    /// A qualifier after a number or after the word it counts (`8700 قتيل
    /// على الأقل`): the text after the number starts here. `None` when the
    /// language has no such words.
    qualifier_after: Option<Regex>,
    /// The `{count}` regex over a whole text, built when first asked for.
    count_finder: std::sync::OnceLock<Option<crate::text::boundary::BoundaryRegex>>,
}

impl fmt::Debug for Grammar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Grammar")
            .field("language", &self.language)
            .finish_non_exhaustive()
    }
}

impl Grammar {
    /// The grammar of a language, with a pack's lexicon additions.
    pub fn new(language: &str, extra: Option<CalendarLexicon>) -> Option<Grammar> {
        Self::build(language, extra, NumberGrammar::shared(language)?)
    }

    /// The grammar of a language with a pack's calendar words (`lexicon:`)
    /// and number words (`numbers:`). None for an unknown language; an
    /// error when the number words do not build a grammar.
    pub fn with_lexicons(
        language: &str,
        calendar: Option<CalendarLexicon>,
        numbers: Option<NumberLexicon>,
    ) -> Option<Result<Grammar, regex::Error>> {
        let numbers = match numbers {
            None => NumberGrammar::shared(language)?,
            Some(extra) => match NumberGrammar::extended(language, extra)? {
                Ok(g) => Arc::new(g),
                Err(e) => return Some(Err(e)),
            },
        };
        Self::build(language, calendar, numbers).map(Ok)
    }

    fn build(language: &str, extra: Option<CalendarLexicon>, numbers: Arc<NumberGrammar>) -> Option<Grammar> {
        let mut lexicon = CalendarLexicon::builtin(language)?;
        if let Some(extra) = extra {
            lexicon.extend(extra.folded());
        }
        let q = &lexicon.qualifiers;
        let all: Vec<&String> = [&q.about, &q.more_than, &q.at_least, &q.less_than, &q.at_most]
            .into_iter()
            .flatten()
            .collect();
        let qualifier = alternation(&all);
        let qualifier_tail = regex::RegexBuilder::new(&format!(r"\b{GLUED}(?P<qual>{qualifier})\s+{GLUED}\z"))
            .case_insensitive(true)
            .build()
            .ok()?;
        let after: Vec<&String> = q.after_at_least.iter().chain(&q.after_at_most).collect();
        let qualifier_after = if after.is_empty() {
            None
        } else {
            let pattern = format!(
                r"\A\s+(?:[^\s.,،؛:!?]+\s+)?(?P<qual>{})(?:[\s.,،؛:!?)]|\z)",
                alternation(&after)
            );
            Some(regex::RegexBuilder::new(&pattern).case_insensitive(true).build().ok()?)
        };
        Some(Grammar {
            language: language.to_string(),
            dates: DateGrammar::with_numbers(lexicon, Some(numbers.clone())),
            numbers,
            qualifier,
            qualifier_tail,
            qualifier_after,
            count_finder: std::sync::OnceLock::new(),
        })
    }

    pub fn numbers(&self) -> &NumberGrammar {
        &self.numbers
    }

    /// The jobs that compile the date grammar's regexes (not the number
    /// grammar's, which grammars share: [`NumberGrammar::compile_jobs`]).
    pub fn compile_jobs(&self) -> Vec<CompileJob<'_>> {
        self.dates.compile_jobs()
    }

    /// Every count in a folded text, as `{count}` reads it: the number and
    /// the qualifier right before it (`نحو 800`, `أكثر من 140`), as (byte
    /// start, byte end, number, qualifier). The span starts at the
    /// qualifier when there is one.
    pub fn find_counts(&self, folded: &str) -> Vec<(usize, usize, f64, Qualifier)> {
        self.numbers
            .find_cardinals(folded)
            .into_iter()
            .map(|(start, end, n)| {
                // A qualifier is a few words: look at the last 160 bytes.
                let from = (start.saturating_sub(160)..=start)
                    .find(|&i| folded.is_char_boundary(i))
                    .unwrap_or(start);
                match self.qualifier_tail.captures(&folded[from..start]) {
                    Some(c) => {
                        let q = c.name("qual").map_or("", |q| q.as_str());
                        let at = c.get(0).map_or(start, |m| from + m.start());
                        (at, end, n, self.qualifier_of(q))
                    }
                    None => (start, end, n, self.qualifier_after(folded, end)),
                }
            })
            .collect()
    }

    /// Every count in a folded text as a rule's `{count}` reads it (a
    /// range, a vague quantity, a number and its qualifier), as (byte
    /// start, byte end, set), in text order.
    pub fn find_count_values(&self, folded: &str, reading: NumberReading) -> Vec<(usize, usize, NumberSet)> {
        let finder = self.count_finder.get_or_init(|| {
            let pattern = self.expand(Placeholder::Count, &[]);
            crate::text::boundary::BoundaryRegex::new(&pattern, true).ok()
        });
        let Some(finder) = finder else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for caps in finder.captures_all(folded) {
            let (Some(whole), Some(value)) = (caps.get(0), caps.name("value")) else {
                continue;
            };
            let read = self.read(Placeholder::Count, Kind::Count, folded, &caps, None, reading);
            if let (Some(Value::Number(set)), true) = (read, value.start() < value.end()) {
                out.push((whole.start(), whole.end(), set));
            }
        }
        out
    }

    /// The qualifier that follows a number ending at `end`, if any: the
    /// number itself or the word after it, then `على الأقل`, `au moins`…
    pub fn qualifier_after(&self, folded: &str, end: usize) -> Qualifier {
        let Some(after) = &self.qualifier_after else {
            return Qualifier::Exact;
        };
        // A few words: look at the next 160 bytes.
        let mut to = (end + 160).min(folded.len());
        while !folded.is_char_boundary(to) {
            to -= 1;
        }
        // Most numbers have none: the match test allocates nothing.
        let tail = &folded[end..to];
        if !after.is_match(tail) {
            return Qualifier::Exact;
        }
        let Some(word) = after.captures(tail).and_then(|c| c.name("qual")) else {
            return Qualifier::Exact;
        };
        let word = calendar::collapse_spaces(word.as_str());
        let q = &self.dates.lexicon().qualifiers;
        if q.after_at_least.iter().any(|w| w.eq_ignore_ascii_case(&word)) {
            Qualifier::AtLeast
        } else {
            Qualifier::AtMost
        }
    }

    /// The regex a placeholder expands to, with the group `value`.
    /// `spellings` are a `name` rule's spellings, folded.
    pub fn expand(&self, placeholder: Placeholder, spellings: &[String]) -> String {
        match placeholder {
            Placeholder::Name => format!(r"\b{GLUED}(?P<value>{})\b", alternation(spellings)),
            Placeholder::Count => format!(
                r"\b{GLUED}(?:(?P<qual>{q})\s+{GLUED})?(?P<value>{n})\b",
                q = self.qualifier,
                n = self.numbers.count_pattern()
            ),
            Placeholder::Ordinal => {
                format!(r"\b(?P<value>{})\b", self.numbers.ordinal_pattern())
            }
            Placeholder::Year => format!(r"\b{GLUED}(?P<value>{})(?:\s?م)?\b", self.dates.year_pattern()),
            Placeholder::Date => format!(r"\b{GLUED}(?P<value>{})\b", self.dates.date_pattern()),
            Placeholder::DateRange => {
                format!(r"\b{GLUED}(?P<value>{})\b", self.dates.range_pattern())
            }
        }
    }

    /// Reads the value a placeholder matched in the `folded` text, as the
    /// set a rule of `kind` claims. `reference` is the article's
    /// publication date. A count is read with the words around it
    /// ([`NumberGrammar::count_in`]), as `reading` says.
    pub fn read(
        &self,
        placeholder: Placeholder,
        kind: Kind,
        folded: &str,
        caps: &Caps,
        reference: Option<NaiveDate>,
        reading: NumberReading,
    ) -> Option<Value> {
        let matched = caps.name("value")?;
        let text = matched.as_str();
        match (kind, placeholder) {
            (Kind::Count, Placeholder::Count) => {
                let count = self.numbers.count_in(folded, matched.start(), matched.end())?;
                let q = match caps.name("qual") {
                    Some(q) => self.qualifier_of(q.as_str()),
                    None => self.qualifier_after(folded, matched.end()),
                };
                Some(Value::Number(count_set(count, q, reading)))
            }
            (Kind::Ordinal, Placeholder::Ordinal) => {
                let n = self.numbers.parse_ordinal(text)?;
                Some(Value::Number(NumberSet::exact(n as f64)))
            }
            (Kind::Year, Placeholder::Year) => {
                let y = self.dates.parse_year(text)?;
                Some(Value::Number(NumberSet::exact(f64::from(y))))
            }
            (Kind::Name, Placeholder::Name) => Some(Value::Name(calendar::collapse_spaces(text).into())),
            (Kind::Date | Kind::DateRange, _) => {
                let (start, end) = self.read_dates(placeholder, text, reference)?;
                Some(match kind {
                    Kind::Date if start == end => Value::Date(start),
                    // One event over several days ("the night of Sunday
                    // 10 to Monday 11"): the days it spans.
                    Kind::Date => Value::Date(DateSet::span(start, end)?),
                    _ => Value::Range { start, end },
                })
            }
            _ => None,
        }
    }

    fn read_dates(
        &self,
        placeholder: Placeholder,
        text: &str,
        reference: Option<NaiveDate>,
    ) -> Option<(DateSet, DateSet)> {
        match placeholder {
            Placeholder::DateRange => self.dates.parse_range(text, reference),
            Placeholder::Date => self.dates.parse_date(text, reference).map(|d| (d, d)),
            Placeholder::Year => DateSet::year(self.dates.parse_year(text)?).map(|d| (d, d)),
            _ => None,
        }
    }

    fn qualifier_of(&self, word: &str) -> Qualifier {
        let word = calendar::collapse_spaces(word);
        let q = &self.dates.lexicon().qualifiers;
        let has = |list: &[String]| list.iter().any(|w| w.eq_ignore_ascii_case(&word));
        if has(&q.about) {
            Qualifier::About
        } else if has(&q.more_than) {
            Qualifier::MoreThan
        } else if has(&q.at_least) {
            Qualifier::AtLeast
        } else if has(&q.less_than) {
            Qualifier::LessThan
        } else if has(&q.at_most) {
            Qualifier::AtMost
        } else {
            Qualifier::Exact
        }
    }
}

/// How a rule reads numbers: the half-width of `نحو 800` and what a round
/// figure with a scale word stands for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NumberReading {
    /// Relative half-width of an approximate number (0.1 = ±10%).
    pub tolerance: f64,
    pub rounding: Rounding,
}

impl Default for NumberReading {
    fn default() -> NumberReading {
        NumberReading {
            tolerance: 0.1,
            rounding: Rounding::Exact,
        }
    }
}

/// The set a count stands for: a range is its interval, a vague quantity
/// its lower bound (a qualifier adds nothing to either), a round figure
/// the numbers that round to it when the rule reads it so.
fn count_set(count: Count, q: Qualifier, reading: NumberReading) -> NumberSet {
    match count {
        Count::Vague(low) => NumberSet::new(low, Qualifier::AtLeast, reading.tolerance),
        Count::Range { low, high, .. } => NumberSet::range(low, high),
        Count::One {
            value,
            round: Some(half),
        } if q == Qualifier::Exact && reading.rounding == Rounding::Approximate => NumberSet::rounded(value, half),
        Count::One { value, .. } => NumberSet::new(value, q, reading.tolerance),
    }
}

// The kinds live in the model, so values need not import the grammars.
pub use crate::model::kind::Kind;

impl Kind {
    /// The placeholders a rule of this kind may capture with.
    pub fn accepts(self, placeholder: Placeholder) -> bool {
        use Placeholder as P;
        match self {
            Kind::Count => placeholder == P::Count,
            Kind::Ordinal => placeholder == P::Ordinal,
            Kind::Year => placeholder == P::Year,
            Kind::Date => matches!(placeholder, P::Date | P::Year | P::DateRange),
            Kind::DateRange => matches!(placeholder, P::DateRange | P::Date | P::Year),
            Kind::Name => placeholder == P::Name,
        }
    }
}
