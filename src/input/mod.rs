//! Where claims come from: articles on disk or in JSONL ([`corpus`],
//! with their front matter), the outlets that wrote them and their
//! weights ([`sources`]).

pub mod corpus;
pub mod sources;
