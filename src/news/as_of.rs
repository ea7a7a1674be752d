//! When a sentence says a figure held: the as-of words, read and resolved
//! against the publication date into a [`Moment`].

use super::reader::{alternation, folded};
use super::{LazyRegex, Moment, NewsLexicon, NewsReader};
use chrono::{Datelike, NaiveDate, NaiveTime};

impl NewsReader {
    /// `MARKER [day-prefix] [DAY] [hour-prefix] HOUR[:MM|h] [part-prefix]
    /// [PART] [day-prefix] [DAY]`, or `MARKER [PART] [day-prefix] DAY`,
    /// compiled on first use: only a text with an as-of word needs it.
    pub(super) fn as_of_regex(&self, lexicon: &NewsLexicon) -> Option<LazyRegex> {
        let markers = folded(&lexicon.as_of);
        if markers.is_empty() {
            return None;
        }
        let opt = |words: &[String]| -> String {
            let w = folded(words);
            if w.is_empty() {
                "(?:$^)".to_string()
            } else {
                alternation(&w)
            }
        };
        let days: Vec<String> = self
            .weekdays
            .iter()
            .map(|(w, _)| w.clone())
            .chain(self.today.iter().cloned())
            .chain(self.yesterday.iter().cloned())
            .collect();
        let hour_words: Vec<String> = self.hours.iter().map(|(w, _)| w.clone()).collect();
        let parts: Vec<String> = self.evening.iter().chain(&self.morning).cloned().collect();
        let day = format!("(?:(?:{})\\s+)?(?:{})", opt(&lexicon.day_prefix), opt(&days));
        let hour = format!(
            r"(?P<hour>\d{{1,2}}|{})(?:\s*(?::|h)\s*(?P<min>\d{{2}})|(?P<h>\s*h\b|\s*heures?\b|\s*hours?\b))?",
            opt(&hour_words)
        );
        let part = format!(
            "(?:\\s*(?:(?:{})\\s+)?(?P<part>{}))?",
            opt(&lexicon.part_prefix),
            opt(&parts)
        );
        let pattern = format!(
            r"(?i)(?:^|[^\p{{L}}\p{{N}}])[وف]?(?:{markers})\s+(?:(?P<day1>{day})\s+)?(?:(?:(?P<prefix>{prefix})\s+)?{hour}{part}(?:\s+(?P<day2>{day}))?|(?:(?P<part2>{parts})\s+)?(?P<day3>{day}))(?:[^\p{{L}}\p{{N}}]|$)",
            markers = alternation(&markers),
            prefix = opt(&lexicon.hour_prefix),
            parts = opt(&parts),
        );
        Some(LazyRegex {
            source: pattern,
            compiled: std::sync::OnceLock::new(),
        })
    }

    /// The as-of moment stated in `sentence` (folded), resolved against
    /// the publication date. `None` when there is none, or when it cannot
    /// be resolved (a weekday or an hour without a publication date).
    pub fn as_of(&self, sentence: &str, published: Option<NaiveDate>) -> Option<Moment> {
        let lower = sentence.to_lowercase();
        let caps = self.as_of_words(&lower)?;
        let day_word = ["day1", "day2", "day3"]
            .iter()
            .find_map(|n| caps.name(n))
            .map(|m| m.as_str());
        let published = published?;
        let date = match day_word {
            None => published,
            Some(w) => self.day(w, published)?,
        };
        let Some(hour) = caps.name("hour") else {
            return Some(Moment { date, time: None });
        };
        let mut h: u32 = match hour.as_str().parse() {
            Ok(n) => n,
            Err(_) => self.hours.iter().find(|(w, _)| w == hour.as_str()).map(|(_, h)| *h)?,
        };
        let m: u32 = caps.name("min").and_then(|m| m.as_str().parse().ok()).unwrap_or(0);
        if let Some(part) = caps.name("part").or_else(|| caps.name("part2")) {
            let part = part.as_str();
            if self.evening.iter().any(|w| w == part) && h < 12 {
                h += 12;
            } else if self.morning.iter().any(|w| w == part) && h == 12 {
                h = 0;
            }
        }
        let time = NaiveTime::from_hms_opt(h, m, 0)?;
        Some(Moment { date, time: Some(time) })
    }

    /// The as-of words `as_of` reads in a lower-cased `sentence` (folded).
    /// Lower-casing may change byte lengths outside ASCII, so the captures
    /// are read from the lower-cased text itself.
    fn as_of_words<'t>(&self, lower: &'t str) -> Option<regex::Captures<'t>> {
        self.as_of.as_ref()?.get()?.captures_iter(lower).find(|c| {
            c.name("day3").is_some()
                || c.name("prefix").is_some()
                || c.name("min").is_some()
                || c.name("h").is_some()
                || c.name("part").is_some()
        })
    }

    /// The as-of words of `sentence` (folded, lower-cased), for a sentence
    /// whose time cannot be placed: "as of 4 p.m. sunday".
    pub fn stated_as_of(&self, sentence: &str) -> Option<String> {
        let lower = sentence.to_lowercase();
        let caps = self.as_of_words(&lower)?;
        let words = caps.get(0)?.as_str();
        let words = words.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
        Some(words.trim_end_matches(['.', ',']).to_string())
    }

    /// The date a day word names, at or before the publication date.
    fn day(&self, word: &str, published: NaiveDate) -> Option<NaiveDate> {
        let word = word.split_whitespace().last().unwrap_or(word);
        if self.today.iter().any(|w| w.ends_with(word)) {
            return Some(published);
        }
        if self.yesterday.iter().any(|w| w.ends_with(word)) {
            return published.pred_opt();
        }
        let (_, weekday) = self.weekdays.iter().find(|(w, _)| w == word)?;
        let back = (published.weekday().num_days_from_monday() + 7 - weekday.num_days_from_monday()) % 7;
        published.checked_sub_days(chrono::Days::new(u64::from(back)))
    }
}
