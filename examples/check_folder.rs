//! Checks a folder of articles with the built-in rule packs and prints the
//! findings as JSON: `cargo run --example check_folder -- seeds/`.
use crosscheck::report::{Format, ReportOptions};
use crosscheck::rules::{RuleSet, Severity};
use crosscheck::Engine;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let folder = std::env::args_os().nth(1).unwrap_or_else(|| "seeds".into());
    let rules = RuleSet::load(&RuleSet::default_sources()).map_err(|e| format!("{} rule errors", e.len()))?;
    let engine = Engine::new(rules);
    let result = engine.check_paths(&[folder.into()])?;
    let json = Format::Json.reporter(&ReportOptions::default());
    json.check(&mut std::io::stdout().lock(), &result)?;
    std::process::exit(result.exit_code(Some(Severity::Error)).into());
}
