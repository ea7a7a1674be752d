//! `probe`: what the value grammars read in a text.

use super::*;
use crosscheck::grammar::NumberReading;
use crosscheck::model::value::NumberSet;

#[derive(Debug, Args)]
pub(crate) struct ProbeArgs {
    /// What to look for.
    #[arg(long, value_enum)]
    pub(crate) kind: ProbeKind,
    /// Resolve dates without a year against this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub(crate) reference: Option<String>,
    /// Language of the grammars (default: the language of the `--rules`
    /// packs, else `ar`).
    #[arg(long)]
    pub(crate) language: Option<String>,
    /// Read with the lexicon additions of these rule packs (a YAML file or
    /// a folder of them; repeatable): a dialect's number words or month
    /// names, as the pack's rules read them.
    #[arg(long = "rules", value_name = "PATH")]
    pub(crate) rules: Vec<std::path::PathBuf>,
    /// Texts to read; one a line from stdin when none is given.
    pub(crate) texts: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ProbeKind {
    /// Every number, with its qualifier.
    Number,
    /// As a rule's `{count}` reads: ranges as one interval, vague
    /// quantities as bounds.
    Count,
    /// Ordinals in words or digits.
    Ordinal,
    /// Single dates, with the form read and the time of day.
    Date,
    /// Date ranges, with the form read.
    DateRange,
}

/// `probe`: one JSON line an input, every value found, in text order.
pub(crate) fn probe(args: &ProbeArgs) -> io::Result<u8> {
    let grammar = match grammar_for(args) {
        Ok(g) => g,
        Err(code) => return code,
    };
    let reference = match args.reference.as_deref().map(corpus::parse_date) {
        None => None,
        Some(Some(d)) => Some(d),
        Some(None) => {
            eprintln!("crosscheck: --reference must be a date like 2025-11-24");
            return Ok(2);
        }
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut emit = |text: &str| -> io::Result<()> {
        let line = match args.kind {
            ProbeKind::Date | ProbeKind::DateRange => {
                let readings = probe_readings(&grammar, args.kind, text, reference);
                let values: Vec<&serde_json::Value> = readings.iter().filter_map(|r| r.get("value")).collect();
                serde_json::json!({ "input": text, "values": values, "readings": readings })
            }
            _ => {
                let values = probe_values(&grammar, args.kind, text, reference);
                serde_json::json!({ "input": text, "values": values })
            }
        };
        writeln!(out, "{line}")
    };
    if args.texts.is_empty() {
        for line in io::stdin().lock().lines() {
            emit(&line?)?;
        }
    } else {
        for t in &args.texts {
            emit(t)?;
        }
    }
    out.flush()?;
    Ok(0)
}

/// The grammar `probe` reads with: a pack's (with its lexicon additions)
/// under `--rules`, else the built-in one of `--language`.
fn grammar_for(args: &ProbeArgs) -> Result<std::sync::Arc<Grammar>, io::Result<u8>> {
    if args.rules.is_empty() {
        let language = args.language.as_deref().unwrap_or("ar");
        return match Grammar::new(language, None) {
            Some(g) => Ok(std::sync::Arc::new(g)),
            None => {
                eprintln!("crosscheck: no grammar for language `{language}`");
                Err(Ok(2))
            }
        };
    }
    let mut sources = Vec::new();
    for path in &args.rules {
        match RuleSet::read_sources(path) {
            Ok(s) => sources.extend(s),
            Err(errors) => return Err(print_rule_errors(&errors, false).map(|_| 2)),
        }
    }
    // A pack being written may still fail its examples: probe reads anyway.
    let rules = match RuleSet::load_with(&sources, false) {
        Ok(r) => r,
        Err(errors) => return Err(print_rule_errors(&errors, false).map(|_| 2)),
    };
    let mut languages: Vec<&str> = rules.rules.iter().map(|r| r.grammar.language.as_str()).collect();
    languages.sort_unstable();
    languages.dedup();
    let language = match (&args.language, languages.as_slice()) {
        (Some(l), _) => l.as_str(),
        (None, [one]) => one,
        (None, []) => {
            eprintln!("crosscheck: the packs given with --rules hold no rules");
            return Err(Ok(2));
        }
        (None, several) => {
            eprintln!(
                "crosscheck: the packs are in several languages ({}); say which with --language",
                several.join(", ")
            );
            return Err(Ok(2));
        }
    };
    match rules.rules.iter().find(|r| r.grammar.language.as_str() == language) {
        Some(rule) => Ok(rule.grammar.clone()),
        None => {
            eprintln!(
                "crosscheck: no pack given with --rules is in `{language}` (they are in {})",
                languages.join(", ")
            );
            Err(Ok(2))
        }
    }
}

/// Every date or range read in a text, with the form it was read in and
/// the time of day it names: `{"value": "2024-03-09", "form": "weekday",
/// "time": "dawn"}`.
pub(crate) fn probe_readings(
    g: &Grammar,
    kind: ProbeKind,
    text: &str,
    reference: Option<chrono::NaiveDate>,
) -> Vec<serde_json::Value> {
    let folded = fold(text);
    let range = kind == ProbeKind::DateRange;
    let pattern = if range {
        g.dates.range_pattern()
    } else {
        g.dates.date_pattern()
    };
    let Ok(re) = regex::RegexBuilder::new(&format!(r"\b(?:{pattern})\b"))
        .case_insensitive(true)
        .size_limit(64 << 20)
        .build()
    else {
        return Vec::new();
    };
    re.find_iter(&folded)
        .filter_map(|m| {
            if range {
                let r = g.dates.read_range(m.as_str(), reference)?;
                let value = format!("{}/{}", r.start.canonical(), r.end.canonical());
                Some(serde_json::json!({ "value": value, "form": r.form }))
            } else {
                let r = g.dates.read_date(m.as_str(), reference)?;
                let set: &DateSet = &r.set;
                let mut out = serde_json::json!({ "value": set.canonical(), "form": r.form });
                if let Some(part) = r.part {
                    out["time"] = part.name().into();
                }
                Some(out)
            }
        })
        .collect()
}

pub(crate) fn probe_values(
    g: &Grammar,
    kind: ProbeKind,
    text: &str,
    reference: Option<chrono::NaiveDate>,
) -> Vec<String> {
    let folded = fold(text);
    match kind {
        // With its qualifier, as a `{count}` claim reads it: `~800`, `>140`.
        // Every number with its qualifier: `~800`, `>140`.
        ProbeKind::Number => g
            .find_counts(&folded)
            .into_iter()
            .map(|(_, _, v, q)| NumberSet::new(v, q, 0.1).canonical())
            .collect(),
        // As a `{count}` claim reads it: a range as one interval
        // (`4000-4500`), a vague quantity as its bound (`>=12`).
        ProbeKind::Count => g
            .find_count_values(&folded, NumberReading::default())
            .into_iter()
            .map(|(_, _, set)| set.canonical())
            .collect(),
        ProbeKind::Ordinal => g
            .numbers()
            .find_ordinals(&folded)
            .into_iter()
            .map(|(_, _, v)| v.to_string())
            .collect(),
        ProbeKind::Date | ProbeKind::DateRange => probe_readings(g, kind, text, reference)
            .into_iter()
            .filter_map(|r| r.get("value").and_then(|v| v.as_str()).map(String::from))
            .collect(),
    }
}
