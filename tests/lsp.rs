//! `crosscheck lsp` as an editor sees it: the real binary, spoken to in
//! JSON-RPC over its stdin and stdout. An index of the seed articles but
//! one, and of a short wire story whose toll rises; drafts that contradict
//! them; the diagnostics, hovers and code actions the editor is given.

mod lsp {
    pub mod client;
}
mod support;

use lsp::client::{file_uri, Client, USER};
use serde_json::{json, Value};
use std::path::Path;
use std::time::Duration;
use support::Dir;

/// A rule pack of our own for a fact that moves: the deaths of a mine
/// collapse, a running total.
const MINE_PACK: &str = r#"pack: mine
language: en
about: [mine]
rules:
  - id: deaths
    key: mine.deaths
    title: Deaths in the mine collapse
    kind: count
    evolves: increasing
    patterns: ['{count}\s+(?:miners\s+|people\s+)?(?:dead|killed)']
    examples:
      - { text: 'the collapse left 12 miners dead', value: '12' }
"#;

/// Three wire stories, a day apart, the toll rising.
const MINE_STORIES: [(&str, &str); 3] = [
    (
        "published/mine-1.md",
        "---\nsource: wire-a\npublished: 2025-02-10T06:00:00Z\n---\nORKNEY (wire-a) - A gold mine collapsed overnight, leaving 9 miners dead, according to rescue services.\n",
    ),
    (
        "published/mine-2.md",
        "---\nsource: wire-b\npublished: 2025-02-10T15:00:00Z\n---\nORKNEY (wire-b) - The toll of the gold mine collapse rose to 14 miners dead, according to rescue services.\n",
    ),
    (
        "published/mine-3.md",
        "---\nsource: wire-a\npublished: 2025-02-11T09:00:00Z\n---\nORKNEY (wire-a) - UPDATE: the toll of the mine collapse rose to 21 miners dead, according to rescue services, who are still searching the shafts.\n",
    ),
];

/// A draft of our own on the 93rd assembly: 179 countries, where the
/// indexed seeds say 196. The claim is on line 3.
const ASSEMBLY_DRAFT: &str = "# الإنتربول في مراكش\n\nانطلقت أشغال الدورة 93 للجمعية العامة للإنتربول بمراكش بمشاركة 179 دولة، وسط إجراءات أمنية مشددة.\n";

/// The seed that states 179 is left out of the index; the one that states
/// 196 participating countries.
const LEFT_OUT: &str = "003_";
const SAYS_196: &str = "004_";

/// A folder with the index built, and the server's arguments.
fn newsroom() -> Dir {
    let dir = Dir::new();
    for name in support::seed_names().iter().filter(|n| !n.starts_with(LEFT_OUT)) {
        dir.write(&format!("published/{name}"), support::read_seed(name));
    }
    for (name, text) in MINE_STORIES {
        dir.write(name, text);
    }
    dir.write("mine.yaml", MINE_PACK);
    dir.run(&[
        "index",
        "update",
        "published/",
        "--db",
        "claims.db",
        "--no-config",
        "--rules",
        "mine.yaml",
    ])
    .expect(0);
    dir
}

const SERVER: [&str; 8] = [
    "--index",
    "claims.db",
    "--baseline",
    "baseline.json",
    "--no-config",
    "--rules",
    "mine.yaml",
    "--debounce=50",
];

fn start(dir: &Dir) -> Client {
    let mut client = Client::start(dir.path(), &SERVER);
    let result = client.initialize(dir.path(), json!({}));
    assert_eq!(result["serverInfo"]["name"], "crosscheck");
    assert_eq!(result["capabilities"]["hoverProvider"], true);
    client
}

fn open(client: &mut Client, uri: &str, text: &str) {
    let doc = json!({ "uri": uri, "languageId": "markdown", "version": 1, "text": text });
    client.notify("textDocument/didOpen", json!({ "textDocument": doc }));
}

fn change(client: &mut Client, uri: &str, version: i64, text: &str) {
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "text": text }] }),
    );
}

/// The UTF-16 position of byte `at` of `text`, as `{line, character}`.
/// The code actions the server offers for `range` of the document.
fn code_actions(client: &mut Client, uri: &str, range: &Value) -> Vec<Value> {
    let actions = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": range, "context": { "diagnostics": [] } }),
    );
    actions.as_array().unwrap_or_else(|| panic!("{actions:#}")).clone()
}

/// The action whose title starts with `title`.
fn titled<'a>(actions: &'a [Value], title: &str) -> &'a Value {
    actions
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with(title))
        .unwrap_or_else(|| panic!("no action `{title}…` in {actions:#?}"))
}

fn position(text: &str, at: usize) -> Value {
    let before = &text[..at];
    let line = before.matches('\n').count();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    json!({ "line": line, "character": before[start..].encode_utf16().count() })
}

/// The text of `file` a range covers.
fn text_at(file: &Path, range: &Value) -> String {
    let text = std::fs::read_to_string(file).unwrap();
    let lines: Vec<&str> = text.split('\n').collect();
    let (line, from, to) = (
        range["start"]["line"].as_u64().unwrap() as usize,
        range["start"]["character"].as_u64().unwrap() as usize,
        range["end"]["character"].as_u64().unwrap() as usize,
    );
    assert_eq!(range["start"]["line"], range["end"]["line"], "one line: {range}");
    let units: Vec<u16> = lines[line].encode_utf16().collect();
    String::from_utf16(&units[from..to]).unwrap()
}

#[test]
fn a_contradiction_is_shown_at_the_drafts_words_and_accepted_into_the_baseline() {
    let dir = newsroom();
    dir.write("draft.md", ASSEMBLY_DRAFT);
    let uri = file_uri(&dir.path().join("draft.md"));
    let mut client = start(&dir);
    open(&mut client, &uri, ASSEMBLY_DRAFT);

    let diagnostics = client.diagnostics(&uri, 1);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let d = &diagnostics[0];
    assert_eq!(d["code"], "contradiction");
    assert_eq!(d["severity"], 1, "an error");
    assert_eq!(d["source"], "crosscheck");
    // At the words that say 179, in UTF-16 columns of the Arabic line.
    let at = ASSEMBLY_DRAFT.find("مشاركة 179 دولة").unwrap();
    assert_eq!(d["range"]["start"]["line"], 2);
    let start = &d["range"]["start"];
    let text = text_at(&dir.path().join("draft.md"), &d["range"]);
    assert!(text.contains("179 دولة"), "the range covers «{text}»");
    assert!(
        start["character"].as_u64() <= position(ASSEMBLY_DRAFT, at)["character"].as_u64(),
        "{start} starts at the claim"
    );
    let message = d["message"].as_str().unwrap();
    assert!(message.contains("179") && message.contains("196"), "{message}");
    // The other articles' sentences, at their words.
    let related = d["relatedInformation"].as_array().expect("related information");
    let says_196 = related
        .iter()
        .find(|r| r["location"]["uri"].as_str().unwrap().contains(SAYS_196))
        .unwrap_or_else(|| panic!("no related location in the article that says 196: {related:#?}"));
    let seed = support::seed_names()
        .into_iter()
        .find(|n| n.starts_with(SAYS_196))
        .unwrap();
    let words = text_at(
        &dir.path().join("published").join(&seed),
        &says_196["location"]["range"],
    );
    assert!(words.contains("196 دولة"), "the related range covers «{words}»");
    assert!(says_196["message"].as_str().unwrap().contains("196"), "{says_196}");

    // Hover: the reading, and what the other sources say.
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": position(ASSEMBLY_DRAFT, at + "مشاركة ".len()) }),
    );
    let shown = hover["contents"]["value"].as_str().unwrap_or_else(|| panic!("{hover}"));
    assert!(
        shown.contains("interpol.participating-countries") && shown.contains("`179`"),
        "{shown}"
    );
    assert!(shown.contains("Other sources") && shown.contains("`196`"), "{shown}");
    let nothing = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": 2 } }),
    );
    assert_eq!(nothing, Value::Null, "no hover away from a claim");

    // Two quick changes: only the newest version is checked.
    let fixed = ASSEMBLY_DRAFT.replace("179", "196");
    change(&mut client, &uri, 2, &fixed);
    change(&mut client, &uri, 3, ASSEMBLY_DRAFT);
    let diagnostics = client.diagnostics(&uri, 3);
    assert_eq!(diagnostics.len(), 1);
    change(&mut client, &uri, 4, &fixed);
    assert_eq!(client.diagnostics(&uri, 4), Vec::<Value>::new(), "196 agrees");
    change(&mut client, &uri, 5, ASSEMBLY_DRAFT);
    assert_eq!(client.diagnostics(&uri, 5).len(), 1);
    let published: Vec<Value> = client
        .drain(Duration::from_millis(300))
        .into_iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .collect();
    assert!(
        published.iter().all(|m| m["params"]["version"] != 2),
        "version 2 was replaced before its check was due: {published:#?}"
    );
    // A line put above it moves the claim (its fact is not compared
    // again): the diagnostic moves with it.
    let above = "سطر أضيف في الأعلى.\n";
    let moved = format!("{above}{ASSEMBLY_DRAFT}");
    change(&mut client, &uri, 6, &moved);
    let diagnostics = client.diagnostics(&uri, 6);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0]["range"]["start"]["line"], 3);
    assert_eq!(diagnostics[0]["message"], d["message"]);
    change(&mut client, &uri, 7, ASSEMBLY_DRAFT);
    assert_eq!(client.diagnostics(&uri, 7)[0]["range"], d["range"]);

    // Code actions at the claim: accept it into the baseline.
    let range = json!({ "start": position(ASSEMBLY_DRAFT, at), "end": position(ASSEMBLY_DRAFT, at) });
    let actions = code_actions(&mut client, &uri, &range);
    let accept = titled(&actions, "Accept into baseline");
    assert!(
        actions
            .iter()
            .all(|a| !a["title"].as_str().unwrap().starts_with("Use the newest")),
        "a static fact has no newest figure"
    );
    assert!(!dir.path().join("baseline.json").exists());
    let command = &accept["command"];
    client.request(
        "workspace/executeCommand",
        json!({ "command": command["command"], "arguments": command["arguments"] }),
    );
    let baseline: Value = serde_json::from_slice(&dir.read("baseline.json")).expect("the baseline is JSON");
    let entry = &baseline["findings"][0];
    assert_eq!(entry["code"], "contradiction");
    assert_eq!(entry["key"], "interpol.participating-countries");
    assert!(entry["claims"].to_string().contains("draft.md"), "{entry}");
    // Why, who and when: no reason was given, so the editor's.
    assert_eq!(entry["reason"], "accepted in the editor");
    assert_eq!(entry["by"], USER);
    let when = entry["at"].as_str().unwrap_or_else(|| panic!("{entry}"));
    assert!(when.len() == 20 && when.ends_with('Z'), "{when}");
    // Checked again with the new baseline: the finding is gone, and the
    // hover says who accepted it and why.
    assert_eq!(client.diagnostics(&uri, 7), Vec::<Value>::new());
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": position(ASSEMBLY_DRAFT, at + "مشاركة ".len()) }),
    );
    let shown = hover["contents"]["value"].as_str().unwrap_or_else(|| panic!("{hover}"));
    assert!(
        shown.contains(&format!("by {USER}")) && shown.contains("accepted in the editor"),
        "{shown}"
    );
    // Closed and opened again: checked afresh, still accepted.
    client.notify("textDocument/didClose", json!({ "textDocument": { "uri": uri } }));
    open(&mut client, &uri, ASSEMBLY_DRAFT);
    assert_eq!(client.diagnostics(&uri, 1), Vec::<Value>::new());
    assert_eq!(client.shutdown(), 0);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("draft.md")).unwrap(),
        ASSEMBLY_DRAFT,
        "the draft is never written"
    );
}

#[test]
fn a_stale_toll_gets_the_newest_figure() {
    let dir = newsroom();
    let draft = "ORKNEY - A gold mine collapsed near the town, leaving 9 miners dead, according to rescue services.\n";
    dir.write("toll.md", draft);
    let uri = file_uri(&dir.path().join("toll.md"));
    let mut client = start(&dir);
    open(&mut client, &uri, draft);
    let diagnostics = client.diagnostics(&uri, 1);
    let stale = diagnostics
        .iter()
        .find(|d| d["code"] == "stale-figure")
        .unwrap_or_else(|| panic!("{diagnostics:#?}"));
    assert_eq!(stale["severity"], 2, "a warning");
    assert!(stale["message"].as_str().unwrap().contains("21"), "{stale}");

    let at = draft.find("9 miners").unwrap();
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": position(draft, at) }),
    );
    let shown = hover["contents"]["value"].as_str().unwrap_or_else(|| panic!("{hover}"));
    assert!(shown.contains("according to rescue services"), "{shown}");
    assert!(shown.contains("Newest figure: `21` (wire-a"), "{shown}");

    let range = json!({ "start": position(draft, at), "end": position(draft, at + 1) });
    let actions = code_actions(&mut client, &uri, &range);
    let newest = titled(&actions, "Use the newest figure");
    let title = newest["title"].as_str().unwrap();
    assert!(
        title.starts_with("Use the newest figure (21, wire-a, 2025-02-11"),
        "{title}"
    );
    let edits = &newest["edit"]["changes"][&uri];
    assert_eq!(edits.as_array().unwrap().len(), 1, "{newest}");
    assert_eq!(edits[0]["newText"], "21");
    assert_eq!(
        edits[0]["range"],
        json!({ "start": position(draft, at), "end": position(draft, at + 1) })
    );

    // A toll written in words gets the figure in digits, in place of the
    // words.
    let worded = draft.replacen("9 miners", "nine miners", 1);
    change(&mut client, &uri, 2, &worded);
    assert!(client.diagnostics(&uri, 2).iter().any(|d| d["code"] == "stale-figure"));
    let at_words = worded.find("nine").unwrap();
    let at_range = json!({ "start": position(&worded, at_words), "end": position(&worded, at_words) });
    let actions = code_actions(&mut client, &uri, &at_range);
    let newest = titled(&actions, "Use the newest figure (21");
    let edits = &newest["edit"]["changes"][&uri];
    assert_eq!(edits[0]["newText"], "21", "{newest}");
    assert_eq!(
        edits[0]["range"],
        json!({ "start": position(&worded, at_words), "end": position(&worded, at_words + "nine".len()) })
    );

    // The editor applies the edit: the toll is the newest, nothing stale.
    let fixed = draft.replacen("9 miners", "21 miners", 1);
    change(&mut client, &uri, 3, &fixed);
    let after = client.diagnostics(&uri, 3);
    assert!(after.iter().all(|d| d["code"] != "stale-figure"), "{after:#?}");

    // Back to 9, and accepted with the client's own reason.
    change(&mut client, &uri, 4, draft);
    assert!(client.diagnostics(&uri, 4).iter().any(|d| d["code"] == "stale-figure"));
    let actions = code_actions(&mut client, &uri, &range);
    let accept = titled(&actions, "Accept into baseline");
    let mut argument = accept["command"]["arguments"][0].clone();
    argument["reason"] = json!("the first toll, quoted as such");
    client.request(
        "workspace/executeCommand",
        json!({ "command": accept["command"]["command"], "arguments": [argument] }),
    );
    assert!(client.diagnostics(&uri, 4).iter().all(|d| d["code"] != "stale-figure"));
    let baseline: Value = serde_json::from_slice(&dir.read("baseline.json")).expect("the baseline is JSON");
    let entry = &baseline["findings"][0];
    assert_eq!(entry["code"], "stale-figure", "{baseline}");
    assert_eq!(entry["reason"], "the first toll, quoted as such");
    assert_eq!(entry["by"], USER);
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn bad_messages_get_json_rpc_errors_and_the_server_goes_on() {
    let dir = newsroom();
    let mut client = Client::start(dir.path(), &SERVER);
    // Not JSON: a parse error, id null.
    client.write_raw(b"Content-Length: 9\r\n\r\n{not json");
    let error = client.wait_for("a parse error", |m| m.get("error").is_some());
    assert_eq!(error["id"], Value::Null);
    assert_eq!(error["error"]["code"], -32700);
    // JSON, not a message: invalid request, with its id.
    client.send(&json!({ "jsonrpc": "2.0", "id": 41, "method": 7 }));
    let error = client.wait_for("an invalid request", |m| m["id"] == 41);
    assert_eq!(error["error"]["code"], -32600);
    // A request before initialize.
    let early = client.call("textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], -32002, "{early}");
    client.initialize(dir.path(), json!({}));
    let unknown = client.call("textDocument/rename", json!({}));
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    let bad = client.call("textDocument/hover", json!({ "position": "here" }));
    assert_eq!(bad["error"]["code"], -32602, "{bad}");
    let unknown_command = client.call("workspace/executeCommand", json!({ "command": "rm", "arguments": [] }));
    assert_eq!(unknown_command["error"]["code"], -32602, "{unknown_command}");
    // Still serving: a request after the errors is answered.
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": "file:///nowhere.md" }, "position": { "line": 0, "character": 0 } }),
    );
    assert_eq!(hover, Value::Null);
    // `exit` without `shutdown`: exit code 1, as the protocol says.
    assert_eq!(client.exit(), 1);
}

#[test]
fn the_index_can_come_from_initialization_options_and_must_come_from_somewhere() {
    let dir = newsroom();
    let mut client = Client::start(dir.path(), &["--no-config", "--rules", "mine.yaml"]);
    let init = json!({ "processId": null, "rootUri": file_uri(dir.path()), "capabilities": {} });
    let refused = client.call("initialize", init.clone());
    let message = refused["error"]["message"]
        .as_str()
        .unwrap_or_else(|| panic!("{refused}"));
    assert!(message.contains("--index FILE"), "{message}");
    let mut with = init;
    with["initializationOptions"] = json!({ "index": "missing.db" });
    let missing = client.call("initialize", with.clone());
    let message = missing["error"]["message"]
        .as_str()
        .unwrap_or_else(|| panic!("{missing}"));
    assert!(
        message.contains("missing.db") && message.contains("no index there yet"),
        "{message}"
    );
    with["initializationOptions"] = json!({ "index": "claims.db" });
    let result = client.request("initialize", with);
    assert_eq!(result["serverInfo"]["name"], "crosscheck");
    assert_eq!(client.shutdown(), 0);
}
