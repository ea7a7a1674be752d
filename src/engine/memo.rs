//! Findings kept from one run to the next, for a front end that checks
//! the same draft again at each change (an editor).
//!
//! An edit changes the claims of one fact or two; the others' findings
//! are the last run's. A [`KeyMemo`] keeps each key's findings with the
//! drafts' claims they were made from, and gives them again when the
//! drafts' claims of that key read the same as then: the same values,
//! texts, dates and contexts, in the same order, each with the same
//! number of claims of the scope keys before it when that decides which
//! instance of a recurring event it belongs to. Only where they stand may differ: the
//! findings kept are handed on with the drafts' claims as they stand now.
//!
//! The memo is valid for one snapshot of the published claims (the
//! store's [`ClaimStore::snapshot`]), one state of the baseline (the
//! caller's stamp) and sessions that say the same of the drafts
//! ([`crate::compare::scope::Scopes::signature`]); any change of those
//! forgets every key. Everything else a key's findings depend on (rules,
//! weights, fact sheet, quoting) is the engine's or the run's: a memo
//! serves one engine and one kind of run (the same drafts' names, no
//! [`super::Run::involving`]).

use super::plan::Made;
use super::store::ClaimStore;
use crate::extract::Claim;
use std::any::Any;
use std::collections::HashMap;
use std::io;
use std::sync::{Arc, Mutex};

/// Findings of keys kept from one run to the next ([`super::Run::remembering`]).
#[derive(Default)]
pub struct KeyMemo {
    held: Mutex<Held>,
}

impl std::fmt::Debug for KeyMemo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let held = self.held.lock().unwrap_or_else(|e| e.into_inner());
        f.debug_struct("KeyMemo").field("keys", &held.keys.len()).finish()
    }
}

#[derive(Default)]
struct Held {
    /// The published claims the findings were made against.
    snapshot: Option<Arc<dyn Any + Send + Sync>>,
    /// The caller's stamp (its baseline's state).
    stamp: u64,
    /// What the run's instances of recurring events say of the drafts
    /// ([`crate::compare::scope::Scopes::signature`]).
    signature: String,
    /// The drafts' claims of the scope keys, when claims are split by
    /// instance (their places then matter); else none.
    scopes: Vec<Claim>,
    keys: HashMap<Arc<str>, Kept>,
    /// What runs replaced, until [`KeyMemo::retired`] takes it (or the
    /// next run starts): freeing a large fact's findings need not hold
    /// up the run that made their successors.
    retired: Vec<Kept>,
}

/// Findings a memo no longer holds ([`KeyMemo::retired`]), to be freed
/// by dropping.
#[must_use = "dropping it frees what it holds"]
pub struct Retired(Vec<Kept>);

impl std::fmt::Debug for Retired {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Retired").field(&self.0.len()).finish()
    }
}

/// One key's findings, and what they were made from.
struct Kept {
    drafts: Vec<Claim>,
    /// Each draft claim's number of scope claims before it.
    ranks: Vec<usize>,
    /// Each with its baseline entry.
    findings: Vec<Made>,
    /// Where the drafts' claims stand in each finding's claims.
    places: Vec<Vec<usize>>,
    /// The baseline entries the findings matched.
    used: Vec<usize>,
}

impl KeyMemo {
    pub fn new() -> KeyMemo {
        KeyMemo::default()
    }

    /// How many keys' findings are kept.
    pub fn len(&self) -> usize {
        self.held.lock().unwrap_or_else(|e| e.into_inner()).keys.len()
    }

    /// Whether nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// What the last run replaced, for the caller to free where it does
    /// not hold up a run (another thread, once the findings are out).
    /// Left here, it is freed when the next run starts.
    pub fn retired(&self) -> Retired {
        let mut held = self.held.lock().unwrap_or_else(|e| e.into_inner());
        Retired(std::mem::take(&mut held.retired))
    }

    /// Starts a run: forgets every key unless the snapshot, the stamp and
    /// the signature of the run's sessions
    /// ([`crate::compare::scope::Scopes::signature`]) are the last run's.
    /// `scopes` are the drafts' claims of the scope keys when their places
    /// matter (else none). `None` when the store cannot say what it holds
    /// (nothing is kept).
    pub(super) fn begin(
        &self,
        store: &dyn ClaimStore,
        stamp: u64,
        signature: String,
        scopes: Vec<Claim>,
    ) -> Option<()> {
        let snapshot = store.snapshot()?;
        let mut held = self.held.lock().unwrap_or_else(|e| e.into_inner());
        let same = held.snapshot.as_ref().is_some_and(|s| Arc::ptr_eq(s, &snapshot))
            && held.stamp == stamp
            && held.signature == signature;
        // What the last run replaced, if the caller left it, and all that
        // is kept when it no longer holds: freed here, out of the lock.
        let mut retired = std::mem::take(&mut held.retired);
        if !same {
            retired.extend(held.keys.drain().map(|(_, kept)| kept));
        }
        held.snapshot = Some(snapshot);
        held.stamp = stamp;
        held.signature = signature;
        held.scopes = scopes;
        drop(held);
        drop(retired);
        Some(())
    }

    /// The findings of key `key`, whose drafts' claims are `drafts`: the
    /// kept ones when they read the same (and stand in the same order among
    /// the scope claims, when that matters), the drafts' claims moved to
    /// where they stand; else `make`'s (each with its baseline entry), kept.
    /// `used` is marked as `make` would mark it.
    pub(super) fn key(
        &self,
        key: &Arc<str>,
        drafts: Vec<Claim>,
        used: &mut [bool],
        make: impl FnOnce(&mut [bool]) -> io::Result<Vec<Made>>,
    ) -> io::Result<Vec<Made>> {
        let ranks = {
            let mut held = self.held.lock().unwrap_or_else(|e| e.into_inner());
            let ranks = ranks(&held.scopes, &drafts);
            if let Some(kept) = held.keys.get_mut(key) {
                let same = kept.drafts.len() == drafts.len()
                    && kept.ranks == ranks
                    && kept.drafts.iter().zip(&drafts).all(|(a, b)| same_reading(a, b));
                if same {
                    move_claims(&mut kept.findings, &kept.places, &kept.drafts, &drafts);
                    for &u in &kept.used {
                        if let Some(flag) = used.get_mut(u) {
                            *flag = true;
                        }
                    }
                    kept.drafts = drafts;
                    return Ok(kept.findings.clone());
                }
            }
            ranks
        };
        let before = used.to_vec();
        let findings: Vec<Made> = make(used)?;
        let newly = used
            .iter()
            .zip(&before)
            .enumerate()
            .filter(|(_, (now, was))| **now && !**was)
            .map(|(i, _)| i)
            .collect();
        let articles: std::collections::HashSet<usize> = drafts.iter().map(|c| c.article_index).collect();
        let places = findings
            .iter()
            .map(|made| {
                let claims = made.finding.claims.iter().enumerate();
                claims
                    .filter(|(_, (_, c))| articles.contains(&c.article_index))
                    .map(|(i, _)| i)
                    .collect()
            })
            .collect();
        let kept = Kept {
            drafts,
            ranks,
            places,
            findings: findings.clone(),
            used: newly,
        };
        let mut held = self.held.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(old) = held.keys.insert(key.clone(), kept) {
            held.retired.push(old);
        }
        Ok(findings)
    }
}

/// Whether two claims read the same: everything but where they stand
/// (span, line and column, the line quoted).
fn same_reading(a: &Claim, b: &Claim) -> bool {
    a.key == b.key
        && a.rule == b.rule
        && a.kind == b.kind
        && a.severity == b.severity
        && a.article == b.article
        && a.source == b.source
        && a.article_index == b.article_index
        && a.published == b.published
        && a.value == b.value
        && a.weekday == b.weekday
        && a.text == b.text
        && a.context == b.context
}

/// For each claim, how many scope claims of its article start at or
/// before it.
fn ranks(scopes: &[Claim], claims: &[Claim]) -> Vec<usize> {
    claims
        .iter()
        .map(|c| {
            scopes
                .iter()
                .filter(|s| s.article_index == c.article_index && s.span.start <= c.span.start)
                .count()
        })
        .collect()
}

/// Replaces, in `findings`, each claim of `old` with the claim of `new`
/// at the same place in the list. The two lists read the same, in the
/// same order, so every order the findings keep (within a finding, and
/// between findings) is unchanged. `places` says where the drafts'
/// claims stand in each finding: only those are looked at.
/// A finding no run holds any more is changed in place, not copied.
fn move_claims(findings: &mut [Made], places: &[Vec<usize>], old: &[Claim], new: &[Claim]) {
    let at: HashMap<(usize, usize, usize, &str), usize> = old
        .iter()
        .enumerate()
        .map(|(i, c)| ((c.article_index, c.span.start, c.span.end, &*c.rule), i))
        .collect();
    for (made, places) in findings.iter_mut().zip(places) {
        if places.is_empty() {
            continue;
        }
        let f = Arc::make_mut(&mut made.finding);
        for &p in places {
            let Some((_, c)) = f.claims.get_mut(p) else {
                continue;
            };
            if let Some(&i) = at.get(&(c.article_index, c.span.start, c.span.end, &*c.rule)) {
                // The scoped key a part was compared under stays.
                let key = c.key.clone();
                *c = new[i].clone();
                c.key = key;
            }
        }
    }
}
