//! `diff`: a claim-by-source table — who said what, who is the outlier.
//!
//! `diff A B` compares two files or folders, each one column named by its
//! path; `diff --by source CORPUS...` gives each source its own column
//! (front matter, JSONL field, or the first folder under the path given).
//! The table itself is built by [`crosscheck::diff::table`]. Exit 0 when no
//! cell disagrees with its row's majority, 1 when one does, 2 on errors.

use super::*;
use crosscheck::diff::{self, Options, Table};
use crosscheck::extract::Extraction;
use crosscheck::report::Html;
use crosscheck::sources::SourceWeights;
use std::path::Path;

#[derive(Debug, Args)]
pub(crate) struct DiffArgs {
    /// Two files or folders to compare (A B), or with `--by source` the
    /// corpus: files, folders, `.jsonl` corpora.
    #[arg(required = true, value_name = "PATH")]
    pub(crate) paths: Vec<PathBuf>,
    /// One column a source, over every path given.
    #[arg(long, value_enum, value_name = "WHAT")]
    pub(crate) by: Option<By>,
    /// Output format [default: table].
    #[arg(long, value_enum)]
    pub(crate) format: Option<DiffFormat>,
    /// Write the table to this file (atomically) instead of stdout.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// Trust weights of sources (YAML), for weighted majorities.
    #[arg(long, value_name = "FILE")]
    pub(crate) source_weights: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) common: Common,
}

/// What the columns are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum By {
    /// The article's source (outlet).
    Source,
}

/// How the table is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum DiffFormat {
    /// Aligned columns for a terminal.
    Table,
    /// A GitHub-flavoured Markdown table.
    Markdown,
    /// One JSON document: `{version, weighted, sources, rows}`.
    Json,
    /// A self-contained HTML page with each cell's evidence.
    Html,
}

pub(crate) fn diff(args: &DiffArgs) -> io::Result<u8> {
    if args.by.is_none() && args.paths.len() != 2 {
        eprintln!("crosscheck: diff compares two paths (A B); use `--by source` for a corpus");
        return Ok(2);
    }
    let settings = match Settings::load(&args.common) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let weights = match args.source_weights.as_deref().map(SourceWeights::load).transpose() {
        Ok(w) => w.unwrap_or_default(),
        Err(e) => return print_diagnostic(&e, settings.color).map(|_| 2),
    };
    if let Some(clash) = args.output.as_deref().and_then(|o| overwrites_input(o, &args.paths)) {
        eprintln!("crosscheck: refusing to write the table over the input article {clash}");
        return Ok(2);
    }
    if let Some(n) = args.common.threads {
        // A second build fails only if the pool exists already; keep it.
        let _ = rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build_global();
    }
    let (extraction, columns) = gather(args, &settings);
    let table = diff::table(
        &extraction.claims,
        Options {
            weights: &weights,
            columns: &columns,
            rules: Some(&settings.rules),
        },
    );
    let bytes = render(&table, args.format.unwrap_or(DiffFormat::Table), settings.color)?;
    match &args.output {
        Some(path) => write_atomically(path, &bytes)?,
        None => {
            let mut out = io::stdout().lock();
            out.write_all(&bytes)?;
            out.flush()?;
        }
    }
    print_input_errors(&extraction.errors)?;
    Ok(if !extraction.errors.is_empty() {
        2
    } else {
        u8::from(table.disagrees())
    })
}

/// Extracts the claims; without `--by`, each path's claims take the path
/// as their source. Returns the columns that must come first, in order.
fn gather(args: &DiffArgs, settings: &Settings) -> (Extraction, Vec<String>) {
    let accept = |p: &Path| settings.filter.accepts(p);
    if args.by.is_some() {
        let (inputs, mut errors) = corpus::discover(&args.paths, &accept);
        let mut extraction = crosscheck::extract::run(&settings.rules, &inputs);
        errors.append(&mut extraction.errors);
        extraction.errors = errors;
        return (extraction, Vec::new());
    }
    let mut all = Extraction::default();
    let mut columns = Vec::new();
    for path in &args.paths {
        let name = path.display().to_string();
        let (inputs, mut errors) = corpus::discover(std::slice::from_ref(path), &accept);
        let mut side = crosscheck::extract::run(&settings.rules, &inputs);
        let source: std::sync::Arc<str> = std::sync::Arc::from(name.as_str());
        for c in &mut side.claims {
            c.source = Some(source.clone());
            c.article_index += all.articles;
        }
        all.claims.append(&mut side.claims);
        all.articles += side.articles;
        all.errors.append(&mut errors);
        all.errors.append(&mut side.errors);
        columns.push(name);
    }
    (all, columns)
}

fn render(table: &Table, format: DiffFormat, color: bool) -> io::Result<Vec<u8>> {
    Ok(match format {
        DiffFormat::Table => table.text(color).into_bytes(),
        DiffFormat::Markdown => table.markdown().into_bytes(),
        DiffFormat::Json => {
            let mut bytes = serde_json::to_vec_pretty(&table.to_json())?;
            bytes.push(b'\n');
            bytes
        }
        DiffFormat::Html => {
            let mut bytes = Vec::new();
            Html.diff(&mut bytes, table)?;
            bytes
        }
    })
}

/// The input article `output` would overwrite, if any.
fn overwrites_input(output: &Path, paths: &[PathBuf]) -> Option<String> {
    let target = std::fs::canonicalize(output).ok()?;
    let (inputs, _) = corpus::discover(paths, &|_| true);
    inputs.iter().find_map(|input| match input {
        corpus::Input::File(p, _) | corpus::Input::Jsonl(p) => {
            (std::fs::canonicalize(p).ok()? == target).then(|| p.display().to_string())
        }
        corpus::Input::Stdin | corpus::Input::StdinJsonl => None,
    })
}
