//! Reports written with `-o`: whole, readable like any other file, and
//! the same document stdout gets.

mod support;

use std::path::Path;
use support::{run, run_env, seeds, Output};

/// `check --no-config --format json SEEDS extra…` in `dir`.
fn check(dir: &Path, extra: &[&str]) -> Output {
    let seeds = seeds();
    let args = [
        &["check", "--no-config", "--format", "json", seeds.to_str().unwrap()],
        extra,
    ]
    .concat();
    run(dir, &args)
}

#[test]
fn report_file_is_the_stdout_document() {
    let dir = tempfile::tempdir().unwrap();
    let to_stdout = check(dir.path(), &[]);
    let to_file = check(dir.path(), &["-o", "report.json"]);
    assert_eq!(to_stdout.code, 1);
    assert_eq!(to_file.code, 1);
    assert!(to_file.stdout.is_empty());
    let written = std::fs::read(dir.path().join("report.json")).unwrap();
    assert_eq!(written, to_stdout.stdout.as_bytes());
}

#[cfg(unix)]
#[test]
fn new_report_file_is_readable_by_others_and_a_replaced_one_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    check(dir.path(), &["-o", "new.json"]);
    let mode = |name: &str| std::fs::metadata(dir.path().join(name)).unwrap().permissions().mode() & 0o777;
    // A temporary file is 0600; the report must not stay private.
    assert_eq!(mode("new.json"), 0o644);
    let old = dir.path().join("old.json");
    std::fs::write(&old, "{}").unwrap();
    std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o640)).unwrap();
    check(dir.path(), &["-o", "old.json"]);
    assert_eq!(mode("old.json"), 0o640);
    assert!(std::fs::read_to_string(&old).unwrap().contains("\"findings\""));
}

/// The claims of a check wait in a temporary folder; when there is none to
/// be had, the run says so and exits 2 instead of checking half.
#[cfg(unix)]
#[test]
fn no_temporary_folder_is_an_error_with_its_reason() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = seeds();
    let tmpdir = dir.path().join("no-such-folder");
    let out = run_env(
        dir.path(),
        &["check", "--no-config", "--format", "json", seeds.to_str().unwrap()],
        &[("TMPDIR", tmpdir.to_str().unwrap())],
    );
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("temporary folder"), "{}", out.stderr);
    assert!(out.stdout.is_empty(), "no half report: {}", out.stdout);
}
