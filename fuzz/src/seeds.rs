//! Starting inputs and dictionaries of the fuzz targets.
//!
//! `cargo afl run --release --bin seeds` writes them to `fuzz/in/<target>/`
//! and `fuzz/in/<target>.dict` (AFL++'s dictionary format), from the
//! repository's own files (seeds/, rules/, tests/fixtures, tests/corpus)
//! and the edge inputs below. `fuzz/run.sh` does it before each run.

use crate::{edge_tokens, files_in, repo};

/// Seeds and dictionary tokens of one target, or `None` for an unknown one.
pub fn for_target(name: &str) -> Option<(Vec<Vec<u8>>, Vec<Vec<u8>>)> {
    match name {
        "rules" => Some(rules()),
        "jsonl" => Some(jsonl()),
        "frontmatter" => Some(frontmatter()),
        "grammars" => Some(grammars()),
        _ => None,
    }
}

fn rules() -> (Vec<Vec<u8>>, Vec<Vec<u8>>) {
    let mut seeds = files_in(&repo().join("rules"));
    seeds.retain(|s| !s.starts_with(b"{")); // not schema.json
    seeds.extend(files_in(&repo().join("tests/fixtures")));
    let head = "pack: p\nlanguage: ar\nrules:\n  - id: r\n    title: t\n    kind: count\n    patterns:\n";
    for pattern in [
        "'a{1000}{1000}{count}'",
        "'(?:a{1000}){1000}{count}'",
        "'(a*)*b{count}'",
        "'{count}\\s+دولة'",
        "'{ordinal}'",
        "'[^.]{0,50}?{count}'",
    ] {
        seeds.push(format!("{head}      - {pattern}\n").into_bytes());
    }
    seeds.push(format!("{}0{}", "[".repeat(5000), "]".repeat(5000)).into_bytes());
    seeds.push("a: ".repeat(3000).into_bytes());
    seeds.push("- ".repeat(3000).into_bytes());
    seeds.push(b"a: &a [*a, *a, *a]\nb: &b [*a, *a, *a]\nc: &c [*b, *b, *b]\n".to_vec());
    let mut dict = edge_tokens();
    for w in [
        "{count}",
        "{ordinal}",
        "{year}",
        "{date}",
        "{date_range}",
        "{name}",
        "{foo}",
        "(?:",
        ")",
        "|",
        "*",
        "+",
        "?",
        "{1000}",
        "{0,50}",
        "{1000}{1000}",
        "\\s+",
        "\\b",
        "[^.]",
        "(?i)",
        "\\p{Arabic}",
        "pack: ",
        "language: ar",
        "language: en",
        "language: fr",
        "rules:",
        "  - id: ",
        "kind: count",
        "kind: ordinal",
        "kind: date",
        "kind: date-range",
        "kind: name",
        "kind: year",
        "patterns:",
        "examples:",
        "allows:",
        "near: ",
        "near-window: ",
        "tolerance: ",
        "about: ",
        "lexicon:",
        "spellings: ",
        "canonical: ",
        "severity: warning",
        "value: ",
        "text: ",
        "&a ",
        "*a",
        "<<: ",
        "!!str ",
        "!!binary ",
        "~",
        "null",
        "1e400",
        "-1",
        "NaN",
        ".inf",
        "\t",
        "'",
        "''",
        "|\n",
        ">-\n",
        "---\n",
        "...\n",
    ] {
        dict.push(w.as_bytes().to_vec());
    }
    (seeds, dict)
}

fn jsonl() -> (Vec<Vec<u8>>, Vec<Vec<u8>>) {
    let texts: Vec<String> = files_in(&repo().join("seeds"))
        .iter()
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .collect();
    let mut seeds = Vec::new();
    for (i, t) in texts.iter().enumerate() {
        let line = serde_json::json!({"id": format!("a{i}"), "source": "seed", "published": "2025-11-24", "title": "t", "text": t});
        seeds.push(format!("{line}\n").into_bytes());
        let short: String = t.chars().take(400).collect();
        let line = serde_json::json!({"id": i, "text": short});
        seeds.push(format!("\u{FEFF}{line}\r\n\r\n{{oops}}\n{line}").into_bytes());
    }
    seeds.push(b"{\"text\": \"\\u0000\\ud83d\\ude00 \\u0661\\u0669\\u0666 \\u062f\\u0648\\u0644\\u0629\"}\n".to_vec());
    seeds.push(b"{\"text\": \"x\"}\n\xff\xfe\n".to_vec());
    let mut dict = edge_tokens();
    for w in [
        "{\"text\": \"",
        "\"}",
        "\"id\": ",
        "\"published\": \"2025-11-24T10:00:00Z\"",
        "\"source\": null",
        "\\u0000",
        "\\ud800",
        "\\n",
        "\\\"",
        "[",
        "{",
        "1e999",
        "-0",
        "true",
        "الإنتربول",
        "دولة عضو",
        "196",
    ] {
        dict.push(w.as_bytes().to_vec());
    }
    dict.push(vec![0xff]);
    dict.push(vec![0xc3]);
    dict.push(vec![0xed, 0xa0, 0x80]);
    (seeds, dict)
}

fn frontmatter() -> (Vec<Vec<u8>>, Vec<Vec<u8>>) {
    let mut seeds = Vec::new();
    for (i, t) in files_in(&repo().join("seeds")).iter().enumerate() {
        let t = String::from_utf8_lossy(t);
        let short: String = t.chars().take(1500).collect();
        seeds.push(format!("---\nsource: s{i}\npublished: 2025-11-2{i}\ntitle: \"عنوان\"\n---\n{short}").into_bytes());
        seeds.push(format!("\u{FEFF}---\r\ndate: 2025-11-24T10:00:00Z\r\n...\r\n{short}").into_bytes());
    }
    seeds.push(b"---\n---\n".to_vec());
    seeds.push(format!("---\na: {}0{}\n---\nbody", "[".repeat(3000), "]".repeat(3000)).into_bytes());
    seeds.push(b"---\npublished: [1, {a: b}]\nsource: 5\n---\n\0\0".to_vec());
    let mut dict = edge_tokens();
    for w in [
        "---\n",
        "---\r\n",
        "...\n",
        "source: ",
        "published: ",
        "date: ",
        "title: ",
        "2025-11-24",
        "2025-02-30",
        "2025-11-24T10:00:00Z",
        "&a ",
        "*a",
        "[",
        "{",
        "!!binary ",
        "~",
        "الإنتربول",
        "الدورة 93",
        "نونبر 2025",
    ] {
        dict.push(w.as_bytes().to_vec());
    }
    (seeds, dict)
}

fn grammars() -> (Vec<Vec<u8>>, Vec<Vec<u8>>) {
    let mut seeds = Vec::new();
    for t in files_in(&repo().join("seeds")) {
        let t = String::from_utf8_lossy(&t).into_owned();
        // sentences, so inputs stay short and fast
        for s in t.split(['.', '\n']).filter(|s| s.trim().len() > 10).take(40) {
            seeds.push(s.as_bytes().to_vec());
        }
    }
    for t in files_in(&repo().join("tests/corpus")) {
        let t = String::from_utf8_lossy(&t).into_owned();
        for line in t.lines().filter(|l| !l.starts_with('#')) {
            if let Some(text) = line.split('\t').nth(1) {
                seeds.push(text.as_bytes().to_vec());
            }
        }
    }
    let mut dict = edge_tokens();
    for w in [
        "مائة",
        "ألف",
        "مليون",
        "مليار",
        "ثلاث",
        "وتسعين",
        "الثالثة",
        "والتسعين",
        "الأول",
        "عشر",
        "عشرين",
        "نونبر",
        "نوفمبر",
        "تشرين الثاني",
        "يناير",
        "رمضان",
        "هـ",
        "الاثنين",
        "الخميس",
        "من 24 إلى 27",
        "بين",
        "و",
        "حتى",
        "2025",
        "1446",
        "24/11/2025",
        "2025-11-24",
        "one",
        "hundred",
        "thousand",
        "million",
        "first",
        "twenty-third",
        "3rd",
        "November",
        "Monday",
        "cent",
        "mille",
        "vingt",
        "quatre-vingt-dix-neuf",
        "premier",
        "novembre",
        "lundi",
        "1,000,000",
        "1.5",
        ".5",
        "٫",
        "99999999999999999999",
        "1e308",
        "نحو",
        "أكثر من",
        "أقل من",
    ] {
        dict.push(w.as_bytes().to_vec());
    }
    (seeds, dict)
}
