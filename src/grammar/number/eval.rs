//! Tokens and evaluation: what each word means, the tokenizer, and the
//! left-to-right sum of groups and scales.

use super::lexicon::{word_key, NumberLexicon, Settings};
use super::pattern::digit_token;
use super::NumberGrammar;
use std::collections::HashMap;

/// What a scale word says about its count.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Form {
    /// `ألف`: times the group before it, or 1.
    One,
    /// `ألفان`: 2 times the scale.
    Two,
    /// `آلاف`: times the group before it, which is required.
    Many,
}

/// The meaning of a lexicon word.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Word {
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
pub(super) enum Token<'a> {
    Digits(&'a str),
    /// Digits already read (a language's own grouping: fr `1.874`).
    Value(f64),
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
            Token::Value(v) => self.current += v,
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
pub(super) fn evaluate(tokens: &[Token]) -> Option<f64> {
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
pub(super) fn parse_digits(s: &str) -> Option<f64> {
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

/// Digits grouped by single dots in a language whose dot groups
/// thousands (fr `1.874`, `12.500,5`): their value. None for other forms
/// and languages.
fn dot_grouped(d: &str, settings: Settings) -> Option<f64> {
    if !settings.dot_thousands || !d.contains('.') {
        return None;
    }
    let (int, frac) = d.split_once(',').unwrap_or((d, ""));
    let mut groups = int.split('.');
    let first = groups.next()?;
    let ok = (1..=3).contains(&first.len()) && groups.all(|g| g.len() == 3);
    if !ok {
        return None;
    }
    let plain = int.replace('.', "");
    let s = if frac.is_empty() {
        plain
    } else {
        format!("{plain}.{frac}")
    };
    s.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Word meanings: (cardinal words, ordinal words).
pub(super) fn word_tables(lx: &NumberLexicon) -> (HashMap<String, Word>, HashMap<String, Word>) {
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

impl NumberGrammar {
    /// Cuts a matched text into tokens; glue (and-words, prefixes, digit
    /// suffixes) is dropped.
    pub(super) fn tokens<'a>(&self, s: &'a str, ordinal: bool) -> Option<Vec<Token<'a>>> {
        let mut out = Vec::new();
        let mut pos = 0;
        while pos < s.len() {
            let rest = &s[pos..];
            let trimmed = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '-');
            if trimmed.len() < rest.len() {
                pos += rest.len() - trimmed.len();
                continue;
            }
            if let Some(d) = digit_token(rest, self.settings) {
                out.push(match dot_grouped(d, self.settings) {
                    Some(v) => Token::Value(v),
                    None => Token::Digits(d),
                });
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
}
