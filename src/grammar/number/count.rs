//! What a rule's `{count}` reads: one number, a range of two numbers
//! (`من 4000 إلى 4500`, `4 000 à 4 500`, `4,000-4,500`, `بين 4 و5 آلاف`), or
//! a vague quantity (`عشرات`, `hundreds of`, `des milliers de`).
//!
//! A range is the interval between its ends, never one of them. Its first
//! end takes the scale word of the second when it has none of its own and
//! stays below it (`4 à 5 millions` is 4 to 5 million). Two numbers joined
//! by a dash are a range only in ascending order and away from a score
//! word (`بنتيجة 3-1`, `a 2-1 win`): a dashed pair that is no range reads
//! nothing. A vague quantity is at least its lexicon bound.

use super::context::{leading_digits, left_context_ok, phone_or_code, previous_word, right_context_ok, word_after};
use super::eval::{Token, Word};
use super::lexicon::{word_key, NumberLexicon, Settings};
use super::pattern::{alternatives, Pieces};
use super::NumberGrammar;
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// A count as the text states it.
#[derive(Debug, Clone, PartialEq)]
pub enum Count {
    /// One number; `round` is half a unit of its last figure when the
    /// number ends with a scale word (`9 آلاف`: 500; `1.5 مليون`: 50 000).
    One { value: f64, round: Option<f64> },
    /// Two numbers: every number between them. `ends` are where each
    /// stands in the text, in text order.
    Range {
        low: f64,
        high: f64,
        ends: [Range<usize>; 2],
        values: [f64; 2],
    },
    /// A quantity the text does not state: at least this.
    Vague(f64),
}

/// The regexes and words of counts, built with the grammar.
#[derive(Debug)]
pub(super) struct CountReader {
    /// Regex source of one count (no groups, no anchors).
    pub(super) pattern: String,
    pub(super) range_full: super::LazyRegex,
    vague: HashMap<String, f64>,
    vague_of: Vec<String>,
    score: HashSet<String>,
}

impl CountReader {
    pub(super) fn new(
        lx: &NumberLexicon,
        pieces: &Pieces,
        settings: Settings,
        now: bool,
    ) -> Result<CountReader, regex::Error> {
        let vague_words: Vec<&String> = lx.vague.values().flatten().collect();
        let vague_alts = alternatives(vague_words.iter().copied(), settings);
        let of = alternatives(&lx.vague_of, settings);
        let vague = match (vague_alts.is_empty(), of.is_empty()) {
            (true, _) => None,
            (false, true) => Some(format!(r"(?:{vague_alts})\b")),
            (false, false) => Some(format!(r"(?:{vague_alts})\b(?:\s+(?:{of})\b)?")),
        };
        let (small, card, and) = (&pieces.small, &pieces.card, &pieces.and);
        let to = alternatives(&lx.range.to, settings);
        let between = alternatives(&lx.range.between, settings);
        let to = if to.is_empty() {
            String::new()
        } else {
            format!(r"|\s+(?:{to})\s+")
        };
        let mut ranges = vec![format!(r"(?P<a>{small})(?:(?P<dash>\s*[-–]\s*){to})(?P<b>{card})")];
        if !between.is_empty() {
            ranges.insert(0, format!(r"(?:{between})\s+(?P<c>{small}){and}(?P<d>{card})"));
        }
        let range = ranges.join("|");
        let range_plain = strip_names(&range);
        let mut forms: Vec<String> = vague.into_iter().collect();
        forms.push(format!("{range_plain}\\b"));
        forms.push(card.clone());
        let case = if settings.case_insensitive { "(?i)" } else { "" };
        let mut vague_map = HashMap::new();
        for (&v, words) in &lx.vague {
            for w in words {
                vague_map.entry(word_key(w, settings)).or_insert(v as f64);
            }
        }
        Ok(CountReader {
            pattern: format!("(?:{})", forms.join("|")),
            range_full: super::LazyRegex::new(format!(r"{case}\A(?:{range})\z"), now)?,
            vague: vague_map,
            vague_of: lx.vague_of.iter().map(|w| word_key(w, settings)).collect(),
            score: lx.range.score.iter().map(|w| word_key(w, settings)).collect(),
        })
    }
}

/// A pattern with its named groups made plain groups, for use inside a
/// rule's regex (where only `value` and `qual` are named).
fn strip_names(pattern: &str) -> String {
    static NAMES: std::sync::LazyLock<Regex> =
        std::sync::LazyLock::new(|| Regex::new(r"\(\?P<[a-z]+>").expect("a valid regex"));
    NAMES.replace_all(pattern, "(?:").into_owned()
}

impl NumberGrammar {
    /// Regex source matching one count in folded text: a vague quantity, a
    /// range or a cardinal. No capturing groups, no anchors.
    pub fn count_pattern(&self) -> &str {
        &self.counts.pattern
    }

    /// The count a pattern matched at `start..end` of a folded text (a
    /// rule's `{count}`), read with the words around it. None where the
    /// digits are part of a time, a code or a phone number, or a dashed
    /// pair is a score.
    pub fn count_in(&self, text: &str, start: usize, end: usize) -> Option<Count> {
        let s = &text[start..end];
        if let Some(v) = self.vague_value(s) {
            return Some(Count::Vague(v));
        }
        // Every range has a dash or a space (`4-5`, `بين 4 و5`, `4 à 5`):
        // a count with neither is not tried against the range regex, so
        // a single number never compiles it.
        let may_be_range = s.contains(['-', '–']) || s.contains(char::is_whitespace);
        if let Some(caps) = may_be_range.then(|| self.counts.range_full.captures(s)).flatten() {
            return self.range_in(text, start, end, &caps);
        }
        let value = self.cardinal_in(text, start, end)?;
        if !digits_context_ok(text, start, end) {
            return None;
        }
        Some(Count::One {
            value,
            round: self.round_half(s.trim(), value),
        })
    }

    fn vague_value(&self, s: &str) -> Option<f64> {
        let key = word_key(s, self.settings);
        if let Some(v) = self.counts.vague.get(&key) {
            return Some(*v);
        }
        // `dozens of`: the linking word after the vague word.
        let (head, last) = key.rsplit_once(' ')?;
        self.counts
            .vague_of
            .iter()
            .any(|w| w == last)
            .then(|| self.counts.vague.get(head).copied())
            .flatten()
    }

    fn range_in(&self, text: &str, start: usize, end: usize, caps: &regex::Captures) -> Option<Count> {
        let (a, b) = match (caps.name("a"), caps.name("b")) {
            (Some(a), Some(b)) => (a, b),
            _ => (caps.name("c")?, caps.name("d")?),
        };
        let first = start + a.start()..start + a.end();
        let second = start + b.start()..start + b.end();
        // The two ends together: `4,000-4,500` is no code, `978-3-16` is.
        if !digits_context_ok(text, first.start, second.end) {
            return None;
        }
        let mut low = self.parse_cardinal(a.as_str())?;
        let high = self.cardinal_in(text, second.start, second.end)?;
        let dashed = caps.name("dash").is_some();
        if dashed && (low >= high || self.near_score(text, start, end)) {
            return None;
        }
        // `4 à 5 millions`: the first end takes the second's scale.
        if let Some(scale) = self.last_scale(b.as_str()) {
            if self.last_scale(a.as_str()).is_none() && low * scale <= high {
                low *= scale;
            }
        }
        let values = [low, high];
        if low >= high {
            // From a number down to a smaller one: a change, not a range;
            // the text ends on the second.
            return Some(Count::One {
                value: high,
                round: None,
            });
        }
        Some(Count::Range {
            low,
            high,
            ends: [first, second],
            values,
        })
    }

    /// Whether a score word stands within two words before `start` or
    /// right after `end`.
    fn near_score(&self, text: &str, start: usize, end: usize) -> bool {
        let score = |w: &str| {
            let key = word_key(w, self.settings);
            !key.is_empty() && self.counts.score.contains(&key)
        };
        let prev = previous_word(text, start);
        // `previous_word` gives a slice of `text`: where it starts.
        let prev_at = prev.as_ptr() as usize - text.as_ptr() as usize;
        let before_prev = if prev.is_empty() {
            ""
        } else {
            previous_word(text, prev_at)
        };
        let next = word_after(text, end).map_or("", |(s, e)| &text[s..e]);
        score(prev) || score(before_prev) || score(next)
    }

    /// The scale word a number ends with (`5 millions`: 1 000 000).
    fn last_scale(&self, s: &str) -> Option<f64> {
        match self.tokens(s.trim(), false)?.last()? {
            Token::Word(Word::Scale(scale, _)) => Some(*scale),
            _ => None,
        }
    }

    /// Half a unit of the last figure before the scale word a number ends
    /// with: `9 آلاف` 500, `12 ألف` 500, `1.5 مليون` 50 000, `2 million`
    /// 500 000. None for a number without a final scale word.
    fn round_half(&self, s: &str, value: f64) -> Option<f64> {
        let scale = self.last_scale(s)?;
        let multiplier = value / scale;
        let places = (0..=6).find(|&k| {
            let m = multiplier * 10f64.powi(k);
            (m - m.round()).abs() < 1e-6
        })?;
        Some(0.5 * scale / 10f64.powi(places))
    }
}

/// The context checks of digits at `start..end` (a time, a code, a phone
/// number, an address), as the finder makes them. A range is checked
/// whole: its digits from its first to its last.
fn digits_context_ok(text: &str, start: usize, end: usize) -> bool {
    let s = &text[start..end];
    let starts_digit = s.starts_with(|c: char| c.is_ascii_digit());
    let ends_digit = s.ends_with(|c: char| c.is_ascii_digit());
    if starts_digit && !left_context_ok(text, start) {
        return false;
    }
    if starts_digit {
        let digits_end = if ends_digit {
            end
        } else {
            start + leading_digits(s).len()
        };
        if phone_or_code(text, start, digits_end) {
            return false;
        }
    }
    !ends_digit || right_context_ok(text, end)
}
