//! Replays every input the fuzzers found (and the edge inputs kept beside
//! them) through the same invariant checks the AFL++ targets run:
//! `tests/fuzz_regressions/<target>/*` through `fuzz/src/checks.rs`. A
//! crash found by `fuzz/run.sh`, once fixed, is copied here and stays
//! checked on every `cargo test` (docs/fuzzing.md).

#[allow(dead_code)]
#[path = "../fuzz/src/checks.rs"]
mod checks;

use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions")
}

fn inputs(target: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir().join(target))
        .unwrap_or_else(|e| panic!("tests/fuzz_regressions/{target}: {e}"))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

#[test]
fn every_saved_input_passes_its_targets_checks() {
    let mut failures = Vec::new();
    let mut replayed = 0;
    for (target, check) in checks::TARGETS {
        let files = inputs(target);
        assert!(!files.is_empty(), "tests/fuzz_regressions/{target} holds no input");
        for file in files {
            let data = std::fs::read(&file).unwrap();
            replayed += 1;
            if let Err(e) = panic::catch_unwind(AssertUnwindSafe(|| check(&data))) {
                let message = e
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                failures.push(format!("{target}: {}: {message}", file.display()));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {replayed} inputs fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// A folder that names no target would never be replayed.
#[test]
fn every_folder_names_a_target() {
    for entry in std::fs::read_dir(dir()).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        assert!(
            checks::TARGETS.iter().any(|t| t.0 == name),
            "tests/fuzz_regressions/{name} is not a fuzz target (targets: rules, jsonl, frontmatter, grammars)"
        );
    }
}

/// The span check the targets share fails on a span inside a letter.
#[test]
fn a_broken_invariant_fails_the_check() {
    let result = panic::catch_unwind(|| {
        // a span that ends inside the first letter
        checks::span_ok("دولة", 0, 1, "test");
    });
    assert!(result.is_err());
}
