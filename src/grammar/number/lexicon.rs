//! The number words of a language ([`NumberLexicon`]), as its YAML file
//! writes them, merged with a pack's and folded for the grammar.

use crate::text::normalize::fold;
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};

/// Words of one value, keyed by that value.
pub(super) type Table = BTreeMap<u64, Vec<String>>;

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
    /// Words for a quantity the text does not state, keyed by the least
    /// number they mean (`12: [عشرات]`, `100: [hundreds]`): a `{count}`
    /// reads them as at least that number.
    #[serde(default)]
    pub vague: Table,
    /// The word that may follow a vague word before its noun (`of` of
    /// `dozens of people`, `de`, `من`).
    #[serde(default)]
    pub vague_of: Vec<String>,
    /// The words that make two numbers one range (`من 4000 إلى 4500`).
    #[serde(default)]
    pub range: RangeWords,
}

/// The words of a range of two numbers.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RangeWords {
    /// Between the two numbers (`إلى`, `to`, `à`); a dash always joins them.
    #[serde(default)]
    pub to: Vec<String>,
    /// Before the first number, with the and-word between the two (`بين 4
    /// و5`, `between 4 and 5`); without one of these, `4 و5` is two numbers.
    #[serde(default)]
    pub between: Vec<String>,
    /// Words right before (within two words) or right after two numbers
    /// joined by a dash that make them a score, not a range (`بنتيجة 3-1`,
    /// `a 2-1 win`).
    #[serde(default)]
    pub score: Vec<String>,
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
    /// A `.` before exactly three digits groups thousands even once (fr
    /// `1.874`); elsewhere one such group is a decimal (`1.200` = 1.2).
    #[serde(default)]
    pub dot_thousands: bool,
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
    /// Words for one that are also the indefinite article (fr `un`)...
    #[serde(default)]
    pub article_one: Vec<String>,
    /// ...and are the article, not a count, before these words (`un dernier
    /// bilan`, `un nouveau bilan`).
    #[serde(default)]
    pub article_one_before: Vec<String>,
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
            vague,
            vague_of,
            range,
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
            (&mut self.vague, vague),
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
            (&mut self.context.article_one, context.article_one),
            (&mut self.context.article_one_before, context.article_one_before),
            (&mut self.range.to, range.to),
            (&mut self.range.between, range.between),
            (&mut self.range.score, range.score),
            (&mut self.vague_of, vague_of),
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
            &mut self.context.article_one,
            &mut self.context.article_one_before,
            &mut self.range.to,
            &mut self.range.between,
            &mut self.range.score,
            &mut self.vague_of,
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
            &mut self.vague,
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
    pub(super) fn prepared(mut self, settings: Settings) -> NumberLexicon {
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
pub(super) fn word_key(word: &str, settings: Settings) -> String {
    // Lower-cased only where a character changes (one string, not three,
    // for the words the finders look up at every number).
    let lower;
    let word = if settings.case_insensitive && word.chars().any(|c| !c.to_lowercase().eq([c])) {
        lower = word.to_lowercase();
        lower.as_str()
    } else {
        word
    };
    let sep = |c: char| c.is_whitespace() || (settings.hyphens && c == '-');
    let mut key = String::with_capacity(word.len());
    for part in word.split(sep).filter(|p| !p.is_empty()) {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(part);
    }
    key
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
