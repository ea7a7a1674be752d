//! `crosscheck serve` over HTTP, really started on 127.0.0.1 port 0: the
//! JSON API gives what `check --index` gives, accepting writes the
//! baseline, and the server refuses what it must (no token, a foreign
//! host, a body over the limit, a draft outside its folder, a POST that
//! is not JSON).

#[path = "support/served.rs"]
mod served;
mod support;

use serde_json::json;
use served::{get, post_json, request, serve};
use support::{read_seed, seed_names, Dir};

/// The seed whose participating-country count (179) contradicts the
/// archive's (196).
const DRAFT_SEED: &str = "003_5eeac2ce75b1fb3d.txt";

/// `archive/` (every seed but the draft's) indexed into `claims.db`,
/// `drafts/` with the draft, and a file beside them that no request may
/// read.
fn newsroom() -> Dir {
    let dir = Dir::new();
    for name in seed_names() {
        let folder = if name == DRAFT_SEED { "drafts" } else { "archive" };
        dir.write(&format!("{folder}/{name}"), read_seed(&name));
    }
    dir.write("private.md", "PRIVATE NOTES: not for the page\n");
    dir.run(&["index", "update", "archive", "--db", "claims.db", "--no-config"])
        .assert_code(0);
    dir
}

fn draft_json(name: &str) -> serde_json::Value {
    json!({ "name": name, "text": read_seed(DRAFT_SEED) })
}

const QUIET: &str = "وأكد أن الإنتربول تضم 196 دولة عضو.\n";

#[test]
fn a_review_over_http_gives_the_findings_of_check_index() {
    let dir = newsroom();
    let server = serve(dir.path(), &["--index", "claims.db", "--bind", "127.0.0.1:0"]);
    let name = format!("drafts/{DRAFT_SEED}");
    let answer = post_json(&server.addr, "/api/review", &draft_json(&name));
    assert_eq!(answer.status, 200, "{}", answer.body);
    let review = answer.json();
    let cli = dir
        .run(&[
            "check",
            &name,
            "--index",
            "claims.db",
            "--format",
            "json",
            "--no-config",
        ])
        .json();
    let shown = |f: &serde_json::Value| (f["code"].clone(), f["key"].clone(), f["message"].clone());
    let ours: Vec<_> = review["findings"].as_array().unwrap().iter().map(shown).collect();
    let theirs: Vec<_> = cli["findings"].as_array().unwrap().iter().map(shown).collect();
    assert_eq!(ours, theirs);
    assert!(!ours.is_empty());
    assert_eq!(review["direction"], "rtl");
    let finding = &review["findings"][0];
    let values: Vec<&str> = finding["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["value"].as_str().unwrap())
        .collect();
    assert!(values.contains(&"179") && values.contains(&"196"), "{values:?}");
}

#[test]
fn the_page_loads_nothing_from_elsewhere_under_a_strict_policy() {
    let dir = newsroom();
    let server = serve(dir.path(), &["--index", "claims.db", "--bind", "127.0.0.1:0"]);
    for (path, kind) in [
        ("/", "text/html"),
        ("/app.js", "text/javascript"),
        ("/app.css", "text/css"),
    ] {
        let answer = get(&server.addr, path);
        assert_eq!(answer.status, 200);
        assert!(answer.header("content-type").unwrap().starts_with(kind));
        let csp = answer.header("content-security-policy").expect("a CSP header");
        assert!(
            csp.contains("default-src 'none'") && csp.contains("script-src 'self'"),
            "{csp}"
        );
        assert!(!csp.contains("unsafe"), "{csp}");
        assert_eq!(answer.header("x-content-type-options"), Some("nosniff"));
        for url in ["http:", "https:", "//cdn", "@import"] {
            assert!(!answer.body.contains(url), "{path} names {url}");
        }
    }
    let page = get(&server.addr, "/").body;
    assert_eq!(page.matches("<script").count(), 1, "one script, served");
    assert!(page.contains("<script src=\"/app.js\" defer></script>"));
    // No event handler attribute (` onclick=`, ` onload=`…).
    let handler = page.to_lowercase().split(" on").skip(1).any(|rest| {
        let name: String = rest.chars().take_while(char::is_ascii_alphabetic).collect();
        !name.is_empty() && rest[name.len()..].trim_start().starts_with('=')
    });
    assert!(!handler, "the page has an event handler attribute");
    assert!(!get(&server.addr, "/app.js").body.contains("innerHTML"));
}

#[test]
fn a_body_over_the_limit_is_refused_with_413() {
    let dir = newsroom();
    let server = serve(
        dir.path(),
        &["--index", "claims.db", "--bind", "127.0.0.1:0", "--max-body", "1000"],
    );
    let big = json!({ "text": "x".repeat(5000) });
    let answer = post_json(&server.addr, "/api/review", &big);
    assert_eq!(answer.status, 413);
    assert!(
        answer.json()["error"].as_str().unwrap().contains("at most 1000"),
        "{}",
        answer.body
    );
    // Refused on its announced length, before it is sent.
    let answer = request(
        &server.addr,
        "POST",
        "/api/review",
        &[("Content-Type", "application/json"), ("Content-Length", "1000000000")],
        b"",
    );
    assert_eq!(answer.status, 413);
    // Within the limit, it is reviewed.
    let small = post_json(&server.addr, "/api/review", &json!({ "text": QUIET }));
    assert_eq!(small.status, 200, "{}", small.body);
}

#[test]
fn no_path_outside_the_drafts_folder_is_read() {
    let dir = newsroom();
    let server = serve(
        dir.path(),
        &["--index", "claims.db", "--bind", "127.0.0.1:0", "--drafts", "drafts"],
    );
    let listed = get(&server.addr, "/api/drafts").json();
    assert_eq!(listed["drafts"], json!([DRAFT_SEED]));
    let opened = get(&server.addr, &format!("/api/draft?name={DRAFT_SEED}"));
    assert_eq!(opened.status, 200);
    assert_eq!(opened.json()["text"], read_seed(DRAFT_SEED));
    let absolute = dir.path().join("private.md").display().to_string();
    for name in [
        "../private.md".to_string(),
        "..%2Fprivate.md".to_string(),
        "drafts%2F..%2F..%2Fprivate.md".to_string(),
        absolute.clone(),
        "%2Fetc%2Fpasswd".to_string(),
        "..%5Cprivate.md".to_string(),
    ] {
        let answer = get(&server.addr, &format!("/api/draft?name={name}"));
        assert_eq!(answer.status, 403, "{name}: {}", answer.body);
        assert!(!answer.body.contains("PRIVATE"), "{name}");
    }
    for path in ["/../private.md", "/drafts/../private.md", "/%2e%2e/private.md"] {
        let answer = get(&server.addr, path);
        assert_eq!(answer.status, 404, "{path}");
        assert!(!answer.body.contains("PRIVATE"));
    }
    assert_eq!(get(&server.addr, "/api/draft?name=none.md").status, 404);
}

#[test]
fn a_bind_beyond_loopback_needs_the_token() {
    let dir = newsroom();
    let server = serve(
        dir.path(),
        &["--index", "claims.db", "--bind", "0.0.0.0:0", "--token", "s3cret-token"],
    );
    let port = server.addr.rsplit(':').next().unwrap();
    let addr = format!("127.0.0.1:{port}");
    assert_eq!(get(&addr, "/api/status").status, 401);
    assert_eq!(get(&addr, "/").status, 401);
    let wrong = request(
        &addr,
        "GET",
        "/api/status",
        &[("Authorization", "Bearer s3cret-tokem")],
        b"",
    );
    assert_eq!(wrong.status, 401);
    let review = post_json(&addr, "/api/review", &json!({ "text": QUIET }));
    assert_eq!(review.status, 401);
    let right = request(
        &addr,
        "GET",
        "/api/status",
        &[("Authorization", "Bearer s3cret-token")],
        b"",
    );
    assert_eq!(right.status, 200);
    // Opening the page with the token keeps it in a cookie for the page.
    let page = get(&addr, "/?token=s3cret-token");
    assert_eq!(page.status, 200);
    let cookie = page.header("set-cookie").expect("a cookie");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let jar = cookie.split(';').next().unwrap();
    assert_eq!(
        request(&addr, "GET", "/api/status", &[("Cookie", jar)], b"").status,
        200
    );
}

#[test]
fn a_bind_beyond_loopback_without_a_token_makes_one() {
    let dir = newsroom();
    let server = serve(dir.path(), &["--index", "claims.db", "--bind", "0.0.0.0:0"]);
    let token = server.url.split("?token=").nth(1).expect("a token in the address");
    assert!(server.said[0].contains(token), "{:?}", server.said);
    let port = server.addr.rsplit(':').next().unwrap();
    let addr = format!("127.0.0.1:{port}");
    assert_eq!(get(&addr, "/api/status").status, 401);
    let bearer = format!("Bearer {token}");
    assert_eq!(
        request(&addr, "GET", "/api/status", &[("Authorization", &bearer)], b"").status,
        200
    );
}

#[test]
fn on_loopback_another_host_name_is_refused() {
    let dir = newsroom();
    let server = serve(dir.path(), &["--index", "claims.db", "--bind", "127.0.0.1:0"]);
    let port = server.addr.rsplit(':').next().unwrap();
    let evil = format!("rebound.example:{port}");
    let answer = request(&server.addr, "GET", "/api/status", &[("Host", &evil)], b"");
    assert_eq!(answer.status, 403);
    let local = format!("localhost:{port}");
    assert_eq!(
        request(&server.addr, "GET", "/api/status", &[("Host", &local)], b"").status,
        200
    );
}

#[test]
fn requests_the_api_does_not_read_are_refused_clearly() {
    let dir = newsroom();
    let server = serve(dir.path(), &["--index", "claims.db", "--bind", "127.0.0.1:0"]);
    let form = request(
        &server.addr,
        "POST",
        "/api/review",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        b"text=x",
    );
    assert_eq!(form.status, 415);
    let unknown = post_json(&server.addr, "/api/review", &json!({ "text": "x", "colour": 1 }));
    assert_eq!(unknown.status, 400);
    assert!(unknown.body.contains("colour"), "{}", unknown.body);
    let date = post_json(
        &server.addr,
        "/api/review",
        &json!({ "text": "x", "published": "next week" }),
    );
    assert_eq!(date.status, 400);
    assert!(date.body.contains("not a date"), "{}", date.body);
    assert_eq!(get(&server.addr, "/api/review").status, 405);
    assert_eq!(get(&server.addr, "/api/search").status, 400);
    assert_eq!(get(&server.addr, "/nowhere").status, 404);
    // Accepting needs a baseline file.
    let review = post_json(&server.addr, "/api/review", &draft_json("d.md")).json();
    let id = review["findings"][0]["id"].as_str().unwrap();
    let accept = post_json(
        &server.addr,
        "/api/accept",
        &json!({ "draft": draft_json("d.md"), "id": id, "reason": "checked" }),
    );
    assert_eq!(accept.status, 400);
    assert!(accept.body.contains("--baseline FILE"), "{}", accept.body);
}

#[test]
fn accepting_writes_the_baseline_and_the_review_says_who_and_when() {
    let dir = newsroom();
    let server = serve(
        dir.path(),
        &[
            "--index",
            "claims.db",
            "--bind",
            "127.0.0.1:0",
            "--baseline",
            "baseline.json",
        ],
    );
    let draft = draft_json("desk/interpol.md");
    let review = post_json(&server.addr, "/api/review", &draft).json();
    assert_eq!(review["can_accept"], true);
    let id = review["findings"][0]["id"].as_str().unwrap().to_string();
    let no_reason = post_json(
        &server.addr,
        "/api/accept",
        &json!({ "draft": draft, "id": id, "reason": "" }),
    );
    assert_eq!(no_reason.status, 400);
    let unknown = post_json(
        &server.addr,
        "/api/accept",
        &json!({ "draft": draft, "id": "0000000000000000", "reason": "x" }),
    );
    assert_eq!(unknown.status, 404);
    let accepted = post_json(
        &server.addr,
        "/api/accept",
        &json!({ "draft": draft, "id": id, "reason": "the 179 are delegations present" }),
    );
    assert_eq!(accepted.status, 200, "{}", accepted.body);
    let file: serde_json::Value = serde_json::from_slice(&dir.read("baseline.json")).unwrap();
    assert_eq!(file["findings"][0]["by"], "amina");
    assert_eq!(file["findings"][0]["reason"], "the 179 are delegations present");
    let again = post_json(&server.addr, "/api/review", &draft).json();
    let finding = &again["findings"][0];
    assert_eq!(finding["id"], id.as_str());
    assert_eq!(finding["baselined"], true);
    assert_eq!(finding["accepted"]["by"], "amina");
    assert!(finding["accepted"]["at"].as_str().unwrap().ends_with('Z'));
}

#[test]
fn the_archive_search_lists_values_by_date_and_source() {
    let dir = newsroom();
    let server = serve(dir.path(), &["--index", "claims.db", "--bind", "127.0.0.1:0"]);
    let found = get(&server.addr, "/api/search?key=interpol.participating-countries").json();
    let results = found["results"].as_array().unwrap();
    assert!(results
        .iter()
        .any(|r| r["value"] == "196" && r["article"] == "archive/004_ab1a5d83bf4eb712.txt"));
    let prefix = get(&server.addr, "/api/search?key=interpol.").json();
    assert!(prefix["results"].as_array().unwrap().len() > results.len());
    let none = get(&server.addr, "/api/search?key=no.such.fact").json();
    assert_eq!(none["results"], json!([]));
}

#[test]
fn two_concurrent_reviews_get_their_own_results() {
    let dir = newsroom();
    let server = serve(dir.path(), &["--index", "claims.db", "--bind", "127.0.0.1:0"]);
    let addr = server.addr.as_str();
    std::thread::scope(|s| {
        let loud = s.spawn(|| {
            (0..6)
                .map(|i| post_json(addr, "/api/review", &draft_json(&format!("loud-{i}.md"))).json())
                .collect::<Vec<_>>()
        });
        let quiet = s.spawn(|| {
            (0..6)
                .map(|i| {
                    post_json(
                        addr,
                        "/api/review",
                        &json!({ "name": format!("quiet-{i}.md"), "text": QUIET }),
                    )
                    .json()
                })
                .collect::<Vec<_>>()
        });
        for (i, r) in loud.join().unwrap().iter().enumerate() {
            assert_eq!(r["draft"], format!("loud-{i}.md"));
            let finding = &r["findings"][0];
            assert!(finding["claims"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c["article"] == format!("loud-{i}.md") && c["value"] == "179"));
        }
        for (i, r) in quiet.join().unwrap().iter().enumerate() {
            assert_eq!(r["draft"], format!("quiet-{i}.md"));
            assert_eq!(r["findings"], json!([]));
            assert_eq!(r["direction"], "rtl");
        }
    });
}

#[test]
fn with_an_archive_the_index_is_made_and_kept_up_to_date() {
    let dir = Dir::new();
    dir.write(
        "archive/a.md",
        "---\npublished: 2025-11-20\n---\nوأكد أن الإنتربول تضم 196 دولة عضو.\n",
    );
    let server = serve(
        dir.path(),
        &[
            "--index",
            "new.db",
            "--archive",
            "archive",
            "--every",
            "1",
            "--bind",
            "127.0.0.1:0",
        ],
    );
    let key = "interpol.member-states";
    let values = |addr: &str| -> Vec<String> {
        let found = get(addr, &format!("/api/search?key={key}")).json();
        found["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["value"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(values(&server.addr), ["196"]);
    dir.write(
        "archive/b.md",
        "---\npublished: 2025-11-21\n---\nوأكد أن الإنتربول تضم 195 دولة عضو.\n",
    );
    let start = std::time::Instant::now();
    while values(&server.addr).len() < 2 {
        assert!(
            start.elapsed().as_secs() < 60,
            "the new article never reached the index"
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    assert_eq!(values(&server.addr), ["196", "195"]);
    let status = get(&server.addr, "/api/status").json();
    assert_eq!(status["update"]["articles"], 2, "{status}");
}

#[test]
fn a_missing_index_is_a_clear_error() {
    let dir = Dir::new();
    let out = dir.run(&["serve", "--index", "none.db", "--bind", "127.0.0.1:0", "--no-config"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("none.db: no index there yet"), "{}", out.stderr);
    assert!(out.stdout.is_empty());
}
