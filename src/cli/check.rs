//! `check` and `extract`.

use super::*;
use crosscheck::compare::{self, Code, Finding, Role};
use crosscheck::extract::{Claim, Extraction};
use crosscheck::facts::Facts;
use crosscheck::report::CheckResult;
use crosscheck::sources::SourceWeights;
use std::collections::BTreeSet;

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Articles: files, folders (searched recursively), `.jsonl` corpora, `-` for stdin.
    /// With `--against`, these are the drafts.
    #[arg(default_value = ".")]
    pub(crate) paths: Vec<PathBuf>,
    /// Published articles to check the drafts (PATHS) against: only findings
    /// that involve a draft are reported.
    #[arg(long, value_name = "CORPUS", num_args = 1..)]
    pub(crate) against: Vec<PathBuf>,
    /// Compare claim shards (`extract --format jsonl` output) instead of
    /// reading articles: the reduce step of a map/reduce run.
    #[arg(long, value_name = "SHARD", num_args = 1.., conflicts_with = "against")]
    pub(crate) claims: Vec<PathBuf>,
    /// Read `-` (stdin) as a JSONL corpus, one article an object: for
    /// running the map step under a pipe (Spark's `RDD.pipe`).
    #[arg(long)]
    pub(crate) stdin_jsonl: bool,
    /// Output format [default: human].
    #[arg(long, value_enum)]
    pub(crate) format: Option<Format>,
    /// Write the report to this file (atomically) instead of stdout.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
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

pub(crate) fn check(args: &CheckArgs, extract_only: bool) -> io::Result<u8> {
    let settings = match Settings::load(&args.common) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let (rules, color) = (&settings.rules, settings.color);
    let fail_on = match settings.fail_on(args.fail_on) {
        Ok(f) => f,
        Err(message) => {
            eprintln!("crosscheck: {message}");
            return Ok(2);
        }
    };
    let extras = match load_extras(args, rules, color) {
        Ok(e) => e,
        Err(code) => return code,
    };
    if let Some(n) = args.common.threads {
        // A second build fails only if the pool exists already; keep it.
        let _ = rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build_global();
    }
    // Only reports that quote articles need the line around each claim.
    let options = crosscheck::extract::Options {
        excerpts: matches!(settings.format(args.format), Format::Human | Format::Html),
    };
    let (mut extraction, drafts) = gather(args, &settings, options);
    if let Some(output) = &args.output {
        if let Some(clash) = overwrites_input(output, args) {
            eprintln!("crosscheck: refusing to write the report over the input article {clash}");
            return Ok(2);
        }
    }
    let report = settings.format(args.format).reporter(&ReportOptions {
        color,
        width: terminal_width(),
        rules: RuleInfo::of(rules),
    });
    let mut sink = Sink::open(args.output.as_deref())?;
    let failed = if extract_only {
        report.extract(&mut sink, &extraction.claims, &extraction.errors)?;
        false
    } else {
        let facts = extras.facts.check(&extraction.claims);
        let claims = extraction.claims.len();
        let mut findings = compare::compare_owned(rules, std::mem::take(&mut extraction.claims), &extras.weights);
        findings.extend(facts);
        let mut findings = crosscheck::facts::supersede(findings);
        compare::sort(&mut findings);
        if let Some(drafts) = &drafts {
            findings = editorial(findings, drafts);
        }
        let errors = std::mem::take(&mut extraction.errors);
        let mut result = CheckResult::new(findings, errors, extraction.articles, claims);
        if let Some(b) = &extras.baseline {
            result.apply_baseline(b);
        }
        if let Some(path) = &args.write_baseline {
            if let Err(e) = write_baseline(path, &mut result) {
                eprintln!("crosscheck: cannot write baseline {}: {e}", path.display());
                return Ok(2);
            }
        }
        report.check(&mut sink, &result)?;
        report_stale(&result);
        extraction.errors = std::mem::take(&mut result.input_errors);
        result
            .findings
            .iter()
            .any(|f| !f.baselined && fails(f.severity, fail_on))
    };
    sink.finish()?;
    print_input_errors(&extraction.errors)?;
    Ok(if !extraction.errors.is_empty() {
        2
    } else if failed {
        1
    } else {
        0
    })
}

/// Reads the claims: from shards, or by extracting the articles (drafts
/// first). Returns the names of the drafts' articles with `--against`.
fn gather(
    args: &CheckArgs,
    settings: &Settings,
    options: crosscheck::extract::Options,
) -> (Extraction, Option<BTreeSet<String>>) {
    let rules = &settings.rules;
    if !args.claims.is_empty() {
        let (claims, articles, errors) = crosscheck::shard::read_claims(&args.claims, rules);
        return (
            Extraction {
                claims,
                articles,
                errors,
            },
            None,
        );
    }
    let accept = |p: &std::path::Path| settings.filter.accepts(p);
    let (mut inputs, mut errors) = corpus::discover(&args.paths, &accept);
    if args.stdin_jsonl {
        for input in &mut inputs {
            if *input == corpus::Input::Stdin {
                *input = corpus::Input::StdinJsonl;
            }
        }
    }
    if args.against.is_empty() {
        let progress = progress::Progress::new(&inputs);
        let mut extraction = crosscheck::extract::run_with_progress(rules, &inputs, options, &|n| progress.tick(n));
        progress.finish();
        errors.append(&mut extraction.errors);
        extraction.errors = errors;
        return (extraction, None);
    }
    let (published, mut more_errors) = corpus::discover(&args.against, &accept);
    errors.append(&mut more_errors);
    let mut drafts = crosscheck::extract::run(rules, &inputs);
    let names: BTreeSet<String> = drafts.claims.iter().map(|c| c.article.to_string()).collect();
    // A draft with no date is about to be published: today.
    let today = chrono::Local::now().date_naive();
    for c in &mut drafts.claims {
        c.published.get_or_insert(today);
    }
    let mut corpus = crosscheck::extract::run(rules, &published);
    for c in &mut corpus.claims {
        c.article_index += drafts.articles;
    }
    drafts.claims.append(&mut corpus.claims);
    drafts.articles += corpus.articles;
    errors.append(&mut drafts.errors);
    errors.append(&mut corpus.errors);
    drafts.errors = errors;
    (drafts, Some(names))
}

/// Keeps the findings a draft is part of: where a draft's claim is an
/// outlier, or a draft's own self-contradiction, weekday or fact finding.
/// The help line then counts the published articles on each side and names
/// the newest.
fn editorial(findings: Vec<Finding>, drafts: &BTreeSet<String>) -> Vec<Finding> {
    let is_draft = |c: &Claim| drafts.contains(&*c.article);
    findings
        .into_iter()
        .filter(|f| f.claims.iter().any(|(role, c)| *role == Role::Outlier && is_draft(c)))
        .map(|mut f| {
            if matches!(f.code, Code::Contradiction | Code::NameVariant) {
                f.help = format!("{}; {}", f.help, sides(&f, &is_draft));
            }
            f
        })
        .collect()
}

/// "published: 4 articles agree with the draft, 1 does not; newest: …".
fn sides(f: &Finding, is_draft: &dyn Fn(&Claim) -> bool) -> String {
    let draft_values: BTreeSet<String> = f
        .claims
        .iter()
        .filter(|(_, c)| is_draft(c))
        .map(|(_, c)| c.value.canonical())
        .collect();
    let published: Vec<&Claim> = f.claims.iter().map(|(_, c)| c).filter(|c| !is_draft(c)).collect();
    let agree: BTreeSet<&str> = published
        .iter()
        .filter(|c| draft_values.contains(&c.value.canonical()))
        .map(|c| &*c.article)
        .collect();
    let all: BTreeSet<&str> = published.iter().map(|c| &*c.article).collect();
    let newest = published
        .iter()
        .filter(|c| c.published.is_some())
        .max_by_key(|c| (c.published, &*c.article))
        .map(|c| {
            format!(
                "; newest published: {} ({}) says {}",
                c.article,
                c.published.unwrap_or_default(),
                c.value.canonical()
            )
        })
        .unwrap_or_default();
    format!(
        "published articles: {} agree with the draft, {} do not{newest}",
        agree.len(),
        all.len() - agree.len()
    )
}

fn write_baseline(path: &std::path::Path, result: &mut CheckResult) -> io::Result<()> {
    let baseline = Baseline::of(&result.findings);
    write_atomically(path, baseline.to_json().as_bytes())?;
    let n = baseline.findings.len();
    let noun = if n == 1 { "finding" } else { "findings" };
    eprintln!("crosscheck: wrote {n} {noun} to {}", path.display());
    // What was just recorded is accepted from now on, this run too.
    result.apply_baseline(&baseline);
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
fn overwrites_input(output: &std::path::Path, args: &CheckArgs) -> Option<String> {
    let target = std::fs::canonicalize(output).ok()?;
    let (inputs, _) = corpus::discover(&[args.paths.as_slice(), args.against.as_slice()].concat(), &|_| true);
    inputs.iter().find_map(|input| match input {
        corpus::Input::File(p, _) | corpus::Input::Jsonl(p) => {
            (std::fs::canonicalize(p).ok()? == target).then(|| p.display().to_string())
        }
        corpus::Input::Stdin | corpus::Input::StdinJsonl => None,
    })
}

pub(crate) fn fails(severity: Severity, fail_on: FailOn) -> bool {
    match fail_on {
        FailOn::Never => false,
        FailOn::Error => severity >= Severity::Error,
        FailOn::Warning => severity >= Severity::Warning,
    }
}
