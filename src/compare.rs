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

use crate::extract::Claim;
use crate::rules::{RuleSet, Severity};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// How a candidate majority ranks: articles it agrees with, precision, and
/// the canonical string (smaller first) so ties never depend on order.
type Rank = (usize, u8, Reverse<String>);

/// What kind of finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    Contradiction,
    SelfContradiction,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Contradiction => "contradiction",
            Code::SelfContradiction => "self-contradiction",
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
}

/// Compares all claims; findings sorted by key, then code.
pub fn compare(rules: &RuleSet, claims: &[Claim]) -> Vec<Finding> {
    let mut groups: BTreeMap<&str, Vec<&Claim>> = BTreeMap::new();
    for c in claims {
        groups.entry(c.key.as_str()).or_default().push(c);
    }
    let mut findings = Vec::new();
    for (key, mut group) in groups {
        group.sort_by_key(|c| (c.article_index, c.span.start));
        let title = rules.get(key).map_or_else(|| key.to_string(), |r| r.title.clone());
        findings.extend(self_contradictions(key, &title, &group));
        findings.extend(contradiction(key, &title, &group));
    }
    findings.sort_by(|a, b| (&a.key, a.code, first_position(a)).cmp(&(&b.key, b.code, first_position(b))));
    findings
}

fn first_position(f: &Finding) -> (usize, usize) {
    f.claims.iter().map(|(_, c)| (c.article_index, c.span.start)).min().unwrap_or_default()
}

/// Articles that contradict themselves under one key.
fn self_contradictions(key: &str, title: &str, group: &[&Claim]) -> Vec<Finding> {
    let mut by_article: BTreeMap<usize, Vec<&Claim>> = BTreeMap::new();
    for c in group {
        by_article.entry(c.article_index).or_default().push(c);
    }
    let mut out = Vec::new();
    for claims in by_article.values() {
        let Some((majority, _)) = majority(claims) else {
            continue;
        };
        if claims.iter().all(|c| c.value.intersects(&majority.value)) {
            continue;
        }
        let roles = with_roles(claims, majority);
        let values = distinct_values(&roles);
        let article = &claims[0].article;
        out.push(Finding {
            code: Code::SelfContradiction,
            severity: claims[0].severity,
            key: key.to_string(),
            title: title.to_string(),
            message: format!("{title}: {article} contradicts itself ({})", values.join(" vs ")),
            help: format!("the article states {}; make them agree", values.join(" and ")),
            claims: roles,
        });
    }
    out
}

/// The cross-article contradiction of a group, if any.
fn contradiction(key: &str, title: &str, group: &[&Claim]) -> Option<Finding> {
    let (majority, support) = majority(group)?;
    let outliers: Vec<&&Claim> = group
        .iter()
        .filter(|c| !c.value.intersects(&majority.value))
        .collect();
    let outlier_articles: BTreeSet<usize> = outliers.iter().map(|c| c.article_index).collect();
    let majority_articles: BTreeSet<usize> = group
        .iter()
        .filter(|c| c.value.intersects(&majority.value))
        .map(|c| c.article_index)
        .collect();
    // Only outliers that come from an article other than the majority's
    // make this a cross-article finding; within one article it is a
    // self-contradiction, reported above.
    if outlier_articles.is_empty() || outlier_articles.is_subset(&majority_articles) {
        return None;
    }
    let roles = with_roles(group, majority);
    let out_values = distinct_values(&roles.iter().filter(|(r, _)| *r == Role::Outlier).cloned().collect::<Vec<_>>());
    let m = majority.value.canonical();
    let n_out = outlier_articles.len();
    let tie = support == n_out && out_values.len() == 1;
    let help = if tie {
        format!(
            "{} {} {m}; {} {} {}: no majority, check a primary source",
            articles(support),
            says(support),
            articles(n_out),
            says(n_out),
            out_values.join(", ")
        )
    } else {
        format!(
            "the majority says {m} ({}); {} disagree{}: {}",
            articles(support),
            articles(n_out),
            if n_out == 1 { "s" } else { "" },
            out_values.join(", ")
        )
    };
    Some(Finding {
        code: Code::Contradiction,
        severity: group.iter().map(|c| c.severity).max().unwrap_or_default(),
        key: key.to_string(),
        title: title.to_string(),
        message: format!("{title}: articles disagree ({m} vs {})", out_values.join(", ")),
        help,
        claims: roles,
    })
}

fn says(n: usize) -> &'static str {
    if n == 1 {
        "says"
    } else {
        "say"
    }
}

fn articles(n: usize) -> String {
    if n == 1 {
        "1 article".to_string()
    } else {
        format!("{n} articles")
    }
}

/// The claim whose value is compatible with the most articles, and that
/// number of articles.
fn majority<'a>(group: &[&'a Claim]) -> Option<(&'a Claim, usize)> {
    let mut seen: HashSet<String> = HashSet::new();
    let mut best: Option<(&Claim, usize, Rank)> = None;
    for c in group {
        let canonical = c.value.canonical();
        if !seen.insert(canonical.clone()) {
            continue;
        }
        let support: BTreeSet<usize> = group
            .iter()
            .filter(|o| o.value.intersects(&c.value))
            .map(|o| o.article_index)
            .collect();
        let rank = (support.len(), c.value.precision(), Reverse(canonical));
        if best.as_ref().is_none_or(|(_, _, b)| rank > *b) {
            best = Some((c, support.len(), rank));
        }
    }
    best.map(|(c, n, _)| (c, n))
}

fn with_roles(group: &[&Claim], majority: &Claim) -> Vec<(Role, Claim)> {
    let mut roles: Vec<(Role, Claim)> = group
        .iter()
        .map(|c| {
            let role = if c.value.intersects(&majority.value) {
                Role::Majority
            } else {
                Role::Outlier
            };
            (role, (*c).clone())
        })
        .collect();
    roles.sort_by_key(|(r, c)| (*r, c.article_index, c.span.start));
    roles
}

fn distinct_values(roles: &[(Role, Claim)]) -> Vec<String> {
    let mut values: Vec<String> = Vec::new();
    for (_, c) in roles {
        let v = c.value.canonical();
        if !values.contains(&v) {
            values.push(v);
        }
    }
    values
}
