//! Corpus: finds and reads articles.
//!
//! Inputs are files, folders (walked recursively, in name order, following
//! symlinks with loop detection), `-` for stdin, and `.jsonl` corpora with
//! one article an object (`id`, `source`, `published`, `title`, `text`).
//! Articles are `.txt`, `.md`, `.markdown` and `.html` files in a folder; a
//! file named on the command line is read whatever its extension. Optional
//! YAML front matter (`---` … `---`) gives `source`, `published`, `title`.
//!
//! [`discover`] lists [`Input`]s without reading them; [`Input::read`] reads
//! one into [`Article`]s (a JSONL file gives many). A failure is an
//! [`InputError`] naming the path and the reason; the caller counts it and
//! goes on with the other inputs.

use chrono::NaiveDate;
use serde::Deserialize;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Extensions read from inside folders.
const ARTICLE_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm"];
/// Articles must fit `u32` offsets.
const MAX_ARTICLE_BYTES: u64 = u32::MAX as u64 - 1;

/// One article, read.
#[derive(Debug, Clone)]
pub struct Article {
    /// How reports name it: the path, or `corpus.jsonl:12` / the JSONL `id`.
    pub name: String,
    pub source: Option<String>,
    pub published: Option<NaiveDate>,
    /// The publication time of day, when `published` is a date-time
    /// (`2026-03-06T16:40:00+01:00` gives 16:40, as written).
    pub published_time: Option<chrono::NaiveTime>,
    pub title: Option<String>,
    /// The whole text as read (front matter included), for offsets.
    pub text: String,
    /// Where the body starts, after front matter.
    pub body_start: usize,
}

impl Article {
    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }
}

/// Something to read: a file, stdin, or a JSONL corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// An article file, and the source its folder names: the first folder
    /// under the path given (`corpus/hespress/a.txt` → `hespress`).
    File(PathBuf, Option<String>),
    Jsonl(PathBuf),
    Stdin,
    /// Standard input read as a JSONL corpus (`--stdin-jsonl`).
    StdinJsonl,
}

/// An input that could not be read, and why.
#[derive(Debug, Clone, thiserror::Error, miette::Diagnostic)]
#[error("{path}: {reason}")]
#[diagnostic(code(crosscheck::input))]
pub struct InputError {
    pub path: String,
    pub reason: String,
}

impl InputError {
    pub fn new(path: impl Into<String>, reason: impl Into<String>) -> InputError {
        InputError {
            path: path.into(),
            reason: reason.into(),
        }
    }
}

/// Inputs read and skipped, not unreadable: an empty file, or front matter
/// that could not be read (named `front matter of a.md`; the text is still
/// checked). Reading runs on worker threads, so one run's notes are
/// gathered here, behind a lock, for the caller to name; two runs never
/// share one.
#[derive(Debug, Default)]
pub struct Notes(std::sync::Mutex<Vec<InputError>>);

impl Notes {
    pub fn new() -> Notes {
        Notes::default()
    }

    /// Records a note.
    pub fn push(&self, note: InputError) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(note);
    }

    /// The notes recorded so far (each with the reason, such as `empty
    /// file`), sorted by path, one a path; the record is emptied.
    pub fn take(&self) -> Vec<InputError> {
        let mut skipped = std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()));
        sort_notes(&mut skipped);
        skipped
    }
}

/// Notes of several runs as one run gives them: sorted by path, one a
/// path.
pub fn sort_notes(notes: &mut Vec<InputError>) {
    notes.sort_by(|a, b| a.path.cmp(&b.path));
    notes.dedup_by(|a, b| a.path == b.path);
}

/// Lists the inputs under the given paths, in a stable order: the paths as
/// given, each folder's files sorted by name. `accept` filters the files
/// found inside folders (a file named on the command line is always read).
/// Errors (a missing path, a symlink loop) come back beside the inputs.
pub fn discover(paths: &[PathBuf], accept: &dyn Fn(&Path) -> bool) -> (Vec<Input>, Vec<InputError>) {
    let found = discover_all(paths, accept);
    (found.inputs, found.errors)
}

/// What [`discover_all`] found under the paths.
#[derive(Debug, Default)]
pub struct Discovered {
    pub inputs: Vec<Input>,
    pub errors: Vec<InputError>,
    /// The folders given that hold no article to read.
    pub empty: Vec<EmptyFolder>,
}

/// A folder given as an input in which nothing is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmptyFolder {
    /// As given.
    pub path: String,
    /// Article files (by extension) that `accept` turned down.
    pub excluded: usize,
    /// Files that are not articles by their extension.
    pub others: usize,
}

impl EmptyFolder {
    /// Why nothing is read there, `filter` naming what excluded files
    /// (`crosscheck.toml`): `no articles to check in content/: 12 files
    /// excluded by crosscheck.toml`.
    pub fn message(&self, filter: &str) -> String {
        let files = |n: usize| {
            if n == 1 {
                "1 file".to_string()
            } else {
                format!("{n} files")
            }
        };
        let why = match (self.excluded, self.others) {
            (0, 0) => "the folder is empty".to_string(),
            (0, n) => format!(
                "{} and none is an article (.txt, .md, .markdown, .html, .htm, .jsonl)",
                files(n)
            ),
            (n, 0) => format!("{} excluded by {filter}", files(n)),
            (n, m) => format!("{} excluded by {filter}, {} not articles", files(n), files(m)),
        };
        format!("no articles to check in {}: {why}", self.path)
    }
}

/// As [`discover`], and the folders in which nothing is read.
pub fn discover_all(paths: &[PathBuf], accept: &dyn Fn(&Path) -> bool) -> Discovered {
    let mut found = Discovered::default();
    for path in paths {
        if path.as_os_str() == "-" {
            found.inputs.push(Input::Stdin);
            continue;
        }
        let Ok(meta) = std::fs::metadata(path) else {
            let reason = match std::fs::symlink_metadata(path) {
                Ok(_) => "broken symbolic link",
                Err(_) => "no such file or folder",
            };
            found.errors.push(InputError::new(path.display().to_string(), reason));
            continue;
        };
        if meta.is_dir() {
            let before = found.inputs.len();
            let (excluded, others) = walk(path, accept, &mut found.inputs, &mut found.errors);
            if found.inputs.len() == before {
                found.empty.push(EmptyFolder {
                    path: path.display().to_string(),
                    excluded,
                    others,
                });
            }
        } else {
            found.inputs.push(classify(path));
        }
    }
    found
}

fn classify(path: &Path) -> Input {
    if path.extension().is_some_and(|e| e == "jsonl") {
        Input::Jsonl(path.to_path_buf())
    } else {
        Input::File(path.to_path_buf(), None)
    }
}

/// Adds the articles under `root`; how many article files `accept` turned
/// down, and how many files are not articles.
fn walk(
    root: &Path,
    accept: &dyn Fn(&Path) -> bool,
    inputs: &mut Vec<Input>,
    errors: &mut Vec<InputError>,
) -> (usize, usize) {
    let walker = walkdir::WalkDir::new(root).follow_links(true).sort_by_file_name();
    let (mut excluded, mut others) = (0, 0);
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let ext = e.path().extension().and_then(|x| x.to_str()).unwrap_or("");
                let article = ext == "jsonl" || ARTICLE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str());
                if !article {
                    others += 1;
                } else if !accept(e.path()) {
                    excluded += 1;
                } else if ext == "jsonl" {
                    inputs.push(Input::Jsonl(e.path().to_path_buf()));
                } else {
                    inputs.push(Input::File(e.path().to_path_buf(), folder_source(root, e.path())));
                }
            }
            Ok(_) => {}
            Err(e) => errors.push(walk_error(&e)),
        }
    }
    (excluded, others)
}

/// The first folder between `root` and a file under it, if any.
fn folder_source(root: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(root).ok()?;
    let mut parts = rel.components();
    let first = parts.next()?;
    // A file directly in the root has no folder of its own.
    parts.next()?;
    Some(first.as_os_str().to_string_lossy().into_owned())
}

fn walk_error(e: &walkdir::Error) -> InputError {
    let path = e.path().map_or_else(String::new, |p| p.display().to_string());
    if let Some(ancestor) = e.loop_ancestor() {
        let reason = format!("symbolic link loop (points back to {})", ancestor.display());
        return InputError::new(path, reason);
    }
    let reason = e.io_error().map_or_else(|| e.to_string(), |io| io.to_string());
    InputError::new(path, reason)
}

impl Input {
    /// The name reports use for this input.
    pub fn name(&self) -> String {
        match self {
            Input::File(p, _) | Input::Jsonl(p) => p.display().to_string(),
            Input::Stdin | Input::StdinJsonl => "<stdin>".to_string(),
        }
    }

    /// Reads the input: one article, or one a JSONL line. An empty file
    /// gives no article and no error: it is recorded in `notes`.
    pub fn read(&self, notes: &Notes) -> (Vec<Article>, Vec<InputError>) {
        let name = self.name();
        let bytes = match self {
            Input::File(p, _) | Input::Jsonl(p) => read_file(p),
            Input::Stdin | Input::StdinJsonl => read_stdin(),
        };
        let bytes = match bytes {
            Ok(b) => b,
            Err(reason) => return (Vec::new(), vec![InputError::new(name, reason)]),
        };
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let reason = format!("not valid UTF-8 (invalid byte at offset {at})");
                return (Vec::new(), vec![InputError::new(name, reason)]);
            }
        };
        match self {
            Input::Jsonl(_) | Input::StdinJsonl => read_jsonl(&name, &text, notes),
            _ if text.trim().is_empty() => {
                let reason = match (text.is_empty(), self) {
                    (true, Input::Stdin) => "empty input",
                    (true, _) => "empty file",
                    (false, _) => "only white space",
                };
                notes.push(InputError::new(name, reason));
                (Vec::new(), Vec::new())
            }
            Input::File(_, folder) => {
                let mut article = article_noting_front_matter(name, text, notes);
                article.source = article.source.or_else(|| folder.clone());
                (vec![article], Vec::new())
            }
            Input::Stdin => (vec![article_noting_front_matter(name, text, notes)], Vec::new()),
        }
    }
}

fn read_file(path: &Path) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| io_reason(&e))?;
    if meta.len() > MAX_ARTICLE_BYTES && path.extension().is_none_or(|e| e != "jsonl") {
        return Err(format!("too large ({} bytes; the limit is 4 GiB)", meta.len()));
    }
    std::fs::read(path).map_err(|e| io_reason(&e))
}

fn read_stdin() -> Result<Vec<u8>, String> {
    let mut buf = Vec::new();
    std::io::stdin().read_to_end(&mut buf).map_err(|e| io_reason(&e))?;
    Ok(buf)
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// Front matter fields crosscheck reads; others are ignored.
#[derive(Debug, Default, Deserialize)]
struct FrontMatter {
    source: Option<String>,
    published: Option<crate::yaml::Value>,
    date: Option<crate::yaml::Value>,
    title: Option<String>,
}

/// An article from a file's text, with its front matter read.
pub fn article_from_text(name: String, text: String) -> Article {
    read_article(name, text).0
}

/// As [`article_from_text`]; front matter that was ignored is named in a
/// note.
fn article_noting_front_matter(name: String, text: String, notes: &Notes) -> Article {
    let (article, ignored) = read_article(name, text);
    if let Some(reason) = ignored {
        let reason = format!("{reason} (the text is still checked)");
        notes.push(InputError::new(format!("front matter of {}", article.name), reason));
    }
    article
}

/// What a note says of a `published` value that is no date.
const NOT_A_DATE: &str = "is not a date (YYYY-MM-DD) or an RFC 3339 date-time: the article has no publication date";

/// An article from a file's text, and why its front matter was ignored,
/// if it was.
fn read_article(name: String, text: String) -> (Article, Option<String>) {
    let (fm, body_start, mut ignored) = front_matter(&text);
    let value = fm.published.as_ref().or(fm.date.as_ref());
    let stamp = value.and_then(|v| v.as_str());
    if let Some(v) = value.filter(|_| stamp.and_then(parse_date).is_none()) {
        let field = if fm.published.is_some() { "published" } else { "date" };
        let written = match v.as_str() {
            Some(s) => s.to_string(),
            None => serde_json::to_string(v).unwrap_or_default(),
        };
        let at = text
            .lines()
            .position(|l| l.trim_start().starts_with(&format!("{field}:")))
            .map_or(String::new(), |i| format!(" at line {}", i + 1));
        ignored.get_or_insert(format!("`{field}: {}`{at} {NOT_A_DATE}", written.trim()));
    }
    let article = Article {
        name,
        source: fm.source,
        published: stamp.and_then(parse_date),
        published_time: stamp.and_then(parse_time),
        title: fm.title,
        text,
        body_start,
    };
    (article, ignored)
}

/// Front matter longer than this is ignored (real front matter is a few
/// hundred bytes).
pub const MAX_FRONT_MATTER_BYTES: usize = 64 << 10;

/// Why front matter is too big or too deeply nested to parse, if it is:
/// such YAML takes serde_yaml quadratic time (see [`crate::yaml`]). It is
/// then ignored, as front matter that does not parse is: the body is
/// checked. `yaml` starts at byte `at` of the article's `text`.
fn front_matter_too_big(text: &str, yaml: &str, at: usize) -> Option<String> {
    if let Some(offset) = crate::yaml::flow_too_deep(yaml, crate::yaml::MAX_FLOW_DEPTH) {
        let deep = crate::yaml::TooDeep {
            offset: at + offset,
            flow: true,
        };
        return Some(deep.located(text));
    }
    (yaml.len() > MAX_FRONT_MATTER_BYTES).then(|| format!("over {} KiB", MAX_FRONT_MATTER_BYTES >> 10))
}

/// Splits off `---` front matter; the body starts after its closing line.
/// Front matter that does not parse, or is too big
/// ([`front_matter_too_big`]), gives no metadata, and the reason, with the
/// line and column in the article.
fn front_matter(text: &str) -> (FrontMatter, usize, Option<String>) {
    let start = usize::from(text.starts_with('\u{FEFF}')) * 3;
    let rest = &text[start..];
    let Some(after_open) = rest.strip_prefix("---\n").or_else(|| rest.strip_prefix("---\r\n")) else {
        return (FrontMatter::default(), 0, None);
    };
    let open_len = rest.len() - after_open.len();
    let mut offset = 0;
    for line in after_open.split_inclusive('\n') {
        if line.trim_end() == "---" || line.trim_end() == "..." {
            let yaml = &after_open[..offset];
            let body_start = start + open_len + offset + line.len();
            if let Some(reason) = front_matter_too_big(text, yaml, start + open_len) {
                return (FrontMatter::default(), body_start, Some(reason));
            }
            return match parse_front_matter(yaml) {
                Ok(fm) => (fm, body_start, None),
                Err(e) => (FrontMatter::default(), body_start, Some(e)),
            };
        }
        offset += line.len();
    }
    (FrontMatter::default(), 0, None)
}

/// Reads front matter YAML (empty, or comments only, is no metadata), or
/// says why it cannot: not YAML, or a field of the wrong type (`title:
/// [a, b]`), with the line and column in the article (the YAML starts on
/// its line 2).
fn parse_front_matter(yaml: &str) -> Result<FrontMatter, String> {
    let e = match crate::yaml::from_str::<FrontMatter>(yaml) {
        Ok(fm) => return Ok(fm),
        Err(e) => e,
    };
    // Parsed again only when it failed: to tell no YAML at all from bad
    // syntax and from a field of the wrong type.
    let syntax = match crate::yaml::from_str::<crate::yaml::Value>(yaml) {
        Ok(v) if v.is_null() => return Ok(FrontMatter::default()),
        Ok(_) => false,
        Err(_) => true,
    };
    let message = e.to_string();
    let message = message.split(" at line ").next().unwrap_or(&message);
    let message = message.replace("expected struct FrontMatter", "expected a mapping");
    let message = if syntax {
        format!("not valid YAML: {message}")
    } else {
        message
    };
    match e.location() {
        Some(at) => Err(format!("{message} at line {} column {}", at.line() + 1, at.column())),
        None => Err(message),
    }
}

/// `2025-11-24`, or the date part of an RFC 3339 timestamp.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let head = s.get(..10).unwrap_or(s);
    NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()
}

/// The time of day of an RFC 3339 date-time (`2025-11-24T10:30:00Z`, or
/// with a space), as written: the offset is not applied.
pub fn parse_time(s: &str) -> Option<chrono::NaiveTime> {
    let s = s.trim();
    let rest = s.get(10..)?.strip_prefix(['T', 't', ' '])?;
    let hm = rest.get(..5)?;
    let time = chrono::NaiveTime::parse_from_str(hm, "%H:%M").ok()?;
    let seconds = rest
        .get(5..8)
        .and_then(|s| s.strip_prefix(':'))
        .and_then(|s| s.parse::<u32>().ok());
    Some(
        seconds
            .and_then(|sec| chrono::Timelike::with_second(&time, sec))
            .unwrap_or(time),
    )
}

#[derive(Debug, Deserialize)]
struct JsonlArticle {
    id: Option<serde_json::Value>,
    source: Option<String>,
    published: Option<String>,
    title: Option<String>,
    text: String,
}

fn read_jsonl(name: &str, text: &str, notes: &Notes) -> (Vec<Article>, Vec<InputError>) {
    let mut articles = Vec::new();
    let mut errors = Vec::new();
    let located = name == "<stdin>";
    for (i, line) in text.lines().enumerate() {
        let article = match origin(line.as_bytes()).filter(|_| located) {
            Some(o) => jsonl_article(o.file, o.line, o.rest, notes),
            None => jsonl_article(name, i + 1, line.as_bytes(), notes),
        };
        match article {
            Ok(Some(a)) => articles.push(a),
            Ok(None) => {}
            Err(e) => errors.push(e),
        }
    }
    (articles, errors)
}

/// Where a line of a JSONL stream on standard input comes from, when the
/// line says so: `FILE:LINE` and a tab before the article. A map step under
/// a pipe (Spark's `RDD.pipe`) is given its lines this way, so that it
/// names articles (`FILE#id`, `FILE:LINE`) and unreadable lines
/// (`FILE:LINE`) as a run over FILE does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Origin<'a> {
    pub file: &'a str,
    pub line: usize,
    /// The line after the tab.
    pub rest: &'a [u8],
}

/// The [`Origin`] a line starts with, if it starts with one (an article
/// line starts with `{`).
pub fn origin(line: &[u8]) -> Option<Origin<'_>> {
    if line.first() == Some(&b'{') {
        return None;
    }
    let tab = line.iter().position(|&b| b == b'\t')?;
    let head = std::str::from_utf8(&line[..tab]).ok()?;
    let (file, n) = head.rsplit_once(':')?;
    if file.is_empty() || n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(Origin {
        file,
        line: n.parse().ok()?,
        rest: &line[tab + 1..],
    })
}

/// One line of a JSONL corpus as an article: `None` for a blank line, an
/// error naming `file.jsonl:LINE` for a line that is not an article. A
/// `published` value that is no date is a note in `notes`.
pub fn jsonl_article(name: &str, line_no: usize, line: &[u8], notes: &Notes) -> Result<Option<Article>, InputError> {
    let at = format!("{name}:{line_no}");
    let line = std::str::from_utf8(line).map_err(|e| {
        InputError::new(
            &at,
            format!("not valid UTF-8 (invalid byte at offset {})", e.valid_up_to()),
        )
    })?;
    let line = line.strip_prefix('\u{FEFF}').unwrap_or(line);
    if line.trim().is_empty() {
        return Ok(None);
    }
    let a: JsonlArticle =
        serde_json::from_str(line).map_err(|e| InputError::new(&at, format!("not a JSONL article: {e}")))?;
    let id = match a.id {
        Some(serde_json::Value::String(s)) => Some(s),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    if let Some(p) = a.published.as_deref().filter(|p| parse_date(p).is_none()) {
        // The value is skipped, not the article.
        notes.push(InputError::new(
            format!("`published` of {at}"),
            format!("{p:?} {NOT_A_DATE} (the text is still checked)"),
        ));
    }
    Ok(Some(Article {
        name: id.map_or(at, |id| format!("{name}#{id}")),
        source: a.source,
        published: a.published.as_deref().and_then(parse_date),
        published_time: a.published.as_deref().and_then(parse_time),
        title: a.title,
        text: a.text,
        body_start: 0,
    }))
}

/// The input article a report written to `output` would overwrite, if
/// any: a front end refuses to write over what it reads.
pub fn overwrites_input(output: &Path, paths: &[PathBuf]) -> Option<String> {
    let target = std::fs::canonicalize(output).ok()?;
    let (inputs, _) = discover(paths, &|_| true);
    inputs.iter().find_map(|input| match input {
        Input::File(p, _) | Input::Jsonl(p) => {
            (std::fs::canonicalize(p).ok()? == target).then(|| p.display().to_string())
        }
        Input::Stdin | Input::StdinJsonl => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_gives_metadata_and_body_offset() {
        let text = "---\nsource: map\npublished: 2025-11-24\n---\nالنص\n".to_string();
        let a = article_from_text("a.md".into(), text);
        assert_eq!(a.source.as_deref(), Some("map"));
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2025, 11, 24));
        assert_eq!(a.body(), "النص\n");
    }

    #[test]
    fn pathological_front_matter_is_ignored_and_the_body_kept() {
        let deep = format!("---\ntitle: t\na: {}0{}\n---\nالنص\n", "[".repeat(65), "]".repeat(65));
        let a = article_from_text("a.md".into(), deep);
        assert_eq!((a.title.as_deref(), a.body()), (None, "النص\n"));
        let shallow = format!("---\ntitle: t\na: {}0{}\n---\nالنص\n", "[".repeat(64), "]".repeat(64));
        assert_eq!(article_from_text("a.md".into(), shallow).title.as_deref(), Some("t"));
        let big = format!(
            "---\ntitle: t\nnote: {}\n---\nالنص\n",
            "x".repeat(MAX_FRONT_MATTER_BYTES)
        );
        let a = article_from_text("a.md".into(), big);
        assert_eq!((a.title.as_deref(), a.body()), (None, "النص\n"));
    }

    #[test]
    fn a_malformed_publication_date_says_so_and_where() {
        let why = |text: &str| read_article("a.md".into(), text.to_string());
        let (a, note) = why("---\nsource: s\npublished: 2026-13-45\n---\nالنص\n");
        assert_eq!(a.published, None);
        assert_eq!(
            note.as_deref(),
            Some("`published: 2026-13-45` at line 3 is not a date (YYYY-MM-DD) or an RFC 3339 date-time: the article has no publication date")
        );
        let (_, note) = why("---\ndate: [1, 2]\n---\nالنص\n");
        assert!(
            note.unwrap().starts_with("`date: [1,2]` at line 2 is not a date"),
            "a list is no date either"
        );
        assert_eq!(why("---\npublished: 2026-03-04T07:00:00+01:00\n---\nالنص\n").1, None);
    }

    #[test]
    fn ignored_front_matter_says_why_and_where() {
        let why = |text: &str| read_article("a.md".into(), text.to_string()).1;
        let deep = format!("---\ntitle: t\na: {}0{}\n---\nالنص\n", "[".repeat(65), "]".repeat(65));
        assert_eq!(
            why(&deep).as_deref(),
            Some("flow collections (`[…]`, `{…}`) nested more than 64 deep at line 3 column 68")
        );
        let big = format!("---\nnote: {}\n---\nالنص\n", "x".repeat(MAX_FRONT_MATTER_BYTES));
        assert_eq!(why(&big).as_deref(), Some("over 64 KiB"));
        let huge_and_deep = format!("---\na: {}0{}\n---\nالنص\n", "[".repeat(100_000), "]".repeat(100_000));
        assert!(why(&huge_and_deep).unwrap().starts_with("flow collections"));
        let invalid = why("---\ntitle: t\nsource: 'a\n---\nالنص\n").unwrap();
        assert!(
            invalid.starts_with("not valid YAML: ") && invalid.contains(" at line "),
            "{invalid}"
        );
        let list = why("---\n- a\n- b\n---\nالنص\n").unwrap();
        assert_eq!(list, "invalid type: sequence, expected a mapping at line 2 column 1");
        let wrong_type = why("---\ntitle: [a, b]\n---\nالنص\n").unwrap();
        assert_eq!(
            wrong_type,
            "title: invalid type: sequence, expected a string at line 2 column 8"
        );
        // Good, empty, or comment-only front matter is no note; neither is
        // a text without it.
        for fine in [
            "---\ntitle: t\n---\nالنص",
            "---\n---\nالنص",
            "---\n# a comment\n---\nالنص",
            "---\nother: [1, 2]\n---\nالنص",
            "النص",
            "--- not front matter",
        ] {
            assert_eq!(why(fine), None, "{fine}");
        }
    }

    #[test]
    fn text_without_front_matter_is_all_body() {
        let a = article_from_text("a.txt".into(), "--- not front matter".into());
        assert_eq!(a.body_start, 0);
    }

    #[test]
    fn a_line_that_says_where_it_comes_from_is_named_after_it() {
        let text = "corpus/a.jsonl:7\t{\"id\":\"x1\",\"text\":\"t\"}\ns3://b/c.jsonl:12\t{\"text\":\"t\"}\nc.jsonl:3\tnot json\n{\"id\":\"y\",\"text\":\"t\"}\n";
        let (articles, errors) = read_jsonl("<stdin>", text, &Notes::new());
        let names: Vec<&str> = articles.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["corpus/a.jsonl#x1", "s3://b/c.jsonl:12", "<stdin>#y"]);
        assert_eq!(errors[0].path, "c.jsonl:3");
        assert!(
            errors[0].reason.starts_with("not a JSONL article"),
            "{}",
            errors[0].reason
        );
        // A JSONL file's lines say nothing of where they come from.
        let (articles, errors) = read_jsonl("f.jsonl", text, &Notes::new());
        assert_eq!(articles.len(), 1);
        assert_eq!(errors[0].path, "f.jsonl:1");
        for line in ["a.jsonl:\t{}", ":3\t{}", "a.jsonl:3x\t{}", "{\"a:1\t\":1}"] {
            assert_eq!(origin(line.as_bytes()), None, "{line}");
        }
    }

    #[test]
    fn jsonl_lines_become_articles_and_bad_lines_errors() {
        let text = "{\"id\": \"x1\", \"published\": \"2025-11-24T10:00:00Z\", \"text\": \"نص\"}\n{oops}\n";
        let (articles, errors) = read_jsonl("c.jsonl", text, &Notes::new());
        assert_eq!(articles[0].name, "c.jsonl#x1");
        assert_eq!(articles[0].published, NaiveDate::from_ymd_opt(2025, 11, 24));
        assert_eq!(articles[0].published_time, chrono::NaiveTime::from_hms_opt(10, 0, 0));
        assert_eq!(errors[0].path, "c.jsonl:2");
    }
}
