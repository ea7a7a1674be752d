//! `--format short`: `path:line:col: severity code message`, one line a
//! claim of each finding, for grep and editors' quickfix lists.

use super::{CheckResult, Report};
use crate::extract::Claim;
use crate::input::corpus::InputError;
use std::io;

/// One line a location.
pub struct Short;

impl Report for Short {
    fn check(&self, out: &mut dyn io::Write, result: &CheckResult) -> io::Result<()> {
        result.each(&mut |f| {
            if f.baselined {
                return Ok(());
            }
            for (role, c) in &f.claims {
                writeln!(
                    out,
                    "{}:{}:{}: {} {} {} says {}{} ({}; {})",
                    c.article,
                    c.line_col.line,
                    c.line_col.column,
                    f.severity.as_str(),
                    f.code.as_str(),
                    f.key,
                    c.value.canonical(),
                    c.when(),
                    role.as_str(),
                    f.help
                )?;
            }
            Ok(())
        })
    }

    fn extract(&self, out: &mut dyn io::Write, claims: &[Claim], _errors: &[InputError]) -> io::Result<()> {
        for c in claims {
            writeln!(
                out,
                "{}:{}:{}: {} {}",
                c.article,
                c.line_col.line,
                c.line_col.column,
                c.key,
                c.value.canonical()
            )?;
        }
        Ok(())
    }
}
