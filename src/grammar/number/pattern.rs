//! The regex sources of a grammar, composed bottom-up from the word
//! classes of its lexicon: digits, groups, scales, the cardinal and ordinal
//! expressions, the cardinal finder and the word tokenizer.

use super::eval::Word;
use super::lexicon::{NumberLexicon, Settings, Table};
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Digits, in order of preference: comma, Arabic-comma or space thousands
/// groups, dot thousands groups (two or more: `1.200.000`; one alone,
/// `1.200`, is a decimal, unless the language says otherwise: see
/// [`DOT_FORMS`]), then plain digits, each with an optional decimal part.
const DIGIT_FORMS: [&str; 5] = [
    r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?",
    r"[0-9]{1,3}(?:،[0-9]{3})+(?:[.,][0-9]+)?",
    r"[0-9]{1,3}(?: [0-9]{3})+(?:[.,][0-9]+)?",
    r"[0-9]{1,3}(?:\.[0-9]{3}){2,}(?:,[0-9]+)?",
    r"[0-9]+(?:[.,][0-9]+)?",
];

/// [`DIGIT_FORMS`] of a language whose dot groups thousands even once
/// (fr `1.874`, `3.000`); `1.5` stays a decimal.
const DOT_FORMS: [&str; 5] = [
    DIGIT_FORMS[0],
    DIGIT_FORMS[1],
    DIGIT_FORMS[2],
    r"[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?",
    DIGIT_FORMS[4],
];

/// The digit forms as one alternation.
fn digits_alt(settings: Settings) -> String {
    let forms = if settings.dot_thousands { DOT_FORMS } else { DIGIT_FORMS };
    format!("(?:{})", forms.join("|"))
}

fn anchored(forms: [&str; 5]) -> Vec<Regex> {
    forms
        .iter()
        .map(|f| Regex::new(&format!(r"\A{f}")).expect("digit forms are valid"))
        .collect()
}

/// Each of [`DIGIT_FORMS`] anchored, for the tokenizer.
static DIGIT_TOKENS: LazyLock<Vec<Regex>> = LazyLock::new(|| anchored(DIGIT_FORMS));
/// Each of [`DOT_FORMS`] anchored.
static DOT_TOKENS: LazyLock<Vec<Regex>> = LazyLock::new(|| anchored(DOT_FORMS));

/// The longest-preferred digit token at the start of `s` that a digit
/// does not follow (so `0,23456` is one decimal, not `0,234` and `56`).
pub(super) fn digit_token(s: &str, settings: Settings) -> Option<&str> {
    let tokens = if settings.dot_thousands {
        &DOT_TOKENS
    } else {
        &DIGIT_TOKENS
    };
    tokens.iter().find_map(|re| {
        let m = re.find(s)?;
        let next = s[m.end()..].bytes().next();
        (!next.is_some_and(|b| b.is_ascii_digit())).then_some(m.as_str())
    })
}

/// Escaped alternatives of `words`, longest first, without a group.
pub(super) fn alternatives<'a>(words: impl IntoIterator<Item = &'a String>, settings: Settings) -> String {
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
pub(super) struct Pieces {
    settings: Settings,
    /// The and-word between two numbers (`5 و6`, `4 and 5`).
    pub(super) and: String,
    loose: String,
    sp: String,
    unit: String,
    hund: String,
    tens2: String,
    teen_word: String,
    hundred_any: String,
    article_opt: String,
    pub(super) card: String,
    /// One group or digits with at most one scale word (`4`, `ثلاثة آلاف`,
    /// `4 000`): the first end of a range.
    pub(super) small: String,
}

impl Pieces {
    pub(super) fn new(lx: &NumberLexicon, settings: Settings) -> Pieces {
        let cls = |words: Vec<&String>| class(words, settings);
        let digits_owned = digits_alt(settings);
        let digits = digits_owned.as_str();
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
        // `1 thousand 874`, `2 millions 300 000`: where the and-word is a
        // word of its own (en, fr), a scale may be followed by bare digits
        // (up to three, or space-grouped thousands).
        let bare = if settings.glued_and {
            String::new()
        } else {
            r"|\s+[0-9]{1,3}(?: [0-9]{3})*\b".to_string()
        };
        let after =
            format!(r"(?:{loose}{scaled_or_group}|{and}(?:{fraction}(?:\s+{article_opt}{one})?|{digits}){bare})");
        let whole = format!(r"(?:{scaled}(?:{after})*|(?:{group}|{digits}){frac_tail})");
        let small = format!(r"(?:(?:{group}|{digits}){frac_tail}(?:{tight}{scale})?)");
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
            small,
        }
    }

    /// The ordinal pattern.
    pub(super) fn ordinal(&self, lx: &NumberLexicon) -> String {
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

/// The cardinal finder: an optional sign word or `-`, an optional glued
/// prefix, the cardinal; or a number written with a leading dot (`.77`).
pub(super) fn find_cardinal_pattern(lx: &NumberLexicon, pieces: &Pieces, settings: Settings) -> String {
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

/// The source of the tokenizer of words: a lexicon word, or glue (digit suffixes, the
/// and-word, prefixes shortest first so `بالف` reads ب + الف).
pub(super) fn token_regex(
    lx: &NumberLexicon,
    cardinals: &HashMap<String, Word>,
    ordinals: &HashMap<String, Word>,
    settings: Settings,
) -> String {
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
    format!(r"\A(?:(?P<w>{words})\b|(?P<g>{glue}))")
}
