//! The HTML reports open in headless Chromium with no console message and
//! an inert DOM (`scripts/render-html.sh`), on the seeds and on a corpus
//! with a hostile article, for `check` and for `diff --by source`.
//!
//! Needs Chromium (Debian: `apt-get install chromium fonts-noto-core`).
//! The file has its own harness (libtest-mimic): without a browser its
//! tests are listed as *ignored* in the summary, with a line that says why,
//! so `cargo test` still runs on a machine without one; with `CI=true` or
//! `CROSSCHECK_REQUIRE_CHROMIUM=1` (`.ci/run` sets it once it has installed
//! Chromium) a missing browser fails every test instead.

mod support;

use libtest_mimic::{Arguments, Failed, Trial};
use std::path::{Path, PathBuf};
use std::process::Command;
use support::{root, with_seeds};

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

/// Whether a missing browser is a failure: under CI, or when asked.
fn chromium_required() -> bool {
    std::env::var("CROSSCHECK_REQUIRE_CHROMIUM").is_ok_and(|v| v == "1")
        || std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// `crosscheck args… --no-config` in `dir`: its exit code.
fn crosscheck(dir: &Path, args: &[&str]) -> i32 {
    support::run_no_config(dir, args).code
}

/// Runs the render script on `report`: whether it passed, and what it said.
fn render_script(report: &Path) -> (bool, String) {
    let png = report.with_extension("png");
    let out = Command::new("bash")
        .arg(root().join("scripts/render-html.sh"))
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
    let (dir, articles) = with_seeds("articles");
    if hostile {
        std::fs::write(articles.join("zz-hostile.md"), HOSTILE).unwrap();
    }
    dir
}

fn render_reports(hostile: bool) {
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

fn seeds_report_renders_in_chromium_with_no_console_message() {
    render_reports(false);
}

fn hostile_article_stays_inert_in_chromium() {
    render_reports(true);
}

/// The script fails where it must: a page that logs to the console, and a
/// page with a live event handler (and no script), each fail it.
fn render_script_fails_on_a_console_message_or_live_markup() {
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

/// Lays `report` out in an iframe `width` pixels wide and gives the width
/// of its page and of its window: the report itself runs no script, so a
/// wrapper page beside it measures it (file access allowed for the test).
fn laid_out_width(report: &Path, width: u32) -> (u32, u32) {
    let browser = chromium().expect("chromium");
    let dir = report.parent().unwrap();
    let wrapper = dir.join("measure.html");
    let name = report.file_name().unwrap().to_str().unwrap();
    std::fs::write(
        &wrapper,
        format!(
            "<!doctype html><html><body style=\"margin:0\"><iframe id=\"f\" src=\"{name}\" \
             style=\"width:{width}px;height:900px;border:0\"></iframe><script>\
             document.getElementById('f').onload = function () {{\
               var d = this.contentDocument.documentElement;\
               document.body.setAttribute('data-width', d.scrollWidth + ' ' + d.clientWidth);\
             }};</script></body></html>"
        ),
    )
    .unwrap();
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--allow-file-access-from-files",
            "--virtual-time-budget=10000",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("file://{}", wrapper.display()))
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&out.stdout);
    let at = dom
        .find("data-width=\"")
        .unwrap_or_else(|| panic!("the wrapper measured nothing: {dom}"));
    let mut numbers = dom[at + 12..]
        .split(['"', ' '])
        .take(2)
        .map(|n| n.parse::<u32>().expect("a width"));
    (numbers.next().unwrap(), numbers.next().unwrap())
}

/// A `diff` of many sources with long names, values and dates fits a
/// 1 400-pixel window: the table wraps or scrolls inside itself, the page
/// never scrolls sideways.
fn diff_report_fits_a_1400_pixel_window() {
    let dir = corpus(false);
    let articles = dir.path().join("articles");
    let seeds: Vec<PathBuf> = std::fs::read_dir(&articles)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    for n in 0..14 {
        let seed = std::fs::read_to_string(&seeds[n % seeds.len()]).unwrap();
        let body = seed.trim_start_matches("\u{FEFF}");
        let body = match body.strip_prefix("---") {
            Some(rest) => rest.split_once("\n---").map_or(body, |(_, b)| b),
            None => body,
        };
        std::fs::write(
            articles.join(format!("long-{n:02}.md")),
            format!(
                "---\nsource: \"وكالة الأنباء والإعلام الدولية المستقلة للشرق الأوسط وشمال أفريقيا رقم {n}\"\n---\n{body}"
            ),
        )
        .unwrap();
    }
    let diff = dir.path().join("diff.html");
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
    let (page, window) = laid_out_width(&diff, 1400);
    assert!(window <= 1400, "the window is {window} px");
    assert!(
        page <= window,
        "the diff page is {page} px wide in a {window} px window"
    );
}

/// Each test, run where Chromium is; listed as ignored (with the reason
/// printed) where it is not, or failed when a browser is required.
fn main() {
    let args = Arguments::from_args();
    let tests: [(&str, fn()); 4] = [
        (
            "seeds_report_renders_in_chromium_with_no_console_message",
            seeds_report_renders_in_chromium_with_no_console_message,
        ),
        (
            "hostile_article_stays_inert_in_chromium",
            hostile_article_stays_inert_in_chromium,
        ),
        (
            "render_script_fails_on_a_console_message_or_live_markup",
            render_script_fails_on_a_console_message_or_live_markup,
        ),
        (
            "diff_report_fits_a_1400_pixel_window",
            diff_report_fits_a_1400_pixel_window,
        ),
    ];
    let browser = chromium();
    let required = chromium_required();
    if browser.is_none() && !required {
        println!(
            "html_render: Chromium is not installed (Debian: apt-get install chromium fonts-noto-core); \
             its {} tests are ignored",
            tests.len()
        );
    }
    let trials = tests
        .into_iter()
        .map(|(name, test)| {
            Trial::test(name, move || {
                if browser.is_none() {
                    return Err(Failed::from(
                        "Chromium is not installed (required under CI=true or CROSSCHECK_REQUIRE_CHROMIUM=1)",
                    ));
                }
                test();
                Ok(())
            })
            .with_ignored_flag(browser.is_none() && !required)
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}
