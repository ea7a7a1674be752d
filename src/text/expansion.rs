//! A placeholder's expansion, parsed once for every pattern that holds it.
//!
//! A rule pattern is its author's few words around one placeholder, and
//! the placeholder expands to a grammar's regex: `{count}` to some 67 KB
//! of number words, the same in every count pattern of a pack. Parsed
//! inline, each pattern parses those 67 KB again and compiles them into
//! every engine. An [`Expansion`] is parsed once (on first need) and
//! spliced, as a parsed tree, into each pattern's parsed *template*: the
//! pattern with [`PLACEHOLDER`], an empty group, where the expansion goes.
//!
//! The splice is the tree the whole text parses to: the same nodes, the
//! groups numbered as the text numbers them. Where it might not be (an
//! inline flag that would change how the expansion parses, a repetition
//! of the placeholder, which in the text applies to the expansion's last
//! item only), [`splice`] declines and the caller parses the whole text.
//!
//! An expansion may also be *loosened* for the engines that only find
//! candidates ([`loosened`]): they need a superset of what the pattern
//! matches, not the pattern, and the superset of a large number grammar
//! (any run of its words) compiles in a fraction of the time and finds
//! nearly the same candidates. The exact engine still runs the pattern as
//! written on each candidate, so what matches does not change.

use regex_syntax::hir::{Capture, Hir, HirKind, Repetition};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock, Weak};

/// The name of the empty group that marks where the expansion goes.
const MARK: &str = "crosscheck_placeholder";

/// What a template holds where its placeholder was.
pub const PLACEHOLDER: &str = "(?P<crosscheck_placeholder>)";

/// Alternations of more nodes than this are loosened: the number
/// grammar's whole cardinal expression, not its small word classes.
const LOOSEN_ABOVE: usize = 1000;

/// One expansion of a placeholder, shared by the patterns that use it.
#[derive(Debug)]
pub struct Expansion {
    text: String,
    case_insensitive: bool,
    loosen: bool,
    parsed: OnceLock<Option<Parsed>>,
}

/// An expansion's parsed trees.
#[derive(Debug)]
pub struct Parsed {
    /// As written.
    pub exact: Hir,
    /// Without word boundaries, and loosened when asked: what the
    /// candidate engines run.
    pub loose: Hir,
    /// Its capture groups.
    groups: u32,
    /// Whether its text reads the same alone as inside a pattern: no
    /// alternation at its top (in a pattern, its first and last branches
    /// would take in their neighbours) and no flag at its top (which would
    /// go on past its end).
    standalone: bool,
}

impl Parsed {
    /// How many capture groups it holds.
    pub fn groups(&self) -> u32 {
        self.groups
    }
}

type Key = (String, bool, bool);

impl Expansion {
    /// The expansion of `text`, shared with every other live pattern that
    /// holds the same text: it is parsed at most once while any of them
    /// lives. `loosen` says the candidate engines may run a superset of it
    /// ([`loosened`]).
    pub fn shared(text: &str, case_insensitive: bool, loosen: bool) -> Arc<Expansion> {
        static LIVE: OnceLock<Mutex<HashMap<Key, Weak<Expansion>>>> = OnceLock::new();
        let mut live = LIVE
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        let key = (text.to_string(), case_insensitive, loosen);
        if let Some(found) = live.get(&key).and_then(Weak::upgrade) {
            return found;
        }
        live.retain(|_, e| e.strong_count() > 0);
        let made = Arc::new(Expansion {
            text: text.to_string(),
            case_insensitive,
            loosen,
            parsed: OnceLock::new(),
        });
        live.insert(key, Arc::downgrade(&made));
        made
    }

    /// Its text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether the regex parser reads it case-insensitively.
    pub fn case_insensitive(&self) -> bool {
        self.case_insensitive
    }

    /// Its trees, parsed on the first call; `None` if it does not parse.
    pub fn parsed(&self) -> Option<&Parsed> {
        self.parsed
            .get_or_init(|| {
                let (exact, standalone) = parse_standalone(&self.text, self.case_insensitive)?;
                // Loosened first: the boundaries of what it drops are not
                // visited again.
                let loose = if self.loosen { &loosened(&exact) } else { &exact };
                let loose = super::boundary::without_boundaries(loose);
                Some(Parsed {
                    groups: groups_in(&exact),
                    standalone,
                    exact,
                    loose,
                })
            })
            .as_ref()
    }
}

/// The parser every pattern is read with.
pub fn parser(case_insensitive: bool) -> regex_syntax::Parser {
    regex_syntax::ParserBuilder::new()
        .case_insensitive(case_insensitive)
        .build()
}

/// `text` parsed as [`parser`] parses it (the same two steps, with the
/// same settings), and whether it is standalone ([`Parsed`]).
fn parse_standalone(text: &str, case_insensitive: bool) -> Option<(Hir, bool)> {
    use regex_syntax::ast::Ast;
    let ast = regex_syntax::ast::parse::Parser::new().parse(text).ok()?;
    let hir = regex_syntax::hir::translate::TranslatorBuilder::new()
        .case_insensitive(case_insensitive)
        .build()
        .translate(text, &ast)
        .ok()?;
    let standalone = match &ast {
        Ast::Alternation(_) | Ast::Flags(_) => false,
        Ast::Concat(c) => !c.asts.iter().any(|a| matches!(a, Ast::Flags(_))),
        _ => true,
    };
    Some((hir, standalone))
}

/// Whether `template` may be parsed apart from the expansion: no inline
/// flag (which would change how the expansion parses, as it follows the
/// flag in the whole text), exactly one placeholder.
pub fn splices(template: &str) -> bool {
    let flag = template
        .as_bytes()
        .windows(3)
        .any(|w| w[0] == b'(' && w[1] == b'?' && matches!(w[2], b'i' | b'm' | b's' | b'x' | b'u' | b'U' | b'R' | b'-'));
    !flag && template.matches(PLACEHOLDER).count() == 1
}

/// The parsed `template` with `with` (an expansion's tree, holding
/// `groups` capture groups numbered from 1) where its placeholder is, and
/// the template's later groups numbered after the expansion's; `None`
/// unless the template holds one placeholder, not under a repetition.
/// That is the whole text's tree where [`splice_checks`] holds.
pub fn splice(template: &Hir, with: &Hir, groups: u32) -> Option<Hir> {
    let [(at, false)] = marks(template)[..] else {
        return None;
    };
    Some(put(template, at, with, groups))
}

/// Whether [`splice`] of `with` into `template` gives the tree the whole
/// text parses to. It does not where the template has no placeholder or
/// two, or one under a repetition (`{count}?` repeats, in the text, only
/// the expansion's last item), or where the expansion is not standalone
/// ([`Parsed`]).
pub fn splice_checks(template: &Hir, with: &Parsed) -> bool {
    with.standalone && matches!(marks(template)[..], [(_, false)])
}

fn marks(template: &Hir) -> Vec<(u32, bool)> {
    let mut marks = Vec::new();
    find_marks(template, false, &mut marks);
    marks
}

/// Each placeholder group's index, and whether it is repeated.
fn find_marks(hir: &Hir, repeated: bool, out: &mut Vec<(u32, bool)>) {
    match hir.kind() {
        HirKind::Capture(c) if c.name.as_deref() == Some(MARK) => out.push((c.index, repeated)),
        HirKind::Capture(c) => find_marks(&c.sub, false, out),
        HirKind::Repetition(r) => find_marks(&r.sub, true, out),
        HirKind::Concat(subs) | HirKind::Alternation(subs) => subs.iter().for_each(|s| find_marks(s, false, out)),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => {}
    }
}

fn put(hir: &Hir, at: u32, with: &Hir, groups: u32) -> Hir {
    match hir.kind() {
        HirKind::Capture(c) if c.index == at => renumber(with, at - 1),
        HirKind::Capture(c) => Hir::capture(Capture {
            index: if c.index > at { c.index - 1 + groups } else { c.index },
            name: c.name.clone(),
            sub: Box::new(put(&c.sub, at, with, groups)),
        }),
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            sub: Box::new(put(&r.sub, at, with, groups)),
            ..r.clone()
        }),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(|s| put(s, at, with, groups)).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(|s| put(s, at, with, groups)).collect()),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => hir.clone(),
    }
}

/// `hir` with every group's index moved on by `by`.
fn renumber(hir: &Hir, by: u32) -> Hir {
    if by == 0 {
        return hir.clone();
    }
    match hir.kind() {
        HirKind::Capture(c) => Hir::capture(Capture {
            index: c.index + by,
            name: c.name.clone(),
            sub: Box::new(renumber(&c.sub, by)),
        }),
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            sub: Box::new(renumber(&r.sub, by)),
            ..r.clone()
        }),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(|s| renumber(s, by)).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(|s| renumber(s, by)).collect()),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => hir.clone(),
    }
}

fn groups_in(hir: &Hir) -> u32 {
    match hir.kind() {
        HirKind::Capture(c) => 1 + groups_in(&c.sub),
        HirKind::Repetition(r) => groups_in(&r.sub),
        HirKind::Concat(subs) | HirKind::Alternation(subs) => subs.iter().map(groups_in).sum(),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => 0,
    }
}

/// A superset of `hir` that compiles faster: each alternation of more
/// than [`LOOSEN_ABOVE`] nodes becomes a run of its leaves (its literals
/// and classes, in any order and number; at least one where the
/// alternation matches nothing empty). Every string the alternation
/// matches is such a run, so every match of `hir` is a match of the
/// result; the groups inside a loosened alternation are gone.
pub fn loosened(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Alternation(_) if size(hir) > LOOSEN_ABOVE => {
            let mut leaves = Vec::new();
            leaves_of(hir, &mut HashSet::new(), &mut leaves);
            Hir::repetition(Repetition {
                min: u32::from(hir.properties().minimum_len().is_some_and(|n| n > 0)),
                max: None,
                greedy: true,
                sub: Box::new(Hir::alternation(leaves)),
            })
        }
        HirKind::Capture(c) => Hir::capture(Capture {
            sub: Box::new(loosened(&c.sub)),
            ..c.clone()
        }),
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            sub: Box::new(loosened(&r.sub)),
            ..r.clone()
        }),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(loosened).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(loosened).collect()),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => hir.clone(),
    }
}

fn size(hir: &Hir) -> usize {
    1 + match hir.kind() {
        HirKind::Capture(c) => size(&c.sub),
        HirKind::Repetition(r) => size(&r.sub),
        HirKind::Concat(subs) | HirKind::Alternation(subs) => subs.iter().map(size).sum(),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => 0,
    }
}

/// The distinct literals and classes of `hir`, first seen first.
fn leaves_of(hir: &Hir, seen: &mut HashSet<String>, out: &mut Vec<Hir>) {
    match hir.kind() {
        HirKind::Literal(_) | HirKind::Class(_) => {
            if seen.insert(hir.to_string()) {
                out.push(hir.clone());
            }
        }
        HirKind::Capture(c) => leaves_of(&c.sub, seen, out),
        HirKind::Repetition(r) => leaves_of(&r.sub, seen, out),
        HirKind::Concat(subs) | HirKind::Alternation(subs) => subs.iter().for_each(|s| leaves_of(s, seen, out)),
        HirKind::Empty | HirKind::Look(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(p: &str) -> Hir {
        parser(true).parse(p).unwrap()
    }

    fn spliced(template: &str, expansion: &str) -> Option<Hir> {
        let with = Expansion::shared(expansion, true, false);
        let with = with.parsed()?;
        let template_tree = parser(true).parse(template).ok()?;
        (splices(template) && splice_checks(&template_tree, with))
            .then(|| splice(&template_tree, &with.exact, with.groups()))
            .flatten()
    }

    #[test]
    fn a_splice_is_the_tree_of_the_whole_text() {
        let expansion = r"\b(?:(?P<qual>نحو|حوالي)\s+)?(?P<value>[0-9]+|ثلاث(?:ه)?)\b";
        for (before, after) in [
            ("", r"\s+دوله"),
            (r"(?:عدد|بلغ)\s+", ""),
            (r"(وفود)\s+(?P<who>ممثلي)?\s*", r"\s+(دوله|بلد)(?:\s+(عضو))?"),
            (r"a|", r"|b"),
            (r"(?:x", r")+y"),
        ] {
            let template = format!("{before}{PLACEHOLDER}{after}");
            let whole = parse(&format!("{before}{expansion}{after}"));
            assert_eq!(spliced(&template, expansion), Some(whole), "{template}");
        }
    }

    #[test]
    fn a_splice_declines_where_the_text_reads_otherwise() {
        let expansion = r"\b(?P<value>[0-9]+)\b";
        for template in [
            format!("{PLACEHOLDER}?"),
            format!("(?-i)x{PLACEHOLDER}"),
            format!("(?i:x{PLACEHOLDER})"),
            format!("{PLACEHOLDER}{PLACEHOLDER}"),
            "no placeholder".to_string(),
        ] {
            assert_eq!(spliced(&template, expansion), None, "{template}");
        }
        for expansion in ["a|b", "(?-i)a", "a(?s)."] {
            assert_eq!(spliced(&format!("x{PLACEHOLDER}y"), expansion), None, "{expansion}");
        }
    }

    #[test]
    fn a_loosened_alternation_matches_all_it_did_and_little_more() {
        let words = |p: &str| (0..300).map(|i| format!("{p}{i}")).collect::<Vec<_>>().join("|");
        let (a, b) = (words("a"), words("b"));
        let pattern = format!(r"(?:(?:{a})\s+و\s*(?:{b})|(?:{b})\s+(?:{a})|{a}|{b})");
        let loose = loosened(&parse(&pattern));
        assert!(loose.to_string().len() < pattern.len() / 2, "each word once");
        let re = regex_automata::meta::Regex::builder().build_from_hir(&loose).unwrap();
        let full = regex::Regex::new(&format!("^(?:{pattern})$")).unwrap();
        for text in ["a1", "b299 a7", "a3 وb4", "a3 و b4"] {
            assert!(full.is_match(text), "{text}");
            let m = re.find(text).unwrap();
            assert_eq!((m.start(), m.end()), (0, text.len()), "{text}");
        }
        assert!(re.find("").is_none(), "the alternation matches nothing empty");
        assert!(re.find("zzz").is_none());
    }
}
