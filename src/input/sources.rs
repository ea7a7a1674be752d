//! Sources and their weights: how much an outlet's word counts.
//!
//! Every article has a source: front matter `source`, the JSONL field, a
//! mapping file given with `--sources FILE` ([`SourceMap`]), or the first
//! folder under the path given, in that order. `--source-weights FILE` gives
//! trust weights (a wire agency above an aggregator), so the majority of a
//! finding is weighted; a source the file does not name weighs `default`.
//!
//! ```yaml
//! default: 1        # optional, 1 when absent
//! sources:
//!   map: 3          # the national wire agency
//!   hespress: 1.5
//!   aggregator: 0.5
//! ```

use crate::diagnostic::TextSource;
use crate::input::corpus::Input;
use miette::{Diagnostic, LabeledSpan, SourceCode};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// Trust weights by source.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceWeights {
    #[serde(default = "one")]
    pub default: f64,
    #[serde(default)]
    pub sources: BTreeMap<String, f64>,
}

fn one() -> f64 {
    1.0
}

impl Default for SourceWeights {
    fn default() -> SourceWeights {
        SourceWeights {
            default: 1.0,
            sources: BTreeMap::new(),
        }
    }
}

/// A weights file that cannot be used.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("source weights {path}: {reason}")]
#[diagnostic(code(crosscheck::source_weights))]
pub struct WeightsError {
    pub path: String,
    pub reason: String,
}

impl SourceWeights {
    pub fn load(path: &Path) -> Result<SourceWeights, WeightsError> {
        let err = |reason: String| WeightsError {
            path: path.display().to_string(),
            reason,
        };
        let text = std::fs::read_to_string(path).map_err(|e| err(e.to_string()))?;
        crate::yaml::check_nesting(&text).map_err(|deep| err(deep.located(&text)))?;
        let w: SourceWeights = crate::yaml::from_str(&text).map_err(|e| err(e.to_string()))?;
        let bad = std::iter::once(("default", w.default))
            .chain(w.sources.iter().map(|(k, v)| (k.as_str(), *v)))
            .find(|(_, v)| !v.is_finite() || *v < 0.0);
        if let Some((name, v)) = bad {
            return Err(err(format!("weight of `{name}` must be a number ≥ 0, not {v}")));
        }
        Ok(w)
    }

    /// Whether any source weighs other than 1 (reports then say "weighted").
    pub fn is_weighted(&self) -> bool {
        self.default != 1.0 || self.sources.values().any(|&v| v != 1.0)
    }

    pub fn weight(&self, source: Option<&str>) -> f64 {
        source
            .and_then(|s| self.sources.get(s))
            .copied()
            .unwrap_or(self.default)
    }
}

/// Which source (outlet) each article file belongs to, from a mapping file
/// given with `--sources FILE`: one YAML mapping, an article path or glob
/// on the left, a source name on the right.
///
/// ```yaml
/// # docs/seeds-sources.yaml
/// seeds/004_ab1a5d83bf4eb712.txt: kech24   # one article
/// "corpus/wire/**": map                    # every article under a folder
/// "*.hespress.md": hespress                # a file name, wherever it is
/// ```
///
/// - Globs are globset's: `*` and `?` stay within one path component,
///   `**` crosses folders, `{a,b}` and `[ab]` work; a plain path is a glob
///   that matches itself.
/// - A pattern with no `/` matches the file name, wherever the file is.
///   A pattern with a `/` matches the article's path as given on the
///   command line, which is how reports name it (`seeds/003_….txt`;
///   a leading `./` does not count), or its path relative to the mapping
///   file's folder, so a mapping kept beside its corpus works from anywhere.
/// - The first pattern that matches names the source; a pattern given
///   twice is an error.
///
/// Precedence, highest first: the article's own `source` (front matter, or
/// the JSONL field), then this file, then the first folder under the path
/// given. The article's own word is the most specific; the mapping is
/// written on purpose, the folder is only where the file happens to sit.
/// The mapping applies to article files: the lines of a JSONL corpus name
/// their source in their `source` field, and stdin has no path to match.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    entries: Vec<MapEntry>,
    /// The mapping file's folder, absolute.
    base: Option<PathBuf>,
}

#[derive(Debug, Clone)]
struct MapEntry {
    matcher: globset::GlobMatcher,
    /// Whether the pattern names a path (has a `/`), or only a file name.
    path: bool,
    source: String,
}

/// A mapping file that cannot be used: the reason, and the place in the
/// file it points at.
#[derive(Debug, Clone)]
pub struct SourceMapError {
    pub path: String,
    pub message: String,
    pub label: String,
    /// Byte offset and length in the file.
    pub span: Option<(usize, usize)>,
    pub file: Option<Arc<TextSource>>,
}

impl SourceMapError {
    /// The 1-based line and column (characters) the error points at.
    pub fn line_col(&self) -> Option<(usize, usize)> {
        let ((offset, _), file) = (self.span?, self.file.as_ref()?);
        let lc = crate::text::span::LineCol::of(file.text(), offset.min(file.text().len()));
        Some((lc.line, lc.column))
    }
}

impl fmt::Display for SourceMapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line_col() {
            Some((line, column)) => write!(f, "source map {}:{line}:{column}: {}", self.path, self.message),
            None => write!(f, "source map {}: {}", self.path, self.message),
        }
    }
}

impl std::error::Error for SourceMapError {}

impl Diagnostic for SourceMapError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new("crosscheck::sources"))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(
            "a source map is one YAML mapping: `article path or glob: source name`, one a line",
        ))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.file.as_deref().map(|f| f as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.file.as_ref()?;
        let (offset, len) = self.span?;
        let label = LabeledSpan::new(Some(self.label.clone()), offset, len);
        Some(Box::new(std::iter::once(label)))
    }
}

impl SourceMap {
    /// Reads a mapping file; patterns with a `/` also match relative to
    /// its folder.
    pub fn load(path: &Path) -> Result<SourceMap, SourceMapError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| SourceMapError {
            path: name.clone(),
            message: format!("cannot read it: {e}"),
            label: String::new(),
            span: None,
            file: None,
        })?;
        let base = path
            .parent()
            .map(|p| if p.as_os_str().is_empty() { Path::new(".") } else { p })
            .and_then(|p| std::fs::canonicalize(p).ok());
        let mut map = SourceMap::parse(&name, text)?;
        map.base = base;
        Ok(map)
    }

    /// Parses a mapping file's text; `name` is how errors name the file.
    pub fn parse(name: &str, text: String) -> Result<SourceMap, SourceMapError> {
        // The parser recurses once a level: refuse deep nesting first.
        let deep = crate::yaml::check_nesting(&text).err();
        let mut events = Events::default();
        let parsed = match deep {
            None => Parser::new_from_str(&text).load(&mut events, true),
            Some(_) => Ok(()),
        };
        let file = Arc::new(TextSource::new(name, text));
        let text = file.text();
        let char_to_byte: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        let byte = |m: &Marker| char_to_byte.get(m.index()).copied().unwrap_or(text.len());
        let fail = |message: String, label: &str, span: Option<(usize, usize)>| SourceMapError {
            path: name.to_string(),
            message,
            label: label.to_string(),
            span,
            file: Some(file.clone()),
        };
        if let Some(deep) = deep {
            return Err(fail(deep.to_string(), "too deep here", Some(fit(text, deep.offset, 1))));
        }
        if let Err(e) = parsed {
            let at = byte(e.marker());
            return Err(fail(
                format!("invalid YAML: {}", e.info()),
                "here",
                Some(fit(text, at, 1)),
            ));
        }
        let mut nodes = events.0.into_iter().filter(|(e, _)| {
            !matches!(
                e,
                Event::StreamStart | Event::StreamEnd | Event::DocumentStart | Event::DocumentEnd | Event::Nothing
            )
        });
        // A scalar's text as written (within its line), from its marker.
        let scalar_span = |v: &str, style: TScalarStyle, m: &Marker| {
            let start = byte(m);
            let quoted = matches!(style, TScalarStyle::SingleQuoted | TScalarStyle::DoubleQuoted);
            let len = v.len() + 2 * usize::from(quoted);
            let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
            fit(text, start, len.min(line_end - start).max(1))
        };
        // Any node: a scalar's text, else the character it starts at.
        let span_of = |e: &Event, m: &Marker| match e {
            Event::Scalar(v, style, ..) => scalar_span(v, *style, m),
            _ => fit(text, byte(m), 1),
        };
        let mut map = SourceMap::default();
        match nodes.next() {
            None => return Ok(map),
            Some((Event::MappingStart(..), _)) => {}
            Some((Event::Scalar(v, TScalarStyle::Plain, ..), _)) if is_null(&v) => return Ok(map),
            Some((e, m)) => {
                let msg = "the file must be a mapping of article paths or globs to source names".to_string();
                return Err(fail(msg, "not a mapping", Some(span_of(&e, &m))));
            }
        }
        let mut seen: Vec<String> = Vec::new();
        loop {
            let (key, key_span) = match nodes.next() {
                Some((Event::MappingEnd, _)) | None => break,
                Some((Event::Scalar(k, style, ..), m)) => {
                    let span = scalar_span(&k, style, &m);
                    (k, span)
                }
                Some((e, m)) => {
                    let msg = "an article path or glob must be a plain string".to_string();
                    return Err(fail(msg, "not a path", Some(span_of(&e, &m))));
                }
            };
            let (source, plain) = match nodes.next() {
                Some((Event::Scalar(v, style, ..), _)) => (v, style == TScalarStyle::Plain),
                Some((e, m)) => {
                    let msg = format!("the source of `{key}` must be one name, not a list or a mapping");
                    return Err(fail(msg, "not a name", Some(span_of(&e, &m))));
                }
                None => break,
            };
            let pattern = key.trim();
            if pattern.is_empty() {
                return Err(fail("an empty article path".into(), "empty", Some(key_span)));
            }
            let source = source.trim().to_string();
            if source.is_empty() || (plain && is_null(&source)) {
                let msg = format!("`{pattern}` has no source name");
                return Err(fail(msg, "no source name after this", Some(key_span)));
            }
            if seen.iter().any(|s| s == pattern) {
                let msg = format!("`{pattern}` is given twice");
                return Err(fail(msg, "given again here", Some(key_span)));
            }
            seen.push(pattern.to_string());
            let pattern_path = pattern.strip_prefix("./").unwrap_or(pattern);
            let glob = globset::GlobBuilder::new(pattern_path)
                .literal_separator(true)
                .backslash_escape(true)
                .build()
                .map_err(|e| {
                    let reason = e.kind().to_string();
                    fail(format!("bad glob `{pattern}`: {reason}"), "bad glob", Some(key_span))
                })?;
            map.entries.push(MapEntry {
                matcher: glob.compile_matcher(),
                path: pattern_path.contains('/'),
                source,
            });
        }
        if let Some((e, m)) = nodes.find(|(e, _)| !matches!(e, Event::MappingEnd)) {
            let msg = "a source map is one YAML document, one mapping".to_string();
            return Err(fail(msg, "more here", Some(span_of(&e, &m))));
        }
        Ok(map)
    }

    /// Whether the map names no article.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The source the map gives an article file, if any.
    pub fn source_of(&self, article: &Path) -> Option<&str> {
        if self.entries.is_empty() {
            return None;
        }
        let given: PathBuf = article.components().filter(|c| *c != Component::CurDir).collect();
        let file_name = article.file_name().map(Path::new);
        let mut relative: Option<Option<PathBuf>> = None;
        for entry in &self.entries {
            let hit = if entry.path {
                entry.matcher.is_match(&given)
                    || relative
                        .get_or_insert_with(|| self.relative(article))
                        .as_deref()
                        .is_some_and(|r| entry.matcher.is_match(r))
            } else {
                file_name.is_some_and(|n| entry.matcher.is_match(n))
            };
            if hit {
                return Some(&entry.source);
            }
        }
        None
    }

    /// The article's path relative to the mapping file's folder, if under it.
    fn relative(&self, article: &Path) -> Option<PathBuf> {
        let base = self.base.as_deref()?;
        let full = std::fs::canonicalize(article).ok()?;
        full.strip_prefix(base).ok().map(Path::to_path_buf)
    }

    /// Gives each article file the map's source in place of its folder's
    /// (front matter, read later, still overrides both).
    pub fn apply(&self, inputs: &mut [Input]) {
        if self.entries.is_empty() {
            return;
        }
        for input in inputs {
            if let Input::File(path, folder) = input {
                if let Some(source) = self.source_of(path) {
                    *folder = Some(source.to_string());
                }
            }
        }
    }
}

/// A plain YAML scalar that means "nothing".
fn is_null(v: &str) -> bool {
    matches!(v, "" | "~" | "null" | "Null" | "NULL")
}

/// A span at `start`, cut to the text and widened to char boundaries.
fn fit(text: &str, start: usize, len: usize) -> (usize, usize) {
    let start = start.min(text.len());
    let mut end = (start + len).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    (start, end - start)
}

/// Every event of a YAML stream, with where it starts.
#[derive(Default)]
struct Events(Vec<(Event, Marker)>);

impl MarkedEventReceiver for Events {
    fn on_event(&mut self, event: Event, mark: Marker) {
        self.0.push((event, mark));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_sources_weigh_their_weight_others_the_default() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("w.yaml");
        std::fs::write(&p, "default: 0.5\nsources:\n  map: 3\n").unwrap();
        let w = SourceWeights::load(&p).unwrap();
        assert_eq!(w.weight(Some("map")), 3.0);
        assert_eq!(w.weight(Some("other")), 0.5);
        assert_eq!(w.weight(None), 0.5);
        assert!(w.is_weighted());
    }

    #[test]
    fn negative_weights_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("w.yaml");
        std::fs::write(&p, "sources:\n  map: -1\n").unwrap();
        assert!(SourceWeights::load(&p).unwrap_err().reason.contains("`map`"));
    }

    fn map(text: &str) -> SourceMap {
        SourceMap::parse("m.yaml", text.to_string()).unwrap_or_else(|e| panic!("{e}"))
    }

    fn map_error(text: &str) -> SourceMapError {
        SourceMap::parse("m.yaml", text.to_string()).expect_err("a bad source map")
    }

    #[test]
    fn paths_globs_and_file_names_name_sources_first_match_first() {
        let m = map(concat!(
            "# comment\n",
            "seeds/004_ab.txt: kech24\n",
            "\"corpus/wire/**\": map\n",
            "'*.hespress.md': hespress\n",
            "corpus/*.txt: loose\n",
            "corpus/wire/a.txt: never\n",
        ));
        let of = |p: &str| m.source_of(Path::new(p));
        assert_eq!(of("seeds/004_ab.txt"), Some("kech24"));
        assert_eq!(of("./seeds/004_ab.txt"), Some("kech24"));
        assert_eq!(of("other/seeds/004_ab.txt"), None, "a path pattern is anchored");
        assert_eq!(of("corpus/wire/2025/a.txt"), Some("map"));
        assert_eq!(of("corpus/wire/a.txt"), Some("map"), "the first match wins");
        assert_eq!(of("deep/down/x.hespress.md"), Some("hespress"));
        assert_eq!(of("corpus/b.txt"), Some("loose"));
        assert_eq!(of("corpus/sub/b.txt"), None, "`*` stays in one folder");
    }

    #[test]
    fn patterns_also_match_relative_to_the_mapping_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("corpus/x")).unwrap();
        let article = dir.path().join("corpus/x/a.txt");
        std::fs::write(&article, "نص").unwrap();
        let p = dir.path().join("sources.yaml");
        std::fs::write(&p, "corpus/x/a.txt: wire\n").unwrap();
        let m = SourceMap::load(&p).unwrap();
        assert_eq!(m.source_of(&article), Some("wire"));
    }

    #[test]
    fn the_map_replaces_the_folder_source_only() {
        let m = map("a/b.txt: mapped\n");
        let mut inputs = vec![
            Input::File(PathBuf::from("a/b.txt"), Some("a".into())),
            Input::File(PathBuf::from("a/c.txt"), Some("a".into())),
            Input::Jsonl(PathBuf::from("a/b.txt")),
        ];
        m.apply(&mut inputs);
        assert_eq!(inputs[0], Input::File(PathBuf::from("a/b.txt"), Some("mapped".into())));
        assert_eq!(inputs[1], Input::File(PathBuf::from("a/c.txt"), Some("a".into())));
        assert_eq!(inputs[2], Input::Jsonl(PathBuf::from("a/b.txt")));
    }

    #[test]
    fn an_empty_file_maps_nothing() {
        assert!(map("").is_empty());
        assert!(map("# nothing yet\n").is_empty());
    }

    #[test]
    fn errors_point_at_their_line_and_column() {
        let cases = [
            ("a.txt: x\n\"b/[*.txt\": y\n", (2, 1), "bad glob", "\"b/[*.txt\""),
            ("a.txt: x\nb.txt: [x, y]\n", (2, 8), "one name", "["),
            ("a.txt: x\na.txt: y\n", (2, 1), "twice", "a.txt"),
            ("a.txt: x\nb.txt:\n", (2, 1), "no source name", "b.txt"),
            ("- a\n- b\n", (1, 1), "must be a mapping", "-"),
            ("a.txt: x\n  b: : c\n", (2, 4), "invalid YAML", ":"),
            ("مقال.txt: x\n\"مقال[.txt\": y\n", (2, 1), "bad glob", "\"مقال[.txt\""),
            // Columns count characters, not bytes.
            ("a.txt: x\nمقال.txt: [x]\n", (2, 11), "one name", "["),
        ];
        for (text, at, says, labelled) in cases {
            let e = map_error(text);
            assert_eq!(e.line_col(), Some(at), "{text:?}: {e}");
            assert!(e.to_string().contains(says), "{text:?}: {e}");
            let (start, len) = e.span.unwrap();
            assert_eq!(&text[start..start + len], labelled, "{text:?}");
        }
    }
}
