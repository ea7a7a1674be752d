//! The command line: flags in two steps, raw ([`Cli`], parsed by clap) and
//! then validated and built into a rule set, inputs and a report.

use clap::{Args, Parser, Subcommand, ValueEnum};
use crosscheck::baseline::Baseline;
use crosscheck::config::{ArticleFilter, Config};
use crosscheck::corpus::{self, InputError};
use crosscheck::grammar::Grammar;
use crosscheck::normalize::fold;
use crosscheck::report::{Format, ReportOptions, RuleInfo};
use crosscheck::rules::{RuleError, RuleSet, Severity};
use crosscheck::value::{format_number, DateSet};
use miette::{GraphicalReportHandler, GraphicalTheme};
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::PathBuf;

/// Checks facts across articles: finds where articles contradict each other.
#[derive(Debug, Parser)]
#[command(name = "crosscheck", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract claims and report contradictions between and within articles.
    Check(CheckArgs),
    /// Print every claim the rules read, without comparing.
    Extract(CheckArgs),
    /// Show what the value grammars read in a text (for rule authors).
    Probe(ProbeArgs),
    /// Inspect the loaded rule packs.
    #[command(subcommand)]
    Rules(RulesCommand),
}

#[derive(Debug, Subcommand)]
enum RulesCommand {
    /// List every loaded rule: key, kind, severity, title.
    List(RulesArgs),
    /// Print each expanded pattern regex, one a line (usable as `rg -f`).
    Patterns(RulesArgs),
    /// Show one rule: its documentation, patterns after expansion, examples.
    Explain(ExplainArgs),
    /// Run every rule's examples and allows; exit 1 if one fails.
    Test(TestArgs),
    /// Print the JSON Schema of the rule pack format.
    Schema,
}

#[derive(Debug, Args)]
struct ExplainArgs {
    /// The rule's key (`interpol.member-states`) or id (`member-states`).
    id: String,
    #[command(flatten)]
    common: Common,
}

#[derive(Debug, Args)]
struct TestArgs {
    /// Rule packs to test (files or folders); the loaded packs when none.
    paths: Vec<PathBuf>,
    #[command(flatten)]
    common: Common,
}

#[derive(Debug, Args)]
struct RulesArgs {
    #[command(flatten)]
    common: Common,
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// Articles: files, folders (searched recursively), `.jsonl` corpora, `-` for stdin.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// Output format [default: human].
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Exit 1 when a finding has this severity or a higher one [default: error].
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// Accept the findings recorded in this baseline file: they are reported
    /// as baselined and never fail the run.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record every current finding in this baseline file.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    #[command(flatten)]
    common: Common,
}

#[derive(Debug, Args)]
struct Common {
    /// Add rule packs: a YAML file or a folder of them (repeatable).
    #[arg(long = "rules", value_name = "PATH")]
    rules: Vec<PathBuf>,
    /// Do not load the rule packs built into crosscheck.
    #[arg(long)]
    no_default_rules: bool,
    /// Worker threads (default: one a core).
    #[arg(short = 'j', long, value_name = "N")]
    threads: Option<usize>,
    /// When to colour human output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// Read settings from this file instead of the nearest crosscheck.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Ignore crosscheck.toml files.
    #[arg(long)]
    no_config: bool,
}

/// The command line and the config file, resolved.
struct Settings {
    rules: RuleSet,
    config: Config,
    filter: ArticleFilter,
    color: bool,
}

impl Settings {
    /// Loads the config file and the rules; on error prints it and gives
    /// the exit code.
    fn load(common: &Common) -> Result<Settings, io::Result<u8>> {
        Self::load_with(common, true)
    }

    /// As [`Settings::load`]; `check_examples: false` loads rules whose
    /// examples fail (for `rules test`, which reports them).
    fn load_with(common: &Common, check_examples: bool) -> Result<Settings, io::Result<u8>> {
        let color = use_color(common.color);
        let path = match (&common.config, common.no_config) {
            (Some(p), _) => Some(p.clone()),
            (None, true) => None,
            (None, false) => std::env::current_dir().ok().and_then(|d| Config::find(&d)),
        };
        let config = match path.as_deref().map(Config::load).transpose() {
            Ok(c) => c.unwrap_or_default(),
            Err(e) => return Err(print_diagnostic(&e, color).map(|_| 2)),
        };
        let mut rules = match load_rules(common, &config, check_examples) {
            Ok(r) => r,
            Err(errors) => return Err(print_rule_errors(&errors, color).map(|_| 2)),
        };
        if let Err(message) = config.apply(&mut rules) {
            eprintln!("crosscheck: {message}");
            return Err(Ok(2));
        }
        let filter = config.article_filter().unwrap_or_default();
        Ok(Settings {
            rules,
            config,
            filter,
            color,
        })
    }

    fn format(&self, given: Option<Format>) -> Format {
        given.or(self.config.format).unwrap_or(Format::Human)
    }

    fn fail_on(&self, given: Option<FailOn>) -> Result<FailOn, String> {
        if let Some(f) = given {
            return Ok(f);
        }
        match &self.config.fail_on {
            None => Ok(FailOn::Error),
            Some(s) => FailOn::from_str(s, true).map_err(|_| format!("crosscheck.toml: bad fail-on `{s}`")),
        }
    }
}

#[derive(Debug, Args)]
struct ProbeArgs {
    /// What to look for.
    #[arg(long, value_enum)]
    kind: ProbeKind,
    /// Resolve dates without a year against this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    reference: Option<String>,
    /// Language of the grammars.
    #[arg(long, default_value = "ar")]
    language: String,
    /// Texts to read; one a line from stdin when none is given.
    texts: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ProbeKind {
    Number,
    Ordinal,
    Date,
    DateRange,
}

/// Runs the command line; the exit code, or an I/O error writing output.
pub fn run() -> io::Result<u8> {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check(&args, false),
        Command::Extract(args) => check(&args, true),
        Command::Probe(args) => probe(&args),
        Command::Rules(cmd) => rules(&cmd),
    }
}

fn check(args: &CheckArgs, extract_only: bool) -> io::Result<u8> {
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
    if let Some(n) = args.common.threads {
        // A second build fails only if the pool exists already; keep it.
        let _ = rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build_global();
    }
    let (inputs, mut errors) = corpus::discover(&args.paths, &|p| settings.filter.accepts(p));
    let report = settings.format(args.format).reporter(&ReportOptions {
        color,
        width: terminal_width(),
        rules: RuleInfo::of(rules),
    });
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let failed = if extract_only {
        let mut extraction = crosscheck::extract::run(rules, &inputs);
        errors.append(&mut extraction.errors);
        report.extract(&mut out, &extraction.claims, &errors)?;
        false
    } else {
        let mut result = crosscheck::check(rules, &inputs);
        errors.append(&mut result.input_errors);
        result.input_errors = errors.clone();
        if let Some(path) = &args.baseline {
            match Baseline::read(path) {
                Ok(b) => result.apply_baseline(&b),
                Err(e) => {
                    print_diagnostic(&e, color)?;
                    return Ok(2);
                }
            }
        }
        result.recount();
        if let Some(path) = &args.write_baseline {
            let baseline = Baseline::of(&result.findings);
            if let Err(e) = write_atomically(path, baseline.to_json().as_bytes()) {
                eprintln!("crosscheck: cannot write baseline {}: {e}", path.display());
                return Ok(2);
            }
            let n = baseline.findings.len();
            eprintln!(
                "crosscheck: wrote {n} {} to {}",
                if n == 1 { "finding" } else { "findings" },
                path.display()
            );
            // What was just recorded is accepted from now on, this run too.
            result.apply_baseline(&baseline);
        }
        report.check(&mut out, &result)?;
        for entry in &result.stale {
            eprintln!(
                "crosscheck: stale baseline entry: {} {} ({}) no longer occurs",
                entry.code,
                entry.key,
                entry
                    .claims
                    .iter()
                    .map(|p| format!("{} says {}", p.article, p.value))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        result
            .findings
            .iter()
            .any(|f| !f.baselined && fails(f.severity, fail_on))
    };
    out.flush()?;
    print_input_errors(&errors)?;
    Ok(if !errors.is_empty() {
        2
    } else if failed {
        1
    } else {
        0
    })
}

fn rules(cmd: &RulesCommand) -> io::Result<u8> {
    let args = match cmd {
        RulesCommand::List(args) | RulesCommand::Patterns(args) => args,
        RulesCommand::Explain(args) => return explain(args),
        RulesCommand::Test(args) => return test_rules(args),
        RulesCommand::Schema => {
            print!("{}", RuleSet::schema());
            return Ok(0);
        }
    };
    let set = match Settings::load(&args.common) {
        Ok(s) => s.rules,
        Err(code) => return code,
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for rule in &set.rules {
        match cmd {
            RulesCommand::List(_) => {
                let (key, kind, severity) = (&rule.key, rule.kind.as_str(), rule.severity.as_str());
                writeln!(out, "{key:<40} {kind:<11} {severity:<8} {}", rule.title)?
            }
            _ => {
                for p in &rule.patterns {
                    // Without group names, so the lines can be joined (rg -f).
                    let unnamed = NAMED_GROUP.replace_all(&p.expanded, "(?:");
                    writeln!(out, "(?i){unnamed}")?;
                }
            }
        }
    }
    out.flush()?;
    Ok(0)
}

fn explain(args: &ExplainArgs) -> io::Result<u8> {
    let set = match Settings::load(&args.common) {
        Ok(s) => s.rules,
        Err(code) => return code,
    };
    let Some(rule) = set.get(&args.id) else {
        eprintln!(
            "crosscheck: no rule `{}`; `crosscheck rules list` shows the loaded ones",
            args.id
        );
        return Ok(2);
    };
    let mut out = io::stdout().lock();
    writeln!(out, "{}  ({})", rule.key, rule.title)?;
    writeln!(
        out,
        "kind: {}   severity: {}",
        rule.kind.as_str(),
        rule.severity.as_str()
    )?;
    if rule.kind == crosscheck::grammar::Kind::Count {
        writeln!(out, "tolerance of approximate values: ±{}%", rule.tolerance * 100.0)?;
    }
    if let Some(help) = &rule.help {
        writeln!(out, "\n{help}")?;
    }
    if !rule.about.is_empty() {
        writeln!(out, "\napplies to articles that mention: {}", rule.about.join(", "))?;
    }
    if !rule.near.is_empty() {
        writeln!(
            out,
            "a match counts with one of these within {} characters: {}",
            rule.near_window,
            rule.near.join(", ")
        )?;
    }
    writeln!(out, "\npatterns:")?;
    for p in &rule.patterns {
        writeln!(
            out,
            "  {}\n    expands to ({} bytes): {}",
            p.source,
            p.expanded.len(),
            p.expanded
        )?;
    }
    writeln!(out, "\nexamples:")?;
    for c in rule.test() {
        let expected = c
            .expected
            .as_deref()
            .map_or("nothing".to_string(), |v| format!("`{v}`"));
        let mark = if c.passed() { "ok" } else { "FAILS" };
        writeln!(out, "  [{mark}] {} -> {expected}", c.text)?;
    }
    Ok(0)
}

fn test_rules(args: &TestArgs) -> io::Result<u8> {
    let color = use_color(args.common.color);
    let set = if args.paths.is_empty() {
        match Settings::load_with(&args.common, false) {
            Ok(s) => s.rules,
            Err(code) => return code,
        }
    } else {
        let mut sources = Vec::new();
        for path in &args.paths {
            match RuleSet::read_sources(path) {
                Ok(s) => sources.extend(s),
                Err(errors) => return print_rule_errors(&errors, color).map(|_| 2),
            }
        }
        match RuleSet::load_with(&sources, false) {
            Ok(s) => s,
            Err(errors) => return print_rule_errors(&errors, color).map(|_| 2),
        }
    };
    let mut out = io::stdout().lock();
    writeln!(out, "{:<40} {:>8} {:>8}  result", "rule", "examples", "allows")?;
    let mut failed = 0;
    for rule in &set.rules {
        let cases = rule.test();
        let bad: Vec<_> = cases.iter().filter(|c| !c.passed()).collect();
        let count = |list| cases.iter().filter(|c| c.list == list).count();
        let result = if bad.is_empty() {
            "pass".to_string()
        } else {
            format!("FAIL ({})", bad.len())
        };
        writeln!(
            out,
            "{:<40} {:>8} {:>8}  {result}",
            rule.key,
            count("examples"),
            count("allows")
        )?;
        for c in bad {
            let read = if c.read.is_empty() {
                "nothing".to_string()
            } else {
                c.read.join(", ")
            };
            match &c.expected {
                Some(v) => writeln!(
                    out,
                    "    {}[{}] «{}»: expected {v}, read {read}",
                    c.list, c.index, c.text
                )?,
                None => writeln!(
                    out,
                    "    {}[{}] «{}»: expected nothing, read {read}",
                    c.list, c.index, c.text
                )?,
            }
        }
        failed += usize::from(cases.iter().any(|c| !c.passed()));
    }
    writeln!(out, "{} rules, {failed} failing", set.rules.len())?;
    Ok(u8::from(failed > 0))
}

static NAMED_GROUP: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"\(\?P<[A-Za-z_][A-Za-z0-9_]*>").expect("valid regex"));

/// Writes a file through a temporary file in the same folder and a rename,
/// so a crash never leaves half a file.
fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => std::path::Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

fn print_diagnostic(d: &dyn miette::Diagnostic, color: bool) -> io::Result<()> {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let mut s = String::new();
    let _ = GraphicalReportHandler::new_themed(theme)
        .with_width(terminal_width())
        .render_report(&mut s, d);
    eprintln!("{s}");
    Ok(())
}

fn fails(severity: Severity, fail_on: FailOn) -> bool {
    match fail_on {
        FailOn::Never => false,
        FailOn::Error => severity >= Severity::Error,
        FailOn::Warning => severity >= Severity::Warning,
    }
}

fn load_rules(common: &Common, config: &Config, check_examples: bool) -> Result<RuleSet, Vec<RuleError>> {
    let defaults = !common.no_default_rules && config.default_rules.unwrap_or(true);
    let mut sources = if defaults {
        RuleSet::default_sources()
    } else {
        Vec::new()
    };
    for path in config.rule_paths().iter().chain(&common.rules) {
        sources.extend(RuleSet::read_sources(path)?);
    }
    RuleSet::load_with(&sources, check_examples)
}

fn print_rule_errors(errors: &[RuleError], color: bool) -> io::Result<()> {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(terminal_width());
    let stderr = io::stderr();
    let mut err = stderr.lock();
    for e in errors {
        let mut s = String::new();
        let _ = handler.render_report(&mut s, e);
        writeln!(err, "{s}")?;
    }
    let n = errors.len();
    writeln!(
        err,
        "crosscheck: {n} rule {} found; nothing was checked",
        if n == 1 { "error" } else { "errors" }
    )
}

fn print_input_errors(errors: &[InputError]) -> io::Result<()> {
    let stderr = io::stderr();
    let mut err = stderr.lock();
    for e in errors {
        writeln!(err, "crosscheck: cannot read {}: {}", e.path, e.reason)?;
    }
    Ok(())
}

fn use_color(c: Color) -> bool {
    match c {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100)
}

/// `probe`: one JSON line an input, every value found, in text order.
fn probe(args: &ProbeArgs) -> io::Result<u8> {
    let Some(grammar) = Grammar::new(&args.language, None) else {
        eprintln!("crosscheck: no grammar for language `{}`", args.language);
        return Ok(2);
    };
    let reference = match args.reference.as_deref().map(corpus::parse_date) {
        None => None,
        Some(Some(d)) => Some(d),
        Some(None) => {
            eprintln!("crosscheck: --reference must be a date like 2025-11-24");
            return Ok(2);
        }
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut emit = |text: &str| -> io::Result<()> {
        let values = probe_values(&grammar, args.kind, text, reference);
        let line = serde_json::json!({ "input": text, "values": values });
        writeln!(out, "{line}")
    };
    if args.texts.is_empty() {
        for line in io::stdin().lock().lines() {
            emit(&line?)?;
        }
    } else {
        for t in &args.texts {
            emit(t)?;
        }
    }
    out.flush()?;
    Ok(0)
}

fn probe_values(g: &Grammar, kind: ProbeKind, text: &str, reference: Option<chrono::NaiveDate>) -> Vec<String> {
    let folded = fold(text);
    match kind {
        ProbeKind::Number => g
            .numbers()
            .find_cardinals(&folded)
            .into_iter()
            .map(|(_, _, v)| format_number(v))
            .collect(),
        ProbeKind::Ordinal => g
            .numbers()
            .find_ordinals(&folded)
            .into_iter()
            .map(|(_, _, v)| v.to_string())
            .collect(),
        ProbeKind::Date | ProbeKind::DateRange => {
            let range = kind == ProbeKind::DateRange;
            let pattern = if range {
                g.dates.range_pattern()
            } else {
                g.dates.date_pattern()
            };
            let Ok(re) = regex::RegexBuilder::new(&format!(r"\b{pattern}\b"))
                .case_insensitive(true)
                .build()
            else {
                return Vec::new();
            };
            re.find_iter(&folded)
                .filter_map(|m| {
                    if range {
                        let (a, b) = g.dates.parse_range(m.as_str(), reference)?;
                        Some(format!("{}/{}", a.canonical(), b.canonical()))
                    } else {
                        g.dates
                            .parse_date(m.as_str(), reference)
                            .map(|d: DateSet| d.canonical())
                    }
                })
                .collect()
        }
    }
}
