//! The claims of a `diff`, with its columns: a source each over a corpus,
//! two paths (each path its own source), or two named sources of a corpus.

use super::column_of;
use crate::extract::{self, Extraction};
use crate::input::corpus::{self, Input, InputError};
use crate::rules::RuleSet;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What the columns of a `diff` are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Columns {
    /// `--by source CORPUS...`: a column a source.
    BySource,
    /// `A B`: two paths, a column each, named by the path.
    Paths,
    /// `A B --in CORPUS...`: two source names over a corpus (the current
    /// folder when none is named: neither A nor B is a path).
    Sources(Vec<PathBuf>),
}

impl Columns {
    /// The columns `paths` ask for: `by_source` over a corpus; else two
    /// paths, or two source names over `corpus`, or, when neither path
    /// exists and no corpus is named, two sources of the current folder.
    pub fn of(paths: &[PathBuf], by_source: bool, corpus: &[PathBuf]) -> Result<Columns, String> {
        if by_source {
            return Ok(Columns::BySource);
        }
        let [a, b] = paths else {
            return Err("diff compares two paths or two sources (A B); use `--by source` for a corpus".into());
        };
        if !corpus.is_empty() {
            return Ok(Columns::Sources(corpus.to_vec()));
        }
        let exists = |p: &PathBuf| p.as_os_str() == "-" || std::fs::symlink_metadata(p).is_ok();
        match (exists(a), exists(b)) {
            (true, true) => Ok(Columns::Paths),
            (false, false) => Ok(Columns::Sources(vec![PathBuf::from(".")])),
            (a_there, _) => {
                let (missing, there) = if a_there { (b, a) } else { (a, b) };
                Err(format!(
                    "`{}` is not a file or folder, but `{}` is; to compare two sources, name the corpus: \
                     crosscheck diff SOURCE SOURCE --in CORPUS",
                    missing.display(),
                    there.display()
                ))
            }
        }
    }

    /// The paths read: the corpus of two sources, else the paths given.
    pub fn reads<'a>(&'a self, paths: &'a [PathBuf]) -> &'a [PathBuf] {
        match self {
            Columns::Sources(corpus) => corpus,
            Columns::BySource | Columns::Paths => paths,
        }
    }
}

/// Lists the inputs under paths: with the front end's filter and source
/// mapping.
pub type Discover<'a> = dyn Fn(&[PathBuf]) -> (Vec<Input>, Vec<InputError>) + 'a;

/// A source named for a column that gives no claim (a misspelt name, most
/// likely).
#[derive(Debug)]
pub struct NoSuchSource {
    /// What names the sources that do give claims there.
    pub message: String,
    pub errors: Vec<InputError>,
    pub skipped: Vec<InputError>,
}

/// Extracts the claims of a corpus, each with its article's source.
pub fn corpus(rules: &RuleSet, paths: &[PathBuf], discover: &Discover) -> Extraction {
    let (inputs, mut errors) = discover(paths);
    let mut extraction = extract::run(rules, &inputs);
    errors.append(&mut extraction.errors);
    extraction.errors = errors;
    extraction
}

/// `A B --in CORPUS`: the claims of the two sources `names`, the columns
/// in their order. `said_paths` adds to the error that the names are not
/// files or folders either (no corpus was named).
pub fn sources(
    rules: &RuleSet,
    names: &[String],
    corpus_paths: &[PathBuf],
    discover: &Discover,
    said_paths: bool,
) -> Result<Extraction, NoSuchSource> {
    let mut extraction = corpus(rules, corpus_paths, discover);
    let found: BTreeSet<&str> = extraction.claims.iter().map(column_of).collect();
    if let Some(missing) = names.iter().find(|n| !found.contains(n.as_str())) {
        let place: Vec<String> = corpus_paths.iter().map(|p| p.display().to_string()).collect();
        let known: Vec<&str> = found.into_iter().collect();
        let known = if known.is_empty() {
            "none".to_string()
        } else {
            known.join(", ")
        };
        let path_too = if said_paths {
            " (nor is it a file or folder)"
        } else {
            ""
        };
        let message = format!(
            "no claim in {} comes from source `{missing}`{path_too}; sources with claims there: {known}",
            place.join(" ")
        );
        return Err(NoSuchSource {
            message,
            errors: std::mem::take(&mut extraction.errors),
            skipped: std::mem::take(&mut extraction.skipped),
        });
    }
    extraction.claims.retain(|c| names.iter().any(|n| n == column_of(c)));
    Ok(extraction)
}

/// `A B`: each path's claims take the path as their source; the columns
/// are the paths, in order.
pub fn paths(rules: &RuleSet, paths: &[PathBuf], accept: &dyn Fn(&Path) -> bool) -> (Extraction, Vec<String>) {
    let mut all = Extraction::default();
    let mut columns = Vec::new();
    for path in paths {
        let name = path.display().to_string();
        let (inputs, mut errors) = corpus::discover(std::slice::from_ref(path), accept);
        let mut side = extract::run(rules, &inputs);
        let source: Arc<str> = Arc::from(name.as_str());
        for c in &mut side.claims {
            c.source = Some(source.clone());
            c.article_index += all.articles;
        }
        all.claims.append(&mut side.claims);
        all.articles += side.articles;
        all.errors.append(&mut errors);
        all.errors.append(&mut side.errors);
        all.skipped.append(&mut side.skipped);
        columns.push(name);
    }
    corpus::sort_notes(&mut all.skipped);
    (all, columns)
}
