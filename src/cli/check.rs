//! `check` and `extract`: [`CheckArgs`] and [`ExtractArgs`] share
//! [`InputArgs`] (what to read, where the report goes) and [`Common`]; each
//! has only the flags it honours.

use super::findings::Plan;
use super::*;
use crosscheck::compare::Finding;
use crosscheck::extract::Claim;
use crosscheck::facts::Facts;
use crosscheck::report::CheckResult;
use crosscheck::rules::Severity;
use crosscheck::sources::SourceWeights;
use crosscheck::spill::{Spill, Spilled};
use std::collections::BTreeSet;

/// The flags `check` and `extract` share besides [`Common`]: what to read
/// and where the report goes.
#[derive(Debug, Args)]
pub(crate) struct InputArgs {
    /// Articles: files, folders (searched recursively), `.jsonl` corpora, `-` for stdin.
    #[arg(default_value = ".")]
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

/// Everything `check` needs besides the rules, loaded before any article.
struct Extras {
    weights: SourceWeights,
    facts: Facts,
    baseline: Option<Baseline>,
}

fn load_extras(args: &CheckArgs, rules: &RuleSet, color: bool) -> Result<Extras, io::Result<u8>> {
    let fail = |d: &dyn miette::Diagnostic| Err(print_diagnostic(d, color).map(|_| 2));
    let weights = match args.source_weights.as_deref().map(SourceWeights::load).transpose() {
        Ok(w) => w.unwrap_or_default(),
        Err(e) => return fail(&e),
    };
    let facts = match args.facts.as_deref().map(|p| Facts::load(p, rules)).transpose() {
        Ok(f) => f.unwrap_or_default(),
        Err(e) => return fail(&e),
    };
    let baseline = match args.baseline.as_deref().map(Baseline::read).transpose() {
        Ok(b) => b,
        Err(e) => return fail(&e),
    };
    Ok(Extras {
        weights,
        facts,
        baseline,
    })
}

/// Loads the settings and the `--sources` file; on error the exit code.
fn load_settings(input: &InputArgs, common: &Common) -> Result<Settings, io::Result<u8>> {
    Settings::load(common).and_then(|s| s.with_sources(input.sources.as_deref()))
}

/// Refuses a `-o FILE` that is one of the articles read: exit code 2.
fn refuse_overwrite(input: &InputArgs, against: &[PathBuf]) -> Result<(), io::Result<u8>> {
    let Some(output) = &input.output else {
        return Ok(());
    };
    match overwrites_input(output, &[input.paths.as_slice(), against].concat()) {
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
        rules: RuleInfo::of(&settings.rules),
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
    let extras = match load_extras(args, &settings.rules, settings.color) {
        Ok(e) => e,
        Err(code) => return code,
    };
    if let Err(code) = refuse_overwrite(&args.input, &args.against) {
        return code;
    }
    let (options, report) = reporter(&settings, settings.format(args.format), args.input.output.is_some());
    let sink = Sink::open(args.input.output.as_deref())?;
    compare_and_report(args, &mut settings, &extras, options, fail_on, &*report, sink)
}

/// `extract`: every claim the rules read, in a format `extract` writes.
pub(crate) fn extract(args: &ExtractArgs) -> io::Result<u8> {
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
    let (options, report) = reporter(&settings, format, args.input.output.is_some());
    let mut sink = Sink::open(args.input.output.as_deref())?;
    let errors = extract_claims(&args.input, &settings, options, format, &*report, &mut sink)?;
    sink.finish()?;
    print_input_errors(&errors)?;
    Ok(if errors.is_empty() { 0 } else { 2 })
}

/// `check` after the setup: the claims to disk, the findings counted, then
/// the report written as the findings are made again; the exit code.
fn compare_and_report(
    args: &CheckArgs,
    settings: &mut Settings,
    extras: &Extras,
    options: crosscheck::extract::Options,
    fail_on: FailOn,
    report: &dyn crosscheck::report::Report,
    mut sink: Sink,
) -> io::Result<u8> {
    let gathered = match gather(args, settings, options) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("crosscheck: cannot keep the claims in a temporary folder: {e}");
            return Ok(2);
        }
    };
    // Extraction is over: free the regexes and their caches before the
    // comparison builds its largest key.
    settings.rules.release_matchers();
    release_free_memory();
    let scopes = scopes_of(&settings.rules, &gathered.claims)?;
    let plan = Plan {
        rules: &settings.rules,
        weights: &extras.weights,
        facts: &extras.facts,
        drafts: gathered.drafts.as_ref(),
        claims: &gathered.claims,
        scopes: &scopes,
    };
    let Some(counted) = count(&plan, args, extras)? else {
        return Ok(2);
    };
    let summary = crosscheck::report::Summary {
        articles: gathered.articles,
        claims: gathered.claims.claims(),
        unreadable: gathered.errors.len(),
        ..counted.summary
    };
    let failed = match fail_on {
        FailOn::Never => false,
        FailOn::Error => summary.errors > 0,
        FailOn::Warning => summary.errors + summary.warnings > 0,
    };
    let accepted = counted.written.as_ref().or(extras.baseline.as_ref());
    let entries = accepted.map_or(0, |b| b.findings.len());
    let walk =
        move |f: &mut dyn FnMut(&Finding) -> io::Result<()>| plan.each(accepted, &mut vec![false; entries], true, f);
    let result = CheckResult::streamed(Box::new(walk), summary, gathered.errors, counted.stale);
    if let Some(phase) = &gathered.phase {
        // A report on the terminal shows itself; a spinner would break
        // its lines.
        match &sink {
            Sink::Stdout(_) if io::stdout().is_terminal() => phase.finish(),
            _ => phase.say("comparing the claims and writing the report"),
        }
    }
    report.check(&mut sink, &result)?;
    sink.finish()?;
    if settings.format(args.format) == Format::Github {
        write_step_summary(&result)?;
    }
    if let Some(phase) = &gathered.phase {
        phase.finish();
    }
    report_stale(&result);
    print_input_errors(&result.input_errors)?;
    Ok(if !result.input_errors.is_empty() {
        2
    } else if failed {
        1
    } else {
        0
    })
}

/// Under GitHub Actions (`$GITHUB_STEP_SUMMARY` names a file), appends a
/// Markdown table of every finding to the job's summary.
fn write_step_summary(result: &CheckResult) -> io::Result<()> {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return Ok(());
    };
    let path = PathBuf::from(path);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .map_err(|e| cannot_write(&path, &e))?;
    let mut out = io::BufWriter::new(file);
    crosscheck::report::Github
        .step_summary(&mut out, result)
        .and_then(|()| out.flush())
        .map_err(|e| cannot_write(&path, &e))
}

/// What the first walk over the findings counted.
struct Counted {
    summary: crosscheck::report::Summary,
    stale: Vec<crosscheck::baseline::Entry>,
    /// The baseline `--write-baseline` wrote: it accepts every finding,
    /// this run's too.
    written: Option<Baseline>,
}

/// Walks the findings once for the counts (the summary comes before the
/// findings in some reports) and, with `--write-baseline`, records them.
/// `None` when the baseline could not be written (said on stderr).
fn count(plan: &Plan, args: &CheckArgs, extras: &Extras) -> io::Result<Option<Counted>> {
    let given = extras.baseline.as_ref();
    let mut used = vec![false; given.map_or(0, |b| b.findings.len())];
    let mut summary = crosscheck::report::Summary::default();
    let mut entries = Vec::new();
    let recording = args.write_baseline.is_some();
    plan.each(given, &mut used, false, &mut |f| {
        match (f.baselined, f.severity) {
            (true, _) => summary.baselined += 1,
            (false, Severity::Error) => summary.errors += 1,
            (false, Severity::Warning) => summary.warnings += 1,
            (false, Severity::Note) => summary.notes += 1,
        }
        if recording && f.severity != Severity::Note {
            entries.push(crosscheck::baseline::Entry::of(f));
        }
        Ok(())
    })?;
    let mut stale = given.map(|b| b.stale(&used)).unwrap_or_default();
    let mut written = None;
    if let Some(path) = &args.write_baseline {
        let baseline = Baseline::from_entries(entries);
        if let Err(e) = write_baseline(path, &baseline) {
            eprintln!("crosscheck: baseline not written: {e}");
            return Ok(None);
        }
        // What was just recorded is accepted from now on, this run too.
        summary.baselined += summary.errors + summary.warnings;
        summary.errors = 0;
        summary.warnings = 0;
        stale.clear();
        written = Some(baseline);
    }
    summary.stale = stale.len();
    Ok(Some(Counted {
        summary,
        stale,
        written,
    }))
}

/// `extract`: every claim. JSONL is written as the articles are read, so
/// the map step of a large run holds only a chunk of claims; the other
/// formats lay out the whole list.
fn extract_claims(
    args: &InputArgs,
    settings: &Settings,
    options: crosscheck::extract::Options,
    format: Format,
    report: &dyn crosscheck::report::Report,
    out: &mut Sink,
) -> io::Result<Vec<corpus::InputError>> {
    let (inputs, mut errors) = inputs(args, settings);
    let progress = progress::Progress::new(&inputs);
    let rules = &settings.rules;
    if format == Format::Jsonl {
        let mut write = |claims: Vec<Claim>| report.extract(&mut *out, &claims, &[]);
        let streamed = crosscheck::extract::run_each(rules, &inputs, options, &|n| progress.tick(n), &mut write)?;
        progress.finish();
        errors.extend(streamed.errors);
        return Ok(errors);
    }
    let mut extraction = crosscheck::extract::run_with_progress(rules, &inputs, options, &|n| progress.tick(n));
    progress.finish();
    errors.append(&mut extraction.errors);
    report.extract(out, &extraction.claims, &errors)?;
    Ok(errors)
}

/// The instances of recurring events the claims name: the claims of the
/// scope rules' keys, read back from the spill.
fn scopes_of(rules: &RuleSet, claims: &Spilled) -> io::Result<crosscheck::scope::Scopes> {
    let wanted = crosscheck::scope::read_keys(rules);
    let mut named = Vec::new();
    for (i, key) in claims.keys().enumerate() {
        if wanted.contains(key) {
            named.extend(claims.read(i)?);
        }
    }
    Ok(crosscheck::scope::Scopes::build(rules, &named))
}

/// The claims of a run, on disk by key, and what reading them counted.
struct Gathered {
    claims: Spilled,
    articles: usize,
    errors: Vec<corpus::InputError>,
    /// The drafts' article names, with `--against`.
    drafts: Option<BTreeSet<String>>,
    /// The spinner shown while the claims are compared and the report
    /// written (a large corpus on a terminal).
    phase: Option<progress::Phase>,
}

/// The inputs the paths name (stdin as JSONL with `--stdin-jsonl`).
fn inputs(args: &InputArgs, settings: &Settings) -> (Vec<corpus::Input>, Vec<corpus::InputError>) {
    let (mut inputs, errors) = settings.discover(&args.paths);
    if args.stdin_jsonl {
        for input in &mut inputs {
            if *input == corpus::Input::Stdin {
                *input = corpus::Input::StdinJsonl;
            }
        }
    }
    (inputs, errors)
}

/// Reads the claims into a spill: from shards, or by extracting the
/// articles (drafts first, with `--against`).
fn gather(args: &CheckArgs, settings: &Settings, options: crosscheck::extract::Options) -> io::Result<Gathered> {
    let rules = &settings.rules;
    let mut spill = Spill::new()?;
    if !args.claims.is_empty() {
        let mut keep = |c: Claim| spill.push([c]);
        let (articles, errors) = crosscheck::shard::for_each_claim(&args.claims, rules, &mut keep)?;
        return Ok(Gathered {
            claims: spill.finish()?,
            articles,
            errors,
            drafts: None,
            phase: None,
        });
    }
    let (inputs, mut errors) = inputs(&args.input, settings);
    let mut articles = 0;
    let mut drafts = None;
    if !args.against.is_empty() {
        let mut extraction = crosscheck::extract::run_with_progress(rules, &inputs, options, &|_| {});
        drafts = Some(extraction.claims.iter().map(|c| c.article.to_string()).collect());
        // A draft with no date is about to be published: today.
        let today = chrono::Local::now().date_naive();
        for c in &mut extraction.claims {
            c.published.get_or_insert(today);
        }
        spill.push(extraction.claims)?;
        articles = extraction.articles;
        errors.append(&mut extraction.errors);
    }
    let corpus = if args.against.is_empty() {
        inputs
    } else {
        let (published, more) = settings.discover(&args.against);
        errors.extend(more);
        without_drafts(published, &inputs)
    };
    let progress = progress::Progress::new(&corpus);
    let first = articles;
    let mut keep = |mut claims: Vec<Claim>| {
        for c in &mut claims {
            c.article_index += first;
        }
        spill.push(claims)
    };
    let streamed = crosscheck::extract::run_each(rules, &corpus, options, &|n| progress.tick(n), &mut keep)?;
    let phase = progress.then("comparing the claims");
    errors.extend(streamed.errors);
    Ok(Gathered {
        claims: spill.finish()?,
        articles: articles + streamed.articles,
        errors,
        drafts,
        phase: Some(phase),
    })
}

/// The published inputs that are not drafts: an article is one article,
/// whichever paths name it (`content/a.md`, `./content/a.md`, an absolute
/// path, a symbolic link), so a draft inside the corpus it is checked
/// against is read once, as the draft. Paths compare canonicalized; a JSONL
/// corpus is one file, so its lines go with it.
fn without_drafts(published: Vec<corpus::Input>, drafts: &[corpus::Input]) -> Vec<corpus::Input> {
    let canonical = |input: &corpus::Input| match input {
        corpus::Input::File(p, _) | corpus::Input::Jsonl(p) => std::fs::canonicalize(p).ok(),
        corpus::Input::Stdin | corpus::Input::StdinJsonl => None,
    };
    let drafts: std::collections::HashSet<PathBuf> = drafts.iter().filter_map(canonical).collect();
    if drafts.is_empty() {
        return published;
    }
    published
        .into_iter()
        .filter(|p| canonical(p).is_none_or(|c| !drafts.contains(&c)))
        .collect()
}

fn write_baseline(path: &std::path::Path, baseline: &Baseline) -> io::Result<()> {
    write_atomically(path, baseline.to_json().as_bytes())?;
    let n = baseline.findings.len();
    let noun = if n == 1 { "finding" } else { "findings" };
    eprintln!("crosscheck: wrote {n} {noun} to {}", path.display());
    Ok(())
}

fn report_stale(result: &CheckResult) {
    for entry in &result.stale {
        let claims: Vec<String> = entry
            .claims
            .iter()
            .map(|p| format!("{} says {}", p.article, p.value))
            .collect();
        eprintln!(
            "crosscheck: stale baseline entry: {} {} ({}) no longer occurs",
            entry.code,
            entry.key,
            claims.join(", ")
        );
    }
}

/// The input article `output` would overwrite, if any.
fn overwrites_input(output: &std::path::Path, paths: &[PathBuf]) -> Option<String> {
    let target = std::fs::canonicalize(output).ok()?;
    let (inputs, _) = corpus::discover(paths, &|_| true);
    inputs.iter().find_map(|input| match input {
        corpus::Input::File(p, _) | corpus::Input::Jsonl(p) => {
            (std::fs::canonicalize(p).ok()? == target).then(|| p.display().to_string())
        }
        corpus::Input::Stdin | corpus::Input::StdinJsonl => None,
    })
}
