//! One-off edge inputs (run once, not in a loop), timed: deeply nested
//! YAML, huge regex repetitions, a 100 MB single line, invalid UTF-8, BOM,
//! CRLF, NUL, and 10^6 claims under one key.
use crosscheck::input::corpus::{article_from_text, Input};
use crosscheck::extract::{extract_article, Claim};
use crosscheck::grammar::Kind;
use crosscheck::rules::{RuleSet, Severity};
use crosscheck::text::span::{LineCol, Span};
use crosscheck::model::value::{NumberSet, Value};
use std::sync::Arc;
use std::time::Instant;

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let r = f();
    println!("{what}: {:.3}s", t.elapsed().as_secs_f64());
    r
}

fn load(text: String) -> String {
    match RuleSet::load(&[("edge.yaml".into(), text)]) {
        Ok(s) => format!("loaded {} rules", s.rules.len()),
        Err(e) => format!(
            "refused: {}",
            e.iter().map(|e| e.to_string()).collect::<Vec<_>>().join(" | ")
        ),
    }
}

fn claims(n: usize, distinct: usize, value_of: impl Fn(usize) -> usize, per_article: usize) -> Vec<Claim> {
    let names: Vec<Arc<str>> = (0..n / per_article + 1)
        .map(|i| Arc::from(format!("a{i:07}.txt")))
        .collect();
    (0..n)
        .map(|i| {
            let a = i / per_article;
            Claim {
                key: "interpol.member-states".into(),
                rule: "interpol.member-states".into(),
                kind: Kind::Count,
                severity: Severity::Error,
                article: names[a].clone(),
                source: None,
                article_index: a,
                published: None,
                value: Value::Number(NumberSet::exact((180 + value_of(i) % distinct) as f64)),
                span: Span::new(i % per_article * 10, i % per_article * 10 + 3),
                line_col: LineCol { line: 1, column: 1 },
                weekday: None,
                text: "196".into(),
                excerpt: None,
                context: None,
            }
        })
        .collect()
}

fn main() {
    let which: Vec<String> = std::env::args().skip(1).collect();
    let on = |w: &str| which.is_empty() || which.iter().any(|x| x == w);
    let head = "pack: p\nlanguage: ar\nrules:\n  - id: r\n    title: t\n    kind: count\n    patterns:\n";
    if on("yaml") {
        for depth in [1_000usize, 100_000] {
            let s = format!("{}0{}", "[".repeat(depth), "]".repeat(depth));
            println!(
                "  {}",
                timed(&format!("nested flow sequence depth {depth}"), || load(s.clone()))
                    .chars()
                    .take(160)
                    .collect::<String>()
            );
            let s: String = (0..depth.min(20_000))
                .map(|i| format!("{}k:\n", "  ".repeat(i)))
                .collect();
            println!(
                "  {}",
                timed(&format!("nested block mapping depth {}", depth.min(20_000)), || load(s))
                    .chars()
                    .take(160)
                    .collect::<String>()
            );
        }
        let fm = format!("---\na: {}0{}\n---\nbody", "[".repeat(100_000), "]".repeat(100_000));
        let a = timed("front matter nested depth 100000", || {
            article_from_text("x.md".into(), fm)
        });
        println!("  body_start {}", a.body_start);
        let bomb = "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n";
        println!(
            "  {}",
            timed("billion laughs", || load(bomb.to_string()))
                .chars()
                .take(160)
                .collect::<String>()
        );
    }
    if on("yamlprobe") {
        for depth in [10_000usize, 20_000, 40_000] {
            for (what, s) in [
                ("top [", format!("{}0{}", "[".repeat(depth), "]".repeat(depth))),
                ("a: [", format!("a: {}0{}\n", "[".repeat(depth), "]".repeat(depth))),
                ("a: [ unclosed", format!("a: {}\n", "[".repeat(depth))),
                ("a: {", format!("a: {}\n", "{a: ".repeat(depth))),
            ] {
                let r: Result<serde_yaml::Value, _> =
                    timed(&format!("serde_yaml {what} depth {depth}"), || serde_yaml::from_str(&s));
                println!(
                    "  {}",
                    r.err()
                        .map(|e| e.to_string())
                        .unwrap_or_default()
                        .chars()
                        .take(100)
                        .collect::<String>()
                );
                println!(
                    "  {}",
                    timed(&format!("RuleSet::load {what} depth {depth}"), || load(s.clone()))
                        .chars()
                        .take(100)
                        .collect::<String>()
                );
            }
        }
    }
    if on("regex") {
        for p in [
            "a{1000}{1000}{count}",
            "(?:a{1000}){1000}{count}",
            "(?:\\w{100}){100}{count}",
            "[^.]{0,5000}{count}",
            "(?:(?:a|b)*)*{count}",
        ] {
            let s = format!("{head}      - '{p}'\n");
            println!(
                "  {}",
                timed(&format!("pattern {p}"), || load(s))
                    .chars()
                    .take(200)
                    .collect::<String>()
            );
        }
    }
    if on("big") {
        let unit = "تنعقد الدورة 93 للجمعية العامة للإنتربول بمشاركة 196 دولة عضو في مراكش من 24 إلى 27 نونبر 2025، ";
        let mut text = String::with_capacity(100 << 20);
        while text.len() < 100 << 20 {
            text.push_str(unit);
        }
        let line = format!(
            "{{\"id\":\"big\",\"text\":{}}}\n",
            serde_json::to_string(&text).unwrap()
        );
        let path = std::env::temp_dir().join("crosscheck-edge-big.jsonl");
        std::fs::write(&path, &line).unwrap();
        drop(line);
        let (articles, errors) = timed("100 MB single JSONL line: read", || Input::Jsonl(path.clone()).read(&crosscheck::input::corpus::Notes::new()));
        println!("  {} articles, {} errors", articles.len(), errors.len());
        let rules = RuleSet::load(&RuleSet::default_sources()).unwrap();
        let n = timed("100 MB single line: extract_article", || {
            extract_article(&rules, &articles[0], 0).len()
        });
        println!("  {n} claims");
        let _ = std::fs::remove_file(&path);
    }
    if on("bytes") {
        let path = std::env::temp_dir().join("crosscheck-edge.jsonl");
        for (what, bytes) in [
            ("invalid UTF-8", b"{\"text\":\"a\"}\n\xff\xfe\n".to_vec()),
            (
                "BOM + CRLF",
                "\u{FEFF}{\"text\":\"الإنتربول 196 دولة عضو\"}\r\n\r\n"
                    .as_bytes()
                    .to_vec(),
            ),
            ("NUL bytes", b"{\"text\":\"a\\u0000b\"}\n\0\0\0\n".to_vec()),
        ] {
            std::fs::write(&path, &bytes).unwrap();
            let (a, e) = Input::Jsonl(path.clone()).read(&crosscheck::input::corpus::Notes::new());
            println!(
                "{what}: {} articles, errors {:?}",
                a.len(),
                e.iter().map(|e| &e.reason).collect::<Vec<_>>()
            );
        }
    }
    if on("claims") {
        let rules = RuleSet::load(&RuleSet::default_sources()).unwrap();
        let n: usize = std::env::var("N")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(1_000_000);
        for (what, c) in [
            (
                "10^6 claims, 20 values round-robin, 1 per article",
                claims(n, 20, |i| i, 1),
            ),
            (
                "10^6 claims, 20 values, 10 per article",
                claims(n, 20, |i| i * 7 / 3, 10),
            ),
            (
                "10^6 claims, 2 values in a tie (halves)",
                claims(n, 2, |i| usize::from(i >= n / 2), 1),
            ),
        ] {
            let f = timed(what, || crosscheck::compare::compare(&rules, &c));
            println!("  {} findings", f.len());
        }
    }
}

#[allow(dead_code)]
pub fn yaml_probe() {}
