//! The words of the news reader: one [`NewsLexicon`] a language, built in
//! (`src/grammar/lexicon/news.yaml`) or added by a pack.

use serde::Deserialize;
use std::collections::BTreeMap;

const BUILTIN: &str = include_str!("../grammar/lexicon/news.yaml");

/// The words of one language, as written in the YAML (see the file's
/// header for what each list is).
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct NewsLexicon {
    #[serde(default)]
    pub earlier: Vec<String>,
    #[serde(default)]
    pub earlier_after: Vec<String>,
    /// Words that make a figure earlier only right before it ("contre 80
    /// la veille"): elsewhere in the clause they are common words ("une
    /// manifestation contre la fermeture").
    #[serde(default)]
    pub earlier_right_before: Vec<String>,
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
        self.earlier_right_before.append(&mut more.earlier_right_before);
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
