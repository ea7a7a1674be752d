//! `check` and `extract`: [`CheckArgs`] and [`ExtractArgs`] share
//! [`InputArgs`] (what to read, where the report goes) and [`Common`]; each
//! has only the flags it honours.

use super::*;
use crosscheck::engine::spill::{Spill, Spilled};
use crosscheck::engine::store::ClaimStore;
use crosscheck::engine::{Gathered, Source};
use crosscheck::report::RunEnd;
use crosscheck::setup::{EngineFiles, Reading};
use crosscheck::Engine;

/// The flags `check` and `extract` share besides [`Common`]: what to read
/// and where the report goes.
#[derive(Debug, Args)]
pub(crate) struct InputArgs {
    /// Articles: files, folders (searched recursively), `.jsonl` corpora, `-`
    /// for stdin [default: . (but none with --index)].
    pub(crate) paths: Vec<PathBuf>,
    /// Read `-` (stdin) as a JSONL corpus, one article an object: for
    /// running the map step under a pipe (Spark's `RDD.pipe`).
    #[arg(long)]
    pub(crate) stdin_jsonl: bool,
    /// Write the report to this file (atomically) instead of stdout.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// Sources of article files (YAML: article path or glob → source name);
    /// front matter and JSONL `source` still win, the first folder yields.
    #[arg(long, value_name = "FILE")]
    pub(crate) sources: Option<PathBuf>,
}

impl InputArgs {
    /// The paths given; the current folder when none is.
    fn paths(&self) -> Vec<PathBuf> {
        if self.paths.is_empty() {
            vec![PathBuf::from(".")]
        } else {
            self.paths.clone()
        }
    }
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,
    /// Published articles to check the articles given (the drafts) against:
    /// only findings that involve a draft are reported.
    #[arg(long, value_name = "CORPUS", num_args = 1..)]
    pub(crate) against: Vec<PathBuf>,
    /// Compare claim shards (`extract --format jsonl` output) instead of
    /// reading articles: the reduce step of a map/reduce run.
    #[arg(long, value_name = "SHARD", num_args = 1.., conflicts_with_all = ["against", "sources"])]
    pub(crate) claims: Vec<PathBuf>,
    /// Check the articles given (drafts) against the claims of a published
    /// corpus kept in this index (`crosscheck index update`), with the
    /// findings `--against CORPUS` gives; with no article, check the whole
    /// indexed corpus.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["against", "claims"])]
    pub(crate) index: Option<PathBuf>,
    /// Output format [default: human].
    #[arg(long, value_enum)]
    pub(crate) format: Option<Format>,
    /// Exit 1 when a finding has this severity or a higher one [default: error].
    #[arg(long, value_enum)]
    pub(crate) fail_on: Option<FailOn>,
    /// Accept the findings recorded in this baseline file: they are reported
    /// as baselined and never fail the run.
    #[arg(long, value_name = "FILE")]
    pub(crate) baseline: Option<PathBuf>,
    /// Record every current finding in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub(crate) write_baseline: Option<PathBuf>,
    /// Trust weights of sources (YAML), for weighted majorities.
    #[arg(long, value_name = "FILE")]
    pub(crate) source_weights: Option<PathBuf>,
    /// A reference fact sheet (YAML): claims that contradict it are
    /// `fact-mismatch` findings.
    #[arg(long, value_name = "FILE")]
    pub(crate) facts: Option<PathBuf>,
    /// Quote every claim of a finding. By default a finding quotes each
    /// value it names from at most 3 articles on each side and says how
    /// many claims it left out.
    #[arg(long)]
    pub(crate) all_claims: bool,
    /// Keep the corpus's claims in an index in this folder between runs
    /// (created if missing): a run extracts only new and changed articles.
    /// With `--against`, the published corpus is kept.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["claims", "index", "stdin_jsonl"])]
    pub(crate) cache: Option<PathBuf>,
    /// Report only the findings that involve an article changed since this
    /// git revision (committed, staged or not, and untracked files); the
    /// rest of the corpus is still compared.
    #[arg(long, value_name = "GIT_REF", conflicts_with = "write_baseline")]
    pub(crate) changed_since: Option<String>,
    #[command(flatten)]
    pub(crate) common: Common,
}

#[derive(Debug, Args)]
pub(crate) struct ExtractArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,
    /// Output format [default: human].
    #[arg(long, value_enum)]
    pub(crate) format: Option<ExtractFormat>,
    /// JSON and JSONL: keep the line around each claim (`excerpt`), so the
    /// reduce of claim shards quotes the articles as one run does.
    #[arg(long)]
    pub(crate) excerpts: bool,
    #[command(flatten)]
    pub(crate) common: Common,
}

/// The formats `extract` writes: every format but SARIF, which describes
/// findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ExtractFormat {
    /// One claim a line: `path:line:col: key = value  «text»`.
    Human,
    /// One JSON document (see docs/json.md).
    Json,
    /// One JSON object a claim, a line (what `check --claims` reads).
    Jsonl,
    /// GitHub Actions workflow commands (`::notice file=…`), one a claim.
    Github,
    /// `path:line:col: key value`, one a line.
    Short,
    /// A self-contained HTML page of the claims.
    Html,
}

impl ExtractFormat {
    fn format(self) -> Format {
        match self {
            ExtractFormat::Human => Format::Human,
            ExtractFormat::Json => Format::Json,
            ExtractFormat::Jsonl => Format::Jsonl,
            ExtractFormat::Github => Format::Github,
            ExtractFormat::Short => Format::Short,
            ExtractFormat::Html => Format::Html,
        }
    }

    /// The `extract` format of a `format` a config file names, if it has one.
    fn of(format: Format) -> Option<ExtractFormat> {
        Some(match format {
            Format::Human => ExtractFormat::Human,
            Format::Json => ExtractFormat::Json,
            Format::Jsonl => ExtractFormat::Jsonl,
            Format::Github => ExtractFormat::Github,
            Format::Short => ExtractFormat::Short,
            Format::Html => ExtractFormat::Html,
            Format::Sarif => return None,
        })
    }
}

/// Loads the settings and the `--sources` file; on error the exit code.
fn load_settings(input: &InputArgs, common: &Common) -> Result<Settings, io::Result<u8>> {
    Settings::load(common, input.sources.as_deref())
}

/// Refuses a `-o FILE` that is one of the articles read: exit code 2.
fn refuse_overwrite(input: &InputArgs, against: &[PathBuf]) -> Result<(), io::Result<u8>> {
    let Some(output) = &input.output else {
        return Ok(());
    };
    match corpus::overwrites_input(output, &[input.paths().as_slice(), against].concat()) {
        Some(clash) => {
            eprintln!("crosscheck: refusing to write the report over the input article {clash}");
            Err(Ok(2))
        }
        None => Ok(()),
    }
}

/// The report of `format` and what extraction must keep for it.
fn reporter(
    settings: &Settings,
    rules: &RuleSet,
    format: Format,
    to_file: bool,
) -> (crosscheck::extract::Options, Box<dyn crosscheck::report::Report>) {
    // Only reports that quote articles need the line around each claim.
    let options = crosscheck::extract::Options {
        excerpts: matches!(format, Format::Human | Format::Html),
    };
    let report = format.reporter(&ReportOptions {
        color: settings.color,
        width: terminal_width(if to_file { Stream::File } else { Stream::Stdout }),
        rules: RuleInfo::of(rules),
    });
    (options, report)
}

pub(crate) fn check(args: &CheckArgs) -> io::Result<u8> {
    let mut settings = match load_settings(&args.input, &args.common) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let fail_on = match settings.fail_on(args.fail_on) {
        Ok(f) => f,
        Err(message) => {
            eprintln!("crosscheck: {message}");
            return Ok(2);
        }
    };
    let changed = match args.changed_since.as_deref().map(changed_files) {
        None => None,
        Some(Ok(changed)) => Some(changed),
        Some(Err(message)) => {
            eprintln!("crosscheck: --changed-since: {message}");
            return Ok(2);
        }
    };
    // The cache is brought up to the corpus while the setup still holds
    // the rules (the engine takes them).
    let cached = match &args.cache {
        Some(dir) => match update_cache(args, &settings, dir) {
            Ok(db) => Some(db),
            Err(code) => return code,
        },
        None => None,
    };
    let files = EngineFiles {
        weights: args.source_weights.as_deref(),
        facts: args.facts.as_deref(),
        baseline: args.baseline.as_deref(),
    };
    let mut engine = match settings.setup.engine(files) {
        Ok(e) => e,
        Err(e) => return print_setup_error(&e, settings.color),
    };
    if args.all_claims {
        engine.quotes = crosscheck::compare::Quotes::All;
    }
    if let Err(code) = refuse_overwrite(&args.input, &args.against) {
        return code;
    }
    let to_file = args.input.output.is_some();
    let (options, report) = reporter(&settings, &engine.rules, settings.format(args.format), to_file);
    let out = Destination::open(args.input.output.as_deref())?;
    let index = cached.as_deref().or(args.index.as_deref());
    // With `--index`, paths given are drafts; with `--cache`, only when
    // the cached corpus is `--against`'s.
    let drafts = if cached.is_some() {
        !args.against.is_empty()
    } else {
        !args.input.paths.is_empty()
    };
    let run = RunArgs {
        index,
        drafts,
        changed: changed.as_ref(),
    };
    compare_and_report(args, run, &settings, &mut engine, options, fail_on, &*report, out)
}

/// What a `check` reads its claims from and reports, besides its flags.
#[derive(Clone, Copy)]
struct RunArgs<'a> {
    /// The index: `--index`, or the cache's.
    index: Option<&'a std::path::Path>,
    /// Whether the paths given are drafts, checked against the index.
    drafts: bool,
    /// The files changed since `--changed-since`.
    changed: Option<&'a Changed>,
}

/// Brings the index in the `--cache` folder up to the corpus (the paths,
/// or the `--against` corpus); its path. Says on stderr what it did.
fn update_cache(args: &CheckArgs, settings: &Settings, dir: &std::path::Path) -> Result<PathBuf, io::Result<u8>> {
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("crosscheck: cannot make the cache folder {}: {e}", dir.display());
        return Err(Ok(2));
    }
    let db = dir.join("claims.sqlite");
    let corpus = if args.against.is_empty() {
        args.input.paths()
    } else {
        args.against.clone()
    };
    let updated = crosscheck::index::Index::open_to_write(&db, std::time::Duration::from_secs(30))
        .and_then(|mut index| index.update(&settings.setup, &corpus, &|_| {}));
    match updated {
        Ok(u) => {
            for note in &u.notes {
                eprintln!("crosscheck: {note}");
            }
            eprintln!(
                "crosscheck: cache {}: {} articles, {} extracted ({} new, {} changed, {} for new rules), {} removed",
                dir.display(),
                u.articles,
                u.added + u.changed + u.repacked,
                u.added,
                u.changed,
                u.repacked,
                u.removed
            );
            Ok(db)
        }
        Err(e) => {
            eprintln!("crosscheck: cache: {e}");
            Err(Ok(2))
        }
    }
}

/// The files `git` says changed since a revision, canonical.
#[derive(Debug, Default)]
pub(crate) struct Changed {
    files: std::collections::HashSet<PathBuf>,
    /// Article names already looked up: a big finding names an article
    /// many times.
    seen: std::sync::Mutex<std::collections::HashMap<String, bool>>,
}

impl Changed {
    /// Whether the article named `name` is one of the changed files (a
    /// file article is named by its path; a JSONL article `FILE#id`).
    fn has(&self, name: &str) -> bool {
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&known) = seen.get(name) {
            return known;
        }
        let file = match name.rsplit_once('#') {
            Some((file, _)) if !std::path::Path::new(name).exists() => file,
            _ => name,
        };
        let changed = std::fs::canonicalize(file).is_ok_and(|p| self.files.contains(&p));
        seen.insert(name.to_string(), changed);
        changed
    }
}

/// `git diff --name-only REV` (tracked files changed since `rev`, in the
/// index or the work tree) and `git ls-files --others --exclude-standard`
/// (new files), from the repository the current folder is in.
fn changed_files(rev: &str) -> Result<Changed, String> {
    let git = |args: &[&str]| -> Result<String, String> {
        let out = std::process::Command::new("git")
            .args(args)
            .output()
            .map_err(|e| format!("cannot run git: {e}"))?;
        if !out.status.success() {
            let err = String::from_utf8_lossy(&out.stderr);
            return Err(format!("git {}: {}", args.join(" "), err.trim()));
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let top = PathBuf::from(git(&["rev-parse", "--show-toplevel"])?.trim_end_matches(['\n', '\r']));
    let commit = git(&["rev-parse", "--verify", "--quiet", &format!("{rev}^{{commit}}")])
        .map_err(|_| format!("`{rev}` is not a revision of this repository"))?;
    let diff = git(&["diff", "--name-only", "-z", commit.trim(), "--"])?;
    let new = git(&["ls-files", "--others", "--exclude-standard", "-z", "--full-name", ":/"])?;
    let files = diff
        .split('\0')
        .chain(new.split('\0'))
        .filter(|f| !f.is_empty())
        .filter_map(|f| std::fs::canonicalize(top.join(f)).ok())
        .collect();
    Ok(Changed {
        files,
        seen: Default::default(),
    })
}

/// `extract`: every claim the rules read, in a format `extract` writes.
pub(crate) fn extract(args: &ExtractArgs) -> io::Result<u8> {
    // A map step under a pipe (Spark's `RDD.pipe`) is one task of many,
    // each given a core already: one thread, unless `-j` says otherwise.
    if args.common.threads.is_none() && args.input.paths.iter().any(|p| p.as_os_str() == "-") {
        // A second build fails only if the pool exists already; keep it.
        let _ = rayon::ThreadPoolBuilder::new().num_threads(1).build_global();
    }
    let settings = match load_settings(&args.input, &args.common) {
        Ok(s) => s,
        Err(code) => return code,
    };
    if let Err(code) = refuse_overwrite(&args.input, &[]) {
        return code;
    }
    let format = match args.format {
        Some(f) => f,
        None => match settings.config.format.map(|f| (f, ExtractFormat::of(f))) {
            None => ExtractFormat::Human,
            Some((_, Some(f))) => f,
            Some((given, None)) => {
                let name = given
                    .to_possible_value()
                    .map_or_else(String::new, |v| v.get_name().to_string());
                eprintln!(
                    "crosscheck: {}: format `{name}` is for `check`; `extract` writes human",
                    settings.config.name()
                );
                ExtractFormat::Human
            }
        },
    }
    .format();
    let (mut options, report) = reporter(&settings, &settings.rules, format, args.input.output.is_some());
    options.excerpts |= args.excerpts;
    let mut sink = Destination::open(args.input.output.as_deref())?;
    let (errors, skipped) = extract_claims(&args.input, &settings, options, &*report, &mut sink)?;
    sink.finish()?;
    print_input_errors(&errors)?;
    print_skipped(&skipped)?;
    Ok(if errors.is_empty() { 0 } else { 2 })
}

/// `check` after the setup: the claims to disk, the findings counted, then
/// the report written as the findings are made again; the exit code.
#[allow(clippy::too_many_arguments)]
fn compare_and_report(
    args: &CheckArgs,
    given: RunArgs,
    settings: &Settings,
    engine: &mut Engine,
    options: crosscheck::extract::Options,
    fail_on: FailOn,
    report: &dyn crosscheck::report::Report,
    mut out: Destination,
) -> io::Result<u8> {
    let (gathered, phase) = match given.index {
        Some(db) => match gather_index(args, given, settings, engine, options, db) {
            Ok(g) => (boxed(g), None),
            Err(e) => {
                eprintln!("crosscheck: {e}");
                return Ok(2);
            }
        },
        None => match gather(args, settings, engine, options) {
            Ok((g, phase)) => (boxed(g), phase),
            Err(e) => {
                eprintln!("crosscheck: cannot keep the claims in a temporary folder: {e}");
                return Ok(2);
            }
        },
    };
    // Extraction is over: free the regexes and their caches before the
    // comparison builds its largest key.
    engine.release_matchers();
    let involving = given.changed.map(|c| move |name: &str| c.has(name));
    let mut run = engine.run(&*gathered.store, gathered.drafts.as_ref())?;
    if let Some(changed) = &involving {
        run = run.involving(changed);
    }
    if let Some(phase) = &phase {
        // A report on the terminal shows itself; a spinner would break
        // its lines.
        match &out {
            Destination::Stdout(_) if io::stdout().is_terminal() => phase.finish(),
            _ => phase.say("comparing the claims and writing the report"),
        }
    }
    let mut step_file = match settings.format(args.format) {
        Format::Github => step_summary_file()?,
        _ => None,
    };
    let mut step = step_file
        .as_mut()
        .map(|(_, file)| crosscheck::report::Github.step_summary(file));
    let mut sink = report.sink(&mut out);
    let record = args.write_baseline.is_some();
    // The published articles quoted, to say which changed since indexed.
    let mut quoted = std::collections::BTreeSet::new();
    let counted = run.each(record, true, &mut |f| {
        if args.index.is_some() {
            let drafts = gathered.drafts.as_ref();
            let published = f.claims.iter().map(|(_, c)| &*c.article);
            quoted.extend(
                published
                    .filter(|a| drafts.is_none_or(|d| !d.contains(*a)))
                    .map(str::to_string),
            );
        }
        sink.finding(f)?;
        step.as_mut().map_or(Ok(()), |s| s.finding(f))
    })?;
    let summary = crosscheck::report::Summary {
        articles: gathered.articles,
        claims: gathered.store.claims(),
        unreadable: gathered.errors.len(),
        ..counted.summary
    };
    let end = RunEnd {
        summary: &summary,
        input_errors: &gathered.errors,
        skipped: &gathered.skipped,
        stale: &counted.stale,
    };
    sink.finish(&end)?;
    drop(sink);
    out.finish()?;
    let stepped = step.take().map(|mut s| s.finish(&end));
    drop(step);
    if let (Some(done), Some((path, file))) = (stepped, &mut step_file) {
        done.and_then(|()| file.flush()).map_err(|e| cannot_write(path, &e))?;
    }
    if let Some(phase) = &phase {
        phase.finish();
    }
    if let (Some(path), Some(baseline)) = (&args.write_baseline, &counted.recorded) {
        if let Err(e) = write_baseline(path, baseline) {
            eprintln!("crosscheck: baseline not written: {e}");
            print_skipped(&gathered.skipped)?;
            return Ok(2);
        }
    }
    report_stale(&counted.stale);
    if let Some(db) = &args.index {
        super::index::notes_after_check(db, &quoted);
    }
    print_input_errors(&gathered.errors)?;
    print_skipped(&gathered.skipped)?;
    Ok(end.exit_code(fail_on.severity()))
}

/// Under GitHub Actions (`$GITHUB_STEP_SUMMARY` names a file), that file,
/// opened to append the job's summary to.
fn step_summary_file() -> io::Result<Option<(PathBuf, io::BufWriter<std::fs::File>)>> {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return Ok(None);
    };
    let path = PathBuf::from(path);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .map_err(|e| cannot_write(&path, &e))?;
    Ok(Some((path, io::BufWriter::new(file))))
}

/// `extract`: every claim. JSONL is written as the articles are read, so
/// the map step of a large run holds only a chunk of claims; the other
/// formats lay out the whole list.
fn extract_claims(
    args: &InputArgs,
    settings: &Settings,
    options: crosscheck::extract::Options,
    report: &dyn crosscheck::report::Report,
    out: &mut Destination,
) -> io::Result<(Vec<corpus::InputError>, Vec<corpus::InputError>)> {
    let reading = read(settings, &args.paths(), args.stdin_jsonl, &[]);
    let progress = progress::Progress::new(&reading.corpus);
    let tick = |n| progress.tick(n);
    let (rules, inputs) = (&settings.rules, &reading.corpus);
    let fingerprint = settings.fingerprint();
    let written =
        crosscheck::report::extract_all(report, rules, inputs, options, &tick, &fingerprint, reading.errors, out);
    progress.finish();
    written
}

/// The inputs of a run ([`Setup::reading`]), folders with nothing to read
/// named on stderr.
fn read(settings: &Settings, paths: &[PathBuf], stdin_jsonl: bool, against: &[PathBuf]) -> Reading {
    let reading = settings.reading(paths, stdin_jsonl, against);
    for note in &reading.notes {
        eprintln!("crosscheck: {note}");
    }
    reading
}

/// Reads the claims into a spill: from shards, or by extracting the
/// articles (drafts first, with `--against`); with the spinner to show
/// while the claims are compared and the report written (a large corpus
/// on a terminal).
fn gather(
    args: &CheckArgs,
    settings: &Settings,
    engine: &Engine,
    options: crosscheck::extract::Options,
) -> io::Result<(Gathered<Spilled>, Option<progress::Phase>)> {
    let spill = Spill::new()?;
    if !args.claims.is_empty() {
        let fingerprint = settings.fingerprint();
        let shards = Source::Shards {
            paths: &args.claims,
            fingerprint: Some(&fingerprint),
        };
        let gathered = engine.gather(shards, options, &|_| {}, spill)?;
        return Ok((gathered, None));
    }
    let reading = read(settings, &args.input.paths(), args.input.stdin_jsonl, &args.against);
    let progress = progress::Progress::new(&reading.corpus);
    let source = reading.source(chrono::Local::now().date_naive());
    let mut gathered = engine.gather(source, options, &|n| progress.tick(n), spill)?;
    let phase = progress.then("comparing the claims");
    gathered.errors.splice(0..0, reading.errors);
    Ok((gathered, Some(phase)))
}

/// `check --index`: the drafts given (none: the whole indexed corpus)
/// and the indexed claims of their keys.
fn gather_index(
    args: &CheckArgs,
    given: RunArgs,
    settings: &Settings,
    engine: &Engine,
    options: crosscheck::extract::Options,
    db: &std::path::Path,
) -> Result<Gathered<crosscheck::index::Indexed>, crosscheck::index::IndexError> {
    let index = crosscheck::index::Index::open(db, std::time::Duration::from_secs(30))?;
    index.require_fingerprint(&settings.fingerprint())?;
    let reading = given
        .drafts
        .then(|| read(settings, &args.input.paths, args.input.stdin_jsonl, &[]));
    let drafts = reading.as_ref().map(|r| crosscheck::index::Drafts {
        drafts: &r.corpus,
        today: chrono::Local::now().date_naive(),
    });
    let mut gathered = index.gather(engine, drafts, options)?;
    if let Some(reading) = reading {
        gathered.errors.splice(0..0, reading.errors);
    }
    Ok(gathered)
}

/// A run's claims behind the one store type the comparison reads.
fn boxed<S: ClaimStore + 'static>(g: Gathered<S>) -> Gathered<Box<dyn ClaimStore>> {
    g.map_store(|s| Box::new(s) as Box<dyn ClaimStore>)
}

fn write_baseline(path: &std::path::Path, baseline: &Baseline) -> io::Result<()> {
    write_atomically(path, baseline.to_json().as_bytes())?;
    let n = baseline.findings.len();
    let noun = if n == 1 { "finding" } else { "findings" };
    eprintln!("crosscheck: wrote {n} {noun} to {}", path.display());
    Ok(())
}

fn report_stale(stale: &[crosscheck::compare::baseline::Entry]) {
    for entry in stale {
        eprintln!("crosscheck: {}", entry.stale_message());
    }
}
