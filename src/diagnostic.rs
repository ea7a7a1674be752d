//! A named source for miette whose columns count characters.
//!
//! miette's own `NamedSource<String>` reports the column of a label in
//! bytes, so an error on an Arabic line of a rule file would point past
//! the right place (`rules.yaml:9:55` where the 43rd character is meant).
//! [`TextSource`] answers the single-span query miette makes for the
//! `path:line:column` header with a character column, like every other
//! column crosscheck prints.

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, MietteError, MietteSpanContents, NamedSource, SourceCode,
    SourceSpan, SpanContents,
};

/// A file's text and name, with character columns.
#[derive(Debug, Clone)]
pub struct TextSource(pub NamedSource<String>);

impl TextSource {
    pub fn new(name: impl AsRef<str>, text: String) -> TextSource {
        TextSource(NamedSource::new(name, text))
    }

    pub fn name(&self) -> &str {
        self.0.name()
    }

    pub fn text(&self) -> &str {
        self.0.inner()
    }
}

impl SourceCode for TextSource {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let contents = self.0.read_span(span, before, after)?;
        if before != 0 || after != 0 {
            return Ok(contents);
        }
        let text = self.text();
        let start = span.offset().min(text.len());
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let column = text
            .get(line_start..start)
            .map_or(contents.column(), |s| s.chars().count());
        Ok(Box::new(MietteSpanContents::new_named(
            self.name().to_string(),
            contents.data(),
            *contents.span(),
            contents.line(),
            column,
            contents.line_count(),
        )))
    }
}

/// The handler every diagnostic is drawn with: Unicode, coloured or not,
/// wrapped at `width`.
pub fn handler(color: bool, width: usize) -> GraphicalReportHandler {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme).with_width(width)
}

/// `d` drawn by [`handler`].
pub fn render(d: &dyn Diagnostic, color: bool, width: usize) -> String {
    let mut s = String::new();
    // Rendering into a String cannot fail for I/O reasons.
    let _ = handler(color, width).render_report(&mut s, d);
    s
}
