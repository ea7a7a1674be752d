//! Text before matching: the folded view of an article with its map back
//! to the original bytes ([`normalize`]) and word boundaries
//! ([`boundary`]), spans into the original text ([`span`]), and the
//! digest that names a text ([`sha256_hex`]). It imports nothing else from
//! the crate: every other stage builds on it.

pub mod boundary;
pub mod expansion;
pub mod normalize;
pub mod span;

/// The SHA-256 of `parts` in lowercase hex, each part after its length
/// (so no two lists of parts give the same bytes).
pub fn sha256_hex(parts: &[&[u8]]) -> String {
    use sha2::Digest;
    let mut hasher = sha2::Sha256::new();
    for part in parts {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Writes `bytes` to `path` of a cache folder whole: under a temporary
/// name in the same folder (made if need be), then renamed, so a
/// concurrent reader sees the file whole or not at all. Then removes the
/// folder's files older than `age`, except `path` (each build and set of
/// packs writes its own; a file removed under a reader's feet only makes
/// that reader do the work). False when the file could not be written,
/// which for a cache is no error.
pub fn write_cache_file(path: &std::path::Path, bytes: &[u8], age: std::time::Duration) -> bool {
    let Some(folder) = path.parent() else {
        return false;
    };
    if std::fs::create_dir_all(folder).is_err() {
        return false;
    }
    let Ok(mut tmp) = tempfile::NamedTempFile::new_in(folder) else {
        return false;
    };
    if std::io::Write::write_all(&mut tmp, bytes).is_err() || tmp.persist(path).is_err() {
        return false;
    }
    let Ok(entries) = std::fs::read_dir(folder) else {
        return true;
    };
    let now = std::time::SystemTime::now();
    for entry in entries.flatten() {
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| now.duration_since(t).ok())
            .is_some_and(|a| a > age);
        if old && entry.path() != path {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    true
}
