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
use crosscheck::diff::{self, gather, Options, Table};
use crosscheck::input::sources::SourceWeights;
use crosscheck::report::Html;

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

/// What the two sides or the columns are.
enum Mode<'a> {
    /// `--by source CORPUS...`: a column a source.
    BySource,
    /// `A B`: two paths, a column each, named by the path.
    Paths,
    /// `A B --in CORPUS...`: two source names over a corpus; none given
    /// (neither A nor B is a path) is the current folder.
    Sources(&'a [PathBuf]),
}

fn mode(args: &DiffArgs) -> Result<Mode<'_>, String> {
    if args.by.is_some() {
        return Ok(Mode::BySource);
    }
    if args.paths.len() != 2 {
        return Err("diff compares two paths or two sources (A B); use `--by source` for a corpus".into());
    }
    if !args.corpus.is_empty() {
        return Ok(Mode::Sources(&args.corpus));
    }
    let exists = |p: &PathBuf| p.as_os_str() == "-" || std::fs::symlink_metadata(p).is_ok();
    match (exists(&args.paths[0]), exists(&args.paths[1])) {
        (true, true) => Ok(Mode::Paths),
        (false, false) => Ok(Mode::Sources(&[])),
        (a, _) => {
            let (missing, there) = if a { (1, 0) } else { (0, 1) };
            Err(format!(
                "`{}` is not a file or folder, but `{}` is; to compare two sources, name the corpus: \
                 crosscheck diff SOURCE SOURCE --in CORPUS",
                args.paths[missing].display(),
                args.paths[there].display()
            ))
        }
    }
}

pub(crate) fn diff(args: &DiffArgs) -> io::Result<u8> {
    let mode = match mode(args) {
        Ok(m) => m,
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
    let read = match mode {
        Mode::Sources(corpus) => corpus_or_here(corpus),
        Mode::BySource | Mode::Paths => args.paths.clone(),
    };
    if let Some(clash) = args.output.as_deref().and_then(|o| corpus::overwrites_input(o, &read)) {
        eprintln!("crosscheck: refusing to write the table over the input article {clash}");
        return Ok(2);
    }
    let discover = |paths: &[PathBuf]| settings.discover(paths);
    let rules = &settings.rules;
    let (extraction, columns) = match mode {
        Mode::BySource => (gather::corpus(rules, &args.paths, &discover), Vec::new()),
        Mode::Paths => gather::paths(rules, &args.paths, &|p| settings.filter.accepts(p)),
        Mode::Sources(_) => {
            let names: Vec<String> = args.paths.iter().map(|p| p.display().to_string()).collect();
            match gather::sources(rules, &names, &read, &discover, args.corpus.is_empty()) {
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
    print_skipped(&extraction.skipped)?;
    Ok(if !extraction.errors.is_empty() {
        2
    } else {
        u8::from(table.disagrees())
    })
}

fn corpus_or_here(corpus: &[PathBuf]) -> Vec<PathBuf> {
    if corpus.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        corpus.to_vec()
    }
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
