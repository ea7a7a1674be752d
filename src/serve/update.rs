//! The index kept up to an archive while the server runs: an update
//! ([`crate::index::Index::update`]) every so often on a thread of its
//! own. Reviews read the index meanwhile (WAL: readers never wait for the
//! writer) and see each update once it commits.

use crate::index::Index;
use crate::setup::Setup;
use serde::Serialize;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What the last update said.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Status {
    /// When it ended (UTC, RFC 3339); `None` before the first.
    pub at: Option<String>,
    /// Articles in the index after it.
    pub articles: usize,
    /// Articles it extracted (new, changed, or for new packs) and removed.
    pub extracted: usize,
    pub removed: usize,
    /// Why it failed, if it did.
    pub error: Option<String>,
}

/// Brings the index at `db` up to `archive` once; what it says.
pub fn once(setup: &Setup, db: &std::path::Path, archive: &[PathBuf]) -> Status {
    let now = || chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let updated =
        Index::open_to_write(db, Duration::from_secs(30)).and_then(|mut index| index.update(setup, archive, &|_| {}));
    match updated {
        Ok(u) => Status {
            at: Some(now()),
            articles: u.articles,
            extracted: u.added + u.changed + u.repacked,
            removed: u.removed,
            error: None,
        },
        Err(e) => Status {
            at: Some(now()),
            error: Some(e.to_string()),
            ..Status::default()
        },
    }
}

/// Updates the index from `archive` every `every`, on a thread of its own,
/// each outcome into `status`.
pub fn in_background(
    setup: Setup,
    db: PathBuf,
    archive: Vec<PathBuf>,
    every: Duration,
    status: Arc<Mutex<Status>>,
) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || loop {
        std::thread::sleep(every);
        let outcome = once(&setup, &db, &archive);
        *status.lock().unwrap_or_else(|e| e.into_inner()) = outcome;
    })
}
