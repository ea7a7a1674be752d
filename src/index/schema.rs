//! The tables of an index (documented in the README, "A claim index"),
//! and what `index status` and `index export` read from them.

use super::{Index, IndexError, APPLICATION_ID, SCHEMA_VERSION};
use crate::extract::shard::{Record, ShardLine};

/// Schema 1. Every table is readable with the `sqlite3` tool; `data` holds
/// what a claim needs to come back exactly (its value as a set, its
/// context, where its excerpt sits), in postcard.
const TABLES: &str = "
CREATE TABLE meta (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE packs (
    ord INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    fingerprint TEXT NOT NULL
);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    input TEXT NOT NULL,
    name TEXT NOT NULL,
    seq INTEGER NOT NULL,
    path TEXT,
    size INTEGER,
    modified INTEGER,
    ord INTEGER NOT NULL,
    hash TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    source TEXT,
    published TEXT,
    title TEXT,
    bytes INTEGER NOT NULL,
    claims INTEGER NOT NULL,
    seen INTEGER NOT NULL,
    UNIQUE (input, name, seq)
);
CREATE INDEX articles_by_name ON articles (name);
CREATE TABLE claims (
    key TEXT NOT NULL,
    article INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    rule TEXT NOT NULL,
    kind TEXT NOT NULL,
    severity TEXT NOT NULL,
    value TEXT NOT NULL,
    low,
    high,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    line INTEGER NOT NULL,
    col INTEGER NOT NULL,
    weekday INTEGER,
    as_of TEXT,
    stance TEXT,
    attribution TEXT,
    excerpt TEXT,
    data BLOB NOT NULL,
    PRIMARY KEY (key, article, seq)
) WITHOUT ROWID;
CREATE INDEX claims_of_article ON claims (article, seq);
CREATE TABLE problems (
    ord INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    path TEXT NOT NULL,
    reason TEXT NOT NULL,
    file TEXT
);
CREATE VIEW claim_list AS
    SELECT a.name AS article, a.source, a.published, c.key, c.value, c.low, c.high,
           c.text, c.start, c.end, c.line, c.col, c.as_of, c.stance, c.attribution
    FROM claims c JOIN articles a ON a.id = c.article
    ORDER BY a.ord, a.id, c.seq;
";

/// Makes the tables of a new index (WAL mode); an index that has them
/// already is left as it is. Two processes making one at once: one makes
/// it, the other finds it made.
pub(super) fn create(index: &mut Index) -> Result<(), IndexError> {
    let mode: String = index
        .conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .map_err(|e| index.error(e))?;
    if !mode.eq_ignore_ascii_case("wal") {
        let _: String = index
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(|e| index.error(e))?;
    }
    let tx = super::immediate(&mut index.conn, &index.path)?;
    let version: i32 = tx
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|e| super::sql_error(&index.path, e))?;
    if version == 0 {
        let setup = format!(
            "{TABLES}
             PRAGMA application_id = {APPLICATION_ID};
             PRAGMA user_version = {SCHEMA_VERSION};
             INSERT INTO meta VALUES ('generation', '0'), ('state', 'complete');"
        );
        tx.execute_batch(&setup).map_err(|e| super::sql_error(&index.path, e))?;
    }
    tx.commit().map_err(|e| super::sql_error(&index.path, e))
}

/// What an index holds (`index status`).
#[derive(Debug, Clone, Default)]
pub struct Status {
    pub articles: usize,
    pub claims: usize,
    /// Claims by key, keys in order.
    pub keys: Vec<(String, usize)>,
    /// The packs of the last update, in order: name and SHA-256.
    pub packs: Vec<(String, String)>,
    /// The crosscheck version of the last update.
    pub version: Option<String>,
    /// When the last update ended (RFC 3339, UTC), if one did.
    pub updated: Option<String>,
    /// The last update stopped before its end.
    pub interrupted: bool,
    /// Inputs the last update could not read, and those it skipped.
    pub unreadable: usize,
    pub skipped: usize,
}

impl Index {
    /// What the index holds; the whole file is checked first.
    pub fn status(&self) -> Result<Status, IndexError> {
        self.check_integrity()?;
        let count = |sql: &str| -> Result<usize, IndexError> {
            self.conn
                .query_row(sql, [], |r| r.get::<_, i64>(0))
                .map(|n| n as usize)
                .map_err(|e| self.error(e))
        };
        let mut status = Status {
            articles: count("SELECT count(*) FROM articles")?,
            claims: count("SELECT count(*) FROM claims")?,
            unreadable: count("SELECT count(*) FROM problems WHERE kind = 'unreadable'")?,
            skipped: count("SELECT count(*) FROM problems WHERE kind = 'skipped'")?,
            version: self.meta("version")?,
            updated: self.meta("updated")?,
            interrupted: self.interrupted()?,
            ..Status::default()
        };
        let pairs = |sql: &str| -> rusqlite::Result<Vec<(String, String)>> {
            let mut stmt = self.conn.prepare(sql)?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect()
        };
        status.packs = pairs("SELECT name, fingerprint FROM packs ORDER BY ord").map_err(|e| self.error(e))?;
        status.keys = pairs("SELECT key, CAST(count(*) AS TEXT) FROM claims GROUP BY key ORDER BY key")
            .map_err(|e| self.error(e))?
            .into_iter()
            .map(|(k, n)| (k, n.parse().unwrap_or(0)))
            .collect();
        Ok(status)
    }

    /// Hands every line `extract --format jsonl` gives for the indexed
    /// corpus to `each`, in its order: the run record of the last update,
    /// each article's record and claims (articles in corpus order, claims
    /// in text order), then the inputs the update could not read and those
    /// it skipped.
    pub fn export(&self, each: &mut dyn FnMut(ShardLine) -> std::io::Result<()>) -> Result<(), IndexError> {
        let write = |e: std::io::Error| IndexError::Write(e.to_string());
        let version = self.meta("version")?.unwrap_or_default();
        let fingerprint = self.meta("fingerprint")?.unwrap_or_default();
        let run = Record::Run {
            crosscheck: version.into(),
            fingerprint: fingerprint.into(),
        };
        each(ShardLine::Record(&run)).map_err(write)?;
        let articles = super::store::Articles::load(self, &[], 0)?;
        let mut order = Vec::new();
        {
            let mut stmt = self
                .conn
                .prepare("SELECT id, name, claims FROM articles ORDER BY ord, id")
                .map_err(|e| self.error(e))?;
            let rows = stmt
                .query_map([], |r| {
                    Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?))
                })
                .map_err(|e| self.error(e))?;
            for row in rows {
                order.push(row.map_err(|e| self.error(e))?);
            }
        }
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT {} FROM claims c JOIN articles a ON a.id = c.article ORDER BY a.ord, a.id, c.seq",
                super::row::COLUMNS
            ))
            .map_err(|e| self.error(e))?;
        let mut rows = stmt.query([]).map_err(|e| self.error(e))?;
        let mut next = order.iter();
        // Writes the records of the articles up to `id` (all with `None`).
        let mut articles_to = |id: Option<i64>, each: &mut dyn FnMut(ShardLine) -> std::io::Result<()>| {
            for (article, name, claims) in next.by_ref() {
                let record = Record::Article {
                    article: name.as_str().into(),
                    claims: (*claims).max(0) as usize,
                };
                each(ShardLine::Record(&record))?;
                if Some(*article) == id {
                    break;
                }
            }
            Ok(())
        };
        let mut current = None;
        while let Some(r) = rows.next().map_err(|e| self.error(e))? {
            let id: i64 = r.get(0).map_err(|e| self.error(e))?;
            if current != Some(id) {
                articles_to(Some(id), each).map_err(write)?;
                current = Some(id);
            }
            if let Some(c) = super::row::read(r, &articles, false).map_err(|e| self.error(e))? {
                each(ShardLine::Claim(&c)).map_err(write)?;
            }
        }
        articles_to(None, each).map_err(write)?;
        let (errors, skipped) = self.problems_all()?;
        for e in &errors {
            each(ShardLine::Record(&Record::unreadable(e))).map_err(write)?;
        }
        for e in &skipped {
            each(ShardLine::Record(&Record::skipped(e))).map_err(write)?;
        }
        Ok(())
    }
}
