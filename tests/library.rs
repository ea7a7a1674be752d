//! The README's Library example is the library's front door: it compiles
//! (as `examples/check_folder.rs`, which `cargo test` builds), it is the
//! program the README shows, and it prints what the command line prints.

mod support;

use std::path::PathBuf;
use std::process::Command;
use support::{fenced_after, readme, root};

/// The example's binary, built beside this test's by `cargo test`.
fn example() -> PathBuf {
    let deps = std::env::current_exe().expect("the test's path");
    let profile = deps.parent().and_then(|d| d.parent()).expect("target/PROFILE/deps");
    profile
        .join("examples")
        .join(format!("check_folder{}", std::env::consts::EXE_SUFFIX))
}

#[test]
fn the_readme_library_example_is_the_example_program() {
    let shown = fenced_after(&readme(), "## Library", "rust");
    let program = std::fs::read_to_string(root().join("examples/check_folder.rs")).unwrap();
    assert_eq!(
        shown, program,
        "README's Library block and examples/check_folder.rs differ"
    );
    assert!(
        program.lines().count() <= 16,
        "a short program: {} lines",
        program.lines().count()
    );
}

#[test]
fn the_library_example_prints_what_check_prints_with_its_exit_code() {
    let path = example();
    assert!(path.exists(), "cargo test builds the examples: {}", path.display());
    for folder in ["seeds", "tests/news/quake"] {
        let library = Command::new(&path).arg(folder).current_dir(root()).output().unwrap();
        let cli = Command::new(support::BIN)
            .args(["check", folder, "--format", "json", "--no-config"])
            .current_dir(root())
            .output()
            .unwrap();
        assert_eq!(
            String::from_utf8_lossy(&library.stdout),
            String::from_utf8_lossy(&cli.stdout),
            "{folder}: the library and the command line disagree; stderr: {}",
            String::from_utf8_lossy(&library.stderr)
        );
        assert_eq!(library.status.code(), cli.status.code(), "{folder}");
    }
    let seeds = Command::new(&path).arg("seeds").current_dir(root()).output().unwrap();
    assert_eq!(seeds.status.code(), Some(1), "the seeds disagree on one fact");
    let doc: serde_json::Value = serde_json::from_slice(&seeds.stdout).unwrap();
    assert_eq!(doc["summary"]["errors"], 1);
}

#[test]
fn a_missing_folder_is_an_input_error_of_the_library_run() {
    let out = Command::new(example())
        .arg("no-such-folder")
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["summary"]["unreadable"], 1, "{doc:#}");
}

/// A front end's own sink: it sees each finding once, in report order,
/// then the end of the run with counts that agree with what it saw.
#[test]
fn a_sink_of_ones_own_gets_every_finding_once_then_the_counts() {
    use crosscheck::compare::Finding;
    use crosscheck::engine::{store, FindingSink, RunEnd, Source, Summary};
    use crosscheck::input::corpus::discover;
    use crosscheck::rules::{RuleSet, Severity};

    #[derive(Default)]
    struct Tally {
        keys: Vec<String>,
        ended: Option<Summary>,
    }
    impl FindingSink for Tally {
        fn finding(&mut self, f: &Finding) -> std::io::Result<()> {
            assert!(self.ended.is_none(), "a finding after the end");
            self.keys.push(format!("{} {}", f.code.as_str(), f.key));
            Ok(())
        }
        fn finish(&mut self, end: &RunEnd) -> std::io::Result<()> {
            self.ended = Some(*end.summary);
            Ok(())
        }
    }

    let mut packs = RuleSet::default_sources();
    for pack in ["quake-ar.yaml", "quake-en.yaml"] {
        packs.extend(RuleSet::read_sources(&root().join("tests/news").join(pack)).unwrap());
    }
    let engine = crosscheck::Engine::new(RuleSet::load(&packs).unwrap());
    let (inputs, errors) = discover(&[root().join("tests/news/quake")], &|_| true);
    assert!(errors.is_empty());
    let options = crosscheck::extract::Options::default();
    let gathered = engine
        .gather(Source::Inputs(&inputs), options, &|_| {}, store::Memory::new())
        .unwrap();
    let run = engine.run(&gathered.store, None).unwrap();
    let mut tally = Tally::default();
    let counted = run.each(false, false, &mut |f| tally.finding(f)).unwrap();
    let end = RunEnd {
        summary: &counted.summary,
        input_errors: &[],
        skipped: &[],
        stale: &[],
    };
    tally.finish(&end).unwrap();

    // The same findings, in the same order, as the one-call path.
    let whole = engine.check(&inputs).unwrap();
    let keys: Vec<String> = whole
        .findings
        .iter()
        .map(|f| format!("{} {}", f.code.as_str(), f.key))
        .collect();
    assert!(!keys.is_empty(), "the quake story has findings");
    assert_eq!(tally.keys, keys);
    let summary = tally.ended.expect("the sink was finished");
    let count = |s: Severity| whole.findings.iter().filter(|f| f.severity == s).count();
    assert_eq!(
        (summary.errors, summary.warnings, summary.notes),
        (count(Severity::Error), count(Severity::Warning), count(Severity::Note))
    );
}
