//! Helpers shared by the integration tests: run the built binary in a
//! folder and read what a user sees.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub const BIN: &str = env!("CARGO_BIN_EXE_crosscheck");

/// The crate's folder (the seeds, the README, the fixtures).
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// What a run printed and how it exited.
#[derive(Debug)]
pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}\nstderr:\n{}", self.stdout, self.stderr))
    }

    #[track_caller]
    pub fn assert_code(&self, code: i32) -> &Output {
        assert_eq!(
            self.code, code,
            "exit code\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

/// Runs `crosscheck args…` in `dir`, at 100 columns, without colour.
pub fn run(dir: &Path, args: &[&str]) -> Output {
    run_env(dir, args, &[])
}

/// As [`run`], with more environment variables.
pub fn run_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.current_dir(dir)
        .args(args)
        .env("COLUMNS", "100")
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("RUST_BACKTRACE");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("the crosscheck binary starts");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "crosscheck panicked:\n{stderr}");
    Output {
        code: out.status.code().expect("not killed by a signal"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr,
    }
}

/// A temporary folder holding a copy of the seeds under `sub` (e.g.
/// `seeds` or `content`).
pub fn with_seeds(sub: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let to = dir.path().join(sub);
    std::fs::create_dir_all(&to).unwrap();
    for entry in std::fs::read_dir(root().join("seeds")).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
    }
    (dir, to)
}

/// The README's text.
pub fn readme() -> String {
    std::fs::read_to_string(root().join("README.md")).expect("README.md is readable")
}

/// The fenced block (```lang) after the first line starting with `heading`.
pub fn fenced_after(text: &str, heading: &str, lang: &str) -> String {
    let at = text
        .find(heading)
        .unwrap_or_else(|| panic!("README has no `{heading}`"));
    let open = format!("```{lang}\n");
    let start = text[at..].find(&open).expect("a fenced block follows") + at + open.len();
    let end = text[start..].find("```").expect("the block ends") + start;
    text[start..end].to_string()
}

/// `(key, article, value)` of every claim of an `extract --format json`.
pub fn claims(doc: &serde_json::Value) -> Vec<(String, String, String)> {
    let mut out: Vec<_> = doc["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .map(|c| {
            (
                c["key"].as_str().unwrap().to_string(),
                c["article"].as_str().unwrap().to_string(),
                c["value"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    out.sort();
    out
}
