//! Target: the JSONL reader. Bytes go to a `.jsonl` file read with
//! `Input::Jsonl(path).read()`; every article is extracted with the
//! built-in rules, and every claim's span must lie on char boundaries of
//! the article and quote exactly the claim's text.
use crosscheck::corpus::{Article, Input};
use crosscheck::rules::RuleSet;
use crosscheck_fuzz::{bucket, edge_tokens, files_in, repo, sig, Target};
use std::path::PathBuf;
use std::sync::OnceLock;

pub fn rules() -> &'static RuleSet {
    static R: OnceLock<RuleSet> = OnceLock::new();
    R.get_or_init(|| RuleSet::load(&RuleSet::default_sources()).expect("built-in rules load"))
}

pub fn check_article(a: &Article) -> Vec<String> {
    assert!(a.body_start <= a.text.len() && a.text.is_char_boundary(a.body_start));
    let claims = crosscheck::extract::extract_article(rules(), a, 0);
    let mut keys = Vec::new();
    for c in &claims {
        assert!(
            c.span.start <= c.span.end && c.span.end <= a.text.len(),
            "claim span out of bounds"
        );
        assert!(a.text.is_char_boundary(c.span.start) && a.text.is_char_boundary(c.span.end));
        assert_eq!(&*c.text, &a.text[c.span.start..c.span.end]);
        keys.push(c.key.to_string());
    }
    keys
}

fn path() -> &'static PathBuf {
    static P: OnceLock<PathBuf> = OnceLock::new();
    P.get_or_init(|| std::env::temp_dir().join(format!("crosscheck-fuzz-{}.jsonl", std::process::id())))
}

fn run(data: &[u8]) -> u64 {
    std::fs::write(path(), data).expect("temp file");
    let (articles, errors) = Input::Jsonl(path().clone()).read();
    let mut keys = Vec::new();
    for a in &articles {
        keys.extend(check_article(a));
    }
    keys.sort();
    keys.dedup();
    let first_error: String = errors
        .first()
        .map(|e| e.reason.chars().take(24).collect())
        .unwrap_or_default();
    sig((bucket(articles.len()), bucket(errors.len()), keys, first_error))
}

fn main() {
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
    crosscheck_fuzz::main(Target {
        name: "jsonl",
        seeds,
        dict,
        run,
        max_len: 24 * 1024,
    });
}
