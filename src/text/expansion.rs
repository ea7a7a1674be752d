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
//! item only, an expansion with an alternation or a flag at its top),
//! [`splice_checks`] says so and the caller parses the whole text. The
//! parsed trees are kept in the cache folder for later runs
//! ([`remember_trees_in`]).
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

    /// Its trees, parsed on the first call (or read from the tree cache,
    /// [`remember_trees_in`]); `None` if it does not parse.
    pub fn parsed(&self) -> Option<&Parsed> {
        self.parsed
            .get_or_init(|| {
                let (exact, standalone) = store::read(&self.text, self.case_insensitive).or_else(|| {
                    let parsed = parse_standalone(&self.text, self.case_insensitive)?;
                    store::write(&self.text, self.case_insensitive, &parsed.0, parsed.1);
                    Some(parsed)
                })?;
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

/// Keeps the parsed trees of expansions in `dir` (a folder of the cache),
/// for later runs: a run that reads a tree there does not parse its
/// expansion (about 10 ms for the 67 KB of `{count}`). Each tree is a file
/// named by the SHA-256 of the crosscheck build and the expansion, written
/// whole under a temporary name and then renamed, so a concurrent reader
/// sees it whole or not at all; a file that is damaged (its checksum or
/// its shape wrong) is ignored and written again. Only the first call in
/// a process counts.
pub fn remember_trees_in(dir: std::path::PathBuf) {
    let _ = store::DIR.set(dir);
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

/// The trees directly under `hir`.
pub(crate) fn children(hir: &Hir) -> &[Hir] {
    match hir.kind() {
        HirKind::Capture(c) => std::slice::from_ref(&*c.sub),
        HirKind::Repetition(r) => std::slice::from_ref(&*r.sub),
        HirKind::Concat(subs) | HirKind::Alternation(subs) => subs,
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => &[],
    }
}

/// `hir` made again with `f` of each tree directly under it (a group
/// keeps its index and name, a repetition its bounds); a leaf as it is.
pub(crate) fn with_children(hir: &Hir, mut f: impl FnMut(&Hir) -> Hir) -> Hir {
    match hir.kind() {
        HirKind::Capture(c) => Hir::capture(Capture {
            sub: Box::new(f(&c.sub)),
            ..c.clone()
        }),
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            sub: Box::new(f(&r.sub)),
            ..r.clone()
        }),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(f).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(f).collect()),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => hir.clone(),
    }
}

/// Each placeholder group's index, and whether it is repeated.
fn find_marks(hir: &Hir, repeated: bool, out: &mut Vec<(u32, bool)>) {
    match hir.kind() {
        HirKind::Capture(c) if c.name.as_deref() == Some(MARK) => out.push((c.index, repeated)),
        HirKind::Repetition(r) => find_marks(&r.sub, true, out),
        _ => children(hir).iter().for_each(|s| find_marks(s, false, out)),
    }
}

fn put(hir: &Hir, at: u32, with: &Hir, groups: u32) -> Hir {
    match hir.kind() {
        HirKind::Capture(c) if c.index == at => renumber(with, at - 1),
        HirKind::Capture(c) if c.index > at => Hir::capture(Capture {
            index: c.index - 1 + groups,
            name: c.name.clone(),
            sub: Box::new(put(&c.sub, at, with, groups)),
        }),
        _ => with_children(hir, |s| put(s, at, with, groups)),
    }
}

/// `hir` with every group's index moved on by `by`.
fn renumber(hir: &Hir, by: u32) -> Hir {
    match hir.kind() {
        _ if by == 0 => hir.clone(),
        HirKind::Capture(c) => Hir::capture(Capture {
            index: c.index + by,
            name: c.name.clone(),
            sub: Box::new(renumber(&c.sub, by)),
        }),
        _ => with_children(hir, |s| renumber(s, by)),
    }
}

fn groups_in(hir: &Hir) -> u32 {
    u32::from(matches!(hir.kind(), HirKind::Capture(_))) + children(hir).iter().map(groups_in).sum::<u32>()
}

/// A superset of `hir` that compiles faster: each alternation of more
/// than 1,000 nodes becomes a run of its leaves (its literals
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
        _ => with_children(hir, loosened),
    }
}

fn size(hir: &Hir) -> usize {
    1 + children(hir).iter().map(size).sum::<usize>()
}

/// The distinct literals and classes of `hir`, first seen first.
fn leaves_of(hir: &Hir, seen: &mut HashSet<String>, out: &mut Vec<Hir>) {
    match hir.kind() {
        HirKind::Literal(_) | HirKind::Class(_) => {
            if seen.insert(hir.to_string()) {
                out.push(hir.clone());
            }
        }
        _ => children(hir).iter().for_each(|s| leaves_of(s, seen, out)),
    }
}

/// The trees kept on disk ([`remember_trees_in`]).
mod store {
    use super::codec;
    use regex_syntax::hir::Hir;
    use std::path::{Path, PathBuf};
    use std::sync::OnceLock;

    pub(super) static DIR: OnceLock<PathBuf> = OnceLock::new();

    const MAGIC: &[u8] = b"crosscheck expansion tree 1\n";

    /// The file of an expansion: named by what its tree depends on, the
    /// crosscheck build (version, and the program's path, size and time,
    /// as the examples' marker is) and the text and how it is read.
    fn file(dir: &Path, text: &str, case_insensitive: bool) -> PathBuf {
        static BUILD: OnceLock<String> = OnceLock::new();
        let build = BUILD.get_or_init(|| {
            let exe = std::env::current_exe().and_then(|exe| {
                let meta = std::fs::metadata(&exe)?;
                Ok(format!("{} {} {:?}", exe.display(), meta.len(), meta.modified()?))
            });
            format!("{} {}", env!("CARGO_PKG_VERSION"), exe.unwrap_or_default())
        });
        let how: &[u8] = if case_insensitive { b"i" } else { b"" };
        let key = crate::text::sha256_hex(&[build.as_bytes(), how, text.as_bytes()]);
        dir.join("trees").join(key)
    }

    /// The kept tree of `text` and whether it is standalone; `None` when
    /// there is none or it is damaged.
    pub(super) fn read(text: &str, case_insensitive: bool) -> Option<(Hir, bool)> {
        read_in(DIR.get()?, text, case_insensitive)
    }

    pub(super) fn read_in(dir: &Path, text: &str, case_insensitive: bool) -> Option<(Hir, bool)> {
        let bytes = std::fs::read(file(dir, text, case_insensitive)).ok()?;
        let rest = bytes.strip_prefix(MAGIC)?;
        let (sum, body) = rest.split_at_checked(32)?;
        if crate::text::sha256_hex(&[body]) != hex(sum) {
            return None;
        }
        let (&standalone, tree) = body.split_first()?;
        Some((codec::decode(tree)?, standalone == 1))
    }

    /// Keeps the tree of `text`; a cache that cannot be written is no
    /// error.
    pub(super) fn write(text: &str, case_insensitive: bool, tree: &Hir, standalone: bool) {
        if let Some(dir) = DIR.get() {
            write_in(dir, text, case_insensitive, tree, standalone);
        }
    }

    pub(super) fn write_in(dir: &Path, text: &str, case_insensitive: bool, tree: &Hir, standalone: bool) {
        let path = file(dir, text, case_insensitive);
        let mut body = vec![u8::from(standalone)];
        codec::encode(tree, &mut body);
        let sum = crate::text::sha256_hex(&[&body]);
        let mut bytes = MAGIC.to_vec();
        bytes.extend((0..32).map(|i| u8::from_str_radix(&sum[2 * i..2 * i + 2], 16).unwrap_or(0)));
        bytes.extend(body);
        crate::text::write_cache_file(&path, &bytes, AGE);
    }

    /// How long a tree nobody rewrote is kept: each build of crosscheck
    /// writes its own.
    const AGE: std::time::Duration = std::time::Duration::from_secs(30 * 24 * 60 * 60);

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// A tree as bytes and back, through the tree's own constructors (which
/// the parser builds it with, so the tree read back is the tree written:
/// a test holds it for the shipped expansions).
mod codec {
    use regex_syntax::hir::{Capture, Class, ClassBytes, ClassBytesRange, ClassUnicode, ClassUnicodeRange};
    use regex_syntax::hir::{Hir, HirKind, Look, Repetition};

    const EMPTY: u8 = 0;
    const LITERAL: u8 = 1;
    const UNICODE: u8 = 2;
    const BYTES: u8 = 3;
    const LOOK: u8 = 4;
    const REPEAT: u8 = 5;
    const CAPTURE: u8 = 6;
    const CONCAT: u8 = 7;
    const ALTERNATE: u8 = 8;
    /// No upper bound, no name.
    const NONE: u32 = u32::MAX;

    fn put(out: &mut Vec<u8>, n: u32) {
        out.extend(n.to_le_bytes());
    }

    fn len(n: usize) -> u32 {
        u32::try_from(n).unwrap_or(NONE)
    }

    pub(super) fn encode(hir: &Hir, out: &mut Vec<u8>) {
        match hir.kind() {
            HirKind::Empty => out.push(EMPTY),
            HirKind::Literal(lit) => {
                out.push(LITERAL);
                put(out, len(lit.0.len()));
                out.extend(lit.0.iter());
            }
            HirKind::Class(Class::Unicode(c)) => {
                out.push(UNICODE);
                put(out, len(c.ranges().len()));
                for r in c.ranges() {
                    put(out, u32::from(r.start()));
                    put(out, u32::from(r.end()));
                }
            }
            HirKind::Class(Class::Bytes(c)) => {
                out.push(BYTES);
                put(out, len(c.ranges().len()));
                for r in c.ranges() {
                    out.extend([r.start(), r.end()]);
                }
            }
            HirKind::Look(look) => {
                out.push(LOOK);
                put(out, look.as_repr());
            }
            HirKind::Repetition(r) => {
                out.push(REPEAT);
                put(out, r.min);
                put(out, r.max.unwrap_or(NONE));
                out.push(u8::from(r.greedy));
                encode(&r.sub, out);
            }
            HirKind::Capture(c) => {
                out.push(CAPTURE);
                put(out, c.index);
                match &c.name {
                    Some(name) => {
                        put(out, len(name.len()));
                        out.extend(name.as_bytes());
                    }
                    None => put(out, NONE),
                }
                encode(&c.sub, out);
            }
            HirKind::Concat(subs) | HirKind::Alternation(subs) => {
                out.push(if matches!(hir.kind(), HirKind::Concat(_)) {
                    CONCAT
                } else {
                    ALTERNATE
                });
                put(out, len(subs.len()));
                for sub in subs {
                    encode(sub, out);
                }
            }
        }
    }

    /// The tree of `bytes`, all of them; `None` for bytes no tree wrote.
    pub(super) fn decode(bytes: &[u8]) -> Option<Hir> {
        let mut reader = Reader { bytes, at: 0 };
        let hir = reader.hir(0)?;
        (reader.at == bytes.len()).then_some(hir)
    }

    struct Reader<'a> {
        bytes: &'a [u8],
        at: usize,
    }

    /// Deeper than the parser nests (250), so never a tree it made.
    const DEEPEST: usize = 1000;

    impl Reader<'_> {
        fn take(&mut self, n: usize) -> Option<&[u8]> {
            let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len())?;
            let taken = &self.bytes[self.at..end];
            self.at = end;
            Some(taken)
        }

        fn byte(&mut self) -> Option<u8> {
            Some(self.take(1)?[0])
        }

        fn u32(&mut self) -> Option<u32> {
            Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
        }

        /// A count of items of at least `each` bytes, no more than are left.
        fn count(&mut self, each: usize) -> Option<usize> {
            let n = usize::try_from(self.u32()?).ok()?;
            (n.checked_mul(each)? <= self.bytes.len() - self.at).then_some(n)
        }

        fn hir(&mut self, depth: usize) -> Option<Hir> {
            if depth > DEEPEST {
                return None;
            }
            Some(match self.byte()? {
                EMPTY => Hir::empty(),
                LITERAL => {
                    let n = self.count(1)?;
                    Hir::literal(std::str::from_utf8(self.take(n)?).ok()?.as_bytes())
                }
                UNICODE => {
                    let n = self.count(8)?;
                    let mut ranges = Vec::with_capacity(n);
                    for _ in 0..n {
                        let (a, b) = (char::from_u32(self.u32()?)?, char::from_u32(self.u32()?)?);
                        ranges.push(ClassUnicodeRange::new(a, b));
                    }
                    Hir::class(Class::Unicode(ClassUnicode::new(ranges)))
                }
                BYTES => {
                    let n = self.count(2)?;
                    let mut ranges = Vec::with_capacity(n);
                    for _ in 0..n {
                        ranges.push(ClassBytesRange::new(self.byte()?, self.byte()?));
                    }
                    Hir::class(Class::Bytes(ClassBytes::new(ranges)))
                }
                LOOK => Hir::look(Look::from_repr(self.u32()?)?),
                REPEAT => {
                    let min = self.u32()?;
                    let max = Some(self.u32()?).filter(|&m| m != NONE);
                    let greedy = self.byte()? == 1;
                    if max.is_some_and(|m| m < min) {
                        return None;
                    }
                    let sub = Box::new(self.hir(depth + 1)?);
                    Hir::repetition(Repetition { min, max, greedy, sub })
                }
                CAPTURE => {
                    let index = self.u32()?;
                    let name = match self.u32()? {
                        NONE => None,
                        n => {
                            let n = usize::try_from(n).ok()?;
                            Some(std::str::from_utf8(self.take(n)?).ok()?.into())
                        }
                    };
                    let sub = Box::new(self.hir(depth + 1)?);
                    Hir::capture(Capture { index, name, sub })
                }
                kind @ (CONCAT | ALTERNATE) => {
                    let n = self.count(1)?;
                    let mut subs = Vec::with_capacity(n);
                    for _ in 0..n {
                        subs.push(self.hir(depth + 1)?);
                    }
                    if kind == CONCAT {
                        Hir::concat(subs)
                    } else {
                        Hir::alternation(subs)
                    }
                }
                _ => return None,
            })
        }
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

    /// Every expansion of every built-in grammar (and a few trees with
    /// each kind of node) is read back as the tree that was written.
    #[test]
    fn a_tree_reads_back_as_written() {
        use crate::grammar::{Grammar, Placeholder};
        let names = ["Interpol".to_string(), "الإنتربول".to_string()];
        let mut texts: Vec<String> = vec![
            r"(?-u:[a-c]\w)(?P<n>x){2,5}?\b{start}|y*".to_string(),
            PLACEHOLDER.to_string(),
        ];
        for language in ["ar", "fr", "en"] {
            let grammar = Grammar::new(language, None).expect("a built-in language");
            for (_, placeholder) in Placeholder::ALL {
                texts.push(grammar.expand(placeholder, &names));
            }
        }
        for text in &texts {
            let tree = parse(text);
            let mut bytes = Vec::new();
            codec::encode(&tree, &mut bytes);
            assert_eq!(
                codec::decode(&bytes).as_ref(),
                Some(&tree),
                "{}",
                &text[..text.len().min(80)]
            );
            assert_eq!(codec::decode(&bytes[..bytes.len() - 1]), None, "a cut tree");
        }
    }

    /// A kept tree is read back; one that is damaged, cut short or not a
    /// tree is ignored, never read as another tree.
    #[test]
    fn a_damaged_tree_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let text = r"\b(?P<value>[0-9]+|ثلاث)\b";
        assert_eq!(store::read_in(dir.path(), text, true), None, "nothing kept yet");
        store::write_in(dir.path(), text, true, &parse(text), true);
        assert_eq!(store::read_in(dir.path(), text, true), Some((parse(text), true)));
        assert_eq!(store::read_in(dir.path(), text, false), None, "read another way");
        let file = std::fs::read_dir(dir.path().join("trees"))
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        let whole = std::fs::read(&file).unwrap();
        let mut flipped = whole.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        for damaged in [
            flipped,
            whole[..whole.len() - 3].to_vec(),
            b"not a tree".to_vec(),
            Vec::new(),
        ] {
            std::fs::write(&file, damaged).unwrap();
            assert_eq!(store::read_in(dir.path(), text, true), None);
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
