//! Claim shards: the reduce side of map/reduce.
//!
//! `crosscheck extract --format jsonl` is a pure per-article map: one claim
//! a line, and besides the claims a few [`Record`]s that make the reduce
//! lossless: the run's fingerprint (which packs and settings read the
//! claims), one record an article read (so an article with no claim is
//! still counted), one an input that could not be read and one an input
//! skipped. [`for_each_claim`] reads such lines back (from any number of
//! extract runs) so `check --claims` compares them, and counts articles
//! and unreadable inputs, exactly as one run over the whole corpus would:
//! comparison orders claims by article name and offset, never by input
//! order.

use super::record::ClaimRecord;
use crate::extract::Claim;
use crate::input::corpus::{sort_notes, InputError};
use crate::rules::RuleSet;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashMap;
use std::io::BufRead;
use std::path::Path;

/// A line of a map step's output that is not a claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "record", rename_all = "kebab-case")]
pub enum Record<'a> {
    /// The first line of a run: the crosscheck version and the fingerprint
    /// of its packs and settings ([`crate::setup::Setup::fingerprint`]).
    Run {
        crosscheck: Cow<'a, str>,
        fingerprint: Cow<'a, str>,
    },
    /// An article read, before its claims: its name and how many claims
    /// follow.
    Article { article: Cow<'a, str>, claims: usize },
    /// An input (or a JSONL line) that could not be read.
    Unreadable { path: Cow<'a, str>, reason: Cow<'a, str> },
    /// An input read and skipped (an empty file), or a value of it ignored.
    Skipped { path: Cow<'a, str>, reason: Cow<'a, str> },
}

/// A line of a map step's output: a record or a claim.
#[derive(Debug, Clone, Copy)]
pub enum ShardLine<'a> {
    Record(&'a Record<'a>),
    Claim(&'a Claim),
}

impl<'a> Record<'a> {
    /// The run record of this crosscheck with the setup's `fingerprint`.
    pub fn run(fingerprint: &'a str) -> Record<'a> {
        Record::Run {
            crosscheck: env!("CARGO_PKG_VERSION").into(),
            fingerprint: fingerprint.into(),
        }
    }

    /// The record of an input that could not be read.
    pub fn unreadable(e: &'a InputError) -> Record<'a> {
        Record::Unreadable {
            path: (&*e.path).into(),
            reason: (&*e.reason).into(),
        }
    }

    /// The record of an input skipped.
    pub fn skipped(e: &'a InputError) -> Record<'a> {
        Record::Skipped {
            path: (&*e.path).into(),
            reason: (&*e.reason).into(),
        }
    }

    /// Refuses the shard at `path` if this is a run record of another
    /// fingerprint than `ours` ([`OtherPacks`], as an `InvalidData` error).
    fn require(&self, path: &Path, ours: &str) -> std::io::Result<()> {
        match self {
            Record::Run {
                crosscheck,
                fingerprint,
            } if fingerprint != ours => {
                let refused = OtherPacks {
                    path: path.display().to_string(),
                    version: crosscheck.to_string(),
                    theirs: fingerprint.to_string(),
                    ours: ours.to_string(),
                };
                Err(std::io::Error::new(std::io::ErrorKind::InvalidData, refused))
            }
            _ => Ok(()),
        }
    }

    /// Writes the record as one JSON line.
    pub fn write(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        serde_json::to_writer(&mut *out, self)?;
        out.write_all(b"\n")
    }

    /// The record a line holds, if it holds one rather than a claim.
    fn of(line: &str) -> Option<Record<'static>> {
        // A claim has no `record` field; its strings may hold the word.
        if !line.contains("\"record\"") {
            return None;
        }
        serde_json::from_str(line).ok()
    }
}

/// Shards extracted with other packs or settings than the reduce's.
#[derive(Debug, Clone, thiserror::Error, miette::Diagnostic)]
#[error(
    "{path} was extracted by crosscheck {version} with other rule packs or settings \
     (fingerprint {theirs}) than this run's ({ours}); extract it again with these packs, \
     or compare with the packs and config the map step used"
)]
#[diagnostic(code(crosscheck::shard_fingerprint))]
pub struct OtherPacks {
    pub path: String,
    pub version: String,
    pub theirs: String,
    pub ours: String,
}

/// What reading shards counted, besides the claims handed on.
#[derive(Debug, Default)]
pub struct Reduced {
    /// Articles read by the map steps (every `article` record), and those
    /// only claims name (shards written before article records).
    pub articles: usize,
    /// Inputs the map steps could not read, then shard lines that could
    /// not be read: sorted by file and line, whatever the shards' order.
    pub errors: Vec<InputError>,
    /// Inputs the map steps skipped: sorted by path.
    pub skipped: Vec<InputError>,
}

/// Reads claim shards, keeping the claims. Article names get stable
/// indices in order of first appearance.
pub fn read_claims(paths: &[impl AsRef<Path>], rules: &RuleSet) -> (Vec<Claim>, Reduced) {
    let mut claims = Vec::new();
    let mut keep = |c: Claim| {
        claims.push(c);
        Ok(())
    };
    // Keeping claims in memory cannot fail, and no fingerprint is required.
    let reduced = for_each_claim(paths, rules, None, &mut keep).unwrap_or_default();
    (claims, reduced)
}

/// Reads claim shards, streaming each file line by line, and hands each
/// claim to `sink`. With `fingerprint`, a shard whose run record names
/// another fingerprint is refused ([`OtherPacks`], as an
/// `InvalidData` error); a shard with no run record is read. Fails
/// otherwise only if the sink does.
pub fn for_each_claim(
    paths: &[impl AsRef<Path>],
    rules: &RuleSet,
    fingerprint: Option<&str>,
    sink: &mut dyn FnMut(Claim) -> std::io::Result<()>,
) -> std::io::Result<Reduced> {
    let mut claims = |item: Item| match item {
        Item::Claim(c) => sink(c),
        Item::Article(_) => Ok(()),
    };
    read_shards(paths, rules, fingerprint, &mut claims)
}

/// Refuses a shard whose first line is the run record of another
/// fingerprint ([`OtherPacks`]); a shard that cannot be opened is left to
/// the reading that follows.
pub fn require_fingerprint(path: &Path, fingerprint: &str) -> std::io::Result<()> {
    let Ok(file) = std::fs::File::open(path) else {
        return Ok(());
    };
    let first = std::io::BufReader::new(file)
        .lines()
        .map_while(Result::ok)
        .find(|l| !l.trim().is_empty());
    match first.as_deref().and_then(Record::of) {
        Some(run) => run.require(path, fingerprint),
        None => Ok(()),
    }
}

/// What a shard line hands on, in the shard's order.
#[derive(Debug)]
pub enum Item<'a> {
    /// An article read, before its claims: its name.
    Article(&'a str),
    Claim(Claim),
}

/// As [`for_each_claim`], handing on each article record too.
pub fn read_shards(
    paths: &[impl AsRef<Path>],
    rules: &RuleSet,
    fingerprint: Option<&str>,
    each: &mut dyn FnMut(Item) -> std::io::Result<()>,
) -> std::io::Result<Reduced> {
    let mut reduced = Reduced::default();
    let mut errors = Vec::new();
    let mut articles: HashMap<String, usize> = HashMap::new();
    let mut records = 0;
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
            match Record::of(&line) {
                Some(run @ Record::Run { .. }) => {
                    if let Some(ours) = fingerprint {
                        run.require(path, ours)?;
                    }
                }
                Some(Record::Article { article, .. }) => {
                    records += 1;
                    each(Item::Article(&article))?;
                    let next = articles.len();
                    articles.entry(article.into_owned()).or_insert(next);
                }
                Some(Record::Unreadable { path, reason }) => {
                    reduced.errors.push(InputError::new(path, reason));
                }
                Some(Record::Skipped { path, reason }) => {
                    reduced.skipped.push(InputError::new(path, reason));
                }
                None => match claim_of(&line, rules, &mut articles) {
                    Ok(c) => each(Item::Claim(c))?,
                    Err(reason) => errors.push(InputError::new(at, reason)),
                },
            }
        }
    }
    // Every article read has a record; older shards name articles only in
    // their claims.
    reduced.articles = records.max(articles.len());
    sort_by_place(&mut reduced.errors);
    sort_by_place(&mut errors);
    reduced.errors.append(&mut errors);
    sort_notes(&mut reduced.skipped);
    Ok(reduced)
}

/// Sorts inputs named `path` or `path:line` as a run over them names them:
/// by path, folder by folder (a folder's files in name order, as a corpus
/// is walked), then by line number.
fn sort_by_place(errors: &mut [InputError]) {
    fn place(path: &str) -> (Vec<&str>, usize) {
        let (file, line) = match path.rsplit_once(':') {
            Some((file, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
                (file, n.parse().unwrap_or(usize::MAX))
            }
            _ => (path, 0),
        };
        (file.split('/').collect(), line)
    }
    errors.sort_by(|a, b| place(&a.path).cmp(&place(&b.path)));
}

fn claim_of(line: &str, rules: &RuleSet, articles: &mut HashMap<String, usize>) -> Result<Claim, String> {
    let record: ClaimRecord = serde_json::from_str(line).map_err(|e| format!("not a claim: {e}"))?;
    record.claim(rules, articles)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_are_read_back_and_claims_are_not_records() {
        let records = [
            Record::Run {
                crosscheck: "1.0.0".into(),
                fingerprint: "ab".into(),
            },
            Record::Article {
                article: "c.jsonl#7".into(),
                claims: 2,
            },
            Record::Unreadable {
                path: "c.jsonl:9".into(),
                reason: "not a JSONL article".into(),
            },
            Record::Skipped {
                path: "e.txt".into(),
                reason: "empty file".into(),
            },
        ];
        for r in records {
            let mut line = Vec::new();
            r.write(&mut line).unwrap();
            let line = String::from_utf8(line).unwrap();
            assert!(line.starts_with("{\"record\":"), "{line}");
            assert_eq!(Record::of(line.trim_end()), Some(r));
        }
        let claim = r#"{"key":"k","rule":"k","kind":"count","article":"a","value":"3","text":"the \"record\" says 3","start":0,"end":1,"line":1,"column":1}"#;
        assert_eq!(Record::of(claim), None);
    }

    #[test]
    fn places_sort_by_folder_file_and_line_number() {
        let mut errors: Vec<InputError> = ["c/a.txt", "c.jsonl:100", "c/a/b.txt", "c.jsonl:17", "s3://x/y.jsonl:2"]
            .iter()
            .map(|p| InputError::new(*p, "r"))
            .collect();
        sort_by_place(&mut errors);
        let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(
            paths,
            ["c/a/b.txt", "c/a.txt", "c.jsonl:17", "c.jsonl:100", "s3://x/y.jsonl:2"]
        );
    }
}
