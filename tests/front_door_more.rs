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

#[test]
fn the_release_binary_is_stripped_and_profiling_keeps_line_tables() {
    let manifest: toml::Table = std::fs::read_to_string(root().join("Cargo.toml"))
        .unwrap()
        .parse()
        .unwrap();
    let profile = |name: &str| manifest["profile"][name].as_table().unwrap().clone();
    let release = profile("release");
    assert_eq!(
        release.get("strip").and_then(|v| v.as_bool()),
        Some(true),
        "{release:?}"
    );
    let debug = release.get("debug");
    assert!(
        debug.is_none() || debug.and_then(|v| v.as_bool()) == Some(false),
        "no debug info in release: {release:?}"
    );
    let profiling = profile("profiling");
    assert_eq!(profiling["inherits"].as_str(), Some("release"));
    assert_eq!(profiling["debug"].as_str(), Some("line-tables-only"));
    assert_eq!(profiling.get("strip").and_then(|v| v.as_bool()), Some(false));
    for doc in ["README.md", "BENCHMARKS.md"] {
        let text = std::fs::read_to_string(root().join(doc)).unwrap();
        assert!(
            text.contains("cargo build --profile profiling"),
            "{doc} says how to profile"
        );
    }
}

/// The README's notes, quoted in backticks, that start with `prefix`
/// (a quote may wrap across lines).
fn readme_quotes(prefix: &str) -> Vec<String> {
    let text = support::readme().replace('\n', " ");
    text.split('`')
        .skip(1)
        .step_by(2)
        .filter(|q| q.starts_with(prefix))
        .map(|q| q.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

#[test]
fn the_notes_for_empty_and_blank_files_are_the_ones_the_readme_quotes() {
    let notes: Vec<String> = readme_quotes("crosscheck: skipped ")
        .into_iter()
        .filter(|q| !q.contains("front matter"))
        .collect();
    assert!(notes.len() >= 2, "the README quotes both notes: {notes:?}");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "").unwrap();
    std::fs::write(dir.path().join("b.txt"), " \n\t\n").unwrap();
    let out = run(dir.path(), &["check", "a.txt", "b.txt", "--no-config"]);
    out.assert_code(0);
    let seen: Vec<&str> = out.stderr.lines().collect();
    for note in &notes {
        assert!(
            seen.contains(&note.as_str()),
            "the README's `{note}` is printed:\n{}",
            out.stderr
        );
    }
    assert_eq!(seen.len(), notes.len(), "{}", out.stderr);
}

#[test]
fn an_output_file_that_cannot_be_written_is_named_as_given() {
    let (dir, _) = with_seeds("seeds");
    for command in [
        &["check", "seeds/"][..],
        &["extract", "seeds/"],
        &["diff", "--by", "source", "seeds/"],
    ] {
        let mut args = command.to_vec();
        args.extend(["-o", "/no/such/dir/r.txt", "--no-config"]);
        let out = run(dir.path(), &args);
        out.assert_code(2);
        assert_eq!(
            out.stderr, "crosscheck: cannot write /no/such/dir/r.txt: No such file or directory (os error 2)\n",
            "{command:?}"
        );
    }
    let out = run(
        dir.path(),
        &[
            "check",
            "seeds/",
            "--write-baseline",
            "/no/such/dir/b.json",
            "--no-config",
        ],
    );
    out.assert_code(2);
    assert_eq!(
        out.stderr,
        "crosscheck: baseline not written: cannot write /no/such/dir/b.json: No such file or directory (os error 2)\n"
    );
}

/// Every object key of a JSON document, at any depth.
fn keys(value: &serde_json::Value, into: &mut std::collections::BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                into.insert(k.clone());
                keys(v, into);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| keys(v, into)),
        _ => {}
    }
}

#[test]
fn every_json_field_is_documented_in_docs_json_md() {
    let doc = std::fs::read_to_string(root().join("docs/json.md")).expect("docs/json.md");
    let (dir, _) = with_seeds("seeds");
    std::fs::write(dir.path().join("map.yaml"), "\"seeds/004_*.txt\": kech24\n").unwrap();
    std::fs::write(
        dir.path().join("seeds/dated.md"),
        "---\npublished: 2025-11-21\n---\nانعقدت الجمعية العامة للإنتربول يوم الاثنين 25 نونبر 2025 بمراكش.\n",
    )
    .unwrap();
    let mut seen = std::collections::BTreeSet::new();
    let common = ["seeds/", "--sources", "map.yaml", "--no-config", "--format", "json"];
    let check = run(
        dir.path(),
        &[&["check", "missing.txt", "--write-baseline", "b.json"][..], &common].concat(),
    );
    keys(&check.json(), &mut seen);
    std::fs::write(dir.path().join("seeds/dated.md"), "").unwrap();
    let stale = run(dir.path(), &[&["check", "--baseline", "b.json"][..], &common].concat()).json();
    assert!(stale["stale"].as_array().is_some_and(|s| !s.is_empty()), "{stale}");
    keys(&stale, &mut seen);
    std::fs::write(
        dir.path().join("seeds/dated.md"),
        "---\npublished: 2025-11-21\n---\nانعقدت الجمعية العامة للإنتربول يوم الاثنين 25 نونبر 2025 بمراكش.\n",
    )
    .unwrap();
    keys(
        &run(dir.path(), &[&["extract"][..], &common].concat()).json(),
        &mut seen,
    );
    for field in ["baselined", "published", "weekday", "source", "role", "stale", "kind"] {
        assert!(seen.contains(field), "the runs show `{field}`: {seen:?}");
    }
    for field in &seen {
        assert!(doc.contains(&format!("`{field}`")), "docs/json.md describes `{field}`");
    }
    let help = run(root(), &["check", "--help"]).stdout;
    assert!(help.contains("docs/json.md"), "check --help points to the contract");
}

#[test]
fn top_level_help_gives_examples_and_exit_codes_and_the_examples_run() {
    let help = run(root(), &["--help"]);
    help.assert_code(0);
    let text = &help.stdout;
    let examples = text.split("Examples:\n").nth(1).expect("--help has examples");
    let codes = text.split("Exit codes:\n").nth(1).expect("--help has exit codes");
    for code in ["  0  ", "  1  ", "  2  "] {
        assert!(codes.contains(code), "exit code {code:?} explained:\n{text}");
    }
    let (dir, content) = with_seeds("content");
    std::fs::copy(content.join("004_ab1a5d83bf4eb712.txt"), dir.path().join("draft.md")).unwrap();
    let mut ran = 0;
    for line in examples.lines().take_while(|l| !l.is_empty()) {
        let command = line.trim().split("  ").next().unwrap();
        let words: Vec<&str> = command.split_whitespace().collect();
        assert_eq!(words[0], "crosscheck", "{line}");
        let out = run(dir.path(), &words[1..]);
        assert!(out.code == 0 || out.code == 1, "`{command}` runs:\n{}", out.stderr);
        ran += 1;
    }
    assert!(ran >= 5, "{ran} examples");
}

#[test]
fn the_docs_install_crosscheck_in_a_way_that_works() {
    // The crate is not published: `cargo install crosscheck` fails.
    let mut docs = vec![root().join("README.md"), root().join("action.yml")];
    for dir in ["docs", "docs/ci"] {
        for entry in std::fs::read_dir(root().join(dir)).unwrap() {
            docs.push(entry.unwrap().path());
        }
    }
    let mut installs = 0;
    for path in docs.iter().filter(|p| p.is_file()) {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        for line in text
            .lines()
            .filter(|l| l.contains("cargo install") && !l.contains("cargo-afl"))
        {
            installs += 1;
            assert!(
                line.contains("--path") || line.contains("--git"),
                "{}: `{}` installs from a path or a repository",
                path.display(),
                line.trim()
            );
        }
    }
    assert!(installs >= 3, "the docs say how to install ({installs})");
}

#[cfg(target_os = "linux")]
#[test]
fn a_large_check_shows_the_comparison_phase_on_the_terminal() {
    // Past 8 MiB on a terminal, the progress bar shows reading, then a
    // spinner while the claims are compared and the report written.
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let seed = std::fs::read_to_string(root().join("seeds/003_5eeac2ce75b1fb3d.txt")).unwrap();
    let filler = "وفي سياق متصل تواصلت الأشغال في المدينة طيلة اليوم. ".repeat(400);
    let article = format!("{seed}\n{filler}\n");
    let mut total = 0;
    let mut i = 0;
    while total < 9 << 20 {
        std::fs::write(corpus.join(format!("{i:04}.txt")), &article).unwrap();
        total += article.len();
        i += 1;
    }
    let seen = on_terminal(
        dir.path(),
        100,
        "",
        &["check", "corpus", "--format", "json", "--no-config"],
        "> out.json",
    );
    assert!(seen.contains("comparing the claims"), "the phase is shown:\n{seen}");
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("out.json")).unwrap()).unwrap();
    assert_eq!(report["summary"]["articles"].as_u64(), Some(i as u64));
}

/// Runs `scripts/action-run.sh` (the check step of action.yml) in `dir`
/// with a step summary file that already holds a line.
fn run_action(dir: &std::path::Path, inputs: &[(&str, &str)]) -> (support::Output, String) {
    let summary = dir.join("step-summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let mut cmd = std::process::Command::new(root().join("scripts/action-run.sh"));
    cmd.current_dir(dir)
        .env("CROSSCHECK", support::BIN)
        .env("GITHUB_STEP_SUMMARY", &summary)
        .env("NO_COLOR", "1")
        .env_remove("INPUT_PATHS")
        .env_remove("INPUT_ARGS");
    for (k, v) in inputs {
        cmd.env(k, v);
    }
    let out = support::Output::from_process(cmd.output().expect("scripts/action-run.sh runs"));
    (out, std::fs::read_to_string(&summary).unwrap())
}

#[test]
fn github_annotates_each_finding_once_at_its_outlier() {
    let (dir, _) = with_seeds("seeds");
    let (out, summary) = run_action(dir.path(), &[("INPUT_PATHS", "seeds/"), ("INPUT_ARGS", "--no-config")]);
    out.assert_code(1);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "one annotation a finding:\n{}", out.stdout);
    // The contradiction (no majority): at the first outlier, naming the other.
    assert!(
        lines[0].starts_with("::error file=seeds/003_5eeac2ce75b1fb3d.txt,line=27,"),
        "{}",
        lines[0]
    );
    assert!(
        lines[0].contains("Also: seeds/004_ab1a5d83bf4eb712.txt says 196"),
        "{}",
        lines[0]
    );
    // The name variant: at the odd spelling, never at the majority's.
    assert!(
        lines[1].starts_with("::warning file=seeds/004_ab1a5d83bf4eb712.txt,line=8,"),
        "{}",
        lines[1]
    );
    assert!(lines[1].contains("says الرئيسي"), "{}", lines[1]);
    assert!(
        lines[1].contains("seeds/002_4b9458db76bc8050.txt says الريسي"),
        "{}",
        lines[1]
    );
    // The step summary: appended, a heading and one row a finding.
    assert!(summary.starts_with("earlier step\n"), "{summary}");
    assert!(
        summary.contains("### crosscheck: 1 error, 1 warning in 5 articles (31 claims)"),
        "{summary}"
    );
    assert!(
        summary.contains("| severity | finding | fact | claims | message |"),
        "{summary}"
    );
    assert!(
        summary.contains("| error | contradiction | interpol.participating-countries | "),
        "{summary}"
    );
    assert!(
        summary.contains("seeds/003_5eeac2ce75b1fb3d.txt:27 says 179 (outlier)"),
        "{summary}"
    );
    assert!(
        summary.contains("| warning | name-variant | interpol.president-name | "),
        "{summary}"
    );
}

#[test]
fn github_stays_within_the_annotation_limits_and_counts_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let mut pack = String::from("pack: many\nlanguage: ar\nrules:\n");
    let (mut a, mut b) = (String::new(), String::new());
    for i in 0..24 {
        let severity = if i < 12 { "error" } else { "warning" };
        pack += &format!(
            "  - id: r{i}\n    title: Gauge {i}\n    kind: count\n    severity: {severity}\n    patterns: ['مؤشر{i}\\s+{{count}}\\s+وحدة']\n"
        );
        a += &format!("مؤشر{i} 5 وحدة.\n");
        b += &format!("مؤشر{i} 7 وحدة.\n");
    }
    std::fs::write(dir.path().join("pack.yaml"), pack).unwrap();
    std::fs::create_dir(dir.path().join("news")).unwrap();
    std::fs::write(dir.path().join("news/a.txt"), a).unwrap();
    std::fs::write(dir.path().join("news/b.txt"), b).unwrap();
    let args = "--no-default-rules --rules pack.yaml --no-config";
    let (out, summary) = run_action(dir.path(), &[("INPUT_PATHS", "news"), ("INPUT_ARGS", args)]);
    out.assert_code(1);
    let count = |prefix: &str| out.stdout.lines().filter(|l| l.starts_with(prefix)).count();
    assert_eq!(count("::error "), 10, "{}", out.stdout);
    assert_eq!(count("::warning "), 10, "{}", out.stdout);
    assert_eq!(count("::notice "), 1, "{}", out.stdout);
    assert!(
        out.stdout
            .contains("::notice title=crosscheck::4 more findings not annotated (2 errors, 2 warnings)"),
        "{}",
        out.stdout
    );
    // The summary lists every finding.
    assert_eq!(
        summary.lines().filter(|l| l.starts_with("| error |")).count(),
        12,
        "{summary}"
    );
    assert_eq!(
        summary.lines().filter(|l| l.starts_with("| warning |")).count(),
        12,
        "{summary}"
    );
}

#[test]
fn the_action_installs_caches_and_runs_the_tested_script() {
    let text = std::fs::read_to_string(root().join("action.yml")).expect("action.yml at the root");
    let action: serde_yaml::Value = serde_yaml::from_str(&text).expect("action.yml is YAML");
    assert_eq!(action["runs"]["using"].as_str(), Some("composite"));
    let steps = action["runs"]["steps"].as_sequence().expect("steps");
    let uses: Vec<&str> = steps.iter().filter_map(|s| s["uses"].as_str()).collect();
    assert!(uses.iter().any(|u| u.starts_with("actions/cache@")), "{uses:?}");
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    assert!(
        runs.iter()
            .any(|r| r.contains("cargo install --locked --path \"$GITHUB_ACTION_PATH\"")),
        "{runs:?}"
    );
    assert!(runs.iter().any(|r| r.contains("scripts/action-run.sh")), "{runs:?}");
    for s in steps.iter().filter(|s| s["run"].is_string()) {
        assert_eq!(s["shell"].as_str(), Some("bash"), "a composite step names its shell");
    }
    // The README shows the three lines a content repository needs.
    let readme = support::readme();
    assert!(
        readme.contains("uses: OWNER/crosscheck@"),
        "the README shows the action"
    );
}

#[test]
fn the_weekday_check_has_one_key_whatever_packs_are_loaded() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "انعقدت الجمعية العامة للإنتربول يوم الاثنين 25 نونبر 2025 بمراكش.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("pack.yaml"),
        "pack: ar\nlanguage: ar\nrules:\n  - id: weekday\n    title: t\n    kind: count\n    patterns: ['{count} دولة']\n",
    )
    .unwrap();
    for extra in [
        &[][..],
        &["--no-default-rules", "--rules", "pack.yaml"],
        &["--rules", "pack.yaml"],
    ] {
        let args = [&["check", "a.txt", "--format", "json", "--no-config"][..], extra].concat();
        let doc = run(dir.path(), &args).json();
        let keys: Vec<&str> = doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|f| f["key"].as_str())
            .collect();
        assert_eq!(keys, ["calendar.weekday"], "{extra:?}");
    }
}

#[test]
fn ci_builds_the_documentation_without_a_warning() {
    let ci = std::fs::read_to_string(root().join(".ci/run")).unwrap();
    assert!(ci.contains("RUSTDOCFLAGS=\"-D warnings\" cargo doc --no-deps"), "{ci}");
}

/// With `--against`, inputs that cannot be read are named drafts first,
/// then the published paths that cannot be listed, then the published
/// articles: the order they were met in, whoever gathers them.
#[test]
fn unreadable_drafts_are_named_before_a_missing_published_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("drafts")).unwrap();
    std::fs::create_dir_all(dir.path().join("pub")).unwrap();
    std::fs::write(dir.path().join("drafts/a.txt"), b"\xff\xfe not UTF-8").unwrap();
    std::fs::copy(
        support::root().join("seeds/004_ab1a5d83bf4eb712.txt"),
        dir.path().join("pub/b.txt"),
    )
    .unwrap();
    let out = support::run(
        dir.path(),
        &[
            "check",
            "drafts",
            "--against",
            "pub",
            "missing",
            "--format",
            "json",
            "--no-config",
        ],
    );
    out.assert_code(2);
    let named: Vec<&str> = out.stderr.lines().filter(|l| l.contains("cannot read")).collect();
    assert_eq!(
        named,
        [
            "crosscheck: cannot read drafts/a.txt: not valid UTF-8 (invalid byte at offset 0)",
            "crosscheck: cannot read missing: no such file or folder",
        ]
    );
    assert_eq!(out.json()["summary"]["unreadable"], 2);
}
