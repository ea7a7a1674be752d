//! The claim index: the claims of a published corpus kept in an SQLite
//! database, updated article by article instead of extracted again.
//!
//! [`Index::update`] reads the corpus, hashes each article and extracts
//! only the new and changed ones (and every article when the packs, the
//! config's overrides or the crosscheck version change); [`Index::gather`]
//! hands the claims back as a [`crate::engine::store::ClaimStore`], so
//! [`crate::Engine::run`] compares them as it compares any store, with the
//! drafts merged in; [`Index::export`] gives the claims in the order
//! `extract` writes them.
//!
//! The database is in WAL mode: readers never wait for a writer, and one
//! writer at a time commits article by article (a batch at a time), so a
//! run killed in the middle leaves every batch before it. A file that is
//! not a crosscheck index, one from a newer crosscheck, or a damaged one
//! is refused, and left as it is.

mod row;
mod schema;
mod search;
mod store;
mod update;

pub use schema::Status;
pub use search::{Stated, SEARCH_LIMIT};
pub use store::{Change, ClaimCache, Drafts, Indexed};
pub use update::Updated;

use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The schema this crosscheck writes and reads (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i32 = 1;

/// `PRAGMA application_id` of a crosscheck index: "cxch".
pub const APPLICATION_ID: i32 = 0x6378_6368;

/// Why an index could not be opened, read or written.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[diagnostic(code(crosscheck::index))]
pub enum IndexError {
    #[error("{path}: no index there yet (`crosscheck index update CORPUS --db {path}` makes one)")]
    Missing { path: String },
    #[error("{path}: not a crosscheck index (not an SQLite database); left as it is")]
    NotSqlite { path: String },
    #[error("{path}: an SQLite database that is not a crosscheck index; left as it is")]
    Foreign { path: String },
    #[error("{path}: made by a newer crosscheck (index schema {found}; this one reads schema {SCHEMA_VERSION}); left as it is")]
    Newer { path: String, found: i32 },
    #[error(
        "{path}: the index is damaged ({reason}); left as it is: remove it and run `crosscheck index update` again"
    )]
    Corrupt { path: String, reason: String },
    #[error("{path}: {what}; gave up after waiting {seconds} s (try again, or wait longer with --timeout)")]
    Busy {
        path: String,
        what: &'static str,
        seconds: u64,
    },
    #[error("{path}: the index was built with other rule packs, config overrides or another crosscheck version; run `crosscheck index update` with the same packs first")]
    OtherPacks { path: String },
    #[error("{path}: {message}")]
    Other { path: String, message: String },
    #[error("cannot write the claims: {0}")]
    Write(String),
}

/// An open index.
pub struct Index {
    conn: Connection,
    path: PathBuf,
    timeout: Duration,
}

/// A write transaction that takes the database's write lock at once
/// (`BEGIN IMMEDIATE`), so a writer waits at its start, never half-way.
fn immediate<'c>(conn: &'c mut Connection, path: &Path) -> Result<rusqlite::Transaction<'c>, IndexError> {
    conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(|e| sql_error(path, e))
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index").field("path", &self.path).finish()
    }
}

impl Index {
    /// Opens an existing index to read: refused when it is missing, is not
    /// a crosscheck index, or comes from a newer crosscheck.
    pub fn open(path: &Path, timeout: Duration) -> Result<Index, IndexError> {
        let name = path.display().to_string();
        if !sniff(path)? {
            return Err(IndexError::Missing { path: name });
        }
        let index = Index::connect(path, OpenFlags::SQLITE_OPEN_READ_WRITE, timeout)?;
        index.check_identity()?;
        Ok(index)
    }

    /// Opens an index to write, making it when there is none (a missing or
    /// empty file); an existing one is checked whole first, so a damaged
    /// file is refused before anything is written.
    pub fn open_to_write(path: &Path, timeout: Duration) -> Result<Index, IndexError> {
        let existed = sniff(path)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE;
        let mut index = Index::connect(path, flags, timeout)?;
        if existed && index.check_identity()? {
            index.check_integrity()?;
        }
        schema::create(&mut index)?;
        Ok(index)
    }

    fn connect(path: &Path, flags: OpenFlags, timeout: Duration) -> Result<Index, IndexError> {
        let flags = flags | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| sql_error(path, e))?;
        conn.busy_timeout(timeout).map_err(|e| sql_error(path, e))?;
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(|e| sql_error(path, e))?;
        Ok(Index {
            conn,
            path: path.to_path_buf(),
            timeout,
        })
    }

    /// The file's name, for messages.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn name(&self) -> String {
        self.path.display().to_string()
    }

    /// An SQL error of this index as an [`IndexError`].
    fn error(&self, e: rusqlite::Error) -> IndexError {
        match sql_error(&self.path, e) {
            IndexError::Busy { path, what, .. } => IndexError::Busy {
                path,
                what,
                seconds: self.timeout.as_secs(),
            },
            other => other,
        }
    }

    /// Refuses another program's database and a newer crosscheck's index;
    /// `false` for a database with no table yet (one being made).
    fn check_identity(&self) -> Result<bool, IndexError> {
        let get = |pragma: &str| -> Result<i32, IndexError> {
            self.conn
                .pragma_query_value(None, pragma, |r| r.get(0))
                .map_err(|e| self.error(e))
        };
        let (application, version) = (get("application_id")?, get("user_version")?);
        if application == 0 && version == 0 {
            let tables: i64 = self
                .conn
                .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
                .map_err(|e| self.error(e))?;
            if tables == 0 {
                return Ok(false);
            }
        }
        if application != APPLICATION_ID {
            return Err(IndexError::Foreign { path: self.name() });
        }
        if version > SCHEMA_VERSION {
            return Err(IndexError::Newer {
                path: self.name(),
                found: version,
            });
        }
        Ok(true)
    }

    /// `PRAGMA quick_check`: every page and record well formed.
    pub fn check_integrity(&self) -> Result<(), IndexError> {
        let verdict: String = self
            .conn
            .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
            .map_err(|e| self.error(e))?;
        if verdict == "ok" {
            Ok(())
        } else {
            Err(IndexError::Corrupt {
                path: self.name(),
                reason: verdict,
            })
        }
    }

    /// A value of the `meta` table.
    fn meta(&self, name: &str) -> Result<Option<String>, IndexError> {
        use rusqlite::OptionalExtension;
        self.conn
            .query_row("SELECT value FROM meta WHERE name = ?1", [name], |r| r.get(0))
            .optional()
            .map_err(|e| self.error(e))
    }

    /// Refuses to compare with claims extracted under another setup
    /// ([`crate::setup::Setup::fingerprint`]).
    pub fn require_fingerprint(&self, fingerprint: &str) -> Result<(), IndexError> {
        match self.meta("fingerprint")? {
            Some(f) if f == fingerprint => Ok(()),
            _ => Err(IndexError::OtherPacks { path: self.name() }),
        }
    }

    /// Whether the last update stopped before its end (killed, or failed).
    pub fn interrupted(&self) -> Result<bool, IndexError> {
        Ok(self.meta("state")?.is_some_and(|s| s != "complete"))
    }
}

/// Whether `path` holds a database (`false`: no file, or an empty one);
/// refuses a file that is not SQLite without opening it as a database.
fn sniff(path: &Path) -> Result<bool, IndexError> {
    use std::io::Read;
    let name = path.display().to_string();
    let other = |e: std::io::Error| IndexError::Other {
        path: name.clone(),
        message: e.to_string(),
    };
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(other(e)),
    };
    if file.metadata().map_err(other)?.is_dir() {
        return Err(IndexError::Other {
            path: name,
            message: "a folder, not a file".to_string(),
        });
    }
    let mut header = Vec::with_capacity(100);
    file.by_ref().take(100).read_to_end(&mut header).map_err(other)?;
    if header.is_empty() {
        return Ok(false);
    }
    if header.len() < 100 || !header.starts_with(b"SQLite format 3\0") {
        return Err(IndexError::NotSqlite { path: name });
    }
    // The header's application id (bytes 68..72): another program's, when
    // set to anything but ours (a fresh index may not have it on disk yet).
    let application = i32::from_be_bytes([header[68], header[69], header[70], header[71]]);
    if application != 0 && application != APPLICATION_ID {
        return Err(IndexError::Foreign { path: name });
    }
    Ok(true)
}

/// An SQLite error as an [`IndexError`] of the file at `path`.
fn sql_error(path: &Path, e: rusqlite::Error) -> IndexError {
    use rusqlite::ErrorCode;
    let path = path.display().to_string();
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => IndexError::Busy {
            path,
            what: "another process is writing the index",
            seconds: 0,
        },
        Some(ErrorCode::DatabaseCorrupt) => IndexError::Corrupt {
            path,
            reason: "database disk image is malformed".to_string(),
        },
        Some(ErrorCode::NotADatabase) => IndexError::NotSqlite { path },
        _ => IndexError::Other {
            path,
            message: e.to_string(),
        },
    }
}
