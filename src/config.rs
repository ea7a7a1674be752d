//! `crosscheck.toml`: a project's settings, found by walking up from the
//! working directory (like `Cargo.toml` or `ruff.toml`).
//!
//! TOML rather than YAML: rule packs are YAML, and a second YAML file with
//! another schema beside them invites mixing the two up; the `toml` crate
//! also reports the span of every error, so a bad key is labelled in place.
//!
//! ```toml
//! rules = ["rules/local"]          # more rule packs, relative to this file
//! default-rules = true             # load the built-in packs
//! disable = ["interpol.delegates"] # rule keys not to run
//! include = ["**/*.md"]            # articles to read from folders (globs)
//! exclude = ["drafts/**"]
//! format = "human"
//! fail-on = "error"
//!
//! [severity]
//! "interpol.president-name" = "error"
//! ```
//!
//! Command-line flags override the file.

use crate::diagnostic::TextSource;
use crate::report::Format;
use crate::rules::{RuleSet, Severity};
use globset::{Glob, GlobSet, GlobSetBuilder};
use miette::{Diagnostic, LabeledSpan, SourceCode};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// The file name looked for.
pub const FILE_NAME: &str = "crosscheck.toml";

/// The settings, as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    #[serde(default)]
    pub rules: Vec<PathBuf>,
    #[serde(default)]
    pub default_rules: Option<bool>,
    #[serde(default)]
    pub disable: Vec<String>,
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
    #[serde(default)]
    pub include: Vec<String>,
    #[serde(default)]
    pub exclude: Vec<String>,
    #[serde(default)]
    pub format: Option<Format>,
    #[serde(default)]
    pub fail_on: Option<String>,
    /// The folder of the file: relative paths in it start there.
    #[serde(skip)]
    pub root: PathBuf,
    /// The file, as found or given (for messages).
    #[serde(skip)]
    pub path: Option<PathBuf>,
}

/// A config file that is not valid.
#[derive(Debug)]
pub struct ConfigError {
    pub message: String,
    pub span: Option<(usize, usize)>,
    pub file: TextSource,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.message)
    }
}

impl std::error::Error for ConfigError {}

impl Diagnostic for ConfigError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new("crosscheck::config"))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(
            "keys are rules, default-rules, disable, severity, include, exclude, format, fail-on",
        ))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.file)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let (offset, len) = self.span?;
        Some(Box::new(std::iter::once(LabeledSpan::new(
            Some("here".into()),
            offset,
            len,
        ))))
    }
}

impl Config {
    /// The nearest `crosscheck.toml` from `start` upwards.
    pub fn find(start: &Path) -> Option<PathBuf> {
        start.ancestors().map(|d| d.join(FILE_NAME)).find(|p| p.is_file())
    }

    /// Reads and validates a config file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            message: format!("cannot read {name}: {e}"),
            span: None,
            file: TextSource::new(&name, String::new()),
        })?;
        let mut config: Config = toml::from_str(&text).map_err(|e| ConfigError {
            message: format!("invalid config: {}", e.message()),
            span: e.span().map(|r| (r.start, r.len().max(1))),
            file: TextSource::new(&name, text.clone()),
        })?;
        config.root = path.parent().map(Path::to_path_buf).unwrap_or_default();
        config.path = Some(path.to_path_buf());
        if let Err(message) = config.article_filter() {
            return Err(ConfigError {
                message,
                span: None,
                file: TextSource::new(&name, text),
            });
        }
        Ok(config)
    }

    /// Rule pack paths, resolved against the file's folder.
    pub fn rule_paths(&self) -> Vec<PathBuf> {
        self.rules.iter().map(|p| self.root.join(p)).collect()
    }

    /// Drops disabled rules and applies severity overrides. Names a key
    /// that matches no rule, since that is almost always a typo.
    pub fn apply(&self, rules: &mut RuleSet) -> Result<(), String> {
        for key in self.disable.iter().chain(self.severity.keys()) {
            if rules.get(key).is_none() {
                return Err(format!("{FILE_NAME}: no rule `{key}` is loaded"));
            }
        }
        rules.retain(|r| !self.disable.iter().any(|k| *k == r.key || *k == r.id));
        for rule in &mut rules.rules {
            if let Some(&s) = self.severity.get(&rule.key).or_else(|| self.severity.get(&rule.id)) {
                rule.severity = s;
            }
        }
        Ok(())
    }

    /// The include/exclude globs as a filter.
    pub fn article_filter(&self) -> Result<ArticleFilter, String> {
        let build = |globs: &[String]| -> Result<Option<GlobSet>, String> {
            if globs.is_empty() {
                return Ok(None);
            }
            let mut b = GlobSetBuilder::new();
            for g in globs {
                b.add(Glob::new(g).map_err(|e| format!("{FILE_NAME}: bad glob `{g}`: {e}"))?);
            }
            b.build().map(Some).map_err(|e| e.to_string())
        };
        let root = absolute(&self.root);
        Ok(ArticleFilter {
            include: build(&self.include)?,
            exclude: build(&self.exclude)?,
            canonical_root: std::fs::canonicalize(&root).ok(),
            root,
        })
    }

    /// The file's name for messages: `crosscheck.toml`, or the path given
    /// with `--config`.
    pub fn name(&self) -> String {
        match &self.path {
            Some(p) if p.file_name().is_some_and(|n| n == FILE_NAME) => FILE_NAME.to_string(),
            Some(p) => p.display().to_string(),
            None => FILE_NAME.to_string(),
        }
    }
}

/// Which files found in folders are articles.
#[derive(Debug, Clone, Default)]
pub struct ArticleFilter {
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
    /// The config's folder, absolute, `.` and `..` resolved by name.
    root: PathBuf,
    /// The same folder with symbolic links resolved.
    canonical_root: Option<PathBuf>,
}

impl ArticleFilter {
    /// Whether the filter has any glob (without, every file is accepted).
    pub fn is_active(&self) -> bool {
        self.include.is_some() || self.exclude.is_some()
    }

    /// Whether a file found while walking a folder is read. Globs match the
    /// path relative to the config's folder, however the path is spelled
    /// (relative to any working folder, absolute, with `..`, through a
    /// symbolic link), or the path as found when it is outside that folder.
    pub fn accepts(&self, path: &Path) -> bool {
        if !self.is_active() {
            return true;
        }
        let rel = self.relative(path);
        let rel = rel.as_deref().unwrap_or(path);
        let rel = rel.strip_prefix("./").unwrap_or(rel);
        if self.exclude.as_ref().is_some_and(|g| g.is_match(rel)) {
            return false;
        }
        self.include.as_ref().is_none_or(|g| g.is_match(rel))
    }

    /// `path` relative to the config's folder, if it is inside it: first by
    /// name, then with symbolic links resolved.
    fn relative(&self, path: &Path) -> Option<PathBuf> {
        let lexical = absolute(path);
        if let Ok(rel) = lexical.strip_prefix(&self.root) {
            return Some(rel.to_path_buf());
        }
        let canonical_root = self.canonical_root.as_ref()?;
        if let Ok(rel) = lexical.strip_prefix(canonical_root) {
            return Some(rel.to_path_buf());
        }
        let canonical = std::fs::canonicalize(path).ok()?;
        canonical.strip_prefix(canonical_root).ok().map(Path::to_path_buf)
    }
}

/// `path` made absolute against the working folder, with `.` and `..`
/// resolved by name (as a shell's `cd -L` does), without touching the disk.
fn absolute(path: &Path) -> PathBuf {
    use std::path::Component;
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, text: &str) -> PathBuf {
        let p = dir.join(FILE_NAME);
        std::fs::write(&p, text).unwrap();
        p
    }

    #[test]
    fn unknown_key_is_an_error_with_a_span() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(dir.path(), "format = \"json\"\nfail-onn = \"warning\"\n");
        let e = Config::load(&p).unwrap_err();
        assert!(e.message.contains("unknown field `fail-onn`"), "{}", e.message);
        let (start, len) = e.span.unwrap();
        assert_eq!(&e.file.text()[start..start + len], "fail-onn");
    }

    #[test]
    fn globs_filter_articles_relative_to_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(dir.path(), "include = [\"**/*.md\"]\nexclude = [\"drafts/**\"]\n");
        let f = Config::load(&p).unwrap().article_filter().unwrap();
        assert!(f.accepts(&dir.path().join("news/a.md")));
        assert!(!f.accepts(&dir.path().join("news/a.txt")));
        assert!(!f.accepts(&dir.path().join("drafts/b.md")));
    }

    #[test]
    fn globs_match_however_the_path_is_spelled() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(dir.path(), "exclude = [\"content/drafts/**\"]\n");
        let f = Config::load(&p).unwrap().article_filter().unwrap();
        let draft = dir.path().join("content/drafts/x.txt");
        std::fs::create_dir_all(draft.parent().unwrap()).unwrap();
        std::fs::write(&draft, "x").unwrap();
        assert!(!f.accepts(&draft));
        assert!(!f.accepts(&dir.path().join("sub/deeper/../../content/drafts/x.txt")));
        assert!(!f.accepts(&dir.path().join("./content/./drafts/x.txt")));
        assert!(f.accepts(&dir.path().join("content/x.txt")));
        // Through a symbolic link to the config's folder.
        #[cfg(unix)]
        {
            let link = tempfile::tempdir().unwrap();
            let via = link.path().join("root");
            std::os::unix::fs::symlink(dir.path(), &via).unwrap();
            assert!(!f.accepts(&via.join("content/drafts/x.txt")));
        }
    }

    #[test]
    fn found_by_walking_up() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "");
        let deep = dir.path().join("a/b");
        std::fs::create_dir_all(&deep).unwrap();
        assert_eq!(Config::find(&deep), Some(dir.path().join(FILE_NAME)));
    }
}
