//! What a user sees of every finding kind: for each code, a small story
//! (wire copy in Arabic, French or English, written for these tests) and a
//! small rule pack in a temporary folder, checked there with relative
//! paths, and its report snapshotted as the terminal shows it (100
//! columns, no colour), as JSON and as SARIF.
//!
//! The snapshots are in `tests/snapshots/snapshots_findings__<code>_<format>.snap`.
//! After a deliberate change of the output:
//! `INSTA_UPDATE=always cargo test --test snapshots_findings` (or
//! `cargo insta review`), then read the diff.

mod support;

use support::{pack_dir, run};

/// One finding kind's story: the files of its folder, the articles and
/// flags to check, and what the check must give.
struct Story<'a> {
    /// The finding code, which names the snapshots too.
    code: &'a str,
    /// `(name, text)` of the rule pack, the articles and any fact sheet.
    files: &'a [(&'a str, &'a str)],
    /// The rule pack, given with `--rules` instead of the built-in packs.
    pack: &'a str,
    /// The articles and any more flags of `check`.
    args: &'a [&'a str],
    /// The exit code: 1 where the finding is an error, else 0.
    exit: i32,
}

/// Checks the story in each format: the run exits as it should, prints
/// nothing on stderr and no path of the temporary folder, gives a finding
/// of the story's code, and prints what the snapshots hold.
fn assert_reports(story: Story) {
    let dir = pack_dir(story.files);
    let temporary = [
        dir.path().display().to_string(),
        dir.path().canonicalize().unwrap().display().to_string(),
    ];
    for format in ["human", "json", "sarif"] {
        let mut args = vec!["check"];
        args.extend(story.args);
        args.extend([
            "--no-config",
            "--no-default-rules",
            "--rules",
            story.pack,
            "--format",
            format,
        ]);
        let out = run(dir.path(), &args);
        out.assert_code(story.exit);
        assert_eq!(out.stderr, "", "{} --format {format}", story.code);
        for path in &temporary {
            assert!(
                !out.stdout.contains(path.as_str()),
                "{} --format {format} names the temporary folder:\n{}",
                story.code,
                out.stdout
            );
        }
        let shown = match format {
            "json" => {
                let doc = out.json();
                let codes: Vec<&str> = doc["findings"]
                    .as_array()
                    .expect("findings")
                    .iter()
                    .map(|f| f["code"].as_str().expect("a code"))
                    .collect();
                assert!(codes.contains(&story.code), "no {} finding: {doc:#}", story.code);
                out.stdout
            }
            "sarif" => {
                let doc = out.json();
                let results = doc["runs"][0]["results"].as_array().expect("results");
                assert!(
                    results.iter().any(|r| r["properties"]["code"] == story.code),
                    "no {} result: {doc:#}",
                    story.code
                );
                // The tool's version changes with every release, the report
                // does not.
                let version = format!("\"{}\"", env!("CARGO_PKG_VERSION"));
                out.stdout.replace(&version, "\"[version]\"")
            }
            _ => {
                assert!(
                    out.stdout.contains(&format!("crosscheck::{}\n", story.code)),
                    "{}",
                    out.stdout
                );
                out.stdout
            }
        };
        insta::assert_snapshot!(format!("{}_{format}", story.code), shown);
    }
}

/// A static figure that two articles give and a third contradicts (French).
const FIRE: &str = r#"pack: fire
language: fr
about: [incendie, feu]
rules:
  - id: burned-area
    title: Area burned by the fire
    kind: count
    patterns: ['{count}\s+hectares']
    examples:
      - { text: "l'incendie a parcouru 1 200 hectares", value: '1200' }
"#;

#[test]
fn contradiction() {
    assert_reports(Story {
        code: "contradiction",
        files: &[
            ("fire.yaml", FIRE),
            (
                "afp.txt",
                "MARSEILLE — L'incendie qui s'est déclaré mardi dans le massif a parcouru 1 200 hectares, \
                 selon un bilan communiqué mercredi matin.\n",
            ),
            (
                "quotidien.txt",
                "Le feu, désormais fixé, a détruit 1 200 hectares de garrigue et de pinède au nord de la ville.\n",
            ),
            (
                "blog.txt",
                "Au nord de la ville, l'incendie a ravagé 1 500 hectares avant d'être fixé mercredi.\n",
            ),
        ],
        pack: "fire.yaml",
        args: &["afp.txt", "blog.txt", "quotidien.txt"],
        exit: 1,
    });
}

/// One article that gives two figures for one static fact (English).
const FERRY: &str = r#"pack: ferry
language: en
about: [ferry]
rules:
  - id: passengers
    title: Passengers on board the ferry
    kind: count
    patterns: ['{count}\s+passengers']
    examples:
      - { text: 'the ferry was carrying 52 passengers', value: '52' }
"#;

#[test]
fn self_contradiction() {
    assert_reports(Story {
        code: "self-contradiction",
        files: &[
            ("ferry.yaml", FERRY),
            (
                "wire.txt",
                "PORT TOWN (Wire) - A ferry carrying 52 passengers ran aground off the island on Tuesday morning.\n\
                 All 48 passengers were taken to the port by fishing boats, and none was hurt.\n",
            ),
        ],
        pack: "ferry.yaml",
        args: &["wire.txt"],
        exit: 1,
    });
}

/// A date whose stated weekday is not its own: 25 November 2025 is a
/// Tuesday (English).
const SUMMIT: &str = r#"pack: summit
language: en
about: [summit]
rules:
  - id: opening
    title: Opening day of the summit
    kind: date
    patterns: ['summit\s+(?:opens|opened|will\s+open)\s+on\s+(?:[a-z]+day\s+)?{date}']
    examples:
      - { text: 'the summit opens on 25 November 2025', value: '2025-11-25' }
"#;

#[test]
fn weekday_mismatch() {
    assert_reports(Story {
        code: "weekday-mismatch",
        files: &[
            ("summit.yaml", SUMMIT),
            (
                "wire.txt",
                "CAPITAL CITY (Wire) - The climate summit opens on Monday 25 November 2025 with delegations \
                 from 60 countries expected.\n",
            ),
        ],
        pack: "summit.yaml",
        args: &["wire.txt"],
        exit: 0,
    });
}

/// A name two articles spell one way and a third another (Arabic).
const COACH: &str = r#"pack: football
language: ar
about: [المنتخب]
rules:
  - id: coach
    title: Head coach of the national team
    kind: name
    severity: warning
    canonical: الشرقاوي
    spellings: [الشرقاوي, الشرگاوي]
    patterns: ['(?:المدرب|الناخب الوطني|مدرب المنتخب)\s+(?:\S+\s+)?{name}']
"#;

#[test]
fn name_variant() {
    assert_reports(Story {
        code: "name-variant",
        files: &[
            ("coach.yaml", COACH),
            (
                "a.txt",
                "الرباط — أعلن الناخب الوطني ياسين الشرقاوي، اليوم الخميس، لائحة اللاعبين المدعوين لخوض مباراتي \
                 المنتخب الوديتين.\n",
            ),
            (
                "b.txt",
                "وكشف مدرب المنتخب ياسين الشرقاوي في ندوة صحفية أن المجموعة ستدخل معسكرا مغلقا ابتداء من الأحد.\n",
            ),
            (
                "c.txt",
                "وقال المدرب ياسين الشرگاوي إن المنتخب يستعد للمباراتين بتركيز كبير.\n",
            ),
        ],
        pack: "coach.yaml",
        args: &["a.txt", "b.txt", "c.txt"],
        exit: 0,
    });
}

/// A figure the fact sheet given with `--facts` contradicts (Arabic).
const BRIDGE: &str = r#"pack: bridge
language: ar
about: [الجسر]
rules:
  - id: length
    title: Length of the bridge
    kind: count
    tolerance: 0
    patterns: ['(?:طول|بطول)\s+(?:الجسر\s+)?{count}\s+(?:مترا|متر)']
    examples:
      - { text: 'ويبلغ طول الجسر 950 مترا', value: '950' }
"#;

#[test]
fn fact_mismatch() {
    assert_reports(Story {
        code: "fact-mismatch",
        files: &[
            ("bridge.yaml", BRIDGE),
            (
                "facts.yaml",
                "facts:\n  - key: bridge.length\n    value: '950'\n    \
                 citation: Ministry of Equipment, technical sheet of the bridge\n",
            ),
            (
                "draft.md",
                "---\nsource: desk\npublished: 2026-02-03T10:00:00+01:00\n---\n\
                 الرباط — دشن وزير التجهيز، صباح اليوم الثلاثاء، الجسر المعلق الجديد على الوادي بعد ثلاث سنوات \
                 من الأشغال.\nويبلغ طول الجسر 905 مترا، ويتسع لست ممرات للسيارات.\n",
            ),
        ],
        pack: "bridge.yaml",
        args: &["draft.md", "--facts", "facts.yaml"],
        exit: 1,
    });
}

/// Residents evacuated from a wildfire, a figure that only rises
/// (English).
const WILDFIRE: &str = r#"pack: wildfire
language: en
about: [wildfire, fire]
rules:
  - id: evacuated
    title: Residents evacuated from the fire
    kind: count
    evolves: increasing
    patterns: ['{count}\s+(?:residents|people)\s+(?:have\s+(?:now\s+)?been\s+|were\s+)?evacuated', 'evacuated\s+{count}\s+(?:residents|people)']
    examples:
      - { text: 'firefighters evacuated 1,200 residents', value: '1200' }
"#;

const WILDFIRE_SUNDAY_MORNING: &str = "---\nsource: wire-a\npublished: 2026-08-02T08:00:00+02:00\n---\n\
    A wildfire raced through the hills above the coast overnight and firefighters evacuated 1,200 residents \
    from three villages.\n";

const WILDFIRE_SUNDAY_EVENING: &str = "---\nsource: wire-b\npublished: 2026-08-02T18:00:00+02:00\n---\n\
    Winds pushed the fire towards the coast on Sunday afternoon and 3,400 people were evacuated from homes and \
    campsites.\n";

const WILDFIRE_MONDAY_MORNING: &str = "---\nsource: wire-a\npublished: 2026-08-03T09:00:00+02:00\n---\n\
    A total of 5,100 residents have now been evacuated as the wildfire burned through pine forest for a third \
    day.\n";

/// Published after the Monday morning figure, with Sunday evening's.
const WILDFIRE_MONDAY_AFTERNOON: &str = "---\nsource: blog-c\npublished: 2026-08-03T15:00:00+02:00\n---\n\
    In the villages below the ridge, 3,400 people were evacuated as the wildfire spread towards the sea.\n";

#[test]
fn superseded() {
    assert_reports(Story {
        code: "superseded",
        files: &[
            ("wildfire.yaml", WILDFIRE),
            ("sun-08.md", WILDFIRE_SUNDAY_MORNING),
            ("sun-18.md", WILDFIRE_SUNDAY_EVENING),
            ("mon-09.md", WILDFIRE_MONDAY_MORNING),
        ],
        pack: "wildfire.yaml",
        args: &["sun-08.md", "sun-18.md", "mon-09.md"],
        exit: 0,
    });
}

#[test]
fn stale_figure() {
    assert_reports(Story {
        code: "stale-figure",
        files: &[
            ("wildfire.yaml", WILDFIRE),
            ("mon-09.md", WILDFIRE_MONDAY_MORNING),
            ("mon-15.md", WILDFIRE_MONDAY_AFTERNOON),
        ],
        pack: "wildfire.yaml",
        args: &["mon-09.md", "mon-15.md"],
        exit: 0,
    });
}

/// The prefecture's count and the organisers' (French).
const MARCH: &str = r#"pack: march
language: fr
about: [manifestation, manifestants, cortège]
rules:
  - id: turnout
    title: Marchers in the demonstration
    kind: count
    patterns: ['{count}\s+(?:manifestants|personnes)']
    examples:
      - { text: 'la manifestation a réuni 12 000 manifestants', value: '12000' }
"#;

#[test]
fn sources_differ() {
    assert_reports(Story {
        code: "sources-differ",
        files: &[
            ("march.yaml", MARCH),
            (
                "afp.txt",
                "LYON — La manifestation pour le maintien de l'usine a réuni 12 000 personnes selon la préfecture, \
                 samedi dans le centre-ville.\nLe cortège comptait 45 000 manifestants selon les organisateurs, \
                 qui réclament un plan de reprise du site.\n",
            ),
        ],
        pack: "march.yaml",
        args: &["afp.txt"],
        exit: 0,
    });
}

/// A toll a later dispatch corrects (French).
const COACH_CRASH: &str = r#"pack: bus
language: fr
about: [accident, car]
rules:
  - id: deaths
    title: Deaths in the coach crash
    kind: count
    evolves: increasing
    patterns: ['{count}\s+(?:morts|victimes)']
    examples:
      - { text: "l'accident a fait 14 morts", value: '14' }
"#;

#[test]
fn corrected() {
    assert_reports(Story {
        code: "corrected",
        files: &[
            ("bus.yaml", COACH_CRASH),
            (
                "fil-a.md",
                "---\nsource: fil-a\npublished: 2026-05-12T10:00:00+02:00\n---\n\
                 GRENOBLE — L'accident d'un car de touristes dans un virage de la route du col a fait 14 morts \
                 mardi matin.\n",
            ),
            (
                "fil-b.md",
                "---\nsource: fil-b\npublished: 2026-05-12T16:00:00+02:00\n---\n\
                 Rectificatif : l'accident du car de touristes a fait 12 morts, et non 14 comme indiqué dans une \
                 précédente dépêche.\n",
            ),
        ],
        pack: "bus.yaml",
        args: &["fil-a.md", "fil-b.md"],
        exit: 0,
    });
}

/// Homes without power after a storm; one article states a time but has
/// no publication date to place it (English).
const STORM: &str = r#"pack: storm
language: en
about: [storm]
rules:
  - id: without-power
    title: Homes without power after the storm
    kind: count
    evolves: any
    patterns: ['{count}\s+homes\s+(?:were\s+|are\s+)?(?:still\s+)?without\s+power']
    examples:
      - { text: '42,000 homes were still without power', value: '42000' }
"#;

#[test]
fn untimed() {
    assert_reports(Story {
        code: "untimed",
        files: &[
            ("storm.yaml", STORM),
            (
                "grid.md",
                "---\nsource: wire-a\npublished: 2026-12-07T09:00:00+01:00\n---\n\
                 After the storm swept across the north overnight, 90,000 homes were without power on Monday \
                 morning.\n",
            ),
            (
                "blog.md",
                "---\nsource: blog-b\n---\n\
                 Storm recovery: 42,000 homes were still without power as of 6 p.m. Monday, and crews worked \
                 through the night.\n",
            ),
        ],
        pack: "storm.yaml",
        args: &["grid.md", "blog.md"],
        exit: 0,
    });
}

/// A festival held every year: each edition's films are its own fact, and
/// an undated article that names no edition is compared with none (Arabic).
const FESTIVAL: &str = r#"pack: festival
language: ar
about: [المهرجان]
rules:
  - id: edition
    title: Edition of the festival
    kind: ordinal
    scope: edition
    patterns: ['الدورة\s+{ordinal}']
    examples:
      - { text: 'الدورة الثانية عشرة من المهرجان', value: '12' }
  - id: films
    title: Films screened at the festival
    kind: count
    scope: edition
    patterns: ['{count}\s+(?:فيلما|فيلم|أفلام)']
    examples:
      - { text: 'عرض المهرجان 52 فيلما', value: '52' }
"#;

#[test]
fn unscoped() {
    assert_reports(Story {
        code: "unscoped",
        files: &[
            ("festival.yaml", FESTIVAL),
            (
                "2025.md",
                "---\nsource: wire-a\npublished: 2025-06-10T18:00:00+01:00\n---\n\
                 اختتمت مساء اليوم الدورة الحادية عشرة للمهرجان الوطني للفيلم القصير، بعد أسبوع عرض خلاله 48 فيلما.\n",
            ),
            (
                "2026.md",
                "---\nsource: wire-a\npublished: 2026-06-12T11:00:00+01:00\n---\n\
                 انطلقت صباح اليوم الدورة الثانية عشرة للمهرجان الوطني للفيلم القصير، ويعرض المهرجان هذه السنة \
                 52 فيلما.\n",
            ),
            (
                "notes.md",
                "---\nsource: blog-c\n---\nوعرض المهرجان 60 فيلما من عشرين بلدا، في قاعات امتلأت عن آخرها.\n",
            ),
        ],
        pack: "festival.yaml",
        args: &["2025.md", "2026.md", "notes.md"],
        exit: 0,
    });
}
