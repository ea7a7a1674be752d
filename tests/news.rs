//! News that moves: a toll that rises over days, figures attributed to
//! different bodies, hedged and denied figures, and one update quoted by
//! several articles (in Arabic and English). The story is in
//! `tests/news/`: `quake/` is eight articles of a rising toll, `extra/`
//! holds articles each test adds to it.

mod support;

use serde_json::Value;
use std::path::Path;
use support::{findings, root, run};

fn news() -> std::path::PathBuf {
    root().join("tests/news")
}

/// `check PATHS... --format json` with the quake packs only.
fn check(paths: &[&str]) -> (i32, Value) {
    let mut args = vec!["check", "--format", "json", "--no-config", "--no-default-rules"];
    args.extend(["--rules", "quake-ar.yaml", "--rules", "quake-en.yaml"]);
    args.extend(paths);
    let out = run(&news(), &args);
    assert!(out.code == 0 || out.code == 1, "{}", out.stderr);
    (out.code, out.json())
}

/// `extract PATHS... --format FORMAT` with only the given packs.
fn extract(paths: &[&str], format: &str, packs: &[&str]) -> support::Output {
    let mut args = vec!["extract"];
    args.extend(paths);
    args.extend(["--format", format, "--no-config", "--no-default-rules"]);
    for pack in packs {
        args.extend(["--rules", pack]);
    }
    run(&news(), &args)
}

fn articles(f: &Value) -> Vec<String> {
    let mut a: Vec<String> = f["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["article"].as_str().unwrap().to_string())
        .collect();
    a.sort();
    a.dedup();
    a
}

#[test]
fn a_rising_toll_is_one_superseded_timeline_and_no_error() {
    let (code, doc) = check(&["quake"]);
    assert_eq!(code, 0);
    assert_eq!(doc["summary"]["errors"], 0);
    assert_eq!(doc["summary"]["warnings"], 0);
    let notes = findings(&doc, "superseded");
    let keys: Vec<&str> = notes.iter().map(|f| f["key"].as_str().unwrap()).collect();
    assert_eq!(keys, ["quake.deaths", "quake.injured"], "one timeline a fact");
    let deaths = notes[0];
    assert_eq!(deaths["severity"], "note");
    let message = deaths["message"].as_str().unwrap();
    assert!(message.contains("310 on 4 Mar 2026 07:00 →"), "{message}");
    assert!(message.ends_with("2480 on 15 Mar 2026 09:00"), "{message}");
    assert_eq!(articles(deaths).len(), 8, "every article is on the timeline");
}

#[test]
fn an_article_quoting_an_earlier_update_does_not_contradict_itself() {
    // quake/04.md: "had earlier announced 1140 …, then 1870"; quake/05.md:
    // "2012, after it had been 1870".
    let (_, doc) = check(&["quake/04.md", "quake/05.md"]);
    assert!(findings(&doc, "self-contradiction").is_empty(), "{doc:#}");
    let out = extract(&["quake/04.md"], "json", &["quake-ar.yaml"]);
    let claims = out.json();
    let stances: Vec<(String, String)> = claims["claims"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["key"] == "quake.deaths")
        .map(|c| {
            (
                c["value"].as_str().unwrap().to_string(),
                c["stance"].as_str().unwrap_or("asserted").to_string(),
            )
        })
        .collect();
    assert_eq!(
        stances,
        [("1140".into(), "earlier".into()), ("1870".into(), "asserted".into())]
    );
}

#[test]
fn two_articles_quoting_one_update_with_different_tolls_contradict() {
    let (code, doc) = check(&["quake", "extra/same-update-a.md", "extra/same-update-b.md"]);
    assert_eq!(code, 1);
    let errors = findings(&doc, "contradiction");
    assert_eq!(errors.len(), 1, "{doc:#}");
    assert_eq!(
        articles(errors[0]),
        ["extra/same-update-a.md", "extra/same-update-b.md"]
    );
    assert!(errors[0]["message"].as_str().unwrap().contains("quake.injured 1450"));
    assert_eq!(
        doc["summary"]["warnings"], 0,
        "the rest of the story moves as it should"
    );
}

#[test]
fn a_lower_figure_published_later_is_stale() {
    let (code, doc) = check(&["quake", "extra/stale.md"]);
    assert_eq!(code, 0, "a warning does not fail at --fail-on error");
    let stale = findings(&doc, "stale-figure");
    let deaths: Vec<_> = stale.iter().filter(|f| f["key"] == "quake.deaths").collect();
    assert_eq!(deaths.len(), 1, "{doc:#}");
    let f = deaths[0];
    assert_eq!(f["severity"], "warning");
    let outlier = f["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["role"] == "outlier")
        .unwrap();
    assert_eq!(
        (outlier["article"].as_str(), outlier["value"].as_str()),
        (Some("extra/stale.md"), Some("1950"))
    );
    assert!(
        f["help"]
            .as_str()
            .unwrap()
            .contains("the newer figure is 2390 (quake/07.md"),
        "{f:#}"
    );
    assert!(findings(&doc, "contradiction").is_empty());
}

#[test]
fn figures_attributed_to_different_bodies_are_sources_differ() {
    let (code, doc) = check(&["extra/magnitudes.md"]);
    assert_eq!(code, 0);
    assert!(findings(&doc, "self-contradiction").is_empty());
    let differ = findings(&doc, "sources-differ");
    assert_eq!(differ.len(), 1, "{doc:#}");
    let message = differ[0]["message"].as_str().unwrap();
    assert!(message.contains("7.1") && message.contains("6.9"), "{message}");
    assert!(message.contains("المعهد الوطني للجيوفيزياء"), "{message}");
    assert!(!differ[0]["help"].as_str().unwrap().contains("make them agree"));
}

#[test]
fn hedged_and_denied_figures_are_never_compared() {
    // quake/06.md: "the toll may exceed 15000" (a hedged lower bound);
    // quake/07.md: "denied the death of 9000 people".
    let out = extract(&["quake"], "json", &["quake-ar.yaml"]);
    let doc = out.json();
    let stance_of = |value: &str| -> String {
        let c = doc["claims"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["value"] == value)
            .unwrap();
        c["stance"].as_str().unwrap_or("asserted").to_string()
    };
    assert_eq!(stance_of(">15000"), "hedged");
    assert_eq!(stance_of("9000"), "denied");
    let (code, check) = check(&["quake"]);
    assert_eq!(code, 0);
    let timeline = findings(&check, "superseded")[0]["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(!timeline.contains("15000") && !timeline.contains("9000"), "{timeline}");
}

#[test]
fn arabic_and_english_articles_of_one_update_meet_through_a_shared_key() {
    let (code, doc) = check(&["quake", "extra/same-update-a.md", "extra/english-same-update.md"]);
    assert_eq!(code, 1);
    let errors = findings(&doc, "contradiction");
    assert_eq!(errors.len(), 1, "{doc:#}");
    assert_eq!(
        articles(errors[0]),
        ["extra/english-same-update.md", "extra/same-update-a.md"]
    );
}

#[test]
fn two_figures_as_of_the_same_hour_contradict() {
    let (code, doc) = check(&["quake", "extra/same-moment-a.md", "extra/same-moment-b.md"]);
    assert_eq!(code, 1);
    let errors = findings(&doc, "contradiction");
    assert_eq!(errors.len(), 1, "{doc:#}");
    assert!(errors[0]["message"]
        .as_str()
        .unwrap()
        .contains("as of 8 Mar 2026 16:00"));
    assert_eq!(
        articles(errors[0]),
        ["extra/same-moment-a.md", "extra/same-moment-b.md"]
    );
}

#[test]
fn every_claim_shows_its_time_and_context_in_json_and_shards() {
    let dir = tempfile::tempdir().unwrap();
    let shard = dir.path().join("claims.jsonl");
    let out = extract(&["quake", "extra"], "jsonl", &["quake-ar.yaml", "quake-en.yaml"]);
    std::fs::write(&shard, &out.stdout).unwrap();
    // The first claim, after the records of the run and of its article.
    let first: Value = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|l| l["record"].is_null())
        .unwrap();
    assert_eq!(first["published"], "2026-03-04T07:00");
    assert_eq!(first["attribution"], "وزارة الداخلية");
    // The reduce step gives what one run gives.
    let shard_arg = shard.display().to_string();
    let reduced = run(
        Path::new("."),
        &[
            "check",
            "--claims",
            &shard_arg,
            "--format",
            "json",
            "--no-config",
            "--no-default-rules",
            "--rules",
            &news().join("quake-ar.yaml").display().to_string(),
            "--rules",
            &news().join("quake-en.yaml").display().to_string(),
        ],
    );
    let (_, direct) = check(&["quake", "extra"]);
    let codes = |d: &Value| -> Vec<(String, String)> {
        d["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["code"].as_str().unwrap().to_string(),
                    f["key"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    assert_eq!(codes(&reduced.json()), codes(&direct));
}

#[test]
fn the_readme_news_example_loads_and_its_command_runs() {
    let readme = support::readme();
    let yaml = support::fenced_after(&readme, "## News that moves", "yaml");
    let set = crosscheck::rules::RuleSet::load(&[("README.md".to_string(), yaml)]);
    let set = set.unwrap_or_else(|e| panic!("the README's pack does not load: {:?}", e[0].message));
    assert!(set
        .rules
        .iter()
        .all(|r| r.evolves.is_some() && r.update.as_deref() == Some("toll")));
    let command = support::fenced_after(&readme, "rules both say `key: quake.injured`", "sh");
    let words: Vec<&str> = command.split_whitespace().filter(|w| *w != "\\").skip(1).collect();
    let mut args = words.clone();
    args.push("--no-config");
    let out = run(root(), &args);
    out.assert_code(0);
    assert!(
        out.stdout
            .ends_with("0 errors, 0 warnings in 8 articles (20 claims), 2 notes\n"),
        "{}",
        out.stdout
    );
}

/// A corpus of `articles` (name, text) beside the quake packs' folder.
fn story(articles: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in articles {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn check_in(dir: &Path) -> Value {
    let pack = news().join("quake-ar.yaml");
    let out = run(
        dir,
        &[
            "check",
            ".",
            "--format",
            "json",
            "--no-config",
            "--no-default-rules",
            "--rules",
            pack.to_str().unwrap(),
        ],
    );
    assert!(out.code == 0 || out.code == 1, "{}", out.stderr);
    out.json()
}

/// A static figure an article gives on its own account and a body's
/// figure that differs are `sources-differ`, naming both: never silence,
/// never a majority.
#[test]
fn an_unattributed_figure_and_a_bodys_differ() {
    let dir = story(&[
        ("a.md", "ضرب زلزال بقوة 7.1 درجات المنطقة فجر اليوم.\n"),
        ("b.md", "وقع الزلزال بقوة 6.9 درجات بحسب المعهد الوطني للجيوفيزياء.\n"),
    ]);
    let doc = check_in(dir.path());
    let differ = findings(&doc, "sources-differ");
    assert_eq!(differ.len(), 1, "{doc:#}");
    let message = differ[0]["message"].as_str().unwrap();
    assert!(message.contains("unattributed 7.1"), "{message}");
    assert!(message.contains("المعهد الوطني للجيوفيزياء 6.9"), "{message}");
    assert!(findings(&doc, "contradiction").is_empty(), "{doc:#}");
}

/// Qualifiers after the number bound it: `8700 قتيل على الأقل` is `>=8700`,
/// `تفوق 6 آلاف` and `يتجاوز 15 ألف` are `>`, and a later `8800` agrees with
/// the first.
#[test]
fn a_qualifier_after_the_number_makes_it_a_bound() {
    let dir = story(&[
        (
            "a.md",
            "---\npublished: 2026-03-10T08:00:00+01:00\n---\nارتفعت حصيلة الزلزال إلى 8700 قتيل على الأقل.\n",
        ),
        (
            "b.md",
            "---\npublished: 2026-03-11T08:00:00+01:00\n---\nوقال مسؤول إن حصيلة الزلزال بلغت 8800 قتيل.\n",
        ),
    ]);
    let pack = news().join("quake-ar.yaml");
    let out = run(
        dir.path(),
        &[
            "extract",
            ".",
            "--format",
            "json",
            "--no-config",
            "--no-default-rules",
            "--rules",
            pack.to_str().unwrap(),
        ],
    );
    let values: Vec<(String, String, String)> = support::claims(&out.json());
    assert!(
        values.contains(&("quake.deaths".into(), "./a.md".into(), ">=8700".into())),
        "{values:?}"
    );
    let doc = check_in(dir.path());
    assert!(findings(&doc, "stale-figure").is_empty(), "{doc:#}");
    assert!(findings(&doc, "contradiction").is_empty(), "{doc:#}");
    for (text, value) in [
        ("الحصيلة تفوق 6 آلاف قتيل", ">6000"),
        ("قد يتجاوز 15 ألف قتيل", ">15000"),
    ] {
        let out = support::run(root(), &["probe", "--kind", "number", text]);
        assert!(out.stdout.contains(&format!("\"{value}\"")), "{text}: {}", out.stdout);
    }
}

/// `--against`: a draft's figure of a fact revised either way that differs
/// from the newest published one is a `stale-figure`, even where it agrees
/// with an older majority.
#[test]
fn a_draft_behind_the_newest_revision_is_stale_even_with_an_old_majority() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("outage.yaml"),
        "pack: storm\nlanguage: ar\nrules:\n  - id: homes-without-power\n    title: Homes without power\n    kind: count\n    tolerance: 0\n    evolves: any\n    patterns: ['{count}\\s+منزل']\n",
    )
    .unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir(&content).unwrap();
    for (name, day, figure) in [("a.md", "10", "12000"), ("b.md", "10", "12000"), ("c.md", "11", "9000")] {
        std::fs::write(
            content.join(name),
            format!(
                "---\npublished: 2026-01-{day}T09:00:00+01:00\n---\nلا يزال {figure} منزل بدون كهرباء بعد العاصفة.\n"
            ),
        )
        .unwrap();
    }
    std::fs::write(
        dir.path().join("draft.md"),
        "---\npublished: 2026-01-12T09:00:00+01:00\n---\nلا يزال 12000 منزل بدون كهرباء بعد العاصفة.\n",
    )
    .unwrap();
    let check_draft = [
        "check",
        "draft.md",
        "--against",
        "content/",
        "--format",
        "json",
        "--no-config",
        "--no-default-rules",
        "--rules",
        "outage.yaml",
    ];
    let out = run(dir.path(), &check_draft);
    let doc = out.json();
    let stale = findings(&doc, "stale-figure");
    assert_eq!(stale.len(), 1, "{doc:#}");
    let message = stale[0]["message"].as_str().unwrap();
    assert!(message.contains("the draft draft.md gives 12000"), "{message}");
    assert!(
        message.contains("newest published figure is 9000 (content/c.md"),
        "{message}"
    );
    // The draft agreeing with the newest figure is quiet.
    std::fs::write(
        dir.path().join("draft.md"),
        "---\npublished: 2026-01-12T09:00:00+01:00\n---\nلا يزال 9000 منزل بدون كهرباء بعد العاصفة.\n",
    )
    .unwrap();
    let out = run(dir.path(), &check_draft);
    assert!(findings(&out.json(), "stale-figure").is_empty(), "{}", out.stdout);
}

// The flood (tests/news/flood/, nine articles in Arabic, French and
// English, one pack a language sharing the keys) and the storm
// (tests/news/storm/, Arabic and English).

/// `check PATHS... --format json` with the packs of one story.
fn check_story(story: &str, paths: &[&str]) -> (i32, Value) {
    let mut args = vec!["check", "--format", "json", "--no-config", "--no-default-rules"];
    let packs: Vec<String> = match story {
        "flood" => ["flood-ar.yaml", "flood-fr.yaml", "flood-en.yaml"]
            .map(String::from)
            .to_vec(),
        _ => ["storm-ar.yaml", "storm-en.yaml"].map(String::from).to_vec(),
    };
    for p in &packs {
        args.extend(["--rules", p.as_str()]);
    }
    args.extend(paths);
    let out = run(&news(), &args);
    assert!(out.code == 0 || out.code == 1, "{}", out.stderr);
    (out.code, out.json())
}

fn claim<'a>(doc: &'a Value, article: &str, value: &str) -> &'a Value {
    doc["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["article"] == article && c["value"] == value)
        .unwrap_or_else(|| panic!("no claim {value} in {article}: {doc:#}"))
}

#[test]
fn a_flood_toll_in_three_languages_is_one_timeline() {
    let (code, doc) = check_story("flood", &["flood"]);
    assert_eq!(
        (code, &doc["summary"]["errors"], &doc["summary"]["warnings"]),
        (0, &0.into(), &0.into()),
        "{doc:#}"
    );
    let notes = findings(&doc, "superseded");
    let keys: Vec<&str> = notes.iter().map(|f| f["key"].as_str().unwrap()).collect();
    assert_eq!(keys, ["flood.deaths", "flood.missing"]);
    let deaths = notes[0]["message"].as_str().unwrap();
    assert!(
        deaths.contains("21 on 10 Oct 2026 08:00 → 37 on 10 Oct 2026 12:00 → 58"),
        "{deaths}"
    );
    assert!(deaths.ends_with("121 on 16 Oct 2026 10:00"), "{deaths}");
    // the hedged 200 and 150 and the denied 300 are not on it
    let values: Vec<&str> = notes[0]["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["value"].as_str().unwrap())
        .collect();
    for v in [">200", "150", "300"] {
        assert!(!values.contains(&v), "{values:?}");
    }
    // every article, in every language, is on the timeline
    assert_eq!(articles(notes[0]).len(), 9);
    let missing = notes[1]["message"].as_str().unwrap();
    assert!(
        missing.contains("61 on 11 Oct 2026 08:00 →") && missing.ends_with("3 on 16 Oct 2026 10:00"),
        "{missing}"
    );
}

#[test]
fn flood_stances_attributions_and_times_are_read_in_each_language() {
    let args = ["flood-ar.yaml", "flood-fr.yaml", "flood-en.yaml"];
    let doc = extract(&["flood", "flood-extra/ocha.md"], "json", &args).json();
    // a hedge after the figure ("150 people were feared dead") and before it
    assert_eq!(claim(&doc, "flood/08.md", "150")["stance"], "hedged");
    assert_eq!(claim(&doc, "flood/07.md", ">200")["stance"], "hedged");
    assert_eq!(claim(&doc, "flood/07.md", "300")["stance"], "denied");
    assert_eq!(claim(&doc, "flood/06.md", "96")["stance"], "earlier");
    // "selon un dernier bilan samedi à 12h": a time, and no body
    let c = claim(&doc, "flood/02.md", "37");
    assert_eq!(c["as_of"], "2026-10-10T12:00");
    assert!(c["attribution"].is_null(), "{c:#}");
    // "selon le ministère de l'Intérieur" at the clause's end holds both
    // figures, named as the packs name the body in every language
    for v in ["96", "30"] {
        assert_eq!(claim(&doc, "flood/05.md", v)["attribution"], "وزارة الداخلية");
    }
    // "…, the interior ministry said on Sunday" gives both figures before it
    for v in ["74", "45"] {
        assert_eq!(claim(&doc, "flood/04.md", v)["attribution"], "وزارة الداخلية");
    }
    // a listed body longer than forty characters
    assert_eq!(
        claim(&doc, "flood-extra/ocha.md", "140")["attribution"],
        "مكتب الأمم المتحدة لتنسيق الشؤون الإنسانية"
    );
    // "Floods in Safi …": the pack's `about: [floods]` matches a capital
    assert_eq!(claim(&doc, "flood/04.md", "74")["key"], "flood.deaths");
}

#[test]
fn an_english_article_quoting_an_arabic_flood_update_with_another_toll_contradicts_it() {
    let (code, doc) = check_story("flood", &["flood", "flood-extra/same-update-en.md"]);
    assert_eq!(code, 1);
    let errors = findings(&doc, "contradiction");
    assert_eq!(errors.len(), 1, "{doc:#}");
    assert_eq!(articles(errors[0]), ["flood-extra/same-update-en.md", "flood/03.md"]);
    assert_eq!(doc["summary"]["warnings"], 0);
}

#[test]
fn two_bodies_side_by_side_in_one_flood_article_differ() {
    let (code, doc) = check_story("flood", &["flood", "flood-extra/ocha.md"]);
    assert_eq!(code, 0);
    assert!(findings(&doc, "self-contradiction").is_empty());
    let differ = findings(&doc, "sources-differ");
    assert_eq!(differ.len(), 1, "{doc:#}");
    let message = differ[0]["message"].as_str().unwrap();
    assert!(
        message.contains("140") && message.contains("121") && message.contains("وزارة الداخلية"),
        "{message}"
    );
}

#[test]
fn an_old_flood_toll_republished_later_is_stale() {
    let (_, doc) = check_story("flood", &["flood", "flood-extra/stale.md"]);
    let stale = findings(&doc, "stale-figure");
    assert_eq!(stale.len(), 1, "{doc:#}");
    assert!(stale[0]["help"]
        .as_str()
        .unwrap()
        .contains("the newer figure is 121 (flood/09.md"));
    assert_eq!(articles(stale[0]), ["flood-extra/stale.md", "flood/09.md"]);
}

#[test]
fn a_figure_held_across_stated_updates_is_no_contradiction() {
    // storm/02–04: 4 dead in three updates, each with its own as-of time,
    // while the homes without power fall.
    let (code, doc) = check_story(
        "storm",
        &[
            "storm/01.md",
            "storm/02.md",
            "storm/03.md",
            "storm/04.md",
            "storm/05.md",
        ],
    );
    assert_eq!(code, 0);
    assert_eq!(
        (&doc["summary"]["errors"], &doc["summary"]["warnings"]),
        (&0.into(), &0.into()),
        "{doc:#}"
    );
    let notes = findings(&doc, "superseded");
    let power = notes.iter().find(|f| f["key"] == "storm.without-power").unwrap();
    assert!(
        power["message"]
            .as_str()
            .unwrap()
            .ends_with("120000 on 12 Jan 2027 18:00 → 80000 on 13 Jan 2027 07:00 → 35000 on 13 Jan 2027 19:00 → 6000 on 14 Jan 2027 08:00"),
        "{power:#}"
    );
}

#[test]
fn a_falling_figure_republished_higher_is_stale() {
    let (_, doc) = check_story("storm", &["storm"]);
    let stale = findings(&doc, "stale-figure");
    let late: Vec<_> = stale
        .iter()
        .filter(|f| articles(f).contains(&"storm/late.md".to_string()))
        .collect();
    assert_eq!(late.len(), 1, "{doc:#}");
    assert!(late[0]["help"]
        .as_str()
        .unwrap()
        .contains("only falls; the newer figure is 6000 (storm/05.md"));
}

#[test]
fn a_corrected_figure_leaves_the_timeline_and_its_correction_is_not_stale() {
    // "Rectificatif : … 112 morts, et non 118 comme annoncé mercredi":
    // 112 is published after flood/08.md's 118, and is no stale figure.
    let (code, doc) = check_story("flood", &["flood", "flood-extra/correction.md"]);
    assert_eq!(code, 0);
    assert_eq!(doc["summary"]["warnings"], 0, "{doc:#}");
    let corrected = findings(&doc, "corrected");
    assert_eq!(corrected.len(), 1, "{doc:#}");
    assert_eq!(
        corrected[0]["message"],
        "Deaths in the flood: 118 (flood/08.md, 14 Oct 2026 12:00) was corrected to 112 by flood-extra/correction.md (15 Oct 2026 09:00)"
    );
    let timeline = findings(&doc, "superseded")[0]["message"].as_str().unwrap();
    assert!(
        timeline.ends_with("109 on 13 Oct 2026 09:00 → 112 on 15 Oct 2026 09:00 → 121 on 16 Oct 2026 10:00"),
        "{timeline}"
    );
    let packs = ["flood-ar.yaml", "flood-fr.yaml", "flood-en.yaml"];
    let claims = extract(&["flood-extra/correction.md"], "json", &packs).json();
    let c = claim(&claims, "flood-extra/correction.md", "112");
    assert_eq!(c["corrects"], "118", "{c:#}");
}

#[test]
fn a_corrected_figure_given_again_after_its_correction_is_stale() {
    let (_, doc) = check_story(
        "flood",
        &["flood", "flood-extra/correction.md", "flood-extra/after-correction.md"],
    );
    let stale = findings(&doc, "stale-figure");
    assert_eq!(stale.len(), 1, "{doc:#}");
    assert_eq!(
        stale[0]["message"],
        "Deaths in the flood: flood-extra/after-correction.md gives 118 (15 Oct 2026 16:00), after flood-extra/correction.md corrected it to 112 (15 Oct 2026 09:00)"
    );
    assert_eq!(findings(&doc, "corrected").len(), 1, "{doc:#}");
}

/// A `date` rule may read `{date_range}`: an event over two nights is one
/// date, the days it spans, and agrees with an article naming one of them.
#[test]
fn a_date_rule_reads_a_range_as_the_days_it_spans() {
    let pack = "pack: storm\nlanguage: ar\nrules:\n  - id: struck\n    title: When the storm struck\n    kind: date\n    patterns:\n      - 'ضربت العاصفة المدينة (?:في الفترة )?{date_range}'\n      - 'ضربت العاصفة المدينة (?:يوم )?{date}'\n";
    let dir = story(&[
        ("pack.yaml", pack),
        (
            "a.md",
            "ضربت العاصفة المدينة من 10 إلى 11 ماي 2026 وخلفت أضرارا كبيرة.\n",
        ),
        ("b.md", "ضربت العاصفة المدينة يوم 11 ماي 2026 وقطعت الكهرباء.\n"),
        ("c.md", "ضربت العاصفة المدينة يوم 14 ماي 2026 وأغرقت الشوارع.\n"),
    ]);
    let out = run(
        dir.path(),
        &[
            "check",
            "a.md",
            "b.md",
            "c.md",
            "--format",
            "json",
            "--no-config",
            "--no-default-rules",
            "--rules",
            "pack.yaml",
        ],
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    let doc = out.json();
    let errors = findings(&doc, "contradiction");
    assert_eq!(errors.len(), 1, "{doc:#}");
    let values: Vec<(&str, &str)> = errors[0]["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["article"].as_str().unwrap(), c["value"].as_str().unwrap()))
        .collect();
    assert!(values.contains(&("a.md", "2026-05-10/2026-05-11")), "{values:?}");
    // the range and the 11th agree; the 14th is the outlier
    let outliers: Vec<&str> = errors[0]["claims"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["role"] == "outlier")
        .map(|c| c["article"].as_str().unwrap())
        .collect();
    assert_eq!(outliers, ["c.md"], "{doc:#}");
}

/// At one stated hour, two articles quoting the same body with different
/// figures contradict, even when a third quotes another body (that one is
/// `sources-differ`, not a contradiction of the first two).
#[test]
fn one_bodys_figures_for_one_hour_contradict_beside_another_body() {
    let head = |hour: &str| format!("---\npublished: 2026-03-08T{hour}:00+01:00\n---\n");
    let a = format!(
        "{}وحتى الساعة الرابعة من مساء اليوم، بلغت حصيلة الزلزال 2130 قتيلا بحسب وزارة الصحة.\n",
        head("18:00")
    );
    let b = format!(
        "{}وحتى الساعة الرابعة من مساء اليوم، بلغت حصيلة الزلزال 2190 قتيلا بحسب وزارة الصحة.\n",
        head("19:00")
    );
    let c = format!(
        "{}وحتى الساعة الرابعة من مساء اليوم، بلغت حصيلة الزلزال 2500 قتيل بحسب الهلال الأحمر.\n",
        head("20:00")
    );
    let dir = story(&[("a.md", &a), ("b.md", &b), ("c.md", &c)]);
    let doc = check_in(dir.path());
    let errors = findings(&doc, "contradiction");
    assert_eq!(errors.len(), 1, "{doc:#}");
    assert_eq!(articles(errors[0]), ["./a.md", "./b.md"]);
    let differ = findings(&doc, "sources-differ");
    assert_eq!(differ.len(), 1, "{doc:#}");
    assert!(
        differ[0]["message"].as_str().unwrap().contains("الهلال الأحمر 2500"),
        "{doc:#}"
    );
}

#[test]
fn a_time_an_undated_article_cannot_place_is_a_note_and_no_guess() {
    // "as of 6 p.m. Monday" in an article with no publication date: which
    // Monday is unknown, so the figure has no place on the timeline.
    let (code, doc) = check_story("flood", &["flood", "flood-extra/undated.md"]);
    assert_eq!(code, 0);
    assert_eq!(doc["summary"]["warnings"], 0, "{doc:#}");
    let notes = findings(&doc, "untimed");
    let said: Vec<(&str, &str)> = notes
        .iter()
        .map(|f| (f["key"].as_str().unwrap(), f["message"].as_str().unwrap()))
        .collect();
    assert_eq!(
        said,
        [
            (
                "flood.deaths",
                "Deaths in the flood: flood-extra/undated.md gives 88 \"as of 6 p.m. monday\", but has no publication date to place that time"
            ),
            (
                "flood.missing",
                "People missing in the flood: flood-extra/undated.md gives 27 \"as of 6 p.m. monday\", but has no publication date to place that time"
            ),
        ]
    );
    assert!(notes.iter().all(|f| f["severity"] == "note"));
    // not on the timeline: the deaths' timeline is the dated articles'
    let timeline = findings(&doc, "superseded")[0]["message"].as_str().unwrap();
    assert!(!timeline.contains("88"), "{timeline}");
    let packs = ["flood-ar.yaml", "flood-fr.yaml", "flood-en.yaml"];
    let claims = extract(&["flood-extra/undated.md"], "json", &packs).json();
    let c = claim(&claims, "flood-extra/undated.md", "88");
    assert_eq!(c["unplaced_as_of"], "as of 6 p.m. monday", "{c:#}");
    assert!(c["as_of"].is_null() && c["published"].is_null(), "{c:#}");
}

#[test]
fn a_toll_that_rose_from_one_figure_to_another_is_no_self_contradiction() {
    // "ارتفعت … من 1140 قتيلا إلى 1870 قتيلا": 1140 is the earlier figure.
    let (code, doc) = check(&["quake", "extra/recap.md"]);
    assert_eq!(code, 0, "{doc:#}");
    assert!(findings(&doc, "self-contradiction").is_empty(), "{doc:#}");
    let claims = extract(&["extra/recap.md"], "json", &["quake-ar.yaml"]).json();
    assert_eq!(claim(&claims, "extra/recap.md", "1140")["stance"], "earlier");
    assert!(claim(&claims, "extra/recap.md", "1870")["stance"].is_null());
}

#[test]
fn every_report_says_when_each_figure_held() {
    // same-update-a.md states an as-of time; same-update-b.md is placed by
    // its publication time.
    let paths = ["quake", "extra/same-update-a.md", "extra/same-update-b.md"];
    let mut args = vec!["check", "--no-config", "--no-default-rules", "--rules", "quake-ar.yaml"];
    args.extend(["--rules", "quake-en.yaml"]);
    args.extend(paths);
    for format in ["human", "short", "github", "sarif", "html"] {
        let mut with = args.clone();
        with.extend(["--format", format]);
        let out = run(&news(), &with);
        assert_eq!(out.code, 1, "{format}: {}", out.stderr);
        let text = format!("{}{}", out.stdout, out.stderr);
        for said in [
            "2100</bdi></b> (as of 8 Mar 2026 10:00)",
            "2130</bdi></b> (published 8 Mar 2026 15:00)",
        ] {
            let said = if format == "html" {
                said.to_string()
            } else {
                said.replace("</bdi></b>", "")
            };
            assert!(text.contains(&said), "{format} lacks {said:?}:\n{text}");
        }
    }
}

/// `diff --by source PATHS... --format json` with the flood packs.
fn diff_flood(paths: &[&str]) -> (i32, Value) {
    let mut args = vec![
        "diff",
        "--by",
        "source",
        "--format",
        "json",
        "--no-config",
        "--no-default-rules",
    ];
    for p in ["flood-ar.yaml", "flood-fr.yaml", "flood-en.yaml"] {
        args.extend(["--rules", p]);
    }
    args.extend(paths);
    let out = run(&news(), &args);
    assert!(out.code == 0 || out.code == 1, "{}", out.stderr);
    (out.code, out.json())
}

#[test]
fn diff_of_a_rising_toll_orders_sources_and_figures_by_time_and_marks_nothing() {
    let (code, doc) = diff_flood(&["flood"]);
    assert_eq!(code, 0, "a toll that rises is no disagreement: {doc:#}");
    // wire-a published first (10 Oct 08:00), fil-f at 14:00, site-b on
    // the 11th at 09:00, wire-e that evening, paper-c on the 12th.
    assert_eq!(
        doc["sources"],
        serde_json::json!(["wire-a", "fil-f", "site-b", "wire-e", "paper-c"])
    );
    let deaths = &doc["rows"][0];
    assert_eq!(deaths["key"], "flood.deaths");
    assert_eq!(deaths["evolves"], "increasing");
    assert_eq!(deaths["majority"], Value::Null, "no majority of a moving figure");
    assert_eq!(
        deaths["latest"],
        serde_json::json!({"value": "121", "at": "2026-10-16T10:00"})
    );
    // A cell's figures in the order they were given, each with its time.
    let wire_a = &deaths["cells"]["wire-a"];
    assert_eq!(wire_a["disagrees"], false);
    assert_eq!(
        wire_a["values"],
        serde_json::json!([
            {"value": "21", "articles": 1, "disagrees": false, "published": "2026-10-10T08:00"},
            {"value": "121", "articles": 1, "disagrees": false, "published": "2026-10-16T10:00"}
        ])
    );
    assert_eq!(deaths["cells"]["fil-f"]["values"][0]["as_of"], "2026-10-10T12:00");
    // The missing fall over time: 40 then 3, in the order given.
    let missing: Vec<&str> = doc["rows"][1]["cells"]["wire-a"]["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["value"].as_str().unwrap())
        .collect();
    assert_eq!(missing, ["40", "3"]);
}

#[test]
fn diff_of_a_moving_story_marks_what_check_reports_and_the_table_says_when() {
    let (code, doc) = diff_flood(&["flood", "flood-extra/same-update-en.md", "flood-extra/stale.md"]);
    assert_eq!(code, 1, "{doc:#}");
    let deaths = &doc["rows"][0]["cells"];
    // same-update-en.md (wire-e) gives 68 for the update site-b's 03.md
    // gives 58: both sides of that contradiction disagree.
    let off = |source: &str, value: &str| {
        deaths[source]["values"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["value"] == value)
            .unwrap_or_else(|| panic!("no {value} in {source}: {doc:#}"))["disagrees"]
            .as_bool()
            .unwrap()
    };
    assert!(off("wire-e", "68") && off("site-b", "58"));
    // A superseded figure agrees; a stale one (58 on the 17th) does not.
    assert!(!off("wire-a", "21") && !off("wire-e", "74"));
    assert!(off("blog-d", "58"));
    let table = run(
        &news(),
        &[
            "diff",
            "--by",
            "source",
            "--no-config",
            "--no-default-rules",
            "--rules",
            "flood-ar.yaml",
            "--rules",
            "flood-fr.yaml",
            "--rules",
            "flood-en.yaml",
            "flood",
            "flood-extra/stale.md",
        ],
    );
    table.assert_code(1);
    assert!(
        table.stdout.contains("21 ×1 (published 10 Oct 2026 08:00)"),
        "{}",
        table.stdout
    );
    assert!(
        table.stdout.contains("58 ×1 (published 17 Oct 2026 09:00) ✗"),
        "{}",
        table.stdout
    );
    assert!(
        table.stdout.contains("latest 121 (16 Oct 2026 10:00)"),
        "{}",
        table.stdout
    );
}
