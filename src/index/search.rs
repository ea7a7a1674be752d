//! What the index holds of a fact: every indexed claim of a key (or of
//! the keys under a prefix), by date and source, for "what did the
//! archive say about this?" ([`Index::search`]).

use super::{Index, IndexError};

/// One indexed claim, as a search lists it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Stated {
    pub key: String,
    /// The value's canonical form (`196`, `2025-11-24/2025-11-27`).
    pub value: String,
    pub article: String,
    /// The article's outlet, if known.
    pub source: Option<String>,
    /// The article's publication date (`YYYY-MM-DD`), if known.
    pub published: Option<String>,
    /// When the sentence says the figure held, if it says.
    pub as_of: Option<String>,
    /// Who the sentence says gave the figure, as written.
    pub attribution: Option<String>,
    /// The claim's text, as written.
    pub text: String,
    /// Its line in the article (1-based).
    pub line: usize,
}

/// The claims a search lists at most, unless asked for fewer.
pub const SEARCH_LIMIT: usize = 500;

impl Index {
    /// The indexed claims whose key is `key`, or starts with `key` when it
    /// ends with `.` or `*` (`interpol.` and `interpol.*` list every key
    /// of the pack): by key, then publication date (undated last), source
    /// and article; at most `limit`. Reads one snapshot.
    pub fn search(&self, key: &str, limit: usize) -> Result<Vec<Stated>, IndexError> {
        let (pattern, exact) = match key.strip_suffix('*') {
            Some(prefix) => (like_prefix(prefix), false),
            None if key.ends_with('.') => (like_prefix(key), false),
            None => (key.to_string(), true),
        };
        let sql = format!(
            "SELECT key, value, article, source, published, as_of, attribution, text, line FROM claim_list \
             WHERE {} ORDER BY key, published IS NULL, published, source IS NULL, source, article, start LIMIT ?2",
            if exact { "key = ?1" } else { "key LIKE ?1 ESCAPE '\\'" }
        );
        let run = || -> rusqlite::Result<Vec<Stated>> {
            let mut stmt = self.conn.prepare(&sql)?;
            let rows = stmt.query_map(rusqlite::params![pattern, limit as i64], |r| {
                Ok(Stated {
                    key: r.get(0)?,
                    value: r.get(1)?,
                    article: r.get(2)?,
                    source: r.get(3)?,
                    published: r.get(4)?,
                    as_of: r.get(5)?,
                    attribution: r.get(6)?,
                    text: r.get(7)?,
                    line: r.get::<_, i64>(8)?.max(0) as usize,
                })
            })?;
            rows.collect()
        };
        run().map_err(|e| self.error(e))
    }
}

/// A `LIKE` pattern for the keys that start with `prefix`, its `%`, `_`
/// and `\` taken as themselves.
fn like_prefix(prefix: &str) -> String {
    let mut pattern = String::with_capacity(prefix.len() + 1);
    for ch in prefix.chars() {
        if matches!(ch, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(ch);
    }
    pattern.push('%');
    pattern
}

#[cfg(test)]
mod tests {
    use super::like_prefix;

    #[test]
    fn a_prefix_matches_its_wildcards_as_themselves() {
        assert_eq!(like_prefix("a_b%"), "a\\_b\\%%");
        assert_eq!(like_prefix("interpol."), "interpol.%");
    }
}
