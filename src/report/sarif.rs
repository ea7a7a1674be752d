//! `--format sarif`: SARIF 2.1.0, for code-scanning services.
//!
//! One run. `tool.driver.rules` describes every loaded rule, then the
//! built-in checks that are not rules (the weekday check, key
//! [`WEEKDAY_KEY`]), then any other key a finding uses, so every result's
//! `ruleId` (the finding's key) has a descriptor and `ruleIndex` points at it.
//!
//! One result a finding: its first outlier claim (else its first claim) is
//! the location, every other claim a related location. Regions give the line
//! and column (`run.columnKind` is `unicodeCodePoints`, as crosscheck counts
//! columns in characters) and the byte offset and length in the article.
//! Artifact URIs are the article paths as given, as relative URI references
//! (absolute paths become `file://` URIs). Results carry a
//! `partialFingerprints` entry, `crosscheck/v1`: an FNV-1a hash of the code,
//! the key and the sorted (article, value) pairs, which, like a baseline
//! entry, ignores offsets. Baselined findings are reported with an external
//! suppression. Unreadable inputs and stale baseline entries become
//! notifications of the invocation. The output depends only on the input.

use super::{FindingSink, Report, RuleInfo, RunEnd, Whole};
use crate::compare::{Finding, Role};
use crate::extract::{Claim, WEEKDAY_KEY};
use crate::input::corpus::InputError;
use crate::rules::Severity;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// The name of the fingerprint in `partialFingerprints`.
const FINGERPRINT: &str = "crosscheck/v1";

/// SARIF output.
pub struct Sarif {
    rules: Vec<RuleInfo>,
}

impl Sarif {
    pub fn new(rules: Vec<RuleInfo>) -> Sarif {
        Sarif { rules }
    }

    /// The reporting descriptors, and the index of each by id.
    fn descriptors(&self, findings: &[Finding]) -> (Vec<Value>, HashMap<String, usize>) {
        let mut list = Vec::new();
        let mut index = HashMap::new();
        let mut add = |id: &str, descriptor: Value| {
            if !index.contains_key(id) {
                index.insert(id.to_string(), list.len());
                list.push(descriptor);
            }
        };
        for r in &self.rules {
            add(&r.key, rule_descriptor(r));
        }
        add(WEEKDAY_KEY, weekday_descriptor());
        // Keys without a rule (a library caller that passed no rules):
        // described from their first finding, in key order.
        let mut others: BTreeMap<&str, &Finding> = BTreeMap::new();
        for f in findings {
            others.entry(f.key.as_str()).or_insert(f);
        }
        for (key, f) in others {
            add(key, finding_descriptor(f));
        }
        (list, index)
    }
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// A rule's name: its key without the pack (`participating-countries`).
fn short_name(key: &str) -> &str {
    key.split_once('.').map_or(key, |(_, rest)| rest)
}

fn rule_descriptor(r: &RuleInfo) -> Value {
    let mut d = Map::new();
    d.insert("id".into(), json!(r.key));
    d.insert("name".into(), json!(short_name(&r.key)));
    d.insert("shortDescription".into(), json!({ "text": r.title }));
    let help = r.help.as_deref().map(str::trim).filter(|h| !h.is_empty());
    if let Some(help) = help {
        d.insert("fullDescription".into(), json!({ "text": help }));
    }
    d.insert("help".into(), rule_help(r, help));
    d.insert("defaultConfiguration".into(), json!({ "level": level(r.severity) }));
    d.insert("properties".into(), json!({ "kind": r.kind }));
    Value::Object(d)
}

/// A rule's help, as text and as Markdown: its title and kind, its `help:`
/// when it has one, and the command that documents it in full.
fn rule_help(r: &RuleInfo, help: Option<&str>) -> Value {
    let explain = format!("crosscheck rules explain {}", r.key);
    let mut text = format!("{} (kind: {}).", r.title, r.kind);
    let mut markdown = format!("**{}** (kind: `{}`).", markdown_escape(&r.title), r.kind);
    if let Some(help) = help {
        text += &format!("\n\n{help}");
        markdown += &format!("\n\n{}", markdown_escape(help));
    }
    text += &format!("\n\n`{explain}` shows its patterns, after expansion, and its examples.");
    markdown += &format!("\n\n`{explain}` shows its patterns, after expansion, and its examples.");
    json!({ "text": text, "markdown": markdown })
}

/// Text as Markdown that renders as itself: punctuation that makes inline
/// markup (emphasis, code, links, HTML, entities, strikethrough) is
/// backslash-escaped anywhere, the block markers (`#`, `-`, `+`, `=`, `|`)
/// at the start of a line.
fn markdown_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut line_start = true;
    for c in s.chars() {
        if "\\`*_[]<>&~".contains(c) || (line_start && "#-+=|".contains(c)) {
            out.push('\\');
        }
        out.push(c);
        line_start = c == '\n' || (line_start && c == ' ');
    }
    out
}

fn weekday_descriptor() -> Value {
    let help = "A weekday written beside a date must be the day that date falls on; fix the weekday or the date.";
    json!({
        "id": WEEKDAY_KEY,
        "name": "weekday-mismatch",
        "shortDescription": { "text": "Weekday of a date" },
        "fullDescription": { "text": help },
        "help": { "text": help, "markdown": help },
        "defaultConfiguration": { "level": "warning" },
        "properties": { "kind": "date" },
    })
}

fn finding_descriptor(f: &Finding) -> Value {
    json!({
        "id": f.key,
        "name": short_name(&f.key),
        "shortDescription": { "text": f.title },
        "defaultConfiguration": { "level": level(f.severity) },
    })
}

/// A path as a URI reference: relative paths stay relative (`./` dropped),
/// absolute ones become `file://` URIs; characters outside a safe set are
/// percent-encoded (UTF-8), `:` included so it never reads as a scheme.
pub(crate) fn path_uri(path: &str) -> String {
    let path = if cfg!(windows) {
        path.replace('\\', "/")
    } else {
        path.to_string()
    };
    let mut rest = path.as_str();
    while let Some(r) = rest.strip_prefix("./") {
        rest = r;
    }
    let bytes = rest.as_bytes();
    let drive = bytes.len() >= 3 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' && bytes[2] == b'/';
    if drive {
        format!("file:///{}:{}", &rest[..1], encode(&rest[2..]))
    } else if rest.starts_with('/') {
        format!("file://{}", encode(rest))
    } else {
        encode(rest)
    }
}

fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// 64-bit FNV-1a.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// A finding's fingerprint: code, key and its sorted (article, value) pairs.
fn fingerprint(f: &Finding) -> String {
    let pairs: BTreeSet<(&str, String)> = f
        .claims
        .iter()
        .map(|(_, c)| (&*c.article, c.value.canonical()))
        .collect();
    let mut data = Vec::new();
    data.extend_from_slice(f.code.as_str().as_bytes());
    data.push(0x1f);
    data.extend_from_slice(f.key.as_bytes());
    for (article, value) in pairs {
        data.push(0x1e);
        data.extend_from_slice(article.as_bytes());
        data.push(0x1f);
        data.extend_from_slice(value.as_bytes());
    }
    format!("{:016x}", fnv1a(&data))
}

/// The line and column just past `text`, which starts at `line`, `column`.
fn end_of(line: usize, column: usize, text: &str) -> (usize, usize) {
    match text.rfind('\n') {
        Some(i) => (line + text.matches('\n').count(), text[i + 1..].chars().count() + 1),
        None => (line, column + text.chars().count()),
    }
}

/// The region of a claim: where its text starts and ends (the end column is
/// one past the last character), and its bytes.
fn region(c: &Claim) -> Value {
    let start_line = c.line_col.line;
    let start_column = c.line_col.column;
    let (end_line, end_column) = end_of(start_line, start_column, &c.text);
    json!({
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": end_column,
        "byteOffset": c.span.start,
        "byteLength": c.span.len(),
        "snippet": { "text": c.text },
    })
}

/// The articles the findings name, each once, in input order.
struct Artifacts<'a> {
    names: Vec<&'a str>,
    index: HashMap<&'a str, usize>,
}

impl<'a> Artifacts<'a> {
    fn of(findings: &'a [Finding]) -> Artifacts<'a> {
        let mut first: BTreeMap<&'a str, usize> = BTreeMap::new();
        for (_, c) in findings.iter().flat_map(|f| &f.claims) {
            let at = first.entry(&*c.article).or_insert(c.article_index);
            *at = (*at).min(c.article_index);
        }
        let mut names: Vec<(usize, &'a str)> = first.into_iter().map(|(name, i)| (i, name)).collect();
        names.sort();
        let names: Vec<&'a str> = names.into_iter().map(|(_, name)| name).collect();
        let index = names.iter().enumerate().map(|(i, name)| (*name, i)).collect();
        Artifacts { names, index }
    }

    fn json(&self) -> Vec<Value> {
        self.names
            .iter()
            .map(|name| {
                json!({
                    "location": { "uri": path_uri(name) },
                    "roles": ["analysisTarget"],
                    "encoding": "utf-8",
                })
            })
            .collect()
    }

    fn location(&self, c: &Claim, id: Option<usize>) -> Value {
        let mut l = Map::new();
        if let Some(id) = id {
            l.insert("id".into(), json!(id));
        }
        l.insert(
            "physicalLocation".into(),
            json!({
                "artifactLocation": { "uri": path_uri(&c.article), "index": self.index[&*c.article] },
                "region": region(c),
            }),
        );
        l.insert("message".into(), json!({ "text": c.says() }));
        Value::Object(l)
    }
}

/// How many related locations a message links; the others are counted.
const MAX_LINKS: usize = 10;

/// Escapes what SARIF's message syntax reads: `\`, `[` and `]`.
fn escape_message(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The message, then links to the other claims (the related locations, in
/// order, ids from 1) in SARIF's embedded-link syntax, `[text](id)`, so a
/// code-scanning page links each to its article: `Also: [b.txt says
/// 196](1).`
fn message_with_links(f: &Finding, others: &[&Claim]) -> String {
    let mut text = escape_message(&message(f));
    if others.is_empty() {
        if let Some(note) = f.unquoted_note() {
            text.push_str(&format!(" ({note})"));
        }
        return text;
    }
    let links: Vec<String> = others
        .iter()
        .take(MAX_LINKS)
        .enumerate()
        .map(|(i, c)| {
            let says = c.says();
            format!("[{}]({})", escape_message(&says), i + 1)
        })
        .collect();
    text.push_str(" Also: ");
    text.push_str(&links.join(", "));
    let more = others.len().saturating_sub(MAX_LINKS) + f.unquoted;
    if more > 0 {
        text.push_str(&format!(" and {more} more"));
    }
    text.push('.');
    text
}

/// The message text: the finding's message and help, as sentences.
fn message(f: &Finding) -> String {
    let mut text = f.message.trim_end_matches('.').to_string();
    if !f.help.is_empty() {
        text.push_str(". ");
        let mut help = f.help.chars();
        text.extend(help.next().map(|c| c.to_ascii_uppercase()));
        text.push_str(help.as_str());
    }
    if !text.ends_with(['.', '!', '?']) {
        text.push('.');
    }
    text
}

fn result_json(f: &Finding, rule_index: usize, artifacts: &Artifacts) -> Value {
    let primary = f.claims.iter().position(|(r, _)| *r == Role::Outlier).unwrap_or(0);
    let mut locations = Vec::new();
    let mut related = Vec::new();
    for (i, (role, c)) in f.claims.iter().enumerate() {
        if i == primary {
            let mut l = artifacts.location(c, None);
            l["properties"] = json!({ "role": role.as_str() });
            locations.push(l);
        } else {
            let mut l = artifacts.location(c, Some(related.len() + 1));
            l["properties"] = json!({ "role": role.as_str() });
            related.push(l);
        }
    }
    let mut values: Vec<String> = Vec::new();
    for (_, c) in &f.claims {
        let v = c.value.canonical();
        if !values.contains(&v) {
            values.push(v);
        }
    }
    let mut r = Map::new();
    r.insert("ruleId".into(), json!(f.key));
    r.insert("ruleIndex".into(), json!(rule_index));
    r.insert("level".into(), json!(level(f.severity)));
    let others: Vec<&Claim> = f
        .claims
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != primary)
        .map(|(_, (_, c))| c)
        .collect();
    r.insert("message".into(), json!({ "text": message_with_links(f, &others) }));
    r.insert("locations".into(), Value::Array(locations));
    if !related.is_empty() {
        r.insert("relatedLocations".into(), Value::Array(related));
    }
    r.insert("partialFingerprints".into(), json!({ FINGERPRINT: fingerprint(f) }));
    if f.baselined {
        r.insert(
            "suppressions".into(),
            json!([{ "kind": "external", "status": "accepted", "justification": "accepted in the baseline" }]),
        );
    }
    let mut properties = json!({
        "code": f.code.as_str(),
        "key": f.key,
        "title": f.title,
        "values": values,
    });
    if f.unquoted > 0 {
        properties["unquoted"] = json!(f.unquoted);
    }
    r.insert("properties".into(), properties);
    Value::Object(r)
}

/// Unreadable inputs (errors) and stale baseline entries (notes).
fn notifications(result: &RunEnd) -> Vec<Value> {
    let mut out: Vec<Value> = result
        .input_errors
        .iter()
        .map(|e| {
            json!({
                "level": "error",
                "message": { "text": format!("cannot read {}: {}", e.path, e.reason) },
                "locations": [{ "physicalLocation": { "artifactLocation": { "uri": path_uri(&e.path) } } }],
            })
        })
        .collect();
    out.extend(result.stale.iter().map(|entry| {
        json!({
            "level": "note",
            "message": { "text": entry.stale_message() },
        })
    }));
    out
}

impl Report for Sarif {
    fn sink<'a>(&'a self, out: &'a mut dyn io::Write) -> Box<dyn FindingSink + 'a> {
        Box::new(Whole {
            out,
            findings: Vec::new(),
            write: |out: &mut dyn io::Write, findings: &[Finding], end: &RunEnd| self.write(out, findings, end),
        })
    }

    fn extract(&self, _out: &mut dyn io::Write, _claims: &[Claim], _errors: &[InputError]) -> io::Result<()> {
        Err(io::Error::other("SARIF output is for `check`, not `extract`"))
    }
}

impl Sarif {
    /// The whole log of a run.
    fn write(&self, out: &mut dyn io::Write, findings: &[Finding], result: &RunEnd) -> io::Result<()> {
        let (rules, rule_index) = self.descriptors(findings);
        let artifacts = Artifacts::of(findings);
        let results: Vec<Value> = findings
            .iter()
            .map(|f| result_json(f, rule_index[&f.key], &artifacts))
            .collect();
        let mut invocation = Map::new();
        invocation.insert("executionSuccessful".into(), json!(result.input_errors.is_empty()));
        let notes = notifications(result);
        if !notes.is_empty() {
            invocation.insert("toolExecutionNotifications".into(), Value::Array(notes));
        }
        let doc = json!({
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {
                    "driver": {
                        "name": "crosscheck",
                        "version": env!("CARGO_PKG_VERSION"),
                        "semanticVersion": env!("CARGO_PKG_VERSION"),
                        "rules": rules,
                    }
                },
                "invocations": [Value::Object(invocation)],
                "artifacts": artifacts.json(),
                "results": results,
                "columnKind": "unicodeCodePoints",
                "defaultEncoding": "utf-8",
            }],
        });
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        writeln!(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(path_uri("seeds/003_x.txt"), "seeds/003_x.txt");
        assert_eq!(path_uri("./seeds/a b.txt"), "seeds/a%20b.txt");
        assert_eq!(path_uri("corpus.jsonl:12"), "corpus.jsonl%3A12");
        assert_eq!(path_uri("corpus.jsonl#id"), "corpus.jsonl%23id");
        assert_eq!(path_uri("/tmp/100%.txt"), "file:///tmp/100%25.txt");
        assert_eq!(path_uri("<stdin>"), "%3Cstdin%3E");
        assert_eq!(path_uri("أخبار.txt"), "%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1.txt");
    }

    #[test]
    fn regions_end_after_the_last_character() {
        assert_eq!(end_of(27, 180, "مشاركة 179 دولة"), (27, 195));
        assert_eq!(end_of(3, 10, "196\nدولة"), (4, 5));
        assert_eq!(end_of(3, 10, "a\r\n\nbc"), (5, 3));
    }

    #[test]
    fn markdown_escape_keeps_text_literal() {
        assert_eq!(markdown_escape("Al-Raisi (أحمد)"), "Al-Raisi (أحمد)");
        assert_eq!(
            markdown_escape("a *b* `c` <d> [e] f_g &h"),
            r"a \*b\* \`c\` \<d\> \[e\] f\_g \&h"
        );
        assert_eq!(markdown_escape("# one\n - two\n+3"), "\\# one\n \\- two\n\\+3");
    }

    #[test]
    fn every_rule_has_help_text_and_markdown() {
        let rule = |help: Option<&str>| RuleInfo {
            key: "pack.runners".into(),
            title: "Runners *at* the start".into(),
            kind: "count".into(),
            severity: Severity::Error,
            help: help.map(String::from),
        };
        let bare = rule_descriptor(&rule(None));
        assert!(bare.get("fullDescription").is_none());
        assert_eq!(
            bare["help"]["text"],
            "Runners *at* the start (kind: count).\n\n\
             `crosscheck rules explain pack.runners` shows its patterns, after expansion, and its examples."
        );
        assert_eq!(
            bare["help"]["markdown"],
            "**Runners \\*at\\* the start** (kind: `count`).\n\n\
             `crosscheck rules explain pack.runners` shows its patterns, after expansion, and its examples."
        );
        let documented = rule_descriptor(&rule(Some("  Count at the gun.\n")));
        assert_eq!(documented["fullDescription"]["text"], "Count at the gun.");
        let text = documented["help"]["text"].as_str().unwrap();
        assert!(
            text.contains("(kind: count).\n\nCount at the gun.\n\n`crosscheck rules explain pack.runners`"),
            "{text}"
        );
    }

    #[test]
    fn fnv1a_matches_reference_values() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }
}
