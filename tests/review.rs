//! The review API every front end uses (`crosscheck::review`): a draft
//! given as text gets exactly the findings `check DRAFT --index DB` gives,
//! with its claims, the quoted articles and timelines; search lists what
//! the index says of a key; accepting writes the baseline atomically with
//! a reason, who and when, and later reviews (and `check --baseline`) see
//! it accepted.

mod support;

use crosscheck::review::{Draft, ReviewError, Reviewer};
use crosscheck::setup::{ConfigFile, Setup, SetupOptions};
use std::path::Path;
use support::{read_seed, seed_names, Dir};

/// The seed whose participating-country count (179) contradicts the
/// others' (196).
const DRAFT_SEED: &str = "003_5eeac2ce75b1fb3d.txt";

/// The default packs, no config file: what `--no-config` loads.
fn setup() -> Setup {
    Setup::load(&SetupOptions {
        config: ConfigFile::None,
        rules: &[],
        default_rules: true,
        check_examples: true,
        cache: None,
        sources: None,
    })
    .expect("the default packs load")
}

/// A folder with `archive/` (every seed but the draft's), indexed into
/// `claims.db`, and the draft in `drafts/`.
fn archive() -> Dir {
    let dir = Dir::new();
    for name in seed_names() {
        let folder = if name == DRAFT_SEED { "drafts" } else { "archive" };
        dir.write(&format!("{folder}/{name}"), read_seed(&name));
    }
    dir.run(&["index", "update", "archive", "--db", "claims.db", "--no-config"])
        .assert_code(0);
    dir
}

fn reviewer(dir: &Dir, baseline: Option<&Path>) -> Reviewer {
    let mut setup = setup();
    let fingerprint = setup.fingerprint();
    let engine = setup.engine(Default::default()).expect("an engine");
    Reviewer::open(engine, &fingerprint, &dir.path().join("claims.db"), baseline).expect("the index opens")
}

fn draft() -> Draft {
    Draft {
        name: format!("drafts/{DRAFT_SEED}"),
        text: read_seed(DRAFT_SEED),
        published: None,
        source: None,
    }
}

/// `check DRAFT --index claims.db --format json`'s findings, and the
/// review's of the same draft (the draft file's text, under its name).
fn review_and_check(dir: &Dir, name: &str) -> (crosscheck::review::Review, serde_json::Value) {
    let cli = dir
        .run(&["check", name, "--index", "claims.db", "--format", "json", "--no-config"])
        .json();
    let draft = Draft {
        name: name.to_string(),
        text: std::fs::read_to_string(dir.path().join(name)).expect("the draft"),
        ..Draft::default()
    };
    let reviewer = reviewer(dir, None);
    // The second review takes the index's claims and instances as kept.
    let first = reviewer.review(&draft).expect("a review");
    let review = reviewer.review(&draft).expect("a review");
    assert_eq!(
        serde_json::to_value(&first).unwrap(),
        serde_json::to_value(&review).unwrap()
    );
    let ours: Vec<serde_json::Value> = review
        .findings
        .iter()
        .map(|f| serde_json::to_value(crosscheck::report::FindingView::new(&f.finding)).unwrap())
        .collect();
    assert_eq!(serde_json::Value::Array(ours), cli["findings"]);
    // And their baseline entries, every claim's (not only those quoted),
    // are those `check --write-baseline` records.
    dir.run(&[
        "check",
        name,
        "--index",
        "claims.db",
        "--write-baseline",
        "written.json",
        "--no-config",
    ]);
    let written = crosscheck::compare::baseline::Baseline::read(&dir.path().join("written.json")).expect("a baseline");
    let mut entries: Vec<_> = review
        .findings
        .iter()
        .filter(|f| f.severity != "note")
        .map(|f| f.entry.get().clone())
        .collect();
    entries.sort();
    entries.dedup();
    assert_eq!(entries, written.findings);
    (review, cli)
}

#[test]
fn a_review_gives_the_findings_check_index_gives() {
    let dir = archive();
    let (review, _) = review_and_check(&dir, &format!("drafts/{DRAFT_SEED}"));
    assert!(!review.findings.is_empty(), "the draft contradicts the archive");
}

#[test]
fn a_review_in_an_archive_of_two_sessions_gives_the_findings_check_index_gives() {
    let dir = archive();
    dir.write(
        "archive/glasgow-92.md",
        "---\npublished: 2024-11-07\n---\nاختتمت في غلاسكو أشغال الدورة 92 للجمعية العامة للإنتربول بمشاركة 170 دولة، بحضور نحو 700 مندوب.\n",
    );
    // Published in the days of the 93rd, a figure of the 92nd: placed by
    // what the article names before it, not by its date.
    dir.write(
        "archive/recap.md",
        "---\npublished: 2025-11-20\n---\nعشية الدورة 93 للجمعية العامة للإنتربول، أشار تقرير إلى أن الدورة 92 للجمعية العامة للإنتربول عرفت مشاركة 165 دولة.\n",
    );
    dir.run(&["index", "update", "archive", "--db", "claims.db", "--no-config"])
        .assert_code(0);
    // A draft of each session, and one that names none.
    dir.write(
        "drafts/both.md",
        "---\npublished: 2025-11-28\n---\nاختتمت في مراكش أشغال الدورة 93 للجمعية العامة للإنتربول بمشاركة 150 دولة.\n\nوكانت الدورة 92 للجمعية العامة للإنتربول قد عرفت مشاركة 171 دولة.\n",
    );
    dir.write(
        "drafts/none.md",
        "---\npublished: 2024-11-08\n---\nوشارك في أشغال الجمعية العامة للإنتربول بغلاسكو نحو 300 مندوب.\n",
    );
    let (review, _) = review_and_check(&dir, "drafts/both.md");
    let keys: Vec<&str> = review.findings.iter().map(|f| f.key.as_str()).collect();
    assert!(keys.contains(&"interpol.participating-countries@93"), "{keys:?}");
    assert!(keys.contains(&"interpol.participating-countries@92"), "{keys:?}");
    let recap = review
        .findings
        .iter()
        .find(|f| f.key == "interpol.participating-countries@92")
        .is_some_and(|f| f.finding.claims.iter().any(|(_, c)| &*c.article == "archive/recap.md"));
    assert!(recap, "the recap's figure is compared with the 92nd session's");
    let (review, _) = review_and_check(&dir, "drafts/none.md");
    assert!(
        !review.findings.is_empty(),
        "the 2024 draft is placed in the 92nd session"
    );
}

#[test]
fn the_contradiction_quotes_the_draft_and_the_archive_where_they_stand() {
    let dir = archive();
    let draft = draft();
    let review = reviewer(&dir, None).review(&draft).expect("a review");
    let finding = review
        .findings
        .iter()
        .find(|f| f.code == "contradiction" && f.claims.iter().any(|c| c.value == "179"))
        .expect("the 179 against 196 finding");
    let ours = finding.claims.iter().find(|c| c.in_draft).expect("the draft's claim");
    assert_eq!(ours.value, "179");
    assert_eq!(&draft.text[ours.start..ours.end], ours.text);
    assert!(ours.text.contains("179"), "{}", ours.text);
    let theirs = finding.claims.iter().find(|c| !c.in_draft).expect("an archive claim");
    assert_eq!(theirs.value, "196");
    assert_eq!(theirs.article, "archive/004_ab1a5d83bf4eb712.txt");
    assert!(theirs.quote[theirs.quote_at..].starts_with(&theirs.text), "{theirs:?}");
    assert!(!finding.help.is_empty());
    // The draft's claims: each one's span is its text, in text order.
    assert!(review.claims.iter().any(|c| c.key == finding.key && c.value == "179"));
    for c in &review.claims {
        assert_eq!(&draft.text[c.start..c.end], c.text);
    }
    assert!(review.claims.windows(2).all(|w| w[0].start <= w[1].start));
}

#[test]
fn a_draft_with_no_claim_has_no_finding() {
    let dir = archive();
    let review = reviewer(&dir, None)
        .review(&Draft {
            name: "empty.md".into(),
            text: "Nothing to check here.\n".into(),
            ..Draft::default()
        })
        .expect("a review");
    assert!(review.claims.is_empty() && review.findings.is_empty());
}

#[test]
fn accepting_writes_the_baseline_with_reason_who_and_when() {
    let dir = archive();
    let baseline = dir.path().join("baseline.json");
    let reviewer = reviewer(&dir, Some(&baseline));
    let review = reviewer.review(&draft()).expect("a review");
    let finding = review.findings.iter().find(|f| f.code == "contradiction").unwrap();
    assert!(!finding.baselined && finding.accepted.is_none());
    assert!(matches!(
        reviewer.accept(finding, "  ", "amina"),
        Err(ReviewError::NoReason)
    ));
    reviewer
        .accept(finding, "179 counts the delegations present", "amina")
        .expect("accepted");
    let written: serde_json::Value = serde_json::from_slice(&std::fs::read(&baseline).unwrap()).unwrap();
    let entry = &written["findings"][0];
    assert_eq!(entry["reason"], "179 counts the delegations present");
    assert_eq!(entry["by"], "amina");
    let at = entry["at"].as_str().unwrap();
    assert!(at.ends_with('Z') && at.len() == 20, "{at}");

    // The same reviewer, and a new one on the file, see it accepted.
    for r in [&reviewer, &self::reviewer(&dir, Some(&baseline))] {
        let again = r.review(&draft()).unwrap();
        let f = again.findings.iter().find(|f| f.id == finding.id).expect("the same id");
        assert!(f.baselined);
        let accepted = f.accepted.as_ref().expect("who and when");
        assert_eq!(accepted.by.as_deref(), Some("amina"));
        assert_eq!(accepted.reason.as_deref(), Some("179 counts the delegations present"));
    }
    // The command line reads the file: the finding no longer fails.
    let name = format!("drafts/{DRAFT_SEED}");
    let out = dir.run(&[
        "check",
        &name,
        "--index",
        "claims.db",
        "--baseline",
        "baseline.json",
        "--format",
        "json",
        "--no-config",
    ]);
    let doc = out.json();
    assert!(doc["summary"]["baselined"].as_u64().unwrap() >= 1, "{}", out.stdout);
}

#[test]
fn a_review_after_an_update_sees_the_updated_index() {
    let dir = archive();
    let reviewer = reviewer(&dir, None);
    let pairs = |reviewer: &Reviewer| -> Vec<(String, String)> {
        let review = reviewer.review(&draft()).expect("a review");
        let finding = review
            .findings
            .iter()
            .find(|f| f.code == "contradiction" && f.key == "interpol.participating-countries")
            .expect("the 179 against 196 finding");
        finding
            .entry
            .get()
            .claims
            .iter()
            .map(|p| (p.article.to_string(), p.value.to_string()))
            .collect()
    };
    let before = pairs(&reviewer);
    // The same review twice: the same finding (the second from the kept claims).
    assert_eq!(pairs(&reviewer), before);
    dir.write(
        "archive/late.txt",
        "انطلقت أشغال الدورة 93 للجمعية العامة للإنتربول بمراكش بمشاركة 196 دولة.\n",
    );
    dir.run(&["index", "update", "archive", "--db", "claims.db", "--no-config"])
        .assert_code(0);
    let after = pairs(&reviewer);
    let late = ("archive/late.txt".to_string(), "196".to_string());
    assert!(!before.contains(&late) && after.contains(&late), "{after:?}");
    assert_eq!(after.len(), before.len() + 1);
}

#[test]
fn accepting_without_a_baseline_file_says_so() {
    let dir = archive();
    let reviewer = reviewer(&dir, None);
    let review = reviewer.review(&draft()).unwrap();
    let err = reviewer.accept(&review.findings[0], "why", "amina").unwrap_err();
    assert!(err.to_string().contains("--baseline FILE"), "{err}");
}

#[test]
fn search_lists_a_key_by_date_and_source() {
    let dir = archive();
    let reviewer = reviewer(&dir, None);
    let review = reviewer.review(&draft()).unwrap();
    let key = &review.findings.iter().find(|f| f.code == "contradiction").unwrap().key;
    let found = reviewer.search(key, 100).unwrap();
    assert!(found.iter().all(|s| &s.key == key));
    assert!(found
        .iter()
        .any(|s| s.value == "196" && s.article == "archive/004_ab1a5d83bf4eb712.txt"));
    // A prefix lists every key under it; `%` is no wildcard.
    let pack = format!("{}.", key.split('.').next().unwrap());
    let all = reviewer.search(&pack, 1000).unwrap();
    assert!(all.len() > found.len() && all.iter().all(|s| s.key.starts_with(&pack)));
    assert!(reviewer.search("%", 10).unwrap().is_empty());
    assert!(reviewer.search("no.such.key", 10).unwrap().is_empty());
    assert_eq!(reviewer.search(&pack, 2).unwrap().len(), 2);
}

#[test]
fn reviews_on_threads_get_their_own_results() {
    fn shared<T: Send + Sync>(_: &T) {}
    let dir = archive();
    let reviewer = reviewer(&dir, None);
    shared(&reviewer);
    let quiet = Draft {
        name: "quiet.md".into(),
        text: "الإنتربول تضم 196 دولة عضو.\n".into(),
        ..Draft::default()
    };
    std::thread::scope(|s| {
        let loud = s.spawn(|| (0..4).map(|_| reviewer.review(&draft()).unwrap()).collect::<Vec<_>>());
        let calm = s.spawn(|| (0..4).map(|_| reviewer.review(&quiet).unwrap()).collect::<Vec<_>>());
        for r in loud.join().unwrap() {
            assert_eq!(r.draft, format!("drafts/{DRAFT_SEED}"));
            assert!(r.findings.iter().any(|f| f.code == "contradiction"));
        }
        for r in calm.join().unwrap() {
            assert_eq!(r.draft, "quiet.md");
            assert!(r.findings.is_empty(), "{:?}", r.findings);
            assert!(r.claims.iter().all(|c| c.value == "196"));
        }
    });
}

#[test]
fn an_index_of_other_packs_or_none_is_refused() {
    let dir = archive();
    let mut setup = setup();
    let engine = setup.engine(Default::default()).unwrap();
    let err = Reviewer::open(engine, "another fingerprint", &dir.path().join("claims.db"), None).unwrap_err();
    assert!(err.to_string().contains("other rule packs"), "{err}");
    let engine = setup.engine(Default::default()).unwrap();
    let err = Reviewer::open(engine, "x", &dir.path().join("none.db"), None).unwrap_err();
    assert!(err.to_string().contains("no index there yet"), "{err}");
}

/// A pack with a running total: deaths in an earthquake.
const QUAKE: &str = r#"pack: quake-wire
language: en
about: [earthquake, quake]
rules:
  - id: deaths
    key: quake.deaths
    title: Deaths in the earthquake
    kind: count
    evolves: increasing
    patterns: ['{count}\s+(?:people\s+)?(?:dead|killed)']
    examples:
      - { text: 'the quake left 310 people dead', value: '310' }
"#;

#[test]
fn an_evolving_fact_comes_with_its_timeline_and_newest_figure() {
    let dir = Dir::new();
    dir.write("quake.yaml", QUAKE);
    for (name, day, source, figure) in [
        ("a.md", "04", "Coast Herald", "310"),
        ("b.md", "05", "Valley Post", "640"),
        ("c.md", "06", "Coast Herald", "1,207"),
    ] {
        let text = format!(
            "---\npublished: 2026-03-{day}\nsource: {source}\n---\nRescuers dug through the rubble as the earthquake left {figure} people dead, officials said.\n"
        );
        dir.write(&format!("archive/{name}"), text);
    }
    let rules = ["--no-config", "--no-default-rules", "--rules", "quake.yaml"];
    let mut args = vec!["index", "update", "archive", "--db", "claims.db"];
    args.extend(rules);
    dir.run(&args).assert_code(0);
    let pack = [dir.path().join("quake.yaml")];
    let mut setup = Setup::load(&SetupOptions {
        config: ConfigFile::None,
        rules: &pack,
        default_rules: false,
        check_examples: true,
        cache: None,
        sources: None,
    })
    .unwrap();
    let fingerprint = setup.fingerprint();
    let engine = setup.engine(Default::default()).unwrap();
    let reviewer = Reviewer::open(engine, &fingerprint, &dir.path().join("claims.db"), None).unwrap();
    let draft = Draft {
        name: "desk/quake.md".into(),
        text: "The earthquake left 640 people dead, the ministry said.\n".into(),
        published: chrono::NaiveDate::from_ymd_opt(2026, 3, 7),
        source: Some("Desk".into()),
    };
    let review = reviewer.review(&draft).unwrap();
    assert_eq!(review.claims.len(), 1);
    assert_eq!(review.claims[0].published.as_deref(), Some("2026-03-07"));
    let finding = review
        .findings
        .iter()
        .find(|f| f.key == "quake.deaths" && f.claims.iter().any(|c| c.in_draft))
        .unwrap_or_else(|| panic!("a finding on the draft's figure: {:?}", review.findings));
    let timeline = finding.timeline.as_ref().expect("a timeline");
    let values: Vec<&str> = timeline.points.iter().map(|p| p.value.as_str()).collect();
    assert_eq!(values, ["310", "640", "1207", "640"], "{timeline:?}");
    assert!(timeline.points.last().unwrap().in_draft);
    let newest = timeline.newest.as_ref().expect("the newest figure");
    assert_eq!(
        (newest.value.as_str(), newest.source.as_deref(), newest.at.as_str()),
        ("1207", Some("Coast Herald"), "2026-03-06")
    );
}

/// An editor's session on one draft, each state checked with a memo and
/// afresh: the reviews are the same, whatever the edit moved (a figure
/// retyped, a paragraph put before everything, a sentence added, another
/// session named in its place, a finding accepted).
fn memo_session(dir: &Dir) {
    use crosscheck::review::ReviewMemo;
    let baseline = dir.path().join("baseline.json");
    let reviewer = reviewer(dir, Some(&baseline));
    let memo = ReviewMemo::new();
    let original = read_seed(DRAFT_SEED);
    assert!(original.contains("179"), "the draft states 179");
    let retyped = original.replacen("179", "178", 1);
    let shifted = format!("بيان صحفي محدث.\n\n{retyped}");
    let added = format!("{shifted}\nواختتمت أشغال الدورة 93 للجمعية العامة للإنتربول بحضور نحو 900 مندوب.\n");
    // The same places, another session named.
    let other_session = added.replacen(
        "الدورة 93 للجمعية العامة للإنتربول بحضور",
        "الدورة 92 للجمعية العامة للإنتربول بحضور",
        1,
    );
    assert_ne!(other_session, added);
    let texts = [&original, &original, &retyped, &shifted, &added, &other_session, &added];
    let view = |r: &crosscheck::review::Review| serde_json::to_value(r).expect("a review serializes");
    for (step, text) in texts.iter().enumerate() {
        let draft = Draft {
            text: text.to_string(),
            ..draft()
        };
        let remembered = reviewer.review_with(&draft, Some(&memo)).expect("a review");
        let fresh = reviewer.review(&draft).expect("a review");
        assert_eq!(view(&remembered), view(&fresh), "step {step}");
        // The findings themselves, every field of every claim quoted.
        let whole = |r: &crosscheck::review::Review| {
            r.findings
                .iter()
                .map(|f| format!("{:?}", f.finding))
                .collect::<Vec<_>>()
        };
        assert_eq!(whole(&remembered), whole(&fresh), "step {step}");
        assert!(!memo.is_empty(), "step {step}: the memo keeps the keys' findings");
        if step == 4 {
            let finding = fresh.findings.first().expect("the draft has findings");
            reviewer
                .accept(finding, "checked with the ministry", "desk")
                .expect("accepted");
            let accepted = reviewer.review_with(&draft, Some(&memo)).expect("a review");
            assert!(
                accepted.findings.iter().any(|f| f.baselined),
                "the accepted finding shows"
            );
            assert_eq!(view(&accepted), view(&reviewer.review(&draft).unwrap()));
        }
    }
}

#[test]
fn a_memo_gives_the_reviews_a_fresh_check_gives() {
    memo_session(&archive());
}

#[test]
fn a_memo_gives_the_reviews_a_fresh_check_gives_in_an_archive_of_two_sessions() {
    let dir = archive();
    dir.write(
        "archive/glasgow-92.md",
        "---\npublished: 2024-11-07\n---\nاختتمت في غلاسكو أشغال الدورة 92 للجمعية العامة للإنتربول بمشاركة 170 دولة، بحضور نحو 700 مندوب.\n",
    );
    dir.run(&["index", "update", "archive", "--db", "claims.db", "--no-config"])
        .assert_code(0);
    memo_session(&dir);
}

/// An archive of many short reports of two sessions, so that a finding
/// names more articles than a review quotes: a review's findings, made
/// without copying the claims they do not quote, are `check --index`'s,
/// and the memo's are a fresh review's, quoted alike, with the same
/// entries (ids), help and counts.
#[test]
fn reviews_and_their_memo_give_check_index_s_findings_where_findings_leave_claims_unquoted() {
    let dir = archive();
    let reports = [
        ("196", "93", "2025-11-24"),
        ("196", "93", "2025-11-25"),
        ("195", "93", "2025-11-25"),
        ("196", "93", "2025-11-26"),
        ("179", "93", "2025-11-26"),
        ("196", "93", "2025-11-27"),
        ("196", "93", "2025-11-27"),
        ("170", "92", "2024-11-05"),
        ("170", "92", "2024-11-06"),
        ("171", "92", "2024-11-07"),
    ];
    for (i, (countries, session, date)) in reports.iter().enumerate() {
        dir.write(
            &format!("archive/wire-{i:02}.md"),
            format!(
                "---\npublished: {date}\nsource: Wire {}\n---\nتتواصل أشغال الدورة {session} للجمعية العامة للإنتربول بمشاركة {countries} دولة، بحضور نحو 900 مندوب.\n\nوأفاد مصدر مطلع بأن عدد الدول المشاركة بلغ {countries} دولة.\n",
                i % 3
            ),
        );
    }
    dir.run(&["index", "update", "archive", "--db", "claims.db", "--no-config"])
        .assert_code(0);
    // The review's findings, made from the claims where the index's cache
    // keeps them, are `check --index`'s.
    let (review, _) = review_and_check(&dir, &format!("drafts/{DRAFT_SEED}"));
    assert!(
        review
            .findings
            .iter()
            .any(|f| f.unquoted > 0 && f.claims.iter().any(|c| c.in_draft)),
        "a finding of the draft leaves claims unquoted: {:?}",
        review.findings.iter().map(|f| (&f.key, f.unquoted)).collect::<Vec<_>>()
    );
    memo_session(&dir);
}
