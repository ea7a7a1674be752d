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
