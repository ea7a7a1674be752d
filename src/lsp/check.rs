//! The checking thread: each draft reviewed against the index
//! ([`crate::review::Reviewer`]), and the review turned into what the
//! editor shows: diagnostics, hovers and code actions, positioned in the
//! text that was checked.

use super::position::Lines;
use super::server::Event;
use super::{uri, Options, COMMAND_ACCEPT};
use crate::review::{Draft, DraftClaim, Point, Review, ReviewFinding, ReviewMemo, Reviewer};
use crate::rules::RuleSet;
use lsp_server::RequestId;
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Command, Diagnostic, DiagnosticRelatedInformation,
    DiagnosticSeverity, Hover, HoverContents, Location, MarkupContent, MarkupKind, NumberOrString, Position, Range,
    TextEdit, Uri, WorkspaceEdit,
};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;

/// What the checking thread is asked.
pub(super) enum Job {
    Check {
        uri: Uri,
        version: i32,
        text: Arc<str>,
    },
    /// Accept the finding an "Accept into baseline" action names.
    Accept {
        id: RequestId,
        argument: Value,
    },
    /// The document is closed: what is kept of it is dropped.
    Close {
        uri: Uri,
    },
}

/// A document's text as checked, and what the editor shows of it.
#[derive(Debug)]
pub(super) struct Checked {
    pub(super) version: i32,
    pub(super) text: Arc<str>,
    pub(super) diagnostics: Vec<Diagnostic>,
    /// Each claim's range and its hover text (Markdown).
    claims: Vec<(Range, String)>,
    actions: Vec<Action>,
}

#[derive(Debug)]
struct Action {
    /// The claim it is offered on.
    range: Range,
    title: String,
    diagnostic: Diagnostic,
    what: Does,
}

#[derive(Debug)]
enum Does {
    /// Runs the accept command on this finding.
    Accept(crate::review::FindingId),
    /// Replaces `range` with the text.
    Replace(Range, String),
}

/// The reviewer, before its thread starts.
pub(super) struct Worker {
    reviewer: Reviewer,
    /// Who accepts findings ([`crate::review::user_name`]).
    user: String,
}

/// The reason an accepted finding is given when the client gives none.
pub(super) const ACCEPTED_IN_THE_EDITOR: &str = "accepted in the editor";

impl Worker {
    /// Opens the index the options name; on failure the setup back, and
    /// why.
    pub(super) fn open(
        mut setup: crate::setup::Setup,
        options: &Options,
    ) -> Result<Worker, Box<(crate::setup::Setup, String)>> {
        let Some(index) = &options.index else {
            return Err(Box::new((setup, "no claim index".to_string())));
        };
        let fingerprint = setup.fingerprint();
        let files = crate::setup::EngineFiles::default();
        let engine = match setup.engine(files) {
            Ok(e) => e,
            Err(e) => return Err(Box::new((setup, setup_error(&e)))),
        };
        match Reviewer::open(engine, &fingerprint, index, options.baseline.as_deref()) {
            Ok(reviewer) => Ok(Worker {
                reviewer,
                user: crate::review::user_name(),
            }),
            Err(e) => Err(Box::new((setup, e.to_string()))),
        }
    }

    /// Starts the thread; the sender of its jobs. The thread ends when
    /// the sender is dropped.
    pub(super) fn spawn(self, events: Sender<Event>) -> Sender<Job> {
        let (jobs, inbox) = mpsc::channel();
        std::thread::spawn(move || self.run(&inbox, &events));
        jobs
    }

    fn run(self, inbox: &Receiver<Job>, events: &Sender<Event>) {
        // The last review of each document: the findings an accept names.
        let mut reviews: HashMap<Uri, Review> = HashMap::new();
        // Each document's findings, kept for its next check: an edit
        // changes a fact or two, and the others are not compared again.
        let mut memos: HashMap<Uri, ReviewMemo> = HashMap::new();
        // The indexed articles' files the last check pointed at.
        let mut files = Files::new(self.reviewer.index_path());
        // What a check replaced is freed here, beside the next check: a
        // large fact's findings take a while to free.
        let (bin, freeing) = mpsc::channel::<crate::review::RetiredReview>();
        std::thread::spawn(move || freeing.into_iter().for_each(drop));
        while let Ok(first) = inbox.recv() {
            // Only the newest version of each document is checked.
            let mut checks: Vec<(Uri, i32, Arc<str>)> = Vec::new();
            for job in std::iter::once(first).chain(inbox.try_iter()) {
                match job {
                    Job::Check { uri, version, text } => {
                        checks.retain(|(u, _, _)| *u != uri);
                        checks.push((uri, version, text));
                    }
                    Job::Accept { id, argument } => {
                        let result = self.accept(&reviews, &argument);
                        if events.send(Event::Accepted(id, result)).is_err() {
                            return;
                        }
                    }
                    Job::Close { uri } => {
                        checks.retain(|(u, _, _)| *u != uri);
                        reviews.remove(&uri);
                        memos.remove(&uri);
                    }
                }
            }
            for (uri, version, text) in checks {
                let memo = memos.entry(uri.clone()).or_default();
                let checked = self.check(&uri, version, text, memo, &mut files);
                let retired = memo.retired();
                let event = match checked {
                    Ok((checked, review)) => {
                        reviews.insert(uri.clone(), review);
                        Event::Checked(uri, Box::new(checked))
                    }
                    Err(message) => Event::Failed(uri, version, message),
                };
                if events.send(event).is_err() {
                    return;
                }
                // (Freed here if that thread is gone.)
                let _ = bin.send(retired);
            }
        }
    }

    fn check(
        &self,
        uri: &Uri,
        version: i32,
        text: Arc<str>,
        memo: &ReviewMemo,
        files: &mut Files,
    ) -> Result<(Checked, Review), String> {
        let draft = Draft {
            name: draft_name(uri),
            text: text.to_string(),
            published: None,
            source: None,
        };
        let review = self
            .reviewer
            .review_with(&draft, Some(memo))
            .map_err(|e| e.to_string())?;
        let checked = Checked::of(&review, version, text, files, self.reviewer.rules());
        Ok((checked, review))
    }

    /// Accepts the finding `argument` names (`{uri, id}`) in the last
    /// review of its document, with the argument's `reason` when the
    /// client gives one, else [`ACCEPTED_IN_THE_EDITOR`].
    fn accept(&self, reviews: &HashMap<Uri, Review>, argument: &Value) -> Result<String, String> {
        let finding = argument["uri"]
            .as_str()
            .and_then(|u| u.parse::<Uri>().ok())
            .and_then(|u| reviews.get(&u))
            .and_then(|r| r.findings.iter().find(|f| argument["id"] == f.id.as_str()))
            .ok_or("that finding is not in the document's last check; check again and retry")?;
        let reason = argument["reason"]
            .as_str()
            .filter(|r| !r.trim().is_empty())
            .unwrap_or(ACCEPTED_IN_THE_EDITOR);
        let accepted = self
            .reviewer
            .accept(finding, reason, &self.user)
            .map_err(|e| e.to_string())?;
        let file = self
            .reviewer
            .baseline_path()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        Ok(format!(
            "crosscheck: accepted {} {} into {file}",
            accepted.code, accepted.key
        ))
    }
}

/// A setup error in one line (the engine's files: none are given here,
/// so this is rare).
fn setup_error(e: &crate::setup::SetupError) -> String {
    match e {
        crate::setup::SetupError::File(d) => d.to_string(),
        crate::setup::SetupError::Rules(errors) => errors.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("; "),
        crate::setup::SetupError::Setting(s) => s.clone(),
    }
}

/// How findings name a draft: its path from the current folder when it
/// is under it (as `crosscheck check` names the paths it is given), else
/// its whole path, else its URI.
fn draft_name(document: &Uri) -> String {
    let Some(path) = uri::to_path(document.as_str()) else {
        return document.as_str().to_string();
    };
    let relative = std::env::current_dir()
        .ok()
        .and_then(|d| path.strip_prefix(d).ok().map(Path::to_path_buf));
    relative.unwrap_or(path).display().to_string()
}

impl Checked {
    fn of(review: &Review, version: i32, text: Arc<str>, files: &mut Files, rules: &RuleSet) -> Checked {
        let lines = Lines::new(&text);
        let mut checked = Checked {
            version,
            text: text.clone(),
            diagnostics: Vec::new(),
            claims: Vec::new(),
            actions: Vec::new(),
        };
        for f in review.findings.iter().filter(|f| !f.baselined) {
            let related = related(f, files);
            for claim in claims_of(review, f) {
                let range = lines.range(claim.start, claim.end);
                let diagnostic = diagnostic(f, range, related.clone());
                checked.actions.push(Action {
                    range,
                    title: format!("Accept into baseline: {}", f.title),
                    diagnostic: diagnostic.clone(),
                    what: Does::Accept(f.id.clone()),
                });
                if let Some((at, figure, title)) = newest_figure(f, claim, &text, rules) {
                    checked.actions.push(Action {
                        range,
                        title,
                        diagnostic: diagnostic.clone(),
                        what: Does::Replace(lines.range(at.0, at.1), figure),
                    });
                }
                checked.diagnostics.push(diagnostic);
            }
        }
        for claim in &review.claims {
            let range = lines.range(claim.start, claim.end);
            checked.claims.push((range, hover_text(claim, review)));
        }
        files.end_check();
        checked
    }

    /// The hover of the claim at `at`, if one is there.
    pub(super) fn hover(&self, at: Position) -> Option<Hover> {
        let (range, text) = self.claims.iter().find(|(r, _)| contains(*r, at))?;
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: text.clone(),
            }),
            range: Some(*range),
        })
    }

    /// The code actions of the claims `range` touches.
    pub(super) fn actions(&self, document: &Uri, range: Range) -> Vec<CodeActionOrCommand> {
        let touches = |r: Range| r.start <= range.end && range.start <= r.end;
        self.actions
            .iter()
            .filter(|a| touches(a.range))
            .map(|a| {
                let mut action = CodeAction {
                    title: a.title.clone(),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![a.diagnostic.clone()]),
                    ..CodeAction::default()
                };
                match &a.what {
                    Does::Accept(id) => {
                        let argument = json!({ "uri": document.as_str(), "id": id.as_str() });
                        action.command = Some(Command {
                            title: a.title.clone(),
                            command: COMMAND_ACCEPT.to_string(),
                            arguments: Some(vec![argument]),
                        });
                    }
                    Does::Replace(at, figure) => {
                        let edit = TextEdit::new(*at, figure.clone());
                        action.edit = Some(WorkspaceEdit {
                            changes: Some(HashMap::from([(document.clone(), vec![edit])])),
                            ..WorkspaceEdit::default()
                        });
                        action.is_preferred = Some(true);
                    }
                }
                CodeActionOrCommand::CodeAction(action)
            })
            .collect()
    }
}

fn contains(r: Range, at: Position) -> bool {
    r.start <= at && at <= r.end
}

/// The draft's claims a finding names: of its key, with a value its
/// baseline entry gives the draft.
fn claims_of<'r>(review: &'r Review, f: &ReviewFinding) -> impl Iterator<Item = &'r DraftClaim> {
    let values = f.entry.values_of(&review.draft);
    let key = f.key.clone();
    review
        .claims
        .iter()
        .filter(move |c| c.key == key && values.contains(&c.value))
}

fn diagnostic(f: &ReviewFinding, range: Range, related: Vec<DiagnosticRelatedInformation>) -> Diagnostic {
    let severity = match f.severity {
        "error" => DiagnosticSeverity::ERROR,
        "warning" => DiagnosticSeverity::WARNING,
        _ => DiagnosticSeverity::INFORMATION,
    };
    let mut message = f.message.clone();
    if !f.help.is_empty() {
        message.push_str("\nhelp: ");
        message.push_str(&f.help);
    }
    Diagnostic {
        range,
        severity: Some(severity),
        code: Some(NumberOrString::String(f.code.to_string())),
        source: Some("crosscheck".to_string()),
        message,
        related_information: Some(related).filter(|r| !r.is_empty()),
        ..Diagnostic::default()
    }
}

/// The other articles' claims a finding quotes, as locations.
fn related(f: &ReviewFinding, files: &mut Files) -> Vec<DiagnosticRelatedInformation> {
    f.claims
        .iter()
        .filter(|q| !q.in_draft)
        .filter_map(|q| {
            let (uri, range) = files.locate(&q.article, q.start, q.end, &q.text, q.line)?;
            let outlet = q.source.as_deref().unwrap_or(&q.article);
            let date = q.published.as_deref().map(|d| format!(", {d}")).unwrap_or_default();
            let by = q
                .attribution
                .as_deref()
                .map(|a| format!(" (according to {a})"))
                .unwrap_or_default();
            Some(DiagnosticRelatedInformation {
                location: Location::new(uri, range),
                message: format!("{outlet}{date}: {}{by} «{}»", q.value, q.quote.trim()),
            })
        })
        .collect()
}

/// For a fact that moves, the edit that puts its newest figure in place
/// of the draft's number: (bytes of the number, the figure in the
/// draft's digits, the action's title). A figure written in digits is
/// replaced in the same digits; one written in words ("nine",
/// "ثلاثة وأربعين", read by the grammar of the claim's rules) by the
/// figure in digits, Arabic-Indic when the draft writes its digits so.
fn newest_figure(
    f: &ReviewFinding,
    claim: &DraftClaim,
    text: &str,
    rules: &RuleSet,
) -> Option<((usize, usize), String, String)> {
    if !matches!(f.code, "stale-figure" | "contradiction") {
        return None;
    }
    let newest = newest(f)?;
    if newest.value == claim.value || !newest.value.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    let written = text.get(claim.start..claim.end)?;
    let (from, to, arabic) = number_in(written).or_else(|| {
        let (from, to) = number_in_words(written, claim, rules)?;
        Some((from, to, text.chars().any(|c| ('٠'..='٩').contains(&c))))
    })?;
    let figure = if arabic {
        to_arabic_digits(&newest.value)
    } else {
        newest.value.clone()
    };
    let source = newest.source.as_deref().unwrap_or(&newest.article);
    let title = format!("Use the newest figure ({}, {source}, {})", newest.value, newest.at);
    Some(((claim.start + from, claim.start + to), figure, title))
}

/// The first number written in digits in `s`: its bytes, and whether its
/// digits are Arabic-Indic. Separators between digits (`1,907`, `٣٬٥`)
/// are part of it.
fn number_in(s: &str) -> Option<(usize, usize, bool)> {
    let digit = |c: char| c.is_ascii_digit() || ('٠'..='٩').contains(&c) || ('۰'..='۹').contains(&c);
    let (start, first) = s.char_indices().find(|(_, c)| digit(*c))?;
    let mut end = start;
    let mut chars = s[start..].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let joins = matches!(c, ',' | '.' | '٬' | '٫') && chars.peek().is_some_and(|(_, n)| digit(*n));
        if digit(c) || joins {
            end = start + i + c.len_utf8();
        } else {
            break;
        }
    }
    Some((start, end, !first.is_ascii_digit()))
}

/// The number written in words in `written` (a claim's text) whose value
/// is the claim's: its bytes. Read by the grammars of the rules of the
/// claim's key (a pack's own number words included).
fn number_in_words(written: &str, claim: &DraftClaim, rules: &RuleSet) -> Option<(usize, usize)> {
    let value: f64 = claim.value.parse().ok()?;
    let folded = crate::text::normalize::Normalized::new(written);
    rules
        .rules
        .iter()
        .filter(|r| *r.claim_key == *claim.key || r.key == claim.key)
        .find_map(|r| {
            let (start, end, _) = r
                .grammar
                .numbers()
                .find_cardinals(&folded.text)
                .into_iter()
                .find(|(_, _, v)| *v == value)?;
            let span = folded.original_span(start, end, written);
            Some((span.start, span.end))
        })
}

fn to_arabic_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_u32('٠' as u32 + d).unwrap_or(c),
            None if c == '.' => '٫',
            None => c,
        })
        .collect()
}

/// The hover of a draft's claim: how crosscheck read it, and what the
/// other articles of its findings say.
fn hover_text(c: &DraftClaim, review: &Review) -> String {
    let mut s = format!("**{}** = `{}`\n\n«{}»", c.key, c.value, c.text);
    let mut facts = Vec::new();
    if let Some(d) = &c.published {
        facts.push(format!("dated {d}"));
    }
    if let Some(at) = &c.as_of {
        facts.push(format!("as of {at}"));
    }
    if let Some(by) = &c.attribution {
        facts.push(format!("according to {by}"));
    }
    if let Some(stance) = &c.stance {
        facts.push(format!("{stance:?}").to_lowercase());
    }
    if !facts.is_empty() {
        s.push_str(" — ");
        s.push_str(&facts.join(", "));
    }
    let others: Vec<String> = review
        .findings
        .iter()
        .filter(|f| f.key == c.key)
        .flat_map(|f| f.claims.iter().filter(|q| !q.in_draft))
        .map(|q| {
            let outlet = q.source.as_deref().unwrap_or(&q.article);
            let date = q.published.as_deref().map(|d| format!(", {d}")).unwrap_or_default();
            let by = q
                .attribution
                .as_deref()
                .map(|a| format!(", according to {a}"))
                .unwrap_or_default();
            format!("- {outlet}{date}{by}: `{}` «{}»", q.value, q.text)
        })
        .collect();
    let mut seen = std::collections::HashSet::new();
    let others: Vec<&String> = others.iter().filter(|o| seen.insert(o.as_str())).collect();
    if !others.is_empty() {
        s.push_str("\n\nOther sources:\n");
        for o in others {
            s.push_str(o);
            s.push('\n');
        }
    }
    if let Some(newest) = review.findings.iter().filter(|f| f.key == c.key).find_map(newest) {
        let source = newest.source.as_deref().unwrap_or(&newest.article);
        s.push_str(&format!(
            "\nNewest figure: `{}` ({source}, {})\n",
            newest.value, newest.at
        ));
    }
    for f in review.findings.iter().filter(|f| f.key == c.key && f.baselined) {
        s.push_str(&format!("\nAccepted ({}: {})", f.code, f.title));
        if let Some(a) = &f.accepted {
            if let Some(by) = &a.by {
                s.push_str(&format!(" by {by}"));
            }
            if let Some(at) = &a.at {
                s.push_str(&format!(" at {at}"));
            }
            if let Some(reason) = &a.reason {
                s.push_str(&format!(": {reason}"));
            }
        }
        s.push('\n');
    }
    s
}

/// For a fact that moves, the archive's newest figure (of an article that
/// is not the draft).
fn newest(f: &ReviewFinding) -> Option<&Point> {
    f.timeline.as_ref()?.newest.as_ref()
}

/// The indexed articles' files, to place the claims a diagnostic points
/// at: each read once and kept from one check to the next while its
/// size and time are unchanged (looked at once a check); a check keeps
/// only the files it used.
struct Files {
    /// Folders a relative article name is tried under.
    bases: Vec<PathBuf>,
    read: HashMap<String, Option<Read>>,
    /// The articles looked at in this check.
    current: std::collections::HashSet<String>,
}

/// An article's file as read.
struct Read {
    path: PathBuf,
    /// Its size and time when read.
    stamp: (u64, Option<std::time::SystemTime>),
    uri: Uri,
    contents: String,
    starts: Vec<usize>,
}

impl Read {
    fn stamp(path: &Path) -> Option<(u64, Option<std::time::SystemTime>)> {
        let meta = std::fs::metadata(path).ok()?;
        meta.is_file().then(|| (meta.len(), meta.modified().ok()))
    }
}

impl Files {
    fn new(index: &Path) -> Files {
        let mut bases: Vec<PathBuf> = std::env::current_dir().into_iter().collect();
        if let Some(dir) = index.parent().filter(|d| !d.as_os_str().is_empty()) {
            bases.push(dir.to_path_buf());
        }
        Files {
            bases,
            read: HashMap::new(),
            current: std::collections::HashSet::new(),
        }
    }

    /// Ends a check: the files it did not use are dropped.
    fn end_check(&mut self) {
        let current = std::mem::take(&mut self.current);
        self.read.retain(|article, _| current.contains(article));
    }

    /// The file of `article`, as it is now.
    fn file(&mut self, article: &str) -> Option<&Read> {
        if !self.current.contains(article) {
            self.current.insert(article.to_string());
            let unchanged = self
                .read
                .get(article)
                .and_then(Option::as_ref)
                .is_some_and(|r| Read::stamp(&r.path) == Some(r.stamp));
            if !unchanged {
                let read = self.find(article);
                self.read.insert(article.to_string(), read);
            }
        }
        self.read.get(article)?.as_ref()
    }

    fn find(&self, article: &str) -> Option<Read> {
        let path = Path::new(article);
        let found = if path.is_absolute() {
            Some(path.to_path_buf())
        } else {
            self.bases.iter().map(|b| b.join(path)).find(|p| p.is_file())
        }?;
        let stamp = Read::stamp(&found)?;
        let contents = std::fs::read_to_string(&found).ok()?;
        let canonical = std::fs::canonicalize(&found).unwrap_or_else(|_| found.clone());
        Some(Read {
            uri: uri::from_path(&canonical).parse().ok()?,
            starts: super::position::starts(&contents),
            path: found,
            stamp,
            contents,
        })
    }

    /// The URI of `article` and the range of its claim: the exact words
    /// when the file still has them at `start..end`, else line `line`
    /// (1-based) whole.
    fn locate(&mut self, article: &str, start: usize, end: usize, text: &str, line: usize) -> Option<(Uri, Range)> {
        let read = self.file(article)?;
        let lines = Lines::with_starts(&read.contents, &read.starts);
        let range = if read.contents.get(start..end) == Some(text) {
            lines.range(start, end)
        } else {
            lines.line_range(line.saturating_sub(1))
        };
        Some((read.uri.clone(), range))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_number_in_a_claim_is_found_in_either_digits() {
        assert_eq!(number_in("1,907 people dead"), Some((0, 5, false)));
        let s = "ارتفعت إلى ٣١٠ قتيلا";
        let (a, b, arabic) = number_in(s).unwrap();
        assert_eq!(&s[a..b], "٣١٠");
        assert!(arabic);
        assert_eq!(number_in("dozens dead"), None);
        assert_eq!(to_arabic_digits("42"), "٤٢");
    }

    #[test]
    fn a_number_in_words_is_found_by_its_rules_grammar() {
        let pack = r#"pack: toll
language: ar
about: [قتيل]
rules:
  - id: dead
    key: quake.dead
    title: Deaths
    kind: count
    patterns: ['{count}\s+قتيلا']
    examples:
      - { text: 'خلف الزلزال 12 قتيلا', value: '12' }
"#;
        let rules = RuleSet::load(&[("toll.yaml".to_string(), pack.to_string())]).expect("the pack loads");
        let written = "ثلاثة وأربعين قتيلا";
        let claim = DraftClaim {
            key: "quake.dead".to_string(),
            rule: "quake.dead".to_string(),
            value: "43".to_string(),
            text: written.to_string(),
            start: 0,
            end: written.len(),
            line: 1,
            column: 1,
            published: None,
            as_of: None,
            attribution: None,
            stance: None,
        };
        let (from, to) = number_in_words(written, &claim, &rules).expect("the words are found");
        assert_eq!(&written[from..to], "ثلاثة وأربعين");
        // Another value is not this claim's number.
        let other = DraftClaim {
            value: "44".to_string(),
            ..claim.clone()
        };
        assert_eq!(number_in_words(written, &other, &rules), None);
        // Nor is a key no rule has.
        let unknown = DraftClaim {
            key: "other".to_string(),
            ..claim
        };
        assert_eq!(number_in_words(written, &unknown, &rules), None);
    }
}
