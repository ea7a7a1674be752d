//! Which instance of a recurring event a claim is about.
//!
//! An archive holds every year's report of an assembly: the 92nd session's
//! dates and attendance are not the 93rd's, and comparing them gives
//! errors that are not real. A rule with `scope: session` belongs to the
//! instance its article names through the `session` rule's claims (a date
//! rule scopes by the year of its date).
//!
//! An instance is a separate event only where the corpus dates it apart:
//! the publication dates of the articles that report it, and the days its
//! scoped date rules state. Instances held within `SAME_EVENT_DAYS` (60 days) of
//! each other are one event given two numbers (a typo for the session
//! contradicts), and an instance nothing dates is the corpus's one event,
//! if it has one. When a corpus holds two events or more, each rule's
//! claims are split by event and compared within it, under the key
//! `rule@instance` (`interpol.delegates@93`); a corpus of one event is
//! compared as if there were no scope, so its output does not change.
//!
//! A claim belongs to the instance its article names last before it (a
//! report of the 92nd session that announces the 93rd gives its own
//! figures after naming the 92nd), else to the first one the article names.
//! An article that names no instance is placed by its publication date, in
//! the instance whose articles were published nearest to it; when that is
//! a tie, or it has no date, its claims are compared with none and a note
//! says so ([`Code::Unscoped`]).

use crate::compare::{Code, Finding, Role};
use crate::extract::Claim;
use crate::grammar::Kind;
use crate::rules::{RuleSet, Severity};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

/// The instances a corpus names, by scope key.
#[derive(Debug, Default, Clone)]
pub struct Scopes {
    tables: HashMap<Arc<str>, Instances>,
}

/// An article of the run: its name and index.
type ArticleId = (Arc<str>, usize);

/// What one scope rule's claims say: each article's instances, and the
/// publication dates of the articles of each instance.
#[derive(Debug, Default, Clone)]
struct Instances {
    /// What the articles taken before [`ScopesBuilder::freeze`] say,
    /// settled (their dates are in `dates`, their first instances counted
    /// in `firsts`): shared by every copy of a frozen builder.
    frozen: Arc<Said>,
    /// What the articles taken since say.
    said: Said,
    dates: BTreeMap<String, BTreeSet<NaiveDate>>,
    /// How many articles name each instance first.
    firsts: HashMap<String, usize>,
    /// The events: the dated instances, those held within
    /// `SAME_EVENT_DAYS` (60 days) of each other joined under the name most
    /// articles give (two numbers for one assembly contradict), each with
    /// its days.
    events: BTreeMap<String, BTreeSet<NaiveDate>>,
    /// The event each named instance is: `None` for an instance nothing
    /// dates, when there are several events to choose from.
    event_of: HashMap<String, Option<String>>,
}

/// What some articles' claims of a scope say.
#[derive(Debug, Default, Clone)]
struct Said {
    /// Where each article names an instance, in text order.
    of_article: HashMap<ArticleId, Vec<(usize, String)>>,
    /// The days each article's scoped date rules state (the assembly's
    /// dates), where they are, in text order.
    stated: HashMap<ArticleId, Vec<(usize, NaiveDate)>>,
    /// The publication dates of the articles that name an instance.
    published: HashMap<ArticleId, NaiveDate>,
}

/// The instance a claim of a scope rule names: its value, or the year of a
/// date; `None` for a date with no year.
fn instance(c: &Claim) -> Option<String> {
    let value = c.value.canonical();
    match c.kind {
        Kind::Date | Kind::DateRange => {
            let year = value.get(..4).filter(|y| y.bytes().all(|b| b.is_ascii_digit()))?;
            Some(year.to_string())
        }
        _ => Some(value),
    }
}

/// The keys the rules are scoped by.
pub fn scope_keys(rules: &RuleSet) -> BTreeSet<Arc<str>> {
    rules.rules.iter().filter_map(|r| r.scope.clone()).collect()
}

/// The keys [`Scopes::build`] reads: the scope keys, and the keys of the
/// scoped date rules, whose days place the articles in time.
pub fn read_keys(rules: &RuleSet) -> BTreeSet<Arc<str>> {
    let mut keys = scope_keys(rules);
    keys.extend(date_rules(rules).into_keys());
    keys
}

/// Scoped date rules: their key and their scope's.
fn date_rules(rules: &RuleSet) -> HashMap<Arc<str>, Arc<str>> {
    rules
        .rules
        .iter()
        .filter(|r| matches!(r.kind, Kind::Date | Kind::DateRange))
        .filter_map(|r| Some((r.claim_key.clone(), r.scope.clone()?)))
        .collect()
}

/// The first day a date claim states, when it has a year.
fn first_day(c: &Claim) -> Option<NaiveDate> {
    let value = c.value.canonical();
    NaiveDate::parse_from_str(value.get(..10)?, "%Y-%m-%d").ok()
}

/// [`Scopes::build`] a claim at a time, so a store's claims can be read
/// one key at a time and dropped.
#[derive(Debug, Clone)]
pub struct ScopesBuilder {
    keys: BTreeSet<Arc<str>>,
    dated: HashMap<Arc<str>, Arc<str>>,
    scopes: Scopes,
}

impl ScopesBuilder {
    pub fn new(rules: &RuleSet) -> ScopesBuilder {
        ScopesBuilder {
            keys: scope_keys(rules),
            dated: date_rules(rules),
            scopes: Scopes::default(),
        }
    }

    /// Takes one claim (claims of keys other than [`read_keys`] are
    /// ignored).
    pub fn add(&mut self, c: &Claim) {
        if self.keys.is_empty() {
            return;
        }
        let scopes = &mut self.scopes;
        let article = (c.article.clone(), c.article_index);
        if let Some(day) = self.dated.get(&*c.key).and_then(|_| first_day(c)) {
            let table = scopes.tables.entry(self.dated[&*c.key].clone()).or_default();
            table
                .said
                .stated
                .entry(article.clone())
                .or_default()
                .push((c.span.start, day));
        }
        if !self.keys.contains(&*c.key) {
            return;
        }
        let Some(name) = instance(c) else { return };
        let table = scopes.tables.entry(c.key.clone()).or_default();
        table.dates.entry(name.clone()).or_default();
        if let Some(day) = c.published {
            table.said.published.insert(article.clone(), day);
        }
        table
            .said
            .of_article
            .entry(article)
            .or_default()
            .push((c.span.start, name));
    }

    /// Settles what the claims taken so far say, to be shared by every
    /// copy of this builder: a copy then costs what the claims taken after
    /// it cost (a kept index's instances, copied for each draft checked).
    /// Changes nothing [`ScopesBuilder::finish`] makes.
    pub fn freeze(mut self) -> ScopesBuilder {
        for table in self.scopes.tables.values_mut() {
            table.settle();
            let said = std::mem::take(&mut table.said);
            let frozen = Arc::make_mut(&mut table.frozen);
            frozen.of_article.extend(said.of_article);
            frozen.stated.extend(said.stated);
            frozen.published.extend(said.published);
        }
        self
    }

    /// The instances the claims taken name.
    pub fn finish(self) -> Scopes {
        let mut scopes = self.scopes;
        for table in scopes.tables.values_mut() {
            table.settle();
            table.join_events();
        }
        scopes
    }
}

impl Scopes {
    /// The instances named by `claims` (claims of keys other than
    /// [`read_keys`] are ignored): all of those keys' claims, from anywhere
    /// in the corpus.
    pub fn build<'a>(rules: &RuleSet, claims: impl IntoIterator<Item = &'a Claim>) -> Scopes {
        let mut builder = ScopesBuilder::new(rules);
        for c in claims {
            builder.add(c);
        }
        builder.finish()
    }

    /// What of these instances can change a comparison of the articles
    /// `chosen` accepts, and whether their claims' places matter: the
    /// events of each scope key, which event each instance is, and, when a
    /// key has two events or more (claims are then split by instance),
    /// the instances those articles name, their dates and the days they
    /// state. Two runs whose signatures are equal split the published
    /// articles' claims alike, and the chosen articles' alike where their
    /// claims stand in the same order among the scope claims.
    pub fn signature(&self, chosen: &dyn Fn(&str) -> bool) -> (String, bool) {
        use std::fmt::Write;
        let mut keys: Vec<&Arc<str>> = self.tables.keys().collect();
        keys.sort();
        let mut out = String::new();
        let mut placed = false;
        for key in keys {
            let table = &self.tables[key];
            let mut event_of: Vec<_> = table.event_of.iter().collect();
            event_of.sort();
            let _ = write!(out, "{key}: {:?} {event_of:?}", table.events);
            if table.events.len() < 2 {
                out.push('\n');
                continue;
            }
            placed = true;
            // What the chosen articles say, one line an article.
            let mut drafts: Vec<String> = [&table.said, &*table.frozen]
                .into_iter()
                .flat_map(|said| {
                    said.of_article
                        .keys()
                        .chain(said.stated.keys())
                        .chain(said.published.keys())
                })
                .filter(|a| chosen(&a.0))
                .map(|a| {
                    let named: Vec<&String> = table.named(a).into_iter().flatten().map(|(_, n)| n).collect();
                    let stated: Vec<&NaiveDate> = table.stated(a).into_iter().flatten().map(|(_, d)| d).collect();
                    let published = table.said.published.get(a).or(table.frozen.published.get(a));
                    format!("{} {named:?} {stated:?} {published:?}", a.1)
                })
                .collect();
            drafts.sort();
            drafts.dedup();
            let _ = writeln!(out, " {drafts:?}");
        }
        (out, placed)
    }

    /// Whether `build` needs the claims at all.
    pub fn needed(rules: &RuleSet) -> bool {
        !scope_keys(rules).is_empty()
    }

    /// Splits one key's claims by instance. With fewer than two instances
    /// in the corpus (or no scope) the claims come back whole, unscoped.
    /// Otherwise each part is named by its instance (its claims are to be
    /// compared under the key `key@instance`, [`scoped_key`]), and the
    /// claims that cannot be placed come back as notes, one an article.
    pub fn split<T>(&self, rules: &RuleSet, claims: Vec<T>, claim: impl Fn(&T) -> &Claim) -> Split<T> {
        let whole = |claims| Split {
            parts: vec![(None, claims)],
            notes: Vec::new(),
        };
        let Some(first) = claims.first().map(|c| claim(c).key.clone()) else {
            return whole(claims);
        };
        let rule = rules.get(&first);
        let Some((scope_key, table)) = rule
            .and_then(|r| r.scope.as_ref())
            .and_then(|k| self.tables.get_key_value(&**k))
        else {
            return whole(claims);
        };
        if table.events.len() < 2 {
            return whole(claims);
        }
        let mut parts: BTreeMap<String, Vec<T>> = BTreeMap::new();
        let mut unplaced: BTreeMap<Arc<str>, Claim> = BTreeMap::new();
        for item in claims {
            let c = claim(&item);
            match table.place(c) {
                Some(name) => parts.entry(name).or_default().push(item),
                None => {
                    unplaced.entry(c.article.clone()).or_insert_with(|| c.clone());
                }
            }
        }
        let title = rule.map_or_else(|| first.to_string(), |r| r.title.clone());
        let scope_title = rules
            .get(scope_key)
            .map_or_else(|| scope_key.to_string(), |r| r.title.clone());
        let names: Vec<&str> = table.events.keys().map(String::as_str).collect();
        let notes = unplaced
            .into_values()
            .map(|c| {
                Finding::new(
                    Code::Unscoped,
                    Severity::Note,
                    first.to_string(),
                    title.clone(),
                    format!(
                        "{title}: {} is not compared: it names no {} and {} of {}",
                        c.article,
                        scope_title.to_lowercase(),
                        if c.published.is_some() {
                            "its date places it in none"
                        } else {
                            "has no date to place it in one"
                        },
                        names.join(", ")
                    ),
                    format!(
                        "the corpus holds {} instances ({}); say which one the article is about",
                        names.len(),
                        names.join(", ")
                    ),
                    vec![(Role::Outlier, c)],
                )
            })
            .collect();
        Split {
            parts: parts.into_iter().map(|(name, part)| (Some(name), part)).collect(),
            notes,
        }
    }
}

/// The key a fact's claims of one instance are compared under.
pub fn scoped_key(key: &str, instance: &str) -> Arc<str> {
    Arc::from(format!("{key}@{instance}"))
}

/// One key's claims split by instance.
pub struct Split<T> {
    /// The claims of each instance, in instance order, with the instance
    /// (`None`: the claims whole, unscoped).
    pub parts: Vec<(Option<String>, Vec<T>)>,
    /// Notes for the articles whose claims are in no part.
    pub notes: Vec<Finding>,
}

/// The instance named last at or before `at`, else the first one named.
fn nearest(named: &[(usize, String)], at: usize) -> &str {
    let before = named.iter().rev().find(|(start, _)| *start <= at);
    before.or(named.first()).map_or("", |(_, name)| name.as_str())
}

/// Instances whose days are this close are one event under two numbers.
const SAME_EVENT_DAYS: i64 = 60;

impl Instances {
    /// Where an article names an instance, in text order.
    fn named(&self, article: &ArticleId) -> Option<&Vec<(usize, String)>> {
        self.said
            .of_article
            .get(article)
            .or_else(|| self.frozen.of_article.get(article))
    }

    /// The days an article's scoped date rules state, in text order.
    fn stated(&self, article: &ArticleId) -> Option<&Vec<(usize, NaiveDate)>> {
        self.said
            .stated
            .get(article)
            .or_else(|| self.frozen.stated.get(article))
    }

    /// Puts what the articles taken since the last freeze say in text
    /// order, and adds their dates to the instances' and their first
    /// instances to the counts. Each article's claims are all taken
    /// before it is settled.
    fn settle(&mut self) {
        for named in self.said.of_article.values_mut() {
            named.sort();
        }
        for days in self.said.stated.values_mut() {
            days.sort();
        }
        // An article's publication date is the date of the instance it
        // names first (the one it reports; a later one it announces is
        // not published then), and the days it states are the days of
        // the instance named nearest before them.
        let mut more = Vec::new();
        for (article, day) in &self.said.published {
            if let Some((_, first)) = self.said.of_article.get(article).and_then(|n| n.first()) {
                more.push((first.clone(), *day));
            }
        }
        for (article, days) in &self.said.stated {
            if let Some(named) = self.said.of_article.get(article) {
                for (at, day) in days {
                    more.push((nearest(named, *at).to_string(), *day));
                }
            }
        }
        for (name, day) in more {
            self.dates.entry(name).or_default().insert(day);
        }
        for named in self.said.of_article.values() {
            if let Some((_, first)) = named.first() {
                *self.firsts.entry(first.clone()).or_default() += 1;
            }
        }
    }

    /// Joins the dated instances into events and names each instance's.
    fn join_events(&mut self) {
        let articles = |name: &str| self.firsts.get(name).copied().unwrap_or(0);
        let close = |a: &BTreeSet<NaiveDate>, b: &BTreeSet<NaiveDate>| {
            a.iter()
                .any(|x| b.iter().any(|y| (*x - *y).num_days().abs() <= SAME_EVENT_DAYS))
        };
        // Single linkage over the dated instances, in name order.
        let dated: Vec<(&String, &BTreeSet<NaiveDate>)> = self.dates.iter().filter(|(_, d)| !d.is_empty()).collect();
        let mut group: Vec<usize> = (0..dated.len()).collect();
        for i in 0..dated.len() {
            for j in 0..i {
                if close(dated[i].1, dated[j].1) {
                    let (from, to) = (group[i].max(group[j]), group[i].min(group[j]));
                    group.iter_mut().filter(|g| **g == from).for_each(|g| *g = to);
                }
            }
        }
        let mut events: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (i, g) in group.iter().enumerate() {
            events.entry(*g).or_default().push(i);
        }
        for members in events.values() {
            // Most articles first, then the lower name.
            let name = members
                .iter()
                .map(|&i| dated[i].0)
                .max_by(|a, b| articles(a).cmp(&articles(b)).then_with(|| b.cmp(a)))
                .expect("an event has an instance")
                .clone();
            let days: BTreeSet<NaiveDate> = members.iter().flat_map(|&i| dated[i].1.iter().copied()).collect();
            for &i in members {
                self.event_of.insert(dated[i].0.clone(), Some(name.clone()));
            }
            self.events.insert(name, days);
        }
        // An instance nothing dates is the one event there is, or unknown.
        let only = (self.events.len() == 1)
            .then(|| self.events.keys().next().cloned())
            .flatten();
        for name in self.dates.keys() {
            self.event_of.entry(name.clone()).or_insert_with(|| only.clone());
        }
    }

    /// The instance of a claim: the one its article names last before it
    /// (else the first one after it, in a lead that names it later), or
    /// the one its article's date places it in; `None` when neither does.
    fn place(&self, c: &Claim) -> Option<String> {
        let article = (c.article.clone(), c.article_index);
        if let Some(named) = self.named(&article) {
            return self.event_of.get(nearest(named, c.span.start)).cloned().flatten();
        }
        // Its publication date, else the days it states.
        let days: Vec<NaiveDate> = match c.published {
            Some(day) => vec![day],
            None => self
                .stated(&article)
                .map_or_else(Vec::new, |d| d.iter().map(|(_, d)| *d).collect()),
        };
        let distance = |dates: &BTreeSet<NaiveDate>| {
            days.iter()
                .flat_map(|day| dates.iter().map(move |d| (*d - *day).num_days().abs()))
                .min()
        };
        let mut nearest: Vec<(i64, &String)> = self
            .events
            .iter()
            .filter_map(|(name, dates)| Some((distance(dates)?, name)))
            .collect();
        nearest.sort();
        match nearest.as_slice() {
            [(_, one)] => Some((*one).clone()),
            [(a, one), (b, _), ..] if a < b => Some((*one).clone()),
            _ => None,
        }
    }
}
