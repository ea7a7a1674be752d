//! Rule errors: diagnostics that point at a line and column of a rule file.

use crate::diagnostic::TextSource;
use miette::{Diagnostic, LabeledSpan, SourceCode};
use std::fmt;
use std::sync::Arc;

/// What went wrong in a rule file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleErrorKind {
    /// The file could not be read.
    Io,
    /// Not valid YAML, an unknown field, a wrong type.
    Syntax,
    /// A pattern that is not a valid regex (or is too big).
    Regex,
    /// `{name}` that is not a placeholder, or the wrong number of them.
    Placeholder,
    /// Two rules with one id.
    DuplicateId,
    /// An example that does not give its value, or an allow that claims.
    Example,
    /// A language with no grammar, a bad tolerance, an empty list.
    Invalid,
}

impl RuleErrorKind {
    fn code(self) -> &'static str {
        match self {
            RuleErrorKind::Io => "crosscheck::rules::io",
            RuleErrorKind::Syntax => "crosscheck::rules::syntax",
            RuleErrorKind::Regex => "crosscheck::rules::regex",
            RuleErrorKind::Placeholder => "crosscheck::rules::placeholder",
            RuleErrorKind::DuplicateId => "crosscheck::rules::duplicate-id",
            RuleErrorKind::Example => "crosscheck::rules::example",
            RuleErrorKind::Invalid => "crosscheck::rules::invalid",
        }
    }
}

/// One error in one rule file, with the place it points at.
#[derive(Debug, Clone)]
pub struct RuleError {
    pub kind: RuleErrorKind,
    pub message: String,
    pub label: String,
    pub help: Option<String>,
    /// Byte offset and length in the file.
    pub span: Option<(usize, usize)>,
    pub file: Arc<TextSource>,
}

impl RuleError {
    /// The 1-based line and column the error points at.
    pub fn line_col(&self) -> Option<(usize, usize)> {
        let (offset, _) = self.span?;
        let lc = crate::text::span::LineCol::of(self.file.text(), offset.min(self.file.text().len()));
        Some((lc.line, lc.column))
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.message)
    }
}

impl std::error::Error for RuleError {}

impl Diagnostic for RuleError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.kind.code()))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.file.as_ref())
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let (offset, len) = self.span?;
        let label = LabeledSpan::new(Some(self.label.clone()), offset, len);
        Some(Box::new(std::iter::once(label)))
    }
}
