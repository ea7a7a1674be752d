//! `--format github`: GitHub Actions workflow commands, one a claim of each
//! finding, so every article involved gets its own inline annotation.
//! Property values are escaped as the runner expects (`%`, CR, LF, and in
//! properties `:` and `,`).

use super::{CheckResult, Report};
use crate::corpus::InputError;
use crate::extract::Claim;
use crate::rules::Severity;
use std::io;

/// GitHub workflow commands.
pub struct Github;

fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

impl Report for Github {
    fn check(&self, out: &mut dyn io::Write, result: &CheckResult) -> io::Result<()> {
        result.each(&mut |f| {
            if f.baselined {
                return Ok(());
            }
            let command = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Note => "notice",
            };
            for (_, c) in &f.claims {
                let end_column = c.line_col.column + c.text.lines().next().map_or(0, |l| l.chars().count());
                writeln!(
                    out,
                    "::{command} file={},line={},col={},endColumn={},title={}::{}",
                    escape_property(&c.article),
                    c.line_col.line,
                    c.line_col.column,
                    end_column,
                    escape_property(&format!("crosscheck {}: {}", f.code.as_str(), f.key)),
                    escape_data(&format!(
                        "{} says {}. {}. {}",
                        c.article,
                        c.value.canonical(),
                        f.message,
                        f.help
                    ))
                )?;
            }
            Ok(())
        })
    }

    fn extract(&self, out: &mut dyn io::Write, claims: &[Claim], _errors: &[InputError]) -> io::Result<()> {
        for c in claims {
            writeln!(
                out,
                "::notice file={},line={},col={}::{}",
                escape_property(&c.article),
                c.line_col.line,
                c.line_col.column,
                escape_data(&format!("{} = {}", c.key, c.value.canonical()))
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_escape_separators() {
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        assert_eq!(escape_data("x: y\r\n"), "x: y%0D%0A");
    }
}
