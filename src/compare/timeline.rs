//! Facts that move: the comparison of claims that carry a time, a body and
//! a stance ([`crate::news`]).
//!
//! Claims the articles do not assert (hedged, denied) are never compared.
//! The rest are split by attribution: bodies that give different figures
//! are a `sources-differ` warning, and no majority is named across them.
//! Within one attribution, an **evolving** fact (a rule's `evolves`) is laid
//! on a timeline (as-of, else publication time):
//!
//! - figures replaced by later ones are one `superseded` note, the timeline;
//! - a figure published after a more advanced one (lower, for a running
//!   total) is a `stale-figure` warning that names the newer figure;
//! - two figures for the same moment contradict: the same stated as-of
//!   time, or the same **update** (both articles give the same exact figure
//!   of another fact of the update, and differ on this one).
//!
//! Static facts with a context are compared as ever, per attribution, by
//! [`crate::compare`].

use crate::compare::{Code, Finding, Role};
use crate::extract::Claim;
use crate::model::value::Value;
use crate::news::{Evolves, Moment, Stance};
use crate::rules::Severity;
use std::collections::{BTreeMap, BTreeSet};

/// The majority of some claims and whether it is a tie (`within`: count
/// conflicts inside one article); `None` when the claims do not conflict.
pub type Settle<'a> = dyn Fn(&[&Claim], bool) -> Option<(Value, bool)> + 'a;

/// The claims `keep` accepts, one list an attribution (unattributed
/// first, then by the attribution's folded name), each in group order.
pub fn by_attribution<'a>(group: &[&'a Claim], keep: impl Fn(&Claim) -> bool) -> Vec<Vec<&'a Claim>> {
    let mut parts: BTreeMap<Option<String>, Vec<&'a Claim>> = BTreeMap::new();
    for c in group.iter().copied().filter(|c| keep(c)) {
        parts.entry(c.context().attribution_key()).or_default().push(c);
    }
    parts.into_values().collect()
}

/// The findings of a group whose claims carry a context: sources that
/// differ, and for an evolving fact its timeline.
pub fn plan(key: &str, title: &str, evolves: Option<Evolves>, group: &[&Claim], settle: &Settle) -> Vec<Finding> {
    let mut findings: Vec<Finding> = sources_differ(key, title, evolves, group);
    if let Some(direction) = evolves {
        let part: Vec<&Claim> = group
            .iter()
            .copied()
            .filter(|c| c.context().stance.compares())
            .collect();
        findings.extend(untimed(key, title, &part));
        let (part, corrected) = corrections(key, title, &part);
        findings.extend(corrected);
        findings.extend(evolving(key, title, direction, &part, settle));
    }
    findings
}

/// The claims of a timeline without the figures a later article corrects
/// ("112 morts, et non 118 comme annoncé"), and the findings of those:
/// a `corrected` note for each figure given before its correction, and a
/// `stale-figure` warning for one given again after it.
fn corrections<'a>(key: &str, title: &str, part: &[&'a Claim]) -> (Vec<&'a Claim>, Vec<Finding>) {
    let fixes: Vec<(&Claim, Value)> = part
        .iter()
        .copied()
        .filter(|c| asserted(c))
        .filter_map(|c| {
            let wrong = c.context().corrects.as_deref()?;
            Some((c, Value::parse(c.kind, wrong, 0.0)?))
        })
        .collect();
    if fixes.is_empty() {
        return (part.to_vec(), Vec::new());
    }
    // A corrected figure leaves the timeline, given before its correction
    // or after it.
    let mut kept = Vec::new();
    let mut findings = Vec::new();
    for c in part.iter().copied() {
        let fix = fixes
            .iter()
            .filter(|(k, wrong)| k.article_index != c.article_index && c.value.intersects(wrong) && same_body(k, c))
            .min_by(|(a, _), (b, _)| a.moment().cmp(&b.moment()).then_with(|| a.article.cmp(&b.article)));
        let Some((fix, _)) = fix else {
            kept.push(c);
            continue;
        };
        let (given, fixed) = (moment_of(c), moment_of(fix));
        let after = matches!((c.moment(), fix.moment()), (Some(a), Some(b)) if a > b);
        let (code, severity, message, help) = if after {
            (
                Code::StaleFigure,
                Severity::Warning.min(c.severity),
                format!(
                    "{title}: {} gives {} ({given}), after {} corrected it to {} ({fixed})",
                    c.article,
                    c.value.canonical(),
                    fix.article,
                    fix.value.canonical()
                ),
                format!(
                    "{} was corrected to {} ({}, {fixed}): use the corrected figure",
                    c.value.canonical(),
                    fix.value.canonical(),
                    fix.article
                ),
            )
        } else {
            (
                Code::Corrected,
                Severity::Note,
                format!(
                    "{title}: {} ({}, {given}) was corrected to {} by {} ({fixed})",
                    c.value.canonical(),
                    c.article,
                    fix.value.canonical(),
                    fix.article
                ),
                format!(
                    "{} corrects the figure; {} is left off the timeline",
                    fix.article,
                    c.value.canonical()
                ),
            )
        };
        findings.push(Finding::new(
            code,
            severity,
            key,
            title,
            message,
            help,
            vec![(Role::Majority, (*fix).clone()), (Role::Outlier, c.clone())],
        ));
    }
    (kept, findings)
}

/// A note for each figure whose sentence states a time its article gives
/// no date to place: it has no place on the timeline, and crosscheck does
/// not guess one.
fn untimed(key: &str, title: &str, part: &[&Claim]) -> Vec<Finding> {
    part.iter()
        .copied()
        .filter(|c| c.moment().is_none())
        .filter_map(|c| {
            let words = c.context().unplaced_as_of.as_deref()?;
            let message = format!(
                "{title}: {} gives {} \"{words}\", but has no publication date to place that time",
                c.article,
                c.value.canonical()
            );
            let help = format!(
                "the figure has no place on the timeline; give the article a publication date (`published:` in its front matter or its JSONL line) so that \"{words}\" can be resolved"
            );
            Some(Finding::new(Code::Untimed, Severity::Note, key, title, message, help, vec![(Role::Outlier, c.clone())]))
        })
        .collect()
}

fn asserted(c: &Claim) -> bool {
    c.context().stance == Stance::Asserted
}

/// Attributed claims whose bodies give figures that do not meet. Static
/// facts compare every asserted figure; evolving ones the figures of one
/// stated as-of moment.
fn sources_differ(key: &str, title: &str, evolves: Option<Evolves>, group: &[&Claim]) -> Vec<Finding> {
    if evolves.is_none() {
        // A static figure an article states on its own account differs
        // from a body's just as two bodies' do: the unattributed claims
        // are one more party, once some body is named.
        if !group.iter().any(|c| asserted(c) && c.context().attribution.is_some()) {
            return Vec::new();
        }
        return bodies_differ(key, title, by_attribution(group, asserted))
            .into_iter()
            .collect();
    }
    let attributed: Vec<&Claim> = group
        .iter()
        .copied()
        .filter(|c| asserted(c) && c.context().attribution.is_some())
        .collect();
    // A moving figure differs from hour to hour: bodies are compared at
    // one stated as-of moment, or side by side in one article that states
    // none ("140 according to OCHA, 121 according to the ministry").
    let mut moments: BTreeMap<Result<Moment, usize>, Vec<&Claim>> = BTreeMap::new();
    for c in attributed {
        let at = stated_time(c).ok_or(c.article_index);
        moments.entry(at).or_default().push(c);
    }
    moments
        .into_values()
        .filter_map(|claims| bodies_differ(key, title, by_attribution(&claims, |_| true)))
        .collect()
}

/// One warning when the bodies' figures (one list a body) do not meet.
fn bodies_differ(key: &str, title: &str, parts: Vec<Vec<&Claim>>) -> Option<Finding> {
    if parts.len() < 2 {
        return None;
    }
    let meets = |a: &[&Claim], b: &[&Claim]| a.iter().all(|x| b.iter().any(|y| x.value.intersects(&y.value)));
    let differ = (0..parts.len()).any(|i| (0..parts.len()).any(|j| i != j && !meets(&parts[i], &parts[j])));
    if !differ {
        return None;
    }
    let said: Vec<String> = parts
        .iter()
        .map(|p| format!("{} {}", party(p[0]), values_of(p).join(", ")))
        .collect();
    let bodies: Vec<String> = parts.iter().map(|p| party(p[0])).collect();
    let claims = parts
        .into_iter()
        .flatten()
        .map(|c| (Role::Outlier, c.clone()))
        .collect();
    Some(Finding::new(
        Code::SourcesDiffer,
        Severity::Warning,
        key,
        title,
        format!("{title}: sources differ ({})", said.join("; ")),
        format!(
            "the figures come from different bodies ({}); say whose figure each is, or check which one is current",
            bodies.join(", ")
        ),
        claims,
    ))
}

/// A draft's figures of a fact revised either way (`evolves: any`) that
/// do not meet the newest published figure of the same body: each a
/// `stale-figure` warning naming that figure, its article and its time,
/// whatever an older majority says. (For a running total the timeline
/// already reports a draft behind the newest figure.)
pub fn drafts_behind(key: &str, title: &str, claims: &[&Claim], is_draft: &dyn Fn(&Claim) -> bool) -> Vec<Finding> {
    let published: Vec<&Claim> = claims
        .iter()
        .copied()
        .filter(|c| !is_draft(c) && asserted(c) && c.moment().is_some())
        .collect();
    let mut findings = Vec::new();
    for draft in claims.iter().copied().filter(|c| is_draft(c) && asserted(c)) {
        let newest = published
            .iter()
            .copied()
            .filter(|p| same_body(p, draft))
            .max_by(|a, b| a.moment().cmp(&b.moment()).then_with(|| b.article.cmp(&a.article)));
        let Some(newest) = newest.filter(|n| !n.value.intersects(&draft.value)) else {
            continue;
        };
        let when = moment_of(newest);
        let message = format!(
            "{title}: the draft {} gives {}, but the newest published figure is {} ({}, {when})",
            draft.article,
            draft.value.canonical(),
            newest.value.canonical(),
            newest.article
        );
        let help = format!(
            "the figure is revised over time; the newest is {} ({}, {when}): use it, or say why the draft's differs",
            newest.value.canonical(),
            newest.article
        );
        let claims = vec![(Role::Majority, newest.clone()), (Role::Outlier, draft.clone())];
        let severity = Severity::Warning.min(draft.severity);
        findings.push(Finding::new(
            Code::StaleFigure,
            severity,
            key,
            title,
            message,
            help,
            claims,
        ));
    }
    findings
}

/// Who gives a claim's figure: its body as written, or the article itself.
fn party(c: &Claim) -> String {
    c.context()
        .attribution
        .as_deref()
        .map_or_else(|| "unattributed".to_string(), str::to_string)
}

/// The distinct canonical values of claims, in order of first appearance.
fn values_of(claims: &[&Claim]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in claims {
        let v = c.value.canonical();
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

/// The timeline of one attribution's claims of an evolving fact.
fn evolving(key: &str, title: &str, direction: Evolves, part: &[&Claim], settle: &Settle) -> Vec<Finding> {
    let mut findings = Vec::new();
    let severity = part.iter().map(|c| c.severity).max().unwrap_or_default();
    let make = |code, severity, message: String, help: String, claims: Vec<(Role, Claim)>| {
        Finding::new(code, severity, key, title, message, help, claims)
    };
    // One article, one moment, one body: two figures contradict the
    // article itself.
    for claims in part.chunk_by(|a, b| a.article == b.article) {
        let mut by_moment: BTreeMap<(Option<Moment>, Option<String>), Vec<&Claim>> = BTreeMap::new();
        for c in claims.iter().copied().filter(|c| asserted(c)) {
            let at = (c.context().as_of, c.context().attribution_key());
            by_moment.entry(at).or_default().push(c);
        }
        for same in by_moment.values().filter(|s| s.len() > 1) {
            let Some((majority, _)) = settle(same, true) else {
                continue;
            };
            let values = values_of(same);
            findings.push(make(
                Code::SelfContradiction,
                severity,
                format!(
                    "{title}: {} contradicts itself ({})",
                    same[0].article,
                    values.join(" vs ")
                ),
                format!(
                    "the article gives {} for the same moment; make them agree, or say which figure is the earlier one",
                    values.join(" and ")
                ),
                with_roles(same, &majority, false),
            ));
        }
    }
    let mut reported: BTreeSet<BTreeSet<usize>> = BTreeSet::new();
    // Across articles, one stated as-of moment.
    // An unattributed figure may be any body's: it meets the one body of
    // the moment (different bodies are `sources-differ`).
    let mut at: BTreeMap<Moment, Vec<&Claim>> = BTreeMap::new();
    for c in part.iter().copied().filter(|c| asserted(c)) {
        if let Some(m) = stated_time(c) {
            at.entry(m).or_default().push(c);
        }
    }
    for (moment, same) in at
        .iter()
        .flat_map(|(m, same)| parties(same).into_iter().map(move |p| (m, p)))
    {
        let same = &same;
        let articles: BTreeSet<usize> = same.iter().map(|c| c.article_index).collect();
        if articles.len() < 2 {
            continue;
        }
        let Some((majority, tie)) = settle(same, false) else {
            continue;
        };
        reported.insert(articles);
        let values = values_of(same);
        findings.push(make(
            Code::Contradiction,
            severity,
            format!(
                "{title}: articles disagree for the same moment, as of {} ({})",
                moment.short(),
                values.join(" vs ")
            ),
            format!(
                "the articles give {} for one moment; check the primary source",
                values.join(" and ")
            ),
            with_roles(same, &majority, tie),
        ));
    }
    findings.extend(same_update(part, settle, &mut reported, &make, severity, title));
    let stale = stale_figures(part, direction);
    for (late, newer) in &stale {
        let (when_late, when_newer) = (moment_of(late), moment_of(newer));
        findings.push(make(
            Code::StaleFigure,
            Severity::Warning.min(severity),
            format!(
                "{title}: {} gives {} ({when_late}), after {} gave {} ({when_newer})",
                late.article,
                late.value.canonical(),
                newer.article,
                newer.value.canonical()
            ),
            format!(
                "the figure {}; the newer figure is {} ({}, {when_newer}): update the older one",
                match direction {
                    Evolves::Decreasing => "only falls",
                    _ => "only rises",
                },
                newer.value.canonical(),
                newer.article
            ),
            vec![(Role::Majority, (*newer).clone()), (Role::Outlier, (*late).clone())],
        ));
    }
    let stale_claims: Vec<&Claim> = stale.iter().map(|(late, _)| *late).collect();
    findings.extend(superseded(title, part, &stale_claims, &make));
    findings
}

type Make<'a> = dyn Fn(Code, Severity, String, String, Vec<(Role, Claim)>) -> Finding + 'a;

/// Articles that give the same exact figure of another fact of one update
/// quote one update: where they differ on this fact, they contradict.
fn same_update(
    part: &[&Claim],
    settle: &Settle,
    reported: &mut BTreeSet<BTreeSet<usize>>,
    make: &Make,
    severity: Severity,
    title: &str,
) -> Vec<Finding> {
    let mut by_peer: BTreeMap<(&str, &str), Vec<&Claim>> = BTreeMap::new();
    for c in part.iter().copied().filter(|c| asserted(c)) {
        for (k, v) in &c.context().update {
            by_peer.entry((&**k, &**v)).or_default().push(c);
        }
    }
    let mut out = Vec::new();
    for ((peer_key, peer_value), same) in by_peer
        .iter()
        .flat_map(|(k, same)| parties(same).into_iter().map(move |p| (*k, p)))
    {
        let articles: BTreeSet<usize> = same.iter().map(|c| c.article_index).collect();
        if articles.len() < 2 || reported.contains(&articles) || held(&same) {
            continue;
        }
        let Some((majority, tie)) = settle(&same, false) else {
            continue;
        };
        reported.insert(articles);
        let values = values_of(&same);
        let names: Vec<String> = same
            .iter()
            .map(|c| format!("{} says {}", c.article, c.value.canonical()))
            .collect();
        out.push(make(
            Code::Contradiction,
            severity,
            format!(
                "{title}: articles quoting one update disagree ({}; both give {peer_key} {peer_value})",
                values.join(" vs ")
            ),
            format!(
                "{}, with the same {peer_key} ({peer_value}): they quote one update, so one of them misquotes it; check the primary source",
                names.join(", ")
            ),
            with_roles(&same, &majority, tie),
        ));
    }
    out
}

/// The as-of moment a claim's sentence states, when it gives an hour.
fn stated_time(c: &Claim) -> Option<Moment> {
    c.context().as_of.filter(|m| m.time.is_some())
}

/// Claims of one moment split by who gives them, to compare each part
/// within itself: all of them when at most one body is named (an
/// unattributed figure may be that body's); else each body's claims, and
/// the unattributed ones apart (they may be any body's, and different
/// bodies are `sources-differ`).
fn parties<'a>(claims: &[&'a Claim]) -> Vec<Vec<&'a Claim>> {
    let mut by_body: BTreeMap<Option<String>, Vec<&'a Claim>> = BTreeMap::new();
    for c in claims.iter().copied() {
        by_body.entry(c.context().attribution_key()).or_default().push(c);
    }
    if by_body.keys().filter(|k| k.is_some()).count() <= 1 {
        return vec![claims.to_vec()];
    }
    by_body.into_values().collect()
}

/// Whether claims that share another figure of their update are in fact
/// different updates in which that figure held: their differing values
/// each state their own as-of time, and the times differ ("4 dead and
/// 120 000 homes without power as of 6 a.m.", "4 dead and 80 000 … as of
/// 6 p.m."). Without stated times, sharing the figure is one update.
fn held(claims: &[&Claim]) -> bool {
    let mut times: BTreeMap<String, BTreeSet<Moment>> = BTreeMap::new();
    for c in claims {
        let Some(m) = stated_time(c) else {
            return false;
        };
        times.entry(c.value.canonical()).or_default().insert(m);
    }
    let sets: Vec<&BTreeSet<Moment>> = times.values().collect();
    sets.len() > 1 && (0..sets.len()).all(|i| (0..sets.len()).all(|j| i == j || sets[i].is_disjoint(sets[j])))
}

/// "6 Mar 2026 16:00", or "no date".
fn moment_of(c: &Claim) -> String {
    c.moment().map_or_else(|| "no date".to_string(), |m| m.short())
}

/// Whether two claims can speak of one figure: the same body, or one of
/// them unattributed.
fn same_body(a: &Claim, b: &Claim) -> bool {
    let (x, y) = (a.context().attribution_key(), b.context().attribution_key());
    x.is_none() || y.is_none() || x == y
}

/// Whether `a` lies wholly above `b` (numbers only).
fn above(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(a), Value::Number(b)) => a.low > b.high || (a.low == b.high && !(a.low_closed && b.high_closed)),
        _ => false,
    }
}

/// Asserted figures published after a more advanced figure of another
/// article: (the late claim, the most advanced earlier one).
fn stale_figures<'a>(part: &[&'a Claim], direction: Evolves) -> Vec<(&'a Claim, &'a Claim)> {
    let beyond = |a: &Value, b: &Value| match direction {
        Evolves::Increasing => above(a, b),
        Evolves::Decreasing => above(b, a),
        Evolves::Any => false,
    };
    let mut out = Vec::new();
    for c in part.iter().copied().filter(|c| asserted(c)) {
        let Some(t) = c.moment() else {
            continue;
        };
        let newer = part
            .iter()
            .copied()
            .filter(|e| e.article_index != c.article_index && e.moment().is_some_and(|m| m < t))
            .filter(|e| same_body(e, c))
            .filter(|e| beyond(&e.value, &c.value))
            .max_by(|a, b| {
                let (a_beyond, b_beyond) = (beyond(&a.value, &b.value), beyond(&b.value, &a.value));
                a_beyond
                    .cmp(&b_beyond)
                    .then_with(|| a.moment().cmp(&b.moment()))
                    .then_with(|| b.article.cmp(&a.article))
            });
        if let Some(e) = newer {
            out.push((c, e));
        }
    }
    out
}

/// The figures of the timeline (all but the stale ones) as one note, when
/// the figure changed: each value at the first moment it was given.
fn superseded(title: &str, part: &[&Claim], stale: &[&Claim], make: &Make) -> Option<Finding> {
    let mut timeline: Vec<&Claim> = part
        .iter()
        .copied()
        .filter(|c| c.moment().is_some() && !stale.iter().any(|s| std::ptr::eq(*s, *c)))
        .collect();
    // Earlier figures before the article's current ones at one moment.
    let rank = |c: &Claim| u8::from(c.context().stance != Stance::Earlier);
    timeline.sort_by(|a, b| {
        (a.moment(), rank(a), &*a.article, a.span.start).cmp(&(b.moment(), rank(b), &*b.article, b.span.start))
    });
    let mut steps: Vec<&Claim> = Vec::new();
    for c in timeline {
        if steps.last().is_none_or(|l| !l.value.intersects(&c.value)) {
            steps.push(c);
        }
    }
    if steps.len() < 2 {
        return None;
    }
    let shown: Vec<String> = steps
        .iter()
        .map(|c| format!("{} on {}", c.value.canonical(), moment_of(c)))
        .collect();
    let shown = if shown.len() > 8 {
        let mut s = shown[..3].to_vec();
        s.push(format!("… ({} more)", shown.len() - 6));
        s.extend_from_slice(&shown[shown.len() - 3..]);
        s
    } else {
        shown
    };
    let last = steps[steps.len() - 1];
    Some(make(
        Code::Superseded,
        Severity::Note,
        format!("{title}: the figure moved over time: {}", shown.join(" → ")),
        format!(
            "the latest figure is {} ({}, {}); earlier figures are superseded, not contradicted",
            last.value.canonical(),
            last.article,
            moment_of(last)
        ),
        steps.iter().map(|c| (Role::Majority, (*c).clone())).collect(),
    ))
}

/// Every claim with its role against the majority (in a tie, every claim
/// that conflicts with another is an outlier).
fn with_roles(claims: &[&Claim], majority: &Value, tie: bool) -> Vec<(Role, Claim)> {
    let mut out: Vec<(Role, Claim)> = claims
        .iter()
        .map(|c| {
            let agrees = if tie {
                claims.iter().all(|o| o.value.intersects(&c.value))
            } else {
                c.value.intersects(majority)
            };
            (if agrees { Role::Majority } else { Role::Outlier }, (*c).clone())
        })
        .collect();
    out.sort_by(|(ra, a), (rb, b)| (ra, &*a.article, a.span.start).cmp(&(rb, &*b.article, b.span.start)));
    out
}
