//! `--format short`: `path:line:col: severity code message`, one line a
//! claim of each finding, for grep and editors' quickfix lists.

use super::{nothing_at_end, FindingSink, Lines, Report};
use crate::compare::Finding;
use crate::extract::Claim;
use crate::input::corpus::InputError;
use std::io;

/// One line a location.
pub struct Short;

impl Report for Short {
    fn sink<'a>(&'a self, out: &'a mut dyn io::Write) -> Box<dyn FindingSink + 'a> {
        let each = |out: &mut dyn io::Write, f: &Finding| {
            if f.baselined {
                return Ok(());
            }
            let help = match f.unquoted_note() {
                Some(note) => format!("{} ({note})", f.help),
                None => f.help.clone(),
            };
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
                    help
                )?;
            }
            Ok(())
        };
        Box::new(Lines {
            out,
            each,
            end: nothing_at_end,
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
