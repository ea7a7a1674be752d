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

pub(crate) fn explain(args: &ExplainArgs) -> io::Result<u8> {
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
    if !rule.about_written.is_empty() {
        let about = rule.about_written.join(", ");
        writeln!(out, "\napplies to articles that mention: {about}")?;
    }
    if !rule.near_written.is_empty() {
        writeln!(
            out,
            "a match counts with one of these within {} characters: {}",
            rule.near_window,
            rule.near_written.join(", ")
        )?;
    }
    if let Some(evolves) = rule.evolves {
        writeln!(out, "evolves: {} (compared on a timeline)", evolves.as_str())?;
    }
    if let Some(update) = &rule.update {
        writeln!(out, "update: {update} (figures reported together identify one update)")?;
    }
    if let Some(scope) = &rule.scope {
        writeln!(out, "scope: {scope} (never compared across instances of the event)")?;
    }
    writeln!(out, "\npatterns:")?;
    for p in &rule.patterns {
        if args.expanded {
            writeln!(
                out,
                "  {}\n    expands to ({} bytes): {}",
                p.source,
                p.expanded.len(),
                p.expanded
            )?;
        } else {
            writeln!(out, "  {}", p.source)?;
        }
    }
    if !args.expanded {
        let bytes: usize = rule.patterns.iter().map(|p| p.expanded.len()).sum();
        writeln!(out, "  (expanded: {bytes} bytes of regex; `--expanded` prints them)")?;
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

pub(crate) fn test_rules(args: &TestArgs) -> io::Result<u8> {
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
    let n = set.rules.len();
    writeln!(out, "{n} {}, {failed} failing", if n == 1 { "rule" } else { "rules" })?;
    Ok(u8::from(failed > 0))
}

pub(crate) static NAMED_GROUP: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"\(\?P<[A-Za-z_][A-Za-z0-9_]*>").expect("valid regex"));
