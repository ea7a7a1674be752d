//! The majority: the one algorithm that names it, for `check`'s findings
//! and `diff`'s table alike.
//!
//! A group's claims are gathered into [`Stated`] values (one a canonical
//! value, with the articles that state it). A value's [`Support`] is the
//! (weighted) articles whose claims intersect it. Among the candidates,
//! the majority is the value with the most support, then the most
//! articles, then the rule's preferred spelling, then the more precise
//! value, then the smaller canonical string, so the choice never depends
//! on input order.

use crate::extract::Claim;
use crate::input::sources::SourceWeights;
use std::cmp::Reverse;
use std::collections::{BTreeSet, HashMap};

/// How a candidate majority ranks: the weight of the articles it agrees
/// with (in thousandths), their number, whether it is the rule's
/// preferred spelling, precision, and the canonical string (smaller
/// first).
type Rank = (u64, usize, bool, u8, Reverse<String>);

/// The weight of each article of a group, by its source.
pub struct Weigh {
    of: HashMap<usize, f64>,
    pub weighted: bool,
}

impl Weigh {
    pub fn new(group: &[&Claim], weights: &SourceWeights) -> Weigh {
        // Without weights every article weighs 1, the default of `support`:
        // no map of a big group's articles.
        let of = if weights.is_weighted() {
            group
                .iter()
                .map(|c| (c.article_index, weights.weight(c.source.as_deref())))
                .collect()
        } else {
            HashMap::new()
        };
        Weigh {
            of,
            weighted: weights.is_weighted(),
        }
    }

    /// The support of some articles.
    pub fn support(&self, articles: &BTreeSet<usize>) -> Support {
        // Unweighted, each article weighs 1: the sum is the count.
        let weight = if self.of.is_empty() {
            articles.len() as f64
        } else {
            articles.iter().map(|a| self.of.get(a).copied().unwrap_or(1.0)).sum()
        };
        Support {
            articles: articles.len(),
            weight,
        }
    }

    /// "2 articles" or, with weights, "2 articles, weight 4.5".
    pub fn describe(&self, s: Support) -> String {
        let articles = match s.articles {
            1 => "1 article".to_string(),
            n => format!("{n} articles"),
        };
        if self.weighted {
            format!("{articles}, weight {}", crate::model::value::format_number(s.weight))
        } else {
            articles
        }
    }
}

/// The articles whose claims intersect a value.
#[derive(Debug, Clone, Copy, Default)]
pub struct Support {
    pub articles: usize,
    pub weight: f64,
}

impl Support {
    /// The weight in thousandths, to compare weights exactly.
    pub fn millis(self) -> u64 {
        (self.weight * 1000.0).round() as u64
    }
}

/// A distinct stated value of a group and the articles that state it.
pub struct Stated<'a> {
    pub canonical: String,
    /// The first claim that states it.
    pub claim: &'a Claim,
    pub articles: BTreeSet<usize>,
}

/// The distinct values of a group, in canonical order.
pub fn distinct<'a>(group: &[&'a Claim]) -> Vec<Stated<'a>> {
    distinct_numbered(group).0
}

/// [`distinct`], with each claim's value's number
/// ([`crate::model::value::Canonicals::number`]) and the numbering.
pub fn distinct_numbered<'a>(
    group: &[&'a Claim],
) -> (Vec<Stated<'a>>, Vec<usize>, crate::model::value::Canonicals<'a>) {
    let mut canonicals = crate::model::value::Canonicals::new();
    let mut numbers = Vec::with_capacity(group.len());
    // By canonical string (its number): the first claim that states it
    // and the articles of its claims, gathered, then made a set at once
    // (not an insertion a claim).
    let mut by_written: Vec<(&'a Claim, Vec<usize>)> = Vec::new();
    for c in group {
        let number = canonicals.number(&c.value);
        numbers.push(number);
        let written = canonicals.written_of(number);
        if written == by_written.len() {
            by_written.push((c, Vec::new()));
        }
        let articles = &mut by_written[written].1;
        if articles.last() != Some(&c.article_index) {
            articles.push(c.article_index);
        }
    }
    let mut out: Vec<Stated<'a>> = by_written
        .into_iter()
        .enumerate()
        .map(|(written, (claim, mut articles))| {
            articles.sort_unstable();
            articles.dedup();
            Stated {
                canonical: canonicals.written_str(written).to_string(),
                claim,
                articles: articles.into_iter().collect(),
            }
        })
        .collect();
    out.sort_by(|a, b| a.canonical.cmp(&b.canonical));
    (out, numbers, canonicals)
}

/// Whether two sets of articles hold a pair of different articles.
fn across(a: &BTreeSet<usize>, b: &BTreeSet<usize>) -> bool {
    a.len() > 1 || b.len() > 1 || a != b
}

/// Which values take part in a conflict: a value that does not intersect
/// another (`within`: inside one article too; otherwise only between
/// articles).
pub fn conflicting(values: &[Stated], within: bool) -> Vec<bool> {
    let n = values.len();
    (0..n)
        .map(|i| {
            (0..n).any(|j| {
                !values[i].claim.value.intersects(&values[j].claim.value)
                    && (within || across(&values[i].articles, &values[j].articles))
            })
        })
        .collect()
}

/// The support of the `i`th value: the articles whose claims intersect it.
pub fn support(values: &[Stated], i: usize, weigh: &Weigh) -> Support {
    support_of(&meeting(values, i), weigh)
}

/// The values that intersect the `i`th (itself among them).
fn meeting<'v, 'a>(values: &'v [Stated<'a>], i: usize) -> Vec<&'v Stated<'a>> {
    let v = &values[i].claim.value;
    values.iter().filter(|o| o.claim.value.intersects(v)).collect()
}

/// The support of the articles of `meeting`, gathered in order.
fn support_of(meeting: &[&Stated], weigh: &Weigh) -> Support {
    match meeting {
        // Only itself: its own articles, not copied.
        [only] => weigh.support(&only.articles),
        _ => {
            let articles: BTreeSet<usize> = meeting.iter().flat_map(|o| o.articles.iter().copied()).collect();
            weigh.support(&articles)
        }
    }
}

/// The articles of several values from which [`supports`] counts them
/// from each value's count, not one by one.
const MARKED_UNION: usize = 1024;

/// The support of every value, as [`support`] gives each: a value that
/// meets only itself is supported by its own articles; unweighted (the
/// weight is the count), the articles of several values are the sum of
/// their counts less those counted twice, which only articles stating
/// more than one value can be (`shared_articles`, found once); else
/// they are gathered in order.
pub fn supports(values: &[Stated], weigh: &Weigh) -> Vec<Support> {
    let mut shared: Option<Vec<Vec<usize>>> = None;
    let mut meets = vec![false; values.len()];
    (0..values.len())
        .map(|i| {
            let meeting = meeting(values, i);
            // A few articles are gathered in order: counts are for many.
            let sum = meeting.iter().map(|o| o.articles.len()).sum::<usize>();
            if meeting.len() < 2 || weigh.weighted || sum < MARKED_UNION {
                return support_of(&meeting, weigh);
            }
            let shared = shared.get_or_insert_with(|| shared_articles(values));
            let v = &values[i].claim.value;
            for (j, o) in values.iter().enumerate() {
                meets[j] = o.claim.value.intersects(v);
            }
            let twice: usize = shared
                .iter()
                .map(|js| js.iter().filter(|&&j| meets[j]).count().saturating_sub(1))
                .sum();
            let articles = sum - twice;
            Support {
                articles,
                weight: articles as f64,
            }
        })
        .collect()
}

/// For each article that states more than one of `values`, the values it
/// states (by their index).
fn shared_articles(values: &[Stated]) -> Vec<Vec<usize>> {
    const NONE: u32 = u32::MAX;
    let last = values
        .iter()
        .filter_map(|o| o.articles.last())
        .max()
        .copied()
        .unwrap_or(0);
    // Each article's first value, and its place in `out` once a second
    // value is met.
    let mut first = vec![NONE; last + 1];
    let mut place = vec![NONE; last + 1];
    let mut out: Vec<Vec<usize>> = Vec::new();
    for (j, v) in values.iter().enumerate() {
        for &a in &v.articles {
            if first[a] == NONE {
                first[a] = j as u32;
            } else {
                if place[a] == NONE {
                    place[a] = out.len() as u32;
                    out.push(vec![first[a] as usize]);
                }
                out[place[a] as usize].push(j);
            }
        }
    }
    out
}

/// The index of the majority among the values `candidate` accepts (see
/// the module docs for the ranking); `preferred` is the rule's preferred
/// spelling, if any.
pub fn best(
    values: &[Stated],
    candidate: impl Fn(usize) -> bool,
    weigh: &Weigh,
    preferred: Option<&str>,
) -> Option<usize> {
    best_of(values, candidate, &supports(values, weigh), preferred)
}

/// [`best`] with every value's support made ([`supports`]).
fn best_of(
    values: &[Stated],
    candidate: impl Fn(usize) -> bool,
    supports: &[Support],
    preferred: Option<&str>,
) -> Option<usize> {
    let rank = |i: usize| -> Rank {
        let (v, s) = (&values[i], supports[i]);
        (
            s.millis(),
            s.articles,
            Some(v.canonical.as_str()) == preferred,
            v.claim.value.precision(),
            Reverse(v.canonical.clone()),
        )
    };
    (0..values.len()).filter(|&i| candidate(i)).max_by_key(|&i| rank(i))
}

/// The best support among the values that do not intersect the `best`th.
pub fn rival(values: &[Stated], best: usize, weigh: &Weigh) -> Support {
    rival_of(values, best, &supports(values, weigh))
}

/// [`rival`] with every value's support made ([`supports`]).
fn rival_of(values: &[Stated], best: usize, supports: &[Support]) -> Support {
    let majority = &values[best].claim.value;
    (0..values.len())
        .filter(|&j| !values[j].claim.value.intersects(majority))
        .map(|j| supports[j])
        .max_by_key(|s| (s.millis(), s.articles))
        .unwrap_or_default()
}

/// Picks the majority among the values that take part in a conflict
/// ([`conflicting`]). A value compatible with everything, such as
/// `نحو 180` beside 179 and 196, cannot settle a conflict, so it is never
/// the majority. Returns the majority, its support, and the best support
/// among the values it excludes ([`rival`]); `None` without a conflict.
pub fn settle<'a>(values: &[Stated<'a>], within: bool, weigh: &Weigh) -> Option<(&'a Claim, Support, Support)> {
    let conflicting = conflicting(values, within);
    let supports = supports(values, weigh);
    let best = best_of(values, |i| conflicting[i], &supports, None)?;
    Some((values[best].claim, supports[best], rival_of(values, best, &supports)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::Kind;
    use crate::model::value::{NumberSet, Qualifier, Value};
    use crate::rules::Severity;
    use crate::text::span::{LineCol, Span};
    use std::sync::Arc;

    fn claim(article: usize, n: f64, qualifier: Qualifier) -> Claim {
        Claim {
            key: Arc::from("k"),
            rule: Arc::from("k"),
            kind: Kind::Count,
            severity: Severity::Error,
            article: Arc::from(format!("a{article:05}.md")),
            source: None,
            article_index: article,
            published: None,
            value: Value::Number(NumberSet::new(n, qualifier, 0.1)),
            span: Span::new(0, 3),
            line_col: LineCol { line: 1, column: 1 },
            weekday: None,
            text: Arc::from("x"),
            excerpt: None,
            context: None,
        }
    }

    /// Values that meet several others (`about 180` meets 179 and 185;
    /// `more than 170` meets most), over enough articles that their
    /// articles are counted by marks: each value's support is the one
    /// [`support`] gives alone.
    #[test]
    fn the_supports_made_at_once_are_each_values_own() {
        let claims: Vec<Claim> = (0..6000)
            .map(|a| match a % 7 {
                0 | 1 => claim(a, 179.0, Qualifier::Exact),
                2 => claim(a, 196.0, Qualifier::Exact),
                3 => claim(a, 180.0, Qualifier::About),
                4 => claim(a, 170.0, Qualifier::MoreThan),
                5 => claim(a / 2, 185.0, Qualifier::Exact),
                _ => claim(a, 150.0, Qualifier::Exact),
            })
            .collect();
        let group: Vec<&Claim> = claims.iter().collect();
        let values = distinct(&group);
        assert!(values.len() >= 5, "{} values", values.len());
        let weigh = Weigh::new(&group, &SourceWeights::default());
        let made = supports(&values, &weigh);
        for (i, s) in made.iter().enumerate() {
            let alone = support(&values, i, &weigh);
            assert_eq!((s.articles, s.millis()), (alone.articles, alone.millis()), "value {i}");
        }
        // Some value was counted over several values' articles.
        assert!(made.iter().zip(&values).any(|(s, v)| s.articles > v.articles.len()));
    }
}
