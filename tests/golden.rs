//! Golden tests of the command line, as data (trycmd, as in crate-ci/typos).
//!
//! Each `tests/golden/<case>.toml` holds the arguments and the expected exit
//! code; `<case>.stdout` and `<case>.stderr` hold what the user sees. A case
//! runs in `<case>.in/` (its articles, rule pack, config or baseline) or in
//! the shared `corpus/` folder named by `fs.cwd`; `<case>.out/` holds the
//! files a case must write. Every case passes `--no-config` unless it is
//! about the config file.
//!
//! The marathon pack in `corpus/pack.yaml` drives most cases, so they depend
//! on the engine and the report formats, not on the wording of the built-in
//! rules; `interpol.toml` runs the built-in INTERPOL pack.
//!
//! After a deliberate change of the output:
//! `TRYCMD=overwrite cargo test --test golden`, then read the diff.

#[test]
fn golden() {
    trycmd::TestCases::new()
        .register_bin("crosscheck", std::path::Path::new(env!("CARGO_BIN_EXE_crosscheck")))
        // Whatever the developer's terminal says, a case sees the same.
        .env("COLUMNS", "100")
        .env("NO_COLOR", "1")
        .case("tests/golden/*.toml");
}

/// trycmd checks stdout and stderr only when their files exist; a case
/// without them would pass whatever the binary prints.
#[test]
fn every_case_has_expected_stdout_and_stderr() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut cases = 0;
    for entry in std::fs::read_dir(&dir).expect("tests/golden is readable") {
        let path = entry.expect("an entry").path();
        if path.extension().is_some_and(|e| e == "toml") {
            cases += 1;
            for ext in ["stdout", "stderr"] {
                assert!(
                    path.with_extension(ext).is_file(),
                    "{} has no .{ext} file (create it empty, then run with TRYCMD=overwrite)",
                    path.display()
                );
            }
        }
    }
    assert!(cases >= 20, "only {cases} golden cases found");
}
