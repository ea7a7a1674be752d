//! Fuzz targets for crosscheck under AFL++ (`cargo afl`), on stable Rust.
//!
//! * [`checks`]: the invariants, one function a target, shared with the
//!   main crate's `tests/fuzz_regressions.rs`;
//! * [`seeds`]: the starting inputs and dictionaries, written to
//!   `fuzz/in/` by the `seeds` binary;
//! * `src/bin/afl_<target>.rs`: the AFL++ harnesses; `src/bin/edges.rs`:
//!   one-off timed edge inputs, a plain program.
//!
//! `fuzz/run.sh` builds, seeds and runs them (docs/fuzzing.md).

use std::path::{Path, PathBuf};

pub mod checks;
pub mod seeds;

/// Tokens every target gets: the characters the issue lists as edges.
pub fn edge_tokens() -> Vec<Vec<u8>> {
    [
        "\u{FEFF}",
        "\r\n",
        "\r",
        "\n",
        "\0",
        "\u{200F}",
        "\u{200E}",
        "\u{061C}",
        "\u{202B}",
        "\u{2067}",
        "\u{200B}",
        "ـ",
        "ً",
        "ٌ",
        "ٍ",
        "َ",
        "ُ",
        "ِ",
        "ّ",
        "ْ",
        "ٰ",
        "\u{00A0}",
        "\u{202F}",
        "٠",
        "١",
        "٢",
        "٣",
        "٩",
        "٫",
        "٬",
        "۱",
        "۲",
        "أ",
        "إ",
        "آ",
        "ٱ",
        "ى",
        "ة",
        "ال",
        "الـ",
        "و",
        "ب",
        "ل",
        "😀",
        "👨\u{200D}👩\u{200D}👧",
        "🇲🇦",
        "\u{10FFFF}",
        "\u{0301}",
        " ",
        "  ",
        "-",
        ".",
        ",",
        "/",
        ":",
        "'",
        "\"",
        "\\",
        "{",
        "}",
        "[",
        "]",
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect()
}

/// Every file of a folder (sorted), or nothing if it is missing.
pub fn files_in(dir: &Path) -> Vec<Vec<u8>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).filter(|p| p.is_file()).collect())
        .unwrap_or_default();
    paths.sort();
    paths.into_iter().filter_map(|p| std::fs::read(p).ok()).collect()
}

/// The main crate's folder (the parent of `fuzz/`).
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}
