//! Compare: groups claims by key and finds where their sets do not meet.
//!
//! One pass builds a map from key to claims (linear in the number of
//! claims; articles are never compared pairwise). In each group:
//!
//! 1. every article whose own claims do not all intersect gives a
//!    `self-contradiction`;
//! 2. the *majority* is the stated value compatible with the most articles
//!    (ties go to the more precise value, then to the canonical string, so
//!    the choice never depends on input order); claims from other articles
//!    that do not intersect it are *outliers*, and give one `contradiction`
//!    for the key, listing the outliers and the claims that back the
//!    majority.

pub mod baseline;
pub mod facts;
pub mod majority;
pub mod scope;
pub mod timeline;

use majority::Weigh;

use crate::extract::Claim;
use crate::grammar::Kind;
use crate::input::sources::SourceWeights;
use crate::model::value::{DateSet, Value};
use crate::rules::{RuleSet, Severity};
use chrono::{Datelike, Weekday};
use std::collections::{BTreeMap, BTreeSet};

/// What kind of finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    Contradiction,
    SelfContradiction,
    WeekdayMismatch,
    NameVariant,
    FactMismatch,
    /// An evolving figure replaced by later ones: a note with the timeline.
    Superseded,
    /// A figure published after a more advanced one (a running total
    /// published lower than an earlier article's).
    StaleFigure,
    /// Bodies the articles attribute the figure to give different figures.
    SourcesDiffer,
    /// A figure a later article corrects ("112, et non 118"): a note; it
    /// leaves the timeline.
    Corrected,
    /// A moving figure whose sentence states a time the article gives no
    /// date to place (no publication date): a note; it has no place on the
    /// timeline.
    Untimed,
    /// An article whose instance of a recurring event is unknown: its
    /// claims of scoped facts are compared with none ([`crate::compare::scope`]).
    Unscoped,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Contradiction => "contradiction",
            Code::SelfContradiction => "self-contradiction",
            Code::WeekdayMismatch => "weekday-mismatch",
            Code::NameVariant => "name-variant",
            Code::FactMismatch => "fact-mismatch",
            Code::Superseded => "superseded",
            Code::StaleFigure => "stale-figure",
            Code::SourcesDiffer => "sources-differ",
            Code::Corrected => "corrected",
            Code::Untimed => "untimed",
            Code::Unscoped => "unscoped",
        }
    }
}

/// The part a claim plays in a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Agrees with the majority value.
    Majority,
    /// Disagrees with it.
    Outlier,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Majority => "majority",
            Role::Outlier => "outlier",
        }
    }
}

/// One contradiction, with every claim involved.
#[derive(Debug, Clone)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    pub key: String,
    /// The rule's title.
    pub title: String,
    pub message: String,
    pub help: String,
    /// The claims, majority first, then outliers, each in article order.
    pub claims: Vec<(Role, Claim)>,
    /// Accepted in a baseline: reported, but never fails a run.
    pub baselined: bool,
    /// Claims of the finding that `claims` does not list ([`Finding::quoted`]).
    pub unquoted: usize,
}

/// Articles a report quotes for each value a finding names, on each side.
pub const QUOTES_PER_VALUE: usize = 3;

/// How many of a finding's claims a report quotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quotes {
    /// Every claim (`check --all-claims`).
    All,
    /// For each value on each side (majority, outlier), the first claim of
    /// at most this many articles, in the finding's order.
    PerValue(usize),
}

impl Default for Quotes {
    fn default() -> Self {
        Quotes::PerValue(QUOTES_PER_VALUE)
    }
}

impl Finding {
    /// A finding that is not (yet) accepted in a baseline.
    pub fn new(
        code: Code,
        severity: Severity,
        key: impl Into<String>,
        title: impl Into<String>,
        message: String,
        help: String,
        claims: Vec<(Role, Claim)>,
    ) -> Self {
        Finding {
            code,
            severity,
            key: key.into(),
            title: title.into(),
            message,
            help,
            claims,
            baselined: false,
            unquoted: 0,
        }
    }

    /// "6 more claims not quoted", when the finding leaves claims out.
    pub fn unquoted_note(&self) -> Option<String> {
        match self.unquoted {
            0 => None,
            1 => Some("1 more claim not quoted".to_string()),
            n => Some(format!("{n} more claims not quoted")),
        }
    }

    /// The finding as a report quotes it: with [`Quotes::PerValue`], an
    /// article's claims of one value on one side are quoted once, and each
    /// value on each side from at most that many articles; the claims left
    /// out are counted in [`Finding::unquoted`]. Every value the finding
    /// names keeps a claim, and the claims kept keep their order. `None`
    /// when every claim is quoted.
    pub fn quoted(&self, quotes: Quotes) -> Option<Finding> {
        self.quote_mask(quotes).map(|keep| self.keeping(&keep))
    }

    /// Which of the claims [`Finding::quoted`] keeps, one flag a claim;
    /// `None` when it keeps every one. It depends only on each claim's
    /// role, article and value, in order, so it holds for the finding
    /// with its claims moved elsewhere in their articles.
    pub fn quote_mask(&self, quotes: Quotes) -> Option<Vec<bool>> {
        quote_mask_of(self.claims.iter().map(|(role, c)| (*role, c)), quotes)
    }

    /// The finding with only the claims `keep` flags (a
    /// [`Finding::quote_mask`]), the others counted as unquoted.
    pub fn keeping(&self, keep: &[bool]) -> Finding {
        let claims: Vec<(Role, Claim)> = self
            .claims
            .iter()
            .zip(keep)
            .filter(|(_, k)| **k)
            .map(|(c, _)| c.clone())
            .collect();
        Finding {
            code: self.code,
            severity: self.severity,
            key: self.key.clone(),
            title: self.title.clone(),
            message: self.message.clone(),
            help: self.help.clone(),
            unquoted: self.unquoted + self.claims.len() - claims.len(),
            claims,
            baselined: self.baselined,
        }
    }
}

/// [`Finding::quote_mask`] of a finding's claims, in its order.
pub(crate) fn quote_mask_of<'c>(claims: impl Iterator<Item = (Role, &'c Claim)>, quotes: Quotes) -> Option<Vec<bool>> {
    // Each claim's value, each distinct value written once.
    let mut canonicals = crate::model::value::Canonicals::new();
    quote_mask_numbered(
        claims.map(|(r, c)| (r, &c.article, canonicals.written(&c.value))),
        quotes,
    )
}

/// [`quote_mask_of`] of claims given by their role, article and value's
/// canonical string's number ([`crate::model::value::Canonicals::written`]).
pub(crate) fn quote_mask_numbered<'c>(
    claims: impl Iterator<Item = (Role, &'c std::sync::Arc<str>, usize)>,
    quotes: Quotes,
) -> Option<Vec<bool>> {
    let Quotes::PerValue(limit) = quotes else {
        return None;
    };
    // (canonical string's number, role) → the articles quoted for it.
    let mut sides: Vec<[Vec<&std::sync::Arc<str>>; 2]> = Vec::new();
    let keep: Vec<bool> = claims
        .map(|(role, article, written)| {
            if written >= sides.len() {
                sides.resize_with(written + 1, Default::default);
            }
            let articles = &mut sides[written][role as usize];
            let new = articles.len() < limit.max(1) && !articles.iter().any(|a| shared_order(a, article).is_eq());
            if new {
                articles.push(article);
            }
            new
        })
        .collect();
    (!keep.iter().all(|k| *k)).then_some(keep)
}

/// Compares all claims, every source weighing the same; findings sorted by
/// key, then code.
pub fn compare(rules: &RuleSet, claims: &[Claim]) -> Vec<Finding> {
    compare_weighted(rules, claims, &SourceWeights::default())
}

/// Compares all claims; the majority is weighted by the articles' sources.
pub fn compare_weighted(rules: &RuleSet, claims: &[Claim], weights: &SourceWeights) -> Vec<Finding> {
    let mut groups: BTreeMap<&str, Vec<&Claim>> = BTreeMap::new();
    for c in claims {
        groups.entry(&*c.key).or_default().push(c);
    }
    let scopes = if crate::compare::scope::Scopes::needed(rules) {
        crate::compare::scope::Scopes::build(rules, claims)
    } else {
        crate::compare::scope::Scopes::default()
    };
    let mut findings = Vec::new();
    for (key, group) in groups {
        let split = scopes.split(rules, group, |c| c);
        findings.extend(split.notes);
        for (instance, part) in split.parts {
            let Some(instance) = instance else {
                findings.extend(compare_claims(rules, key, part, weights));
                continue;
            };
            let scoped = crate::compare::scope::scoped_key(key, &instance);
            let owned: Vec<Claim> = part
                .into_iter()
                .map(|c| Claim {
                    key: scoped.clone(),
                    ..c.clone()
                })
                .collect();
            findings.extend(compare_claims(rules, &scoped, owned.iter().collect(), weights));
        }
    }
    sort(&mut findings);
    findings
}

/// The findings of one key's claims, borrowed: the findings copy them.
/// `key` may be scoped (`fact@instance`).
pub fn compare_claims(rules: &RuleSet, key: &str, mut group: Vec<&Claim>, weights: &SourceWeights) -> Vec<Finding> {
    group.sort_by(|a, b| in_article_order(a, b));
    let (mut findings, pending) = plan_group(rules, key, &group, weights, None);
    if let Some((at, roles, _)) = pending {
        findings[at].claims = roles.into_iter().map(|(r, i)| (r, group[i].clone())).collect();
    }
    findings
}

/// The findings of one key's claims, each with a role to be set, owned:
/// the finding that lists the whole group takes the vector itself, roles
/// set and sorted in place, so the claims are never copied.
pub fn compare_key(rules: &RuleSet, group: Vec<(Role, Claim)>, weights: &SourceWeights) -> Vec<Finding> {
    compare_key_for(rules, group, weights, None)
}

/// [`compare_key`], with the self-contradictions only of the articles
/// `selves` accepts (by one of their claims) when given: a check against
/// a corpus reports only the findings a draft takes part in, so it asks
/// only for the drafts' own.
pub fn compare_key_for(
    rules: &RuleSet,
    mut group: Vec<(Role, Claim)>,
    weights: &SourceWeights,
    selves: Option<&dyn Fn(&Claim) -> bool>,
) -> Vec<Finding> {
    let Some(key) = group.first().map(|(_, c)| c.key.clone()) else {
        return Vec::new();
    };
    // Fully ordered, so a stable sort gives what any sort would; it
    // takes the runs the store reads in (each article's claims, the
    // articles mostly in order) as they come.
    group.sort_by(|(_, a), (_, b)| in_article_order(a, b));
    let (mut findings, pending) = {
        let refs: Vec<&Claim> = group.iter().map(|(_, c)| c).collect();
        plan_group(rules, &key, &refs, weights, selves)
    };
    if let Some((at, roles, _)) = pending {
        for (role, i) in roles {
            group[i].0 = role;
        }
        // Majority first, then outliers, each in article order: the group
        // is in article order, so the outliers (most often few) are copied
        // out in order, and the majority kept in place, in the group's own
        // memory, before them.
        let outliers: Vec<(Role, Claim)> = group.iter().filter(|(r, _)| *r == Role::Outlier).cloned().collect();
        group.retain(|(r, _)| *r == Role::Majority);
        group.extend(outliers);
        findings[at].claims = group;
    }
    findings
}

/// The finding of [`compare_refs`] that lists a whole group: its index,
/// and its claims in its order.
pub(crate) type Listed<'c> = (usize, Vec<(Role, &'c Claim)>, Option<Numbered<'c>>);

/// Each claim's value's canonical string's number, in a finding's order,
/// and the numbering ([`crate::model::value::Canonicals::written`]).
pub(crate) type Numbered<'c> = (Vec<usize>, crate::model::value::Canonicals<'c>);

/// Each claim's value's number, in a group's order, and the numbering
/// ([`crate::model::value::Canonicals::number`]): values equal as values
/// share a number ([`Numbered`] numbers canonical strings).
type ByValue<'c> = (Vec<usize>, crate::model::value::Canonicals<'c>);

/// [`compare_key_for`] of borrowed claims compared under `key`, which
/// copies none of them for the finding that lists the whole group: that
/// finding comes back without claims, with its index and its claims
/// (majority first, then outliers, each in article order) beside it. The
/// other findings copy theirs, as they are.
pub(crate) fn compare_refs<'c>(
    rules: &RuleSet,
    key: &str,
    mut group: Vec<&'c Claim>,
    weights: &SourceWeights,
    selves: Selves,
) -> (Vec<Finding>, Option<Listed<'c>>) {
    // The order `compare_key_for` sorts in (a total order: any sort
    // gives its result).
    sort_in_article_order(&mut group);
    let (findings, pending) = plan_group(rules, key, &group, weights, selves);
    let whole = pending.map(|(at, roles, numbered)| {
        // The comparison numbered the group's values: the whole part's
        // numbers are taken from it, in the finding's order.
        let numbered = numbered.map(|(numbers, canonicals)| {
            let written = roles.iter().map(|&(_, i)| canonicals.written_of(numbers[i])).collect();
            (written, canonicals)
        });
        (at, roles.into_iter().map(|(r, i)| (r, group[i])).collect(), numbered)
    });
    (findings, whole)
}

/// Sorts borrowed claims in article order ([`in_article_order`]). A
/// store reads a key's claims as two sorted runs, a draft's then the
/// published ones, and a draft's claims fall together between two
/// published claims (they share an article that no published claim
/// has): then the draft's run is put in its place at once, not merged
/// claim by claim.
fn sort_in_article_order(group: &mut Vec<&Claim>) {
    let descent = group.windows(2).position(|w| in_article_order(w[0], w[1]).is_gt());
    let Some(at) = descent.map(|i| i + 1) else {
        return;
    };
    let (first, rest) = group.split_at(at);
    if rest.windows(2).all(|w| in_article_order(w[0], w[1]).is_lt()) {
        let place = rest.partition_point(|c| in_article_order(c, first[0]).is_lt());
        let last = first[first.len() - 1];
        if rest.get(place).is_none_or(|next| in_article_order(last, next).is_lt()) {
            let mut sorted = Vec::with_capacity(group.len());
            sorted.extend_from_slice(&rest[..place]);
            sorted.extend_from_slice(first);
            sorted.extend_from_slice(&rest[place..]);
            *group = sorted;
            return;
        }
    }
    group.sort_by(|a, b| in_article_order(a, b));
}

/// By article, offset, then the rule: two claims of one group that this
/// order holds equal are the same claim.
fn in_article_order(a: &Claim, b: &Claim) -> std::cmp::Ordering {
    // Claims of one article share its name: no string compared for them.
    shared_order(&a.article, &b.article)
        .then(a.span.start.cmp(&b.span.start))
        .then(a.article_index.cmp(&b.article_index))
        .then(a.span.end.cmp(&b.span.end))
        .then_with(|| shared_order(&a.rule, &b.rule))
}

/// The order of two shared strings: equal at once when they are one.
pub(crate) fn shared_order(a: &std::sync::Arc<str>, b: &std::sync::Arc<str>) -> std::cmp::Ordering {
    if std::sync::Arc::ptr_eq(a, b) {
        std::cmp::Ordering::Equal
    } else {
        a.cmp(b)
    }
}

/// A finding's claims still to be filled in: its index among the group's
/// findings, and each claim's role and index in the group.
/// With the group's claims' values numbered, when the comparison
/// numbered them.
type Pending<'c> = Option<(usize, Vec<(Role, usize)>, Option<ByValue<'c>>)>;

/// Which articles' self-contradictions are made: all, or those a claim
/// of which the function accepts ([`compare_key_for`]).
type Selves<'a> = Option<&'a dyn Fn(&Claim) -> bool>;

/// The findings of a group sorted by article and offset. The finding that
/// lists the whole group comes back with no claims and its roles pending.
fn plan_group<'c>(
    rules: &RuleSet,
    key: &str,
    group: &[&'c Claim],
    weights: &SourceWeights,
    selves: Selves,
) -> (Vec<Finding>, Pending<'c>) {
    let rule = rules.get(key);
    let title = rule.map_or_else(|| key.to_string(), |r| r.title.clone());
    let mut findings = Vec::new();
    let mut pending = None;
    let Some(first) = group.first() else {
        return (findings, None);
    };
    // Whether a claim names a weekday, and whether one carries a
    // context: one walk over a large group, not two.
    let (mut weekdays, mut contexts) = (false, false);
    for c in group {
        weekdays |= c.weekday.is_some();
        contexts |= c.context.is_some();
        if weekdays {
            break;
        }
    }
    if weekdays {
        findings.extend(group.iter().filter_map(|c| weekday_mismatch(c)));
        return (findings, None);
    }
    let weigh = Weigh::new(group, weights);
    let evolves = rule.and_then(|r| r.evolves);
    if first.kind != Kind::Name && (evolves.is_some() || contexts) {
        let mut findings =
            crate::compare::timeline::plan(key, &title, evolves, group, &|g, within| settle_in(g, within, &weigh));
        findings.extend(static_parts(key, &title, evolves, group, &weigh, selves));
        return (findings, None);
    }
    if first.kind == Kind::Name {
        let canonical = rule.and_then(|r| r.canonical.as_deref());
        if let Some((f, roles)) = name_variant(key, &title, group, canonical, &weigh) {
            pending = Some((findings.len(), roles, None));
            findings.push(f);
        }
    } else {
        findings.extend(self_contradictions(key, &title, group, &weigh, selves));
        if let Some((f, roles, numbered)) = contradiction(key, &title, group, &weigh) {
            pending = Some((findings.len(), roles, Some(numbered)));
            findings.push(f);
        }
    }
    (findings, pending)
}

/// The static comparison of a group whose claims carry a context: only
/// the claims the articles assert, each attribution on its own (a
/// majority is never named across bodies). Evolving facts are compared by
/// [`crate::compare::timeline`] instead.
fn static_parts(
    key: &str,
    title: &str,
    evolves: Option<crate::news::Evolves>,
    group: &[&Claim],
    weigh: &Weigh,
    selves: Selves,
) -> Vec<Finding> {
    if evolves.is_some() {
        return Vec::new();
    }
    let mut findings = Vec::new();
    for part in crate::compare::timeline::by_attribution(group, |c| c.context().stance == crate::news::Stance::Asserted)
    {
        findings.extend(self_contradictions(key, title, &part, weigh, selves));
        if let Some((mut f, roles, _)) = contradiction(key, title, &part, weigh) {
            f.claims = roles.into_iter().map(|(r, i)| (r, part[i].clone())).collect();
            findings.push(f);
        }
    }
    findings
}

/// The majority of some claims (see [`majority::settle`]): its value, and whether
/// it is a tie. `None` when they do not conflict.
fn settle_in(group: &[&Claim], within: bool, weigh: &Weigh) -> Option<(Value, bool)> {
    let values = majority::distinct(group);
    let (majority, support, rival) = majority::settle(&values, within, weigh)?;
    Some((majority.value.clone(), rival.millis() == support.millis()))
}

/// The order findings are reported in: by key, code, then the first
/// article and offset they involve; never input order.
pub fn sort(findings: &mut [Finding]) {
    // Cached: a finding's first position is a scan of its claims (10^6 for
    // a big group); the cached-key sort is stable and computes it once.
    findings.sort_by_cached_key(sort_key);
}

/// What [`sort`] sorts a finding by.
fn sort_key(f: &Finding) -> (String, Code, String, usize) {
    sort_key_of(f, f.claims.iter().map(|(_, c)| c))
}

/// [`sort`]'s key of `f` had it `claims`: its key, its code, and the first
/// article and offset it involves.
pub(crate) fn sort_key_of<'c>(f: &Finding, claims: impl Iterator<Item = &'c Claim>) -> (String, Code, String, usize) {
    let (article, offset) = claims.map(|c| (&*c.article, c.span.start)).min().unwrap_or_default();
    (f.key.clone(), f.code, article.to_string(), offset)
}

/// A stated weekday that its date does not fall on.
fn weekday_mismatch(c: &Claim) -> Option<Finding> {
    let stated = c.weekday?;
    let Value::Date(DateSet::Days { first, .. }) = c.value else {
        return None;
    };
    let actual = first.weekday();
    if actual == stated {
        return None;
    }
    let date = first.format("%Y-%m-%d");
    Some(Finding::new(
        Code::WeekdayMismatch,
        c.severity,
        c.key.to_string(),
        "Weekday of a date".to_string(),
        format!(
            "{} names {}, but {date} is a {}",
            c.article,
            english(stated),
            english(actual)
        ),
        format!("{date} is a {}; fix the weekday or the date", english(actual)),
        vec![(Role::Outlier, c.clone())],
    ))
}

fn english(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// Several spellings of one name: a warning that names the majority
/// spelling (by articles; ties go to the rule's canonical spelling).
fn name_variant(
    key: &str,
    title: &str,
    group: &[&Claim],
    canonical: Option<&str>,
    weigh: &Weigh,
) -> Option<(Finding, Vec<(Role, usize)>)> {
    let values = majority::distinct(group);
    if values.len() < 2 {
        return None;
    }
    // By weight of articles (their number, without weights), then the
    // rule's canonical spelling, then the spelling itself: every spelling
    // is a candidate, and spellings never tie.
    let best = &values[majority::best(&values, |_| true, weigh, canonical)?];
    let majority = best.claim;
    let roles = with_roles(group, majority, false);
    let others: Vec<String> = values
        .iter()
        .filter(|v| v.canonical != best.canonical)
        .map(|v| format!("{} ({})", v.canonical, weigh.describe(weigh.support(&v.articles))))
        .collect();
    let finding = Finding::new(
        Code::NameVariant,
        majority.severity,
        key,
        title,
        format!("{title}: the name is spelled {} ways", values.len()),
        format!(
            "{} {} ({}); also written: {}",
            if weigh.weighted {
                "the weighted majority writes"
            } else {
                "most write"
            },
            best.canonical,
            weigh.describe(weigh.support(&best.articles)),
            others.join(", ")
        ),
        Vec::new(),
    );
    Some((finding, roles))
}

/// Articles that contradict themselves under one key (those `selves`
/// accepts, when given).
fn self_contradictions(key: &str, title: &str, group: &[&Claim], weigh: &Weigh, selves: Selves) -> Vec<Finding> {
    // The group is in article order: each article's claims are a run.
    let mut out = Vec::new();
    for claims in group.chunk_by(|a, b| a.article == b.article) {
        if claims.len() < 2 || selves.is_some_and(|mine| !mine(claims[0])) {
            continue;
        }
        let values = majority::distinct(claims);
        let Some((majority, _, _)) = majority::settle(&values, true, weigh) else {
            continue;
        };
        let roles = with_roles(claims, majority, false)
            .into_iter()
            .map(|(r, i)| (r, claims[i].clone()))
            .collect();
        let values: Vec<String> = values.iter().map(|v| v.canonical.clone()).collect();
        let article = &claims[0].article;
        out.push(Finding::new(
            Code::SelfContradiction,
            claims[0].severity,
            key,
            title,
            format!("{title}: {article} contradicts itself ({})", values.join(" vs ")),
            format!("the article states {}; make them agree", values.join(" and ")),
            roles,
        ));
    }
    out
}

/// A group's contradiction: the finding, its claims' roles (by their
/// place in the group) and the group's values numbered.
type Contradiction<'c> = (Finding, Vec<(Role, usize)>, ByValue<'c>);

/// The cross-article contradiction of a group, if any, with the group's
/// values numbered.
fn contradiction<'c>(key: &str, title: &str, group: &[&'c Claim], weigh: &Weigh) -> Option<Contradiction<'c>> {
    let (values, numbers, canonicals) = majority::distinct_numbered(group);
    let (majority, support, rival) = majority::settle(&values, false, weigh)?;
    let tie = rival.millis() == support.millis();
    let roles = with_roles_numbered(group, majority, tie, &numbers, &canonicals);
    // Without a tie, the outliers are the claims that do not meet the
    // majority: those `with_roles` found (after the majority's).
    let outliers: BTreeSet<usize> = if tie {
        group
            .iter()
            .filter(|c| !c.value.intersects(&majority.value))
            .map(|c| c.article_index)
            .collect()
    } else {
        let first = roles.partition_point(|(r, _)| *r == Role::Majority);
        roles[first..].iter().map(|&(_, i)| group[i].article_index).collect()
    };
    let out_values: Vec<String> = values
        .iter()
        .filter(|v| !v.claim.value.intersects(&majority.value))
        .map(|v| v.canonical.clone())
        .collect();
    let m = majority.value.canonical();
    let against = weigh.support(&outliers);
    let help = if tie {
        format!(
            "{} {} {m}; {} {} {}: no majority, check a primary source",
            weigh.describe(support),
            says(support.articles),
            weigh.describe(against),
            says(against.articles),
            out_values.join(", ")
        )
    } else {
        format!(
            "the {}majority says {m} ({}); {} {}: {}",
            if weigh.weighted { "weighted " } else { "" },
            weigh.describe(support),
            weigh.describe(against),
            if against.articles == 1 { "disagrees" } else { "disagree" },
            out_values.join(", ")
        )
    };
    let finding = Finding::new(
        Code::Contradiction,
        group.iter().map(|c| c.severity).max().unwrap_or_default(),
        key,
        title,
        format!("{title}: articles disagree ({m} vs {})", out_values.join(", ")),
        help,
        Vec::new(),
    );
    Some((finding, roles, (numbers, canonicals)))
}

fn says(n: usize) -> &'static str {
    if n == 1 {
        "says"
    } else {
        "say"
    }
}

/// [`with_roles`] of a group whose claims' values are numbered
/// (`numbers`, one a claim, in `canonicals`): each distinct value is
/// compared once, not each claim.
fn with_roles_numbered(
    group: &[&Claim],
    majority: &Claim,
    tie: bool,
    numbers: &[usize],
    canonicals: &crate::model::value::Canonicals,
) -> Vec<(Role, usize)> {
    // In a tie, each value is checked against the distinct values, not
    // every claim again (quadratic on a big group).
    let values: Vec<&Claim> = if tie {
        majority::distinct(group).into_iter().map(|v| v.claim).collect()
    } else {
        Vec::new()
    };
    let agrees: Vec<bool> = (0..canonicals.len())
        .map(|i| {
            let value = canonicals.value(i);
            if tie {
                values.iter().all(|o| o.value.intersects(value))
            } else {
                value.intersects(&majority.value)
            }
        })
        .collect();
    let mut roles: Vec<(Role, usize)> = Vec::with_capacity(group.len());
    let mut outliers: Vec<(Role, usize)> = Vec::new();
    for (i, &number) in numbers.iter().enumerate() {
        if agrees[number] {
            roles.push((Role::Majority, i));
        } else {
            outliers.push((Role::Outlier, i));
        }
    }
    // The group is in article order already: majority first, then outliers.
    roles.append(&mut outliers);
    roles
}

/// Every claim of a group with its role. In a tie no side is the majority:
/// every claim that conflicts with another is an outlier.
fn with_roles(group: &[&Claim], majority: &Claim, tie: bool) -> Vec<(Role, usize)> {
    let mut canonicals = crate::model::value::Canonicals::new();
    let numbers: Vec<usize> = group.iter().map(|c| canonicals.number(&c.value)).collect();
    with_roles_numbered(group, majority, tie, &numbers, &canonicals)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::value::{NumberSet, Qualifier};
    use crate::text::span::{LineCol, Span};
    use std::sync::Arc;

    fn claim(article: &str, index: usize, start: usize) -> Claim {
        Claim {
            key: Arc::from("k"),
            rule: Arc::from("k"),
            kind: Kind::Count,
            severity: Severity::Error,
            article: Arc::from(article),
            source: None,
            article_index: index,
            published: None,
            value: Value::Number(NumberSet::new(196.0, Qualifier::Exact, 0.1)),
            span: Span::new(start, start + 3),
            line_col: LineCol { line: 1, column: 1 },
            weekday: None,
            text: Arc::from("196"),
            excerpt: None,
            context: None,
        }
    }

    /// Whatever runs the claims come in (a draft's before the published
    /// ones, wherever its name sorts; runs that interleave; one run; none),
    /// the sort gives what the full sort gives.
    #[test]
    fn the_runs_a_store_reads_sort_as_a_full_sort_does() {
        let published: Vec<Claim> = (0..40)
            .flat_map(|a| (0..3).map(move |i| claim(&format!("corpus/{a:03}.txt"), a + 1, 10 * i)))
            .collect();
        for draft in ["aaa/draft.md", "corpus/020-draft.md", "corpus/020.txt", "zzz/draft.md"] {
            let drafts: Vec<Claim> = [50, 5, 20].iter().map(|&s| claim(draft, 0, s)).collect();
            let mut shapes: Vec<Vec<&Claim>> = vec![
                drafts.iter().chain(&published).collect(),
                published.iter().chain(&drafts).collect(),
                published.iter().rev().chain(&drafts).collect(),
                drafts.iter().collect(),
                Vec::new(),
            ];
            // Interleaved: every other published claim, then the rest.
            shapes.push(
                published
                    .iter()
                    .step_by(2)
                    .chain(published.iter().skip(1).step_by(2))
                    .collect(),
            );
            for (i, mut group) in shapes.into_iter().enumerate() {
                let mut expected = group.clone();
                expected.sort_by(|a, b| in_article_order(a, b));
                sort_in_article_order(&mut group);
                let place = |g: &[&Claim]| {
                    g.iter()
                        .map(|c| (c.article.to_string(), c.span.start))
                        .collect::<Vec<_>>()
                };
                assert_eq!(place(&group), place(&expected), "{draft}, shape {i}");
            }
        }
    }

    /// An entry made later is the entry made at once, from any part of
    /// the shared claims with some held apart; and the values it gives an
    /// article are the same before and after it is made.
    #[test]
    fn an_entry_made_when_asked_is_the_entry_made_at_once() {
        use crate::compare::baseline::{Entry, LazyEntry, Pending};
        let value = |n: f64| Value::Number(NumberSet::new(n, Qualifier::Exact, 0.1));
        let shared: Arc<Vec<Claim>> = Arc::new(
            (0..30)
                .map(|a| Claim {
                    value: value(if a % 4 == 0 { 179.0 } else { 196.0 }),
                    ..claim(&format!("corpus/{a:03}.txt"), a + 1, 10 * (a % 3))
                })
                .collect(),
        );
        let own: Vec<Claim> = [(179.0, 5), (196.0, 20), (196.0, 40)]
            .iter()
            .map(|&(n, s)| Claim {
                value: value(n),
                ..claim("drafts/a.md", 0, s)
            })
            .collect();
        let f = Finding::new(
            Code::Contradiction,
            Severity::Error,
            "k",
            "K",
            "m".into(),
            "h".into(),
            Vec::new(),
        );
        for places in [None, Some(vec![0u32, 3, 4, 17, 29]), Some(Vec::new())] {
            let chosen: Vec<&Claim> = match &places {
                None => shared.iter().collect(),
                Some(at) => at.iter().map(|&i| &shared[i as usize]).collect(),
            };
            let whole = Finding {
                claims: own.iter().chain(chosen).map(|c| (Role::Majority, c.clone())).collect(),
                ..f.clone()
            };
            let expected = Entry::of(&whole);
            let pending = || Pending {
                own: own.clone(),
                shared: shared.clone(),
                places: places.clone(),
            };
            for article in ["drafts/a.md", "corpus/004.txt", "corpus/001.txt", "elsewhere.md"] {
                let lazy = LazyEntry::later(&f, pending());
                let before = lazy.values_of(article);
                assert_eq!(lazy.get(), &expected, "{places:?}");
                assert_eq!(lazy.values_of(article), before, "{places:?} {article}");
                assert_eq!(LazyEntry::made(expected.clone()).values_of(article), before);
            }
        }
    }
}
