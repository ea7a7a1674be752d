//! The rule pack format, as serde reads it and the JSON Schema describes it.

use crate::grammar::calendar::CalendarLexicon;
use crate::grammar::number::NumberLexicon;
use crate::grammar::Kind;
use serde::Deserialize;

/// A rule pack file.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PackSpec {
    /// The pack's name: the first part of every key (`interpol`).
    pub pack: String,
    /// Language code of the grammars (`ar`, `en`, `fr`).
    pub language: String,
    #[serde(default)]
    pub description: Option<String>,
    /// The pack applies only to articles that mention one of these words.
    #[serde(default)]
    pub about: Vec<String>,
    /// Words added to the language's calendar lexicon for this pack.
    #[serde(default)]
    pub lexicon: Option<CalendarLexicon>,
    /// Words added to the language's number lexicon for this pack (a
    /// dialect's number words), under the keys of the built-in lexicon
    /// (`units`, `tens`, `scales`…; `settings` stays the built-in one's).
    #[serde(default)]
    pub numbers: Option<NumberLexicon>,
    /// Words added to the language's news lexicon for this pack (as-of,
    /// attribution, earlier, hedged and denied markers) and the canonical
    /// names of the bodies its outlets quote (`bodies`).
    #[serde(default)]
    pub news: Option<crate::news::NewsLexicon>,
    pub rules: Vec<RuleSpec>,
}

/// One rule, as written.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleSpec {
    pub id: String,
    /// The fact the rule's claims are about, when it is not `pack.id`:
    /// rules of several packs (of several languages) that set the same key
    /// are compared with each other.
    #[serde(default)]
    pub key: Option<String>,
    pub title: String,
    pub kind: Kind,
    pub patterns: Vec<String>,
    /// A match counts only with one of these words within `near-window`
    /// characters of it.
    #[serde(default)]
    pub near: Vec<String>,
    /// A match is dropped when one of these words is within `near-window`
    /// characters of it.
    #[serde(default)]
    pub not_near: Vec<String>,
    /// How the fact changes over time: `increasing` (a running total),
    /// `decreasing`, or `any` (revised either way). Without it the fact is
    /// static.
    #[serde(default)]
    pub evolves: Option<crate::news::Evolves>,
    /// The update this rule's figures are reported in, with the other rules
    /// of the same group (`toll`: the deaths and the injured): figures of
    /// one sentence identify one update across articles.
    #[serde(default)]
    pub update: Option<String>,
    /// The rule (an id of this pack, or a key) whose claim names the
    /// instance of a recurring event an article is about, such as the
    /// session number of an assembly: claims of different instances are
    /// never compared. A date rule scopes by the year of its date.
    #[serde(default)]
    pub scope: Option<String>,
    #[serde(default = "default_window")]
    pub near_window: usize,
    /// `error` (default) or `warning`; `name` rules default to `warning`.
    #[serde(default)]
    pub severity: Option<Severity>,
    /// A `name` rule's preferred spelling.
    #[serde(default)]
    pub canonical: Option<String>,
    /// A `name` rule's spellings: what `{name}` matches.
    #[serde(default)]
    pub spellings: Vec<String>,
    /// Relative half-width of an approximate number (`0.1` = ±10%).
    #[serde(default)]
    pub tolerance: Option<f64>,
    /// How a `count` rule reads a round figure written with a scale word
    /// (`9 آلاف`, `2 million`): `exact` (default), the number it says, or
    /// `approximate`, any number that rounds to it (`9 آلاف` agrees with
    /// 9240: within half a unit of its last figure).
    #[serde(default)]
    pub round: Option<crate::model::value::Rounding>,
    #[serde(default)]
    pub help: Option<String>,
    #[serde(default)]
    pub examples: Vec<Example>,
    #[serde(default)]
    pub allows: Vec<String>,
}

fn default_window() -> usize {
    80
}

/// A text a rule must read, and the canonical value it must read there.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub text: String,
    pub value: String,
    /// The publication date the text is read against (`2026-03-09`), for
    /// rules whose values are relative to it (`yesterday`, a weekday).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub published: Option<chrono::NaiveDate>,
}

/// How serious a rule's findings are.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Deserialize,
    serde::Serialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Information that fails nothing (a figure superseded over time).
    Note,
    Warning,
    #[default]
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}
