//! crosscheck: checks facts across articles.
//!
//! YAML rule packs ([`rules`]) say which claims are checkable; the
//! [`Engine`] reads articles ([`input`]), folds their text ([`text`]),
//! extracts claims in parallel ([`extract`]) through the value grammars
//! ([`grammar`]) into a claim store ([`engine::store`]), compares them key
//! by key as sets of values ([`model`], [`compare`]) and on a timeline
//! ([`compare::timeline`]), and hands the findings to a report
//! ([`report`]):
//!
//! ```text
//! paths/JSONL ─► input ─► text ─► extract (rayon) ─► ClaimStore ─► compare ─► findings ─► report
//!                 rules/*.yaml ─► rules ─┘           (memory | spill)  (Engine::run, key by key)
//! ```
//!
//! The folders are the stages, and each imports only the stages above it
//! in this list, so there is no cycle between them:
//!
//! | module | holds | imports |
//! | --- | --- | --- |
//! | [`text`] | folding, word boundaries, spans | nothing |
//! | [`yaml`], [`diagnostic`] | the one serde_yaml caller; miette sources | `text` |
//! | [`model`] | values as sets, kinds of fact | `text` |
//! | [`grammar`] | numbers, ordinals, dates, their lexicons | `model`, `text`, `yaml` |
//! | [`news`] | time, body and stance of a sentence | `grammar`, `text`, `yaml` |
//! | [`rules`] | rule packs: loading, patterns, prefilter | the above |
//! | [`input`] | articles, front matter, sources and weights | `text`, `yaml`, `diagnostic` |
//! | [`extract`] | claims of every article; claim shards | the above |
//! | [`compare`] | majority, timeline, scopes, facts, baselines | the above |
//! | [`engine`] | claim stores, the check path, its result | the above |
//! | [`index`] | the claim index of a corpus (SQLite), a claim store | the above |
//! | [`diff`] | the table of sources | the above but `engine` |
//! | [`report`] | the seven formats, where a report goes | the above |
//! | [`config`] | `crosscheck.toml` | `report`, `rules`, `diagnostic` |
//! | [`setup`] | config, packs, mapping and engine files, loaded | the above |
//! | [`review`] | one draft against the index: findings, search, accepting | the above |
//! | `lsp` | the language server (feature `lsp`): a review as an editor shows it | `review` |
//! | `serve` | the review page's server (feature `serve`) | `review` |
//!
//! The library never prints; the binary and the reports write. Every front
//! end (the command line, a server, an editor) builds an [`Engine`] and
//! calls the same path: [`Engine::check_paths`] in one call, or
//! [`Engine::gather`] and [`Engine::run`] to keep the claims on disk and
//! write a report as the findings are made.

pub mod compare;
pub mod config;
pub mod diagnostic;
pub mod diff;
pub mod engine;
pub mod extract;
pub mod grammar;
pub mod index;
pub mod input;
#[cfg(feature = "lsp")]
pub mod lsp;
pub mod model;
pub mod news;
pub mod report;
pub mod review;
pub mod rules;
#[cfg(feature = "serve")]
pub mod serve;
pub mod setup;
pub mod text;
pub mod yaml;

pub use engine::Engine;
