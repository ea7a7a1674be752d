//! Claim shards: the reduce side of map/reduce.
//!
//! `crosscheck extract --format jsonl` is a pure per-article map: one claim
//! a line. [`read_claims`] reads such lines back (from any number of
//! extract runs) so `check --claims` compares them exactly as one run over
//! the whole corpus would: comparison orders claims by article name and
//! offset, never by input order.

use super::record::ClaimRecord;
use crate::extract::Claim;
use crate::input::corpus::InputError;
use crate::rules::RuleSet;
use std::collections::HashMap;
use std::io::BufRead;
use std::path::Path;

/// Reads claim shards, streaming each file line by line. Article names
/// get stable indices in order of first appearance.
pub fn read_claims(paths: &[impl AsRef<Path>], rules: &RuleSet) -> (Vec<Claim>, usize, Vec<InputError>) {
    let mut claims = Vec::new();
    let mut keep = |c: Claim| {
        claims.push(c);
        Ok(())
    };
    // Keeping claims in memory cannot fail.
    let (articles, errors) = for_each_claim(paths, rules, &mut keep).unwrap_or_default();
    (claims, articles, errors)
}

/// As [`read_claims`], handing each claim to `sink` instead of keeping
/// them: returns the number of articles and the lines that could not be
/// read. Fails only if the sink does.
pub fn for_each_claim(
    paths: &[impl AsRef<Path>],
    rules: &RuleSet,
    sink: &mut dyn FnMut(Claim) -> std::io::Result<()>,
) -> std::io::Result<(usize, Vec<InputError>)> {
    let mut errors = Vec::new();
    let mut articles: HashMap<String, usize> = HashMap::new();
    for path in paths {
        let path = path.as_ref();
        let name = path.display().to_string();
        let file = match std::fs::File::open(path) {
            Ok(f) => f,
            Err(e) => {
                errors.push(InputError::new(name, e.to_string()));
                continue;
            }
        };
        for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
            let at = format!("{name}:{}", i + 1);
            let line = match line {
                Ok(l) => l,
                Err(e) => {
                    errors.push(InputError::new(at, e.to_string()));
                    break;
                }
            };
            if line.trim().is_empty() {
                continue;
            }
            match claim_of(&line, rules, &mut articles) {
                Ok(c) => sink(c)?,
                Err(reason) => errors.push(InputError::new(at, reason)),
            }
        }
    }
    Ok((articles.len(), errors))
}

fn claim_of(line: &str, rules: &RuleSet, articles: &mut HashMap<String, usize>) -> Result<Claim, String> {
    let record: ClaimRecord = serde_json::from_str(line).map_err(|e| format!("not a claim: {e}"))?;
    record.claim(rules, articles)
}
