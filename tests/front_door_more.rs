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
