//! crosscheck: checks facts across articles.
pub mod normalize;
pub mod span;
