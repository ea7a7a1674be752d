//! The CI examples in `docs/ci/` and the pre-commit hook in
//! `.pre-commit-hooks.yaml` work as written: each YAML file parses, every
//! `crosscheck …` command in it is one the built binary accepts (exit 0 or
//! 1, never 2) when run in a folder with a `content/` corpus, and the files
//! it writes are there. Also: `completions` and `man` print what a shell and
//! `man` expect.

mod support;

use serde_yaml::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use support::{git, pack_dir, root, run};

// ---------------------------------------------------------------- helpers

fn read_yaml(relative: &str) -> Value {
    let path = root().join(relative);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{relative} is not valid YAML: {e}"))
}

/// Keys whose values are shell commands: GitHub Actions' `run`, GitLab's
/// `script`, `before_script` and `after_script`.
const SHELL_KEYS: [&str; 4] = ["run", "script", "before_script", "after_script"];

/// The shell scripts of a CI file: the strings under [`SHELL_KEYS`] (a
/// string or a list of strings), anywhere in the document.
fn scripts(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Sequence(items) => items.iter().for_each(|v| scripts(v, out)),
        Value::Mapping(map) => {
            for (key, v) in map {
                if key.as_str().is_some_and(|k| SHELL_KEYS.contains(&k)) {
                    match v {
                        Value::String(s) => out.push(s.clone()),
                        Value::Sequence(lines) => out.extend(lines.iter().filter_map(Value::as_str).map(String::from)),
                        _ => {}
                    }
                } else {
                    scripts(v, out);
                }
            }
        }
        Value::Tagged(tagged) => scripts(&tagged.value, out),
        _ => {}
    }
}

/// Splits a shell command line into words: quotes group, a backslash
/// escapes. Stops at a redirection or a comment.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                for q in chars.by_ref() {
                    if q == '\'' {
                        break;
                    }
                    word.push(q);
                }
            }
            '"' => {
                in_word = true;
                while let Some(q) = chars.next() {
                    match q {
                        '"' => break,
                        '\\' => word.extend(chars.next()),
                        _ => word.push(q),
                    }
                }
            }
            '\\' => {
                in_word = true;
                word.extend(chars.next());
            }
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            '#' if !in_word => break,
            '>' | '<' => break,
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    words
}

/// The `crosscheck …` commands in a shell script: each line (continuations
/// joined) cut at `&&`, `||`, `;` and `|`, keeping the pieces that start
/// with `crosscheck`. Each command is its words, `crosscheck` first.
fn crosscheck_commands(script: &str) -> Vec<Vec<String>> {
    let joined = script.replace("\\\n", " ");
    let mut commands = Vec::new();
    for line in joined.lines() {
        let line = line.trim();
        if line.starts_with('#') {
            continue;
        }
        for piece in line
            .split("&&")
            .flat_map(|p| p.split("||"))
            .flat_map(|p| p.split([';', '|']))
        {
            let words = shell_words(piece.trim());
            if words.first().is_some_and(|w| w == "crosscheck") {
                commands.push(words);
            }
        }
    }
    commands
}

/// The `crosscheck` commands in the shell scripts of a CI file.
fn commands_in(relative: &str) -> Vec<Vec<String>> {
    let mut all = Vec::new();
    scripts(&read_yaml(relative), &mut all);
    all.iter().flat_map(|s| crosscheck_commands(s)).collect()
}

/// A temporary repository: `content/` holds Arabic articles about INTERPOL
/// (for the built-in pack) in nested folders, two of them contradicting
/// each other on the number of member countries.
fn repository() -> tempfile::TempDir {
    let articles = [
        (
            "content/2025/11/assembly.md",
            "---\nsource: وكالة\npublished: 2025-11-21\n---\nأعلنت منظمة الإنتربول أن عدد الدول الأعضاء فيها 196 دولة، \
             قبيل انعقاد الدورة الثالثة والتسعين للجمعية العامة بمراكش.\n",
        ),
        (
            "content/2025/11/members.txt",
            "قالت الإنتربول إن المنظمة تضم 195 دولة عضو، وإن الدورة 93 للجمعية العامة ستعقد في مراكش.\n",
        ),
        ("content/notes.txt", "وتأسست الإنتربول بالعام 1923، وتضم 196 دولة عضو.\n"),
    ];
    pack_dir(&articles)
}

/// The value after `flag` (`--flag VALUE` or `--flag=VALUE`, or `-o VALUE`).
fn flag_value(args: &[String], flag: &str) -> Option<String> {
    args.iter().enumerate().find_map(|(i, a)| {
        if a == flag {
            args.get(i + 1).cloned()
        } else {
            a.strip_prefix(&format!("{flag}=")).map(String::from)
        }
    })
}

/// Runs a documented command in a fresh repository and checks the binary
/// accepts it: exit 0 or 1, no usage error, the report file written.
fn assert_runs(file: &str, command: &[String]) {
    let repo = repository();
    let args = &command[1..];
    if let Some(baseline) = flag_value(args, "--baseline") {
        // A committed baseline, written as the comment in the file says.
        let out = run(repo.path(), &["check", "content/", "--write-baseline", &baseline]);
        assert_eq!(out.code, 0, "writing the baseline for {file}: {}", out.stderr);
    }
    let out = run(repo.path(), args);
    assert!(
        out.code == 0 || out.code == 1,
        "{file}: `{}` exits {} (2 is a usage, rule, config or input error)\nstdout:\n{}\nstderr:\n{}",
        command.join(" "),
        out.code,
        out.stdout,
        out.stderr
    );
    if flag_value(args, "--baseline").is_some() {
        assert_eq!(
            out.code, 0,
            "{file}: with a baseline of every current finding the gate passes: {}",
            out.stdout
        );
    }
    if let Some(report) = flag_value(args, "-o").or_else(|| flag_value(args, "--output")) {
        let path: PathBuf = repo.path().join(&report);
        let bytes =
            std::fs::read(&path).unwrap_or_else(|e| panic!("{file}: `{}` wrote no {report}: {e}", command.join(" ")));
        assert!(!bytes.is_empty(), "{file}: {report} is empty");
        if report.ends_with(".sarif") {
            let doc: serde_json::Value = serde_json::from_slice(&bytes).expect("the SARIF report is JSON");
            assert_eq!(doc["version"], "2.1.0");
            let results = doc["runs"][0]["results"].as_array().expect("results");
            assert!(!results.is_empty(), "{file}: the SARIF report has the contradiction");
        }
    }
    if flag_value(args, "--format").as_deref() == Some("github") && flag_value(args, "--baseline").is_none() {
        assert!(
            out.stdout.contains("::error file=content/"),
            "{file}: annotations:\n{}",
            out.stdout
        );
    }
}

// -------------------------------------------------------------- CI files

#[test]
fn github_actions_workflow_runs_crosscheck_as_documented() {
    let file = "docs/ci/github-actions.yml";
    let doc = read_yaml(file);
    let steps = doc["jobs"]["crosscheck"]["steps"]
        .as_sequence()
        .expect("the crosscheck job has steps");
    let uses: Vec<&str> = steps.iter().filter_map(|s| s["uses"].as_str()).collect();
    assert!(uses.contains(&"github/codeql-action/upload-sarif@v3"), "{uses:?}");
    let upload = steps
        .iter()
        .find(|s| s["uses"].as_str() == Some("github/codeql-action/upload-sarif@v3"))
        .expect("an upload step");
    assert_eq!(upload["with"]["sarif_file"].as_str(), Some("crosscheck.sarif"));
    assert_eq!(
        doc["jobs"]["crosscheck"]["permissions"]["security-events"].as_str(),
        Some("write"),
        "upload-sarif needs security-events: write"
    );
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    assert!(
        runs.iter().any(|r| r.contains("cargo install --locked --path .")),
        "installs from the checkout: {runs:?}"
    );

    let commands = commands_in(file);
    let joined: Vec<String> = commands.iter().map(|c| c.join(" ")).collect();
    assert!(
        joined
            .iter()
            .any(|c| c.starts_with("crosscheck check content/ --format sarif -o crosscheck.sarif")),
        "{joined:?}"
    );
    assert!(
        joined
            .iter()
            .any(|c| c.contains("--format github") && c.contains("--baseline")),
        "{joined:?}"
    );
    for command in &commands {
        assert_runs(file, command);
    }
}

#[test]
fn gitlab_ci_job_runs_crosscheck_and_keeps_the_report() {
    let file = "docs/ci/gitlab-ci.yml";
    let doc = read_yaml(file);
    let job = &doc["crosscheck"];
    let script = job["script"].as_sequence().expect("the job has a script");
    assert!(!script.is_empty());
    let paths: Vec<&str> = job["artifacts"]["paths"]
        .as_sequence()
        .expect("artifacts: paths")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(paths.contains(&"crosscheck.html"), "{paths:?}");
    assert_eq!(
        job["artifacts"]["when"].as_str(),
        Some("always"),
        "reports are kept when the gate fails"
    );
    assert!(job["artifacts"]["expose_as"].as_str().is_some());

    let commands = commands_in(file);
    assert!(commands.len() >= 3, "{commands:?}");
    let outputs: Vec<String> = commands.iter().filter_map(|c| flag_value(c, "-o")).collect();
    for path in &paths {
        assert!(
            outputs.iter().any(|o| o == path),
            "artifact {path} is written by a command: {outputs:?}"
        );
    }
    for command in &commands {
        assert_runs(file, command);
    }
}

#[test]
fn pre_commit_hook_checks_the_files_it_is_given() {
    let doc = read_yaml(".pre-commit-hooks.yaml");
    let hooks = doc.as_sequence().expect("a list of hooks");
    let hook = hooks
        .iter()
        .find(|h| h["id"].as_str() == Some("crosscheck"))
        .expect("a hook with id crosscheck");
    assert_eq!(hook["entry"].as_str(), Some("crosscheck check"));
    assert_eq!(hook["language"].as_str(), Some("rust"));
    assert_eq!(hook["pass_filenames"].as_bool(), Some(true));
    let files = regex::Regex::new(hook["files"].as_str().expect("a files pattern")).expect("files is a regex");
    for name in ["content/a.md", "b.txt", "notes.markdown"] {
        assert!(files.is_match(name), "the hook runs on {name}");
    }
    for name in ["Cargo.toml", "src/main.rs", "image.png"] {
        assert!(!files.is_match(name), "the hook skips {name}");
    }

    // pre-commit runs `entry [args] FILE...`.
    let repo = repository();
    let mut args = shell_words(hook["entry"].as_str().expect("entry"));
    assert_eq!(args.remove(0), "crosscheck");
    let files = ["content/2025/11/assembly.md", "content/2025/11/members.txt"];
    let out = run(repo.path(), &[args.clone(), files.map(String::from).to_vec()].concat());
    assert_eq!(
        out.code, 1,
        "196 vs 195 member countries\n{}\n{}",
        out.stdout, out.stderr
    );
    for f in files {
        assert!(out.stdout.contains(f), "the report names {f}:\n{}", out.stdout);
    }
    assert!(out.stdout.contains("in 2 articles"), "{}", out.stdout);

    // Two files that agree pass.
    let agree = ["content/2025/11/assembly.md", "content/notes.txt"];
    let out = run(repo.path(), &[args, agree.map(String::from).to_vec()].concat());
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
}

/// The README's `## In CI` section: its pre-commit config uses the hook
/// this repository defines, and the files it links exist.
#[test]
fn readme_ci_section_uses_the_repository_hook_and_links_files_that_exist() {
    let readme = support::readme();
    let start = readme.find("\n## In CI\n").expect("README has `## In CI`");
    let rest = &readme[start + 1..];
    let section = &rest[..rest[3..].find("\n## ").map_or(rest.len(), |i| i + 3)];
    let hooks = read_yaml(".pre-commit-hooks.yaml");
    let id = hooks[0]["id"].as_str().expect("a hook id");
    let mut configs = 0;
    let mut actions = 0;
    for block in section.split("```yaml\n").skip(1) {
        let block = &block[..block.find("```").expect("the block ends")];
        let doc: Value = serde_yaml::from_str(block).unwrap_or_else(|e| panic!("{e}:\n{block}"));
        if let Some(steps) = doc["steps"].as_sequence() {
            // The workflow steps that use this repository's action: the
            // inputs they give are the action's.
            let action = read_yaml("action.yml");
            let step = steps
                .iter()
                .find(|s| s["uses"].as_str().is_some_and(|u| u.starts_with("OWNER/crosscheck@")))
                .expect("the steps use the action");
            for (input, _) in step["with"].as_mapping().expect("inputs") {
                let input = input.as_str().unwrap();
                assert!(!action["inputs"][input].is_null(), "action.yml has the input {input}");
            }
            actions += 1;
            continue;
        }
        let used = doc["repos"][0]["hooks"][0]["id"]
            .as_str()
            .expect("a hook id in the config");
        assert_eq!(used, id, "the README's config uses the hook this repository defines");
        configs += 1;
    }
    assert!(configs >= 1, "## In CI shows a pre-commit config");
    assert_eq!(actions, 1, "## In CI shows the action's workflow steps");
    for link in [
        "docs/ci/github-actions.yml",
        "docs/ci/gitlab-ci.yml",
        ".pre-commit-hooks.yaml",
        "action.yml",
        "scripts/action-run.sh",
    ] {
        assert!(section.contains(&format!("]({link})")), "## In CI links {link}");
        assert!(root().join(link).is_file(), "{link} exists");
    }
}

#[test]
fn command_scanner_finds_commands_and_splits_words() {
    let script = "cargo build\ncrosscheck check 'a b/' --format sarif -o out.sarif || [ $? -eq 1 ]\n\
                  test -x x && crosscheck rules test \\\n  rules/ # all packs\n# crosscheck not-a-command\n";
    assert_eq!(
        crosscheck_commands(script),
        vec![
            vec!["crosscheck", "check", "a b/", "--format", "sarif", "-o", "out.sarif"],
            vec!["crosscheck", "rules", "test", "rules/"],
        ]
    );
    assert_eq!(
        shell_words(r#"crosscheck "x \"y\"" z>f"#),
        vec!["crosscheck", "x \"y\"", "z"]
    );
}

// ------------------------------------------------------ completions, man

#[test]
fn bash_completions_know_the_subcommands_and_flags() {
    let out = run(root(), &["completions", "bash"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("crosscheck"), "{}", out.stdout);
    for word in ["check", "extract", "rules", "--fail-on", "--baseline", "--format"] {
        assert!(out.stdout.contains(word), "bash completions mention {word}");
    }
    assert_eq!(out.stderr, "");
}

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = run(root(), &["completions", shell]);
        assert_eq!(out.code, 0, "{shell}: {}", out.stderr);
        // fish writes long flags as `-l fail-on`.
        assert!(out.stdout.contains("fail-on"), "{shell} completions mention --fail-on");
        if shell == "zsh" {
            assert!(
                out.stdout.starts_with("#compdef crosscheck"),
                "zsh loads it by its first line"
            );
        }
    }
    let out = run(root(), &["completions", "tcsh"]);
    assert_eq!(out.code, 2, "an unknown shell is a usage error");
    assert!(out.stderr.contains("bash"), "names the shells: {}", out.stderr);
}

#[test]
fn man_page_is_roff_for_crosscheck() {
    let out = run(root(), &["man"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr, "");
    // Before the header only roff requests (`.ie`/`.el` string definitions).
    let first_macro = out
        .stdout
        .lines()
        .find(|l| !l.starts_with(".ie") && !l.starts_with(".el") && !l.starts_with(".\\\""))
        .expect("a roff line");
    assert!(first_macro.starts_with(".TH crosscheck 1"), "{first_macro}");
    for section in [".SH NAME", ".SH SYNOPSIS", ".SH SUBCOMMANDS"] {
        assert!(out.stdout.contains(section), "the man page has {section}");
    }
    for subcommand in ["check", "extract", "rules", "completions"] {
        assert!(out.stdout.contains(subcommand), "the man page names {subcommand}");
    }
}

/// A roff page as text: `\-` is a hyphen.
fn unroff(page: &str) -> String {
    page.replace("\\-", "-")
}

/// The pages a page refers to, `crosscheck-rules-explain(1)`, as the words
/// after `crosscheck` (`["rules", "explain"]`), given the page's own words.
fn referenced_pages(page: &str, words: &[String]) -> Vec<Vec<String>> {
    let prefix = ["crosscheck".to_string()]
        .iter()
        .chain(words)
        .cloned()
        .collect::<Vec<_>>()
        .join("-")
        + "-";
    let reference = regex::Regex::new(r"crosscheck(?:-[a-z0-9]+)*\(1\)").expect("a regex");
    reference
        .find_iter(&unroff(page))
        .filter_map(|m| {
            let name = m.as_str().trim_end_matches("(1)");
            name.strip_prefix(&prefix).map(|sub| {
                let mut next = words.to_vec();
                next.push(sub.to_string());
                next
            })
        })
        .collect()
}

/// Every page, found from crosscheck(1) through the pages each refers to:
/// the words after `crosscheck` of each, and its roff.
fn all_man_pages() -> Vec<(Vec<String>, String)> {
    let mut pages = Vec::new();
    let mut pending: Vec<Vec<String>> = vec![Vec::new()];
    while let Some(words) = pending.pop() {
        let out = run(root(), &[&["man".to_string()][..], &words].concat());
        assert_eq!(out.code, 0, "crosscheck man {words:?}: {}", out.stderr);
        assert_eq!(out.stderr, "", "crosscheck man {words:?}");
        pending.extend(referenced_pages(&out.stdout, &words));
        pages.push((words, out.stdout));
    }
    pages.sort();
    pages
}

#[test]
fn every_subcommand_has_a_man_page_naming_its_flags() {
    let pages = all_man_pages();
    let names: Vec<String> = pages.iter().map(|(w, _)| w.join(" ")).collect();
    for expected in [
        "",
        "check",
        "extract",
        "probe",
        "diff",
        "rules",
        "rules explain",
        "rules test",
        "completions",
        "man",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "no page for `{expected}`: {names:?}"
        );
    }
    assert!(
        !names.iter().any(|n| n == "help"),
        "clap's help subcommand has no page: {names:?}"
    );
    // An option line of `--help`: `  -o, --output <FILE>` or `      --rules <PATH>`.
    let option = regex::Regex::new(r"(?m)^ {2,6}(?:(-[A-Za-z]), )?(--[a-z][a-z0-9-]*)").expect("a regex");
    for (words, page) in &pages {
        let text = unroff(page);
        let title = ["crosscheck".to_string()]
            .iter()
            .chain(words)
            .cloned()
            .collect::<Vec<_>>()
            .join("-");
        assert!(text.contains(&format!(".TH {title} 1")), "{title}: {page}");
        for section in [".SH NAME", ".SH SYNOPSIS", ".SH OPTIONS"] {
            assert!(text.contains(section), "{title} has {section}");
        }
        let help = run(root(), &[&words[..], &["--help".to_string()]].concat());
        assert_eq!(help.code, 0, "crosscheck {words:?} --help: {}", help.stderr);
        let flags: Vec<&str> = option
            .captures_iter(&help.stdout)
            .flat_map(|c| [c.get(1), c.get(2)])
            .flatten()
            .map(|m| m.as_str())
            .collect();
        assert!(flags.contains(&"--help"), "{title}: the flags of --help: {flags:?}");
        for flag in flags {
            assert!(
                text.contains(&format!("\\fB{flag}\\fR")),
                "{title} does not name {flag}:\n{page}"
            );
        }
    }
    let check = &pages
        .iter()
        .find(|(w, _)| w == &["check"])
        .expect("crosscheck-check(1)")
        .1;
    for flag in ["--fail-on", "--baseline", "--format", "--against", "-j"] {
        assert!(unroff(check).contains(flag), "crosscheck-check(1) names {flag}");
    }
}

#[test]
fn man_dir_writes_every_page_the_pages_refer_to() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let target = dir.path().join("share/man/man1");
    let out = run(dir.path(), &["man", "--dir", "share/man/man1"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr, "");
    let mut files: Vec<String> = std::fs::read_dir(&target)
        .expect("the folder was made")
        .map(|e| e.expect("an entry").file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let printed: Vec<String> = out
        .stdout
        .lines()
        .map(|l| Path::new(l).file_name().expect("a path").to_string_lossy().into_owned())
        .collect();
    assert_eq!(printed, files, "prints each path written");
    // The same pages as `crosscheck man [SUBCOMMAND]`, every one of them.
    let pages = all_man_pages();
    let expected: Vec<String> = pages
        .iter()
        .map(|(words, _)| {
            let mut name = vec!["crosscheck".to_string()];
            name.extend(words.iter().cloned());
            name.join("-") + ".1"
        })
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(files, expected);
    for (words, page) in &pages {
        let name = ["crosscheck".to_string()]
            .iter()
            .chain(words)
            .cloned()
            .collect::<Vec<_>>()
            .join("-");
        let written = std::fs::read_to_string(target.join(format!("{name}.1"))).expect("the page");
        assert_eq!(
            &written,
            page,
            "{name}.1 is what `crosscheck man {}` prints",
            words.join(" ")
        );
    }
    // groff, where installed, reads every page without a warning (`-k`:
    // through preconv, as man does, for the non-ASCII characters).
    let groff = Command::new("groff")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !groff {
        eprintln!("integration_docs: groff is not installed; pages not typeset");
        return;
    }
    for file in &files {
        let typeset = Command::new("groff")
            .args(["-k", "-man", "-Tutf8", "-ww", "-P-cbou"])
            .arg(target.join(file))
            .output()
            .expect("groff runs");
        let stderr = String::from_utf8_lossy(&typeset.stderr);
        assert!(typeset.status.success() && stderr.is_empty(), "groff {file}: {stderr}");
        assert!(String::from_utf8_lossy(&typeset.stdout).contains("SYNOPSIS"), "{file}");
    }
}

#[test]
fn man_for_an_unknown_subcommand_names_the_pages() {
    let out = run(root(), &["man", "rules", "nope"]);
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, "");
    assert!(out.stderr.contains("no man page for `rules nope`"), "{}", out.stderr);
    assert!(out.stderr.contains("explain"), "{}", out.stderr);
    let out = run(root(), &["man", "check", "--dir", "x"]);
    assert_eq!(out.code, 2, "a page and --dir conflict: {}", out.stderr);
}

#[test]
fn pull_request_workflow_caches_the_index_and_annotates_only_what_the_request_changed() {
    let file = "docs/ci/github-actions-pr.yml";
    let doc = read_yaml(file);
    let steps = doc["jobs"]["crosscheck"]["steps"]
        .as_sequence()
        .expect("the crosscheck job has steps");
    let checkout = steps
        .iter()
        .find(|s| s["uses"].as_str() == Some("actions/checkout@v4"))
        .expect("a checkout");
    assert_eq!(
        checkout["with"]["fetch-depth"].as_u64(),
        Some(0),
        "the base branch is fetched"
    );
    let cache = steps
        .iter()
        .find(|s| s["uses"].as_str() == Some("actions/cache@v4"))
        .expect("an actions/cache step");
    let commands = commands_in(file);
    assert_eq!(commands.len(), 1, "{commands:?}");
    let command = &commands[0];
    assert_eq!(
        flag_value(command, "--cache").as_deref(),
        cache["with"]["path"].as_str(),
        "the cache step keeps the folder --cache names"
    );
    assert!(cache["with"]["restore-keys"].as_str().is_some());

    // Run it as the workflow does: a repository whose main branch holds the
    // corpus, and a pull request that changes one article.
    let repo = repository();
    git(repo.path(), &["init", "-q", "-b", "main"]);
    git(repo.path(), &["add", "content"]);
    git(repo.path(), &["commit", "-q", "-m", "corpus"]);
    git(repo.path(), &["update-ref", "refs/remotes/origin/main", "HEAD"]);
    let args: Vec<String> = command[1..]
        .iter()
        .map(|a| a.replace("$GITHUB_BASE_REF", "main"))
        .collect();
    let untouched = run(repo.path(), &args);
    assert_eq!(
        untouched.code, 0,
        "no article changed: {}{}",
        untouched.stdout, untouched.stderr
    );
    assert!(!untouched.stdout.contains("::error"), "{}", untouched.stdout);
    assert!(untouched.stderr.contains("3 extracted"), "{}", untouched.stderr);
    // The request edits the article that says 196 in its own words.
    let edited = repo.path().join("content/2025/11/assembly.md");
    let text = std::fs::read_to_string(&edited).expect("the article");
    std::fs::write(&edited, text.replace("مراكش.", "مراكش المغربية.")).expect("edited");
    let changed = run(repo.path(), &args);
    assert_eq!(changed.code, 1, "{}{}", changed.stdout, changed.stderr);
    assert!(changed.stdout.contains("::error file=content/"), "{}", changed.stdout);
    assert!(
        changed.stderr.contains("1 extracted (0 new, 1 changed"),
        "only the edited article is read again: {}",
        changed.stderr
    );
}
