//! Map/reduce without a cluster: a JSONL corpus piped through `extract -
//! --stdin-jsonl` in chunks, each line prefixed with where it comes from
//! (`FILE:LINE` and a tab, as the map step under Spark's `RDD.pipe` is
//! given it), and the claims reduced with `check --claims`, gives what one
//! `check` over the corpus gives: the same report in every format, the
//! same summary (articles with no claim and unreadable lines counted), the
//! same exit code and the same baseline; with `--excerpts`, the same
//! quotes.

mod support;

use support::{seed_names, Dir, Output};

/// Two JSONL corpora that reuse each other's ids: the seeds (five Arabic
/// articles on the INTERPOL assembly) and two more that contradict them,
/// and a quake whose toll rises through the day in English and French
/// wire copy, with three broken lines and an article with no claim.
fn corpus(dir: &Dir) -> Vec<&'static str> {
    let mut arabic = String::new();
    for (i, name) in seed_names().iter().enumerate() {
        let text = support::read_seed(name);
        arabic += &serde_json::json!({ "id": i + 1, "source": format!("outlet-{}", i % 3), "text": text }).to_string();
        arabic.push('\n');
        if i == 1 {
            arabic += "{\"id\": 99, \"text\": \"cut off in the middle\n";
        }
    }
    for (id, text) in [
        (
            6,
            "افتتحت الدورة الرابعة والتسعين للجمعية العامة للإنتربول بمراكش بمشاركة 179 دولة.",
        ),
        (7, "يشارك في الجمعية العامة للإنتربول ممثلو 196 دولة عضوا."),
        (8, "الطقس معتدل اليوم في مراكش."),
    ] {
        arabic +=
            &serde_json::json!({ "id": id, "source": "outlet-9", "published": "2025-11-24", "text": text }).to_string();
        arabic.push('\n');
    }
    let quake = [
        (
            "2026-03-05T06:10:00+01:00",
            "wire-a",
            "A magnitude 6.8 earthquake struck before dawn; at least 296 people dead, according to the interior ministry.",
        ),
        (
            "2026-03-05T11:40:00+01:00",
            "wire-b",
            "UPDATE: the toll rose to 820 people dead and 672 injured, officials said. Earlier, 296 dead were reported.",
        ),
        (
            "2026-03-05T18:05:00+01:00",
            "wire-a",
            "Rescuers said 1,037 people dead and 1,204 injured so far, according to the ministry.",
        ),
        (
            "2026-03-05T19:30:00+01:00",
            "wire-c",
            "The magnitude 7.1 earthquake left 1,037 people dead, the interior ministry said.",
        ),
        (
            "2026-03-05T20:00:00+01:00",
            "wire-d",
            "Un séisme de magnitude 7 a fait 1 037 morts, selon le ministère de l'Intérieur.",
        ),
    ];
    let mut english = String::new();
    for (i, (published, source, text)) in quake.iter().enumerate() {
        english +=
            &serde_json::json!({ "id": i + 1, "source": source, "published": published, "text": text }).to_string();
        english.push('\n');
        if i == 0 {
            english += "not json at all\n\n";
        }
    }
    english += "[\"an array, not an article\"]\n";
    dir.write("wire/ar.jsonl", arabic);
    dir.write("wire/quake.jsonl", english);
    vec!["wire/ar.jsonl", "wire/quake.jsonl"]
}

/// The packs of the run: the built-in ones and the quake's in Arabic and
/// English.
fn packs(dir: &Dir) -> Vec<String> {
    for pack in ["quake-ar.yaml", "quake-en.yaml"] {
        let text = std::fs::read_to_string(support::root().join("tests/news").join(pack));
        if let Ok(text) = text {
            dir.write(&format!("packs/{pack}"), text);
        }
    }
    vec!["--rules".into(), "packs".into()]
}

/// The map step over `files`, in `chunks` pieces, each line given its
/// origin: the shards written, in the order given.
fn map(dir: &Dir, files: &[&str], chunks: usize, packs: &[String]) -> Vec<String> {
    let mut lines = Vec::new();
    for file in files {
        let text = String::from_utf8(dir.read(file)).unwrap();
        for (n, line) in text.lines().enumerate() {
            lines.push(format!("{file}:{}\t{line}\n", n + 1));
        }
    }
    let size = lines.len().div_ceil(chunks);
    let mut shards = Vec::new();
    for (i, chunk) in lines.chunks(size).enumerate() {
        let mut args = vec![
            "extract",
            "-",
            "--stdin-jsonl",
            "--format",
            "jsonl",
            "--excerpts",
            "--no-config",
        ];
        args.extend(packs.iter().map(String::as_str));
        let out = support::cmd(dir.path(), &args).stdin(chunk.concat()).output();
        assert!(out.code == 0 || out.code == 2, "{}", out.stderr);
        let shard = format!("claims/part-{i:05}");
        dir.write(&shard, &out.stdout);
        shards.push(shard);
    }
    assert_eq!(shards.len(), chunks);
    shards
}

fn check(dir: &Dir, args: &[&str], packs: &[String]) -> Output {
    let mut all = vec!["check", "--no-config"];
    all.extend(args);
    all.extend(packs.iter().map(String::as_str));
    dir.run(&all)
}

fn assert_same(one: &Output, reduced: &Output, what: &str) {
    assert_eq!(
        one.code, reduced.code,
        "{what}: exit code\n{}\n{}",
        one.stderr, reduced.stderr
    );
    if one.stdout != reduced.stdout {
        let first = one.stdout.lines().zip(reduced.stdout.lines()).position(|(a, b)| a != b);
        let line = |s: &str| first.and_then(|n| s.lines().nth(n)).unwrap_or_default().to_string();
        panic!(
            "{what}: the reports differ at line {first:?}:\n  one run: {}\n  reduced: {}",
            line(&one.stdout),
            line(&reduced.stdout)
        );
    }
    assert_eq!(one.stderr, reduced.stderr, "{what}: stderr");
}

#[test]
fn four_chunks_through_a_pipe_reduce_to_what_one_run_gives() {
    let dir = Dir::new();
    let files = corpus(&dir);
    let packs = packs(&dir);
    let mut shards = map(&dir, &files, 4, &packs);
    // Shards named in the map's order (as `claims/part-*` names them).
    let mut reduce: Vec<&str> = vec!["--claims"];
    reduce.extend(shards.iter().map(String::as_str));

    for format in ["human", "json", "sarif"] {
        let mut whole = files.clone();
        whole.extend(["--format", format]);
        let one = check(&dir, &whole, &packs);
        let mut args = reduce.clone();
        args.extend(["--format", format]);
        assert_same(&one, &check(&dir, &args, &packs), format);
    }

    let mut whole = files.clone();
    whole.extend(["--format", "json"]);
    let doc = check(&dir, &whole, &packs).json();
    let summary = &doc["summary"];
    // Eight Arabic articles (one with no claim) and five on the quake
    // (the French one with no claim: no French pack is loaded); three
    // lines broken.
    assert_eq!(summary["articles"], 13, "{summary}");
    assert_eq!(summary["unreadable"], 3, "{summary}");
    let unreadable: Vec<&str> = doc["unreadable"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        unreadable,
        ["wire/ar.jsonl:3", "wire/quake.jsonl:2", "wire/quake.jsonl:8"]
    );
    // Articles of the two files that share an id stay apart.
    let text = doc.to_string();
    assert!(
        text.contains("\"wire/ar.jsonl#1\"") && text.contains("\"wire/quake.jsonl#1\""),
        "{text}"
    );
    assert!(!doc["findings"].as_array().unwrap().is_empty());

    // A baseline written by one run is matched whole by the reduce.
    let mut write = files.clone();
    write.extend(["--write-baseline", "baseline.json", "--format", "json"]);
    check(&dir, &write, &packs);
    let mut with = files.clone();
    with.extend(["--baseline", "baseline.json", "--format", "json"]);
    let one = check(&dir, &with, &packs);
    let mut args = reduce.clone();
    args.extend(["--baseline", "baseline.json", "--format", "json"]);
    let reduced = check(&dir, &args, &packs);
    assert_same(&one, &reduced, "with the baseline");
    let summary = &reduced.json()["summary"];
    assert_eq!(summary["stale"], 0, "{summary}");
    assert!(summary["baselined"].as_u64().unwrap() > 0, "{summary}");

    // In any order, the shards give the same findings and summary; only
    // what follows input order (SARIF's list of artifacts) follows theirs.
    shards.reverse();
    let mut args = vec!["--claims"];
    args.extend(shards.iter().map(String::as_str));
    args.extend(["--format", "json"]);
    let reversed = check(&dir, &args, &packs);
    let one = check(&dir, &whole, &packs);
    assert_same(&one, &reversed, "shards in another order");
}

#[test]
fn a_reduce_with_other_packs_than_the_map_step_is_refused() {
    let dir = Dir::new();
    let files = corpus(&dir);
    let packs = packs(&dir);
    let shards = map(&dir, &files, 2, &packs);
    let mut args = vec!["--claims"];
    args.extend(shards.iter().map(String::as_str));
    // Without the quake's packs.
    let out = check(&dir, &args, &[]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("claims/part-00001 was extracted by crosscheck")
            || out.stderr.contains("claims/part-00000 was extracted by crosscheck"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("other rule packs or settings"), "{}", out.stderr);
    assert!(out.stdout.is_empty(), "no report: {}", out.stdout);
    // The same packs reduce (and say that three lines were unreadable).
    let out = check(&dir, &args, &packs);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stdout.contains("3 inputs could not be read"), "{}", out.stdout);
}

#[test]
fn the_map_step_writes_a_record_for_every_article_and_every_line_it_cannot_read() {
    let dir = Dir::new();
    let files = corpus(&dir);
    let shards = map(&dir, &files[..1], 1, &[]);
    let text = String::from_utf8(dir.read(&shards[0])).unwrap();
    let lines: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines[0]["record"], "run");
    assert_eq!(lines[0]["crosscheck"], env!("CARGO_PKG_VERSION"));
    let articles: Vec<(&str, u64)> = lines
        .iter()
        .filter(|l| l["record"] == "article")
        .map(|l| (l["article"].as_str().unwrap(), l["claims"].as_u64().unwrap()))
        .collect();
    assert_eq!(articles.len(), 8);
    assert_eq!(articles[0].0, "wire/ar.jsonl#1");
    assert_eq!(
        articles[7],
        ("wire/ar.jsonl#8", 0),
        "an article with no claim is recorded"
    );
    // Each article's claims follow its record, and as many as it says.
    let mut current = None;
    let mut counted = std::collections::BTreeMap::new();
    for l in &lines {
        match l["record"].as_str() {
            Some("article") => current = l["article"].as_str(),
            Some(_) => current = None,
            None => {
                assert_eq!(l["article"].as_str(), current, "{l}");
                *counted.entry(current.unwrap()).or_insert(0u64) += 1;
            }
        }
    }
    for (article, n) in &articles {
        assert_eq!(counted.get(article).copied().unwrap_or(0), *n, "{article}");
    }
    let last = lines.last().unwrap();
    assert_eq!(last["record"], "unreadable");
    assert_eq!(last["path"], "wire/ar.jsonl:3");
}

#[test]
fn the_readme_spark_recipe_is_the_script_and_its_pipe_example_runs() {
    let readme = support::readme();
    let recipe = support::fenced_after(&readme, "Under Spark, this is the map step", "python");
    let script = std::fs::read_to_string(support::root().join("bench/spark_map.py")).unwrap();
    assert_eq!(recipe, script, "README's Spark recipe vs bench/spark_map.py");

    // The example of a piped map step, run as written (awk and sh are
    // there wherever the tests run), with crosscheck on PATH.
    let example = support::fenced_after(&readme, "each line can say where it comes from", "sh");
    let dir = Dir::new();
    let files = corpus(&dir);
    std::fs::copy(dir.path().join(files[0]), dir.path().join("corpus.jsonl")).unwrap();
    let bin = std::path::Path::new(support::BIN)
        .parent()
        .unwrap()
        .display()
        .to_string();
    let path = format!("{bin}:{}", std::env::var("PATH").unwrap_or_default());
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(&example)
        .current_dir(dir.path())
        .env("PATH", path)
        .output()
        .unwrap();
    assert!(out.status.code() == Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    let claims = String::from_utf8(dir.read("claims.jsonl")).unwrap();
    assert!(claims.contains("\"article\":\"corpus.jsonl#5\""), "{claims}");
    assert!(
        claims.contains("{\"record\":\"unreadable\",\"path\":\"corpus.jsonl:3\""),
        "{claims}"
    );
}

/// `index import SHARDS --db claims.db` with the packs given.
fn import(dir: &Dir, shards: &[String], packs: &[String]) -> Output {
    let mut args = vec!["index", "import"];
    args.extend(shards.iter().map(String::as_str));
    args.extend(["--db", "claims.db", "--no-config"]);
    args.extend(packs.iter().map(String::as_str));
    dir.run(&args)
}

#[test]
fn an_index_imported_from_the_shards_checks_as_one_run_over_the_corpus() {
    let dir = Dir::new();
    let files = corpus(&dir);
    let packs = packs(&dir);
    let shards = map(&dir, &files, 3, &packs);
    let out = import(&dir, &shards, &packs);
    assert_eq!(out.code, 2, "three lines were unreadable: {}", out.stderr);
    assert!(
        out.stdout
            .contains("claims.db: 13 articles imported (13 new, 0 again, 0 removed)"),
        "{}",
        out.stdout
    );
    for format in ["human", "json"] {
        let mut whole = files.clone();
        whole.extend(["--format", format]);
        let one = check(&dir, &whole, &packs);
        let indexed = check(&dir, &["--index", "claims.db", "--format", format], &packs);
        assert_same(&one, &indexed, format);
    }
    // Imported again without the last shard: its articles are dropped.
    let out = import(&dir, &shards[..2], &packs);
    let removed = out.stdout.split("again, ").nth(1).unwrap_or_default();
    assert!(!removed.starts_with("0 removed"), "{}", out.stdout);
    // Shards of other packs are refused, and the index is left as it was.
    let state = || {
        let status = dir.run(&["index", "status", "--db", "claims.db"]).expect(0).stdout;
        let export = dir.run(&["index", "export", "--db", "claims.db"]).expect(0).stdout;
        // The last update's time aside.
        let status: String = status.lines().filter(|l| !l.contains("updated")).collect();
        (status, export)
    };
    let before = state();
    let out = import(&dir, &shards, &[]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("other rule packs or settings"), "{}", out.stderr);
    assert_eq!(state(), before, "the index is as it was");
}
