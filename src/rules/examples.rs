//! A rule's own `examples` and `allows`, run as cases.

use super::Rule;
use crate::text::normalize::fold;

/// The outcome of one `examples` or `allows` case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseResult {
    /// `examples` or `allows`.
    pub list: &'static str,
    pub index: usize,
    pub text: String,
    /// The expected value; `None` for an allow (nothing expected).
    pub expected: Option<String>,
    /// What the rule read.
    pub read: Vec<String>,
}

impl CaseResult {
    pub fn passed(&self) -> bool {
        match &self.expected {
            Some(v) => self.read.contains(v),
            None => self.read.is_empty(),
        }
    }
}

impl Rule {
    /// Runs the rule's own examples and allows.
    pub fn test(&self) -> Vec<CaseResult> {
        let read = |text: &str, published| -> Vec<String> {
            self.find(&fold(text), published)
                .iter()
                .map(|m| m.value.canonical())
                .collect()
        };
        let examples = self.examples.iter().enumerate().map(|(index, ex)| CaseResult {
            list: "examples",
            index,
            text: ex.text.clone(),
            expected: Some(ex.value.clone()),
            read: read(&ex.text, ex.published),
        });
        let allows = self.allows.iter().enumerate().map(|(index, text)| CaseResult {
            list: "allows",
            index,
            text: text.clone(),
            expected: None,
            read: read(text, None),
        });
        examples.chain(allows).collect()
    }
}
