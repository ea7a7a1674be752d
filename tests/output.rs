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
