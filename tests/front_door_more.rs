//! What users see from the command line's edges: each subcommand's flags,
//! messages, widths and report formats. Each test runs the command a user
//! would run and asserts what the user sees.

mod support;

use support::{root, run, run_env, with_seeds};

#[test]
fn extract_rejects_the_flags_only_check_honours() {
    let (dir, _) = with_seeds("seeds");
    for flag in [
        &["--claims", "shard.jsonl"][..],
        &["--against", "seeds/"],
        &["--fail-on", "warning"],
        &["--baseline", "b.json"],
        &["--write-baseline", "b.json"],
        &["--facts", "facts.yaml"],
        &["--source-weights", "w.yaml"],
    ] {
        let mut args = vec!["extract", "seeds/", "--no-config"];
        args.extend(flag);
        let out = run(dir.path(), &args);
        out.assert_code(2);
        assert!(
            out.stderr.contains(&format!("unexpected argument '{}'", flag[0])),
            "{flag:?}: {}",
            out.stderr
        );
        assert!(out.stdout.is_empty(), "{flag:?}: nothing is extracted");
    }
}

#[test]
fn extract_help_lists_only_the_formats_it_writes() {
    let out = run(root(), &["extract", "--help"]);
    out.assert_code(0);
    let formats = out.stdout.split("--format").nth(1).expect("extract has --format");
    for name in ["human:", "json:", "jsonl:", "github:", "short:", "html:"] {
        assert!(formats.contains(name), "{name} listed:\n{}", out.stdout);
    }
    assert!(!out.stdout.contains("sarif"), "no SARIF for extract:\n{}", out.stdout);
    for flag in [
        "--claims",
        "--against",
        "--fail-on",
        "--baseline",
        "--facts",
        "--source-weights",
    ] {
        let offered = out.stdout.lines().any(|l| l.trim_start().starts_with(flag));
        assert!(!offered, "extract --help has no {flag}:\n{}", out.stdout);
    }
    // check keeps them all.
    let check = run(root(), &["check", "--help"]).stdout;
    for flag in ["--claims", "--against", "--fail-on", "--baseline", "--facts", "sarif"] {
        assert!(check.contains(flag), "check --help has {flag}");
    }
}

#[test]
fn extract_honours_the_shared_flags() {
    let (dir, _) = with_seeds("seeds");
    std::fs::write(dir.path().join("map.yaml"), "\"seeds/004_*.txt\": kech24\n").unwrap();
    let out = run(
        dir.path(),
        &[
            "extract",
            "seeds/",
            "--format",
            "jsonl",
            "--sources",
            "map.yaml",
            "-o",
            "c.jsonl",
            "--no-config",
        ],
    );
    out.assert_code(0);
    assert!(out.stdout.is_empty());
    let claims = std::fs::read_to_string(dir.path().join("c.jsonl")).unwrap();
    assert!(claims.lines().count() > 10);
    assert!(claims.contains("\"source\":\"kech24\""), "{claims}");
}

#[test]
fn extract_with_a_config_format_only_check_writes_says_so() {
    let (dir, _) = with_seeds("seeds");
    std::fs::write(dir.path().join("crosscheck.toml"), "format = \"sarif\"\n").unwrap();
    let out = run(dir.path(), &["extract", "seeds/"]);
    out.assert_code(0);
    assert!(
        out.stderr
            .contains("format `sarif` is for `check`; `extract` writes human"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.contains("interpol.session = 93"), "{}", out.stdout);
}

/// Runs `crosscheck args… redirect` in `dir` on a pseudo-terminal of
/// `columns` columns (util-linux `script`), with `env` added; what the
/// terminal showed, stdout and stderr together.
#[cfg(target_os = "linux")]
fn on_terminal(dir: &std::path::Path, columns: u16, env: &str, args: &[&str], redirect: &str) -> String {
    let quote = |s: &str| format!("'{}'", s.replace('\'', r"'\''"));
    let command = std::iter::once(support::BIN)
        .chain(args.iter().copied())
        .map(quote)
        .collect::<Vec<_>>()
        .join(" ");
    let line = format!("stty cols {columns} rows 40; env -u COLUMNS NO_COLOR=1 {env} {command} {redirect}");
    let out = std::process::Command::new("script")
        .current_dir(dir)
        .args(["-qec", &line, "/dev/null"])
        .output()
        .expect("util-linux `script` runs (it gives the test a terminal)");
    String::from_utf8(out.stdout).expect("UTF-8").replace('\r', "")
}

#[cfg(target_os = "linux")]
#[test]
fn human_output_fits_the_terminal_when_columns_is_not_set() {
    let (dir, _) = with_seeds("seeds");
    let args = ["check", "seeds/", "--color", "never", "--no-config"];
    let seen = on_terminal(dir.path(), 70, "", &args, "");
    let at_70 = run_env(dir.path(), &args, &[("COLUMNS", "70")]);
    let at_100 = run(dir.path(), &args);
    assert_ne!(at_70.stdout, at_100.stdout, "the width changes the output");
    assert_eq!(
        seen,
        format!("{}{}", at_70.stdout, at_70.stderr),
        "a 70-column terminal gets 70 columns"
    );
    assert!(seen.contains("articles disagree\n"), "the message wraps at 70:\n{seen}");
    // $COLUMNS, when set, wins over the terminal's size.
    let told = on_terminal(dir.path(), 70, "COLUMNS=100", &args, "");
    assert_eq!(told, format!("{}{}", at_100.stdout, at_100.stderr));
}

#[cfg(target_os = "linux")]
#[test]
fn diagnostics_fit_the_terminal_stderr_writes_to() {
    let (dir, _) = with_seeds("seeds");
    std::fs::write(
        dir.path().join("bad.yaml"),
        "pack: p\nlanguage: ar\nrules:\n  - id: a\n    title: a rule whose title is long enough to wrap on a narrow terminal\n    kind: count\n    patterns: ['{count} دولة']\n    examples:\n      - { text: 'وتضم 196 دولة', value: '197' }\n",
    )
    .unwrap();
    let args = [
        "check",
        "seeds/",
        "--rules",
        "bad.yaml",
        "--color",
        "never",
        "--no-config",
    ];
    // stdout goes to a file: only stderr is the terminal.
    let seen = on_terminal(dir.path(), 40, "", &args, "> out.txt");
    let at_40 = run_env(dir.path(), &args, &[("COLUMNS", "40")]);
    at_40.assert_code(2);
    assert_eq!(seen, at_40.stderr);
    assert_ne!(
        at_40.stderr,
        run(dir.path(), &args).stderr,
        "the width changes the diagnostic"
    );
}
