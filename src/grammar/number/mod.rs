//! Number grammars: cardinals and ordinals, in digits and in words.
//!
//! # Design
//!
//! The words are data: one YAML lexicon a language (`lexicon/*-numbers.yaml`,
//! embedded with `include_str!`, format documented at the top of
//! `ar-numbers.yaml`), parsed into a [`NumberLexicon`] that a rule pack may
//! extend ([`NumberLexicon::merge`]). Every word is folded
//! ([`crate::text::normalize::fold`]) when it is loaded, so grammars only ever see
//! folded text.
//!
//! From a lexicon, [`NumberGrammar::new`] builds three things:
//!
//! 1. **Patterns.** A regex source for one cardinal and one ordinal
//!    expression, composed bottom-up from word classes: below a hundred
//!    (`ثلاثة وأربعون`, `forty-three`, `أحد عشر`), a group below a thousand
//!    (`ثلاثمئة واثنان وعشرون`, `3 مئة و 21`), scaled groups (`322 ألف`,
//!    `ثلاثة آلاف`, `مليونان`, `1.5 مليون`) chained from larger to smaller
//!    scales (`مليون وألفين ومائتين`), and digits (`1,234,567`, `3,5`,
//!    `1 000 000`). The structure, not a word list, decides what may follow
//!    what, so `5 و6` stays two numbers. Alternatives are ordered longest
//!    first and every word ends with `\b`, because the regex crate is
//!    leftmost-first.
//! 2. **A tokenizer and an evaluator.** A text the pattern matched is cut
//!    into tokens (digits, lexicon words, glue such as `و` and `ال`) and
//!    evaluated left to right with a running group (`current`, below a
//!    scale) and a total: a unit before `مئة` multiplies it, a scale word
//!    multiplies the group before it (or 1, or 2 for a dual), a smaller
//!    scale after a larger one adds. All arithmetic is in `f64`, so no input
//!    can overflow or panic.
//! 3. **A finder.** [`NumberGrammar::find_cardinals`] and
//!    [`NumberGrammar::find_ordinals`] scan a whole folded text with glued
//!    prefixes (`و27`, `ال 93`), signs (`-5`, `سالب خمسة`) and context
//!    checks: digit runs touching `:` `/` `@` (times, dates, URLs), phone
//!    numbers and dashed codes (`0612345678`, `12-3-2024`), per cent
//!    (`في المئة`), weekday homographs (`الاثنين`), a pronoun `واحد` (`أي واحد`),
//!    the Hijri month `صفر` beside a day or year, the teen word of an
//!    ordinal (`التاسع عشر` is not the cardinal 10), and ordinals inside
//!    month names (`تشرين الثاني`).
//!
//! # Choices
//!
//! - `,` followed by exactly three digits groups thousands, any other `,`
//!   is a decimal comma (`3,5` = 3.5); `،` always groups thousands.
//! - `.` groups thousands only in two or more groups of exactly three
//!   digits (`1.200.000`, Maghreb and European usage); one group is a
//!   decimal (`1.200` = 1.2), and `1.20.000` is not a number. An address
//!   such as `192.168.100.200` is not one either. A language whose
//!   setting `dot-thousands` says so (French) groups one: `1.874`.
//! - Where the and-word is a word of its own (en, fr), digits may follow a
//!   scale word: `1 thousand 874`, `2 millions 300 000`.
//! - A rule's `{count}` also reads a range of two numbers and a vague
//!   quantity ([`Count`], in `count.rs`).
//! - `أحد` and `إحدى` count only inside teens, and `إحدى` before the
//!   and-word and tens (`إحدى وعشرون`); alone they mean "one of".
//! - `صفر` is 0 (also the month Safar: see above); `خمس` is five.
//! - Fractions (`نصف`, `ثلث`, `ربع`) are read only beside a scale word
//!   (`نصف مليون`, `نصف المليون`, `مليون ونصف`) or after a number and the
//!   and-word (`ثلاثة ونصف` = 3.5). A number beside a fraction the lexicon
//!   does not evaluate (`ثلثي مليون`, `ثلاثة أرباع`) is not read.
//! - A construct word (`ألفا`, `مليونا`) is the singular after a count or
//!   before the and-word (`خمسة عشر ألفا`, `ألفا ومئتان`), and the dual
//!   alone right before an indefinite noun that is not a particle
//!   (`ألفا مواطن` = 2000). A rule's `{count}` is read with the same words
//!   around it ([`NumberGrammar::cardinal_in`]).
//! - A fraction after the counted noun is part of the count (`ثلاث سنوات
//!   ونصف` = 3.5), unless a noun follows it, which may be the fraction's
//!   own (`خمس دول ونصف السكان`): then the number reads nothing.
//! - Plain digits are also ordinals (`الدورة 93`), as the rule author asks.

use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, LazyLock, OnceLock};

mod context;
mod count;
mod eval;
mod find;
mod lexicon;
mod pattern;

use context::context_sets;
use eval::{evaluate, parse_digits, word_tables, Word};
use pattern::{find_cardinal_pattern, token_regex, Pieces};

pub use count::Count;
pub use lexicon::{ContextWords, NumberLexicon, OrdinalWords, RangeWords, ScaleWords, Settings};

/// Context words, folded, for the finders.
#[derive(Debug, Default)]
struct Context {
    not_numbers: HashSet<String>,
    pronoun_one: HashSet<String>,
    pronoun_after: HashSet<String>,
    ordinal_not_after: HashSet<String>,
    ordinal_not_after_number: HashSet<String>,
    ordinal_as_unit: HashSet<String>,
    unit_after: HashSet<String>,
    fraction_before_article: HashSet<String>,
    fraction_nouns: HashSet<String>,
    particles: HashSet<String>,
    accusative_endings: Vec<String>,
    negative_not_after: HashSet<String>,
    /// Construct words and the value of their scale (`الفا`: 1000).
    construct: HashMap<String, f64>,
    and_words: Vec<String>,
    zero: HashSet<String>,
    article_prefixes: HashSet<String>,
    article: Vec<String>,
    prefixes: Vec<String>,
    article_one: HashSet<String>,
    article_one_before: HashSet<String>,
}

/// A language's number grammar, built from its lexicon.
pub struct NumberGrammar {
    settings: Settings,
    cardinal: String,
    ordinal: String,
    cardinal_full: LazyRegex,
    ordinal_full: LazyRegex,
    token: LazyRegex,
    cardinals: HashMap<String, Word>,
    ordinals: HashMap<String, Word>,
    find_cardinal: LazyRegex,
    find_ordinal: LazyRegex,
    context: Context,
    counts: count::CountReader,
}

impl std::fmt::Debug for NumberGrammar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NumberGrammar")
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

static AR_GRAMMAR: LazyLock<Arc<NumberGrammar>> = LazyLock::new(|| builtin("ar"));
static EN_GRAMMAR: LazyLock<Arc<NumberGrammar>> = LazyLock::new(|| builtin("en"));
static FR_GRAMMAR: LazyLock<Arc<NumberGrammar>> = LazyLock::new(|| builtin("fr"));

/// A built-in grammar: its regexes compile when first used (a short text
/// needs few of them); the tests compile every one of them.
fn builtin(language: &str) -> Arc<NumberGrammar> {
    let lexicon = NumberLexicon::builtin(language).expect("a built-in language");
    Arc::new(NumberGrammar::build(lexicon, false).expect("embedded number lexicon builds valid patterns"))
}

/// A regex of the grammar, compiled when first used.
pub(super) struct LazyRegex {
    source: String,
    compiled: OnceLock<Regex>,
}

impl LazyRegex {
    /// `source`, compiled now when `now` (to report its errors), else on
    /// first use (it must then be valid).
    pub(super) fn new(source: String, now: bool) -> Result<LazyRegex, regex::Error> {
        let compiled = OnceLock::new();
        if now {
            let _ = compiled.set(Regex::new(&source)?);
        }
        Ok(LazyRegex { source, compiled })
    }
}

impl std::ops::Deref for LazyRegex {
    type Target = Regex;

    fn deref(&self) -> &Regex {
        self.compiled
            .get_or_init(|| Regex::new(&self.source).expect("a grammar regex that compiled before"))
    }
}

impl std::fmt::Debug for LazyRegex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LazyRegex").finish_non_exhaustive()
    }
}

fn builtin_grammar(lang: &str) -> Option<&'static Arc<NumberGrammar>> {
    match lang {
        "ar" => Some(&AR_GRAMMAR),
        "en" => Some(&EN_GRAMMAR),
        "fr" => Some(&FR_GRAMMAR),
        _ => None,
    }
}

impl NumberGrammar {
    /// The grammar for a language code: "ar", "en", "fr". None for others.
    pub fn for_language(lang: &str) -> Option<&'static NumberGrammar> {
        builtin_grammar(lang).map(|g| &**g)
    }

    /// The built-in grammar of a language, shared.
    pub fn shared(lang: &str) -> Option<Arc<NumberGrammar>> {
        builtin_grammar(lang).cloned()
    }

    /// The grammar of a language with a rule pack's words added
    /// (`numbers:` in the pack). None for an unknown language.
    pub fn extended(lang: &str, extra: NumberLexicon) -> Option<Result<NumberGrammar, regex::Error>> {
        let mut lexicon = NumberLexicon::builtin(lang)?;
        lexicon.merge(extra);
        Some(NumberGrammar::new(lexicon))
    }

    /// Builds a grammar from a lexicon (a built-in one, possibly merged with
    /// a rule pack's additions). Words are folded here.
    pub fn new(lexicon: NumberLexicon) -> Result<NumberGrammar, regex::Error> {
        NumberGrammar::build(lexicon, true)
    }

    /// As [`NumberGrammar::new`]; the regexes compile now when `now` (so
    /// their errors are reported), else when first used.
    fn build(lexicon: NumberLexicon, now: bool) -> Result<NumberGrammar, regex::Error> {
        let settings = lexicon.settings.unwrap_or_default();
        let lx = lexicon.prepared(settings);
        let pieces = Pieces::new(&lx, settings);
        let cardinal = pieces.card.clone();
        let ordinal = pieces.ordinal(&lx);
        let (cardinals, ordinals) = word_tables(&lx);
        let token = LazyRegex::new(token_regex(&lx, &cardinals, &ordinals, settings), now)?;
        let find_cardinal = find_cardinal_pattern(&lx, &pieces, settings);
        let find_ordinal = format!(r"\b(?P<o>{ordinal})\b");
        Ok(NumberGrammar {
            settings,
            cardinal_full: LazyRegex::new(format!(r"\A(?:{cardinal})\z"), now)?,
            ordinal_full: LazyRegex::new(format!(r"\A(?:{ordinal})\z"), now)?,
            token,
            cardinals,
            ordinals,
            find_cardinal: LazyRegex::new(find_cardinal, now)?,
            find_ordinal: LazyRegex::new(find_ordinal, now)?,
            context: context_sets(&lx),
            counts: count::CountReader::new(&lx, &pieces, settings, now)?,
            cardinal,
            ordinal,
        })
    }

    /// The jobs that compile the grammar's regexes now (each compiles on
    /// first use otherwise).
    pub fn compile_jobs(&self) -> Vec<super::CompileJob<'_>> {
        let regexes = [
            &self.cardinal_full,
            &self.ordinal_full,
            &self.token,
            &self.find_cardinal,
            &self.find_ordinal,
            &self.counts.range_full,
        ];
        regexes
            .into_iter()
            .map(|r| -> super::CompileJob<'_> {
                (
                    r.source.len(),
                    Box::new(move || {
                        let _: &Regex = r;
                    }),
                )
            })
            .collect()
    }

    /// Regex source matching one cardinal expression in folded text. No
    /// capturing groups, no anchors, no word boundary at its two ends.
    pub fn cardinal_pattern(&self) -> &str {
        &self.cardinal
    }

    /// Regex source matching one ordinal expression in folded text,
    /// glued prefixes and article included (`والثالث`, `الـ 93`).
    pub fn ordinal_pattern(&self) -> &str {
        &self.ordinal
    }

    /// Parses a text that [`Self::cardinal_pattern`] matched (whole string).
    /// None if it is not a number.
    pub fn parse_cardinal(&self, s: &str) -> Option<f64> {
        let s = s.trim();
        if let Some(rest) = s.strip_prefix('.') {
            return rest
                .bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| parse_digits(s))
                .flatten();
        }
        // Plain digits are a cardinal in every language (the digit forms
        // are one of its alternatives): the full regex, large and compiled
        // on first use, is not needed to say so.
        let digits = !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits && !self.cardinal_full.is_match(s) {
            return None;
        }
        let tokens = self.tokens(s, false)?;
        evaluate(&tokens)
    }

    /// Parses a text that [`Self::ordinal_pattern`] matched (whole string).
    pub fn parse_ordinal(&self, s: &str) -> Option<u64> {
        let s = s.trim();
        if !self.ordinal_full.is_match(s) {
            return None;
        }
        let tokens = self.tokens(s, true)?;
        let v = evaluate(&tokens)?;
        (v >= 1.0 && v.fract() == 0.0 && v < 1e18).then_some(v as u64)
    }
}

#[cfg(test)]
mod tests;
