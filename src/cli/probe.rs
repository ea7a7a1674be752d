//! `probe`: what the value grammars read in a text.

use super::*;
use crosscheck::value::NumberSet;

#[derive(Debug, Args)]
pub(crate) struct ProbeArgs {
    /// What to look for.
    #[arg(long, value_enum)]
    pub(crate) kind: ProbeKind,
    /// Resolve dates without a year against this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub(crate) reference: Option<String>,
    /// Language of the grammars.
    #[arg(long, default_value = "ar")]
    pub(crate) language: String,
    /// Texts to read; one a line from stdin when none is given.
    pub(crate) texts: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ProbeKind {
    Number,
    Ordinal,
    Date,
    DateRange,
}

/// `probe`: one JSON line an input, every value found, in text order.
pub(crate) fn probe(args: &ProbeArgs) -> io::Result<u8> {
    let Some(grammar) = Grammar::new(&args.language, None) else {
        eprintln!("crosscheck: no grammar for language `{}`", args.language);
        return Ok(2);
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
        let values = probe_values(&grammar, args.kind, text, reference);
        let line = serde_json::json!({ "input": text, "values": values });
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

pub(crate) fn probe_values(
    g: &Grammar,
    kind: ProbeKind,
    text: &str,
    reference: Option<chrono::NaiveDate>,
) -> Vec<String> {
    let folded = fold(text);
    match kind {
        // With its qualifier, as a `{count}` claim reads it: `~800`, `>140`.
        ProbeKind::Number => g
            .find_counts(&folded)
            .into_iter()
            .map(|(_, _, v, q)| NumberSet::new(v, q, 0.1).canonical())
            .collect(),
        ProbeKind::Ordinal => g
            .numbers()
            .find_ordinals(&folded)
            .into_iter()
            .map(|(_, _, v)| v.to_string())
            .collect(),
        ProbeKind::Date | ProbeKind::DateRange => {
            let range = kind == ProbeKind::DateRange;
            let pattern = if range {
                g.dates.range_pattern()
            } else {
                g.dates.date_pattern()
            };
            let Ok(re) = regex::RegexBuilder::new(&format!(r"\b{pattern}\b"))
                .case_insensitive(true)
                .build()
            else {
                return Vec::new();
            };
            re.find_iter(&folded)
                .filter_map(|m| {
                    if range {
                        let (a, b) = g.dates.parse_range(m.as_str(), reference)?;
                        Some(format!("{}/{}", a.canonical(), b.canonical()))
                    } else {
                        g.dates
                            .parse_date(m.as_str(), reference)
                            .map(|d: DateSet| d.canonical())
                    }
                })
                .collect()
        }
    }
}
