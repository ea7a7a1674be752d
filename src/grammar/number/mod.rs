//! Number grammars: cardinals and ordinals, in digits and in words.
//!
//! # Design
//!
//! The words are data: one YAML lexicon a language (`lexicon/*-numbers.yaml`,
//! embedded with `include_str!`, format documented at the top of
//! `ar-numbers.yaml`), parsed into a [`NumberLexicon`] that a rule pack may
//! extend ([`NumberLexicon::merge`]). Every word is folded
//! ([`crate::normalize::fold`]) when it is loaded, so grammars only ever see
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
//!   such as `192.168.100.200` is not one either.
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

use crate::normalize::fold;
use regex::Regex;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, LazyLock};

// ---------------------------------------------------------------------------
// Lexicon
// ---------------------------------------------------------------------------

/// Words of one value, keyed by that value.
type Table = BTreeMap<u64, Vec<String>>;

/// The number words of one language, as written in its YAML file (the
/// keys and their meaning are documented at the top of `ar-numbers.yaml`).
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct NumberLexicon {
    /// How words combine; only the built-in lexicon sets it.
    #[serde(default)]
    #[schemars(skip)]
    pub settings: Option<Settings>,
    /// Words for 0.
    #[serde(default)]
    pub zero: Vec<String>,
    /// Units that stand alone, keyed by value 1..9 (`3: [ثلاثة]`).
    #[serde(default)]
    pub units: Table,
    /// Units used only before the teen word (`أحد عشر`).
    #[serde(default)]
    pub teen_units: Table,
    /// The word that makes a teen of a unit (`عشر`: 3 + 10).
    #[serde(default)]
    pub teen_word: Vec<String>,
    /// Units used only before the and-word and a tens word (`إحدى وعشرون`).
    #[serde(default)]
    pub tens_units: Table,
    /// One-word teens, keyed by value 11..19 (`11: [حداشر]`).
    #[serde(default)]
    pub teens: Table,
    /// Tens, keyed by value 10..90; 20..90 also in compounds.
    #[serde(default)]
    pub tens: Table,
    /// The word 100, which multiplies a unit before it (`ثلاث مئة`).
    #[serde(default)]
    pub hundred: Vec<String>,
    /// One-word hundreds, keyed by value (`300: [ثلاثمئة]`).
    #[serde(default)]
    pub hundreds: Table,
    /// Scale words keyed by value (`1000: {one: [ألف], two: [ألفان], many: [آلاف]}`).
    #[serde(default)]
    pub scales: BTreeMap<u64, ScaleWords>,
    /// Fraction words keyed by denominator (`2: [نصف]`).
    #[serde(default)]
    pub fractions: Table,
    /// The conjunction inside compounds (`و`).
    #[serde(default)]
    pub and: Vec<String>,
    /// A spoken decimal point (`فاصلة`).
    #[serde(default)]
    pub decimal_point: Vec<String>,
    /// Words that make the next number negative (`سالب`).
    #[serde(default)]
    pub negative: Vec<String>,
    /// The definite article inside compounds (`الحادي والعشرون`).
    #[serde(default)]
    pub article: Vec<String>,
    /// Letters glued before a number that do not end with the article (`و27`).
    #[serde(default)]
    pub prefixes: Vec<String>,
    /// Glued prefixes that end with the article (`الـ93`, `بالـ3`).
    #[serde(default)]
    pub article_prefixes: Vec<String>,
    /// Ordinal words.
    #[serde(default)]
    pub ordinals: OrdinalWords,
    /// Words that decide, from the context, that a match is not a number.
    #[serde(default)]
    pub context: ContextWords,
}

/// How the words of a language combine.
#[derive(Debug, Clone, Copy, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Settings {
    /// `ثلاثة وأربعون` (unit first) rather than `forty-three`.
    #[serde(default)]
    pub units_first: bool,
    /// The `and` word may be glued to the next word (`وأربعون`).
    #[serde(default)]
    pub glued_and: bool,
    /// Parts may be joined by `-` (`forty-three`, `vingt-deux`).
    #[serde(default)]
    pub hyphens: bool,
    /// Words match in any letter case.
    #[serde(default)]
    pub case_insensitive: bool,
}

/// The singular, dual and plural of a scale word.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ScaleWords {
    #[serde(default)]
    pub one: Vec<String>,
    #[serde(default)]
    pub two: Vec<String>,
    #[serde(default)]
    pub many: Vec<String>,
    /// Words that are both a singular (`خمسة عشر ألفا`, `ألفا ومئتان`)
    /// and the dual in construct state: alone, right before a counted
    /// noun, the dual (`ألفا مواطن` = 2000).
    #[serde(default)]
    pub construct: Vec<String>,
}

/// Ordinal words.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct OrdinalWords {
    /// Ordinals that stand alone (`الأول`, `third`).
    #[serde(default)]
    pub words: Table,
    /// Forms used only inside a compound (`الحادي عشر`, `vingt et unième`).
    #[serde(default)]
    pub compound: Table,
    /// Suffixes after digits (`21st`, `93e`).
    #[serde(default)]
    pub digit_suffixes: Vec<String>,
}

/// Words that decide, from the context, that a match is not a number.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ContextWords {
    #[serde(default)]
    pub not_numbers: Vec<String>,
    #[serde(default)]
    pub pronoun_one: Vec<String>,
    #[serde(default)]
    pub pronoun_after: Vec<String>,
    #[serde(default)]
    pub ordinal_not_after: Vec<String>,
    #[serde(default)]
    pub ordinal_not_after_number: Vec<String>,
    /// Ordinal words that are also a unit of time (ثانية: a second)...
    #[serde(default)]
    pub ordinal_as_unit: Vec<String>,
    /// ...read as the unit, without the article, after these words.
    #[serde(default)]
    pub unit_after: Vec<String>,
    /// Unit words that are a fraction before a definite noun (خمس السكان).
    #[serde(default)]
    pub fraction_before_article: Vec<String>,
    /// Fractions the grammar does not evaluate (ثلثا, أرباع): a number
    /// right before or after one is part of a fraction (ثلاثة أرباع,
    /// ثلثي مليون) and is not read.
    #[serde(default)]
    pub fraction_nouns: Vec<String>,
    /// Words that are never a counted noun (prepositions, conjunctions,
    /// particles): after a construct word it is the singular (`ألفا من
    /// الجنود` = 1000).
    #[serde(default)]
    pub particles: Vec<String>,
    /// Endings of words that are not a counted noun (the accusative of an
    /// adverb or adjective: `تقريبا`, `إضافيا`).
    #[serde(default)]
    pub accusative_endings: Vec<String>,
    /// A negative word right after these is no sign (`au moins 40`: at
    /// least 40, not minus 40).
    #[serde(default)]
    pub negative_not_after: Vec<String>,
}

const AR: &str = include_str!("../lexicon/ar-numbers.yaml");
const EN: &str = include_str!("../lexicon/en-numbers.yaml");
const FR: &str = include_str!("../lexicon/fr-numbers.yaml");

impl NumberLexicon {
    /// The embedded lexicon of a language (`ar`, `en`, `fr`), unfolded.
    pub fn builtin(language: &str) -> Option<NumberLexicon> {
        let source = match language {
            "ar" => AR,
            "en" => EN,
            "fr" => FR,
            _ => return None,
        };
        Some(crate::yaml::from_str(source).expect("embedded number lexicon is valid"))
    }

    /// Appends another lexicon's words to this one. Settings stay this
    /// lexicon's unless it has none.
    pub fn merge(&mut self, other: NumberLexicon) {
        let NumberLexicon {
            settings,
            zero,
            units,
            teen_units,
            teen_word,
            tens_units,
            teens,
            tens,
            hundred,
            hundreds,
            scales,
            fractions,
            and,
            decimal_point,
            negative,
            article,
            prefixes,
            article_prefixes,
            ordinals,
            context,
        } = other;
        if self.settings.is_none() {
            self.settings = settings;
        }
        let tables = [
            (&mut self.units, units),
            (&mut self.teen_units, teen_units),
            (&mut self.tens_units, tens_units),
            (&mut self.teens, teens),
            (&mut self.tens, tens),
            (&mut self.hundreds, hundreds),
            (&mut self.fractions, fractions),
            (&mut self.ordinals.words, ordinals.words),
            (&mut self.ordinals.compound, ordinals.compound),
        ];
        for (mine, theirs) in tables {
            for (k, v) in theirs {
                mine.entry(k).or_default().extend(v);
            }
        }
        for (k, v) in scales {
            let mine = self.scales.entry(k).or_default();
            mine.one.extend(v.one);
            mine.two.extend(v.two);
            mine.many.extend(v.many);
            mine.construct.extend(v.construct);
        }
        let lists = [
            (&mut self.zero, zero),
            (&mut self.teen_word, teen_word),
            (&mut self.hundred, hundred),
            (&mut self.and, and),
            (&mut self.decimal_point, decimal_point),
            (&mut self.negative, negative),
            (&mut self.article, article),
            (&mut self.prefixes, prefixes),
            (&mut self.article_prefixes, article_prefixes),
            (&mut self.ordinals.digit_suffixes, ordinals.digit_suffixes),
            (&mut self.context.not_numbers, context.not_numbers),
            (&mut self.context.pronoun_one, context.pronoun_one),
            (&mut self.context.pronoun_after, context.pronoun_after),
            (&mut self.context.ordinal_not_after, context.ordinal_not_after),
            (
                &mut self.context.ordinal_not_after_number,
                context.ordinal_not_after_number,
            ),
            (&mut self.context.ordinal_as_unit, context.ordinal_as_unit),
            (&mut self.context.unit_after, context.unit_after),
            (
                &mut self.context.fraction_before_article,
                context.fraction_before_article,
            ),
            (&mut self.context.fraction_nouns, context.fraction_nouns),
            (&mut self.context.particles, context.particles),
            (&mut self.context.accusative_endings, context.accusative_endings),
            (&mut self.context.negative_not_after, context.negative_not_after),
        ];
        for (mine, theirs) in lists {
            mine.extend(theirs);
        }
    }

    /// Every word list, mutably (for folding).
    fn lists_mut(&mut self) -> Vec<&mut Vec<String>> {
        let mut out: Vec<&mut Vec<String>> = vec![
            &mut self.zero,
            &mut self.teen_word,
            &mut self.hundred,
            &mut self.and,
            &mut self.decimal_point,
            &mut self.negative,
            &mut self.article,
            &mut self.prefixes,
            &mut self.article_prefixes,
            &mut self.ordinals.digit_suffixes,
            &mut self.context.not_numbers,
            &mut self.context.pronoun_one,
            &mut self.context.pronoun_after,
            &mut self.context.ordinal_not_after,
            &mut self.context.ordinal_not_after_number,
            &mut self.context.ordinal_as_unit,
            &mut self.context.unit_after,
            &mut self.context.fraction_before_article,
            &mut self.context.fraction_nouns,
            &mut self.context.particles,
            &mut self.context.accusative_endings,
            &mut self.context.negative_not_after,
        ];
        for table in [
            &mut self.units,
            &mut self.teen_units,
            &mut self.tens_units,
            &mut self.teens,
            &mut self.tens,
            &mut self.hundreds,
            &mut self.fractions,
            &mut self.ordinals.words,
            &mut self.ordinals.compound,
        ] {
            out.extend(table.values_mut());
        }
        for s in self.scales.values_mut() {
            out.extend([&mut s.one, &mut s.two, &mut s.many, &mut s.construct]);
        }
        out
    }

    /// Folds every word (lower-cased when the language ignores case), adds
    /// accentless spellings, and drops duplicates.
    fn prepared(mut self, settings: Settings) -> NumberLexicon {
        for list in self.lists_mut() {
            let mut seen = HashSet::new();
            let words: Vec<String> = list
                .iter()
                .flat_map(|w| {
                    let key = word_key(&fold(w), settings);
                    let plain = strip_accents(&key);
                    [key, plain]
                })
                .filter(|w| !w.is_empty() && seen.insert(w.clone()))
                .collect();
            *list = words;
        }
        self
    }
}

/// The lookup form of a word: lower-cased if the language ignores case,
/// inner spaces and hyphens collapsed to one space.
fn word_key(word: &str, settings: Settings) -> String {
    let word = if settings.case_insensitive {
        word.to_lowercase()
    } else {
        word.to_string()
    };
    let sep = |c: char| c.is_whitespace() || (settings.hyphens && c == '-');
    word.split(sep).filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" ")
}

fn strip_accents(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            _ => c,
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Patterns
// ---------------------------------------------------------------------------

/// Digits, in order of preference: comma, Arabic-comma or space thousands
/// groups, dot thousands groups (two or more: `1.200.000`; one alone,
/// `1.200`, is a decimal), then plain digits, each with an optional
/// decimal part.
const DIGIT_FORMS: [&str; 5] = [
    r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?",
    r"[0-9]{1,3}(?:،[0-9]{3})+(?:[.,][0-9]+)?",
    r"[0-9]{1,3}(?: [0-9]{3})+(?:[.,][0-9]+)?",
    r"[0-9]{1,3}(?:\.[0-9]{3}){2,}(?:,[0-9]+)?",
    r"[0-9]+(?:[.,][0-9]+)?",
];

/// [`DIGIT_FORMS`] as one alternation.
static DIGITS_ALT: LazyLock<String> = LazyLock::new(|| format!("(?:{})", DIGIT_FORMS.join("|")));

/// Each of [`DIGIT_FORMS`] anchored, for the tokenizer.
static DIGIT_TOKENS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    DIGIT_FORMS
        .iter()
        .map(|f| Regex::new(&format!(r"\A{f}")).expect("digit forms are valid"))
        .collect()
});

/// The longest-preferred digit token at the start of `s` that a digit
/// does not follow (so `0,23456` is one decimal, not `0,234` and `56`).
fn digit_token(s: &str) -> Option<&str> {
    DIGIT_TOKENS.iter().find_map(|re| {
        let m = re.find(s)?;
        let next = s[m.end()..].bytes().next();
        (!next.is_some_and(|b| b.is_ascii_digit())).then_some(m.as_str())
    })
}

/// Escaped alternatives of `words`, longest first, without a group.
fn alternatives<'a>(words: impl IntoIterator<Item = &'a String>, settings: Settings) -> String {
    let mut words: Vec<&String> = words.into_iter().filter(|w| !w.is_empty()).collect();
    words.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    words.dedup();
    let sep = if settings.hyphens { r"[\s-]+" } else { r"\s+" };
    let escape = |part: &str| {
        if settings.case_insensitive {
            part.chars().map(either_case).collect::<String>()
        } else {
            regex::escape(part)
        }
    };
    let escaped: Vec<String> = words
        .iter()
        .map(|w| w.split(' ').map(escape).collect::<Vec<_>>().join(sep))
        .collect();
    escaped.join("|")
}

/// A letter in either case, as a class (`[fF]`). Cheaper to compile than
/// `(?i)`, which adds every Unicode case variant (the Kelvin sign for k).
fn either_case(c: char) -> String {
    let mut upper = c.to_uppercase();
    match (upper.next(), upper.next()) {
        (Some(u), None) if u != c => format!("[{c}{u}]"),
        _ => regex::escape(&c.to_string()),
    }
}

/// A word class: `(?:w1|w2)\b`, or a never-matching class when empty.
fn class<'a>(words: impl IntoIterator<Item = &'a String>, settings: Settings) -> String {
    let alts = alternatives(words, settings);
    if alts.is_empty() {
        NEVER.to_string()
    } else {
        format!(r"(?:{alts})\b")
    }
}

/// A pattern that never matches (for an empty word class).
const NEVER: &str = r"[^\s\S]";

fn values<'a>(table: &'a Table, keep: impl Fn(u64) -> bool + 'a) -> impl Iterator<Item = &'a String> + 'a {
    table.iter().filter(move |(k, _)| keep(**k)).flat_map(|(_, v)| v)
}

/// The regex pieces of one language, built once.
struct Pieces {
    settings: Settings,
    and: String,
    loose: String,
    sp: String,
    unit: String,
    hund: String,
    tens2: String,
    teen_word: String,
    hundred_any: String,
    article_opt: String,
    card: String,
}

impl Pieces {
    fn new(lx: &NumberLexicon, settings: Settings) -> Pieces {
        let cls = |words: Vec<&String>| class(words, settings);
        let digits = DIGITS_ALT.as_str();
        let and_words = alternatives(&lx.and, settings);
        let and = match (and_words.is_empty(), settings.glued_and, settings.hyphens) {
            (true, _, true) => r"\s*-\s*".to_string(),
            (true, _, false) => NEVER.to_string(),
            (false, true, _) => format!(r"\s*(?:{and_words})\s*"),
            (false, false, true) => format!(r"(?:\s+(?:{and_words})\s+|\s*-\s*)"),
            (false, false, false) => format!(r"\s+(?:{and_words})\s+"),
        };
        let loose = format!(r"(?:{and}|\s+)");
        let sp = if settings.hyphens { r"[\s-]+" } else { r"\s+" }.to_string();
        let tight = if settings.hyphens { r"[\s-]*" } else { r"\s*" };

        let zero = cls(lx.zero.iter().collect());
        let unit = cls(values(&lx.units, |_| true).collect());
        let teen_unit = cls(values(&lx.teen_units, |_| true).collect());
        let teen_word = cls(lx.teen_word.iter().collect());
        let tens_unit = cls(values(&lx.tens_units, |_| true).collect());
        let teens = cls(values(&lx.teens, |_| true).collect());
        let ten = cls(values(&lx.tens, |v| v < 20).collect());
        let tens2 = cls(values(&lx.tens, |v| v >= 20).collect());
        let hundred = cls(lx.hundred.iter().collect());
        let hundreds = cls(values(&lx.hundreds, |_| true).collect());
        let one = cls(lx
            .scales
            .values()
            .flat_map(|s| s.one.iter().chain(&s.construct))
            .collect());
        let two = cls(lx.scales.values().flat_map(|s| &s.two).collect());
        let many = cls(lx.scales.values().flat_map(|s| &s.many).collect());
        let fraction = cls(values(&lx.fractions, |_| true).collect());
        let article = alternatives(&lx.article, settings);
        let article_opt = if article.is_empty() {
            String::new()
        } else {
            format!("(?:{article})?")
        };

        let sub100 = if settings.units_first {
            format!(
                r"(?:(?:{teen_unit}|{unit})\s+{teen_word}|{teens}|(?:{unit}|{tens_unit}){and}{tens2}|{tens2}|{ten}|{unit}|{zero})"
            )
        } else {
            format!(r"(?:{tens2}{loose}(?:{teens}|{unit})|{teens}|{tens2}|{ten}|{unit}|{zero})")
        };
        let hund = format!(r"(?:(?:{unit}{sp}|{digits}\s*){hundred}|{hundreds}|{hundred})");
        let group = format!(r"(?:{hund}(?:{loose}{sub100}|{and}[0-9]{{1,2}}\b)?|{sub100})");
        let scale = format!("(?:{one}|{many})");
        // A group may end with a fraction (ثلاثة ونصف, ثلاثة ونصف مليون); a
        // fraction may stand before a scale with its article (نصف المليون).
        let frac_tail = format!(r"(?:{and}{fraction})?");
        let scaled = format!(
            r"(?:(?:(?:{group}|{digits}){frac_tail}|{fraction}){tight}{scale}|{fraction}\s+{article_opt}{one}|{two}|{one})"
        );
        // After a scale: a scaled group or a group (joined by `and` or a
        // space), a fraction of the scale or bare digits (joined by `and`).
        let scaled_or_group =
            format!(r"(?:{group}(?:{tight}{scale})?|(?:{digits}|{fraction}){tight}{scale}|{two}|{one})");
        let after = format!(r"(?:{loose}{scaled_or_group}|{and}(?:{fraction}(?:\s+{article_opt}{one})?|{digits}))");
        let whole = format!(r"(?:{scaled}(?:{after})*|(?:{group}|{digits}){frac_tail})");
        let point = alternatives(&lx.decimal_point, settings);
        let card = if point.is_empty() {
            whole
        } else {
            format!(r"(?:{whole}(?:\s+(?:{point})\b\s+(?:{sub100}|{digits}))?)")
        };
        Pieces {
            settings,
            and,
            loose,
            sp,
            unit,
            hund,
            tens2,
            teen_word,
            hundred_any: format!("(?:{hundred}|{hundreds})"),
            article_opt,
            card,
        }
    }

    /// The ordinal pattern.
    fn ordinal(&self, lx: &NumberLexicon) -> String {
        let settings = self.settings;
        let ord_words = class(values(&lx.ordinals.words, |_| true), settings);
        // The last part of a compound: units (الحادي والعشرون), and for
        // tens-first languages teens too (quatre-vingt-treizième).
        let last_below = if settings.units_first { 10 } else { 20 };
        let ord_compound = class(
            values(&lx.ordinals.words, |v| v < last_below).chain(values(&lx.ordinals.compound, |_| true)),
            settings,
        );
        let ord_big = class(values(&lx.ordinals.words, |v| v >= 100), settings);
        let plain_pre = alternatives(&lx.prefixes, settings);
        let art_pre = alternatives(&lx.article_prefixes, settings);
        let pre = match (plain_pre.is_empty(), art_pre.is_empty()) {
            (true, true) => String::new(),
            (true, false) => format!("(?:{art_pre})?"),
            (false, true) => format!("(?:{plain_pre})?"),
            (false, false) => format!("(?:{art_pre}|{plain_pre})?"),
        };
        let suffixes = alternatives(&lx.ordinals.digit_suffixes, settings);
        let digits = match (art_pre.is_empty(), plain_pre.is_empty()) {
            (false, false) => format!(r"(?:(?:{art_pre})\s?|(?:{plain_pre}))?[0-9]+"),
            (false, true) => format!(r"(?:(?:{art_pre})\s?)?[0-9]+"),
            (true, false) => format!(r"(?:{plain_pre})?[0-9]+"),
            (true, true) => "[0-9]+".to_string(),
        };
        let digits = if suffixes.is_empty() {
            digits
        } else {
            format!(r"{digits}(?:(?:{suffixes})\b)?")
        };
        let Pieces {
            and,
            loose,
            tens2,
            teen_word,
            article_opt: art,
            hundred_any,
            ..
        } = self;
        let words = if settings.units_first {
            let teen = format!(r"{ord_compound}\s+{art}{teen_word}");
            let compound = format!(r"{ord_compound}{and}{art}{tens2}");
            let art_pre = if art_pre.is_empty() {
                NEVER.to_string()
            } else {
                format!("(?:{art_pre})")
            };
            format!(
                r"{art_pre}{hundred_any}(?:{and}{art}(?:{teen}|{compound}|{ord_words}))?|{pre}(?:{teen}|{compound})|{art_pre}{tens2}|{pre}{ord_words}"
            )
        } else {
            let prefix = format!(r"(?:{}(?:{loose}{tens2})?|{tens2})", self.hund);
            format!(
                r"{prefix}{loose}{ord_compound}|{unit}{sp}{ord_big}|{ord_words}",
                unit = self.unit,
                sp = self.sp
            )
        };
        format!("(?:{words}|{digits})")
    }
}

// ---------------------------------------------------------------------------
// Tokens and evaluation
// ---------------------------------------------------------------------------

/// What a scale word says about its count.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Form {
    /// `ألف`: times the group before it, or 1.
    One,
    /// `ألفان`: 2 times the scale.
    Two,
    /// `آلاف`: times the group before it, which is required.
    Many,
}

/// The meaning of a lexicon word.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Word {
    /// Adds to the current group (units, teens, tens, one-word hundreds).
    Add(f64),
    /// Multiplies the current group by 100 (or is 100 alone).
    Hundred,
    /// A scale word.
    Scale(f64, Form),
    /// A fraction of the scale beside it.
    Fraction(f64),
    /// A spoken decimal point.
    Point,
}

/// One token of a matched text.
#[derive(Debug, Clone, Copy)]
enum Token<'a> {
    Digits(&'a str),
    Word(Word),
}

/// The running state of [`evaluate`].
#[derive(Default)]
struct Acc {
    total: f64,
    current: f64,
    last_scale: f64,
    /// A fraction was just read after a scale (`مليون ونصف`): a repeated
    /// scale word (`ونصف المليون`) adds nothing.
    after_fraction: bool,
    any: bool,
}

impl Acc {
    fn push(&mut self, token: Token) -> Option<()> {
        let was_after_fraction = std::mem::take(&mut self.after_fraction);
        match token {
            Token::Digits(s) => self.current += parse_digits(s)?,
            Token::Word(Word::Add(v)) => self.current += v,
            Token::Word(Word::Hundred) => {
                self.current = if self.current > 0.0 {
                    self.current * 100.0
                } else {
                    100.0
                };
            }
            Token::Word(Word::Scale(_, _)) if was_after_fraction && self.current == 0.0 => {}
            Token::Word(Word::Scale(scale, form)) => self.scale(scale, form)?,
            Token::Word(Word::Fraction(f)) => {
                if self.current == 0.0 && self.last_scale > 0.0 {
                    self.total += f * self.last_scale;
                    self.after_fraction = true;
                } else {
                    self.current += f;
                }
            }
            Token::Word(Word::Point) => return None,
        }
        self.any = true;
        Some(())
    }

    fn scale(&mut self, scale: f64, form: Form) -> Option<()> {
        let count = match form {
            Form::One if self.current > 0.0 => self.current,
            Form::One => 1.0,
            Form::Many if self.current > 0.0 => self.current,
            Form::Many => return None,
            Form::Two => {
                self.total += self.current;
                2.0
            }
        };
        if self.last_scale > 0.0 && scale > self.last_scale && form != Form::Two {
            // ثلاثمئة ألف مليون: a larger scale multiplies everything before.
            self.total = (self.total + count) * scale;
        } else {
            self.total += count * scale;
        }
        self.last_scale = scale;
        self.current = 0.0;
        Some(())
    }

    fn value(&self) -> Option<f64> {
        let v = self.total + self.current;
        (self.any && v.is_finite()).then_some(tidy(v))
    }
}

/// Rounds away binary noise from a decimal times a scale (1.2 × 10⁹).
fn tidy(v: f64) -> f64 {
    if v.abs() >= 1000.0 && (v - v.round()).abs() < 1e-6 {
        v.round()
    } else {
        v
    }
}

/// Evaluates tokens: an integer part, then an optional spoken decimal part.
fn evaluate(tokens: &[Token]) -> Option<f64> {
    let point = tokens.iter().position(|t| matches!(t, Token::Word(Word::Point)));
    let (int, frac) = match point {
        Some(i) => (&tokens[..i], Some(&tokens[i + 1..])),
        None => (tokens, None),
    };
    let mut acc = Acc::default();
    for &t in int {
        acc.push(t)?;
    }
    let whole = acc.value()?;
    match frac {
        None => Some(whole),
        Some(frac) => Some(whole + decimal_part(frac)?),
    }
}

/// The value after a spoken decimal point: `خمسة` → .5, `25` → .25,
/// `05` → .05.
fn decimal_part(tokens: &[Token]) -> Option<f64> {
    if let [Token::Digits(d)] = tokens {
        if d.bytes().all(|b| b.is_ascii_digit()) {
            return format!("0.{d}").parse().ok();
        }
    }
    let mut acc = Acc::default();
    for &t in tokens {
        acc.push(t)?;
    }
    let n = acc.value()?;
    if n < 0.0 || n.fract() != 0.0 || n >= 1e15 {
        return None;
    }
    let digits = format!("{n:.0}").len();
    Some(n / 10f64.powi(digits as i32))
}

/// Parses a digit token: thousands groups (`,` before exactly three
/// digits, `،`, a space, two or more `.` groups), a decimal `.` or `,`, or
/// a leading `.`.
fn parse_digits(s: &str) -> Option<f64> {
    let s: String = s.chars().filter(|&c| c != ' ' && c != '،').collect();
    if let Some(plain) = dot_thousands(&s) {
        return plain.parse::<f64>().ok().filter(|v| v.is_finite());
    }
    let int_part = s.split('.').next().unwrap_or("");
    let mut groups = int_part.split(',');
    let first_ok = groups.next().is_some_and(|g| (1..=3).contains(&g.len()));
    let grouped = int_part.contains(',') && first_ok && groups.all(|g| g.len() == 3);
    let s = if grouped {
        s.replace(',', "")
    } else if s.matches(',').count() == 1 && !s.contains('.') {
        s.replace(',', ".")
    } else if s.contains(',') {
        return None;
    } else {
        s
    };
    let s = if s.starts_with('.') { format!("0{s}") } else { s };
    s.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// `1.200.000` (and `1.234.567,5`, with a decimal comma) as plain digits:
/// three or more `.` groups, all but the first of exactly three digits.
/// None for any other form.
fn dot_thousands(s: &str) -> Option<String> {
    let (int, frac) = s.split_once(',').unwrap_or((s, ""));
    let groups: Vec<&str> = int.split('.').collect();
    let digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    let ok = groups.len() >= 3
        && groups[0].len() <= 3
        && groups.iter().all(|g| digits(g))
        && groups[1..].iter().all(|g| g.len() == 3)
        && (frac.is_empty() || digits(frac));
    ok.then(|| {
        let whole = groups.concat();
        if frac.is_empty() {
            whole
        } else {
            format!("{whole}.{frac}")
        }
    })
}

// ---------------------------------------------------------------------------
// The grammar
// ---------------------------------------------------------------------------

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
}

/// A language's number grammar, built from its lexicon.
pub struct NumberGrammar {
    settings: Settings,
    cardinal: String,
    ordinal: String,
    cardinal_full: Regex,
    ordinal_full: Regex,
    token: Regex,
    cardinals: HashMap<String, Word>,
    ordinals: HashMap<String, Word>,
    find_cardinal: Regex,
    find_ordinal: Regex,
    context: Context,
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

fn builtin(language: &str) -> Arc<NumberGrammar> {
    let lexicon = NumberLexicon::builtin(language).expect("a built-in language");
    Arc::new(NumberGrammar::new(lexicon).expect("embedded number lexicon builds valid patterns"))
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
        let settings = lexicon.settings.unwrap_or_default();
        let lx = lexicon.prepared(settings);
        let pieces = Pieces::new(&lx, settings);
        let cardinal = pieces.card.clone();
        let ordinal = pieces.ordinal(&lx);
        let (cardinals, ordinals) = word_tables(&lx);
        let token = token_regex(&lx, &cardinals, &ordinals, settings)?;
        let find_cardinal = find_cardinal_pattern(&lx, &pieces, settings);
        let find_ordinal = format!(r"\b(?P<o>{ordinal})\b");
        Ok(NumberGrammar {
            settings,
            cardinal_full: Regex::new(&format!(r"\A(?:{cardinal})\z"))?,
            ordinal_full: Regex::new(&format!(r"\A(?:{ordinal})\z"))?,
            token,
            cardinals,
            ordinals,
            find_cardinal: Regex::new(&find_cardinal)?,
            find_ordinal: Regex::new(&find_ordinal)?,
            context: context_sets(&lx),
            cardinal,
            ordinal,
        })
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
        if !self.cardinal_full.is_match(s) {
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

    /// Cuts a matched text into tokens; glue (and-words, prefixes, digit
    /// suffixes) is dropped.
    fn tokens<'a>(&self, s: &'a str, ordinal: bool) -> Option<Vec<Token<'a>>> {
        let mut out = Vec::new();
        let mut pos = 0;
        while pos < s.len() {
            let rest = &s[pos..];
            let trimmed = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '-');
            if trimmed.len() < rest.len() {
                pos += rest.len() - trimmed.len();
                continue;
            }
            if let Some(d) = digit_token(rest) {
                out.push(Token::Digits(d));
                pos += d.len();
                continue;
            }
            let caps = self.token.captures(rest)?;
            let end = caps.get(0)?.end();
            if end == 0 {
                return None;
            }
            if let Some(w) = caps.name("w") {
                let key = word_key(w.as_str(), self.settings);
                let word = if ordinal {
                    self.ordinals.get(&key).or_else(|| self.cardinals.get(&key))
                } else {
                    self.cardinals.get(&key)
                };
                out.push(Token::Word(*word?));
            }
            pos += end;
        }
        Some(out)
    }

    /// Every cardinal in a folded text, in text order, as (byte start,
    /// byte end, value). The span covers the number and its sign, not a
    /// glued prefix.
    pub fn find_cardinals(&self, text: &str) -> Vec<(usize, usize, f64)> {
        let mut out = Vec::new();
        let mut pos = 0;
        while let Some(caps) = self.find_cardinal.captures_at(text, pos) {
            let Some(whole) = caps.get(0) else { break };
            pos = next_pos(text, whole.start(), whole.end());
            if let Some(found) = self.cardinal_at(text, &caps) {
                out.push(found);
            }
        }
        out
    }

    /// Reads one match of the cardinal finder, or None if the context says
    /// it is not a number.
    fn cardinal_at(&self, text: &str, caps: &regex::Captures) -> Option<(usize, usize, f64)> {
        if let Some(dot) = caps.name("ldot") {
            let before = text[..dot.start()].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '.' || c == ',') {
                return None;
            }
            if !right_context_ok(text, dot.end()) {
                return None;
            }
            return Some((dot.start(), dot.end(), self.parse_cardinal(dot.as_str())?));
        }
        let n = caps.name("n")?;
        let pre = caps.name("pre").map_or("", |m| m.as_str());
        let word_start = caps.name("pre").map_or(n.start(), |m| m.start());
        let value = self.parse_cardinal(n.as_str())?;
        let starts_digit = n.as_str().starts_with(|c: char| c.is_ascii_digit());
        let ends_digit = n.as_str().ends_with(|c: char| c.is_ascii_digit());
        if starts_digit && pre.is_empty() && !left_context_ok(text, n.start()) {
            return None;
        }
        if ends_digit && !right_context_ok(text, n.end()) {
            return None;
        }
        if starts_digit && phone_or_code(text, n.start(), n.start() + leading_digits(n.as_str()).len()) {
            return None;
        }
        if !starts_digit && !self.words_context_ok(text, word_start, pre, n.as_str(), n.end()) {
            return None;
        }
        let value = self.with_neighbours(text, n.as_str(), n.end(), value)?;
        let sign_start = caps.name("neg").or(caps.name("minus")).map(|m| m.start());
        let word_sign = |s: usize| {
            let prev = word_key(previous_word(text, s), self.settings);
            !self.context.negative_not_after.contains(&prev)
        };
        match sign_start {
            Some(s)
                if caps.name("neg").is_some() && word_sign(s)
                    || caps.name("minus").is_some() && minus_is_sign(text, s) =>
            {
                Some((s, n.end(), -value))
            }
            _ => Some((n.start(), n.end(), value)),
        }
    }

    /// Context checks for a cardinal in words.
    fn words_context_ok(&self, text: &str, start: usize, pre: &str, n: &str, end: usize) -> bool {
        let ctx = &self.context;
        let key = |s: &str| word_key(s, self.settings);
        let prev = previous_word(text, start);
        if self.is_not_number(prev, &format!("{}{}", pre.trim(), n)) {
            return false;
        }
        let n_key = key(n);
        if self.in_fraction(text, start, end) {
            return false;
        }
        // خمس السكان: a fifth of the population, not five.
        if ctx.fraction_before_article.contains(&n_key)
            && ctx
                .article
                .iter()
                .any(|a| key(next_word(text, end)).starts_with(a.as_str()))
        {
            return false;
        }
        if ctx.pronoun_one.contains(&n_key)
            && (ctx.article_prefixes.contains(pre.trim()) || ctx.pronoun_after.contains(&key(prev)))
        {
            return false;
        }
        if ctx.zero.contains(&n_key) {
            let next = next_word(text, end);
            let day = prev.len() <= 2 && !prev.is_empty() && prev.bytes().all(|b| b.is_ascii_digit());
            let year = (3..=4).contains(&next.len()) && next.bytes().all(|b| b.is_ascii_digit());
            if day || year {
                return false;
            }
        }
        // The teen word or tens of an ordinal: التاسع عشر, الحادي والعشرين.
        prev.is_empty() || self.parse_ordinal(&format!("{prev} {pre}{n}")).is_none()
    }

    /// Whether the number words at `start..end` (glued prefix included)
    /// are part of a fraction the grammar does not evaluate (ثلثي مليون,
    /// ثلاثة أرباع), so that neither the whole nor the numerator is the
    /// value.
    fn in_fraction(&self, text: &str, start: usize, end: usize) -> bool {
        let ctx = &self.context;
        if ctx.fraction_nouns.is_empty() {
            return false;
        }
        let fraction_noun = |w: &str| {
            let w = word_key(w, self.settings);
            ctx.fraction_nouns.contains(&w)
                || ctx.prefixes.iter().any(|p| {
                    w.strip_prefix(p.as_str())
                        .is_some_and(|r| ctx.fraction_nouns.contains(r))
                })
        };
        fraction_noun(previous_word(text, start)) || fraction_noun(next_word(text, end))
    }

    /// The cardinal a pattern matched at `start..end` of a folded text (a
    /// rule's `{count}`), read with the words around it as
    /// [`Self::find_cardinals`] reads them: None inside a fraction the
    /// grammar does not evaluate (ثلثي مليون); a construct dual before its
    /// noun (ألفا مواطن = 2000); a fraction after the counted noun (ثلاث
    /// سنوات ونصف = 3.5).
    pub fn cardinal_in(&self, text: &str, start: usize, end: usize) -> Option<f64> {
        let n = &text[start..end];
        let value = self.parse_cardinal(n)?;
        if !n.starts_with(|c: char| c.is_ascii_digit()) && self.in_fraction(text, glued_start(text, start), end) {
            return None;
        }
        self.with_neighbours(text, n, end, value)
    }

    /// A cardinal's value (`value`, read from `n`, which ends at `end`)
    /// with the words after it: the dual for a construct word before a
    /// counted noun (ألفا مواطن = 2000); plus a fraction after the counted
    /// noun (ثلاث سنوات ونصف = 3.5, ثلاثة ملايين دولار ونصف = 3 500 000),
    /// or None when the fraction may be of a noun after it (خمس دول ونصف
    /// السكان, ثلاث سنوات ونصف السنة) or the value cannot take it (1.5
    /// سنة ونصف).
    fn with_neighbours(&self, text: &str, n: &str, end: usize, value: f64) -> Option<f64> {
        let construct = self
            .context
            .construct
            .get(&word_key(n, self.settings))
            .copied()
            .filter(|_| word_after(text, end).is_some_and(|(s, e)| self.counted_noun(&text[s..e])));
        let value = construct.map_or(value, |scale| 2.0 * scale);
        let Some((fraction, follower)) = self.fraction_after_noun(text, end) else {
            return Some(value);
        };
        // ثلاثة ملايين دولار ونصف مليون يورو: the fraction is a number of its own.
        if follower.is_some_and(|w| self.is_number_word(w)) {
            return Some(value);
        }
        // A word after the and-word starts a phrase of its own (ونصف وغرامة).
        let and_next = |w: &str| {
            let w = word_key(w, self.settings);
            self.settings.glued_and
                && self
                    .context
                    .and_words
                    .iter()
                    .any(|a| w.len() > a.len() && w.starts_with(a.as_str()))
        };
        let noun_follows = follower.is_some_and(|w| self.noun_like(w) && !self.accusative(w) && !and_next(w));
        if construct.is_some() || value.fract() != 0.0 || noun_follows {
            return None;
        }
        let mut tokens = self.tokens(n.trim(), false)?;
        tokens.push(Token::Word(Word::Fraction(fraction)));
        evaluate(&tokens)
    }

    /// After a number ending at `end`: a noun, the and-word and a fraction
    /// (`سنوات ونصف`, `سنوات و نصف`), as the fraction and the word after
    /// it (None at the end of the text or before punctuation).
    fn fraction_after_noun<'t>(&self, text: &'t str, end: usize) -> Option<(f64, Option<&'t str>)> {
        let (s, e) = word_after(text, end)?;
        if !self.noun_like(&text[s..e]) {
            return None;
        }
        let (s, e) = word_after(text, e)?;
        let word = word_key(&text[s..e], self.settings);
        let (fraction, frac_end) = if self.context.and_words.contains(&word) {
            let (s, e) = word_after(text, e)?;
            (word_key(&text[s..e], self.settings), e)
        } else if self.settings.glued_and {
            let rest = self
                .context
                .and_words
                .iter()
                .find_map(|a| word.strip_prefix(a.as_str()))?;
            (rest.to_string(), e)
        } else {
            return None;
        };
        // ونصفا: the accusative of the fraction.
        let bare = self
            .context
            .accusative_endings
            .iter()
            .find_map(|x| fraction.strip_suffix(x.as_str()));
        let Some(Word::Fraction(f)) = self.cardinals.get(&fraction).or_else(|| self.cardinals.get(bare?)) else {
            return None;
        };
        Some((*f, word_after(text, frac_end).map(|(s, e)| &text[s..e])))
    }

    /// A word that may be a noun: letters, not a number word, not a
    /// particle (with or without a glued prefix).
    fn noun_like(&self, word: &str) -> bool {
        let ctx = &self.context;
        let key = word_key(word, self.settings);
        let particle = |w: &str| ctx.particles.contains(w);
        !key.is_empty()
            && key.chars().all(char::is_alphabetic)
            && !self.is_number_word(&key)
            && !particle(&key)
            && !ctx.prefixes.iter().any(|p| {
                key.strip_prefix(p.as_str())
                    .is_some_and(|r| particle(r) || self.is_number_word(r))
            })
    }

    /// A word that may be the counted noun after a number: a noun without
    /// the article (counted nouns are indefinite) and not an accusative
    /// adverb or adjective (تقريبا).
    fn counted_noun(&self, word: &str) -> bool {
        let ctx = &self.context;
        let key = word_key(word, self.settings);
        self.noun_like(&key)
            && !ctx.article_prefixes.iter().any(|a| key.starts_with(a.as_str()))
            && !self.accusative(&key)
    }

    /// Whether a word ends like an accusative adverb or adjective (تقريبا).
    fn accusative(&self, word: &str) -> bool {
        let key = word_key(word, self.settings);
        self.context
            .accusative_endings
            .iter()
            .any(|x| key.ends_with(x.as_str()))
    }

    /// Every ordinal in a folded text, in text order, as (byte start, byte
    /// end, value). The span covers the glued prefix and article.
    pub fn find_ordinals(&self, text: &str) -> Vec<(usize, usize, u64)> {
        let mut out = Vec::new();
        let mut pos = 0;
        while let Some(m) = self.find_ordinal.captures_at(text, pos).and_then(|c| c.name("o")) {
            pos = next_pos(text, m.start(), m.end());
            if let Some(v) = self.ordinal_at(text, m.start(), m.end()) {
                out.push((m.start(), m.end(), v));
            }
        }
        out
    }

    fn ordinal_at(&self, text: &str, start: usize, end: usize) -> Option<u64> {
        let s = &text[start..end];
        let value = self.parse_ordinal(s)?;
        if s.bytes().any(|b| b.is_ascii_digit()) {
            let first = s.find(|c: char| c.is_ascii_digit()).unwrap_or(0);
            let last = s.rfind(|c: char| c.is_ascii_digit()).map_or(end, |i| start + i + 1);
            let digits_start = start + first;
            if (first == 0 && !left_context_ok(text, digits_start))
                || !right_context_ok(text, last)
                || phone_or_code(text, digits_start, last)
            {
                return None;
            }
            return Some(value);
        }
        let ctx = &self.context;
        let prev = word_key(previous_word(text, start), self.settings);
        if ctx.ordinal_not_after.contains(&prev) || self.is_not_number(&prev, s) {
            return None;
        }
        let key = word_key(s, self.settings);
        let bare = self.strip_prefix(&key);
        if ctx.ordinal_not_after_number.contains(bare) && self.is_number_word(&prev) {
            return None;
        }
        // أقل من ثانية: less than a second; ولاية ثانية: a second term.
        let definite = ctx.article_prefixes.iter().any(|a| key.starts_with(a.as_str()));
        if ctx.ordinal_as_unit.contains(bare) && !definite && ctx.unit_after.contains(&prev) {
            return None;
        }
        Some(value)
    }

    /// True when `words`, alone or after the previous word, is listed as
    /// never a number (`الاثنين`, `في المئة`).
    fn is_not_number(&self, prev: &str, words: &str) -> bool {
        let key = |s: &str| word_key(s, self.settings);
        let not = &self.context.not_numbers;
        not.contains(&key(words)) || (!prev.is_empty() && not.contains(&key(&format!("{prev} {words}"))))
    }

    /// A word without its glued prefix, if the rest is still a word.
    fn strip_prefix<'a>(&self, word: &'a str) -> &'a str {
        self.context
            .prefixes
            .iter()
            .filter_map(|p| word.strip_prefix(p.as_str()))
            .find(|rest| self.ordinals.contains_key(*rest))
            .unwrap_or(word)
    }

    fn is_number_word(&self, word: &str) -> bool {
        !word.is_empty() && (word.bytes().all(|b| b.is_ascii_digit()) || self.parse_cardinal(word).is_some())
    }
}

/// Where to search next: after the match, or one character on for an
/// empty one.
fn next_pos(text: &str, start: usize, end: usize) -> usize {
    if end > start {
        end
    } else {
        start + text[start..].chars().next().map_or(1, char::len_utf8)
    }
}

/// The digits (with their separators) a number starts with: `40` of
/// `40 ألف`, all of `1 234 567`.
fn leading_digits(n: &str) -> &str {
    let end = n
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, ',' | '.' | '،' | ' ')))
        .unwrap_or(n.len());
    n[..end].trim_end_matches(|c: char| !c.is_ascii_digit())
}

/// The word just before `at`, separated by whitespace or a slash or a
/// bracket (`نوفمبر/تشرين الثاني`).
fn previous_word(text: &str, at: usize) -> &str {
    let before = text[..at].trim_end();
    let start = before
        .rfind(|c: char| c.is_whitespace() || matches!(c, '/' | '('))
        // past the separator, whatever its width (U+2028 is 3 bytes)
        .map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
    let word = &before[start..];
    word.trim_matches(|c: char| !c.is_alphanumeric())
}

/// Where the word that ends at `at` starts: back over the letters glued
/// before a number (`و`, `ال` of `والمليون`).
fn glued_start(text: &str, at: usize) -> usize {
    text[..at]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphabetic())
        .last()
        .map_or(at, |(i, _)| i)
}

/// The span of the word right after `at` on the same line, when only
/// spaces come between (none after punctuation: `ألفا. مواطنون`).
fn word_after(text: &str, at: usize) -> Option<(usize, usize)> {
    let rest = &text[at..];
    let start = at + rest.find(|c: char| !(c.is_whitespace() && c != '\n' && c != '\r'))?;
    if start == at {
        return None;
    }
    let len = text[start..]
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(text.len() - start);
    (len > 0).then_some((start, start + len))
}

/// The whitespace-separated word just after `at`.
fn next_word(text: &str, at: usize) -> &str {
    let after = text[at..].trim_start();
    let end = after.find(char::is_whitespace).unwrap_or(after.len());
    after[..end].trim_matches(|c: char| !c.is_alphanumeric())
}

/// A `-` is a minus sign unless it follows a letter or digit (`2019-2020`,
/// `كوفيد-19`) or a number across spaces (`10 -20`).
fn minus_is_sign(text: &str, at: usize) -> bool {
    let before = &text[..at];
    match before.chars().next_back() {
        None => true,
        Some(c) if c.is_alphanumeric() => false,
        Some(_) => !before.trim_end().ends_with(|c: char| c.is_ascii_digit()),
    }
}

/// The characters before a digit run that make it part of something else:
/// a time (`10:30`), a date or URL (`/`), an address (`@`), a query
/// (`=`, `&`, `#`), a phone (`+`), or a longer number (`192.168`).
fn left_context_ok(text: &str, start: usize) -> bool {
    let mut before = text[..start].chars().rev();
    match before.next() {
        Some(':' | '/' | '@' | '\\' | '=' | '&' | '#' | '+' | '_') => false,
        Some('.' | ',' | '،') => !before.next().is_some_and(|c| c.is_ascii_digit()),
        _ => true,
    }
}

/// The characters after a digit run that make it part of something else.
fn right_context_ok(text: &str, end: usize) -> bool {
    let mut after = text[end..].chars();
    match after.next() {
        Some(':' | '/' | '@' | '\\' | '_') => false,
        Some('.' | ',' | '،') => !after.next().is_some_and(|c| c.is_ascii_digit()),
        _ => true,
    }
}

/// True when the digits at `start..end` are part of a phone number or a
/// code: a run of digit groups joined by single spaces, dashes or dots
/// that has 8 or more digits and a leading 0 or `+` (`0612345678`,
/// `+33 6 12 34 56 78`) or 3 or more groups (`06 12 34 56 78`), or that
/// has 3 or more groups joined by a dash or dot (`12-3-2024`). A run the
/// match covers whole is a grouped number (`1 414 021 100`).
fn phone_or_code(text: &str, start: usize, end: usize) -> bool {
    let b = text.as_bytes();
    let is_sep = |c: u8| matches!(c, b' ' | b'-' | b'.');
    let mut s = start;
    while s >= 2 && is_sep(b[s - 1]) && b[s - 2].is_ascii_digit() {
        s -= 1;
        while s > 0 && b[s - 1].is_ascii_digit() {
            s -= 1;
        }
    }
    let mut e = end;
    while e + 1 < b.len() && is_sep(b[e]) && b[e + 1].is_ascii_digit() {
        e += 1;
        while e < b.len() && b[e].is_ascii_digit() {
            e += 1;
        }
    }
    let run = &text[s..e];
    let digits = run.bytes().filter(u8::is_ascii_digit).count();
    let groups = run
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .count();
    let plus = s > 0 && b[s - 1] == b'+';
    let whole = (s, e) == (start, end);
    if ip_address(run) {
        return true;
    }
    if groups >= 3 && !whole && run.contains(['-', '.']) {
        return true;
    }
    if digits < 8 {
        return false;
    }
    if plus || run.starts_with('0') && !run.starts_with("0.") && !run.starts_with("0,") {
        return true;
    }
    groups >= 3 && !whole
}

/// An IPv4 address written with three-digit groups (`192.168.100.200`),
/// which reads like dot thousands: four `.` groups of at most 255, none
/// after the first starting with 0 (thousands groups such as `000` or
/// `050` do; an address writes 0 and 50).
fn ip_address(run: &str) -> bool {
    let groups: Vec<&str> = run.split('.').collect();
    groups.len() == 4
        && groups.iter().all(|g| {
            !g.is_empty()
                && g.len() <= 3
                && g.bytes().all(|b| b.is_ascii_digit())
                && g.parse::<u16>().is_ok_and(|v| v <= 255)
        })
        && groups[1..].iter().all(|g| !g.starts_with('0'))
}

/// The cardinal finder: an optional sign word or `-`, an optional glued
/// prefix, the cardinal; or a number written with a leading dot (`.77`).
fn find_cardinal_pattern(lx: &NumberLexicon, pieces: &Pieces, settings: Settings) -> String {
    let neg = alternatives(&lx.negative, settings);
    let sign = if neg.is_empty() {
        "(?P<minus>-)?".to_string()
    } else {
        format!(r"(?:\b(?P<neg>{neg})\s+|(?P<minus>-))?")
    };
    let art_pre = alternatives(&lx.article_prefixes, settings);
    let plain_pre = alternatives(&lx.prefixes, settings);
    let pre = match (art_pre.is_empty(), plain_pre.is_empty()) {
        (true, true) => String::new(),
        (false, true) => format!(r"(?P<pre>(?:{art_pre})\s?)?"),
        (true, false) => format!(r"(?P<pre>{plain_pre})?"),
        (false, false) => format!(r"(?P<pre>(?:{art_pre})\s?|(?:{plain_pre}))?"),
    };
    format!(r"{sign}\b{pre}(?P<n>{})\b|(?P<ldot>\.[0-9]+)\b", pieces.card)
}

/// Word meanings: (cardinal words, ordinal words).
fn word_tables(lx: &NumberLexicon) -> (HashMap<String, Word>, HashMap<String, Word>) {
    let mut card = HashMap::new();
    let mut add = |words: &[String], w: Word| {
        for word in words {
            card.entry(word.clone()).or_insert(w);
        }
    };
    add(&lx.zero, Word::Add(0.0));
    for table in [
        &lx.units,
        &lx.teen_units,
        &lx.tens_units,
        &lx.teens,
        &lx.tens,
        &lx.hundreds,
    ] {
        for (v, words) in table {
            add(words, Word::Add(*v as f64));
        }
    }
    add(&lx.teen_word, Word::Add(10.0));
    add(&lx.hundred, Word::Hundred);
    for (v, s) in &lx.scales {
        add(&s.one, Word::Scale(*v as f64, Form::One));
        add(&s.construct, Word::Scale(*v as f64, Form::One));
        add(&s.two, Word::Scale(*v as f64, Form::Two));
        add(&s.many, Word::Scale(*v as f64, Form::Many));
    }
    for (d, words) in &lx.fractions {
        if *d > 0 {
            add(words, Word::Fraction(1.0 / *d as f64));
        }
    }
    add(&lx.decimal_point, Word::Point);
    let mut ord = HashMap::new();
    for table in [&lx.ordinals.words, &lx.ordinals.compound] {
        for (&v, words) in table {
            let w = match v {
                100 => Word::Hundred,
                v if v >= 1000 => Word::Scale(v as f64, Form::One),
                v => Word::Add(v as f64),
            };
            for word in words {
                ord.entry(word.clone()).or_insert(w);
            }
        }
    }
    (card, ord)
}

/// The tokenizer of words: a lexicon word, or glue (digit suffixes, the
/// and-word, prefixes shortest first so `بالف` reads ب + الف).
fn token_regex(
    lx: &NumberLexicon,
    cardinals: &HashMap<String, Word>,
    ordinals: &HashMap<String, Word>,
    settings: Settings,
) -> Result<Regex, regex::Error> {
    let words = alternatives(cardinals.keys().chain(ordinals.keys()), settings);
    let mut glue = Vec::new();
    let suffixes = alternatives(&lx.ordinals.digit_suffixes, settings);
    if !suffixes.is_empty() {
        glue.push(format!(r"(?:{suffixes})\b"));
    }
    let and = alternatives(&lx.and, settings);
    if !and.is_empty() {
        glue.push(if settings.glued_and {
            format!("(?:{and})")
        } else {
            format!(r"(?:{and})\b")
        });
    }
    let mut prefixes: Vec<&String> = lx
        .prefixes
        .iter()
        .chain(&lx.article_prefixes)
        .chain(&lx.article)
        .collect();
    prefixes.sort_by_key(|p| p.chars().count());
    prefixes.dedup();
    glue.extend(prefixes.iter().map(|p| regex::escape(p)));
    let glue = if glue.is_empty() {
        NEVER.to_string()
    } else {
        glue.join("|")
    };
    Regex::new(&format!(r"\A(?:(?P<w>{words})\b|(?P<g>{glue}))"))
}

fn context_sets(lx: &NumberLexicon) -> Context {
    let set = |v: &[String]| v.iter().cloned().collect::<HashSet<String>>();
    let c = &lx.context;
    let mut prefixes: Vec<String> = lx.prefixes.iter().chain(&lx.article_prefixes).cloned().collect();
    prefixes.sort_by_key(|p| std::cmp::Reverse(p.len()));
    Context {
        not_numbers: set(&c.not_numbers),
        pronoun_one: set(&c.pronoun_one),
        pronoun_after: set(&c.pronoun_after),
        ordinal_not_after: set(&c.ordinal_not_after),
        ordinal_not_after_number: set(&c.ordinal_not_after_number),
        ordinal_as_unit: set(&c.ordinal_as_unit),
        unit_after: set(&c.unit_after),
        fraction_before_article: set(&c.fraction_before_article),
        fraction_nouns: set(&c.fraction_nouns),
        particles: set(&c.particles),
        accusative_endings: c.accusative_endings.clone(),
        negative_not_after: set(&c.negative_not_after),
        construct: lx
            .scales
            .iter()
            .flat_map(|(&v, s)| s.construct.iter().map(move |w| (w.clone(), v as f64)))
            .collect(),
        and_words: lx.and.clone(),
        zero: set(&lx.zero),
        article_prefixes: set(&lx.article_prefixes),
        article: lx.article.clone(),
        prefixes,
    }
}

#[cfg(test)]
mod tests;
