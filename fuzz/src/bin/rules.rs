//! Target: the rule loader. Arbitrary bytes as a rule pack file:
//! `RuleSet::load` must answer (rules or errors) without panicking, every
//! error must point inside its file, and rendering the errors as the CLI
//! does must not panic either. A pack that loads is run over a sample text.
use crosscheck::rules::RuleSet;
use crosscheck_fuzz::{bucket, edge_tokens, files_in, repo, sig, Target};
use miette::{GraphicalReportHandler, GraphicalTheme};
use std::sync::OnceLock;

fn sample() -> &'static str {
    static S: OnceLock<String> = OnceLock::new();
    S.get_or_init(|| {
        let text = String::from_utf8_lossy(&files_in(&repo().join("seeds")).concat()).into_owned();
        let cut = (0..=text.len().min(6000))
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(0);
        crosscheck::normalize::fold(&text[..cut])
    })
}

fn run(data: &[u8]) -> u64 {
    let text = String::from_utf8_lossy(data).into_owned();
    match RuleSet::load(&[("fuzz.yaml".to_string(), text.clone())]) {
        Ok(set) => {
            let found = set.find_all(sample(), None).len();
            sig((0u8, bucket(set.rules.len()), bucket(found)))
        }
        Err(errors) => {
            let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor()).with_width(80);
            let mut kinds = Vec::new();
            for e in &errors {
                if let Some((offset, len)) = e.span {
                    assert!(
                        offset + len <= text.len(),
                        "error span {offset}+{len} past the file ({})",
                        text.len()
                    );
                    assert!(
                        text.is_char_boundary(offset) && text.is_char_boundary(offset + len),
                        "error span off char boundaries"
                    );
                }
                let mut out = String::new();
                handler.render_report(&mut out, e).expect("renders");
                kinds.push(format!("{:?}", e.kind));
            }
            sig((1u8, kinds, bucket(errors.len())))
        }
    }
}

fn main() {
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
    crosscheck_fuzz::main(Target {
        name: "rules",
        seeds,
        dict,
        run,
        max_len: 16 * 1024,
    });
}
