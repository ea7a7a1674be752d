//! The paths the README recommends give the results they promise: each
//! test runs the command a user would run (the README's own example where
//! there is one) and asserts what the user sees.

mod support;

use support::{claims, fenced_after, readme, run, with_seeds};

const SEED_003: &str = "003_5eeac2ce75b1fb3d.txt";

/// The README's `disable = [...]` line, as written there.
fn readme_disable_line() -> String {
    let toml = fenced_after(&readme(), "## Configuration", "toml");
    toml.lines()
        .find(|l| l.starts_with("disable"))
        .expect("the README's config disables a rule")
        .to_string()
}

#[test]
fn disable_in_config_removes_exactly_that_rules_claims() {
    let (dir, _) = with_seeds("seeds");
    let all = run(dir.path(), &["extract", "seeds/", "--format", "json", "--no-config"]);
    let all = claims(&all.assert_code(0).json());
    let line = readme_disable_line();
    std::fs::write(dir.path().join("crosscheck.toml"), format!("{line}\n")).unwrap();
    let out = run(dir.path(), &["extract", "seeds/", "--format", "json"]);
    let kept = claims(&out.assert_code(0).json());
    let disabled: String = line
        .split('"')
        .nth(1)
        .expect("a quoted key in the disable line")
        .to_string();
    let expected: Vec<_> = all.iter().filter(|c| c.0 != disabled).cloned().collect();
    assert!(
        all.len() > expected.len(),
        "the disabled rule reads something in the seeds"
    );
    assert_eq!(kept, expected, "disable removes {disabled}'s claims and nothing else");
    // And check finds what it found without the rule.
    let check = run(dir.path(), &["check", "seeds/", "--format", "json"]).json();
    assert_eq!(check["summary"]["errors"], 1);
    assert_eq!(check["summary"]["claims"].as_u64(), Some(expected.len() as u64));
}

#[test]
fn a_severity_override_keeps_every_claim() {
    // A severity override only changes severities: every claim stays.
    let (dir, _) = with_seeds("seeds");
    let all = claims(&run(dir.path(), &["extract", "seeds/", "--format", "json", "--no-config"]).json());
    std::fs::write(
        dir.path().join("crosscheck.toml"),
        "[severity]\n\"interpol.president-name\" = \"error\"\n",
    )
    .unwrap();
    let kept = claims(&run(dir.path(), &["extract", "seeds/", "--format", "json"]).json());
    assert_eq!(kept, all);
}

#[test]
fn draft_inside_its_corpus_is_one_article() {
    // The README's pre-commit recipe: `--against=content/` and the staged
    // files, which live under content/.
    let (dir, _) = with_seeds("content");
    let draft = format!("content/{SEED_003}");
    let recipe = ["check", "--no-config", "--format", "json", "--against=content/", &draft];
    let out = run(dir.path(), &recipe);
    out.assert_code(1);
    let doc = out.json();
    assert_eq!(doc["summary"]["articles"], 5, "the draft is counted once");
    let finding = &doc["findings"][0];
    assert_eq!(finding["code"], "contradiction");
    assert_eq!(finding["key"], "interpol.participating-countries");
    // Spelled another way, it is still the same article.
    let dotted = format!("./content/../content/{SEED_003}");
    let again = run(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--format",
            "json",
            "--against",
            "content",
            "--",
            &dotted,
        ],
    );
    again.assert_code(1);
    assert_eq!(again.json()["summary"]["articles"], 5);
}

#[test]
fn draft_against_corpus_human_summary_counts_each_article_once() {
    let (dir, _) = with_seeds("content");
    let draft = format!("content/{SEED_003}");
    let out = run(dir.path(), &["check", "--no-config", "--against=content/", &draft]);
    out.assert_code(1);
    assert!(out.stdout.contains("in 5 articles"), "{}", out.stdout);
}

/// A corpus with a draft folder, a config at its root that excludes it.
fn corpus_with_drafts() -> tempfile::TempDir {
    let (dir, content) = with_seeds("content");
    std::fs::create_dir_all(content.join("drafts")).unwrap();
    std::fs::copy(content.join(SEED_003), content.join("drafts/x.txt")).unwrap();
    std::fs::write(
        dir.path().join("crosscheck.toml"),
        "exclude = [\"content/drafts/**\"]\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("sub/deeper")).unwrap();
    dir
}

fn articles_read(doc: &serde_json::Value) -> Vec<String> {
    let mut a: Vec<String> = claims(doc).into_iter().map(|c| c.1).collect();
    a.sort();
    a.dedup();
    a
}

#[test]
fn exclude_globs_are_relative_to_the_config_wherever_the_command_runs() {
    let dir = corpus_with_drafts();
    let root = dir.path();
    let from_root = run(root, &["extract", "content", "--format", "json"]);
    assert!(!articles_read(&from_root.json()).iter().any(|a| a.contains("drafts")));
    let deeper = root.join("sub/deeper");
    let absolute = root.join("content").display().to_string();
    for spelled in [
        "../../content",
        "../../content/",
        "./../../sub/../content",
        absolute.as_str(),
    ] {
        let out = run(&deeper, &["extract", spelled, "--format", "json"]);
        let read = articles_read(&out.assert_code(0).json());
        assert_eq!(read.len(), 5, "{spelled}: {read:?}");
        assert!(
            !read.iter().any(|a| a.contains("drafts")),
            "{spelled} read a draft: {read:?}"
        );
    }
}

#[test]
fn a_folder_with_every_file_excluded_says_so() {
    let dir = corpus_with_drafts();
    let out = run(&dir.path().join("sub/deeper"), &["check", "../../content/drafts"]);
    out.assert_code(0);
    assert!(
        out.stderr
            .contains("crosscheck: no articles to check in ../../content/drafts: 1 file excluded by crosscheck.toml"),
        "{}",
        out.stderr
    );
}

#[test]
fn an_empty_folder_says_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("content")).unwrap();
    std::fs::write(dir.path().join("content/notes.pdf"), "x").unwrap();
    std::fs::create_dir_all(dir.path().join("empty")).unwrap();
    let out = run(dir.path(), &["check", "--no-config", "content", "empty"]);
    out.assert_code(0);
    assert!(
        out.stderr
            .contains("no articles to check in content: 1 file and none is an article"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("no articles to check in empty: the folder is empty"),
        "{}",
        out.stderr
    );
}
