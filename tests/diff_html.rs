//! End-to-end tests of `crosscheck diff` and of the HTML report.
//!
//! The seeds carry no source metadata, so the diff tests copy them into
//! source-named folders of a temporary corpus (`corpus/<outlet>/<seed>`),
//! where the first folder under the path given names the source. Every
//! run passes `--no-config`; nothing here needs a browser or the network.

mod support;

use serde_json::Value;
use support::{root, run_no_config, seed};

/// Which outlet each seed goes under.
const OUTLETS: [(&str, &str); 5] = [
    ("000_808099a54350a702.txt", "africa4press"),
    ("001_d10228b00b9c0c11.txt", "hespress"),
    ("002_4b9458db76bc8050.txt", "alyaoum24"),
    ("003_5eeac2ce75b1fb3d.txt", "madar21"),
    ("004_ab1a5d83bf4eb712.txt", "kech24"),
];

/// An article that tries to inject markup, and states a member count (195)
/// that contradicts the seeds (196), so it is quoted in a finding.
const HOSTILE: &str = "<script>alert(1)</script> الإنتربول تضم 195 دولة عضو \"><img src=x onerror=alert(1)>\n";

/// A temporary folder with `corpus/<outlet>/<seed>` for every seed.
fn source_corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, outlet) in OUTLETS {
        let folder = dir.path().join("corpus").join(outlet);
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::copy(seed(name), folder.join(name)).unwrap();
    }
    dir
}

/// A temporary folder with `articles/` holding the seeds.
fn seed_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("articles");
    std::fs::create_dir_all(&folder).unwrap();
    for (name, _) in OUTLETS {
        std::fs::copy(seed(name), folder.join(name)).unwrap();
    }
    dir
}

fn row<'a>(doc: &'a Value, key: &str) -> &'a Value {
    doc["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["key"] == key)
        .unwrap_or_else(|| panic!("no row {key} in {doc:#}"))
}

/// The sources whose cell disagrees in a row.
fn disagreeing(row: &Value) -> Vec<String> {
    let mut out: Vec<String> = row["cells"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, c)| c["disagrees"] == true)
        .map(|(s, _)| s.clone())
        .collect();
    out.sort();
    out
}

fn values(row: &Value, source: &str) -> Vec<String> {
    row["cells"][source]["values"]
        .as_array()
        .unwrap_or_else(|| panic!("{source} is silent in {row:#}"))
        .iter()
        .map(|v| v["value"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn diff_by_source_names_the_outlets_that_disagree() {
    let dir = source_corpus();
    let doc = run_no_config(dir.path(), &["diff", "--by", "source", "corpus/", "--format", "json"])
        .expect(1)
        .json();
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["weighted"], false);
    let sources: Vec<&str> = doc["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    // Sources by the first date they published (kech24's article has a
    // dateline), then the undated ones by name.
    assert_eq!(sources, ["kech24", "africa4press", "alyaoum24", "hespress", "madar21"]);

    let countries = row(&doc, "interpol.participating-countries");
    assert_eq!(values(countries, "madar21"), ["179"]);
    assert_eq!(values(countries, "kech24"), ["196"]);
    assert_eq!(countries["cells"]["madar21"]["values"][0]["articles"], 1);
    assert_eq!(countries["cells"].as_object().unwrap().len(), 2, "the rest are silent");
    assert_eq!(disagreeing(countries), ["kech24", "madar21"]);

    for key in ["interpol.member-states", "interpol.session", "interpol.assembly-dates"] {
        let r = row(&doc, key);
        assert!(disagreeing(r).is_empty(), "{key} disagrees: {r:#}");
        assert!(r["majority"].is_string(), "{key} has a majority");
    }
    assert_eq!(row(&doc, "interpol.member-states")["majority"], "196");
    assert_eq!(row(&doc, "interpol.session")["majority"], "93");
    assert_eq!(
        row(&doc, "interpol.assembly-dates")["majority"],
        "2025-11-24/2025-11-27"
    );
}

#[test]
fn source_weights_settle_the_tie_and_say_weighted() {
    let dir = source_corpus();
    std::fs::write(dir.path().join("weights.yaml"), "sources:\n  kech24: 3\n").unwrap();
    let args = [
        "diff",
        "--by",
        "source",
        "corpus",
        "--format",
        "json",
        "--source-weights",
        "weights.yaml",
    ];
    let doc = run_no_config(dir.path(), &args).expect(1).json();
    assert_eq!(doc["weighted"], true);
    let countries = row(&doc, "interpol.participating-countries");
    assert_eq!(countries["majority"], "196");
    assert_eq!(disagreeing(countries), ["madar21"]);
    let weighted_md = run_no_config(
        dir.path(),
        &[
            "diff",
            "--by",
            "source",
            "corpus",
            "--format",
            "markdown",
            "--source-weights",
            "weights.yaml",
        ],
    );
    assert!(
        weighted_md.stdout.contains("weighted majority"),
        "{}",
        weighted_md.stdout
    );
}

#[test]
fn markdown_has_a_header_with_every_source() {
    let dir = source_corpus();
    let out = run_no_config(
        dir.path(),
        &["diff", "--by", "source", "corpus/", "--format", "markdown"],
    )
    .expect(1);
    let mut lines = out.stdout.lines();
    let header = lines.next().unwrap();
    for (_, outlet) in OUTLETS {
        assert!(
            header.contains(&format!("| {outlet} |")),
            "{outlet} missing from {header}"
        );
    }
    assert!(
        header.starts_with("| key |") && header.ends_with("| majority |"),
        "{header}"
    );
    assert!(lines.next().unwrap().starts_with("| --- |"));
    let countries = out
        .stdout
        .lines()
        .find(|l| l.contains("interpol.participating-countries"))
        .unwrap();
    assert!(
        countries.contains("**179 ×1** ✗") && countries.contains("**196 ×1** ✗"),
        "{countries}"
    );
}

#[test]
fn diff_of_two_paths_names_each_column_by_its_path() {
    let dir = source_corpus();
    let doc = run_no_config(
        dir.path(),
        &["diff", "corpus/madar21", "corpus/kech24", "--format", "json"],
    )
    .expect(1)
    .json();
    assert_eq!(doc["sources"], serde_json::json!(["corpus/madar21", "corpus/kech24"]));
    let countries = row(&doc, "interpol.participating-countries");
    assert_eq!(disagreeing(countries), ["corpus/kech24", "corpus/madar21"]);
    // Two articles that agree give exit 0.
    run_no_config(
        dir.path(),
        &["diff", "corpus/africa4press", "corpus/hespress", "--format", "json"],
    )
    .expect(0);
    // One path without `--by source` is a usage error.
    run_no_config(dir.path(), &["diff", "corpus"]).expect(2);
}

/// The mapping file that gives the seeds their outlets, from the repo root.
const SEEDS_SOURCES: &str = "docs/seeds-sources.yaml";

/// The sources of a `diff --format json` document, in column order.
fn sources(doc: &Value) -> Vec<&str> {
    doc["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect()
}

#[test]
fn seeds_by_source_with_the_mapping_file_show_179_against_196() {
    let root = root();
    let args = [
        "diff",
        "--by",
        "source",
        "seeds/",
        "--sources",
        SEEDS_SOURCES,
        "--format",
        "json",
    ];
    let doc = run_no_config(root, &args).expect(1).json();
    assert_eq!(
        sources(&doc),
        [
            "kech24",
            "africa4press",
            "africaplusmedia",
            "unnamed-002",
            "unnamed-003"
        ],
        "one column an outlet, no (unknown); kech24's dateline puts it first"
    );
    let countries = row(&doc, "interpol.participating-countries");
    assert_eq!(values(countries, "unnamed-003"), ["179"]);
    assert_eq!(values(countries, "kech24"), ["196"]);
    assert_eq!(countries["cells"].as_object().unwrap().len(), 2, "the rest are silent");
    assert_eq!(disagreeing(countries), ["kech24", "unnamed-003"]);
    for (key, majority) in [
        ("interpol.member-states", "196"),
        ("interpol.session", "93"),
        ("interpol.assembly-dates", "2025-11-24/2025-11-27"),
    ] {
        let r = row(&doc, key);
        assert!(disagreeing(r).is_empty(), "{key} disagrees: {r:#}");
        assert_eq!(r["majority"], majority, "{key}");
    }
    assert_eq!(values(row(&doc, "interpol.session"), "africaplusmedia"), ["93"]);

    // Weights still settle the tie, over the mapped sources.
    let dir = tempfile::tempdir().unwrap();
    let weights = dir.path().join("weights.yaml");
    std::fs::write(&weights, "sources:\n  kech24: 3\n").unwrap();
    let weights = weights.to_str().unwrap();
    let weighted = [&args[..], &["--source-weights", weights]].concat();
    let doc = run_no_config(root, &weighted).expect(1).json();
    assert_eq!(doc["weighted"], true);
    let countries = row(&doc, "interpol.participating-countries");
    assert_eq!(countries["majority"], "196");
    assert_eq!(disagreeing(countries), ["unnamed-003"]);
    let table = [
        "diff",
        "--by",
        "source",
        "seeds/",
        "--sources",
        SEEDS_SOURCES,
        "--source-weights",
        weights,
    ];
    let table = run_no_config(root, &table).expect(1).stdout;
    assert!(table.contains("weighted majority"), "{table}");
}

#[test]
fn diff_of_two_sources_compares_them_within_a_corpus() {
    let root = root();
    let args = [
        "diff",
        "kech24",
        "unnamed-003",
        "--in",
        "seeds/",
        "--sources",
        SEEDS_SOURCES,
        "--format",
        "json",
    ];
    let doc = run_no_config(root, &args).expect(1).json();
    assert_eq!(sources(&doc), ["kech24", "unnamed-003"], "A then B, nothing else");
    let countries = row(&doc, "interpol.participating-countries");
    assert_eq!(disagreeing(countries), ["kech24", "unnamed-003"]);
    assert!(disagreeing(row(&doc, "interpol.member-states")).is_empty());
    // Two sources that agree on everything give exit 0.
    let agree = [
        "diff",
        "africa4press",
        "africaplusmedia",
        "--in",
        "seeds/",
        "--sources",
        SEEDS_SOURCES,
    ];
    run_no_config(root, &agree).expect(0);

    // Folder-named sources of a corpus, with `--in`.
    let dir = source_corpus();
    let doc = run_no_config(
        dir.path(),
        &["diff", "madar21", "kech24", "--in", "corpus", "--format", "json"],
    )
    .expect(1)
    .json();
    assert_eq!(sources(&doc), ["madar21", "kech24"]);
    assert_eq!(
        values(row(&doc, "interpol.participating-countries"), "madar21"),
        ["179"]
    );

    // Neither A nor B is a path: source names over the current folder.
    let dir = seed_copy();
    let map = "'003_*.txt': madar21\narticles/004_ab1a5d83bf4eb712.txt: kech24\n";
    std::fs::write(dir.path().join("sources.yaml"), map).unwrap();
    let plain = [
        "diff",
        "madar21",
        "kech24",
        "--sources",
        "sources.yaml",
        "--format",
        "json",
    ];
    let doc = run_no_config(dir.path(), &plain).expect(1).json();
    assert_eq!(sources(&doc), ["madar21", "kech24"]);
    assert_eq!(values(row(&doc, "interpol.participating-countries"), "kech24"), ["196"]);

    // A source with no claim is named with the sources there; exit 2.
    let typo = run_no_config(dir.path(), &["diff", "madar12", "kech24", "--sources", "sources.yaml"]).expect(2);
    assert!(typo.stderr.contains("`madar12`"), "{}", typo.stderr);
    assert!(typo.stderr.contains("kech24, madar21"), "{}", typo.stderr);
    // One path and one name is a usage error that says how to name sources.
    let mixed = run_no_config(dir.path(), &["diff", "articles", "kech24"]).expect(2);
    assert!(mixed.stderr.contains("--in CORPUS"), "{}", mixed.stderr);
}

#[test]
fn front_matter_beats_the_mapping_file_which_beats_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("corpus/folder");
    std::fs::create_dir_all(&folder).unwrap();
    let text = std::fs::read_to_string(seed("004_ab1a5d83bf4eb712.txt")).unwrap();
    std::fs::write(folder.join("a.md"), format!("---\nsource: front\n---\n{text}")).unwrap();
    std::fs::write(folder.join("b.txt"), &text).unwrap();
    // 179 countries where the others say 196: a finding that quotes b.txt.
    std::fs::copy(seed("003_5eeac2ce75b1fb3d.txt"), folder.join("c.txt")).unwrap();
    let map = "corpus/folder/a.md: mapped-a\ncorpus/folder/b.txt: mapped-b\n";
    std::fs::write(dir.path().join("sources.yaml"), map).unwrap();
    let doc = run_no_config(
        dir.path(),
        &[
            "diff",
            "--by",
            "source",
            "corpus",
            "--sources",
            "sources.yaml",
            "--format",
            "json",
        ],
    )
    .json();
    // a.md and b.txt carry the dateline of seed 004; c.txt has no date.
    assert_eq!(sources(&doc), ["front", "mapped-b", "folder"]);
    // `check` and `extract` read the same sources.
    let claims = run_no_config(
        dir.path(),
        &["extract", "corpus", "--sources", "sources.yaml", "--format", "json"],
    )
    .expect(0)
    .json()["claims"]
        .clone();
    let source_of = |article: &str| {
        claims
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["article"] == article)
            .map(|c| c["source"].clone())
    };
    assert_eq!(source_of("corpus/folder/a.md"), Some("front".into()));
    assert_eq!(source_of("corpus/folder/b.txt"), Some("mapped-b".into()));
    assert_eq!(source_of("corpus/folder/c.txt"), Some("folder".into()));
    let check = run_no_config(
        dir.path(),
        &["check", "corpus", "--sources", "sources.yaml", "--format", "json"],
    )
    .json();
    let said: Vec<&Value> = check["findings"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["claims"].as_array().unwrap())
        .filter(|c| c["article"] == "corpus/folder/b.txt")
        .map(|c| &c["source"])
        .collect();
    assert!(!said.is_empty() && said.iter().all(|s| *s == "mapped-b"), "{check:#}");
}

#[test]
fn a_bad_mapping_file_is_a_diagnostic_at_its_line_and_column() {
    let dir = seed_copy();
    std::fs::write(
        dir.path().join("sources.yaml"),
        "articles/000_*.txt: a\n\"articles/[*.txt\": b\n",
    )
    .unwrap();
    for command in ["check", "extract", "diff"] {
        let mut args = vec![command];
        if command == "diff" {
            args.extend(["--by", "source"]);
        }
        args.extend(["articles", "--sources", "sources.yaml", "--color", "never"]);
        let out = run_no_config(dir.path(), &args).expect(2);
        assert!(out.stdout.is_empty(), "{command}: nothing is checked:\n{}", out.stdout);
        assert!(out.stderr.contains("crosscheck::sources"), "{command}:\n{}", out.stderr);
        assert!(out.stderr.contains("sources.yaml:2:1"), "{command}:\n{}", out.stderr);
        assert!(out.stderr.contains("bad glob"), "{command}:\n{}", out.stderr);
    }
    let missing = run_no_config(dir.path(), &["check", "articles", "--sources", "nope.yaml"]).expect(2);
    assert!(missing.stderr.contains("nope.yaml"), "{}", missing.stderr);
}

#[test]
fn check_html_is_one_self_contained_page_with_anchors() {
    let dir = seed_copy();
    let findings = run_no_config(dir.path(), &["check", "articles", "--format", "json"]).json()["findings"].clone();
    let findings = findings.as_array().unwrap();
    assert!(!findings.is_empty());
    run_no_config(
        dir.path(),
        &["check", "articles", "--format", "html", "-o", "report.html"],
    )
    .expect(1);
    let html = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
    assert!(html.contains("<html lang=\"ar\" dir=\"auto\">"));
    assert!(html.contains("dir=\"auto\""));
    assert!(html.contains("Noto Naskh Arabic"));
    for external in ["<link", "<script", "@import", "url("] {
        assert!(!html.contains(external), "the page uses {external}");
    }
    assert!(!html.contains("http://") && !html.contains("https://"));
    for (i, f) in findings.iter().enumerate() {
        let anchor = format!("finding-{}-{}", i + 1, f["key"].as_str().unwrap());
        assert!(html.contains(&format!("id=\"{anchor}\"")), "no anchor {anchor}");
        assert!(
            html.contains(&format!("href=\"#{anchor}\"")),
            "nothing links to {anchor}"
        );
    }
    // The claims are quoted, marked, in their sentences.
    assert!(html.contains("<mark>مشاركة 179 دولة</mark>"));
}

#[test]
fn hostile_article_text_renders_as_text() {
    let dir = seed_copy();
    std::fs::write(dir.path().join("articles/zz_hostile.txt"), HOSTILE).unwrap();
    let json = run_no_config(dir.path(), &["check", "articles", "--format", "json"]).json();
    let quoted = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["claims"].as_array().unwrap())
        .any(|c| c["article"].as_str().unwrap().ends_with("zz_hostile.txt"));
    assert!(quoted, "the hostile article is part of a finding: {json:#}");

    run_no_config(
        dir.path(),
        &["check", "articles", "--format", "html", "-o", "report.html"],
    )
    .expect(1);
    let html = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{html}");
    assert!(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    assert!(!html.contains("<script") && !html.contains("<img"));

    let diff = run_no_config(dir.path(), &["diff", "--by", "source", "articles", "--format", "html"]);
    assert!(diff.stdout.contains("&lt;script&gt;") && diff.stdout.contains("&lt;img"));
    assert!(!diff.stdout.contains("<script") && !diff.stdout.contains("<img"));
}

#[test]
fn output_never_overwrites_an_input_article() {
    let dir = seed_copy();
    let target = dir.path().join("articles").join(OUTLETS[0].0);
    let before = std::fs::read(&target).unwrap();
    let out = format!("articles/{}", OUTLETS[0].0);
    let refused = run_no_config(dir.path(), &["check", "articles", "--format", "html", "-o", &out]).expect(2);
    assert!(refused.stderr.contains("refusing"), "{}", refused.stderr);
    let refused = run_no_config(
        dir.path(),
        &["diff", "--by", "source", "articles", "--format", "html", "-o", &out],
    )
    .expect(2);
    assert!(refused.stderr.contains("refusing"), "{}", refused.stderr);
    assert_eq!(std::fs::read(&target).unwrap(), before, "the article is unchanged");
}

#[test]
fn output_is_written_whole() {
    let dir = source_corpus();
    std::fs::create_dir(dir.path().join("out")).unwrap();
    std::fs::write(dir.path().join("out/diff.html"), "old").unwrap();
    let run_out = run_no_config(
        dir.path(),
        &[
            "diff",
            "--by",
            "source",
            "corpus",
            "--format",
            "html",
            "-o",
            "out/diff.html",
        ],
    )
    .expect(1);
    assert!(run_out.stdout.is_empty(), "nothing on stdout with -o");
    let html = std::fs::read_to_string(dir.path().join("out/diff.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.ends_with("</html>\n"));
    assert!(html.contains("id=\"evidence-interpol.participating-countries\""));
    let files: Vec<_> = std::fs::read_dir(dir.path().join("out")).unwrap().collect();
    assert_eq!(files.len(), 1, "no temporary file is left behind");
    run_no_config(
        dir.path(),
        &[
            "diff",
            "--by",
            "source",
            "corpus",
            "--format",
            "json",
            "-o",
            "out/diff.json",
        ],
    )
    .expect(1);
    let doc: Value = serde_json::from_slice(&std::fs::read(dir.path().join("out/diff.json")).unwrap()).unwrap();
    assert_eq!(doc["version"], 1);
}
