//! What the date grammar read: the set of days, the form it was read in
//! and the time of day the text named.

use crate::grammar::calendar::DayParts;
use crate::model::value::DateSet;

/// A time of day named beside a day (`فجر السبت`, `vendredi soir`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DayPart {
    Dawn,
    Morning,
    Noon,
    Afternoon,
    Evening,
    Night,
}

impl DayPart {
    /// The part a folded word of the lexicon names.
    pub fn of(parts: &DayParts, word: &str) -> Option<DayPart> {
        let word = crate::grammar::calendar::collapse_spaces(word);
        let has = |list: &[String]| list.iter().any(|w| w.eq_ignore_ascii_case(&word));
        [
            (&parts.dawn, DayPart::Dawn),
            (&parts.morning, DayPart::Morning),
            (&parts.noon, DayPart::Noon),
            (&parts.afternoon, DayPart::Afternoon),
            (&parts.evening, DayPart::Evening),
            (&parts.night, DayPart::Night),
        ]
        .into_iter()
        .find(|(list, _)| has(list))
        .map(|(_, p)| p)
    }

    /// `dawn`, `morning`, `noon`, `afternoon`, `evening`, `night`.
    pub fn name(self) -> &'static str {
        match self {
            DayPart::Dawn => "dawn",
            DayPart::Morning => "morning",
            DayPart::Noon => "noon",
            DayPart::Afternoon => "afternoon",
            DayPart::Evening => "evening",
            DayPart::Night => "night",
        }
    }
}

/// One date as read: its set of days, the form (`day-month-year`,
/// `weekday`, `third-of-month`…) and the time of day, if the text gave one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DateReading {
    pub set: DateSet,
    pub form: &'static str,
    pub part: Option<DayPart>,
}

impl DateReading {
    pub fn new(set: DateSet, form: &'static str) -> DateReading {
        DateReading { set, form, part: None }
    }

    pub fn with_part(mut self, part: Option<DayPart>) -> DateReading {
        self.part = self.part.or(part);
        self
    }
}

/// One range as read: its two ends and the form (`within-month`,
/// `same-month`, `weekdays`…).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RangeReading {
    pub start: DateSet,
    pub end: DateSet,
    pub form: &'static str,
}
