//! Where each value of a YAML file sits, for diagnostics that point into it.
//!
//! serde_yaml gives a location for syntax and type errors only. Errors found
//! after deserializing (a bad regex, a duplicate id, a failing example) need
//! the place of one value, so [`Locations`] walks the file's event stream
//! once (yaml-rust2 reports a marker for every node) and records the byte
//! span of every node under its path, e.g. `rules.2.patterns.0`.

use std::collections::HashMap;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// Byte spans of the nodes of one YAML document, by path.
#[derive(Debug, Default)]
pub struct Locations {
    spans: HashMap<String, (usize, usize)>,
}

impl Locations {
    pub fn new(source: &str) -> Locations {
        let mut walker = Walker {
            source,
            char_to_byte: source.char_indices().map(|(i, _)| i).collect(),
            stack: Vec::new(),
            spans: HashMap::new(),
        };
        let mut parser = Parser::new_from_str(source);
        // A file that does not parse has no locations; serde_yaml reports it.
        let _ = parser.load(&mut walker, false);
        let spans = walker.spans.into_iter().map(|(k, s)| (k, fit(source, s))).collect();
        Locations { spans }
    }

    /// The span of the node at `path`, or of its nearest located parent.
    pub fn span(&self, path: &str) -> Option<(usize, usize)> {
        let mut path = path;
        loop {
            if let Some(&span) = self.spans.get(path) {
                return Some(span);
            }
            path = &path[..path.rfind('.')?];
        }
    }
}

enum Frame {
    Seq {
        path: String,
        next: usize,
    },
    Map {
        path: String,
        key: Option<String>,
        fresh: bool,
    },
}

struct Walker<'a> {
    source: &'a str,
    char_to_byte: Vec<usize>,
    stack: Vec<Frame>,
    spans: HashMap<String, (usize, usize)>,
}

impl Walker<'_> {
    fn byte(&self, mark: Marker) -> usize {
        self.char_to_byte
            .get(mark.index())
            .copied()
            .unwrap_or(self.source.len())
    }

    /// The path of the node that starts now; advances the parent.
    /// `None` when the node is a mapping key.
    fn child_path(&mut self) -> Option<String> {
        match self.stack.last_mut() {
            None => Some(String::new()),
            Some(Frame::Seq { path, next }) => {
                let p = join(path, &next.to_string());
                *next += 1;
                Some(p)
            }
            Some(Frame::Map { path, key, .. }) => key.take().map(|k| join(path, &k)),
        }
    }
}

/// A span cut to the file and widened to char boundaries: a node at the
/// very end of the file, or an escaped scalar shorter than its source.
fn fit(source: &str, (start, len): (usize, usize)) -> (usize, usize) {
    let start = start.min(source.len());
    let mut end = (start + len).min(source.len());
    while !source.is_char_boundary(end) {
        end += 1;
    }
    (start, end - start)
}

fn join(parent: &str, child: &str) -> String {
    if parent.is_empty() {
        child.to_string()
    } else {
        format!("{parent}.{child}")
    }
}

impl MarkedEventReceiver for Walker<'_> {
    fn on_event(&mut self, event: Event, mark: Marker) {
        let start = self.byte(mark);
        match event {
            Event::Scalar(value, style, ..) => {
                let Some(path) = self.child_path() else {
                    // A mapping key: remember it, and where it is.
                    if let Some(Frame::Map { path, key, fresh }) = self.stack.last_mut() {
                        // A block mapping's own marker sits after its first
                        // key; point at that key instead.
                        if std::mem::take(fresh) {
                            self.spans.insert(path.clone(), (start, value.len().max(1)));
                        }
                        *key = Some(value);
                    }
                    return;
                };
                let quoted = matches!(style, TScalarStyle::SingleQuoted | TScalarStyle::DoubleQuoted);
                let len = value.len() + if quoted { 2 } else { 0 };
                let line_end = self.source[start..].find('\n').map_or(self.source.len(), |i| start + i);
                self.spans.insert(path, (start, len.min(line_end - start).max(1)));
            }
            Event::SequenceStart(..) => {
                let path = self.child_path().unwrap_or_default();
                self.spans.insert(path.clone(), (start, 1));
                self.stack.push(Frame::Seq { path, next: 0 });
            }
            Event::MappingStart(..) => {
                let path = self.child_path().unwrap_or_default();
                self.spans.insert(path.clone(), (start, 1));
                self.stack.push(Frame::Map {
                    path,
                    key: None,
                    fresh: true,
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_values() {
        let src = "pack: p\nrules:\n  - id: a\n    patterns: ['x {count}', \"دولة\"]\n";
        let loc = Locations::new(src);
        let (start, len) = loc.span("rules.0.patterns.1").unwrap();
        assert_eq!(&src[start..start + len], "\"دولة\"");
        let (start, len) = loc.span("rules.0.id").unwrap();
        assert_eq!(&src[start..start + len], "a");
        let (start, _) = loc.span("rules.0.missing").unwrap();
        assert_eq!(&src[start..start + 2], "id");
    }
}
