//! crosscheck: checks facts across articles.
//!
//! YAML rule packs ([`rules`]) say which claims are checkable; the
//! [`Engine`] reads articles ([`corpus`]), folds their text
//! ([`normalize`]), extracts claims in parallel ([`extract`]) through the
//! value grammars ([`grammar`]) into a claim store ([`engine::store`]),
//! compares them key by key as sets ([`value`], [`compare`]) and on a
//! timeline ([`timeline`]), and hands the findings to a report
//! ([`report`]):
//!
//! ```text
//! paths/JSONL ─► corpus ─► normalize ─► extract (rayon) ─► ClaimStore ─► compare/timeline ─► findings ─► report
//!                           rules/*.yaml ─► ruleset ─┘      (memory | spill)     (Engine::run, key by key)
//! ```
//!
//! The library never prints; the binary and the reports write. Every front
//! end (the command line, a server, an editor) builds an [`Engine`] and
//! calls the same path: [`Engine::check_paths`] in one call, or
//! [`Engine::gather`] and [`Engine::run`] to keep the claims on disk and
//! write a report as the findings are made.

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
