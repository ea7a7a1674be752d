//! `--format jsonl`: one JSON object a line. `check` writes one finding a
//! line (the shape of a finding in `--format json`); `extract` writes one
//! claim a line (the shape of `extract --format json`), which `check
//! --claims` reads back.

use super::json::{write_claim_line, write_finding_line};
use super::{nothing_at_end, FindingSink, Lines, Report};
use crate::extract::Claim;
use crate::input::corpus::InputError;
use std::io;

/// JSON Lines output.
pub struct Jsonl;

impl Report for Jsonl {
    fn sink<'a>(&'a self, out: &'a mut dyn io::Write) -> Box<dyn FindingSink + 'a> {
        Box::new(Lines {
            out,
            each: write_finding_line,
            end: nothing_at_end,
        })
    }

    fn streams_claims(&self) -> bool {
        true
    }

    fn extract(&self, out: &mut dyn io::Write, claims: &[Claim], _errors: &[InputError]) -> io::Result<()> {
        for c in claims {
            write_claim_line(out, c)?;
        }
        Ok(())
    }
}
