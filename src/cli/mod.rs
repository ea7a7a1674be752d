//! The command line: flags in two steps, raw ([`Cli`], parsed by clap) and
//! then validated and built into a rule set, inputs and a report. One
//! module a subcommand; shared flags and settings live here.

mod check;
mod diff;
mod docs;
mod index;
#[cfg(feature = "lsp")]
mod lsp;
mod probe;
mod progress;
mod rules;
#[cfg(feature = "serve")]
mod serve;

use clap::{Args, Parser, Subcommand, ValueEnum};
use crosscheck::compare::baseline::Baseline;
use crosscheck::diagnostic::render;
use crosscheck::grammar::Grammar;
use crosscheck::input::corpus::{self, InputError};
use crosscheck::model::value::DateSet;
use crosscheck::report::output::{cannot_write, write_atomically, Destination};
use crosscheck::report::{Format, ReportOptions, RuleInfo};
use crosscheck::rules::{RuleError, RuleSet};
use crosscheck::setup::{ConfigFile, Setup, SetupError, SetupOptions};
use crosscheck::text::normalize::fold;
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

/// What `crosscheck --help` ends with: examples and the exit codes.
const AFTER_HELP: &str = "\
Examples:
  crosscheck check content/                           check the articles against each other
  crosscheck check draft.md --against content/        only the findings the draft is part of
  crosscheck index update content/ --db claims.db     keep the claims of content/ in an index
  crosscheck check draft.md --index claims.db         the same findings, from the index
  crosscheck check content/ --format sarif -o crosscheck.sarif
  crosscheck extract content/ --format jsonl -o claims.jsonl
  crosscheck check --claims claims.jsonl              compare claims extracted earlier
  crosscheck diff --by source content/                who said what, one column a source
  crosscheck rules test                               run every rule's examples

Exit codes:
  0  nothing at or above --fail-on (check), every example passes (rules test), no cell
     disagrees (diff)
  1  a finding at or above --fail-on, a failing example, a cell that disagrees
  2  a usage error, a rule or config error, or an input that could not be read";

/// Checks facts across articles: finds where articles contradict each other.
#[derive(Debug, Parser)]
#[command(name = "crosscheck", version, about, max_term_width = 100, after_help = AFTER_HELP)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Extract claims and report contradictions between and within articles.
    Check(check::CheckArgs),
    /// Print every claim the rules read, without comparing.
    Extract(check::ExtractArgs),
    /// Show what the value grammars read in a text (for rule authors).
    Probe(probe::ProbeArgs),
    /// Inspect the loaded rule packs.
    #[command(subcommand)]
    Rules(rules::RulesCommand),
    /// Compare what sources say: a claim-by-source table.
    Diff(diff::DiffArgs),
    /// Keep the claims of a published corpus in an index (SQLite), updated
    /// article by article, for `check --index`.
    #[command(subcommand)]
    Index(index::IndexCommand),
    /// A language server (LSP, on stdin and stdout): drafts checked against
    /// a claim index as they are written.
    #[cfg(feature = "lsp")]
    Lsp(lsp::LspArgs),
    /// Serve the review page: paste or open a draft, see its findings
    /// against a claim index, accept them into a baseline.
    #[cfg(feature = "serve")]
    Serve(serve::ServeArgs),
    /// Print shell completions (bash, zsh, fish, elvish, powershell).
    Completions(docs::CompletionsArgs),
    /// Print a man page (roff): crosscheck(1), a subcommand's, or all of
    /// them into a folder.
    Man(docs::ManArgs),
}

#[derive(Debug, Args)]
pub(crate) struct Common {
    /// Add rule packs: a YAML file or a folder of them (repeatable).
    #[arg(long = "rules", value_name = "PATH")]
    pub(crate) rules: Vec<PathBuf>,
    /// Do not load the rule packs built into crosscheck.
    #[arg(long)]
    pub(crate) no_default_rules: bool,
    /// Worker threads (default: one a core; one for `extract` reading `-`,
    /// a map step under a pipe).
    #[arg(short = 'j', long, value_name = "N")]
    pub(crate) threads: Option<usize>,
    /// When to colour human output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub(crate) color: Color,
    /// Read settings from this file instead of the nearest crosscheck.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub(crate) config: Option<PathBuf>,
    /// Ignore crosscheck.toml files.
    #[arg(long)]
    pub(crate) no_config: bool,
}

/// The command line and the config file, resolved.
pub(crate) struct Settings {
    pub(crate) setup: Setup,
    pub(crate) color: bool,
}

impl std::ops::Deref for Settings {
    type Target = Setup;
    fn deref(&self) -> &Setup {
        &self.setup
    }
}

impl Settings {
    /// Loads the config file, the rules and the `--sources` file; on error
    /// prints it and gives the exit code.
    pub(crate) fn load(common: &Common, sources: Option<&Path>) -> Result<Settings, io::Result<u8>> {
        Self::load_with(common, sources, true)
    }

    /// As [`Settings::load`]; `check_examples: false` loads rules whose
    /// examples fail (for `rules test`, which reports them).
    pub(crate) fn load_with(
        common: &Common,
        sources: Option<&Path>,
        check_examples: bool,
    ) -> Result<Settings, io::Result<u8>> {
        // The pool first: the rules compile on it.
        if let Some(n) = common.threads {
            // A second build fails only if the pool exists already; keep it.
            let _ = rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build_global();
        }
        let color = use_color(common.color);
        let config = match (&common.config, common.no_config) {
            (Some(p), _) => ConfigFile::File(p.clone()),
            (None, true) => ConfigFile::None,
            (None, false) => std::env::current_dir().map_or(ConfigFile::None, ConfigFile::Nearest),
        };
        let cache = crosscheck::setup::default_cache_dir();
        let options = SetupOptions {
            config,
            rules: &common.rules,
            default_rules: !common.no_default_rules,
            check_examples,
            cache: cache.as_deref(),
            sources,
        };
        match Setup::load(&options) {
            Ok(setup) => Ok(Settings { setup, color }),
            Err(e) => Err(print_setup_error(&e, color)),
        }
    }

    /// The inputs under `paths` ([`Setup::discover`]); folders with nothing
    /// to read are named on stderr.
    pub(crate) fn discover(&self, paths: &[PathBuf]) -> (Vec<corpus::Input>, Vec<InputError>) {
        let found = self.setup.discover(paths);
        for note in &found.notes {
            eprintln!("crosscheck: {note}");
        }
        (found.inputs, found.errors)
    }

    pub(crate) fn format(&self, given: Option<Format>) -> Format {
        given.or(self.config.format).unwrap_or(Format::Human)
    }

    pub(crate) fn fail_on(&self, given: Option<FailOn>) -> Result<FailOn, String> {
        if let Some(f) = given {
            return Ok(f);
        }
        match &self.config.fail_on {
            None => Ok(FailOn::Error),
            Some(s) => FailOn::from_str(s, true).map_err(|_| format!("crosscheck.toml: bad fail-on `{s}`")),
        }
    }
}

/// Prints why a setup failed; exit code 2.
pub(crate) fn print_setup_error(e: &SetupError, color: bool) -> io::Result<u8> {
    match e {
        SetupError::File(d) => print_diagnostic(d.as_ref(), color),
        SetupError::Rules(errors) => print_rule_errors(errors, color),
        SetupError::Setting(message) => {
            eprintln!("crosscheck: {message}");
            Ok(())
        }
    }
    .map(|()| 2)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum FailOn {
    Error,
    Warning,
    Never,
}

impl FailOn {
    /// The least severity that fails a run; `None`: nothing does.
    pub(crate) fn severity(self) -> Option<crosscheck::rules::Severity> {
        match self {
            FailOn::Error => Some(crosscheck::rules::Severity::Error),
            FailOn::Warning => Some(crosscheck::rules::Severity::Warning),
            FailOn::Never => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Color {
    Auto,
    Always,
    Never,
}

/// Runs the command line; the exit code, or an I/O error writing output.
pub fn run() -> io::Result<u8> {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check(args) => check::check(&args),
        Command::Extract(args) => check::extract(&args),
        Command::Probe(args) => probe::probe(&args),
        Command::Rules(cmd) => rules::rules(&cmd),
        Command::Diff(args) => diff::diff(&args),
        Command::Index(cmd) => index::index(&cmd),
        #[cfg(feature = "lsp")]
        Command::Lsp(args) => lsp::lsp(&args),
        #[cfg(feature = "serve")]
        Command::Serve(args) => serve::serve(&args),
        Command::Completions(args) => docs::completions(&args),
        Command::Man(args) => docs::man(&args),
    }?;
    Ok(code)
}

/// Names the inputs that were skipped (an empty file): a note, which
/// changes no exit code.
pub(crate) fn print_skipped(skipped: &[InputError]) -> io::Result<()> {
    let mut err = io::stderr().lock();
    for s in skipped {
        writeln!(err, "crosscheck: skipped {}: {}", s.path, s.reason)?;
    }
    Ok(())
}

pub(crate) fn print_diagnostic(d: &dyn miette::Diagnostic, color: bool) -> io::Result<()> {
    eprintln!("{}", render(d, color, terminal_width(Stream::Stderr)));
    Ok(())
}

pub(crate) fn print_rule_errors(errors: &[RuleError], color: bool) -> io::Result<()> {
    let mut err = io::stderr().lock();
    for e in errors {
        writeln!(err, "{}", render(e, color, terminal_width(Stream::Stderr)))?;
    }
    let n = errors.len();
    writeln!(
        err,
        "crosscheck: {n} rule {} found; nothing was checked",
        if n == 1 { "error" } else { "errors" }
    )
}

pub(crate) fn print_input_errors(errors: &[InputError]) -> io::Result<()> {
    let stderr = io::stderr();
    let mut err = stderr.lock();
    for e in errors {
        writeln!(err, "crosscheck: cannot read {}: {}", e.path, e.reason)?;
    }
    Ok(())
}

pub(crate) fn use_color(c: Color) -> bool {
    match c {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
}

/// Which stream a width is for: reports go to stdout, diagnostics to
/// stderr.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Stream {
    Stdout,
    Stderr,
    /// A file (`-o FILE`): no terminal to fit.
    File,
}

/// The width to wrap at: `$COLUMNS` when it is set to a width, else the
/// size of the terminal the stream writes to, else 100.
pub(crate) fn terminal_width(stream: Stream) -> usize {
    let terminal = || {
        let size = match stream {
            Stream::Stdout => terminal_size::terminal_size_of(io::stdout()),
            Stream::Stderr => terminal_size::terminal_size_of(io::stderr()),
            Stream::File => None,
        };
        size.map(|(terminal_size::Width(w), _)| usize::from(w))
    };
    width_from(std::env::var("COLUMNS").ok().as_deref(), terminal)
}

fn width_from(columns: Option<&str>, terminal: impl FnOnce() -> Option<usize>) -> usize {
    columns
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&w| w > 0)
        .or_else(terminal)
        .filter(|&w| w > 0)
        .unwrap_or(100)
}

#[cfg(test)]
mod tests {
    use super::width_from;

    #[test]
    fn columns_win_then_the_terminal_then_100() {
        assert_eq!(width_from(Some("70"), || Some(120)), 70);
        assert_eq!(width_from(None, || Some(120)), 120);
        assert_eq!(width_from(Some("wide"), || Some(120)), 120);
        assert_eq!(width_from(Some("0"), || None), 100);
        assert_eq!(width_from(None, || None), 100);
    }
}
