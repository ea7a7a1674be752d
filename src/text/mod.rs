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
