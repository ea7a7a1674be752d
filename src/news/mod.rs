//! News that moves: when a figure held, who gave it, and how the sentence
//! holds it.
//!
//! A claim's [`Context`] says what its sentence says around the value:
//!
//! - an **as-of** time ("حتى الساعة الرابعة من مساء الأحد", "as of 4 p.m.
//!   Sunday", "selon un dernier bilan dimanche à 16h"), resolved against
//!   the article's publication date into a [`Moment`];
//! - the **attribution** ("بحسب وزارة الصحة", "according to the USGS",
//!   "selon l'OMS"), as written, or the canonical name a pack gives;
//! - the **stance** ([`Stance`]): asserted, an *earlier* figure the article
//!   says was replaced, *hedged* (a forecast), or *denied*;
//! - the other figures of the same **update**: claims of rules in one
//!   `update` group stated in one sentence (the deaths and the injured of
//!   one toll), which identify the update across articles.
//!
//! The words are data ([`NewsLexicon`], `src/grammar/lexicon/news.yaml`, one
//! section a language), and a pack adds its own under `news:`. A
//! [`NewsReader`] is built once a pack and reads a folded text.

use crate::text::normalize::fold;
use aho_corasick::AhoCorasick;
use chrono::{NaiveDate, NaiveTime, Weekday};
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

mod as_of;
mod attribution;
mod lexicon;
mod reader;
mod sentence;
mod stance;
#[cfg(test)]
mod tests;

pub use lexicon::NewsLexicon;
pub use reader::{WordHits, Words};
pub use sentence::{sentence, SENTENCE_REACH};

/// How a sentence holds a figure.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    /// Stated as the article's own figure (the default).
    #[default]
    Asserted,
    /// An earlier figure the article says was replaced ("في وقت سابق",
    /// "previously", "instead of").
    Earlier,
    /// A forecast or a possibility ("قد يتجاوز", "may exceed", "pourrait").
    Hedged,
    /// Denied by the sentence ("نفى", "denied", "a démenti").
    Denied,
    /// A figure the article corrects ("112 morts, et non 118"): wrong, not
    /// earlier.
    Corrected,
}

impl Stance {
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Asserted => "asserted",
            Stance::Earlier => "earlier",
            Stance::Hedged => "hedged",
            Stance::Denied => "denied",
            Stance::Corrected => "corrected",
        }
    }

    /// Whether the claim is the article's assertion of a figure (now or
    /// earlier): hedged and denied figures are reported, never compared.
    pub fn compares(self) -> bool {
        matches!(self, Stance::Asserted | Stance::Earlier)
    }
}

/// How a fact changes over time (a rule's `evolves`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Evolves {
    /// A running total (deaths, injured, arrests): it only grows.
    Increasing,
    /// A figure that only falls (people missing, still trapped).
    Decreasing,
    /// A figure revised either way.
    Any,
}

impl Evolves {
    pub fn as_str(self) -> &'static str {
        match self {
            Evolves::Increasing => "increasing",
            Evolves::Decreasing => "decreasing",
            Evolves::Any => "any",
        }
    }
}

/// A point in time: a day, and the time of day when it is known. A day
/// without a time sorts before the same day with one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Moment {
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
}

impl Moment {
    /// `2026-03-06` or `2026-03-06T16:00`.
    pub fn canonical(&self) -> String {
        self.to_string()
    }

    /// `6 Mar 16:00` or `6 Mar 2026`, for messages.
    pub fn short(&self) -> String {
        match self.time {
            Some(t) => format!("{} {}", self.date.format("%-d %b %Y"), t.format("%H:%M")),
            None => self.date.format("%-d %b %Y").to_string(),
        }
    }
}

/// The canonical string ([`Moment::canonical`]), written in place.
impl std::fmt::Display for Moment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use chrono::Timelike;
        let day = crate::model::value::Day(self.date);
        match self.time {
            Some(t) => write!(f, "{day}T{:02}:{:02}", t.hour(), t.minute()),
            None => write!(f, "{day}"),
        }
    }
}

/// What a claim's sentence says around its value. A claim with nothing of
/// this (most claims of static facts) carries none at all.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Context {
    /// The article's publication time of day, when its metadata gives one.
    #[serde(default)]
    pub published_time: Option<NaiveTime>,
    /// When the sentence says the figure held.
    #[serde(default)]
    pub as_of: Option<Moment>,
    #[serde(default)]
    pub stance: Stance,
    /// Who the sentence says gave the figure, as written (or the pack's
    /// canonical name for that body).
    #[serde(default)]
    pub attribution: Option<Arc<str>>,
    /// The other figures of the same update stated in the same sentence:
    /// (key, exact canonical value).
    #[serde(default)]
    pub update: Vec<(Arc<str>, Arc<str>)>,
    /// The figure this one corrects, as the sentence gives it right after
    /// a correction word ("112 morts, et non 118": 118).
    #[serde(default)]
    pub corrects: Option<Arc<str>>,
    /// The as-of words of the sentence when they cannot be placed in time
    /// (the article has no publication date): "as of 4 p.m. sunday".
    #[serde(default)]
    pub unplaced_as_of: Option<Arc<str>>,
}

impl Context {
    /// Nothing said: asserted, unattributed, no time.
    pub const NONE: Context = Context {
        published_time: None,
        as_of: None,
        stance: Stance::Asserted,
        attribution: None,
        update: Vec::new(),
        corrects: None,
        unplaced_as_of: None,
    };

    pub fn is_empty(&self) -> bool {
        *self == Context::default()
    }

    /// The attribution as compared: folded and lower-cased.
    pub fn attribution_key(&self) -> Option<String> {
        self.attribution.as_deref().map(|a| fold(a).to_lowercase())
    }
}

/// Which marker a word is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    Earlier,
    EarlierAfter,
    EarlierRightBefore,
    Hedged,
    HedgedAfter,
    Denied,
    Corrected,
    Attribution,
    AttributionAfter,
    Moved,
}

/// The words of a lexicon compiled to search folded text.
pub struct NewsReader {
    markers: Option<AhoCorasick>,
    /// Every marker word, then every as-of word (from `timed_from` on), for
    /// one scan of a sentence that tells which of the two it holds.
    gate: Option<AhoCorasick>,
    timed_from: usize,
    /// Which lists each word of `markers` is in (a word may be in several:
    /// "في وقت سابق" is earlier before and after a figure).
    kinds: Vec<Vec<Marker>>,
    bodies: Option<AhoCorasick>,
    body_names: Vec<Arc<str>>,
    stop: Vec<String>,
    /// What follows an attribution word without being a body ("selon un
    /// dernier bilan", "according to estimates").
    not_bodies: Vec<String>,
    /// "from" and "to" of a figure that moved ("rose from 1 140 to 1 870").
    from: Vec<String>,
    to: Vec<String>,
    /// The longest body spelling, in bytes (folded).
    longest_body: usize,
    /// The longest of `not_bodies`, in characters.
    longest_not_body: usize,
    as_of: Option<LazyRegex>,
    hours: Vec<(String, u32)>,
    evening: Vec<String>,
    morning: Vec<String>,
    today: Vec<String>,
    yesterday: Vec<String>,
    weekdays: Vec<(String, Weekday)>,
}

/// A regex compiled when first used; `None` then if it does not compile.
struct LazyRegex {
    source: String,
    compiled: std::sync::OnceLock<Option<Regex>>,
}

impl LazyRegex {
    fn get(&self) -> Option<&Regex> {
        self.compiled.get_or_init(|| Regex::new(&self.source).ok()).as_ref()
    }
}

impl std::fmt::Debug for NewsReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewsReader").finish_non_exhaustive()
    }
}
