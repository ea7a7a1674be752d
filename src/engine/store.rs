//! Claim stores: where a run keeps its claims between extraction and
//! comparison, one key at a time.
//!
//! A [`StoreBuilder`] takes claims as extraction makes them and becomes a
//! [`ClaimStore`], which hands them back key by key (keys in order, each
//! key's claims in the order they came). [`Memory`] keeps them in memory
//! (a library call, a server's request); [`Spill`] keeps them on disk, so
//! a run holds one key's claims at a time ([`crate::engine::spill`]). The engine
//! compares any store the same way.

use crate::compare::Role;
use crate::engine::spill::{Spill, Spilled};
use crate::extract::Claim;
use std::collections::BTreeMap;
use std::io;
use std::sync::Arc;

/// A key's claims in two parts ([`ClaimStore::read_shared`]): owned, then
/// shared.
pub type Shared = (Vec<Claim>, Option<Arc<Vec<Claim>>>);

/// Claims by key, readable one key at a time.
pub trait ClaimStore: Sync {
    /// Every claim held.
    fn claims(&self) -> usize;
    /// How many keys there are.
    fn len(&self) -> usize;
    /// Whether no claim is held.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The `i`th key, in order.
    fn key(&self, i: usize) -> &str;
    /// How many claims the `i`th key has.
    fn claims_in(&self, i: usize) -> usize;
    /// The claims of the `i`th key, each paired with a role still to be
    /// set (the shape [`crate::compare::compare_key`] fills in place).
    fn read_for_roles(&self, i: usize) -> io::Result<Vec<(Role, Claim)>>;
    /// The claims of the `i`th key.
    fn read(&self, i: usize) -> io::Result<Vec<Claim>> {
        Ok(self.read_for_roles(i)?.into_iter().map(|(_, c)| c).collect())
    }
    /// The claims of the `i`th key in [`ClaimStore::read`]'s order, in two
    /// parts: the first owned, the second shared when the store keeps it
    /// from run to run (read without a copy); by default, all owned.
    fn read_shared(&self, i: usize) -> io::Result<Shared> {
        Ok((self.read(i)?, None))
    }
    /// Whether the `i`th key has a claim of a draft, when the store knows
    /// without reading its claims (a store that holds drafts apart from
    /// the published articles); `None` when it does not.
    fn has_drafts(&self, _i: usize) -> Option<bool> {
        None
    }
    /// The drafts' claims of the `i`th key, in order, when the store holds
    /// them apart; `None` when it does not.
    fn drafts_of(&self, _i: usize) -> Option<io::Result<Vec<Claim>>> {
        None
    }
    /// What the published claims are a snapshot of, when the store keeps
    /// them from run to run: the same value (by pointer) while they are
    /// unchanged ([`super::KeyMemo`]); `None` when it cannot say.
    fn snapshot(&self) -> Option<Arc<dyn std::any::Any + Send + Sync>> {
        None
    }
    /// The instances of recurring events the claims name, when the store
    /// keeps most of them ready (a store kept from run to run); `None`:
    /// the run reads them from the scope keys' claims.
    fn scopes(&self, _rules: &crate::rules::RuleSet) -> io::Result<Option<crate::compare::scope::Scopes>> {
        Ok(None)
    }
}

/// Takes claims as they are made; then a [`ClaimStore`].
pub trait StoreBuilder {
    type Store: ClaimStore;
    /// Keeps claims, each under its key.
    fn push(&mut self, claims: Vec<Claim>) -> io::Result<()>;
    /// Every claim is in: the store to read them from.
    fn finish(self) -> io::Result<Self::Store>;
}

impl StoreBuilder for Spill {
    type Store = Spilled;

    fn push(&mut self, claims: Vec<Claim>) -> io::Result<()> {
        Spill::push(self, claims)
    }

    fn finish(self) -> io::Result<Spilled> {
        Spill::finish(self)
    }
}

impl ClaimStore for Spilled {
    fn claims(&self) -> usize {
        Spilled::claims(self)
    }

    fn len(&self) -> usize {
        Spilled::len(self)
    }

    fn key(&self, i: usize) -> &str {
        Spilled::key(self, i).unwrap_or_default()
    }

    fn claims_in(&self, i: usize) -> usize {
        Spilled::claims_in(self, i)
    }

    fn read_for_roles(&self, i: usize) -> io::Result<Vec<(Role, Claim)>> {
        Spilled::read_for_roles(self, i)
    }

    fn read(&self, i: usize) -> io::Result<Vec<Claim>> {
        Spilled::read(self, i)
    }
}

/// Claims in memory, by key: the store and its own builder.
#[derive(Debug, Default)]
pub struct Memory {
    groups: BTreeMap<Arc<str>, Vec<Claim>>,
    claims: usize,
    /// The keys in order, once every claim is in.
    keys: Vec<Arc<str>>,
}

impl Memory {
    pub fn new() -> Memory {
        Memory::default()
    }
}

impl StoreBuilder for Memory {
    type Store = Memory;

    fn push(&mut self, claims: Vec<Claim>) -> io::Result<()> {
        for c in claims {
            self.claims += 1;
            self.groups.entry(c.key.clone()).or_default().push(c);
        }
        Ok(())
    }

    fn finish(mut self) -> io::Result<Memory> {
        self.keys = self.groups.keys().cloned().collect();
        Ok(self)
    }
}

impl ClaimStore for Memory {
    fn claims(&self) -> usize {
        self.claims
    }

    fn len(&self) -> usize {
        self.keys.len()
    }

    fn key(&self, i: usize) -> &str {
        self.keys.get(i).map_or("", |k| k)
    }

    fn claims_in(&self, i: usize) -> usize {
        self.keys.get(i).and_then(|k| self.groups.get(k)).map_or(0, Vec::len)
    }

    fn read_for_roles(&self, i: usize) -> io::Result<Vec<(Role, Claim)>> {
        Ok(self.read(i)?.into_iter().map(|c| (Role::Majority, c)).collect())
    }

    fn read(&self, i: usize) -> io::Result<Vec<Claim>> {
        Ok(self
            .keys
            .get(i)
            .and_then(|k| self.groups.get(k))
            .cloned()
            .unwrap_or_default())
    }
}
