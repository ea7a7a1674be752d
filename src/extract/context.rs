//! What each figure's sentence says around it: the news [`Context`] of the
//! claims of one article.

use super::ClaimMaker;
use crate::model::value::Value;
use crate::news::Context;
use chrono::NaiveDate;
use std::sync::Arc;

/// What each match's sentence says around it ([`crate::news`]): as-of,
/// attribution, stance, and the other figures of its update; `None` where
/// it says nothing of these (and the article has no publication time).
pub(super) fn contexts(
    maker: &ClaimMaker,
    found: &[(&crate::rules::Rule, crate::rules::RuleMatch)],
    published: Option<NaiveDate>,
) -> Vec<Option<Box<Context>>> {
    let folded = &maker.folded.text;
    let sentences: Vec<std::ops::Range<usize>> = found
        .iter()
        .map(|(_, m)| crate::news::sentence(folded, m.start..m.end))
        .collect();
    // The figures' sentences are searched for the pack's news words (each
    // part of the text once a reader); a figure whose sentence has none
    // (most figures of static facts) and no update group is read no
    // further.
    let mut readers: Vec<(&Arc<crate::news::NewsReader>, crate::news::WordHits)> = Vec::new();
    for (rule, _) in found {
        if !readers.iter().any(|(r, _)| Arc::ptr_eq(r, &rule.news)) {
            let theirs: Vec<std::ops::Range<usize>> = found
                .iter()
                .zip(&sentences)
                .filter(|((r, _), _)| Arc::ptr_eq(&r.news, &rule.news))
                .map(|(_, s)| s.clone())
                .collect();
            readers.push((&rule.news, rule.news.word_hits(folded, &theirs)));
        }
    }
    let words: Vec<crate::news::Words> = found
        .iter()
        .zip(&sentences)
        .map(|((rule, _), s)| {
            let hits = &readers
                .iter()
                .find(|(r, _)| Arc::ptr_eq(r, &rule.news))
                .expect("searched above")
                .1;
            hits.words_in(folded, s.clone())
        })
        .collect();
    let needs: Vec<bool> = found
        .iter()
        .zip(&words)
        .map(|((rule, _), w)| rule.update.is_some() || w.marked || w.timed)
        .collect();
    let plain = Context {
        published_time: maker.article.published_time,
        ..Context::default()
    };
    if !needs.contains(&true) {
        let context = (!plain.is_empty()).then(|| Box::new(plain));
        return vec![context; found.len()];
    }
    // The figures of each sentence, in text order: every search below stays
    // inside one sentence, so a text of one long line stays linear.
    let mut order: Vec<usize> = (0..found.len()).filter(|&i| needs[i]).collect();
    order.sort_by_key(|&i| (sentences[i].start, found[i].1.start, i));
    let mut mates_of: Vec<std::ops::Range<usize>> = vec![0..0; found.len()];
    for run in chunk_ranges(&order, |a, b| sentences[a] == sentences[b]) {
        for &i in &order[run.clone()] {
            mates_of[i] = run.clone();
        }
    }
    let mut out: Vec<Context> = vec![plain; found.len()];
    // Figures joined by a conjunction ("310 قتيلا و540 جريحا، بحسب …").
    let mut joins: Vec<(usize, usize)> = Vec::new();
    for &i in &order {
        let mates = &order[mates_of[i].clone()];
        let joined = context_of(maker, found, &sentences[i], mates, i, (published, words[i]), &mut out);
        joins.extend(joined.map(|j| (j, i)));
    }
    // "rose from 1140 to 1870": the figure it moved from is the earlier one.
    for pair in order.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        // (Two matches of one fact may overlap: nothing stands between them.)
        let apart = found[a].1.end <= found[b].1.start;
        if !apart || sentences[a] != sentences[b] || found[a].0.claim_key != found[b].0.claim_key {
            continue;
        }
        let s = &sentences[a];
        let local = |i: usize| found[i].1.start - s.start..found[i].1.end - s.start;
        let earlier = match found[a].0.news.moved_from(&folded[s.clone()], local(a), local(b)) {
            Some(true) => a,
            Some(false) => b,
            None => continue,
        };
        if out[earlier].stance == crate::news::Stance::Asserted {
            out[earlier].stance = crate::news::Stance::Earlier;
        }
    }
    // Joined figures share their body, whichever of them the marker is next
    // to (both ways, for chains of three).
    for _ in 0..2 {
        for &(a, b) in joins.iter().rev() {
            if out[a].attribution.is_none() {
                out[a].attribution = out[b].attribution.clone();
            }
            if out[b].attribution.is_none() {
                out[b].attribution = out[a].attribution.clone();
            }
        }
    }
    // Figures of one update group stated in one sentence name each other.
    for i in (0..found.len()).filter(|&i| needs[i]) {
        let Some(group) = &found[i].0.update else {
            continue;
        };
        for &j in &order[mates_of[i].clone()] {
            let other = &found[j];
            if other.0.update.as_ref() != Some(group) || other.0.claim_key == found[i].0.claim_key {
                continue;
            }
            let value = other.1.value.canonical();
            // Only an exact figure of a current update identifies it (not
            // ~800, not >140, not an earlier or hedged figure).
            let both = out[j].stance == crate::news::Stance::Asserted && out[i].stance == crate::news::Stance::Asserted;
            if value.parse::<f64>().is_ok() && both {
                let peer = (other.0.claim_key.clone(), Arc::from(value.as_str()));
                if !out[i].update.contains(&peer) {
                    out[i].update.push(peer);
                }
            }
        }
    }
    out.into_iter().map(|c| (!c.is_empty()).then(|| Box::new(c))).collect()
}

/// The runs of equal neighbours of `items`, as index ranges.
fn chunk_ranges(items: &[usize], same: impl Fn(usize, usize) -> bool) -> Vec<std::ops::Range<usize>> {
    let mut runs = Vec::new();
    let mut start = 0;
    for k in 1..=items.len() {
        if k == items.len() || !same(items[k - 1], items[k]) {
            runs.push(start..k);
            start = k;
        }
    }
    runs
}

/// The context of the `i`th figure, written into `out[i]` (the figures
/// before it in its sentence are done); the figure it is joined to by a
/// conjunction, if any.
fn context_of(
    maker: &ClaimMaker,
    found: &[(&crate::rules::Rule, crate::rules::RuleMatch)],
    sentence: &std::ops::Range<usize>,
    mates: &[usize],
    i: usize,
    (published, words): (Option<NaiveDate>, crate::news::Words),
    out: &mut [Context],
) -> Option<usize> {
    let folded = &maker.folded.text;
    let body = maker.article.body();
    let (rule, m) = (&found[i].0, &found[i].1);
    // The clause of a figure: from the figure before it in the sentence
    // (of any fact: "نفى مقتل 9000 ... بلغت 2390" keeps the denial on
    // 9000) to the next figure of the same fact.
    let previous = mates
        .iter()
        .copied()
        .filter(|&j| j != i && found[j].1.end <= m.start)
        .max_by_key(|&j| (found[j].1.end, j));
    let next = mates
        .iter()
        .copied()
        .filter(|&j| j != i && found[j].0.claim_key == rule.claim_key && found[j].1.start >= m.end)
        .map(|j| found[j].1.start)
        .min();
    let from = previous.map_or(sentence.start, |j| found[j].1.end).max(sentence.start);
    let before = from.min(m.start)..m.start;
    // "1870 قتيلا و1318 جريحا": a figure joined to the one before it by a
    // conjunction shares its stance ("may exceed 15,000 dead and 20,000
    // injured").
    let joined = previous.filter(|_| is_conjunction(&folded[before.clone()]));
    let after_end = next.unwrap_or(sentence.end).min(sentence.end).max(m.end);
    let after_end = forward(folded, m.end, 40).min(after_end);
    let news = &rule.news;
    let text = &folded[sentence.clone()];
    let local = m.start - sentence.start..m.end - sentence.start;
    let others: Vec<std::ops::Range<usize>> = mates
        .iter()
        .filter(|&&j| j != i)
        .map(|&j| found[j].1.start - sentence.start..found[j].1.end - sentence.start)
        .collect();
    // The sentence's words decide what is worth reading (the regex of
    // as-of times is the dearest).
    let marked = words.marked;
    let attribution = marked
        .then(|| news.attribution(text, local, &others))
        .flatten()
        .map(|(r, canonical)| {
            canonical.unwrap_or_else(|| {
                let span = maker
                    .folded
                    .original_span(sentence.start + r.start, sentence.start + r.end, body);
                Arc::from(body[span.start..span.end].trim())
            })
        });
    let timed = words.timed;
    let as_of = timed.then(|| news.as_of(text, published)).flatten();
    // A time stated in an article without a publication date is no guess:
    // the claim says so, and stays off the timeline.
    let unplaced_as_of = (timed && published.is_none())
        .then(|| news.stated_as_of(text))
        .flatten()
        .map(|w| Arc::from(w.as_str()));
    out[i] = Context {
        published_time: maker.article.published_time,
        as_of,
        stance: match joined {
            Some(j) => out[j].stance,
            // Up to the figure's end: a marker may end in its qualifier
            // ("قد تتجاوز 15000", the claim starting at "تتجاوز").
            None if marked => news.stance(folded, before.start..m.end, m.start, m.end..after_end),
            None => crate::news::Stance::Asserted,
        },
        attribution,
        update: Vec::new(),
        corrects: marked.then(|| corrected(rule, folded, m, after_end)).flatten(),
        unplaced_as_of,
    };
    joined
}

/// The figure a number corrects, canonical: the number right after a
/// correction word after it ("112 morts, et non 118 comme annoncé").
fn corrected(
    rule: &crate::rules::Rule,
    folded: &str,
    m: &crate::rules::RuleMatch,
    after_end: usize,
) -> Option<Arc<str>> {
    if !matches!(m.value, Value::Number(_)) {
        return None;
    }
    let start = rule.news.corrected_at(folded, m.end..after_end)?;
    let end = forward(folded, start, 40);
    let (s, _, n) = rule
        .grammar
        .numbers()
        .find_cardinals(&folded[start..end])
        .into_iter()
        .next()?;
    (s == 0).then(|| {
        Arc::from(
            Value::Number(crate::model::value::NumberSet::exact(n))
                .canonical()
                .as_str(),
        )
    })
}

/// Whether the text between two figures only joins them (`و`, `and`,
/// `et`, a comma).
fn is_conjunction(between: &str) -> bool {
    let t = between.trim().trim_matches([',', '،']).trim();
    matches!(t, "" | "و" | "and" | "et" | "ou" | "or" | "او")
}

/// The byte offset `n` characters after `at` (or the end).
fn forward(s: &str, at: usize, n: usize) -> usize {
    s[at..].char_indices().nth(n).map_or(s.len(), |(i, _)| at + i)
}
