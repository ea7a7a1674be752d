//! `check --cache DIR` keeps the corpus's claims in an index between runs
//! and gives the findings a full run gives; `--changed-since REV` reports
//! only the findings that involve an article changed since a git revision.

mod support;

use support::{git, Dir, Output};

fn json(dir: &Dir, extra: &[&str]) -> Output {
    let mut args = vec!["check", "seeds", "--format", "json"];
    args.extend_from_slice(extra);
    dir.run(&args)
}

#[test]
fn a_cached_run_gives_the_findings_of_a_full_run_and_reads_only_what_changed() {
    let dir = Dir::new();
    dir.copy_seeds("seeds");
    let cache = ["--cache", ".crosscheck"];
    let first = json(&dir, &cache);
    assert_eq!(first.stdout, json(&dir, &[]).stdout);
    assert!(
        first.stderr.contains("5 articles, 5 extracted (5 new"),
        "{}",
        first.stderr
    );
    let second = json(&dir, &cache);
    assert_eq!(second.stdout, first.stdout);
    assert!(second.stderr.contains("5 articles, 0 extracted"), "{}", second.stderr);

    // One article now agrees on 196 countries; another is removed.
    let article = dir.path().join("seeds/003_5eeac2ce75b1fb3d.txt");
    let text = std::fs::read_to_string(&article).expect("a seed");
    std::fs::write(&article, text.replace("بمشاركة 179 دولة", "بمشاركة 196 دولة")).expect("edited");
    std::fs::remove_file(dir.path().join("seeds/001_d10228b00b9c0c11.txt")).expect("removed");
    let third = json(&dir, &cache);
    assert!(
        third.stderr.contains("4 articles, 1 extracted (0 new, 1 changed"),
        "{}",
        third.stderr
    );
    assert!(third.stderr.contains("1 removed"), "{}", third.stderr);
    assert_eq!(third.stdout, json(&dir, &[]).stdout, "after the edit");
    assert!(!third.stdout.contains("\"179\""), "{}", third.stdout);

    // The human report, quoting articles, is the same too.
    assert_eq!(
        dir.run(&["check", "seeds", "--cache", ".crosscheck"]).stdout,
        dir.run(&["check", "seeds"]).stdout
    );
}

#[test]
fn a_cached_published_corpus_checks_drafts_as_against_does() {
    let dir = Dir::new();
    dir.copy_seeds("published");
    dir.write(
        "draft.md",
        "---\npublished: 2025-11-26\n---\nتتواصل في مراكش أشغال الدورة 93 للجمعية العامة للإنتربول بمشاركة 180 دولة.\n",
    );
    let against = dir.run(&["check", "draft.md", "--against", "published", "--format", "json"]);
    let cached_args = [
        "check",
        "draft.md",
        "--against",
        "published",
        "--cache",
        "c",
        "--format",
        "json",
    ];
    let cached = dir.run(&cached_args);
    assert_eq!(cached.stdout, against.stdout, "{}", cached.stderr);
    assert_eq!(cached.code, against.code);
    let again = dir.run(&cached_args);
    assert_eq!(again.stdout, against.stdout);
    assert!(again.stderr.contains("0 extracted"), "{}", again.stderr);
}

#[test]
fn changed_since_reports_the_findings_of_changed_articles_only() {
    let dir = Dir::new();
    dir.copy_seeds("seeds");
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "seeds"]);
    git(dir.path(), &["commit", "-q", "-m", "seeds"]);
    let all = json(&dir, &[]).expect(1);
    assert!(all.stdout.contains("contradiction"));

    let unchanged = json(&dir, &["--changed-since", "HEAD"]).expect(0);
    assert_eq!(unchanged.json()["findings"], serde_json::json!([]));
    // Every article was still read and compared.
    assert_eq!(unchanged.json()["summary"]["claims"], all.json()["summary"]["claims"]);

    // An article of the name-variant finding changes (a space at its
    // end): that finding is reported, the contradiction of two others is
    // not.
    let article = dir.path().join("seeds/002_4b9458db76bc8050.txt");
    let mut text = std::fs::read_to_string(&article).expect("a seed");
    text.push(' ');
    std::fs::write(&article, text).expect("edited");
    let out = json(&dir, &["--changed-since", "HEAD"]).expect(0);
    let codes: Vec<String> = out.json()["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["code"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(codes, ["name-variant"], "{}", out.stdout);

    // A new file not yet committed counts as changed.
    let fresh = std::fs::read_to_string(dir.path().join("seeds/004_ab1a5d83bf4eb712.txt")).expect("a seed");
    dir.write("seeds/new.txt", fresh);
    let out = json(&dir, &["--changed-since", "HEAD"]);
    assert!(out.stdout.contains("seeds/new.txt"), "{}", out.stdout);

    // A baseline entry of a finding left out is not stale.
    dir.run(&["check", "seeds", "--write-baseline", "b.json"]).expect(0);
    let out = json(&dir, &["--changed-since", "HEAD", "--baseline", "b.json"]).expect(0);
    assert_eq!(out.json()["summary"]["stale"], 0, "{}", out.stdout);

    let bad = json(&dir, &["--changed-since", "no-such-branch"]).expect(2);
    assert!(
        bad.stderr.contains("`no-such-branch` is not a revision"),
        "{}",
        bad.stderr
    );
}
