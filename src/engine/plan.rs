//! The findings of a `check` run, made one key at a time from the claims
//! of a store ([`super::store`]).
//!
//! A [`Run`] holds what turns one key's claims into findings: comparison,
//! the fact sheet, the editorial filter of `--against`, the baseline.
//! [`Run::each`] walks every key in order and hands each finding on, so
//! a report can be written while only one key's claims are in memory, and
//! counts them on the way: one walk makes the findings and the summary.

use super::store::ClaimStore;
use super::Summary;
use crate::compare::baseline::{Baseline, Entry, LazyEntry};
use crate::compare::facts::Facts;
use crate::compare::{self, Code, Finding, Quotes, Role};
use crate::extract::Claim;
use crate::input::sources::SourceWeights;
use crate::rules::{RuleSet, Severity};
use std::collections::BTreeSet;
use std::io;
use std::sync::Arc;

/// One run's comparison: what turns a store's claims into findings
/// ([`super::Engine::run`]).
pub struct Run<'a> {
    pub(super) rules: &'a RuleSet,
    pub(super) weights: &'a SourceWeights,
    pub(super) facts: &'a Facts,
    /// The drafts' article names, with `--against`.
    pub(super) drafts: Option<&'a BTreeSet<String>>,
    pub(super) claims: &'a dyn ClaimStore,
    /// The instances of recurring events the corpus names.
    pub(super) scopes: crate::compare::scope::Scopes,
    /// The baseline of the engine: the findings it covers are marked
    /// baselined.
    pub(super) baseline: Option<&'a Baseline>,
    /// How many of a finding's claims the sink is given.
    pub(super) quotes: Quotes,
    /// Which articles a reported finding must involve ([`Run::involving`]).
    pub(super) involving: Option<&'a (dyn Fn(&str) -> bool + Sync)>,
    /// Findings kept from the last run ([`Run::remembering`]).
    pub(super) memo: Option<&'a super::KeyMemo>,
    /// How the findings come quoted, made from borrowed claims
    /// ([`Run::quoting`]); `None`: whole.
    pub(super) quoted: Option<Quotes>,
    /// Whether freed memory goes back to the system after each key.
    pub(super) release: bool,
}

/// A finding as a run makes it, with its baseline entry once made: a
/// memo ([`super::KeyMemo`]) keeps both, so a finding kept from the last
/// run is not read whole again for its entry.
#[derive(Debug, Clone)]
pub(super) struct Made {
    pub(super) finding: Arc<Finding>,
    pub(super) entry: Option<Arc<LazyEntry>>,
}

impl Made {
    fn new(finding: Finding) -> Made {
        Made {
            finding: Arc::new(finding),
            entry: None,
        }
    }

    /// With its entry made.
    fn with_entry(finding: Finding) -> Made {
        Made {
            entry: Some(Arc::new(LazyEntry::made(Entry::of(&finding)))),
            finding: Arc::new(finding),
        }
    }
}

/// The counts of a run's findings, made as [`Run::each`] hands them on.
#[derive(Debug, Clone, Default)]
pub struct Counted {
    /// The findings' counts (articles, claims and unreadable inputs are
    /// the gatherer's to fill in).
    pub summary: Summary,
    /// Baseline entries no finding matched any more.
    pub stale: Vec<Entry>,
    /// Every finding but notes as a baseline entry, when asked to record
    /// them ([`Run::each`] with `record`).
    pub recorded: Option<Baseline>,
}

impl<'a> Run<'a> {
    /// Reports only the findings with a claim of an article `changed`
    /// accepts (`check --changed-since`): the other articles' claims are
    /// still compared, and a baseline entry of a finding left out is not
    /// stale.
    pub fn involving(mut self, changed: &'a (dyn Fn(&str) -> bool + Sync)) -> Run<'a> {
        self.involving = Some(changed);
        self
    }

    /// Compares with `baseline` instead of the engine's (a front end that
    /// accepts findings while it runs keeps the baseline of the moment).
    pub fn with_baseline(mut self, baseline: Option<&'a Baseline>) -> Run<'a> {
        self.baseline = baseline;
        self
    }

    /// Keeps the memory each key frees for the next, instead of handing it
    /// back to the system after each key: for a process that holds its
    /// claims between runs (a server, an editor's), where the heap is
    /// large and trimming it at each key costs more than it saves.
    pub fn keeping_freed_memory(mut self) -> Run<'a> {
        self.release = false;
        self
    }

    /// Hands on each finding quoted as `quotes` says, with the baseline
    /// entry of the whole finding ([`Run::each_entry`]), whatever the
    /// engine's [`Quotes`]: a key's claims are compared where the store
    /// keeps them, and only those a finding quotes are copied into it.
    /// The same findings as without, quoted; a run that records a
    /// baseline makes them whole.
    pub fn quoting(mut self, quotes: Quotes) -> Run<'a> {
        self.quoted = Some(quotes);
        self
    }

    /// Takes the findings of the keys whose drafts' claims read as in the
    /// last run from `memo`, and keeps this run's there ([`super::KeyMemo`]).
    /// `stamp` is the state of the baseline: another stamp forgets every
    /// key. Kept only when the store says which snapshot it holds and
    /// which claims are the drafts'; a run that records a baseline keeps
    /// nothing. With [`Run::quoting`], the findings are kept quoted.
    pub fn remembering(mut self, memo: &'a super::KeyMemo, stamp: u64) -> io::Result<Run<'a>> {
        let drafts = self.drafts;
        let chosen = |article: &str| drafts.is_some_and(|d| d.contains(article));
        let (signature, placed) = self.scopes.signature(&chosen);
        let mut scopes = Vec::new();
        if placed {
            let wanted = crate::compare::scope::read_keys(self.rules);
            for i in 0..self.claims.len() {
                if wanted.contains(self.claims.key(i)) {
                    match self.claims.drafts_of(i) {
                        Some(drafts) => scopes.extend(drafts?),
                        None => return Ok(self),
                    }
                }
            }
        }
        if memo.begin(self.claims, stamp, signature, scopes).is_some() {
            self.memo = Some(memo);
        }
        Ok(self)
    }

    /// Hands every finding to `sink`, in report order: key by key (keys in
    /// order), sorted within a key; and counts them. Findings the engine's
    /// baseline accepts are marked baselined. With `record`, every finding
    /// but notes is recorded as a baseline entry and, being recorded, is
    /// accepted: marked baselined, and no entry of the old baseline is
    /// stale. Baselines and counts see every claim of a finding; `sink`
    /// is given the claims the engine's [`Quotes`] say a report quotes.
    ///
    /// With `ahead` (and a pool of two threads or more) the next key's
    /// findings are made on another thread while `sink` takes this key's,
    /// when the two keys together have no more claims than the largest
    /// key: the two never hold more claims than the largest key does.
    pub fn each(
        &self,
        record: bool,
        ahead: bool,
        sink: &mut dyn FnMut(&Finding) -> io::Result<()>,
    ) -> io::Result<Counted> {
        let quotes = self.quotes;
        self.counting(record, ahead, &mut |made| match made.finding.quoted(quotes) {
            Some(quoted) => sink(&quoted),
            None => sink(&made.finding),
        })
    }

    /// As [`Run::each`] with neither `record` nor `ahead`, and `sink` is
    /// given each finding whole (every claim, whatever the engine's
    /// [`Quotes`]), or as [`Run::quoting`] quotes it, with the baseline
    /// entry of the whole finding. With a memo
    /// ([`Run::remembering`]) a finding kept from the last run comes with
    /// the same entry (the same `Arc`) as then, so a front end can keep
    /// what it derives from a finding by its entry.
    pub fn each_entry(&self, sink: &mut dyn FnMut(&Finding, &Arc<LazyEntry>) -> io::Result<()>) -> io::Result<Counted> {
        self.counting(false, false, &mut |made| match &made.entry {
            Some(entry) => sink(&made.finding, entry),
            None => sink(&made.finding, &Arc::new(LazyEntry::made(Entry::of(&made.finding)))),
        })
    }

    /// [`Run::each`]'s walk and counts; `sink` is given each finding as
    /// made.
    fn counting(
        &self,
        record: bool,
        ahead: bool,
        sink: &mut dyn FnMut(&Made) -> io::Result<()>,
    ) -> io::Result<Counted> {
        let mut used = vec![false; self.baseline.map_or(0, |b| b.findings.len())];
        let mut summary = Summary::default();
        let mut entries = Vec::new();
        let mut take = |made: &Made| {
            let f = &made.finding;
            match (f.baselined, f.severity) {
                (true, _) => summary.baselined += 1,
                (false, Severity::Error) => summary.errors += 1,
                (false, Severity::Warning) => summary.warnings += 1,
                (false, Severity::Note) => summary.notes += 1,
            }
            if record && f.severity != Severity::Note {
                entries.push(made.entry.as_deref().map_or_else(|| Entry::of(f), |e| e.get().clone()));
            }
            sink(made)
        };
        self.walk(record, &mut used, ahead, &mut take)?;
        let stale = match self.baseline {
            Some(b) if !record => b.stale(&used),
            _ => Vec::new(),
        };
        summary.stale = stale.len();
        Ok(Counted {
            summary,
            stale,
            recorded: record.then(|| Baseline::from_entries(entries)),
        })
    }

    /// [`Run::each`] without the counts.
    fn walk(
        &self,
        record: bool,
        used: &mut [bool],
        ahead: bool,
        sink: &mut dyn FnMut(&Made) -> io::Result<()>,
    ) -> io::Result<()> {
        let keys = self.claims.len();
        if !ahead || rayon::current_num_threads() < 2 || keys < 2 {
            for i in 0..keys {
                for f in self.key(i, record, used)? {
                    sink(&f)?;
                }
                if self.release {
                    super::release_free_memory();
                }
            }
            return Ok(());
        }
        let largest = (0..keys).map(|i| self.claims.claims_in(i)).max().unwrap_or(0);
        std::thread::scope(|scope| {
            let (made_tx, made) = std::sync::mpsc::sync_channel::<io::Result<Vec<Made>>>(0);
            let (done_tx, done) = std::sync::mpsc::channel::<()>();
            scope.spawn(move || {
                // Keys the sink has taken whole.
                let mut written = 0;
                for i in 0..keys {
                    let findings = self.key(i, record, used);
                    let failed = findings.is_err();
                    if made_tx.send(findings).is_err() || failed {
                        return;
                    }
                    let together = self.claims.claims_in(i) + self.claims.claims_in(i + 1);
                    // Too large to hold both: wait until key i is written.
                    while i + 1 < keys && together > largest && written <= i {
                        if done.recv().is_err() {
                            return;
                        }
                        written += 1;
                    }
                }
            });
            for findings in made {
                for f in findings? {
                    sink(&f)?;
                }
                if self.release {
                    super::release_free_memory();
                }
                // The maker may be gone already (after the last key).
                let _ = done_tx.send(());
            }
            Ok(())
        })
    }

    /// The findings of the `i`th key.
    fn key(&self, i: usize, record: bool, used: &mut [bool]) -> io::Result<Vec<Made>> {
        // Against a corpus only findings with a draft's claim are kept
        // ([`editorial`]): a key no draft states has none.
        if self.drafts.is_some() && self.claims.has_drafts(i) == Some(false) {
            return Ok(Vec::new());
        }
        if let Some(memo) = self.memo.filter(|_| !record) {
            if let Some(drafts) = self.claims.drafts_of(i) {
                let key: Arc<str> = Arc::from(self.claims.key(i));
                return memo.key(&key, drafts?, used, |used| match self.quoted {
                    Some(quotes) => self.make_quoted(i, used, quotes),
                    None => Ok(self.make(i, record, used)?.into_iter().map(Made::with_entry).collect()),
                });
            }
        }
        if let Some(quotes) = self.quoted.filter(|_| !record) {
            return self.make_quoted(i, used, quotes);
        }
        Ok(self.make(i, record, used)?.into_iter().map(Made::new).collect())
    }

    /// As [`Run::make`] for a run that does not record ([`Run::quoting`]),
    /// with the claims borrowed from the store: each
    /// finding comes quoted as `quotes` says, with the baseline entry of
    /// the whole finding. The finding that lists a whole part of the key's
    /// claims copies only those it quotes; all it says of the others (its
    /// entry, the editorial help, whether the fact sheet supersedes it) is
    /// read from them where they are. The same findings as `make`, quoted.
    fn make_quoted(&self, i: usize, used: &mut [bool], quotes: Quotes) -> io::Result<Vec<Made>> {
        let (owned, shared) = self.claims.read_shared(i)?;
        let claims: Vec<&Claim> = owned.iter().chain(shared.iter().flat_map(|s| s.iter())).collect();
        let mismatches = self.facts.check_each(claims.iter().copied());
        let split = self.scopes.split(self.rules, claims, |c| c);
        let mut findings: Vec<(Finding, Option<Whole>)> = split.notes.into_iter().map(|f| (f, None)).collect();
        for (instance, part) in split.parts {
            let Some(first) = part.first() else {
                continue;
            };
            // An instance's part is compared under its own key, as `make`
            // compares claims it gave that key.
            let scoped = instance.map(|instance| crate::compare::scope::scoped_key(&first.key, &instance));
            let key = scoped.clone().unwrap_or_else(|| first.key.clone());
            let start = findings.len();
            if let Some(drafts) = self.drafts {
                findings.extend(
                    drafts_behind(self.rules, &key, &part, drafts)
                        .into_iter()
                        .map(|f| (f, None)),
                );
            }
            let is_draft = |c: &Claim| self.drafts.is_some_and(|d| d.contains(&*c.article));
            let selves = self.drafts.map(|_| &is_draft as &dyn Fn(&Claim) -> bool);
            let (made, whole) = compare::compare_refs(self.rules, &key, part, self.weights, selves);
            let at = findings.len();
            findings.extend(made.into_iter().map(|f| (f, None)));
            if let Some((j, claims, numbered)) = whole {
                findings[at + j].1 = Some(Whole::new(claims, numbered, scoped.clone()));
            }
            if let Some(scoped) = &scoped {
                for (f, _) in &mut findings[start..] {
                    f.key = scoped.to_string();
                    for (_, c) in &mut f.claims {
                        c.key = scoped.clone();
                    }
                }
            }
        }
        findings.extend(mismatches.into_iter().map(|f| (f, None)));
        let flagged = crate::compare::facts::Flagged::of(findings.iter().map(|(f, _)| f));
        findings.retain(|(f, whole)| !flagged.supersede(f.code, claims_of(f, whole)));
        if let Some(drafts) = self.drafts {
            findings.retain_mut(|(f, whole)| {
                let help = match whole {
                    Some(w) => editorial_help(f, w.claims.iter().map(|(r, c)| (*r, *c)), || w.numbered(), drafts),
                    None => {
                        let claims = f.claims.iter().map(|(r, c)| (*r, c));
                        editorial_help(f, claims, || numbered(f.claims.iter().map(|(_, c)| c)), drafts)
                    }
                };
                match help {
                    Some(help) => {
                        f.help = help;
                        true
                    }
                    None => false,
                }
            });
        }
        // Of every claim: where each finding sorts, its entry, and whether
        // it involves an article `involving` accepts; then the finding
        // quoted.
        let mut made: Vec<(Finding, LazyEntry, SortKey, bool)> = findings
            .into_iter()
            .map(|(f, whole)| {
                let order = match &whole {
                    Some(w) => compare::sort_key_of(&f, w.firsts()),
                    None => compare::sort_key_of(&f, f.claims.iter().map(|(_, c)| c)),
                };
                let involved = self
                    .involving
                    .is_none_or(|changed| claims_of(&f, &whole).any(|(_, c)| changed(&c.article)));
                match whole {
                    None => {
                        let entry = LazyEntry::made(Entry::of(&f));
                        (f.quoted(quotes).unwrap_or(f), entry, order, involved)
                    }
                    Some(whole) => {
                        let entry = whole.entry(&f, &owned, shared.as_ref());
                        (whole.quote(f, quotes), entry, order, involved)
                    }
                }
            })
            .collect();
        made.sort_by(|a, b| a.2.cmp(&b.2));
        if let Some(b) = self.baseline {
            for (f, entry, _, _) in &mut made {
                f.baselined = b.covers_lazy(entry, used);
            }
            // New findings before baselined ones where the order ties.
            made.sort_by_key(|m| m.0.baselined);
            made.sort_by(|a, b| a.2.cmp(&b.2));
        }
        Ok(made
            .into_iter()
            .filter(|m| m.3)
            .map(|(f, entry, _, _)| Made {
                finding: Arc::new(f),
                entry: Some(Arc::new(entry)),
            })
            .collect())
    }

    /// The findings of the `i`th key, made from its claims.
    fn make(&self, i: usize, record: bool, used: &mut [bool]) -> io::Result<Vec<Finding>> {
        let claims = self.claims.read_for_roles(i)?;
        let mismatches = self.facts.check_each(claims.iter().map(|(_, c)| c));
        let split = self.scopes.split(self.rules, claims, |(_, c)| c);
        let mut findings = split.notes;
        for (instance, mut part) in split.parts {
            if let Some(instance) = instance {
                let scoped = crate::compare::scope::scoped_key(&part[0].1.key, &instance);
                for (_, c) in &mut part {
                    c.key = scoped.clone();
                }
            }
            if let Some(drafts) = self.drafts {
                if let Some((_, first)) = part.first() {
                    let claims: Vec<&Claim> = part.iter().map(|(_, c)| c).collect();
                    findings.extend(drafts_behind(self.rules, &first.key, &claims, drafts));
                }
            }
            // Against a corpus, only a draft's own self-contradictions
            // can be kept ([`editorial`]).
            let is_draft = |c: &Claim| self.drafts.is_some_and(|d| d.contains(&*c.article));
            let selves = self.drafts.map(|_| &is_draft as &dyn Fn(&Claim) -> bool);
            findings.extend(compare::compare_key_for(self.rules, part, self.weights, selves));
        }
        findings.extend(mismatches);
        let mut findings = crate::compare::facts::supersede(findings);
        compare::sort(&mut findings);
        if let Some(drafts) = self.drafts {
            findings = editorial(findings, drafts);
        }
        if record || self.baseline.is_some() {
            for f in &mut findings {
                f.baselined = match self.baseline {
                    _ if record => f.severity != Severity::Note,
                    Some(b) => b.covers(f, used),
                    None => false,
                };
            }
            // New findings before baselined ones where the order ties.
            findings.sort_by_key(|f| f.baselined);
            compare::sort(&mut findings);
        }
        if let Some(changed) = self.involving {
            findings.retain(|f| f.claims.iter().any(|(_, c)| changed(&c.article)));
        }
        Ok(findings)
    }
}

/// The claims of a finding that lists a whole part of a key's claims,
/// borrowed ([`Run::make_quoted`]), each with its value's canonical
/// string's number, and the key they are compared under when it is an
/// instance's.
struct Whole<'c> {
    claims: Vec<(Role, &'c Claim)>,
    /// Each claim's number, and the numbering: made when first asked
    /// (a finding the editorial filter drops never asks).
    numbers: std::cell::OnceCell<(Vec<usize>, crate::model::value::Canonicals<'c>)>,
    key: Option<Arc<str>>,
}

impl<'c> Whole<'c> {
    /// With its claims' numbers when the comparison made them.
    fn new(
        claims: Vec<(Role, &'c Claim)>,
        numbered: Option<compare::Numbered<'c>>,
        key: Option<Arc<str>>,
    ) -> Whole<'c> {
        Whole {
            claims,
            numbers: numbered.map_or_else(std::cell::OnceCell::new, std::cell::OnceCell::from),
            key,
        }
    }

    /// Each claim's value's canonical string's number, and the numbering.
    fn numbers(&self) -> &(Vec<usize>, crate::model::value::Canonicals<'c>) {
        self.numbers.get_or_init(|| {
            let mut canonicals = crate::model::value::Canonicals::new();
            let written = self.claims.iter().map(|(_, c)| canonicals.written(&c.value)).collect();
            (written, canonicals)
        })
    }

    /// The first claim of each side: each side is in article order, so
    /// the finding's first article and offset are among them.
    fn firsts(&self) -> impl Iterator<Item = &'c Claim> + '_ {
        let outliers = self.claims.iter().position(|(r, _)| *r == Role::Outlier);
        [Some(0), outliers]
            .into_iter()
            .flatten()
            .filter_map(|i| self.claims.get(i).map(|(_, c)| *c))
    }

    /// The claims with their numbers.
    fn numbered(&self) -> Vec<(&'c Claim, usize)> {
        self.claims
            .iter()
            .zip(&self.numbers().0)
            .map(|((_, c), w)| (*c, *w))
            .collect()
    }

    /// The baseline entry of `f`, had it every claim, made when asked
    /// when the claims are `owned` (a few) and `shared`'s, which it keeps;
    /// else made now.
    fn entry(&self, f: &Finding, owned: &[Claim], shared: Option<&Arc<Vec<Claim>>>) -> LazyEntry {
        /// The most claims held apart that an entry made later copies.
        const OWN: usize = 256;
        let place = |shared: &[Claim], c: &Claim| {
            let at = (c as *const Claim as usize).wrapping_sub(shared.as_ptr() as usize) / size_of::<Claim>().max(1);
            (at < shared.len() && std::ptr::eq(&shared[at], c)).then_some(at)
        };
        if let Some(shared) = shared.filter(|_| owned.len() <= OWN) {
            let mut own = Vec::new();
            let mut at: Vec<u32> = Vec::with_capacity(self.claims.len());
            for (_, c) in &self.claims {
                match place(shared, c) {
                    Some(i) => at.push(i as u32),
                    None => own.push((*c).clone()),
                }
            }
            let places = (at.len() < shared.len()).then(|| {
                at.sort_unstable();
                at
            });
            let pending = crate::compare::baseline::Pending {
                own,
                shared: shared.clone(),
                places,
            };
            return LazyEntry::later(f, pending);
        }
        let (written, canonicals) = self.numbers();
        let claims = self.claims.iter().zip(written).map(|((_, c), w)| (&c.article, *w));
        LazyEntry::made(Entry::of_numbered(f, claims, canonicals))
    }

    /// `f` with the claims `quotes` quotes, copied, and the others counted.
    fn quote(self, mut f: Finding, quotes: Quotes) -> Finding {
        let claims = self.claims.iter().zip(&self.numbers().0);
        let keep = compare::quote_mask_numbered(claims.map(|((r, c), w)| (*r, &c.article, *w)), quotes);
        let total = self.claims.len();
        f.claims = self
            .claims
            .into_iter()
            .enumerate()
            .filter(|(i, _)| keep.as_ref().is_none_or(|k| k[*i]))
            .map(|(_, (role, c))| {
                let mut c = c.clone();
                if let Some(key) = &self.key {
                    c.key = key.clone();
                }
                (role, c)
            })
            .collect();
        f.unquoted += total - f.claims.len();
        f
    }
}

/// Where a finding sorts ([`compare::sort_key`]).
type SortKey = (String, Code, String, usize);

/// A finding's claims: its own, or the whole part's it lists.
fn claims_of<'s, 'c: 's>(
    f: &'s Finding,
    whole: &'s Option<Whole<'c>>,
) -> impl Iterator<Item = (Role, &'s Claim)> + Clone + use<'s, 'c> {
    let own = whole.is_none().then(|| f.claims.iter().map(|(r, c)| (*r, c)));
    let whole = whole.iter().flat_map(|w| w.claims.iter().map(|(r, c)| (*r, *c)));
    own.into_iter().flatten().chain(whole)
}

/// A draft's figures of a fact revised either way that differ from the
/// newest published figure ([`crate::compare::timeline::drafts_behind`]).
/// `key` is the part's (scoped, when the part is an instance's).
fn drafts_behind(rules: &RuleSet, key: &str, claims: &[&Claim], drafts: &BTreeSet<String>) -> Vec<Finding> {
    let Some(rule) = rules.get(key).filter(|r| r.evolves == Some(crate::news::Evolves::Any)) else {
        return Vec::new();
    };
    crate::compare::timeline::drafts_behind(key, &rule.title, claims, &|c| drafts.contains(&*c.article))
}

/// Keeps the findings a draft is part of: where a draft's claim is an
/// outlier, or a draft's own self-contradiction, weekday or fact finding.
/// The help line then counts the published articles on each side and names
/// the newest.
fn editorial(findings: Vec<Finding>, drafts: &BTreeSet<String>) -> Vec<Finding> {
    findings
        .into_iter()
        .filter_map(|mut f| {
            let claims = f.claims.iter().map(|(r, c)| (*r, c));
            let help = editorial_help(&f, claims, || numbered(f.claims.iter().map(|(_, c)| c)), drafts)?;
            f.help = help;
            Some(f)
        })
        .collect()
}

/// Each claim with its value's canonical string's number
/// ([`crate::model::value::Canonicals::written`]).
fn numbered<'c>(claims: impl Iterator<Item = &'c Claim>) -> Vec<(&'c Claim, usize)> {
    let mut canonicals = crate::model::value::Canonicals::new();
    claims.map(|c| (c, canonicals.written(&c.value))).collect()
}

/// [`editorial`] of one finding with `claims`: `None` when it is not
/// kept, else its help. `numbered` gives the claims numbered, for the
/// help that counts the sides.
fn editorial_help<'c>(
    f: &Finding,
    mut claims: impl Iterator<Item = (Role, &'c Claim)>,
    numbered: impl FnOnce() -> Vec<(&'c Claim, usize)>,
    drafts: &BTreeSet<String>,
) -> Option<String> {
    // Asked of every claim of a key: a few drafts are compared as
    // strings (lengths first), not looked up in order.
    // An article's claims come in a row, sharing its name: the last
    // name's answer is kept.
    let few = drafts.len() <= 8;
    let last: std::cell::Cell<Option<(*const u8, bool)>> = std::cell::Cell::new(None);
    let is_draft = |c: &Claim| {
        let name = Arc::as_ptr(&c.article) as *const u8;
        if let Some((_, answer)) = last.get().filter(|(seen, _)| std::ptr::eq(*seen, name)) {
            return answer;
        }
        let answer = if few {
            drafts.iter().any(|d| **d == *c.article)
        } else {
            drafts.contains(&*c.article)
        };
        last.set(Some((name, answer)));
        answer
    };
    if !claims.any(|(role, c)| role == Role::Outlier && is_draft(c)) {
        return None;
    }
    Some(if matches!(f.code, Code::Contradiction | Code::NameVariant) {
        format!("{}; {}", f.help, sides(&numbered(), &is_draft))
    } else {
        f.help.clone()
    })
}

/// "published: 4 articles agree with the draft, 1 does not; newest: …".
fn sides(claims: &[(&Claim, usize)], is_draft: &dyn Fn(&Claim) -> bool) -> String {
    // The drafts' values, by their canonical strings' numbers.
    let draft_values: Vec<usize> = claims.iter().filter(|(c, _)| is_draft(c)).map(|&(_, w)| w).collect();
    // Articles counted by their index, as a majority's support counts
    // them: marked 1 when seen, 2 when one of its claims agrees.
    let mut marks: Vec<u8> = Vec::new();
    // The newest published claim: the last of those with the greatest
    // (date, article), as `max_by_key` gives it; an article's name is
    // compared only between claims of that date.
    let mut newest: Option<&Claim> = None;
    for &(c, written) in claims.iter().filter(|(c, _)| !is_draft(c)) {
        if c.article_index >= marks.len() {
            marks.resize(c.article_index + 1, 0);
        }
        let mark = &mut marks[c.article_index];
        if *mark < 2 && draft_values.contains(&written) {
            *mark = 2;
        } else if *mark == 0 {
            *mark = 1;
        }
        if c.published.is_none() {
            continue;
        }
        let later = newest.is_none_or(|n| match c.published.cmp(&n.published) {
            std::cmp::Ordering::Equal => compare::shared_order(&c.article, &n.article).is_ge(),
            order => order.is_gt(),
        });
        if later {
            newest = Some(c);
        }
    }
    let agree = marks.iter().filter(|m| **m == 2).count();
    let all = marks.iter().filter(|m| **m > 0).count();
    let newest = newest
        .map(|c| {
            format!(
                "; newest published: {} ({}) says {}",
                c.article,
                c.published.unwrap_or_default(),
                c.value.canonical()
            )
        })
        .unwrap_or_default();
    format!(
        "published articles: {agree} agree with the draft, {} do not{newest}",
        all - agree
    )
}
