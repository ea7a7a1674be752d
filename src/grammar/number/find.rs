//! The finders: every cardinal and ordinal in a folded text, with the
//! context checks that keep times, codes, homographs and fractions out.

use super::context::{
    glued_start, leading_digits, left_context_ok, minus_is_sign, next_pos, next_word, phone_or_code, previous_word,
    right_context_ok, word_after,
};
use super::eval::{evaluate, Token, Word};
use super::lexicon::word_key;
use super::NumberGrammar;

impl NumberGrammar {
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
        if self.article_not_one(n, text, end) {
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

    /// Whether the word `n` (ending at `end`) is the indefinite article
    /// before a word that says so (`un dernier bilan`), not one.
    fn article_not_one(&self, n: &str, text: &str, end: usize) -> bool {
        let ctx = &self.context;
        let key = |s: &str| word_key(s, self.settings);
        ctx.article_one.contains(&key(n)) && ctx.article_one_before.contains(&key(next_word(text, end)))
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
        if self.article_not_one(n, text, end) {
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
