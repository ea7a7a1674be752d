//! The HTML reports open in headless Chromium with no console message and
//! an inert DOM (`scripts/render-html.sh`), on the seeds and on a corpus
//! with a hostile article, for `check` and for `diff --by source`.
//!
//! Needs Chromium (Debian: `apt-get install chromium fonts-noto-core`);
//! without it each test says so on stderr and passes, so `cargo test`
//! still runs on a machine without a browser, unless
//! `CROSSCHECK_REQUIRE_CHROMIUM=1` is set (`.ci/run` sets it once it has
//! installed Chromium): then a missing browser fails the tests.

use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_crosscheck");
const MANIFEST: &str = env!("CARGO_MANIFEST_DIR");

/// An article that tries to inject markup in its text, its front matter
/// and (through the source) the matrix header.
const HOSTILE: &str = "---\nsource: \"<b onmouseover=alert(3)>x</b>\"\ntitle: \"<script>alert(2)</script>\"\n---\n<script>alert(1)</script> الإنتربول تضم 195 دولة عضو \"><img src=x onerror=alert(1)> <style>body{display:none}</style></textarea><!--\n";

fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"].into_iter().find(|b| {
        Command::new("sh")
            .args(["-c", &format!("command -v {b}")])
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

/// Whether Chromium is there to render with. Without it a test skips with
/// a note, or fails when `CROSSCHECK_REQUIRE_CHROMIUM=1`.
fn have_chromium(test: &str) -> bool {
    if chromium().is_some() {
        return true;
    }
    let required = std::env::var("CROSSCHECK_REQUIRE_CHROMIUM").is_ok_and(|v| v == "1");
    assert!(
        !required,
        "html_render::{test}: Chromium is not installed and CROSSCHECK_REQUIRE_CHROMIUM=1"
    );
    eprintln!("html_render::{test}: Chromium is not installed; skipped");
    false
}

fn crosscheck(dir: &Path, args: &[&str]) -> i32 {
    let out = Command::new(BIN)
        .current_dir(dir)
        .args(args)
        .arg("--no-config")
        .output()
        .expect("crosscheck runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    out.status.code().expect("crosscheck exited")
}

/// Runs the render script on `report`: whether it passed, and what it said.
fn render_script(report: &Path) -> (bool, String) {
    let png = report.with_extension("png");
    let out = Command::new("bash")
        .arg(Path::new(MANIFEST).join("scripts/render-html.sh"))
        .arg(report)
        .arg(&png)
        .output()
        .expect("bash runs");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), said)
}

/// Runs the render script on `report`; panics with its output on failure.
fn render(report: &Path) {
    let png = report.with_extension("png");
    let (passed, said) = render_script(report);
    assert!(passed, "render-html.sh {} failed:\n{said}", report.display());
    let size = std::fs::metadata(&png).map(|m| m.len()).unwrap_or(0);
    assert!(size > 10_000, "the screenshot of {} is {size} bytes", report.display());
}

/// A temporary folder with `articles/` holding the seeds, and the hostile
/// article when `hostile`.
fn corpus(hostile: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir_all(&articles).unwrap();
    for entry in std::fs::read_dir(Path::new(MANIFEST).join("seeds")).unwrap() {
        let path: PathBuf = entry.unwrap().path();
        std::fs::copy(&path, articles.join(path.file_name().unwrap())).unwrap();
    }
    if hostile {
        std::fs::write(articles.join("zz-hostile.md"), HOSTILE).unwrap();
    }
    dir
}

fn render_reports(test: &str, hostile: bool) {
    if !have_chromium(test) {
        return;
    }
    let dir = corpus(hostile);
    let check = dir.path().join("check.html");
    let diff = dir.path().join("diff.html");
    let code = crosscheck(
        dir.path(),
        &["check", "articles", "--format", "html", "-o", check.to_str().unwrap()],
    );
    assert_eq!(code, 1, "the seeds have an error-level finding");
    let code = crosscheck(
        dir.path(),
        &[
            "diff",
            "--by",
            "source",
            "articles",
            "--format",
            "html",
            "-o",
            diff.to_str().unwrap(),
        ],
    );
    assert!(code == 0 || code == 1, "diff exited {code}");
    if hostile {
        // The hostile text is in the reports, as text: the render checks
        // below see it, so they would catch it if it were live markup.
        let check_html = std::fs::read_to_string(&check).unwrap();
        assert!(
            check_html.contains("&lt;script&gt;alert(1)"),
            "check.html quotes the article"
        );
        let diff_html = std::fs::read_to_string(&diff).unwrap();
        assert!(diff_html.contains("&lt;b onmouseover"), "diff.html names the source");
        for html in [&check_html, &diff_html] {
            assert!(!html.contains("<script>alert") && !html.contains("<b onmouseover"));
        }
    }
    render(&check);
    render(&diff);
}

#[test]
fn seeds_report_renders_in_chromium_with_no_console_message() {
    render_reports("seeds_report_renders_in_chromium_with_no_console_message", false);
}

#[test]
fn hostile_article_stays_inert_in_chromium() {
    render_reports("hostile_article_stays_inert_in_chromium", true);
}

/// The script fails where it must: a page that logs to the console, and a
/// page with a live event handler (and no script), each fail it.
#[test]
fn render_script_fails_on_a_console_message_or_live_markup() {
    if !have_chromium("render_script_fails_on_a_console_message_or_live_markup") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let pages = [
        (
            "console.html",
            "<!doctype html><html><body><p>x</p><script>console.error('boom')</script></body></html>",
            "console",
        ),
        (
            "handler.html",
            "<!doctype html><html><body><p onclick=\"x()\">x</p></body></html>",
            "event handler",
        ),
        (
            "network.html",
            "<!doctype html><html><body><a href=\"https://example.org/\">x</a></body></html>",
            "network URL",
        ),
    ];
    for (name, html, reason) in pages {
        let page = dir.path().join(name);
        std::fs::write(&page, html).unwrap();
        let (passed, said) = render_script(&page);
        assert!(!passed, "render-html.sh passed {name}:\n{said}");
        assert!(said.contains(reason), "{name}: names the {reason}:\n{said}");
    }
    // And passes a plain page that quotes markup as text.
    let page = dir.path().join("text.html");
    std::fs::write(
        &page,
        "<!doctype html><html><body><p>&lt;script&gt;alert(1)&lt;/script&gt; onerror=x</p></body></html>",
    )
    .unwrap();
    let (passed, said) = render_script(&page);
    assert!(passed, "render-html.sh failed a page of text:\n{said}");
}
