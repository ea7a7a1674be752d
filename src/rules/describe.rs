//! What `crosscheck rules` prints: the rule list, a rule's explanation,
//! the examples' results, the patterns as plain regexes.

use super::{Kind, Rule, RuleSet};
use std::io::{self, Write};
use std::sync::LazyLock;

/// A named group, `(?P<name>`.
static NAMED_GROUP: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"\(\?P<[A-Za-z_][A-Za-z0-9_]*>").expect("valid regex"));

/// One line a rule: key, kind, severity, title.
pub fn list(out: &mut dyn Write, set: &RuleSet) -> io::Result<()> {
    for rule in &set.rules {
        let (key, kind, severity) = (&rule.key, rule.kind.as_str(), rule.severity.as_str());
        writeln!(out, "{key:<40} {kind:<11} {severity:<8} {}", rule.title)?;
    }
    Ok(())
}

/// Every pattern, expanded, one a line, without group names, so the lines
/// can be joined (`rg -f`).
pub fn patterns(out: &mut dyn Write, set: &RuleSet) -> io::Result<()> {
    for p in set.rules.iter().flat_map(|r| &r.patterns) {
        let unnamed = NAMED_GROUP.replace_all(&p.expanded, "(?:");
        writeln!(out, "(?i){unnamed}")?;
    }
    Ok(())
}

/// A rule in full: what it claims, where it applies, its patterns
/// (`expanded`: as regexes) and its examples' results.
pub fn explain(out: &mut dyn Write, rule: &Rule, expanded: bool) -> io::Result<()> {
    writeln!(out, "{}  ({})", rule.key, rule.title)?;
    writeln!(
        out,
        "kind: {}   severity: {}",
        rule.kind.as_str(),
        rule.severity.as_str()
    )?;
    if rule.kind == Kind::Count {
        writeln!(out, "tolerance of approximate values: ±{}%", rule.tolerance * 100.0)?;
    }
    if let Some(help) = &rule.help {
        writeln!(out, "\n{help}")?;
    }
    if !rule.about_written.is_empty() {
        let about = rule.about_written.join(", ");
        writeln!(out, "\napplies to articles that mention: {about}")?;
    }
    if !rule.near_written.is_empty() {
        writeln!(
            out,
            "a match counts with one of these within {} characters: {}",
            rule.near_window,
            rule.near_written.join(", ")
        )?;
    }
    if let Some(evolves) = rule.evolves {
        writeln!(out, "evolves: {} (compared on a timeline)", evolves.as_str())?;
    }
    if let Some(update) = &rule.update {
        writeln!(out, "update: {update} (figures reported together identify one update)")?;
    }
    if let Some(scope) = &rule.scope {
        writeln!(out, "scope: {scope} (never compared across instances of the event)")?;
    }
    writeln!(out, "\npatterns:")?;
    for p in &rule.patterns {
        if expanded {
            writeln!(
                out,
                "  {}\n    expands to ({} bytes): {}",
                p.source,
                p.expanded.len(),
                p.expanded
            )?;
        } else {
            writeln!(out, "  {}", p.source)?;
        }
    }
    if !expanded {
        let bytes: usize = rule.patterns.iter().map(|p| p.expanded.len()).sum();
        writeln!(out, "  (expanded: {bytes} bytes of regex; `--expanded` prints them)")?;
    }
    writeln!(out, "\nexamples:")?;
    for c in rule.test() {
        let expected = c
            .expected
            .as_deref()
            .map_or("nothing".to_string(), |v| format!("`{v}`"));
        let mark = if c.passed() { "ok" } else { "FAILS" };
        writeln!(out, "  [{mark}] {} -> {expected}", c.text)?;
    }
    Ok(())
}

/// A table of every rule's examples, the failing ones spelt out; the
/// number of rules with a failing example.
pub fn test(out: &mut dyn Write, set: &RuleSet) -> io::Result<usize> {
    writeln!(out, "{:<40} {:>8} {:>8}  result", "rule", "examples", "allows")?;
    let mut failed = 0;
    for rule in &set.rules {
        let cases = rule.test();
        let bad: Vec<_> = cases.iter().filter(|c| !c.passed()).collect();
        let count = |list| cases.iter().filter(|c| c.list == list).count();
        let result = if bad.is_empty() {
            "pass".to_string()
        } else {
            format!("FAIL ({})", bad.len())
        };
        writeln!(
            out,
            "{:<40} {:>8} {:>8}  {result}",
            rule.key,
            count("examples"),
            count("allows")
        )?;
        for c in bad {
            let read = if c.read.is_empty() {
                "nothing".to_string()
            } else {
                c.read.join(", ")
            };
            match &c.expected {
                Some(v) => writeln!(
                    out,
                    "    {}[{}] «{}»: expected {v}, read {read}",
                    c.list, c.index, c.text
                )?,
                None => writeln!(
                    out,
                    "    {}[{}] «{}»: expected nothing, read {read}",
                    c.list, c.index, c.text
                )?,
            }
        }
        failed += usize::from(cases.iter().any(|c| !c.passed()));
    }
    let n = set.rules.len();
    writeln!(out, "{n} {}, {failed} failing", if n == 1 { "rule" } else { "rules" })?;
    Ok(failed)
}
