//! One draft reviewed against the claim index, for the checking thread:
//! the draft's claims, and the findings that involve it with the other
//! articles' claims they quote and, for a fact that moves, the newest
//! figure of the archive; a finding accepted into the baseline file.
//!
//! The draft is the editor's buffer, not a file: it is written to a
//! temporary folder under its own file name and checked there with
//! `check DRAFT --index DB`'s path ([`Index::gather`] with drafts), and
//! the findings name it by the name the editor's path gives.

use crate::compare::baseline::{Baseline, Entry};
use crate::compare::{Finding, Quotes};
use crate::engine::store::ClaimStore;
use crate::extract::{self, Claim};
use crate::index::{Drafts, Index};
use crate::input::corpus::Input;
use crate::news::Stance;
use crate::Engine;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A draft to review: the editor's text and how findings name it.
#[derive(Debug, Clone)]
pub(super) struct Draft {
    pub(super) name: String,
    pub(super) text: String,
}

/// The engine, the index and the baseline file.
pub(super) struct Reviewer {
    engine: Engine,
    index: PathBuf,
    fingerprint: String,
    baseline: Option<PathBuf>,
    /// The findings accepted, by the draft's name: applied to a review's
    /// findings once they name the draft as the editor does (the engine
    /// sees the draft under its temporary path).
    accepted: Option<Baseline>,
    /// Where drafts are written to be read.
    scratch: tempfile::TempDir,
}

impl Reviewer {
    /// Opens `index` (refused when built with other packs) and reads the
    /// baseline file, when there is one.
    pub(super) fn open(
        mut engine: Engine,
        fingerprint: &str,
        index: &Path,
        baseline: Option<&Path>,
    ) -> Result<Reviewer, String> {
        Index::open(index, Duration::from_secs(30))
            .and_then(|i| i.require_fingerprint(fingerprint))
            .map_err(|e| e.to_string())?;
        let accepted = match baseline.filter(|p| p.exists()) {
            Some(path) => Some(Baseline::read(path).map_err(|e| e.to_string())?),
            None => None,
        };
        engine.baseline = None;
        // A baseline entry holds every claim of its finding.
        engine.quotes = Quotes::All;
        Ok(Reviewer {
            engine,
            index: index.to_path_buf(),
            fingerprint: fingerprint.to_string(),
            baseline: baseline.map(Path::to_path_buf),
            accepted,
            scratch: tempfile::tempdir().map_err(|e| format!("cannot make a temporary folder: {e}"))?,
        })
    }

    pub(super) fn index_path(&self) -> &Path {
        &self.index
    }

    pub(super) fn baseline_path(&self) -> Option<&Path> {
        self.baseline.as_deref()
    }

    /// The draft's claims and the findings that involve it.
    pub(super) fn review(&self, draft: &Draft) -> Result<Review, String> {
        let file_name = Path::new(&draft.name)
            .file_name()
            .map_or_else(|| "draft.md".into(), |n| n.to_os_string());
        let file = self.scratch.path().join(file_name);
        std::fs::write(&file, &draft.text).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
        let written = file.display().to_string();
        let index = Index::open(&self.index, Duration::from_secs(30)).map_err(|e| e.to_string())?;
        index
            .require_fingerprint(&self.fingerprint)
            .map_err(|e| e.to_string())?;
        let inputs = [Input::File(file, None)];
        let drafts = Drafts {
            drafts: &inputs,
            today: chrono::Local::now().date_naive(),
        };
        let options = extract::Options { excerpts: true };
        let gathered = index
            .gather(&self.engine, Some(drafts), options)
            .map_err(|e| e.to_string())?;
        let store = &gathered.store;
        let named = |c: &Claim| (*c.article == *written).then(|| draft.name.clone());
        let mut review = Review {
            draft: draft.name.clone(),
            claims: Vec::new(),
            findings: Vec::new(),
        };
        for i in 0..store.len() {
            for c in store.read(i).map_err(|e| e.to_string())? {
                if named(&c).is_some() {
                    review.claims.push(DraftClaim::of(&c));
                }
            }
        }
        review.claims.sort_by_key(|c| c.start);
        let run = self
            .engine
            .run(store, gathered.drafts.as_ref())
            .map_err(|e| e.to_string())?;
        let mut findings = Vec::new();
        run.each(false, false, &mut |f| {
            findings.push(f.clone());
            Ok(())
        })
        .map_err(|e| e.to_string())?;
        for mut f in findings {
            for (_, c) in &mut f.claims {
                if named(c).is_some() {
                    c.article = draft.name.as_str().into();
                }
            }
            if let Some(accepted) = &self.accepted {
                f.baselined |= accepted.covers(&f, &mut vec![false; accepted.findings.len()]);
            }
            let evolves = self.engine.rules.get(&f.key).is_some_and(|r| r.evolves.is_some());
            let newest = if evolves {
                newest(store, &f.key, &written)?
            } else {
                None
            };
            review.findings.push(ReviewFinding::of(f, &draft.name, newest));
        }
        Ok(review)
    }

    /// Adds `finding` to the baseline file (written whole, then renamed
    /// over the old one); later reviews do not show it.
    pub(super) fn accept(&mut self, finding: &ReviewFinding) -> Result<Entry, String> {
        let Some(path) = &self.baseline else {
            return Err("no baseline file to accept findings into (start `crosscheck lsp --baseline FILE`)".into());
        };
        let mut entries = match path.exists() {
            true => Baseline::read(path).map_err(|e| e.to_string())?.findings,
            false => Vec::new(),
        };
        entries.push(finding.entry.clone());
        let baseline = Baseline::from_entries(entries);
        crate::report::output::write_atomically(path, baseline.to_json().as_bytes())
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        self.accepted = Some(baseline);
        Ok(finding.entry.clone())
    }
}

/// The newest asserted figure of `key` from an article that is not the
/// draft (`written`): by its time (as-of, else publication).
fn newest(store: &dyn ClaimStore, key: &str, written: &str) -> Result<Option<Point>, String> {
    let Some(i) = (0..store.len()).find(|&i| store.key(i) == key) else {
        return Ok(None);
    };
    let claims = store.read(i).map_err(|e| e.to_string())?;
    let newest = claims
        .iter()
        .filter(|c| *c.article != *written && c.context().stance.compares())
        .filter_map(|c| Some((c.moment()?, c)))
        .max_by(|a, b| a.0.cmp(&b.0));
    Ok(newest.map(|(at, c)| Point {
        value: c.value.canonical(),
        article: c.article.to_string(),
        source: c.source.as_deref().map(str::to_string),
        at: at.canonical(),
    }))
}

/// What a review found.
#[derive(Debug)]
pub(super) struct Review {
    pub(super) draft: String,
    /// The draft's claims, in text order.
    pub(super) claims: Vec<DraftClaim>,
    /// The findings that involve the draft, in report order.
    pub(super) findings: Vec<ReviewFinding>,
}

/// A claim of the draft.
#[derive(Debug)]
pub(super) struct DraftClaim {
    pub(super) key: String,
    pub(super) value: String,
    pub(super) text: String,
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) published: Option<String>,
    pub(super) as_of: Option<String>,
    pub(super) attribution: Option<String>,
    pub(super) stance: Option<Stance>,
}

impl DraftClaim {
    fn of(c: &Claim) -> DraftClaim {
        let context = c.context();
        DraftClaim {
            key: c.key.to_string(),
            value: c.value.canonical(),
            text: c.text.to_string(),
            start: c.span.start,
            end: c.span.end,
            published: c.published.map(|d| d.to_string()),
            as_of: context.as_of.map(|m| m.canonical()),
            attribution: context.attribution.as_deref().map(str::to_string),
            stance: Some(context.stance).filter(|s| *s != Stance::Asserted),
        }
    }
}

/// A finding that involves the draft.
#[derive(Debug)]
pub(super) struct ReviewFinding {
    /// Stable across reviews: of its baseline entry.
    pub(super) id: String,
    pub(super) code: &'static str,
    pub(super) severity: &'static str,
    pub(super) key: String,
    pub(super) title: String,
    pub(super) message: String,
    pub(super) help: String,
    pub(super) claims: Vec<Quoted>,
    pub(super) baselined: bool,
    /// For a fact that moves: the archive's newest figure.
    pub(super) newest: Option<Point>,
    pub(super) entry: Entry,
}

impl ReviewFinding {
    fn of(f: Finding, draft: &str, newest: Option<Point>) -> ReviewFinding {
        let entry = Entry::of(&f);
        let json = serde_json::to_string(&entry).unwrap_or_default();
        ReviewFinding {
            id: crate::text::sha256_hex(&[json.as_bytes()])[..16].to_string(),
            code: f.code.as_str(),
            severity: f.severity.as_str(),
            claims: f.claims.iter().map(|(_, c)| Quoted::of(c, draft)).collect(),
            key: f.key,
            title: f.title,
            message: f.message,
            help: f.help,
            baselined: f.baselined,
            newest,
            entry,
        }
    }
}

/// A claim a finding quotes.
#[derive(Debug)]
pub(super) struct Quoted {
    pub(super) in_draft: bool,
    pub(super) article: String,
    pub(super) source: Option<String>,
    pub(super) value: String,
    pub(super) text: String,
    pub(super) start: usize,
    pub(super) end: usize,
    /// 1-based.
    pub(super) line: usize,
    /// The line around the claim.
    pub(super) quote: String,
    pub(super) published: Option<String>,
    pub(super) attribution: Option<String>,
}

impl Quoted {
    fn of(c: &Claim, draft: &str) -> Quoted {
        Quoted {
            in_draft: &*c.article == draft,
            article: c.article.to_string(),
            source: c.source.as_deref().map(str::to_string),
            value: c.value.canonical(),
            text: c.text.to_string(),
            start: c.span.start,
            end: c.span.end,
            line: c.line_col.line,
            quote: c.excerpt().text.clone(),
            published: c.published.map(|d| d.to_string()),
            attribution: c.context().attribution.as_deref().map(str::to_string),
        }
    }
}

/// One figure of a fact that moves.
#[derive(Debug, Clone)]
pub(super) struct Point {
    pub(super) value: String,
    pub(super) article: String,
    pub(super) source: Option<String>,
    /// When it held.
    pub(super) at: String,
}
