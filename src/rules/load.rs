//! Loading one pack: YAML to specs, specs to compiled rules, every
//! problem a [`RuleError`] at its place in the file.

use super::locate::Locations;
use super::*;
use crate::text::expansion::{Expansion, PLACEHOLDER};
use crate::text::normalize::fold;
use rayon::prelude::*;
use regex::Regex;

/// Builds errors that point into one file.
struct Reporter<'a> {
    file: &'a Arc<TextSource>,
    locations: &'a Locations,
    errors: Vec<RuleError>,
}

impl Reporter<'_> {
    fn error(&mut self, kind: RuleErrorKind, path: &str, message: String, label: &str, help: Option<String>) {
        self.errors.push(RuleError {
            kind,
            message,
            label: label.to_string(),
            help,
            span: self.locations.span(path),
            file: self.file.clone(),
        });
    }
}

pub(super) fn load_pack(
    file: &Arc<TextSource>,
    grammars: &mut HashMap<String, Arc<Grammar>>,
    loaded: &RuleSet,
    check_examples: bool,
    known: Option<&super::KnownPatterns>,
) -> Result<Vec<Rule>, Vec<RuleError>> {
    let text = file.text();
    if let Some(at) = crate::yaml::flow_too_deep(text, crate::yaml::MAX_FLOW_DEPTH) {
        return Err(vec![too_deep_error(file, at)]);
    }
    let spec: PackSpec = crate::yaml::from_str(text).map_err(|e| vec![syntax_error(file, &e)])?;
    let locations = Locations::new(text);
    let mut rep = Reporter {
        file,
        locations: &locations,
        errors: Vec::new(),
    };
    if spec.numbers.as_ref().is_some_and(|n| n.settings.is_some()) {
        let msg = "a pack's `numbers:` cannot change `settings`".to_string();
        let help = Some("settings belong to the built-in lexicon; a pack adds words only".to_string());
        rep.error(
            RuleErrorKind::Invalid,
            "numbers.settings",
            msg,
            "not allowed here",
            help,
        );
        return Err(rep.errors);
    }
    let own_words = spec.lexicon.is_some() || spec.numbers.is_some();
    let grammar = match grammars.get(&spec.language) {
        Some(g) if !own_words => g.clone(),
        _ => match Grammar::with_lexicons(&spec.language, spec.lexicon.clone(), spec.numbers.clone()) {
            Some(Ok(g)) => Arc::new(g),
            Some(Err(e)) => {
                let msg = format!("the pack's number words do not build a grammar: {e}");
                rep.error(RuleErrorKind::Invalid, "numbers", msg, "these words", None);
                return Err(rep.errors);
            }
            None => {
                let msg = format!("no grammar for language `{}`", spec.language);
                let help = Some("crosscheck has grammars for `ar`, `en` and `fr`".to_string());
                rep.error(RuleErrorKind::Invalid, "language", msg, "unknown language", help);
                return Err(rep.errors);
            }
        },
    };
    if !own_words {
        grammars.insert(spec.language.clone(), grammar.clone());
    }
    let news = news_reader(&spec.language, spec.lexicon.as_ref(), spec.news.clone());
    let about = Subject {
        folded: Arc::new(spec.about.iter().map(|w| fold_word(w).to_lowercase()).collect()),
        written: Arc::new(once_each(&spec.about)),
    };
    // Ids first, in order; then the rules compile in parallel (compiling
    // the patterns is most of the start-up time), every error kept in rule
    // order.
    let mut jobs = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    let mut ids: Vec<String> = Vec::new();
    let groups = update_groups(&spec.rules);
    // What `scope:` may name: a rule of this pack by id, or a key.
    let id_keys: HashMap<String, String> = spec
        .rules
        .iter()
        .map(|r| {
            (
                r.id.clone(),
                r.key.clone().unwrap_or_else(|| format!("{}.{}", spec.pack, r.id)),
            )
        })
        .collect();
    for (i, mut rs) in spec.rules.into_iter().enumerate() {
        let key = rs.key.clone().unwrap_or_else(|| format!("{}.{}", spec.pack, rs.id));
        let path = format!("rules.{i}");
        // A rule refused before it compiles: its one error, in rule order.
        let refuse = |kind, at: &str, message: String, label: &str, help: Option<String>| {
            let mut rep = Reporter {
                file,
                locations: &locations,
                errors: Vec::new(),
            };
            rep.error(kind, &format!("{path}.{at}"), message, label, help);
            Err(rep.errors)
        };
        if let Some(group) = rs.update.as_deref().filter(|g| groups.get(*g) == Some(&1)) {
            let msg = format!("update group `{group}` has no other rule in pack `{}`", spec.pack);
            let help = Some("an update groups the rules whose figures are reported together, such as the deaths and the injured of one toll".to_string());
            jobs.push(refuse(
                RuleErrorKind::Invalid,
                "update",
                msg,
                "only rule of this group",
                help,
            ));
            continue;
        }
        if let Some(scope) = rs.scope.clone() {
            let known = |k: &str| id_keys.values().any(|v| v == k) || loaded.rules.iter().any(|r| r.key == k);
            match id_keys.get(&scope) {
                Some(k) => rs.scope = Some(k.clone()),
                None if known(&scope) => {}
                None => {
                    let msg = format!(
                        "scope `{scope}` names no rule of pack `{}` and no loaded key",
                        spec.pack
                    );
                    let help = Some(
                        "a scope names the rule whose claim tells which instance of an event an article is about, such as `session`"
                            .to_string(),
                    );
                    jobs.push(refuse(RuleErrorKind::Invalid, "scope", msg, "unknown rule", help));
                    continue;
                }
            }
        }
        let other_kind = loaded.rules.iter().find(|r| r.key == key && r.kind != rs.kind);
        if let Some(other) = other_kind.filter(|_| rs.key.is_some()) {
            let msg = format!(
                "key `{key}` is a {} fact in pack `{}`, not a {} one",
                other.kind.as_str(),
                other.pack,
                rs.kind.as_str()
            );
            jobs.push(refuse(RuleErrorKind::Invalid, "key", msg, "shared key", None));
            continue;
        }
        let same_id = |r: &Rule| r.pack == spec.pack && r.id == rs.id;
        let duplicate = loaded.rules.iter().any(same_id) || ids.contains(&rs.id);
        let duplicate_key = rs.key.is_none() && (loaded.rules.iter().any(|r| r.key == key) || keys.contains(&key));
        if duplicate || duplicate_key {
            let msg = format!("duplicate rule id `{}` in pack `{}`", rs.id, spec.pack);
            jobs.push(refuse(
                RuleErrorKind::DuplicateId,
                "id",
                msg,
                "defined again here",
                None,
            ));
            continue;
        }
        keys.push(key.clone());
        ids.push(rs.id.clone());
        jobs.push(Ok((path, key, rs)));
    }
    let compiled: Vec<(Option<Rule>, Vec<RuleError>)> = map_in_order(jobs, |job| {
        let (path, key, rs) = match job {
            Ok(job) => job,
            Err(duplicate) => return (None, duplicate),
        };
        let mut rep = Reporter {
            file,
            locations: &locations,
            errors: Vec::new(),
        };
        let pack = Pack {
            name: &spec.pack,
            about: &about,
            grammar: &grammar,
            news: &news,
            known,
        };
        let rule = compile_rule(&mut rep, &path, key, rs, &pack);
        let rule = rule.filter(|rule| {
            if check_examples {
                check_examples_of(&mut rep, &path, rule);
            }
            rep.errors.is_empty()
        });
        (rule, rep.errors)
    });
    let mut rules: Vec<Rule> = Vec::new();
    for (rule, mut errors) in compiled {
        rep.errors.append(&mut errors);
        rules.extend(rule);
    }
    if rep.errors.is_empty() {
        Ok(rules)
    } else {
        Err(rep.errors)
    }
}

/// `f` of every item, in order: on the pool when it has more than one
/// thread, else in turn on this one (so `-j1` pays nothing for the pool).
fn map_in_order<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync + Send) -> Vec<R> {
    if rayon::current_num_threads() > 1 {
        items.into_par_iter().map(f).collect()
    } else {
        items.into_iter().map(f).collect()
    }
}

fn syntax_error(file: &Arc<TextSource>, e: &crate::yaml::Error) -> RuleError {
    let text = file.text();
    let span = e.location().map(|l| {
        let offset = l.index().min(text.len());
        let offset = (0..=offset).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        let len = text[offset..].chars().next().map_or(0, char::len_utf8).max(1);
        (
            offset,
            len.min(text.len().saturating_sub(offset))
                .max(usize::from(offset < text.len())),
        )
    });
    // serde_yaml appends " at line L column C"; the label shows the place.
    let message = e.to_string();
    let message = message.split(" at line ").next().unwrap_or(&message).to_string();
    RuleError {
        kind: RuleErrorKind::Syntax,
        message: format!("invalid rule file: {message}"),
        label: "here".to_string(),
        help: Some("see the rule format in README.md".to_string()),
        span,
        file: file.clone(),
    }
}

/// Flow collections nested too deep to parse in reasonable time (see
/// [`crate::yaml`]), refused at the bracket that goes too deep.
fn too_deep_error(file: &Arc<TextSource>, at: usize) -> RuleError {
    RuleError {
        kind: RuleErrorKind::Syntax,
        message: format!("invalid rule file: {}", crate::yaml::TooDeep { offset: at, flow: true }),
        label: "too deep here".to_string(),
        help: Some("nest less, or write the collections in block style".to_string()),
        span: Some((at, 1)),
        file: file.clone(),
    }
}

/// What the rules of one pack share.
struct Pack<'a> {
    name: &'a str,
    about: &'a Subject,
    grammar: &'a Arc<Grammar>,
    news: &'a Arc<crate::news::NewsReader>,
    known: Option<&'a super::KnownPatterns>,
}

fn compile_rule(rep: &mut Reporter, path: &str, key: String, rs: RuleSpec, shared: &Pack) -> Option<Rule> {
    let (pack, about, grammar, news) = (shared.name, shared.about, shared.grammar, shared.news);
    let before = rep.errors.len();
    if rs.patterns.is_empty() {
        rep.error(
            RuleErrorKind::Invalid,
            &format!("{path}.patterns"),
            "a rule needs at least one pattern".into(),
            "empty",
            None,
        );
    }
    let tolerance = rs.tolerance.unwrap_or(0.1);
    let scope = rs.scope.clone();
    if !(0.0..1.0).contains(&tolerance) {
        let msg = format!("tolerance must be at least 0 and below 1, not {tolerance}");
        rep.error(
            RuleErrorKind::Invalid,
            &format!("{path}.tolerance"),
            msg,
            "out of range",
            None,
        );
    }
    let spellings: Vec<String> = rs.spellings.iter().chain(&rs.canonical).map(|w| fold(w)).collect();
    if rs.kind == Kind::Name && spellings.is_empty() {
        let msg = "a `name` rule needs its `spellings`".to_string();
        rep.error(RuleErrorKind::Invalid, &format!("{path}.kind"), msg, "name rule", None);
    }
    let mut patterns = Vec::new();
    let compiled = map_in_order(rs.patterns.iter().collect(), |source| {
        compile_pattern(source, rs.kind, grammar, &spellings, shared.known)
    });
    for (j, result) in compiled.into_iter().enumerate() {
        match result {
            Ok(p) => patterns.push(p),
            Err((kind, message, help)) => {
                rep.error(kind, &format!("{path}.patterns.{j}"), message, "in this pattern", help)
            }
        }
    }
    if rep.errors.len() > before {
        return None;
    }
    let rule = Rule {
        claim_key: std::sync::Arc::from(key.as_str()),
        key,
        id: rs.id,
        pack: pack.to_string(),
        title: rs.title,
        kind: rs.kind,
        severity: rs.severity.unwrap_or(if rs.kind == Kind::Name {
            Severity::Warning
        } else {
            Severity::Error
        }),
        tolerance,
        round: rs.round.unwrap_or_default(),
        help: rs.help,
        patterns,
        canonical: rs.canonical.as_deref().map(fold),
        near: rs.near.iter().map(|w| fold_word(w)).collect(),
        not_near: rs.not_near.iter().map(|w| fold_word(w)).collect(),
        evolves: rs.evolves,
        update: rs.update.as_deref().map(Arc::from),
        scope: scope.map(Arc::from),
        news: news.clone(),
        near_written: once_each(&rs.near),
        near_window: rs.near_window,
        examples: rs.examples,
        allows: rs.allows,
        about: about.folded.clone(),
        about_written: about.written.clone(),
        grammar: grammar.clone(),
    };
    Some(rule)
}

/// How many rules of a pack name each update group.
fn update_groups(rules: &[RuleSpec]) -> HashMap<String, usize> {
    let mut groups = HashMap::new();
    for g in rules.iter().filter_map(|r| r.update.clone()) {
        *groups.entry(g).or_insert(0) += 1;
    }
    groups
}

/// The news words of a pack: the language's, its own `news:` words, and
/// its weekday names.
fn news_reader(
    language: &str,
    calendar: Option<&crate::grammar::calendar::CalendarLexicon>,
    extra: Option<crate::news::NewsLexicon>,
) -> Arc<crate::news::NewsReader> {
    let mut lexicon = crate::news::NewsLexicon::builtin(language);
    if let Some(extra) = extra {
        lexicon.extend(extra);
    }
    let mut weekdays = crate::grammar::calendar::CalendarLexicon::builtin(language)
        .map(|c| c.weekdays)
        .unwrap_or_default();
    if let Some(c) = calendar {
        for (n, words) in &c.weekdays {
            weekdays.entry(*n).or_default().extend(words.iter().map(|w| fold(w)));
        }
    }
    Arc::new(crate::news::NewsReader::new(&lexicon, &weekdays))
}

/// A pack's subject words: folded, for matching, and as written.
struct Subject {
    folded: Arc<Vec<String>>,
    written: Arc<Vec<String>>,
}

/// Words as written, each once (trimmed), in their first order.
fn once_each(words: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in words.iter().map(|w| w.trim()).filter(|w| !w.is_empty()) {
        if !out.iter().any(|o| o == w) {
            out.push(w.to_string());
        }
    }
    out
}

/// Folds a subject word for a substring test. A word with the article
/// (`الجمعية`) loses its alef, so it also matches after the preposition
/// lam, where Arabic writes `للجمعية`, not `لالجمعية`.
fn fold_word(word: &str) -> String {
    let folded = fold(word);
    match folded.strip_prefix("ال") {
        Some(rest) if !rest.is_empty() => format!("ل{rest}"),
        _ => folded,
    }
}

type PatternError = (RuleErrorKind, String, Option<String>);

/// Folds a pattern, expands its one placeholder, parses it and reads the
/// words it requires; a pattern `known` to parse (with the same packs and
/// build) is parsed only when a text needs it.
pub fn compile_pattern(
    source: &str,
    kind: Kind,
    grammar: &Grammar,
    spellings: &[String],
    known: Option<&super::KnownPatterns>,
) -> Result<Pattern, PatternError> {
    let folded = fold(source);
    static BRACES: std::sync::LazyLock<Regex> =
        std::sync::LazyLock::new(|| Regex::new(r"\{([A-Za-z_][A-Za-z0-9_]*)\}").expect("placeholder regex"));
    let mut found = Vec::new();
    for caps in BRACES.captures_iter(&folded) {
        let name = &caps[1];
        let Some(p) = Placeholder::from_name(name) else {
            let names: Vec<String> = Placeholder::ALL.iter().map(|(n, _)| format!("{{{n}}}")).collect();
            return Err((
                RuleErrorKind::Placeholder,
                format!("unknown placeholder `{{{name}}}`"),
                Some(format!("placeholders are {}", names.join(", "))),
            ));
        };
        found.push((caps.get(0).expect("whole match").range(), p));
    }
    let [(range, placeholder)] = found.as_slice() else {
        return Err((
            RuleErrorKind::Placeholder,
            format!(
                "a pattern needs exactly one value placeholder, this one has {}",
                found.len()
            ),
            Some(format!("a `{}` rule takes {}", kind.as_str(), accepted(kind))),
        ));
    };
    if !kind.accepts(*placeholder) {
        return Err((
            RuleErrorKind::Placeholder,
            format!("a `{}` rule cannot capture `{placeholder}`", kind.as_str()),
            Some(format!("a `{}` rule takes {}", kind.as_str(), accepted(kind))),
        ));
    }
    let expansion = grammar.expand(*placeholder, spellings);
    let expanded = format!("{}{}{}", &folded[..range.start], expansion, &folded[range.end..]);
    let template = format!("{}{}{}", &folded[..range.start], PLACEHOLDER, &folded[range.end..]);
    let expansion = Expansion::shared(&expansion, true, placeholder.loosens());
    if let Some(anchors) = known.and_then(|k| k.get(&expanded)) {
        return Ok(Pattern {
            source: source.to_string(),
            anchors: anchors.clone(),
            regex: BoundaryRegex::known_spliced(&template, expansion),
            expanded,
            placeholder: *placeholder,
        });
    }
    let (regex, hir) = BoundaryRegex::parse_spliced(&template, expansion).map_err(|e| {
        (
            RuleErrorKind::Regex,
            format!("invalid pattern: {}", first_line(&e.to_string())),
            None,
        )
    })?;
    Ok(Pattern {
        source: source.to_string(),
        anchors: prefilter::anchors_of(&hir),
        expanded,
        regex,
        placeholder: *placeholder,
    })
}

fn first_line(s: &str) -> String {
    s.lines()
        .rfind(|l| !l.trim().is_empty())
        .unwrap_or(s)
        .trim()
        .to_string()
}

fn accepted(kind: Kind) -> String {
    let names: Vec<String> = Placeholder::ALL
        .iter()
        .filter(|(_, p)| kind.accepts(*p))
        .map(|(n, _)| format!("{{{n}}}"))
        .collect();
    names.join(" or ")
}

/// Runs a rule's examples and allows; each failure is an error at its text.
fn check_examples_of(rep: &mut Reporter, path: &str, rule: &Rule) {
    for case in rule.test().into_iter().filter(|c| !c.passed()) {
        let got = if case.read.is_empty() {
            "nothing".to_string()
        } else {
            case.read.join(", ")
        };
        match &case.expected {
            Some(v) => {
                let msg = format!("example of rule `{}` reads {got}, not `{v}`", rule.id);
                let help = Some("fix the pattern or the example's value".to_string());
                let at = format!("{path}.examples.{}.value", case.index);
                rep.error(RuleErrorKind::Example, &at, msg, "expected here", help);
            }
            None => {
                let msg = format!("rule `{}` claims {got} in a text it must allow", rule.id);
                let at = format!("{path}.allows.{}", case.index);
                rep.error(RuleErrorKind::Example, &at, msg, "must read nothing", None);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every pattern of the shipped pack and of the test packs (Arabic,
    /// French, English; every placeholder) is spliced into the tree its
    /// whole text parses to, so its engines match as the text does.
    #[test]
    fn a_spliced_pattern_is_its_whole_text() {
        let packs = [
            ("interpol.yaml", include_str!("../../rules/interpol.yaml")),
            ("flood-ar.yaml", include_str!("../../tests/news/flood-ar.yaml")),
            ("flood-fr.yaml", include_str!("../../tests/news/flood-fr.yaml")),
            ("flood-en.yaml", include_str!("../../tests/news/flood-en.yaml")),
            ("quake-en.yaml", include_str!("../../tests/news/quake-en.yaml")),
            ("police.yaml", include_str!("../../tests/fixtures/police.yaml")),
        ];
        let mut seen = std::collections::HashSet::new();
        for (name, text) in packs {
            // Loaded as a warm run loads them, so no example has built the
            // engines (and dropped the trees) yet.
            let sources = [(name.to_string(), text.to_string())];
            let known = RuleSet::load(&sources).expect(name).known_patterns();
            let set = RuleSet::load_known(&sources, &known).expect(name);
            for pattern in set.rules.iter().flat_map(|r| &r.patterns) {
                seen.insert(pattern.placeholder);
                let whole = crate::text::expansion::parser(true).parse(&pattern.expanded).unwrap();
                assert!(pattern.regex.exact_tree() == Some(whole), "{name}: {}", pattern.source);
            }
        }
        assert!(seen.len() >= 5, "placeholders covered: {seen:?}");
    }

    /// Rules compile on the pool; their errors still come in the file's
    /// order, the duplicate ids among them, for any number of threads.
    #[test]
    fn errors_come_in_rule_order_on_any_pool() {
        let pack = "pack: p\nlanguage: ar\nrules:\n\
            \x20 - {id: a, title: t, kind: count, patterns: ['(']}\n\
            \x20 - {id: b, title: t, kind: count, patterns: ['{count} دولة']}\n\
            \x20 - {id: b, title: t, kind: count, patterns: ['{count} دولة']}\n\
            \x20 - {id: c, title: t, kind: count, patterns: []}\n\
            \x20 - {id: a, title: t, kind: count, patterns: ['{count} وفدا']}\n";
        for threads in [1, 2, 4] {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            let errors = pool
                .install(|| RuleSet::load(&[("p.yaml".to_string(), pack.to_string())]))
                .unwrap_err();
            let kinds: Vec<RuleErrorKind> = errors.iter().map(|e| e.kind).collect();
            let offsets: Vec<usize> = errors
                .iter()
                .map(|e| e.span.expect("every error has a place").0)
                .collect();
            assert_eq!(errors.len(), 4, "{threads} threads: {errors:?}");
            assert_eq!(kinds[2], RuleErrorKind::Invalid, "{threads} threads: {errors:?}");
            assert_eq!(
                (kinds[1], kinds[3]),
                (RuleErrorKind::DuplicateId, RuleErrorKind::DuplicateId),
                "{threads} threads"
            );
            assert!(
                offsets.windows(2).all(|w| w[0] < w[1]),
                "{threads} threads: {offsets:?}"
            );
        }
    }
}
