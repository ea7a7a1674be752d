//! The review page: a local web application on a [`Reviewer`]
//! (`crosscheck serve`).
//!
//! [`Server::bind`] listens (loopback by default; any other address needs
//! a token, generated when none is given); [`Server::run`] answers on a
//! few worker threads, each request with its own review, so two reviews
//! share nothing but the reviewer's immutable engine. The page, its
//! script and its style are compiled in (`assets/`) and load nothing from
//! elsewhere; every answer carries a strict Content-Security-Policy (no
//! inline script), and the page puts texts in the document as text, never
//! as markup. The page and the tests use one JSON API:
//!
//! | request | answer |
//! | --- | --- |
//! | `GET /`, `/app.js`, `/app.css` | the page |
//! | `POST /api/review` `{name, text, published?, source?}` | the [`crate::review::Review`], and the text's `direction` |
//! | `POST /api/accept` `{…the draft, id, reason}` | the baseline entry written |
//! | `GET /api/search?key=K` | what the index says of `K` (a key, or a prefix ending in `.`) |
//! | `GET /api/drafts`, `GET /api/draft?name=N` | the drafts folder's files, one draft's text |
//! | `GET /api/status` | the index, the baseline, who accepts, the last update |
//!
//! Refused: a request without the token when there is one (401), a
//! `Host` that is not this server's on a loopback bind without a token
//! (403, against DNS rebinding), a POST that is not JSON (415), a body over
//! the limit (413), a draft name outside the drafts folder (403).

mod api;
mod drafts;
pub mod update;

use crate::review::Reviewer;
use std::io::Read;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

pub use drafts::DraftsFolder;

/// The largest request body taken by default: 2 MiB (a long draft is
/// 100 KiB).
pub const BODY_LIMIT: usize = 2 << 20;

/// How a server is set up.
#[derive(Debug, Clone)]
pub struct Options {
    /// Where to listen; port 0 picks a free port ([`Server::addr`]).
    pub bind: SocketAddr,
    /// The token every request must carry; generated when the address is
    /// not loopback and none is given.
    pub token: Option<String>,
    /// The folder of drafts the page may open; nothing outside it is read.
    pub drafts: Option<PathBuf>,
    /// The largest request body, in bytes.
    pub body_limit: usize,
    /// Who accepts findings ([`crate::review::user_name`] by default).
    pub user: String,
    /// Threads answering requests.
    pub workers: usize,
}

/// Why a server could not start.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[diagnostic(code(crosscheck::serve))]
pub enum ServeError {
    #[error("cannot listen on {addr}: {reason}")]
    Bind { addr: SocketAddr, reason: String },
    #[error("the drafts folder {path}: {reason}")]
    Drafts { path: String, reason: String },
    #[error("the token is empty")]
    EmptyToken,
}

/// What the request handlers share.
pub(crate) struct State {
    reviewer: Arc<Reviewer>,
    drafts: Option<DraftsFolder>,
    token: Option<String>,
    /// The `Host` values a request may give on a loopback bind without a
    /// token.
    hosts: Option<Vec<String>>,
    body_limit: usize,
    user: String,
    updates: Arc<Mutex<update::Status>>,
}

/// A bound server.
pub struct Server {
    http: Arc<tiny_http::Server>,
    state: Arc<State>,
    addr: SocketAddr,
    workers: usize,
}

impl Server {
    /// Listens on `options.bind` for reviews with `reviewer`; `updates`
    /// is what a background update of the index says
    /// ([`update::in_background`]).
    pub fn bind(
        reviewer: Arc<Reviewer>,
        options: Options,
        updates: Arc<Mutex<update::Status>>,
    ) -> Result<Server, ServeError> {
        let loopback = options.bind.ip().is_loopback();
        let token = match options.token {
            Some(t) if t.trim().is_empty() => return Err(ServeError::EmptyToken),
            Some(t) => Some(t),
            None if loopback => None,
            None => Some(new_token()),
        };
        let drafts = options.drafts.as_deref().map(DraftsFolder::open).transpose()?;
        let http = tiny_http::Server::http(options.bind).map_err(|e| ServeError::Bind {
            addr: options.bind,
            reason: e.to_string(),
        })?;
        let addr = http.server_addr().to_ip().unwrap_or(options.bind);
        let hosts = (loopback && token.is_none()).then(|| {
            let port = addr.port();
            vec![
                format!("127.0.0.1:{port}"),
                format!("localhost:{port}"),
                format!("[::1]:{port}"),
                addr.to_string(),
            ]
        });
        let state = State {
            reviewer,
            drafts,
            token,
            hosts,
            body_limit: options.body_limit,
            user: options.user,
            updates,
        };
        Ok(Server {
            http: Arc::new(http),
            state: Arc::new(state),
            addr,
            workers: options.workers.max(1),
        })
    }

    /// The address listened on (the port chosen, for port 0).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The token requests must carry, if any.
    pub fn token(&self) -> Option<&str> {
        self.state.token.as_deref()
    }

    /// The page's address, with the token when there is one (opening it
    /// once keeps the token in a cookie for the page's requests).
    pub fn url(&self) -> String {
        match self.token() {
            Some(t) => format!("http://{}/?token={t}", self.addr),
            None => format!("http://{}/", self.addr),
        }
    }

    /// Answers requests until the listener fails.
    pub fn run(self) {
        let workers: Vec<_> = (0..self.workers)
            .map(|_| {
                let (http, state) = (self.http.clone(), self.state.clone());
                std::thread::spawn(move || {
                    while let Ok(request) = http.recv() {
                        api::handle(&state, request);
                    }
                })
            })
            .collect();
        for w in workers {
            let _ = w.join();
        }
    }
}

/// A random token: 32 hex digits from the system's random source (the
/// time and process when there is none).
fn new_token() -> String {
    let mut bytes = [0u8; 16];
    let random = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut bytes));
    if random.is_err() {
        let seed = format!("{:?} {}", std::time::SystemTime::now(), std::process::id());
        return crate::text::sha256_hex(&[seed.as_bytes()])[..32].to_string();
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// How a text reads: `rtl` when most of its letters are Arabic (or
/// another right-to-left script), else `ltr`.
pub fn direction(text: &str) -> &'static str {
    let (mut rtl, mut letters) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        if matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}') {
            rtl += 1;
        }
    }
    if letters > 0 && rtl * 2 > letters {
        "rtl"
    } else {
        "ltr"
    }
}

#[cfg(test)]
mod tests {
    use super::direction;

    #[test]
    fn arabic_reads_right_to_left_and_french_left_to_right() {
        assert_eq!(direction("الإنتربول تضم 196 دولة عضو"), "rtl");
        assert_eq!(direction("Interpol compte 196 pays membres (الإنتربول)"), "ltr");
        assert_eq!(direction("196"), "ltr");
    }

    #[test]
    fn a_token_is_32_hex_digits_and_new_each_time() {
        let (a, b) = (super::new_token(), super::new_token());
        assert_eq!(a.len(), 32);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }
}
