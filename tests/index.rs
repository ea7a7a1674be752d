//! `crosscheck index` and `check --index`: the index holds what `extract`
//! gives, `check --index` gives what `check --against` gives, and the
//! index survives concurrent runs, a killed update and files that are not
//! an index.

mod support;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use support::{Dir, Output, BIN};

/// A small corpus of our own: articles about the INTERPOL assembly whose
/// figures, dates and names vary from article to article (so they
/// contradict), some with front matter, some dated by a dateline, some
/// undated, a JSONL corpus of a few more (with a broken line), and an
/// empty file.
fn generated(dir: &Dir, folder: &str, articles: usize, seed: u64) {
    let mut state = seed;
    let mut next = |n: u64| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) % n
    };
    let outlets = ["hespress", "alyaoum24", "le360", "médias24"];
    let mut jsonl = String::new();
    for i in 0..articles {
        let countries = [196, 196, 196, 179, 195][next(5) as usize];
        let session = [93, 93, 94][next(3) as usize];
        let (from, to) = [(24, 27), (24, 27), (23, 26)][next(3) as usize];
        let delegates = [800, 800, 700][next(3) as usize];
        let president = ["أحمد ناصر الريسي", "أحمد ناصر الرئيسي"][next(2) as usize];
        let body = format!(
            "تنطلق أشغال الدورة {session} للجمعية العامة للإنتربول في مدينة مراكش من {from} إلى {to} نونبر 2025.\n\n\
             ويشارك في الحدث نحو {delegates} مندوب، بمشاركة {countries} دولة.\n\n\
             وترأس اللواء {president}، رئيس المنظمة الدولية للشرطة الجنائية، الجلسة الأولى.\n"
        );
        let outlet = outlets[next(4) as usize];
        let day = 10 + next(12);
        match i % 4 {
            0 => dir.write(
                &format!("{folder}/{outlet}/a{i:03}.md"),
                format!("---\nsource: {outlet}\npublished: 2025-11-{day}\n---\n{body}"),
            ),
            1 => dir.write(
                &format!("{folder}/{outlet}/a{i:03}.txt"),
                format!("حرر بتاريخ | 11/{day}/2025\n{body}"),
            ),
            2 => dir.write(&format!("{folder}/{outlet}/a{i:03}.txt"), &body),
            _ => {
                let line = serde_json::json!({"id": format!("j{i}"), "source": outlet, "published": format!("2025-11-{day}"), "text": body});
                jsonl.push_str(&format!("{line}\n"));
                dir
            }
        };
    }
    jsonl.push_str("{\"id\": \"broken\", \"text\": \n");
    dir.write(&format!("{folder}/more.jsonl"), jsonl);
    dir.write(&format!("{folder}/empty.txt"), "");
}

fn update(dir: &Dir, corpus: &str, db: &str) -> Output {
    dir.run(&["index", "update", corpus, "--db", db, "--no-config"])
}

/// `extract --format jsonl` of the corpus equals `index export`, byte
/// for byte.
fn assert_export_is_extract(dir: &Dir, corpus: &str, db: &str) {
    let extract = dir.run(&["extract", corpus, "--format", "jsonl", "--no-config"]);
    let export = dir.run(&["index", "export", "--db", db]).expect(0);
    assert!(!extract.stdout.is_empty(), "the corpus has claims");
    assert_eq!(export.stdout, extract.stdout, "index export vs extract --format jsonl");
}

/// `check ARGS --against CORPUS` and `check ARGS --index DB` print the same
/// report and exit the same way, in every format given.
fn assert_same_checks(dir: &Dir, drafts: &[&str], corpus: &str, db: &str) {
    for format in ["human", "json", "jsonl", "sarif"] {
        let base: Vec<&str> = [&["check"][..], drafts, &["--format", format, "--no-config"]].concat();
        let against = dir.run(&[&base[..], &["--against", corpus]].concat());
        let indexed = dir.run(&[&base[..], &["--index", db]].concat());
        let what = format!("{drafts:?} in {format}");
        assert_same(&indexed, &against, &what);
    }
}

/// Fails unless both runs exited alike and printed the same stdout,
/// showing the first line that differs.
#[track_caller]
fn assert_same(indexed: &Output, other: &Output, what: &str) {
    if indexed.stdout != other.stdout {
        let (a, b): (Vec<&str>, Vec<&str>) = (indexed.stdout.lines().collect(), other.stdout.lines().collect());
        let at = (0..a.len().max(b.len())).find(|&i| a.get(i) != b.get(i)).unwrap_or(0);
        panic!(
            "{what}: stdout differs at line {}:\n--index: {:?}\nother:   {:?}\nstderr --index:\n{}\nstderr other:\n{}",
            at + 1,
            a.get(at),
            b.get(at),
            indexed.stderr,
            other.stderr
        );
    }
    assert_eq!(indexed.code, other.code, "{what}: exit code\n{}", indexed.stderr);
}

#[test]
fn the_index_of_the_seeds_gives_what_against_and_extract_give() {
    let dir = Dir::new();
    dir.copy_seeds("corpus");
    dir.write(
        "draft.md",
        "تنعقد الدورة 94 للجمعية العامة للإنتربول في مراكش من 23 إلى 26 نونبر 2025، بمشاركة 150 دولة، عبر نحو 800 مندوب.\n",
    );
    let out = update(&dir, "corpus", "claims.db").expect(0);
    assert!(out.stdout.contains("5 articles (5 added"), "{}", out.stdout);
    assert_export_is_extract(&dir, "corpus", "claims.db");
    let seed = format!("corpus/{}", support::seed_names()[3]);
    for drafts in [vec!["draft.md"], vec![seed.as_str()], vec!["draft.md", seed.as_str()]] {
        assert_same_checks(&dir, &drafts, "corpus", "claims.db");
    }
    // The draft disagrees with the corpus: the report says so.
    let report = dir
        .run(&["check", "draft.md", "--index", "claims.db", "--no-config"])
        .expect(1);
    assert!(
        report.stdout.contains("published articles: 0 agree with the draft"),
        "{}",
        report.stdout
    );
    // The whole corpus, from the index alone.
    for format in ["human", "json"] {
        let plain = dir.run(&["check", "corpus", "--format", format, "--no-config"]);
        let indexed = dir.run(&["check", "--index", "claims.db", "--format", format, "--no-config"]);
        assert_same(&indexed, &plain, format);
    }
}

#[test]
fn the_index_of_a_generated_corpus_gives_what_against_and_extract_give() {
    let dir = Dir::new();
    generated(&dir, "corpus", 48, 7);
    generated(&dir, "drafts", 3, 99);
    let out = update(&dir, "corpus", "claims.db").expect(2);
    assert!(
        out.stderr.contains("cannot read corpus/more.jsonl:13"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("skipped corpus/empty.txt: empty file"),
        "{}",
        out.stderr
    );
    assert_export_is_extract(&dir, "corpus", "claims.db");
    let inside = "corpus/hespress/a000.md";
    let inside = if dir.path().join(inside).exists() {
        inside
    } else {
        "corpus/more.jsonl"
    };
    for drafts in [vec!["drafts"], vec![inside], vec!["drafts/more.jsonl", inside]] {
        assert_same_checks(&dir, &drafts, "corpus", "claims.db");
    }
    for threads in ["1", "2"] {
        let plain = dir.run(&["check", "corpus", "--format", "json", "--no-config", "-j", threads]);
        let indexed = dir.run(&[
            "check",
            "--index",
            "claims.db",
            "--format",
            "json",
            "--no-config",
            "-j",
            threads,
        ]);
        assert_same(&indexed, &plain, threads);
    }
}

#[test]
fn an_update_adds_changes_and_drops_articles_and_extracts_only_those() {
    let dir = Dir::new();
    generated(&dir, "corpus", 12, 3);
    update(&dir, "corpus", "claims.db").expect(2);
    let again = update(&dir, "corpus", "claims.db").expect(2);
    assert!(
        again
            .stdout
            .contains("(0 added, 0 changed, 0 extracted again, 12 unchanged, 0 removed)"),
        "{}",
        again.stdout
    );
    // One article changed, one new, one removed, one line of the JSONL changed.
    dir.write("corpus/new.txt", "تنطلق أشغال الدورة 95 للجمعية العامة للإنتربول.\n");
    std::fs::remove_file(dir.path().join("corpus/médias24/a000.md"))
        .or_else(|_| {
            let any = walk(&dir.path().join("corpus"))
                .into_iter()
                .find(|p| p.extension().is_some_and(|e| e == "md"))
                .unwrap();
            std::fs::remove_file(any)
        })
        .unwrap();
    let jsonl = String::from_utf8(dir.read("corpus/more.jsonl"))
        .unwrap()
        .replacen("مراكش", "الرباط", 1);
    dir.write("corpus/more.jsonl", jsonl);
    let out = update(&dir, "corpus", "claims.db").expect(2);
    assert!(
        out.stdout
            .contains(": 12 articles (1 added, 1 changed, 0 extracted again, 10 unchanged, 1 removed)"),
        "{}",
        out.stdout
    );
    assert_export_is_extract(&dir, "corpus", "claims.db");
    let status = dir
        .run(&["index", "status", "--db", "claims.db", "--format", "json"])
        .expect(0)
        .json();
    assert_eq!(status["articles"], 12);
    assert_eq!(status["complete"], true);
    assert_eq!(status["unreadable"], 1);
    assert_eq!(status["keys"]["interpol.session"], 12);
}

/// Sets a file's modification time.
fn set_modified(path: &Path, time: std::time::SystemTime) {
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_modified(time).unwrap();
}

/// Sets a file's modification time `seconds` before now.
fn age(path: &Path, seconds: u64) {
    set_modified(path, std::time::SystemTime::now() - Duration::from_secs(seconds));
}

#[test]
fn an_update_trusts_a_file_by_its_size_and_time_but_not_one_written_as_it_read() {
    let dir = Dir::new();
    let a = "تنطلق أشغال الدورة 93 للجمعية العامة للإنتربول.\n";
    let b = "تنطلق أشغال الدورة 94 للجمعية العامة للإنتربول.\n";
    dir.write("corpus/old.txt", a).write("corpus/fresh.txt", a);
    age(&dir.path().join("corpus/old.txt"), 3600);
    update(&dir, "corpus", "claims.db").expect(0);
    let modified = |name: &str| std::fs::metadata(dir.path().join(name)).unwrap().modified().unwrap();
    // Both change, to text of the same size, their times put back: the
    // file written an hour before the update is trusted by its size and
    // time (as git trusts its index) and not read; the file written just
    // before the update read it may have changed within the same tick, so
    // it is read again, and its change is found.
    for name in ["corpus/old.txt", "corpus/fresh.txt"] {
        let then = modified(name);
        dir.write(name, b);
        set_modified(&dir.path().join(name), then);
    }
    let out = update(&dir, "corpus", "claims.db").expect(0);
    assert!(
        out.stdout
            .contains("(0 added, 1 changed, 0 extracted again, 1 unchanged, 0 removed)"),
        "{}",
        out.stdout
    );
    // A new time is read: the change of the old file is found.
    age(&dir.path().join("corpus/old.txt"), 60);
    let out = update(&dir, "corpus", "claims.db").expect(0);
    assert!(
        out.stdout
            .contains("(0 added, 1 changed, 0 extracted again, 1 unchanged, 0 removed)"),
        "{}",
        out.stdout
    );
    assert_export_is_extract(&dir, "corpus", "claims.db");
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files.sort();
    files
}

#[test]
fn other_packs_extract_everything_again_and_a_check_with_other_packs_is_refused() {
    let dir = Dir::new();
    dir.copy_seeds("corpus");
    dir.write(
        "packs/extra.yaml",
        "pack: extra\nlanguage: ar\nrules:\n  - id: delegates\n    title: Delegates\n    kind: count\n    patterns:\n      - 'نحو\\s+{count}\\s+مندوب'\n",
    );
    update(&dir, "corpus", "claims.db").expect(0);
    let status = dir.run(&["index", "status", "--db", "claims.db"]).expect(0);
    assert!(
        status.stdout.contains("<builtin>/interpol.yaml  sha256:"),
        "{}",
        status.stdout
    );
    let refused = dir
        .run(&[
            "check",
            "--index",
            "claims.db",
            "--rules",
            "packs/extra.yaml",
            "--no-config",
        ])
        .expect(2);
    assert!(
        refused.stderr.contains("built with other rule packs"),
        "{}",
        refused.stderr
    );
    let out = dir.run(&[
        "index",
        "update",
        "corpus",
        "--db",
        "claims.db",
        "--rules",
        "packs/extra.yaml",
        "--no-config",
    ]);
    let out = out.expect(0);
    assert!(
        out.stderr.contains("every article was extracted again"),
        "{}",
        out.stderr
    );
    assert!(
        out.stdout
            .contains("(0 added, 0 changed, 5 extracted again, 0 unchanged, 0 removed)"),
        "{}",
        out.stdout
    );
    let status = dir.run(&["index", "status", "--db", "claims.db"]).expect(0);
    assert!(status.stdout.contains("packs/extra.yaml  sha256:"), "{}", status.stdout);
    let plain = dir.run(&["check", "corpus", "--rules", "packs/extra.yaml", "--no-config"]);
    let indexed = dir.run(&[
        "check",
        "--index",
        "claims.db",
        "--rules",
        "packs/extra.yaml",
        "--no-config",
    ]);
    assert_same(&indexed, &plain, "with the extra pack");
}

#[test]
fn a_check_says_when_a_quoted_article_changed_or_went_since_indexed() {
    let dir = Dir::new();
    dir.copy_seeds("corpus");
    dir.write(
        "draft.md",
        "تنعقد الدورة 94 للجمعية العامة للإنتربول في مراكش من 23 إلى 26 نونبر 2025، بمشاركة 150 دولة، عبر نحو 800 مندوب.\n",
    );
    update(&dir, "corpus", "claims.db").expect(0);
    let before = dir
        .run(&["check", "draft.md", "--index", "claims.db", "--no-config"])
        .expect(1);
    assert!(!before.stderr.contains("since it was indexed"), "{}", before.stderr);
    let names = support::seed_names();
    let (changed, gone) = (format!("corpus/{}", names[3]), format!("corpus/{}", names[4]));
    let mut text = dir.read(&changed);
    text.extend_from_slice("\nسطر جديد.\n".as_bytes());
    dir.write(&changed, text);
    std::fs::remove_file(dir.path().join(&gone)).unwrap();
    let after = dir
        .run(&["check", "draft.md", "--index", "claims.db", "--no-config"])
        .expect(1);
    // The quotes are those of the index: the report is the same.
    assert_eq!(after.stdout, before.stdout);
    assert!(
        after
            .stderr
            .contains(&format!("note: {changed} has changed since it was indexed")),
        "{}",
        after.stderr
    );
    assert!(
        after.stderr.contains(&format!("note: {gone} was indexed but is gone")),
        "{}",
        after.stderr
    );
}

/// The generated corpus without its broken line and its empty file: every
/// input reads.
fn clean(dir: &Dir, folder: &str) {
    let jsonl = String::from_utf8(dir.read(&format!("{folder}/more.jsonl"))).unwrap();
    let kept: String = jsonl
        .lines()
        .filter(|l| !l.contains("broken"))
        .map(|l| format!("{l}\n"))
        .collect();
    dir.write(&format!("{folder}/more.jsonl"), kept);
    std::fs::remove_file(dir.path().join(format!("{folder}/empty.txt"))).unwrap();
}

#[test]
fn files_that_are_not_an_index_are_refused_and_left_as_they_are() {
    let dir = Dir::new();
    dir.copy_seeds("corpus");
    dir.write("draft.md", "تنعقد الدورة 94 للجمعية العامة للإنتربول.\n");
    update(&dir, "corpus", "good.db").expect(0);
    let good = dir.read("good.db");
    assert!(good.len() > 16 * 1024, "the index is several pages");
    dir.write("notes.db", "these are my notes, not a database\n".repeat(100));
    {
        let other = rusqlite::Connection::open(dir.path().join("other.db")).unwrap();
        other
            .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
    }
    dir.write("newer.db", &good);
    {
        let newer = rusqlite::Connection::open(dir.path().join("newer.db")).unwrap();
        newer.pragma_update(None, "user_version", 2).unwrap();
    }
    let mut corrupt = good.clone();
    for b in &mut corrupt[4096..] {
        *b = 0x55;
    }
    dir.write("corrupt.db", &corrupt);
    let cases = [
        (
            "notes.db",
            "notes.db: not a crosscheck index (not an SQLite database); left as it is",
        ),
        (
            "other.db",
            "other.db: an SQLite database that is not a crosscheck index; left as it is",
        ),
        (
            "newer.db",
            "newer.db: made by a newer crosscheck (index schema 2; this one reads schema 1); left as it is",
        ),
        ("corrupt.db", "corrupt.db: the index is damaged"),
    ];
    for (file, says) in cases {
        let before = dir.read(file);
        let runs: [&[&str]; 5] = [
            &["index", "update", "corpus", "--db", file, "--no-config"],
            &["index", "status", "--db", file],
            &["index", "export", "--db", file],
            &["check", "--index", file, "--no-config"],
            &["check", "draft.md", "--index", file, "--no-config"],
        ];
        for args in runs {
            let out = dir.run(args);
            assert_eq!(out.code, 2, "{args:?}\n{}", out.stderr);
            assert!(out.stderr.contains(says), "{args:?}: {}", out.stderr);
            assert!(out.stdout.is_empty(), "{args:?}: {}", out.stdout);
            assert!(dir.read(file) == before, "{args:?} changed {file}");
        }
    }
    assert!(!dir.path().join("notes.db.lock").exists());
}

#[test]
fn concurrent_updates_and_checks_lose_no_article() {
    let dir = Dir::new();
    generated(&dir, "corpus", 40, 11);
    clean(&dir, "corpus");
    dir.write(
        "draft.md",
        "تنعقد الدورة 94 للجمعية العامة للإنتربول في مراكش، بمشاركة 150 دولة.\n",
    );
    update(&dir, "corpus", "claims.db").expect(0);
    let deadline = Instant::now() + Duration::from_secs(8);
    let failures = std::sync::Mutex::new(Vec::new());
    let runs = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for worker in 0..4 {
            let (dir, failures, runs) = (&dir, &failures, &runs);
            scope.spawn(move || {
                while Instant::now() < deadline {
                    let args: &[&str] = if worker < 2 {
                        &["index", "update", "corpus", "--db", "claims.db", "--no-config"]
                    } else {
                        &[
                            "check",
                            "draft.md",
                            "--index",
                            "claims.db",
                            "--format",
                            "json",
                            "--no-config",
                        ]
                    };
                    let out = support::cmd(dir.path(), args).timeout(Duration::from_secs(60)).output();
                    runs.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let ok = match worker {
                        0 | 1 => out.code == 0,
                        _ => out.code <= 1 && serde_json::from_str::<serde_json::Value>(&out.stdout).is_ok(),
                    };
                    if !ok {
                        failures
                            .lock()
                            .unwrap()
                            .push(format!("{args:?}: {}\n{}", out.code, out.stderr));
                    }
                }
            });
        }
        // Meanwhile the corpus grows.
        let mut added = 0;
        while Instant::now() < deadline {
            dir.write(
                &format!("corpus/late/b{added:03}.txt"),
                format!(
                    "تنطلق أشغال الدورة 93 للجمعية العامة للإنتربول، بمشاركة {} دولة.\n",
                    150 + added
                ),
            );
            added += 1;
            std::thread::sleep(Duration::from_millis(250));
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(
        failures.is_empty(),
        "{} failed runs:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(runs.into_inner() >= 8, "the workers ran");
    let last = update(&dir, "corpus", "claims.db").expect(0);
    assert!(last.stdout.contains(" 0 removed)"), "{}", last.stdout);
    let files = walk(&dir.path().join("corpus")).len() - 1;
    let status = dir
        .run(&["index", "status", "--db", "claims.db", "--format", "json"])
        .expect(0)
        .json();
    assert_eq!(status["articles"], files + 10, "every file and every JSONL article");
    assert_eq!(status["complete"], true);
    assert_export_is_extract(&dir, "corpus", "claims.db");
}

/// Articles in the index now, read as another process would.
fn indexed_articles(db: &Path) -> Option<i64> {
    let conn = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?;
    conn.busy_timeout(Duration::from_secs(5)).ok()?;
    conn.query_row("SELECT count(*) FROM articles", [], |r| r.get(0)).ok()
}

#[test]
fn a_killed_update_leaves_an_index_that_reads_and_a_second_update_completes() {
    let dir = Dir::new();
    // Enough articles for several transactions, each a little different.
    for copy in 0..150 {
        for name in support::seed_names() {
            let mut text = std::fs::read(support::seed(&name)).unwrap();
            text.extend_from_slice(format!("\nنسخة {copy}.\n").as_bytes());
            dir.write(&format!("corpus/{copy:03}/{name}"), text);
        }
    }
    let total = 150 * support::seed_names().len();
    let db = dir.path().join("claims.db");
    let mut child = Command::new(BIN)
        .current_dir(dir.path())
        .args([
            "index",
            "update",
            "corpus",
            "--db",
            "claims.db",
            "--no-config",
            "-j",
            "1",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    // Wait for the first transaction, then kill the update mid-run.
    loop {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the update ended before it could be killed"
        );
        if indexed_articles(&db).is_some_and(|n| n > 0) {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "no transaction within 2 minutes"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    // Another writer waits for this one, then says why it gives up.
    let waited = dir.run(&[
        "index",
        "update",
        "corpus",
        "--db",
        "claims.db",
        "--no-config",
        "--timeout",
        "0",
    ]);
    assert_eq!(waited.code, 2, "{}", waited.stderr);
    assert!(
        waited
            .stderr
            .contains("claims.db: another `crosscheck index update` is writing the index; gave up after waiting 0 s"),
        "{}",
        waited.stderr
    );
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let kept = indexed_articles(&db).unwrap();
    assert!(
        kept > 0 && (kept as usize) < total && kept % 256 == 0,
        "{kept} articles kept: whole batches"
    );
    let status = dir.run(&["index", "status", "--db", "claims.db"]).expect(0);
    assert!(
        status.stdout.contains(&format!("articles: {kept}\n")),
        "{}",
        status.stdout
    );
    assert!(
        status.stdout.contains("the last update did not finish"),
        "{}",
        status.stdout
    );
    let done = update(&dir, "corpus", "claims.db").expect(0);
    let added = format!(
        ": {total} articles ({} added, 0 changed, 0 extracted again, {kept} unchanged, 0 removed)",
        total - kept as usize
    );
    assert!(done.stdout.contains(&added), "{}", done.stdout);
    let status = dir.run(&["index", "status", "--db", "claims.db"]).expect(0);
    assert!(!status.stdout.contains("did not finish"), "{}", status.stdout);
    assert_export_is_extract(&dir, "corpus", "claims.db");
}
