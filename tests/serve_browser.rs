//! The review page in real headless Chromium, driven over the DevTools
//! protocol: paste a seed draft, see the 179/196 finding marked at the
//! right words, open it, see both articles quoted, accept it, reload, see
//! it accepted; the Arabic draft lays out right to left; a hostile draft
//! stays inert.
//!
//! Its own harness, as `tests/html_render.rs`: without Chromium the tests
//! are listed as ignored, with the reason; with `CI=true` or
//! `CROSSCHECK_REQUIRE_CHROMIUM=1` a missing browser fails them.
//! `cargo test --test serve_browser -- --ignored screenshot` writes
//! `docs/review-page.png`.

#[path = "support/cdp.rs"]
mod cdp;
#[path = "support/served.rs"]
mod served;
mod support;

use cdp::{chromium, chromium_required, Browser, Page};
use libtest_mimic::{Arguments, Failed, Trial};
use serde_json::{json, Value};
use std::time::Duration;
use support::{read_seed, root, seed_names, Dir};

/// The seed whose participating-country count (179) contradicts the
/// archive's (196).
const DRAFT_SEED: &str = "003_5eeac2ce75b1fb3d.txt";
const WAIT: Duration = Duration::from_secs(60);

fn newsroom() -> Dir {
    let dir = Dir::new();
    for name in seed_names() {
        if name != DRAFT_SEED {
            dir.write(&format!("archive/{name}"), read_seed(&name));
        }
    }
    dir.run(&["index", "update", "archive", "--db", "claims.db", "--no-config"])
        .assert_code(0);
    dir
}

/// Pastes `text` into the page's form and reviews it.
fn paste_and_review(page: &mut Page, name: &str, text: &str) {
    let set = format!(
        "document.getElementById('text').value = {}; document.getElementById('name').value = {}; \
         document.getElementById('review').click(); true",
        json!(text),
        json!(name)
    );
    page.eval(&set);
    page.wait_for(
        "!document.getElementById('result').hidden && document.getElementById('message').textContent !== 'Reviewing…'",
        WAIT,
    );
}

/// The newsroom's index served with a baseline, and a page of a browser
/// `height` pixels high on which the seed draft is pasted and reviewed.
struct Reviewed {
    dir: Dir,
    _server: served::Served,
    _chrome: Browser,
    page: Page,
}

fn seed_draft_reviewed(browser: &str, height: u32) -> Reviewed {
    let dir = newsroom();
    let args = [
        "--index",
        "claims.db",
        "--bind",
        "127.0.0.1:0",
        "--baseline",
        "baseline.json",
    ];
    let server = served::serve(dir.path(), &args);
    let chrome = Browser::launch(browser, 1400, height);
    let mut page = chrome.page();
    page.open(&server.url);
    paste_and_review(&mut page, "desk/interpol.md", &read_seed(DRAFT_SEED));
    Reviewed {
        dir,
        _server: server,
        _chrome: chrome,
        page,
    }
}

fn review_accept_reload(browser: &str) -> Result<(), Failed> {
    let mut reviewed = seed_draft_reviewed(browser, 1000);
    let (dir, page) = (&reviewed.dir, &mut reviewed.page);

    // The finding is marked at the words that give 179.
    let marked = page.wait_for(
        "[...document.querySelectorAll('#draft mark.finding')].map(m => m.textContent)",
        WAIT,
    );
    let marked: Vec<String> = serde_json::from_value(marked).unwrap();
    assert!(marked.iter().any(|m| m.contains("179")), "marked: {marked:?}");
    assert!(marked.iter().all(|m| !m.contains("196")), "marked: {marked:?}");
    let underlined = page.eval("document.querySelectorAll('#draft .claim').length");
    assert!(
        underlined.as_u64().unwrap() > marked.len() as u64,
        "every claim is underlined"
    );

    // Opening it quotes both articles, with the help.
    page.eval(
        "[...document.querySelectorAll('#draft mark.finding')].find(m => m.textContent.includes('179')).click(); true",
    );
    page.wait_for("!document.getElementById('detail').hidden", WAIT);
    let rows: Vec<Vec<String>> = serde_json::from_value(page.eval(
        "[...document.querySelectorAll('#quoted tbody tr.claim-row')].map(r => [...r.cells, r.nextElementSibling.cells[0]].map(c => c.textContent))",
    ))
    .unwrap();
    assert!(
        rows.iter().any(|r| r[0].contains("desk/interpol.md") && r[5] == "179"),
        "{rows:?}"
    );
    assert!(
        rows.iter()
            .any(|r| r[0].contains("archive/004_ab1a5d83bf4eb712.txt") && r[5] == "196" && r[6].contains("196")),
        "{rows:?}"
    );
    let help = page.eval("document.getElementById('detail-help').textContent");
    assert!(!help.as_str().unwrap().is_empty());

    // Accept it with a reason; after a reload the page says who and when.
    page.eval("document.getElementById('reason').value = 'the 179 are the delegations present'; document.getElementById('accept').click(); true");
    page.wait_for("!document.getElementById('accepted').hidden", WAIT);
    page.reload();
    page.wait_for("document.querySelector('#draft mark.finding.accepted')", WAIT);
    page.eval("document.querySelector('#findings button').click(); true");
    let said = page.wait_for(
        "!document.getElementById('accepted').hidden && document.getElementById('accepted').textContent",
        WAIT,
    );
    let said = said.as_str().unwrap();
    assert!(
        said.contains("by amina") && said.contains("the 179 are the delegations present"),
        "{said}"
    );
    assert!(said.contains("Z"), "{said}");
    let file: Value = serde_json::from_slice(&dir.read("baseline.json")).unwrap();
    assert_eq!(file["findings"][0]["reason"], "the 179 are the delegations present");

    // The Arabic draft lays out right to left: its box says so, and its
    // first line ends at the box's right edge.
    let layout = page.eval(
        "(() => { const d = document.getElementById('draft'); const box = d.getBoundingClientRect(); \
          const r = document.createRange(); r.setStart(d.firstChild, 0); r.setEnd(d.firstChild, 1); \
          const first = r.getBoundingClientRect(); const pad = parseFloat(getComputedStyle(d).paddingRight); \
          return { direction: getComputedStyle(d).direction, dir: d.dir, right: box.right - pad, firstRight: first.right, left: box.left, firstLeft: first.left }; })()",
    );
    assert_eq!(layout["direction"], "rtl", "{layout}");
    assert_eq!(layout["dir"], "rtl");
    let (right, first_right) = (
        layout["right"].as_f64().unwrap(),
        layout["firstRight"].as_f64().unwrap(),
    );
    assert!(
        (right - first_right).abs() < 24.0,
        "the text starts at the right edge: {layout}"
    );
    assert!(first_right - layout["left"].as_f64().unwrap() > 200.0, "{layout}");

    // A French draft reads left to right.
    paste_and_review(
        page,
        "fr.md",
        "Interpol compte 196 pays membres, a rappelé son secrétaire général.\n",
    );
    let direction = page.eval("getComputedStyle(document.getElementById('draft')).direction");
    assert_eq!(direction, "ltr");
    assert!(page.complaints().is_empty(), "{:?}", page.complaints());
    Ok(())
}

/// A draft that tries to run script through the page.
const HOSTILE: &str = "<script>window.__pwned = 1</script>\n\
<img src=x onerror=\"window.__pwned = 2\"> <a href=\"javascript:window.__pwned = 3\">اقرأ</a>\n\
وأكد أن الإنتربول تضم 195 دولة عضو \"><svg onload=\"window.__pwned = 4\"></svg>\n";

fn hostile_draft_is_inert(browser: &str) -> Result<(), Failed> {
    let dir = newsroom();
    let server = served::serve(dir.path(), &["--index", "claims.db", "--bind", "127.0.0.1:0"]);
    let chrome = Browser::launch(browser, 1200, 900);
    let mut page = chrome.page();
    page.open(&server.url);
    paste_and_review(&mut page, "<img src=x onerror=alert(1)>.md", HOSTILE);
    page.wait_for("document.querySelectorAll('#draft .claim').length > 0", WAIT);
    // Click everything clickable in the draft and the findings.
    page.eval("document.querySelectorAll('#draft mark, #findings button').forEach(b => b.click()); true");
    std::thread::sleep(Duration::from_millis(300));
    let seen = page.eval(
        "({ pwned: window.__pwned === undefined ? null : window.__pwned, \
           scripts: [...document.scripts].map(s => s.src), \
           live: document.querySelectorAll('#draft *:not(.claim), #findings img, #detail img, a[href^=\"javascript\"]').length, \
           handlers: [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length, \
           text: document.getElementById('draft').textContent })",
    );
    assert_eq!(seen["pwned"], Value::Null, "{seen}");
    let scripts: Vec<String> = serde_json::from_value(seen["scripts"].clone()).unwrap();
    assert!(scripts.len() == 1 && scripts[0].ends_with("/app.js"), "{scripts:?}");
    assert_eq!(seen["live"], 0, "{seen}");
    assert_eq!(seen["handlers"], 0, "{seen}");
    assert!(seen["text"]
        .as_str()
        .unwrap()
        .contains("<script>window.__pwned = 1</script>"));
    let marked = page.eval("document.querySelector('#draft mark.finding')?.textContent");
    assert!(marked.as_str().is_some_and(|m| m.contains("195")), "{marked}");
    Ok(())
}

/// `docs/review-page.png`: the review page on the seeds, a finding open.
fn screenshot(browser: &str) -> Result<(), Failed> {
    let mut reviewed = seed_draft_reviewed(browser, 1100);
    let page = &mut reviewed.page;
    page.eval(
        "document.querySelector('#draft mark.finding').click(); document.getElementById('input').hidden = true; true",
    );
    page.eval("document.querySelector('#draft mark.finding').scrollIntoView({block: 'center'}); true");
    page.eval("document.getElementById('search-key').value = 'interpol.participating-countries'; document.getElementById('search').click(); true");
    page.wait_for("!document.getElementById('search-results').hidden", WAIT);
    page.screenshot(&root().join("docs/review-page.png"));
    Ok(())
}

/// A test given the browser to run.
type BrowserTest = fn(&str) -> Result<(), Failed>;

fn main() {
    let args = Arguments::from_args();
    let browser = chromium();
    let tests: [(&str, BrowserTest); 2] = [
        (
            "review_page_marks_accepts_and_reads_right_to_left",
            review_accept_reload,
        ),
        ("a_hostile_draft_is_inert_in_the_page", hostile_draft_is_inert),
    ];
    let mut trials: Vec<Trial> = tests
        .into_iter()
        .map(|(name, test)| match browser {
            Some(b) => Trial::test(name, move || test(b)),
            None if chromium_required() => Trial::test(name, || {
                Err("Chromium is required (CROSSCHECK_REQUIRE_CHROMIUM=1 or CI) but not installed".into())
            }),
            None => Trial::test(name, || Ok(())).with_ignored_flag(true),
        })
        .collect();
    trials.push(match browser {
        Some(b) => Trial::test("screenshot", move || screenshot(b)).with_ignored_flag(true),
        None => Trial::test("screenshot", || Ok(())).with_ignored_flag(true),
    });
    if browser.is_none() && !chromium_required() {
        eprintln!(
            "serve_browser: no Chromium (Debian: apt-get install chromium fonts-noto-core); its tests are ignored"
        );
    }
    libtest_mimic::run(&args, trials).exit();
}
