//! `index update`, `status`, `export` and `import`: the claim index of a
//! corpus ([`crosscheck::index`]).

use super::*;
use crosscheck::index::{Index, IndexError};
use std::time::Duration;

#[derive(Debug, Subcommand)]
pub(crate) enum IndexCommand {
    /// Bring the index up to a corpus: extract new and changed articles,
    /// drop removed ones.
    Update(UpdateArgs),
    /// What the index holds: articles, claims by key, packs, last update.
    Status(StatusArgs),
    /// Every indexed claim, one JSON object a line, as `extract --format jsonl` writes them.
    Export(ExportArgs),
    /// Make the index hold the corpus that claim shards (`extract --format
    /// jsonl` output, of map steps) describe, without reading an article.
    Import(ImportArgs),
}

#[derive(Debug, Args)]
pub(crate) struct Db {
    /// The index: an SQLite database file.
    #[arg(long, value_name = "FILE")]
    pub(crate) db: PathBuf,
    /// Seconds to wait for another process writing the index.
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    pub(crate) timeout: u64,
}

impl Db {
    fn timeout(&self) -> Duration {
        Duration::from_secs(self.timeout)
    }
}

#[derive(Debug, Args)]
pub(crate) struct UpdateArgs {
    /// The published corpus: files, folders (searched recursively), `.jsonl` corpora.
    #[arg(required = true)]
    pub(crate) paths: Vec<PathBuf>,
    #[command(flatten)]
    pub(crate) db: Db,
    /// Sources of article files (YAML: article path or glob → source name).
    #[arg(long, value_name = "FILE")]
    pub(crate) sources: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) common: Common,
}

#[derive(Debug, Args)]
pub(crate) struct ImportArgs {
    /// Claim shards, extracted with the packs and config of this run
    /// (with `--excerpts`, checks quote whole lines).
    #[arg(required = true, value_name = "SHARD")]
    pub(crate) shards: Vec<PathBuf>,
    #[command(flatten)]
    pub(crate) db: Db,
    #[command(flatten)]
    pub(crate) common: Common,
}

#[derive(Debug, Args)]
pub(crate) struct StatusArgs {
    #[command(flatten)]
    pub(crate) db: Db,
    /// Output format.
    #[arg(long, value_enum, default_value_t = StatusFormat::Human)]
    pub(crate) format: StatusFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum StatusFormat {
    Human,
    Json,
}

#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    #[command(flatten)]
    pub(crate) db: Db,
    /// Write the claims to this file (atomically) instead of stdout.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
}

pub(crate) fn index(cmd: &IndexCommand) -> io::Result<u8> {
    let done = match cmd {
        IndexCommand::Update(args) => update(args),
        IndexCommand::Status(args) => status(args),
        IndexCommand::Export(args) => export(args),
        IndexCommand::Import(args) => import(args),
    };
    match done {
        Ok(code) => Ok(code),
        Err(Failed::Index(e)) => {
            eprintln!("crosscheck: {e}");
            Ok(2)
        }
        Err(Failed::Code(code)) => code,
    }
}

/// Why an index command stopped.
enum Failed {
    Index(IndexError),
    Code(io::Result<u8>),
}

impl From<IndexError> for Failed {
    fn from(e: IndexError) -> Failed {
        Failed::Index(e)
    }
}

impl From<io::Error> for Failed {
    fn from(e: io::Error) -> Failed {
        Failed::Code(Err(e))
    }
}

fn update(args: &UpdateArgs) -> Result<u8, Failed> {
    let settings = Settings::load(&args.common, args.sources.as_deref()).map_err(Failed::Code)?;
    let mut index = Index::open_to_write(&args.db.db, args.db.timeout())?;
    let updated = index.update(&settings.setup, &args.paths, &|_| {})?;
    for note in &updated.notes {
        eprintln!("crosscheck: {note}");
    }
    if updated.setup_changed {
        eprintln!(
            "crosscheck: the rule packs, the config's overrides or the crosscheck version changed since the last update: every article was extracted again"
        );
    }
    println!(
        "{}: {} articles ({} added, {} changed, {} extracted again, {} unchanged, {} removed)",
        args.db.db.display(),
        updated.articles,
        updated.added,
        updated.changed,
        updated.repacked,
        updated.unchanged,
        updated.removed
    );
    print_input_errors(&updated.errors)?;
    print_skipped(&updated.skipped)?;
    Ok(if updated.errors.is_empty() { 0 } else { 2 })
}

fn status(args: &StatusArgs) -> Result<u8, Failed> {
    let index = Index::open(&args.db.db, args.db.timeout())?;
    let s = index.status()?;
    let mut out = io::stdout().lock();
    if args.format == StatusFormat::Json {
        let keys: serde_json::Map<String, serde_json::Value> =
            s.keys.iter().map(|(k, n)| (k.clone(), (*n).into())).collect();
        let packs: Vec<serde_json::Value> = s
            .packs
            .iter()
            .map(|(name, sha)| serde_json::json!({"name": name, "sha256": sha}))
            .collect();
        let doc = serde_json::json!({
            "articles": s.articles,
            "claims": s.claims,
            "keys": keys,
            "packs": packs,
            "version": s.version,
            "updated": s.updated,
            "complete": !s.interrupted,
            "unreadable": s.unreadable,
            "skipped": s.skipped,
        });
        writeln!(out, "{doc}")?;
        return Ok(0);
    }
    writeln!(out, "index: {}", args.db.db.display())?;
    writeln!(out, "articles: {}", s.articles)?;
    writeln!(out, "claims: {}", s.claims)?;
    let when = s.updated.as_deref().unwrap_or("never");
    let version = s
        .version
        .as_deref()
        .map_or(String::new(), |v| format!(" (crosscheck {v})"));
    writeln!(out, "last update: {when}{version}")?;
    if s.interrupted {
        writeln!(
            out,
            "the last update did not finish: the index holds the articles it wrote; run `crosscheck index update` again"
        )?;
    }
    writeln!(out, "inputs unreadable: {}, skipped: {}", s.unreadable, s.skipped)?;
    writeln!(out, "packs:")?;
    for (name, sha) in &s.packs {
        writeln!(out, "  {name}  sha256:{sha}")?;
    }
    writeln!(out, "claims by key:")?;
    let width = s.keys.iter().map(|(k, _)| k.chars().count()).max().unwrap_or(0);
    for (key, n) in &s.keys {
        writeln!(out, "  {key:<width$}  {n}")?;
    }
    Ok(0)
}

fn import(args: &ImportArgs) -> Result<u8, Failed> {
    let settings = Settings::load(&args.common, None).map_err(Failed::Code)?;
    let mut index = Index::open_to_write(&args.db.db, args.db.timeout())?;
    let imported = index.import(&settings.setup, &args.shards)?;
    println!(
        "{}: {} articles imported ({} new, {} again, {} removed)",
        args.db.db.display(),
        imported.articles,
        imported.added,
        imported.changed + imported.repacked,
        imported.removed,
    );
    print_input_errors(&imported.errors)?;
    print_skipped(&imported.skipped)?;
    Ok(if imported.errors.is_empty() { 0 } else { 2 })
}

fn export(args: &ExportArgs) -> Result<u8, Failed> {
    let index = Index::open(&args.db.db, args.db.timeout())?;
    let jsonl = crosscheck::report::Jsonl;
    let mut out = Destination::open(args.output.as_deref())?;
    index.export(&mut |line| crosscheck::report::ClaimStream::line(&jsonl, &mut out, line))?;
    out.finish()?;
    Ok(0)
}

/// `check --index`: the notes after a run, on stderr: an update that did
/// not finish, and the quoted articles whose file changed or went since
/// they were indexed.
pub(crate) fn notes_after_check(db: &Path, quoted: &std::collections::BTreeSet<String>) {
    let Ok(index) = Index::open(db, Duration::from_secs(30)) else {
        return;
    };
    if index.interrupted().unwrap_or(false) {
        eprintln!(
            "crosscheck: note: the last update of {} did not finish; run `crosscheck index update` again",
            db.display()
        );
    }
    for (name, change) in index.changed(quoted.iter().map(String::as_str)).unwrap_or_default() {
        let what = match change {
            crosscheck::index::Change::Changed => "has changed since it was indexed",
            crosscheck::index::Change::Gone => "was indexed but is gone",
        };
        eprintln!("crosscheck: note: {name} {what}; its quotes are from the index (run `crosscheck index update`)");
    }
}
