//! `crosscheck lsp`: a Language Server Protocol server over stdio, on a
//! claim index.
//!
//! An editor opens a Markdown or text draft; the server checks its claims
//! against the indexed articles and publishes the findings as diagnostics
//! at the draft's words, each pointing at the other articles' lines
//! (`relatedInformation`). Hovering a claim shows how crosscheck read it
//! and what the other sources say; code actions accept a finding into the
//! baseline, and for a fact that moves, put the newest figure in place.
//!
//! | module | holds |
//! | --- | --- |
//! | [`transport`] | `Content-Length` frames; malformed input answered |
//! | [`server`] | the life cycle, open documents, debouncing |
//! | `check` | the checking thread: a review ([`crate::review`]) as diagnostics, hovers, actions |
//! | [`position`] | UTF-16 positions and byte offsets |
//! | [`uri`] | `file:` URIs and paths |
//!
//! Built with the `lsp` feature (on by default): `lsp-server` for the
//! message types, `lsp-types` for the protocol's; no async runtime.

// `Uri` keys documents: its interior mutability is a parse cache that
// never changes its hash or equality (both are of its text).
#![allow(clippy::mutable_key_type)]

mod capabilities;
mod check;
pub mod position;
pub mod server;
pub mod transport;
pub mod uri;

pub use server::serve;

use lsp_types::{InitializeParams, TextDocumentContentChangeEvent, Uri};
use std::path::PathBuf;
use std::time::Duration;

/// The command of the "Accept into baseline" action. Its argument names
/// the finding (`{"uri": …, "id": …}`, as the action gives it); a client
/// may add a `"reason"`, else the entry says "accepted in the editor". The
/// entry also says who (`$USER`) and when.
pub const COMMAND_ACCEPT: &str = "crosscheck.accept";

/// How long after the last change a document is checked, by default: a
/// burst of keys (30 ms apart) is one check, and a check of a 10 KB draft
/// against a 1 GiB index (55–70 ms) is out about 110 ms after the last
/// key; a check whose document changed meanwhile is dropped.
pub const DEBOUNCE: Duration = Duration::from_millis(50);

/// What the server checks with: from the command line, completed by the
/// client's `initializationOptions` (`index`, `baseline`, `debounceMs`).
#[derive(Debug, Clone)]
pub struct Options {
    pub index: Option<PathBuf>,
    pub baseline: Option<PathBuf>,
    pub debounce: Duration,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            index: None,
            baseline: None,
            debounce: DEBOUNCE,
        }
    }
}

impl Options {
    /// Takes what the command line left open from `initializationOptions`;
    /// a relative path there is taken from the workspace's root. An index
    /// must be named by one or the other.
    pub fn merge(&mut self, p: &InitializeParams) -> Result<(), String> {
        let given = p.initialization_options.as_ref();
        #[allow(deprecated)] // `root_uri`: the root of clients that send no folders
        let root = p
            .workspace_folders
            .as_ref()
            .and_then(|f| f.first())
            .map(|f| f.uri.as_str().to_string())
            .or_else(|| p.root_uri.as_ref().map(|u| u.as_str().to_string()))
            .and_then(|u| uri::to_path(&u));
        let path = |name: &str| -> Result<Option<PathBuf>, String> {
            match given.and_then(|g| g.get(name)) {
                None | Some(serde_json::Value::Null) => Ok(None),
                Some(serde_json::Value::String(s)) => {
                    let p = PathBuf::from(s);
                    Ok(Some(match &root {
                        Some(root) if p.is_relative() => root.join(p),
                        _ => p,
                    }))
                }
                Some(other) => Err(format!("initializationOptions.{name} must be a path, not {other}")),
            }
        };
        if self.index.is_none() {
            self.index = path("index")?;
        }
        if self.baseline.is_none() {
            self.baseline = path("baseline")?;
        }
        match given.and_then(|g| g.get("debounceMs")) {
            None | Some(serde_json::Value::Null) => {}
            Some(ms) => {
                let ms = ms
                    .as_u64()
                    .ok_or_else(|| format!("initializationOptions.debounceMs must be milliseconds, not {ms}"))?;
                self.debounce = Duration::from_millis(ms);
            }
        }
        if self.index.is_none() {
            return Err(
                "no claim index: start `crosscheck lsp --index FILE`, or give `index` in initializationOptions"
                    .to_string(),
            );
        }
        Ok(())
    }
}

/// Whether a document is prose crosscheck reads: Markdown or plain text
/// by its language, else by its file's extension.
pub fn is_prose(uri: &Uri, language: &str) -> bool {
    match language {
        "markdown" | "plaintext" | "text" | "txt" => true,
        _ => {
            let path = uri
                .as_str()
                .split(['?', '#'])
                .next()
                .unwrap_or_default()
                .to_ascii_lowercase();
            [".md", ".markdown", ".txt", ".text"].iter().any(|e| path.ends_with(e))
        }
    }
}

/// Applies one change of `didChange` to a document's text: the whole text,
/// or a range of it (UTF-16 positions).
pub fn apply_change(text: &mut String, change: TextDocumentContentChangeEvent) {
    match change.range {
        None => *text = change.text,
        Some(range) => {
            let lines = position::Lines::new(text);
            let (start, end) = (lines.offset(range.start), lines.offset(range.end));
            let (start, end) = (start.min(end), start.max(end));
            text.replace_range(start..end, &change.text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};

    #[test]
    fn a_ranged_change_replaces_utf16_positions() {
        let mut text = "شاركت 179 دولة".to_string();
        let change = TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(0, 6), Position::new(0, 9))),
            range_length: None,
            text: "196".to_string(),
        };
        apply_change(&mut text, change);
        assert_eq!(text, "شاركت 196 دولة");
    }

    #[test]
    fn markdown_and_text_are_prose() {
        let uri: Uri = "file:///d/a.md".parse().unwrap();
        assert!(is_prose(&uri, "markdown"));
        assert!(is_prose(&uri, "unknown"));
        let rust: Uri = "file:///d/a.rs".parse().unwrap();
        assert!(!is_prose(&rust, "rust"));
        assert!(is_prose(&rust, "plaintext"));
    }
}
