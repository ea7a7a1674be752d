//! `diff`: a claim-by-source table — who said what, who is the outlier.
//!
//! `diff A B` compares two files or folders, each one column named by its
//! path, or two sources: `diff A B --in CORPUS...` takes A and B as source
//! names and compares what those two sources say in the corpus (also when
//! neither A nor B is a file or folder, over the current folder, as
//! `check` reads it by default). `diff --by source CORPUS...` gives each
//! source its own column (front matter, JSONL field, `--sources` mapping
//! file, or the first folder under the path given). The table itself is
//! built by [`crosscheck::diff::table`]. Exit 0 when no cell disagrees with
//! its row's majority, 1 when one does, 2 on errors.

use super::*;
use crosscheck::diff::gather::{self, Columns};
use crosscheck::diff::{self, Options};
use crosscheck::input::sources::SourceWeights;
use crosscheck::report::TableFormat;

#[derive(Debug, Args)]
#[command(after_long_help = DIFF_EXAMPLES)]
pub(crate) struct DiffArgs {
    /// Two files or folders to compare (A B); two source names with `--in`
    /// (or when neither A nor B is a file or folder); with `--by source`,
    /// the corpus: files, folders, `.jsonl` corpora.
    #[arg(required = true, value_name = "PATH")]
    pub(crate) paths: Vec<PathBuf>,
    /// One column a source, over every path given.
    #[arg(long, value_enum, value_name = "WHAT")]
    pub(crate) by: Option<By>,
    /// A and B are source names, compared over this corpus (repeatable).
    /// Without it, A and B are paths; when neither exists, source names
    /// over the current folder.
    #[arg(long = "in", value_name = "CORPUS", conflicts_with = "by")]
    pub(crate) corpus: Vec<PathBuf>,
    /// Sources of article files (YAML: article path or glob → source name);
    /// front matter and JSONL `source` still win, the first folder yields.
    #[arg(long, value_name = "FILE")]
    pub(crate) sources: Option<PathBuf>,
    /// Output format [default: table].
    #[arg(long, value_enum)]
    pub(crate) format: Option<TableFormat>,
    /// Write the table to this file (atomically) instead of stdout.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// Trust weights of sources (YAML), for weighted majorities.
    #[arg(long, value_name = "FILE")]
    pub(crate) source_weights: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) common: Common,
}

const DIFF_EXAMPLES: &str = "\
Examples:
  crosscheck diff corpus/hespress corpus/kech24       two folders, a column each
  crosscheck diff a.md b.md                           two articles
  crosscheck diff hespress kech24 --in corpus/        two sources of a corpus
  crosscheck diff --by source corpus/                 a column for every source
  crosscheck diff --by source seeds/ --sources docs/seeds-sources.yaml

A source is the article's front matter `source` (or the JSONL field), else
the `--sources` file's name for its path, else the first folder under the
path given (corpus/hespress/a.txt is hespress).

A `--sources` file maps article paths or globs to source names:
  seeds/004_ab1a5d83bf4eb712.txt: kech24
  \"corpus/wire/**\": map
A pattern without `/` matches the file name anywhere; one with `/` the path
as given (as reports print it) or relative to the mapping file's folder.";

/// What the columns are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum By {
    /// The article's source (outlet).
    Source,
}

pub(crate) fn diff(args: &DiffArgs) -> io::Result<u8> {
    let columns = match Columns::of(&args.paths, args.by.is_some(), &args.corpus) {
        Ok(c) => c,
        Err(message) => {
            eprintln!("crosscheck: {message}");
            return Ok(2);
        }
    };
    let settings = match Settings::load(&args.common, args.sources.as_deref()) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let weights = match args.source_weights.as_deref().map(SourceWeights::load).transpose() {
        Ok(w) => w.unwrap_or_default(),
        Err(e) => return print_diagnostic(&e, settings.color).map(|_| 2),
    };
    let read = columns.reads(&args.paths);
    if let Some(clash) = args.output.as_deref().and_then(|o| corpus::overwrites_input(o, read)) {
        eprintln!("crosscheck: refusing to write the table over the input article {clash}");
        return Ok(2);
    }
    let discover = |paths: &[PathBuf]| settings.discover(paths);
    let rules = &settings.rules;
    let (extraction, columns) = match columns {
        Columns::BySource => (gather::corpus(rules, &args.paths, &discover), Vec::new()),
        Columns::Paths => gather::paths(rules, &args.paths, &|p| settings.filter.accepts(p)),
        Columns::Sources(_) => {
            let names: Vec<String> = args.paths.iter().map(|p| p.display().to_string()).collect();
            match gather::sources(rules, &names, read, &discover, args.corpus.is_empty()) {
                Ok(extraction) => (extraction, names),
                Err(e) => {
                    print_input_errors(&e.errors)?;
                    eprintln!("crosscheck: {}", e.message);
                    print_skipped(&e.skipped)?;
                    return Ok(2);
                }
            }
        }
    };
    let table = diff::table(
        &extraction.claims,
        Options {
            weights: &weights,
            columns: &columns,
            rules: Some(&settings.rules),
        },
    );
    let bytes = crosscheck::report::table(&table, args.format.unwrap_or(TableFormat::Table), settings.color)?;
    match &args.output {
        Some(path) => write_atomically(path, &bytes)?,
        None => {
            let mut out = io::stdout().lock();
            out.write_all(&bytes)?;
            out.flush()?;
        }
    }
    print_input_errors(&extraction.errors)?;
    print_skipped(&extraction.skipped)?;
    Ok(if !extraction.errors.is_empty() {
        2
    } else {
        u8::from(table.disagrees())
    })
}
