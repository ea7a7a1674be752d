//! crosscheck: checks facts across articles.
//!
//! YAML rule packs ([`rules`]) say which claims are checkable; the engine
//! reads articles ([`corpus`]), folds their text ([`normalize`]), extracts
//! claims in parallel ([`extract`]) through the value grammars
//! ([`grammar`]), compares them as sets ([`value`], [`compare`]) and hands
//! the findings to a report ([`report`]):
//!
//! ```text
//! paths/JSONL ─► corpus ─► normalize ─► extract (rayon) ─► claims ─► compare ─► findings ─► report
//!                           rules/*.yaml ─► ruleset ─┘
//! ```
//!
//! The library never prints; the binary and the reports write.

pub mod baseline;
pub mod boundary;
pub mod compare;
pub mod config;
pub mod corpus;
pub mod diagnostic;
pub mod diff;
pub mod engine;
pub mod extract;
pub mod facts;
pub mod grammar;
pub mod news;
pub mod normalize;
pub mod report;
pub mod rules;
pub mod scope;
pub mod shard;
pub mod sources;
pub mod span;
pub mod spill;
pub mod timeline;
pub mod value;
pub mod yaml;

pub use engine::Engine;
