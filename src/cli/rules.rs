//! `rules list | patterns | explain | test | schema`.

use super::*;

#[derive(Debug, Subcommand)]
pub(crate) enum RulesCommand {
    /// List every loaded rule: key, kind, severity, title.
    List(RulesArgs),
    /// Print each expanded pattern regex, one a line.
    ///
    /// The patterns match folded text (alef forms as ا, ى as ي, ة as ه,
    /// ASCII digits, no harakat, tatweel or invisible marks), as crosscheck
    /// matches: `rg -f` over raw articles misses claims written with أ, ة or
    /// ى. Fold a copy of the corpus first with `bench/fold_corpus.py` (in
    /// crosscheck's repository), then search the copy.
    Patterns(RulesArgs),
    /// Show one rule: its documentation, patterns after expansion, examples.
    Explain(ExplainArgs),
    /// Run every rule's examples and allows; exit 1 if one fails.
    Test(TestArgs),
    /// Print the JSON Schema of the rule pack format.
    Schema,
}

#[derive(Debug, Args)]
pub(crate) struct ExplainArgs {
    /// The rule's key (`interpol.member-states`) or id (`member-states`).
    pub(crate) id: String,
    /// Also print each pattern's expanded regex (often many kilobytes).
    #[arg(long)]
    pub(crate) expanded: bool,
    #[command(flatten)]
    pub(crate) common: Common,
}

#[derive(Debug, Args)]
pub(crate) struct TestArgs {
    /// Rule packs to test (files or folders); the loaded packs when none.
    pub(crate) paths: Vec<PathBuf>,
    #[command(flatten)]
    pub(crate) common: Common,
}

#[derive(Debug, Args)]
pub(crate) struct RulesArgs {
    #[command(flatten)]
    pub(crate) common: Common,
}

pub(crate) fn rules(cmd: &RulesCommand) -> io::Result<u8> {
    let args = match cmd {
        RulesCommand::List(args) | RulesCommand::Patterns(args) => args,
        RulesCommand::Explain(args) => return explain(args),
        RulesCommand::Test(args) => return test_rules(args),
        RulesCommand::Schema => {
            print!("{}", RuleSet::schema());
            return Ok(0);
        }
    };
    let set = match Settings::load(&args.common, None) {
        Ok(s) => s.setup.rules,
        Err(code) => return code,
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    match cmd {
        RulesCommand::List(_) => crosscheck::rules::describe::list(&mut out, &set)?,
        _ => crosscheck::rules::describe::patterns(&mut out, &set)?,
    }
    out.flush()?;
    Ok(0)
}

pub(crate) fn explain(args: &ExplainArgs) -> io::Result<u8> {
    let set = match Settings::load(&args.common, None) {
        Ok(s) => s.setup.rules,
        Err(code) => return code,
    };
    let Some(rule) = set.get(&args.id) else {
        eprintln!(
            "crosscheck: no rule `{}`; `crosscheck rules list` shows the loaded ones",
            args.id
        );
        return Ok(2);
    };
    crosscheck::rules::describe::explain(&mut io::stdout().lock(), rule, args.expanded)?;
    Ok(0)
}

pub(crate) fn test_rules(args: &TestArgs) -> io::Result<u8> {
    let color = use_color(args.common.color);
    let set = if args.paths.is_empty() {
        match Settings::load_with(&args.common, None, false) {
            Ok(s) => s.setup.rules,
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
    let failed = crosscheck::rules::describe::test(&mut io::stdout().lock(), &set)?;
    Ok(u8::from(failed > 0))
}
