//! Target: front matter and the file path of extraction. Bytes (lossily
//! decoded) go through `corpus::article_from_text`; the body offset must be
//! a char boundary and every claim of the body must quote its own span.
use crosscheck::corpus::article_from_text;
use crosscheck::rules::RuleSet;
use crosscheck_fuzz::{bucket, edge_tokens, files_in, repo, sig, Target};
use std::sync::OnceLock;

fn rules() -> &'static RuleSet {
    static R: OnceLock<RuleSet> = OnceLock::new();
    R.get_or_init(|| RuleSet::load(&RuleSet::default_sources()).expect("built-in rules load"))
}

fn run(data: &[u8]) -> u64 {
    let text = String::from_utf8_lossy(data).into_owned();
    let a = article_from_text("fuzz.md".into(), text);
    assert!(a.body_start <= a.text.len() && a.text.is_char_boundary(a.body_start));
    let claims = crosscheck::extract::extract_article(rules(), &a, 0);
    let mut keys = Vec::new();
    for c in &claims {
        assert!(c.span.start >= a.body_start, "claim before the body");
        assert!(c.span.start <= c.span.end && c.span.end <= a.text.len());
        assert!(a.text.is_char_boundary(c.span.start) && a.text.is_char_boundary(c.span.end));
        assert_eq!(&*c.text, &a.text[c.span.start..c.span.end]);
        keys.push(c.key.clone());
    }
    keys.sort();
    keys.dedup();
    sig((
        a.published.is_some(),
        a.source.is_some(),
        a.title.is_some(),
        a.body_start == 0,
        keys,
        bucket(claims.len()),
    ))
}

fn main() {
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
    crosscheck_fuzz::main(Target {
        name: "frontmatter",
        seeds,
        dict,
        run,
        max_len: 16 * 1024,
    });
}
