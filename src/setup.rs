//! A run's setup, before any article is read: the config file, the rule
//! packs, the `--sources` mapping, and the files an engine compares with
//! (weights, fact sheet, baseline). Every front end loads the same way;
//! errors are typed, for the front end to render ([`SetupError`]).

use crate::compare::baseline::Baseline;
use crate::compare::facts::Facts;
use crate::config::{ArticleFilter, Config};
use crate::engine::{without_drafts, Engine, Source};
use crate::input::corpus::{self, Input, InputError};
use crate::input::sources::{SourceMap, SourceWeights};
use crate::rules::{KnownPatterns, RuleError, RuleSet};
use std::path::{Path, PathBuf};

/// Which config file a run reads.
#[derive(Debug, Clone)]
pub enum ConfigFile {
    /// The nearest `crosscheck.toml` from this folder upwards, if any.
    Nearest(PathBuf),
    /// This file.
    File(PathBuf),
    /// None.
    None,
}

/// What to load.
#[derive(Debug, Clone)]
pub struct SetupOptions<'a> {
    pub config: ConfigFile,
    /// Rule packs besides the config file's: YAML files or folders.
    pub rules: &'a [PathBuf],
    /// Load the packs built into crosscheck (unless the config file says
    /// not to).
    pub default_rules: bool,
    /// Refuse rules whose examples fail (`false` for `rules test`, which
    /// reports them).
    pub check_examples: bool,
    /// Where to remember that these exact packs loaded and their examples
    /// passed, with the words of each pattern: a later load of the same
    /// packs by the same build then runs no example and parses a pattern
    /// only when a text needs it. `None` loads in full every time. See
    /// [`default_cache_dir`].
    pub cache: Option<&'a Path>,
    /// A `--sources` mapping file: article path or glob → source name.
    pub sources: Option<&'a Path>,
}

/// Why a setup failed.
#[derive(Debug)]
pub enum SetupError {
    /// A file that does not parse or validate, with its place.
    File(Box<dyn miette::Diagnostic + Send + Sync>),
    /// Rule packs with errors; nothing can be checked.
    Rules(Vec<RuleError>),
    /// A setting that names what does not exist (a rule to disable).
    Setting(String),
}

fn file(e: impl miette::Diagnostic + Send + Sync + 'static) -> SetupError {
    SetupError::File(Box::new(e))
}

/// The files an [`Engine`] compares claims with.
#[derive(Debug, Clone, Copy, Default)]
pub struct EngineFiles<'a> {
    /// Trust weights of sources.
    pub weights: Option<&'a Path>,
    /// A reference fact sheet.
    pub facts: Option<&'a Path>,
    /// Findings accepted earlier.
    pub baseline: Option<&'a Path>,
}

/// The articles paths name, and what could not be listed.
#[derive(Debug, Default)]
pub struct Found {
    pub inputs: Vec<Input>,
    /// Paths that could not be read.
    pub errors: Vec<InputError>,
    /// Folders with no article to check, and why: notes.
    pub notes: Vec<String>,
}

/// The settings of a run, loaded.
#[derive(Debug)]
pub struct Setup {
    pub rules: RuleSet,
    pub config: Config,
    pub filter: ArticleFilter,
    /// Sources of article files (empty without a mapping file).
    pub sources: SourceMap,
    /// The rule packs loaded, in order: each one's name and the SHA-256 of
    /// its text.
    pub packs: Vec<(String, String)>,
}

/// The folder where crosscheck remembers what it need not do again:
/// `$CROSSCHECK_CACHE_DIR` (empty: no cache), else `$XDG_CACHE_HOME/crosscheck`,
/// else `~/.cache/crosscheck`.
pub fn default_cache_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("CROSSCHECK_CACHE_DIR") {
        return (!dir.is_empty()).then(|| PathBuf::from(dir));
    }
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|d| !d.is_empty())
                .map(|h| PathBuf::from(h).join(".cache"))
        })?;
    Some(base.join("crosscheck"))
}

/// What the examples' outcome depends on: the crosscheck build (its
/// version, and the running program's path, size and modification time,
/// so a rebuilt grammar runs them again) and every pack's name and the
/// SHA-256 of its text, in load order ([`Setup::packs`]).
fn examples_key(packs: &[(String, String)]) -> String {
    let version = concat!(env!("CARGO_PKG_VERSION"), " examples");
    let build = std::env::current_exe()
        .and_then(|exe| {
            let meta = std::fs::metadata(&exe)?;
            Ok(format!("{} {} {:?}", exe.display(), meta.len(), meta.modified()?))
        })
        .unwrap_or_default();
    let mut parts: Vec<&[u8]> = vec![version.as_bytes(), build.as_bytes()];
    for (name, hash) in packs {
        parts.push(name.as_bytes());
        parts.push(hash.as_bytes());
    }
    sha256_hex(&parts)
}

fn examples_marker(dir: &Path, key: &str) -> PathBuf {
    dir.join("examples-passed").join(key)
}

/// What the marker of a load that passed holds.
#[derive(serde::Serialize, serde::Deserialize)]
struct Marker {
    key: String,
    patterns: KnownPatterns,
}

/// The patterns of these packs, if the cache says they loaded and their
/// examples passed. A missing, unreadable or damaged marker says no (the
/// packs then load in full, examples and all).
fn known_patterns(dir: &Path, key: &str) -> Option<KnownPatterns> {
    let text = std::fs::read(examples_marker(dir, key)).ok()?;
    let marker: Marker = serde_json::from_slice(&text).ok()?;
    (marker.key == key).then_some(marker.patterns)
}

/// Remembers that the packs loaded and their examples passed, with what a
/// later load needs to skip parsing the patterns: a marker written whole
/// ([`crate::text::write_cache_file`]), so a concurrent reader sees it
/// whole or not at all. A cache that cannot be written is no error.
fn remember_examples_passed(dir: &Path, key: &str, patterns: &KnownPatterns) {
    let marker_text = serde_json::to_vec(&Marker {
        key: key.to_string(),
        patterns: patterns.clone(),
    });
    if let Ok(text) = marker_text {
        crate::text::write_cache_file(&examples_marker(dir, key), &text, MARKER_AGE);
    }
}

/// How long a marker nobody rewrote is kept: each build of crosscheck and
/// each set of packs writes its own, so old ones are dropped when a new
/// one is written.
const MARKER_AGE: std::time::Duration = std::time::Duration::from_secs(30 * 24 * 60 * 60);

impl Setup {
    /// Reads the config file, then the rule packs (applying the config's
    /// overrides), then the mapping file.
    pub fn load(options: &SetupOptions) -> Result<Setup, SetupError> {
        let path = match &options.config {
            ConfigFile::Nearest(start) => Config::find(start),
            ConfigFile::File(p) => Some(p.clone()),
            ConfigFile::None => None,
        };
        let config = path
            .as_deref()
            .map(Config::load)
            .transpose()
            .map_err(file)?
            .unwrap_or_default();
        let mut sources = if options.default_rules && config.default_rules.unwrap_or(true) {
            RuleSet::default_sources()
        } else {
            Vec::new()
        };
        for path in config.rule_paths().iter().chain(options.rules) {
            sources.extend(RuleSet::read_sources(path).map_err(SetupError::Rules)?);
        }
        let packs: Vec<(String, String)> = sources
            .iter()
            .map(|(name, text)| (name.clone(), sha256_hex(&[text.as_bytes()])))
            .collect();
        let key = examples_key(&packs);
        if let Some(dir) = options.cache {
            crate::text::expansion::remember_trees_in(dir.to_path_buf());
        }
        let known = match (options.check_examples, options.cache) {
            (true, Some(dir)) => known_patterns(dir, &key),
            _ => None,
        };
        let mut rules = match &known {
            Some(known) => RuleSet::load_known(&sources, known),
            None => RuleSet::load_with(&sources, options.check_examples),
        }
        .map_err(SetupError::Rules)?;
        if let (true, None, Some(dir)) = (options.check_examples, &known, options.cache) {
            remember_examples_passed(dir, &key, &rules.known_patterns());
        }
        config.apply(&mut rules).map_err(SetupError::Setting)?;
        let sources = options.sources.map(SourceMap::load).transpose().map_err(file)?;
        Ok(Setup {
            rules,
            filter: config.article_filter().unwrap_or_default(),
            config,
            sources: sources.unwrap_or_default(),
            packs,
        })
    }

    /// What the claims of an article depend on besides the article: the
    /// crosscheck version, the packs' texts in order, and the config's
    /// overrides (rules disabled, severities). Two setups with the same
    /// fingerprint extract the same claims from the same article.
    pub fn fingerprint(&self) -> String {
        let version = env!("CARGO_PKG_VERSION");
        let overrides = format!("{:?} {:?}", self.config.disable, self.config.severity);
        let mut parts: Vec<&[u8]> = vec![version.as_bytes(), overrides.as_bytes()];
        parts.extend(self.packs.iter().map(|(_, hash)| hash.as_bytes()));
        sha256_hex(&parts)
    }

    /// The inputs under `paths` ([`corpus::discover_all`] with the
    /// config's include/exclude filter), article files given their
    /// `--sources` name.
    pub fn discover(&self, paths: &[PathBuf]) -> Found {
        let accept = |p: &Path| self.filter.accepts(p);
        let mut found = corpus::discover_all(paths, &accept);
        self.sources.apply(&mut found.inputs);
        let by = self.config.name();
        Found {
            notes: found.empty.iter().map(|e| e.message(&by)).collect(),
            inputs: found.inputs,
            errors: found.errors,
        }
    }

    /// An engine with the rules (taken from the setup) and `files`.
    pub fn engine(&mut self, files: EngineFiles) -> Result<Engine, SetupError> {
        let weights = files.weights.map(SourceWeights::load).transpose().map_err(file)?;
        let facts = files
            .facts
            .map(|p| Facts::load(p, &self.rules))
            .transpose()
            .map_err(file)?;
        let baseline = files.baseline.map(Baseline::read).transpose().map_err(file)?;
        Ok(Engine {
            rules: std::mem::take(&mut self.rules),
            weights: weights.unwrap_or_default(),
            facts: facts.unwrap_or_default(),
            baseline,
            quotes: Default::default(),
        })
    }
}

pub use crate::text::sha256_hex;

/// What a `check` or `extract` reads: the articles the paths name; with
/// `against`, those are drafts, checked against the published articles
/// `against` names.
#[derive(Debug, Default)]
pub struct Reading {
    /// The articles read (the published ones, with drafts).
    pub corpus: Vec<Input>,
    /// The drafts, with `against`.
    pub drafts: Option<Vec<Input>>,
    /// Published paths that could not be listed.
    pub unlisted: Vec<InputError>,
    /// Paths given that could not be read.
    pub errors: Vec<InputError>,
    /// Folders with nothing to read, and why: notes.
    pub notes: Vec<String>,
}

impl Setup {
    /// The inputs of a run ([`Setup::discover`]): `stdin_jsonl` reads `-`
    /// as a JSONL corpus; with `against`, the paths are drafts.
    pub fn reading(&self, paths: &[PathBuf], stdin_jsonl: bool, against: &[PathBuf]) -> Reading {
        let found = self.discover(paths);
        let mut inputs = found.inputs;
        if stdin_jsonl {
            for input in &mut inputs {
                if *input == Input::Stdin {
                    *input = Input::StdinJsonl;
                }
            }
        }
        let mut reading = Reading {
            errors: found.errors,
            notes: found.notes,
            ..Reading::default()
        };
        if against.is_empty() {
            reading.corpus = inputs;
            return reading;
        }
        let published = self.discover(against);
        reading.notes.extend(published.notes);
        reading.corpus = without_drafts(published.inputs, &inputs);
        reading.unlisted = published.errors;
        reading.drafts = Some(inputs);
        reading
    }
}

impl Reading {
    /// The claim source to gather; a draft with no date is dated `today`.
    pub fn source(&self, today: chrono::NaiveDate) -> Source<'_> {
        match &self.drafts {
            None => Source::Inputs(&self.corpus),
            Some(drafts) => Source::Drafts {
                drafts,
                published: &self.corpus,
                unlisted: &self.unlisted,
                today,
            },
        }
    }
}
