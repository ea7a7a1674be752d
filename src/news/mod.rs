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

use crate::normalize::fold;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

/// Characters between a figure and an attribution marker after it that
/// still make the marker the figure's ("7.1 درجات بحسب").
const AFTER_REACH: usize = 24;

/// How far a sentence reaches on each side of a figure, in characters.
pub const SENTENCE_REACH: usize = 400;

const BUILTIN: &str = include_str!("../grammar/lexicon/news.yaml");

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
        match self.time {
            Some(t) => format!("{}T{}", self.date.format("%Y-%m-%d"), t.format("%H:%M")),
            None => self.date.format("%Y-%m-%d").to_string(),
        }
    }

    /// `6 Mar 16:00` or `6 Mar 2026`, for messages.
    pub fn short(&self) -> String {
        match self.time {
            Some(t) => format!("{} {}", self.date.format("%-d %b %Y"), t.format("%H:%M")),
            None => self.date.format("%-d %b %Y").to_string(),
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

/// The words of one language, as written in the YAML (see the file's
/// header for what each list is).
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct NewsLexicon {
    #[serde(default)]
    pub earlier: Vec<String>,
    #[serde(default)]
    pub earlier_after: Vec<String>,
    #[serde(default)]
    pub hedged: Vec<String>,
    #[serde(default)]
    pub hedged_after: Vec<String>,
    #[serde(default)]
    pub denied: Vec<String>,
    #[serde(default)]
    pub corrected: Vec<String>,
    #[serde(default)]
    pub attribution: Vec<String>,
    #[serde(default)]
    pub attribution_after: Vec<String>,
    #[serde(default)]
    pub moved: Vec<String>,
    #[serde(default)]
    pub from: Vec<String>,
    #[serde(default)]
    pub to: Vec<String>,
    #[serde(default)]
    pub as_of: Vec<String>,
    #[serde(default)]
    pub hour_words: BTreeMap<u32, Vec<String>>,
    #[serde(default)]
    pub hour_prefix: Vec<String>,
    #[serde(default)]
    pub evening: Vec<String>,
    #[serde(default)]
    pub morning: Vec<String>,
    #[serde(default)]
    pub part_prefix: Vec<String>,
    #[serde(default)]
    pub day_prefix: Vec<String>,
    #[serde(default)]
    pub today: Vec<String>,
    #[serde(default)]
    pub yesterday: Vec<String>,
    #[serde(default)]
    pub stop: Vec<String>,
    #[serde(default)]
    pub not_bodies: Vec<String>,
    /// Canonical names of bodies and their spellings: `WHO: [منظمة الصحة
    /// العالمية, the WHO, l'OMS]` (a pack's, never built in).
    #[serde(default)]
    pub bodies: BTreeMap<String, Vec<String>>,
}

impl NewsLexicon {
    /// The built-in words of a language (empty for one without).
    pub fn builtin(language: &str) -> NewsLexicon {
        let mut all: BTreeMap<String, NewsLexicon> =
            crate::yaml::from_str(BUILTIN).expect("the embedded news lexicon is valid");
        all.remove(language).unwrap_or_default()
    }

    /// Adds a pack's words.
    pub fn extend(&mut self, mut more: NewsLexicon) {
        self.earlier.append(&mut more.earlier);
        self.earlier_after.append(&mut more.earlier_after);
        self.hedged.append(&mut more.hedged);
        self.hedged_after.append(&mut more.hedged_after);
        self.denied.append(&mut more.denied);
        self.corrected.append(&mut more.corrected);
        self.attribution.append(&mut more.attribution);
        self.attribution_after.append(&mut more.attribution_after);
        self.moved.append(&mut more.moved);
        self.from.append(&mut more.from);
        self.to.append(&mut more.to);
        self.as_of.append(&mut more.as_of);
        self.hour_prefix.append(&mut more.hour_prefix);
        self.evening.append(&mut more.evening);
        self.morning.append(&mut more.morning);
        self.part_prefix.append(&mut more.part_prefix);
        self.day_prefix.append(&mut more.day_prefix);
        self.today.append(&mut more.today);
        self.yesterday.append(&mut more.yesterday);
        self.stop.append(&mut more.stop);
        self.not_bodies.append(&mut more.not_bodies);
        for (h, words) in more.hour_words {
            self.hour_words.entry(h).or_default().extend(words);
        }
        for (body, words) in more.bodies {
            self.bodies.entry(body).or_default().extend(words);
        }
    }
}

/// Which of a reader's words a sentence holds ([`WordHits::words_in`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Words {
    /// A stance, correction or attribution word.
    pub marked: bool,
    /// An as-of word.
    pub timed: bool,
}

/// Where a reader's words occur in a text ([`NewsReader::word_hits`]):
/// (start, end, whether it is an as-of word), by start.
#[derive(Debug, Clone, Default)]
pub struct WordHits {
    hits: Vec<(usize, usize, bool)>,
}

impl WordHits {
    /// Which of the words a sentence of the text holds: a sentence with
    /// none of them is read no further. A word glued into a longer one on
    /// both sides ("نفي" in "تنفيذ") is no word: no reader would take it.
    pub fn words_in(&self, text: &str, sentence: Range<usize>) -> Words {
        let mut words = Words::default();
        let s = &text[sentence.clone()];
        let from = self.hits.partition_point(|h| h.0 < sentence.start);
        for &(start, end, timed) in self.hits[from..].iter().take_while(|h| h.0 < sentence.end) {
            if end > sentence.end {
                continue;
            }
            let (start, end) = (start - sentence.start, end - sentence.start);
            let glued_after = s[end..].chars().next().is_some_and(char::is_alphanumeric);
            if glued_after && !free_before(s, start) {
                continue;
            }
            if timed {
                words.timed = true;
            } else {
                words.marked = true;
            }
            if words.marked && words.timed {
                break;
            }
        }
        words
    }
}

/// Which marker a word is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    Earlier,
    EarlierAfter,
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
    as_of: Option<Regex>,
    hours: Vec<(String, u32)>,
    evening: Vec<String>,
    morning: Vec<String>,
    today: Vec<String>,
    yesterday: Vec<String>,
    weekdays: Vec<(String, Weekday)>,
}

impl std::fmt::Debug for NewsReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewsReader").finish_non_exhaustive()
    }
}

fn folded(words: &[String]) -> Vec<String> {
    let mut out: Vec<String> = words
        .iter()
        .map(|w| fold(w).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// An automaton of words (leftmost-longest, ASCII case-insensitive), or
/// none for no words.
fn automaton(words: &[String]) -> Option<AhoCorasick> {
    if words.is_empty() {
        return None;
    }
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .prefilter(false)
        .build(words)
        .ok()
}

/// An alternation of words, longest first, each escaped; spaces match any
/// run of white space.
fn alternation(words: &[String]) -> String {
    let mut words = words.to_vec();
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    words
        .iter()
        .map(|w| regex::escape(w).replace(' ', r"\s+"))
        .collect::<Vec<_>>()
        .join("|")
}

impl NewsReader {
    /// Compiles a lexicon; `weekdays` are the language's weekday names
    /// (Monday is 1), folded.
    pub fn new(lexicon: &NewsLexicon, weekdays: &BTreeMap<u32, Vec<String>>) -> NewsReader {
        let mut words: Vec<String> = Vec::new();
        let mut kinds: Vec<Vec<Marker>> = Vec::new();
        for (list, kind) in [
            (&lexicon.earlier, Marker::Earlier),
            (&lexicon.earlier_after, Marker::EarlierAfter),
            (&lexicon.hedged, Marker::Hedged),
            (&lexicon.hedged_after, Marker::HedgedAfter),
            (&lexicon.denied, Marker::Denied),
            (&lexicon.corrected, Marker::Corrected),
            (&lexicon.attribution, Marker::Attribution),
            (&lexicon.attribution_after, Marker::AttributionAfter),
            (&lexicon.moved, Marker::Moved),
        ] {
            for w in folded(list) {
                match words.iter().position(|x| *x == w) {
                    Some(i) => kinds[i].push(kind),
                    None => {
                        words.push(w);
                        kinds.push(vec![kind]);
                    }
                }
            }
        }
        let markers = automaton(&words);
        let mut spellings = Vec::new();
        let mut body_names = Vec::new();
        for (name, list) in &lexicon.bodies {
            let name: Arc<str> = Arc::from(name.as_str());
            for w in folded(list).into_iter().chain([fold(&name).to_lowercase()]) {
                spellings.push(w);
                body_names.push(name.clone());
            }
        }
        let longest_body = spellings.iter().map(String::len).max().unwrap_or(0);
        let bodies = automaton(&spellings);
        let hours: Vec<(String, u32)> = lexicon
            .hour_words
            .iter()
            .flat_map(|(h, ws)| folded(ws).into_iter().map(move |w| (w, *h)))
            .collect();
        let weekdays: Vec<(String, Weekday)> = weekdays
            .iter()
            .filter_map(|(n, ws)| Some((crate::grammar::date::weekday(*n)?, ws)))
            .flat_map(|(d, ws)| folded(ws).into_iter().map(move |w| (w, d)))
            .collect();
        let timed_from = words.len();
        let gate_words: Vec<String> = words.iter().cloned().chain(folded(&lexicon.as_of)).collect();
        // Every occurrence (overlapping): a word is there or it is not,
        // whichever longer word overlaps it.
        let gate = (!gate_words.is_empty())
            .then(|| {
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::Standard)
                    .ascii_case_insensitive(true)
                    .prefilter(false)
                    .build(&gate_words)
                    .ok()
            })
            .flatten();
        let reader = NewsReader {
            markers,
            gate,
            timed_from,
            kinds,
            bodies,
            body_names,
            stop: folded(&lexicon.stop),
            longest_not_body: folded(&lexicon.not_bodies)
                .iter()
                .map(|w| w.chars().count())
                .max()
                .unwrap_or(0),
            not_bodies: folded(&lexicon.not_bodies),
            from: folded(&lexicon.from),
            to: folded(&lexicon.to),
            longest_body,
            as_of: None,
            hours,
            evening: folded(&lexicon.evening),
            morning: folded(&lexicon.morning),
            today: folded(&lexicon.today),
            yesterday: folded(&lexicon.yesterday),
            weekdays,
        };
        let as_of = reader.as_of_regex(lexicon);
        NewsReader { as_of, ..reader }
    }

    /// `MARKER [day-prefix] [DAY] [hour-prefix] HOUR[:MM|h] [part-prefix]
    /// [PART] [day-prefix] [DAY]`, or `MARKER [PART] [day-prefix] DAY`.
    fn as_of_regex(&self, lexicon: &NewsLexicon) -> Option<Regex> {
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
        Regex::new(&pattern).ok()
    }

    /// Every occurrence of the words this reader looks for in the parts of
    /// a folded `text` that `sentences` cover, each part searched once
    /// however many sentences overlap it (a text of one long line).
    pub fn word_hits(&self, text: &str, sentences: &[Range<usize>]) -> WordHits {
        let mut hits = Vec::new();
        let Some(gate) = &self.gate else {
            return WordHits { hits };
        };
        let mut spans: Vec<Range<usize>> = sentences.to_vec();
        spans.sort_by_key(|r| (r.start, r.end));
        let mut merged: Vec<Range<usize>> = Vec::new();
        for r in spans {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        for span in merged {
            for m in gate.find_overlapping_iter(&text[span.clone()]) {
                let timed = m.pattern().as_usize() >= self.timed_from;
                hits.push((span.start + m.start(), span.start + m.end(), timed));
            }
        }
        hits.sort_unstable();
        WordHits { hits }
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
        self.as_of.as_ref()?.captures_iter(lower).find(|c| {
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

    /// The stance of a value at `at` in the folded `text`: the marker
    /// nearest before it in `before` (the clause since the previous figure
    /// of the same fact), else an *earlier* word right after it in `after`.
    /// A correction word counts only right before the figure ("et non
    /// 118").
    pub fn stance(&self, text: &str, before: Range<usize>, at: usize, after: Range<usize>) -> Stance {
        let Some(ac) = &self.markers else {
            return Stance::Asserted;
        };
        let clause = &text[before.clone()];
        let nearest = ac
            .find_iter(clause)
            .filter(|m| whole_words(clause, m.start(), m.end()))
            .filter_map(|m| {
                let right_before = || {
                    let end = before.start + m.end();
                    end <= at && text[end..at].trim().is_empty()
                };
                self.kinds[m.pattern().as_usize()].iter().find_map(|k| match k {
                    Marker::Earlier => Some(Stance::Earlier),
                    Marker::Hedged | Marker::HedgedAfter => Some(Stance::Hedged),
                    Marker::Denied => Some(Stance::Denied),
                    Marker::Corrected if right_before() => Some(Stance::Corrected),
                    _ => None,
                })
            })
            .last();
        if let Some(s) = nearest {
            return s;
        }
        // Else the first marker of those that follow a figure ("1,140
        // earlier", "150 morts présumés").
        let tail = &text[after];
        ac.find_iter(tail)
            .filter(|m| whole_words(tail, m.start(), m.end()))
            .find_map(|m| {
                self.kinds[m.pattern().as_usize()].iter().find_map(|k| match k {
                    Marker::EarlierAfter => Some(Stance::Earlier),
                    Marker::HedgedAfter => Some(Stance::Hedged),
                    _ => None,
                })
            })
            .unwrap_or(Stance::Asserted)
    }

    /// Which of two figures of one fact, `a` before `b` in a folded
    /// `sentence`, is the earlier one when the sentence says the figure
    /// moved from one to the other: `a` in "rose from A to B" (`true`), `b`
    /// in "rose to A from B" (`false`). A *moved* word must come before
    /// them: "from 10 to 20 people" alone is a range, not a change.
    pub fn moved_from(&self, sentence: &str, a: Range<usize>, b: Range<usize>) -> Option<bool> {
        if a.end > b.start {
            return None;
        }
        let head = &sentence[..a.start];
        if self.marks(head, Marker::Moved).is_empty() {
            return None;
        }
        let between = sentence[a.end..b.start].trim().to_lowercase();
        let head = head.trim_end().to_lowercase();
        let ends_with = |words: &[String]| {
            words.iter().any(|w| {
                head.strip_suffix(w.as_str())
                    .is_some_and(|rest| rest.chars().next_back().is_none_or(|c| !c.is_alphanumeric()))
            })
        };
        if self.to.contains(&between) && ends_with(&self.from) {
            Some(true)
        } else if self.from.contains(&between) && ends_with(&self.to) {
            Some(false)
        } else {
            None
        }
    }

    /// Where the figure a value corrects starts: right after the first
    /// correction word in `after` (the text after the value: "112 morts,
    /// et non 118"), when a digit or a letter follows it.
    pub fn corrected_at(&self, text: &str, after: Range<usize>) -> Option<usize> {
        let m = *self.marks(&text[after.clone()], Marker::Corrected).first()?;
        let rest = &text[after.start + m.end()..];
        let next = rest.trim_start();
        let start = after.start + m.end() + (rest.len() - next.len());
        // The word must stand apart, and a figure or a word must follow.
        (start > after.start + m.end() && next.starts_with(char::is_alphanumeric)).then_some(start)
    }

    /// Who the sentence attributes the value at `value` to: the body named
    /// after an attribution marker, as a range of `sentence` (folded) and,
    /// for a body the pack lists, its canonical name. A marker right after
    /// the value ("1 870 dead, according to the WHO") is its own; else the
    /// nearest marker before it, unless another figure stands between the
    /// two or the marker follows another figure closely (that figure's).
    /// `others` are the other figures of the sentence.
    pub fn attribution(
        &self,
        sentence: &str,
        value: Range<usize>,
        others: &[Range<usize>],
    ) -> Option<(Range<usize>, Option<Arc<str>>)> {
        let marks = self.marks(sentence, Marker::Attribution);
        let between = |a: usize, b: usize| others.iter().any(|o| o.start >= a && o.end <= b && *o != value);
        let close = |from: usize, to: usize| sentence[from..to].chars().count() <= AFTER_REACH;
        let after = marks
            .iter()
            .find(|m| m.start() >= value.end)
            .filter(|m| close(value.end, m.start()) && !between(value.end, m.start()));
        let before = marks.iter().rev().find(|m| m.end() <= value.start).filter(|m| {
            let owned = others
                .iter()
                .any(|o| o.end <= m.start() && *o != value && close(o.end, m.start()) && !between(o.end, m.start()));
            !owned && !between(m.end(), value.start)
        });
        for m in after.into_iter().chain(before) {
            if let Some(found) = self.body_after(sentence, m.end()) {
                return Some(found);
            }
        }
        self.said_by(sentence, value, others)
    }

    /// The whole-word markers of one kind in a folded text, in order.
    fn marks(&self, text: &str, kind: Marker) -> Vec<aho_corasick::Match> {
        let Some(ac) = &self.markers else {
            return Vec::new();
        };
        ac.find_iter(text)
            .filter(|m| self.kinds[m.pattern().as_usize()].contains(&kind))
            .filter(|m| whole_words(text, m.start(), m.end()))
            .collect()
    }

    /// The body a *said* word names ("74 dead, the interior ministry said";
    /// "the ministry said 74 people died"; "…, said the mayor"): the first
    /// such word after the value, whose words are the whole sentence's
    /// (other figures may stand between), else the nearest before it with
    /// no other figure between. The name stands before the word, else a
    /// name right after it.
    fn said_by(
        &self,
        sentence: &str,
        value: Range<usize>,
        others: &[Range<usize>],
    ) -> Option<(Range<usize>, Option<Arc<str>>)> {
        let said = self.marks(sentence, Marker::AttributionAfter);
        let after = said.iter().find(|m| m.start() >= value.end);
        let before = said
            .iter()
            .rev()
            .find(|m| m.end() <= value.start && !others.iter().any(|o| o.start >= m.end() && o.end <= value.start));
        let m = after.or(before)?;
        // The name before the word must not take in the value itself.
        let floor = if m.start() >= value.end { value.end } else { 0 };
        self.body_before(sentence, floor, m.start())
            .or_else(|| self.body_after(sentence, m.end()))
    }

    /// The name that ends at `to` (before a *said* word), starting no
    /// earlier than `floor`: up to four words back to punctuation, a digit,
    /// a stop word or an article; a listed body within it (or with its
    /// article) gives its canonical name.
    fn body_before(&self, sentence: &str, floor: usize, to: usize) -> Option<(Range<usize>, Option<Arc<str>>)> {
        let is_letter = |c: char| c.is_alphanumeric() || c == '\'' || c == '’';
        let head = &sentence[floor..to];
        // The words of the head, last first, until a clause ends.
        let mut words: Vec<(usize, &str)> = Vec::new();
        let mut end = head.len();
        let mut closed = false;
        for (i, c) in head.char_indices().rev() {
            if is_letter(c) {
                continue;
            }
            let next = i + c.len_utf8();
            if next < end {
                words.push((floor + next, &head[next..end]));
            }
            end = i;
            if !c.is_whitespace() {
                closed = true;
                break;
            }
        }
        if !closed && end > 0 {
            words.push((floor, &head[..end]));
        }
        let last = *words.first()?;
        let mut start = None;
        let mut scope = None;
        for (taken, &(i, word)) in words.iter().enumerate() {
            let w = word.to_lowercase();
            if matches!(w.as_str(), "the" | "le" | "la" | "les") {
                scope = Some(i);
                break;
            }
            let stop = self.stop.contains(&w);
            if stop || taken == 4 || word.chars().any(char::is_numeric) {
                break;
            }
            start = Some(i);
        }
        let start = start?;
        let end = last.0 + last.1.len();
        let lower = sentence[start..end].to_lowercase();
        if self.not_bodies.contains(&lower) {
            return None;
        }
        if let Some(ac) = &self.bodies {
            let from = scope.unwrap_or(start);
            if let Some(m) = ac.find_iter(&sentence[from..end]).last() {
                let r = from + m.start()..from + m.end();
                return Some((r, Some(self.body_names[m.pattern().as_usize()].clone())));
            }
        }
        Some((start..end, None))
    }

    /// The name that starts at `from` (after a marker): a listed body, else
    /// up to four words, ending at punctuation, a digit or a stop word.
    fn body_after(&self, sentence: &str, from: usize) -> Option<(Range<usize>, Option<Arc<str>>)> {
        let rest = &sentence[from..];
        let skipped = rest.len() - rest.trim_start().len();
        let start = from + skipped;
        // Only as much of the rest as the longest not-body word, and the
        // character after it, is lower-cased.
        let lower: String = sentence[start..]
            .chars()
            .take(self.longest_not_body + 1)
            .collect::<String>()
            .to_lowercase();
        if self.not_bodies.iter().any(|w| {
            lower.starts_with(w.as_str()) && lower[w.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric())
        }) {
            return None;
        }
        if let Some(ac) = &self.bodies {
            // A listed body starts within a few bytes (an article, a glued
            // preposition) and is at most the longest spelling long.
            let mut window_end = (start + 8 + self.longest_body).min(sentence.len());
            while !sentence.is_char_boundary(window_end) {
                window_end += 1;
            }
            if let Some(m) = ac.find(&sentence[start..window_end]) {
                // The body must come first (after at most an article or a
                // glued preposition of a few letters).
                if m.start() <= 4 {
                    let r = start + m.start()..start + m.end();
                    return Some((r, Some(self.body_names[m.pattern().as_usize()].clone())));
                }
            }
        }
        let mut name_start = None;
        let mut end = start;
        let mut words = 0;
        let mut first = true;
        for (i, word) in word_spans(&sentence[start..]) {
            let w = word.to_lowercase();
            let stripped = w.trim_start_matches(['و', 'ل', 'ب']);
            let stop = self.stop.iter().any(|s| *s == w || *s == stripped);
            if stop && !first {
                break;
            }
            if word.chars().any(|c| c.is_numeric()) {
                break;
            }
            if first && matches!(w.as_str(), "the" | "le" | "la" | "les" | "l'" | "l’") {
                first = false;
                continue;
            }
            if stop {
                break;
            }
            first = false;
            name_start.get_or_insert(start + i);
            end = start + i + word.len();
            words += 1;
            let after = &sentence[end..];
            if words == 4
                || after.starts_with(|c: char| {
                    matches!(
                        c,
                        ',' | '،' | '.' | ';' | '؛' | ':' | '(' | ')' | '"' | '«' | '»' | '\n'
                    )
                })
            {
                break;
            }
        }
        let name_start = name_start?;
        (end > name_start).then_some((name_start..end, None))
    }
}

/// Whether `text[start..end]` stands as whole words (no letter glued on
/// either side; a glued Arabic prefix و ب ل ف before it is allowed).
fn whole_words(text: &str, start: usize, end: usize) -> bool {
    free_before(text, start) && text[end..].chars().next().is_none_or(|c| !c.is_alphanumeric())
}

/// Whether no letter is glued before `text[start..]` (a glued Arabic
/// prefix و ب ل ف is allowed).
fn free_before(text: &str, start: usize) -> bool {
    let glued = |c: char| c.is_alphanumeric();
    match text[..start].chars().next_back() {
        None => true,
        Some(c) if !glued(c) => true,
        Some(c @ ('و' | 'ب' | 'ل' | 'ف')) => text[..start - c.len_utf8()]
            .chars()
            .next_back()
            .is_none_or(|p| !glued(p)),
        Some(_) => false,
    }
}

/// The words of a text with their byte offsets (letters, digits and
/// apostrophes).
fn word_spans(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let in_word = c.is_alphanumeric() || c == '\'' || c == '’' || c == '.' && start.is_some();
        match (in_word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
                if matches!(c, ',' | '،' | ';' | '؛' | ':' | '(' | ')' | '"' | '«' | '»') {
                    break;
                }
            }
            (false, None) if matches!(c, ',' | '،' | ';' | '؛' | ':' | '(' | ')' | '"' | '«' | '»') => break,
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out.into_iter()
        .map(|(s, w)| (s, w.trim_end_matches('.')))
        .filter(|(_, w)| !w.is_empty())
}

/// The sentence around `at` in `text`: from after the previous sentence end
/// (`.`, `!`, `?`, `؟`, `؛`, a line break; a `.` between digits is a
/// decimal point) to the next one.
pub fn sentence(text: &str, at: Range<usize>) -> Range<usize> {
    let bytes = text.as_bytes();
    // Whether the character that starts at byte `i` ends a sentence (`؟`
    // and `؛` are D8 9F and D8 9B in UTF-8), and its length.
    let ends = |i: usize| -> Option<usize> {
        match bytes[i] {
            b'!' | b'?' | b'\n' => Some(1),
            b'.' => {
                let digit_before = i > 0 && bytes[i - 1].is_ascii_digit();
                let digit_after = bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
                let abbreviation = i > 0
                    && bytes[i - 1].is_ascii_alphabetic()
                    && bytes.get(i + 1).is_some_and(|b| b.is_ascii_alphabetic());
                (!(abbreviation || is_time_abbreviation(text, i) || digit_before && digit_after)).then_some(1)
            }
            0xD8 if matches!(bytes.get(i + 1), Some(0x9F | 0x9B)) => Some(2),
            _ => None,
        }
    };
    let char_start = |b: u8| b & 0xC0 != 0x80;
    // The first bytes `ends` can accept: most bytes are ruled out without
    // a call.
    let may_end = |b: u8| matches!(b, b'!' | b'?' | b'\n' | b'.' | 0xD8);
    // A sentence reaches at most SENTENCE_REACH characters on each side of
    // the figure: a text without stops (one 50 MB line) stays linear. The
    // bytes are walked, not the characters: this runs for every figure.
    let mut start = 0;
    let mut n = 0;
    let mut i = at.start;
    while i > 0 {
        i -= 1;
        let b = bytes[i];
        if !char_start(b) {
            continue;
        }
        if may_end(b) {
            if let Some(len) = ends(i) {
                start = i + len;
                break;
            }
        }
        if n == SENTENCE_REACH {
            start = i;
            break;
        }
        n += 1;
    }
    let mut end = text.len();
    let mut n = 0;
    for (i, &b) in bytes.iter().enumerate().skip(at.end) {
        if !char_start(b) {
            continue;
        }
        if may_end(b) && ends(i).is_some() || n == SENTENCE_REACH {
            end = i;
            break;
        }
        n += 1;
    }
    start..end
}

/// A `.` of "a.m." / "p.m." (which ends no sentence).
fn is_time_abbreviation(text: &str, i: usize) -> bool {
    let lower = |r: Range<usize>| text.get(r).map(str::to_ascii_lowercase);
    let around = lower(i.saturating_sub(3)..(i + 1).min(text.len()));
    matches!(around.as_deref(), Some(" a." | " p." | "a.m." | "p.m."))
        || matches!(lower(i.saturating_sub(1)..i + 1).as_deref(), Some("m."))
            && matches!(
                lower(i.saturating_sub(3)..i.saturating_sub(1)).as_deref(),
                Some(".a" | ".p") | None
            )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader(language: &str) -> NewsReader {
        let calendar = crate::grammar::calendar::CalendarLexicon::builtin(language).unwrap();
        NewsReader::new(&NewsLexicon::builtin(language), &calendar.weekdays)
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn at(d: NaiveDate, h: u32, m: u32) -> Option<Moment> {
        Some(Moment {
            date: d,
            time: NaiveTime::from_hms_opt(h, m, 0),
        })
    }

    #[test]
    fn as_of_in_three_languages() {
        // Published on Monday 9 March 2026: "Sunday" is 8 March.
        let monday = Some(date(2026, 3, 9));
        let ar = reader("ar");
        let text = fold("وحتى الساعة الرابعة من مساء الأحد، بلغ عدد القتلى 1870");
        assert_eq!(ar.as_of(&text, monday), at(date(2026, 3, 8), 16, 0));
        let text = fold("إلى حدود الساعة 10:30 صباحا ارتفعت الحصيلة");
        assert_eq!(ar.as_of(&text, monday), at(date(2026, 3, 9), 10, 30));
        let en = reader("en");
        assert_eq!(
            en.as_of("1,870 dead as of 4 p.m. Sunday", monday),
            at(date(2026, 3, 8), 16, 0)
        );
        assert_eq!(
            en.as_of("as of 16:00 GMT on Sunday", monday),
            at(date(2026, 3, 9), 16, 0)
        );
        let fr = reader("fr");
        let text = "selon un dernier bilan dimanche à 16h, 1 870 morts";
        assert_eq!(fr.as_of(text, monday), at(date(2026, 3, 8), 16, 0));
    }

    #[test]
    fn no_as_of_without_a_time_or_a_publication_date() {
        let en = reader("en");
        assert_eq!(en.as_of("killed by 3 gunmen", Some(date(2026, 3, 9))), None);
        assert_eq!(en.as_of("as of 4 p.m. Sunday", None), None);
        assert_eq!(
            en.as_of("as of Sunday, 1,870 dead", Some(date(2026, 3, 9))),
            Some(Moment {
                date: date(2026, 3, 8),
                time: None
            })
        );
    }

    #[test]
    fn stance_is_the_nearest_marker_before_the_figure() {
        let en = reader("en");
        let text = "the ministry had earlier announced 1,140 dead, then 1,870";
        let first = text.find("1,140").unwrap();
        let second = text.find("1,870").unwrap();
        assert_eq!(en.stance(text, 0..first, first, first + 5..second), Stance::Earlier);
        assert_eq!(
            en.stance(text, first + 5..second, second, second + 5..text.len()),
            Stance::Asserted
        );
        let text = "the mayor said the toll may exceed 15,000";
        let v = text.find("15,000").unwrap();
        assert_eq!(en.stance(text, 0..v, v, 0..0), Stance::Hedged);
        let ar = reader("ar");
        let text = fold("الوزارة تنفي وفاة 9 آلاف شخص");
        let v = text.find('9').unwrap();
        assert_eq!(ar.stance(&text, 0..v, v, 0..0), Stance::Denied);
        let text = "1,870 dead, up from 1,140 earlier";
        let v = text.find("1,140").unwrap();
        assert_eq!(en.stance(text, 0..v, v, v + 5..text.len()), Stance::Earlier);
    }

    #[test]
    fn a_correction_word_marks_the_figure_after_it_corrected() {
        let ar = reader("ar");
        let text = fold("بلغت الحصيلة 112 قتيلا وليس 118 كما أعلن سابقا");
        let (v, w) = (text.find("112").unwrap(), text.find("118").unwrap());
        assert_eq!(ar.corrected_at(&text, v + 3..text.len()), Some(w));
        assert_eq!(ar.stance(&text, v + 3..w, w, w + 3..text.len()), Stance::Corrected);
        let en = reader("en");
        let text = "112 people died, not 118 as reported on Wednesday";
        assert_eq!(en.corrected_at(text, 3..text.len()), text.find("118"));
        // a correction word counts only right before a figure
        let text = "the toll did not exceed 50 on Monday";
        let v = text.find("50").unwrap();
        assert_eq!(en.stance(text, 0..v, v, v + 2..text.len()), Stance::Asserted);
        let text = "50 dead, officials said, and not all were found";
        assert_eq!(en.corrected_at(text, 2..text.len()), Some(text.find("all").unwrap()));
        // nothing to correct after a word that ends the text or a clause
        for text in ["50 dead, and not", "50 dead, and not.", "50 dead, and not , then"] {
            assert_eq!(en.corrected_at(text, 2..text.len()), None, "{text}");
        }
    }

    #[test]
    fn attribution_names_the_body_as_written() {
        let en = reader("en");
        let text = "a magnitude of 6.9, according to the USGS, struck at dawn";
        let v = text.find("6.9").unwrap();
        let (r, canonical) = en.attribution(text, v..v + 3, &[]).unwrap();
        assert_eq!((&text[r], canonical), ("USGS", None));
        let ar = reader("ar");
        let text = fold("بلغ عدد الوفيات 1870 بحسب وزارة الصحة، فيما");
        let v = text.find("1870").unwrap();
        let (r, _) = ar.attribution(&text, v..v + 4, &[]).unwrap();
        assert_eq!(&text[r], fold("وزارة الصحة"));
        let fr = reader("fr");
        let text = "1 870 morts selon l'OMS";
        let (r, _) = fr.attribution(text, 0..5, &[]).unwrap();
        assert_eq!(&text[r], "l'OMS");
    }

    #[test]
    fn a_body_named_before_a_said_word_gives_the_figures() {
        let en = reader("en");
        let body = |text: &str, figure: &str, others: &[&str]| {
            let v = text.find(figure).unwrap();
            let others: Vec<Range<usize>> = others.iter().map(|o| text.find(o).unwrap()).map(|o| o..o + 2).collect();
            en.attribution(text, v..v + figure.len(), &others)
                .map(|(r, _)| text[r].to_string())
        };
        let text = "Floods have killed 74 people and 45 are missing, the interior ministry said on Sunday";
        assert_eq!(body(text, "74", &["45"]).as_deref(), Some("interior ministry"));
        assert_eq!(body(text, "45", &["74"]).as_deref(), Some("interior ministry"));
        let text = "The civil protection agency said 68 people had died";
        assert_eq!(body(text, "68", &[]).as_deref(), Some("civil protection agency"));
        let text = "68 people had died, said Mayor Hassan Ali";
        assert_eq!(body(text, "68", &[]).as_deref(), Some("Mayor Hassan Ali"));
        // generic sources are no body; a said word with no name is nothing
        for text in [
            "2,120 dead, officials said",
            "2,120 dead, as reported on Monday",
            "2,120 dead, he said",
        ] {
            assert_eq!(body(text, "2,120", &[]), None, "{text}");
        }
        let fr = reader("fr");
        let text = "Le ministère de l'Intérieur a indiqué que 74 personnes sont mortes";
        let v = text.find("74").unwrap();
        let (r, _) = fr.attribution(text, v..v + 2, &[]).unwrap();
        assert_eq!(&text[r], "ministère de l'Intérieur");
    }

    #[test]
    fn a_figure_that_moved_from_another_makes_that_one_earlier() {
        let moved = |language: &str, text: &str, a: &str, b: &str| {
            let r = reader(language);
            let (text, a, b) = (fold(text), fold(a), fold(b));
            let (x, y) = (text.find(&a).unwrap(), text.find(&b).unwrap());
            r.moved_from(&text, x..x + a.len(), y..y + b.len())
        };
        assert_eq!(
            moved(
                "ar",
                "ارتفعت الحصيلة من 1140 قتيلا إلى 1870 قتيلا",
                "1140 قتيلا",
                "1870 قتيلا"
            ),
            Some(true)
        );
        assert_eq!(
            moved(
                "en",
                "The toll rose to 1,870 dead from 1,140 dead",
                "1,870 dead",
                "1,140 dead"
            ),
            Some(false)
        );
        assert_eq!(
            moved(
                "fr",
                "Le bilan est passé de 37 morts à 96 morts",
                "37 morts",
                "96 morts"
            ),
            Some(true)
        );
        // without a word that says the figure moved, "from … to" is a range
        assert_eq!(
            moved(
                "en",
                "from 10 injured to 20 injured were treated",
                "10 injured",
                "20 injured"
            ),
            None
        );
        assert_eq!(
            moved("ar", "أصيب ما بين 10 جرحى إلى 20 جريحا", "10 جرحى", "20 جريحا"),
            None
        );
        // two overlapping matches of one fact: nothing stands between them
        assert_eq!(
            moved("en", "the toll rose to 1,870 dead", "1,870 dead", "870 dead"),
            None
        );
    }

    #[test]
    fn each_figure_keeps_its_own_body() {
        let ar = reader("ar");
        let text = fold("بلغت قوته 7.1 درجات بحسب المعهد الوطني، و6.9 درجات بحسب هيئة المسح الجيولوجي");
        let a = text.find("7.1").unwrap();
        let b = text.find("6.9").unwrap();
        let others = [a..a + 3, b..b + 3];
        let body = |v: usize| {
            let (r, _) = ar.attribution(&text, v..v + 3, &others).unwrap();
            text[r].to_string()
        };
        assert_eq!(body(a), fold("المعهد الوطني"));
        assert_eq!(body(b), fold("هيئة المسح الجيولوجي"));
    }

    #[test]
    fn a_pack_names_bodies() {
        let mut lexicon = NewsLexicon::builtin("en");
        lexicon
            .bodies
            .insert("WHO".into(), vec!["the World Health Organization".into()]);
        let calendar = crate::grammar::calendar::CalendarLexicon::builtin("en").unwrap();
        let en = NewsReader::new(&lexicon, &calendar.weekdays);
        let text = "2,100 dead, according to the World Health Organization";
        let (_, canonical) = en.attribution(text, 0..5, &[]).unwrap();
        assert_eq!(canonical.as_deref(), Some("WHO"));
    }

    #[test]
    fn sentences_end_at_stops_not_at_decimals() {
        let text = "First. A magnitude of 7.1 struck at 4 p.m. on Sunday. Next";
        let v = text.find("7.1").unwrap();
        assert_eq!(
            &text[sentence(text, v..v + 3)],
            " A magnitude of 7.1 struck at 4 p.m. on Sunday"
        );
    }

    /// The sentence as a walk over characters: what the byte walk of
    /// `sentence` must give.
    fn sentence_by_chars(text: &str, at: Range<usize>) -> Range<usize> {
        let bytes = text.as_bytes();
        let ends = |i: usize, c: char| match c {
            '!' | '?' | '؟' | '؛' | '\n' => true,
            '.' => {
                let digit_before = i > 0 && bytes[i - 1].is_ascii_digit();
                let digit_after = bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
                let abbreviation = i > 0
                    && bytes[i - 1].is_ascii_alphabetic()
                    && bytes.get(i + 1).is_some_and(|b| b.is_ascii_alphabetic());
                !(abbreviation || is_time_abbreviation(text, i) || digit_before && digit_after)
            }
            _ => false,
        };
        let mut start = 0;
        for (n, (i, c)) in text[..at.start].char_indices().rev().enumerate() {
            if ends(i, c) {
                start = i + c.len_utf8();
                break;
            }
            if n == SENTENCE_REACH {
                start = i;
                break;
            }
        }
        let mut end = text.len();
        for (n, (i, c)) in text[at.end..].char_indices().enumerate() {
            if ends(at.end + i, c) || n == SENTENCE_REACH {
                end = at.end + i;
                break;
            }
        }
        start..end
    }

    #[test]
    fn the_byte_walk_finds_the_sentence_the_characters_give() {
        let long = "ب".repeat(SENTENCE_REACH + 3);
        let texts = [
            "بلغت الحصيلة 58 قتيلا؛ وقال المسؤول؟ نعم. 7.1 درجات!".to_string(),
            "First. A magnitude of 7.1 struck at 4 p.m. on Sunday. Next\nline ۳ ڟ ؛".to_string(),
            format!("{long} 12 {long}. x"),
            format!("a.{long}12"),
            "é.ü؟ 5 ﷺ!".to_string(),
        ];
        for text in &texts {
            let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            for (k, &a) in bounds.iter().enumerate() {
                for &b in &bounds[k..(k + 3).min(bounds.len())] {
                    assert_eq!(
                        sentence(text, a..b),
                        sentence_by_chars(text, a..b),
                        "{text:?} at {a}..{b}"
                    );
                }
            }
        }
    }
}
