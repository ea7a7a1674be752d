//! Helpers shared by the integration tests: run the built binary in a
//! folder and read what a user sees; temporary folders of articles, rule
//! packs and seeds to run it in.
//!
//! Every run has the same environment whatever the developer's terminal
//! says: 100 columns (`COLUMNS=100`), no colour (`NO_COLOR=1`), no GitHub
//! step summary and no backtrace. A test that needs more sets it with
//! [`run_env`] or [`Cmd::env`]. A run may take as long as it takes, unless
//! its test gives it a time limit ([`Cmd::timeout`], [`Dir::with_timeout`]).
#![allow(dead_code)]

use std::ffi::{OsStr, OsString};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_crosscheck");

/// The crate's folder (the seeds, the README, the fixtures).
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The crate's `seeds/` folder.
pub fn seeds() -> PathBuf {
    root().join("seeds")
}

/// The path of the seed article `name` (e.g. `003_5eeac2ce75b1fb3d.txt`).
pub fn seed(name: &str) -> PathBuf {
    seeds().join(name)
}

/// The text of the seed article `name`.
pub fn read_seed(name: &str) -> String {
    let path = seed(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The file names of the seed articles, sorted.
pub fn seed_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(seeds())
        .expect("seeds/ is readable")
        .map(|e| e.expect("a seed").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The path of `tests/fixtures/NAME`, as text for an argument.
pub fn fixture(name: &str) -> String {
    root().join("tests/fixtures").join(name).display().to_string()
}

// ------------------------------------------------------------------ runs

/// What a run printed and how it exited.
#[derive(Debug)]
pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    /// Stdout as a JSON document; fails the test, showing both streams,
    /// when it is not one.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}\nstderr:\n{}", self.stdout, self.stderr))
    }

    /// Fails the test, showing both streams, unless the run exited `code`.
    #[track_caller]
    pub fn assert_code(&self, code: i32) -> &Output {
        assert_eq!(
            self.code, code,
            "exit code\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// As [`Output::assert_code`], keeping the output: `run(…).expect(1).json()`.
    #[track_caller]
    pub fn expect(self, code: i32) -> Output {
        self.assert_code(code);
        self
    }

    /// What a finished process printed, as text; fails the test when it was
    /// killed by a signal or printed other than UTF-8.
    pub fn from_process(out: std::process::Output) -> Output {
        let stderr = String::from_utf8(out.stderr).expect("stderr is UTF-8");
        let code = out
            .status
            .code()
            .unwrap_or_else(|| panic!("killed by a signal: {}\nstderr:\n{stderr}", out.status));
        Output {
            code,
            stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            stderr,
        }
    }
}

/// A run of the binary to set up: its folder, arguments, environment,
/// standard input and time limit. [`run`] and its kin cover the usual cases.
pub struct Cmd {
    dir: PathBuf,
    args: Vec<OsString>,
    env: Vec<(OsString, OsString)>,
    stdin: Option<Vec<u8>>,
    timeout: Option<Duration>,
}

/// `crosscheck args…` in `dir`, to set up further before [`Cmd::output`].
pub fn cmd<S: AsRef<OsStr>>(dir: &Path, args: &[S]) -> Cmd {
    Cmd {
        dir: dir.to_path_buf(),
        args: args.iter().map(|a| a.as_ref().to_os_string()).collect(),
        env: Vec::new(),
        stdin: None,
        timeout: None,
    }
}

impl Cmd {
    /// Sets an environment variable for the run.
    pub fn env(mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Cmd {
        self.env.push((key.as_ref().into(), value.as_ref().into()));
        self
    }

    /// Feeds `bytes` on standard input (otherwise it is empty).
    pub fn stdin(mut self, bytes: impl AsRef<[u8]>) -> Cmd {
        self.stdin = Some(bytes.as_ref().to_vec());
        self
    }

    /// Fails the test when the run takes longer than `limit`.
    pub fn timeout(mut self, limit: Duration) -> Cmd {
        self.timeout = Some(limit);
        self
    }

    fn shown(&self) -> Vec<String> {
        self.args.iter().map(|a| a.to_string_lossy().into_owned()).collect()
    }

    /// Runs it; fails the test if the binary is killed by a signal, panics,
    /// prints other than UTF-8 or outlives its time limit.
    pub fn output(self) -> Output {
        let mut command = Command::new(BIN);
        command
            .current_dir(&self.dir)
            .args(&self.args)
            .env("COLUMNS", "100")
            .env("NO_COLOR", "1")
            .env_remove("CLICOLOR_FORCE")
            .env_remove("GITHUB_STEP_SUMMARY")
            .env_remove("RUST_BACKTRACE");
        for (k, v) in &self.env {
            command.env(k, v);
        }
        let mut child = command
            .stdin(if self.stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the crosscheck binary starts");
        let writer = self.stdin.clone().map(|bytes| {
            let mut pipe = child.stdin.take().expect("stdin is piped");
            // The binary may stop reading early; a broken pipe is its business.
            std::thread::spawn(move || drop(pipe.write_all(&bytes)))
        });
        let read_all = |mut pipe: Box<dyn Read + Send>| {
            std::thread::spawn(move || {
                let mut bytes = Vec::new();
                pipe.read_to_end(&mut bytes).map(|_| bytes)
            })
        };
        let out_reader = read_all(Box::new(child.stdout.take().expect("stdout is piped")));
        let err_reader = read_all(Box::new(child.stderr.take().expect("stderr is piped")));
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().expect("waiting for crosscheck") {
                break status;
            }
            if let Some(limit) = self.timeout.filter(|limit| started.elapsed() > *limit) {
                let _ = child.kill();
                let _ = child.wait();
                panic!("crosscheck {:?} did not finish within {limit:?}", self.shown());
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        if let Some(w) = writer {
            w.join().expect("stdin writer");
        }
        let stdout = out_reader.join().expect("stdout reader").expect("read stdout");
        let stderr = err_reader.join().expect("stderr reader").expect("read stderr");
        let out = Output::from_process(std::process::Output { status, stdout, stderr });
        assert!(
            out.code != 101 && !out.stderr.contains("panicked"),
            "crosscheck {:?} panicked:\n{}",
            self.shown(),
            out.stderr
        );
        out
    }
}

/// Runs `crosscheck args…` in `dir`, at 100 columns, without colour.
pub fn run<S: AsRef<OsStr>>(dir: &Path, args: &[S]) -> Output {
    cmd(dir, args).output()
}

/// As [`run`], with more environment variables.
pub fn run_env<S: AsRef<OsStr>>(dir: &Path, args: &[S], env: &[(&str, &str)]) -> Output {
    env.iter().fold(cmd(dir, args), |c, (k, v)| c.env(k, v)).output()
}

/// As [`run`], with `--no-config` after `args`: no `crosscheck.toml` above
/// `dir` changes the result.
pub fn run_no_config(dir: &Path, args: &[&str]) -> Output {
    run(dir, &[args, &["--no-config"]].concat())
}

/// As [`run`], with `stdin` on standard input.
pub fn run_stdin<S: AsRef<OsStr>>(dir: &Path, args: &[S], stdin: impl AsRef<[u8]>) -> Output {
    cmd(dir, args).stdin(stdin).output()
}

// --------------------------------------------------------------- folders

/// A temporary folder to write articles and rule packs in and run from.
pub struct Dir {
    tmp: tempfile::TempDir,
    timeout: Option<Duration>,
}

impl Default for Dir {
    fn default() -> Dir {
        Dir::new()
    }
}

impl Dir {
    pub fn new() -> Dir {
        Dir {
            tmp: tempfile::tempdir().expect("a temporary folder"),
            timeout: None,
        }
    }

    /// A folder whose runs ([`Dir::run`]) fail their test when they take
    /// longer than `limit`.
    pub fn with_timeout(limit: Duration) -> Dir {
        Dir {
            timeout: Some(limit),
            ..Dir::new()
        }
    }

    pub fn path(&self) -> &Path {
        self.tmp.path()
    }

    /// Writes a file (and its parent folders) under the folder.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> &Dir {
        let path = self.path().join(name);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("create folders");
        std::fs::write(&path, contents).expect("write a file");
        self
    }

    /// Copies the crate's seed articles into `folder`.
    pub fn copy_seeds(&self, folder: &str) -> &Dir {
        for name in seed_names() {
            self.write(
                &format!("{folder}/{name}"),
                std::fs::read(seed(&name)).expect("read a seed"),
            );
        }
        self
    }

    /// The bytes of a file under the folder.
    pub fn read(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.path().join(name)).expect("read a file")
    }

    /// Runs `crosscheck args…` in the folder (see [`run`]), within the
    /// folder's time limit if it has one.
    pub fn run<S: AsRef<OsStr>>(&self, args: &[S]) -> Output {
        let c = cmd(self.path(), args);
        match self.timeout {
            Some(limit) => c.timeout(limit),
            None => c,
        }
        .output()
    }
}

/// A temporary folder holding `files`, `(name, text)` each, in their
/// sub-folders: rule packs, a fact sheet, articles.
pub fn pack_dir(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("create folders");
        std::fs::write(&path, text).expect("write a file");
    }
    dir
}

/// A temporary folder holding a copy of the seeds under `sub` (e.g.
/// `seeds` or `content`).
pub fn with_seeds(sub: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let to = dir.path().join(sub);
    std::fs::create_dir_all(&to).unwrap();
    for name in seed_names() {
        std::fs::copy(seed(&name), to.join(&name)).unwrap();
    }
    (dir, to)
}

// ---------------------------------------------------------------- README

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

// --------------------------------------------------------------- reports

/// The findings of one code in a `check --format json` report, in order.
pub fn findings<'a>(doc: &'a serde_json::Value, code: &str) -> Vec<&'a serde_json::Value> {
    doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["code"] == code)
        .collect()
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

/// `git ARGS` in `dir` with a fixed author, which must succeed.
pub fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(["-c", "user.name=Desk", "-c", "user.email=desk@example.org"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}
