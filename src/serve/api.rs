//! Requests: who may ask (token, host), what they may send (JSON within
//! the body limit), and the answers of the page's JSON API.

use super::drafts::Refused;
use super::State;
use crate::review::{Draft, ReviewFinding};
use serde::Deserialize;
use serde_json::json;
use std::io::{Cursor, Read};
use tiny_http::{Header, Method, Request, Response};

const PAGE: &str = include_str!("assets/index.html");
const SCRIPT: &str = include_str!("assets/app.js");
const STYLE: &str = include_str!("assets/app.css");

/// Everything the page loads comes from this server; no inline script or
/// style, no frame, no form posted elsewhere.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; \
                   img-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

/// The cookie that keeps the token for the page's own requests.
const COOKIE: &str = "crosscheck_token";

type Answer = Response<Cursor<Vec<u8>>>;

/// Answers one request.
pub(super) fn handle(state: &State, mut request: Request) {
    let (answer, cookie) = match respond(state, &mut request) {
        Ok(answer) => answer,
        Err((status, message)) => (error(status, &message), None),
    };
    let answer = match cookie {
        Some(token) => answer.with_header(header(
            "Set-Cookie",
            &format!("{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/"),
        )),
        None => answer,
    };
    // The client may have gone: nothing to tell it.
    let _ = request.respond(answer);
}

type Failure = (u16, String);

/// The answer, and a token to keep in a cookie; or a status and why.
fn respond(state: &State, request: &mut Request) -> Result<(Answer, Option<String>), Failure> {
    let url = request.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    check_host(state, request)?;
    let given = query_param(query, "token");
    let cookie = check_token(state, request, given.as_deref())?;
    let method = request.method().clone();
    let answer = match (&method, path) {
        (Method::Get, "/") => asset(PAGE, "text/html; charset=utf-8"),
        (Method::Get, "/app.js") => asset(SCRIPT, "text/javascript; charset=utf-8"),
        (Method::Get, "/app.css") => asset(STYLE, "text/css; charset=utf-8"),
        (Method::Get, "/api/status") => status(state),
        (Method::Get, "/api/drafts") => list_drafts(state),
        (Method::Get, "/api/draft") => open_draft(state, query)?,
        (Method::Get, "/api/search") => search(state, query)?,
        (Method::Post, "/api/review") => review(state, &body(state, request)?)?,
        (Method::Post, "/api/accept") => accept(state, &body(state, request)?)?,
        (_, "/" | "/app.js" | "/app.css" | "/api/status" | "/api/drafts" | "/api/draft" | "/api/search") => {
            return Err((405, format!("{path} takes GET")))
        }
        (_, "/api/review" | "/api/accept") => return Err((405, format!("{path} takes POST"))),
        _ => return Err((404, format!("no such page: {path}"))),
    };
    Ok((answer, cookie))
}

fn header(name: &str, value: &str) -> Header {
    // Names and values here are ASCII without line breaks.
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a valid header")
}

/// An answer with the headers every answer carries.
fn reply(status: u16, content_type: &str, body: Vec<u8>) -> Answer {
    Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", content_type))
        .with_header(header("Content-Security-Policy", CSP))
        .with_header(header("X-Content-Type-Options", "nosniff"))
        .with_header(header("X-Frame-Options", "DENY"))
        .with_header(header("Referrer-Policy", "no-referrer"))
        .with_header(header("Cache-Control", "no-store"))
}

fn asset(text: &str, content_type: &str) -> Answer {
    reply(200, content_type, text.as_bytes().to_vec())
}

fn ok(value: serde_json::Value) -> Answer {
    reply(200, "application/json", value.to_string().into_bytes())
}

fn error(status: u16, message: &str) -> Answer {
    reply(
        status,
        "application/json",
        json!({ "error": message }).to_string().into_bytes(),
    )
}

fn header_value<'r>(request: &'r Request, name: &str) -> Option<&'r str> {
    request
        .headers()
        .iter()
        .find(|h| h.field.as_str().as_str().eq_ignore_ascii_case(name))
        .map(|h| h.value.as_str())
}

/// On a loopback bind without a token, only this server's own names: a
/// page of another site that a DNS name pointed at 127.0.0.1 is refused.
fn check_host(state: &State, request: &Request) -> Result<(), Failure> {
    let Some(hosts) = &state.hosts else {
        return Ok(());
    };
    let host = header_value(request, "Host").unwrap_or("");
    if hosts.iter().any(|h| h.eq_ignore_ascii_case(host)) {
        Ok(())
    } else {
        Err((403, format!("the Host `{host}` is not this server's")))
    }
}

/// With a token: the request carries it (`Authorization: Bearer`, the
/// cookie, or `?token=` on the page, which then keeps it in the cookie).
fn check_token(state: &State, request: &Request, given: Option<&str>) -> Result<Option<String>, Failure> {
    let Some(token) = &state.token else {
        return Ok(None);
    };
    let bearer = header_value(request, "Authorization").and_then(|v| v.strip_prefix("Bearer "));
    let cookie = header_value(request, "Cookie").and_then(|v| {
        v.split(';')
            .filter_map(|kv| kv.trim().split_once('='))
            .find(|(k, _)| *k == COOKIE)
            .map(|(_, v)| v)
    });
    let same = |t: &str| constant_time_eq(t.as_bytes(), token.as_bytes());
    if bearer.is_some_and(same) || cookie.is_some_and(same) {
        return Ok(None);
    }
    if given.is_some_and(same) {
        return Ok(Some(token.clone()));
    }
    Err((
        401,
        "this server needs its token: open the address `crosscheck serve` printed, or send `Authorization: Bearer TOKEN`"
            .to_string(),
    ))
}

/// Compares without stopping at the first difference.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The body of a JSON request, within the limit.
fn body(state: &State, request: &mut Request) -> Result<Vec<u8>, Failure> {
    let limit = state.body_limit;
    let too_large = |n: String| {
        (
            413,
            format!("the request body is {n} bytes; this server takes at most {limit} (--max-body)"),
        )
    };
    if let Some(n) = request.body_length().filter(|&n| n > limit) {
        return Err(too_large(n.to_string()));
    }
    let json = header_value(request, "Content-Type")
        .is_some_and(|t| t.split(';').next().is_some_and(|t| t.trim() == "application/json"));
    if !json {
        return Err((415, "send JSON (Content-Type: application/json)".to_string()));
    }
    let mut bytes = Vec::new();
    request
        .as_reader()
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| (400, format!("cannot read the request: {e}")))?;
    if bytes.len() > limit {
        return Err(too_large(format!("more than {limit}")));
    }
    Ok(bytes)
}

/// The value of `name` in a query string, percent-decoded.
pub(super) fn query_param(query: &str, name: &str) -> Option<String> {
    query
        .split('&')
        .filter_map(|kv| kv.split_once('=').or(Some((kv, ""))))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| percent_decode(v))
}

fn percent_decode(s: &str) -> String {
    let hex = |b: u8| (b as char).to_digit(16);
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = match bytes.get(i..i + 3) {
            Some([b'%', hi, lo]) => hex(*hi).zip(hex(*lo)).map(|(h, l)| (h * 16 + l) as u8),
            _ => None,
        };
        match (escaped, bytes[i]) {
            (Some(b), _) => {
                out.push(b);
                i += 3;
                continue;
            }
            (None, b'+') => out.push(b' '),
            (None, b) => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn status(state: &State) -> Answer {
    let updates = state.updates.lock().unwrap_or_else(|e| e.into_inner()).clone();
    ok(json!({
        "index": state.reviewer.index_path().display().to_string(),
        "baseline": state.reviewer.baseline_path().map(|p| p.display().to_string()),
        "user": state.user,
        "drafts": state.drafts.is_some(),
        "update": updates,
    }))
}

fn list_drafts(state: &State) -> Answer {
    let names = state.drafts.as_ref().map(|d| d.list()).unwrap_or_default();
    ok(json!({ "drafts": names }))
}

fn open_draft(state: &State, query: &str) -> Result<Answer, Failure> {
    let Some(folder) = &state.drafts else {
        return Err((404, "no drafts folder (start with --drafts DIR)".to_string()));
    };
    let name = query_param(query, "name").ok_or((400, "which draft? (?name=)".to_string()))?;
    match folder.read(&name) {
        Ok(text) => Ok(ok(json!({ "name": name, "text": text }))),
        Err(Refused::Outside) => Err((403, format!("`{name}` is not a draft of the drafts folder"))),
        Err(Refused::NotFound) => Err((404, format!("no draft `{name}`"))),
        Err(Refused::NotADraft(why)) => Err((422, format!("`{name}`: {why}"))),
    }
}

fn search(state: &State, query: &str) -> Result<Answer, Failure> {
    let key = query_param(query, "key").unwrap_or_default();
    let key = key.trim();
    if key.is_empty() {
        return Err((
            400,
            "which key? (?key=interpol.member-states, or a prefix ending in `.`)".to_string(),
        ));
    }
    let limit = query_param(query, "limit")
        .and_then(|l| l.parse().ok())
        .unwrap_or(crate::index::SEARCH_LIMIT)
        .min(crate::index::SEARCH_LIMIT);
    let found = state.reviewer.search(key, limit).map_err(|e| (500, e.to_string()))?;
    Ok(ok(json!({ "key": key, "results": found })))
}

/// A draft as the page sends it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DraftIn {
    #[serde(default)]
    name: Option<String>,
    text: String,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    source: Option<String>,
}

impl DraftIn {
    fn draft(self) -> Result<Draft, Failure> {
        let published = match self.published.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
            None => None,
            Some(p) => Some(
                crate::input::corpus::parse_date(p)
                    .ok_or_else(|| (400, format!("published: `{p}` is not a date (YYYY-MM-DD)")))?,
            ),
        };
        let name = self.name.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
        Ok(Draft {
            name: name.unwrap_or_else(|| "draft".to_string()),
            text: self.text,
            published,
            source: self.source.map(|s| s.trim().to_string()).filter(|s| !s.is_empty()),
        })
    }
}

fn parse<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Result<T, Failure> {
    serde_json::from_slice(bytes).map_err(|e| (400, format!("not a request this server reads: {e}")))
}

fn review(state: &State, bytes: &[u8]) -> Result<Answer, Failure> {
    let draft = parse::<DraftIn>(bytes)?.draft()?;
    let review = state.reviewer.review(&draft).map_err(|e| (500, e.to_string()))?;
    let mut value = serde_json::to_value(&review).map_err(|e| (500, e.to_string()))?;
    value["direction"] = json!(super::direction(&draft.text));
    value["can_accept"] = json!(state.reviewer.baseline_path().is_some());
    Ok(ok(value))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AcceptIn {
    draft: DraftIn,
    id: String,
    reason: String,
}

fn accept(state: &State, bytes: &[u8]) -> Result<Answer, Failure> {
    let asked: AcceptIn = parse(bytes)?;
    let draft = asked.draft.draft()?;
    // The finding is looked up in a review of the draft as it is now: only
    // a finding the draft has can be accepted.
    let review = state.reviewer.review(&draft).map_err(|e| (500, e.to_string()))?;
    let finding: &ReviewFinding = review
        .findings
        .iter()
        .find(|f| f.id.as_str() == asked.id)
        .ok_or_else(|| (404, format!("the draft has no finding {} (review it again)", asked.id)))?;
    match state.reviewer.accept(finding, &asked.reason, &state.user) {
        Ok(entry) => Ok(ok(json!({ "accepted": entry }))),
        Err(e @ (crate::review::ReviewError::NoBaseline | crate::review::ReviewError::NoReason)) => {
            Err((400, e.to_string()))
        }
        Err(e) => Err((500, e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_are_decoded() {
        assert_eq!(
            query_param("key=interpol.%D8%A7&x=1", "key").as_deref(),
            Some("interpol.ا")
        );
        assert_eq!(query_param("a=b+c", "a").as_deref(), Some("b c"));
        assert_eq!(query_param("a=%zz%4", "a").as_deref(), Some("%zz%4"));
        assert_eq!(query_param("a", "a").as_deref(), Some(""));
        assert_eq!(query_param("a=%ا", "a").as_deref(), Some("%ا"));
        assert_eq!(query_param("a=1", "b"), None);
    }

    #[test]
    fn tokens_compare_whole() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
    }
}
