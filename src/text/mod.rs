//! Text before matching: the folded view of an article with its map back
//! to the original bytes ([`normalize`]) and word boundaries
//! ([`boundary`]), and spans into the original text ([`span`]). It
//! imports nothing else from the crate: every other stage builds on it.

pub mod boundary;
pub mod normalize;
pub mod span;
