//! What a report highlights and quotes: a claim's span keeps the marks of
//! its last letter, and a quote cut out of a long line is cut between
//! words, with an ellipsis where the line goes on.
mod support;

use support::run;

const PACK: &str = "pack: people\nlanguage: ar\nrules:\n  - id: attendees\n    title: People at the meeting\n    kind: count\n    patterns: ['{count}\\s+(?:شخصا|شخص)']\n";

fn folder(article: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("people.yaml"), PACK).unwrap();
    std::fs::create_dir(dir.path().join("articles")).unwrap();
    std::fs::write(dir.path().join("articles/a.txt"), article).unwrap();
    std::fs::write(dir.path().join("articles/b.txt"), "وحضر اللقاء 312 شخص حسب المنظمين.\n").unwrap();
    dir
}

#[test]
fn a_claim_ends_after_the_tanween_of_its_last_letter() {
    let dir = folder("حضر الاجتماع 257 شخصاً من عدة مدن.\n");
    let out = run(
        dir.path(),
        &[
            "extract",
            "--no-config",
            "--rules",
            "people.yaml",
            "articles/a.txt",
            "--format",
            "json",
        ],
    );
    out.assert_code(0);
    let json = out.json();
    let claim = &json["claims"][0];
    assert_eq!(claim["text"], "257 شخصاً", "the highlight holds the tanween: {claim}");
    // The human report underlines the whole word, marks included.
    let out = run(
        dir.path(),
        &["check", "--no-config", "--rules", "people.yaml", "articles/"],
    );
    assert!(out.stdout.contains("257 شخصاً"), "{}", out.stdout);
}

/// A long line: the quote starts and ends on whole words, with `…` where
/// the line goes on, in the HTML report and in the terminal's excerpt.
#[test]
fn a_quote_is_cut_between_words_with_an_ellipsis() {
    let before = "استعرض المتحدث باسم اللجنة المنظمة أمام الصحافيين في الندوة الصحفية التي عقدت صباح اليوم";
    let after = "قدموا من مختلف جهات البلاد للمشاركة في الاجتماع السنوي الذي يعقد للمرة الأولى في هذه المدينة";
    let dir = folder(&format!("{before} أن 257 شخصاً {after}\n"));
    let out = run(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--rules",
            "people.yaml",
            "articles/",
            "--format",
            "html",
        ],
    );
    let html = out.stdout;
    let quote = html
        .split("<blockquote dir=\"auto\">")
        .find(|q| q.contains("257 شخصاً"))
        .and_then(|q| q.split("</blockquote>").next())
        .unwrap_or_else(|| panic!("a quote of the claim:\n{html}"));
    assert!(quote.starts_with("… "), "the line goes on before the quote: {quote}");
    assert!(quote.ends_with(" …"), "the line goes on after the quote: {quote}");
    let text = quote.trim_start_matches("… ").trim_end_matches(" …");
    let text = text.replace("<mark>", "").replace("</mark>", "");
    let line = format!("{before} أن 257 شخصاً {after}");
    let words: Vec<&str> = line.split(' ').collect();
    let quoted: Vec<&str> = text.split(' ').collect();
    assert!(
        words.windows(quoted.len()).any(|w| w == quoted.as_slice()),
        "the quote is whole words of the line: {text}"
    );
    // A short line is quoted whole, with no ellipsis.
    let short = html
        .split("<blockquote dir=\"auto\">")
        .find(|q| q.contains("312 شخص"))
        .and_then(|q| q.split("</blockquote>").next())
        .unwrap();
    assert!(!short.contains('…'), "{short}");
    // The terminal's excerpt starts on a whole word too.
    let out = run(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--rules",
            "people.yaml",
            "articles/",
            "--color",
            "never",
        ],
    );
    let excerpt = out
        .stdout
        .lines()
        .find(|l| l.contains("257 شخصاً"))
        .unwrap_or_else(|| panic!("{}", out.stdout));
    let excerpt = excerpt.split('│').nth(1).unwrap().trim();
    let first = excerpt.split(' ').next().unwrap();
    assert!(words.contains(&first), "the excerpt starts on a word: {excerpt}");
    let last = excerpt.split(' ').next_back().unwrap();
    assert!(words.contains(&last), "the excerpt ends on a word: {excerpt}");
}
