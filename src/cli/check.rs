//! `check` and `extract`.

use super::*;

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Articles: files, folders (searched recursively), `.jsonl` corpora, `-` for stdin.
    #[arg(default_value = ".")]
    pub(crate) paths: Vec<PathBuf>,
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
    #[command(flatten)]
    pub(crate) common: Common,
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

pub(crate) fn fails(severity: Severity, fail_on: FailOn) -> bool {
    match fail_on {
        FailOn::Never => false,
        FailOn::Error => severity >= Severity::Error,
        FailOn::Warning => severity >= Severity::Warning,
    }
}
