//! Reports written with `-o`: whole, readable like any other file, and
//! the same document stdout gets.

use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_crosscheck");
const MANIFEST: &str = env!("CARGO_MANIFEST_DIR");

fn check(dir: &Path, extra: &[&str]) -> std::process::Output {
    let seeds = Path::new(MANIFEST).join("seeds");
    Command::new(BIN)
        .current_dir(dir)
        .args(["check", "--no-config", "--format", "json"])
        .arg(&seeds)
        .args(extra)
        .output()
        .expect("crosscheck runs")
}

#[test]
fn report_file_is_the_stdout_document() {
    let dir = tempfile::tempdir().unwrap();
    let to_stdout = check(dir.path(), &[]);
    let to_file = check(dir.path(), &["-o", "report.json"]);
    assert_eq!(to_stdout.status.code(), Some(1));
    assert_eq!(to_file.status.code(), Some(1));
    assert!(to_file.stdout.is_empty());
    let written = std::fs::read(dir.path().join("report.json")).unwrap();
    assert_eq!(written, to_stdout.stdout);
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
    let seeds = Path::new(MANIFEST).join("seeds");
    let out = Command::new(BIN)
        .current_dir(dir.path())
        .env("TMPDIR", dir.path().join("no-such-folder"))
        .args(["check", "--no-config", "--format", "json"])
        .arg(&seeds)
        .output()
        .expect("crosscheck runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("temporary folder"), "{stderr}");
    assert!(
        out.stdout.is_empty(),
        "no half report: {}",
        String::from_utf8_lossy(&out.stdout)
    );
}
